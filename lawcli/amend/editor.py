"""What every operation of the applier shares: the model, the log, the act's
flags, and finding a unit of the old text by its old number.

The operations themselves are grouped by kind in the edit_* modules, as mixins of
`Editor`; `applier.Applier` combines them.  Look-ups raise `Fail` with a message
for the log when the act names something the law does not have.
"""

from __future__ import annotations

from typing import Iterable

from ..parsing.model import Kind
from ..text.numerals import to_chinese
from .instructions import ActPart, Instruction, Op, Target
from .marks import plain, sentence_span
from .model import Art, Fail, Head, Item, Model, Para, art_slots
from .result import LogEntry


class Editor:
    """The state of applying one part of an act to the model."""

    def __init__(self, model: Model, part: ActPart, renumber: bool):
        self.m = model
        self.m.extra = []  # articles waiting for their place (增加一条，作为第N条; 单列一条)
        self.merged: list[Art] = []  # articles merged into another
        self.part = part
        self.renumber_ordered = renumber
        self.log: list[LogEntry] = []
        self.chapter_changed = False
        self.structure_changed = False
        self.chapters_merged: dict[int, int] = {}  # old chapter → the old chapter it joined
        self.notes: list[str] = []

    # logging
    def _log(self, ins: Instruction, op: Op, target: str, status: str = "applied", reason: str | None = None,
             old: str | None = None, new: str | None = None, note: str | None = None,
             arts: Iterable[Art] = ()) -> None:
        self.log.append(LogEntry(ins.item, ins.line, op.op, target, status, reason,
                                 plain(old) if old else old, plain(new) if new else new, note, op.clause))
        for a in arts:
            a.touched.append(len(self.log) - 1)

    def _art(self, t: Target | None) -> Art:
        """The article a target names (by its old number, or as added by the act)."""
        if t is None:
            raise Fail("no article named (and none before it in this item)")
        return self.m.find(t.article)

    def _para(self, a: Art, n: int) -> Para:
        """The 款 of `a` numbered `n` in the old text (by position in text the act wrote)."""
        for p in a.paras:
            if p.old_no == n and not a.fresh:  # a 款 replaced earlier keeps its old number
                return p
        if a.fresh or a.source is not None:
            if 0 < n <= len(a.paras):
                return a.paras[n - 1]
        # a 款 the act itself added earlier, or an article rewritten as a whole: position
        olds = [p for p in a.paras if p.old_no is not None]
        if not olds and 0 < n <= len(a.paras):
            return a.paras[n - 1]
        raise Fail(f"{a.label} has no 第{to_chinese(n)}款")

    def _items_para(self, a: Art, t: Target) -> Para:
        """The 款 that holds the 项 a target names."""
        if t.paragraph:
            return self._para(a, t.paragraph)
        with_items = [p for p in a.paras if p.items]
        if len(with_items) >= 1:
            return with_items[0]
        if len(a.paras) == 1:
            return a.paras[0]
        raise Fail(f"{a.label}: which 款 holds the items is not said")

    def _item(self, p: Para, n: int, a: Art) -> Item:
        """The 项 of `p` numbered `n` in the old text."""
        for it in p.items:
            if it.old_no == n and not it.fresh:
                return it
        if 0 < n <= len(p.items) and all(it.old_no is None for it in p.items):
            return p.items[n - 1]
        raise Fail(f"{a.label} has no 第（{to_chinese(n)}）项 there")

    def _slots(self, t: Target) -> tuple[list[tuple[object, str]], list[Art]]:
        """(object, attribute) pairs holding the text a phrase instruction works on."""
        if t.scope == "intro":
            if not self.m.intro:
                raise Fail("the old text has no 引言 (text before the first article)")
            return [(p, "text") for p in self.m.intro], []
        if t.scope == "all":
            slots: list[tuple[object, str]] = [(p, "text") for p in self.m.intro]
            for a in self.m.pending_or_body():
                slots.extend(art_slots(a))
            for e in self.m.body:
                if isinstance(e, Head):
                    slots.append((e, "title"))
            return slots, self.m.pending_or_body()
        a = self._art(t)
        if t.paragraph is None and t.item is None:
            return art_slots(a), [a]
        p = self._items_para(a, t) if t.paragraph is None else self._para(a, t.paragraph)
        if t.item is not None:
            it = self._item(p, t.item, a)
            if t.subitem is not None:
                subs = [s for s in it.subs if s.old_no == t.subitem]
                if not subs:
                    raise Fail(f"{a.label}: no 第{to_chinese(t.subitem)}目")
                return [(subs[0], "text")], [a]
            return [(it, "text")] + [(s, "text") for s in it.subs], [a]
        if t.sentence:
            return [(p, "text")], [a]
        out: list[tuple[object, str]] = [(p, "text")]
        for it in p.items:
            out.append((it, "text"))
            out.extend((s, "text") for s in it.subs)
        return out, [a]

    def _clause_holder(self, a: Art, t: Target) -> Para | Item:
        """The 款 or 项 whose sentences a target's 第X句 counts."""
        p = self._para(a, t.paragraph or 1) if t.paragraph or t.item is None else self._items_para(a, t)
        if t.item is not None:
            return self._item(p, t.item, a)
        return p

    def _swap_sentence(self, a: Art, t: Target, new: str, where: str) -> str:
        """Put `new` in place of the sentence t.clause names (delete: an empty protected
        span); returns the old sentence."""
        obj = self._clause_holder(a, t)
        span = sentence_span(obj.text, t.clause)
        if span is None:
            raise Fail(f"{where}: there is no such sentence")
        old = plain(obj.text[span[0]:span[1]])
        obj.text = obj.text[:span[0]] + new + obj.text[span[1]:]
        return old

    def _new_heading(self, line: str) -> Head:
        """A 章/节 heading the act's text holds (第五章　法律责任), in the law's layout."""
        from .newtext import HEAD_LABEL

        m = HEAD_LABEL.match(line.strip())
        kind = {"编": Kind.PART, "节": Kind.SECTION}.get(m.group(2) if m else "", Kind.CHAPTER)
        proto = next((e for e in self.m.body if isinstance(e, Head) and e.kind is kind), None)
        self.chapter_changed = True
        return Head(kind, None, "", m.group(3) if m else line.strip(), None, None,
                    proto.md if proto else "", proto.sep if proto else " ", fresh=True)

    def _remove(self, a: Art) -> None:
        """Deleted articles stay in the body, marked, until finalising: a law that is not
        renumbered keeps their number with （删去）, as the consolidated 刑法 does."""
        if a in self.m.extra:
            self.m.extra.remove(a)
        a.deleted = True

    def _heading(self, kind: Kind, number: int | None, within: int | None = None,
                 part: int | None = None) -> Head:
        """The 编/章/节 numbered `number` in the old text (a 节 within chapter `within`)."""
        chapter = cur_part = None
        for e in self.m.body:
            if isinstance(e, Head) and e.kind is Kind.PART:
                cur_part = e.old_no
            if isinstance(e, Head) and e.kind is Kind.CHAPTER:
                chapter = e.old_no
            if isinstance(e, Head) and e.kind is kind and e.old_no == number and not e.fresh:
                if (within is None or kind is not Kind.SECTION or chapter == within) and \
                        (part is None or cur_part == part):
                    return e
        raise Fail(f"the old text has no 第{to_chinese(number or 0)}{'章' if kind is Kind.CHAPTER else '节'}")
