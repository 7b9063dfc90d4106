"""The `lawcli` console entry point: plain look-ups start without typer.

An everyday command given plainly (quickargs.py says which and what "plainly"
means) runs its `run_*` function directly; everything else — help, `--version`,
the other commands, mistakes — goes to the typer application in cli.py.  Both
ways share `guarded`: errors become one line on stderr and an exit code.
"""

from __future__ import annotations

import os
import sys

from ..records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Callable


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
    return guarded(lambda: _run(command, params))


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


def _run(command: str, params: dict[str, Any]) -> int:
    if command == "search":
        from .commands.search import run_search

        return run_search(**{**params, "args": params["args"] or [], "patterns": params["patterns"] or []})
    from .commands import core

    getattr(core, f"run_{command}")(**params)
    return 0


def guarded(fn: Callable[[], int | None]) -> int:
    """Run a command: its exit code, or one `lawcli: error:` line and 2 (usage or
    input) / 1 (not found); an internal error in one line too (LAWCLI_DEBUG=1 for
    the traceback); a pipe closed early (`| head`) ends quietly."""
    from ..errors import LawcliError

    try:
        code = fn() or 0
        _flush()
        return code
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
        _flush()
        return code
    except LawcliError as e:
        from ..errors import OutputError
        from .kit import fail

        if isinstance(e, OutputError):
            _quiet_stdout()  # what is still buffered would fail again at exit
        else:
            _flush()
        return fail(e)
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("lawcli: interrupted\n")
        return 130
    except Exception as e:  # a bug in lawcli: say so in one line, trace only on request
        if os.environ.get("LAWCLI_DEBUG"):
            raise
        sys.stderr.write(f"lawcli: internal error: {type(e).__name__}: {e} "
                         "(set LAWCLI_DEBUG=1 for the traceback, and please report it)\n")
        return 2


def _flush() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as e:
        from .kit import output_error

        raise output_error(e) from None


def _quiet_stdout() -> None:
    """After `| head` closed the pipe: send the rest to /dev/null, no traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
