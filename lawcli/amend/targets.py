"""The places an instruction names (第五条第二款、第七条), in the OLD numbering.

An act addresses the law by its old numbers and states the new ones of what it
adds; both are read here into `Target`s and article keys ("120-1" for 第一百二十条之一).
The clause patterns embed this grammar; the reading of a match is kept apart from
them so that it can be tested and reused on its own.
"""

from __future__ import annotations

import re

from ..text.grammar import NUM
from ..text.numerals import article_key, to_int
from .instructions import Target

#: A number as an act writes it (the address grammar's, text/grammar.py).
N = NUM

# One target: 第X条(之Y) 第X款 第X自然段 第（X）项 第X目 第X句, each part optional.
_TG = (rf"(?:第(?P<art>{N})条(?:之(?P<artsub>{N}))?)?(?:第(?P<para>{N})款)?"
       rf"(?:第(?P<sent>{N})自然段)?(?:第[（(]?(?P<item>{N})[）)]?项)?(?:第(?P<sub>{N})目)?(?:第(?P<cl>{N})句)?")
_ONE_TG = re.compile(_TG)


def int_of(s: str | None) -> int | None:
    """一百零四 or 104 or １０４ → 104; None for nothing."""
    if not s:
        return None
    return to_int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def parse_targets(text: str, ctx: Target | None) -> list[Target]:
    """第五条第二款、第七条 → targets; bare 款/项 parts attach to the current article."""
    out: list[Target] = []
    last_art = ctx.article if ctx else None
    last_para = None

    def expand(m: re.Match) -> str:  # 第二十五条至第二十七条 → each article
        a, b = int_of(m.group(1)), int_of(m.group(2))
        if a is None or b is None or not a < b <= a + 200:
            return m.group(0)
        from ..text.numerals import to_chinese
        return "、".join(f"第{to_chinese(k)}条" for k in range(a, b + 1))

    text = re.sub(rf"第({N})条至第({N})条", expand, text)
    for piece in re.split(r"[、和及]|以及", text):
        piece = piece.strip()
        if not piece:
            continue
        m = _ONE_TG.fullmatch(piece)
        if not m or not any(m.groupdict().values()):
            continue
        art = article_key(int_of(m.group("art")), int_of(m.group("artsub"))) if m.group("art") else None
        para = int_of(m.group("para"))
        if art:
            last_art, last_para = art, para
        elif para:
            last_para = para
        elif m.group("item") or m.group("sub"):
            para = last_para if last_para else (ctx.paragraph if ctx and not art else None)
        out.append(Target(article=art or last_art, paragraph=para, item=int_of(m.group("item")),
                          subitem=int_of(m.group("sub")), sentence=int_of(m.group("sent")),
                          clause=int_of(m.group("cl"))))
    return out


def numbers_in(text: str, unit: str) -> list[str]:
    """The new numbers an act states (作为第十条、第十条之一): article keys for 条, else 款/项 numbers."""
    out = []
    for m in re.finditer(rf"第({N}){unit}(?:之({N}))?", text):
        if unit == "条":
            out.append(article_key(int_of(m.group(1)), int_of(m.group(2))))
        else:
            out.append(str(int_of(m.group(1))))
    return out


def count_of(s: str | None) -> int:
    """增加两条 → 2; nothing said → 1."""
    if not s:
        return 1
    return int_of(s.replace("两", "二")) or 1
