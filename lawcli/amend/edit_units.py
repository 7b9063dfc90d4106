"""Units replaced, deleted and inserted: articles, 款, 项 and 目.

An article or 款 replaced keeps its old number (later instructions still address it
by that), an added one waits with the number the act gives it (`Art.pending`) until
finalising; the punctuation that ends a list of 项 is carried over as the act
implies it.
"""

from __future__ import annotations

import re

from ..text.numerals import article_key, split_key, to_chinese
from .editor import Editor
from .instructions import Instruction, Op, Target
from .marks import CLOSE, OPEN, plain, protect, replace_terminal, terminal, with_terminal
from .model import Art, Fail, Item, Para, addr, art_name, art_text, para_text
from .newtext import ITEM_LABEL, SUB_LABEL, parse_paras, relabel, split_articles, strip_article_label


class UnitEdits(Editor):
    """The operations on whole units."""

    def op_replace(self, ins: Instruction, op: Op, target: str) -> None:
        """将第X条（第X款、第X项、第X句、引言）修改为：“…”."""
        if not op.targets:
            raise Fail("nothing named to replace")
        if not op.new:
            raise Fail("no replacement text found")
        t = op.targets[0]
        if t.scope == "intro":
            self._replace_intro(ins, op, target)
            return
        a = self._art(t)
        lines = strip_article_label(list(op.new))
        if t.clause is not None:
            old = self._swap_sentence(a, t, protect(lines[0].strip()), target)
            self._log(ins, op, target, old=old, new=lines[0].strip(), arts=[a])
            return
        if t.paragraph is None and t.item is None and t.sentence is None:
            old = art_text(a)
            a.paras = parse_paras(lines)
            if op.numbers:  # 对第三十条进行修改，作为第七十条: it goes where the act numbers it
                self.m.body.remove(a)
                a.pending, a.hint = op.numbers[0], op.numbers[0]
                a.head_before = self._new_heading(op.heading) if op.heading else None
                self.m.extra.append(a)
                self.structure_changed = True
            self._log(ins, op, target, old=old, new=art_text(a), arts=[a])
            return
        if t.item is not None:
            self._replace_items(ins, op, target, a, lines)
            return
        if t.sentence is not None:
            p = self._para(a, t.paragraph or 1)
            old = p.text
            p.text = protect(lines[0].strip())
            self._log(ins, op, target, old=old, new=p.text, arts=[a])
            return
        self._replace_paragraphs(ins, op, target, a, lines)

    def _replace_intro(self, ins: Instruction, op: Op, target: str) -> None:
        """The 引言 replaced; a 序言 heading line of it stays."""
        if not self.m.intro:
            raise Fail("the old text has no 引言 (text before the first article)")
        old = "\n".join(plain(p.text) for p in self.m.intro)
        keep = [p for p in self.m.intro if re.fullmatch(r"序\s*言", plain(p.text))]
        self.m.intro = keep + [Para(protect(ln.strip()), fresh=True) for ln in op.new if ln.strip()]
        self._log(ins, op, target, old=old, new="\n".join(op.new))

    def _replace_items(self, ins: Instruction, op: Op, target: str, a: Art, lines: list[str]) -> None:
        """One or more 项 of one 款 replaced by the quoted ones (which may be more or fewer)."""
        t = op.targets[0]
        p = self._items_para(a, t) if t.paragraph is None else self._para(a, t.paragraph)
        targets = [x for x in op.targets if x.article == t.article and x.item is not None]
        olds = [self._item(p, x.item, a) for x in targets]
        groups = _item_groups(lines)
        if not groups:
            raise Fail("no replacement text found")
        k = p.items.index(olds[0])
        last_mark = terminal(olds[-1].text)
        for it in olds:
            p.items.remove(it)
        new_items, notes = _new_items(groups, olds, last_mark)
        for j, it in enumerate(new_items):
            p.items.insert(k + j, it)
        if len(new_items) != len(olds):
            p.relabel = True
        self._log(ins, op, target, old="\n".join(it.label + plain(it.text) for it in olds),
                  new="\n".join(it.label + plain(it.text) for it in new_items),
                  note="; ".join(dict.fromkeys(notes)) or None, arts=[a])

    def _replace_paragraphs(self, ins: Instruction, op: Op, target: str, a: Art, lines: list[str]) -> None:
        """One or more 款 replaced; the first new one keeps the first old one's number."""
        t = op.targets[0]
        nums = [x.paragraph for x in op.targets if x.article == t.article and x.paragraph]
        ps = [self._para(a, n) for n in nums]
        new_ps = parse_paras(lines)
        if len(new_ps) == 1 and len(ps) == 1 and not new_ps[0].items and ps[0].items and \
                terminal(plain(new_ps[0].text)) in ("：", ":"):
            # Only the lead-in of a 款 with items is quoted (it ends with a colon): its items stay.
            new_ps[0].items = ps[0].items
            new_ps[0].relabel = ps[0].relabel
            mark = ""
        else:
            mark = terminal(para_text(ps[-1]))
        if new_ps and not new_ps[-1].items and mark and not terminal(new_ps[-1].text):
            new_ps[-1].text = new_ps[-1].text + mark
        old = "\n".join(para_text(p) for p in ps)
        k = a.paras.index(ps[0])
        for p in ps:
            a.paras.remove(p)
        for j, np_ in enumerate(new_ps):
            np_.old_no = ps[0].old_no if j == 0 else None
            a.paras.insert(k + j, np_)
        self._log(ins, op, target, old=old, new="\n".join(para_text(p) for p in new_ps), arts=[a])

    def op_delete(self, ins: Instruction, op: Op, target: str) -> None:
        """删去第X条（第X款、第X项、第X句）: each target logged on its own."""
        for t in op.targets:
            try:
                self._delete(ins, op, t)
            except Fail as e:
                self._log(ins, op, addr(t), "failed", str(e))

    def _delete(self, ins: Instruction, op: Op, t: Target) -> None:
        a = self._art(t)
        if t.clause is not None:
            old = self._swap_sentence(a, t, OPEN + CLOSE, addr(t))
            self._log(ins, op, addr(t), old=old, arts=[a])
            return
        if t.paragraph is None and t.item is None:
            old = art_text(a)
            self._remove(a)
            self.structure_changed = True
            self._log(ins, op, addr(t), old=old, arts=[a])
            return
        if t.item is not None:
            self._delete_item(ins, op, t, a)
            return
        p = self._para(a, t.paragraph)
        a.paras.remove(p)
        a.structural = True
        self._log(ins, op, addr(t), old=para_text(p), arts=[a])

    def _delete_item(self, ins: Instruction, op: Op, t: Target, a: Art) -> None:
        """A 项 deleted; when it was the last, the one before takes its final mark."""
        p = self._items_para(a, t) if t.paragraph is None else self._para(a, t.paragraph)
        it = self._item(p, t.item, a)
        last = p.items[-1] is it
        mark = terminal(it.text)
        p.items.remove(it)
        p.relabel = True
        a.structural = True
        note = None
        if last and p.items and mark:
            prev = p.items[-1]
            pt = plain(prev.text).rstrip()
            if pt and pt[-1] in "；;，," and pt[-1] != mark:
                prev.text = replace_terminal(prev.text, mark)
                note = f"the item before now ends with “{mark}”"
        self._log(ins, op, addr(t), old=it.label + plain(it.text), note=note, arts=[a])

    def op_insert_article(self, ins: Instruction, op: Op, target: str) -> None:
        """增加一条（作为第N条）, after or before the article named, or at its number."""
        if not op.new:
            raise Fail("no text for the new article")
        groups = split_articles(list(op.new), op.count)
        nums = list(op.numbers)
        new_arts = []
        for k, g in enumerate(groups):
            lines = strip_article_label(g)
            a = Art("", "", self.m.art_sep, parse_paras(lines), fresh=True)
            if k == 0 and op.heading:
                a.head_before = self._new_heading(op.heading)
            if k < len(nums):
                a.pending = nums[k]
            if op.targets and op.targets[0] and op.targets[0].chapter and not op.targets[0].article:
                a.chapter_hint = op.targets[0].chapter
            new_arts.append(a)
        self.structure_changed = True
        if op.targets and op.targets[0] and op.targets[0].article:
            anchor = self._art(op.targets[0])
            where = self.m.body.index(anchor) if anchor in self.m.body else None
            if where is None:
                raise Fail(f"{anchor.label} is not placed in the text")
            pos = where if "before" in op.old else where + 1
            for k, a in enumerate(new_arts):
                if a.pending is None and not self.renumber_ordered and "before" not in op.old:
                    # No renumbering ordered: the new article is numbered 第X条之一 after its anchor.
                    base, sub = split_key(anchor.key)
                    a.pending = article_key(base, sub + 1 + k)
                a.anchored = True
                self.m.body.insert(pos + k, a)
        else:
            if not nums:
                raise Fail("the new article's place is not said (作为第几条)")
            for a in new_arts:
                if "-" in (a.pending or ""):
                    # 作为第X条之一: after the article it follows in number order
                    self._place_by_key(a)
                else:
                    self.m.extra.append(a)
        what = "、".join(f"{art_name(a.pending)}" if a.pending else "?" for a in new_arts)
        self._log(ins, op, what if not op.targets else target + " → " + what,
                  new="\n".join(art_text(a) for a in new_arts), arts=new_arts)

    def _place_by_key(self, a: Art) -> None:
        """A 第X条之一 placed after the last article numbered below it."""
        want = split_key(a.pending)
        arts = self.m.articles()
        prev = None
        for x in arts:
            if x.key and split_key(x.key) < want:
                prev = x
        a.anchored = True
        if prev is None:
            first = arts[0] if arts else None
            self.m.body.insert(self.m.body.index(first) if first else len(self.m.body), a)
        else:
            self.m.body.insert(self.m.body.index(prev) + 1, a)

    def op_insert_paragraph(self, ins: Instruction, op: Op, target: str) -> None:
        """增加一款（作为第N款）, after or before the 款 named, or at the end."""
        if not op.targets or op.targets[0] is None:
            raise Fail("no article named for the new 款")
        t = op.targets[0]
        a = self._art(t)
        new_ps = parse_paras(op.new)
        if op.count > 1 and len(new_ps) != op.count:
            raise Fail(f"{op.count} 款 announced, {len(new_ps)} quoted")
        if not new_ps:
            raise Fail("no text for the new 款")
        if "after" in op.old and t.paragraph:
            pos = a.paras.index(self._para(a, t.paragraph)) + 1
            positions = [pos + k for k in range(len(new_ps))]
        elif "before" in op.old and t.paragraph:
            pos = a.paras.index(self._para(a, t.paragraph))
            positions = [pos + k for k in range(len(new_ps))]
        elif op.numbers:
            positions = [int(n) - 1 for n in op.numbers]
            if len(positions) < len(new_ps):
                positions += [positions[-1] + k for k in range(1, len(new_ps) - len(positions) + 1)]
        else:
            positions = [len(a.paras) + k for k in range(len(new_ps))]
        for pos, p in zip(positions, new_ps):
            if pos > len(a.paras):
                raise Fail(f"{a.label} has only {len(a.paras)} 款: cannot add one as 第{to_chinese(pos + 1)}款")
            a.paras.insert(pos, p)
        self._log(ins, op, target + (f" → 第{'、'.join(to_chinese(p + 1) for p in positions)}款"),
                  new="\n".join(para_text(p) for p in new_ps), arts=[a])

    def op_insert_item(self, ins: Instruction, op: Op, target: str) -> None:
        """增加一项（作为第N项）, the list's final marks adjusted."""
        if not op.targets or op.targets[0] is None:
            raise Fail("no article named for the new 项")
        t = op.targets[0]
        a = self._art(t)
        p = self._items_para(a, Target(article=t.article, paragraph=t.paragraph))
        lines = [ln.strip() for ln in op.new]
        if not lines:
            raise Fail("no text for the new 项")
        new_items = []
        for ln in lines:
            m = ITEM_LABEL.match(ln)
            head = ln[: m.end()] if m else "（一）"
            new_items.append(Item(head, protect(ln[m.end():] if m else ln), fresh=True))
        if "after" in op.old and t.item:
            pos = p.items.index(self._item(p, t.item, a)) + 1
        elif "before" in op.old and t.item:
            pos = p.items.index(self._item(p, t.item, a))
        elif op.numbers:
            pos = int(op.numbers[0]) - 1
        else:
            pos = len(p.items)
        if pos > len(p.items):
            raise Fail(f"{a.label} has only {len(p.items)} 项 there")
        at_end = pos == len(p.items)
        notes = []
        if at_end and p.items:
            prev = p.items[-1]
            end_mark = terminal(prev.text) or "。"
            for it in new_items:
                if not terminal(it.text):
                    it.text = it.text + ("；" if it is not new_items[-1] else end_mark)
                    notes.append(f"implied “{end_mark}”")
            if end_mark == "。":
                prev.text = replace_terminal(prev.text, "；")
                notes.append("the item before now ends with “；”")
        else:
            for it in new_items:
                if not terminal(it.text):
                    it.text = it.text + "；"
                    notes.append("implied “；”")
        for k, it in enumerate(new_items):
            p.items.insert(pos + k, it)
        p.relabel = True
        self._log(ins, op, target + f" → 第（{to_chinese(pos + 1)}）项",
                  new="\n".join(it.label + plain(it.text) for it in new_items),
                  note="; ".join(notes) or None, arts=[a])

    def op_insert_subitem(self, ins: Instruction, op: Op, target: str) -> None:
        """增加一目，作为第三目：“3．…” in the 项 the act names."""
        t = op.targets[0] if op.targets else None
        if t is None or t.item is None:
            raise Fail("which 项 gets the new 目 is not said")
        a = self._art(t)
        p = self._items_para(a, t) if t.paragraph is None else self._para(a, t.paragraph)
        it = self._item(p, t.item, a)
        pos = int(op.numbers[0]) - 1 if op.numbers else len(it.subs)
        if not 0 <= pos <= len(it.subs):
            raise Fail(f"{a.label}: the 项 has only {len(it.subs)} 目")
        proto = it.subs[0].head if it.subs else "1．"
        new_subs = []
        for k, line in enumerate(x.strip() for x in op.new if x.strip()):
            m = SUB_LABEL.match(line)
            head = line[: m.end()] if m else relabel(proto, pos + k + 1)
            body = line[m.end():] if m else line
            if not terminal(body):
                body += "；"
            new_subs.append(Item(head, protect(body), fresh=True))
        if not new_subs:
            raise Fail("no text for the new 目")
        it.subs[pos:pos] = new_subs
        for k, sub in enumerate(it.subs, 1):
            sub.head = relabel(sub.head, k)
        self._log(ins, op, target, new="\n".join(x.label + plain(x.text) for x in new_subs), arts=[a])


def _item_groups(lines: list[str]) -> list[list[str]]:
    """The quotation: one line per item, 目 lines (1．) belonging to the item before."""
    groups: list[list[str]] = []
    for line in lines:
        ls = line.strip()
        if groups and SUB_LABEL.match(ls) and not ITEM_LABEL.match(ls):
            groups[-1].append(ls)
        elif ls:
            groups.append([ls])
    return groups


def _new_items(groups: list[list[str]], olds: list[Item], last_mark: str) -> tuple[list[Item], list[str]]:
    """The quoted items, each taking the label, line and final mark of the old item in
    its place (the last one the old last item's mark); notes say which marks were implied."""
    notes = []
    new_items = []
    for j, g in enumerate(groups):
        s0 = g[0]
        m = ITEM_LABEL.match(s0)
        head = s0[: m.end()] if m else (olds[j].head if j < len(olds) else olds[-1].head)
        body = s0[m.end():] if m else s0
        mark = terminal(olds[j].text) if j < len(olds) else "；"
        if j == len(groups) - 1:
            mark = last_mark
        if mark and not terminal(body):
            notes.append(f"implied “{mark}” kept")
        it = Item(head, protect(with_terminal(body, mark)), fresh=True,
                  old_no=olds[j].old_no if j < len(olds) else None,
                  orig=olds[j].orig if j < len(olds) else olds[-1].orig)
        for sub in g[1:]:
            mm = SUB_LABEL.match(sub)
            it.subs.append(Item(sub[: mm.end()], protect(sub[mm.end():]), fresh=True))
        new_items.append(it)
    return new_items, notes
