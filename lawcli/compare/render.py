"""A `DiffResult` → what people read: side-by-side text, a 修改对照表 in Markdown or HTML.

Every renderer puts the summary line first and takes an optional `explain(row)` that
fills the 说明 column (a caller with better knowledge — an amendment act, say — can
say why an article changed); when it returns None the default explanation is used.
The library never prints: these functions return strings and segments.
"""

from __future__ import annotations

import html
import unicodedata
from typing import Callable, Iterator

from ..text.styled import Segment
from .result import DiffResult, HeadingRow, PartRow, Row

Explain = Callable[[Row], "str | None"]

DEL = "bold red strike"
INS = "bold green underline"
LABEL = "bold yellow"
KIND_CN = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}


# -- words -------------------------------------------------------------------------------

def _labels(arts) -> str:
    return "、".join(a.label or f"第{a.position + 1}条" for a in arts)


def describe(row: Row) -> str:
    """The default 说明 of a row, in the words of a 修改对照表."""
    parts: list[str] = []
    if row.status == "added":
        parts.append("新增")
    elif row.status == "deleted":
        parts.append("删除")
    elif row.status == "split":
        parts.append(f"由原{_labels(row.old)}拆分为{_labels(row.new)}")
    elif row.status == "merged":
        parts.append(f"由原{_labels(row.old)}合并")
    else:
        if row.renumbered:
            parts.append(f"原{_labels(row.old)}")
        if row.status == "modified":
            said = [c.description for c in row.changes]
            inner = "" if said == ["条文修改"] else "；".join(said)  # alone it says nothing new
            parts.append(f"修改（{inner}）" if inner else "修改")
    if row.moved:
        oc, nc = row.old[0].chapter, row.new[0].chapter
        if oc and nc and oc != nc:
            parts.append(f"条文顺序调整，由{oc}移至{nc}")
        else:
            parts.append("条文顺序调整")
    return "；".join(parts) or "未修改"


def describe_heading(h: HeadingRow) -> str:
    unit = KIND_CN.get((h.new or h.old).kind, "")  # type: ignore[union-attr]
    if h.status == "added":
        return f"新增一{unit}"
    if h.status == "deleted":
        return f"删除本{unit}"
    bits = []
    if h.renumbered:
        bits.append(f"{unit}序调整，原{h.old.label}" if h.old else f"{unit}序调整")
    if h.status == "renamed":
        bits.append(f"{unit}名修改")
    return "；".join(bits) or "未修改"


def describe_part(p: PartRow) -> str:
    return {"modified": f"{p.name}修改", "added": f"新增{p.name}", "deleted": f"删除{p.name}"}.get(
        p.status, "未修改")


def _note(row: Row, explain: Explain | None) -> str:
    if explain is not None:
        text = explain(row)
        if text is not None:
            return text
    return describe(row)


def summary_lines(result: DiffResult) -> list[str]:
    """The summary line, then what else changed (numbers, headings, the title)."""
    s = result.summary
    lines = [s.text]
    extra = []
    if s.renumbered:
        extra.append(f"条号变化 {s.renumbered} 条")
    heads = [f"{name} {n} 处" for name, n in (("新增", s.headings_added), ("删除", s.headings_deleted),
                                              ("更名", s.headings_renamed),
                                              ("序号调整", s.headings_renumbered)) if n]
    if heads:
        extra.append("章节" + "、".join(heads))
    if result.title_changed:
        extra.append(f"标题由《{result.old_title}》改为《{result.new_title}》")
    parts = [describe_part(p) for p in result.parts if p.changed]
    if parts:
        extra.append("条文以外：" + "、".join(parts))
    if extra:
        lines.append("（" + "；".join(extra) + "）")
    return lines


# -- the two sides of a row ---------------------------------------------------------------

def side_segments(row: Row | PartRow, side: str, *, marks: bool = False) -> list[Segment]:
    """One column of a row: labels, and the text with its deletions or insertions styled.

    `marks` writes [-deleted-] and {+inserted+} for readers without colour.
    """
    style = DEL if side == "old" else INS
    if isinstance(row, PartRow):
        text = row.old if side == "old" else row.new
        if row.ops:
            body = _ops_side(row.ops, side)
        else:
            body = [(text, style if row.status in ("added", "deleted") else None)] if text else []
        return _marked(body, side, marks)
    arts = row.old if side == "old" else row.new
    if not arts:
        return []
    if row.ops:
        body = _ops_side(row.ops, side)
    elif row.status in ("added", "deleted"):
        body = [("\n".join(a.text for a in arts), style)]
    else:
        body = [("\n".join(a.text for a in arts), None)]
    return _marked(_insert_labels(body, arts), side, marks)


def _ops_side(ops, side: str) -> list[Segment]:
    style = DEL if side == "old" else INS
    body: list[Segment] = []
    for op in ops:
        text = op.old if side == "old" else op.new
        if text:
            body.append((text, None if op.op == "equal" else style))
    return body


def _marked(body: list[Segment], side: str, marks: bool) -> list[Segment]:
    if not marks:
        return body
    style = DEL if side == "old" else INS
    open_, close = ("[-", "-]") if side == "old" else ("{+", "+}")
    return [(f"{open_}{t}{close}", s) if s == style else (t, s) for t, s in body]


def _insert_labels(body: list[Segment], arts) -> list[Segment]:
    """Put each article's label before its text in a stream of the joined texts."""
    starts = []
    pos = 0
    for a in arts:
        starts.append(pos)
        pos += len(a.text) + 1
    out: list[Segment] = []
    pos = 0
    k = 0
    for text, style in body:
        while text:
            if k < len(starts) and starts[k] == pos:
                label = arts[k].label or ""
                if label:
                    out.append((label + "　", LABEL))
                k += 1
                continue
            cut = starts[k] - pos if k < len(starts) and starts[k] - pos < len(text) else len(text)
            out.append((text[:cut], style))
            pos += cut
            text = text[cut:]
    while k < len(starts):  # empty texts at the end
        if arts[k].label:
            out.append((arts[k].label + "　", LABEL))
        k += 1
    return out


# -- folding -------------------------------------------------------------------------------

def visible(result: DiffResult, show_all: bool) -> Iterator[Row | HeadingRow | PartRow | list[Row]]:
    """Entries to show; runs of unchanged rows come as one list (to fold) unless show_all.

    A preamble comes first, annexes and other text outside the articles last.
    """
    parts = [p for p in result.parts if p.changed or show_all]
    yield from (p for p in parts if p.leading)
    run: list[Row] = []
    for e in result.entries():
        if isinstance(e, Row) and e.status == "unchanged" and not e.moved and not show_all:
            run.append(e)
            continue
        if isinstance(e, HeadingRow) and not e.changed and not show_all:
            continue
        if run:
            yield run
            run = []
        yield e
    if run:
        yield run
    yield from (p for p in parts if not p.leading)


def fold_note(run: list[Row]) -> str:
    """"第六条至第八条（原第五条至第七条）未修改（3 条）"."""
    def span(a, b) -> str:
        return a.label if a is b else f"{a.label}至{b.label}"

    new = span(run[0].new[0], run[-1].new[0])
    old = span(run[0].old[0], run[-1].old[0])
    renum = sum(r.renumbered for r in run)
    where = f"{new}（原{old}）" if renum else new
    extra = f"，其中 {renum} 条条号变化" if renum and renum != len(run) else ""
    return f"{where}未修改（{len(run)} 条{extra}）"


# -- terminal --------------------------------------------------------------------------------

_WIDTHS: dict[str, int] = {}


def _width(ch: str) -> int:
    """Columns of one character (CJK two), looked up once per character: wrapping a
    long diff asks for tens of thousands."""
    w = _WIDTHS.get(ch)
    if w is None:
        w = _WIDTHS[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]}%")


_MARKS = ("[-", "-]", "{+", "+}")
_MARK_START = set("[-{+")


def _wrap(segments: list[Segment], width: int) -> list[tuple[list[Segment], int]]:
    """Lines of at most `width` columns (CJK characters count two), breaking at \\n,
    each with the columns it uses.  The plain-text change marks ([- -] {+ +}) stay
    whole so no line splits them; each character's width is computed once."""
    lines: list[tuple[list[Segment], int]] = []
    line: list[Segment] = []
    used = 0
    for text, style in segments:
        buf: list[str] = []
        k, n = 0, len(text)
        while k < n:
            ch = text[k]
            if ch in _MARK_START and text[k:k + 2] in _MARKS:
                ch = text[k:k + 2]
                w = 2
            elif ch == "\n":
                if buf:
                    line.append(("".join(buf), style))
                    buf = []
                lines.append((line, used))
                line, used = [], 0
                k += 1
                continue
            else:
                w = _WIDTHS.get(ch) or _width(ch)
            k += len(ch)
            # Closing punctuation hangs in the margin rather than start a line.
            limit = width if ch in _NO_LINE_START else width - 2
            if used + w > limit:
                if buf:
                    line.append(("".join(buf), style))
                    buf = []
                lines.append((line, used))
                line, used = [], 0
            buf.append(ch)
            used += w
        if buf:
            line.append(("".join(buf), style))
    lines.append((line, used))
    return lines


def text_segments(result: DiffResult, *, width: int = 100, color: bool = False,
                  show_all: bool = False, explain: Explain | None = None) -> list[Segment]:
    """Side by side, old | new, unchanged articles folded unless `show_all`."""
    out: list[Segment] = []
    for k, line in enumerate(summary_lines(result)):
        out.append((line + "\n", "bold" if k == 0 else "dim"))
    out.append((f"《{result.old_title}》 │ 《{result.new_title}》\n", "dim"))
    col = max(10, (width - 3) // 2)
    for e in visible(result, show_all):
        if isinstance(e, list):
            out.append(("\n" + "… " + fold_note(e) + "\n", "dim"))
        elif isinstance(e, HeadingRow):
            old = e.old.name if e.old else "—"
            new = e.new.name if e.new else "—"
            note = "" if not e.changed else f" · {describe_heading(e)}"
            out.append((f"\n■ {old} → {new}{note}\n", "bold cyan"))
        elif isinstance(e, PartRow):
            out.append(("\n", None))
            out.append((e.name, "bold"))
            out.append((f" · {describe_part(e)}\n", "dim"))
            out.extend(_columns(e, col, color))
        else:
            out.extend(_row_text(e, col, color, explain))
    return out


def _row_text(row: Row, col: int, color: bool, explain: Explain | None) -> list[Segment]:
    old = _labels(row.old) if row.old else "—"
    new = _labels(row.new) if row.new else "—"
    score = f" · {row.match_pass} {row.score:.2f}" if row.score is not None and row.match_pass else ""
    out: list[Segment] = [("\n", None), (f"{old} → {new}", "bold"),
                          (f" · {_note(row, explain)}{score}\n", "dim")]
    return out + _columns(row, col, color)


def _columns(row: Row | PartRow, col: int, color: bool) -> list[Segment]:
    out: list[Segment] = []
    left = _wrap(side_segments(row, "old", marks=not color), col)
    right = _wrap(side_segments(row, "new", marks=not color), col)
    for k in range(max(len(left), len(right))):
        lseg, used = left[k] if k < len(left) else ([], 0)
        rseg = right[k][0] if k < len(right) else []
        out.extend(lseg)
        out.append((" " * (col - used) + " │ ", "dim"))
        out.extend(rseg)
        out.append(("\n", None))
    return out


# -- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = set("\\`*_~[]<>|#")


def _md_escape(text: str) -> str:
    out = "".join("\\" + c if c in _MD_SPECIAL else c for c in text)
    return out.replace("\n", "<br>")


def _md_cell(segments: list[Segment]) -> str:
    parts = []
    for text, style in segments:
        if style in (DEL, INS):
            # <del>/<ins>, not ~~ or **: CommonMark's flanking rules drop emphasis that
            # ends on a Chinese comma before a character (…，**提高), everywhere.
            tag = "del" if style == DEL else "ins"
            lines = text.split("\n")
            parts.append("<br>".join(f"<{tag}>{_md_escape(x)}</{tag}>" if x else "" for x in lines))
        elif style == LABEL:
            parts.append(f"**{_md_escape(text.rstrip())}**　")
        else:
            parts.append(_md_escape(text))
    return "".join(parts)


def to_markdown(result: DiffResult, *, show_all: bool = False, explain: Explain | None = None) -> str:
    """A three-column 修改对照表 (原条文 | 修改后条文 | 说明); changes as <del> and <ins>."""
    lines = [*summary_lines(result), "",
             f"《{_md_escape(result.new_title)}》修改对照表", "",
             "| 原条文 | 修改后条文 | 说明 |", "| --- | --- | --- |"]
    for e in visible(result, show_all):
        if isinstance(e, list):
            lines.append(f"| …… | …… | {_md_escape(fold_note(e))} |")
        elif isinstance(e, HeadingRow):
            old = f"**{_md_escape(e.old.name)}**" if e.old else ""
            new = f"**{_md_escape(e.new.name)}**" if e.new else ""
            lines.append(f"| {old} | {new} | {_md_escape(describe_heading(e)) if e.changed else ''} |")
        else:
            note = describe_part(e) if isinstance(e, PartRow) else _note(e, explain)
            lines.append(f"| {_md_cell(side_segments(e, 'old'))} | {_md_cell(side_segments(e, 'new'))} "
                         f"| {_md_escape(note)} |")
    return "\n".join(lines) + "\n"


# -- HTML ----------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Songti SC","SimSun","Noto Serif CJK SC",serif;margin:2em;line-height:1.7}
h1{font-size:1.4em;text-align:center}
p.summary{font-weight:bold}
p.extra{color:#555}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #444;padding:.4em .6em;vertical-align:top;text-align:left}
th{background:#eee}
th.note,td.note{width:16%}
tr.heading td{font-weight:bold;text-align:center;background:#f7f7f7}
tr.fold td{color:#777;text-align:center}
del{color:#b00;text-decoration:line-through}
ins{color:#070;text-decoration:none;font-weight:bold}
span.label{font-weight:bold}
"""


def _html_cell(segments: list[Segment]) -> str:
    parts = []
    for text, style in segments:
        t = html.escape(text).replace("\n", "<br>")
        if style in (DEL, INS):
            # One element per line, none around a bare line break.
            tag = "del" if style == DEL else "ins"
            parts.append("<br>".join(f"<{tag}>{html.escape(x)}</{tag}>" if x else ""
                                     for x in text.split("\n")))
        elif style == LABEL:
            parts.append(f'<span class="label">{html.escape(text.rstrip())}</span>　')
        else:
            parts.append(t)
    return "".join(parts)


def to_html(result: DiffResult, *, show_all: bool = False, explain: Explain | None = None) -> str:
    """A self-contained HTML page (inline CSS, no scripts): the 修改对照表, every text escaped."""
    lines = summary_lines(result)
    title = html.escape(f"《{result.new_title}》修改对照表")
    body = [f'<p class="summary">{html.escape(lines[0])}</p>']
    body += [f'<p class="extra">{html.escape(x)}</p>' for x in lines[1:]]
    body.append(f"<h1>{title}</h1>")
    body.append('<table>\n<thead><tr><th>原条文</th><th>修改后条文</th><th class="note">说明</th>'
                "</tr></thead>\n<tbody>")
    for e in visible(result, show_all):
        if isinstance(e, list):
            body.append(f'<tr class="fold"><td colspan="3">…… {html.escape(fold_note(e))} ……</td></tr>')
        elif isinstance(e, HeadingRow):
            old = html.escape(e.old.name) if e.old else ""
            new = html.escape(e.new.name) if e.new else ""
            note = html.escape(describe_heading(e)) if e.changed else ""
            body.append(f'<tr class="heading"><td>{old}</td><td>{new}</td><td class="note">{note}</td></tr>')
        else:
            note = describe_part(e) if isinstance(e, PartRow) else _note(e, explain)
            body.append(f"<tr><td>{_html_cell(side_segments(e, 'old'))}</td>"
                        f"<td>{_html_cell(side_segments(e, 'new'))}</td>"
                        f'<td class="note">{html.escape(note)}</td></tr>')
    body.append("</tbody>\n</table>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def to_json_data(result: DiffResult, *, old_file: str | None = None, new_file: str | None = None,
                 explain: Explain | None = None) -> dict:
    """The JSON object: every row (folding is for people), each with its 说明 as `note`."""
    data = result.to_dict(explain=lambda r: _note(r, explain))
    if old_file is not None:
        data["old"]["file"] = old_file
    if new_file is not None:
        data["new"]["file"] = new_file
    data["summary"]["lines"] = summary_lines(result)
    return data


__all__ = ["describe", "describe_heading", "describe_part", "summary_lines", "side_segments", "text_segments",
           "to_markdown", "to_html", "to_json_data", "visible", "fold_note"]
