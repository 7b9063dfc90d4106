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
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.strict = {split_key(t.number) for t in tokens if t.kind is T.ARTICLE and t.number}
        self.out: list[Token] = []
        self.glued: set[int] = set()  # indexes in `out` of pieces followed by more of their line
        self.repairs: Counter = Counter()
        self.prev: tuple[int, int] | None = None
        self.next_strict: tuple[int, int] | None = None  # the next article marked properly

    def _expected(self, key: tuple[int, int]) -> bool:
        """The next number, or one in a gap that the source itself leaves before the next
        properly marked article (第三十条 … 第三十二 条 … 第三十三条: 31 is missing)."""
        if key in self.strict:
            return False
        if key in _successors(self.prev):
            return True
        prev, nxt = self.prev, self.next_strict
        return (prev is not None and nxt is not None and prev < key < nxt and key[1] == 0
                and key[0] - prev[0] <= _GAP)

    def _next_strict(self) -> list[tuple[int, int] | None]:
        """For each token, the key of the first strict article after it."""
        out: list[tuple[int, int] | None] = [None] * len(self.tokens)
        nxt = None
        for i in range(len(self.tokens) - 1, -1, -1):
            out[i] = nxt
            tok = self.tokens[i]
            if tok.kind is T.ARTICLE and tok.number:
                nxt = split_key(tok.number)
        return out

    def run(self) -> list[Token]:
        following = self._next_strict()
        # The title and information lines are placed before the body's loop, where a
        # piece could not lose its line break: they are never cut.
        title = next((i for i, t in enumerate(self.tokens) if not t.line.info), 0)
        for i, tok in enumerate(self.tokens):
            self.next_strict = following[i]
            if tok.kind is T.TEXT and tok.line.text[0] in "第笫":
                found = _read(tok.line.text)
                if found and self._expected(found[1]):
                    self.repairs[_defect(found[0])] += 1
                    tok = _token(tok.line, *found)
            if tok.kind is T.ARTICLE:
                try:
                    self.prev = split_key(tok.number)
                except (TypeError, ValueError):
                    pass
            if tok.kind in _SPLITTABLE and i > title and not tok.line.info:
                # (before any article, 第一条 may run on a preamble)
                self._split(tok)
            else:
                self.out.append(tok)
        return self.out

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
            self.prev = key


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

