"""A Word file (.docx) → text: one line per paragraph, in document order.

Read straight from the archive's XML with the standard library (zipfile and
xml.etree's C parser) rather than python-docx: about twice as fast on a large law
(docs/input.md has the measurement), no dependency, and the parts a law needs — list
numbering, footnotes, text boxes — are not in python-docx's model anyway.

What becomes text:
- a paragraph is a line; a soft line break (w:br, w:cr) inside it is a line break;
  a tab (w:tab) a tab;
- Word's automatic numbering is rendered as Word shows it (numbering.xml: the
  level's number format and text, 第%1条 with chineseCounting → 第一条), followed by
  the level's separator (a tab, a space or nothing), whether the paragraph carries
  the numbering or its style does;
- a table row is a line, its cells joined by a tab, a cell's paragraphs by a space;
- a text box's paragraphs follow the paragraph that anchors it;
- footnote and endnote references become ①②… (then [21] …), and the notes follow the
  body, one line each, opening with the same mark;
- deleted text of tracked changes (w:delText) and field codes are not text.
Paragraph styles are not needed: headings are found by their text (第一章 …) as in
any other input, so a Word file whose heading styles are wrong reads the same.
Page headers and footers (header*.xml, footer*.xml) are page furniture, like a
PDF's running header, and are left out.
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from xml.etree.ElementTree import Element, ParseError, fromstring

from ..errors import InputError
from .numerals import to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _R, _T, _TBL, _TR, _TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
_VAL = W + "val"
#: Elements whose content is never text: properties, deleted text, field codes.
_NOT_TEXT = {W + n for n in ("pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr",
                             "delText", "instrText", "delInstrText", "fldData", "moveFrom")}
_NOT_TEXT.add(MC + "Fallback")  # the same content again, for older readers


def _marks(n: int) -> str:
    """①–⑳, ㉑–㉟, ㊱–㊿, then [51] …: how a note is marked in the text."""
    if n <= 20:
        return chr(0x245F + n)
    if n <= 35:
        return chr(0x3250 + n - 20)
    if n <= 50:
        return chr(0x32B0 + n - 35)
    return f"[{n}]"


# -- numbering ----------------------------------------------------------------------

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return to_chinese(n) if n > 0 else "〇"
    if fmt == "chineseLegalSimplified":
        return to_chinese(n).translate(_LEGAL) if n > 0 else "零"
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _marks(n) if n <= 50 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, and any format not spelt here


class _Level:
    __slots__ = ("start", "fmt", "text", "suffix", "restart", "legal", "style")

    def __init__(self, lvl: Element):
        def val(tag: str, default: str | None = None) -> str | None:
            e = lvl.find(W + tag)
            return e.get(_VAL, default) if e is not None else default

        start = val("start", "1") or "1"
        self.start = int(start) if start.isdigit() else 1
        self.fmt = val("numFmt", "decimal") or "decimal"
        self.text = val("lvlText", "") or ""
        self.suffix = {"tab": "\t", "space": " ", "nothing": ""}.get(val("suff", "tab") or "tab", "\t")
        restart = val("lvlRestart")
        self.restart = int(restart) if restart is not None and restart.isdigit() else None
        self.legal = lvl.find(W + "isLgl") is not None
        self.style = val("pStyle")


class Numbering:
    """numbering.xml and styles.xml: the number each numbered paragraph shows."""

    def __init__(self, numbering: Element | None, styles: Element | None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, root: Element) -> None:
        for a in root.iter(W + "abstractNum"):
            self.abstract[a.get(W + "abstractNumId", "")] = {
                int(lvl.get(W + "ilvl", "0")): _Level(lvl) for lvl in a.iter(W + "lvl")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            overrides = {}
            for o in num.iter(W + "lvlOverride"):
                s = o.find(W + "startOverride")
                if s is not None:
                    overrides[int(o.get(W + "ilvl", "0"))] = int(s.get(_VAL, "1"))
            if ref is not None:
                self.nums[num.get(W + "numId", "")] = (ref.get(_VAL, ""), overrides)

    def _read_styles(self, root: Element) -> None:
        based: dict[str, str] = {}
        own: dict[str, tuple[str | None, int | None]] = {}
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId", "")
            b = st.find(W + "basedOn")
            if b is not None:
                based[sid] = b.get(_VAL, "")
            num_pr = st.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                own[sid] = _num_pr(num_pr)
        for sid in set(based) | set(own):
            seen, cur = set(), sid
            while cur and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based.get(cur, "")
            if cur in own:
                self.style_num[sid] = own[cur]

    def label(self, num_id: str | None, ilvl: int | None, style: str | None) -> str:
        """The rendered number (with its separator) of the next paragraph of this list."""
        if num_id is None and style in self.style_num:
            num_id, style_lvl = self.style_num[style]
            ilvl = ilvl if ilvl is not None else style_lvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl is None:
            ilvl = next((i for i, lv in levels.items() if style and lv.style == style), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counts = self.counters.setdefault(abstract_id, [None] * 9)
        starts = [overrides.get(i, levels[i].start if i in levels else 1) for i in range(9)]
        if num_id not in self.started:  # a list instance with its own start restarts
            self.started.add(num_id)
            for i in overrides:
                if i < 9:
                    counts[i] = None
        if ilvl >= 9:
            return ""
        now = counts[ilvl]
        counts[ilvl] = starts[ilvl] if now is None else now + 1
        for deeper in range(ilvl + 1, 9):
            # w:lvlRestart: the (1-based) level whose use restarts this one; 0: never.
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and ilvl <= restart - 1):
                counts[deeper] = None
        text = level.text
        for i in range(9):
            token = f"%{i + 1}"
            if token in text:
                fmt = "decimal" if level.legal and i != ilvl else (levels[i].fmt if i in levels else "decimal")
                value = counts[i]
                value = starts[i] if value is None else value
                text = text.replace(token, format_number(value, fmt))
        return text + level.suffix if text else ""


def _num_pr(num_pr: Element) -> tuple[str | None, int | None]:
    n = num_pr.find(W + "numId")
    lv = num_pr.find(W + "ilvl")
    return (n.get(_VAL) if n is not None else None,
            int(lv.get(_VAL, "0")) if lv is not None else None)


# -- the body -----------------------------------------------------------------------

class _Reader:
    def __init__(self, numbering: Numbering):
        self.numbering = numbering
        self.notes: list[tuple[str, str]] = []  # (kind, id) in order of reference
        self.lines: list[str] = []

    def block(self, elem: Element) -> None:
        """Paragraphs and tables of a body, a cell, a text box or a content control."""
        for child in elem:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag not in _NOT_TEXT:
                self.block(child)  # w:sdt, w:sdtContent, w:customXml …

    def paragraph(self, p: Element) -> None:
        parts: list[str] = []
        boxes: list[Element] = []
        ppr = p.find(W + "pPr")
        if ppr is not None:
            style_e = ppr.find(W + "pStyle")
            style = style_e.get(_VAL) if style_e is not None else None
            num_pr = ppr.find(W + "numPr")
            num_id, ilvl = _num_pr(num_pr) if num_pr is not None else (None, None)
            if num_id is not None or style is not None:
                parts.append(self.numbering.label(num_id, ilvl, style))
        self._runs(p, parts, boxes)
        self.lines.append("".join(parts))
        for box in boxes:
            self.block(box)

    def _runs(self, elem: Element, parts: list[str], boxes: list[Element]) -> None:
        for e in elem:
            tag = e.tag
            if tag == _T:
                if e.text:
                    parts.append(e.text)
            elif tag in _NOT_TEXT:
                continue
            elif tag == W + "tab" or tag == W + "ptab":
                parts.append("\t")
            elif tag == W + "br" or tag == W + "cr":
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                code = e.get(W + "char", "")
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    continue
                if not 0xE000 <= ord(ch) <= 0xF8FF:  # a symbol font's private code: no text
                    parts.append(ch)
            elif tag == W + "footnoteReference" or tag == W + "endnoteReference":
                self.notes.append((tag[len(W):-len("Reference")], e.get(W + "id", "")))
                parts.append(_marks(len(self.notes)))
            elif tag == W + "txbxContent":
                boxes.append(e)
            else:
                self._runs(e, parts, boxes)  # runs, hyperlinks, insertions, fields, drawings

    def table(self, tbl: Element) -> None:
        for tr in tbl.iter(_TR):
            cells = []
            for tc in tr.findall(_TC):
                sub = _Reader(self.numbering)
                sub.notes = self.notes
                sub.block(tc)
                cells.append(" ".join(s for s in sub.lines if s))
            self.lines.append("\t".join(cells))


def _xml(z: zipfile.ZipFile, part: str, name: str) -> Element | None:
    try:
        raw = z.read(part)
    except KeyError:
        return None
    try:
        return fromstring(raw)
    except ParseError as e:
        raise InputError(f"{name}：Word 文档的 {part} 已损坏（{e}）") from None


def docx_text(data: bytes, name: str) -> str:
    """The text of a .docx file's bytes; InputError for a damaged or foreign archive."""
    try:
        z = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        raise InputError(f"{name}：文件以 ZIP 开头，但已损坏或不完整（可能下载中断），无法作为 Word 文档读取") from None
    try:
        with z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                what = "Excel" if "xl/workbook.xml" in names else "OpenDocument" if "content.xml" in names else "ZIP"
                raise InputError(f"{name}：这是 {what} 压缩文件，不是 Word（.docx）文档")
            doc = _xml(z, "word/document.xml", name)
            numbering = Numbering(_xml(z, "word/numbering.xml", name), _xml(z, "word/styles.xml", name))
            notes = {kind: _xml(z, f"word/{kind}s.xml", name) for kind in ("footnote", "endnote")}
    except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile, NotImplementedError,
            zlib.error, ValueError) as e:
        raise InputError(f"{name}：Word 文档已损坏，无法解压（{e}）") from None
    body = doc.find(W + "body") if doc is not None else None
    if body is None:
        raise InputError(f"{name}：Word 文档没有正文（word/document.xml 中无 w:body）")
    reader = _Reader(numbering)
    reader.block(body)
    lines = reader.lines
    _append_notes(reader, notes, lines)
    return "\n".join(lines) + "\n"


def _append_notes(reader: _Reader, parts: dict[str, Element | None], lines: list[str]) -> None:
    """Each referenced note, in order of reference, as one line opening with its mark."""
    by_id: dict[tuple[str, str], Element] = {}
    for kind, root in parts.items():
        if root is None:
            continue
        for note in root.iter(W + kind):
            if note.get(W + "type") in (None, "normal"):
                by_id[(kind, note.get(W + "id", ""))] = note
    done = 0
    for n, key in enumerate(list(reader.notes), 1):
        note = by_id.get(key)
        if note is None:
            continue
        sub = _Reader(reader.numbering)
        sub.block(note)
        text = " ".join(s.strip() for s in sub.lines if s.strip())
        if done == 0:
            lines.append("")
        lines.append(_marks(n) + text)
        done += 1
