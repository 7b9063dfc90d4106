"""Headings follow their articles: 编/章/节 of both sides paired by the articles they
share, then by title, and the place each heading row takes among the article rows.

Apart from the alignment because it only reads the article pairs the alignment made.
"""

from __future__ import annotations

from ..text.textfold import fold_space
from .align import Match
from .result import HeadingRow, Row
from .sides import Side
from .texts import similarity


def align_headings(o: Side, n: Side, new_of_old: dict[int, Match]) -> dict[int, int]:
    """Old heading index → new heading index: by shared articles, then by title."""
    heads_of: dict[int, list[int]] = {}
    for hj, arts in enumerate(n.heading_articles):
        for b in arts:
            heads_of.setdefault(b, []).append(hj)
    pairs = []
    for hi, ho in enumerate(o.headings):
        targets: dict[int, int] = {}
        for a in o.heading_articles[hi]:
            m = new_of_old.get(a)
            if m is None:
                continue
            for b in m.new:
                for hj in heads_of.get(b, ()):
                    if n.headings[hj].kind == ho.kind:
                        targets[hj] = targets.get(hj, 0) + 1
        for hj, hn in enumerate(n.headings):
            if hn.kind != ho.kind:
                continue
            t = similarity(fold_space(ho.title or ""), fold_space(hn.title or ""))
            overlap = targets.get(hj, 0)
            size = max(1, min(len(o.heading_articles[hi]), len(n.heading_articles[hj])))
            if overlap == 0 and t < 0.8:
                continue
            pairs.append((-(overlap / size + t), abs(hi - hj), hi, hj))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, hi, hj in pairs:
        if hi in out or hj in used:
            continue
        out[hi] = hj
        used.add(hj)
    return out


def heading_rows(o: Side, n: Side, mapping: dict[int, int]) -> list[HeadingRow]:
    rows: list[HeadingRow] = []
    for hi, ho in enumerate(o.headings):
        hj = mapping.get(hi)
        if hj is None:
            rows.append(HeadingRow("deleted", ho, None))
            continue
        hn = n.headings[hj]
        same_title = fold_space(ho.title or "") == fold_space(hn.title or "")
        rows.append(HeadingRow("unchanged" if same_title else "renamed", ho, hn,
                               renumbered=(ho.number != hn.number)))
    mapped = set(mapping.values())
    for hj, hn in enumerate(n.headings):
        if hj not in mapped:
            rows.append(HeadingRow("added", None, hn))
    return rows


def changed_chapter(m: Match, o: Side, n: Side, heading_map: dict[int, int]) -> bool:
    """Whether a pair left its chapter: the old one's partner is not the chapter it is now in."""
    hc = o.chapter_of[m.old[0]]
    gc = n.chapter_of[m.new[0]]
    if hc is None or gc is None:
        return False
    return heading_map.get(hc) != gc


def heading_positions(hrows: list[HeadingRow], rows: tuple[Row, ...], o: Side,
                      n: Side) -> list[int]:
    """Where each heading row is read: before the row of its first article."""
    new_row: dict[int, int] = {}
    old_row: dict[int, int] = {}
    for k, r in enumerate(rows):
        for a in r.new:
            new_row.setdefault(a.position, k)
        for a in r.old:
            old_row.setdefault(a.position, k)
    out = []
    for h in hrows:
        pos = None
        if h.new is not None:
            arts = n.heading_articles[h.new.position]
            pos = new_row.get(arts[0]) if arts else None
            if pos is None:
                pos = _next_row(n.heading_articles, h.new.position, new_row, len(rows))
        elif h.old is not None:
            arts = o.heading_articles[h.old.position]
            pos = old_row.get(arts[0]) if arts else None
            if pos is None:
                pos = _next_row(o.heading_articles, h.old.position, old_row, len(rows))
        out.append(len(rows) if pos is None else pos)
    return out


def _next_row(heading_articles: list[list[int]], h: int, row_of: dict[int, int], end: int) -> int:
    """An empty heading is read before the first article of the headings after it."""
    for arts in heading_articles[h + 1:]:
        if arts and arts[0] in row_of:
            return row_of[arts[0]]
    return end
