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

from .clauses import read_ops
from .instructions import Act, ActPart, Instruction, Op, Target, law_key
from .paragraphs import Q, paragraphs, quote_state, split_quotes, starts_quote
from .passes import inserts_first, refusals, within_replacement
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
        ops = refusals(unit, _template(unit), within_replacement(inserts_first(ops)))
        out.append(Instruction(unit.item, full, unit.line, tuple(ops)))
    return tuple(out)
