"""Step 2 of reading an act: one unit's template → operations, clause by clause.

The quotations of a unit are replaced by a placeholder (`Q`), and the remaining
template is read with anchored patterns, a current article being carried from
clause to clause (将第五条改为第六条，其中的“A”修改为“B”).  The patterns form a
table, tried in order (the more specific forms first); each has a small reader
that turns its match into operations.  A reader may decline (the clause is then
tried against the next patterns), and what no pattern reads is reported as an
"unknown" operation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text.grammar import SELF
from .instructions import Op, Target
from .paragraphs import Q
from .targets import N, count_of, int_of, numbers_in, parse_targets

#: How an act names the law before a provision: its title, its own name for itself
#: (本法, 本条例 … as the address grammar has them), a short title.
_SHORT_LAW = rf"(?:[《«][^》»]+[》»]|{SELF}|刑法|民法典)"

# The vocabulary of the patterns: lists of targets, words for "this one", for the
# whole law and for its 引言, the verbs of change, counts.

_TG_ANY = rf"第(?:{N}(?:条(?:之{N})?|款|自然段|句|项|目)|[（(]{N}[）)]项)"
_TGL = rf"{_TG_ANY}(?:{_TG_ANY})*(?:(?:[、和及至]|以及){_TG_ANY}(?:{_TG_ANY})*)*"
_INTRO = r"(?:引言|序言|前言|导言|首部|开头部分)"
_REL = r"(?:其中|其|该条|该款|该项|本条|此条|这一条|同条|上述条文)"
_ALL = (rf"(?:{SELF}|全文|相关条文|有关条文|条文|法律全文|该法|该条例|"
        r"[《«][^》»]+[》»]|条例|法规|规定|办法|细则)")
_SEP = re.compile(r"[，；。：\s、]*(?:并|同时|另|以及|此外，)?[，]?")
_CHANGE = r"(?:修改为|修订为|改为|替换为|修改成|改成)"
#: Quotations listed one after another: “A”、“B”, “A”和“B”, or with no mark at all (“A”“B”).
_QSEP = r"(?:[、和]|以及)?"
_QL = rf"{Q}(?:{_QSEP}{Q})*"
_NUMQ = rf"(?:一|二|两|三|四|五|六|七|八|九|十|{N})"


def _clean_template(tmpl: str, law: str | None) -> str:
    """The template without the law's own name before its provisions (本条例第五条 →
    第五条), with ASCII punctuation made full-width."""
    names = [_SHORT_LAW]
    if law:
        short = re.sub(r"^中华人民共和国", "", law)
        names.append(re.escape(short))
        names.append(re.escape(law))
    # 修改后《解释》第十二条 / 将《解释》原第七条: the words that say which numbering a
    # number is in go with the name (old numbers are the default, and a stated new number
    # is one already: 改为第十二条).
    pat = "(?:修改后的?|修订后的?)?(?:" + "|".join(names) + ")(?=(?:原)?第" + N + "[条章节编款项]|附件)"
    t = re.sub(pat, "", tmpl)
    t = re.sub("(?:(?<=[将、和，；。：" + Q + "])|^)原(?=第" + N + "[条章节编款项])", "", t)
    t = re.sub("(?:修改后|修订后)的?(?=第" + N + "[条章节编款项])", "", t)
    t = t.replace("(", "（").replace(")", "）").replace(",", "，").replace(":", "：").replace(";", "；")
    t = t.replace("«", "《").replace("»", "》").replace("‹", "〈").replace("›", "〉")
    return t


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
    """The targets `text` names (the current one when it names none); the first
    article named becomes the current one."""
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


# -- the table: pattern → reader ----------------------------------------------------

@dataclass(frozen=True)
class Hit:
    """One pattern's match at the reader's position, with the quotations it spans."""

    m: re.Match
    gd: dict[str, str | None]
    quotes: list[list[str]]

    @property
    def a(self) -> int:
        return self.m.start()

    @property
    def b(self) -> int:
        return self.m.end()

    def all_quotes(self) -> tuple[str, ...]:
        """Every quotation's paragraphs, in order (“第五条　甲。”“第六条　乙。”: one text)."""
        return tuple(p for q in self.quotes for p in q)

    def last_quote(self) -> tuple[str, ...]:
        """The text of the last quotation, one item per paragraph (the new text)."""
        return tuple(self.quotes[-1]) if self.quotes else ()


#: A reader turns a hit into operations (and may move the current target); False
#: declines the hit, so that the next patterns are tried.
ClauseReader = Callable[[_Reader, Hit], bool]


@dataclass(frozen=True)
class Clause:
    """One row of the table: a form of instruction and its reader."""

    name: str
    pattern: re.Pattern
    read: ClauseReader


def _clause(r: _Reader) -> bool:
    """Read the clause at r.pos with the first pattern that matches and whose reader
    accepts it; False when none does."""
    t, a = r.t, r.pos
    for clause in _CLAUSES:
        m = clause.pattern.match(t, a)
        if not m or m.end() == a:
            continue
        nq = t.count(Q, a, m.end())
        if clause.read(r, Hit(m, m.groupdict(), r.take_q(nq))):
            r.pos = m.end()
            return True
        r.qi -= nq  # declined: its quotations are left for the next pattern
    return False


_PHRASE_OPS = ("replace_phrase", "delete_phrase", "insert_phrase_after", "insert_phrase_before")


def _phrase_targets(r: _Reader, tgs: str | None) -> list[Target]:
    """Where a phrase edit applies: the 引言, the places of the phrase edit just
    before, the current article (or else the whole text), or the targets named."""
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


def _article_numbers(h: Hit, group: str = "num") -> tuple[str, ...]:
    return tuple(numbers_in(h.gd.get(group) or "", "条"))


# Articles: merged, split off, moved, renumbered.

def _merge(r: _Reader, h: Hit) -> bool:
    tg = _tg(r, h.gd["tgs"])
    r.emit("merge", h.a, h.b, targets=tuple(tg), numbers=_article_numbers(h))
    if tg:
        r.ctx = Target(article=tg[0].article)
    return True


def _split(r: _Reader, h: Hit) -> bool:
    """将第三条第二款单列一条，作为第四条 / 将第二款改为第五条."""
    tg = _ctx_para(r, _tg(r, h.gd["tgs"]))
    r.emit("split", h.a, h.b, targets=tuple(tg), numbers=_article_numbers(h))
    if tg and tg[0].article:
        r.ctx = Target(article=tg[0].article)
    return True


def _move(r: _Reader, h: Hit) -> bool:
    tg = _tg(r, h.gd["tgs"])
    r.emit("move", h.a, h.b, targets=tuple(tg), numbers=_article_numbers(h),
           count=0 if "前" in h.gd["where"] else 1)
    return True


def _renumber_article(r: _Reader, h: Hit) -> bool:
    tg = _tg(r, h.gd["tgs"])
    r.emit("renumber", h.a, h.b, targets=tuple(tg), numbers=_article_numbers(h))
    return True


def _renumber_hint(r: _Reader, h: Hit) -> bool:
    """…，并改为第六条: the current article's new number."""
    r.emit("renumber", h.a, h.b, targets=(r.ctx,) if r.ctx else (), numbers=tuple(numbers_in(h.gd["num"], "条")))
    return True


def _replace_split(r: _Reader, h: Hit) -> bool:
    tg = _tg(r, h.gd["tgs"])
    r.emit("replace_split", h.a, h.b, targets=tuple(tg), numbers=_article_numbers(h, "nums"),
           new=h.all_quotes(), count=count_of(h.gd["cnt"]))
    return True


def _renumber_para(r: _Reader, h: Hit) -> bool:
    """将第三款改为第四款: a 款 or 项 moves among the article's."""
    tg = _ctx_para(r, parse_targets(h.gd["tgs"], r.ctx))
    if tg and tg[0].article:
        r.ctx = Target(article=tg[0].article)
    r.emit("move_unit", h.a, h.b, targets=tuple(tg),
           numbers=tuple(str(int_of(x)) for x in re.findall(rf"第[（(]?({N})", h.gd["num"])))
    return True


# The title and the headings.

def _title_rename(r: _Reader, h: Hit) -> bool:
    r.emit("title_rename", h.a, h.b, new=h.last_quote())
    return True


def _chapter_merge(r: _Reader, h: Hit) -> bool:
    gd = h.gd
    r.emit("chapter_merge", h.a, h.b, targets=(
        Target(part=int_of(gd["p1"]), chapter=int_of(gd["c1"]), section=int_of(gd["s1"])),
        Target(part=int_of(gd["p2"]), chapter=int_of(gd["c2"]), section=int_of(gd["s2"]))))
    return True


def _chapter_rename(r: _Reader, h: Hit) -> bool:
    gd = h.gd
    tgt = Target(chapter=int_of(gd["c"]) if gd["u"] == "章" else None,
                 section=int_of(gd["s"]) or (int_of(gd["c"]) if gd["u"] == "节" else None),
                 part=int_of(gd["c"]) if gd["u"] == "编" else int_of(gd.get("p")))
    r.emit("heading_rename", h.a, h.b, targets=(tgt,), new=h.last_quote())
    return True


def _chapter_delete(r: _Reader, h: Hit) -> bool:
    gd = h.gd
    tgt = Target(chapter=int_of(gd["c"]) if gd["u"] == "章" else None,
                 section=int_of(gd["s"]) or (int_of(gd["c"]) if gd["u"] == "节" else None),
                 part=int_of(gd.get("p")))
    r.emit("heading_delete", h.a, h.b, targets=(tgt,), count=1 if gd["name"] else 0)
    return True


def _chapter_insert(r: _Reader, h: Hit) -> bool:
    gd = h.gd
    nums = (str(int_of(gd["c"])) if gd["c"] else "", str(int_of(gd["s"])) if gd["s"] else "")
    r.emit("heading_insert", h.a, h.b, targets=(Target(chapter=int_of(gd["after"])),) if gd["after"] else (),
           new=h.last_quote(), numbers=nums, old=(gd["u"],))
    return True


def _heading_hint(r: _Reader, h: Hit) -> bool:
    """将第三章改为第二章: a statement of a heading's new number, which follows anyway."""
    r.emit("note", h.a, h.b)
    return True


# Units added: articles, 款, 项 and 目.

def _insert_article(r: _Reader, h: Hit) -> bool:
    gd = h.gd
    after = parse_targets(gd["after"], r.ctx) if gd["after"] else []
    nums = numbers_in(gd["nums"] or "", "条")
    if "至" in (gd["nums"] or "") and len(nums) == 2 and nums[0].isdigit() and nums[1].isdigit():
        nums = [str(k) for k in range(int(nums[0]), int(nums[1]) + 1)]  # 第七十一条至第七十四条
    if not after and gd.get("inch"):
        after = [Target(chapter=int_of(gd["inch"]))]  # 在第三章中增加一条: where it belongs
    r.emit("insert_article", h.a, h.b, targets=tuple(after), numbers=tuple(nums),
           new=h.all_quotes(), count=count_of(gd["cnt"]),
           old=("before",) if gd["where"] and "前" in gd["where"] else ())
    if nums:
        r.ctx = Target(article="+" + nums[0])
    return True


def _insert_unit(r: _Reader, h: Hit, unit: str) -> bool:
    """增加一款 / 一项 / 一目, where it goes said by a place before or after, or its number."""
    gd = h.gd
    tg_text = gd.get("tgs") or gd.get("tgs2")
    tg = _ctx_para(r, _tg(r, tg_text)) if tg_text else ([r.ctx] if r.ctx else [])
    nums = [str(int_of(x)) for x in re.findall(rf"第[（(]?({N})[）)]?[款项目]", gd["nums"] or "")]
    before = bool(re.search(r"前", r.t[h.a:h.m.start("cnt")])) if gd.get("tgs") else False
    after_given = bool(gd.get("tgs")) and not before
    r.emit("insert_" + {"款": "paragraph", "项": "item", "目": "subitem"}[unit], h.a, h.b,
           targets=tuple(tg), numbers=tuple(nums), new=h.all_quotes(),
           count=count_of(gd["cnt"]), old=("before",) if before else (("after",) if after_given else ()))
    return True


def _insert_para(r: _Reader, h: Hit) -> bool:
    return _insert_unit(r, h, "款")


def _insert_item(r: _Reader, h: Hit) -> bool:
    return _insert_unit(r, h, h.gd["u"])


# Phrases.

def _phrase_global(r: _Reader, h: Hit) -> bool:
    """本法中的“A”修改为“B”: everywhere in the law."""
    olds = tuple(q[0] for q in h.quotes[:-1])
    r.emit("replace_phrase", h.a, h.b, targets=(Target(scope="all"),), old=olds, new=tuple(h.quotes[-1][:1]))
    r.ctx = Target(scope="all")  # 本法中的“A”修改为“B”，“C”修改为“D”
    return True


def _phrase_pairs(r: _Reader, h: Hit) -> bool:
    """将“A”、“B”分别修改为“C”、“D”: one replacement per pair."""
    tgs = h.gd.get("tgs")
    tg = [Target(scope="all")] if tgs and re.fullmatch(_ALL, tgs) else _phrase_targets(r, tgs)
    k = r.t.count(Q, h.a, h.m.start("qn"))
    olds, news = h.quotes[:k], h.quotes[k:]
    if len(olds) != len(news):
        r.emit("unknown", h.a, h.b, targets=tuple(tg))
        return True
    for o, n in zip(olds, news):
        r.emit("replace_phrase", h.a, h.b, targets=tuple(tg), old=(o[0],), new=(n[0],))
    return True


def _phrase_replace(r: _Reader, h: Hit) -> bool:
    tg = _phrase_targets(r, h.gd.get("tgs"))
    olds = tuple(q[0] for q in h.quotes[:-1])
    r.emit("replace_phrase", h.a, h.b, targets=tuple(tg), old=olds, new=tuple(h.quotes[-1][:1]))
    return True


def _phrase_insert(r: _Reader, h: Hit) -> bool:
    tg = _phrase_targets(r, h.gd.get("tgs"))
    op = "insert_phrase_before" if "前" in h.gd["where"] else "insert_phrase_after"
    r.emit(op, h.a, h.b, targets=tuple(tg), old=(h.quotes[0][0],), new=(h.quotes[1][0],))
    return True


def _phrase_append(r: _Reader, h: Hit) -> bool:
    tg = _phrase_targets(r, h.gd.get("tgs"))
    r.emit("append_text", h.a, h.b, targets=tuple(tg), new=tuple(h.quotes[-1]))
    return True


def _phrase_delete(r: _Reader, h: Hit) -> bool:
    tgs = h.gd.get("tgs")
    if tgs and re.fullmatch(_ALL, tgs):
        tg = [Target(scope="all")]
    else:
        tg = _phrase_targets(r, tgs)
    r.emit("delete_phrase", h.a, h.b, targets=tuple(tg), old=tuple(q[0] for q in h.quotes))
    return True


def _carry_delete(r: _Reader, h: Hit) -> bool:
    """删去第一款中的“A”、第二款中的“B”: the verb carries over from the clause before."""
    if not r.ops or r.ops[-1].op != "delete_phrase":
        return False
    tg = _phrase_targets(r, h.gd["tgs"])
    r.emit("delete_phrase", h.a, h.b, targets=tuple(tg), old=tuple(q[0] for q in h.quotes))
    return True


# Units deleted or replaced.

def _delete_after(r: _Reader, h: Hit) -> bool:
    """将第五条中的“A”删去 / 将第五条删去: the verb after its object."""
    tg = _ctx_para(r, parse_targets(h.gd["tgs"], r.ctx))
    if tg and tg[0].article:
        r.ctx = Target(article=tg[0].article)
    if h.quotes:
        r.emit("delete_phrase", h.a, h.b, targets=tuple(tg), old=tuple(q[0] for q in h.quotes))
    else:
        r.emit("delete", h.a, h.b, targets=tuple(tg))
    return True


def _delete(r: _Reader, h: Hit) -> bool:
    tg = _ctx_para(r, parse_targets(h.gd["tgs"], r.ctx))
    if tg and tg[0].article:
        r.ctx = Target(article=tg[0].article)
    r.emit("delete", h.a, h.b, targets=tuple(tg))
    return True


def _replace(r: _Reader, h: Hit) -> bool:
    tgs = h.gd.get("tgs")
    if tgs and re.fullmatch(_INTRO, tgs):
        tg = [Target(scope="intro")]
    elif not tgs and r.ops and r.ops[-1].op == "split" and r.ops[-1].numbers:
        tg = [Target(article="+" + r.ops[-1].numbers[0])]  # 单列一条，作为第X条，修改为
    elif tgs and re.fullmatch(_REL, tgs):
        tg = [r.ctx] if r.ctx else []
    else:
        tg = _ctx_para(r, _tg(r, tgs)) if tgs else ([r.ctx] if r.ctx else [])
    r.emit("replace", h.a, h.b, targets=tuple(tg), new=h.last_quote())
    return True


def _modify(r: _Reader, h: Hit) -> bool:
    """对第三十条进行修改（，作为第七十条）: a replacement whose text comes later (内容如下)."""
    tg = _ctx_para(r, _tg(r, h.gd["tgs"]))
    r.emit("replace", h.a, h.b, targets=tuple(tg), numbers=_article_numbers(h))
    return True


_BLOCK_ARTICLE = re.compile(rf"^第({N})条(?:之({N}))?[\s\u3000]")
_BLOCK_HEADING = re.compile(rf"^第{N}[编章节][\s\u3000]")


def _content(r: _Reader, h: Hit) -> bool:
    """内容如下：“…” — one text for the clauses before it that announced articles
    (对第三十条进行修改，作为第七十条；增加四条，分别作为第七十一条至第七十四条): each
    takes the quoted articles bearing its numbers (else the next ones in order), and a
    heading quoted before an article goes before it in the law."""
    from dataclasses import replace as with_

    from ..text.numerals import article_key

    waiting = [i for i, op in enumerate(r.ops) if op.op in ("replace", "insert_article") and not op.new]
    segs: list[tuple[str | None, str, list[str]]] = []  # (article key, heading, lines)
    heading = ""
    for line in h.last_quote():
        m = _BLOCK_ARTICLE.match(line.strip())
        if _BLOCK_HEADING.match(line.strip()):
            heading = line.strip()
        elif m or not segs:
            key = article_key(int_of(m.group(1)), int_of(m.group(2))) if m else None
            segs.append((key, heading, [line]))
            heading = ""
        else:
            segs[-1][2].append(line)
    if not waiting or not segs:
        return False
    used: set[int] = set()
    for i in waiting:
        op = r.ops[i]
        want = list(op.numbers)
        n = max(len(want), op.count if op.op == "insert_article" else 1)
        picks = [k for key in want for k, s in enumerate(segs) if s[0] == key and k not in used][:n]
        picks += [k for k in range(len(segs)) if k not in used and k not in picks][:n - len(picks)]
        used.update(picks)
        lines = [ln for k in sorted(picks) for ln in segs[k][2]]
        r.ops[i] = with_(op, new=tuple(lines), heading=next((segs[k][1] for k in sorted(picks) if segs[k][1]), ""))
    if len(used) != len(segs):
        r.emit("unknown", h.a, h.b, targets=tuple(r.ops[waiting[0]].targets))  # more text than announced
    return True


def _c(name: str, read: ClauseReader, pattern: str) -> Clause:
    return Clause(name, re.compile(pattern), read)


# Order matters: the more specific forms first.
_CLAUSES: tuple[Clause, ...] = (
    _c("title_rename", _title_rename,
       rf"将?(?:本法|本条例|本规定|本办法|本细则|本解释|该法|该条例|法规|条例|法律|规章|规定|办法|[《«][^》»]+[》»])?的?(?:名称|题目|标题|题注)(?:修改|改)为[：]?{Q}"),
    _c("replace_split", _replace_split,
       rf"将(?P<tgs>第{N}条(?:之{N})?)(?:修改|分)为(?P<cnt>两|二|三|四|五)条[，]?(?:(?:分别)?作为(?P<nums>第{N}条(?:之{N})?(?:(?:[、和]|至)第{N}条(?:之{N})?)*))?[，]?(?:修改为)?[：]?{Q}(?:[、]?{Q})*"),
    _c("merge", _merge,
       rf"将(?P<tgs>{_TGL})合并(?:为一条)?[，]?(?:作为(?P<num>第{N}条(?:之{N})?))?"),
    _c("split", _split,
       rf"将(?P<tgs>{_TGL})单列(?:为)?一条[，]?(?:作为(?P<num>第{N}条(?:之{N})?))?"),
    _c("split_to", _split,
       rf"将?(?P<tgs>(?:第{N}条(?:之{N})?)?第{N}款)(?:改为|作为|单列为)(?P<num>第{N}条(?:之{N})?)"),
    _c("move", _move,
       rf"将(?P<tgs>{_TGL})(?:移至|移到|调至|调整至)(?P<num>第{N}条(?:之{N})?)(?P<where>后|前|之后|之前)"),
    _c("renumber_article", _renumber_article,
       rf"将?(?P<tgs>第{N}条(?:之{N})?)(?:改为|调整为|作为)(?P<num>第{N}条(?:之{N})?)(?![之款项])"),
    _c("renumber_para", _renumber_para,
       rf"将?(?P<tgs>(?:第{N}条(?:之{N})?)?(?:第{N}款)?(?:第[（(]?{N}[）)]?项)?)(?:改为|作为|调整为)(?P<num>第[（(]?{N}[）)]?(?:款|项))"),
    _c("chapter_merge", _chapter_merge,
       rf"将(?:第(?P<p1>{N})编)?第(?P<c1>{N})章(?:第(?P<s1>{N})节)?并入(?:第(?P<p2>{N})编)?第(?P<c2>{N})章(?:第(?P<s2>{N})节)?"),
    _c("chapter_rename", _chapter_rename,
       rf"将?(?:第(?P<p>{N})编)?第(?P<c>{N})(?P<u>章|节|编)(?:第(?P<s>{N})节)?的?(?:章名|节名|编名|标题|名称|题目)?{_CHANGE}[：]?{Q}"),
    _c("chapter_delete", _chapter_delete,
       rf"删去(?:第(?P<p>{N})编)?第(?P<c>{N})(?P<u>章|节)(?:第(?P<s>{N})节)?(?P<name>的?(?:章名|节名|标题))?"),
    _c("chapter_insert", _chapter_insert,
       rf"(?:在第(?P<after>{N})章(?:后|之后))?[，]?增加(?P<cnt>{_NUMQ})?(?P<u>章|节)[，]?(?:作为(?:第(?P<c>{N})章)?(?:第(?P<s>{N})节)?)?[：]?{Q}"),
    _c("insert_article", _insert_article,
       rf"(?:在?(?P<after>{_TGL})(?:之)?(?P<where>后|前|之后|之前)[，]?|在(?:第{N}编)?(?:第(?P<inch>{N})章)?(?:第{N}节)?中[，]?)?(?:增加|增写|增设)(?P<cnt>{_NUMQ})条[，]?(?:(?:分别)?作为(?P<nums>第{N}条(?:之{N})?(?:(?:[、和]|至)第{N}条(?:之{N})?)*))?[：]?(?P<q>{Q}(?:[、]?{Q})*)?"),
    _c("insert_para", _insert_para,
       rf"(?:在(?P<tgs>{_TGL})?(?:中|之后|后|之前|前)?[，]?)?(?:(?P<tgs2>{_TGL}))?(?:中)?(?:增加|增写)(?P<cnt>{_NUMQ})款[，]?(?:(?:分别)?作为(?P<nums>第{N}款(?:[、和]第{N}款)*))?[：]?(?P<q>{Q}(?:[、]?{Q})*)?"),
    _c("insert_item", _insert_item,
       rf"(?:在(?P<tgs>{_TGL})?(?:中|之后|后|之前|前)?[，]?)?(?:(?P<tgs2>{_TGL}))?(?:中)?(?:增加|增写)(?P<cnt>{_NUMQ})(?P<u>项|目)[，]?(?:(?:分别)?作为(?P<nums>第[（(]?{N}[）)]?[项目](?:[、和]第[（(]?{N}[）)]?[项目])*))?[：]?(?P<q>{Q}(?:[、]?{Q})*)?"),
    _c("phrase_global", _phrase_global,
       rf"(?:将)?(?:{_ALL})(?:中|中的|的)?(?:所有的?|全部的?)?(?P<qs>{_QL})(?:统一|均|一律|都)?{_CHANGE}[：]?{Q}"),
    _c("phrase_pairs", _phrase_pairs,
       rf"(?:将)?(?P<tgs>{_TGL}|{_REL}|{_INTRO}|{_ALL})?(?:中的?|的)?(?P<qs>{Q}(?:{_QSEP}{Q})+)分别{_CHANGE}[：]?(?P<qn>{Q}(?:{_QSEP}{Q})+)"),
    _c("phrase_replace", _phrase_replace,
       rf"(?:将)?(?P<tgs>{_TGL}|{_REL}|{_INTRO})?(?:中的?|的)?(?:所有的?)?(?P<qs>{_QL})(?:统一|均|一律|都)?{_CHANGE}[：]?{Q}"),
    _c("delete_after", _delete_after,
       rf"将(?P<tgs>{_TGL})(?:中的?)?(?P<qs>(?:{_QL})?)(?:删去|删除)"),
    _c("heading_hint", _heading_hint,
       rf"将第(?P<c>{N})(?P<u>章|节|编)(?:第{N}节)?(?:改为|调整为)第{N}(?:章|节|编)"),
    _c("phrase_insert", _phrase_insert,
       rf"在(?P<tgs>{_TGL}|{_REL}|{_INTRO})?(?:中的?|的)?{Q}(?:之)?(?P<where>后|前|之后|之前)(?:面)?(?:增加|增写|加上|添加|插入)[：]?{Q}"),
    _c("phrase_append", _phrase_append,
       rf"在(?P<tgs>{_TGL}|{_REL})?(?:的)?(?:最后|末尾|末|结尾|最后一句后)(?:增加|增写|加上|添加)[：]?{Q}"),
    _c("phrase_delete", _phrase_delete,
       rf"(?:删去|删除)(?P<tgs>{_TGL}|{_REL}|该条|{_ALL}|{_INTRO})?(?:中的?|的)?(?P<qs>{_QL})"),
    _c("delete", _delete,
       rf"(?:删去|删除|废止)(?P<tgs>{_TGL})"),
    _c("replace", _replace,
       rf"(?:将)?(?P<tgs>{_TGL}|{_REL}|{_INTRO})?{_CHANGE}[：]?{Q}"),
    _c("carry_delete", _carry_delete,
       rf"(?P<tgs>{_TGL})(?:中的?|的)(?P<qs>{_QL})(?=[，；。、]|$)"),
    _c("renumber_hint_ctx", _renumber_hint,
       rf"(?:并)?改为(?P<num>第{N}条(?:之{N})?)"),
    _c("modify", _modify,
       rf"对(?P<tgs>{_TGL})(?:进行|作出|作了?)(?:修改|修订)(?:[，]?(?:并)?作为(?P<num>第{N}条(?:之{N})?))?"),
    _c("content", _content, rf"(?:内容|条文|具体内容)如下[：]?{Q}"),
)
