"""The article a bare 第五项 or 第二款 belongs to, when its sentence names one.

A bare 第X项 or 第X款 normally numbers a part of the citing article.  Two contexts
say otherwise, and official texts use both:

- the same sentence cited an article just before: 民法典第四百零二条 "以本法第三百九十五条
  第一款第一项至第三项规定的财产或者第五项规定的正在建造的建筑物抵押的" — 第五项 is
  第三百九十五条第一款第五项;
- the 款 that introduces a list cited an article, and the items refer to its parts:
  "违反本条例第十七条规定……依照下列规定处理：（一）违反第五项规定的……" — 第五项 is
  第十七条's.

The first holds for items whenever the sentence cited another article; for 款 (where
a bare 第二款 after a citation still usually means the citing article's) and for the
introducing 款, the context is taken only when the reading in the citing article points
at nothing and the context's reading does not.
"""

from __future__ import annotations

import re
from typing import Any

from ..parsing.model import Document, Kind, Node
from .locations import Prefix
from .patterns import ORDER, depth
from .resolve import target

#: The levels a bare chain may take from its sentence: items and 款 from the article
#: cited before them, articles and headings from another act cited before them.
REBASED = (Kind.PARAGRAPH, Kind.ITEM, Kind.ARTICLE, Kind.CHAPTER, Kind.SECTION)

#: What ends a sentence (or a clause of a list) for this purpose.
_BOUNDARY = re.compile(r"[。；;]")
_FULL_STOP = re.compile(r"[。]")
_LEVELS = ("article", "paragraph", "item", "subitem")


def bare(f: str, pos: int, prefix: Prefix) -> bool:
    """Nothing before the chain says whose numbers these are (no 本条, 该条, act name)."""
    return (not prefix.external and prefix.relative is None and prefix.that is None
            and prefix.part_title is None and not f[prefix.start:pos].strip())


def sentence_context(cites: list, f: str, pos: int, article: Node | None, clause: bool = True):
    """The citation of another article earlier in the same sentence (`clause`: in the
    same clause, not across a ；), if any."""
    boundary = _BOUNDARY if clause else _FULL_STOP
    for c in reversed(cites):
        if c.end > pos:
            continue
        if boundary.search(f[c.end:pos]):
            return None
        if c.locations and "article" in c.locations[-1] and not c.relative:
            loc = c.locations[-1]
            if c.external or article is None or loc["article"] != article.number:
                return c
            return None
    return None


def last_other(cites: list, article: Node | None):
    """The last citation of another article in a 款 (whatever sentence it is in)."""
    for c in reversed(cites):
        if c.locations and "article" in c.locations[-1] and not c.relative and (
                c.external or article is None or c.locations[-1]["article"] != article.number):
            return c
    return None


def as_prefix(doc: Document, cite, first: Kind, pos: int) -> Prefix | None:
    """A 该条-like prefix that reads the chain's numbers inside `cite`'s last article."""
    loc = cite.locations[-1]
    keep: dict[str, Any] = {k: v for k, v in loc.items()
                            if k in _LEVELS and depth(k) < ORDER[first]}
    if not isinstance(keep.get("article"), str):
        return None
    if first is Kind.ITEM and "paragraph" not in keep and not cite.external:
        art = doc.article_index.get(keep["article"])
        para = _listing_paragraph(art) if art is not None else None
        if para is not None:
            keep["paragraph"] = para
    return Prefix(pos, external=cite.external, act=cite.act, that=keep)


def _listing_paragraph(art: Node) -> int | None:
    """The first 款 of an article that has items."""
    for p in art.children:
        if p.kind is Kind.PARAGRAPH and any(c.kind is Kind.ITEM for c in p.children) and p.number:
            return int(p.number)
    return None


def dangles(doc: Document, locs: list[dict[str, Any]]) -> bool:
    return any(target(doc, loc, False).node is None for loc in locs)


def missing(doc: Document, locs: list[dict[str, Any]]) -> int:
    return sum(target(doc, loc, False).node is None for loc in locs)


def lead_in(leads: dict[int, Any], ctx: dict[Kind, Node], node: Node | None):
    """The citation of the 款 that introduces the list this item belongs to."""
    if node is None or node.kind not in (Kind.ITEM, Kind.SUBITEM):
        return None
    para, art = ctx.get(Kind.PARAGRAPH), ctx.get(Kind.ARTICLE)
    found = leads.get(id(para)) if para is not None else None
    return found if found is not None or art is None else leads.get(id(art))


def introduces(text: str) -> bool:
    """A 款 that introduces a list: it ends with a colon."""
    return text.rstrip().endswith(("：", ":"))


#: 最高人民法院关于适用《中华人民共和国婚姻法》若干问题的解释: the act it applies.
_APPLIES = re.compile(r"(?:适用|适用〈|实施|执行|贯彻)[《«]([^《》«»]{2,60})[》»]")


def applied_act(doc: Document) -> str | None:
    """The act a document's title says it applies or implements, if any: its bare
    article numbers that this document does not have are that act's."""
    m = _APPLIES.search(doc.title or "")
    return m.group(1) if m else None


def open_ended(text: str) -> bool:
    """A 款 that stops mid-sentence (a hard wrap of the copy): no closing mark at its end."""
    t = text.rstrip()
    return bool(t) and t[-1] not in "。；;.！？!?：:”’）)"
