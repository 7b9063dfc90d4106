"""Step 1 of reading an act: its paragraphs → *instruction units*.

A unit is one paragraph of the act's own language with the quoted text it carries
(continuation paragraphs of a long quotation, or an unquoted replacement text in
the local congresses' form), its item number (一、 / （一） / 1.) and the law it
belongs to (one part per amended law in a multi-law act).  What is not an
instruction — the opening 决定对《A》作如下修改, closing clauses, headers — is
recognised here and kept out of the units, the renumbering clause being noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.textfold import fold_space
from .paragraphs import Paragraph, Q, quote_state, split_quotes, starts_quote
from .targets import N

CN_ITEM = "[一二三四五六七八九十百零〇]+"  # 一百零一、 too

#: Verbs that make a paragraph an instruction (outside quotations).
_VERBS = re.compile(r"修改为|修订为|改为|替换为|删去|删除|增加|增写|增设|并入|合并|移至|移到|单列|调整为|作为第")
_CLOSING = re.compile(r"根据本决定|重新公布|自.{0,20}起施行|本决定自|本修正案自|施行。$|^此外[，,]")
_RENUMBER = re.compile(r"(?:条文|条款|章节|条文的|相关条文|)(?:顺序|序号)[^。]{0,6}(?:作|进行)?相应(?:的)?调整")
_TOP_ITEM = re.compile(rf"^({CN_ITEM})[、，.．]\s*")
_SUB_ITEM = re.compile(rf"^[（(]({CN_ITEM})[）)]\s*")
_DIGIT_ITEM = re.compile(r"^([0-9０-９]{1,3})[.．、]\s*(?=\D)")
#: Lines that are the act's own words even right after an unquoted replacement text.
_ACT_OWN = re.compile(r"(?:本决定|本修正案|此外|根据本决定|《[^》]+》(?:、《[^》]+》)*根据本决定)")
_INSTRUCTION_START = re.compile(r"(?:将|删去|删除|在第|在“|在\"|增加|把|此外)")
#: A bare title heading one law's section in a package (一、示例市献血条例): no verb,
#: no provision, no quotation, ending in the name of a kind of act.
_BARE_LAW = re.compile(r"[^，。；“”\"第]{2,60}(?:法|条例|规定|办法|细则|规则|解释|章程|批复|通则|实施细则)")
_LAW = re.compile(r"[《«]([^》»]{2,80})[》»]")


@dataclass
class Unit:
    item: str
    text: str  # instruction paragraph (with its first quote's beginning)
    line: int
    extra: list[str] = field(default_factory=list)  # continuation paragraphs of a long quote
    bare: list[str] = field(default_factory=list)  # unquoted replacement text (local forms)
    #: its quotation was never closed: "end" (the act ends inside it) or "next" (the
    #: next instruction begins inside it)
    unclosed: str = ""


def continues_quote(s: str) -> bool:
    """A paragraph inside an open quotation that lacks its opening mark."""
    if _TOP_ITEM.match(s) or _ACT_OWN.match(s):
        return False
    m = _SUB_ITEM.match(s) or _DIGIT_ITEM.match(s)
    body = s[m.end():] if m else s
    return not _INSTRUCTION_START.match(body) and not re.match(r"第.{1,12}?(?:修改为|增加|删去)", body)


class UnitReader:
    """Reads the act's paragraphs into units, one paragraph at a time.

    Its state is what the paragraphs before left open: a quotation (and whether its
    marks are ASCII), the current item and law, a unit waiting for unquoted text
    (…修改为：), and whether the act's instructions have started yet.
    """

    def __init__(self, default_law: str | None):
        self.parts: list[tuple[str | None, list[Unit]]] = []
        self.law = default_law
        self.units: list[Unit] = []
        self.top, self.sub = "", ""
        self.renumber = False
        self.renumber_laws: set[str | None] = set()  # laws whose own section orders renumbering
        self.closing: list[str] = []
        self.started = False
        self.open_quote = False
        self.ascii_mode = False
        self.last_was_unit = False
        self.pending_bare: Unit | None = None

    def read(self, paras: list[Paragraph]) -> UnitReader:
        for p in paras:
            self._paragraph(p)
        if self.open_quote and self.units:
            self.units[-1].unclosed = "end"  # a cut act: its last quotation never closes
        return self

    def _paragraph(self, p: Paragraph) -> None:
        s = p.text
        was_unit, self.last_was_unit = self.last_was_unit, False
        if self._more_quotation(s, was_unit):
            return
        if self.open_quote and self.units and not self.units[-1].unclosed:
            self.units[-1].unclosed = "next"
        self.open_quote = False
        if self._bare_text(s):
            return
        tmpl, _ = split_quotes(s)
        if self._act_own_words(s, tmpl):
            return
        self._numbered(p, s)

    def _more_quotation(self, s: str, was_unit: bool) -> bool:
        """More of the last unit's quoted text: a quotation right after its closed one
        (each article or 款 of the new text quoted on its own), or the next paragraph of
        an open one (its leading mark reopens it; some acts omit that mark, and a line
        that reads as an instruction ends the quote)."""
        if not self.open_quote and self.units and was_unit and starts_quote(s):
            self.units[-1].extra.append(s)
            self.last_was_unit = True
            if self.ascii_mode or s[:1] == '"':
                _, self.open_quote = quote_state(s[1:], 0, True)
                self.ascii_mode = True
            else:
                depth, _ = quote_state(s[1:], 1, False)
                self.open_quote = depth > 0
            return True
        if self.open_quote and self.units and (starts_quote(s) or continues_quote(s)):
            self.units[-1].extra.append(s if starts_quote(s) else "“" + s)
            self.last_was_unit = True
            rest = s[1:] if starts_quote(s) else s
            if self.ascii_mode:
                _, still = quote_state(rest, 0, True)
                self.open_quote = still
            else:
                depth, _ = quote_state(rest, 1, False)
                self.open_quote = depth > 0
            return True
        return False

    def _bare_text(self, s: str) -> bool:
        """Unquoted replacement text (local congresses' form) after a unit ending in ：."""
        if self.pending_bare is None or _ACT_OWN.match(s) or _TOP_ITEM.match(s) \
                or _INSTRUCTION_START.match(_TOP_ITEM.sub("", s, count=1)):
            return False
        m = _SUB_ITEM.match(s) or _DIGIT_ITEM.match(s)
        if m and (self.pending_bare.bare == [] or _VERBS.search(split_quotes(s[m.end():])[0])
                  or _INSTRUCTION_START.match(s[m.end():])):
            # a numbered line is the act's next sub-item — unless the bare text has begun
            # and the line orders nothing: then it is an item of that text (（一）依法取得许可；)
            return False
        self.pending_bare.bare.append(s)
        return True

    def _act_own_words(self, s: str, tmpl: str) -> bool:
        """Closing clauses (and 对条文顺序作相应调整, noted), and the opening words
        before the first instruction (决定对《A》作如下修改：)."""
        if _RENUMBER.search(tmpl):
            named = [law for sentence in re.split(r"[；;]", tmpl) if _RENUMBER.search(sentence)
                     for law in _LAW.findall(sentence)]
            if self.parts and (_TOP_ITEM.match(s) or _SUB_ITEM.match(s) or _DIGIT_ITEM.match(s)):
                # 8.条文顺序作相应调整 as an item of one law's section: that law's, not the act's
                self.renumber_laws.add(self.law)
            elif named and len(self.parts) > 1:
                # 《A》根据本决定作相应修改，重新公布；《B》…并对条文顺序作相应调整: B's only
                self.renumber_laws.update(named)
            else:
                self.renumber = True
        if _CLOSING.search(tmpl) and not _VERBS.search(tmpl.split("根据本决定")[0] if "根据本决定" in tmpl else tmpl):
            self.closing.append(s)
            self.pending_bare = None
            return True
        if _RENUMBER.search(tmpl) and not re.search(r"第" + N + "条", tmpl):
            self.closing.append(s)
            self.pending_bare = None
            return True
        if not self.started:
            m = re.search(r"决定(?:对)?[《«]([^》»]+)[》»](?:作|进行)(?:如下|以下)修改", tmpl)
            if m:
                self.law = m.group(1)
                self.started = True
                return True
            if re.search(r"(?:决定|修改如下|修正如下|作如下修改|作以下修改)[：:]$", tmpl):
                self.started = True
                return True
        return False

    def _numbered(self, p: Paragraph, s: str) -> None:
        """A paragraph with its item number: a unit, a part's header, or text to skip."""
        mt = _TOP_ITEM.match(s)
        ms = None if mt else (_SUB_ITEM.match(s) or _DIGIT_ITEM.match(s))
        if ms and starts_quote(s):
            ms = None
        label_len = mt.end() if mt else (ms.end() if ms else 0)
        body = s[label_len:]
        btmpl, _ = split_quotes(body)
        if self.pending_bare is not None and not _INSTRUCTION_START.match(body) and not mt:
            self.pending_bare.bare.append(s)  # unquoted replacement text (local congresses' form)
            return
        if mt:
            self.top, self.sub = mt.group(1), ""
        elif ms:
            self.sub = ms.group(1)
        # A new law's part: 《X》 named before any verb (一、对《A》作出修改 / 四、删去《B》第三十二条…).
        law_here = part_law(btmpl)
        if law_here is None and mt and _BARE_LAW.fullmatch(body.strip(" 　。：:")):
            law_here = body.strip(" 　。：:")  # 一、上海市献血条例: a section named by the bare title
        if law_here is not None:
            self.law = law_here
            self.started = True
        if law_here is not None and not _VERBS.search(_LAW.sub("", btmpl)):
            self.pending_bare = None
            return  # a header: 一、对《A》作出修改
        if self._no_instruction(s, btmpl, label_len):
            return
        self._add(p, body, btmpl)

    def _no_instruction(self, s: str, btmpl: str, label_len: int) -> bool:
        """A paragraph without a verb (more bare text, or skipped) or a header."""
        if not _VERBS.search(btmpl):
            if self.pending_bare is not None:
                self.pending_bare.bare.append(s)
                return True
            # A numbered paragraph naming provisions or quoting text, in words lawcli does not
            # know (第十条中“甲”改“乙”): kept as an instruction with no operation, so the
            # log reports it instead of dropping it.
            return not (label_len and self.started and (re.search(rf"第{N}[条款项目]", btmpl) or Q in btmpl)) \
                or _is_header(btmpl)
        return _is_header(btmpl)

    def _add(self, p: Paragraph, body: str, btmpl: str) -> None:
        item = self.top + (f"（{self.sub}）" if self.sub else "")
        unit = Unit(item or "-", body, p.line)
        if not self.parts or self.parts[-1][0] != self.law:
            self.parts.append((self.law, []))
        self.parts[-1][1].append(unit)
        self.units.append(unit)
        self.last_was_unit = True
        self.started = True
        depth, ascii_open = quote_state(body, 0, False)
        self.open_quote = depth > 0 or ascii_open
        self.ascii_mode = ascii_open and depth == 0
        self.pending_bare = unit if re.search(r"(?:修改为|如下|作为第" + N + "[条款项章节])[：:]$", btmpl) else None


def law_of_title(title: str) -> str | None:
    """The law an act's title names (关于修改《A》的决定, A修正案); None for an omnibus act."""
    m = re.search(r"关于修改[《«]([^》»]+)[》»]的决定", title)
    if m and "等" not in title[m.end() - 4:]:
        return m.group(1)
    m = re.match(r"(.+?)修正案", fold_space(title))
    if m:
        return m.group(1)
    return None


def part_law(tmpl: str) -> str | None:
    """The law a paragraph opens a part for: a header naming it (一、对《A》作出修改,
    二、《B》, 修改《C》), or an instruction naming it first (四、删去《D》第三十二条…)."""
    m = _LAW.search(tmpl)
    if not m:
        return None
    v = _VERBS.search(tmpl)
    if v is None:
        return m.group(1)
    head = tmpl[:m.start()]
    if re.fullmatch(r"(?:将|删去|删除|在|对|修改|关于|把)?", head):
        return m.group(1)
    return None


def _is_header(tmpl: str) -> bool:
    """对部分条文作以下修改： and similar lines that announce sub-items."""
