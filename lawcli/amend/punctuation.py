"""The punctuation an edit leaves behind.

An act quotes words, not the marks around them: deleting “A” from 甲、A、乙 takes a
、 with it, and replacing “A；” with “B；” beside an old ； doubles it.  These rules
decide which mark goes, only ever at the edges of what the act changed, and report
what they did so that the log can say it.
"""

from __future__ import annotations

import re

from .marks import CLOSE, OPEN, find_all, plain, plain_view

PUNCT = "，。；：、,.;:！？!?"
CONNECTIVE = re.compile(r"^(?:和|及|以及|或者|或|与|并且|而且|的|等|之|暨|、|，|。|；)")
#: Words that open an adverbial or verbal insertion (在“应当”后增加“依法”): no 、 before them.
ADVERBIAL = re.compile(r"^(?:依法|依照|按照|及时|应当|可以|不得|必须|严格|积极|切实|定期|逐步|进一步|统一|"
                       r"共同|经|由|向|对|从|为|以|在|将|把|予以|给予|也|均|都|另行|另|再|不|未|已|还)")


#: Punctuation pairs an edit can leave side by side, and which of the two goes.
_CLASH = {("，", "，"): 0, ("、", "、"): 0, ("；", "；"): 0, ("。", "。"): 0, ("，", "。"): 0,
          ("、", "。"): 0, ("；", "。"): 0, ("，", "；"): 0, ("、", "，"): 0, ("、", "；"): 0,
          ("：", "。"): 0, ("，", "、"): 1}


def tidy(text: str) -> tuple[str, list[str]]:
    """Remove a punctuation mark doubled where the act's edits meet the old text
    (“A；”修改为“B；” …): only at the edges of the marked spans, never elsewhere."""
    removed = []
    for _ in range(4):
        view, idx = plain_view(text)
        edges = set()
        pos = 0
        for c in text:
            if c in (OPEN, CLOSE):
                edges.add(pos)
            else:
                pos += 1
        hit = None
        for p in sorted(edges):
            if 0 < p < len(view):
                pair = (fold_punct(view[p - 1]), fold_punct(view[p]))
                if pair in _CLASH:
                    hit = p - 1 + _CLASH[pair]
                    break
            if p == 0 and view[:1] and fold_punct(view[0]) in "，、；。" and len(view) > 1:
                hit = 0
                break
        if hit is None:
            break
        removed.append(view[hit])
        k = idx[hit]
        text = text[:k] + text[k + 1:]
    return text, removed


def fold_punct(c: str) -> str:
    """An ASCII mark as its full-width form."""
    return {",": "，", ";": "；", ".": "。", ":": "："}.get(c, c)


_CONJ_END = re.compile(r"(?:和|及|以及|或者|或|与|并|暨)$")


def delete_span(text: str, s: int, e: int, phrase: str) -> tuple[str, str | None]:
    """Delete text[s:e] with the punctuation that only made sense with it."""
    view_before = plain(text[:s])
    view_after = plain(text[e:])
    b = view_before[-1:] if view_before else ""
    a = view_after[:1]
    if phrase[:1] in PUNCT or phrase[-1:] in PUNCT:
        return text[:s] + OPEN + CLOSE + text[e:], None
    if _CONJ_END.search(phrase) or CONNECTIVE.match(phrase):
        return text[:s] + OPEN + CLOSE + text[e:], None  # 删去“A以及”: the list stays well formed

    def drop_after() -> str:
        k = e
        while k < len(text) and text[k] in (OPEN, CLOSE):
            k += 1
        return text[:s] + OPEN + CLOSE + text[k + 1:]

    def drop_before() -> str:
        k = s - 1
        while k >= 0 and text[k] in (OPEN, CLOSE):
            k -= 1
        return text[:k] + OPEN + CLOSE + text[e:]

    if a in "。；" and a and (b in ("", "。", "；", "：") or not b):
        return drop_after(), a
    if a in "。；" and a and b in "，、":
        return drop_before(), b
    if a == "，" and b in ("", "。", "；", "，", "："):
        return drop_after(), a
    if a == "、" and (b in ("", "、", "，", "：") or b not in PUNCT):
        return drop_after(), a
    if b == "、" and a and a not in "、":
        return drop_before(), b
    return text[:s] + OPEN + CLOSE + text[e:], None


def edit_slots(slots, old: str, edit, notes: list[str]) -> int:
    """Apply `edit(text, start, end) -> (text, note or None)` to every occurrence of `old`
    in the given text slots (last first, so offsets hold), tidy doubled marks, and
    return how many occurrences were edited; notes from edits and tidying are collected."""
    n = 0
    for obj, attr in slots:
        text = getattr(obj, attr)
        spans = find_all(text, old)
        for s, e in reversed(spans):
            text, note = edit(text, s, e)
            if note:
                notes.append(note)
        if spans:
            text, rem = tidy(text)
            notes.extend(rem)
            setattr(obj, attr, text)
            n += len(spans)
    return n


def edit_slots_at_once(slots, olds: list[str], edit, notes: list[str]) -> dict[str, int]:
    """`edit_slots` for several phrases listed in one clause (“部门”“主管部门”修改为“…”):
    their occurrences are found in the text as it was, the longest phrase first and none
    inside another's, and edited together — so the new text of one is never edited as an
    occurrence of another.  Returns the count per phrase."""
    counts = dict.fromkeys(olds, 0)
    for obj, attr in slots:
        text = getattr(obj, attr)
        taken: list[tuple[int, int]] = []
        for old in sorted(olds, key=len, reverse=True):
            for s, e in find_all(text, old):
                if all(e <= a or s >= b for a, b in taken):
                    taken.append((s, e))
                    counts[old] += 1
        if not taken:
            continue
        for s, e in sorted(taken, reverse=True):
            text, note = edit(text, s, e)
            if note:
                notes.append(note)
        text, rem = tidy(text)
        notes.extend(rem)
        setattr(obj, attr, text)
    return counts
