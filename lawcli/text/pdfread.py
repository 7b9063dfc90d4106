"""A PDF with a text layer → its lines in reading order, page by page.

Read with pypdf (docs/input.md has the measurement against pdfminer.six): each text
run's position comes from pypdf's content-stream walk; runs on one baseline make a
line, and a page set in two columns is read column by column.  The result is shaped
like any PDF extraction, so the existing repairs of text/pdftext.py do the rest —
page numbers and running headers out (they are the same artefacts), hard wraps
joined — and text/segment.py finds the documents of a gazette issue:

- each page's first line opens with a form feed (U+000C), as pdftotext writes it;
  pdftext.clean takes it for a page start and counts it (`page_breaks`);
- a first or last line set apart from the rest of its page by a wider gap (a
  running header, a footer) is followed by two blank lines, which is what the
  running-header rule looks for; the rule still decides by repetition;
- a line that starts two em right of its column's left edge (an indented first
  line), or further (a centred heading) unless the line above was centred too (a
  heading set on two lines), opens with two U+3000 (a centred line with four):
  evidence of a paragraph start, as in a gazette extraction.  Where indents are kept
  everywhere, text/segment.py takes only a centred line for a document's title.

A PDF whose pages have no text is a scan: it needs OCR first.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import namedtuple

from ..errors import InputError

_HEADING = re.compile(r"第[零〇一二两三四五六七八九十百千]+(?:分编|编|章|节)[ \u3000]")

#: A text run: where it starts, its font size, an estimate of where it ends, its text.
Run = namedtuple("Run", "x y size x1 text")


def _em(text: str) -> float:
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.5 for ch in text)


def _runs(page) -> list[Run]:
    runs: list[Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text or text.isspace():
            return
        # The text matrix in page space: tm × cm.
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = (font_size or 1) * ((a * a + b * b) ** 0.5 or 1)
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            piece = piece.rstrip("\r")
            if piece.strip():
                yk = y - k * size * 1.2  # pypdf joined lines it saw end: set them below
                runs.append(Run(x, yk, size, x + _em(piece) * size, piece))

    page.extract_text(visitor_text=visit)
    return runs


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped by baseline, top to bottom, each line left to right."""
    runs = sorted(runs, key=lambda r: (-r.y, r.x))
    lines: list[list[Run]] = []
    for r in runs:
        if lines and abs(lines[-1][0].y - r.y) <= 0.35 * r.size:
            lines[-1].append(r)
        else:
            lines.append([r])
    for line in lines:
        line.sort(key=lambda r: r.x)
    return lines


def _join(line: list[Run]) -> str:
    parts = [line[0].text]
    for prev, r in zip(line, line[1:]):
        if r.x - prev.x1 > 0.45 * r.size and not parts[-1].endswith((" ", "\u3000")):
            parts.append(" ")
        parts.append(r.text)
    return "".join(parts)


def _gutter(runs: list[Run], left: float, right: float) -> tuple[float, float] | None:
    """The gap (x0, x1) between two columns, or None for a one-column page.

    A gutter: a position in the middle of the text area that few characters cross,
    with a fifth of the page's characters wholly left of it, set in lines that fill
    their column (a table of short cells is not two columns), and a line or more
    wholly right of it.  The gap runs
    from the right edge of the left column to the left edge of the right one.
    """
    if len(runs) < 10 or right - left <= 0:
        return None
    total = sum(len(r.text) for r in runs)
    best, best_cross = None, 0.08 * total
    for x in sorted({r.x1 for r in runs} | {r.x for r in runs}):
        if not left + 0.3 * (right - left) <= x <= left + 0.7 * (right - left):
            continue
        cross = sum(len(r.text) for r in runs if r.x < x - 1 < r.x1 - 2)
        if cross > best_cross:
            continue
        lhs = [r for r in runs if r.x1 <= x + 1]
        rhs = [r for r in runs if r.x >= x - 1]
        if sum(len(r.text) for r in lhs) < 0.2 * total or not rhs:
            continue  # (a last page's right column may hold one line)
        edge = max(r.x1 for r in lhs)
        if sum(1 for r in lhs if r.x1 >= edge - 1.5 * r.size) < 0.3 * len(lhs):
            continue  # ragged: not lines filling a column
        best, best_cross = x, cross
    if best is None:
        return None
    # The columns' edges, from their lines of text (not a short line in the gap, such
    # as a centred page number).
    lhs = [r for r in runs if r.x1 <= best + 1]
    rhs = [r for r in runs if r.x >= best - 1]
    wl = sorted(r.x1 - r.x for r in lhs)[len(lhs) // 2]
    wr = sorted(r.x1 - r.x for r in rhs)[len(rhs) // 2]
    x0 = max(r.x1 for r in lhs if r.x1 - r.x >= 0.5 * wl)
    x1 = min(r.x for r in rhs if r.x1 - r.x >= 0.5 * wr)
    return x0, max(x1, x0)


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def _layout(pages: list[list[Run]]) -> list[tuple[float, tuple[float, float] | None]]:
    """Each page's left margin and column gap, measured on the page and checked against
    the whole document: a last page whose lines are all indented or centred keeps the
    document's margin, and a page whose right column is short (or whose left column is
    all short items) keeps the document's gutter when no line crosses it, and a right
    column whose lines all start indented keeps the document's left edge for it."""
    full = [runs for runs in pages if len(runs) >= 10]
    doc_left = _median([min(r.x for r in runs) for runs in full]) if full else None
    gaps = [_gutter(runs, min(r.x for r in runs), max(r.x1 for r in runs)) if runs else None
            for runs in pages]
    found = [g for g, runs in zip(gaps, pages) if g is not None and len(runs) >= 10]
    doc_gap = None
    if found and len(found) * 2 >= len(full):
        doc_gap = (_median([g[0] for g in found]), _median([g[1] for g in found]))
    out = []
    for runs, gap in zip(pages, gaps):
        if not runs:
            out.append((0.0, None))
            continue
        left = min(r.x for r in runs)
        if doc_left is not None:
            left = min(left, doc_left)
        if gap is not None and doc_gap is not None and doc_gap[0] < gap[1] - 1 and doc_gap[1] < gap[1]:
            gap = (gap[0], doc_gap[1])  # a right column whose lines are all indented
        elif gap is None and doc_gap is not None:
            mid = (doc_gap[0] + doc_gap[1]) / 2
            crossing = [r for r in runs if r.x < mid < r.x1]
            total = sum(len(r.text) for r in runs)
            if len(crossing) <= 3 or sum(len(r.text) for r in crossing) <= 0.08 * total:
                gap = doc_gap
        out.append((left, gap))
    return out


def _page_lines(runs: list[Run], left: float, gap: tuple[float, float] | None
                ) -> list[tuple[str, float, float, float]]:
    """(text, baseline y, left x of its column, left x of the line) of each line of a
    page, in reading order."""
    if not runs:
        return []
    if gap is None:
        return [(_join(ln), ln[0].y, left, ln[0].x) for ln in _lines(runs)]
    g0, g1 = gap
    mid = (g0 + g1) / 2
    # Lines across the middle of the gap (headers, centred titles, page numbers) divide
    # the page into bands; each band is read left column first.  (A line may hang into
    # the gap by a punctuation mark, and widths here are estimates: the middle decides.)
    out: list[tuple[str, float, float, float]] = []
    band: list[Run] = []

    def flush():
        lhs = [r for r in band if r.x1 <= mid]
        rhs = [r for r in band if r.x1 > mid]
        out.extend((_join(ln), ln[0].y, left, ln[0].x) for ln in _lines(lhs))
        out.extend((_join(ln), ln[0].y, g1, ln[0].x) for ln in _lines(rhs))
        band.clear()

    for ln in _lines(runs):
        if any(r.x < mid < r.x1 for r in ln):
            flush()
            out.append((_join(ln), ln[0].y, left, ln[0].x))
        else:
            band.extend(ln)
    flush()
    return out


def _page_text(runs: list[Run], left: float, gap: tuple[float, float] | None) -> list[str]:
    lines = _page_lines(runs, left, gap)
    if not lines:
        return []
    size = sorted(r.size for r in runs)[len(runs) // 2]
    # The line pitch, from lines that follow each other (not a gap to a header or a
    # footer, which on a page of a few lines would be most of the steps).
    steps = sorted(a[1] - b[1] for a, b in zip(lines, lines[1:]) if 0 < a[1] - b[1] < 2.5 * size)
    pitch = steps[len(steps) // 2] if steps else 1.4 * size
    out = []
    centred = False
    above = None
    for text, y, col, start in lines:
        if above is not None and not 0 < above - y <= 1.5 * pitch:
            centred = False  # not the line just above (a gap, another column)
        above = y
        inset = (start - col) / size
        # Two em in: an indented first line.  Further in: a centred (or right-aligned)
        # line, which opens a paragraph unless it continues a centred line or a heading
        # whose first line filled the width.
        opens = 1.5 <= inset <= 2.5 or (inset > 2.5 and not centred)
        centred = inset > 2.5 or bool(_HEADING.match(text))
        mark = "\u3000\u3000\u3000\u3000" if inset > 2.5 else "\u3000\u3000"
        out.append(mark + text if opens and not text.startswith("\u3000") else text)
    if len(lines) > 2:  # a first or last line set apart: a header or a footer, perhaps
        if lines[0][1] - lines[1][1] > 1.8 * pitch:
            out[0] += "\n\n"
        if lines[-2][1] - lines[-1][1] > 1.8 * pitch:
            out[-1] += "\n\n"
    return out


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF's bytes; InputError for a scan, a locked or a broken file."""
    from .formats import need

    pypdf = need("pypdf", "pdf", " PDF ")
    from pypdf.errors import DependencyError, FileNotDecryptedError

    log = logging.getLogger("pypdf")
    if not log.handlers:
        # pypdf's notes about a damaged file are not ours to print; a handler keeps
        # logging's last resort from writing them to stderr, and an application that
        # configures logging still gets them.
        log.addHandler(logging.NullHandler())
    broken = f"{name}：PDF 文件已损坏或不完整（可能下载中断），无法读取"
    if b"%%EOF" not in data[-2048:]:
        # A cut download: pypdf would rebuild what it can and read some of the pages.
        raise InputError(f"{broken}（文件末尾没有 %%EOF 标记）")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except DependencyError:
                    raise InputError(f"{name}：PDF 使用 AES 加密，解密需要 cryptography："
                                     "pip install 'lawcli[pdf]'") from None
                if not opened:
                    raise InputError(f"{name}：PDF 受密码保护，lawcli 不能打开；"
                                     "请用密码打开后另存为不加密的 PDF 再试")
            runs = [_runs(page) for page in reader.pages]
            pages = [_page_text(r, left, gap) for r, (left, gap) in zip(runs, _layout(runs))]
        except InputError:
            raise
        except FileNotDecryptedError:
            raise InputError(f"{name}：PDF 受密码保护，lawcli 不能打开；请用密码打开后另存为不加密的 PDF 再试") from None
        except Exception as e:  # whatever pypdf meets in a damaged file (zlib, struct, …)
            raise InputError(f"{broken}（{type(e).__name__}）") from None
    if not pages:
        raise InputError(f"{broken}（没有页面）")
    if not any(t.strip() for lines in pages for t in lines):
        raise InputError(f"{name}：PDF 没有文字层（{len(pages)} 页，可能是扫描件），"
                         "请先做文字识别（OCR），例如 ocrmypdf -l chi_sim 输入.pdf 输出.pdf，再用 lawcli 读取")
    out = []
    for lines in pages:
        if lines:
            lines[0] = "\f" + lines[0]
            out.extend(lines)
    return "\n".join(out) + "\n"
