"""What the operations of one instruction say together, read after its clauses.

The clause reader sees one clause at a time; some facts need the whole instruction:
the places it states are the places after all of it (`inserts_first`), an added 款
may be part of the text it gives its article (`within_replacement`), and its text
may not be whole — a quotation never closed, an empty one, an announced text that
never comes (`refusals`).  Each pass takes the operations in the act's order and
returns them, changed only where its rule applies.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .instructions import Op, Target
from .paragraphs import Q, split_quotes
from .units import Unit

_ADDS = {"insert_paragraph": "paragraph", "insert_item": "item", "insert_subitem": "subitem"}


def inserts_first(ops: list[Op]) -> list[Op]:
    """将第三款改为第三款，增加一款作为第二款 — the places an instruction states are the
    places after all of it: a 款 or 项 that moves to a place the instruction's own new
    款/项 makes is moved after that one is added (in the act's order it has no such place yet)."""
    out = list(ops)
    for i, op in enumerate(ops):
        if op.op != "move_unit" or not op.targets:
            continue
        art = op.targets[0].article
        later = [j for j in range(i + 1, len(ops)) if ops[j].op in _ADDS and ops[j].targets
                 and ops[j].targets[0].article == art]
        if later:
            out.remove(op)
            out.insert(out.index(ops[later[-1]]) + 1, op)
    return out


def within_replacement(ops: list[Op]) -> list[Op]:
    """在第十二条中增加一款作为第二款，将该条修改为：“…” — the added 款 (项, 目) has no
    text of its own: it is part of the new text of the unit that holds it, which the
    same instruction replaces.  Such an addition is done by that replacement."""
    out = list(ops)
    for i, op in enumerate(ops):
        if op.op not in _ADDS or op.new or not op.targets:
            continue
        t = op.targets[0]
        for later in ops[i + 1:]:
            if later.op == "replace" and later.new and later.targets and _holds(later.targets[0], t, _ADDS[op.op]):
                out[i] = replace(op, op="within")
                break
    return out


def _holds(whole: Target, t: Target, level: str) -> bool:
    """Does replacing `whole` replace the unit in which `t` adds a `level`?"""
    if whole.article != t.article or whole.sentence or whole.clause:
        return False
    if level == "paragraph":
        return whole.paragraph is None
    if level == "item":
        return whole.paragraph in (None, t.paragraph) and whole.item is None
    return whole.paragraph in (None, t.paragraph) and whole.item in (None, t.item) and whole.subitem is None


#: Operations whose quotation is the text they write.
_WRITES = {"replace", "replace_split", "replace_phrase", "insert_article", "insert_paragraph",
           "insert_item", "insert_subitem", "insert_phrase_after", "insert_phrase_before",
           "append_text", "title_rename", "heading_rename", "heading_insert"}

_UNCLOSED = {
    "end": "the quotation is never closed: the act ends inside it (a cut or truncated act?)",
    "next": "the quotation is never closed: the next instruction begins inside it",
}


def refusals(unit: Unit, template: str, ops: list[Op]) -> list[Op]:
    """The operations the act does not give whole, turned into refusals with the reason:
    a quotation never closed, an empty text, an instruction that announces a text
    (修改为：) the act does not hold.  Applying them would write a fragment or empty a
    provision and call it done."""
    out = []
    for op in ops:
        reason = ""
        if unit.unclosed and op.op in _WRITES | {"unknown"}:
            reason = _UNCLOSED[unit.unclosed]
        elif op.op in _WRITES and op.new and not "".join(op.new).strip():
            reason = "the act's text for this instruction is empty (“”)"
        elif op.op == "unknown" and re.search(r"(?:修改为|如下|作为第\S{1,12}?|增加\S{1,4})[：:]?\s*$", unit.text) \
                and not unit.extra and not unit.bare and Q not in template:
            reason = "the instruction announces a text that does not follow (the act ends or the next item begins)"
        if reason and not op.targets:
            op = replace(op, targets=_named(unit.text))
        out.append(replace(op, op="refused", reason=reason) if reason else op)
    return out


def _named(text: str) -> tuple[Target, ...]:
    """The first provision an unread instruction names (将第五条修改为： → 第五条), so that
    its refusal says what it would have changed."""
    from .targets import N, parse_targets

    tmpl, _ = split_quotes(text)
    m = re.search(rf"第{N}条(?:之{N})?(?:第{N}款)?(?:第[（(]?{N}[）)]?项)?", tmpl)
    return tuple(parse_targets(m.group(0), None)[:1]) if m else ()
