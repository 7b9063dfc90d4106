"""Chinese numerals <-> int, and article keys such as "120-1" for 第一百二十条之一.

Statutes number their units in Chinese (一百零四), in full-width digits (２３) or in
ASCII digits (23).  Everything that compares numbers goes through `to_int`, so the
three spellings are one number everywhere in lawcli.
"""

from __future__ import annotations

from functools import lru_cache

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_MYRIAD = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

#: Every character that may appear in a written number; patterns build on this.
NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_MYRIAD) + "0123456789０１２３４５６７８９"

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN = "零一二三四五六七八九"


@lru_cache(maxsize=4096)
def to_int(text: str) -> int:
    """Read a number written in Chinese, full-width or ASCII digits.

    Raises ValueError for anything else, so callers can tell a number from a word.
    (Cached: a law spells the same few hundred numbers over and over.)
    """
    s = text.strip()
    if not s:
        raise ValueError("empty numeral")
    ascii_digits = s.translate(_FULLWIDTH)
    if ascii_digits.isascii() and ascii_digits.isdigit():
        return int(ascii_digits)
    if not any(c in _UNITS or c in _MYRIAD for c in s):
        # Positional form such as 二〇二一 (years): one digit per character, in any of
        # the three spellings (a typed 二〇2一 is the same year).
        if any(c not in _DIGITS and c not in "0123456789" for c in ascii_digits):
            raise ValueError(f"not a numeral: {text!r}")
        return int("".join(c if c.isascii() else str(_DIGITS[c]) for c in ascii_digits))
    if any(c not in _DIGITS and c not in _UNITS and c not in _MYRIAD for c in s):
        raise ValueError(f"not a numeral: {text!r}")
    total = 0  # completed myriad groups
    group = 0  # value inside the current myriad group
    digit: int | None = None
    for c in s:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _UNITS:
            # A bare 十 at the start of a group means 一十.
            group += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        else:
            group += digit or 0
            if group == 0 and total == 0:
                raise ValueError(f"not a numeral: {text!r}")
            total = (total + group) * _MYRIAD[c]
            group, digit = 0, None
    return total + group + (digit or 0)


def _below_10000(n: int, leading: bool) -> str:
    """Spell 0 < n < 10000; `leading` means no higher group precedes it."""
    out = []
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        if unit == 10 and d == 1 and not out and leading:
            out.append("十")  # 十二, not 一十二, at the head of a number
        else:
            out.append(_CN[d] + name)
    return "".join(out)


def to_chinese(n: int) -> str:
    """Spell n the way statutes do: 10 → 十, 104 → 一百零四, 110 → 一百一十."""
    if n < 0:
        raise ValueError("negative numbers have no statute spelling")
    if n == 0:
        return "零"
    if n >= 100_000_000:
        raise ValueError("numbers above 99999999 are not supported")
    high, low = divmod(n, 10_000)
    if high == 0:
        return _below_10000(low, leading=True)
    text = _below_10000(high, leading=True) + "万"
    if low:
        if low < 1000:
            text += "零"
        text += _below_10000(low, leading=False)
    return text


def article_key(number: int, sub: int | None = None) -> str:
    """Canonical key of an article: 23 → "23", 第一百二十条之一 → "120-1"."""
    return f"{number}-{sub}" if sub else str(number)


def split_key(key: str) -> tuple[int, int]:
    """"120-1" → (120, 1); "23" → (23, 0).  Sorting by this orders articles as printed."""
    base, _, sub = key.partition("-")
    return int(base), int(sub or 0)

