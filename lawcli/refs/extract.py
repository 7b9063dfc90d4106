"""Cross-references inside a document: found in the text, resolved to nodes.

A regulation cites itself constantly (违反本条例第二十三条第一项至第三项规定的…;
前款规定的…) and cites other acts (《中华人民共和国土地管理法》第七十四条,
刑事诉讼法第七十九条, 该法, 上位法).  This module reads every such reference of a
document into a `Reference`: which node cites, the characters that cite (with their
offsets in the node's text), and the places cited.  Internal references are resolved
against the document's tree; a target that does not exist stays in the result with
`node=None` (a dangling reference, which `lawcli check` reports).  References to
other acts are never resolved against the current document.

Matching runs on `textfold.fold` of the text, so ２３/23, （/( and 《/« never
matter, and offsets found there are offsets in the text as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..parsing.model import UNIT, Diagnostic, Document, Kind, Node
from ..records import TYPE_CHECKING
from ..text.numerals import NUMERAL_CHARS, article_key, split_key, to_chinese, to_int
from ..text.textfold import fold

if TYPE_CHECKING:
    from typing import Any, Iterator

# -- patterns (on folded text) ---------------------------------------------------------

_N = f"[{NUMERAL_CHARS}]+"
#: One number of a group: 三, 23, (三) — items are often written with their brackets.
_PN = rf"(?:\(\s*{_N}\s*\)|{_N})"
#: A list or range of numbers sharing one 第 and one unit: 十、十八 / 一至三 / (四)(五).
_NLIST = rf"{_PN}(?:\s*(?:[、至到~—-]|或者|和|及)\s*第?\s*{_PN}|\s*(?<=\))\s*\(\s*{_N}\s*\))*"
_GROUP = re.compile(
    rf"第\s*(?P<nums>{_NLIST})\s*(?P<unit>分编|分編|[条條款项項编編章节節]|目(?![标標的录錄]))"
    rf"(?:之(?P<sub>{_N})(?![般些种類类部分]))?"
)
_NUM_IN_LIST = re.compile(rf"(?P<sep>[、至到~—-]|或者|和|及)?\s*第?\s*\(?\s*(?P<n>{_N})\s*\)?")

_UNIT_KIND = {
    "编": Kind.PART, "編": Kind.PART, "分编": Kind.SUBPART, "分編": Kind.SUBPART,
    "章": Kind.CHAPTER, "节": Kind.SECTION, "節": Kind.SECTION,
    "条": Kind.ARTICLE, "條": Kind.ARTICLE, "款": Kind.PARAGRAPH,
    "项": Kind.ITEM, "項": Kind.ITEM, "目": Kind.SUBITEM,
}
_ORDER = {Kind.PART: 1, Kind.SUBPART: 2, Kind.CHAPTER: 3, Kind.SECTION: 4, Kind.ARTICLE: 5,
          Kind.PARAGRAPH: 6, Kind.ITEM: 7, Kind.SUBITEM: 8}

#: How a document names itself: 本法, 本条例, 本办法 … (longest first: 本条例 before 本条).
_SELF = (r"本(?:实施细则|實施細則|条例|條例|法典|办法|辦法|规定|規定|规则|規則|决定|決定|细则|細則"
         r"|解释|解釋|准则|準則|章程|修正案|意见|意見|法)")
#: Relative words; 本条 must not be the head of 本条例.
_RELATIVE = re.compile(
    r"(?P<word>(?<![基成资資样樣文版根日账賬脚腳剧劇课課范範标標副正底母读讀原劳勞])"
    r"本(?:分编|分編|编(?![制写寫辑輯])|編(?![制写寫辑輯])|章(?!程)|节(?![目约約能])|節(?![目约約能])"
    r"|条(?![例款件])|條(?![例款件])|款(?!项|項)|项(?!目)|項(?!目)|目(?!录|錄|的|标|標))"
    r"|前(?P<count>[两兩二三四五六七八九十]?)(?:个|個)?(?P<unit>款|项(?!目)|項(?!目)|条(?![件例])|條(?![件例])))"
)
_CONNECTOR = re.compile(r"\s*(?P<c>、|以及|或者|和|及|或|与|與|至|到)\s*(?=第)")
_THAT_ACT = re.compile(r"该(?:法律|法规|法|条例|條例|办法|規定|规定|规则|决定|细则|解释)$")
_ACT_WORD = re.compile(
    r"[\u4e00-\u9fff]{0,30}?(?:法律|行政法规|地方性法规|法规|法典|法|条例|條例|办法|辦法|规定|規定|规则|規則"
    r"|细则|細則|决定|決定|解释|解釋|公约|條約|条约|协定|章程|通则|纲要|草案|修改稿|初审稿|审议稿|征求意见稿)$"
)
#: Words that may precede an act's name in a sentence: cut the name after the last one.
_LEAD_WORDS = re.compile(
    r"^.*(?:属于|屬於|包括|关于|關於|对于|對於|基于|通过|作为|應當|应当|可以|予以|依照|按照|根据|依据|適用|适用"
    r"|违反|違反|参照|參照|遵守|执行|履行|落实|落實|贯彻|貫徹|明确|涉嫌|符合|对照|比照|援引|引用|实施|實施"
    r"|规定|出现|出現|构成|構成|除|将|將|在|对|對|由|经|經|即|为|為|是|并|有|和|或者|或|及|与|的|犯|了|中|内"
    r"|又|依|按|以|于|從|从|向|当|當|据|據)"
)
#: Words ending like act names that are not names: 依法第… is not an act.
_NOT_ACTS = {"法", "依法", "违法", "合法", "非法", "守法", "执法", "立法", "司法", "方法", "办法", "做法",
             "用法", "规定", "决定", "解释", "规则", "细则", "法规", "章程", "草案"}
#: 国家有关规定第… / 上述规定第…: a generic phrase, not a name (the number is this act's).
_NOT_NAME_STARTS = ("关", "有关", "相关", "上述", "前述", "下列", "其", "此", "各", "国家", "法定", "特别")
_REPORT_ACTS = {"办法", "辦法", "规定", "規定", "决定", "決定", "规则", "規則", "细则", "細則", "解释", "解釋"}
_GENERIC_ACTS = {"条例", "條例", "规章", "法律", "行政法规", "法规", "地方性法规"}
_THAT_UNIT = {"条": Kind.ARTICLE, "條": Kind.ARTICLE, "款": Kind.PARAGRAPH, "项": Kind.ITEM, "項": Kind.ITEM}
_TITLE_BEFORE = re.compile(r"«([^«»]{1,120})»\s*$")
_ALIAS = re.compile(r"«(?P<title>[^«»]{1,120})»\s*\(\s*以下简称\s*\"?(?P<alias>[^\")]{1,20}?)\"?\s*\)")
#: Acts cited as a whole (no article): a title, 该法, 上位法, 有关法律、行政法规.
_WHOLE_ACT = re.compile(
    r"«(?P<title>[^«»]{1,120})»|(?P<that>该(?:法律|法规|法|条例|條例|办法|规定|規定|规则|决定|细则|解释))(?!第)"
    r"|上位法|有关(?:法律|行政法规|地方性法规|法规)(?:、(?:行政法规|地方性法规|法规|规章))*"
)
#: A title that names an act (not a certificate or a form): its last word says so.
_ACT_TITLE = re.compile(
    r"(?:法|法典|条例|條例|办法|辦法|规定|規定|规则|規則|细则|細則|决定|決定|解释|解釋|公约|条约|協定|协定|章程|通则"
    r"|纲要|宪法|憲法)(?:\([^()]*\))?$")
_ITEMISH = (Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM)


# -- the result ------------------------------------------------------------------------

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


@dataclass(frozen=True)
class Reference:
    """A reference as written in one node, with the places it cites."""

    source: Node  # the paragraph / item / sub-item (or text paragraph) that cites
    article: Node | None  # the article holding it
    text: str  # as printed
    start: int  # offsets of `text` in source.text
    end: int
    targets: tuple[Target, ...]
    external: bool = False
    act: str | None = None  # the cited act, for external references
    relative: bool = False  # 前款, 本条, 第二款 (same article) …

    @property
    def dangling(self) -> tuple[Target, ...]:
        if self.external:
            return ()
        return tuple(t for t in self.targets if t.node is None)


# -- parsing ---------------------------------------------------------------------------

@dataclass
class _Group:
    kind: Kind
    values: list[Any]  # ints, or ("range", lo, hi); article values are keys
    start: int
    end: int


@dataclass
class _Element:
    groups: list[_Group]
    start: int
    end: int


def _numbers(kind: Kind, nums: str, sub: str | None) -> list[Any]:
    """'十、十八' → [10, 18]; '一至三' → [range]; article numbers become keys."""
    out: list[Any] = []
    for m in _NUM_IN_LIST.finditer(nums):
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
            s = to_int(sub) if (sub and last) else None
            if isinstance(v, tuple):
                conv.append(("range", article_key(v[1]), article_key(v[2], s)))
            else:
                conv.append(article_key(v, s))
        return conv
    return out


def _parse_element(f: str, pos: int) -> _Element | None:
    """Adjacent groups of increasing depth: 第二十三条第一款第（三）项."""
    groups: list[_Group] = []
    p = pos
    while True:
        m = _GROUP.match(f, p)
        if not m:
            break
        kind = _UNIT_KIND[m.group("unit")]
        if groups and _ORDER[kind] <= _ORDER[groups[-1].kind]:
            break
        values = _numbers(kind, m.group("nums"), m.group("sub"))
        if not values:
            break
        groups.append(_Group(kind, values, m.start(), m.end()))
        p = m.end()
        q = p
        while q < len(f) and f[q] in " \u3000":
            q += 1
        if f.startswith("第", q):
            p = q
    if not groups:
        return None
    return _Element(groups, pos, groups[-1].end)


@dataclass
class _Prefix:
    """What stands before a chain: who is cited (this act, another act, a relative place)."""

    start: int
    external: bool = False
    act: str | None = None
    relative: str | None = None  # 本条/本款/前款/本章 … when a group follows it
    count: int = 1
    part_title: str | None = None
    that: dict[str, Any] | None = None  # 该条/该款: the place cited just before


class _Extractor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.aliases = self._aliases()
        self.amended = _amended_act(doc)
        #: An amendment act's numbers are the amended law's: nothing in it is internal.
        self.has_articles = bool(doc.articles) and not is_amendment(doc)
        self.current_act: str | None = self.amended[0] if self.amended else None
        self._titles: list[tuple[int, str]] = []
        #: Titles named earlier in the current article (the whole text when there are none).
        self.seen: list[str] = []
        #: The last place cited (external?, act, location), for 该条 / 该款.
        self.last: tuple[bool, str | None, dict[str, Any]] | None = None

    def _aliases(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for n in self.doc.walk():
            if n.text and "简称" in n.text:
                for m in _ALIAS.finditer(fold(n.text)):
                    alias = m.group("alias").strip("«»\" ")
                    if alias:
                        out[alias] = n.text[m.start("title"):m.end("title")]
        return out

    # -- context -----------------------------------------------------------------
    def _context(self, node: Node) -> dict[Kind, Node]:
        chain = self.doc.ancestors(node) + [node]
        ctx: dict[Kind, Node] = {}
        for n in chain:
            ctx[n.kind] = n
        return ctx

    # -- lookback for what names the cited act -------------------------------------
    def _earlier(self, pos: int) -> list[str]:
        """Titles named before `pos`: in earlier 款 of the article (or text) and in this node."""
        return self.seen + [t for e, t in self._titles if e <= pos]

    def _prefix(self, f: str, text: str, pos: int) -> _Prefix:
        before = f[:pos].rstrip(" ")
        start = len(before)
        # 本法总则第四章: a part named by its title.
        part = None
        m = re.search(r"(总则|總則|分则|分則)$", before)
        if m:
            part = m.group(1)
            before = before[: m.start(1)]
            start = m.start(1)
        m = re.search(rf"{_SELF}$", before)
        if m:
            return _Prefix(m.start(), part_title=part)
        m = re.search(_RELATIVE.pattern + "$", before)
        if m:
            word = m.group(0)
            count = to_int(m.group("count")) if m.group("count") else 1
            return _Prefix(m.start(), relative=word, count=count)
        m = re.search(r"(?<!各)该(?:条|條|款|项|項)$", before)
        if m and self.last is not None:
            # 该条第二款: the article cited just before (of whichever act it was).
            ext, act, loc = self.last
            return _Prefix(m.start(), external=ext, act=act, relative=None,
                           that={k: v for k, v in loc.items() if _depth(k) <= _ORDER[_THAT_UNIT[m.group(0)[1]]]})
        m = _TITLE_BEFORE.search(before)
        if m:
            return _Prefix(m.start(), external=True, act=text[m.start(1):m.end(1)])
        m = _THAT_ACT.search(before)
        if m:
            return _Prefix(m.start(), external=True, act=_that_act(m.group(0), self._earlier(m.start())))
        for alias, title in self.aliases.items():
            if before.endswith(alias):
                return _Prefix(start - len(alias), external=True, act=title)
        if self.amended and before.endswith(self.amended[1]):
            return _Prefix(start - len(self.amended[1]), external=True, act=self.amended[0])
        run = re.search(r"[\u4e00-\u9fff]{1,40}$", before)
        if run:
            m = _ACT_WORD.search(run.group(0))
            if m:
                name = _LEAD_WORDS.sub("", m.group(0))
                if name.startswith("本"):
                    return _Prefix(start if part else pos, part_title=part)
                # Outside a law (reports, decisions) 办法第十九条 means the act they discuss.
                generic_ok = not self.has_articles and name in _REPORT_ACTS
                if len(name) >= 2 and (name not in _NOT_ACTS or generic_ok) \
                        and not name.startswith(_NOT_NAME_STARTS):
                    s = start - len(name)
                    act = text[s:start]
                    if name in _GENERIC_ACTS or generic_ok:
                        # 条例第二十六条 right after 《某某条例》: that act, as 该条例 would be.
                        act = _that_act("该" + name, self._earlier(s), any_kind=False) or act
                    return _Prefix(s, external=True, act=act)
        return _Prefix(start if part else pos, part_title=part)

    # -- scanning one node -------------------------------------------------------------
    def scan(self, node: Node, article: Node | None) -> list[Reference]:
        text = node.text
        if not text:
            return []
        f = fold(text)
        m = _AMENDS.search(f)
        if m and not self.has_articles:
            self.current_act = text[m.start(1):m.end(1)]
        out: list[Reference] = []
        pos = 0
        titles = [(m.end(), text[m.start() + 1:m.end() - 1]) for m in re.finditer(r"«[^«»]{1,120}»", f)]
        self._titles = titles
        while pos < len(f):
            g = _GROUP.search(f, pos)
            r = _RELATIVE.search(f, pos)
            if g is None and r is None:
                break
            if r is not None and (g is None or r.start() < g.start()):
                # A relative word followed by a group is a prefix, handled with the group.
                nxt = r.end()
                while nxt < len(f) and f[nxt] == " ":
                    nxt += 1
                if _GROUP.match(f, nxt):
                    pos = nxt
                    continue
                ref = self._relative(node, article, text, r)
                if ref is not None:
                    out.append(ref)
                pos = r.end()
                continue
            assert g is not None
            refs, end = self._chain(node, article, text, f, g.start())
            out.extend(refs)
            pos = max(end, g.end())
        out.extend(self._acts(node, article, text, f, out))
        out.sort(key=lambda r: r.start)
        self.seen.extend(t for _, t in titles)
        return out

    def _acts(self, node: Node, article: Node | None, text: str, f: str,
              found: list[Reference]) -> Iterator[Reference]:
        """Other acts cited as a whole: 《…法》, 该法, 上位法, 有关法律."""
        taken = [(r.start, r.end) for r in found]
        for m in _WHOLE_ACT.finditer(f):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if m.group("title") is not None:
                act = text[m.start("title"):m.end("title")]
                if not _ACT_TITLE.search(act):
                    continue
            elif m.group("that") is not None:
                act = _that_act(m.group("that"), self._earlier(m.start()))
            else:
                act = text[m.start():m.end()]
            yield Reference(node, article, text[m.start():m.end()], m.start(), m.end(), (),
                            external=True, act=act)

    def _chain(self, node: Node, article: Node | None, text: str, f: str,
               pos: int) -> tuple[list[Reference], int]:
        prefix = self._prefix(f, text, pos)
        elements: list[tuple[str | None, _Element]] = []
        el = _parse_element(f, pos)
        if el is None:
            return [], pos + 1
        elements.append((None, el))
        p = el.end
        while True:
            m = _CONNECTOR.match(f, p)
            if not m:
                break
            nxt = _parse_element(f, m.end())
            if nxt is None:
                break
            elements.append((m.group("c"), nxt))
            p = nxt.end
        start = min(prefix.start, pos)
        raw = text[start:p]
        external = prefix.external or (not self.has_articles)
        act = prefix.act
        if not self.has_articles:
            if prefix.external and prefix.act and "«" in f[prefix.start:pos]:
                self.current_act = prefix.act  # 将《某某条例》第二条修改为…: later 将第十八条… too
            elif not prefix.external:
                act = self.current_act
        ctx = self._context(node)
        locs = self._expand(elements, prefix, ctx)
        targets = tuple(self._target(loc, external) for loc in locs)
        first = elements[0][1].groups[0].kind
        relative = first in _ITEMISH or (prefix.relative is not None and first in _HEAD_KIND.values())
        if locs:
            self.last = (external, act, locs[-1])
        ref = Reference(node, article, raw, start, p, targets, external, act if external else None,
                        relative and not external)
        return [ref], p

    # -- locations -----------------------------------------------------------------------
    def _base(self, prefix: _Prefix, ctx: dict[Kind, Node], first: Kind) -> dict[str, Any]:
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
                prev = self._prev_article(art, back)
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
                base["paragraph"] = self._item_paragraph(art, para)
            if first is Kind.SUBITEM and item is not None and para is not None:
                base["paragraph"] = int(para.number)
                base["item"] = int(item.number)
        return base

    @staticmethod
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

    def _prev_article(self, art: Node, count: int) -> list[str]:
        arts = self.doc.articles
        i = next((k for k, a in enumerate(arts) if a is art), 0)
        return [a.number for a in arts[max(0, i - count):i] if a.number]

    def _expand(self, elements: list[tuple[str | None, _Element]], prefix: _Prefix,
                ctx: dict[Kind, Node]) -> list[dict[str, Any]]:
        """Elements → locations: lists multiply out, ranges expand, later elements inherit."""
        locs: list[dict[str, Any]] = []
        prev: dict[str, Any] | None = None
        for conn, el in elements:
            first = el.groups[0].kind
            if prev is None:
                base = self._base(prefix, ctx, first)
            else:
                base = {k: v for k, v in prev.items() if _depth(k) < _ORDER[first]}
            partial = [dict(base)]
            for g in el.groups:
                key = _KEY[g.kind]
                nxt = []
                for loc in partial:
                    for v in g.values:
                        d = dict(loc)
                        for k in list(d):
                            if _depth(k) >= _ORDER[g.kind] and k not in ("scope", "part_title", "near"):
                                del d[k]
                        d[key] = v
                        nxt.append(d)
                partial = nxt
            if conn in ("至", "到") and locs:
                lo = locs.pop()
                hi = partial[0]
                k = _KEY[el.groups[-1].kind]
                merged = dict(lo)
                merged[k] = ("range", lo.get(k), hi.get(k))
                partial = [merged] + partial[1:]
            locs.extend(partial)
            prev = partial[-1]
        out: list[dict[str, Any]] = []
        for loc in locs:
            out.extend(self._explode(loc))
        return out

    def _explode(self, loc: dict[str, Any]) -> list[dict[str, Any]]:
        """Ranges → one location per member (article ranges follow the document's articles)."""
        for key in ("article", "paragraph", "item", "subitem", "chapter", "section", "part", "subpart"):
            v = loc.get(key)
            if isinstance(v, tuple):
                _, lo, hi = v
                if lo is None or hi is None:
                    loc = dict(loc)
                    loc[key] = lo if lo is not None else hi
                    return self._explode(loc)
                if key == "article":
                    klo, khi = split_key(lo), split_key(hi)
                    keys = [a.number for a in self.doc.articles
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
                    out.extend(self._explode(d))
                return out
        return [loc]

    def _target(self, loc: dict[str, Any], external: bool) -> Target:
        heads = [(k, loc[k]) for k in ("part", "subpart", "chapter", "section") if k in loc]
        heading = "".join(f"第{_cn(v)}{UNIT[_HEAD_KIND[k]]}" for k, v in heads) or None
        if loc.get("part_title"):
            heading = loc["part_title"] + (heading or "")
        t = Target(loc.get("article"), loc.get("paragraph"), loc.get("item"), loc.get("subitem"), heading)
        if external:
            return t
        node = _find(self.doc, loc)
        if node is None:
            return Target(t.article, t.paragraph, t.item, t.subitem, heading, None, _describe(loc))
        return Target(t.article, t.paragraph, t.item, t.subitem, heading, node, node_address(self.doc, node))

    def _relative(self, node: Node, article: Node | None, text: str, m: re.Match) -> Reference | None:
        """本条, 本款, 前款, 前两款, 前项, 前条, 本章, 本节 standing alone."""
        word = m.group(0)
        if not self.has_articles:
            return None
        ctx = self._context(node)
        w = word[-1]
        count = to_int(m.group("count")) if m.group("count") else 1
        locs: list[dict[str, Any]] = []
        art, para, item = ctx.get(Kind.ARTICLE), ctx.get(Kind.PARAGRAPH), ctx.get(Kind.ITEM)
        if word.startswith("本"):
            if w in "章节節编編" or word in ("本分编", "本分編"):
                kind = {"章": Kind.CHAPTER, "节": Kind.SECTION, "節": Kind.SECTION,
                        "编": Kind.PART, "編": Kind.PART}[w]
                if word in ("本分编", "本分編"):
                    kind = Kind.SUBPART
                scope = ctx.get(kind)
                t = Target(heading=word, node=scope,
                           address=(node_address(self.doc, scope) if scope is not None else word))
                return Reference(node, article, text[m.start():m.end()], m.start(), m.end(), (t,),
                                 relative=True)
            if art is None:
                return None
            if w in "条條":
                locs = [{"article": art.number}]
            elif w == "款" and para is not None:
                locs = [{"article": art.number, "paragraph": int(para.number)}]
            elif w in "项項" and item is not None and para is not None:
                locs = [{"article": art.number, "paragraph": int(para.number), "item": int(item.number)}]
            elif w == "目" and ctx.get(Kind.SUBITEM) is not None and item is not None and para is not None:
                locs = [{"article": art.number, "paragraph": int(para.number), "item": int(item.number),
                         "subitem": int(ctx[Kind.SUBITEM].number)}]
            else:
                return None
        else:
            if art is None:
                return None
            if w in "条條":
                keys = self._prev_article(art, count)
                locs = [{"article": k} for k in keys] or [{"article": _minus(art.number, count)}]
            elif w == "款" and para is not None:
                n = int(para.number)
                locs = [{"article": art.number, "paragraph": k} for k in range(max(n - count, 0), n)]
            elif w in "项項" and para is not None:
                n = int(item.number) if item is not None else None
                if n is None:
                    # 前项 in a 款 after a list: the list's last items.
                    items = _items_before(art, para)
                    if not items:
                        locs = [{"article": art.number, "paragraph": int(para.number), "item": 0}]
                    else:
                        pnum, last = items
                        locs = [{"article": art.number, "paragraph": pnum, "item": k}
                                for k in range(max(last - count + 1, 0), last + 1)]
                else:
                    locs = [{"article": art.number, "paragraph": int(para.number), "item": k}
                            for k in range(max(n - count, 0), n)]
            else:
                return None
        targets = tuple(self._target(loc, False) for loc in locs)
        return Reference(node, article, text[m.start():m.end()], m.start(), m.end(), targets,
                         relative=True)


_KEY = {Kind.PART: "part", Kind.SUBPART: "subpart", Kind.CHAPTER: "chapter", Kind.SECTION: "section",
        Kind.ARTICLE: "article", Kind.PARAGRAPH: "paragraph", Kind.ITEM: "item", Kind.SUBITEM: "subitem"}
_HEAD_KIND = {"part": Kind.PART, "subpart": Kind.SUBPART, "chapter": Kind.CHAPTER, "section": Kind.SECTION}
_DEPTH = {v: _ORDER[k] for k, v in _KEY.items()}


def _depth(key: str) -> int:
    return _DEPTH.get(key, 0)


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


def _that_act(word: str, earlier: list[str], any_kind: bool = True) -> str | None:
    """该法 → the last act named before it whose title ends in 法 (该条例: in 条例 …)."""
    kind = word[1:]
    for title in reversed(earlier):
        bare = re.sub(r"[(（][^()（）]*[)）]$", "", title)
        if bare.endswith(kind) and not (kind == "法" and bare.endswith(("办法", "辦法"))):
            return title
    if not any_kind:
        return None
    return earlier[-1] if earlier else None


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


_AMENDS = re.compile(r"对«([^«»]{1,80})»作(?:出|如下|出如下)修(?:改|正)")
_AMENDMENT_TITLE = re.compile(r"修正案(?:□)?$|关于修改|關於修改|修改和废止|修改和廢止")


def _outer(title: str) -> str:
    """The title with every quoted title in it replaced by □: what the document itself is."""
    prev = None
    while prev != title:
        prev, title = title, re.sub(r"[《«‹〈][^《》«»‹›〈〉]*[》»›〉]", "□", title)
    return title


def is_amendment(doc: Document) -> bool:
    """An amendment act (修正案, 修改决定): its 第X条 are the amended law's articles.

    Judged on the title's own words (关于批准«…关于修改…的决定»的决定 approves, it does
    not amend), or, for a decision whose title was not read, on its opening lines.
    """
    outer = _outer(doc.title or "")
    if doc.kind == "修正案" or _AMENDMENT_TITLE.search(outer):
        return True
    if doc.kind not in ("决定", "其他"):
        return False
    # The opening lines, joined: hard-wrapped texts split 作如下 | 修改 across lines.
    head = "".join(n.text for n in list(doc.walk())[:40] if n.text)
    return bool(re.search(r"(?:决定对|決定對)[《«][^》»]{1,80}[》»]作(?:出)?如下修(?:改|正)", head))


def _amended_act(doc: Document) -> tuple[str, str] | None:
    """An amendment act's base law: (full title, short name) — 刑法修正案（十一） amends 刑法."""
    t = doc.title or ""
    m = re.match(r"(?P<full>(?:中华人民共和国)?(?P<short>.+?))修正案", t)
    if m:
        return m.group("full"), m.group("short")
    m = re.search(r"关于修改[《«](?P<full>(?:中华人民共和国)?(?P<short>[^》»]+))[》»]的决定", t)
    if m:
        return m.group("full"), m.group("short")
    return None


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
        kind = _HEAD_KIND[k]
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
    if para_num is not None:
        node = _child(art, Kind.PARAGRAPH, para_num)
        if node is None:
            return None
    item_num = loc.get("item")
    if item_num is not None:
        found = _child(node, Kind.ITEM, item_num)
        if found is None and para_num is None:
            found = next((c for p in art.children if (c := _child(p, Kind.ITEM, item_num))), None)
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


def _unparsed(art: Node, within: Node, kind: Kind, number: int) -> Node | None:
    """An item the tree does not hold as one: a 款 that begins 一、 or (1).

    Some texts number their 项 一、二、 (or their 目 (1)、1、); the parser keeps such
    lines as 款.  When the article has no item of that kind at all, the 款 that starts
    with the number is what a reference to it means — not a dangling reference.
    """
    if any(n.kind is kind for n in art.walk()):
        return None
    cn = _cn(number)
    if kind is Kind.ITEM:
        starts = (f"{cn}、", f"（{cn}）", f"({cn})")
    else:
        starts = (f"{number}、", f"{number}.", f"{number}．", f"（{number}）", f"({number})",
                  f"{cn}、", f"（{cn}）", f"({cn})")
    pool = within.walk() if within is not art else art.walk()
    return next((n for n in pool if n is not art and n.text.lstrip().startswith(starts)), None)


def _describe(loc: dict[str, Any]) -> str:
    """Citation text for a location that does not exist: 第九十九条第二款."""
    parts = []
    if loc.get("part_title"):
        parts.append(loc["part_title"])
    for k in ("part", "subpart", "chapter", "section"):
        if k in loc:
            parts.append(f"第{_cn(loc[k])}{UNIT[_HEAD_KIND[k]]}")
    if loc.get("article"):
        n, sub = split_key(loc["article"])
        parts.append(f"第{_cn(n)}条" + (f"之{_cn(sub)}" if sub else ""))
    if loc.get("paragraph") is not None:
        parts.append(f"第{_cn(max(loc['paragraph'], 0))}款" if loc["paragraph"] > 0 else "第零款")
    if loc.get("item") is not None:
        parts.append(f"第（{_cn(max(loc['item'], 0))}）项")
    if loc.get("subitem") is not None:
        parts.append(f"第{loc['subitem']}目")
    return "".join(parts)


# -- public API -------------------------------------------------------------------------

def _units(doc: Document) -> Iterator[tuple[Node, Node | None]]:
    """(node holding text, its article) in document order; text outside articles too."""
    def visit(n: Node, art: Node | None) -> Iterator[tuple[Node, Node | None]]:
        if n.kind is Kind.ARTICLE:
            art = n
        if n.kind in (Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM) or (n.kind is Kind.TEXT and n.text):
            yield n, art
        for c in n.children:
            yield from visit(c, art)

    for top in doc.children:
        if top.kind in (Kind.TITLE, Kind.INFO, Kind.TOC, Kind.NOTE):
            continue
        yield from visit(top, None)


def extract(doc: Document) -> list[Reference]:
    """Every reference of a document, in document order."""
    ex = _Extractor(doc)
    out: list[Reference] = []
    current_article: Node | None = None
    # A report is about the act its title names: 办法第十九条 in it is that 办法's.
    title = doc.title or ""
    named = [] if doc.articles else [title[m.start() + 1:m.end() - 1]
                                     for pattern in (r"«[^«»]{1,120}»", r"‹[^‹›«»]{1,120}›")
                                     for m in re.finditer(pattern, fold(title))]
    ex.seen = list(named)
    for node, art in _units(doc):
        if art is not current_article:
            ex.seen = list(named)  # 该法 looks back within its article only
            ex.last = None
            current_article = art
        refs = ex.scan(node, art)
        if node.kind is Kind.TEXT and doc.articles and art is None:
            # Text outside the articles (annexes, notes): other acts, and this one only by its
            # name (附件 依据本条例第十条); a bare 第十条 there may number anything.
            refs = [r for r in refs if r.external or re.match(_SELF, r.text)]
        out.extend(refs)
    return out


def source_keys(doc: Document, node: Node) -> dict[str, Any]:
    """article / paragraph / item / subitem keys of a citing node (None where not inside one)."""
    ctx = {n.kind: n for n in doc.ancestors(node) + [node]}
    art = ctx.get(Kind.ARTICLE)

    def num(kind: Kind) -> int | None:
        n = ctx.get(kind)
        return int(n.number) if n is not None and n.number and n.number.isdigit() else None

    return {"article": art.number if art is not None else None, "paragraph": num(Kind.PARAGRAPH),
            "item": num(Kind.ITEM), "subitem": num(Kind.SUBITEM)}


def to_dict(doc: Document, ref: Reference) -> dict[str, Any]:
    """The JSON shape of one reference (docs/refs.md)."""
    src = source_keys(doc, ref.source)
    src_addr = node_address(doc, ref.source)
    return {
        "source": {"address": src_addr, **src, "line": ref.source.line},
        "text": ref.text,
        "start": ref.start,
        "end": ref.end,
        "external": ref.external,
        "act": ref.act,
        "relative": ref.relative,
        "targets": [t.to_dict() for t in ref.targets],
        "summary": summarize(ref, doc),
    }


def _cn(n: int) -> str:
    """to_chinese for any int: a reference may point before the first 款 (前两款 in 第一款)."""
    return to_chinese(n) if 0 < n < 100_000_000 else ("零" if n <= 0 else str(n))


def _cn_item(n: int) -> str:
    return f"（{_cn(n)}）"


_TRAD = str.maketrans({"条": "條", "项": "項", "节": "節", "编": "編"})


def summarize(ref: Reference, doc: Document | None = None) -> str:
    """Targets in citation style: 第二十三条第（一）至（三）项; 第五十条、第六十九条.

    With `doc`, a document printed in Traditional characters gets 條/項/節 back.
    """
    text = _summarize(ref)
    if doc is not None and any("條" in (a.label or "") for a in doc.articles[:3]):
        return text.translate(_TRAD)
    return text


def _summarize(ref: Reference) -> str:
    if ref.external:
        # Other acts cannot be expanded (their articles are unknown): cite as written.
        act = ref.act or ""
        if act and not (act.startswith("有关") or act == "上位法" or act in _GENERIC_ACTS):
            act = f"《{act}》"  # a title; 有关法律 and 上位法 are not
        if not ref.targets:
            return act or ref.text
        m = re.search(r"第", ref.text)
        rest = ref.text[m.start():] if m else ref.text
        return act + rest
    return _compact(ref.targets)


def _compact(targets: tuple[Target, ...], external: bool = False) -> str:
    if not targets:
        return ""
    groups: list[tuple[tuple, list[Target]]] = []
    for t in targets:
        if t.heading and t.article is None:
            groups.append((("h", t.heading), [t]))
            continue
        level = "subitem" if t.subitem is not None else "item" if t.item is not None else \
            "paragraph" if t.paragraph is not None else "article"
        parent = (level, t.article if level != "article" else None,
                  t.paragraph if level in ("item", "subitem") else None,
                  t.item if level == "subitem" else None)
        if groups and groups[-1][0] == parent:
            groups[-1][1].append(t)
        else:
            groups.append((parent, [t]))
    out = []
    for parent, ts in groups:
        if parent[0] == "h":
            out.append(ts[0].address or ts[0].heading or "")
            continue
        level = parent[0]
        head = ""
        if level != "article" and ts[0].article:
            head = _article_label(ts[0].article)
        if level in ("item", "subitem") and ts[0].paragraph is not None:
            head += f"第{_cn(ts[0].paragraph)}款"
        if level == "subitem" and ts[0].item is not None:
            head += f"第{_cn_item(ts[0].item)}项"
        nums = [getattr(t, level) for t in ts]
        out.append(head + _run_text(level, nums))
    text = "、".join(out)
    missing = [t for t in targets if not external and t.node is None]
    if missing:
        text += "（不存在：" + "、".join(t.address for t in missing) + "）"
    return text


def _article_label(key: str) -> str:
    n, sub = split_key(key)
    return f"第{_cn(n)}条" + (f"之{_cn(sub)}" if sub else "")


def _run_text(level: str, nums: list[Any]) -> str:
    if level == "article":
        if len(nums) >= 3 and all(isinstance(k, str) for k in nums):
            return f"{_article_label(nums[0])}至{_article_label(nums[-1])}" if _consecutive_keys(nums) \
                else "、".join(_article_label(k) for k in nums)
        return "、".join(_article_label(k) for k in nums if k)
    ints = [n for n in nums if isinstance(n, int)]
    if level == "item":
        runs = _runs(ints)
        return "第" + "".join(f"{_cn_item(a)}至{_cn_item(b)}" if b - a >= 2 else
                              "".join(_cn_item(k) for k in range(a, b + 1)) for a, b in runs) + "项"
    unit = "款" if level == "paragraph" else "目"
    runs = _runs(ints)
    parts = [f"第{_cn(a)}{unit}至第{_cn(b)}{unit}" if b - a >= 2 else
             "、".join(f"第{_cn(k)}{unit}" for k in range(a, b + 1)) for a, b in runs]
    return "、".join(parts)


def _runs(nums: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in nums:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _consecutive_keys(keys: list[str]) -> bool:
    """23, 24, 24-1, 25: each key follows the previous one directly (之N inserts included)."""
    ks = [split_key(k) for k in keys]
    return all(b in ((a[0] + 1, 0), (a[0], a[1] + 1)) for a, b in zip(ks, ks[1:]))


def backlinks(doc: Document, nodes: list[Node], refs: list[Reference] | None = None) -> list[Reference]:
    """References whose targets lie in (or contain, at article level) any of `nodes`."""
    refs = extract(doc) if refs is None else refs
    inside: set[int] = set()
    covering: set[int] = set()
    for n in nodes:
        inside.update(id(x) for x in n.walk())
        for anc in doc.ancestors(n):
            if anc.kind in (Kind.ARTICLE, Kind.PARAGRAPH, Kind.ITEM):
                covering.add(id(anc))
    out = []
    for r in refs:
        if r.external:
            continue
        if any(t.node is not None and (id(t.node) in inside or id(t.node) in covering) for t in r.targets):
            out.append(r)
    return out


def dangling_message(ref: Reference, missing: list[Target]) -> str:
    """Why an internal reference points at nothing, in one Chinese sentence."""
    t = missing[0]
    if t.paragraph is not None and t.paragraph <= 0:
        if ref.source.kind is Kind.PARAGRAPH and ref.source.number == "1":
            return f"“{ref.text}”出现在本条第一款，前面没有可引用的款"
        return f"“{ref.text}”前面没有这么多款可引用"
    if t.item is not None and t.item <= 0:
        return f"“{ref.text}”前面没有可引用的项"
    what = "、".join(x.address for x in missing)
    return f"“{ref.text}”引用的{what}不存在"


def dangling_diagnostics(doc: Document) -> list[Diagnostic]:
    """Internal references to nothing, as parse diagnostics: a look-up reports them on
    stderr and in JSON like numbering gaps (`lawcli check` has the full linter)."""
    if not doc.articles:
        return []
    out = []
    for ref in extract(doc):
        missing = list(ref.dangling)
        if missing:
            where = node_address(doc, ref.source)
            out.append(Diagnostic("dangling-reference", f"{where}：{dangling_message(ref, missing)}",
                                  ref.source.line))
    return out
