"""The grammar of an address — 第X条之Y第Z款第（W）项第V目, 第X编第Y章第Z节 — written once.

Four readers need it: what a user types (query), what a text cites (refs), what an
amendment act instructs (amend), and the renumbering that rewrites citations after
an act.  Copies of these pieces drifted apart before (one reader knew 本章程 as a
document's name for itself, another did not), so the pieces live here: numbers,
units, 之, the words that join a list or a range, the names a document calls itself
by, and how a unit is spelt.  Each reader composes them into its own patterns and
keeps its own meaning on top (a user's 23.2 is not a citation's 第二十三条第二款前段).
"""

from __future__ import annotations

from .numerals import NUMERAL_CHARS, split_key, to_chinese

#: One written number: 一百零四, ２３, 23 (every spelling numerals.to_int reads).
NUM = f"[{NUMERAL_CHARS}]+"
#: Chinese numerals only: item labels （三） and 之一 are never written in digits.
CN_NUM = "[零〇一二两三四五六七八九十百千]+"

#: Every unit as written (Simplified and Traditional) → its level.
UNITS = {
    "编": "part", "編": "part", "分编": "subpart", "分編": "subpart",
    "章": "chapter", "节": "section", "節": "section",
    "条": "article", "條": "article", "款": "paragraph",
    "项": "item", "項": "item", "目": "subitem",
}
#: The levels from the outermost in, and the unit each is spelt with.
LEVELS = ("part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem")
UNIT_OF = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节",
           "article": "条", "paragraph": "款", "item": "项", "subitem": "目"}
_TRADITIONAL = {"编": "編", "分编": "分編", "节": "節", "条": "條", "项": "項"}

#: Alternations of units (longest first: 分编 before 编), for patterns.
HEADING_UNIT = "分编|分編|编|編|章|节|節"
ARTICLE_UNIT = "[条條]"
ITEM_UNIT = "[项項]"
#: 之 and the number after it: 第十条之一.
SUB = f"之{NUM}"

#: Words that join the members of a list (第十条、第十二条和第十五条) and that make a
#: range (第十条至第十五条), longest first.
LIST_WORDS = ("以及", "或者", "、", "和", "及", "或", "与", "與")
RANGE_WORDS = ("至", "到")

#: What a document calls itself after 本: 本法, 本条例, 本章程 … (longest first, so
#: that 本实施细则 is not read as 本…细则 and 本条例 never as 本条).
SELF_WORDS = ("实施细则", "實施細則", "修正案", "条例", "條例", "法典", "办法", "辦法", "规定", "規定",
              "规则", "規則", "决定", "決定", "细则", "細則", "解释", "解釋", "准则", "準則", "章程",
              "意见", "意見", "法")
SELF = "本(?:" + "|".join(SELF_WORDS) + ")"


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words, in the order given."""
    return "|".join(words)


def spell(n: int) -> str:
    """A number as statutes spell it (104 → 一百零四), for any int a reader may meet:
    a citation can point before the first 款 (前两款 in 第一款: 零) or be absurdly large."""
    return to_chinese(n) if 0 < n < 100_000_000 else ("零" if n <= 0 else str(n))


def label(level: str, number: int, sub: int = 0, *, traditional: bool = False) -> str:
    """How a unit is cited: 第十条之一, 第二款, 第（三）项, 第3目, 第二编.

    A 目 keeps its digits (its label is 1. or （1）), an item its brackets.
    """
    if level == "item":
        return f"第（{spell(number)}）{'項' if traditional else '项'}"
    if level == "subitem":
        return f"第{number}目"
    unit = UNIT_OF[level]
    if traditional:
        unit = _TRADITIONAL.get(unit, unit)
    return f"第{spell(number)}{unit}" + (f"之{spell(sub)}" if sub else "")


def article_label(key: str, *, traditional: bool = False) -> str:
    """The label of an article key: "120-1" → 第一百二十条之一."""
    number, sub = split_key(key)
    return label("article", number, sub, traditional=traditional)
