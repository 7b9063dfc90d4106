"""Trees → what people and scripts read: styled text segments, JSON, tables.

Text is produced as segments (text, style) so the same code serves plain output
(pipes, NO_COLOR) and rich colours on a terminal; the CLI decides which.  The
library never prints: these functions return strings and data.
"""

from __future__ import annotations

from ..parsing.model import HEADING_KINDS, Document, Kind, Node
from ..text.styled import Segment, plain, punctuate, to_json, to_jsonl  # noqa: F401 (re-exported)

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Iterable

STYLE = {
    Kind.TITLE: "bold",
    Kind.PART: "bold magenta", Kind.SUBPART: "bold magenta", Kind.CHAPTER: "bold cyan",
    Kind.SECTION: "cyan", Kind.ARTICLE: "bold yellow", Kind.ITEM: "green", Kind.SUBITEM: "green",
    Kind.INFO: "dim", Kind.TOC: "dim", Kind.NOTE: "dim", Kind.ANNEX: "bold",
    Kind.PREAMBLE: "bold",
}


def _node_segments(node: Node) -> list[Segment]:
    """The node's own characters as published, its label styled."""
    raw = node.raw
    if not raw:
        return []
    style = STYLE.get(node.kind)
    if node.kind in HEADING_KINDS or node.kind in (Kind.TITLE, Kind.INFO, Kind.TOC, Kind.ANNEX,
                                                   Kind.PREAMBLE, Kind.NOTE):
        return [(raw, style)]
    if node.label and raw.startswith(node.label):
        return [(node.label, style), (raw[len(node.label):], None)]
    return [(raw, None)]


def node_segments(nodes: Iterable[Node], *, spaced: bool = False) -> list[Segment]:
    """Segments for whole subtrees; `spaced` puts blank lines around headings."""
    out: list[Segment] = []
    for top in nodes:
        for n in top.walk():
            if spaced and out and (n.kind in HEADING_KINDS or n.kind in (Kind.TOC, Kind.ANNEX,
                                                                         Kind.PREAMBLE, Kind.INFO)):
                out.append(("\n", None))
            out.extend(_node_segments(n))
    return out


# -- table of contents ---------------------------------------------------------------

def toc_entries(doc: Document) -> list[dict[str, Any]]:
    """编/分编/章/节 headings with their article ranges and counts, nested."""

    def entry(node: Node) -> dict[str, Any]:
        arts = [n for n in node.walk() if n.kind is Kind.ARTICLE]
        return {
            "kind": node.kind.value,
            "number": node.number,
            "label": node.label,
            "title": node.title,
            "line": node.line,
            "first_article": arts[0].number if arts else None,
            "last_article": arts[-1].number if arts else None,
            "first_label": arts[0].label if arts else None,
            "last_label": arts[-1].label if arts else None,
            "articles": len(arts),
            "children": [entry(c) for c in node.children if c.kind in HEADING_KINDS],
        }

    return [entry(n) for top in doc.children for n in _top_headings(top)]


def _top_headings(node: Node) -> list[Node]:
    return [node] if node.kind in HEADING_KINDS or node.kind in (Kind.PREAMBLE, Kind.ANNEX) else []


def toc_segments(doc: Document) -> list[Segment]:
    out: list[Segment] = []
    if doc.title:
        out.append((doc.title + "\n", "bold"))

    def line(e: dict[str, Any], depth: int) -> None:
        name = " ".join(x for x in (e["label"], e["title"]) if x)
        kind = Kind(e["kind"])
        out.append(("  " * depth, None))
        out.append((name, STYLE.get(kind)))
        if e["articles"]:
            span = e["first_label"] if e["articles"] == 1 else f"{e['first_label']}–{e['last_label']}"
            out.append((f"  {span}（{e['articles']}条）", "dim"))
        out.append(("\n", None))
        for c in e["children"]:
            line(c, depth + 1)

    entries = toc_entries(doc)
    for e in entries:
        line(e, 0)
    # Articles under no heading: a law without chapters, or articles before the first one.
    loose = [c for c in doc.children if c.kind is Kind.ARTICLE]
    if loose:
        span = loose[0].label if len(loose) == 1 else f"{loose[0].label}–{loose[-1].label}"
        out.append((f"{'(章外) ' if entries else ''}{span}（{len(loose)}条）\n", "dim"))
    elif not entries:
        out.append(("(no headings, no articles)\n", "dim"))
    return out


# -- document lists -------------------------------------------------------------------

def display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def docs_segments(rows: list[dict[str, Any]]) -> list[Segment]:
    """`lawcli docs` as text: one line per document, title last (titles are long)."""
    out: list[Segment] = []
    kind_width = max((display_width(r["kind"]) for r in rows), default=4)
    for r in rows:
        out.append((f"{r['index']:>3}  ", "bold"))
        out.append((pad(r["kind"], kind_width) + "  ", "cyan"))
        out.append((f"{str(r['articles']) + '条' if r['articles'] else '':>6}  ", None))
        dates = f"{r['adopted'] or '':10}  {r['effective'] or '':10}"
        out.append((dates + "  ", "dim"))
        out.append((r["title"], None))
        notes = []
        if r.get("subkind") and r["subkind"] != r["kind"]:
            notes.append(r["subkind"])
        if r.get("label"):
            notes.append(r["label"])
        if r.get("parent"):
            notes.append(f"→ {r['parent']}")
        notes.append(f"{r['start_line']}-{r['end_line']}")
        out.append(("  [" + ", ".join(notes) + "]\n", "dim"))
    return out

