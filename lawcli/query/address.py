"""Addressing: references as people type them, resolved to nodes; node addresses.

Accepted forms (all with Chinese, full-width or ASCII numbers):
  23  二十三  第二十三条  第23条  120之一  120-1 (之一: the second number is smaller)
  23-25  23~25  23..25  第二十三条至第二十五条   (ranges: the second number is larger)
  23.2  23.2.3  23.2.3.1  第二十三条第二款第三项第一目
  第三章  第二编第一章  第三章第二节  序言  附件一  附则
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..errors import NotFoundError, UsageError
from ..parsing.model import UNIT, Document, Kind, Node
from ..text.grammar import ARTICLE_UNIT, HEADING_UNIT, ITEM_UNIT, NUM, UNITS, article_label, label, spell
from ..text.numerals import article_key, split_key, to_int

_FW = str.maketrans("０１２３４５６７８９．－～", "0123456789.-~")
#: An article as people type it: the address grammar (text/grammar.py) with every 第
#: and unit but the first number optional (23, 第二十三条, 23条第二款, 第23条第(三)项).
_ARTICLE = (
    rf"第?(?P<num>{NUM})(?:{ARTICLE_UNIT})?(?:之(?P<sub>{NUM}))?"
    rf"(?:第(?P<p>{NUM})款)?(?:第?[（(]?(?P<i>{NUM})[）)]?{ITEM_UNIT})?(?:第(?P<s>{NUM})目)?"
)
_DOTTED = r"(?P<num>\d+)(?:之(?P<sub>\d+))?(?:\.(?P<p>\d+))?(?:\.(?P<i>\d+))?(?:\.(?P<s>\d+))?"
_HEADING = rf"第(?P<num>{NUM})(?P<unit>{HEADING_UNIT})"
_UNIT_KIND = {unit: Kind(level) for unit, level in UNITS.items() if level in ("part", "subpart", "chapter", "section")}


# References are named tuples rather than dataclasses: they are made once per
# run, and a dataclass costs ~0.7 ms to define at import, on every cold look-up.
class ArticleRef(namedtuple("ArticleRef", "key paragraph item subitem", defaults=(None, None, None))):
    __slots__ = ()

    key: str
    paragraph: int | None  # default None
    item: int | None  # default None
    subitem: int | None  # default None


class RangeRef(namedtuple("RangeRef", "start end")):
    __slots__ = ()

    start: str
    end: str


class HeadingRef(namedtuple("HeadingRef", "path")):
    __slots__ = ()

    path: tuple[tuple[Kind, int], ...]


class NamedRef(namedtuple("NamedRef", "kind number title", defaults=(None, None))):
    """序言, 附则, 附件N, 目录: parts of a document named by a word."""

    __slots__ = ()

    kind: Kind
    number: str | None  # default None
    title: str | None  # default None


Ref = ArticleRef | RangeRef | HeadingRef | NamedRef


def _int(s: str | None) -> int | None:
    return to_int(s) if s else None


def _article(s: str) -> ArticleRef | None:
    # Patterns are compiled on first use (re caches them): a look-up of "23" never
    # pays for the Chinese forms.
    m = re.fullmatch(_DOTTED, s) or re.fullmatch(_ARTICLE, s)
    if not m:
        return None
    try:
        return ArticleRef(article_key(to_int(m.group("num")), _int(m.group("sub"))),
                          _int(m.group("p")), _int(m.group("i")), _int(m.group("s")))
    except ValueError:
        return None


def parse_ref(text: str) -> Ref:
    """Read a reference; raises UsageError with the accepted forms when it cannot."""
    s = "".join(text.split()).translate(_FW)
    if not s:
        raise UsageError("empty reference")
    if s.isascii() and s.isdigit():
        return ArticleRef(str(int(s)))  # the common case, without any pattern
    if re.fullmatch(r"序言|目[录錄]|附[则則]", s):
        kind = {"序": Kind.PREAMBLE, "目": Kind.TOC, "附": Kind.CHAPTER}[s[0]]
        return NamedRef(kind, title=None if kind is not Kind.CHAPTER else "附则")
    m = re.fullmatch(rf"附件({NUM})?", s)
    if m:
        return NamedRef(Kind.ANNEX, str(to_int(m.group(1))) if m.group(1) else None)
    heads = list(re.finditer(_HEADING, s)) if "第" in s else []
    if heads and "".join(h.group(0) for h in heads) == s:
        return HeadingRef(tuple((_UNIT_KIND[h.group("unit")], to_int(h.group("num"))) for h in heads))
    # Ranges: 23-25, 23~25, 23..25, 第二十三条至第二十五条.
    m = re.fullmatch(r"(.+?)(?:\.\.|~|至|到)(.+)", s) or re.fullmatch(r"(\d+)-(\d+)", s)
    if m:
        a, b = _article(m.group(1)), _article(m.group(2).lstrip("第"))
        if a and b and not (a.paragraph or b.paragraph):
            if split_key(b.key) < split_key(a.key):
                if "-" in s and "." not in s:
                    return ArticleRef(article_key(int(m.group(1)), int(m.group(2))))
                raise UsageError(f"range {text!r} runs backwards")
            return RangeRef(a.key, b.key)
    m = re.fullmatch(r"(\d+)-(\d+)((?:\.\d+)*)", s)  # 120-1.2: 第一百二十条之一第二款
    if m:
        s = f"{m.group(1)}之{m.group(2)}{m.group(3)}"
    ref = _article(s)
    if ref is None:
        raise UsageError(
            f"cannot read reference {text!r}; try 23, 第二十三条, 23.2.3, 23-25, 120之一 or 第三章")
    return ref


# -- resolution ------------------------------------------------------------------

def _child(node: Node, kind: Kind, number: int) -> Node | None:
    for c in node.children:
        if c.kind is kind and c.number == str(number):
            return c
    return None


def resolve(doc: Document, ref: Ref) -> list[Node]:
    """Nodes a reference names; raises NotFoundError with what does exist."""
    if isinstance(ref, ArticleRef):
        art = doc.article_index.get(ref.key)
        if art is None:
            raise NotFoundError(f"{doc.title or 'document'}: no {article_label(ref.key)}{_range_hint(doc)}")
        node = art
        for kind, num in ((Kind.PARAGRAPH, ref.paragraph), (Kind.ITEM, ref.item),
                          (Kind.SUBITEM, ref.subitem)):
            if num is None:
                if kind is Kind.PARAGRAPH and ref.item is not None:
                    continue  # 第X条第Y项: the item is looked up in the article's 款
                break
            found = _child(node, kind, num)
            if found is None and kind is Kind.ITEM and node.kind is Kind.ARTICLE:
                # 第X条第Y项 without 款: items of the first 款 that has items.
                found = next((_child(p, kind, num) for p in node.children
                              if _child(p, kind, num)), None)
            if found is None:
                have = sum(1 for c in node.children if c.kind is kind)
                raise NotFoundError(f"{art.label} has no {UNIT[kind]} {num} (it has {have})")
            node = found
        return [node]
    if isinstance(ref, RangeRef):
        lo, hi = split_key(ref.start), split_key(ref.end)
        nodes = [a for a in doc.articles if a.number and lo <= split_key(a.number) <= hi]
        if not nodes:
            raise NotFoundError(f"{doc.title or 'document'}: no articles between "
                                f"{article_label(ref.start)} and {article_label(ref.end)}{_range_hint(doc)}")
        return nodes
    if isinstance(ref, HeadingRef):
        return [_heading(doc, ref)]
    return _named(doc, ref)


def _heading(doc: Document, ref: HeadingRef) -> Node:
    scope: tuple[Node, ...] = doc.children
    node: Node | None = None
    for kind, num in ref.path:
        # Search the whole subtree: 第三章 is found inside whichever 编 holds it.
        candidates = [n for top in scope for n in top.walk()
                      if n.kind is kind and n.number == str(num)]
        if not candidates:
            raise NotFoundError(f"{doc.title or 'document'}: no 第{spell(num)}{UNIT[kind]}")
        if len(candidates) > 1 and node is None and len(ref.path) == 1:
            where = "、".join(filter(None, (doc.ancestors(c)[0].heading() if doc.ancestors(c) else "" for c in candidates)))
            raise UsageError(f"第{spell(num)}{UNIT[kind]} is ambiguous ({where}); "
                                "name the 编 too, e.g. 第二编第一章")
        node = candidates[0]
        scope = node.children
    assert node is not None
    return node


def _named(doc: Document, ref: NamedRef) -> list[Node]:
    hits = [n for n in doc.walk() if n.kind is ref.kind
            and (ref.number is None or n.number == ref.number)
            and (ref.title is None or n.title == ref.title)]
    if not hits:
        raise NotFoundError(f"{doc.title or 'document'}: nothing matches that name")
    return hits if ref.kind is Kind.ANNEX and ref.number is None else hits[:1]


def _range_hint(doc: Document) -> str:
    arts = doc.articles
    if not arts:
        return " (it has no articles)"
    return f" (it has {len(arts)} articles, {arts[0].label}–{arts[-1].label})"


def path_labels(doc: Document, node: Node) -> list[str]:
    """Labels from the document down to the node: ["第三章 保护与发展", "第二十三条", "第一款"]."""
    out = []
    taiwan = doc.extra.get("layout") == "taiwan"
    for n in doc.ancestors(node) + [node]:
        out.append(label_of(n, taiwan))
    return [x for x in out if x]


#: Taiwan's names of the levels inside an article: 項 (a paragraph), 款 (an item), 目.
_TAIWAN_UNIT = {Kind.PARAGRAPH: "項", Kind.ITEM: "款", Kind.SUBITEM: "目"}


def label_of(n: Node, taiwan: bool = False) -> str:
    """How one level of an address is written: 第三章 保护与发展, 第二十三条, 第一款, 第（三）项
    (in Taiwan's layout: 第一項, 第二款, 第三目)."""
    if taiwan and n.kind in _TAIWAN_UNIT and n.number:
        return f"第{spell(int(n.number))}{_TAIWAN_UNIT[n.kind]}"
    if n.kind is Kind.PARAGRAPH:
        return label("paragraph", int(n.number)) if n.number else ""
    if n.kind is Kind.ITEM:
        return label("item", int(n.number)) if n.number else (n.label or "")
    if n.kind is Kind.SUBITEM:
        return label("subitem", int(n.number)) if n.number else (n.label or "")
    return n.heading()


def address(doc: Document, node: Node) -> str:
    """Citation form: 《title》第二十三条第一款第（三）项 (headings left out)."""
    taiwan = doc.extra.get("layout") == "taiwan"
    parts = [label_of(n, taiwan) for n in doc.ancestors(node) + [node]
             if n.kind in (Kind.ARTICLE, Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM)]
    if not parts:
        parts = [label_of(node)]
    return (f"《{doc.title}》" if doc.title else "") + "".join(parts)
