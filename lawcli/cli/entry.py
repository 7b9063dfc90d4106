"""The `lawcli` console entry point: plain look-ups start without typer.

An everyday command given plainly (quickargs.py says which and what "plainly"
means) runs its `run_*` function directly; everything else — help, `--version`,
the other commands, mistakes — goes to the typer application in app.py.  Both
ways share `kit.guarded`: errors become one line on stderr and an exit code.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    pass


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args in (["--version"], ["-V"]):  # what typer's eager option prints, without typer
        from .. import __version__

        sys.stdout.write(f"lawcli {__version__}\n")
        return 0
    from .quickargs import parse

    quick = parse(args)
    if quick is None:
        from .app import main as full

        return full(args)
    command, params = quick
    from .commands import run_command
    from .kit import guarded

    return guarded(lambda: run_command(command, params))


def console() -> None:
    """The installed `lawcli` command: `main`, then a quick exit.

    Output is flushed and the process ends with os._exit: tearing the interpreter
    down (its modules, the objects of a large search) costs a few milliseconds of
    every command and does nothing a finished command needs — files are closed,
    the index and the cache committed, worker processes joined by then.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a pipe closed early: nothing more to say
            pass
    os._exit(code)
