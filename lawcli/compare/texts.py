"""The comparison form of a text, and how alike two texts are.

Every part of `lawcli diff` compares texts in one form: width folding
(`text.textfold.fold`) and no white space inside a line, with a map back to the
published text, so formatting alone never makes a change and every span shown is
the text as published.  The alignment, the inner diff and the parts outside the
articles all use it, which is why it stands apart from each of them.
"""

from __future__ import annotations

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


def normalise(display: str) -> Norm:
    """Folded, without white space inside lines; line breaks (款/项 bounds) kept."""
    folded = fold(display)
    chars: list[str] = []
    back: list[int] = []
    for k, ch in enumerate(folded):
        if ch == "\n":
            if chars and chars[-1] != "\n":
                chars.append(ch)
                back.append(k)
        elif not ch.isspace() and ch not in "\u200b\ufeff":
            chars.append(ch)
            back.append(k)
    while chars and chars[-1] == "\n":
        chars.pop()
        back.pop()
    back.append(len(display))
    return Norm(display, "".join(chars), tuple(back))


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
