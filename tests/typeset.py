"""A small typesetter that turns clean documents into text "as extracted from PDF".

It imitates the measured layout of a provincial gazette (see the corpus FORMAT.md):
two-column pages 21 cells wide, paragraph first lines 19 cells (the indent is lost),
a blank line after every line, page-number lines —N— (digits reversed when longer
than one), a running header on some pages, one ASCII space opening a new page,
half-width punctuation and full-width digits.  Tests feed lawcli the result and
check that the clean paragraphs come back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_HALF = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")",
                       "《": "«", "》": "»", "〈": "‹", "〉": "›", "！": "!"})
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_NO_LINE_START = set(",.;:!?)»›、”’")


def published(text: str) -> str:
    """How the extraction prints a clean paragraph: half-width marks, full-width digits."""
    return text.translate(_HALF).translate(_FULL_DIGITS)


def _cells(ch: str) -> float:
    return 1.0 if "\u4e00" <= ch <= "\u9fff" or ch == "\u3000" else 0.5


def wrap(par: str, first: float = 19, full: float = 21) -> list[str]:
    """Fill lines to the column width; punctuation never starts a line."""
    lines: list[str] = []
    cur, width, cap = "", 0.0, first
    for ch in par:
        if width + _cells(ch) > cap and cur and ch not in _NO_LINE_START:
            lines.append(cur)
            cur, width, cap = "", 0.0, full
        cur += ch
        width += _cells(ch)
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Doc:
    title: list[str]  # title lines as set
    head: list[str] = field(default_factory=list)  # subtitle / speaker lines, as set
    body: list[str] = field(default_factory=list)  # clean paragraphs (headings included)
    wide: bool = False  # single-column block (公告 bodies)


def typeset(docs: list[Doc], lines_per_page: int = 40, header: str = "某省人大常委会公报２０２４３") -> str:
    lines: list[str] = []
    for doc in docs:
        lines += [published(t) for t in doc.title] + [published(h) for h in doc.head]
        for par in doc.body:
            text = published(par)
            if text.startswith("第") and ("章\u3000" in text[:8] or "节\u3000" in text[:8]):
                lines.append(text)  # headings stand on their own line
            elif doc.wide:
                lines += wrap(text, 42, 42)
            else:
                lines += wrap(text)
    out: list[str] = []
    page = 1
    for i, line in enumerate(lines):
        if i and i % lines_per_page == 0:
            page += 1
            number = str(page - 1).translate(_FULL_DIGITS)[::-1]
            out.append(f"—{number}—")
            if page % 3 == 0:
                out.append(f"\u3000{header}\u3000")
                out.append("")
                out.append("")
            else:
                line = " " + line
        out.append(line)
    return "\n\n".join(out) + "\n\n "
