"""What applying an act returns: the consolidated text and the log of every step.

`Result` is the one record the CLI, the reconciliation and the diff's explainer
read; it holds plain values only (keys, indices, texts) so that nothing of the
editable model escapes the applier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..parsing.model import Document


@dataclass(frozen=True)
class LogEntry:
    """One operation of the act and what became of it."""

    item: str
    line: int
    op: str
    target: str
    status: str  # applied | failed
    reason: str | None = None
    old: str | None = None
    new: str | None = None
    note: str | None = None
    clause: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "line": self.line, "op": self.op, "target": self.target,
                "status": self.status, "reason": self.reason, "old": self.old, "new": self.new,
                "note": self.note, "clause": self.clause}


@dataclass(frozen=True)
class Result:
    """The consolidated text and how it was obtained."""

    text: str
    format: str
    law: str | None
    log: tuple[LogEntry, ...]
    #: final article key → indices of the log entries that changed it
    touched: dict[str, tuple[int, ...]]
    #: old article key → new key (only when numbers changed)
    renumbered: dict[str, str]
    warnings: tuple[str, ...] = ()
    #: old article key → indices of the log entries that changed it (deleted ones too)
    touched_old: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: final keys of the articles whose citations of renumbered articles were rewritten
    refs_rewritten: tuple[str, ...] = ()
    #: final key → the article's text with the act's changes bracketed by OPEN/CLOSE
    marked: dict[str, str] = field(default_factory=dict)
    #: final keys of articles changed in ways their text cannot show (a 款 removed …)
    structural: tuple[str, ...] = ()
    #: items of the instructions that changed 章/节 headings (renamed, added, merged …)
    heading_items: tuple[str, ...] = ()
    #: the act's closing words announcing changes it does not list (个别文字作相应修改)
    announced: str | None = None

    @property
    def failed(self) -> list[LogEntry]:
        return [e for e in self.log if e.status == "failed"]

    def document(self) -> Document:
        from ..parsing.source import load_text

        return load_text(self.text, "<amended>").documents[0]
