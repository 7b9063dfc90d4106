"""A small argument parser for the everyday commands, so that they start without typer.

`lawcli article 23 FILE` and `lawcli search 罚款 DIR` are typed dozens of times a day,
and importing typer (with click) costs ~60 ms: more than a look-up itself once the
parse cache is warm.  `parse` reads the plain forms of these commands' arguments —
long options with `=` or a separate value, short options with a separate value,
flags, positionals in any order, `--` — and gives up (returns None) on anything
else: help, unknown options, combined short flags (`-lc`), attached values
(`-dfoo`), a value that looks like an option, a number that does not convert.  The
typer application (app.py) then runs as usual and says what is wrong.

SPECS are read off the one declaration both parsers share (options.py); each value's
name is the `run_*` parameter it fills.
"""

from __future__ import annotations

from collections import namedtuple

from .options import COMMANDS

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any

#: dest: the parameter's name; kind: str | int | float | flag | list.
QuickOpt = namedtuple("QuickOpt", "dest kind")
#: positional: parameter names in order; required: how many must be given;
#: variadic: the last takes all the rest; options: flag → QuickOpt; defaults: name → value.
Spec = namedtuple("Spec", "positional required variadic options defaults")


def _spec(command) -> Spec:
    args, options = command.args, command.options
    defaults = {a.dest: None for a in args if not a.required}
    defaults.update((o.dest, o.default) for o in options)
    return Spec(tuple(a.dest for a in args), sum(1 for a in args if a.required),
                bool(args) and args[-1].variadic,
                {flag: QuickOpt(o.dest, o.kind) for o in options for flag in o.flags.split()}, defaults)


SPECS: dict[str, Spec] = {name: _spec(command) for name, command in COMMANDS.items()}

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
