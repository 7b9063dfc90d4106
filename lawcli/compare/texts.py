"""The comparison form of a text, and how alike two texts are.

Every part of `lawcli diff` compares texts in one form: width folding
(`text.textfold.fold`) and no white space inside a line, with a map back to the
published text, so formatting alone never makes a change and every span shown is
the text as published.  The alignment, the inner diff and the parts outside the
articles all use it, which is why it stands apart from each of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from ..text.textfold import fold


@dataclass(frozen=True)
class Norm:
    """A published text and its comparison form, with the way back."""

    display: str
    norm: str
    #: norm index → display index; one extra entry (len(display)) at the end.
    back: tuple[int, ...]


#: A run of what the comparison form drops: white space and zero-width marks, line
#: breaks among them (a run holding one becomes one line break).
_GAP = re.compile(r"[\s\u200b\ufeff]+")


def normalise(display: str) -> Norm:
    """Folded, without white space inside lines; line breaks (款/项 bounds) kept, one
    for each run of blank lines, none at either end.  Built from the runs between
    gaps (a handful an article), not character by character: a diff normalises every
    article of both versions."""
    folded = fold(display)
    parts: list[str] = []
    back: list[int] = []
    k = 0
    for m in _GAP.finditer(folded):
        a, b = m.span()
        if a > k:
            parts.append(folded[k:a])
            back.extend(range(k, a))
        if parts and b < len(folded):
            nl = folded.find("\n", a, b)
            if nl >= 0:
                parts.append("\n")
                back.append(nl)
        k = b
    if k < len(folded):
        parts.append(folded[k:])
        back.extend(range(k, len(folded)))
    back.append(len(display))
    return Norm(display, "".join(parts), tuple(back))


def similarity(a: str, b: str) -> float:
    """0..1: rapidfuzz's normalised Indel similarity of two normalised texts."""
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def containment(piece: str, whole: str, cutoff: float = 0.0) -> float:
    """How much of `piece` appears, in one place and in order, inside `whole` (0..1).

    Results below `cutoff` may be reported as 0: the search is skipped when the LCS,
    which bounds every window's score from above, already rules them out.
    """
    if not piece:
        return 0.0
    if len(piece) >= len(whole):
        return similarity(piece, whole)
    if LCSseq.similarity(piece, whole) < cutoff * len(piece):
        return 0.0
    return fuzz.partial_ratio(piece, whole, score_cutoff=cutoff * 100) / 100.0
