"""Every structural pattern lawcli recognises, compiled once.

The core parser uses the standard `re` module: its patterns need nothing `regex`
adds, and `re` is already imported by Python itself, so a cold look-up pays nothing
for it.  `regex` is used where it earns its import: user patterns with a timeout
(search).
"""

from __future__ import annotations

import re

from .grammar import ARTICLE_UNIT, CN_NUM, HEADING_UNIT, NUM, UNITS

# Headings are the same pieces as addresses (grammar.py): 第X章 heads a chapter and
# cites one.  Item markers （一） take Chinese numerals only (CN_NUM); 之一 suffixes
# accept any number, since some pasted texts write 之1.

#: Separators that may follow a heading label: ASCII space, U+3000, NBSP, tab.
SEP = "[ \u3000\u00a0\t]"

#: 第X编 / 第X分编 / 第X章 / 第X节 (Simplified or Traditional), then the title.
HEADING = re.compile(
    rf"第(?P<num>{NUM})(?P<unit>{HEADING_UNIT}){SEP}*(?P<title>.*)"
)
HEADING_UNITS = {unit: level for unit, level in UNITS.items() if level in ("part", "subpart", "chapter", "section")}

#: 第X条 (之Y), then a separator or the end of the line: the strict article heading.
ARTICLE = re.compile(
    rf"(?P<label>第(?P<num>{NUM}){ARTICLE_UNIT}(?:之(?P<sub>{NUM}))?)(?P<sep>{SEP}+|$)"
)
#: The same without a separator, for texts pasted as 第一条为了… .  The look-ahead
#: refuses what follows 第X条 inside a sentence (第十条规定的, 第十条、第十二条, 第五条第二款).
ARTICLE_LOOSE = re.compile(
    rf"(?P<label>第(?P<num>{NUM}){ARTICLE_UNIT}(?:之(?P<sub>{NUM}))?)(?P<sep>)"
    r"(?![的、，,。.；;：:至和及或与與第规規中所之）)》」”’〉›»和或者等项項款]|$)"
)

#: Taiwan's layout: 第 1 條, 第 881-17 條 (an inserted article after 881), the number in
#: digits between single spaces — the form of the ROC statute database, not a defect.
TW_ARTICLE = re.compile(rf"(?P<label>第 (?P<num>[0-9]+)(?:-(?P<sub>[0-9]+))? 條)(?P<sep>{SEP}+|$|(?=[（(]))")
#: Taiwan's headings, spaced as its articles are: 第 一 編 總則 … 第 一 款 通則; 款 and 目
#: are heading levels below 節 there (the Civil Code's 債編).
TW_HEADING = re.compile(rf"第 (?P<num>{CN_NUM}) (?P<unit>編|编|章|節|节|款|目)(?:{SEP}+(?P<title>.*))?")
#: Taiwan's 款 inside an article: 一、 (its 目 are （一）, which elsewhere mark a 项).
TW_ITEM = re.compile(rf"(?P<label>(?P<num>{CN_NUM})、)(?P<sep>{SEP}*)(?=\S)")

#: An article marker as damaged copies print it: 笫 for 第, a space inside (第一百二十八 条)
#: or no separator after it.  Believed only where the numbering expects that article
#: (parsing/markers.py); a repair is counted for each.
BROKEN_ARTICLE = re.compile(
    rf"(?P<label>(?P<di>[第笫])(?P<s1>[ \u3000]*)(?P<num>{NUM})(?P<s2>[ \u3000]*){ARTICLE_UNIT}"
    rf"(?:之(?P<sub>{NUM}))?)(?P<sep>{SEP}*)"
)
#: What may not follow such a marker when no separator does: it is then a citation.
CITATION_AFTER = re.compile(r"[的、，,。.；;：:至和及或与與第规規中所之）)》」”’项項款]")

#: 项: （一） or (一), followed by text (not a digit: "(２０２１年…" is no item).
ITEM = re.compile(rf"(?P<label>[（(](?P<num>{CN_NUM})[）)])(?P<sep>{SEP}*)(?=[^\d０-９%％\s])")
#: 目: 1. / １． / 1、 followed by text (not a digit: "２．５亿元" is a decimal).
SUBITEM = re.compile(r"(?P<label>(?P<num>[0-9０-９]{1,3})[.．])(?P<sep>[ \u3000]*)(?=[^\d０-９%％.．\s])")

TOC = re.compile(rf"目{SEP}*[录錄]")
PREAMBLE = re.compile(rf"序{SEP}*言")
#: An unnumbered 附则 heading (numbered ones are ordinary 章).
SUPPLEMENTARY = re.compile(rf"附{SEP}*[则則]")
#: 附件 / 附件一 / 附件１ / 附件1：title — a label on a line of its own (or with a title).
ANNEX = re.compile(rf"(?P<label>附件{SEP}*(?P<num>{NUM})?)(?:{SEP}*[：:]?{SEP}*(?P<title>[^：:]*))?")
NOTE = re.compile(r"[①-⑳㉑-㉟]")
#: A plain line that opens an annex: 附件一：title, 附件：, 附：, 附件2.
ANNEX_LINE = re.compile(rf"附(?:件{SEP}*(?P<num>{NUM})?)?{SEP}*[：:]{SEP}*(?P<title>.*)|附件{SEP}*(?P<num2>{NUM})?")

#: Adoption lines under a title: "（2021年11月25日…通过）", "(第一百零四号)".
INFO_WORDS = re.compile(r"通过|修正|修订|公布|施行|批准|发布|發佈|通過|号|號|令")

DATE = re.compile(
    r"(?P<y>[0-9０-９〇○零一二三四五六七八九]{4})年"
    r"(?P<m>[0-9０-９一二三四五六七八九十]{1,2})月"
    r"(?P<d>[0-9０-９一二三四五六七八九十]{1,3})日"
)
EFFECTIVE = re.compile(rf"自(?P<date>{DATE.pattern})起(?:施行|實施|实施|试行|試行)")
#: 自公布之日起施行, and Taiwan's 自公布日施行.
EFFECTIVE_ON_PUBLICATION = re.compile(r"自(?:公布|发布|發佈|公佈)之?日起?(?:施行|实施|實施)")

#: The end of a sentence: an annex's title line has none.
SENTENCE_END = re.compile(r"[。；;！!？?]")
#: Sentence punctuation that a heading title never contains.
SENTENCE_PUNCT = re.compile(r"[。.；;，,：:！!？?]")
