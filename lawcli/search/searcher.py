"""The search engine: a compiled plan, matched against the rows of a document.

A hit is reported by the unit that holds it — by default the smallest node
(目, 项, 款, or a heading / text paragraph of a document without articles), or
the 项/款/条 chosen with `level`.  Matching runs on node text, not on source
lines, so a phrase that a PDF wrapped over two lines or a page break is found.

The same engine (`Searcher`) serves a scan of files (scan.py) and the SQLite
index (index/): both feed it `DocRows` (rows.py), flat rows of a document's nodes,
so their results are identical by construction (and tests check it).  What is
looked for — terms, the query syntax, matchers — is terms.py; what a hit is and
how it reads, hits.py.  The engine sits below its sources and knows none of them:
choosing where to look is find.py.
"""

from __future__ import annotations

from collections import namedtuple

from ..errors import UsageError
from ..text.textfold import fold
from ..text.textfold import odd_chars as _odd_chars
from .hits import Hit, short_label
from .rows import HEADINGS, LEVELS, DocRows, Row, rows_of
from .terms import (
    Matcher,
    Or,
    RegexTimeout,
    Term,
    _t2s_table,
    evaluate,
    match_key,
    positive_terms,
    possible,
    simplify,
    space_free_key,
    squeeze,
    terms_of,
)

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Iterator

    from .terms import Expr

class Plan(namedtuple("Plan", "expr ignore_space level doc kind within context timeout first_per_file "
                           "count_only rendered",
                      defaults=(False, "smallest", None, None, None, 0, 2.0, False, False, False))):
    """Everything a search needs to know besides where to look."""

    __slots__ = ()

    expr: Expr
    ignore_space: bool  # default False
    level: str  # default "smallest"
    doc: str | None  # default None
    kind: str | None  # default None
    within: str | None  # default None
    context: int  # default 0
    timeout: float  # default 2.0
    #: Only whether a file has a hit matters (--files-with-matches): stop at its first.
    first_per_file: bool  # default False
    #: Only hits per document matter (--count): a source that can count without
    #: building hits (the index) may yield a `DocCount` for a document instead.
    count_only: bool  # default False
    #: The caller prints plain text with file names (no line numbers): without context
    #: (`writes_lines`), a source may yield hits already written out, a `str` holding the lines that
    #: `hit_plain(hit, show_file=True)` makes of one or more hits, instead of Hits.
    #: The index does, per file: a common term's tens of thousands of hits then cost
    #: a string each, not a Hit and its spans.
    rendered: bool  # default False

    @property
    def writes_lines(self) -> bool:
        """`rendered`, where it applies: not with context (a hit's lines hold its neighbours)."""
        return self.rendered and not self.context

    @property
    def combines(self) -> bool:
        """True when terms combine over an article (AND/NOT), not hit by hit."""
        return not (isinstance(self.expr, Term) or (
            isinstance(self.expr, Or) and all(isinstance(e, Term) for e in self.expr.items)))


class Searcher:
    """Compiled plan: matchers, the --within reference, filters.

    `store` keeps parsed trees between runs (the CLI passes its parse cache): an object
    with `key(data, encoding)`, `get(key)` and `put(key, source)`, and optionally
    `holds(text_bytes)`, whether the trees of that much text fit it (a scan of more only
    reads the store: see scan.py); None parses every file.
    """

    def __init__(self, plan: Plan, store: Any = None):
        if plan.level not in LEVELS:
            raise UsageError(f"--level must be one of: article, paragraph, item, smallest "
                             f"(got {plan.level!r})")
        if plan.context < 0:
            raise UsageError("--context must be 0 or more")
        if not 0 < plan.timeout < float("inf"):  # (False for nan, which would turn the guard off)
            raise UsageError(f"--timeout must be a number of seconds more than 0 (got {plan.timeout})")
        self.plan = plan
        self.store = store
        self.terms = list(dict.fromkeys(terms_of(plan.expr)))
        self.matchers = {t: Matcher(t, plan.ignore_space, plan.timeout) for t in self.terms}
        self.shown = set(positive_terms(plan.expr))
        self.max_depth = LEVELS[plan.level]
        self.within = _parse_within(plan.within) if plan.within else None
        #: Whether --within named anything in the documents searched (for a note if not).
        self.within_found = False
        self.kind = simplify(fold(plan.kind.strip())) if plan.kind else None
        #: Every term blind to width folding (a literal of ideographs, or a pattern of
        #: ideographs and structure: `Matcher.fold_blind`), spaces significant: fold()
        #: is skipped, since it never touches an ideograph (see `_key`).
        self.fast = not plan.ignore_space and all(m.fold_blind for m in self.matchers.values())
        self._maps: dict[frozenset[str], bool] = {}

    @property
    def row_literals(self) -> tuple[tuple[Term, str], ...] | None:
        """(term, needle) pairs when a hit is simply a row whose own text holds a needle:
        literals of ideographs (any of them), the smallest unit, no context, no --within.
        The index then answers such a search row by row in SQL (`index.query._literal_hits`)."""
        return None if self.plan.context else self.literal_rows

    @property
    def literal_rows(self) -> tuple[tuple[Term, str], ...] | None:
        """`row_literals`, context or not: a unit at the smallest level is a row with
        text, so a hit's neighbours are the rows with text before and after it in its
        document (the index reads just those: `index.query._add_context`)."""
        e = self.plan.expr
        simple = isinstance(e, Term) or (isinstance(e, Or) and all(isinstance(x, Term) for x in e.items))
        if not (simple and self.fast and self.max_depth == LEVELS["smallest"] and self.within is None
                and all(m.compiled is None for m in self.matchers.values())):
            return None
        return tuple((t, m.needle) for t, m in self.matchers.items())

    def mapping_matters(self, odd: set[str] | frozenset[str]) -> bool:
        """Whether mapping these characters to Simplified can change a match.

        Only when one of them becomes a character of a literal's needle (a regular
        expression may match anything: always).  Otherwise a text is matched as it
        stands, and its Traditional rarities (a name's 翀 in a Simplified gazette)
        cost no translation of the whole text.
        """
        key = frozenset(odd)
        got = self._maps.get(key)
        if got is None:
            table = _t2s_table(set(odd))
            targets = {chr(table[ord(c)]) for c in odd if ord(c) in table}
            got = bool(targets) and any(m.compiled is not None or not targets.isdisjoint(m.needle)
                                        for m in self.matchers.values())
            self._maps[key] = got
        return got

    # -- cheap rejection ------------------------------------------------------------
    def may_match(self, text: str, odd: set[str] | None = None) -> bool:
        """False only when no unit of this text (a whole normalised file) can be a hit.

        odd: `_odd_chars` of the text or of a text holding it, when already known.
        """
        if self.fast:
            key = "".join(text.split())
            odd = _odd_chars(key) if odd is None else odd
            if odd and self.mapping_matters(odd):
                key = key.translate(_t2s_table(set(odd)))
        else:
            key = space_free_key(text)
        return possible(self.plan.expr, lambda t: self.matchers[t].may_occur(key))

    def may_match_raw(self, text: str, odd: set[str]) -> bool:
        """`may_match` on a file's text before it is normalised: False only when no unit
        can be a hit.  It can tell only for literals of ideographs in a text whose
        Traditional characters (odd) cannot become theirs and which normalising only
        strips (`keeps_all_but_marks`); otherwise True, and the normalised lines decide."""
        if not self.fast or any(m.compiled is not None for m in self.matchers.values()):
            return True
        if odd and self.mapping_matters(odd):
            return True
        from ..text.normalize import keeps_all_but_marks

        if not keeps_all_but_marks(text):
            return True
        return possible(self.plan.expr, lambda t: self.matchers[t].may_occur_raw(text))

    def kind_wanted(self, kind: str) -> bool:
        return self.kind is None or simplify(fold(kind)) == self.kind

    def doc_wanted(self, title: str, kind: str) -> bool:
        """--kind and (over many files) --doc as a title fragment."""
        if not self.kind_wanted(kind):
            return False
        return self.plan.doc is None or title_matches(self.plan.doc, title)

    # -- units ---------------------------------------------------------------------
    def units(self, rows: list[Row]) -> list[tuple[Row, str]]:
        """(row, text) of the units at the plan's level, in document order.

        A unit at the article, paragraph or item level takes the text of its whole
        subtree, joined like `Node.full_text` (items with their labels, one per
        line); rebuilt from rows so that parsed files and the index agree.
        """
        lim = self.max_depth
        slot = {5: 0, 6: 1, 7: 2}.get(lim)
        out: list[list[Any]] = []
        parts: dict[int, list[str]] = {}
        for r in rows:
            d = r.depth
            if d > lim:
                root = r.anc[slot] if slot is not None else -1
                if root in parts:
                    p = _part(r)
                    if p:
                        parts[root].append(p)
                    continue
                if r.text:
                    out.append([r, r.text])
            elif d == lim and slot is not None:
                p = _part(r)
                parts[r.seq] = [p] if p else []
                out.append([r, None])
            elif r.text:
                out.append([r, r.text])
        units = []
        for r, text in out:
            if text is None:
                text = "\n".join(parts[r.seq])
            if text:
                units.append((r, text))
        return units

    def _key(self, text: str, odd: frozenset[str] | None = None) -> tuple[str, list[int] | None]:
        """The text as patterns see it, and (with ignore_space) offsets back into it.

        odd: characters of the whole source that may need mapping (see DocRows.odd);
        a unit holding none of them needs no conversion, found by a C-speed test.
        """
        if odd is None:
            key = simplify(text if self.fast else fold(text))
        else:
            key = text if self.fast else fold(text)  # fold leaves ideographs alone
            if odd and self.mapping_matters(odd) and not odd.isdisjoint(text):
                key = key.translate(_t2s_table(set(odd)))
        if self.fast:
            return key, None
        if self.plan.ignore_space:
            return squeeze(key)
        return key, None

    def search_docs(self, docs: Iterable[DocRows]) -> Iterator[Hit]:
        """Hits of one file's documents; only the first with `first_per_file`."""
        for dr in docs:
            for hit in self.search_doc(dr):
                yield hit
                if self.plan.first_per_file:
                    return

    def search_doc(self, dr: DocRows) -> Iterator[Hit]:
        """Hits of one document (already chosen by --doc/--kind), in document order."""
        if dr.rows is None:
            literals = self.row_literals
            if literals is not None:
                yield from self._literal_nodes(dr, literals)
                return
            dr.rows = rows_of(dr.doc)
        units = self.units(dr.rows)
        within = self.within
        found: list[tuple[int, dict[Term, list[tuple[int, int]]]]] = []
        for i, (row, text) in enumerate(units):
            if within is not None:
                if not within(row):
                    continue
                self.within_found = True
            key, pos = self._key(text, dr.odd)
            spans: dict[Term, list[tuple[int, int]]] = {}
            for term, m in self.matchers.items():
                try:
                    s = m.find(key)
                except RegexTimeout as e:
                    where = " ".join(x for x in (dr.file, dr.address(row)) if x)
                    raise RegexTimeout(f"{e} (at {where})") from None
                if s:
                    if pos is not None:
                        s = [(pos[a], pos[b - 1] + 1) for a, b in s]
                    spans[term] = s
            if spans:
                found.append((i, spans))
        if not found:
            return
        if self.plan.combines:
            present: dict[int, set[Term]] = {}
            for i, spans in found:
                present.setdefault(units[i][0].group, set()).update(spans)
            # NOT needs every unit of the group: a group is judged on its rows here,
            # which are complete for a scan and loaded group-wise by the index.
            ok = {g for g, ts in present.items() if evaluate(self.plan.expr, ts.__contains__)}
            found = [(i, s) for i, s in found if units[i][0].group in ok]
        for i, spans in found:
            shown = {t: s for t, s in spans.items() if t in self.shown}
            if not shown:
                continue
            yield self._hit(dr, units, i, shown)

    def _literal_nodes(self, dr: DocRows, literals: tuple[tuple[Term, str], ...]) -> Iterator[Hit]:
        """`search_doc` for literals at the smallest unit, on a parsed document: its
        nodes are matched as they are walked, and only a hit is named — no rows.
        The walk is `rows_of`'s (document order, the table of contents left out)."""
        from ..parsing.model import Kind
        from ..query.address import address, path_labels

        odd = dr.odd
        table = _t2s_table(set(odd)) if odd and self.mapping_matters(odd) else None
        doc = dr.doc
        stack = [(n, None) for n in reversed(doc.children)]
        while stack:
            node, article = stack.pop()
            if node.kind is Kind.TOC:
                continue
            kind = node.kind._value_
            if kind == "article":
                article = node.number
            if node.children:
                stack.extend((c, article) for c in reversed(node.children))
            text = (node.title or "") if kind in HEADINGS else node.text
            if not text:
                continue
            key = text.translate(table) if table and not odd.isdisjoint(text) else text
            found = literal_spans(key, literals)
            if found is not None:
                spans, terms = found
                yield Hit(dr.file, dr.title, dr.index, dr.kind, tuple(path_labels(doc, node)),
                          address(doc, node), article, kind, node.label, node.number, node.line,
                          node.end_line, text, spans, terms)

    def _hit(self, dr: DocRows, units, i: int, spans: dict[Term, list[tuple[int, int]]]) -> Hit:
        row, text = units[i]
        merged: list[tuple[int, int]] = []
        for a, b in sorted(s for ss in spans.values() for s in ss):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        n = self.plan.context
        before = after = ()
        if n:
            before = tuple((_short(dr, r), t) for r, t in units[max(0, i - n):i])
            after = tuple((_short(dr, r), t) for r, t in units[i + 1:i + 1 + n])
        return Hit(dr.file, dr.title, dr.index, dr.kind, tuple(dr.path(row)), dr.address(row),
                   row.article, row.kind, row.label, row.number, row.line, row.end_line, text,
                   tuple(merged), tuple(str(t) for t in spans), before, after)


def literal_spans(key: str, literals: tuple[tuple[Term, str], ...]
                  ) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]] | None:
    """(merged spans, terms found) of literal needles in a key text, or None: how a hit
    of `Searcher.row_literals` is spelt, by a scan and by the index alike."""
    spans: list[tuple[int, int]] = []
    terms: list[str] = []
    for term, needle in literals:
        i = key.find(needle)
        if i < 0:
            continue
        terms.append(str(term))
        n = len(needle)
        while i >= 0:
            spans.append((i, i + n))
            i = key.find(needle, i + n)
    if not spans:
        return None
    if len(spans) > 1:  # touching or overlapping matches are shown as one, as `_hit` does
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        spans = merged
    return tuple(spans), tuple(terms)


def _part(row: Row) -> str:
    """A row's line in its ancestor's full text (as `Node.full_text` writes it)."""
    if row.kind in HEADINGS or row.kind == "article":
        return ""
    prefix = row.label if row.kind in ("item", "subitem") and row.label else ""
    return prefix + row.text


def _short(dr: DocRows, row: Row) -> str:
    """A neighbour's name in context lines: its address without the title."""
    return short_label(row.kind, row.label, dr.address(row), lambda: dr.path(row))


def title_matches(fragment: str, title: str) -> bool:
    """--doc over many files: the title contains the fragment (width, space, script folded)."""
    key = "".join(match_key(fragment).split())
    return bool(key) and key in "".join(match_key(title).split())


def _parse_within(text: str) -> Callable[[Row], bool]:
    """--within 第三章 / 第二编第一章 / 第十条至第二十条 / 23 → a row predicate.

    A heading path matches every 章/节 with those numbers (in any 编 when the 编
    is not named), so it works on many documents at once.
    """
    from ..query.address import ArticleRef, HeadingRef, RangeRef, parse_ref
    from ..text.numerals import split_key

    ref = parse_ref(text)
    if isinstance(ref, HeadingRef):
        want = tuple((k.value, str(n)) for k, n in ref.path)

        def in_heading(row: Row) -> bool:
            heads = row.heads  # a heading row carries itself last
            for start in range(len(heads) - len(want) + 1):
                if heads[start:start + len(want)] == want:
                    return True
            return False

        return in_heading
    if isinstance(ref, RangeRef):
        lo, hi = split_key(ref.start), split_key(ref.end)
        return lambda row: row.article is not None and lo <= split_key(row.article) <= hi
    if isinstance(ref, ArticleRef):
        return lambda row: row.article == ref.key
    raise UsageError(f"--within takes a 编/章/节 or an article range, e.g. 第三章 or 10-20 "
                     f"(got {text!r})")


class Outcome:
    """What a search produced besides hits: problems met on the way (exit 2)."""

    __slots__ = ("errors", "notes", "files")

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.notes: list[str] = []  # warnings that do not change the exit status
        self.files = 0
