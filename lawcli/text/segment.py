"""A PDF extraction's physical lines → logical lines, and where each document lies.

A gazette issue holds dozens of documents.  A document starts at a *title block*
followed by a *start signal* (the corpus FORMAT.md §4): 1–6 short lines with no sentence punctuation, the last ending in a document-type
word (条例, 决定, …报告, 函 …), then one of: a 公告 number "(第…号)", an adoption
subtitle "(2021年…通过)", a speech subtitle "———2021年…", a salutation ending in
a colon, a document number "…〔2021〕42号", an indented first paragraph, or an
author block before a salutation.  A page start says nothing about structure.
Nothing here knows a publisher's titles: only the shape of the lines.  Each
document's body is then joined into paragraphs (pdftext.join_wraps); the parsing
stage builds one tree per span (parsing/gazette.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import patterns as P
from .lines import DocSpan, Line
from .pdftext import DATE_LINE, MARKER, PLine, column_width, indents_kept, join_wraps

_TYPE_END = re.compile(
    r"(?:公告|条例|條例|办法|规定|细则|规则|决定|决议|说明|报告|意见|名单|议程|纪要|函|方案|通知|批复|章程"
    r"|计划|要点|规划|讲话|建议|议案|指引)"
    r"(?:[(（](?:书面|草案|修正文本|试行)[)）])?$")
_TYPE_LAST = set("告例法定议明见单程要函案知复划点话引则）)")
#: A 公告 number under its title: (第一百零四号).
NUMBER_LINE = re.compile(r"[(（]第[^()（）]{1,12}号[)）]")
_SUBTITLE = re.compile(r"[(（][0-9０-９〇一二三四五六七八九]{4}年")
_SPEECH = re.compile(r"—{2,}")
_DOCNO = re.compile(r".{0,12}〔[0-9０-９]{4}〕[0-9０-９]+号")
_LABEL = re.compile(r"附件[0-9０-９一二三四五六七八九十]*")
_PUNCT = re.compile(r"[.,;:!?。，；：！？]")
#: An enumerated item (一、审议…): a line of a list, never of a title.
_ENUMERATED = re.compile(r"[一二三四五六七八九十]+、")
#: The first line of a list that opens a document without any other signal: an agenda's
#: 一、, an appointment list's 任命: / 免去: .
_LIST_START = {"议程": _ENUMERATED, "議程": _ENUMERATED,
               "名单": re.compile(r"(?:决定)?(?:任命|免去|免职|接受|批准)\S{0,8}[:：]")}
#: How the line before a title may end: a sentence, a date, 请予审议 (one report lacks
#: its full stop), or a page number of a contents page (…………１２).
_ENDS_DOC = re.compile(r"(?:[.!?。！？][”’»)）]?|审议|[0-9０-９]日|…[0-9０-９]+[)）]?)$")


@dataclass(frozen=True)
class _Head:
    label: int | None  # index of the 附件 label line
    first: int  # first title line
    last: int  # last title line (inclusive)
    signal: str  # which start signal followed


def _title_like(p: PLine) -> bool:
    """Could this line be part of a title block?  Short, no sentence punctuation, not a
    heading or date, and no contents-page line (leader dots, a page number at the end)."""
    s = p.text
    return ((len(s) <= 26 or len(s) <= 52 and p.w <= 26) and not _PUNCT.search(s)
            and "…" not in s and not s[-1].isdigit()
            and not DATE_LINE.fullmatch(s) and not MARKER.match(s) and not P.ARTICLE.match(s)
            and not _ENUMERATED.match(s))


def _salutation(s: str) -> bool:
    return s.endswith((":", "：")) and len(s) <= 40 and "." not in s and "," not in s[:-1]


def _signal(pl: list[PLine], k: int) -> str | None:
    if k >= len(pl):
        return None
    s = pl[k].text
    title = pl[k - 1].text
    first = _LIST_START.get(title[-2:])
    if first is not None and first.match(s):
        return "list"
    if NUMBER_LINE.fullmatch(s):
        return "number"
    if _SUBTITLE.match(s):
        return "adopted"
    if _SPEECH.match(s):
        return "speech"
    if _salutation(s):
        return "salutation"
    if _DOCNO.fullmatch(s):
        return "docno"
    if pl[k].indented:
        return "indent"
    # An author block (one to three short name lines) before a salutation.
    for j in range(k, min(k + 3, len(pl) - 1)):
        if not _title_like(pl[j]) or _TYPE_END.search(pl[j].text):
            break
        if _salutation(pl[j + 1].text):
            return "author"
    return None


def _centred_block(pl: list[PLine], j: int) -> bool:
    """Is line j centred, or the last of lines run on from a centred one (a title set
    on two or three lines)?"""
    for k in range(j, max(-1, j - 5), -1):
        if pl[k].indented:
            return pl[k].centred
    return False


def _ends_doc(s: str) -> bool:
    """Can a document end with this line (so that a title may follow it)?"""
    return _ENDS_DOC.search(s) is not None or DATE_LINE.fullmatch(s) is not None


def find_heads(pl: list[PLine]) -> list[_Head]:
    heads: list[_Head] = []
    floor = 0  # title blocks never reach back into the previous head
    # Where every paragraph kept its indent (a PDF read by pdfread), an indented line
    # after a title says nothing: a title is then known by being centred.
    kept = indents_kept(pl)
    for j, p in enumerate(pl):
        # Cheap test first: a title ends with the last character of a type word (or a bracket).
        if p.text[-1] not in _TYPE_LAST or j < floor or not _TYPE_END.search(p.text) or not _title_like(p):
            continue
        if kept and not _centred_block(pl, j):
            continue
        signal = _signal(pl, j + 1)
        if signal is None:
            continue
        i = j
        while i > floor and j - i < 5 and _title_like(pl[i - 1]) and not _LABEL.fullmatch(pl[i - 1].text):
            i -= 1
        # A page start inside the block: the title begins there, unless the line above
        # the whole block ends a document (then a page break cut the title itself).
        if i > 0 and not _ends_doc(pl[i - 1].text) and not _LABEL.fullmatch(pl[i - 1].text):
            cut = [k for k in range(i + 1, j + 1) if pl[k].page_start]
            if cut:
                i = cut[-1]
        prev = pl[i - 1].text if i > 0 else ""
        label = i - 1 if i > 0 and _LABEL.fullmatch(prev) else None
        if label is None and i > 0 and not pl[i].page_start and not _ends_doc(prev):
            continue
        heads.append(_Head(label, i, j, signal))
        floor = j + 1
    return heads


def _info_end(pl: list[PLine], k: int, end: int, signal: str) -> int:
    """Index after the subtitle/speaker lines that follow a title."""
    if signal == "adopted":
        j = k
        while j < end and j - k < 4:
            j += 1
            if pl[j - 1].text.endswith((")", "）")):
                return j
        return k
    if signal == "speech":
        j = k + 1
        while j < end and j - k < 3 and not pl[j - 1].text.endswith("上"):
            j += 1
        # Speaker lines: short, no punctuation, until the salutation or the body.
        while j < end and j - k < 7 and _title_like(pl[j]) and not _salutation(pl[j].text):
            j += 1
        return j
    if signal == "author":
        j = k
        while j < end and not _salutation(pl[j].text):
            j += 1
        return j
    if signal == "docno":
        return k + 1
    return k


def _join_group(group: list[PLine], repairs: Counter) -> Line:
    if len(group) > 1:
        repairs["joined_wraps"] += len(group) - 1
    return Line("".join(p.text for p in group), group[0].no, group[-1].no)


def _speech_lines(group: list[PLine], repairs: Counter) -> list[Line]:
    """The subtitle (joined) and then one line per speaker line."""
    j = 1
    while j < len(group) and not group[j - 1].text.endswith("上"):
        j += 1
    return [_join_group(group[:j], repairs)] + [Line(p.text, p.no, p.no) for p in group[j:]]


def segment(pl: list[PLine], repairs: Counter) -> tuple[list[Line], list[DocSpan]]:
    heads = find_heads(pl)
    first = (heads[0].label if heads[0].label is not None else heads[0].first) if heads else len(pl)
    if first > 0:
        # Text before the first title (a cover, an issue contents page) is a document too.
        heads.insert(0, _Head(None, 0, -1, "none"))
    fallback = column_width(pl)  # for blocks too small to measure their own column
    lines: list[Line] = []
    spans: list[DocSpan] = []
    starts = [h.label if h.label is not None else h.first for h in heads] + [len(pl)]
    for n, h in enumerate(heads):
        end = starts[n + 1]
        begin = len(lines)
        label = 0
        if h.label is not None:
            lines.append(Line(pl[h.label].text, pl[h.label].no, pl[h.label].no))
            label = 1
        k = h.last + 1
        if h.last >= h.first:
            title = pl[h.first:h.last + 1]
            if h.signal == "number":
                title = title + [pl[k]]  # 公告(第一百零四号): the number is part of the title
                k += 1
            lines.append(_join_group(title, repairs))
        body_start = _info_end(pl, k, end, h.signal)
        info_group = pl[k:body_start]
        info_lines: list[Line] = []
        if info_group:
            info_lines = (_speech_lines(info_group, repairs) if h.signal == "speech"
                          else [_join_group(info_group, repairs)] if h.signal == "adopted"
                          else [Line(p.text, p.no, p.no) for p in info_group])
        lines.extend(info_lines)
        lines.extend(join_wraps(pl[body_start:end], repairs, fallback))
        # Without a title block found (text before the first title, or a single
        # wrapped law), the builder finds the title and adoption lines itself.
        info = len(info_lines) if h.last >= h.first else None
        spans.append(DocSpan(begin, len(lines), label, info))
    return lines, _packages(lines, spans)


def _packages(lines: list[Line], spans: list[DocSpan]) -> list[DocSpan]:
    """Attachments (附件N) and the reports a 函 forwards belong to the document before.

    A package opens at a document that lists its attachments (a line "附件:…"); a
    labelled attachment joins the open package (or the document before it); an
    unlabelled document right after a forwarding letter (…函) joins it too.
    """
    out: list[DocSpan] = []
    package: int | None = None
    prev: DocSpan | None = None
    prev_letter = False
    for n, sp in enumerate(spans, 1):
        title = lines[sp.start + sp.label].text if sp.end > sp.start + sp.label else ""
        parent = None
        if sp.label:
            parent = package if package is not None else (n - 1 if n > 1 else None)
        elif prev_letter and prev is not None:
            parent = prev.parent
        else:
            package = None
        if parent is None and any(x.text.startswith(("附件:", "附件："))
                                  for x in lines[sp.start:sp.end]):
            package = n
        prev_letter = parent is not None and title.endswith("函")
        prev = sp._replace(parent=parent)
        out.append(prev)
    return out
