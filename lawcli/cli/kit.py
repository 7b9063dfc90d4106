"""What every command shares: reading FILE, writing output, and errors as exit codes.

FILE is read through the parse cache (cache.py): below the CLI, parsing is a pure
function of the text.  A look-up's tree carries the dangling-reference warnings it
reports; a search keeps trees without them, and the cache tells the two apart.

Output goes to stdout only; messages and warnings to stderr, so pipes stay clean.
Colour is used only on a terminal, never with NO_COLOR or when piped.  Every run —
through entry.py's quick path or the typer application — is `guarded`: an error
becomes one line on stderr and an exit code.
"""

from __future__ import annotations

import os
import sys

from ..errors import LawcliError, UsageError
from ..text.styled import Segment, plain, punctuate, to_json

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:  # the tree's modules are imported by the commands that read one
    from typing import Any, Callable, Iterable

    from ..parsing.model import Diagnostic, Document, Node
    from ..parsing.source import Source


def check_format(fmt: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if fmt not in allowed:
        raise UsageError(f"--format must be one of: {', '.join(allowed)} (got {fmt!r})")
    return fmt


def resolve_input(file: str | None) -> str | None:
    """FILE, '-' or, when FILE is omitted and input is piped, standard input."""
    if file is not None:
        return file
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("missing FILE (or pipe a text into lawcli, or use - for standard input)")
    return "-"


def load(file: str | None, encoding: str | None, law: str | None = None) -> Source:
    """Read and parse FILE for a command, through the parse cache; or, with --law,
    the library document whose title contains that fragment."""
    if law is not None:
        if file is not None:
            raise UsageError("give FILE or --law, not both")
        from ..search.library import load_law  # lazy: only --law needs the library

        notes: list[str] = []
        try:
            return load_law(law, notes)
        finally:
            for n in notes:
                warn(n)
    return load_file(resolve_input(file), encoding)


def use_color() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def write(text: str) -> None:
    try:
        sys.stdout.write(text)
    except BrokenPipeError:  # `| head`: lawcli.entry ends quietly
        raise
    except OSError as e:
        raise output_error(e) from None


def output_error(e: OSError) -> LawcliError:
    from ..errors import OutputError

    return OutputError(f"cannot write the output: {e.strerror or e}")


def emit_segments(segments: list[Segment], punct: str = "published") -> None:
    segments = punctuate(segments, punct)
    if use_color():
        from rich.console import Console  # lazy: rich costs ~40 ms to import
        from rich.text import Text

        text = Text()
        for t, style in segments:
            text.append(t, style=style)
        Console(highlight=False, soft_wrap=True, width=_width()).print(text, end="")
    else:
        write(plain(segments))


def _width() -> int | None:
    """The terminal's width when COLUMNS is nonsense (0, negative, not a number, huge):
    rich would take COLUMNS=0 at its word and print nothing.  None: rich decides."""
    cols = os.environ.get("COLUMNS")
    if cols is None or (cols.strip().isdigit() and 0 < int(cols) <= 10_000):
        return None
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or 80
    except (OSError, ValueError):
        return 80


def emit_json(data: Any) -> None:
    write(to_json(data) + "\n")


def warn(message: str) -> None:
    sys.stderr.write(f"lawcli: warning: {message}\n")


def spans(nodes: Iterable[Node]) -> list[tuple[int, int]]:
    """The input lines the nodes were read from (each with its children)."""
    return [(n.line, max(n.end_line, n.line)) for n in nodes]


def scoped(doc: Document, shown: list[tuple[int, int]] | None) -> tuple[list[Diagnostic], int]:
    """The warnings about what a look-up shows — those on the `shown` line spans (all of
    them when None) — and how many were left out."""
    if shown is None:
        return list(doc.warnings), 0
    from ..rules import WHOLE_FILE

    kept = [w for w in doc.warnings if w.code in WHOLE_FILE
            or w.line and any(a <= w.line <= b for a, b in shown)]
    return kept, len(doc.warnings) - len(kept)


def report_warnings(source: Source, docs: Iterable[Document],
                    scope: dict[int, list[tuple[int, int]]] | None = None, quiet: bool = False) -> int:
    """Write to stderr the warnings about what is shown (`scope`: document index → the
    line spans shown; None: whole documents) and one line counting the others; returns how
    many were left out.  Nothing is written when `quiet`."""
    omitted = 0
    for d in docs:
        kept, left = scoped(d, None if scope is None else scope.get(d.index, []))
        omitted += left
        if quiet:
            continue
        for w in kept:
            where = f"{source.name}:{w.line}: " if w.line else f"{source.name}: "
            title = f"《{d.title}》" if len(source.documents) > 1 and d.title else ""
            warn(f"{where}{title}[{w.code}] {w.message}")
    if omitted and not quiet:
        sys.stderr.write(f"lawcli: 另有 {omitted} 条提示，见 lawcli check\n")
    return omitted


def diag_list(diags: Iterable[Diagnostic]) -> list[dict[str, Any]]:
    return [d.to_dict() for d in diags]


def doc_ref(doc: Document) -> dict[str, Any]:
    """How a result names the document it came from."""
    return {"index": doc.index, "title": doc.title, "kind": doc.kind}


def fail(err: LawcliError) -> int:
    sys.stderr.write(f"lawcli: error: {err}\n")
    return int(err.exit_code)


# -- FILE through the parse cache ------------------------------------------------------

def load_file(path: str | None, encoding: str | None = None) -> Source:
    """Read and parse a file ('-' or None: standard input) through the parse cache."""
    from ..text.reader import read_bytes
    from . import cache

    data, name = read_bytes(path)
    k = cache.key(data, encoding)
    hit = cache.get(k, checked=True)
    if hit is not None:
        return hit._replace(name=name)
    from ..api import load_bytes  # (a miss only: a hit needs no parser)

    source = load_bytes(data, name, encoding)
    cache.put(k, source, checked=True)
    return source


# -- one run, guarded: its exit code, or one line on stderr -----------------------------

def guarded(fn: Callable[[], int | None]) -> int:
    """Run a command: its exit code, or one `lawcli: error:` line and 2 (usage or
    input) / 1 (not found); an internal error in one line too (LAWCLI_DEBUG=1 for
    the traceback); a pipe closed early (`| head`) ends quietly."""
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
        raise output_error(e) from None


def _quiet_stdout() -> None:
    """After `| head` closed the pipe: send the rest to /dev/null, no traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
