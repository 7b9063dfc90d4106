"""Reading an amendment act (修改决定, 修正案): its parts, items and instructions.

An act is a list of numbered paragraphs written in a small, very regular language
(将第X条修改为：“…”; 在“A”后增加“B”; 删去第X条 …).  Quoted replacement text may run
over several paragraphs, each opened with “ and only the last one closed.  Reading
is done in two steps so that each stays simple:

1. paragraphs → *instruction units* (`units`): one paragraph of the act's own
   language plus the quoted text it carries, with its item number (一、 / （一） / 1.)
   and the law it belongs to (one part per amended law in a multi-law act);
2. each unit → operations (`clauses`): the quotes are replaced by a placeholder, and
   the remaining "template" is read clause by clause with a table of anchored
   patterns, a current article being carried from clause to clause
   (将第五条改为第六条，其中的“A”修改为“B”).

A clause that cannot be read becomes an `Op` of kind "unknown": the applier logs it
as failed, so nothing in an act is ever ignored silently.  This module joins the
steps; the records they produce are in `instructions`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .clauses import read_ops
from .instructions import Act, ActPart, Instruction, Op, Target, law_key
from .paragraphs import Q, paragraphs, quote_state, split_quotes, starts_quote
from .units import Unit, UnitReader, law_of_title


def parse_act(text: str) -> Act:
    """Read an act's text (Markdown mirror or plain text) into parts and instructions."""
    title, paras = paragraphs(text)
    default_law = law_of_title(title)
    reader = UnitReader(default_law).read(paras)
    out_parts = []
    renumbered = {law_key(x) for x in reader.renumber_laws if x}
    for law, us in reader.parts:
        own = law in reader.renumber_laws or (law is not None and law_key(law) in renumbered)
        out_parts.append(ActPart(law, _instructions(us, law), own))
    if not out_parts:
        out_parts.append(ActPart(default_law, ()))
    return Act(title, tuple(out_parts), reader.renumber, tuple(reader.closing))


def _q_texts(unit: Unit) -> list[list[str]]:
    """Every quotation of the unit as a list of paragraphs."""
    _, quotes = split_quotes(unit.text)
    texts = [[q] for q in quotes]
    if unit.extra and _quote_follows(unit.text):
        texts.append([])  # the quotation begins in the next paragraph (修改为：⏎“…)
    if unit.extra:
        paras = texts[-1] + [e[1:] if starts_quote(e) else e for e in unit.extra]
        for k in range(len(paras)):
            # The mark that closes the quotation (and what follows it): a ” with no “ to
            # match it inside the paragraph (…简称“数据局”。 keeps its own marks).
            text = paras[k].rstrip()
            m = re.search(r"[”\"][。；;，,]?$", text)
            if not m:
                continue
            body = text[:m.start()]
            closes = body.count("“") == body.count("”") if text[m.start()] == "”" else body.count('"') % 2 == 0
            if closes:
                paras[k] = body
        texts[-1] = paras
    if unit.bare:
        texts.append(list(unit.bare))
    return texts


def _quote_follows(text: str) -> bool:
    """The paragraph announces a quotation it does not hold (修改为：⏎“…”): its text is
    all in the next paragraphs.  (One that ends inside a quotation, or right after a closed
    one, is continued by them instead.)"""
    depth, ascii_open = quote_state(text, 0, False)
    if depth > 0 or ascii_open:
        return False
    tmpl, _ = split_quotes(text)
    return Q not in tmpl or re.search(r"[：:]\s*$", tmpl) is not None


def _template(unit: Unit) -> str:
    tmpl, _ = split_quotes(unit.text)
    if unit.extra and _quote_follows(unit.text):
        tmpl = tmpl.rstrip() + Q
    if unit.bare:
        tmpl = tmpl.rstrip() + Q
    return tmpl


def _instructions(units: list[Unit], law: str | None) -> tuple[Instruction, ...]:
    out = []
    ctx: Target | None = None
    prev_item = None
    for unit in units:
        if unit.item != prev_item or unit.item == "-":
            ctx = None
        prev_item = unit.item
        full = unit.text + "".join("\n" + e for e in unit.extra) + "".join("\n" + b for b in unit.bare)
        try:
            ops, ctx = read_ops(_template(unit), _q_texts(unit), law, ctx)
        except (ValueError, IndexError, KeyError, TypeError):
            ops, ctx = [Op("unknown", clause=unit.text[:80])], None  # logged as failed
        ops = refusals(unit, within_replacement(inserts_first(ops)))
        out.append(Instruction(unit.item, full, unit.line, tuple(ops)))
    return tuple(out)


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


def refusals(unit: Unit, ops: list[Op]) -> list[Op]:
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
                and not unit.extra and not unit.bare and Q not in _template(unit):
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
