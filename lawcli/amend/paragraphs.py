"""The act's text as logical paragraphs, and its quotation marks.

Everything an act adds to a law is quoted, and a quotation may nest (简称“数据局”)
or run over several paragraphs; the instruction language is what lies outside the
quotes.  Reading both starts here, below the unit and clause readers that use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Q = "\ue000"  # placeholder for one quotation in a template


@dataclass
class Paragraph:
    text: str
    line: int


_ACT_TITLE = re.compile(r"(?:修改|修正|废止)[^。]*(?:决定|修正案)|修正案")


def paragraphs(text: str) -> tuple[str, list[Paragraph]]:
    """Logical paragraphs of the act, through lawcli's own reading (so a text extracted
    from a PDF gazette has its wrapped lines joined), without YAML front matter, '#'
    and '>' marks.  In a gazette issue only the amending decisions are kept."""
    from ..parsing.source import load_text

    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 80)):
            if lines[i].strip() == "---":
                lines = [""] * (i + 1) + lines[i + 1:]  # keep line numbers
                break
    cleaned = []
    for line in lines:
        s = line.lstrip(" \t\u3000")
        while s.startswith(">"):
            s = s[1:].lstrip(" \t\u3000")
        cleaned.append(s)
    src = load_text("\n".join(cleaned), "<act>")
    logical = list(src.normalized.lines)
    docs = src.documents
    if len(docs) > 1:
        acts = [d for d in docs if _ACT_TITLE.search(d.title) and not re.search(r"关于批准|说明|报告|意见", d.title)]
        if acts:
            spans = [(d.start_line, d.end_line) for d in acts]
            logical = [ln for ln in logical if any(a <= ln.start <= b for a, b in spans)]
    title = ""
    out: list[Paragraph] = []
    for line in logical:
        s = line.text.strip(" \t\u3000\u00a0")
        if not s or s == "<!-- INFO END -->":
            continue
        if not title and (line.md_level == 1 or not out):
            title = s
            if line.md_level == 1:
                continue
        out.append(Paragraph(s, line.start))
    return title, out


def quote_state(s: str, depth: int, ascii_open: bool) -> tuple[int, bool]:
    """Quote depth after reading `s`: “ ” nest, ASCII \" toggles."""
    for c in s:
        if c == "“":
            depth += 1
        elif c == "”":
            depth = max(0, depth - 1)
        elif c == '"':
            ascii_open = not ascii_open
    return depth, ascii_open


def split_quotes(s: str) -> tuple[str, list[str]]:
    """Template (quotations → Q) and the quotations' texts, for one paragraph."""
    out, quotes = [], []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in "“\"":
            close = "”" if c == "“" else '"'
            depth, j = 1, i + 1
            while j < n:
                if c == "“" and s[j] == "“":
                    depth += 1
                elif s[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            quotes.append(s[i + 1:j])
            out.append(Q)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out), quotes


def starts_quote(s: str) -> bool:
    return s[:1] in "“\""
