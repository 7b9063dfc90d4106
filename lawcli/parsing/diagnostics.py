"""Numbering diagnostics at every level: gaps, duplicates, numbers out of order.

Articles are numbered through the whole document; 章 through their 编 (across
分编, as in the Civil Code); 节 within their 章; 项 within their 款; 目 within
their 项.  Problems become Diagnostics next to the tree: a draft with a gap is
still a document people need to read.
"""

from __future__ import annotations

from ..text.grammar import label
from ..text.numerals import split_key
from .model import Diagnostic, Document, Kind, Node


def _label(kind: Kind, key: tuple[int, int]) -> str:
    return label(kind.value, *key)


def _sequence(kind: Kind, nodes: list[Node], where: str = "") -> list[Diagnostic]:
    """Check one run of siblings (or all articles) numbered 1, 2, 3 … with 之N inserts.

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
            problem = ("numbering-duplicate", "{lab}重复出现")
        elif prev is None:
            if key != (1, 0):
                problem = ("numbering-start", "编号不是从一开始：{lab}")
        elif key < prev:
            problem = ("numbering-order", "{lab}排在{prev}之后，顺序颠倒")
        elif (key[1] == 0 and key[0] != prev[0] + 1) or (
                key[1] > 0 and not (key[0] == prev[0] and key[1] == prev[1] + 1)):
            problem = ("numbering-gap", "{prev}之后是{lab}，中间缺少编号")
        if problem:
            message = problem[1].format(lab=_label(kind, key),
                                        prev=_label(kind, prev) if prev else "")
            out.append(Diagnostic(problem[0], where + message, node.line))
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


def check_numbering(doc: Document) -> list[Diagnostic]:
    out = _sequence(_ARTICLE, list(doc.articles))
    groups: dict[tuple[Kind, int], list[Node]] = {}

    def visit(node: Node, chain: list[Node]) -> None:
        if node.kind in _SCOPE and node.number is not None:
            scope = next((a for a in reversed(chain) if a.kind is _SCOPE[node.kind]), None)
            groups.setdefault((node.kind, id(scope)), []).append(node)
        elif node.kind is _ARTICLE:
            for para in node.children:
                if not para.children:  # most 款 have no 项
                    continue
                items = [c for c in para.children if c.kind is _ITEM]
                if not items:
                    continue
                # The paragraph's address (第三条第二款) is spelt only for a problem.
                where: str | None = None
                found = _sequence(_ITEM, items)
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
    for (kind, _), nodes in groups.items():
        out.extend(_sequence(kind, nodes))
    out.sort(key=lambda d: d.line or 0)
    return out
