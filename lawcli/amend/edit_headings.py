"""Headings: the law's title, and its 编, 章 and 节 renamed, inserted, deleted or
merged.

Headings are numbered again when finalising (a merged chapter's number goes); here
they are only found by their old numbers, edited and placed.
"""

from __future__ import annotations

import re

from ..parsing.model import Kind
from ..text.numerals import to_chinese
from .editor import Editor
from .instructions import Instruction, Op
from .model import Art, Fail, Head, Raw, heading_level
from .newtext import HEAD_LABEL, parse_paras, split_articles, strip_article_label


class HeadingEdits(Editor):
    """The operations on headings and the title."""

    def op_chapter_merge(self, ins: Instruction, op: Op, target: str) -> None:
        """将第二章并入第一章: the heading goes, its articles join the chapter before them."""
        src, dst = op.targets
        if (src.part, src.chapter, src.section) == (dst.part, dst.chapter, dst.section):
            raise Fail("a chapter cannot be merged into itself")
        if src.section:
            h = self._heading(Kind.SECTION, src.section, src.chapter, src.part)
        else:
            h = self._heading(Kind.CHAPTER, src.chapter, part=src.part)
        if dst.section:
            self._heading(Kind.SECTION, dst.section, dst.chapter, dst.part)
        else:
            self._heading(Kind.CHAPTER, dst.chapter, part=dst.part)
        self.m.body.remove(h)
        self.chapter_changed = True
        if not src.section and h.old_no and dst.chapter and not src.part:
            self.chapters_merged[h.old_no] = dst.chapter
        self._log(ins, op, target, old=h.label + " " + h.title)

    def op_heading_rename(self, ins: Instruction, op: Op, target: str) -> None:
        """将第三章章名修改为“…”."""
        t = op.targets[0]
        kind = Kind.SECTION if t.section else (Kind.CHAPTER if t.chapter else Kind.PART)
        h = self._heading(kind, t.section or t.chapter or t.part, t.chapter if t.section else None,
                          t.part if kind is not Kind.PART else None)
        old = h.title
        new = op.new[0].strip() if op.new else ""
        m = HEAD_LABEL.match(new)
        if m:
            new = m.group(3)
        h.title = new
        h.touched.append(len(self.log))
        self._log(ins, op, target, old=old, new=new)

    def op_heading_delete(self, ins: Instruction, op: Op, target: str) -> None:
        """删去第二章 (its articles with it), or only its 章名."""
        t = op.targets[0]
        kind = Kind.SECTION if t.section else Kind.CHAPTER
        h = self._heading(kind, t.section or t.chapter, t.chapter if t.section else None, t.part)
        k = self.m.body.index(h)
        removed = [h]
        if not op.count:  # the whole chapter, articles included
            j = k + 1
            level = 3 if kind is Kind.CHAPTER else 4
            while j < len(self.m.body):
                e = self.m.body[j]
                if isinstance(e, Head) and heading_level(e.kind) <= level:
                    break
                removed.append(e)
                j += 1
        for e in removed:
            self.m.body.remove(e)
        self.chapter_changed = True
        self.structure_changed = True
        self._log(ins, op, target, old=h.label + " " + h.title,
                  note=f"{sum(isinstance(e, Art) for e in removed)} article(s) removed with it")

    def op_heading_insert(self, ins: Instruction, op: Op, target: str) -> None:
        """增加一章，作为第四章：“第四章　…” with the articles quoted after the heading."""
        lines = [ln.strip() for ln in op.new if ln.strip()]
        if not lines:
            raise Fail("no text for the new heading")
        unit = op.old[0] if op.old else "章"
        kind = Kind.SECTION if unit == "节" else Kind.CHAPTER
        m = HEAD_LABEL.match(lines[0])
        title = m.group(3) if m else lines[0]
        proto = next((e for e in self.m.body if isinstance(e, Head) and e.kind is kind), None)
        h = Head(kind, None, "", title, None, None, proto.md if proto else "", proto.sep if proto else " ",
                 fresh=True)
        arts: list[Art] = []
        for g in split_articles(lines[1:], 0) if len(lines) > 1 else []:
            arts.append(Art("", "", self.m.art_sep, parse_paras(strip_article_label(g)), fresh=True))
        num = int(op.numbers[0]) if op.numbers and op.numbers[0] else None
        if kind is Kind.SECTION and op.numbers and op.numbers[1]:
            num = int(op.numbers[1])
        pos = len(self.m.body)
        if op.targets:
            after = self._heading(Kind.CHAPTER, op.targets[0].chapter)
            k = self.m.body.index(after) + 1
            while k < len(self.m.body) and not (isinstance(self.m.body[k], Head) and
                                                heading_level(self.m.body[k].kind) <= 3):
                k += 1
            pos = k
        elif num:
            try:
                nxt = self._heading(kind, num)
                pos = self.m.body.index(nxt)
            except Fail:
                pos = len(self.m.body)
                while pos > 0 and isinstance(self.m.body[pos - 1], Raw):
                    pos -= 1
        for k, e in enumerate([h] + arts):
            self.m.body.insert(pos + k, e)
            if isinstance(e, Art):
                e.anchored = True
        self.chapter_changed = True
        self.structure_changed = True
        self._log(ins, op, f"第{to_chinese(num)}{unit}" if num else unit, new=title,
                  note=f"with {len(arts)} article(s)", arts=arts)

    def op_title_rename(self, ins: Instruction, op: Op, target: str) -> None:
        """将本条例名称修改为“…”: the title line of the head."""
        new = (op.new[0] if op.new else "").strip().strip("《》«»")
        if not new:
            raise Fail("no new title given")
        for k, line in enumerate(self.m.head_lines):
            if line.strip():
                m = re.match(r"(\s*#\s+)?(.*)$", line)
                old = m.group(2)
                self.m.head_lines[k] = (m.group(1) or "") + new
                self._log(ins, op, "名称", old=old, new=new)
                return
        raise Fail("the old text has no title line")
