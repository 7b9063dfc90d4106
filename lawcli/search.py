"""Search: find provisions by words or patterns, answered by address.

A hit is reported by the unit that holds it — by default the smallest node
(目, 项, 款, or a heading / text paragraph of a document without articles), or
the 项/款/条 chosen with `level`.  Matching runs on node text, not on source
lines, so a phrase that a PDF wrapped over two lines or a page break is found.

How two texts are made comparable (`match_key`, `Searcher._key`):
  * `textfold.fold` folds full/half width and Latin case, one character for one;
  * Traditional characters are mapped to Simplified one character for one (the
    OpenCC character table, see `_t2s_table`), so offsets stay offsets;
  * with `ignore_space`, white space is dropped and a position map kept.
A match is found on that key and its span reported on the original text.

The same engine (`Searcher`) serves a scan of files (`scan`) and the SQLite
index (`lawcli.index`): both feed it `DocRows`, flat rows of a document's
nodes, so their results are identical by construction (and a test checks it).

Sections: script mapping · queries · matchers · rows · the search · scanning
files · presentation · where to look (`find`, the entry point of the CLI).
"""

from __future__ import annotations

import os
import re
import time
from operator import attrgetter
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence

from .errors import InputError, UsageError
from .textfold import fold, is_cjk
from .textfold import odd_chars as _odd_chars

# -- Traditional → Simplified, one character for one -----------------------------------

_T2S: dict[int, int] = {}  # grows as characters are met; identity is not stored
_SEEN: set[str] = set()


def _t2s_table(chars: set[str]) -> dict[int, int]:
    """Extend the character map with `chars`; OpenCC converts them one per line.

    Character by character rather than phrase by phrase: a phrase rule may change
    the length of the text, and a span must still point at the original.
    Characters OpenCC turns into several (or none) are left alone.
    """
    new = sorted(chars - _SEEN)
    if new:
        from .convert import to_simplified  # lazy: only texts with such characters

        out = to_simplified("\n".join(new)).split("\n")
        if len(out) == len(new):
            for a, b in zip(new, out):
                if len(b) == 1 and b != a:
                    _T2S[ord(a)] = ord(b)
        _SEEN.update(new)
    return _T2S


def simplify(text: str) -> str:
    """Text with its Traditional characters mapped to Simplified, same length."""
    odd = _odd_chars(text)
    return text.translate(_t2s_table(odd)) if odd else text


def match_key(text: str) -> str:
    """Width-folded, simplified text: what patterns are compared against."""
    return simplify(fold(text))


def squeeze(text: str) -> tuple[str, list[int]]:
    """Text without white space, and for each kept character its original offset."""
    keep = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in keep), keep


def space_free_key(text: str) -> str:
    """The key used to rule texts out cheaply (prefilter, index): no white space at all."""
    return "".join(match_key(text).split())


# -- queries ---------------------------------------------------------------------------

# The query and plan are NamedTuples and the engine's other classes plain ones, not
# dataclasses: an indexed search then never imports the dataclasses machinery (~6 ms
# of a command that takes a few tens).  And, Or and Not compare equal only to their own
# kind, as dataclasses would.

class Term(NamedTuple):
    """One pattern: a literal (default) or a regular expression."""

    pattern: str
    regex: bool = False

    def __str__(self) -> str:
        return f"/{self.pattern}/" if self.regex else self.pattern


class And(NamedTuple):
    items: tuple[Any, ...]

    def __eq__(self, other: object) -> bool:
        return type(other) is And and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__


class Or(NamedTuple):
    items: tuple[Any, ...]

    def __eq__(self, other: object) -> bool:
        return type(other) is Or and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__


class Not(NamedTuple):
    item: Any

    def __eq__(self, other: object) -> bool:
        return type(other) is Not and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__


Expr = Term | And | Or | Not

_TOKEN = re.compile(r'\s*(?:(?P<op>[()|&])|"(?P<q>(?:[^"\\]|\\.)*)"|/(?P<re>(?:[^/\\]|\\.)+)/'
                    r'|(?P<w>[^\s()|&"]+))')


def parse_query(text: str, *, regex: bool = False) -> Expr:
    """The --query syntax (docs/search.md).

      传统建筑 保护            both, in one article (juxtaposition is AND)
      传统建筑 OR 历史建筑     either   (also |)
      罚款 -警告 / NOT 警告     without
      (拆除 | 损毁) 传统建筑    grouping
      "第 三 条"               a quoted literal (may hold spaces, OR, -)
      /第[一二三]条/           a regular expression
    """
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise UsageError(f"--query: cannot read {text[pos:]!r}")
        pos = m.end()
        if m.group("op"):
            tokens.append(("op", m.group("op")))
        elif m.group("q") is not None:
            tokens.append(("term", re.sub(r"\\(.)", r"\1", m.group("q"))))
        elif m.group("re") is not None:
            tokens.append(("regex", m.group("re").replace("\\/", "/")))
        elif m.group("w"):
            w = m.group("w")
            if w in ("OR", "AND", "NOT", "-"):
                tokens.append(("op", {"OR": "|", "AND": "&", "NOT": "-", "-": "-"}[w]))
            elif w.startswith("-") and len(w) > 1:
                tokens.append(("op", "-"))
                tokens.append(("term", w[1:]))
            else:
                tokens.append(("term", w))
    if not tokens:
        raise UsageError("--query is empty")
    i = 0

    def peek() -> tuple[str, str] | None:
        return tokens[i] if i < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal i
        i += 1
        return tokens[i - 1]

    def p_or() -> Expr:
        items = [p_and()]
        while peek() == ("op", "|"):
            take()
            items.append(p_and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def p_and() -> Expr:
        items = [p_unary()]
        while (t := peek()) is not None and t not in (("op", "|"), ("op", ")")):
            if t == ("op", "&"):
                take()
            items.append(p_unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def p_unary() -> Expr:
        t = peek()
        if t is None:
            raise UsageError("--query ends where a term was expected")
        if t == ("op", "-"):
            take()
            return Not(p_unary())
        if t == ("op", "("):
            take()
            e = p_or()
            if take() != ("op", ")"):
                raise UsageError("--query: unbalanced parentheses")
            return e
        if t[0] == "op":
            raise UsageError(f"--query: unexpected {t[1]!r}")
        take()
        return Term(t[1], regex=regex or t[0] == "regex")

    try:
        expr = p_or()
    except IndexError:
        raise UsageError("--query: unbalanced parentheses") from None
    if i != len(tokens):
        raise UsageError(f"--query: unexpected {tokens[i][1]!r}")
    if not positive_terms(expr):
        raise UsageError("--query needs at least one term that is not negated")
    return expr


def terms_of(expr: Expr) -> list[Term]:
    if isinstance(expr, Term):
        return [expr]
    if isinstance(expr, Not):
        return terms_of(expr.item)
    return [t for e in expr.items for t in terms_of(e)]


def positive_terms(expr: Expr, negated: bool = False) -> list[Term]:
    """Terms whose matches are shown (those under NOT only decide)."""
    if isinstance(expr, Term):
        return [] if negated else [expr]
    if isinstance(expr, Not):
        return positive_terms(expr.item, not negated)
    return [t for e in expr.items for t in positive_terms(e, negated)]


def evaluate(expr: Expr, present: Callable[[Term], bool]) -> bool:
    if isinstance(expr, Term):
        return present(expr)
    if isinstance(expr, Not):
        return not evaluate(expr.item, present)
    if isinstance(expr, And):
        return all(evaluate(e, present) for e in expr.items)
    return any(evaluate(e, present) for e in expr.items)


def possible(expr: Expr, present: Callable[[Term], bool | None]) -> bool:
    """Whether a text *may* satisfy expr, when `present` can only say 'certainly not'.

    `present` returns False when the term certainly does not occur, None when it
    cannot tell (a regular expression).  NOT is always possible: a superset.
    """
    if isinstance(expr, Term):
        return present(expr) is not False
    if isinstance(expr, Not):
        return True
    if isinstance(expr, And):
        return all(possible(e, present) for e in expr.items)
    return any(possible(e, present) for e in expr.items)


def build_query(patterns: Sequence[str], *, regex: bool = False, all_terms: bool = False,
                query: str | None = None) -> Expr:
    """Patterns (-e …) OR-ed, or AND-ed with --all; or a --query expression."""
    if query is not None:
        if patterns:
            raise UsageError("give either patterns or --query, not both")
        if all_terms:
            raise UsageError("--all combines -e patterns; in a --query, juxtaposed words are AND-ed")
        return parse_query(query, regex=regex)
    if not patterns:
        raise UsageError("missing PATTERN")
    terms = tuple(Term(p, regex) for p in patterns)
    if len(terms) == 1:
        return terms[0]
    return And(terms) if all_terms else Or(terms)


# -- matchers --------------------------------------------------------------------------

_REGEX_META = set(".^$*+?{}[]\\|()")


def _regex_source(pattern: str) -> str:
    """A regex with its full-width characters folded like the text, never turning
    a literal （ into a group: a folded metacharacter is escaped."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            out.append(ch)
            continue
        f = fold(ch)  # ＡＢ and AB become ab like the text; escapes (\D, \p{Han}) stay
        out.append("\\" + f if f != ch and f in _REGEX_META else f)
    return simplify("".join(out))


class Matcher:
    """A compiled term: finds spans in a key text."""

    __slots__ = ("term", "ignore_space", "timeout", "needle", "compiled")

    def __init__(self, term: Term, ignore_space: bool, timeout: float) -> None:
        self.term = term
        self.ignore_space = ignore_space
        self.timeout = timeout
        self.needle = ""
        self.compiled: Any = None
        if self.term.regex:
            import regex  # lazy: the regex module is needed only for --regex

            src = _regex_source(self.term.pattern)
            if self.ignore_space:
                src = re.sub(r"(?<!\\)\s", "", src)
            try:
                self.compiled = regex.compile(src, regex.IGNORECASE | regex.MULTILINE)
            except regex.error as e:
                raise UsageError(f"bad regular expression {self.term.pattern!r}: {e}") from None
        else:
            needle = match_key(self.term.pattern)
            if self.ignore_space:
                needle = "".join(needle.split())
            if not needle.strip():
                raise UsageError("empty pattern")
            self.needle = needle

    def find(self, key: str) -> list[tuple[int, int]]:
        if self.compiled is None:
            out, n, start = [], len(self.needle), 0
            while (i := key.find(self.needle, start)) >= 0:
                out.append((i, i + n))
                start = i + n
            return out
        try:
            return [m.span() for m in self.compiled.finditer(key, timeout=self.timeout)
                    if m.end() > m.start()]
        except TimeoutError:
            raise RegexTimeout(
                f"regular expression {self.term.pattern!r} took more than {self.timeout:g} s "
                "on one provision: it backtracks catastrophically; simplify it (avoid nested "
                "repeats such as (a|aa)+)") from None

    @property
    def cjk_only(self) -> bool:
        """A literal of CJK ideographs only: width folding cannot change where it matches."""
        return self.compiled is None and all(map(is_cjk, self.needle))

    def may_occur(self, space_free: str) -> bool | None:
        """On a key without white space: False when the term certainly does not occur."""
        if self.compiled is not None:
            return None
        return "".join(self.needle.split()) in space_free


class RegexTimeout(UsageError):
    """A catastrophic pattern: reported as an error (exit 2), never a hang."""


# -- flat rows of a document -----------------------------------------------------------

#: Depth of the units inside an article; anything else inside an article rolls up last.
DEPTH = {"article": 5, "paragraph": 6, "item": 7, "subitem": 8}
LEVELS = {"smallest": 99, "subitem": 99, "item": 7, "paragraph": 6, "article": 5}
_HEADINGS = ("part", "subpart", "chapter", "section")


class Row(NamedTuple):
    """One node of a document, flat: enough to search it and name a hit.

    A NamedTuple rather than a frozen dataclass: a scan makes one per node of
    every file it parses, and tuples are several times cheaper to create.
    """

    seq: int  # position in document order
    kind: str
    text: str  # own text (a heading's title): the unit at the smallest level
    article: str | None  # canonical key of the enclosing article
    label: str | None
    number: str | None
    line: int
    end_line: int
    anc: tuple[int, int, int]  # seq of the enclosing article, paragraph, item (-1: none)
    heads: tuple[tuple[str, str], ...]  # enclosing 编/章/节 (kind, number), outermost first
    path: tuple[str, ...] | None = None  # labels from the document down (lazy for scans)
    address: str | None = None
    node: Any = None  # the Node, for rows made from a parse

    @property
    def depth(self) -> int:
        if self.anc[0] < 0 and self.kind != "article":
            return 0  # outside any article
        return DEPTH.get(self.kind, 9)

    @property
    def group(self) -> int:
        """The unit --all and --query combine over: the article, or the row itself."""
        return self.anc[0] if self.anc[0] >= 0 else self.seq


class DocRows:
    """A document as the engine sees it.

    rows: None when they are to be made from `doc` (a parse) when first needed;
    doc: the Document, when the rows come from a parse;
    odd: the CJK characters outside GB2312 (candidates for Traditional → Simplified)
    in the document's source, or None when unknown (then each unit is checked).
    """

    __slots__ = ("file", "index", "title", "kind", "rows", "doc", "odd")

    def __init__(self, file: str, index: int, title: str, kind: str, rows: list[Row] | None,
                 doc: Any = None, odd: frozenset[str] | None = None) -> None:
        self.file, self.index, self.title, self.kind = file, index, title, kind
        self.rows, self.doc, self.odd = rows, doc, odd

    def path(self, row: Row) -> list[str]:
        if row.path is not None:
            return list(row.path)
        from .query import path_labels

        return path_labels(self.doc, row.node)

    def address(self, row: Row) -> str:
        if row.address is not None:
            return row.address
        from .query import address

        return address(self.doc, row.node)


_CITED = ("article", "paragraph", "item", "subitem")


def rows_of(doc, *, named: bool = False) -> list[Row]:
    """A parsed Document → its rows (the table of contents is left out: it repeats headings).

    named: fill in `path` and `address` now (the index stores them), built along
    the walk instead of from each node's ancestors; otherwise they are computed
    by lawcli.query for the few rows that become hits.  The two ways must agree,
    and tests/test_index.py checks that they do (index ≡ scan).
    """
    from .model import Kind

    if named:
        from .query import label_of  # the label rule of query.path_labels / address
    title = f"《{doc.title}》" if doc.title else ""
    rows: list[Row] = []

    def visit(node, anc: tuple[int, int, int], heads: tuple, article: str | None,
              path: tuple[str, ...], cite: tuple[str, ...]) -> None:
        kind = node.kind._value_  # (not .value: a descriptor, five times slower)
        seq = len(rows)
        if node.kind is Kind.TOC:
            return
        if kind in _HEADINGS:
            heads = heads + ((kind, node.number or ""),)
            text = node.title or ""
        else:
            text = node.text
        if kind == "article":
            article = node.number
        address = None
        if named:
            label = label_of(node)
            if label:
                path = path + (label,)
            if kind in _CITED:
                cite = cite + (label,)
            address = title + "".join(cite if cite else (label,))
        rows.append(Row(seq, kind, text, article, node.label, node.number, node.line,
                        node.end_line, anc, heads, path if named else None, address, node))
        if kind == "article":
            anc = (seq, -1, -1)
        elif kind == "paragraph" and anc[0] >= 0:
            anc = (anc[0], seq, -1)
        elif kind == "item" and anc[0] >= 0:
            anc = (anc[0], anc[1], seq)
        for c in node.children:
            visit(c, anc, heads, article, path, cite)

    for top in doc.children:
        visit(top, (-1, -1, -1), (), None, (), ())
    return rows


# -- the search ------------------------------------------------------------------------

class Plan(NamedTuple):
    """Everything a search needs to know besides where to look."""

    expr: Expr
    ignore_space: bool = False
    level: str = "smallest"
    doc: str | None = None
    kind: str | None = None
    within: str | None = None
    context: int = 0
    timeout: float = 2.0
    #: Only whether a file has a hit matters (--files-with-matches): stop at its first.
    first_per_file: bool = False

    @property
    def combines(self) -> bool:
        """True when terms combine over an article (AND/NOT), not hit by hit."""
        return not (isinstance(self.expr, Term) or (
            isinstance(self.expr, Or) and all(isinstance(e, Term) for e in self.expr.items)))


class Hit(NamedTuple):
    """One hit.  A NamedTuple rather than a frozen dataclass: a search over a large
    index makes tens of thousands, and tuples are several times cheaper to create."""

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
    before: tuple[tuple[str, str], ...] = ()  # context: (label, text)
    after: tuple[tuple[str, str], ...] = ()

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


class Searcher:
    """Compiled plan: matchers, the --within reference, filters."""

    def __init__(self, plan: Plan):
        if plan.level not in LEVELS:
            raise UsageError(f"--level must be one of: article, paragraph, item, smallest "
                             f"(got {plan.level!r})")
        if plan.context < 0:
            raise UsageError("--context must be 0 or more")
        self.plan = plan
        self.terms = list(dict.fromkeys(terms_of(plan.expr)))
        self.matchers = {t: Matcher(t, plan.ignore_space, plan.timeout) for t in self.terms}
        self.shown = set(positive_terms(plan.expr))
        self.max_depth = LEVELS[plan.level]
        self.within = _parse_within(plan.within) if plan.within else None
        #: Whether --within named anything in the documents searched (for a note if not).
        self.within_found = False
        self.kind = simplify(fold(plan.kind.strip())) if plan.kind else None
        #: Every term a literal of ideographs, spaces significant: fold() is skipped,
        #: since it never touches an ideograph (see `_key`).
        self.fast = not plan.ignore_space and all(m.cjk_only for m in self.matchers.values())
        self._maps: dict[frozenset[str], bool] = {}

    @property
    def row_literals(self) -> tuple[tuple[Term, str], ...] | None:
        """(term, needle) pairs when a hit is simply a row whose own text holds a needle:
        literals of ideographs (any of them), the smallest unit, no context, no --within.
        The index then answers such a search row by row in SQL (`index._literal_hits`)."""
        e = self.plan.expr
        simple = isinstance(e, Term) or (isinstance(e, Or) and all(isinstance(x, Term) for x in e.items))
        if not (simple and self.fast and self.max_depth == LEVELS["smallest"]
                and not self.plan.context and self.within is None):
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
        from .model import Kind
        from .query import address, path_labels

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
            text = (node.title or "") if kind in _HEADINGS else node.text
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
    if row.kind in _HEADINGS or row.kind == "article":
        return ""
    prefix = row.label if row.kind in ("item", "subitem") and row.label else ""
    return prefix + row.text


def _short(dr: DocRows, row: Row) -> str:
    """A neighbour's name in context lines: its address without the title."""
    if row.kind in _HEADINGS:
        return row.label or ""
    addr = dr.address(row)
    if addr.startswith("《") and "》" in addr:
        addr = addr[addr.index("》") + 1:]
    if addr:
        return addr
    path = dr.path(row)
    return path[-1] if path else ""


def title_matches(fragment: str, title: str) -> bool:
    """--doc over many files: the title contains the fragment (width, space, script folded)."""
    key = "".join(match_key(fragment).split())
    return bool(key) and key in "".join(match_key(title).split())


def _parse_within(text: str) -> Callable[[Row], bool]:
    """--within 第三章 / 第二编第一章 / 第十条至第二十条 / 23 → a row predicate.

    A heading path matches every 章/节 with those numbers (in any 编 when the 编
    is not named), so it works on many documents at once.
    """
    from .numerals import split_key
    from .query import ArticleRef, HeadingRef, RangeRef, parse_ref

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


# -- scanning files --------------------------------------------------------------------

#: Suffixes read when a directory is searched (a named file is always read).
SUFFIXES = (".txt", ".md", ".markdown", ".text")


def iter_files(paths: Sequence[str]) -> Iterator[str]:
    """Every file under the paths (a named file as given), sorted within directories."""
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            yield p
            continue
        for entry in dir_entries(p):
            yield entry.path


_NAME = attrgetter("name")


def dir_entries(top: str, dirs: list[tuple[str, int, int]] | None = None) -> Iterator[os.DirEntry]:
    """The files a directory search reads, as directory entries (whose stat() an index
    uses to see what changed), in os.walk's order: a directory's files, sorted, then
    its subdirectories one by one.  Hidden names are skipped, symbolic links to
    directories are not followed, unreadable directories are passed over.

    dirs: receives (path, modification time, clock time) in ns for every directory
    listed, both read *before* listing it, so a later change always shows (lawcli.index).

    Written on os.scandir rather than os.walk: a corpus of thousands of files is
    listed on every indexed search, and this is about a third cheaper.
    """
    stack = [top]
    while stack:
        d = stack.pop()
        try:
            if dirs is not None:
                now = time.time_ns()
                mtime = os.stat(d).st_mtime_ns
            with os.scandir(d) as it:
                entries = sorted(it, key=_NAME)
        except OSError:
            continue
        if dirs is not None:
            dirs.append((d, mtime, now))
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not e.is_symlink():
                    subdirs.append(e.path)
            elif e.name.endswith(SUFFIXES):
                yield e
        stack.extend(reversed(subdirs))


def read_text(path: str, encoding: str | None = None) -> tuple[str, str, bytes]:
    """(text, display name, bytes) of a file or '-': the reader's decoding and checks,
    with the bytes kept for the parse cache's key."""
    from .reader import decode_checked, read_bytes

    data, name = read_bytes(path)
    return decode_checked(data, encoding, name), name, data


def _cached(data: bytes | None, encoding: str | None, name: str):
    """(the parse cache's Source for these bytes or None, its cache key; None when
    there is no cache: then a file is tested before it is parsed)."""
    if data is None:
        return None, None
    from . import cache

    if cache.directory() is None:
        return None, None
    key = cache.key(data, encoding)
    hit = cache.get(key)
    if hit is not None and hasattr(hit, "documents") and hasattr(hit, "_replace"):
        return hit._replace(name=name), key
    return None, key


def docrows_of_source(source, file: str, searcher: Searcher, strict_doc: bool,
                      odd: frozenset[str] | None = None) -> Iterator[DocRows]:
    """The documents of a parsed file that --doc and --kind keep, as rows.

    With a single FILE, --doc is resolved by `Source.select` (an index, or a fragment
    that must name one document); over many files it keeps every title containing it.
    """
    if strict_doc and searcher.plan.doc is not None:
        docs = [d for d in source.select(searcher.plan.doc) if searcher.kind_wanted(d.kind)]
    else:
        docs = [d for d in source.documents if searcher.doc_wanted(d.title, d.kind)]
    for d in docs:
        yield DocRows(file, d.index, d.title, d.kind, None, doc=d, odd=odd)


def scan_text(text: str, name: str, searcher: Searcher, *, strict_doc: bool = False,
              data: bytes | None = None, encoding: str | None = None) -> Iterator[Hit]:
    """Search one decoded text, skipping the parse when the terms cannot occur.

    The cheap test runs on the normalised text (where wrapped lines are already
    joined and page furniture dropped) without any white space: every unit's
    text is a piece of it, so a file it rejects has no hit.  With the file's
    bytes, the shared parse cache (lawcli/cache.py) is asked first: a tree
    parsed before needs neither normalising nor parsing; a tree parsed now is
    kept there.
    """
    check = not (strict_doc and searcher.plan.doc is not None)
    source, key = _cached(data, encoding, name)
    if source is not None:
        # Units are pieces of the normalised text: its characters are enough for t2s.
        norm = source.normalized
        odd = set(norm.odd) if norm.odd is not None else _odd_chars(norm.text)
        if check and not searcher.may_match(norm.text.replace("\n", ""), odd):
            return
    else:
        from .normalize import normalize
        from .source import load_text

        odd = _odd_chars(text)
        norm = normalize(text)
        if check and not searcher.may_match("".join(line.text for line in norm.lines), odd):
            return  # (not cached: a file is parsed, and kept, when a search needs its tree)
        source = load_text(text, name, norm)
        if key is not None:
            from . import cache

            cache.put(key, source)  # the next search of this file reads the tree
    yield from searcher.search_docs(docrows_of_source(source, name, searcher, strict_doc,
                                                      frozenset(odd)))


class Outcome:
    """What a search produced besides hits: problems met on the way (exit 2)."""

    __slots__ = ("errors", "notes", "files")

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.notes: list[str] = []  # warnings that do not change the exit status
        self.files = 0


def scan(paths: Sequence[str], searcher: Searcher, outcome: Outcome | None = None,
         encoding: str | None = None, *, single: bool | None = None) -> Iterator[Hit]:
    """Search files and directories by parsing them (no index); a big directory is
    searched by several processes at once (lawcli.fanout), the hits in the same order."""
    outcome = outcome if outcome is not None else Outcome()
    files = list(iter_files(paths))
    if single is None:  # one named FILE: its errors are errors, --doc picks in it
        single = len(files) == 1 and not any(os.path.isdir(p) for p in paths)
    if searcher.plan.doc is not None and searcher.plan.doc.strip().isdigit() and not single:
        raise UsageError("--doc N (an index) needs a single FILE; use a title fragment")
    jobs = 1
    if not single and "-" not in files:
        from . import fanout

        sizes = [_size(f) for f in files]
        jobs = fanout.jobs_for(sum(sizes), len(files))
    if jobs <= 1:
        yield from _scan_files(files, searcher, outcome, encoding, single)
        return

    def work(chunk: list[str]) -> Iterator[Any]:
        if chunk is chunks[0]:  # this process: its own outcome and searcher
            yield from _scan_files(chunk, searcher, outcome, encoding, False)
            return
        mine = Outcome()  # a child's: sent back with its hits
        yield from _scan_files(chunk, searcher, mine, encoding, False)
        yield _Sent(mine.errors, mine.notes, mine.files, searcher.within_found)

    chunks = fanout.split(files, sizes, jobs)
    for item in fanout.run(chunks, work):
        if isinstance(item, _Sent):
            outcome.errors.extend(item.errors)
            outcome.notes.extend(item.notes)
            outcome.files += item.files
            searcher.within_found = searcher.within_found or item.within_found
        else:
            yield item


class _Sent(NamedTuple):
    """What a worker process found besides hits (see `scan`)."""

    errors: list[str]
    notes: list[str]
    files: int
    within_found: bool


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _scan_files(files: list[str], searcher: Searcher, outcome: Outcome, encoding: str | None,
                single: bool) -> Iterator[Hit]:
    for name in files:
        try:
            text, shown, data = read_text(name, encoding)
        except InputError as e:
            if single:
                raise
            outcome.errors.append(str(e))
            continue
        outcome.files += 1
        yield from scan_text(text, shown, searcher, strict_doc=single,
                             data=None if name == "-" else data, encoding=encoding)


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
    line = f"{head}{hit.address or ' '.join(hit.path) or hit.document}  {_indent(hit.text)}\n"
    if hit.before or hit.after:
        return ("".join(f"  {label}  {_indent(text)}\n" for label, text in hit.before) + line
                + "".join(f"  {label}  {_indent(text)}\n" for label, text in hit.after))
    return line


def count_by_document(hits: Iterable[Hit]) -> list[dict[str, Any]]:
    """--count: hits per document, in the order met."""
    counts: dict[tuple[str, int], dict[str, Any]] = {}
    for h in hits:
        key = (h.file, h.document_index)
        if key not in counts:
            counts[key] = {"file": h.file, "document": h.document, "document_index": h.document_index,
                           "count": 0}
        counts[key]["count"] += 1
    return list(counts.values())


# -- where to look ------------------------------------------------------------------------

def find(paths: Sequence[str], searcher: Searcher, outcome: Outcome, *, index: str | None = None,
         use_index: bool = True, encoding: str | None = None, law: str | None = None) -> Iterator[Hit]:
    """Hits for the paths: a directory with an index is answered from it (files changed
    since are read directly), others are scanned; no path at all means the library,
    and `law` one library document (named by a title fragment)."""
    if law is not None:
        if paths or index is not None:
            raise UsageError("--law names a library document: give no PATH and no --index")
        from .library import load_law

        source = load_law(law)
        odd = frozenset().union(*(_odd_chars(d.joined_raw()) for d in source.documents))
        yield from searcher.search_docs(docrows_of_source(source, source.name, searcher, False, odd))
        return
    if index is not None:
        from .index import Index, search_dir

        if Index.locate(index) is None:
            raise UsageError(f"{index}: has no index; build one with: lawcli index {index}")
        yield from search_dir(index, searcher, outcome)
        return
    if not paths:
        from .library import search_library

        yield from search_library(searcher, outcome)
        return
    if use_index and encoding is None and any(os.path.isdir(p) for p in paths):
        # (--encoding reads the files again: the index decoded them its own way)
        from .index import Index, search_dir

        indexed = [p for p in paths if os.path.isdir(p) and Index.locate(p) is not None]
        if indexed:
            for p in paths:
                if p in indexed:
                    yield from search_dir(p, searcher, outcome)
                else:  # one of several paths: a problem is reported, the others searched
                    yield from scan([p], searcher, outcome, encoding, single=False)
            return
    yield from scan(paths, searcher, outcome, encoding)
