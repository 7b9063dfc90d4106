"""Traditional ↔ Simplified conversion through OpenCC.

OpenCC is the maintained reference converter (character and phrase tables from the
OpenCC project); a hand-made table would miss the one-to-many cases.  It is loaded
on first use only: a look-up in a Simplified text never pays for it.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)
