"""`--punct standard`: the official full-width punctuation, for display only.

PDF extraction often leaves , . : ; ( ) ! ? and «» in place of ，。：；（）！？《》.
Converting is a display choice; the tree keeps the text as published.
"""

from __future__ import annotations

_SIMPLE = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？"}
_QUOTES = str.maketrans({"«": "《", "»": "》", "‹": "〈", "›": "〉"})


def _wide(c: str) -> bool:
    """A character of Chinese running text (ideographs, full-width forms, CJK marks)."""
    o = ord(c)
    return (0x3000 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF01 <= o <= 0xFF5E
            or 0x20000 <= o <= 0x3FFFF or c in "“”‘’《》«»‹›〈〉—…")


def standardize(text: str) -> str:
    """Half-width punctuation next to Chinese text → full width; «» → 《》, ‹› → 〈〉."""
    out: list[str] = []
    parens: list[bool] = []  # was the matching "(" converted?
    n = len(text)
    for i, c in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        near = (prev and _wide(prev)) or (nxt and _wide(nxt))
        if c in _SIMPLE:
            digits = prev.isdigit() and nxt.isdigit() and c in ".,:"
            out.append(_SIMPLE[c] if (prev and _wide(prev)) and not digits else
                       (_SIMPLE[c] if near and not digits and c not in ".:" else c))
        elif c == "(":
            conv = bool(near)
            parens.append(conv)
            out.append("（" if conv else c)
        elif c == ")":
            conv = parens.pop() if parens else bool(near)
            out.append("）" if conv or near else c)
        else:
            out.append(c)
    return "".join(out).translate(_QUOTES)
