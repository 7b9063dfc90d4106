"""Hits and how they read: the record of one hit, its text and JSON forms, counts.

What every source of hits (a scan, the index, the library) hands back and what the
CLI prints; kept apart from the engine so that the index can spell hits and
their lines without a Searcher, and presentation stays out of the matching.
Segments carry style names only: the CLI decides on colour.
"""

from __future__ import annotations

from collections import namedtuple

from .rows import HEADINGS

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Callable, Iterable


class Hit(namedtuple("Hit", "file document document_index document_kind path address article kind label "
                          "number line end_line text spans terms before after", defaults=((), ()))):
    """One hit.  A record (a tuple) rather than a frozen dataclass: a search over a large
    index makes tens of thousands, and tuples are several times cheaper to create."""

    __slots__ = ()

    file: str
    document: str
    document_index: int
    document_kind: str
    path: tuple[str, ...]
    address: str
    article: str | None
    kind: str
    label: str | None
    number: str | None
    line: int
    end_line: int
    text: str
    spans: tuple[tuple[int, int], ...]
    terms: tuple[str, ...]
    before: tuple[tuple[str, str], ...]  # default (); context: (label, text)
    after: tuple[tuple[str, str], ...]  # default ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "file": self.file,
            "document": self.document,
            "document_index": self.document_index,
            "document_kind": self.document_kind,
            "path": list(self.path),
            "address": self.address,
            "article": self.article,
            "kind": self.kind,
            "label": self.label,
            "number": self.number,
            "line": self.line,
            "end_line": self.end_line,
            "text": self.text,
            "spans": [list(s) for s in self.spans],
            "matches": [self.text[a:b] for a, b in self.spans],
            "terms": list(self.terms),
        }
        if self.before or self.after:
            d["context"] = {"before": [{"path": p, "text": t} for p, t in self.before],
                            "after": [{"path": p, "text": t} for p, t in self.after]}
        return d


def short_label(kind: str, label: str | None, address: str, path: Callable[[], list[str]]) -> str:
    """A neighbour's name in context lines, from a row's stored parts: its address
    without the title (path: its labels, asked for only when needed)."""
    if kind in HEADINGS:
        return label or ""
    if address.startswith("《") and "》" in address:
        address = address[address.index("》") + 1:]
    if address:
        return address
    labels = path()
    return labels[-1] if labels else ""


# -- presentation (segments; the CLI decides on colour) ---------------------------------

Segment = tuple[str, "str | None"]
MATCH_STYLE = "bold red"


def _indent(text: str) -> str:
    return text.replace("\n", "\n    ")


def hit_segments(hit: Hit, *, show_file: bool, show_line: bool = False) -> list[Segment]:
    """One hit: [file:][line:] address, then its text with the matches styled."""
    out: list[Segment] = []
    for label, text in hit.before:
        out.append((f"  {label}  {_indent(text)}\n", "dim"))
    if show_file:
        out.append((f"{hit.file}:", "magenta"))
    if show_line:
        out.append((f"{hit.line}:", "green"))
    out.append((hit.address or " ".join(hit.path) or hit.document, "bold cyan"))
    out.append(("  ", None))
    pos = 0
    for a, b in hit.spans:
        if a > pos:
            out.append((_indent(hit.text[pos:a]), None))
        out.append((_indent(hit.text[a:b]), MATCH_STYLE))
        pos = b
    out.append((_indent(hit.text[pos:]) + "\n", None))
    for label, text in hit.after:
        out.append((f"  {label}  {_indent(text)}\n", "dim"))
    return out


def hit_plain(hit: Hit, *, show_file: bool, show_line: bool = False) -> str:
    """`hit_segments` without styles, as one string: what a pipe or NO_COLOR gets.

    Built directly rather than joined from segments: a search over a large corpus
    prints tens of thousands of hits, and this is several times cheaper per hit.
    """
    head = (f"{hit.file}:" if show_file else "") + (f"{hit.line}:" if show_line else "")
    line = plain_line(head, hit.address or " ".join(hit.path) or hit.document, hit.text)
    if hit.before or hit.after:
        return ("".join(f"  {label}  {_indent(text)}\n" for label, text in hit.before) + line
                + "".join(f"  {label}  {_indent(text)}\n" for label, text in hit.after))
    return line


def plain_line(head: str, label: str, text: str) -> str:
    """A hit's line without styles: head (file name and colon, or ''), its address, its
    text (further lines indented).  Shared by `hit_plain` and the index's `Plan.rendered`."""
    return plain_lines(head, ((label, text),))


def plain_lines(head: str, units: Iterable[tuple[str, str]]) -> str:
    """`plain_line` of many (address, text) pairs with the same head, as one string
    (one call for a file's hits: the index's `Plan.rendered` writes tens of thousands)."""
    return "".join(f"{head}{label}  {text.replace(chr(10), _NL_INDENTED)}\n" for label, text in units)


_NL_INDENTED = "\n    "  # (what `_indent` does, inline: it runs once per hit)


class DocCount(namedtuple("DocCount", "file document document_index hits")):
    """A document's number of hits, counted without making them (see Plan.count_only)."""

    __slots__ = ()

    file: str
    document: str
    document_index: int
    hits: int


def count_by_document(hits: Iterable[Hit | DocCount]) -> list[dict[str, Any]]:
    """--count: hits per document, in the order met."""
    counts: dict[tuple[str, int], dict[str, Any]] = {}
    for h in hits:
        key = (h.file, h.document_index)
        if key not in counts:
            counts[key] = {"file": h.file, "document": h.document, "document_index": h.document_index,
                           "count": 0}
        counts[key]["count"] += h.hits if isinstance(h, DocCount) else 1
    return list(counts.values())
