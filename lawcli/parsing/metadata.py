"""Facts about a document read from its text: kind, adoption and effective dates.

Kept apart from the builder because the same readers serve whole gazette issues,
where a 公告 carries the dates of the law it promulgates.
"""

from __future__ import annotations

import re

from ..text import patterns as P
from ..text.numerals import to_int
from .model import Diagnostic, Document, Kind, Node

#: Title endings → document kind; the longest match wins (审议结果的报告 before 报告).
_KIND_ENDINGS = [
    ("审议结果的报告", "审议结果的报告"), ("审议结果报告", "审议结果的报告"),
    ("审议意见", "审议意见"), ("研究意见", "研究意见"), ("任免名单", "任免名单"), ("免职名单", "任免名单"),
    ("任命名单", "任免名单"),
    ("修正案", "修正案"), ("实施细则", "细则"), ("细则", "细则"), ("條例", "条例"),
    ("条例", "条例"), ("办法", "办法"), ("辦法", "办法"), ("规定", "规定"), ("規定", "规定"),
    ("规则", "规则"), ("規則", "规则"), ("决定", "决定"), ("決定", "决定"), ("决议", "决议"),
    ("決議", "决议"), ("解释", "解释"), ("解釋", "解释"), ("公告", "公告"), ("说明", "说明"),
    ("說明", "说明"), ("报告", "报告"), ("報告", "报告"), ("议程", "议程"), ("議程", "议程"),
    ("纪要", "纪要"), ("紀要", "纪要"), ("函", "函"), ("宪法", "宪法"), ("憲法", "宪法"),
    ("法典", "法"), ("法", "法"),
]
_TRAILER = re.compile(r"[（(][^（()）]*[)）]$")  # (书面), (草案), (修正文本) …


def document_kind(title: str) -> str:
    """The kind named by the title's last word, ignoring a trailing bracket such as (书面)."""
    t = title.strip()
    while True:
        m = _TRAILER.search(t)
        if not m or m.start() == 0:
            break
        tail = m.group(0)
        if "草案" in tail and not t[: m.start()].endswith(("条例", "法", "办法", "规定")):
            break
        t = t[: m.start()].rstrip()
    for ending, kind in _KIND_ENDINGS:
        if t.endswith(ending):
            return kind
    return "其他"


_REPORT_KINDS = ("审议结果的报告", "研究意见的报告", "审议意见的报告", "研究处理情况的报告",
                 "办理情况的报告", "处理情况的报告", "评估的报告", "情况的报告", "审查报告", "自查报告",
                 "调研报告", "检查报告", "情况报告", "工作报告")


def kinds(title: str) -> tuple[str, str]:
    """(kind, subkind): 报告 keeps the specific report type (自查报告, 研究意见的报告 …) as subkind."""
    kind = document_kind(title)
    if kind == "任免名单":  # 任命名单 and 免职名单 are appointment lists too: keep which
        bare = _TRAILER.sub("", title.strip())
        return kind, next((s for s in ("任命名单", "免职名单") if bare.endswith(s)), kind)
    if kind not in ("报告", "审议结果的报告"):
        return kind, kind
    bare = _TRAILER.sub("", title.strip())
    if bare.endswith(("审议结果的报告", "审议结果报告")):
        return "审议结果的报告", "审议结果的报告"
    return "报告", next((s for s in _REPORT_KINDS if bare.endswith(s)), "报告")


def iso_date(m: re.Match) -> str | None:
    """ISO date from a DATE match; None when the numbers are not a calendar date."""
    try:
        y, mo, d = to_int(m.group("y")), to_int(m.group("m")), to_int(m.group("d"))
    except ValueError:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_effective(text: str) -> tuple[str | None, str | None]:
    """(ISO date, clause) of the last 自…起施行 in `text`; (None, clause) on publication."""
    flat = text.replace("\n", "")
    found = list(P.EFFECTIVE.finditer(flat))
    if found:
        m = found[-1]
        date = P.DATE.search(m.group(0))
        return (iso_date(date) if date else None), m.group(0)
    m = P.EFFECTIVE_ON_PUBLICATION.search(flat)
    return None, (m.group(0) if m else None)


_ADOPTED = re.compile(
    rf"(?P<date>{P.DATE.pattern})(?P<rest>(?:(?![0-9０-９]{{4}}年).){{0,80}}?)(?:通过|通過)")
#: Regulations made by decree are 公布 (or 发布), not 通过: the date counts the same.
_PROMULGATED = re.compile(
    rf"(?P<date>{P.DATE.pattern})(?P<rest>(?:(?![0-9０-９]{{4}}年).){{0,80}}?)(?:公布|发布|發佈|公佈)")


#: Taiwan's dates count the years of the Republic: 民國 110 年 01 月 20 日 is 2021-01-20.
_ROC_DATE = re.compile(r"民[國国][ \u3000]*(?P<y>[0-9]{1,3})[ \u3000]*年[ \u3000]*(?P<m>[0-9]{1,2})[ \u3000]*月"
                       r"[ \u3000]*(?P<d>[0-9]{1,2})[ \u3000]*日")


def _roc_date(text: str) -> str | None:
    """The first Republic-era date of a 公布日期/修正日期 line, as an ISO date."""
    for line in text.split("\n"):
        m = _ROC_DATE.search(line)
        if m and ("公布" in line or "公佈" in line or "修正" in line or "制定" in line):
            y, mo, d = 1911 + int(m.group("y")), int(m.group("m")), int(m.group("d"))
            return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    return None


def find_adopted(text: str) -> tuple[str | None, str | None]:
    """(ISO date, meeting) of the first "date … 通过" (else "… 公布"), even across a line break."""
    flat = text.replace("\n", "")
    m = _ADOPTED.search(flat) or _PROMULGATED.search(flat)
    if not m:
        return _roc_date(text), None
    date = P.DATE.match(m.group("date"))
    meeting = re.search(r"(?:在)?(\S*?(?:会议|會議))", m.group("rest"))
    return (iso_date(date) if date else None), (meeting.group(1) if meeting else None)


def info_text(doc: Document) -> str:
    """The information lines: under the title, or under the 编 title of a split file."""
    info = Kind.INFO
    nodes = [n for n in doc.children if n.kind is info]
    nodes += [c.children[0] for c in doc.children
              if c.kind is Kind.PART and c.children and c.children[0].kind is info]
    return "\n".join(n.text for n in nodes)


def body_text(doc: Document) -> str:
    """Everything below the title and adoption lines, as published (one pass)."""
    head = (Kind.TITLE, Kind.INFO)
    parts: list[str] = []
    for top in doc.children:
        if top.kind not in head:
            _raws(top, parts)
    return "".join(parts)


def _raws(node: Node, out: list[str]) -> None:
    """Append the raw text of `node` and its descendants, in document order.

    (Recursing only into nodes with children: twice as fast as a walk() per node.)
    """
    out.append(node.raw)
    for child in node.children:
        if child.children:
            _raws(child, out)
        else:
            out.append(child.raw)


def read_metadata(doc: Document, warnings: list[Diagnostic]) -> Document:
    adopted, meeting = find_adopted(info_text(doc))
    effective, clause = find_effective(body_text(doc))
    extra = dict(doc.extra)
    if clause:
        extra["effective_clause"] = clause
    return doc.evolve(adopted=adopted, meeting=meeting, effective=effective,
                      warnings=tuple(warnings), extra=extra)
