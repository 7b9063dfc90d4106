"""Text → logical lines, through named repairs whose every application is counted.

A repair is a small pure step.  The tree is built from what the repairs leave, so
each character of the input is either in the tree or accounted for by a count in
`Normalized.repairs` (reported as `repairs` in JSON).  Nothing is rewritten in
place: NFKC and friends would change the statute (（２） → (2)), so only the
targeted repairs below exist.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import Line, Normalized, new_line

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Iterator

MD_HEADING = re.compile(r"(#{1,6})[ \t]+")
MD_INFO_END = "<!-- INFO END -->"
_WS = " \t\u3000\u00a0\ufeff"
_WS_FF = _WS + "\f"


def split_physical(text: str, repairs: Counter) -> list[str]:
    """Split into physical lines, counting the repairs of BOM and line ends."""
    if text.startswith("\ufeff"):
        text = text[1:]
        repairs["bom"] += 1
    if "\r" in text:
        repairs["line_endings"] += text.count("\r")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def front_matter_end(physical: list[str]) -> int:
    """Index after a YAML front matter block (--- … ---) at the top, or 0 when none."""
    if not physical or physical[0].strip() != "---":
        return 0
    for i, line in enumerate(physical[1:120], 1):
        if line.strip() == "---":
            return i + 1
    return 0


def is_markdown(physical: list[str]) -> bool:
    """Markdown: a `# title` first line (after any front matter), or the INFO END marker."""
    for line in physical[front_matter_end(physical):200]:
        s = line.strip()
        if not s:
            continue
        if MD_INFO_END in s:
            return True
        return s.startswith("# ")
    return False


def _strip(raw: str, repairs: Counter) -> tuple[str, bool]:
    """Remove leading and trailing white space; leading space is an indent."""
    stripped = raw.strip(_WS)
    if not stripped:
        return "", False
    lead = len(raw) - len(raw.lstrip(_WS))
    if lead:
        repairs["indent"] += 1
    if len(raw.rstrip(_WS)) != len(raw):
        repairs["trailing_space"] += 1
    return stripped, lead > 0


def normalize(text: str, extracted: bool = False) -> Normalized:
    """Pick the input's format and run its repairs.  `extracted`: the text is a PDF's
    lines (the PDF reader's output), whatever it looks like."""
    repairs: Counter = Counter()
    physical = split_physical(text, repairs)
    if extracted:
        return _extracted(physical, repairs)
    if is_markdown(physical):
        return _markdown(physical, repairs)
    from .pdftext import looks_extracted

    if looks_extracted(physical):
        return _extracted(physical, repairs)
    return _plain(physical, repairs)


def keeps_all_but_marks(text: str) -> bool:
    """Whether normalising this text removes nothing but white space and Markdown's
    line marks (`#`, `>`, the INFO END line): then a phrase of its normalised lines is
    in the text as read, with at most those between its characters, and a search can
    rule the file out without normalising it.  Not so for a PDF extraction, whose
    page furniture is taken from between the lines it joins."""
    if is_markdown(text.split("\n", 200)[:200]):  # all it reads: no need to split the rest
        return True
    from .pdftext import looks_extracted

    return not looks_extracted(text.split("\n", 3000)[:3000])


def _text_lines(physical: list[str], repairs: Counter) -> Iterator[tuple[int, str, bool]]:
    """(line number, stripped text, was indented) of each non-blank line; blanks counted."""
    last = len(physical)
    for no, raw in enumerate(physical, 1):
        if raw and raw[0] not in _WS_FF and raw[-1] not in _WS:
            yield no, raw, False  # most lines: nothing to strip
            continue
        if raw[:1] == "\f":  # a page break (pdftotext): no text, no indent
            repairs["page_breaks"] += 1
            raw = raw.lstrip("\f")
            if not raw:
                continue
        if not raw:  # a blank line between paragraphs, as Markdown has after each
            if no < last:  # the empty piece after a final newline is no line
                repairs["blank_lines"] += 1
            continue
        s, indented = _strip(raw, repairs)
        if s:
            yield no, s, indented
        elif raw or no < last:  # the empty piece after a final newline is no line
            repairs["blank_lines"] += 1


def _plain(physical: list[str], repairs: Counter) -> Normalized:
    lines = [Line(s, no, no, indented=ind) for no, s, ind in _text_lines(physical, repairs)]
    return Normalized(lines, repairs, "plain")


def _markdown(physical: list[str], repairs: Counter) -> Normalized:
    """Markdown (LawRefBook, flk mirrors): `#` marks give levels; lines before INFO END
    and a YAML front matter are information lines; `> ` quote marks are dropped."""
    has_info = any(MD_INFO_END in p for p in physical)
    front = front_matter_end(physical)
    in_info = False
    seen_title = False
    lines: list[Line] = []
    for no, s, indented in _text_lines(physical, repairs):
        if no <= front:
            lines.append(Line(s, no, no, info=True))
            continue
        if s[0] == ">":  # s is never empty; indexing is cheaper than startswith
            s = s[1:].strip(_WS)
            repairs["markdown_quote_marks"] += 1
            if not s:
                continue
        if s == MD_INFO_END:
            repairs["markdown_info_marker"] += 1
            in_info = False
            continue
        level = 0
        m = MD_HEADING.match(s) if s[0] == "#" else None  # no regex call for body lines
        if m:
            level = len(m.group(1))
            s = s[m.end():].strip(_WS)
            repairs["markdown_heading_marks"] += 1
            if not s:
                continue
        if level == 1 and not seen_title:
            seen_title = True
            in_info = has_info
            lines.append(Line(s, no, no, md_level=1))
            continue
        # tuple.__new__: a Line without the keyword handling of its Python-level __new__.
        lines.append(new_line(Line, (s, no, no, level, in_info and not level, indented)))
    return Normalized(lines, repairs, "markdown")


def _extracted(physical: list[str], repairs: Counter) -> Normalized:
    """A PDF extraction: page furniture out (pdftext), then documents found and their
    hard wraps joined (segment)."""
    from .pdftext import clean
    from .segment import segment

    lines, spans = segment(clean(physical, repairs), repairs)
    return Normalized(lines, repairs, "extracted", spans)
