"""Cross-references inside a document, found in the text: who cites, where, and what.

A regulation cites itself constantly (违反本条例第二十三条第一项至第三项规定的…;
前款规定的…) and cites other acts (《中华人民共和国土地管理法》第七十四条,
刑事诉讼法第七十九条, 该法, 上位法).  This module reads every such citation of a
document into a `Citation`: which node cites, the characters that cite (with their
offsets in the node's text), whether another act is meant and which, and the places
cited as locations (see `locations`).  `extract` then resolves the locations
against the document's tree (`resolve`) into `Reference`s; a target that does not
exist stays in the result with `node=None` (a dangling reference, which `lawcli
check` reports).  References to other acts are never resolved against the current
document.  `citations` stops before resolution, for callers that work on spans.

Matching runs on `textfold.fold` of the text, so ２３/23, （/( and 《/« never
matter, and offsets found there are offsets in the text as published.
"""

from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import dataclass

from ..parsing.model import Document, Kind, Node
from ..text.numerals import to_int
from ..text.textfold import fold
from . import context as sentences
from .locations import Element, Part, Prefix, expand, number_parts, parse_element, relative_locations
from .patterns import (
    ACT_TITLE,
    ACT_WORD,
    ALIAS,
    AMENDMENT_TITLE,
    AMENDS,
    CONNECTOR,
    GENERIC_ACTS,
    GROUP,
    HEAD_KIND,
    INNER_TITLE_BEFORE,
    ITEMISH,
    LEAD_WORDS,
    NOT_ACTS,
    NOT_NAME_STARTS,
    ORDER,
    RELATIVE,
    REPORT_ACTS,
    SELF,
    STATE_LAW,
    THAT_ACT,
    THAT_UNIT,
    TITLE_BEFORE,
    WHOLE_ACT,
    depth,
)
from .resolve import Target, target

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Iterator


# -- the results -----------------------------------------------------------------------

class Citation(namedtuple("Citation", "source article text start end locations external act relative",
                          defaults=(False, None, False))):
    """A citation as written in one node, its places not yet looked up in the tree."""

    __slots__ = ()

    source: Node  # the paragraph / item / sub-item (or text paragraph) that cites
    article: Node | None  # the article holding it
    text: str  # as printed
    start: int  # offsets of `text` in source.text
    end: int
    locations: tuple[dict[str, Any], ...]  # the places cited (`locations`); () for a whole act
    external: bool  # default False
    act: str | None  # default None; the cited act, for external references
    relative: bool  # default False; 前款, 本条, 第二款 (same article) …


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


# -- scanning ---------------------------------------------------------------------------

#: What 上述 / 前述 may qualify to name other acts (上述规定 may be this act's provisions).
_LAWS = {"法律", "法规", "行政法规", "地方性法规", "法律法规", "法律、行政法规"}

class _Extractor:
    """Scans one document's nodes in order, keeping what earlier text tells about later
    citations: the act an amendment amends, titles and their short names, the place
    cited last (for 该条)."""

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
        #: The citations of this node so far, and of each 款 that introduces a list.
        self.cites: list[Citation] = []
        self.leads: dict[int, Citation] = {}
        self._prev_paragraph: tuple[Node | None, Citation | None, bool] | None = None
        #: When set, each chain's written numbers by its span (`citations_in` asks for them).
        self.parts: dict[tuple[int, int], tuple[Part, ...]] | None = None

    def _aliases(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for n in self.doc.walk():
            if n.text and "简称" in n.text:
                for m in ALIAS.finditer(fold(n.text)):
                    alias = m.group("alias").strip("«»\" ")
                    if alias:
                        out[alias] = n.text[m.start("title"):m.end("title")]
        return out

    # -- context -----------------------------------------------------------------
    def _context(self, node: Node | None, given: dict[Kind, Node] | None = None) -> dict[Kind, Node]:
        if given is not None:
            return given
        if node is None:
            return {}
        chain = self.doc.ancestors(node) + [node]
        ctx: dict[Kind, Node] = {}
        for n in chain:
            ctx[n.kind] = n
        return ctx

    # -- lookback for what names the cited act -------------------------------------
    def _earlier(self, pos: int) -> list[str]:
        """Titles named before `pos`: in earlier 款 of the article (or text) and in this node."""
        return self.seen + [t for e, t in self._titles if e <= pos]

    def _prefix(self, f: str, text: str, pos: int) -> Prefix:
        before = f[:pos].rstrip(" ")
        start = len(before)
        # 本法总则第四章: a part named by its title.
        part = None
        m = re.search(r"(总则|總則|分则|分則)$", before)
        if m:
            part = m.group(1)
            before = before[: m.start(1)]
            start = m.start(1)
        m = re.search(rf"{SELF}$", before)
        if m:
            return Prefix(m.start(), part_title=part)
        m = re.search(RELATIVE.pattern + "$", before)
        if m:
            word = m.group(0)
            count = to_int(m.group("count")) if m.group("count") else 1
            return Prefix(m.start(), relative=word, count=count)
        m = re.search(r"(?<!各)该(?:条|條|款|项|項)$", before)
        if m and self.last is not None:
            # 该条第二款: the article cited just before (of whichever act it was).
            ext, act, loc = self.last
            return Prefix(m.start(), external=ext, act=act, relative=None,
                          that={k: v for k, v in loc.items() if depth(k) <= ORDER[THAT_UNIT[m.group(0)[1]]]})
        m = TITLE_BEFORE.search(before) or INNER_TITLE_BEFORE.search(before)
        if m:
            return Prefix(m.start(), external=True, act=text[m.start(1):m.end(1)])
        m = THAT_ACT.search(before)
        if m:
            return Prefix(m.start(), external=True, act=_that_act(m.group(0), self._earlier(m.start())))
        for alias, title in self.aliases.items():
            if before.endswith(alias):
                return Prefix(start - len(alias), external=True, act=title)
        if self.amended and before.endswith(self.amended[1]):
            return Prefix(start - len(self.amended[1]), external=True, act=self.amended[0])
        run = re.search(r"[\u4e00-\u9fff]{1,40}$", before)
        if run:
            m = ACT_WORD.search(run.group(0))
            if m:
                # 中华人民共和国行政许可法: its 中 and 和 are no lead words.
                masked = m.group(0).replace("中华人民共和国", "国" * 7)
                name = m.group(0)[len(m.group(0)) - len(LEAD_WORDS.sub("", masked)):]
                if name.startswith(("上述", "前述")) and name[2:] in _LAWS:
                    # 上述法律第八条: another act, the one named last if any.
                    earlier = self._earlier(start - len(name))
                    return Prefix(start - len(name), external=True, act=earlier[-1] if earlier else name)
                if name.startswith("本"):
                    return Prefix(start if part else pos, part_title=part)
                # Outside a law (reports, decisions) 办法第十九条 means the act they discuss.
                generic_ok = not self.has_articles and name in REPORT_ACTS
                if len(name) >= 2 and (name not in NOT_ACTS or generic_ok) \
                        and (not name.startswith(NOT_NAME_STARTS) or STATE_LAW.fullmatch(name)):
                    s = start - len(name)
                    act = text[s:start]
                    if name in GENERIC_ACTS or generic_ok:
                        # 条例第二十六条 right after 《某某条例》: that act, as 该条例 would be.
                        act = _that_act("该" + name, self._earlier(s), any_kind=False) or act
                    return Prefix(s, external=True, act=act)
        return Prefix(start if part else pos, part_title=part)

    # -- scanning one node -------------------------------------------------------------
    def scan(self, node: Node | None, article: Node | None, text: str | None = None,
             context: dict[Kind, Node] | None = None) -> list[Citation]:
        """The citations of one node's text — or of `text` read as if it stood where
        `context` (kind → node, as `_context` gives it) says."""
        text = node.text if text is None and node is not None else text
        if not text:
            return []
        f = fold(text)
        m = AMENDS.search(f)
        if m and not self.has_articles:
            self.current_act = text[m.start(1):m.end(1)]
        out: list[Citation] = []
        self.cites = out  # this node's citations so far: the sentence's context (refs/context.py)
        pos = 0
        titles = [(m.end(), text[m.start() + 1:m.end() - 1]) for m in re.finditer(r"«[^«»]{1,120}»", f)]
        self._titles = titles
        while pos < len(f):
            g = GROUP.search(f, pos)
            r = RELATIVE.search(f, pos)
            if g is None and r is None:
                break
            if r is not None and (g is None or r.start() < g.start()):
                # A relative word followed by a group is a prefix, handled with the group.
                nxt = r.end()
                while nxt < len(f) and f[nxt] == " ":
                    nxt += 1
                if GROUP.match(f, nxt):
                    pos = nxt
                    continue
                # 婚姻法第三十二条第三款前三项: a 前三项 right after another act's place is its.
                after_other = bool(out) and out[-1].external and not f[out[-1].end:r.start()].strip()
                ref = (Citation(node, article, text[r.start():r.end()], r.start(), r.end(), (),
                                external=True, act=out[-1].act)
                       if after_other else self._relative(node, article, text, r, context))
                if ref is not None:
                    out.append(ref)
                pos = r.end()
                continue
            assert g is not None
            refs, end = self._chain(node, article, text, f, g.start(), context)
            out.extend(refs)
            pos = max(end, g.end())
        out.extend(self._acts(node, article, text, f, out))
        out.sort(key=lambda r: r.start)
        if node is not None and node.kind is Kind.PARAGRAPH:
            cited = sentences.last_other(out, article)
            prev = self._prev_paragraph
            if cited is None and prev is not None and prev[0] is article and prev[2]:
                cited = prev[1]  # a 款 the copy broke mid-sentence: its first half's citation
            if cited is not None and sentences.introduces(text):
                self.leads[id(node)] = cited
                self.leads[id(article)] = cited  # items the copy split off their 款 too
            self._prev_paragraph = (article, cited, sentences.open_ended(text))
        self.seen.extend(t for _, t in titles)
        return out

    def _acts(self, node: Node | None, article: Node | None, text: str, f: str,
              found: list[Citation]) -> Iterator[Citation]:
        """Other acts cited as a whole: 《…法》, 该法, 上位法, 有关法律."""
        taken = [(r.start, r.end) for r in found]
        for m in WHOLE_ACT.finditer(f):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if m.group("title") is not None:
                act = text[m.start("title"):m.end("title")]
                if not ACT_TITLE.search(act):
                    continue
            elif m.group("that") is not None:
                act = _that_act(m.group("that"), self._earlier(m.start()))
            else:
                act = text[m.start():m.end()]
            yield Citation(node, article, text[m.start():m.end()], m.start(), m.end(), (),
                           external=True, act=act)

    def _chain(self, node: Node | None, article: Node | None, text: str, f: str,
               pos: int, ctx: dict[Kind, Node] | None) -> tuple[list[Citation], int]:
        prefix = self._prefix(f, text, pos)
        elements: list[tuple[str | None, Element]] = []
        el = parse_element(f, pos)
        if el is None:
            return [], pos + 1
        elements.append((None, el))
        p = el.end
        while True:
            m = CONNECTOR.match(f, p)
            if not m:
                break
            nxt = parse_element(f, m.end())
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
        ctx = self._context(node, ctx)
        locs = expand(self.doc, elements, prefix, ctx)
        first = elements[0][1].groups[0].kind
        relative = first in ITEMISH or (prefix.relative is not None and first in HEAD_KIND.values())
        if self.has_articles and sentences.bare(f, pos, prefix) and first in sentences.REBASED:
            rebased = self._rebase(node, article, f, pos, elements, ctx, locs, first)
            if rebased is not None:
                prefix, locs = rebased
                external, act, relative = prefix.external, prefix.act, False
        if locs:
            self.last = (external, act, locs[-1])
        ref = Citation(node, article, raw, start, p, tuple(locs), external, act if external else None,
                       relative and not external)
        if self.parts is not None:
            self.parts[(start, p)] = tuple(number_parts(self.doc, elements, prefix, ctx))
        return [ref], p

    def _rebase(self, node: Node | None, article: Node | None, f: str, pos: int, elements: list,
                ctx: dict[Kind, Node], locs: list[dict[str, Any]], first: Kind):
        """A bare 第五项 / 第二款 read in the article its sentence or its list's
        introduction cited (refs/context.py): (prefix, locations), or None."""
        cite = sentences.sentence_context(self.cites, f, pos, article)
        if first not in (Kind.PARAGRAPH, Kind.ITEM):
            # 证券法第六十七条第二款所列…，第七十五条规定的: a bare article number after
            # another act's, in the same sentence, that this document does not have.
            if not sentences.dangles(self.doc, locs):
                return None
            act = cite.act if cite is not None and cite.external else sentences.applied_act(self.doc)
            if act is None:
                return None
            p = Prefix(pos, external=True, act=act)
            return p, expand(self.doc, elements, p, ctx)
        tries = []
        if cite is not None:
            tries.append((cite, first is Kind.ITEM))
        else:
            # 违反第十七条第一项至第五项规定的，…；违反第六项规定的: the clause before names it.
            cite = sentences.sentence_context(self.cites, f, pos, article, clause=False)
            if cite is not None:
                tries.append((cite, False))
        lead = sentences.lead_in(self.leads, ctx, node)
        if lead is not None:
            tries.append((lead, False))
        prev = self._prev_paragraph
        if node is not None and node.kind is Kind.PARAGRAPH and prev and prev[0] is article and prev[1]:
            tries.append((prev[1], False))  # 违反本条例第六十六条第二项…。| 违反第四项规定…
        for cited, always in tries:
            p = sentences.as_prefix(self.doc, cited, first, pos)
            if p is None:
                continue
            own_dangles = sentences.dangles(self.doc, locs)
            if not (always or own_dangles):
                continue
            new = expand(self.doc, elements, p, ctx)
            if p.external or sentences.missing(self.doc, new) < sentences.missing(self.doc, locs) \
                    or (always and own_dangles):
                return p, new
        return None

    def _relative(self, node: Node | None, article: Node | None, text: str, m: re.Match,
                  ctx: dict[Kind, Node] | None) -> Citation | None:
        """本条, 本款, 前款, 前两款, 前项, 前条, 本章, 本节 standing alone."""
        if not self.has_articles:
            return None
        count = to_int(m.group("count")) if m.group("count") else 1
        locs = relative_locations(self.doc, m.group(0), count, self._context(node, ctx))
        if locs is None:
            return None
        return Citation(node, article, text[m.start():m.end()], m.start(), m.end(), tuple(locs),
                        relative=True)



# -- which act: 该法, and the act an amendment amends --------------------------------------

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
    if doc.kind == "修正案" or AMENDMENT_TITLE.search(outer):
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


# -- a document's citations --------------------------------------------------------------

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


#: A line that opens an annex (附件：, 附录一): what follows is not the article's text.
_ANNEX_LINE = re.compile(r"\s*(?:附件|附录|附錄)[一二三四五六七八九十0-9]*\s*[：:]?\s*$")


def citations(doc: Document) -> list[Citation]:
    """Every citation of a document, in document order, with its span and locations (unresolved)."""
    ex = _Extractor(doc)
    out: list[Citation] = []
    current_article: Node | None = None
    # A report is about the act its title names: 办法第十九条 in it is that 办法's.
    title = doc.title or ""
    named = [] if doc.articles else [title[m.start() + 1:m.end() - 1]
                                     for pattern in (r"«[^«»]{1,120}»", r"‹[^‹›«»]{1,120}›")
                                     for m in re.finditer(pattern, fold(title))]
    ex.seen = list(named)
    annex = False  # inside an article, after a 附件：/附录： line the parser kept there
    for node, art in _units(doc):
        if art is not current_article:
            ex.seen = list(named)  # 该法 looks back within its article only
            ex.last = None
            current_article, annex = art, False
        annex = annex or bool(_ANNEX_LINE.match(node.text))
        refs = ex.scan(node, art)
        if (node.kind is Kind.TEXT and doc.articles and art is None) or annex:
            # Text outside the articles (annexes, notes): other acts, and this one only by its
            # name (附件 依据本条例第十条); a bare 第十条 there may number anything.
            refs = [r for r in refs if r.external or re.match(SELF, r.text)]
        out.extend(refs)
    return out


def extract(doc: Document) -> list[Reference]:
    """Every reference of a document, in document order, its targets resolved."""
    return [_resolved(doc, c) for c in citations(doc)]


def _resolved(doc: Document, c: Citation) -> Reference:
    return Reference(c.source, c.article, c.text, c.start, c.end,
                     tuple(target(doc, loc, c.external) for loc in c.locations),
                     c.external, c.act, c.relative)


# -- a text read as if it stood at a place of a document --------------------------------

class TextCitation(namedtuple("TextCitation", "text start end external act relative locations parts")):
    """A citation of a loose text (`citations_in`): its span, and each number written in it."""

    __slots__ = ()

    text: str
    start: int  # offsets in the text scanned
    end: int
    external: bool
    act: str | None
    relative: bool
    locations: tuple[dict[str, Any], ...]
    parts: tuple[Part, ...]  # the numbers as written, with their spans; () for 前款, 本条, 《某法》


class TextReader:
    """Reads texts that are not (or no longer) nodes of `doc` — the applier's 款 after an
    act edited them — as if each stood at a place of `doc`: 本条, 前条, a bare 第二款 and
    该条 take their meaning there, and the aliases (以下简称) and the kind of document
    (an amendment act cites another law) are `doc`'s.

    The reader is built once per document (reading its aliases walks it).  Calls for the
    places of one article, made in document order, look back as a document scan does
    (该法 → the act named in an earlier 款); a call for another article starts afresh.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self._ex = _Extractor(doc)
        self._ex.parts = {}
        self._article: Node | None = None

    def citations(self, text: str, *, article: str | None = None, paragraph: int | None = None,
                  item: int | None = None, subitem: int | None = None) -> list[TextCitation]:
        """The citations of `text` standing in `article` (a key) / 款 / 项 / 目 of the document."""
        ctx = place(self.doc, article, paragraph, item, subitem)
        art = ctx.get(Kind.ARTICLE)
        if art is not self._article or art is None:
            self._ex.seen, self._ex.last, self._article = [], None, art
        parts = self._ex.parts
        assert parts is not None
        parts.clear()
        return [TextCitation(c.text, c.start, c.end, c.external, c.act, c.relative, c.locations,
                             parts.get((c.start, c.end), ()))
                for c in self._ex.scan(None, art, text, ctx)]


def citations_in(doc: Document, text: str, *, article: str | None = None, paragraph: int | None = None,
                 item: int | None = None, subitem: int | None = None) -> list[TextCitation]:
    """The citations of `text` as if it stood in that article / 款 / 项 / 目 of `doc`
    (one text; to read many, keep a `TextReader`)."""
    return TextReader(doc).citations(text, article=article, paragraph=paragraph, item=item,
                                     subitem=subitem)


def place(doc: Document, article: str | None, paragraph: int | None = None, item: int | None = None,
          subitem: int | None = None) -> dict[Kind, Node]:
    """The context of a place given by numbers (kind → node, outermost first), as deep as
    the document has it: an article it does not have gives no context at all."""
    art = doc.article_index.get(article) if article else None
    if art is None:
        return {}
    ctx = {n.kind: n for n in doc.ancestors(art)}
    ctx[Kind.ARTICLE] = node = art
    for kind, number in ((Kind.PARAGRAPH, paragraph), (Kind.ITEM, item), (Kind.SUBITEM, subitem)):
        if number is None:
            break
        child = next((c for c in node.children if c.kind is kind and c.number == str(number)), None)
        if child is None:
            break
        ctx[kind] = node = child
    return ctx
