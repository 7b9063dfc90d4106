"""Applying an amendment act to a law: the consolidated text and a log of every step.

The entry points: the act is read (`act`), the law copied into an editable model
(`model`), each operation applied by the `applier` (its kinds in the edit_*
modules), the result finalised — placed, renumbered, references rewritten
(`renumber`, `rewrite_refs`) — and rendered in the form of the input (`render`).
Inserted text is bracketed by two private-use marks while the act is applied
(`marks`), so that rewriting never touches the act's own words; the marks are
removed before rendering, and kept in `Result.marked` for the reconciliation.
"""

from __future__ import annotations

from ..parsing.model import Document
from .act import parse_act
from .applier import Applier
from .instructions import Act, ActPart
from .model import Model, marked_text
from .render import render
from .renumber import finalise
from .result import Result


def pick_document(source, act: Act, law: str | None) -> Document:
    """OLD's document: the only one, or (in a gazette issue) the one the act amends."""
    from .instructions import law_key

    docs = source.with_articles() or list(source.documents)
    if len(docs) == 1:
        return docs[0]
    wanted = [p.law for p in ([act.select(law)] if law else act.parts) if p is not None and p.law]
    for name in wanted:
        for d in docs:
            if law_key(d.title) == law_key(name):
                return d
    for d in docs:
        if act.select(law, d.title) is not None and not law:
            return d
    return docs[0]


def _no_part(act: Act, law: str | None, title: str):
    """The usage error for an act with no part for this law: the laws it amends, one a line."""
    from ..errors import UsageError

    head = f"--law {law!r} matches" if law else f"《{title}》 matches"
    return UsageError(f"{head} no law of the act (use --law with a name below); it amends:\n"
                      + "\n".join("  " + name for name in act.laws()))


def apply_act(old_text: str, act_text: str, *, law: str | None = None, name: str = "<old>") -> Result:
    """Apply the act (or its part for `law`) to the old text.  Raises UsageError when
    the act has no part for this law (the message lists the laws it amends)."""
    from ..parsing.source import load_text

    act = parse_act(act_text)
    source = load_text(old_text, name)
    doc = pick_document(source, act, law)
    if not any(p.instructions for p in act.parts):
        from ..errors import InputError

        raise InputError("the act holds no amendment instruction (将第X条修改为… / 删去… / 增加…)")
    part = act.select(law, doc.title)
    if part is None:
        raise _no_part(act, law, doc.title)
    return apply_part(doc, old_text, source.format, act, part)


def apply_to_document(doc: Document, act_text: str, *, law: str | None = None,
                      fmt: str = "plain") -> Result:
    """Apply the act to an already parsed document (no source text at hand: the rendering
    is rebuilt from the tree).  Used to explain a diff with the act behind it."""

    act = parse_act(act_text)
    part = act.select(law, doc.title)
    if part is None:
        raise _no_part(act, law, doc.title)
    phys = [""] * max(doc.end_line, max((n.end_line for n in doc.walk()), default=0))
    for n in doc.walk():
        if n.line and n.raw:
            phys[n.line - 1] = n.raw.split("\n")[0]
    return apply_part(doc, "\n".join(phys), fmt, act, part)


def apply_part(doc: Document, old_text: str, fmt: str, act: Act, part: ActPart) -> Result:
    text = old_text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    model = Model(doc, text.split("\n"), "markdown" if fmt == "markdown" else "plain")
    ap = Applier(model, part, act.renumber or part.renumber)
    ap.run()
    mapping, warnings = finalise(ap)
    out = render(model)
    touched: dict[str, tuple[int, ...]] = {}
    for a in model.articles():
        if a.touched:
            touched[a.key] = tuple(sorted(set(a.touched)))
    touched_old = {a.old_key: tuple(sorted(set(a.touched))) for a in model.originals
                   if a.old_key and a.touched}
    rewritten = tuple(a.key for a in model.articles() if a.refs_rewritten)
    marked = {a.key: marked_text(a) for a in model.articles()}
    structural = tuple(a.key for a in model.articles() if a.structural)
    heading_items = tuple(dict.fromkeys(
        e.item for e in ap.log if e.op.startswith(("heading_", "chapter_")) and e.status == "applied"))
    return Result(out, model.fmt, part.law, tuple(ap.log), touched, mapping, tuple(warnings),
                  touched_old, rewritten, marked, structural, heading_items, announced_edits(act))


def announced_edits(act: Act) -> str | None:
    """The closing clause in which the act says it also changes wording it does not list
    (此外，对条文顺序和个别文字作相应调整和修改): differences no instruction explains may be
    those, and `--check` says so."""
    import re

    for c in act.closing:
        if re.search(r"(?:个别|部分|有关)?(?:文字|表述|用语|字句)[^。]{0,12}(?:相应|作)[^。]{0,6}(?:修改|调整)", c):
            return c
    return None
