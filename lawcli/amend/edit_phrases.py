"""Phrase edits: replacing, inserting, appending and deleting words inside the text
(将“A”修改为“B”, 在“A”后增加“B”, 在最后增加“…”, 删去“A”).

They work on the text slots a target names, wherever the phrase occurs, and leave
the structure alone; the punctuation the act implies is added or removed here.
"""

from __future__ import annotations

from .editor import Editor
from .instructions import Instruction, Op
from .marks import find_all, plain, protect
from .model import Fail, addr, art_text
from .punctuation import ADVERBIAL, CONNECTIVE, PUNCT, delete_span, edit_slots, edit_slots_at_once, tidy


class PhraseEdits(Editor):
    """The operations on words."""

    def op_replace_phrase(self, ins: Instruction, op: Op, target: str) -> None:
        """将（第X条中的）“A”修改为“B”: every occurrence in the places named."""
        new = op.new[0] if op.new else ""
        total, missing, arts_all, tidied = 0, [], [], []
        for t in op.targets or [None]:
            if t is None:
                raise Fail("no article named for the phrase")
            slots, arts = self._slots(t)
            before = [plain(getattr(obj, attr)) for obj, attr in slots]
            counts = edit_slots_at_once(slots, list(op.old),
                                        lambda text, s, e: (text[:s] + protect(new) + text[e:], None), tidied)
            for old, n in counts.items():
                if n == 0 and not any(old in b for b in before):  # (not only inside a longer one listed)
                    missing.append(f"“{old}” not in {addr(t)}")
                total += n
            arts_all.extend(arts if t.scope != "all" else [a for a in arts if new and new in plain(art_text(a))])
        note = f"{total} occurrence(s)" + (f"; doubled “{''.join(tidied)}” removed" if tidied else "")
        if missing:
            self._log(ins, op, target, "failed", "; ".join(missing), "、".join(op.old), new, note, arts_all)
        else:
            self._log(ins, op, target, "applied", None, "、".join(op.old), new, note, arts_all)

    def op_insert_phrase_after(self, ins: Instruction, op: Op, target: str, before: bool = False) -> None:
        """在“A”后（前）增加“B”, with the 、 or ， the insertion implies."""
        anchor, new = op.old[0], op.new[0]
        if not op.targets:
            raise Fail("no article named for the phrase")
        slots, arts = self._slots(op.targets[0])
        n, implied = 0, None
        for obj, attr in slots:
            text = getattr(obj, attr)
            spans = find_all(text, anchor)
            for s, e in reversed(spans):
                if before:
                    ins_text = new
                    text = text[:s] + protect(ins_text) + text[s:]
                else:
                    view_after = plain(text[e:])[:1]
                    ins_text = new
                    if new[:1] in PUNCT or CONNECTIVE.match(new):
                        pass
                    elif view_after == "、":
                        ins_text = "、" + new  # inside an enumeration
                        implied = "、"
                    elif view_after == "" or view_after in PUNCT:
                        ins_text = "，" + new
                        implied = "，"
                    elif ADVERBIAL.match(new):
                        pass  # 应当 + 依法 …
                    else:
                        ins_text = "、" + new  # a noun joins the one before it: 商业秘密、个人隐私
                        implied = "、"
                    text = text[:e] + protect(ins_text) + text[e:]
            if spans:
                text, _ = tidy(text)
                setattr(obj, attr, text)
                n += len(spans)
        if n == 0:
            raise Fail(f"“{anchor}” not in {target}")
        self._log(ins, op, target, old=anchor, new=new,
                  note=f"{n} place(s)" + (f"; implied “{implied}” added" if implied else ""), arts=arts)

    def op_insert_phrase_before(self, ins: Instruction, op: Op, target: str) -> None:
        """在“A”前增加“B”."""
        self.op_insert_phrase_after(ins, op, target, before=True)

    def op_append_text(self, ins: Instruction, op: Op, target: str) -> None:
        """在第X条（第X款）最后增加“…”."""
        if not op.targets:
            raise Fail("no article named")
        t = op.targets[0]
        a = self._art(t)
        p = self._para(a, t.paragraph) if t.paragraph else a.paras[-1]
        new = "".join(op.new)
        if p.items and not t.sentence:
            it = p.items[-1]
            it.text = it.text + protect(new)
        else:
            p.text = p.text + protect(new)
        self._log(ins, op, target, new=new, arts=[a])

    def op_delete_phrase(self, ins: Instruction, op: Op, target: str) -> None:
        """删去（第X条中的）“A”, with the punctuation that only made sense with it."""
        total, missing, arts_all, notes = 0, [], [], []
        for t in op.targets or [None]:
            if t is None:
                raise Fail("no article named for the phrase")
            slots, arts = self._slots(t)
            arts_all.extend(arts)
            for old in _longest_first(op.old):
                n = edit_slots(slots, old, lambda text, s, e, old=old: delete_span(text, s, e, old), notes)
                if n == 0:
                    missing.append(f"“{old}” not in {addr(t)}")
                total += n
        note = f"{total} occurrence(s)" + (f"; implied punctuation removed: {' '.join(sorted(set(notes)))}" if notes else "")
        self._log(ins, op, target, "failed" if missing else "applied", "; ".join(missing) or None,
                  "、".join(op.old), None, note, arts_all)


def _longest_first(olds: tuple[str, ...]) -> list[str]:
    """Phrases listed in one clause are edited at once, the longest first: in
    “部门”“主管部门”修改为“主管机关、单位” the 部门 of 主管部门 is part of the longer one."""
    return sorted(olds, key=len, reverse=True)
