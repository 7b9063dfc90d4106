"""One version of a document as the diff sees it: its articles (published and
normalised), its headings, and which articles each heading holds.

Read once per side and shared by the steps that follow: the alignment pairs the
articles, the heading step follows them, the rows are built from both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..parsing.model import HEADING_KINDS, Document, Kind, Node
from .result import Article, Heading
from .texts import Norm, normalise

#: A 款 or 项 of at least this many characters found unchanged in both articles of an
#: in-order pair is evidence enough that the article was modified, however much of the
#: rest was rewritten (a 款 replaced by another).
SHARED_UNIT = 8


@dataclass
class Side:
    """One version's articles and headings, by position."""

    doc: Document
    articles: list[Article]
    norms: list[Norm]
    headings: list[Heading]
    heading_nodes: list[Node]
    #: article position → index of its innermost chapter-level heading (or None)
    chapter_of: list[int | None]
    #: heading index → article positions under it
    heading_articles: list[list[int]]

    @cached_property
    def units(self) -> list[frozenset[str]]:
        """Per article, its 款 and 项 texts (normalised) long enough to be telling."""
        return [frozenset(u for u in nm.norm.split("\n") if len(u) >= SHARED_UNIT)
                for nm in self.norms]


def side_of(doc: Document) -> Side:
    articles: list[Article] = []
    norms: list[Norm] = []
    headings: list[Heading] = []
    heading_nodes: list[Node] = []
    heading_articles: list[list[int]] = []
    chapter_of: list[int | None] = []

    def visit(node: Node, open_headings: tuple[int, ...]) -> None:
        if node.kind in HEADING_KINDS:
            idx = len(headings)
            headings.append(Heading(node.kind.value, node.number, node.label, node.title, idx))
            heading_nodes.append(node)
            heading_articles.append([])
            open_headings = open_headings + (idx,)
        elif node.kind is Kind.ARTICLE:
            pos = len(articles)
            inner = open_headings[-1] if open_headings else None
            chapter = _chapter_level(open_headings, headings)
            articles.append(Article(node.number, node.label, node.full_text, pos,
                                    headings[inner].name if inner is not None else None, node))
            norms.append(normalise(node.full_text))
            chapter_of.append(chapter)
            for h in open_headings:
                heading_articles[h].append(pos)
            return
        for c in node.children:
            visit(c, open_headings)

    for top in doc.children:
        visit(top, ())
    return Side(doc, articles, norms, headings, heading_nodes, chapter_of, heading_articles)


def _chapter_level(open_headings: tuple[int, ...], headings: list[Heading]) -> int | None:
    """The heading that says which chapter an article is in: its 章, else the innermost."""
    for h in reversed(open_headings):
        if headings[h].kind == Kind.CHAPTER.value:
            return h
    return open_headings[-1] if open_headings else None
