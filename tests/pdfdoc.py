"""Make the files people hold — Word documents and gazette-like PDFs — from clean text,
for the readers' tests (and benchmarks/bench_readers.py).

PDFs are set with reportlab's built-in CID font STSong-Light (UniGB-UCS2-H, not
embedded) on A4: a running header and a page number on every page, as a gazette has;
one column or two.  Word files are written with python-docx, one paragraph per line,
with the Title and Heading styles a converter would give.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

A4 = (595.28, 841.89)
FONT = "STSong-Light"
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_NO_LINE_START = set("，。；：！？、）》〉」』”’,.;:!?)»› ")


def cells(text: str) -> float:
    """Width in em: CJK and full-width forms one, everything else half."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.5 for ch in text)


def wrap(par: str, full: float = 22, indent: float = 2) -> list[str]:
    """Fill lines to `full` em, the first `indent` em narrower; punctuation and spaces
    never start a line (so a line never ends in a space that a PDF would not keep)."""
    lines: list[str] = []
    cur, width, cap = "", 0.0, full - indent
    for ch in par:
        w = cells(ch)
        if width + w > cap and cur and ch not in _NO_LINE_START and not cur.endswith(" "):
            lines.append(cur)
            cur, width, cap = "", 0.0, full
        cur += ch
        width += w
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Line:
    text: str
    indent: float = 0.0  # em from the column's left edge
    center: bool = False


@dataclass
class Page:
    columns: list[list[Line]]
    header: str | None = None
    footer: str | None = None
    size: float = 10.5
    leading: float = 15.0
    column_em: float | None = None  # a column this many em wide (default: the page's width)


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def render(pages: list[Page], *, encrypt: str | None = None) -> bytes:
    """The PDF of these pages (`encrypt`: a user password)."""
    from reportlab.pdfgen import canvas

    _font()
    buf = io.BytesIO()
    kw = {}
    if encrypt is not None:
        from reportlab.lib import pdfencrypt

        kw["encrypt"] = pdfencrypt.StandardEncryption(encrypt, canRead=1)
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1, **kw)
    width, height = A4
    margin = 48.0
    for page in pages:
        if page.header:
            c.setFont(FONT, 9)
            c.drawCentredString(width / 2, height - 40, page.header)
            c.line(margin, height - 46, width - margin, height - 46)
        c.setFont(FONT, page.size)
        ncol = len(page.columns)
        gutter = 2 * page.size
        col_w = (width - 2 * margin - gutter * (ncol - 1)) / max(ncol, 1)
        left = margin
        if page.column_em:  # a narrower text block, centred on the page
            col_w = page.column_em * page.size
            left = (width - ncol * col_w - gutter * (ncol - 1)) / 2
        for k, col in enumerate(page.columns):
            x0 = left + k * (col_w + gutter)
            y = height - 80
            for line in col:
                if line.center:
                    c.drawCentredString(x0 + col_w / 2, y, line.text)
                else:
                    c.drawString(x0 + line.indent * page.size, y, line.text)
                y -= page.leading
        if page.footer:
            c.setFont(FONT, 9)
            c.drawCentredString(width / 2, 30, page.footer)
        c.showPage()
    c.save()
    return buf.getvalue()


# -- a law, as a gazette sets it ------------------------------------------------------

_HEADING = re.compile(r"第[一二三四五六七八九十百零〇]+(?:编|分编|章|节)(?:[ \u3000]|$)")


def law_lines(paragraphs: list[str], title: str | None = None, width: float = 22) -> list[Line]:
    """Paragraphs → set lines: the title and headings centred, each other paragraph
    wrapped at `width` em with a two-em first-line indent."""
    out: list[Line] = []
    for i, par in enumerate(paragraphs):
        if (i == 0 and par == title) or _HEADING.match(par) or par in ("目录", "目　录", "附则", "序言"):
            out += [Line(t, center=True) for t in wrap(par, width, 0)]
            continue
        for j, t in enumerate(wrap(par, width)):
            out.append(Line(t, indent=2.0 if j == 0 else 0.0))
    return out


def law_pages(paragraphs: list[str], *, columns: int = 1, per_column: int = 44,
              header: str = "某省人民代表大会常务委员会公报", title: str | None = None,
              width: float = 22) -> list[Page]:
    lines = law_lines(paragraphs, title, width)
    pages: list[Page] = []
    step = per_column * columns
    for n, start in enumerate(range(0, len(lines), step), 1):
        chunk = lines[start:start + step]
        cols = [chunk[k * per_column:(k + 1) * per_column] for k in range(columns)]
        pages.append(Page(cols, header=header, column_em=width + 1,
                          footer="—" + str(n).translate(_FULL_DIGITS) + "—"))
    return pages


# -- an extraction's lines, put back on their pages ---------------------------------------

_PAGE_NUMBER = re.compile(r"—[０-９0-9]+—")


def extraction_pages(text: str) -> list[Page]:
    """A gazette text as extracted from its PDF (corpus FORMAT.md) set back line by
    line on the pages it came from: a page starts at a line opening with one ASCII
    space or at a running header (a line with U+3000 at both ends); a page-number
    line —N— goes to the page's foot.  Lines keep their characters (two U+3000 of an
    indent included)."""
    pages: list[Page] = []
    cur = Page([[]], size=9.5, leading=10.2)
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        header = raw.startswith("\u3000") and raw.endswith("\u3000")
        page_start = raw.startswith(" ") and not raw.startswith("  ")
        if (header or page_start) and (cur.columns[0] or cur.header or cur.footer):
            pages.append(cur)
            cur = Page([[]], size=9.5, leading=10.2)
        if header:
            cur.header = raw.strip("\u3000")
        elif _PAGE_NUMBER.fullmatch(raw.strip()):
            cur.footer = raw.strip()
        else:
            cur.columns[0].append(Line(raw[1:] if page_start else raw))
    pages.append(cur)
    return pages


# -- Word -----------------------------------------------------------------------------

def docx_bytes(paragraphs: list[str], *, title: str | None = None, headings: bool = True) -> bytes:
    """A .docx with one paragraph per line: the title in the Title style, 编/章/节
    headings in Heading 1–3 (as a converter gives them)."""
    import docx

    d = docx.Document()
    levels = {"编": 1, "分编": 1, "章": 1, "节": 2}
    for i, par in enumerate(paragraphs):
        m = _HEADING.match(par)
        if i == 0 and par == title:
            d.add_paragraph(par, style="Title")
        elif headings and m:
            unit = "分编" if "分编" in m.group(0) else m.group(0).rstrip(" \u3000")[-1]
            d.add_paragraph(par, style=f"Heading {levels[unit]}")
        else:
            d.add_paragraph(par)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
