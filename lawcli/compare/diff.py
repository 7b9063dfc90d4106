"""`diff_documents`: two versions of a document → the rows of a 修改对照表.

The alignment (`align`) pairs the articles; this turns its pairs into rows — which
articles moved (out of the longest ordered run, or into another chapter), what
changed inside each (`inner`), where deleted articles are read — and adds the
heading rows (`headings`), the text outside the articles and the counts.
"""

from __future__ import annotations

from typing import Iterable

from ..parsing.model import HEADING_KINDS, Document, Kind, Node
from .align import Aligner, Match
from .headings import align_headings, changed_chapter, heading_positions, heading_rows
from .inner import inner_diff, unit_changes
from .order import longest_increasing
from .result import STATUSES, DiffResult, HeadingRow, PartRow, Row, Summary
from .sides import Side, side_of
from .texts import Norm, normalise


def _joined(side: Side, idx: list[int]) -> Norm:
    if len(idx) == 1:
        return side.norms[idx[0]]
    return normalise("\n".join(side.articles[k].text for k in idx))


def _row(m: Match, o: Side, n: Side, moved: bool) -> Row:
    olds = tuple(o.articles[i] for i in m.old)
    news = tuple(n.articles[j] for j in m.new)
    renumbered = olds[0].number != news[0].number
    if m.match_pass in ("split", "merge"):
        status = "split" if m.match_pass == "split" else "merged"
        ops = tuple(inner_diff(_joined(o, m.old), _joined(n, m.new)))
        return Row(status, olds, news, renumbered, moved, m.match_pass, m.score, ops, ())
    a, b = o.norms[m.old[0]], n.norms[m.new[0]]
    if a.norm == b.norm:
        return Row("unchanged", olds, news, renumbered, moved, m.match_pass, 1.0 if
                   m.match_pass == "identical" else m.score)
    ops = tuple(inner_diff(a, b))
    changes = tuple(unit_changes(olds[0].node, news[0].node))
    return Row("modified", olds, news, renumbered, moved, m.match_pass, m.score, ops, changes)


def diff_documents(old: Document, new: Document) -> DiffResult:
    """Align the articles of two versions and classify every one of them.

    Every article of `old` and of `new` appears in exactly one row; rows come in the
    order a reader of the new text meets them, deleted articles after the article that
    preceded them in the old text.
    """
    o, n = side_of(old), side_of(new)
    aligner = Aligner(o, n)
    matches = aligner.run()
    heading_map = align_headings(o, n, aligner.new_of_old)

    # moved: out of order (not in the longest ordered run), or into another chapter
    ordered = sorted(matches, key=lambda m: (m.old[0], m.new[0]))
    keep = set(longest_increasing([m.new[0] for m in ordered]))
    rows_with_key: list[tuple[tuple[float, ...], Row]] = []
    anchor_new: dict[int, int] = {}
    for k, m in enumerate(ordered):
        moved = k not in keep or changed_chapter(m, o, n, heading_map)
        row = _row(m, o, n, moved)
        rows_with_key.append(((min(m.new), 0, min(m.old)), row))
        if k in keep:
            for i in m.old:
                anchor_new[i] = min(m.new)
    matched_old = set(aligner.new_of_old)
    matched_new = set(aligner.old_of_new)
    last_anchor = -1.0
    for i, art in enumerate(o.articles):
        if i in anchor_new:
            last_anchor = anchor_new[i]
        if i not in matched_old:
            rows_with_key.append(((last_anchor, 1, i), Row("deleted", (art,), ())))
    for j, art in enumerate(n.articles):
        if j not in matched_new:
            rows_with_key.append(((j, 0, -1), Row("added", (), (art,))))
    rows_with_key.sort(key=lambda x: x[0])
    rows = tuple(r for _, r in rows_with_key)

    hrows = heading_rows(o, n, heading_map)
    positions = heading_positions(hrows, rows, o, n)
    order = sorted(range(len(hrows)), key=lambda k: (positions[k], k))
    hrows = [hrows[k] for k in order]
    positions = [positions[k] for k in order]
    return DiffResult(old.title, new.title, rows, tuple(hrows), _summary(rows, hrows, o, n),
                      tuple(positions), tuple(_part_rows(old, new)))


_NOT_PARTS = (Kind.TITLE, Kind.INFO, Kind.TOC, Kind.ARTICLE)
LOOSE = "条文以外的文字"


def _parts(doc: Document) -> dict[str, str]:
    """Name → published text of what lies outside the articles and headings."""
    out: dict[str, list[str]] = {}

    def text_of(node: Node) -> list[str]:
        """The node's lines and its descendants', articles (diffed as rows) left out."""
        if node.kind is Kind.ARTICLE:
            return []
        own = [node.raw.strip()] if node.raw.strip() else []
        return own + [t for c in node.children for t in text_of(c)]

    def visit(node: Node) -> None:
        if node.kind in _NOT_PARTS:
            return
        if node.kind is Kind.PREAMBLE:
            out.setdefault("序言", []).extend(text_of(node))
        elif node.kind is Kind.ANNEX:
            name = " ".join(x for x in (node.label, node.title) if x) or "附件"
            out.setdefault(name, []).extend(text_of(node))
        elif node.kind in HEADING_KINDS:
            for c in node.children:
                visit(c)
        elif node.raw.strip():
            out.setdefault(LOOSE, []).append(node.raw.strip())
            for c in node.children:
                visit(c)

    for top in doc.children:
        visit(top)
    return {k: "\n".join(v) for k, v in out.items() if normalise("\n".join(v)).norm}


def _part_rows(old: Document, new: Document) -> list[PartRow]:
    a, b = _parts(old), _parts(new)
    rows = []
    for name in list(a) + [x for x in b if x not in a]:
        if name not in b:
            rows.append(PartRow(name, "deleted", a[name], ""))
        elif name not in a:
            rows.append(PartRow(name, "added", "", b[name]))
        else:
            na, nb = normalise(a[name]), normalise(b[name])
            if na.norm == nb.norm:
                rows.append(PartRow(name, "unchanged", a[name], b[name]))
            else:
                rows.append(PartRow(name, "modified", a[name], b[name], tuple(inner_diff(na, nb))))
    return rows


def _summary(rows: Iterable[Row], hrows: list[HeadingRow], o: Side, n: Side) -> Summary:
    counts = {s: 0 for s in STATUSES}
    renumbered = moved = 0
    for r in rows:
        counts[r.status] += 1
        renumbered += r.renumbered
        moved += r.moved
    return Summary(
        unchanged=counts["unchanged"], modified=counts["modified"], added=counts["added"],
        deleted=counts["deleted"], split=counts["split"], merged=counts["merged"],
        renumbered=renumbered, moved=moved,
        old_articles=len(o.articles), new_articles=len(n.articles),
        headings_added=sum(h.status == "added" for h in hrows),
        headings_deleted=sum(h.status == "deleted" for h in hrows),
        headings_renamed=sum(h.status == "renamed" for h in hrows),
        headings_renumbered=sum(h.renumbered for h in hrows),
    )
