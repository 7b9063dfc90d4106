"""Compare two versions of a document article by article: the data of a 修改对照表.

Legislative staff compare a draft with the adopted text, or a 修订 with the law it
replaces.  `diff_documents(old, new)` aligns every article of both sides in passes
that explain themselves (each row records the pass that matched it and its score):

1. ``identical`` — same text (after normalisation), whatever the number;
2. ``number``    — same number and similar text, when no other candidate is better;
3. ``similarity``— best similarity; a pair that keeps the order of the articles
   around it needs less evidence than one that would move an article;
4. ``split`` / ``merge`` — one old article whose text now spreads over adjacent new
   articles, or the reverse.  This search runs before pass 3 as well, so that a
   look-alike article cannot take a piece of a split, and again after it, for wholes
   that only pass 3 could match.

What is left is ``added`` or ``deleted``.  Texts are compared on a normalised copy
(width folding of punctuation, digits and letters; no white space inside a line) so
formatting alone never makes a change; everything shown keeps the published text.

Similarity is rapidfuzz's normalised Indel similarity (a C implementation of the
LCS ratio, fast enough to compare every article with every other in laws of more
than a thousand articles).  What happened inside an article (the character diff,
the 款/项 located) is `lawcli.diffinner`'s job; rendering is `lawcli.diffrender`'s.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

from ..parsing.model import HEADING_KINDS, Document, Kind, Node
from ..text.textfold import fold_space
from .inner import Change, Op, _Norm, containment, inner_diff, normalise, similarity, unit_changes

# -- thresholds (similarities are 0..1) --------------------------------------------
#: Same number: enough for a modification of the article that kept its number.
NUMBER_MIN = 0.5
#: A pair that keeps the order between its matched neighbours.
IN_ORDER_MIN = 0.45
#: A pair that would move an article out of order: a stronger claim, more evidence.
MOVED_MIN = 0.65
#: Candidates below this are never looked at.
CANDIDATE_MIN = 0.3
#: Split/merge: how much of a piece must be found in the whole, and how well the
#: pieces together must match it.
PIECE_CONTAINED = 0.7
JOINED_MIN = 0.6
#: A 款 or 项 of at least this many characters found unchanged in both articles of an
#: in-order pair is evidence enough that the article was modified, however much of the
#: rest was rewritten (a 款 replaced by another).
SHARED_UNIT = 8
#: Free old × free new pairs above which alignment first works near expected places,
#: and how near.
LARGE = 90_000
BAND = 40
#: How far from its expected place an unmatched whole looks for its pieces.
WINDOW = 12

STATUSES = ("unchanged", "modified", "added", "deleted", "split", "merged")
PASSES = ("identical", "number", "similarity", "split", "merge")


# -- public data ---------------------------------------------------------------------

@dataclass(frozen=True)
class Article:
    """An article on one side of a diff, as published."""

    number: str | None
    label: str | None
    text: str  # full text without the label, one 款/项 per line, as published
    position: int  # 0-based position among the document's articles
    chapter: str | None = None  # innermost heading, e.g. "第二章 垄断协议"
    node: Node | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "label": self.label, "text": self.text,
                "position": self.position + 1, "chapter": self.chapter}


@dataclass(frozen=True)
class Row:
    """One line of the 对照表: the old articles and the new articles they became."""

    status: str  # one of STATUSES
    old: tuple[Article, ...]
    new: tuple[Article, ...]
    renumbered: bool = False
    moved: bool = False
    match_pass: str | None = None  # one of PASSES; None for added/deleted
    score: float | None = None  # similarity of the matched texts, 0..1
    ops: tuple[Op, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the row shows anything a reader must see (text, number or place)."""
        return self.status != "unchanged" or self.renumbered or self.moved

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "renumbered": self.renumbered,
            "moved": self.moved,
            "old": [a.to_dict() for a in self.old],
            "new": [a.to_dict() for a in self.new],
            "pass": self.match_pass,
            "score": None if self.score is None else round(self.score, 4),
            "changes": [c.to_dict() for c in self.changes],
            "diff": [o.to_dict() for o in self.ops],
        }


@dataclass(frozen=True)
class Heading:
    """A 编/分编/章/节 heading on one side."""

    kind: str  # part, subpart, chapter, section
    number: str | None
    label: str | None
    title: str | None
    position: int  # 0-based position among the side's headings

    @property
    def name(self) -> str:
        return " ".join(x for x in (self.label, self.title) if x)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "label": self.label, "title": self.title}


@dataclass(frozen=True)
class HeadingRow:
    """A heading's fate: unchanged, renamed, added or deleted (plus renumbered)."""

    status: str  # unchanged, renamed, added, deleted
    old: Heading | None
    new: Heading | None
    renumbered: bool = False

    @property
    def changed(self) -> bool:
        return self.status != "unchanged" or self.renumbered

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "renumbered": self.renumbered,
                "old": self.old.to_dict() if self.old else None,
                "new": self.new.to_dict() if self.new else None}


@dataclass(frozen=True)
class PartRow:
    """Text outside the articles (序言, 附件, loose paragraphs), compared as a whole."""

    name: str  # 序言, 附件一, 条文以外的文字
    status: str  # unchanged, modified, added, deleted
    old: str  # as published; "" when absent
    new: str
    ops: tuple[Op, ...] = ()

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    @property
    def leading(self) -> bool:
        """Read before the articles (a preamble) rather than after them (annexes)."""
        return self.name == "序言"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "old": self.old, "new": self.new,
                "diff": [o.to_dict() for o in self.ops]}


@dataclass(frozen=True)
class Summary:
    """Counts by status, plus renumbered and moved articles, and heading changes."""

    unchanged: int = 0
    modified: int = 0
    added: int = 0
    deleted: int = 0
    split: int = 0
    merged: int = 0
    renumbered: int = 0
    moved: int = 0
    old_articles: int = 0
    new_articles: int = 0
    headings_added: int = 0
    headings_deleted: int = 0
    headings_renamed: int = 0
    headings_renumbered: int = 0

    @property
    def text(self) -> str:
        """The line a legislative office prints above its 对照表."""
        return (f"修改 {self.modified} 条，新增 {self.added} 条，删除 {self.deleted} 条，"
                f"合并 {self.merged} 处，拆分 {self.split} 处，条文顺序调整 {self.moved} 条")

    def to_dict(self) -> dict[str, Any]:
        return {
            "unchanged": self.unchanged, "modified": self.modified, "added": self.added,
            "deleted": self.deleted, "split": self.split, "merged": self.merged,
            "renumbered": self.renumbered, "moved": self.moved,
            "old_articles": self.old_articles, "new_articles": self.new_articles,
            "headings": {"added": self.headings_added, "deleted": self.headings_deleted,
                         "renamed": self.headings_renamed, "renumbered": self.headings_renumbered},
            "text": self.text,
        }


@dataclass(frozen=True)
class DiffResult:
    """Everything a renderer needs: article rows in reading order, heading rows, counts."""

    old_title: str
    new_title: str
    rows: tuple[Row, ...]
    headings: tuple[HeadingRow, ...]
    summary: Summary
    #: For each heading row, the index in `rows` before which it is read (len(rows): at the end).
    heading_positions: tuple[int, ...] = ()
    #: Preamble, annexes and other text outside the articles.
    parts: tuple[PartRow, ...] = ()

    @property
    def title_changed(self) -> bool:
        return fold_space(self.old_title) != fold_space(self.new_title)

    @property
    def identical(self) -> bool:
        """No change a reader would see: formatting differences do not count."""
        return (not self.title_changed and not any(r.changed for r in self.rows)
                and not any(h.changed for h in self.headings)
                and not any(p.changed for p in self.parts))

    def entries(self) -> Iterator[Row | HeadingRow]:
        """Article and heading rows interleaved in reading order."""
        by_pos: dict[int, list[HeadingRow]] = {}
        for h, p in zip(self.headings, self.heading_positions):
            by_pos.setdefault(p, []).append(h)
        for i, row in enumerate(self.rows):
            yield from by_pos.get(i, ())
            yield row
        yield from by_pos.get(len(self.rows), ())

    def to_dict(self, explain: Callable[[Row], str | None] | None = None) -> dict[str, Any]:
        rows = []
        for r in self.rows:
            d = r.to_dict()
            if explain is not None:
                d["note"] = explain(r)
            rows.append(d)
        return {
            "old": {"title": self.old_title, "articles": self.summary.old_articles},
            "new": {"title": self.new_title, "articles": self.summary.new_articles},
            "identical": self.identical,
            "title_changed": self.title_changed,
            "summary": self.summary.to_dict(),
            "rows": rows,
            "headings": [h.to_dict() for h in self.headings],
            "parts": [p.to_dict() for p in self.parts],
        }


# -- sides -----------------------------------------------------------------------------

@dataclass
class _Side:
    doc: Document
    articles: list[Article]
    norms: list[_Norm]
    headings: list[Heading]
    heading_nodes: list[Node]
    #: article position → index of its innermost chapter-level heading (or None)
    chapter_of: list[int | None]
    #: heading index → article positions under it
    heading_articles: list[list[int]]

    @cached_property
    def units(self) -> list[frozenset[str]]:
        """Per article, its 款 and 项 texts (normalised) long enough to be telling."""
        return [frozenset(u for u in nm.norm.split("\n") if len(u) >= SHARED_UNIT)
                for nm in self.norms]


def _side(doc: Document) -> _Side:
    articles: list[Article] = []
    norms: list[_Norm] = []
    headings: list[Heading] = []
    heading_nodes: list[Node] = []
    heading_articles: list[list[int]] = []
    chapter_of: list[int | None] = []

    def visit(node: Node, open_headings: tuple[int, ...]) -> None:
        if node.kind in HEADING_KINDS:
            idx = len(headings)
            headings.append(Heading(node.kind.value, node.number, node.label, node.title, idx))
            heading_nodes.append(node)
            heading_articles.append([])
            open_headings = open_headings + (idx,)
        elif node.kind is Kind.ARTICLE:
            pos = len(articles)
            inner = open_headings[-1] if open_headings else None
            chapter = _chapter_level(open_headings, headings)
            articles.append(Article(node.number, node.label, node.full_text, pos,
                                    headings[inner].name if inner is not None else None, node))
            norms.append(normalise(node.full_text))
            chapter_of.append(chapter)
            for h in open_headings:
                heading_articles[h].append(pos)
            return
        for c in node.children:
            visit(c, open_headings)

    for top in doc.children:
        visit(top, ())
    return _Side(doc, articles, norms, headings, heading_nodes, chapter_of, heading_articles)


def _chapter_level(open_headings: tuple[int, ...], headings: list[Heading]) -> int | None:
    """The heading that says which chapter an article is in: its 章, else the innermost."""
    for h in reversed(open_headings):
        if headings[h].kind == Kind.CHAPTER.value:
            return h
    return open_headings[-1] if open_headings else None


# -- alignment -------------------------------------------------------------------------

@dataclass
class _Match:
    old: list[int]
    new: list[int]
    match_pass: str
    score: float


class _Aligner:
    """The passes, over article positions of both sides."""

    def __init__(self, old: _Side, new: _Side) -> None:
        self.o = old
        self.n = new
        self.old_of_new: dict[int, _Match] = {}
        self.new_of_old: dict[int, _Match] = {}
        self.matches: list[_Match] = []
        self.cands: dict[tuple[int, int], float] = {}

    # bookkeeping
    def _add(self, m: _Match) -> None:
        self.matches.append(m)
        for i in m.old:
            self.new_of_old[i] = m
        for j in m.new:
            self.old_of_new[j] = m

    def _drop(self, m: _Match) -> None:
        self.matches.remove(m)
        for i in m.old:
            self.new_of_old.pop(i, None)
        for j in m.new:
            self.old_of_new.pop(j, None)

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.o.articles)) if i not in self.new_of_old]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.n.articles)) if j not in self.old_of_new]

    def text_o(self, i: int) -> str:
        return self.o.norms[i].norm

    def text_n(self, j: int) -> str:
        return self.n.norms[j].norm

    def run(self) -> list[_Match]:
        self.identical()
        if len(self.free_old()) * len(self.free_new()) > LARGE:
            # Few anchors in a long text (most articles retouched): settle the articles
            # near their expected place first, so that the full comparison only has
            # the rest to do.
            self.round(self.candidates(band=BAND))
        self.round(self.candidates())
        return self.matches

    def round(self, cands: dict[tuple[int, int], float]) -> None:
        """Passes 2 to 4 over the given candidate pairs."""
        self.same_number(cands)
        self.cands = cands
        # Pieces first, so a piece of a split is not taken by a look-alike article …
        self.split_merge()
        self.best_similarity(cands)
        # … and again for wholes that only the similarity pass could match.
        self.split_merge()

    # pass 1
    def identical(self) -> None:
        by_text: dict[str, tuple[list[int], list[int]]] = {}
        for i, nm in enumerate(self.o.norms):
            by_text.setdefault(nm.norm, ([], []))[0].append(i)
        for j, nm in enumerate(self.n.norms):
            if nm.norm in by_text:
                by_text[nm.norm][1].append(j)
        repeated = []
        for olds, news in by_text.values():
            if not news:
                continue
            if len(olds) == 1 and len(news) == 1:
                self._add(_Match(olds, news, "identical", 1.0))
            else:
                repeated.append((olds, news))
        if not repeated:
            return
        # The same text more than once (short formulas, or a copy inserted elsewhere):
        # pair each old with the copy nearest to where its unique neighbours put it.
        anchors = self._anchors()
        pairs = []
        for olds, news in repeated:
            for i in olds:
                expected = self.expected(i, anchors)
                for j in news:
                    same = self.o.articles[i].number == self.n.articles[j].number
                    pairs.append((abs(j - expected), not same, i, j))
        pairs.sort()
        for _, _, i, j in pairs:
            if i not in self.new_of_old and j not in self.old_of_new:
                self._add(_Match([i], [j], "identical", 1.0))

    def expected(self, i: int, anchors: tuple[list[int], list[int]]) -> float:
        """Where old article i would sit in the new text, judging by its neighbours."""
        olds, news = anchors
        k = bisect_left(olds, i)
        if k < len(olds) and olds[k] == i:
            return news[k]
        lo_o, lo_n = (olds[k - 1], news[k - 1]) if k > 0 else (-1, -1)
        hi_o, hi_n = ((olds[k], news[k]) if k < len(olds)
                      else (len(self.o.articles), len(self.n.articles)))
        return lo_n + (i - lo_o) * (hi_n - lo_n) / max(hi_o - lo_o, 1)

    def candidates(self, band: int | None = None) -> dict[tuple[int, int], float]:
        """Similarity of every free old/new pair worth considering (≥ CANDIDATE_MIN).

        With `band`, only pairs whose new article lies within `band` places of where the
        old one is expected (judging by the matched articles around it).
        """
        free_old, free_new = self.free_old(), self.free_new()
        queries = [self.text_o(i) for i in free_old]
        choices = [self.text_n(j) for j in free_new]
        out: dict[tuple[int, int], float] = {}
        if not choices or not queries:
            return out
        cutoff = CANDIDATE_MIN * 100
        if band is not None:
            anchors = self._anchors()
            for i, q in zip(free_old, queries):
                e = self.expected(i, anchors)
                lo, hi = bisect_left(free_new, e - band), bisect_left(free_new, e + band + 1)
                for _, score, b in process.extract(q, choices[lo:hi], scorer=fuzz.ratio,
                                                   limit=None, score_cutoff=cutoff):
                    out[(i, free_new[lo + b])] = score / 100.0
            return out
        if len(queries) * len(choices) > 40_000:
            try:  # a large table: rapidfuzz's cdist fills it on every core (needs numpy)
                import numpy  # noqa: F401
            except ImportError:
                pass
            else:
                table = process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
                                      workers=-1)
                for a, b in zip(*table.nonzero()):
                    out[(free_old[a], free_new[b])] = float(table[a, b]) / 100.0
                return out
        for a, q in enumerate(queries):
            for _, score, b in process.extract(q, choices, scorer=fuzz.ratio, limit=None,
                                               score_cutoff=cutoff):
                out[(free_old[a], free_new[b])] = score / 100.0
        return out

    # pass 2
    def same_number(self, cands: dict[tuple[int, int], float]) -> None:
        best_o: dict[int, float] = {}
        best_n: dict[int, float] = {}
        for (i, j), s in cands.items():
            best_o[i] = max(best_o.get(i, 0.0), s)
            best_n[j] = max(best_n.get(j, 0.0), s)
        new_by_number: dict[str, int] = {}
        for j in self.free_new():
            num = self.n.articles[j].number
            if num is not None:
                new_by_number.setdefault(num, j)
        for i in self.free_old():
            num = self.o.articles[i].number
            j = new_by_number.get(num) if num is not None else None
            if j is None or j in self.old_of_new:
                continue
            s = cands.get((i, j), 0.0)
            if s >= NUMBER_MIN and s >= best_o[i] - 0.05 and s >= best_n[j] - 0.05:
                self._add(_Match([i], [j], "number", s))

    # pass 3
    def _anchors(self) -> tuple[list[int], list[int]]:
        """Matched pairs that keep their order (longest increasing run), sorted."""
        pairs = sorted((m.old[0], m.new[0]) for m in self.matches)
        keep = _lis([j for _, j in pairs])
        olds = [pairs[k][0] for k in keep]
        news = [pairs[k][1] for k in keep]
        return olds, news

    def in_order(self, i: int, j: int, anchors: tuple[list[int], list[int]]) -> bool:
        """Whether new j lies between the new places of old i's matched neighbours."""
        olds, news = anchors
        k = bisect_left(olds, i)
        lo = news[k - 1] if k > 0 else -1
        hi = news[k] if k < len(news) else len(self.n.articles)
        return lo < j < hi

    def best_similarity(self, cands: dict[tuple[int, int], float]) -> None:
        """In-order pairs first, as one best chain; then the strong out-of-order ones.

        The chain is the heaviest sequence of pairs increasing on both sides that runs
        through every ordered anchor: order settles which of several look-alike
        articles (formulaic penalty clauses, say) is which.
        """
        olds, news = self._anchors()
        heavy = float(len(self.o.articles) + len(self.n.articles) + 1)
        points = [(i, j, heavy) for i, j in zip(olds, news)]
        points += [(i, j, s) for (i, j), s in cands.items() if s >= IN_ORDER_MIN
                   and i not in self.new_of_old and j not in self.old_of_new]
        points += self._shared_unit_pairs(cands, (olds, news))
        for i, j, w in _heaviest_chain(points):
            if w < heavy:
                self._add(_Match([i], [j], "similarity", w))
        n_old = max(len(self.o.articles), 1)
        n_new = max(len(self.n.articles), 1)
        ranked = sorted((-s, abs(i / n_old - j / n_new), i, j) for (i, j), s in cands.items()
                        if s >= MOVED_MIN)
        for neg, _, i, j in ranked:
            if i not in self.new_of_old and j not in self.old_of_new:
                self._add(_Match([i], [j], "similarity", -neg))

    def _shared_unit_pairs(self, cands: dict[tuple[int, int], float],
                           anchors: tuple[list[int], list[int]]) -> list[tuple[int, int, float]]:
        """Free in-order pairs below the similarity bar that keep a whole 款 or 项 unchanged."""
        by_unit: dict[str, list[int]] = {}
        for j in self.free_new():
            for u in self.n.units[j]:
                by_unit.setdefault(u, []).append(j)
        out = []
        for i in self.free_old():
            seen: set[int] = set()
            for u in self.o.units[i]:
                for j in by_unit.get(u, ()):
                    if j in seen or not self.in_order(i, j, anchors):
                        continue
                    seen.add(j)
                    s = cands.get((i, j))
                    if s is None:
                        s = similarity(self.text_o(i), self.text_n(j))
                    if s < IN_ORDER_MIN:
                        out.append((i, j, max(s, 0.01)))
        return out

    # pass 4
    def split_merge(self) -> None:
        self._pieces(split=True)
        self._pieces(split=False)

    def _pieces(self, split: bool) -> None:
        """Split: one old article → adjacent new ones (merge: the same, sides swapped)."""
        whole_side, piece_side = (self.o, self.n) if split else (self.n, self.o)
        whole_map = self.new_of_old if split else self.old_of_new
        piece_map = self.old_of_new if split else self.new_of_old
        n_pieces = len(piece_side.articles)
        anchors = self._anchors() if split else _swap(self._anchors())

        def wtext(w: int) -> str:
            return whole_side.norms[w].norm

        def ptext(p: int) -> str:
            return piece_side.norms[p].norm

        def free_piece(p: int) -> bool:
            return 0 <= p < n_pieces and p not in piece_map

        def contained(p: int, w: int) -> bool:
            if len(ptext(p)) < 2:
                return False
            c = containment(ptext(p), wtext(w), PIECE_CONTAINED)
            # A piece that has a counterpart of its own is that counterpart's, not a piece.
            return c >= PIECE_CONTAINED and own_match(p, w) < max(IN_ORDER_MIN, c - 0.15)

        others: dict[int, list[tuple[float, int]]] = {}
        for (i, j), s in self.cands.items():
            p, q = (j, i) if split else (i, j)
            others.setdefault(p, []).append((s, q))
        for lst in others.values():
            lst.sort(reverse=True)

        def own_match(p: int, w: int) -> float:
            for s, q in others.get(p, ()):
                if q != w and q not in whole_map:
                    return s
            return 0.0

        for w in range(len(whole_side.articles)):
            m = whole_map.get(w)
            if m is not None and (m.match_pass == "identical" or len(m.old) != 1 or len(m.new) != 1):
                continue
            if m is not None:
                # A matched whole: is it better explained by a run of neighbouring
                # pieces around its partner (the partner itself in or out)?
                seed = m.new[0] if split else m.old[0]

                def ok(p: int, w: int = w) -> bool:  # called within this iteration only
                    return free_piece(p) and contained(p, w)

                if not (ok(seed - 1) or ok(seed + 1)):
                    continue
                lo = hi = seed
                while lo - 1 >= seed - WINDOW and ok(lo - 1):
                    lo -= 1
                while hi + 1 <= seed + WINDOW and ok(hi + 1):
                    hi += 1
                run, base = _best_run(wtext(w), [ptext(p) for p in range(lo, hi + 1)])
                run = [lo + k for k in run]
                if base <= m.score + 0.02:
                    continue
            else:
                run, base = self._best_window(w, wtext, ptext, free_piece, contained, anchors, split)
                if not run:
                    continue
            if len(run) < 2 or base < JOINED_MIN:
                continue
            if m is not None:
                self._drop(m)
            if split:
                self._add(_Match([w], run, "split", base))
            else:
                self._add(_Match(run, [w], "merge", base))

    def _best_window(self, w, wtext, ptext, free_piece, contained, anchors, split):
        """For an unmatched whole: the best run of ≥2 adjacent free pieces in its gap."""
        olds, news = anchors
        k = bisect_left(olds, w)
        lo = news[k - 1] if k > 0 else -1
        hi = news[k] if k < len(news) else len(self.n.articles if split else self.o.articles)
        best: list[int] = []
        best_s = 0.0
        # Look near where the whole would sit between its neighbours, not over a whole
        # rewritten law: splits and merges stay in place.
        n_whole = len(self.o.articles if split else self.n.articles)
        wlo = olds[k - 1] if k > 0 else -1
        whi = olds[k] if k < len(olds) else n_whole
        expected = lo + (w - wlo) * (hi - lo) / max(whi - wlo, 1)
        span = range(max(lo + 1, int(expected) - WINDOW), min(hi, int(expected) + WINDOW + 1))
        pieces = [p for p in span if free_piece(p) and contained(p, w)]
        # runs of consecutive candidate pieces
        runs: list[list[int]] = []
        for p in pieces:
            if runs and runs[-1][-1] == p - 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        single = max((similarity(wtext(w), ptext(p)) for p in pieces), default=0.0)
        for r in runs:
            found, s = _best_run(wtext(w), [ptext(p) for p in r])
            if s > best_s:
                best, best_s = [r[k] for k in found], s
        # Several pieces must explain the whole clearly better than the best single one.
        if best_s < single + 0.05:
            return [], 0.0
        return best, best_s


def _best_run(whole: str, pieces: list[str], longest: int = 12) -> tuple[list[int], float]:
    """The run of ≥ 2 consecutive pieces whose joined text is most similar to `whole`."""
    best: list[int] = []
    best_s = 0.0
    for a in range(len(pieces)):
        for b in range(a + 2, min(len(pieces), a + longest) + 1):
            s = similarity(whole, "\n".join(pieces[a:b]))
            if s > best_s:
                best, best_s = list(range(a, b)), s
    return best, best_s


def _swap(anchors: tuple[list[int], list[int]]) -> tuple[list[int], list[int]]:
    olds, news = anchors
    pairs = sorted(zip(news, olds))
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _heaviest_chain(points: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Points (i, j, weight) with i and j both strictly increasing, of greatest total.

    Sparse dynamic programming with a Fenwick tree of prefix maxima: O(P log P) for P
    points instead of a full old × new table.
    """
    if not points:
        return []
    js = sorted({j for _, j, _ in points})
    rank = {j: k + 1 for k, j in enumerate(js)}
    size = len(js)
    tree_v = [0.0] * (size + 1)
    tree_p = [-1] * (size + 1)
    pts = sorted(points)
    best = [0.0] * len(pts)
    prev = [-1] * len(pts)

    def query(k: int) -> tuple[float, int]:
        v, p = 0.0, -1
        while k > 0:
            if tree_v[k] > v:
                v, p = tree_v[k], tree_p[k]
            k -= k & -k
        return v, p

    def update(k: int, v: float, p: int) -> None:
        while k <= size:
            if v > tree_v[k]:
                tree_v[k], tree_p[k] = v, p
            k += k & -k

    start = 0
    while start < len(pts):
        end = start
        while end < len(pts) and pts[end][0] == pts[start][0]:
            end += 1
        for q in range(start, end):  # one old article: its points must not chain together
            v, p = query(rank[pts[q][1]] - 1)
            best[q], prev[q] = v + pts[q][2], p
        for q in range(start, end):
            update(rank[pts[q][1]], best[q], q)
        start = end
    q = max(range(len(pts)), key=best.__getitem__)
    chain = []
    while q != -1:
        chain.append(pts[q])
        q = prev[q]
    chain.reverse()
    return chain


def _lis(seq: Sequence[int]) -> list[int]:
    """Indices of one longest strictly increasing subsequence (O(n log n))."""
    tails: list[int] = []  # values
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for k, v in enumerate(seq):
        pos = bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tails_idx.append(k)
        else:
            tails[pos] = v
            tails_idx[pos] = k
        prev[k] = tails_idx[pos - 1] if pos else -1
    out: list[int] = []
    k = tails_idx[-1] if tails_idx else -1
    while k != -1:
        out.append(k)
        k = prev[k]
    out.reverse()
    return out


# -- headings --------------------------------------------------------------------------

def _align_headings(o: _Side, n: _Side, new_of_old: dict[int, _Match]) -> dict[int, int]:
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


def _heading_rows(o: _Side, n: _Side, mapping: dict[int, int]) -> list[HeadingRow]:
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


# -- rows ------------------------------------------------------------------------------

def _joined(side: _Side, idx: list[int]) -> _Norm:
    if len(idx) == 1:
        return side.norms[idx[0]]
    return normalise("\n".join(side.articles[k].text for k in idx))


def _row(m: _Match, o: _Side, n: _Side, moved: bool) -> Row:
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
    o, n = _side(old), _side(new)
    aligner = _Aligner(o, n)
    matches = aligner.run()
    heading_map = _align_headings(o, n, aligner.new_of_old)

    # moved: out of order (not in the longest ordered run), or into another chapter
    ordered = sorted(matches, key=lambda m: (m.old[0], m.new[0]))
    keep = set(_lis([m.new[0] for m in ordered]))
    rows_with_key: list[tuple[tuple[float, ...], Row]] = []
    anchor_new: dict[int, int] = {}
    for k, m in enumerate(ordered):
        moved = k not in keep or _changed_chapter(m, o, n, heading_map)
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

    hrows = _heading_rows(o, n, heading_map)
    positions = _heading_positions(hrows, rows, o, n)
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


def _changed_chapter(m: _Match, o: _Side, n: _Side, heading_map: dict[int, int]) -> bool:
    hc = o.chapter_of[m.old[0]]
    gc = n.chapter_of[m.new[0]]
    if hc is None or gc is None:
        return False
    return heading_map.get(hc) != gc


def _heading_positions(hrows: list[HeadingRow], rows: tuple[Row, ...], o: _Side,
                       n: _Side) -> list[int]:
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


def _summary(rows: Iterable[Row], hrows: list[HeadingRow], o: _Side, n: _Side) -> Summary:
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


__all__ = ["Article", "Op", "Change", "Row", "Heading", "HeadingRow", "PartRow", "Summary", "DiffResult",
           "diff_documents", "inner_diff", "unit_changes", "normalise", "similarity",
           "STATUSES", "PASSES"]
