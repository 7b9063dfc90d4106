"""Flat rows of a document: what the engine searches, however the document was read.

A parsed file (scan.py) and the SQLite index (index/) both hand the engine
`DocRows`: a document's nodes as rows in document order, each knowing its
enclosing article, 款 and 项 and its 编/章/节.  Kept apart from the engine because
the index stores these rows and builds them without searching anything.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any


#: Depth of the units inside an article; anything else inside an article rolls up last.
DEPTH = {"article": 5, "paragraph": 6, "item": 7, "subitem": 8}
LEVELS = {"smallest": 99, "subitem": 99, "item": 7, "paragraph": 6, "article": 5}
HEADINGS = ("part", "subpart", "chapter", "section")


#: Joins a row's path labels where they are stored as one string (never part of a label).
PATH_SEP = "\x1f"


class Row(namedtuple("Row", "seq kind text article label number line end_line anc heads path address node",
                     defaults=(None, None, None))):
    """One node of a document, flat: enough to search it and name a hit.

    A record (a tuple) rather than a frozen dataclass: a scan makes one per node of
    every file it parses, and tuples are several times cheaper to create.
    """

    __slots__ = ()

    seq: int  # position in document order
    kind: str
    text: str  # own text (a heading's title): the unit at the smallest level
    article: str | None  # canonical key of the enclosing article
    label: str | None
    number: str | None
    line: int
    end_line: int
    anc: tuple[int, int, int]  # seq of the enclosing article, paragraph, item (-1: none)
    heads: tuple[tuple[str, str], ...]  # enclosing 编/章/节 (kind, number), outermost first
    #: Labels from the document down: None for a scan (made for hits only), and as the
    #: index stores them — joined by PATH_SEP — for rows read from it (split for hits).
    path: tuple[str, ...] | str | None  # default None
    address: str | None  # default None
    node: Any  # default None; the Node, for rows made from a parse

    @property
    def depth(self) -> int:
        if self.anc[0] < 0 and self.kind != "article":
            return 0  # outside any article
        return DEPTH.get(self.kind, 9)

    @property
    def group(self) -> int:
        """The unit --all and --query combine over: the article, or the row itself."""
        return self.anc[0] if self.anc[0] >= 0 else self.seq


class DocRows:
    """A document as the engine sees it.

    rows: None when they are to be made from `doc` (a parse) when first needed;
    doc: the Document, when the rows come from a parse;
    odd: the CJK characters outside GB2312 (candidates for Traditional → Simplified)
    in the document's source, or None when unknown (then each unit is checked).
    """

    __slots__ = ("file", "index", "title", "kind", "rows", "doc", "odd")

    def __init__(self, file: str, index: int, title: str, kind: str, rows: list[Row] | None,
                 doc: Any = None, odd: frozenset[str] | None = None) -> None:
        self.file, self.index, self.title, self.kind = file, index, title, kind
        self.rows, self.doc, self.odd = rows, doc, odd

    def path(self, row: Row) -> list[str]:
        if isinstance(row.path, str):  # as an index stores it: labels joined by \x1f
            return row.path.split(PATH_SEP) if row.path else []
        if row.path is not None:
            return list(row.path)
        from ..query.address import path_labels

        return path_labels(self.doc, row.node)

    def address(self, row: Row) -> str:
        if row.address is not None:
            return row.address
        from ..query.address import address

        return address(self.doc, row.node)


_CITED = ("article", "paragraph", "item", "subitem")


def rows_of(doc, *, named: bool = False) -> list[Row]:
    """A parsed Document → its rows (the table of contents is left out: it repeats headings).

    named: fill in `path` and `address` now (the index stores them), built along
    the walk instead of from each node's ancestors; otherwise they are computed
    by lawcli.query for the few rows that become hits.  The two ways must agree,
    and tests/test_index.py checks that they do (index ≡ scan).
    """
    from ..parsing.model import Kind

    if named:
        from ..query.address import label_of  # the label rule of query.path_labels / address
    title = f"《{doc.title}》" if doc.title else ""
    rows: list[Row] = []

    def visit(node, anc: tuple[int, int, int], heads: tuple, article: str | None,
              path: tuple[str, ...], cite: tuple[str, ...]) -> None:
        kind = node.kind._value_  # (not .value: a descriptor, five times slower)
        seq = len(rows)
        if node.kind is Kind.TOC:
            return
        if kind in HEADINGS:
            heads = heads + ((kind, node.number or ""),)
            text = node.title or ""
        else:
            text = node.text
        if kind == "article":
            article = node.number
        address = None
        if named:
            label = label_of(node)
            if label:
                path = path + (label,)
            if kind in _CITED:
                cite = cite + (label,)
            address = title + "".join(cite if cite else (label,))
        rows.append(Row(seq, kind, text, article, node.label, node.number, node.line,
                        node.end_line, anc, heads, path if named else None, address, node))
        if kind == "article":
            anc = (seq, -1, -1)
        elif kind == "paragraph" and anc[0] >= 0:
            anc = (anc[0], seq, -1)
        elif kind == "item" and anc[0] >= 0:
            anc = (anc[0], anc[1], seq)
        for c in node.children:
            visit(c, anc, heads, article, path, cite)

    for top in doc.children:
        visit(top, (-1, -1, -1), (), None, (), ())
    return rows
