"""Rules for layouts around the clean one: an unlabelled 目录, a split file's 编 title,
附则 after the last 编, Taiwan's 款 and 目 inside an article.

Each is a small test on tokens that the builder asks at one place; what it recognises
is counted under a named repair (`Document.extra["repairs"]`).
"""

from __future__ import annotations

import re
from collections import Counter

from ..text import patterns as P
from ..text.grammar import NUM
from ..text.lines import Line
from .tokenize import T, Token, num_or_none

_SPACES = re.compile(r"[ \u3000\u00a0\t]+")


def _bare(text: str) -> str:
    return _SPACES.sub("", text)


def toc_run(tokens: list[Token], i: int, headable: tuple[T, ...]) -> int:
    """End of an unlabelled 目录 starting at `i`, or 0.

    A 目录 without the word 目录 is a run of headings with no body between them
    whose first entry is printed again right after the run's other entries: the
    run up to that repeat is the table, the repeat opens the body.
    """
    first = _bare(tokens[i].line.text)
    j = i + 1
    while j < len(tokens) and tokens[j].kind in headable:
        if _bare(tokens[j].line.text) == first:
            return j if j - i >= 2 else 0
        j += 1
    return 0


def is_supplementary(tok: Token) -> bool:
    """An unnumbered 附则 heading."""
    return P.SUPPLEMENTARY.fullmatch(_bare(tok.line.text)) is not None


#: 侵权责任编, 第七编 侵权责任, 物权编: how a split file's second title names its 编.
_PART_TITLE = re.compile(rf"(?:第{NUM}[编編][ \u3000]*)?\S{{1,12}}?[编編]|第{NUM}[编編][ \u3000]*\S{{1,12}}")


def part_title_line(line: Line) -> bool:
    """A second `#` title line that names a 编: the file holds one 编 of a code."""
    return line.md_level == 1 and len(line.text) <= 20 and _PART_TITLE.fullmatch(line.text) is not None


#: Information printed as plain lines under a title: 中华人民共和国主席令 / 第十六号, or a
#: dated event line (2009年6月27日…通过) as the Markdown copies print it in their header.
_ORDER_LINE = re.compile(rf"\S{{0,24}}令(?:[ \u3000]*[（(]?第{NUM}号[）)]?)?|[（(]?第{NUM}号[）)]?"
                         rf"|\S{{1,12}}〔[0-9０-９]{{4}}〕{NUM}号")
_EVENT_END = re.compile(r"(?:通过|通過|修正|修订|修訂|批准|公布|公佈|发布|發佈|施行)$")
_EVENT_LINE = re.compile(P.DATE.pattern)
#: A sentence's end inside a line: events joined by ； are still information.
_FULL_STOP = re.compile(r"[。！!？?]")


#: A header field of a statute database's export: 修正日期：民國 110 年 01 月 20 日.
_FIELD_LINE = re.compile(r"\S{0,4}(?:日期|名稱|名称|狀態|状态|類別|类别|沿革)[：:].*")


def plain_info_line(text: str) -> bool:
    """A line under the title that is information, not the body: it starts with a date
    (an event: 通过, 修正, 公布, a meeting) and is no sentence, it is an order number, or
    a header field (修正日期：…)."""
    if len(text) > 300:
        return False
    return _ORDER_LINE.fullmatch(text) is not None or _FIELD_LINE.fullmatch(text) is not None or (
        _EVENT_LINE.match(text) is not None and not _FULL_STOP.search(text))


def wrapped_info_line(text: str, following: str) -> bool:
    """The rest of an information line that a copy wrapped: no sentence, between two
    information lines (…《关于修改 / 〈某法〉的决定》修正 / 2018年…)."""
    return len(text) <= 120 and not P.SENTENCE_END.search(text) and (
        plain_info_line(following) or _EVENT_END.search(text) is not None)


def is_taiwan(tokens: list[Token]) -> bool:
    """Articles marked 第 1 條: Taiwan's layout, whose 項/款/目 are 款/项/目 elsewhere."""
    return any(t.kind is T.ARTICLE and t.label[:2] == "第 " and P.TW_ARTICLE.fullmatch(t.label)
               for t in tokens)


def taiwan_items(tokens: list[Token], repairs: Counter) -> list[Token]:
    """Inside a Taiwan article, 款 are 一、 and 目 are （一）: the same kinds as 项 and 目.

    A text is in Taiwan's layout when its articles are marked 第 1 條; only then are
    its 一、 lines items (elsewhere they head sections of notices and reports).
    """
    if not is_taiwan(tokens):
        return tokens
    out: list[Token] = []
    in_article = False
    for tok in tokens:
        kind = tok.kind
        if kind is T.ARTICLE:
            in_article = True
        elif kind in (T.PART, T.SUBPART, T.CHAPTER, T.SECTION, T.SUBSECTION, T.SUBSUBSECTION, T.ANNEX):
            in_article = False
        elif in_article and kind is T.TEXT:
            m = P.TW_ITEM.match(tok.line.text)
            num = num_or_none(m.group("num")) if m else None
            if num is not None:
                tok = Token(T.ITEM, tok.line, m.group("label"), num,
                            tok.line.text[:m.end()], tok.line.text[m.end():])
                repairs["taiwan_item"] += 1
        elif in_article and kind is T.ITEM:
            tok = tok._replace(kind=T.SUBITEM)
            repairs["taiwan_subitem"] += 1
        out.append(tok)
    return out



def nested_annexes(lines: list[Line]) -> list[int]:
    """Where annexes that are documents of their own begin: a plain 附件… line whose
    annex numbers its own articles from 第一条 (a judicial interpretation re-published
    as the annex of the one that replaces it)."""
    from .tokenize import classify

    opens = [i for i, line in enumerate(lines) if line.text[0] == "附" and line.md_level <= 1
             and classify(line).kind is T.ANNEX]
    out = []
    for n, i in enumerate(opens):
        end = opens[n + 1] if n + 1 < len(opens) else len(lines)
        first = next((m for m in (P.ARTICLE.match(x.text) for x in lines[i + 1:end]
                                  if x.text[0] == "第") if m), None)
        if first and not first.group("sub") and num_or_none(first.group("num")) == "1" and i > 0:
            out.append(i)
    return out
