"""A file of many documents (a gazette issue) → one Document each, with metadata.

Where the documents are was settled by the text stage (text/segment.py); here each
span becomes a tree, and the facts a gazette carries — 公告 numbers, the title a 公告
promulgates, dates of delivery and repeal — join the document's metadata.
"""

from __future__ import annotations

import re

from ..text import patterns as P
from ..text.lines import DocSpan, Line, Normalized
from ..text.segment import NUMBER_LINE
from .build import build
from .metadata import body_text, find_adopted, find_effective, info_text, iso_date, kinds
from .model import Document

# -- documents -----------------------------------------------------------------------

_ANNOUNCED = re.compile(r"^[«《](?P<title>.+?)[»》]")
_REPEAL = re.compile(rf"自(?P<date>{P.DATE.pattern})起废止")
_DELIVERED = re.compile(rf"—+(?P<date>{P.DATE.pattern})在(?P<meeting>.+?会议)上")
_NORMATIVE = {"条例", "办法", "规定", "规则", "细则", "法", "解释"}


def split_documents(norm: Normalized, source: str | None = None) -> list[Document]:
    docs: list[Document] = []
    for n, sp in enumerate(norm.documents, 1):
        lines = norm.lines[sp.start:sp.end]
        # Headings without a separator (第一条为了…) are accepted only in normative
        # documents: reports start wrapped lines with 第十三条…, and mean the draft.
        title = lines[sp.label].text if len(lines) > sp.label else ""
        normative = kinds(title)[0] in _NORMATIVE or sp.info is None
        doc = build(lines, source=source, label_lines=sp.label, info_lines=sp.info, loose=normative,
                    metadata=False)
        docs.append(_metadata(doc, n, sp, lines))
    return docs


def _metadata(doc: Document, index: int, sp: DocSpan, lines: list[Line]) -> Document:
    # build() read kinds(doc.title) into doc.kind and extra["subkind"]: not read again.
    kind = doc.kind
    extra = dict(doc.extra)
    if sp.label:
        extra["label"] = lines[0].text
    number = None
    m = NUMBER_LINE.search(doc.title)
    if kind == "公告" and m:
        number = m.group(0)[1:-1]
    info = info_text(doc)
    adopted, meeting = find_adopted(info)
    body = body_text(doc)
    flat = body.replace("\n", "")  # once, for every search below that reads across lines
    if kind == "公告":
        adopted, meeting = find_adopted(flat)
        if adopted is None:
            a = re.search(rf"于(?P<date>{P.DATE.pattern})通过", flat)
            if a:
                adopted = iso_date(P.DATE.search(a.group(0)))
        ann = _ANNOUNCED.search(body.lstrip())
        if ann:
            extra["promulgates"] = ann.group("title")
    effective = doc.effective
    if kind in ("公告", "决定", "决议", "条例", "办法", "规定"):
        effective, clause = find_effective(body)
        if clause:
            extra["effective_clause"] = clause
    else:
        effective = None
    rep = _REPEAL.search(flat)
    if rep:
        extra["repeal_effective"] = iso_date(P.DATE.search(rep.group("date")))
    d = _DELIVERED.search(info)
    if d:
        extra["delivered"] = iso_date(P.DATE.search(d.group("date")))
        meeting = meeting or d.group("meeting")
    return doc.evolve(kind=kind, number=number, adopted=adopted, meeting=meeting,
                      effective=effective, parent=sp.parent, index=index,
                      start_line=lines[0].start if lines else doc.start_line,
                      end_line=lines[-1].end if lines else doc.end_line, extra=extra)
