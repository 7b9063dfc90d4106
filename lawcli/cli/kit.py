"""What every command shares: reading input, choosing documents, writing output.

Output goes to stdout only; messages and warnings to stderr, so pipes stay clean.
Colour is used only on a terminal, never with NO_COLOR or when piped.
"""

from __future__ import annotations

import os
import sys

from ..errors import LawcliError, UsageError
from ..text.segments import Segment, plain, punctuate, to_json

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:  # the tree's modules are imported by the commands that read one
    from typing import Any, Iterable

    from ..parsing.model import Diagnostic, Document
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

        return load_law(law)
    from .load import load_file

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
        Console(highlight=False, soft_wrap=True).print(text, end="")
    else:
        write(plain(segments))


def emit_json(data: Any) -> None:
    write(to_json(data) + "\n")


def warn(message: str) -> None:
    sys.stderr.write(f"lawcli: warning: {message}\n")


def report_warnings(source: Source, docs: Iterable[Document]) -> None:
    """Diagnostics go to stderr in every format (JSON carries them too)."""
    docs = list(docs)
    for d in docs:
        for w in d.warnings:
            where = f"{source.name}:{w.line}: " if w.line else f"{source.name}: "
            title = f"《{d.title}》" if len(source.documents) > 1 and d.title else ""
            warn(f"{where}{title}{w.message}")


def diag_list(diags: Iterable[Diagnostic]) -> list[dict[str, Any]]:
    return [d.to_dict() for d in diags]


def doc_ref(doc: Document) -> dict[str, Any]:
    """How a result names the document it came from."""
    return {"index": doc.index, "title": doc.title, "kind": doc.kind}


def fail(err: LawcliError) -> int:
    sys.stderr.write(f"lawcli: error: {err}\n")
    return int(err.exit_code)
