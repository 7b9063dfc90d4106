"""The document tree: frozen dataclasses, kinds, traversal and JSON shapes.

Every node owns `raw`, the exact characters of the normalised text it was built from
(its heading, or its paragraph, with the line break).  Concatenating `raw` over the
tree in document order gives back the normalised input: that is how lawcli proves
that nothing was lost (see tests/test_lossless.py).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Iterator


class Kind(str, Enum):
    """Node kinds; the string values are the `kind` keys of the JSON schema."""

    TITLE = "title"
    INFO = "info"  # adoption / amendment lines under the title
    TOC = "toc"  # 目录 block: its lines repeat headings and must not become headings
    PREAMBLE = "preamble"  # 序言
    PART = "part"  # 编
    SUBPART = "subpart"  # 分编
    CHAPTER = "chapter"  # 章
    SECTION = "section"  # 节
    SUBSECTION = "subsection"  # 款 as a heading below 节 (Taiwan's Civil Code: 第 一 款 通則)
    SUBSUBSECTION = "subsubsection"  # 目 as a heading below that 款
    ARTICLE = "article"  # 条
    PARAGRAPH = "paragraph"  # 款
    ITEM = "item"  # 项
    SUBITEM = "subitem"  # 目
    TEXT = "text"  # a paragraph outside any article (decisions, reports, annex bodies)
    NOTE = "note"  # an editor's note such as ① …
    ANNEX = "annex"  # 附件


#: Depth of the numbered levels; a heading closes every open level at or below its own.
LEVEL = {
    Kind.PART: 1,
    Kind.SUBPART: 2,
    Kind.CHAPTER: 3,
    Kind.SECTION: 4,
    Kind.SUBSECTION: 4.3,
    Kind.SUBSUBSECTION: 4.6,
    Kind.ARTICLE: 5,
    Kind.PARAGRAPH: 6,
    Kind.ITEM: 7,
    Kind.SUBITEM: 8,
}
HEADING_KINDS = (Kind.PART, Kind.SUBPART, Kind.CHAPTER, Kind.SECTION, Kind.SUBSECTION,
                 Kind.SUBSUBSECTION)
#: Chinese names of the levels, for messages and addresses.
UNIT = {
    Kind.PART: "编", Kind.SUBPART: "分编", Kind.CHAPTER: "章", Kind.SECTION: "节",
    Kind.SUBSECTION: "款", Kind.SUBSUBSECTION: "目", Kind.ARTICLE: "条", Kind.PARAGRAPH: "款", Kind.ITEM: "项", Kind.SUBITEM: "目",
}


class Diagnostic(namedtuple("Diagnostic", "code message line severity", defaults=(None, "warning"))):
    """A recoverable problem found while reading: reported, never raised.

    (Immutable like the tree; a named tuple because it is defined on every
    cold start and a dataclass costs ~0.7 ms to define.)
    """

    __slots__ = ()

    code: str  # the rule's stable code in lawcli/rules.py, e.g. "N101" (numbering-gap)
    message: str  # one line, for people
    line: int | None  # default None; 1-based line of the input file
    severity: str  # default "warning"

    def to_dict(self) -> dict[str, Any]:
        from ..rules import rule

        r = rule(self.code)
        return {"code": self.code, "rule": r.name if r is not None else self.code,
                "severity": self.severity, "line": self.line, "message": self.message}


@dataclass(frozen=True)
class Node:
    """One unit of a document: a heading, an article, a paragraph, an item …"""

    kind: Kind
    #: Exact characters of the normalised input that this node owns (not its children's).
    raw: str = ""
    #: Canonical key: "23", "120-1" for articles; position or printed number below them.
    number: str | None = None
    #: The number as printed: "第一百二十条之一", "第三章", "（一）", "１．".
    label: str | None = None
    #: Heading title (章/节 names, annex titles), spaces of letter-spaced titles removed.
    title: str | None = None
    #: The node's own text, without its label and without its children's text.
    text: str = ""
    children: tuple[Node, ...] = ()
    #: First and last line of the input file this node was read from (1-based).
    line: int = 0
    end_line: int = 0

    def walk(self) -> Iterator[Node]:
        """This node and every descendant, in document order."""
        # An explicit stack: nested generators cost a frame per level per node.
        stack = [self]
        pop, extend = stack.pop, stack.extend
        while stack:
            node = pop()
            yield node
            if node.children:
                extend(reversed(node.children))

    def joined_raw(self) -> str:
        return "".join(n.raw for n in self.walk())

    @property
    def full_text(self) -> str:
        """Readable text of the node with its descendants, one paragraph/item per line."""
        parts: list[str] = []
        for n in self.walk():
            if n.kind in HEADING_KINDS or n.kind is Kind.ARTICLE:
                continue
            prefix = n.label if n.kind in (Kind.ITEM, Kind.SUBITEM) and n.label else ""
            if n.text or prefix:
                parts.append(prefix + n.text)
        return "\n".join(parts)

    def heading(self) -> str:
        """"第三章 保护与发展" / "第二十三条" — how the node is named to people."""
        bits = [b for b in (self.label, self.title) if b]
        return " ".join(bits)

    def to_dict(self, *, lines: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind.value,
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "text": self.text,
        }
        if self.kind is Kind.ARTICLE:
            d["full_text"] = self.full_text
        if lines:
            d["line"] = self.line
            d["end_line"] = self.end_line
        d["children"] = [c.to_dict(lines=lines) for c in self.children]
        return d


@dataclass(frozen=True)
class Document:
    """One legal document: its tree plus what is known about it."""

    title: str
    children: tuple[Node, ...]
    #: Document kind read from the title's last word: 法, 条例, 决定, 说明 …
    kind: str = "其他"
    warnings: tuple[Diagnostic, ...] = ()
    #: Dates as ISO strings, and other facts read from the text (None when absent).
    adopted: str | None = None
    effective: str | None = None
    number: str | None = None  # 公告 number such as 第一百零四号
    meeting: str | None = None
    parent: int | None = None  # index of the package an attachment belongs to
    index: int = 1  # 1-based position in its file
    start_line: int = 1
    end_line: int = 1
    source: str | None = None  # file name, for messages
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            yield from child.walk()

    def joined_raw(self) -> str:
        return "".join(n.raw for n in self.walk())

    def evolve(self, **changes: Any) -> Document:
        """dataclasses.replace that keeps the article index when the tree is unchanged."""
        from dataclasses import replace

        new = replace(self, **changes)
        if "children" not in changes:
            for name in ("articles", "article_index"):
                if name in self.__dict__:
                    new.__dict__[name] = self.__dict__[name]
        return new

    def __getstate__(self) -> dict[str, Any]:
        # Cached indexes are rebuilt on demand; `parents` is keyed by id() and
        # would be wrong after unpickling.
        return {k: v for k, v in self.__dict__.items() if k not in ("articles", "article_index", "parents")}

    @cached_property
    def articles(self) -> tuple[Node, ...]:
        article = Kind.ARTICLE  # looked up once: an enum member look-up costs ~0.1 µs on 3.11
        return tuple(n for n in self.walk() if n.kind is article)

    @cached_property
    def article_index(self) -> dict[str, Node]:
        """Key → article; with duplicate numbers the first one wins (a warning says so)."""
        index: dict[str, Node] = {}
        for art in self.articles:
            if art.number is not None:
                index.setdefault(art.number, art)
        return index

    @cached_property
    def parents(self) -> dict[int, Node | None]:
        """id(node) → parent node (None at the top), for addresses and context."""
        out: dict[int, Node | None] = {}

        def visit(node: Node, parent: Node | None) -> None:
            out[id(node)] = parent
            for c in node.children:
                visit(c, node)

        for top in self.children:
            visit(top, None)
        return out

    def ancestors(self, node: Node) -> list[Node]:
        """Outermost first, not including the node itself."""
        chain: list[Node] = []
        cur = self.parents.get(id(node))
        while cur is not None:
            chain.append(cur)
            cur = self.parents.get(id(cur))
        chain.reverse()
        return chain

    def meta_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "title": self.title,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "articles": len(self.articles),
            "adopted": self.adopted,
            "effective": self.effective,
            "number": self.number,
            "meeting": self.meeting,
            "parent": self.parent,
            "subkind": self.extra.get("subkind"),
            "label": self.extra.get("label"),
            "promulgates": self.extra.get("promulgates"),
            "delivered": self.extra.get("delivered"),
            "repeal_effective": self.extra.get("repeal_effective"),
            "effective_clause": self.extra.get("effective_clause"),
            "layout": self.extra.get("layout"),
        }

    def to_dict(self, *, lines: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": "document", "document_kind": self.kind}
        d.update((k, v) for k, v in self.meta_dict().items() if k != "kind")
        d["warnings"] = [w.to_dict() for w in self.warnings]
        d["children"] = [c.to_dict(lines=lines) for c in self.children]
        return d
