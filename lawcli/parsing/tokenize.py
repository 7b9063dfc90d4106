"""Logical lines → tokens: each line classified on its own, before any nesting.

Classifying first (as Lawtext does for Japanese statutes) keeps the rules small:
the builder only decides where a token goes, never what it is.
"""

from __future__ import annotations

from collections import namedtuple
from enum import Enum

from ..text import patterns as P
from ..text.lines import Line
from ..text.numerals import article_key, to_int
from .model import Diagnostic


class T(str, Enum):
    PART = "part"
    SUBPART = "subpart"
    CHAPTER = "chapter"
    SECTION = "section"
    SUBSECTION = "subsection"  # Taiwan's 款 heading below 节
    SUBSUBSECTION = "subsubsection"  # and its 目 heading
    ARTICLE = "article"
    ITEM = "item"
    SUBITEM = "subitem"
    TOC = "toc"
    PREAMBLE = "preamble"
    HEADING = "heading"  # an unnumbered heading: 附则, or a Markdown heading without number
    ANNEX = "annex"
    NOTE = "note"
    TEXT = "text"


class Token(namedtuple(
        "Token", "kind line label number head rest title", defaults=(None, None, "", "", None))):
    __slots__ = ()

    kind: T
    line: Line
    label: str | None  # default None; as printed: 第二十三条, 第三章, （一）
    number: str | None  # default None; canonical key
    head: str  # default ""; the part of the line before `rest` (label + separator)
    rest: str  # default ""; the text after the label
    title: str | None  # default None; heading titles


#: Tokens are made with tuple.__new__ where it matters: the record's own __new__
#: is a Python-level call with keyword handling, once per line.
_new_token = tuple.__new__
# Enum members under plain names: a `T.X` look-up costs ~0.1 µs on Python 3.11.
_T_TEXT, _T_ARTICLE, _T_ITEM, _T_SUBITEM = T.TEXT, T.ARTICLE, T.ITEM, T.SUBITEM
#: 章 → T.CHAPTER …: the heading units' tokens, without an Enum call per heading.
_UNIT_TOKEN = {unit: T(kind) for unit, kind in P.HEADING_UNITS.items()}
#: Taiwan's spaced headings, 款 and 目 among them.
_TW_UNIT_TOKEN = {**_UNIT_TOKEN, "款": T.SUBSECTION, "目": T.SUBSUBSECTION}


def clean_title(title: str) -> str:
    """Remove letter-spacing from short titles (总　则 → 总则); keep real spaces."""
    parts = title.split()
    if len(parts) > 1 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return " ".join(parts) if parts else ""


def _heading_title_ok(title: str, md: bool, sep: bool) -> bool:
    if md:
        return True
    if P.SENTENCE_PUNCT.search(title) or len(title) > 40:
        return False
    if not sep and title[:1] in "的、中至和及或规所":
        return False
    return True


def num_or_none(text: str) -> str | None:
    """A label's number as a key ("23"), or None when the numeral cannot be read
    (万二, 亿: the patterns admit every numeral character, not every spelling)."""
    try:
        return str(to_int(text))
    except ValueError:
        return None


def _taiwan(line: Line, s: str) -> Token:
    """第 1 條 and 第 一 編 總則: Taiwan's spaced markers (its own words kept as labels)."""
    m = P.TW_ARTICLE.match(s)
    if m:
        sub = m.group("sub")
        key = article_key(int(m.group("num")), int(sub) if sub else None)
        end = m.end()
        return _new_token(Token, (_T_ARTICLE, line, m.group("label"), key, s[:end], s[end:], None))
    m = P.TW_HEADING.fullmatch(s)
    num = num_or_none(m.group("num")) if m else None
    if num is not None and _heading_title_ok(m.group("title") or "", False, True):
        return Token(_TW_UNIT_TOKEN[m.group("unit")], line, s[: m.end("unit")], num,
                     s, "", clean_title(m.group("title") or "") or None)
    return _new_token(Token, (_T_TEXT, line, None, None, "", s, None))


def _annex_line(line: Line, s: str) -> Token:
    """A plain line that opens an annex: 附件一：title, 附件：, 附：, 附件2 (not 附则 nor a
    sentence that starts with 附)."""
    if P.SUPPLEMENTARY.fullmatch(s):
        return Token(T.HEADING, line, title=clean_title(s))
    m = P.ANNEX_LINE.fullmatch(s)
    num = (m.group("num") or m.group("num2")) if m else None
    if m and not P.SENTENCE_END.search(m.group("title") or "") and (not num or num_or_none(num)):
        label = s[: m.start("title")].rstrip(" \u3000：:") if m.group("title") is not None else s
        return Token(T.ANNEX, line, label, num_or_none(num) if num else None,
                     title=(m.group("title") or None))
    return _new_token(Token, (_T_TEXT, line, None, None, "", s, None))


def classify(line: Line, loose_articles: bool = False) -> Token:
    s = line.text
    first = s[0]
    md = line.md_level > 0
    if first == "第":
        m = P.ARTICLE.match(s) or (P.ARTICLE_LOOSE.match(s) if loose_articles else None)
        if m:
            sub = m.group("sub")
            try:
                key = article_key(to_int(m.group("num")), to_int(sub) if sub else None)
            except ValueError:
                key = None
            if key is not None:
                end = m.end()
                return _new_token(Token, (_T_ARTICLE, line, m.group("label"), key, s[:end], s[end:], None))
        m = P.HEADING.fullmatch(s)
        if m:
            title = m.group("title")
            sep = m.start("title") > m.end("unit")
            if _heading_title_ok(title, md, sep or not title):
                num = num_or_none(m.group("num"))
                if num is not None:  # (第万二章: not a number, so not a heading; see unread_numbers)
                    kind = _UNIT_TOKEN[m.group("unit")]
                    label = s[: m.end("unit")]
                    return Token(kind, line, label, num, s, "", clean_title(title) or None)
        if s[1:2] == " ":
            return _taiwan(line, s)
    elif first in "（(":
        m = P.ITEM.match(s)
        num = num_or_none(m.group("num")) if m else None
        if num is not None:
            end = m.end()
            return _new_token(Token, (_T_ITEM, line, m.group("label"), num, s[:end], s[end:], None))
    elif first in "0123456789０１２３４５６７８９":
        m = P.SUBITEM.match(s)
        num = num_or_none(m.group("num")) if m else None
        if num is not None:
            end = m.end()
            return _new_token(Token, (_T_SUBITEM, line, m.group("label"), num, s[:end], s[end:], None))
    elif first in "目序附" and len(s) <= 40 or first == "附" and len(s) <= 80:
        if first == "附" and (len(s) > 40 or not md):
            return _annex_line(line, s)
        if P.TOC.fullmatch(s):
            return Token(T.TOC, line, s, title=clean_title(s))
        if P.PREAMBLE.fullmatch(s):
            return Token(T.PREAMBLE, line, s, title=clean_title(s))
        if P.SUPPLEMENTARY.fullmatch(s):
            return Token(T.HEADING, line, title=clean_title(s))
        m = P.ANNEX.fullmatch(s)
        if m and (md or not m.group("title")) and (not m.group("num") or num_or_none(m.group("num"))):
            num = m.group("num")
            return Token(T.ANNEX, line, m.group("label"), num_or_none(num) if num else None,
                         title=(m.group("title") or None))
    elif "\u2460" <= first <= "\u2473" or "\u3251" <= first <= "\u325f":
        # P.NOTE ([①-⑳㉑-㉟]) as two range tests: most lines reach this test, a regex call
        # per line costs more than the comparisons.
        return Token(T.NOTE, line, first, rest=s)
    if md and line.md_level > 1:
        return Token(T.HEADING, line, title=s)
    # Token(T.TEXT, line, rest=s), made as all tuple.__new__ tokens are: field by field.
    return _new_token(Token, (_T_TEXT, line, None, None, "", s, None))


#: First characters that classify() looks at more closely; any other line is TEXT
#: (or, below a Markdown mark of level 2 or more, a HEADING).
_CLASSIFY_FIRST = frozenset("第（(0123456789０１２３４５６７８９目序附"
                            + "".join(map(chr, range(0x2460, 0x2474)))
                            + "".join(map(chr, range(0x3251, 0x3260))))


def tokenize(lines: list[Line], loose_articles: bool = False) -> list[Token]:
    # Most lines are plain text: make their token here, without a call to classify().
    text = _T_TEXT
    return [classify(line, loose_articles) if line.text[0] in _CLASSIFY_FIRST or line.md_level > 1
            else _new_token(Token, (text, line, None, None, "", line.text, None))
            for line in lines]


#: Characters that can make a numeral unreadable where the patterns accept it.
_MYRIADS = frozenset("万萬亿億")


def unread_numbers(tokens: list[Token]) -> list[Diagnostic]:
    """Lines shaped like a heading (第万二章) whose number cannot be read: kept as text,
    and said so, since a heading lost from the outline would otherwise pass unseen."""
    out = []
    for t in tokens:
        s = t.line.text
        if t.kind in (T.TEXT, T.HEADING) and s[:1] == "第" and not _MYRIADS.isdisjoint(s[:12]):
            m = P.HEADING.fullmatch(s)
            if m and num_or_none(m.group("num")) is None:
                out.append(Diagnostic("F601",
                                      f"{s[:m.end('unit')]}：编号无法读作数字，按正文处理", t.line.start))
    return out
