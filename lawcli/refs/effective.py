"""Whether a document says when it takes effect, and whether it has to (rule D401).

The forms were surveyed over the LawRefBook texts in the shared corpus: 自2021年7月1日起
施行 (most), 自公布之日起施行 / 自发布之日起施行, 自2018年1月1日施行 (no 起), 起实施, 起生效,
公布施行, 施行日期另行规定, and — in 司法解释 and re-published laws — the date in the
information lines under the title (2012年6月1日 施行, …公告公布施行).  A constitution,
an amendment act, a decision and the other kinds that are not rules in themselves take
effect by being adopted or by the law they amend, so the clause is asked only of laws,
regulations, rules and interpretations.
"""

from __future__ import annotations

import re

from ..parsing.model import Document, Kind
from ..text.patterns import DATE
from .extract import is_amendment

_TAKES_EFFECT = r"(?:施行|實施|实施|生效|執行|执行|试行|試行)"
_DATE = re.sub(r"\?P<\w+>", "", DATE.pattern)  # used twice below: no group names
_FROM = rf"(?:{_DATE}|[0-9０-９]{{4}}\s*年\s*[0-9０-９]{{1,2}}\s*月\s*[0-9０-９lI]{{1,2}}\s*日)"
_EVENT = r"(?:公布|发布|發佈|公佈|印发|印發|颁布|頒佈|公告|批准|通过|通過|签署|簽署|下发)之(?:日|时|時)"
#: Every surveyed form, on one line of text (a body paragraph or an information line).
CLAUSE = re.compile(
    rf"(?:自|从|於|于)\s*(?:{_FROM}|{_EVENT})\s*(?:起)?\s*(?:开始|開始)?\s*{_TAKES_EFFECT}"
    rf"|自[^。；;.]{{0,40}}?起(?:{_TAKES_EFFECT}|废止|廢止)"
    rf"|施行日期|(?:公布|发布|發佈|公佈|公告)(?:之日起)?{_TAKES_EFFECT}"
    rf"|{_FROM}\s*{_TAKES_EFFECT}"
)
#: Kinds that must say when they take effect (metadata.document_kind's names).
NEEDS_CLAUSE = {"法", "条例", "办法", "规定", "规则", "细则", "解释"}


def needs_clause(doc: Document) -> bool:
    """A law, regulation, rule or interpretation with articles; never a constitution, an
    amendment act (修正案, 修改决定), a decision or a report."""
    if not doc.articles or is_amendment(doc) or doc.kind not in NEEDS_CLAUSE:
        return False
    return "宪法" not in (doc.title or "") and "憲法" not in (doc.title or "")


def has_clause(doc: Document) -> bool:
    """An effective-date clause anywhere in the text, or a date in the information lines."""
    if doc.effective:
        return True
    for n in doc.walk():
        if n.text and n.kind in (Kind.INFO, Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM, Kind.TEXT) \
                and CLAUSE.search(n.text):
            return True
    return False
