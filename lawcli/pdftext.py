"""Repairs for text extracted from PDF: page artefacts out, hard wraps joined.

What such text looks like (measured on a whole gazette issue, see the corpus
FORMAT.md): a blank line after every line; page-number lines such as —１２—;
running headers repeated on some pages; one ASCII space opening the first line of
a page; letter-spaced justified lines; paragraphs hard-wrapped at the column width.

Every removal is a named, counted repair.  Wrap joining follows the measured
evidence: a structural marker starts a paragraph; a line that does not end a
sentence is continued; a sentence-final line shorter than the column's first-line
width ends its paragraph; otherwise the width of the next line decides (a first
line is two cells narrower than a full line, because of the lost indent).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .normalize import Line, Normalized

PAGE_NUMBER = re.compile(r"[—–\-－]{1,3}\s*[0-9０-９]{1,4}\s*[—–\-－]{1,3}")
_DIGIT_FOLD = str.maketrans("0123456789０１２３４５６７８９", "#" * 20)
SENTENCE_END = re.compile(r"[.!?。！？:：][”’»」』]?$")
_CONTINUES = tuple(",，、;；«‹“‘(（")
#: Starts of a new paragraph whatever the widths say.
MARKER = re.compile(
    r"第[零〇一二两三四五六七八九十百千0-9０-９]+[条條](?:之[一二三四五六七八九十]+)?[\u3000 ]"
    r"|第[零〇一二两三四五六七八九十百千0-9０-９]+(?:分编|编|章|节)[\u3000 ]"
    r"|[（(][一二三四五六七八九十]+[）)](?=[\u4e00-\u9fff«“《‹])"
    r"|[一二三四五六七八九十]+、(?=[\u4e00-\u9fff«“《‹])"
    r"|[0-9０-９]{1,2}[.．](?=[\u4e00-\u9fff«“《‹])"
    r"|附件[:：]|附件[0-9０-９一二三四五六七八九十]*$"
)
DATE_LINE = re.compile(r"[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日$")


@dataclass(frozen=True)
class PLine:
    """A physical line after cleaning: artefacts removed, wraps not yet joined."""

    text: str
    no: int  # 1-based physical line of the input
    page_start: bool = False  # first text line of a PDF page
    indented: bool = False  # kept a two-cell indent (a paragraph start)


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def widths(text: str) -> tuple[float, float]:
    """(c, w): CJK + ½·full-width digits, and that plus ½·anything else, spaces excluded."""
    c = d = o = 0
    for ch in text:
        if ch == " ":
            continue
        if _cjk(ch):
            c += 1
        elif "０" <= ch <= "９":
            d += 1
        else:
            o += 1
    return c + d / 2, c + d / 2 + o / 2


# -- detection ---------------------------------------------------------------------

def looks_extracted(physical: list[str]) -> bool:
    """PDF-extracted text: blank-line doubling or page numbers, with short wrapped lines."""
    texts = [p for p in physical if p.strip(" \t\u3000")]
    if len(texts) < 20:
        return False
    pagenos = sum(1 for t in texts if PAGE_NUMBER.fullmatch(t.strip()))
    doubled = sum(1 for a, b in zip(physical, physical[1:]) if a.strip() and not b.strip())
    lengths = sorted(len(t.strip()) for t in texts)
    median = lengths[len(lengths) // 2]
    unfinished = sum(1 for t in texts if not SENTENCE_END.search(t.rstrip()))
    wrapped = median <= 30 and unfinished > 0.5 * len(texts)
    return wrapped and (pagenos >= 2 or doubled > 0.8 * len(texts) or unfinished > 0.6 * len(texts))


# -- cleaning ----------------------------------------------------------------------

def _running_headers(physical: list[str]) -> set[str]:
    """Lines repeated on several pages, padded or right after a page number: headers.

    Recognised by repetition and position, not by their words, so any publisher's
    header is found; digits are folded so "第12页"-style counters still repeat.
    """
    seen: Counter = Counter()
    placed: Counter = Counter()
    n = len(physical)
    for i, raw in enumerate(physical):
        s = raw.strip(" \t\u3000")
        if not s or len(s) > 40 or MARKER.match(s):
            continue
        key = s.translate(_DIGIT_FOLD)
        seen[key] += 1
        padded = raw[:1] in " \u3000" and raw[-1:] in " \u3000"
        # A header stands apart: padded on both sides, or followed by extra blank lines.
        spaced = i + 2 < n and not physical[i + 1].strip() and not physical[i + 2].strip()
        if padded or spaced:
            placed[key] += 1
    return {k for k, n in seen.items() if n >= 2 and placed[k] * 2 >= n and placed[k] >= 2}


def _letter_spaced(s: str) -> bool:
    parts = s.split(" ")
    if len(parts) < 4:
        return False
    return sum(1 for p in parts if len(p) <= 2) >= 0.6 * len(parts)


def clean(physical: list[str], repairs: Counter) -> list[PLine]:
    headers = _running_headers(physical)
    out: list[PLine] = []
    after_header = False
    last = len(physical)
    for no, raw in enumerate(physical, 1):
        stripped = raw.strip(" \t\u3000")
        if not stripped:
            if raw or no < last:
                repairs["blank_lines"] += 1
            continue
        if PAGE_NUMBER.fullmatch(stripped):
            repairs["page_numbers"] += 1
            continue
        if stripped.translate(_DIGIT_FOLD) in headers:
            repairs["running_headers"] += 1
            after_header = True
            continue
        page_start = after_header
        after_header = False
        text = raw
        if text.startswith(" ") and not text.startswith("  "):
            text = text[1:]
            page_start = True
            repairs["page_start_spaces"] += 1
        indented = text.startswith("\u3000\u3000")
        body = text.lstrip(" \t\u3000")
        if len(body) != len(text):
            repairs["indent"] += 1
        if len(body.rstrip(" \t\u3000")) != len(body):
            repairs["trailing_space"] += 1
            body = body.rstrip(" \t\u3000")
        if " " in body and _letter_spaced(body):
            body = body.replace(" ", "")
            repairs["letter_spacing"] += 1
        out.append(PLine(body, no, page_start, indented))
    return out


# -- wrap joining -------------------------------------------------------------------

def column_width(lines: list[PLine]) -> float:
    """Full-line width of a block: lines that run on (not sentence-final) are full."""
    runs = sorted(widths(a.text)[1] for a, b in zip(lines, lines[1:])
                  if not SENTENCE_END.search(a.text) and not MARKER.match(b.text))
    if len(runs) >= 8:
        return runs[int(len(runs) * 0.8)]
    every = [widths(x.text)[1] for x in lines]
    return max(every) if every else 21.0


def _breaks(x: PLine, y: PLine, full: float, stats: Counter) -> bool:
    """Does a new paragraph start at y?  (FORMAT.md §7, with the column width measured.)"""
    if y.indented or MARKER.match(y.text) or DATE_LINE.fullmatch(y.text):
        return not x.text.endswith("、")
    if x.text.endswith(_CONTINUES):
        return False
    cx, wx = widths(x.text)
    if not SENTENCE_END.search(x.text):
        # A short line that does not end a sentence is a heading or a signature.
        return wx < 0.6 * full
    if wx <= full - 2 and not MARKER.match(x.text):
        return True
    cy, wy = widths(y.text)
    if cy >= full - 1:
        return False
    if wy > full - 1.5:
        stats["undecided_paragraph_breaks"] += 1
    return True


def join_wraps(lines: list[PLine], repairs: Counter, full: float | None = None) -> list[Line]:
    """Physical lines of one block → paragraphs (logical lines)."""
    if not lines:
        return []
    full = full or column_width(lines)
    out: list[Line] = []
    group = [lines[0]]
    for x, y in zip(lines, lines[1:]):
        if _breaks(x, y, full, repairs):
            out.append(_merge(group, repairs))
            group = [y]
        else:
            group.append(y)
    out.append(_merge(group, repairs))
    return out


def _merge(group: list[PLine], repairs: Counter) -> Line:
    if len(group) > 1:
        repairs["joined_wraps"] += len(group) - 1
    return Line("".join(p.text for p in group), group[0].no, group[-1].no,
                indented=group[0].indented)


def normalize_extracted(physical: list[str], repairs: Counter) -> Normalized:
    from .gazette import segment

    plines = clean(physical, repairs)
    lines, spans = segment(plines, repairs)
    norm = Normalized(lines, repairs, "extracted")
    norm.documents = spans
    return norm
