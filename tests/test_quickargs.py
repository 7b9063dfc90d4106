"""The quick argument parser (cli/quickargs.py) must read arguments exactly as typer does.

Plain look-ups skip typer at start-up.  Both parsers are built from one declaration
(cli/options.py); these tests check what each made of it: the options typer built are
compared with the quick parser's, then both are run over generated argument lists and
must call the same `run_*` function with the same arguments.
"""

from __future__ import annotations

import inspect
import random

import pytest
import typer

from lawcli.cli import app as cli
from lawcli.cli import quickargs
from lawcli.cli.commands import core
from lawcli.cli.commands import search as search_cmd
from lawcli.cli.entry import main as entry_main


def _click_command(name: str):
    cli.register_all()
    group = typer.main.get_command(cli.app)
    return group.commands[name]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(quickargs.SPECS))
def test_specs_declare_what_typer_declares(name):
    spec = quickargs.SPECS[name]
    command = _click_command(name)
    declared = {}
    for p in command.params:
        if p.param_type_name == "argument":  # (typer may bring its own copy of click)
            assert p.name in spec.positional, p.name
            assert (p.nargs == -1) == (spec.variadic and p.name == spec.positional[-1])
            continue
        if p.name == "help":
            continue
        flags = sorted(p.opts + p.secondary_opts)
        assert sorted(f for f, o in spec.options.items() if o.dest == p.name) == flags, p.name
        kind = spec.options[flags[0]].kind
        assert p.is_flag == (kind == "flag"), p.name
        assert p.multiple == (kind == "list"), p.name
        assert p.type.name == {"flag": "boolean", "list": "str"}.get(kind, kind), p.name
        declared[p.name] = p
    assert set(declared) == {o.dest for o in spec.options.values()}
    arguments = [p.name for p in command.params if p.param_type_name == "argument"]
    assert tuple(arguments) == spec.positional
    assert set(spec.defaults) == set(declared) | set(spec.positional[spec.required:])


_VALUES = ["23", "第三章", "law.txt", "-", "json", "x=y", "3", "2.5", "", "条例", "罚款", "a b"]


def _argv(rng: random.Random, name: str) -> list[str]:
    spec = quickargs.SPECS[name]
    words: list[str] = []
    for _ in range(rng.randint(0, 4)):
        flag = rng.choice(sorted(spec.options))
        opt = spec.options[flag]
        if opt.kind == "flag":
            words.append(flag)
            continue
        value = rng.choice(["3", "0", "1.5", "x"]) if opt.kind in ("int", "float") else rng.choice(_VALUES)
        if flag.startswith("--") and rng.random() < 0.3:
            words.append(f"{flag}={value}")
        else:
            words.extend([flag, value])
    npos = rng.randint(0, len(spec.positional) + (2 if spec.variadic else 1))
    for _ in range(npos):
        words.insert(rng.randint(0, len(words)), rng.choice(["23", "law.txt", "-", "罚款", "第三章"]))
    if rng.random() < 0.1:
        words.insert(rng.randint(0, len(words)), "--")
    if rng.random() < 0.05:
        words.insert(rng.randint(0, len(words)), rng.choice(["-h", "--nope", "-lc", "-dfoo", "-d=x"]))
    return [name, *words]


@pytest.mark.parametrize("name", sorted(quickargs.SPECS))
def test_both_parsers_call_the_command_alike(name, monkeypatch, capsys):
    """Every argument list the quick parser accepts reaches the same run_* call as
    through typer (and typer accepts it too)."""
    target = (search_cmd, "run_search") if name == "search" else (core, f"run_{name}")
    real = getattr(*target)
    calls: list[dict] = []

    def record(*args, **kwargs):
        calls.append(dict(inspect.signature(real).bind(*args, **kwargs).arguments))
        return 0

    monkeypatch.setattr(*target, record)
    rng = random.Random(20261125)
    accepted = 0
    for _ in range(250):
        argv = _argv(rng, name)
        if quickargs.parse(argv) is None:
            continue
        accepted += 1
        calls.clear()
        assert entry_main(argv) == 0, argv
        assert cli.main(argv) == 0, (argv, capsys.readouterr().err)
        assert len(calls) == 2 and calls[0] == calls[1], (argv, calls)
    capsys.readouterr()
    assert accepted >= 100  # the battery mostly exercises the quick path


def test_help_mistakes_and_unusual_forms_go_to_typer():
    for argv in (["article"], ["article", "-h"], ["search", "--help"], ["article", "1", "2", "3"],
                 ["search", "-lc", "罚款"], ["article", "23", "-dfoo"], ["search", "--context", "x", "a"],
                 ["search", "--nope"], ["diff", "a", "b"], ["--version"], [], ["article", "23", "--doc"],
                 ["search", "-e", "-x"], ["search", "--count=yes", "罚款"]):
        assert quickargs.parse(argv) is None, argv


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_without_typer_says_what_typer_says(flag, capsys):
    assert entry_main([flag]) == 0
    quick = capsys.readouterr().out
    assert cli.main([flag]) == 0
    assert quick == capsys.readouterr().out and quick.startswith("lawcli ")
