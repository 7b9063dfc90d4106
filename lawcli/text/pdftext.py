"""Repairs for text extracted from PDF: page artefacts out, hard wraps joined.

What such text looks like (measured on a whole gazette issue, see the corpus
FORMAT.md): a blank line after every line; page-number lines such as —１２—;
running headers repeated on some pages; one ASCII space opening the first line of
a page; letter-spaced justified lines; paragraphs hard-wrapped at the column width.
pdftotext and lawcli's own PDF reader (pdfread.py) open each page with a form feed
instead: a page start too, counted as `page_breaks`.  Where the indents survived
(the PDF reader keeps them: a line set in from its column opens with two U+3000),
they decide: see join_wraps.

Every removal is a named, counted repair.  Wrap joining follows the measured
evidence: a structural marker starts a paragraph; a line that does not end a
sentence is continued; a sentence-final line shorter than the column's first-line
width ends its paragraph; otherwise the width of the next line decides (a first
line is two cells narrower than a full line, because of the lost indent).
"""

from __future__ import annotations

import re
from collections import Counter, namedtuple

from .lines import Line

_DASHES = "—–-－·"
PAGE_NUMBER = re.compile(r"[—–\-－·]{1,3}\s*[0-9０-９]{1,4}\s*[—–\-－·]{1,3}")
_DIGIT_FOLD = str.maketrans("0123456789０１２３４５６７８９", "#" * 20)
SENTENCE_END = re.compile(r"[.!?。！？:：][”’»」』]?$")
_CONTINUES = set(",，、;；«‹“‘(（")
#: Starts of a new paragraph whatever the widths say.
MARKER = re.compile(
    r"第[零〇一二两三四五六七八九十百千0-9０-９]+[条條](?:之[一二三四五六七八九十]+)?[\u3000 ]"
    r"|第[零〇一二两三四五六七八九十百千0-9０-９]+(?:分编|编|章|节)[\u3000 ]"
    # item labels followed by text; one lookahead for the three (each costs ~1 ms to compile)
    r"|(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|[0-9０-９]{1,2}[.．])"
    r"(?=[\u4e00-\u9fff«“《‹])"
    r"|附件[:：]|附件[0-9０-９一二三四五六七八九十]*$"
)
#: An article heading whose separator the extraction lost: 第五条县级… (never 第五条的规定).
_LOOSE_ARTICLE = re.compile(
    r"第[零〇一二两三四五六七八九十百千]+[条條](?:之[一二三四五六七八九十]+)?"
    r"(?![的、，,。.；;：:至和及或与第规中所之）)》”’项款等])")
_HEADING_LINE = re.compile(r"第[零〇一二两三四五六七八九十百千0-9０-９]+(?:分编|编|章|节)[\u3000 ]")
#: A date on a line of its own (a letter's or a report's date), in digits or in Chinese
#: numerals (二〇二四年六月三日).
DATE_LINE = re.compile(r"[0-9０-９〇○零一二三四五六七八九]{4}年[0-9０-９一二三四五六七八九十]{1,2}月"
                       r"[0-9０-９一二三四五六七八九十]{1,3}日$")


class PLine(namedtuple("PLine", "text no page_start indented centred", defaults=(False, False, False))):
    """A physical line after cleaning: artefacts removed, wraps not yet joined.

    A record (a tuple), not a dataclass: thousands are made per file, and a frozen
    dataclass costs ~5× more to construct.
    """

    __slots__ = ()

    text: str
    no: int  # 1-based physical line of the input
    page_start: bool  # default False; first text line of a PDF page
    indented: bool  # default False; kept a two-cell indent (a paragraph start)
    centred: bool  # default False; set in by four cells or more (pdfread: a centred line)

    @property
    def w(self) -> float:
        return widths(self.text)[1]


_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff ]")


def widths(text: str) -> tuple[float, float]:
    """(c, w): CJK + ½·full-width digits, and that plus ½·anything else, spaces excluded."""
    others = _NOT_CJK.findall(text)  # few per line: punctuation and digits
    digits = 0
    for ch in others:
        if "０" <= ch <= "９":
            digits += 1
    c = len(text) - text.count(" ") - len(others) + digits / 2
    return c, c + (len(others) - digits) / 2


# -- detection ---------------------------------------------------------------------

def looks_extracted(physical: list[str]) -> bool:
    """Hard-wrapped text (from PDF): many lines cut mid-sentence at one column width.

    Blank lines and short lines prove nothing (pasted laws have both); what marks a
    wrapped text is a mass of lines that stop mid-sentence and cluster around one
    length, the column width.
    """
    texts = [t for t in (p.strip(" \t\u3000") for p in physical[:3000]) if t]
    if len(texts) < 20:
        return False
    cut = Counter(len(t) for t, nxt in zip(texts, texts[1:])
                  if len(t) >= 12 and not _sentence_end(t) and t[-1] not in "：:"
                  and not MARKER.match(nxt))
    if sum(cut.values()) < 0.25 * len(texts):
        return False
    densest = max(sum(cut.get(n + k, 0) for k in range(6)) for n in cut)
    return densest >= 0.6 * sum(cut.values())


# -- cleaning ----------------------------------------------------------------------

def _running_headers(physical: list[str], texts: list[tuple[int, str]]) -> set[str]:
    """Lines repeated on several pages and set apart from the text: running headers.

    Recognised by repetition and position, not by their words, so any publisher's
    header is found: padded with spaces on both sides, or followed by extra blank
    lines.  Digits are folded so "第12页"-style counters still repeat.
    """
    placed: Counter = Counter()
    strong: set[str] = set()
    n = len(physical)
    pad = " \u3000"
    # (line, next text line's number): two blank lines or more between them = spaced.
    following = [nxt for nxt, _ in texts[1:]] + [n + 3]
    apart = [(k, no, raw) for k, ((no, raw), nxt) in enumerate(zip(texts, following))
             if len(raw) <= 44 and ((raw[0] in pad and raw[-1] in pad) or (nxt - no >= 3 and no + 2 <= n))]
    for k, no, raw in apart:
        s = raw.strip(" \t\u3000\f")
        if MARKER.match(s):
            continue
        key = s.translate(_DIGIT_FOLD)
        placed[key] += 1
        # Padded, set apart, right after a page number: a header even if alone.
        padded = raw[0] in pad and raw[-1] in pad
        spaced = following[k] - no >= 3 and no + 2 <= n
        if padded and spaced and k and PAGE_NUMBER.fullmatch(texts[k - 1][1].strip(" \t\u3000")):
            strong.add(key)
    candidates = {k for k, c in placed.items() if c >= 2} | strong
    if not candidates:
        return set()
    sizes = {len(k) for k in candidates}
    firsts = {k[0] for k in candidates}
    seen: Counter = Counter()
    for _, raw in texts:
        s = raw.strip(" \t\u3000\f")
        if len(s) in sizes and (s[0] in firsts or s[0].isdigit()):
            key = s.translate(_DIGIT_FOLD)
            if key in candidates:
                seen[key] += 1
    return {k for k in candidates if placed[k] * 2 >= seen[k]}


def _letter_spaced(s: str) -> bool:
    parts = s.split(" ")
    if len(parts) < 4:
        return False
    return sum(1 for p in parts if len(p) <= 2) >= 0.6 * len(parts)


def clean(physical: list[str], repairs: Counter) -> list[PLine]:
    texts = [(no, raw) for no, raw in enumerate(physical, 1) if raw and not raw.isspace()]
    blank = len(physical) - len(texts) - (physical[-1] == "")
    headers = _running_headers(physical, texts)
    header_sizes = {len(h) for h in headers}
    # First characters of the headers (a folded digit: any digit): a cheap test before
    # str.translate, which costs ~2 µs on a CJK line and would run on every line that
    # has a header's length (often the column width).
    header_firsts = {h[0] for h in headers}
    out: list[PLine] = []
    after_header = False
    counts = dict.fromkeys(("page_numbers", "running_headers", "page_start_spaces", "page_breaks",
                            "indent", "trailing_space", "letter_spacing"), 0)
    edge = " \t\u3000"
    special = edge + _DASHES + "\f"
    make = tuple.__new__  # PLine(...) without a Python-level __new__ call: 9,000 lines per issue
    for no, raw in texts:
        first, last = raw[0], raw[-1]
        if first not in special and last not in edge and len(raw) not in header_sizes:
            # The common line starts and ends with text: nothing to strip or drop.
            if " " in raw and _letter_spaced(raw):
                raw = raw.replace(" ", "")
                counts["letter_spacing"] += 1
            out.append(make(PLine, (raw, no, after_header, False, False)))
            after_header = False
            continue
        if first == "\f":  # a form feed: the page's first line (pdftotext, pdfread)
            counts["page_breaks"] += 1
            raw = raw.lstrip("\f")
            after_header = True
            if not raw.strip(edge):
                continue
            first = raw[0]
        stripped = raw.strip(edge)
        if stripped and stripped[0] in _DASHES and PAGE_NUMBER.fullmatch(stripped):
            counts["page_numbers"] += 1
            continue
        if (len(stripped) in header_sizes and (stripped[0] in header_firsts or stripped[0].isdigit())
                and stripped.translate(_DIGIT_FOLD) in headers):
            counts["running_headers"] += 1
            after_header = True
            continue
        page_start = after_header
        after_header = False
        text = raw
        if first == " " and not raw.startswith("  "):
            text = raw[1:]
            page_start = True
            counts["page_start_spaces"] += 1
        indented = centred = False
        if text[:1] in edge:
            indented = text.startswith("\u3000\u3000")
            centred = text.startswith("\u3000\u3000\u3000\u3000")
            text = text.lstrip(edge)
            counts["indent"] += 1
        if last in edge:
            counts["trailing_space"] += 1
            text = text.rstrip(edge)
        if " " in text and _letter_spaced(text):
            text = text.replace(" ", "")
            counts["letter_spacing"] += 1
        out.append(make(PLine, (text, no, page_start, indented, centred)))
    for name, n in counts.items():
        if n:
            repairs[name] += n
    if blank:
        repairs["blank_lines"] += blank
    return out


# -- wrap joining -------------------------------------------------------------------

def column_width(lines: list[PLine], fallback: tuple[float, int] | None = None
                 ) -> tuple[float, int]:
    """Full-line width of a block in cells, and in characters.

    Lines that run on (do not end a sentence) are full lines; a sample of them is
    enough for the 80th percentile.  A block too small to measure (a signature, a
    contents page) takes `fallback`, the width measured over the whole file.
    """
    pairs = list(zip(lines, lines[1:]))
    step = max(1, len(pairs) // 40)
    runs = [a for a, b in pairs[::step]
            if not SENTENCE_END.search(a.text) and not MARKER.match(b.text)]
    if len(runs) < 8 and step == 1:
        if fallback is not None:
            return fallback
        runs = lines
    if not runs:
        return 21.0, 22
    cells = sorted(a.w for a in runs)
    chars = sorted(len(a.text) for a in runs)
    if runs is lines:
        return cells[-1], chars[-1]
    return cells[int(len(cells) * 0.8)], chars[int(len(chars) * 0.8)]


_MARKER_FIRST = set("第（(一二三四五六七八九十0123456789０１２３４５６７８９附")
_FINAL = set(".!?。！？:：")
_CLOSERS = set("”’»」』")
_MAY_END = _FINAL | _CLOSERS | {"．"}  # last characters that may end a sentence


def _sentence_end(s: str) -> bool:
    """Same as SENTENCE_END.search, without a regex call per line; also a full-width ．
    used as a full stop after a character (not a decimal point after a digit)."""
    last = s[-1]
    if last in _FINAL:
        return True
    if last == "．":
        return len(s) > 1 and not s[-2].isdigit()
    return last in _CLOSERS and len(s) > 1 and s[-2] in _FINAL


def _breaks(x: PLine, y: PLine, full: float, chars: int, stats: Counter) -> bool:
    """Does a new paragraph start at y?  (FORMAT.md §7, with the column width measured.)"""
    yt = y.text
    if y.indented or yt[0] in _MARKER_FIRST and (MARKER.match(yt) or DATE_LINE.fullmatch(yt)):
        return not x.text.endswith("、")
    if x.text[-1] in _CONTINUES:
        return False
    if yt[0] == "第" and _sentence_end(x.text) and _LOOSE_ARTICLE.match(yt):
        return True
    if not _sentence_end(x.text):
        # A short line that does not end a sentence is a heading or a signature …
        if len(x.text) >= 0.6 * chars:
            return False
        # … unless a page break cut a heading: 第四章　投资 | (new page) 促进管理.
        return not (y.page_start and _HEADING_LINE.match(x.text) and len(yt) < 0.6 * chars)
    if x.w <= full - 2 and not (x.text[0] in _MARKER_FIRST and MARKER.match(x.text)):
        return True
    cy, wy = widths(y.text)
    if cy >= full - 1:
        return False
    if wy > full - 1.5:
        stats["undecided_paragraph_breaks"] += 1
    return True


def join_wraps(lines: list[PLine], repairs: Counter,
               fallback: tuple[float, int] | None = None) -> list[Line]:
    """Physical lines of one block → paragraphs (logical lines)."""
    if not lines:
        return []
    if indents_kept(lines):
        return _join_by_indent(lines, repairs)
    full, full_chars = column_width(lines, fallback)
    out: list[Line] = []
    group = [lines[0]]
    short = 0.6 * full_chars
    for x, y in zip(lines, lines[1:]):
        xt = x.text
        last = xt[-1]
        # Fast path, same answer as _breaks: a wrap in mid-sentence, no marker on y.
        if (not y.indented and y.text[0] not in _MARKER_FIRST and last not in _MAY_END
                and (last in _CONTINUES or len(xt) >= short)):
            group.append(y)
            continue
        if _breaks(x, y, full, full_chars, repairs):
            out.append(_merge(group, repairs))
            group = [y]
        else:
            group.append(y)
    out.append(_merge(group, repairs))
    return out


def indents_kept(lines: list[PLine]) -> bool:
    """Did the indents survive?  Yes when nine in ten of at least three article and
    heading lines (and items) start indented: then every paragraph start does."""
    markers = [p for p in lines if p.text[0] in _MARKER_FIRST and MARKER.match(p.text)]
    return len(markers) >= 3 and sum(p.indented for p in markers) >= 0.9 * len(markers)


def _join_by_indent(lines: list[PLine], repairs: Counter) -> list[Line]:
    """A paragraph starts at an indented line or a heading, and only there."""
    repairs["joined_by_indent"] += 1
    out: list[Line] = []
    group = [lines[0]]
    for y in lines[1:]:
        if y.indented or _HEADING_LINE.match(y.text):
            out.append(_merge(group, repairs))
            group = [y]
        else:
            group.append(y)
    out.append(_merge(group, repairs))
    return out


def _merge(group: list[PLine], repairs: Counter) -> Line:
    if len(group) > 1:
        repairs["joined_wraps"] += len(group) - 1
        text = "".join([p.text for p in group])
    else:
        text = group[0].text
    # tuple.__new__: a Line without a Python-level __new__ call, one per paragraph.
    return tuple.__new__(Line, (text, group[0].no, group[-1].no, 0, False, group[0].indented))
