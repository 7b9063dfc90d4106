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

#: Adoption lines under a title: "（2021年11月25日…通过）", "(第一百零四号)".
INFO_WORDS = re.compile(r"通过|修正|修订|公布|施行|批准|发布|發佈|通過|号|號|令")

DATE = re.compile(
    r"(?P<y>[0-9０-９〇○零一二三四五六七八九]{4})年"
    r"(?P<m>[0-9０-９一二三四五六七八九十]{1,2})月"
    r"(?P<d>[0-9０-９一二三四五六七八九十]{1,3})日"
)
EFFECTIVE = re.compile(rf"自(?P<date>{DATE.pattern})起(?:施行|實施|实施|施行)")
EFFECTIVE_ON_PUBLICATION = re.compile(r"自(?:公布|发布|發佈|公佈)之日起(?:施行|实施)")

#: Sentence punctuation that a heading title never contains.
SENTENCE_PUNCT = re.compile(r"[。.；;，,：:！!？?]")
