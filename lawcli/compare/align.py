"""Pair the articles of two versions of a document: the core of a 修改对照表.

Legislative staff compare a draft with the adopted text, or a 修订 with the law it
replaces.  The `Aligner` pairs every article of both sides in passes that explain
themselves (each row records the pass that matched it and its score):

1. ``identical`` — same text (after normalisation), whatever the number;
2. ``number``    — same number and similar text, when no other candidate is better;
3. ``similarity``— best similarity; a pair that keeps the order of the articles
   around it needs less evidence than one that would move an article;
4. ``split`` / ``merge`` — one old article whose text now spreads over adjacent new
   articles, or the reverse.  This search runs before pass 3 as well, so that a
   look-alike article cannot take a piece of a split, and again after it, for wholes
   that only pass 3 could match.

What is left is ``added`` or ``deleted``.  Texts are compared on a normalised copy
(`texts`: width folding of punctuation, digits and letters; no white space inside a
line) so formatting alone never makes a change; everything shown keeps the published
text.

Similarity is rapidfuzz's normalised Indel similarity (a C implementation of the
LCS ratio, fast enough to compare every article with every other in laws of more
than a thousand articles).  This module only pairs articles: the rows made of the
pairs are `diff`'s (`diff_documents`), what happened inside an article is `inner`'s,
rendering is `render`'s.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .order import heaviest_chain, longest_increasing
from .sides import Side
from .texts import containment, similarity

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
#: Free old × free new pairs above which alignment first works near expected places,
#: and how near.
LARGE = 90_000
BAND = 40
#: How far from its expected place an unmatched whole looks for its pieces.
WINDOW = 12
#: (SHARED_UNIT, how long a 款 or 项 must be to count as kept whole, is in `sides`.)


# -- the passes ------------------------------------------------------------------------

@dataclass
class Match:
    """Old article positions paired with new ones, by one pass, with its score."""

    old: list[int]
    new: list[int]
    match_pass: str
    score: float


class Aligner:
    """The passes, over article positions of both sides."""

    def __init__(self, old: Side, new: Side) -> None:
        self.o = old
        self.n = new
        self.old_of_new: dict[int, Match] = {}
        self.new_of_old: dict[int, Match] = {}
        self.matches: list[Match] = []
        self.cands: dict[tuple[int, int], float] = {}

    # bookkeeping
    def _add(self, m: Match) -> None:
        self.matches.append(m)
        for i in m.old:
            self.new_of_old[i] = m
        for j in m.new:
            self.old_of_new[j] = m

    def _drop(self, m: Match) -> None:
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

    def run(self) -> list[Match]:
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
                self._add(Match(olds, news, "identical", 1.0))
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
                self._add(Match([i], [j], "identical", 1.0))

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
                self._add(Match([i], [j], "number", s))

    # pass 3
    def _anchors(self) -> tuple[list[int], list[int]]:
        """Matched pairs that keep their order (longest increasing run), sorted."""
        pairs = sorted((m.old[0], m.new[0]) for m in self.matches)
        keep = longest_increasing([j for _, j in pairs])
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
        for i, j, w in heaviest_chain(points):
            if w < heavy:
                self._add(Match([i], [j], "similarity", w))
        n_old = max(len(self.o.articles), 1)
        n_new = max(len(self.n.articles), 1)
        ranked = sorted((-s, abs(i / n_old - j / n_new), i, j) for (i, j), s in cands.items()
                        if s >= MOVED_MIN)
        for neg, _, i, j in ranked:
            if i not in self.new_of_old and j not in self.old_of_new:
                self._add(Match([i], [j], "similarity", -neg))

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
                self._add(Match([w], run, "split", base))
            else:
                self._add(Match(run, [w], "merge", base))

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
