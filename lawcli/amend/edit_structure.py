"""Moves, merges and splits: articles and 款 that change place or number.

These edits change no words; they record what finalising needs to number the
result (`Art.hint`, `Art.pending`, `merged_into`) and place what moved.
"""

from __future__ import annotations

from ..text.numerals import article_key, split_key
from .editor import Editor
from .instructions import Instruction, Op
from .model import Art, Fail, art_name, art_text, para_text
from .newtext import parse_paras, split_articles, strip_article_label


class StructureEdits(Editor):
    """The operations on the order and grouping of units."""

    def op_replace_split(self, ins: Instruction, op: Op, target: str) -> None:
        """将第十条修改为两条，作为第十条、第十一条：“…” — the first keeps the article's place."""
        a = self._art(op.targets[0] if op.targets else None)
        groups = split_articles(list(op.new), op.count)
        if len(groups) != op.count:
            raise Fail(f"{op.count} articles announced, {len(groups)} quoted")
        old = art_text(a)
        a.paras = parse_paras(strip_article_label(groups[0]))
        a.structural = True
        k = self.m.body.index(a)
        added = []
        for j, g in enumerate(groups[1:], 1):
            new = Art("", "", self.m.art_sep, parse_paras(strip_article_label(g)), fresh=True)
            if j < len(op.numbers):
                new.pending = op.numbers[j]
            elif not self.renumber_ordered:
                base, sub = split_key(a.key)
                new.pending = article_key(base, sub + j)
            new.anchored = True
            self.m.body.insert(k + j, new)
            added.append(new)
        self.structure_changed = True
        self._log(ins, op, target, old=old, new="\n".join(art_text(x) for x in [a] + added), arts=[a] + added)

    def op_renumber(self, ins: Instruction, op: Op, target: str) -> None:
        """将第X条改为第Y条: the number the act expects, checked when finalising."""
        a = self._art(op.targets[0] if op.targets else None)
        if op.numbers:
            a.hint = op.numbers[0]
        self.structure_changed = True
        self._log(ins, op, target, note=f"the act numbers it {art_name(op.numbers[0])}" if op.numbers else None)

    def op_move_unit(self, ins: Instruction, op: Op, target: str) -> None:
        """将第三款改为第四款: the 款 (or 项) takes that place among the current ones."""
        t = op.targets[0] if op.targets else None
        if t is None or not op.numbers:
            raise Fail("which 款 or 项 moves where is not said")
        a = self._art(t)
        to = int(op.numbers[0]) - 1
        if t.item is not None:
            p = self._items_para(a, t)
            unit, seq = self._item(p, t.item, a), p.items
            p.relabel = True
        elif t.paragraph is not None:
            unit, seq = self._para(a, t.paragraph), a.paras
        else:
            raise Fail("which 款 or 项 moves is not said")
        k = seq.index(unit)
        if not 0 <= to < len(seq):
            raise Fail(f"{a.label} has no place {to + 1} for it")
        note = "already in place" if k == to else f"moved from place {k + 1}"
        if k != to:
            seq.pop(k)
            seq.insert(to, unit)
            a.structural = True
        self._log(ins, op, target, note=note, arts=[a] if k != to else [])

    def op_note(self, ins: Instruction, op: Op, target: str) -> None:
        """A statement of a 款/项's or heading's new number: logged, nothing to do."""
        self._log(ins, op, target, note="the act states a 款/项's new number; it follows from the other changes")

    def op_within(self, ins: Instruction, op: Op, target: str) -> None:
        """An added 款/项/目 whose text is in the replacement the same instruction makes."""
        self._log(ins, op, target, note="its text is part of the new text this instruction gives the unit that holds it")

    def op_split(self, ins: Instruction, op: Op, target: str) -> None:
        """将第X条第Y款单列一条（作为第Z条）: the 款 waits for its place."""
        t = op.targets[0] if op.targets else None
        if t is None or t.paragraph is None:
            raise Fail("which 款 becomes an article is not said")
        a = self._art(t)
        p = self._para(a, t.paragraph)
        a.paras.remove(p)
        a.structural = True
        new = Art("", "", a.sep, [p], old_key=None, source=a, structural=True)
        new.pending = op.numbers[0] if op.numbers else None
        self.m.extra.append(new)
        self.structure_changed = True
        self._log(ins, op, target + (f" → {art_name(new.pending)}" if new.pending else ""),
                  old=para_text(p), arts=[a, new])

    def op_merge(self, ins: Instruction, op: Op, target: str) -> None:
        """将第X条、第Y条合并: the first takes the others' 款."""
        arts = [self._art(t) for t in op.targets]
        if len(arts) < 2:
            raise Fail("a merge needs two articles")
        keep = arts[0]
        keep.structural = True
        for other in arts[1:]:
            keep.paras.extend(other.paras)
            self._remove(other)
            other.merged_into = keep
            self.merged.append(other)
        if op.numbers:
            keep.hint = op.numbers[0]
        self.structure_changed = True
        self._log(ins, op, target, arts=arts)

    def op_move(self, ins: Instruction, op: Op, target: str) -> None:
        """将第X条移至第Y条后（前）."""
        a = self._art(op.targets[0] if op.targets else None)
        anchor = self.m.find(op.numbers[0]) if op.numbers else None
        if anchor is None:
            raise Fail("where to move the article is not said")
        self.m.body.remove(a)
        k = self.m.body.index(anchor)
        self.m.body.insert(k + (1 if op.count else 0), a)
        self.structure_changed = True
        self._log(ins, op, target, arts=[a])
