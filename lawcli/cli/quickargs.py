"""A small argument parser for the everyday commands, so that they start without typer.

`lawcli article 23 FILE` and `lawcli search 罚款 DIR` are typed dozens of times a day,
and importing typer (with click) costs ~30 ms: more than a look-up itself once the
parse cache is warm.  `parse` reads the plain forms of these commands' arguments —
long options with `=` or a separate value, short options with a separate value,
flags, positionals in any order, `--` — and gives up (returns None) on anything
else: help, unknown options, combined short flags (`-lc`), attached values
(`-dfoo`), a value that looks like an option, a number that does not convert.  The
typer application (cli.py) then runs as usual and says what is wrong.

SPECS must say what the typer declarations say; tests/test_quickargs.py compares
them with the click parameters typer builds, and runs both parsers over a battery
of argument lists.  Each value's name is the command function's parameter name,
which is also the name its `run_*` function takes.
"""

from __future__ import annotations

from collections import namedtuple

from ..records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

# collections.namedtuple rather than typing.NamedTuple: this module is imported on
# every run, and the typing form costs about a millisecond more to create.
#: dest: the parameter's name; kind: str | int | float | flag | list.
Opt = namedtuple("Opt", "dest kind")
#: positional: parameter names in order; required: how many must be given;
#: variadic: the last takes all the rest; options: flag → Opt; defaults: name → value.
Spec = namedtuple("Spec", "positional required variadic options defaults")


def _options(*entries: tuple[str, str, str]) -> dict[str, Opt]:
    """(dest, kind, 'flag names separated by spaces') → {flag: Opt}."""
    return {flag: Opt(dest, kind) for dest, kind, flags in entries for flag in flags.split()}


_DOC = ("doc", "str", "--doc -d")
_FORMAT = ("fmt", "str", "--format -f")
_PUNCT = ("punct", "str", "--punct")
_ENCODING = ("encoding", "str", "--encoding")
_LAW = ("law", "str", "--law -l")

SPECS: dict[str, Spec] = {
    "article": Spec(("ref", "file"), 1, False, _options(_DOC, _FORMAT, _PUNCT, _ENCODING, _LAW),
                    {"file": None, "doc": None, "fmt": "text", "punct": "published", "encoding": None,
                     "law": None}),
    "toc": Spec(("file",), 0, False, _options(_DOC, _FORMAT, _ENCODING, _LAW),
                {"file": None, "doc": None, "fmt": "text", "encoding": None, "law": None}),
    "print": Spec(("file",), 0, False, _options(_DOC, _FORMAT, _PUNCT, _ENCODING, _LAW),
                  {"file": None, "doc": None, "fmt": "text", "punct": "published", "encoding": None,
                   "law": None}),
    "docs": Spec(("file",), 0, False, _options(_FORMAT, _ENCODING, _LAW),
                 {"file": None, "fmt": "text", "encoding": None, "law": None}),
    "search": Spec(("args",), 0, True, _options(
        ("patterns", "list", "--regexp -e"), ("query", "str", "--query -q"),
        ("regex", "flag", "--regex -E"), ("all_terms", "flag", "--all"),
        ("ignore_space", "flag", "--ignore-space"), _DOC, ("kind", "str", "--kind"),
        ("within", "str", "--within"), ("level", "str", "--level"), ("count", "flag", "--count -c"),
        ("files_with_matches", "flag", "--files-with-matches -l"), ("context", "int", "--context -C"),
        ("line_number", "flag", "--line-number -n"), _FORMAT, ("index", "str", "--index"),
        ("no_index", "flag", "--no-index"), ("law", "str", "--law"), ("timeout", "float", "--timeout"),
        _ENCODING),
        {"args": None, "patterns": None, "query": None, "regex": False, "all_terms": False,
         "ignore_space": False, "doc": None, "kind": None, "within": None, "level": "smallest",
         "count": False, "files_with_matches": False, "context": 0, "line_number": False,
         "fmt": "text", "index": None, "no_index": False, "law": None, "timeout": 2.0,
         "encoding": None}),
}

_CONVERT = {"str": str, "list": str, "int": int, "float": float}


def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """(command, parameters) for a plain invocation of an everyday command, else None."""
    if not argv or argv[0] not in SPECS:
        return None
    spec = SPECS[argv[0]]
    params = dict(spec.defaults)
    positional: list[str] = []
    rest = iter(argv[1:])
    only_positional = False
    for token in rest:
        if only_positional or token == "-" or not token.startswith("-"):
            positional.append(token)
            continue
        if token == "--":
            only_positional = True
            continue
        name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
        opt = spec.options.get(name)
        if opt is None:
            return None
        if opt.kind == "flag":
            if eq:
                return None
            params[opt.dest] = True
            continue
        if not eq:
            nxt = next(rest, None)
            if nxt is None or (nxt.startswith("-") and nxt != "-"):
                return None
            value = nxt
        try:
            converted = _CONVERT[opt.kind](value)
        except ValueError:
            return None
        if opt.kind == "list":
            params[opt.dest] = [*(params[opt.dest] or []), converted]
        else:
            params[opt.dest] = converted
    if spec.variadic:
        fixed = spec.positional[:-1]
        if len(positional) < len(fixed):
            return None
        params.update(zip(fixed, positional))
        params[spec.positional[-1]] = positional[len(fixed):] or None
    else:
        if not spec.required <= len(positional) <= len(spec.positional):
            return None
        params.update(zip(spec.positional, positional))
    return argv[0], params
