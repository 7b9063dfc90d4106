"""Locations → nodes: where a cited place is in the document's tree, and what it is called.

A location is what the scanner read (article key, 款, 项, 目, headings, and the
heading or part its context puts it in); resolving it is a separate step because it
asks only the tree, never the text, and because a place that is not there is an
answer too: a `Target` without a node is a dangling reference, kept with the
citation text of what was meant.  References to other acts are not resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..parsing.model import UNIT, Document, Kind, Node
from ..text.grammar import spell
from ..text.numerals import split_key
from .patterns import HEAD_KIND

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any

@dataclass(frozen=True)
class Target:
    """One place cited.  Keys as determined by the text and its context; None when not given.

    `node` is the resolved node for internal references (None: dangling, or external).
    """

    article: str | None = None
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None
    heading: str | None = None  # 第三章, 本节 …: headings cited as a whole
    node: Node | None = field(default=None, compare=False)
    address: str = ""

    @property
    def found(self) -> bool:
        return self.node is not None

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "paragraph": self.paragraph, "item": self.item,
                "subitem": self.subitem, "heading": self.heading, "address": self.address,
                "found": self.found if self.address else None,
                "line": self.node.line if self.node is not None else None}



def target(doc: Document, loc: dict[str, Any], external: bool) -> Target:
    """The place a location names: its keys, and for an internal one its node and address."""
    if "heading" in loc:
        # 本章, 本节 … standing alone: the heading that holds the citation, as a whole.
        scope = loc["scope"]
        return Target(heading=loc["heading"], node=scope,
                      address=(node_address(doc, scope) if scope is not None else loc["heading"]))
    heads = [(k, loc[k]) for k in ("part", "subpart", "chapter", "section") if k in loc]
    heading = "".join(f"第{cn(v)}{UNIT[HEAD_KIND[k]]}" for k, v in heads) or None
    if loc.get("part_title"):
        heading = loc["part_title"] + (heading or "")
    t = Target(loc.get("article"), loc.get("paragraph"), loc.get("item"), loc.get("subitem"), heading)
    if external:
        return t
    node = _find(doc, loc)
    if node is None:
        return Target(t.article, t.paragraph, t.item, t.subitem, heading, None, _describe(loc))
    return Target(t.article, t.paragraph, t.item, t.subitem, heading, node, node_address(doc, node))


def node_address(doc: Document, node: Node) -> str:
    """第二十三条第一款第（三）项 for provisions; 第十章第四节 出席第二审法庭 for headings."""
    from ..parsing.model import HEADING_KINDS
    from ..query.address import address

    if node.kind in HEADING_KINDS:
        chain = [n for n in doc.ancestors(node) if n.kind in HEADING_KINDS] + [node]
        labels = "".join(n.label or n.title or "" for n in chain)
        return labels + (f" {node.title}" if node.title and node.label else "")
    addr = address(doc, node)
    prefix = f"《{doc.title}》" if doc.title else ""
    addr = addr[len(prefix):] if prefix and addr.startswith(prefix) else addr
    if not addr:
        # Text outside the articles (an annex, a decision's paragraphs): where it sits, by line.
        from ..query.address import path_labels

        addr = " ".join(path_labels(doc, node)) or f"第{node.line}行"
    return addr


def _child(node: Node, kind: Kind, number: int | str | None) -> Node | None:
    if number is None:
        return None
    for c in node.children:
        if c.kind is kind and c.number == str(number):
            return c
    return None


def _find(doc: Document, loc: dict[str, Any]) -> Node | None:
    """The node a location names, or None (dangling)."""
    scope: Node | None = loc.get("scope")
    heads = [(k, loc[k]) for k in ("part", "subpart", "chapter", "section") if k in loc]
    node: Node | None = scope
    if loc.get("part_title"):
        node = next((n for n in doc.walk() if n.kind is Kind.PART and n.title == loc["part_title"]), None)
        if node is None:
            return None
    near: Node | None = loc.get("near")
    for i, (k, v) in enumerate(heads):
        kind = HEAD_KIND[k]
        found = None
        if i == 0 and node is None and near is not None:
            found = next((n for n in near.walk() if n.kind is kind and n.number == str(v)), None)
        if found is None:
            pool = node.walk() if node is not None else doc.walk()
            found = next((n for n in pool if n.kind is kind and n.number == str(v)), None)
        node = found
        if node is None:
            return None
    if "article" not in loc:
        return node if heads or loc.get("part_title") or scope is not None else None
    art = doc.article_index.get(loc["article"]) if loc["article"] else None
    if art is None:
        return None
    node = art
    para_num = loc.get("paragraph")
    marked = _marked_paragraphs(art)
    if para_num is not None:
        node = _kuan(art, para_num, marked) if marked else _child(art, Kind.PARAGRAPH, para_num)
        if node is None:
            return None
    item_num = loc.get("item")
    if item_num is not None:
        found = _child(node, Kind.ITEM, item_num)
        if found is None and marked:
            found = _marked_item(art, node, item_num, marked)
        if found is None and para_num is None:
            found = next((c for p in art.children if (c := _child(p, Kind.ITEM, item_num))), None)
        if found is None and para_num is not None:
            found = _continued(art, node, item_num)
        if found is None:
            found = _unparsed(art, node, Kind.ITEM, item_num)
        if found is None:
            return None
        node = found
    sub_num = loc.get("subitem")
    if sub_num is not None:
        found = _child(node, Kind.SUBITEM, sub_num) or _unparsed(art, node, Kind.SUBITEM, sub_num)
        if found is None:
            return None
        node = found
    return node


#: An item marker opening a 款: （二）1-苯基-2-丙酮…, which the tree holds as a 款.
_ITEM_START = re.compile(r"\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]")


def _marked_paragraphs(art: Node) -> set[int]:
    """The 款 of an article that are items by their text: they open with （N） (the
    parser reads no item there, e.g. before a digit).  Usually none."""
    return {id(p) for p in art.children if p.kind is Kind.PARAGRAPH and _ITEM_START.match(p.text)}


def _kuan(art: Node, number: int, marked: set[int]) -> Node | None:
    """The article's 第N款 as the text counts them: a 款 that is an item does not count."""
    paras = [p for p in art.children if p.kind is Kind.PARAGRAPH and id(p) not in marked]
    return paras[number - 1] if 0 < number <= len(paras) else None


def _marked_item(art: Node, para: Node, number: int, marked: set[int]) -> Node | None:
    """Item N of `para`'s list held as a 款 right after it (（二）1-苯基…)."""
    paras = [p for p in art.children if p.kind is Kind.PARAGRAPH]
    if para is art:  # 第二十二条第（二）项: any 款 of the article
        return next((p for p in paras if id(p) in marked and _ITEM_START.match(p.text).group(1) == cn(number)),
                    None)
    if para not in paras:
        return None
    for p in paras[paras.index(para) + 1:]:
        if id(p) not in marked:
            return None
        m = _ITEM_START.match(p.text)
        if m and m.group(1) == cn(number):
            return p
    return None


def _continued(art: Node, para: Node, number: int) -> Node | None:
    """An item of `para`'s list that the tree holds in a later 款: the count goes on
    after an intermediate paragraph (（二）…。本项所称…。（三）…), or `para` is a 款
    the copy broke mid-sentence (…绿化用地，| 其绿地率应当达到下列标准：| （一）…).  The
    items must continue the count; a list that starts again at （一） is another list."""
    paras = [p for p in art.children if p.kind is Kind.PARAGRAPH]
    if para not in paras:
        return None
    last = max((int(c.number) for c in para.children if c.kind is Kind.ITEM and (c.number or "").isdigit()),
               default=None)
    if last is None and not _open_ended(para.text):
        return None
    for p in paras[paras.index(para) + 1:]:
        items = [c for c in p.children if c.kind is Kind.ITEM and (c.number or "").isdigit()]
        if not items:
            if last is None and not _open_ended(p.text):
                return None
            continue
        if int(items[0].number) != (last or 0) + 1:
            return None
        hit = next((c for c in items if int(c.number) == number), None)
        if hit is not None:
            return hit
        last = int(items[-1].number)
    return None


def _open_ended(text: str) -> bool:
    """A 款 that does not end a sentence: it introduces a list (：) or stops mid-sentence."""
    t = text.rstrip()
    return bool(t) and t[-1] not in "。；;.！？!?”’）)"


def _unparsed(art: Node, within: Node, kind: Kind, number: int) -> Node | None:
    """An item the tree does not hold as one: a 款 that begins 一、 or (1).

    Some texts number their 项 一、二、 (or their 目 (1)、1、); the parser keeps such
    lines as 款.  When the article has no item of that kind at all, the 款 that starts
    with the number is what a reference to it means — not a dangling reference.
    """
    if any(n.kind is kind for n in art.walk()):
        return None
    word = cn(number)
    if kind is Kind.ITEM:
        # Items numbered 1. 2. (本解释第一条所列第1项) are read as 目 or 款 by the parser.
        starts = (f"{word}、", f"（{word}）", f"({word})", f"{number}.", f"{number}．", f"{number}、")
    else:
        starts = (f"{number}、", f"{number}.", f"{number}．", f"（{number}）", f"({number})",
                  f"{word}、", f"（{word}）", f"({word})")
    pool = within.walk() if within is not art else art.walk()
    return next((n for n in pool if n is not art and ((n.label or "") + n.text).lstrip().startswith(starts)),
                None)


def _describe(loc: dict[str, Any]) -> str:
    """Citation text for a location that does not exist: 第九十九条第二款."""
    parts = []
    if loc.get("part_title"):
        parts.append(loc["part_title"])
    for k in ("part", "subpart", "chapter", "section"):
        if k in loc:
            parts.append(f"第{cn(loc[k])}{UNIT[HEAD_KIND[k]]}")
    if loc.get("article"):
        n, sub = split_key(loc["article"])
        parts.append(f"第{cn(n)}条" + (f"之{cn(sub)}" if sub else ""))
    if loc.get("paragraph") is not None:
        parts.append(f"第{cn(max(loc['paragraph'], 0))}款" if loc["paragraph"] > 0 else "第零款")
    if loc.get("item") is not None:
        parts.append(f"第（{cn(max(loc['item'], 0))}）项")
    if loc.get("subitem") is not None:
        parts.append(f"第{loc['subitem']}目")
    return "".join(parts)


#: to_chinese for any int (text/grammar.py): a reference may point before the first 款.
cn = spell
