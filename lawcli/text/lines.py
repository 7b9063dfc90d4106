"""The line types every text stage shares: logical lines, document spans, the result.

Kept apart from the stages that make them (normalize, pdftext, segment) so that each
stage imports the types, never another stage's code for them.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from collections import Counter


class Line(namedtuple("Line", "text start end md_level info indented", defaults=(0, False, False))):
    """One logical line: a heading, a paragraph or an item, with its source lines.

    (A record: cheap to make by the thousand, and immutable.)
    """

    __slots__ = ()

    text: str
    start: int  # first physical line of the input (1-based)
    end: int  # last physical line of the input
    md_level: int  # default 0; Markdown heading level (#=1), 0 when not a heading
    info: bool  # default False; inside a Markdown information block (dates and events)
    indented: bool  # default False; began with an indent: evidence of a paragraph start


#: Lines are made with tuple.__new__ where it matters (one per line of every law):
#: the record's own __new__ is a Python-level call with keyword handling.
new_line = tuple.__new__


class DocSpan(namedtuple("DocSpan", "start end label info parent", defaults=(None,))):
    """Where one document's logical lines are, and how its head is made."""

    __slots__ = ()

    start: int  # index of its first logical line in Normalized.lines
    end: int  # index after its last logical line
    label: int  # 1 when it opens with an 附件N label line
    info: int | None  # lines between title and body (subtitles, speakers); None: detect
    parent: int | None  # default None; 1-based index of the package it belongs to


class Normalized(namedtuple(
        "Normalized", "lines repairs format documents joined odd", defaults=("plain", [], None, None))):
    __slots__ = ()

    lines: list[Line]
    repairs: Counter
    format: str  # default "plain"; plain | markdown | extracted
    #: For a file of several documents: where each one's lines are.
    documents: list[DocSpan]  # default []
    #: The joined text, when the lines themselves are not kept (a cached source).
    joined: str | None  # default None
    #: Its CJK characters outside GB2312 (see textfold.odd_chars), kept by the parse
    #: cache: a search needs them for each file before it reads anything else.
    odd: frozenset[str] | None  # default None

    @property
    def text(self) -> str:
        """The normalised input: what the tree's raw text must join back to."""
        if self.joined is not None:
            return self.joined
        return "".join(line.text + "\n" for line in self.lines)
