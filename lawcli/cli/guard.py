"""One command run, guarded: its exit code, or one line on stderr and an exit code.

Shared by both ways into the CLI (entry.py's quick path and the typer application in
app.py), so an error reads the same whichever parsed the arguments.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Callable


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
