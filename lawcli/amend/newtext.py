"""The act's quoted text as units of the model, and the labels of units.

A quotation holds 款 with their 项 (（一）) and 目 (1．), or whole articles with
their labels (第十条　…), or a heading (第四章　…); it is read here into `Para` and
`Item` objects marked as the act's.  The same labels are renumbered here when items
are inserted or deleted.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..text.numerals import to_chinese
from .marks import protect
from .model import Item, Para
from .targets import N

ITEM_LABEL = re.compile(rf"^([（(])({N})([）)])[ \u3000]*")
SUB_LABEL = re.compile(r"^([0-9０-９]{1,3})([.．、])[ \u3000]*(?=\D)")
_ART_LABEL = re.compile(rf"^第({N})条(?:之({N}))?[ \u3000]*")
HEAD_LABEL = re.compile(rf"^第({N})(编|分编|章|节)[ \u3000]*(.*)$")


def parse_paras(lines: Iterable[str], fresh: bool = True) -> list[Para]:
    """Quoted text → 款 with their 项 and 目."""
    paras: list[Para] = []
    for raw in lines:
        s = raw.strip(" \u3000\t")
        if not s:
            continue
        m = ITEM_LABEL.match(s)
        if m and paras is not None and len(s) > m.end():
            item = Item(s[: m.end()], protect(s[m.end():]), fresh=fresh)
            if not paras:
                paras.append(Para("", fresh=fresh))
            paras[-1].items.append(item)
            continue
        m = SUB_LABEL.match(s)
        if m and paras and paras[-1].items:
            paras[-1].items[-1].subs.append(Item(s[: m.end()], protect(s[m.end():]), fresh=fresh))
            continue
        paras.append(Para(protect(s), fresh=fresh))
    return paras


def strip_article_label(lines: list[str]) -> list[str]:
    """The quoted article's lines without its 第X条 label."""
    if lines and _ART_LABEL.match(lines[0].strip()):
        first = lines[0].strip()
        return [first[_ART_LABEL.match(first).end():]] + list(lines[1:])
    return list(lines)


def split_articles(lines: list[str], count: int) -> list[list[str]]:
    """A quotation holding several articles (增加二条) → one list of lines per article."""
    groups: list[list[str]] = []
    for ln in lines:
        if _ART_LABEL.match(ln.strip()) or not groups:
            groups.append([ln])
        else:
            groups[-1].append(ln)
    if count > 1 and len(groups) != count:
        if len(groups) == 1 and len(lines) == count:
            return [[ln] for ln in lines]  # 增加二条：one paragraph each, without labels
        return [lines]
    return groups


def relabel(head: str, k: int) -> str:
    """An item's label (（一）, 1．) with the number k, its brackets and digits kept."""
    m = ITEM_LABEL.match(head)
    if m:
        return m.group(1) + to_chinese(k) + m.group(3) + head[m.end(3):]
    m = SUB_LABEL.match(head + "x")
    if m:
        digits = str(k)
        if any("０" <= c <= "９" for c in m.group(1)):
            digits = digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        return digits + head[len(m.group(1)):]
    return head
