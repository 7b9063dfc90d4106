"""Numbering diagnostics at every level: gaps, duplicates, numbers out of order.

Articles are numbered through the whole document; 章 through their 编 (across
分编, as in the Civil Code); 节 within their 章; 项 within their 款; 目 within
their 项.  Problems become Diagnostics next to the tree: a draft with a gap is
still a document people need to read.
"""

from __future__ import annotations

import re

from ..rules import message
from ..text.grammar import label
from ..text.numerals import split_key, to_int
from .model import Diagnostic, Document, Kind, Node


def _label(kind: Kind, key: tuple[int, int]) -> str:
    return label(kind.value, *key)


def _key(node: Node) -> tuple[int, int] | None:
    number = node.number
    if number is None:
        return None
    try:
        return split_key(number) if "-" in number else (int(number), 0)
    except ValueError:
        return None


def _sequence(kind: Kind, nodes: list[Node], where: str = "", start: int = 1) -> list[Diagnostic]:
    """Check one run of siblings (or all articles) numbered 1, 2, 3 … with 之N inserts;
    `start`: the number the run goes on from when it continues an earlier one.

    Labels are spelt only for a problem: most runs have none.
    """
    out: list[Diagnostic] = []
    seen: set[tuple[int, int]] = set()
    prev: tuple[int, int] | None = None
    for node in nodes:
        number = node.number
        if number is None:
            continue
        try:
            # split_key's answer for a plain number, without the call: most numbers are.
            key = split_key(number) if "-" in number else (int(number), 0)
        except ValueError:
            continue
        problem = None
        if key in seen:
            problem = "N102"  # numbering-duplicate
        elif prev is None:
            if key != (start, 0):
                problem = "N104"  # numbering-start
        elif key < prev:
            problem = "N103"  # numbering-order
        elif (key[1] == 0 and key[0] != prev[0] + 1) or (
                key[1] > 0 and not (key[0] == prev[0] and key[1] == prev[1] + 1)):
            problem = "N101"  # numbering-gap
        if problem:
            text = message(problem, where=where, label=_label(kind, key),
                           prev=_label(kind, prev) if prev else "")
            out.append(Diagnostic(problem, text, node.line, "error"))
        seen.add(key)
        prev = key if prev is None or key > prev else prev
    return out


#: Which ancestor a heading's numbering restarts under (None: the document).
_SCOPE = {Kind.PART: None, Kind.SUBPART: Kind.PART, Kind.CHAPTER: Kind.PART,
          Kind.SECTION: Kind.CHAPTER}


def _paragraph_address(article: Node, para: Node) -> str:
    return f"{article.label}{label('paragraph', int(para.number))}" if para.number else ""


def _prefixed(found: list[Diagnostic], where: str) -> list[Diagnostic]:
    """The diagnostics of a run with its address before each message."""
    return [d._replace(message=where + d.message) for d in found]


#: Enum members under plain names: a `Kind.X` look-up costs ~0.1 µs on Python 3.11,
#: and visit() tests every node of the tree.
_ARTICLE, _ITEM, _SUBITEM = Kind.ARTICLE, Kind.ITEM, Kind.SUBITEM


def _last_number(nodes: list[Node]) -> int | None:
    keys = [k for k in map(_key, nodes) if k is not None]
    return keys[-1][0] if keys else None


def _continues(nodes: list[Node], last: int | None) -> int:
    """Where a run's numbering starts: 1, or the number after `last` when the run goes
    on counting from an earlier run of the same kind (chapters numbered through the
    编 of 民事诉讼法; items of one article continued after an intermediate paragraph)."""
    first = next((k for k in map(_key, nodes) if k is not None), None)
    if first is not None and last is not None and first == (last + 1, 0):
        return last + 1
    return 1


_SENTENCE = re.compile(r"[，。；：,.;:！？!?]")


def _subheading(article: Node, para: Node, items: list[Node]) -> bool:
    """A lone （二）不动产抵押 closing an article: a sub-heading of the text between
    articles (司法解释 group their articles so), not an item of a list."""
    if len(items) != 1 or para is not article.children[-1] or items[0] is not para.children[-1]:
        return False
    item = items[0]
    return not item.children and len(item.text.strip()) <= 20 and not _SENTENCE.search(item.text)


#: An item marker at the start of a 款 the tree holds as text: （二）, (二)3年内…
_MARKER = re.compile(r"[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]")


def _marked(items: list[Node], before: list[Node], last: int) -> int:
    """Where a run of items starts when the 款 before it (and its own text) begin with
    the markers of the items it skips: the text has them, the tree holds them as 款
    ((二)3年内… is not read as an item).  1 when they are not all there."""
    first = next((k for k in map(_key, items) if k is not None), None)
    if first is None or first[0] <= last + 1:
        return 1
    marks = []
    for para in before:
        m = _MARKER.match(para.text)
        if m:
            try:
                marks.append(to_int(m.group(1)))
            except ValueError:
                pass
    want = list(range(last + 1, first[0]))
    return first[0] if marks[-len(want):] == want else 1


def _contents_as_headings(groups: dict[tuple[Kind, int], list[Node]]) -> set[int]:
    """Headings that are a 目录 written as headings: with no article under them, each
    repeated further on by a heading of the same kind, number and title that has some."""
    full: dict[tuple[Kind, str | None, str | None], int] = {}
    for (kind, _), nodes in groups.items():
        for n in nodes:
            if _has_articles(n):
                full[(kind, n.number, n.title)] = max(n.line, full.get((kind, n.number, n.title), 0))
    out: set[int] = set()
    for (kind, _), nodes in groups.items():
        for n in nodes:
            if n.line < full.get((kind, n.number, n.title), 0) and not _has_articles(n):
                out.add(id(n))
    return out


def _has_articles(node: Node) -> bool:
    return any(c.kind is _ARTICLE for c in node.walk())


def check_numbering(doc: Document) -> list[Diagnostic]:
    out = _sequence(_ARTICLE, list(doc.articles))
    groups: dict[tuple[Kind, int], list[Node]] = {}

    def visit(node: Node, chain: list[Node]) -> None:
        if node.kind in _SCOPE and node.number is not None:
            scope = next((a for a in reversed(chain) if a.kind is _SCOPE[node.kind]), None)
            groups.setdefault((node.kind, id(scope)), []).append(node)
        elif node.kind is _ARTICLE:
            last: int | None = None  # the last item number of the article's previous list
            between: list[Node] = []  # the 款 since that list
            for para in node.children:
                items = [c for c in para.children if c.kind is _ITEM]
                if not items or _subheading(node, para, items):
                    between.append(para)
                    continue
                # The paragraph's address (第三条第二款) is spelt only for a problem.
                where: str | None = None
                start = _continues(items, last) if last is not None else 1
                if start == 1:
                    start = _marked(items, between + [para], last or 0)
                found = _sequence(_ITEM, items, start=start)
                last, between = _last_number(items) or last, []
                if found:
                    where = _paragraph_address(node, para)
                    out.extend(_prefixed(found, where))
                for item in items:
                    subs = [c for c in item.children if c.kind is _SUBITEM]
                    if subs:
                        found = _sequence(_SUBITEM, subs)
                        if found:
                            if where is None:
                                where = _paragraph_address(node, para)
                            out.extend(_prefixed(found, f"{where}{item.label}"))
            return
        chain.append(node)
        for child in node.children:
            # A leaf other than a heading has nothing to check: no call for it.
            if child.children or child.kind in _SCOPE:
                visit(child, chain)
        chain.pop()

    for top in doc.children:
        if top.kind not in (Kind.TOC, Kind.ANNEX):
            visit(top, [])
    listed = _contents_as_headings(groups)
    ends: dict[Kind, int] = {}  # the last number of the previous group of each kind
    for (kind, _), nodes in groups.items():
        nodes = [n for n in nodes if id(n) not in listed]
        if not nodes:
            continue
        out.extend(_sequence(kind, nodes, start=_continues(nodes, ends.get(kind))))
        ends[kind] = _last_number(nodes) or ends.get(kind, 0)
    out.sort(key=lambda d: d.line or 0)
    return out
