"""The shapes of a citation on folded text: numbers and units, the words that say which
act or which place is meant, and the levels of a location.

Kept apart from the scanner because these are data, not steps: the scanner, the
location builder and the resolver read the same tables.  Compiling the expressions
is what importing refs costs (~20 ms), which is why the look-up path imports refs
lazily, only when a file with articles is read.
"""

from __future__ import annotations

import re

from ..parsing.model import Kind
from ..text.grammar import ARTICLE_UNIT, HEADING_UNIT, ITEM_UNIT, UNITS
from ..text.grammar import NUM as _N
from ..text.grammar import SELF as _SELF_NAMES

# -- numbers and units (on folded text), from the address grammar (text/grammar.py) ----

#: One number of a group: 三, 23, (三) — items are often written with their brackets.
_PN = rf"(?:\(\s*{_N}\s*\)|{_N})"
#: A list or range of numbers sharing one 第 and one unit: 十、十八 / 一至三 / (四)(五).
_NLIST = rf"{_PN}(?:\s*(?:[、至到~—-]|或者|和|及)\s*第?\s*{_PN}|\s*(?<=\))\s*\(\s*{_N}\s*\))*"
GROUP = re.compile(
    rf"第\s*(?P<nums>{_NLIST})\s*(?P<unit>{HEADING_UNIT}|{ARTICLE_UNIT}|款|{ITEM_UNIT}|目(?![标標的录錄]))"
    rf"(?:之(?P<sub>{_N})(?![般些种類类部分]))?"
)
NUM_IN_LIST = re.compile(rf"(?P<sep>[、至到~—-]|或者|和|及)?\s*第?\s*\(?\s*(?P<n>{_N})\s*\)?")

UNIT_KIND = {unit: Kind(level) for unit, level in UNITS.items()}
ORDER = {Kind.PART: 1, Kind.SUBPART: 2, Kind.CHAPTER: 3, Kind.SECTION: 4, Kind.ARTICLE: 5,
         Kind.PARAGRAPH: 6, Kind.ITEM: 7, Kind.SUBITEM: 8}

# -- words that say who is cited: this act, a place relative to the citing one, another act --

#: How a document names itself: 本法, 本条例, 本办法 … (longest first: 本条例 before 本条).
SELF = _SELF_NAMES
#: Relative words; 本条 must not be the head of 本条例.
RELATIVE = re.compile(
    r"(?P<word>(?<![基成资資样樣文版根日账賬脚腳剧劇课課范範标標副正底母读讀原劳勞])"
    r"本(?:分编|分編|编(?![制写寫辑輯])|編(?![制写寫辑輯])|章(?!程)|节(?![目约約能])|節(?![目约約能])"
    r"|条(?![例款件])|條(?![例款件])|款(?!项|項)|项(?!目)|項(?!目)|目(?!录|錄|的|标|標))"
    r"|前(?P<count>[两兩二三四五六七八九十]?)(?:个|個)?(?P<unit>款|项(?!目)|項(?!目)|条(?![件例])|條(?![件例])))"
)
CONNECTOR = re.compile(r"\s*(?P<c>、|以及|或者|和|及|或|与|與|至|到)\s*(?=第)")
THAT_ACT = re.compile(r"该(?:法律|法规|法|条例|條例|办法|規定|规定|规则|决定|细则|解释)$")
ACT_WORD = re.compile(
    r"[\u4e00-\u9fff]{0,30}?(?:法律|行政法规|地方性法规|法规|法典|法|条例|條例|办法|辦法|规定|規定|规则|規則"
    r"|细则|細則|决定|決定|解释|解釋|公约|條約|条约|协定|章程|宪章|憲章|通则|纲要|草案|修改稿|初审稿|审议稿|征求意见稿)$"
)
#: Words that may precede an act's name in a sentence: cut the name after the last one.
LEAD_WORDS = re.compile(
    r"^.*(?:属于|屬於|包括|关于|關於|对于|對於|基于|通过|作为|應當|应当|可以|予以|依照|按照|根据|依据|適用|适用"
    r"|违反|違反|参照|參照|遵守|执行|履行|落实|落實|贯彻|貫徹|明确|涉嫌|符合|对照|比照|援引|引用|实施|實施"
    r"|规定|出现|出現|构成|構成|除|将|將|在|对|對|由|经|經|即|为|為|是|并|有|和|或者|或|及|与|的|犯|了|中|内"
    r"|又|依|按|以|于|從|从|向|当|當|据|據)"
)
#: Words ending like act names that are not names: 依法第… is not an act.
NOT_ACTS = {"法", "依法", "违法", "合法", "非法", "守法", "执法", "立法", "司法", "方法", "办法", "做法",
            "用法", "规定", "决定", "解释", "规则", "细则", "法规", "章程", "草案"}
#: 国家有关规定第… / 上述规定第…: a generic phrase, not a name (the number is this act's).
NOT_NAME_STARTS = ("关", "有关", "相关", "上述", "前述", "下列", "其", "此", "各", "国家", "法定", "特别")
#: … except the laws whose short names begin so: 国家赔偿法, 国家安全法, 国家情报法.
STATE_LAW = re.compile(r"国家[\u4e00-\u9fff]{2,14}(?<![办辦方做立执司违合非守依用])法")
REPORT_ACTS = {"办法", "辦法", "规定", "規定", "决定", "決定", "规则", "規則", "细则", "細則", "解释", "解釋"}
GENERIC_ACTS = {"条例", "條例", "规章", "法律", "行政法规", "法规", "地方性法规"}
THAT_UNIT = {"条": Kind.ARTICLE, "條": Kind.ARTICLE, "款": Kind.PARAGRAPH, "项": Kind.ITEM, "項": Kind.ITEM}
TITLE_BEFORE = re.compile(r"«([^«»]{1,120})»\s*$")
#: 《关于〈中华人民共和国刑法〉第三百四十一条…的解释》: a title inside a title.
INNER_TITLE_BEFORE = re.compile(r"[‹〈]([^‹›〈〉«»]{1,120})[›〉]\s*$")
ALIAS = re.compile(r"«(?P<title>[^«»]{1,120})»\s*\(\s*以下简称\s*\"?(?P<alias>[^\")]{1,20}?)\"?\s*\)")
#: Acts cited as a whole (no article): a title, 该法, 上位法, 有关法律、行政法规.
WHOLE_ACT = re.compile(
    r"«(?P<title>[^«»]{1,120})»|(?P<that>该(?:法律|法规|法|条例|條例|办法|规定|規定|规则|决定|细则|解释))(?!第)"
    r"|上位法|有关(?:法律|行政法规|地方性法规|法规)(?:、(?:行政法规|地方性法规|法规|规章))*"
)
#: A title that names an act (not a certificate or a form): its last word says so.
ACT_TITLE = re.compile(
    r"(?:法|法典|条例|條例|办法|辦法|规定|規定|规则|規則|细则|細則|决定|決定|解释|解釋|公约|条约|協定|协定|章程|通则"
    r"|纲要|宪法|憲法|宪章|憲章)(?:\([^()]*\))?$")
ITEMISH = (Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM)

# -- levels: the keys of a location and how deep each sits --------------------------------

KEY = {Kind.PART: "part", Kind.SUBPART: "subpart", Kind.CHAPTER: "chapter", Kind.SECTION: "section",
       Kind.ARTICLE: "article", Kind.PARAGRAPH: "paragraph", Kind.ITEM: "item", Kind.SUBITEM: "subitem"}
HEAD_KIND = {"part": Kind.PART, "subpart": Kind.SUBPART, "chapter": Kind.CHAPTER, "section": Kind.SECTION}
_DEPTH = {v: ORDER[k] for k, v in KEY.items()}


def depth(key: str) -> int:
    return _DEPTH.get(key, 0)


# -- amendment acts ----------------------------------------------------------------------

AMENDS = re.compile(r"对«([^«»]{1,80})»作(?:出|如下|出如下)修(?:改|正)")
AMENDMENT_TITLE = re.compile(r"修正案(?:□)?$|关于修改|關於修改|修改和废止|修改和廢止")
