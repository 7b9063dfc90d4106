"""Reading an amendment act (修改决定, 修正案): its parts, items and instructions.

An act is a list of numbered paragraphs written in a small, very regular language
(将第X条修改为：“…”; 在“A”后增加“B”; 删去第X条 …).  Quoted replacement text may run
over several paragraphs, each opened with “ and only the last one closed.  Reading
is done in two steps so that each stays simple:

1. paragraphs → *instruction units*: one paragraph of the act's own language plus the
   quoted text it carries, with its item number (一、 / （一） / 1.) and the law it
   belongs to (one part per amended law in a multi-law act);
2. each unit → operations (`Op`): the quotes are replaced by a placeholder, and the
   remaining "template" is read clause by clause with anchored patterns, a current
   article being carried from clause to clause (将第五条改为第六条，其中的“A”修改为“B”).

A clause that cannot be read becomes an `Op` of kind "unknown": the applier logs it
as failed, so nothing in an act is ever ignored silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.numerals import article_key, to_int
from ..text.textfold import fold_space

Q = "\ue000"  # placeholder for one quotation in a template
N = "[零〇一二两三四五六七八九十百千0-9０-９]+"
CN_ITEM = "[一二三四五六七八九十百]+"

#: Verbs that make a paragraph an instruction (outside quotations).
_VERBS = re.compile(r"修改为|修订为|改为|替换为|删去|删除|增加|增写|增设|并入|合并|移至|移到|单列|调整为|作为第")
_CLOSING = re.compile(r"根据本决定|重新公布|自.{0,20}起施行|本决定自|本修正案自|施行。$")
_RENUMBER = re.compile(r"(?:条文|条款|章节|条文的|相关条文|)(?:顺序|序号)[^。]{0,6}(?:作|进行)?相应(?:的)?调整")
_TOP_ITEM = re.compile(rf"^({CN_ITEM})[、，.．]\s*")
_SUB_ITEM = re.compile(rf"^[（(]({CN_ITEM})[）)]\s*")
_DIGIT_ITEM = re.compile(r"^([0-9０-９]{1,3})[.．、]\s*(?=\D)")
#: Lines that are the act's own words even right after an unquoted replacement text.
_ACT_OWN = re.compile(r"(?:本决定|本修正案|此外|根据本决定|《[^》]+》(?:、《[^》]+》)*根据本决定)")
_INSTRUCTION_START = re.compile(r"(?:将|删去|删除|在第|在“|在\"|增加|把|此外)")
_LAW = re.compile(r"[《«]([^》»]{2,80})[》»]")


@dataclass(frozen=True)
class Target:
    """What a clause points at, in the numbering of the OLD text (新 numbers are `Op.number`)."""

    article: str | None = None  # article key "23", "120-1"
    paragraph: int | None = None  # 款
    item: int | None = None  # 项
    subitem: int | None = None  # 目
    sentence: int | None = None  # 自然段 inside a 款 (the lead text before its items)
    clause: int | None = None  # 句: the n-th sentence (ending in 。) of a 款 or 项
    chapter: int | None = None
    section: int | None = None
    part: int | None = None
    scope: str | None = None  # "all": the whole law (本法中的 / 相关条文中的)

    def describe(self) -> str:
        from ..text.numerals import to_chinese

        if self.scope == "all":
            return "全文"
        if self.scope == "intro":
            return "引言"
        bits = []
        if self.part:
            bits.append(f"第{to_chinese(self.part)}编")
        if self.chapter:
            bits.append(f"第{to_chinese(self.chapter)}章")
        if self.section:
            bits.append(f"第{to_chinese(self.section)}节")
        if self.article:
            base, _, sub = self.article.partition("-")
            bits.append(f"第{to_chinese(int(base))}条" + (f"之{to_chinese(int(sub))}" if sub else ""))
        if self.paragraph:
            bits.append(f"第{to_chinese(self.paragraph)}款")
        if self.sentence:
            bits.append(f"第{to_chinese(self.sentence)}自然段")
        if self.clause:
            bits.append(f"第{to_chinese(self.clause)}句")
        if self.item:
            bits.append(f"第（{to_chinese(self.item)}）项")
        if self.subitem:
            bits.append(f"第{to_chinese(self.subitem)}目")
        return "".join(bits)


@dataclass(frozen=True)
class Op:
    """One operation of an instruction."""

    op: str
    targets: tuple[Target, ...] = ()
    old: tuple[str, ...] = ()  # phrases to find / delete
    new: tuple[str, ...] = ()  # replacement paragraphs or phrases
    numbers: tuple[str, ...] = ()  # new positions: article keys or 款/项 numbers
    count: int = 1
    clause: str = ""  # the clause as written (quotes shown as “…”)


@dataclass(frozen=True)
class Instruction:
    """One paragraph of the act (with its quotations) and the operations read from it."""

    item: str  # 二 / 十五（三） / 四
    text: str  # the paragraph as written, quotations included
    line: int  # 1-based line of the act file
    ops: tuple[Op, ...]


@dataclass(frozen=True)
class ActPart:
    """The instructions for one amended law."""

    law: str | None
    instructions: tuple[Instruction, ...]


@dataclass(frozen=True)
class Act:
    title: str
    parts: tuple[ActPart, ...]
    renumber: bool  # 对条文顺序作相应调整 or an equivalent closing clause
    closing: tuple[str, ...] = ()

    def laws(self) -> list[str]:
        return [p.law or "(unnamed)" for p in self.parts]

    def select(self, name: str | None, fallback_title: str | None = None) -> ActPart | None:
        """The part for `name` (a --law value) or, without it, the one matching the title."""
        key = name or fallback_title
        if key is None:
            return self.parts[0] if len(self.parts) == 1 else None
        want = [law_key(key)]
        try:
            from ..text.convert import to_simplified

            want.append(law_key(to_simplified(key)))
        except Exception:  # opencc missing: simplified comparison only
            pass
        for w in want:
            exact = [p for p in self.parts if p.law and law_key(p.law) == w]
            if len(exact) == 1:
                return exact[0]
        for w in want:
            loose = [p for p in self.parts if p.law and (law_key(p.law) in w or (name and w in law_key(p.law)))]
            if len(loose) == 1:
                return loose[0]
        if len(self.parts) == 1 and self.parts[0].law is None:
            return self.parts[0]
        return None


def law_key(title: str) -> str:
    """Comparable form of a law's name: no 中华人民共和国, no spacing, no brackets' width."""
    s = fold_space(title)
    s = re.sub(r"^中华人民共和国", "", s)
    s = re.sub(r"[«»《》]", "", s)
    s = re.sub(r"\(\d{4}.*?\)$", "", s)
    return s


# -- step 1: paragraphs ------------------------------------------------------------

@dataclass
class _Para:
    text: str
    line: int


_ACT_TITLE = re.compile(r"(?:修改|修正|废止)[^。]*(?:决定|修正案)|修正案")


def _paragraphs(text: str) -> tuple[str, list[_Para]]:
    """Logical paragraphs of the act, through lawcli's own reading (so a text extracted
    from a PDF gazette has its wrapped lines joined), without YAML front matter, '#'
    and '>' marks.  In a gazette issue only the amending decisions are kept."""
    from ..parsing.source import load_text

    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 80)):
            if lines[i].strip() == "---":
                lines = [""] * (i + 1) + lines[i + 1:]  # keep line numbers
                break
    cleaned = []
    for line in lines:
        s = line.lstrip(" \t\u3000")
        while s.startswith(">"):
            s = s[1:].lstrip(" \t\u3000")
        cleaned.append(s)
    src = load_text("\n".join(cleaned), "<act>")
    logical = list(src.normalized.lines)
    docs = src.documents
    if len(docs) > 1:
        acts = [d for d in docs if _ACT_TITLE.search(d.title) and not re.search(r"关于批准|说明|报告|意见", d.title)]
        if acts:
            spans = [(d.start_line, d.end_line) for d in acts]
            logical = [ln for ln in logical if any(a <= ln.start <= b for a, b in spans)]
    title = ""
    out: list[_Para] = []
    for line in logical:
        s = line.text.strip(" \t\u3000\u00a0")
        if not s or s == "<!-- INFO END -->":
            continue
        if not title and (line.md_level == 1 or not out):
            title = s
            if line.md_level == 1:
                continue
        out.append(_Para(s, line.start))
    return title, out


def _quote_state(s: str, depth: int, ascii_open: bool) -> tuple[int, bool]:
    """Quote depth after reading `s`: “ ” nest, ASCII \" toggles."""
    for c in s:
        if c == "“":
            depth += 1
        elif c == "”":
            depth = max(0, depth - 1)
        elif c == '"':
            ascii_open = not ascii_open
    return depth, ascii_open


def _split_quotes(s: str) -> tuple[str, list[str]]:
    """Template (quotations → Q) and the quotations' texts, for one paragraph."""
    out, quotes = [], []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in "“\"":
            close = "”" if c == "“" else '"'
            depth, j = 1, i + 1
            while j < n:
                if c == "“" and s[j] == "“":
                    depth += 1
                elif s[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            quotes.append(s[i + 1:j])
            out.append(Q)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out), quotes


@dataclass
class _Unit:
    item: str
    text: str  # instruction paragraph (with its first quote's beginning)
    line: int
    extra: list[str] = field(default_factory=list)  # continuation paragraphs of a long quote
    bare: list[str] = field(default_factory=list)  # unquoted replacement text (local forms)


def _starts_quote(s: str) -> bool:
    return s[:1] in "“\""


def _continues_quote(s: str) -> bool:
    """A paragraph inside an open quotation that lacks its opening mark."""
    if _TOP_ITEM.match(s) or _ACT_OWN.match(s):
        return False
    m = _SUB_ITEM.match(s) or _DIGIT_ITEM.match(s)
    body = s[m.end():] if m else s
    return not _INSTRUCTION_START.match(body) and not re.match(r"第.{1,12}?(?:修改为|增加|删去)", body)


def parse_act(text: str) -> Act:
    """Read an act's text (Markdown mirror or plain text) into parts and instructions."""
    title, paras = _paragraphs(text)
    default_law = _law_of_title(title)
    parts: list[tuple[str | None, list[_Unit]]] = []
    cur_law: str | None = default_law
    units: list[_Unit] = []
    top, sub = "", ""
    renumber = False
    closing: list[str] = []
    i = 0
    started = False
    open_quote = False
    ascii_mode = False
    last_was_unit = False
    pending_bare: _Unit | None = None
    while i < len(paras):
        p = paras[i]
        s = p.text
        i += 1
        was_unit, last_was_unit = last_was_unit, False
        if not open_quote and units and was_unit and _starts_quote(s):
            # Another quotation right after an instruction's closed one (each article or 款 of
            # the new text quoted on its own): more of the same text.
            units[-1].extra.append(s)
            last_was_unit = True
            if ascii_mode or s[:1] == '"':
                _, open_quote = _quote_state(s[1:], 0, True)
                ascii_mode = True
            else:
                depth, _ = _quote_state(s[1:], 1, False)
                open_quote = depth > 0
            continue
        if open_quote and units and (_starts_quote(s) or _continues_quote(s)):
            # Continuation of a multi-paragraph quotation: its leading mark reopens it
            # (some acts omit that mark; a line that reads as an instruction ends the quote).
            units[-1].extra.append(s if _starts_quote(s) else "“" + s)
            last_was_unit = True
            rest = s[1:] if _starts_quote(s) else s
            if ascii_mode:
                _, still = _quote_state(rest, 0, True)
                open_quote = still
            else:
                depth, _ = _quote_state(rest, 1, False)
                open_quote = depth > 0
            continue
        open_quote = False
        if pending_bare is not None and not _ACT_OWN.match(s) and not _INSTRUCTION_START.match(
                _TOP_ITEM.sub("", s, count=1)) and not _TOP_ITEM.match(s) and not _SUB_ITEM.match(s) \
                and not _DIGIT_ITEM.match(s):
            pending_bare.bare.append(s)  # unquoted replacement text (local congresses' form)
            continue
        tmpl, _ = _split_quotes(s)
        if _RENUMBER.search(tmpl):
            renumber = True
        if _CLOSING.search(tmpl) and not _VERBS.search(tmpl.split("根据本决定")[0] if "根据本决定" in tmpl else tmpl):
            closing.append(s)
            pending_bare = None
            continue
        if _RENUMBER.search(tmpl) and not re.search(r"第" + N + "条", tmpl):
            closing.append(s)
            pending_bare = None
            continue
        if not started:
            m = re.search(r"决定(?:对)?[《«]([^》»]+)[》»](?:作|进行)(?:如下|以下)修改", tmpl)
            if m:
                cur_law = m.group(1)
                started = True
                continue
            if re.search(r"(?:决定|修改如下|修正如下|作如下修改|作以下修改)[：:]$", tmpl):
                started = True
                continue
        # Item numbers.
        mt = _TOP_ITEM.match(s)
        ms = None if mt else (_SUB_ITEM.match(s) or _DIGIT_ITEM.match(s))
        if ms and _starts_quote(s):
            ms = None
        label_len = mt.end() if mt else (ms.end() if ms else 0)
        body = s[label_len:]
        btmpl, _ = _split_quotes(body)
        if pending_bare is not None and not _INSTRUCTION_START.match(body) and not mt:
            pending_bare.bare.append(s)  # unquoted replacement text (local congresses' form)
            continue
        if mt:
            top, sub = mt.group(1), ""
        elif ms:
            sub = ms.group(1)
        # A new law's part: 《X》 named before any verb (一、对《A》作出修改 / 四、删去《B》第三十二条…).
        law_here = _part_law(btmpl)
        if law_here is not None:
            cur_law = law_here
            started = True
        if law_here is not None and not _VERBS.search(_LAW.sub("", btmpl)):
            pending_bare = None
            continue  # a header: 一、对《A》作出修改
        if not _VERBS.search(btmpl):
            if pending_bare is not None:
                pending_bare.bare.append(s)
                continue
            # A numbered paragraph naming provisions or quoting text, in words lawcli does not
            # know (第十条中“甲”改“乙”): kept as an instruction with no operation, so the
            # log reports it instead of dropping it.
            if not (label_len and started and (re.search(rf"第{N}[条款项目]", btmpl) or Q in btmpl)) \
                    or _is_header(btmpl):
                continue
        elif _is_header(btmpl):
            continue
        item = top + (f"（{sub}）" if sub else "")
        unit = _Unit(item or "-", body, p.line)
        if not parts or parts[-1][0] != cur_law:
            parts.append((cur_law, []))
        parts[-1][1].append(unit)
        units.append(unit)
        last_was_unit = True
        started = True
        depth, ascii_open = _quote_state(body, 0, False)
        open_quote = depth > 0 or ascii_open
        ascii_mode = ascii_open and depth == 0
        pending_bare = unit if re.search(r"(?:修改为|如下|作为第" + N + "[条款项章节])[：:]$", btmpl) else None
    out_parts = []
    for law, us in parts:
        out_parts.append(ActPart(law, _instructions(us, law)))
    if not out_parts:
        out_parts.append(ActPart(default_law, ()))
    return Act(title, tuple(out_parts), renumber, tuple(closing))


def _law_of_title(title: str) -> str | None:
    m = re.search(r"关于修改[《«]([^》»]+)[》»]的决定", title)
    if m and "等" not in title[m.end() - 4:]:
        return m.group(1)
    m = re.match(r"(.+?)修正案", fold_space(title))
    if m:
        return m.group(1)
    return None


def _part_law(tmpl: str) -> str | None:
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
    return bool(re.fullmatch(r"(?:对|将)?[^，。]{0,20}(?:作|进行)(?:以下|如下)修改[：:。]?", tmpl))


# -- step 2: operations ------------------------------------------------------------

def _q_texts(unit: _Unit) -> list[list[str]]:
    """Every quotation of the unit as a list of paragraphs."""
    _, quotes = _split_quotes(unit.text)
    texts = [[q] for q in quotes]
    if unit.extra and texts:
        paras = texts[-1] + [e[1:] if _starts_quote(e) else e for e in unit.extra]
        for k in range(1, len(paras)):
            # The mark that closes the quotation (and what follows it): a ” with no “ to
            # match it inside the paragraph (…简称“数据局”。 keeps its own marks).
            text = paras[k].rstrip()
            m = re.search(r"[”\"][。；;，,]?$", text)
            if not m:
                continue
            body = text[:m.start()]
            closes = body.count("“") == body.count("”") if text[m.start()] == "”" else body.count('"') % 2 == 0
            if closes:
                paras[k] = body
        texts[-1] = paras
    if unit.bare:
        texts.append(list(unit.bare))
    return texts


def _template(unit: _Unit) -> str:
    tmpl, _ = _split_quotes(unit.text)
    if unit.bare:
        tmpl = tmpl.rstrip() + Q
    return tmpl


def _instructions(units: list[_Unit], law: str | None) -> tuple[Instruction, ...]:
    out = []
    ctx: Target | None = None
    prev_item = None
    for unit in units:
        if unit.item != prev_item or unit.item == "-":
            ctx = None
        prev_item = unit.item
        full = unit.text + "".join("\n" + e for e in unit.extra) + "".join("\n" + b for b in unit.bare)
        try:
            ops, ctx = read_ops(_template(unit), _q_texts(unit), law, ctx)
        except (ValueError, IndexError, KeyError, TypeError):
            ops, ctx = [Op("unknown", clause=unit.text[:80])], None  # logged as failed
        out.append(Instruction(unit.item, full, unit.line, tuple(ops)))
    return tuple(out)


_SHORT_LAW = r"(?:[《«][^》»]+[》»]|本(?:法|条例|规定|办法|细则|解释|决定|规则)|刑法|民法典)"


def _clean_template(tmpl: str, law: str | None) -> str:
    names = [_SHORT_LAW]
    if law:
        short = re.sub(r"^中华人民共和国", "", law)
        names.append(re.escape(short))
        names.append(re.escape(law))
    pat = "(?:" + "|".join(names) + ")(?=第" + N + "[条章节编]|附件)"
    t = re.sub(pat, "", tmpl)
    t = t.replace("(", "（").replace(")", "）").replace(",", "，").replace(":", "：").replace(";", "；")
    t = t.replace("«", "《").replace("»", "》").replace("‹", "〈").replace("›", "〉")
    return t


# Target grammar, in the OLD numbering.
_TG = (rf"(?:第(?P<art>{N})条(?:之(?P<artsub>{N}))?)?(?:第(?P<para>{N})款)?"
       rf"(?:第(?P<sent>{N})自然段)?(?:第[（(]?(?P<item>{N})[）)]?项)?(?:第(?P<sub>{N})目)?(?:第(?P<cl>{N})句)?")
_ONE_TG = re.compile(_TG)
_TG_ANY = rf"第(?:{N}(?:条(?:之{N})?|款|自然段|句|项|目)|[（(]{N}[）)]项)"
_TGL = rf"{_TG_ANY}(?:{_TG_ANY})*(?:(?:[、和及至]|以及){_TG_ANY}(?:{_TG_ANY})*)*"
_INTRO = r"(?:引言|序言|前言|导言|首部|开头部分)"
_REL = r"(?:其中|其|该条|该款|该项|本条|此条|这一条|同条|上述条文)"
_ALL = (r"(?:本法|本条例|本规定|本办法|本细则|本解释|本决定|本规则|全文|相关条文|有关条文|条文|法律全文|该法|该条例|"
        r"[《«][^》»]+[》»]|条例|法规|规定|办法|细则)")
_SEP = re.compile(r"[，；。：\s、]*(?:并|同时|另|以及|此外，)?[，]?")
_CHANGE = r"(?:修改为|修订为|改为|替换为|修改成|改成)"
_NUMQ = rf"(?:一|二|两|三|四|五|六|七|八|九|十|{N})"


def _int(s: str | None) -> int | None:
    if not s:
        return None
    return to_int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def parse_targets(text: str, ctx: Target | None) -> list[Target]:
    """第五条第二款、第七条 → targets; bare 款/项 parts attach to the current article."""
    out: list[Target] = []
    last_art = ctx.article if ctx else None
    last_para = None

    def expand(m: re.Match) -> str:  # 第二十五条至第二十七条 → each article
        a, b = _int(m.group(1)), _int(m.group(2))
        if a is None or b is None or not a < b <= a + 200:
            return m.group(0)
        from ..text.numerals import to_chinese
        return "、".join(f"第{to_chinese(k)}条" for k in range(a, b + 1))

    text = re.sub(rf"第({N})条至第({N})条", expand, text)
    for piece in re.split(r"[、和及]|以及", text):
        piece = piece.strip()
        if not piece:
            continue
        m = _ONE_TG.fullmatch(piece)
        if not m or not any(m.groupdict().values()):
            continue
        art = article_key(_int(m.group("art")), _int(m.group("artsub"))) if m.group("art") else None
        para = _int(m.group("para"))
        if art:
            last_art, last_para = art, para
        elif para:
            last_para = para
        elif m.group("item") or m.group("sub"):
            para = last_para if last_para else (ctx.paragraph if ctx and not art else None)
        out.append(Target(article=art or last_art, paragraph=para, item=_int(m.group("item")),
                          subitem=_int(m.group("sub")), sentence=_int(m.group("sent")),
                          clause=_int(m.group("cl"))))
    return out


def _numbers(text: str, unit: str) -> list[str]:
    out = []
    for m in re.finditer(rf"第({N}){unit}(?:之({N}))?", text):
        if unit == "条":
            out.append(article_key(_int(m.group(1)), _int(m.group(2))))
        else:
            out.append(str(_int(m.group(1))))
    return out


def _count(s: str | None) -> int:
    if not s:
        return 1
    return _int(s.replace("两", "二")) or 1


class _Reader:
    """Reads one template clause by clause, carrying the current target."""

    def __init__(self, tmpl: str, quotes: list[list[str]]):
        self.t = tmpl
        self.quotes = quotes
        self.pos = 0
        self.qi = 0
        self.ctx: Target | None = None
        self.ops: list[Op] = []

    def take_q(self, n: int = 1) -> list[list[str]]:
        got = self.quotes[self.qi:self.qi + n]
        self.qi += n
        return got

    def clause_text(self, a: int, b: int) -> str:
        return self.t[a:b].replace(Q, "“…”")

    def emit(self, op: str, a: int, b: int, **kw) -> None:
        self.ops.append(Op(op, clause=self.clause_text(a, b), **kw))


def read_ops(tmpl: str, quotes: list[list[str]], law: str | None = None,
             ctx: Target | None = None) -> tuple[list[Op], Target | None]:
    """Operations of one instruction template; unreadable rest → an "unknown" op.

    `ctx` is the article the previous paragraph of the same item worked on: a
    paragraph such as 将第二款中的“A”修改为“B” continues it.
    """
    t = _clean_template(tmpl, law)
    r = _Reader(t, quotes)
    r.ctx = ctx
    while True:
        m = _SEP.match(t, r.pos)
        r.pos = m.end() if m else r.pos
        if r.pos >= len(t):
            break
        if not _clause(r):
            rest = t[r.pos:]
            # Whatever is left unread is reported, never dropped (删去…中的“A”和第二款).
            if rest.strip("。；，：.、 \u3000"):
                r.emit("unknown", r.pos, len(t), targets=(r.ctx,) if r.ctx else ())
            break
    return r.ops, r.ctx


def _tg(r: _Reader, text: str | None) -> list[Target]:
    if not text:
        return [r.ctx] if r.ctx else []
    tg = parse_targets(text, r.ctx)
    if tg and tg[0].article:
        r.ctx = Target(article=tg[0].article)
    return tg


def _ctx_para(r: _Reader, tg: list[Target]) -> list[Target]:
    """A bare 第二款 is inside the current article."""
    return [Target(article=x.article or (r.ctx.article if r.ctx else None), paragraph=x.paragraph,
                   item=x.item, subitem=x.subitem, sentence=x.sentence, clause=x.clause) for x in tg]


_CLAUSES: list[tuple[str, re.Pattern]] = []


def _c(name: str, pattern: str) -> None:
    _CLAUSES.append((name, re.compile(pattern)))


# Order matters: the more specific forms first.
_c("title_rename", rf"将?(?:本法|本条例|本规定|本办法|本细则|本解释|该法|该条例|法规|条例|法律|规章|规定|办法|[《«][^》»]+[》»])?的?(?:名称|题目|标题|题注)(?:修改|改)为[：]?{Q}")
_c("replace_split", rf"将(?P<tgs>第{N}条(?:之{N})?)(?:修改|分)为(?P<cnt>两|二|三|四|五)条[，]?(?:(?:分别)?作为(?P<nums>第{N}条(?:之{N})?(?:(?:[、和]|至)第{N}条(?:之{N})?)*))?[，]?(?:修改为)?[：]?{Q}")
_c("merge", rf"将(?P<tgs>{_TGL})合并(?:为一条)?[，]?(?:作为(?P<num>第{N}条(?:之{N})?))?")
_c("split", rf"将(?P<tgs>{_TGL})单列(?:为)?一条[，]?(?:作为(?P<num>第{N}条(?:之{N})?))?")
_c("split_to", rf"将?(?P<tgs>(?:第{N}条(?:之{N})?)?第{N}款)(?:改为|作为|单列为)(?P<num>第{N}条(?:之{N})?)")
_c("move", rf"将(?P<tgs>{_TGL})(?:移至|移到|调至|调整至)(?P<num>第{N}条(?:之{N})?)(?P<where>后|前|之后|之前)")
_c("renumber_article", rf"将(?P<tgs>第{N}条(?:之{N})?)(?:改为|调整为|作为)(?P<num>第{N}条(?:之{N})?)(?![之款项])")
_c("renumber_para", rf"将?(?P<tgs>(?:第{N}条(?:之{N})?)?(?:第{N}款)?(?:第[（(]?{N}[）)]?项)?)(?:改为|作为|调整为)(?P<num>第[（(]?{N}[）)]?(?:款|项))")
_c("chapter_merge", rf"将(?:第(?P<p1>{N})编)?第(?P<c1>{N})章(?:第(?P<s1>{N})节)?并入(?:第(?P<p2>{N})编)?第(?P<c2>{N})章(?:第(?P<s2>{N})节)?")
_c("chapter_rename", rf"将?(?:第(?P<p>{N})编)?第(?P<c>{N})(?P<u>章|节|编)(?:第(?P<s>{N})节)?的?(?:章名|节名|编名|标题|名称|题目)?{_CHANGE}[：]?{Q}")
_c("chapter_delete", rf"删去(?:第(?P<p>{N})编)?第(?P<c>{N})(?P<u>章|节)(?:第(?P<s>{N})节)?(?P<name>的?(?:章名|节名|标题))?")
_c("chapter_insert", rf"(?:在第(?P<after>{N})章(?:后|之后))?[，]?增加(?P<cnt>{_NUMQ})?(?P<u>章|节)[，]?(?:作为(?:第(?P<c>{N})章)?(?:第(?P<s>{N})节)?)?[：]?{Q}")
_c("insert_article", rf"(?:在(?P<after>{_TGL})(?:之)?(?P<where>后|前|之后|之前)[，]?|在(?:第{N}编)?(?:第(?P<inch>{N})章)?(?:第{N}节)?中[，]?)?(?:增加|增写|增设)(?P<cnt>{_NUMQ})条[，]?(?:(?:分别)?作为(?P<nums>第{N}条(?:之{N})?(?:[、和]第{N}条(?:之{N})?)*))?[：]?(?P<q>{Q})?")
_c("insert_para", rf"(?:在(?P<tgs>{_TGL})?(?:中|之后|后|之前|前)?[，]?)?(?:(?P<tgs2>{_TGL}))?(?:中)?(?:增加|增写)(?P<cnt>{_NUMQ})款[，]?(?:(?:分别)?作为(?P<nums>第{N}款(?:[、和]第{N}款)*))?[：]?(?P<q>{Q})?")
_c("insert_item", rf"(?:在(?P<tgs>{_TGL})?(?:中|之后|后|之前|前)?[，]?)?(?:(?P<tgs2>{_TGL}))?(?:中)?(?:增加|增写)(?P<cnt>{_NUMQ})(?P<u>项|目)[，]?(?:(?:分别)?作为(?P<nums>第[（(]?{N}[）)]?[项目](?:[、和]第[（(]?{N}[）)]?[项目])*))?[：]?(?P<q>{Q})?")
_c("phrase_global", rf"(?:将)?(?:{_ALL})(?:中|中的|的)?(?:所有的?|全部的?)?(?P<qs>{Q}(?:[、和]{Q})*)(?:统一|均|一律|都)?{_CHANGE}[：]?{Q}")
_c("phrase_pairs", rf"(?:将)?(?P<tgs>{_TGL}|{_REL}|{_INTRO}|{_ALL})?(?:中的?|的)?(?P<qs>{Q}(?:[、和]{Q})+)分别{_CHANGE}[：]?(?P<qn>{Q}(?:[、和]{Q})+)")
_c("phrase_replace", rf"(?:将)?(?P<tgs>{_TGL}|{_REL}|{_INTRO})?(?:中的?|的)?(?:所有的?)?(?P<qs>{Q}(?:[、和]{Q})*)(?:统一|均|一律|都)?{_CHANGE}[：]?{Q}")
_c("delete_after", rf"将(?P<tgs>{_TGL})(?:中的?)?(?P<qs>(?:{Q}(?:(?:[、和]|以及){Q})*)?)(?:删去|删除)")
_c("heading_hint", rf"将第(?P<c>{N})(?P<u>章|节|编)(?:第{N}节)?(?:改为|调整为)第{N}(?:章|节|编)")
_c("phrase_insert", rf"在(?P<tgs>{_TGL}|{_REL}|{_INTRO})?(?:中的?|的)?{Q}(?:之)?(?P<where>后|前|之后|之前)(?:面)?(?:增加|增写|加上|添加|插入)[：]?{Q}")
_c("phrase_append", rf"在(?P<tgs>{_TGL}|{_REL})?(?:的)?(?:最后|末尾|末|结尾|最后一句后)(?:增加|增写|加上|添加)[：]?{Q}")
_c("phrase_delete", rf"(?:删去|删除)(?P<tgs>{_TGL}|{_REL}|该条|{_ALL}|{_INTRO})?(?:中的?|的)?(?P<qs>{Q}(?:(?:[、和]|以及){Q})*)")
_c("delete", rf"(?:删去|删除|废止)(?P<tgs>{_TGL})")
_c("replace", rf"(?:将)?(?P<tgs>{_TGL}|{_REL}|{_INTRO})?{_CHANGE}[：]?{Q}")
_c("carry_delete", rf"(?P<tgs>{_TGL})(?:中的?|的)(?P<qs>{Q}(?:(?:[、和]|以及){Q})*)(?=[，；。、]|$)")
_c("renumber_hint_ctx", rf"(?:并)?改为(?P<num>第{N}条(?:之{N})?)")


def _clause(r: _Reader) -> bool:
    t, a = r.t, r.pos
    for name, pat in _CLAUSES:
        m = pat.match(t, a)
        if not m or m.end() == a:
            continue
        nq = t.count(Q, a, m.end())
        quotes = r.take_q(nq)
        b = m.end()
        gd = m.groupdict()
        if name in ("merge", "split", "split_to", "move", "renumber_article"):
            tg = _tg(r, gd["tgs"])
            if name == "split_to" or name == "split":
                tg = _ctx_para(r, tg)
            num = _numbers(gd.get("num") or "", "条")
            if name == "merge":
                r.emit("merge", a, b, targets=tuple(tg), numbers=tuple(num))
                if tg:
                    r.ctx = Target(article=tg[0].article)
            elif name in ("split", "split_to"):
                r.emit("split", a, b, targets=tuple(tg), numbers=tuple(num))
                if tg and tg[0].article:
                    r.ctx = Target(article=tg[0].article)
            elif name == "move":
                r.emit("move", a, b, targets=tuple(tg), numbers=tuple(num),
                       count=0 if "前" in gd["where"] else 1)
            else:
                r.emit("renumber", a, b, targets=tuple(tg), numbers=tuple(num))
            return _after(r, b)
        if name == "replace_split":
            tg = _tg(r, gd["tgs"])
            r.emit("replace_split", a, b, targets=tuple(tg), numbers=tuple(_numbers(gd["nums"] or "", "条")),
                   new=tuple(quotes[-1]) if quotes else (), count=_count(gd["cnt"]))
            return _after(r, b)
        if name == "title_rename":
            r.emit("title_rename", a, b, new=tuple(quotes[-1]) if quotes else ())
            return _after(r, b)
        if name == "renumber_para":
            tg = _ctx_para(r, parse_targets(gd["tgs"], r.ctx))
            if tg and tg[0].article:
                r.ctx = Target(article=tg[0].article)
            r.emit("move_unit", a, b, targets=tuple(tg),
                   numbers=tuple(str(_int(x)) for x in re.findall(rf"第[（(]?({N})", gd["num"])))
            return _after(r, b)
        if name == "renumber_hint_ctx":
            r.emit("renumber", a, b, targets=(r.ctx,) if r.ctx else (), numbers=tuple(_numbers(gd["num"], "条")))
            return _after(r, b)
        if name == "chapter_merge":
            r.emit("chapter_merge", a, b, targets=(
                Target(part=_int(gd["p1"]), chapter=_int(gd["c1"]), section=_int(gd["s1"])),
                Target(part=_int(gd["p2"]), chapter=_int(gd["c2"]), section=_int(gd["s2"]))))
            return _after(r, b)
        if name == "chapter_rename":
            tgt = Target(chapter=_int(gd["c"]) if gd["u"] == "章" else None,
                         section=_int(gd["s"]) or (_int(gd["c"]) if gd["u"] == "节" else None),
                         part=_int(gd["c"]) if gd["u"] == "编" else _int(gd.get("p")))
            r.emit("heading_rename", a, b, targets=(tgt,), new=tuple(quotes[-1]) if quotes else ())
            return _after(r, b)
        if name == "chapter_delete":
            tgt = Target(chapter=_int(gd["c"]) if gd["u"] == "章" else None,
                         section=_int(gd["s"]) or (_int(gd["c"]) if gd["u"] == "节" else None),
                         part=_int(gd.get("p")))
            r.emit("heading_delete", a, b, targets=(tgt,), count=1 if gd["name"] else 0)
            return _after(r, b)
        if name == "chapter_insert":
            nums = (str(_int(gd["c"])) if gd["c"] else "", str(_int(gd["s"])) if gd["s"] else "")
            r.emit("heading_insert", a, b, targets=(Target(chapter=_int(gd["after"])),) if gd["after"] else (),
                   new=tuple(quotes[-1]) if quotes else (), numbers=nums,
                   old=(gd["u"],))
            return _after(r, b)
        if name == "insert_article":
            after = parse_targets(gd["after"], r.ctx) if gd["after"] else []
            nums = _numbers(gd["nums"] or "", "条")
            if not after and gd.get("inch"):
                after = [Target(chapter=_int(gd["inch"]))]  # 在第三章中增加一条: where it belongs
            r.emit("insert_article", a, b, targets=tuple(after), numbers=tuple(nums),
                   new=tuple(quotes[-1]) if quotes else (), count=_count(gd["cnt"]),
                   old=("before",) if gd["where"] and "前" in gd["where"] else ())
            if nums:
                r.ctx = Target(article="+" + nums[0])
            return _after(r, b)
        if name in ("insert_para", "insert_item"):
            tg_text = gd.get("tgs") or gd.get("tgs2")
            tg = _ctx_para(r, _tg(r, tg_text)) if tg_text else ([r.ctx] if r.ctx else [])
            unit = "款" if name == "insert_para" else gd["u"]
            nums = [str(_int(x)) for x in re.findall(rf"第[（(]?({N})[）)]?[款项目]", gd["nums"] or "")]
            before = bool(re.search(r"前", t[a:m.start("cnt")])) if gd.get("tgs") else False
            after_given = bool(gd.get("tgs")) and not before
            r.emit("insert_" + {"款": "paragraph", "项": "item", "目": "subitem"}[unit], a, b,
                   targets=tuple(tg), numbers=tuple(nums), new=tuple(quotes[-1]) if quotes else (),
                   count=_count(gd["cnt"]), old=("before",) if before else (("after",) if after_given else ()))
            return _after(r, b)
        if name == "phrase_global":
            olds = tuple(q[0] for q in quotes[:-1])
            r.emit("replace_phrase", a, b, targets=(Target(scope="all"),), old=olds, new=tuple(quotes[-1][:1]))
            r.ctx = Target(scope="all")  # 本法中的“A”修改为“B”，“C”修改为“D”
            return _after(r, b)
        if name == "phrase_pairs":
            tgs = gd.get("tgs")
            tg = [Target(scope="all")] if tgs and re.fullmatch(_ALL, tgs) else _phrase_targets(r, tgs)
            k = t.count(Q, a, m.start("qn"))
            olds, news = quotes[:k], quotes[k:]
            if len(olds) != len(news):
                r.emit("unknown", a, b, targets=tuple(tg))
                return _after(r, b)
            for o, n in zip(olds, news):
                r.emit("replace_phrase", a, b, targets=tuple(tg), old=(o[0],), new=(n[0],))
            return _after(r, b)
        if name == "delete_after":
            tg = _ctx_para(r, parse_targets(gd["tgs"], r.ctx))
            if tg and tg[0].article:
                r.ctx = Target(article=tg[0].article)
            if quotes:
                r.emit("delete_phrase", a, b, targets=tuple(tg), old=tuple(q[0] for q in quotes))
            else:
                r.emit("delete", a, b, targets=tuple(tg))
            return _after(r, b)
        if name == "heading_hint":
            r.emit("note", a, b)
            return _after(r, b)
        if name == "phrase_replace":
            tg = _phrase_targets(r, gd.get("tgs"))
            olds = tuple(q[0] for q in quotes[:-1])
            r.emit("replace_phrase", a, b, targets=tuple(tg), old=olds, new=tuple(quotes[-1][:1]))
            return _after(r, b)
        if name == "phrase_insert":
            tg = _phrase_targets(r, gd.get("tgs"))
            op = "insert_phrase_before" if "前" in gd["where"] else "insert_phrase_after"
            r.emit(op, a, b, targets=tuple(tg), old=(quotes[0][0],), new=(quotes[1][0],))
            return _after(r, b)
        if name == "phrase_append":
            tg = _phrase_targets(r, gd.get("tgs"))
            r.emit("append_text", a, b, targets=tuple(tg), new=tuple(quotes[-1]))
            return _after(r, b)
        if name == "phrase_delete":
            tgs = gd.get("tgs")
            if tgs and re.fullmatch(_ALL, tgs):
                tg = [Target(scope="all")]
            else:
                tg = _phrase_targets(r, tgs)
            r.emit("delete_phrase", a, b, targets=tuple(tg), old=tuple(q[0] for q in quotes))
            return _after(r, b)
        if name == "carry_delete":
            # 删去第一款中的“A”、第二款中的“B”: the verb carries over from the clause before.
            if not r.ops or r.ops[-1].op != "delete_phrase":
                r.qi -= nq
                continue
            tg = _phrase_targets(r, gd["tgs"])
            r.emit("delete_phrase", a, b, targets=tuple(tg), old=tuple(q[0] for q in quotes))
            return _after(r, b)
        if name == "delete":
            tg = _ctx_para(r, parse_targets(gd["tgs"], r.ctx))
            if tg and tg[0].article:
                r.ctx = Target(article=tg[0].article)
            r.emit("delete", a, b, targets=tuple(tg))
            return _after(r, b)
        if name == "replace":
            tgs = gd.get("tgs")
            if tgs and re.fullmatch(_INTRO, tgs):
                tg = [Target(scope="intro")]
            elif not tgs and r.ops and r.ops[-1].op == "split" and r.ops[-1].numbers:
                tg = [Target(article="+" + r.ops[-1].numbers[0])]  # 单列一条，作为第X条，修改为
            elif tgs and re.fullmatch(_REL, tgs):
                tg = [r.ctx] if r.ctx else []
            else:
                tg = _ctx_para(r, _tg(r, tgs)) if tgs else ([r.ctx] if r.ctx else [])
            r.emit("replace", a, b, targets=tuple(tg), new=tuple(quotes[-1]) if quotes else ())
            return _after(r, b)
    return False


_PHRASE_OPS = ("replace_phrase", "delete_phrase", "insert_phrase_after", "insert_phrase_before")


def _phrase_targets(r: _Reader, tgs: str | None) -> list[Target]:
    if tgs and re.fullmatch(_INTRO, tgs):
        return [Target(scope="intro")]
    if not tgs and r.ops and r.ops[-1].op in _PHRASE_OPS and r.ops[-1].targets:
        # 将第五条、第八条中的“A”修改为“B”，“C”修改为“D”: the same places again.
        return list(r.ops[-1].targets)
    if not tgs or re.fullmatch(_REL, tgs):
        # No article named and none before it in the item: the whole text (将“A”修改为“B”).
        return [r.ctx] if r.ctx else [Target(scope="all")]
    tg = _ctx_para(r, parse_targets(tgs, r.ctx))
    if tg and tg[0].article:
        r.ctx = Target(article=tg[0].article)
    return tg


def _after(r: _Reader, b: int) -> bool:
    r.pos = b
    return True
