"""The marks that bracket the act's own text while it is applied, and text views
that see through them.

Text the act supplies is wrapped in two private-use characters (OPEN … CLOSE), a
deletion leaving an empty pair: reference rewriting skips what lies inside, the
punctuation tidying looks only at the edges, and reconciliation knows where the act
wrote.  Every helper here reads text with the marks in it; `plain` removes them.
"""

from __future__ import annotations

from ..text.textfold import fold

OPEN, CLOSE = "\ue001", "\ue002"
_MARKS = str.maketrans("", "", OPEN + CLOSE)
_TERMINAL = "。；;.：:，,"


def plain(text: str) -> str:
    """The text without the marks."""
    return text.translate(_MARKS)


def protect(s: str) -> str:
    """`s` marked as the act's."""
    return OPEN + s + CLOSE if s else s


def plain_view(text: str) -> tuple[str, list[int]]:
    """Text without marks, and the position in `text` of each of its characters."""
    idx = [i for i, c in enumerate(text) if c not in (OPEN, CLOSE)]
    return "".join(text[i] for i in idx), idx


def find_all(text: str, phrase: str) -> list[tuple[int, int]]:
    """Spans of `phrase` in `text` (marks ignored, width folded), as positions in `text`."""
    view, idx = plain_view(text)
    if not phrase:
        return []
    fv, fp = fold(view), fold(phrase)
    fp = "".join(fp.split()) if fp.strip() != fp else fp
    out, start = [], 0
    while True:
        k = fv.find(fp, start)
        if k < 0:
            break
        out.append((idx[k], idx[k + len(fp) - 1] + 1))
        start = k + len(fp)
    return out


def sentence_span(text: str, n: int) -> tuple[int, int] | None:
    """Positions (in `text`, marks included) of its n-th sentence, its 。 included."""
    view, idx = plain_view(text)
    starts = [0]
    for i, c in enumerate(view):
        if c in "。！？!?" and i + 1 < len(view):
            starts.append(i + 1)
    if not 0 < n <= len(starts):
        return None
    a = starts[n - 1]
    b = starts[n] if n < len(starts) else len(view)
    return idx[a], (idx[b - 1] + 1) if b > a else idx[a]


def terminal(text: str) -> str:
    """The mark that ends the text (。；： …), or ""."""
    t = plain(text).rstrip()
    return t[-1] if t and t[-1] in _TERMINAL else ""


def with_terminal(text: str, mark: str) -> str:
    """The text ending with `mark` when it ends with none."""
    if not mark or terminal(text):
        return text
    return text + mark


def replace_terminal(text: str, mark: str) -> str:
    """The text with its final mark replaced by (or, without one, followed by) `mark`, marked as the act's."""
    p = plain(text).rstrip()
    if p and p[-1] in _TERMINAL:
        k = text.rstrip().rfind(p[-1])
        return text[:k] + protect(mark) + text[k + 1:]
    return text + protect(mark)
