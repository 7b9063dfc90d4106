"""What a search looks for: terms, the query syntax, and matchers that find them.

How two texts are made comparable (`match_key`):
  * `textfold.fold` folds full/half width and Latin case, one character for one;
  * Traditional characters are mapped to Simplified one character for one (the
    OpenCC character table, see `_t2s_table`), so offsets stay offsets;
  * with `ignore_space`, white space is dropped and a position map kept (`squeeze`).
A match is found on that key and its span reported on the original text.
"""

from __future__ import annotations

from collections import namedtuple

from ..errors import UsageError
from ..text.textfold import fold, is_cjk
from ..text.textfold import odd_chars as _odd_chars

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Callable, Sequence

# -- Traditional → Simplified, one character for one -----------------------------------

_T2S: dict[int, int] = {}  # grows as characters are met; identity is not stored
_SEEN: set[str] = set()
_BLOCKS_KNOWN = False  # the stored map of every CJK block character is in _T2S (t2s.py)


def _t2s_table(chars: set[str]) -> dict[int, int]:
    """Extend the character map with `chars`; OpenCC converts them one per line.

    Character by character rather than phrase by phrase: a phrase rule may change
    the length of the text, and a span must still point at the original.
    Characters OpenCC turns into several (or none) are left alone.  OpenCC's answers
    for the CJK blocks come from a stored map when there is one (text/t2s.py).
    """
    global _BLOCKS_KNOWN
    new = chars - _SEEN
    if new:
        from ..text import t2s  # lazy: only texts with such characters

        if not _BLOCKS_KNOWN:
            stored = t2s.stored()
            if stored is not None:
                _T2S.update(stored)
                _BLOCKS_KNOWN = True
        if _BLOCKS_KNOWN:
            new = {c for c in new if not t2s.in_blocks(c)}
        if new:
            _T2S.update(t2s.convert_each(sorted(new)))
        _SEEN.update(chars)
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

# The query and plan are named tuples (collections.namedtuple) and the engine's other classes
# plain ones, not dataclasses: an indexed search then never imports the dataclasses
# machinery, nor `typing` (~6 ms and ~5 ms of a command that takes a few tens).  And,
# Or and Not compare equal only to their own kind, as dataclasses would.

class Term(namedtuple("Term", "pattern regex", defaults=(False,))):
    """One pattern: a literal (default) or a regular expression."""

    __slots__ = ()

    pattern: str
    regex: bool  # default False

    def __str__(self) -> str:
        return f"/{self.pattern}/" if self.regex else self.pattern


def _own_kind_only(cls: type) -> type:
    """Make a record equal only to its own kind, as a dataclass would be: And(x) is not Or(x)."""
    cls.__eq__ = lambda self, other: type(other) is cls and tuple.__eq__(self, other)  # type: ignore[method-assign]
    cls.__ne__ = lambda self, other: not self == other  # type: ignore[method-assign]
    cls.__hash__ = tuple.__hash__  # type: ignore[method-assign]
    return cls


@_own_kind_only
class And(namedtuple("And", "items")):
    __slots__ = ()

    items: tuple[Any, ...]


@_own_kind_only
class Or(namedtuple("Or", "items")):
    __slots__ = ()

    items: tuple[Any, ...]


@_own_kind_only
class Not(namedtuple("Not", "item")):
    __slots__ = ()

    item: Any


Expr = Term | And | Or | Not

#: One token of a --query (compiled on first use: `re` is imported only by searches that
#: need it, not by every plain look-up).
_TOKEN = (r'\s*(?:(?P<op>[()|&])|"(?P<q>(?:[^"\\]|\\.)*)"|/(?P<re>(?:[^/\\]|\\.)+)/'
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
    import re

    token = re.compile(_TOKEN)
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = token.match(text, pos)
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
        # ＡＢ becomes ab like the text; ASCII stays as typed (the pattern ignores case),
        # so (?P<name>…) and escapes (\D, \p{Han}) keep their meaning.
        f = ch if ch < "\x80" else fold(ch)
        out.append("\\" + f if f != ch and f in _REGEX_META else f)
    return simplify("".join(out))


def required_ideographs(source: str) -> list[str]:
    """Runs of ideographs that every match of a regular expression must contain.

    source: as `_regex_source` gives it (folded and simplified like the texts).  Only
    the top level counts: nothing inside a group, a class or an escape, nothing a
    quantifier makes optional, nothing at all when the top level has alternatives or
    the pattern is in verbose mode.  An index narrows a regular-expression search with
    these (`index.query._term_groups`); an empty list means every article is checked.
    """
    runs: list[str] = []
    cur: list[str] = []

    def close() -> None:
        if cur:
            runs.append("".join(cur))
            cur.clear()

    if "(?" in source:  # inline flags: verbose mode would make spaces and # comments inert
        for part in source.split("(?")[1:]:
            flags = part.split(")", 1)[0].split(":", 1)[0]
            if "x" in flags:
                return []
    i, n, depth = 0, len(source), 0
    while i < n:
        ch = source[i]
        if ch == "\\":  # an escape (\d, \p{Han}, \.): never part of a run
            close()
            i += 2
            if i < n and source[i] == "{" and source[i - 1] in "pPNx":
                i = source.find("}", i) + 1 or n
            continue
        if ch == "[":  # a class: skip to its end ([]…] and [^]…] begin with a literal ])
            close()
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i += 1
            continue
        if ch in "?*+{":  # a quantifier: optional (?, *, {0,…}) drops the atom it follows
            optional = ch in "?*" or (ch == "{" and source[i + 1:i + 2] in ("0", ",", "}"))
            if optional and cur:
                cur.pop()
            close()
            i = (source.find("}", i) + 1 or n) if ch == "{" else i + 1
            continue
        if ch == "|" and depth == 0:
            return []  # alternatives at the top: nothing is required of every match
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if depth == 0 and is_cjk(ch):
            cur.append(ch)
        else:
            close()
        i += 1
    close()
    return runs


#: A regular expression of ideographs, `.`, groups (also `(?:`), `|`, anchors and
#: quantifiers (`*`, `+`, `?`, `{m,n}`, lazy or not) and nothing else (see
#: `Matcher.fold_blind`; matched with `re`, imported then: plain look-ups never need it).
_STRUCTURE_ONLY = (r"(?:[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f.|^$)]"
                   r"|\((?:\?:)?|[*+?]\??|\{(?:\d+(?:,\d*)?|,\d+)\}\??)+")


#: What may stand between two characters of a phrase in a file as read and not in its
#: normalised lines: white space (a wrap, an indent, a blank line) and Markdown's marks
#: (`normalize.keeps_all_but_marks`), the INFO END line among them.
_RAW_GAP = r"(?:[\s\ufeff#>]|<!-- INFO END -->)*"


class Matcher:
    """A compiled term: finds spans in a key text."""

    __slots__ = ("term", "ignore_space", "timeout", "needle", "compiled", "_raw")

    def __init__(self, term: Term, ignore_space: bool, timeout: float) -> None:
        self.term = term
        self.ignore_space = ignore_space
        self.timeout = timeout
        self.needle = ""
        self.compiled: Any = None
        self._raw: Any = None
        if self.term.regex:
            import regex  # lazy: the regex module is needed only for --regex

            src = _regex_source(self.term.pattern)
            if self.ignore_space:
                import re

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

    @property
    def fold_blind(self) -> bool:
        """Width folding cannot change where this term matches, so texts need none: a
        literal of ideographs, or a regular expression of ideographs and structure
        only (`处.{1,12}罚款`, `(罚款|警告)`, `^第.{1,3}条`).  Folding maps no
        character to or from an ideograph or a newline, and `.`, groups, alternation,
        quantifiers and anchors see nothing else; classes and escapes could, so a
        pattern with them is folded as usual."""
        if self.compiled is None:
            return self.cjk_only
        if self.ignore_space:
            return False
        import re

        return re.fullmatch(_STRUCTURE_ONLY, _regex_source(self.term.pattern)) is not None

    def may_occur_raw(self, text: str) -> bool | None:
        """On a file's text as read (see `normalize.keeps_all_but_marks`): False when
        the term certainly does not occur once white space and line marks are gone.
        Its characters may stand apart by those; found, the file is normalised."""
        if self.compiled is not None:
            return None
        chars = "".join(self.needle.split())
        if chars in text:
            return True
        if self._raw is None:
            import re

            self._raw = re.compile(_RAW_GAP.join(map(re.escape, chars)))
        return self._raw.search(text) is not None

    def may_occur(self, space_free: str) -> bool | None:
        """On a key without white space: False when the term certainly does not occur."""
        if self.compiled is not None:
            return None
        return "".join(self.needle.split()) in space_free


class RegexTimeout(UsageError):
    """A catastrophic pattern: reported as an error (exit 2), never a hang."""
