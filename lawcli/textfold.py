"""Width folding for matching: one character in, one character out.

Matching (article look-up, search, diff) must not depend on whether a source printed
，or , ; （ or ( ; ２３ or 23.  `fold` maps every such variant to one form.  It keeps
the length of the text, so an offset found in the folded text is an offset in the
original: spans of matches are reported on the text as published.
"""

from __future__ import annotations

_PAIRS = {
    "，": ",", "。": ".", "．": ".", "：": ":", "；": ";", "（": "(", "）": ")",
    "！": "!", "？": "?", "《": "«", "》": "»", "〈": "‹", "〉": "›", "\u3000": " ",
    "\u00a0": " ", "、": "、", "“": "\"", "”": "\"", "‘": "'", "’": "'", "－": "-",
    "～": "~", "％": "%", "＋": "+", "／": "/", "［": "[", "］": "]", "｛": "{", "｝": "}",
}
# Full-width ASCII forms U+FF01..U+FF5E → ASCII.
_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE.update({ord(k): ord(v) for k, v in _PAIRS.items()})
# Latin letters and digits fold case too, so ＡＰＰ, App and APP match.
_TABLE.update({cp: cp - 0xFEE0 + 32 for cp in range(0xFF21, 0xFF3B)})
_TABLE.update({cp: cp + 32 for cp in range(0x41, 0x5B)})


def fold(text: str) -> str:
    """Length-preserving canonical form for comparisons; never shown to people."""
    return text.translate(_TABLE)


def fold_space(text: str) -> str:
    """Folded text without any white space: for comparisons that ignore spacing."""
    return "".join(fold(text).split())
