"""What a diff returns: the rows of a 修改对照表 and the pieces they are made of.

Frozen records only, each with its `to_dict()` (the JSON of `lawcli diff -f json`).
They stand apart from the alignment so that a renderer, or any caller that reads a
result, needs none of the code that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..parsing.model import Node
from ..text.textfold import fold_space

STATUSES = ("unchanged", "modified", "added", "deleted", "split", "merged")
PASSES = ("identical", "number", "similarity", "split", "merge")


# -- inside an article ---------------------------------------------------------------

@dataclass(frozen=True)
class Op:
    """One piece of an inner diff: ``equal``, ``delete``, ``insert`` or ``replace``.

    `old` and `new` are the published texts of each side (an ``equal`` piece may differ
    in formatting only; ``delete`` has no `new`, ``insert`` no `old`).
    """

    op: str
    old: str = ""
    new: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Change:
    """A change located at 款/项/目 level inside a modified article."""

    unit: str  # 款, 项 or 目
    action: str  # modified, added, deleted, moved
    old: str | None  # address in the old article: 第二款, 第一款第（三）项
    new: str | None
    description: str  # "第二款修改", "增加一项作为第（三）项"

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "action": self.action, "old": self.old, "new": self.new,
                "description": self.description}


# -- rows -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Article:
    """An article on one side of a diff, as published."""

    number: str | None
    label: str | None
    text: str  # full text without the label, one 款/项 per line, as published
    position: int  # 0-based position among the document's articles
    chapter: str | None = None  # innermost heading, e.g. "第二章 垄断协议"
    node: Node | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "label": self.label, "text": self.text,
                "position": self.position + 1, "chapter": self.chapter}


@dataclass(frozen=True)
class Row:
    """One line of the 对照表: the old articles and the new articles they became."""

    status: str  # one of STATUSES
    old: tuple[Article, ...]
    new: tuple[Article, ...]
    renumbered: bool = False
    moved: bool = False
    match_pass: str | None = None  # one of PASSES; None for added/deleted
    score: float | None = None  # similarity of the matched texts, 0..1
    ops: tuple[Op, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the row shows anything a reader must see (text, number or place)."""
        return self.status != "unchanged" or self.renumbered or self.moved

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "renumbered": self.renumbered,
            "moved": self.moved,
            "old": [a.to_dict() for a in self.old],
            "new": [a.to_dict() for a in self.new],
            "pass": self.match_pass,
            "score": None if self.score is None else round(self.score, 4),
            "changes": [c.to_dict() for c in self.changes],
            "diff": [o.to_dict() for o in self.ops],
        }


@dataclass(frozen=True)
class Heading:
    """A 编/分编/章/节 heading on one side."""

    kind: str  # part, subpart, chapter, section
    number: str | None
    label: str | None
    title: str | None
    position: int  # 0-based position among the side's headings

    @property
    def name(self) -> str:
        return " ".join(x for x in (self.label, self.title) if x)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "label": self.label, "title": self.title}


@dataclass(frozen=True)
class HeadingRow:
    """A heading's fate: unchanged, renamed, added or deleted (plus renumbered)."""

    status: str  # unchanged, renamed, added, deleted
    old: Heading | None
    new: Heading | None
    renumbered: bool = False

    @property
    def changed(self) -> bool:
        return self.status != "unchanged" or self.renumbered

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "renumbered": self.renumbered,
                "old": self.old.to_dict() if self.old else None,
                "new": self.new.to_dict() if self.new else None}


@dataclass(frozen=True)
class PartRow:
    """Text outside the articles (序言, 附件, loose paragraphs), compared as a whole."""

    name: str  # 序言, 附件一, 条文以外的文字
    status: str  # unchanged, modified, added, deleted
    old: str  # as published; "" when absent
    new: str
    ops: tuple[Op, ...] = ()

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    @property
    def leading(self) -> bool:
        """Read before the articles (a preamble) rather than after them (annexes)."""
        return self.name == "序言"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "old": self.old, "new": self.new,
                "diff": [o.to_dict() for o in self.ops]}


@dataclass(frozen=True)
class Summary:
    """Counts by status, plus renumbered and moved articles, and heading changes."""

    unchanged: int = 0
    modified: int = 0
    added: int = 0
    deleted: int = 0
    split: int = 0
    merged: int = 0
    renumbered: int = 0
    moved: int = 0
    old_articles: int = 0
    new_articles: int = 0
    headings_added: int = 0
    headings_deleted: int = 0
    headings_renamed: int = 0
    headings_renumbered: int = 0

    @property
    def text(self) -> str:
        """The line a legislative office prints above its 对照表."""
        return (f"修改 {self.modified} 条，新增 {self.added} 条，删除 {self.deleted} 条，"
                f"合并 {self.merged} 处，拆分 {self.split} 处，条文顺序调整 {self.moved} 条")

    def to_dict(self) -> dict[str, Any]:
        return {
            "unchanged": self.unchanged, "modified": self.modified, "added": self.added,
            "deleted": self.deleted, "split": self.split, "merged": self.merged,
            "renumbered": self.renumbered, "moved": self.moved,
            "old_articles": self.old_articles, "new_articles": self.new_articles,
            "headings": {"added": self.headings_added, "deleted": self.headings_deleted,
                         "renamed": self.headings_renamed, "renumbered": self.headings_renumbered},
            "text": self.text,
        }


@dataclass(frozen=True)
class DiffResult:
    """Everything a renderer needs: article rows in reading order, heading rows, counts."""

    old_title: str
    new_title: str
    rows: tuple[Row, ...]
    headings: tuple[HeadingRow, ...]
    summary: Summary
    #: For each heading row, the index in `rows` before which it is read (len(rows): at the end).
    heading_positions: tuple[int, ...] = ()
    #: Preamble, annexes and other text outside the articles.
    parts: tuple[PartRow, ...] = ()

    @property
    def title_changed(self) -> bool:
        return fold_space(self.old_title) != fold_space(self.new_title)

    @property
    def identical(self) -> bool:
        """No change a reader would see: formatting differences do not count."""
        return (not self.title_changed and not any(r.changed for r in self.rows)
                and not any(h.changed for h in self.headings)
                and not any(p.changed for p in self.parts))

    def entries(self) -> Iterator[Row | HeadingRow]:
        """Article and heading rows interleaved in reading order."""
        by_pos: dict[int, list[HeadingRow]] = {}
        for h, p in zip(self.headings, self.heading_positions):
            by_pos.setdefault(p, []).append(h)
        for i, row in enumerate(self.rows):
            yield from by_pos.get(i, ())
            yield row
        yield from by_pos.get(len(self.rows), ())

    def to_dict(self, explain: Callable[[Row], str | None] | None = None) -> dict[str, Any]:
        rows = []
        for r in self.rows:
            d = r.to_dict()
            if explain is not None:
                d["note"] = explain(r)
            rows.append(d)
        return {
            "old": {"title": self.old_title, "articles": self.summary.old_articles},
            "new": {"title": self.new_title, "articles": self.summary.new_articles},
            "identical": self.identical,
            "title_changed": self.title_changed,
            "summary": self.summary.to_dict(),
            "rows": rows,
            "headings": [h.to_dict() for h in self.headings],
            "parts": [p.to_dict() for p in self.parts],
        }
