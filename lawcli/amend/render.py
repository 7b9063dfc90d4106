"""Rendering the model as text, in the form of the input (Markdown in, Markdown
out; plain in, plain out).

Lines the act did not touch are printed as they were read (indentation, spacing,
heading marks); new ones follow the law's prevailing layout, and the 目录 is
rebuilt only when the headings changed.
"""

from __future__ import annotations

import re

from ..parsing.model import Kind
from .marks import plain
from .model import Art, Head, Model, Raw
from .newtext import HEAD_LABEL


def _indent_of(orig: str | None, default: str) -> str:
    """The indentation of the line a unit came from, or the law's usual one."""
    if orig is None:
        return default
    return orig[: len(orig) - len(orig.lstrip(" \u3000\t"))]


def _toc_lines(m: Model) -> list[str] | None:
    """The 目录 for the final headings, or None when it needs no change."""
    if m.toc_range is None:
        return None
    heads = [e for e in m.body if isinstance(e, Head)]
    unchanged = heads == m.orig_heads and all(h.label == h.orig_label and h.title == h.orig_title
                                              for h in heads)
    if unchanged:
        return None
    listed = {h.kind for h in m.orig_heads if id(h) in m.toc_entry}
    indent: dict[Kind, str] = {}
    for h in m.orig_heads:
        line = m.toc_entry.get(id(h))
        if line is not None:
            indent.setdefault(h.kind, line[: len(line) - len(line.lstrip(" \u3000\t"))])
    out = []
    for h in heads:
        if h.kind not in listed:
            continue
        line = m.toc_entry.get(id(h))
        if line is not None and h.title == h.orig_title:
            out.append(line.replace(h.orig_label, h.label, 1) if h.orig_label else line)
        else:
            out.append(f"{indent.get(h.kind, '')}{h.label}{h.sep if h.title else ''}{h.title}")
    first, last = m.toc_range
    spaced = any(not ln.strip() for ln in m.head_lines[first:last + 1])
    return [x for ln in out for x in ([ln, ""] if spaced else [ln])][: (2 * len(out) - 1) if spaced else None]


def render(m: Model) -> str:
    """The model as the consolidated text, the marks removed."""
    toc = _toc_lines(m)
    if toc is not None:
        first, last = m.toc_range
        m.head_lines[first:last + 1] = toc
    lines: list[str] = []
    lines.extend(m.head_lines)
    body: list[str] = [_indent_of(p.orig, m.indent) + p.text for p in m.intro if plain(p.text)]
    for e in m.body:
        if isinstance(e, Raw):
            body.extend(e.lines)
        elif isinstance(e, Head):
            if e.orig is not None and e.title == _orig_title(e):
                body.append(e.orig.rstrip())
            else:
                body.append(f"{e.md}{e.label}{e.sep if e.title else ''}{e.title}")
        else:
            body.extend(_render_article(e, m))
    if m.fmt == "markdown" or m.sep_lines == "\n\n":
        text = "\n".join(m.head_lines)
        text = text + ("\n\n" if text else "") + "\n\n".join(body) + "\n"
        return plain(text)
    text = "\n".join(m.head_lines)
    text = text + ("\n" if text else "") + "\n".join(body) + "\n"
    return plain(text)


def _orig_title(h: Head) -> str:
    """The title a heading line of the old text shows (its spacing normalised)."""
    if h.orig is None:
        return ""
    s = h.orig.strip()
    s = re.sub(r"^#{1,6}\s+", "", s)
    m = HEAD_LABEL.match(s)
    t = m.group(3) if m else s
    parts = t.split()
    if len(parts) > 1 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return " ".join(parts)


def _render_article(a: Art, m: Model) -> list[str]:
    """The lines of one article."""
    out: list[str] = []
    art_indent = _indent_of(a.orig, getattr(m, "art_indent", ""))
    for k, p in enumerate(a.paras):
        text = p.text
        if k == 0:
            sep = a.sep if a.sep.strip() == "" else " "
            if not sep and m.fmt == "markdown":
                sep = " "
            line = f"{art_indent}{a.label}{sep if plain(text) else ''}{text}"
            out.append(line.rstrip())
        elif text:
            out.append(_indent_of(p.orig, m.indent) + text)
        for it in p.items:
            out.append(_indent_of(it.orig, m.indent) + it.head + it.text)
            for s in it.subs:
                out.append(_indent_of(s.orig, m.indent) + s.head + s.text)
    if not a.paras:
        out.append(f"{art_indent}{a.label}")
    out.extend(n.rstrip() for n in a.notes)
    return out
