"""amend: reading an amendment act and applying it to the law it amends.

Reading an act (`parse_act`), step by step:

    paragraphs     the act's logical paragraphs, and its quotation marks
    units          paragraphs → instruction units (item number, law, quoted text)
    targets        the places an instruction names (第五条第二款 → Target), new numbers
    clauses        one unit → operations: the table of instruction patterns and readers
    passes         what one instruction's operations say together (stated places, an
                   added 款 inside a replacement, text not given whole → refused)
    instructions   the records read: Target, Op, Instruction, ActPart, Act; law_key
    act            parse_act, joining the steps

Applying it (`apply_act`):

    model          the editable model of the law: headings, articles, 款, 项, 目
    marks          the marks around the act's own text;  punctuation: what edits leave
    newtext        the act's quoted text as model units; unit labels
    editor         what every operation shares: state, log, look-ups by old number
    edit_phrases, edit_units, edit_headings, edit_structure   the operations by kind
    applier        the operations combined, and the loop that applies them
    renumber       finalising: placing, numbering again;  rewrite_refs: the citations
    render         the result as text;  result: Result and LogEntry
    apply          the entry points

Checking it:  reconcile   `check_result` against the re-published text, and
`explainer` for the notes of a 修改对照表.

The public names are looked up lazily, as `lawcli` itself does: `lawcli.amend`
is imported by the CLI's commands only when one runs, and even then a caller
that needs `law_key` alone should not load the applier.

    >>> from lawcli.amend import apply_act, check_result, parse_act
"""

from __future__ import annotations

__all__ = ["parse_act", "law_key", "Act", "ActPart", "Instruction", "Op", "Target",
           "apply_act", "apply_to_document", "Result", "LogEntry",
           "check_result", "explainer", "Check", "CheckRow", "Fragment"]

_INSTRUCTIONS = {"law_key", "Act", "ActPart", "Instruction", "Op", "Target"}
_RESULT = {"Result", "LogEntry"}
_RECONCILE = {"check_result", "explainer", "Check", "CheckRow", "Fragment"}


def __getattr__(name: str):
    if name == "parse_act":
        from .act import parse_act

        return parse_act
    if name in _INSTRUCTIONS:
        from . import instructions

        return getattr(instructions, name)
    if name in ("apply_act", "apply_to_document"):
        from . import apply

        return getattr(apply, name)
    if name in _RESULT:
        from . import result

        return getattr(result, name)
    if name in _RECONCILE:
        from . import reconcile

        return getattr(reconcile, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
