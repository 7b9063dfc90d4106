"""Where a citation points, before anyone looks: chains of numbers → locations.

第二十三条第一款第（三）项 is read into groups of numbers, and the groups into
locations — dicts of level → number (article keys, 款 and 项 as ints) — that also
carry what the citing node's context adds: 第三项 alone is an item of the citing 款's
article, 前两款 counts back from the citing 款, 第三章 in a code looks in the citing
编 first.  Lists multiply out and ranges expand (article ranges follow the
document's own articles, so 第十条至第十二条 includes 第十一条之一).  Nothing here
decides whether a place exists: that is `resolve`'s job, so a location can be used
(or rewritten) without resolving it.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

from ..parsing.model import Document, Kind, Node
from ..text.numerals import article_key, split_key, to_int
from .patterns import GROUP, KEY, NUM_IN_LIST, ORDER, UNIT_KIND, depth

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    import re
    from typing import Any


# -- numbers of a chain -------------------------------------------------------------------

class Group(namedtuple("Group", "kind values start end written unit", defaults=((), ""))):
    """第二十三条, 第十、十八条, 第一至三款: numbers that share one 第 and one unit, with their span."""

    __slots__ = ()

    kind: Kind
    values: list[Any]  # ints, or ("range", lo, hi); article values are keys
    start: int
    end: int
    #: Each number as written, (value, start, end): 第十至十二条 → 10 and 12; the last
    #: article number's span runs over its unit and 之N when it has one (十条之一).
    written: tuple[tuple[Any, int, int], ...]
    unit: str  # as written: 条, 條, 款 …


class Element(namedtuple("Element", "groups start end")):
    """Adjacent groups of increasing depth (第二十三条第一款第（三）项), with their span."""

    __slots__ = ()

    groups: list[Group]
    start: int
    end: int


def _numbers(kind: Kind, nums: str, sub: str | None) -> list[Any]:
    """'十、十八' → [10, 18]; '一至三' → [range]; article numbers become keys."""
    out: list[Any] = []
    for m in NUM_IN_LIST.finditer(nums):
        try:
            n = to_int(m.group("n"))
        except ValueError:
            continue
        if m.group("sep") in ("至", "到", "~", "—", "-") and out and not isinstance(out[-1], tuple):
            out.append(("range", out.pop(), n))
        else:
            out.append(n)
    if kind is Kind.ARTICLE:
        conv: list[Any] = []
        for i, v in enumerate(out):
            last = i == len(out) - 1
            try:
                s = to_int(sub) if (sub and last) else None
            except ValueError:  # 之万: not a number, so no citation of a 之 article
                continue
            if isinstance(v, tuple):
                conv.append(("range", article_key(v[1]), article_key(v[2], s)))
            else:
                conv.append(article_key(v, s))
        return conv
    return out


def _written(kind: Kind, m: re.Match) -> tuple[tuple[Any, int, int], ...]:
    """The numbers of a group as written, with their spans (what a rewriter replaces)."""
    base = m.start("nums")
    found: list[tuple[Any, int, int]] = []
    for n in NUM_IN_LIST.finditer(m.group("nums")):
        try:
            found.append((to_int(n.group("n")), base + n.start("n"), base + n.end("n")))
        except ValueError:
            continue
    if kind is not Kind.ARTICLE or not found:
        return tuple(found)
    out = [(article_key(v), s, e) for v, s, e in found]
    if m.group("sub"):  # 之一 belongs to the last number: 第十、十二条之一 is 10 and 12-1
        v, s, _ = found[-1]
        out[-1] = (article_key(v, to_int(m.group("sub"))), s, m.end("sub"))
    return tuple(out)


def parse_element(f: str, pos: int) -> Element | None:
    """Adjacent groups of increasing depth: 第二十三条第一款第（三）项."""
    groups: list[Group] = []
    p = pos
    while True:
        m = GROUP.match(f, p)
        if not m:
            break
        kind = UNIT_KIND[m.group("unit")]
        if groups and ORDER[kind] <= ORDER[groups[-1].kind]:
            break
        values = _numbers(kind, m.group("nums"), m.group("sub"))
        if not values:
            break
        groups.append(Group(kind, values, m.start(), m.end(), _written(kind, m), m.group("unit")))
        p = m.end()
        q = p
        while q < len(f) and f[q] in " \u3000":
            q += 1
        if f.startswith("第", q):
            p = q
    if not groups:
        return None
    return Element(groups, pos, groups[-1].end)


@dataclass(frozen=True)
class Prefix:
    """What stands before a chain: who is cited (this act, another act, a relative place)."""

    start: int
    external: bool = False
    act: str | None = None
    relative: str | None = None  # 本条/本款/前款/本章 … when a group follows it
    count: int = 1
    part_title: str | None = None
    that: dict[str, Any] | None = None  # 该条/该款: the place cited just before


# -- locations from elements and context ---------------------------------------------

def _base(doc: Document, prefix: Prefix, ctx: dict[Kind, Node], first: Kind) -> dict[str, Any]:
    """The levels a chain's first element inherits from its context."""
    base: dict[str, Any] = {}
    art = ctx.get(Kind.ARTICLE)
    para = ctx.get(Kind.PARAGRAPH)
    item = ctx.get(Kind.ITEM)
    rel = prefix.relative
    if prefix.that is not None:
        return dict(prefix.that)
    if prefix.external:
        return base
    if prefix.part_title:
        base["part_title"] = prefix.part_title
    if rel:
        w = rel[-1]
        back = prefix.count if rel.startswith("前") else 0
        if rel.startswith("本") and w in "章节節编編":
            base["scope"] = ctx.get({"章": Kind.CHAPTER, "节": Kind.SECTION, "節": Kind.SECTION,
                                     "编": Kind.PART, "編": Kind.PART}[w])
            return base
        if art is None:
            return base
        base["article"] = art.number
        if w in "条條" and back:
            prev = _prev_article(doc, art, back)
            base["article"] = prev[0] if prev else _minus(art.number, back)
        elif w == "款" and para is not None:
            base["paragraph"] = int(para.number) - back
        elif w in "项項" and para is not None:
            base["paragraph"] = int(para.number)
            if item is not None:
                base["item"] = int(item.number) - back
        elif w == "目" and para is not None and item is not None:
            base["paragraph"] = int(para.number)
            base["item"] = int(item.number)
        return base
    if first in (Kind.CHAPTER, Kind.SECTION, Kind.SUBPART) and not prefix.part_title:
        # 第三章 in a code whose every 编 has a 第三章: the one of the citing 编 first.
        near = {Kind.CHAPTER: Kind.PART, Kind.SUBPART: Kind.PART, Kind.SECTION: Kind.CHAPTER}[first]
        if ctx.get(near) is not None:
            base["near"] = ctx[near]
    if first in (Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM) and art is not None:
        base["article"] = art.number
        if first is Kind.ITEM and para is not None:
            base["paragraph"] = _item_paragraph(art, para)
        if first is Kind.SUBITEM and item is not None and para is not None:
            base["paragraph"] = int(para.number)
            base["item"] = int(item.number)
    return base


class Part(namedtuple("Part", "level number start end article unit")):
    """One number of a citation as written, and what it numbers after context.

    本条第二款 and a bare 第二款 number a 款 of the citing article, 前条第二款 one of the
    article before it, 第十条第二款 one of 第十条: `article` says which (None when the
    text does not say one, or says several: 第十、十八条第二款).
    """

    __slots__ = ()

    level: str  # "article", "paragraph", "item", "subitem", "chapter", "section", "part", "subpart"
    number: Any  # an article key ("10", "120-1"), else an int
    start: int  # span of the written number; an article's 之N is in it (十条之一)
    end: int
    article: str | None  # the article key it belongs to (an article part: its own)
    unit: str  # the unit as written: 条, 條, 款, 章 …


def number_parts(doc: Document, elements: list[tuple[str | None, Element]], prefix: Prefix,
                 ctx: dict[Kind, Node]) -> list[Part]:
    """The written numbers of a chain, each with the article it belongs to — the same
    inheritance `expand` applies (a later element keeps the last article before it)."""
    out: list[Part] = []
    carried: str | None = None  # the article a later element inherits
    for i, (_, el) in enumerate(elements):
        first = el.groups[0].kind
        if i == 0:
            owner = _base(doc, prefix, ctx, first).get("article")
            owner = owner if isinstance(owner, str) else None
        else:
            owner = carried if ORDER[first] > ORDER[Kind.ARTICLE] else None
        carried = owner
        for g in el.groups:
            if g.kind is Kind.ARTICLE and g.written:
                keys = [v for v, _, _ in g.written]
                out.extend(Part("article", k, s, e, k, g.unit) for k, s, e in g.written)
                owner = keys[0] if len(keys) == 1 else None
                carried = keys[-1]
                continue
            out.extend(Part(KEY[g.kind], v, s, e, owner, g.unit) for v, s, e in g.written)
    return out


def _item_paragraph(art: Node, para: Node) -> int | None:
    """第三项 alone: items of this 款, else of the nearest 款 before it that has items."""
    paras = [p for p in art.children if p.kind is Kind.PARAGRAPH]
    idx = next((i for i, p in enumerate(paras) if p is para), 0)
    for p in [paras[idx]] + paras[idx - 1::-1] if idx else [paras[idx]]:
        if any(c.kind is Kind.ITEM for c in p.children):
            return int(p.number)
    for p in paras:
        if any(c.kind is Kind.ITEM for c in p.children):
            return int(p.number)
    return int(para.number)


def _prev_article(doc: Document, art: Node, count: int) -> list[str]:
    arts = doc.articles
    i = next((k for k, a in enumerate(arts) if a is art), 0)
    return [a.number for a in arts[max(0, i - count):i] if a.number]


def expand(doc: Document, elements: list[tuple[str | None, Element]], prefix: Prefix,
           ctx: dict[Kind, Node]) -> list[dict[str, Any]]:
    """Elements → locations: lists multiply out, ranges expand, later elements inherit."""
    locs: list[dict[str, Any]] = []
    prev: dict[str, Any] | None = None
    for conn, el in elements:
        first = el.groups[0].kind
        if prev is None:
            base = _base(doc, prefix, ctx, first)
        else:
            base = {k: v for k, v in prev.items() if depth(k) < ORDER[first]}
        partial = [dict(base)]
        for g in el.groups:
            key = KEY[g.kind]
            nxt = []
            for loc in partial:
                for v in g.values:
                    d = dict(loc)
                    for k in list(d):
                        if depth(k) >= ORDER[g.kind] and k not in ("scope", "part_title", "near"):
                            del d[k]
                    d[key] = v
                    nxt.append(d)
            partial = nxt
        if conn in ("至", "到") and locs:
            lo = locs.pop()
            hi = partial[0]
            k = KEY[el.groups[-1].kind]
            merged = dict(lo)
            merged[k] = ("range", lo.get(k), hi.get(k))
            partial = [merged] + partial[1:]
        locs.extend(partial)
        prev = partial[-1]
    out: list[dict[str, Any]] = []
    for loc in locs:
        out.extend(_explode(doc, loc))
    return out


def _explode(doc: Document, loc: dict[str, Any]) -> list[dict[str, Any]]:
    """Ranges → one location per member (article ranges follow the document's articles)."""
    for key in ("article", "paragraph", "item", "subitem", "chapter", "section", "part", "subpart"):
        v = loc.get(key)
        if isinstance(v, tuple):
            _, lo, hi = v
            if lo is None or hi is None:
                loc = dict(loc)
                loc[key] = lo if lo is not None else hi
                return _explode(doc, loc)
            if key == "article":
                klo, khi = split_key(lo), split_key(hi)
                keys = [a.number for a in doc.articles
                        if a.number and klo <= split_key(a.number) <= khi]
                if not keys or keys[0] != lo:
                    keys = [lo] + [k for k in keys if k != lo]
                if keys[-1] != hi:
                    keys.append(hi)
                members: list[Any] = keys
            else:
                members = list(range(lo, hi + 1)) if 0 <= hi - lo <= 200 else [lo, hi]
            out = []
            for mval in members:
                d = dict(loc)
                d[key] = mval
                out.extend(_explode(doc, d))
            return out
    return [loc]


def relative_locations(doc: Document, word: str, count: int,
                       ctx: dict[Kind, Node]) -> list[dict[str, Any]] | None:
    """The places of 本条, 本款, 前款, 前两款, 前项, 前条, 本章, 本节 standing alone.

    None when the word names nothing where it stands (本款 outside a 款).  本章 and its
    kind are one location that holds the heading itself: {"heading": 本章, "scope": node}.
    """
    w = word[-1]
    art, para, item = ctx.get(Kind.ARTICLE), ctx.get(Kind.PARAGRAPH), ctx.get(Kind.ITEM)
    if word.startswith("本"):
        if w in "章节節编編" or word in ("本分编", "本分編"):
            kind = {"章": Kind.CHAPTER, "节": Kind.SECTION, "節": Kind.SECTION,
                    "编": Kind.PART, "編": Kind.PART}[w]
            if word in ("本分编", "本分編"):
                kind = Kind.SUBPART
            return [{"heading": word, "scope": ctx.get(kind)}]
        if art is None:
            return None
        if w in "条條":
            return [{"article": art.number}]
        if w == "款" and para is not None:
            return [{"article": art.number, "paragraph": int(para.number)}]
        if w in "项項" and item is not None and para is not None:
            return [{"article": art.number, "paragraph": int(para.number), "item": int(item.number)}]
        if w == "目" and ctx.get(Kind.SUBITEM) is not None and item is not None and para is not None:
            return [{"article": art.number, "paragraph": int(para.number), "item": int(item.number),
                     "subitem": int(ctx[Kind.SUBITEM].number)}]
        return None
    if art is None:
        return None
    if w in "条條":
        keys = _prev_article(doc, art, count)
        return [{"article": k} for k in keys] or [{"article": _minus(art.number, count)}]
    if w == "款" and para is not None:
        n = int(para.number)
        return [{"article": art.number, "paragraph": k} for k in range(max(n - count, 0), n)]
    if w in "项項" and para is not None:
        if item is None:
            # 前项 in a 款 after a list: the list's last items.
            items = _items_before(art, para)
            if not items:
                return [{"article": art.number, "paragraph": int(para.number), "item": 0}]
            pnum, last = items
            return [{"article": art.number, "paragraph": pnum, "item": k}
                    for k in range(max(last - count + 1, 0), last + 1)]
        n = int(item.number)
        return [{"article": art.number, "paragraph": int(para.number), "item": k}
                for k in range(max(n - count, 0), n)]
    return None


def _minus(key: str | None, count: int) -> str | None:
    if key is None:
        return None
    n, _ = split_key(key)
    return article_key(max(n - count, 0))


def _items_before(art: Node, para: Node) -> tuple[int, int] | None:
    paras = [p for p in art.children if p.kind is Kind.PARAGRAPH]
    for p in reversed(paras[: paras.index(para)] if para in paras else []):
        items = [c for c in p.children if c.kind is Kind.ITEM and c.number]
        if items:
            return int(p.number), int(items[-1].number)
    return None

