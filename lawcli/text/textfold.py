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


# -- characters a Traditional → Simplified mapping may concern -------------------------

_GB2312: frozenset[str] | None = None


def _gb2312() -> frozenset[str]:
    """The 6,763 ideographs of GB2312 (rows 0xB0–0xF7): the Simplified set."""
    global _GB2312
    if _GB2312 is None:
        raw = bytes(b for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
        _GB2312 = frozenset(raw.decode("gb2312", errors="ignore"))
    return _GB2312


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


_MISSED: list[str] = []


def _collect(err: UnicodeEncodeError) -> tuple[str, int]:
    _MISSED.append(err.object[err.start:err.end])
    return "", err.end


def odd_chars(text: str | frozenset[str]) -> set[str]:
    """CJK characters outside GB2312, the Simplified set: the only candidates for t2s.

    Characters inside GB2312 are never mapped, on either side of a comparison,
    which keeps the mapping consistent (显著 stays 显著 everywhere), and a
    Simplified text never loads OpenCC.  Takes a text or its set of characters
    (the parse cache keeps that set).  For a text, the GB2312 codec finds what lies
    outside the set: it runs at C speed and calls back only for the misses, some
    fifteen times faster than building the text's set of characters.
    """
    if isinstance(text, frozenset):
        return {c for c in text.difference(_gb2312()) if is_cjk(c)}
    import codecs

    try:
        codecs.lookup_error("lawcli-collect")
    except LookupError:
        codecs.register_error("lawcli-collect", _collect)
    _MISSED.clear()  # (a process searches in one thread: a module-level list will do)
    text.encode("gb2312", "lawcli-collect")
    odd = {c for run in _MISSED for c in run if is_cjk(c)}
    _MISSED.clear()
    return odd
