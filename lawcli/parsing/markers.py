"""Article markers that damaged copies print wrongly, recovered where the numbering
expects them.

Real sources write 第一百二十八 条 (a space before 条), 笫五十四条 (笫 for 第), 第三十五
条农村… (no separator) or run several articles together on one line (…。第十二条 …).
The strict tokenizer misses each of them, and the article is lost into its neighbour.
A candidate is believed only when it carries the number that the sequence expects next
(the successor of the last article, not one the text marks properly elsewhere) and stands
where an article can begin: at the start of a line, or mid-line right after the end of a
sentence.  So 依照第十二条规定 is never split, and 第十二条 in a paragraph that follows
第三十条 is never taken for an article.

Each recovery is counted under a named repair (`REPAIRS`); the builder reports the
total once.  Nothing is rewritten: a run-on line is cut into pieces whose characters,
joined, are the line (the builder keeps the line break only after the last piece).
"""

from __future__ import annotations

import re
from collections import Counter

from ..text import patterns as P
from ..text.lines import Line
from ..text.numerals import article_key, split_key, to_int
from .tokenize import T, Token

#: The named repairs, as counted in `repairs` (JSON) and summed by the breadth test.
REPAIRS = ("article_marker_di_variant", "article_marker_inner_space", "article_marker_unseparated",
           "article_marker_run_on")

#: Mid-line: an article can begin only after the end of a sentence (and any spaces).
_RUN_ON = re.compile(rf"[。；;！!？?”」][ \u3000]*(?={P.BROKEN_ARTICLE.pattern})")


def _read(s: str, at: int = 0) -> tuple[re.Match, tuple[int, int]] | None:
    """A marker at `at` of `s` and its article key, when it may be a heading (not a citation)."""
    m = P.BROKEN_ARTICLE.match(s, at)
    if not m:
        return None
    end = m.end()
    if not m.group("sep") and end < len(s) and P.CITATION_AFTER.match(s, end):
        return None
    try:
        sub = m.group("sub")
        key = (to_int(m.group("num")), to_int(sub) if sub else 0)
    except ValueError:
        return None
    return m, key


def _defect(m: re.Match) -> str:
    if m.group("di") == "笫":
        return "article_marker_di_variant"
    if m.group("s1") or m.group("s2"):
        return "article_marker_inner_space"
    return "article_marker_unseparated"


def _token(line: Line, m: re.Match, key: tuple[int, int]) -> Token:
    s = line.text
    end = m.end()
    return Token(T.ARTICLE, line, m.group("label"), article_key(*key) if key[1] else str(key[0]),
                 s[:end], s[end:])


#: How far past the last article a number may jump when the next properly marked article
#: lies beyond it: the source skips a number, then damages the next marker.
_GAP = 3
_SPLITTABLE = (T.ARTICLE, T.TEXT, T.ITEM, T.SUBITEM)


def _successors(prev: tuple[int, int] | None) -> tuple[tuple[int, int], ...]:
    if prev is None:
        return ((1, 0),)
    return ((prev[0] + 1, 0), (prev[0], prev[1] + 1))


class _Recovery:
    """One pass over the tokens.  Most tokens are plain: the pass looks at each once, and
    works out the numbering (keys, the strict set, the next strict article) only when a
    candidate marker shows up."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.out: list[Token] = []
        self.glued: set[int] = set()  # indexes in `out` of pieces followed by more of their line
        self.repairs: Counter = Counter()
        self.prev_number: str | None = None  # the last article's key, as the token has it
        self.prev: tuple[int, int] | None = None  # set by _expected, or by a cut
        self.at = 0  # index of the token being read
        self._strict: set[tuple[int, int]] | None = None

    def _key(self) -> tuple[int, int] | None:
        try:
            return split_key(self.prev_number) if self.prev_number else None
        except ValueError:
            return None

    def _next_strict(self) -> tuple[int, int] | None:
        """The key of the first article after the current token that is marked properly."""
        for tok in self.tokens[self.at + 1:]:
            if tok.kind is T.ARTICLE and tok.number:
                return split_key(tok.number)
        return None

    def _expected(self, key: tuple[int, int]) -> bool:
        """The next number, or one in a gap that the source itself leaves before the next
        properly marked article (第三十条 … 第三十二 条 … 第三十三条: 31 is missing)."""
        if self._strict is None:
            self._strict = {split_key(t.number) for t in self.tokens if t.kind is T.ARTICLE and t.number}
        if key in self._strict:
            return False
        prev = self.prev = self._key()
        if key in _successors(prev):
            return True
        if prev is None or key[1] or not 0 < key[0] - prev[0] <= _GAP:
            return False
        nxt = self._next_strict()
        return nxt is not None and prev < key < nxt

    def run(self) -> list[Token]:
        # The title and information lines are placed before the body's loop, where a
        # piece could not lose its line break: they are never cut.
        title = next((i for i, t in enumerate(self.tokens) if not t.line.info), 0)
        out, run_on, text_kind, article = self.out, _RUN_ON.search, T.TEXT, T.ARTICLE
        for i, tok in enumerate(self.tokens):
            kind = tok.kind
            if kind is text_kind and tok.line.text[0] in "第笫":
                self.at = i
                found = _read(tok.line.text)
                if found and self._expected(found[1]):
                    self.repairs[_defect(found[0])] += 1
                    tok = _token(tok.line, *found)
                    kind = article
            if kind is article:
                self.prev_number = tok.number
            # (before any article, 第一条 may run on a preamble)
            if (kind in _SPLITTABLE and i > title and run_on(tok.line.text, len(tok.head))
                    and not tok.line.info):
                self.at = i
                self._split(tok)
            else:
                out.append(tok)
        return out

    def _split(self, tok: Token) -> None:
        """Cut a line where the next article begins mid-line, as often as it does."""
        line = tok.line
        s = line.text
        start = len(tok.head)
        while True:
            cut = None
            for m in _RUN_ON.finditer(s, start):
                found = _read(s, m.end())
                if found and self._expected(found[1]):
                    cut = m.end(), found
                    break
            if cut is None:
                self.out.append(tok)
                return
            at, (mark, key) = cut
            first = line._replace(text=s[:at])
            if tok.kind is not T.TEXT:  # article, 项 or 目: the label stays in front
                self.out.append(tok._replace(line=first, rest=first.text[len(tok.head):]))
            else:
                self.out.append(tok._replace(line=first, rest=first.text))
            self.glued.add(len(self.out) - 1)
            # One repair per article found: a run-on 笫十三条 counts as run-on only.
            self.repairs["article_marker_run_on"] += 1
            line = line._replace(text=s[at:])
            s = line.text
            end = mark.end() - at
            tok = _token(line, P.BROKEN_ARTICLE.match(s), key)
            start = end
            self.prev_number = tok.number


def recover(tokens: list[Token]) -> tuple[list[Token], set[int], Counter]:
    """The tokens with damaged article markers recovered; the pieces of run-on lines
    that a line break does not follow; the repairs counted."""
    # A marker, damaged or run on, is in some token's text after its label (a TEXT
    # token's rest is its whole line).
    if not any("条" in t.rest or "條" in t.rest for t in tokens):
        return tokens, set(), Counter()
    rec = _Recovery(tokens)
    out = rec.run()
    return out, rec.glued, rec.repairs

