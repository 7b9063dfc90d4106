"""The typer side of the declarations in options.py.

`declared(name)` builds the typer command of an everyday command from the table the
quick parser reads too; the shared option annotations (FILE, --doc, --format,
--encoding, --law) serve the commands declared the usual way (diff, refs, amend).
"""

# No `from __future__ import annotations`: typer reads these annotations as objects.
from typing import Annotated, Optional

import typer

from .options import DOC, ENCODING, FILE, FORMAT, LAW, QUIET


def _option(opt):
    """An option of options.py as an annotation, for commands declared the usual way."""
    return Annotated[Optional[str] if opt.default is None else str,
                     typer.Option(*opt.flags.split(), help=opt.help)]


FileArg = Annotated[Optional[str], typer.Argument(metavar=FILE.metavar, help=FILE.help, show_default=False)]
DocOpt = _option(DOC)
FormatOpt = _option(FORMAT)
EncodingOpt = _option(ENCODING)
LawOpt = _option(LAW)
QuietOpt = Annotated[bool, typer.Option(*QUIET.flags.split(), help=QUIET.help)]



def declared(name: str):
    """The typer command for one of the everyday commands, built from options.py (the
    declaration quickargs.py reads too): a function whose signature typer reads, that
    hands the parsed values to the same `run_*` call as the quick path."""
    import inspect
    from typing import List

    from .options import COMMANDS

    command = COMMANDS[name]
    types = {"str": str, "int": int, "float": float, "flag": bool, "list": List[str]}
    params = []
    for a in command.args:
        kind = Optional[List[str]] if a.variadic else (str if a.required else Optional[str])
        default = typer.Argument(... if a.required else None, metavar=a.metavar, help=a.help,
                                 show_default=not (a.variadic or a.dest == "file"))
        params.append(inspect.Parameter(a.dest, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                        default=default, annotation=kind))
    for o in command.options:
        kind = types[o.kind]
        if o.default is None:
            kind = Optional[kind]
        params.append(inspect.Parameter(o.dest, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                        default=typer.Option(o.default, *o.flags.split(), help=o.help),
                                        annotation=kind))

    def run(**values) -> None:
        from .commands import run_command

        code = run_command(name, values)
        if code:
            raise typer.Exit(code)

    run.__name__ = name
    run.__doc__ = command.help
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    return run
