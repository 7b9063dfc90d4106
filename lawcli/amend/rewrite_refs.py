"""Rewriting the law's citations of its own articles, 款 and chapters after
renumbering (本法第十六条 → 第十五条).

The citations are read by the reference extractor (`lawcli.refs`), each text as if it
still stood at its place in the OLD law, so that the applier and `lawcli refs` agree
on what a text cites: 本章程第十条 is the law's own, 《某法》第十条 and 刑法第十条 are
not; 第十、十八条 and 第十条至第十二条 are lists and ranges; 本条第二款 and a bare
第二款 are 款 of the citing article, 第十条第二款 of 第十条, 前条第二款 of the one
before.  Only the numbers are replaced, spelt as the text spells them; text the act
supplied (between the marks) already uses the new numbers and is never touched.
"""

from __future__ import annotations

import re

from ..text.grammar import label, spell
from ..text.numerals import split_key
from .marks import CLOSE, OPEN, plain_view, protect
from .model import Art

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from ..refs.extract import TextReader
    from ..refs.locations import Part

#: What stands between two numbers sharing one 第 and one unit: 第十、十八条, 第十至十二条.
_BETWEEN = re.compile(r"\s*(?:[、至到~—-]|或者|和|及)\s*")
_DIGITS = re.compile(r"[0-9０-９]+")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def rewrite_refs(text: str, mapping: dict[str, str], para_maps: dict[str, dict[int, int]], art: Art,
                 chapter_map: dict[int, int] | None = None, deleted: set[str] | None = None,
                 dangling: list[str] | None = None, *, reader: TextReader, paragraph: int | None = None,
                 item: int | None = None, subitem: int | None = None) -> str:
    """本法第十六条 → 第十五条: the text's citations of this law's articles (and of their
    款, and of its chapters) take the new numbers, outside act text.  The text is read
    as standing in `art`'s old 第`paragraph`款 (第`item`项, 第`subitem`目); a
    citation of a `deleted` article is left as written and its key added to `dangling`."""
    view, idx = plain_view(text)
    if "第" not in view:
        return text
    safe = _Safety(text, idx)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in `view`
    for c in reader.citations(view, article=art.old_key, paragraph=paragraph, item=item, subitem=subitem):
        if c.external:
            continue
        needs_di = False  # the number before took its own unit (第九条之一、十八条): this one needs 第
        for k, part in enumerate(c.parts):
            ours = safe(part.start, part.end)  # not the act's text
            new = _new_number(part, mapping, para_maps, chapter_map) if ours else None
            if part.level == "article" and ours and deleted and part.number in deleted and dangling is not None:
                dangling.append(part.number)
            if needs_di:
                edits.append((part.start, part.start, protect("第")))
                needs_di = False
            if new is None:
                continue
            edit, took_unit = _spelt(view, part, new, safe)
            edits.append(edit)
            nxt = c.parts[k + 1] if k + 1 < len(c.parts) else None
            needs_di = took_unit and nxt is not None and nxt.level == part.level \
                and bool(_BETWEEN.fullmatch(view[part.end:nxt.start]))
    if not edits:
        return text
    out, last = [], 0
    for s, e, rep in sorted(edits):
        a = idx[s] if s < len(idx) else len(text)
        out.append(text[last:a])
        out.append(rep)
        last = idx[e - 1] + 1 if e > s else a
    out.append(text[last:])
    return "".join(out)


class _Safety:
    """Which stretches of the plain view are the old law's own: none of their characters
    is the act's, and no mark lies between two of them."""

    def __init__(self, text: str, idx: list[int]):
        inside, flags = False, [False] * len(text)
        for i, c in enumerate(text):
            if c == OPEN:
                inside = True
            elif c == CLOSE:
                inside = False
            flags[i] = inside
        self.act = [flags[i] for i in idx]
        self.mark_after = [k + 1 < len(idx) and idx[k + 1] != i + 1 for k, i in enumerate(idx)]

    def __call__(self, start: int, end: int) -> bool:
        return start >= 0 and not any(self.act[start:end]) and not any(self.mark_after[start:end - 1])


def _new_number(part: Part, mapping: dict[str, str], para_maps: dict[str, dict[int, int]],
                chapter_map: dict[int, int] | None) -> str | int | None:
    """The part's new number, or None when it keeps its own (or is not one we renumber)."""
    if part.level == "article":
        new_key = mapping.get(part.number, part.number)
        return new_key if new_key != part.number else None
    if part.level == "paragraph" and part.article is not None:
        return para_maps.get(part.article, {}).get(part.number)
    if part.level == "chapter" and chapter_map:
        return chapter_map.get(part.number)
    return None


def _spelt(view: str, part: Part, new: str | int, safe: _Safety) -> tuple[tuple[int, int, str], bool]:
    """The edit that writes `new` in place of the part: the whole label (第十五条) when the
    number stands alone between 第 and its unit, else the number (第十、十五条); and
    whether the edit wrote the unit of a number that had none (a new 之一 inside a list)."""
    n, sub = split_key(new) if isinstance(new, str) else (new, 0)
    s, e = part.start, part.end
    has_unit = part.level == "article" and "-" in part.number  # the span runs over 条之一
    if not has_unit and view.startswith(part.unit, e) and (sub or view[s - 1:s] == "第") \
            and safe(s, e + len(part.unit)):
        e, has_unit = e + len(part.unit), True
    number = _like(view[part.start:part.end].split(part.unit)[0].strip(), n)
    if has_unit and view[s - 1:s] == "第" and safe(s - 1, e) and number == spell(n):
        return (s - 1, e, protect(label(part.level, n, sub, traditional=part.unit == "條"))), False
    if has_unit:
        return (s, e, protect(number + part.unit + (f"之{spell(sub)}" if sub else ""))), False
    if sub:  # a number inside a list that now has a 之: it takes its unit, the next one a 第
        return (s, e, protect(f"{number}{part.unit}之{spell(sub)}")), True
    return (s, e, protect(number)), False


def _like(written: str, n: int) -> str:
    """`n` spelt as the old number was: 十五, 15 or １５."""
    if not _DIGITS.fullmatch(written):
        return spell(n)
    if written.isascii():
        return str(n)
    return str(n).translate(_FULL_WIDTH)
