"""Applying an amendment act to a law: the consolidated text and a log of every step.

The law is copied into a small *editable* model (headings, articles, 款, 项, 目 in
body order), because an act's instructions change structure as much as text:
articles are inserted at stated positions, split, merged, moved and deleted, and
chapters are merged.  Every unit remembers its number in the OLD text, since acts
address units by their old numbers (将第二十七条改为第二十五条，在“A”后增加“B”)
while stating the *new* position of what they add (增加一条，作为第四十六条).

After the last instruction the model is finalised: articles added "as 第N条" are
placed at position N, every level is renumbered when the act orders it
(对条文顺序作相应调整), and the law's references to its own articles are rewritten
to the new numbers (本法第十六条 → 第十五条) — but never inside text the act itself
supplied, which already uses the new numbers.  Inserted text is bracketed by two
private-use marks while the act is applied so that this stays true even inside a
sentence; the marks are removed before rendering.

The result is rendered in the form of the input (Markdown in, Markdown out; plain
in, plain out), lines the act did not touch being kept as they were.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..parsing.model import Document, Kind, Node
from ..text.numerals import article_key, split_key, to_chinese, to_int
from ..text.textfold import fold
from .act import parse_act
from .instructions import Act, ActPart, Instruction, Op, Target

OPEN, CLOSE = "\ue001", "\ue002"
_MARKS = str.maketrans("", "", OPEN + CLOSE)
_PUNCT = "，。；：、,.;:！？!?"
_TERMINAL = "。；;.：:，,"
_CONNECTIVE = re.compile(r"^(?:和|及|以及|或者|或|与|并且|而且|的|等|之|暨|、|，|。|；)")
#: Words that open an adverbial or verbal insertion (在“应当”后增加“依法”): no 、 before them.
_ADVERBIAL = re.compile(r"^(?:依法|依照|按照|及时|应当|可以|不得|必须|严格|积极|切实|定期|逐步|进一步|统一|"
                        r"共同|经|由|向|对|从|为|以|在|将|把|予以|给予|也|均|都|另行|另|再|不|未|已|还)")
_N = "[零〇一二两三四五六七八九十百千0-9０-９]+"
_ITEM_LABEL = re.compile(rf"^([（(])({_N})([）)])[ \u3000]*")
_SUB_LABEL = re.compile(r"^([0-9０-９]{1,3})([.．、])[ \u3000]*(?=\D)")
_ART_LABEL = re.compile(rf"^第({_N})条(?:之({_N}))?[ \u3000]*")
_HEAD_LABEL = re.compile(rf"^第({_N})(编|分编|章|节)[ \u3000]*(.*)$")


def plain(text: str) -> str:
    return text.translate(_MARKS)


# -- the editable model -------------------------------------------------------------

@dataclass(eq=False)
class Item:
    head: str  # label as printed with its separator: "（一）", "1．"
    text: str
    subs: list[Item] = field(default_factory=list)
    old_no: int | None = None
    fresh: bool = False  # text wholly supplied by the act
    orig: str | None = None  # physical line, for the indent

    @property
    def label(self) -> str:
        return self.head.rstrip(" \u3000")


@dataclass(eq=False)
class Para:
    text: str
    items: list[Item] = field(default_factory=list)
    old_no: int | None = None
    fresh: bool = False
    orig: str | None = None
    relabel: bool = False  # its items were inserted or deleted: number them again


@dataclass(eq=False)
class Art:
    key: str  # current key; the old key for articles of the old text
    label: str
    sep: str
    paras: list[Para]
    old_key: str | None = None
    fresh: bool = False
    orig: str | None = None
    touched: list[int] = field(default_factory=list)  # indices of log entries
    hint: str | None = None  # 将第X条改为第Y条: the key the act expects
    pending: str | None = None  # 增加一条，作为第N条: placed at N when finalising
    source: Art | None = None  # a 款 split off from this article
    merged_into: Art | None = None
    notes: list[str] = field(default_factory=list)  # lines kept verbatim after the article
    deleted: bool = False
    anchored: bool = False
    refs_rewritten: bool = False  # its citations of renumbered articles were updated
    structural: bool = False  # 款/项 removed, split or merged: changes not marked in its text


@dataclass(eq=False)
class Head:
    kind: Kind
    number: int | None
    label: str
    title: str
    orig: str | None = None
    old_no: int | None = None
    md: str = ""  # Markdown heading marks, "## "
    sep: str = " "
    fresh: bool = False
    touched: list[int] = field(default_factory=list)
    orig_label: str = ""
    orig_title: str = ""


@dataclass(eq=False)
class Raw:
    lines: list[str]


Entry = Art | Head | Raw


@dataclass(frozen=True)
class LogEntry:
    """One operation of the act and what became of it."""

    item: str
    line: int
    op: str
    target: str
    status: str  # applied | failed
    reason: str | None = None
    old: str | None = None
    new: str | None = None
    note: str | None = None
    clause: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "line": self.line, "op": self.op, "target": self.target,
                "status": self.status, "reason": self.reason, "old": self.old, "new": self.new,
                "note": self.note, "clause": self.clause}


@dataclass(frozen=True)
class Result:
    """The consolidated text and how it was obtained."""

    text: str
    format: str
    law: str | None
    log: tuple[LogEntry, ...]
    #: final article key → indices of the log entries that changed it
    touched: dict[str, tuple[int, ...]]
    #: old article key → new key (only when numbers changed)
    renumbered: dict[str, str]
    warnings: tuple[str, ...] = ()
    #: old article key → indices of the log entries that changed it (deleted ones too)
    touched_old: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: final keys of the articles whose citations of renumbered articles were rewritten
    refs_rewritten: tuple[str, ...] = ()
    #: final key → the article's text with the act's changes bracketed by OPEN/CLOSE
    marked: dict[str, str] = field(default_factory=dict)
    #: final keys of articles changed in ways their text cannot show (a 款 removed …)
    structural: tuple[str, ...] = ()
    #: items of the instructions that changed 章/节 headings (renamed, added, merged …)
    heading_items: tuple[str, ...] = ()

    @property
    def failed(self) -> list[LogEntry]:
        return [e for e in self.log if e.status == "failed"]

    def document(self) -> Document:
        from ..parsing.source import load_text

        return load_text(self.text, "<amended>").documents[0]


class _Fail(Exception):
    """An instruction that cannot be applied: logged as failed, never raised further."""


# -- reading the old text into the model ------------------------------------------

_HEADING_KINDS = (Kind.PART, Kind.SUBPART, Kind.CHAPTER, Kind.SECTION)


def _split_head(raw: str, text: str) -> str:
    line = raw.rstrip("\n")
    return line[: len(line) - len(text)] if text and line.endswith(text) else line


class Model:
    """The law being amended."""

    def __init__(self, doc: Document, physical: list[str], fmt: str):
        self.fmt = fmt
        self.phys = physical
        self.body: list[Entry] = []
        self.head_lines: list[str] = []
        self.intro: list[Para] = []
        self.originals: list[Art] = []
        self.orig_heads: list[Head] = []
        self.toc_range: tuple[int, int] | None = None
        self.toc_entry: dict[int, str] = {}  # id(heading) → its 目录 line
        self.extra: list[Art] = []
        self.indent = ""
        self.art_sep = " "
        self.art_indent = ""
        self.sep_lines = "\n"
        self._read(doc)

    def _line(self, n: int) -> str | None:
        return self.phys[n - 1] if 0 < n <= len(self.phys) else None

    def _read(self, doc: Document) -> None:
        first_body = None
        for node in doc.walk():
            if node.kind in _HEADING_KINDS or node.kind is Kind.ARTICLE:
                first_body = node
                break
        start = doc.start_line
        end_head = (first_body.line - 1) if first_body else doc.end_line
        # Text between the title block and the first article (引言, 序言) is editable.
        intro_nodes = [n for top in doc.children for n in top.walk()
                       if n.kind is Kind.TEXT and n.line and n.line <= end_head
                       and top.kind in (Kind.TEXT, Kind.PREAMBLE)]
        if intro_nodes:
            end_head_lines = intro_nodes[0].line - 1
            for n in intro_nodes:
                orig = self._line(n.line) if n.line == n.end_line else None
                self.intro.append(Para(n.text, orig=orig))
        else:
            end_head_lines = end_head
        self.head_lines = [ln.rstrip() for ln in self.phys[start - 1:end_head_lines]]
        while self.head_lines and not self.head_lines[-1].strip():
            self.head_lines.pop()
        if first_body is None:
            return
        seen_body = False
        for top in doc.children:
            if not seen_body and first_body not in list(top.walk()):
                continue
            seen_body = True
            self._node(top)
        self.orig_heads = [e for e in self.body if isinstance(e, Head)]
        for h in self.orig_heads:
            h.orig_label, h.orig_title = h.label, h.title
        self._read_toc(doc, start, end_head_lines)
        arts = [e for e in self.body if isinstance(e, Art)]
        if arts:
            a = arts[0]
            nxt = self._line(doc.articles[0].line + 1)
            self.sep_lines = "\n\n" if nxt is not None and not nxt.strip() else "\n"
        indents = Counter()
        for a in arts[:50]:
            for p in a.paras[1:]:
                if p.orig is not None:
                    indents[p.orig[: len(p.orig) - len(p.orig.lstrip(" \u3000\t"))]] += 1
        self.indent = indents.most_common(1)[0][0] if indents else ""
        seps = Counter(a.sep for a in arts if a.sep.strip() == "" and a.sep)
        self.art_sep = seps.most_common(1)[0][0] if seps else " "
        self.art_indent = ""
        if arts and arts[0].orig:
            o = arts[0].orig
            self.art_indent = o[: len(o) - len(o.lstrip(" \u3000\t"))]

    def _read_toc(self, doc: Document, start: int, end_head: int) -> None:
        """目录 lines in the head, each tied to the heading it lists (rebuilt when they change)."""
        from ..text.textfold import fold_space

        toc = next((n for n in doc.children if n.kind is Kind.TOC and start <= n.line <= end_head), None)
        if toc is None or toc.end_line <= toc.line:
            return
        first, last = toc.line + 1 - start, min(toc.end_line, end_head) - start
        while first <= last and not self.head_lines[first].strip():
            first += 1
        while last >= first and not self.head_lines[last].strip():
            last -= 1
        by_key = {}
        for line in self.head_lines[first:last + 1]:
            if line.strip():
                by_key.setdefault(fold_space(line), line)
        for h in self.orig_heads:
            line = by_key.get(fold_space(h.label + h.title))
            if line is not None:
                self.toc_entry[id(h)] = line
        if self.toc_entry:
            self.toc_range = (first, last)

    def _node(self, node: Node) -> None:
        if node.kind in _HEADING_KINDS:
            orig = self._line(node.line)
            md = ""
            sep = " "
            if orig is not None:
                m = re.match(r"\s*(#{1,6}\s+)", orig)
                md = m.group(1) if m else ""
                rest = orig.strip()[len(md.strip()):].strip() if md else orig.strip()
                if node.label and rest.startswith(node.label):
                    after = rest[len(node.label):]
                    sep = after[: len(after) - len(after.lstrip(" \u3000"))] or " "
            self.body.append(Head(node.kind, int(node.number) if node.number and node.number.isdigit() else None,
                                  node.label or "", node.title or "", orig,
                                  int(node.number) if node.number and node.number.isdigit() else None,
                                  md, sep))
            for c in node.children:
                self._node(c)
        elif node.kind is Kind.ARTICLE:
            art = self._article(node)
            self.body.append(art)
            self.originals.append(art)
        else:
            lines = [ln for ln in self.phys[node.line - 1:node.end_line] if ln.strip()] if node.line else []
            if not lines and node.raw.strip():
                lines = [node.raw.rstrip("\n")]
            self.body.append(Raw(lines))
            if node.kind is not Kind.ANNEX:
                for c in node.children:
                    self._node(c)

    def _article(self, node: Node) -> Art:
        label = node.label or ""
        sep = node.raw[len(label):].rstrip("\n") if node.raw.startswith(label) else " "
        paras = []
        for p in node.children:
            if p.kind is not Kind.PARAGRAPH:
                continue
            items = [self._item(i) for i in p.children if i.kind in (Kind.ITEM, Kind.SUBITEM)]
            orig = self._line(p.line) if p.raw and p.line == p.end_line else None
            paras.append(Para(p.text, items, int(p.number) if p.number else None, orig=orig))
        art = Art(node.number or "", label, sep, paras, old_key=node.number, orig=self._line(node.line))
        # Editor's notes (①…) and other lines inside the article are kept after it, as they were.
        for n in node.walk():
            if n.kind not in (Kind.ARTICLE, Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM) and n.raw.strip():
                art.notes.append(self._line(n.line) or n.raw.rstrip("\n"))
        return art

    def _item(self, node: Node) -> Item:
        head = _split_head(node.raw, node.text)
        subs = [self._item(c) for c in node.children if c.kind is Kind.SUBITEM]
        return Item(head, node.text, subs, int(node.number) if node.number and node.number.isdigit() else None,
                    orig=self._line(node.line))

    # -- look-ups -------------------------------------------------------------------
    def articles(self) -> list[Art]:
        return [e for e in self.body if isinstance(e, Art) and not e.deleted]

    def find(self, key: str | None) -> Art:
        if key is None:
            raise _Fail("no article named (and none before it in this item)")
        if key.startswith("+"):
            want = key[1:]
            for a in self.pending_or_body():
                if a.fresh and a.pending == want or (a.source is not None and a.pending == want):
                    return a
            raise _Fail(f"the article added as {_art_name(want)} is not known")
        for a in self.articles():
            if a.old_key == key and not a.fresh:
                return a
        for a in self.extra:
            if a.old_key == key and not a.fresh:
                return a
        raise _Fail(f"{_art_name(key)} is not in the old text")

    def pending_or_body(self) -> list[Art]:
        return self.articles() + self.extra


def _art_name(key: str) -> str:
    """"120-1" → 第一百二十条之一."""
    try:
        base, sub = split_key(key)
    except ValueError:
        return key
    return f"第{to_chinese(base)}条" + (f"之{to_chinese(sub)}" if sub else "")


def _addr(t: Target | None) -> str:
    if t is None:
        return "?"
    return t.describe() or "?"


# -- text helpers ------------------------------------------------------------------

def _view(text: str) -> tuple[str, list[int]]:
    """Text without marks, and the position in `text` of each of its characters."""
    idx = [i for i, c in enumerate(text) if c not in (OPEN, CLOSE)]
    return "".join(text[i] for i in idx), idx


def _find_all(text: str, phrase: str) -> list[tuple[int, int]]:
    """Spans of `phrase` in `text` (marks ignored, width folded), as positions in `text`."""
    view, idx = _view(text)
    if not phrase:
        return []
    fv, fp = fold(view), fold(phrase)
    fp = "".join(fp.split()) if fp.strip() != fp else fp
    out, start = [], 0
    while True:
        k = fv.find(fp, start)
        if k < 0:
            break
        out.append((idx[k], idx[k + len(fp) - 1] + 1))
        start = k + len(fp)
    return out


def _sentence_span(text: str, n: int) -> tuple[int, int] | None:
    """Positions (in `text`, marks included) of its n-th sentence, its 。 included."""
    view, idx = _view(text)
    starts = [0]
    for i, c in enumerate(view):
        if c in "。！？!?" and i + 1 < len(view):
            starts.append(i + 1)
    if not 0 < n <= len(starts):
        return None
    a = starts[n - 1]
    b = starts[n] if n < len(starts) else len(view)
    return idx[a], (idx[b - 1] + 1) if b > a else idx[a]


#: Punctuation pairs an edit can leave side by side, and which of the two goes.
_CLASH = {("，", "，"): 0, ("、", "、"): 0, ("；", "；"): 0, ("。", "。"): 0, ("，", "。"): 0,
          ("、", "。"): 0, ("；", "。"): 0, ("，", "；"): 0, ("、", "，"): 0, ("、", "；"): 0,
          ("：", "。"): 0, ("，", "、"): 1}


def _tidy(text: str) -> tuple[str, list[str]]:
    """Remove a punctuation mark doubled where the act's edits meet the old text
    (“A；”修改为“B；” …): only at the edges of the marked spans, never elsewhere."""
    removed = []
    for _ in range(4):
        view, idx = _view(text)
        edges = set()
        pos = 0
        for c in text:
            if c in (OPEN, CLOSE):
                edges.add(pos)
            else:
                pos += 1
        hit = None
        for p in sorted(edges):
            if 0 < p < len(view):
                pair = (fold_punct(view[p - 1]), fold_punct(view[p]))
                if pair in _CLASH:
                    hit = p - 1 + _CLASH[pair]
                    break
            if p == 0 and view[:1] and fold_punct(view[0]) in "，、；。" and len(view) > 1:
                hit = 0
                break
        if hit is None:
            break
        removed.append(view[hit])
        k = idx[hit]
        text = text[:k] + text[k + 1:]
    return text, removed


def fold_punct(c: str) -> str:
    return {",": "，", ";": "；", ".": "。", ":": "："}.get(c, c)


def _protect(s: str) -> str:
    return OPEN + s + CLOSE if s else s


def _terminal(text: str) -> str:
    t = plain(text).rstrip()
    return t[-1] if t and t[-1] in _TERMINAL else ""


def _with_terminal(text: str, mark: str) -> str:
    if not mark or _terminal(text):
        return text
    return text + mark


def _parse_paras(lines: Iterable[str], fresh: bool = True) -> list[Para]:
    """Quoted text → 款 with their 项 and 目."""
    paras: list[Para] = []
    for raw in lines:
        s = raw.strip(" \u3000\t")
        if not s:
            continue
        m = _ITEM_LABEL.match(s)
        if m and paras is not None and len(s) > m.end():
            item = Item(s[: m.end()], _protect(s[m.end():]), fresh=fresh)
            if not paras:
                paras.append(Para("", fresh=fresh))
            paras[-1].items.append(item)
            continue
        m = _SUB_LABEL.match(s)
        if m and paras and paras[-1].items:
            paras[-1].items[-1].subs.append(Item(s[: m.end()], _protect(s[m.end():]), fresh=fresh))
            continue
        paras.append(Para(_protect(s), fresh=fresh))
    return paras


def _strip_article_label(lines: list[str]) -> list[str]:
    if lines and _ART_LABEL.match(lines[0].strip()):
        first = lines[0].strip()
        return [first[_ART_LABEL.match(first).end():]] + list(lines[1:])
    return list(lines)


def _split_articles(lines: list[str], count: int) -> list[list[str]]:
    """A quotation holding several articles (增加二条) → one list of lines per article."""
    groups: list[list[str]] = []
    for ln in lines:
        if _ART_LABEL.match(ln.strip()) or not groups:
            groups.append([ln])
        else:
            groups[-1].append(ln)
    if count > 1 and len(groups) != count:
        if len(groups) == 1 and len(lines) == count:
            return [[ln] for ln in lines]  # 增加二条：one paragraph each, without labels
        return [lines]
    return groups


def _para_text(p: Para) -> str:
    lines = [plain(p.text)] if p.text else []
    for it in p.items:
        lines.append(it.label + plain(it.text))
        for s in it.subs:
            lines.append(s.label + plain(s.text))
    return "\n".join(lines)


def _marked_text(a: Art) -> str:
    """The article's full text (as Node.full_text prints it) with the act's marks kept."""
    lines = []
    for p in a.paras:
        if plain(p.text):
            lines.append(p.text)
        elif p.text:
            lines.append(p.text)
        for it in p.items:
            lines.append(it.label + it.text)
            lines.extend(sub.label + sub.text for sub in it.subs)
    return "\n".join(lines)


def _art_text(a: Art) -> str:
    return "\n".join(_para_text(p) for p in a.paras)


# -- the applier -------------------------------------------------------------------

class Applier:
    def __init__(self, model: Model, part: ActPart, renumber: bool):
        self.m = model
        self.m.extra = []  # articles waiting for their place (增加一条，作为第N条; 单列一条)
        self.merged: list[Art] = []  # articles merged into another
        self.part = part
        self.renumber_ordered = renumber
        self.log: list[LogEntry] = []
        self.chapter_changed = False
        self.structure_changed = False
        self.chapters_merged: dict[int, int] = {}  # old chapter → the old chapter it joined
        self.notes: list[str] = []

    # logging
    def _log(self, ins: Instruction, op: Op, target: str, status: str = "applied", reason: str | None = None,
             old: str | None = None, new: str | None = None, note: str | None = None,
             arts: Iterable[Art] = ()) -> None:
        self.log.append(LogEntry(ins.item, ins.line, op.op, target, status, reason,
                                 plain(old) if old else old, plain(new) if new else new, note, op.clause))
        for a in arts:
            a.touched.append(len(self.log) - 1)

    def _wide_punctuation(self) -> bool:
        """Does the law print full-width punctuation (，；：) rather than ASCII (PDF texts)?"""
        full = ascii_ = 0
        for a in self.m.originals[:200]:
            t = _art_text(a)
            full += sum(t.count(c) for c in "，；：")
            ascii_ += len(re.findall(r"(?<=[\u4e00-\u9fff])[,;:]|[,;:](?=[\u4e00-\u9fff])", t))
        return full > 3 * ascii_

    def run(self) -> None:
        from dataclasses import replace

        from ..text.punct import standardize

        wide = self._wide_punctuation()
        for ins in self.part.instructions:
            if not ins.ops:
                self.log.append(LogEntry(ins.item, ins.line, "unknown", "?", "failed",
                                         "no instruction recognised in this paragraph", None, None, None,
                                         ins.text[:80]))
                continue
            for op in ins.ops:
                if wide and op.new:
                    # The act's text in the law's punctuation: "(一)…," from a PDF → "（一）…，".
                    op = replace(op, new=tuple(standardize(x) for x in op.new))
                target = ", ".join(_addr(t) for t in op.targets) if op.targets else "-"
                try:
                    handler = getattr(self, "op_" + op.op, None)
                    if handler is None:
                        raise _Fail(f"instruction not understood: {op.clause}")
                    handler(ins, op, target)
                except _Fail as e:
                    self._log(ins, op, target, "failed", str(e))
                except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
                    # An input no rule foresaw: logged like any failure, never a traceback.
                    self._log(ins, op, target, "failed", f"cannot apply ({type(e).__name__}: {e})")

    # -- helpers --------------------------------------------------------------
    def _art(self, t: Target | None) -> Art:
        if t is None:
            raise _Fail("no article named (and none before it in this item)")
        return self.m.find(t.article)

    def _para(self, a: Art, n: int) -> Para:
        for p in a.paras:
            if p.old_no == n and not a.fresh:  # a 款 replaced earlier keeps its old number
                return p
        if a.fresh or a.source is not None:
            if 0 < n <= len(a.paras):
                return a.paras[n - 1]
        # a 款 the act itself added earlier, or an article rewritten as a whole: position
        olds = [p for p in a.paras if p.old_no is not None]
        if not olds and 0 < n <= len(a.paras):
            return a.paras[n - 1]
        raise _Fail(f"{a.label} has no 第{to_chinese(n)}款")

    def _items_para(self, a: Art, t: Target) -> Para:
        if t.paragraph:
            return self._para(a, t.paragraph)
        with_items = [p for p in a.paras if p.items]
        if len(with_items) >= 1:
            return with_items[0]
        if len(a.paras) == 1:
            return a.paras[0]
        raise _Fail(f"{a.label}: which 款 holds the items is not said")

    def _item(self, p: Para, n: int, a: Art) -> Item:
        for it in p.items:
            if it.old_no == n and not it.fresh:
                return it
        if 0 < n <= len(p.items) and all(it.old_no is None for it in p.items):
            return p.items[n - 1]
        raise _Fail(f"{a.label} has no 第（{to_chinese(n)}）项 there")

    def _slots(self, t: Target) -> tuple[list[tuple[object, str]], list[Art]]:
        """(object, attribute) pairs holding the text a phrase instruction works on."""
        if t.scope == "intro":
            if not self.m.intro:
                raise _Fail("the old text has no 引言 (text before the first article)")
            return [(p, "text") for p in self.m.intro], []
        if t.scope == "all":
            slots: list[tuple[object, str]] = [(p, "text") for p in self.m.intro]
            for a in self.m.pending_or_body():
                slots.extend(self._art_slots(a))
            for e in self.m.body:
                if isinstance(e, Head):
                    slots.append((e, "title"))
            return slots, self.m.pending_or_body()
        a = self._art(t)
        if t.paragraph is None and t.item is None:
            return self._art_slots(a), [a]
        p = self._items_para(a, t) if t.paragraph is None else self._para(a, t.paragraph)
        if t.item is not None:
            it = self._item(p, t.item, a)
            if t.subitem is not None:
                subs = [s for s in it.subs if s.old_no == t.subitem]
                if not subs:
                    raise _Fail(f"{a.label}: no 第{to_chinese(t.subitem)}目")
                return [(subs[0], "text")], [a]
            return [(it, "text")] + [(s, "text") for s in it.subs], [a]
        if t.sentence:
            return [(p, "text")], [a]
        out: list[tuple[object, str]] = [(p, "text")]
        for it in p.items:
            out.append((it, "text"))
            out.extend((s, "text") for s in it.subs)
        return out, [a]

    @staticmethod
    def _art_slots(a: Art) -> list[tuple[object, str]]:
        out: list[tuple[object, str]] = []
        for p in a.paras:
            out.append((p, "text"))
            for it in p.items:
                out.append((it, "text"))
                out.extend((s, "text") for s in it.subs)
        return out

    # -- text operations ------------------------------------------------------------
    def op_replace_phrase(self, ins: Instruction, op: Op, target: str) -> None:
        new = op.new[0] if op.new else ""
        total, missing, arts_all, tidied = 0, [], [], []
        for t in op.targets or [None]:
            if t is None:
                raise _Fail("no article named for the phrase")
            slots, arts = self._slots(t)
            for old in op.old:
                n = _edit_slots(slots, old, lambda text, s, e: (text[:s] + _protect(new) + text[e:], None),
                                tidied)
                if n == 0:
                    missing.append(f"“{old}” not in {_addr(t)}")
                total += n
            arts_all.extend(arts if t.scope != "all" else [a for a in arts if new and new in plain(_art_text(a))])
        note = f"{total} occurrence(s)" + (f"; doubled “{''.join(tidied)}” removed" if tidied else "")
        if missing:
            self._log(ins, op, target, "failed", "; ".join(missing), "、".join(op.old), new, note, arts_all)
        else:
            self._log(ins, op, target, "applied", None, "、".join(op.old), new, note, arts_all)

    def op_insert_phrase_after(self, ins: Instruction, op: Op, target: str, before: bool = False) -> None:
        anchor, new = op.old[0], op.new[0]
        if not op.targets:
            raise _Fail("no article named for the phrase")
        slots, arts = self._slots(op.targets[0])
        n, implied = 0, None
        for obj, attr in slots:
            text = getattr(obj, attr)
            spans = _find_all(text, anchor)
            for s, e in reversed(spans):
                if before:
                    ins_text = new
                    text = text[:s] + _protect(ins_text) + text[s:]
                else:
                    view_after = plain(text[e:])[:1]
                    ins_text = new
                    if new[:1] in _PUNCT or _CONNECTIVE.match(new):
                        pass
                    elif view_after == "、":
                        ins_text = "、" + new  # inside an enumeration
                        implied = "、"
                    elif view_after == "" or view_after in _PUNCT:
                        ins_text = "，" + new
                        implied = "，"
                    elif _ADVERBIAL.match(new):
                        pass  # 应当 + 依法 …
                    else:
                        ins_text = "、" + new  # a noun joins the one before it: 商业秘密、个人隐私
                        implied = "、"
                    text = text[:e] + _protect(ins_text) + text[e:]
            if spans:
                text, _ = _tidy(text)
                setattr(obj, attr, text)
                n += len(spans)
        if n == 0:
            raise _Fail(f"“{anchor}” not in {target}")
        self._log(ins, op, target, old=anchor, new=new,
                  note=f"{n} place(s)" + (f"; implied “{implied}” added" if implied else ""), arts=arts)

    def op_insert_phrase_before(self, ins: Instruction, op: Op, target: str) -> None:
        self.op_insert_phrase_after(ins, op, target, before=True)

    def op_append_text(self, ins: Instruction, op: Op, target: str) -> None:
        if not op.targets:
            raise _Fail("no article named")
        t = op.targets[0]
        a = self._art(t)
        p = self._para(a, t.paragraph) if t.paragraph else a.paras[-1]
        new = "".join(op.new)
        if p.items and not t.sentence:
            it = p.items[-1]
            it.text = it.text + _protect(new)
        else:
            p.text = p.text + _protect(new)
        self._log(ins, op, target, new=new, arts=[a])

    def op_delete_phrase(self, ins: Instruction, op: Op, target: str) -> None:
        total, missing, arts_all, notes = 0, [], [], []
        for t in op.targets or [None]:
            if t is None:
                raise _Fail("no article named for the phrase")
            slots, arts = self._slots(t)
            arts_all.extend(arts)
            for old in op.old:
                n = _edit_slots(slots, old, lambda text, s, e, old=old: _delete_span(text, s, e, old), notes)
                if n == 0:
                    missing.append(f"“{old}” not in {_addr(t)}")
                total += n
        note = f"{total} occurrence(s)" + (f"; implied punctuation removed: {' '.join(sorted(set(notes)))}" if notes else "")
        self._log(ins, op, target, "failed" if missing else "applied", "; ".join(missing) or None,
                  "、".join(op.old), None, note, arts_all)

    # -- unit operations ------------------------------------------------------------
    def op_replace(self, ins: Instruction, op: Op, target: str) -> None:
        if not op.targets:
            raise _Fail("nothing named to replace")
        if not op.new:
            raise _Fail("no replacement text found")
        t = op.targets[0]
        if t.scope == "intro":
            if not self.m.intro:
                raise _Fail("the old text has no 引言 (text before the first article)")
            old = "\n".join(plain(p.text) for p in self.m.intro)
            keep = [p for p in self.m.intro if re.fullmatch(r"序\s*言", plain(p.text))]
            self.m.intro = keep + [Para(_protect(ln.strip()), fresh=True) for ln in op.new if ln.strip()]
            self._log(ins, op, target, old=old, new="\n".join(op.new))
            return
        a = self._art(t)
        lines = _strip_article_label(list(op.new))
        if t.clause is not None:
            old = self._swap_sentence(a, t, _protect(lines[0].strip()), target)
            self._log(ins, op, target, old=old, new=lines[0].strip(), arts=[a])
            return
        if t.paragraph is None and t.item is None and t.sentence is None:
            old = _art_text(a)
            a.paras = _parse_paras(lines)
            self._log(ins, op, target, old=old, new=_art_text(a), arts=[a])
            return
        if t.item is not None:
            p = self._items_para(a, t) if t.paragraph is None else self._para(a, t.paragraph)
            targets = [x for x in op.targets if x.article == t.article and x.item is not None]
            olds = [self._item(p, x.item, a) for x in targets]
            # The quotation: one line per item, 目 lines (1．) belonging to the item before.
            groups: list[list[str]] = []
            for line in lines:
                ls = line.strip()
                if groups and _SUB_LABEL.match(ls) and not _ITEM_LABEL.match(ls):
                    groups[-1].append(ls)
                elif ls:
                    groups.append([ls])
            if not groups:
                raise _Fail("no replacement text found")
            notes = []
            k = p.items.index(olds[0])
            last_mark = _terminal(olds[-1].text)
            for it in olds:
                p.items.remove(it)
            new_items = []
            for j, g in enumerate(groups):
                s0 = g[0]
                m = _ITEM_LABEL.match(s0)
                head = s0[: m.end()] if m else (olds[j].head if j < len(olds) else olds[-1].head)
                body = s0[m.end():] if m else s0
                mark = _terminal(olds[j].text) if j < len(olds) else "；"
                if j == len(groups) - 1:
                    mark = last_mark
                if mark and not _terminal(body):
                    notes.append(f"implied “{mark}” kept")
                it = Item(head, _protect(_with_terminal(body, mark)), fresh=True,
                          old_no=olds[j].old_no if j < len(olds) else None,
                          orig=olds[j].orig if j < len(olds) else olds[-1].orig)
                for sub in g[1:]:
                    mm = _SUB_LABEL.match(sub)
                    it.subs.append(Item(sub[: mm.end()], _protect(sub[mm.end():]), fresh=True))
                new_items.append(it)
            for j, it in enumerate(new_items):
                p.items.insert(k + j, it)
            if len(new_items) != len(olds):
                p.relabel = True
            self._log(ins, op, target, old="\n".join(it.label + plain(it.text) for it in olds),
                      new="\n".join(it.label + plain(it.text) for it in new_items),
                      note="; ".join(dict.fromkeys(notes)) or None, arts=[a])
            return
        if t.sentence is not None:
            p = self._para(a, t.paragraph or 1)
            old = p.text
            p.text = _protect(lines[0].strip())
            self._log(ins, op, target, old=old, new=p.text, arts=[a])
            return
        # one or more 款
        nums = [x.paragraph for x in op.targets if x.article == t.article and x.paragraph]
        ps = [self._para(a, n) for n in nums]
        new_ps = _parse_paras(lines)
        if len(new_ps) == 1 and len(ps) == 1 and not new_ps[0].items and ps[0].items and \
                _terminal(plain(new_ps[0].text)) in ("：", ":"):
            # Only the lead-in of a 款 with items is quoted (it ends with a colon): its items stay.
            new_ps[0].items = ps[0].items
            new_ps[0].relabel = ps[0].relabel
            mark = ""
        else:
            mark = _terminal(_para_text(ps[-1]))
        if new_ps and not new_ps[-1].items and mark and not _terminal(new_ps[-1].text):
            new_ps[-1].text = new_ps[-1].text + mark
        old = "\n".join(_para_text(p) for p in ps)
        k = a.paras.index(ps[0])
        for p in ps:
            a.paras.remove(p)
        for j, np_ in enumerate(new_ps):
            np_.old_no = ps[0].old_no if j == 0 else None
            a.paras.insert(k + j, np_)
        self._log(ins, op, target, old=old, new="\n".join(_para_text(p) for p in new_ps), arts=[a])

    def _clause_holder(self, a: Art, t: Target) -> Para | Item:
        p = self._para(a, t.paragraph or 1) if t.paragraph or t.item is None else self._items_para(a, t)
        if t.item is not None:
            return self._item(p, t.item, a)
        return p

    def op_replace_split(self, ins: Instruction, op: Op, target: str) -> None:
        """将第十条修改为两条，作为第十条、第十一条：“…” — the first keeps the article's place."""
        a = self._art(op.targets[0] if op.targets else None)
        groups = _split_articles(list(op.new), op.count)
        if len(groups) != op.count:
            raise _Fail(f"{op.count} articles announced, {len(groups)} quoted")
        old = _art_text(a)
        a.paras = _parse_paras(_strip_article_label(groups[0]))
        a.structural = True
        k = self.m.body.index(a)
        added = []
        for j, g in enumerate(groups[1:], 1):
            new = Art("", "", self.m.art_sep, _parse_paras(_strip_article_label(g)), fresh=True)
            if j < len(op.numbers):
                new.pending = op.numbers[j]
            elif not self.renumber_ordered:
                base, sub = split_key(a.key)
                new.pending = article_key(base, sub + j)
            new.anchored = True
            self.m.body.insert(k + j, new)
            added.append(new)
        self.structure_changed = True
        self._log(ins, op, target, old=old, new="\n".join(_art_text(x) for x in [a] + added), arts=[a] + added)

    def _swap_sentence(self, a, t, new: str, where: str) -> str:
        """Put `new` in place of the sentence t.clause names (delete: an empty protected
        span); returns the old sentence."""
        obj = self._clause_holder(a, t)
        span = _sentence_span(obj.text, t.clause)
        if span is None:
            raise _Fail(f"{where}: there is no such sentence")
        old = plain(obj.text[span[0]:span[1]])
        obj.text = obj.text[:span[0]] + new + obj.text[span[1]:]
        return old

    def op_delete(self, ins: Instruction, op: Op, target: str) -> None:
        errors = []
        for t in op.targets:
            try:
                a = self._art(t)
                if t.clause is not None:
                    old = self._swap_sentence(a, t, OPEN + CLOSE, _addr(t))
                    self._log(ins, op, _addr(t), old=old, arts=[a])
                    continue
                if t.paragraph is None and t.item is None:
                    old = _art_text(a)
                    self._remove(a)
                    self.structure_changed = True
                    self._log(ins, op, _addr(t), old=old, arts=[a])
                    continue
                if t.item is not None:
                    p = self._items_para(a, t) if t.paragraph is None else self._para(a, t.paragraph)
                    it = self._item(p, t.item, a)
                    last = p.items[-1] is it
                    mark = _terminal(it.text)
                    p.items.remove(it)
                    p.relabel = True
                    a.structural = True
                    note = None
                    if last and p.items and mark:
                        prev = p.items[-1]
                        pt = plain(prev.text).rstrip()
                        if pt and pt[-1] in "；;，," and pt[-1] != mark:
                            prev.text = _replace_terminal(prev.text, mark)
                            note = f"the item before now ends with “{mark}”"
                    self._log(ins, op, _addr(t), old=it.label + plain(it.text), note=note, arts=[a])
                    continue
                p = self._para(a, t.paragraph)
                a.paras.remove(p)
                a.structural = True
                self._log(ins, op, _addr(t), old=_para_text(p), arts=[a])
            except _Fail as e:
                errors.append(str(e))
                self._log(ins, op, _addr(t), "failed", str(e))

    def _remove(self, a: Art) -> None:
        """Deleted articles stay in the body, marked, until finalising: a law that is not
        renumbered keeps their number with （删去）, as the consolidated 刑法 does."""
        if a in self.m.extra:
            self.m.extra.remove(a)
        a.deleted = True

    def op_insert_article(self, ins: Instruction, op: Op, target: str) -> None:
        if not op.new:
            raise _Fail("no text for the new article")
        groups = _split_articles(list(op.new), op.count)
        nums = list(op.numbers)
        new_arts = []
        for k, g in enumerate(groups):
            lines = _strip_article_label(g)
            a = Art("", "", self.m.art_sep, _parse_paras(lines), fresh=True)
            if k < len(nums):
                a.pending = nums[k]
            if op.targets and op.targets[0] and op.targets[0].chapter and not op.targets[0].article:
                a.chapter_hint = op.targets[0].chapter
            new_arts.append(a)
        self.structure_changed = True
        if op.targets and op.targets[0] and op.targets[0].article:
            anchor = self._art(op.targets[0])
            where = self.m.body.index(anchor) if anchor in self.m.body else None
            if where is None:
                raise _Fail(f"{anchor.label} is not placed in the text")
            pos = where if "before" in op.old else where + 1
            for k, a in enumerate(new_arts):
                if a.pending is None and not self.renumber_ordered and "before" not in op.old:
                    # No renumbering ordered: the new article is numbered 第X条之一 after its anchor.
                    base, sub = split_key(anchor.key)
                    a.pending = article_key(base, sub + 1 + k)
                a.anchored = True
                self.m.body.insert(pos + k, a)
        else:
            if not nums:
                raise _Fail("the new article's place is not said (作为第几条)")
            for a in new_arts:
                if "-" in (a.pending or ""):
                    # 作为第X条之一: after the article it follows in number order
                    self._place_by_key(a)
                else:
                    self.m.extra.append(a)
        what = "、".join(f"{_art_name(a.pending)}" if a.pending else "?" for a in new_arts)
        self._log(ins, op, what if not op.targets else target + " → " + what,
                  new="\n".join(_art_text(a) for a in new_arts), arts=new_arts)

    def _place_by_key(self, a: Art) -> None:
        want = split_key(a.pending)
        arts = self.m.articles()
        prev = None
        for x in arts:
            if x.key and split_key(x.key) < want:
                prev = x
        a.anchored = True
        if prev is None:
            first = arts[0] if arts else None
            self.m.body.insert(self.m.body.index(first) if first else len(self.m.body), a)
        else:
            self.m.body.insert(self.m.body.index(prev) + 1, a)

    def op_insert_paragraph(self, ins: Instruction, op: Op, target: str) -> None:
        if not op.targets or op.targets[0] is None:
            raise _Fail("no article named for the new 款")
        t = op.targets[0]
        a = self._art(t)
        new_ps = _parse_paras(op.new)
        if op.count > 1 and len(new_ps) != op.count:
            raise _Fail(f"{op.count} 款 announced, {len(new_ps)} quoted")
        if not new_ps:
            raise _Fail("no text for the new 款")
        if "after" in op.old and t.paragraph:
            pos = a.paras.index(self._para(a, t.paragraph)) + 1
            positions = [pos + k for k in range(len(new_ps))]
        elif "before" in op.old and t.paragraph:
            pos = a.paras.index(self._para(a, t.paragraph))
            positions = [pos + k for k in range(len(new_ps))]
        elif op.numbers:
            positions = [int(n) - 1 for n in op.numbers]
            if len(positions) < len(new_ps):
                positions += [positions[-1] + k for k in range(1, len(new_ps) - len(positions) + 1)]
        else:
            positions = [len(a.paras) + k for k in range(len(new_ps))]
        for pos, p in zip(positions, new_ps):
            if pos > len(a.paras):
                raise _Fail(f"{a.label} has only {len(a.paras)} 款: cannot add one as 第{to_chinese(pos + 1)}款")
            a.paras.insert(pos, p)
        self._log(ins, op, target + (f" → 第{'、'.join(to_chinese(p + 1) for p in positions)}款"),
                  new="\n".join(_para_text(p) for p in new_ps), arts=[a])

    def op_insert_item(self, ins: Instruction, op: Op, target: str) -> None:
        if not op.targets or op.targets[0] is None:
            raise _Fail("no article named for the new 项")
        t = op.targets[0]
        a = self._art(t)
        p = self._items_para(a, Target(article=t.article, paragraph=t.paragraph))
        lines = [ln.strip() for ln in op.new]
        if not lines:
            raise _Fail("no text for the new 项")
        new_items = []
        for ln in lines:
            m = _ITEM_LABEL.match(ln)
            head = ln[: m.end()] if m else "（一）"
            new_items.append(Item(head, _protect(ln[m.end():] if m else ln), fresh=True))
        if "after" in op.old and t.item:
            pos = p.items.index(self._item(p, t.item, a)) + 1
        elif "before" in op.old and t.item:
            pos = p.items.index(self._item(p, t.item, a))
        elif op.numbers:
            pos = int(op.numbers[0]) - 1
        else:
            pos = len(p.items)
        if pos > len(p.items):
            raise _Fail(f"{a.label} has only {len(p.items)} 项 there")
        at_end = pos == len(p.items)
        notes = []
        if at_end and p.items:
            prev = p.items[-1]
            end_mark = _terminal(prev.text) or "。"
            for it in new_items:
                if not _terminal(it.text):
                    it.text = it.text + ("；" if it is not new_items[-1] else end_mark)
                    notes.append(f"implied “{end_mark}”")
            if end_mark == "。":
                prev.text = _replace_terminal(prev.text, "；")
                notes.append("the item before now ends with “；”")
        else:
            for it in new_items:
                if not _terminal(it.text):
                    it.text = it.text + "；"
                    notes.append("implied “；”")
        for k, it in enumerate(new_items):
            p.items.insert(pos + k, it)
        p.relabel = True
        self._log(ins, op, target + f" → 第（{to_chinese(pos + 1)}）项",
                  new="\n".join(it.label + plain(it.text) for it in new_items),
                  note="; ".join(notes) or None, arts=[a])

    def op_insert_subitem(self, ins: Instruction, op: Op, target: str) -> None:
        """增加一目，作为第三目：“3．…” in the 项 the act names."""
        t = op.targets[0] if op.targets else None
        if t is None or t.item is None:
            raise _Fail("which 项 gets the new 目 is not said")
        a = self._art(t)
        p = self._items_para(a, t) if t.paragraph is None else self._para(a, t.paragraph)
        it = self._item(p, t.item, a)
        pos = int(op.numbers[0]) - 1 if op.numbers else len(it.subs)
        if not 0 <= pos <= len(it.subs):
            raise _Fail(f"{a.label}: the 项 has only {len(it.subs)} 目")
        proto = it.subs[0].head if it.subs else "1．"
        new_subs = []
        for k, line in enumerate(x.strip() for x in op.new if x.strip()):
            m = _SUB_LABEL.match(line)
            head = line[: m.end()] if m else _relabel(proto, pos + k + 1)
            body = line[m.end():] if m else line
            if not _terminal(body):
                body += "；"
            new_subs.append(Item(head, _protect(body), fresh=True))
        if not new_subs:
            raise _Fail("no text for the new 目")
        it.subs[pos:pos] = new_subs
        for k, sub in enumerate(it.subs, 1):
            sub.head = _relabel(sub.head, k)
        self._log(ins, op, target, new="\n".join(x.label + plain(x.text) for x in new_subs), arts=[a])

    # -- structure ----------------------------------------------------------------
    def op_renumber(self, ins: Instruction, op: Op, target: str) -> None:
        a = self._art(op.targets[0] if op.targets else None)
        if op.numbers:
            a.hint = op.numbers[0]
        self.structure_changed = True
        self._log(ins, op, target, note=f"the act numbers it {_art_name(op.numbers[0])}" if op.numbers else None)

    def op_move_unit(self, ins: Instruction, op: Op, target: str) -> None:
        """将第三款改为第四款: the 款 (or 项) takes that place among the current ones."""
        t = op.targets[0] if op.targets else None
        if t is None or not op.numbers:
            raise _Fail("which 款 or 项 moves where is not said")
        a = self._art(t)
        to = int(op.numbers[0]) - 1
        if t.item is not None:
            p = self._items_para(a, t)
            unit, seq = self._item(p, t.item, a), p.items
            p.relabel = True
        elif t.paragraph is not None:
            unit, seq = self._para(a, t.paragraph), a.paras
        else:
            raise _Fail("which 款 or 项 moves is not said")
        k = seq.index(unit)
        if not 0 <= to < len(seq):
            raise _Fail(f"{a.label} has no place {to + 1} for it")
        note = "already in place" if k == to else f"moved from place {k + 1}"
        if k != to:
            seq.pop(k)
            seq.insert(to, unit)
            a.structural = True
        self._log(ins, op, target, note=note, arts=[a] if k != to else [])

    def op_note(self, ins: Instruction, op: Op, target: str) -> None:
        self._log(ins, op, target, note="the act states a 款/项's new number; it follows from the other changes")

    def op_split(self, ins: Instruction, op: Op, target: str) -> None:
        t = op.targets[0] if op.targets else None
        if t is None or t.paragraph is None:
            raise _Fail("which 款 becomes an article is not said")
        a = self._art(t)
        p = self._para(a, t.paragraph)
        a.paras.remove(p)
        a.structural = True
        new = Art("", "", a.sep, [p], old_key=None, source=a, structural=True)
        new.pending = op.numbers[0] if op.numbers else None
        self.m.extra.append(new)
        self.structure_changed = True
        self._log(ins, op, target + (f" → {_art_name(new.pending)}" if new.pending else ""),
                  old=_para_text(p), arts=[a, new])

    def op_merge(self, ins: Instruction, op: Op, target: str) -> None:
        arts = [self._art(t) for t in op.targets]
        if len(arts) < 2:
            raise _Fail("a merge needs two articles")
        keep = arts[0]
        keep.structural = True
        for other in arts[1:]:
            keep.paras.extend(other.paras)
            self._remove(other)
            other.merged_into = keep
            self.merged.append(other)
        if op.numbers:
            keep.hint = op.numbers[0]
        self.structure_changed = True
        self._log(ins, op, target, arts=arts)

    def op_move(self, ins: Instruction, op: Op, target: str) -> None:
        a = self._art(op.targets[0] if op.targets else None)
        anchor = self.m.find(op.numbers[0]) if op.numbers else None
        if anchor is None:
            raise _Fail("where to move the article is not said")
        self.m.body.remove(a)
        k = self.m.body.index(anchor)
        self.m.body.insert(k + (1 if op.count else 0), a)
        self.structure_changed = True
        self._log(ins, op, target, arts=[a])

    def _heading(self, kind: Kind, number: int | None, within: int | None = None,
                 part: int | None = None) -> Head:
        chapter = cur_part = None
        for e in self.m.body:
            if isinstance(e, Head) and e.kind is Kind.PART:
                cur_part = e.old_no
            if isinstance(e, Head) and e.kind is Kind.CHAPTER:
                chapter = e.old_no
            if isinstance(e, Head) and e.kind is kind and e.old_no == number and not e.fresh:
                if (within is None or kind is not Kind.SECTION or chapter == within) and \
                        (part is None or cur_part == part):
                    return e
        raise _Fail(f"the old text has no 第{to_chinese(number or 0)}{'章' if kind is Kind.CHAPTER else '节'}")

    def op_chapter_merge(self, ins: Instruction, op: Op, target: str) -> None:
        src, dst = op.targets
        if (src.part, src.chapter, src.section) == (dst.part, dst.chapter, dst.section):
            raise _Fail("a chapter cannot be merged into itself")
        if src.section:
            h = self._heading(Kind.SECTION, src.section, src.chapter, src.part)
        else:
            h = self._heading(Kind.CHAPTER, src.chapter, part=src.part)
        if dst.section:
            self._heading(Kind.SECTION, dst.section, dst.chapter, dst.part)
        else:
            self._heading(Kind.CHAPTER, dst.chapter, part=dst.part)
        self.m.body.remove(h)
        self.chapter_changed = True
        if not src.section and h.old_no and dst.chapter and not src.part:
            self.chapters_merged[h.old_no] = dst.chapter
        self._log(ins, op, target, old=h.label + " " + h.title)

    def op_heading_rename(self, ins: Instruction, op: Op, target: str) -> None:
        t = op.targets[0]
        kind = Kind.SECTION if t.section else (Kind.CHAPTER if t.chapter else Kind.PART)
        h = self._heading(kind, t.section or t.chapter or t.part, t.chapter if t.section else None,
                          t.part if kind is not Kind.PART else None)
        old = h.title
        new = op.new[0].strip() if op.new else ""
        m = _HEAD_LABEL.match(new)
        if m:
            new = m.group(3)
        h.title = new
        h.touched.append(len(self.log))
        self._log(ins, op, target, old=old, new=new)

    def op_heading_delete(self, ins: Instruction, op: Op, target: str) -> None:
        t = op.targets[0]
        kind = Kind.SECTION if t.section else Kind.CHAPTER
        h = self._heading(kind, t.section or t.chapter, t.chapter if t.section else None, t.part)
        k = self.m.body.index(h)
        removed = [h]
        if not op.count:  # the whole chapter, articles included
            j = k + 1
            level = 3 if kind is Kind.CHAPTER else 4
            while j < len(self.m.body):
                e = self.m.body[j]
                if isinstance(e, Head) and _level(e.kind) <= level:
                    break
                removed.append(e)
                j += 1
        for e in removed:
            self.m.body.remove(e)
        self.chapter_changed = True
        self.structure_changed = True
        self._log(ins, op, target, old=h.label + " " + h.title,
                  note=f"{sum(isinstance(e, Art) for e in removed)} article(s) removed with it")

    def op_heading_insert(self, ins: Instruction, op: Op, target: str) -> None:
        lines = [ln.strip() for ln in op.new if ln.strip()]
        if not lines:
            raise _Fail("no text for the new heading")
        unit = op.old[0] if op.old else "章"
        kind = Kind.SECTION if unit == "节" else Kind.CHAPTER
        m = _HEAD_LABEL.match(lines[0])
        title = m.group(3) if m else lines[0]
        proto = next((e for e in self.m.body if isinstance(e, Head) and e.kind is kind), None)
        h = Head(kind, None, "", title, None, None, proto.md if proto else "", proto.sep if proto else " ",
                 fresh=True)
        arts: list[Art] = []
        for g in _split_articles(lines[1:], 0) if len(lines) > 1 else []:
            arts.append(Art("", "", self.m.art_sep, _parse_paras(_strip_article_label(g)), fresh=True))
        num = int(op.numbers[0]) if op.numbers and op.numbers[0] else None
        if kind is Kind.SECTION and op.numbers and op.numbers[1]:
            num = int(op.numbers[1])
        pos = len(self.m.body)
        if op.targets:
            after = self._heading(Kind.CHAPTER, op.targets[0].chapter)
            k = self.m.body.index(after) + 1
            while k < len(self.m.body) and not (isinstance(self.m.body[k], Head) and
                                                _level(self.m.body[k].kind) <= 3):
                k += 1
            pos = k
        elif num:
            try:
                nxt = self._heading(kind, num)
                pos = self.m.body.index(nxt)
            except _Fail:
                pos = len(self.m.body)
                while pos > 0 and isinstance(self.m.body[pos - 1], Raw):
                    pos -= 1
        for k, e in enumerate([h] + arts):
            self.m.body.insert(pos + k, e)
            if isinstance(e, Art):
                e.anchored = True
        self.chapter_changed = True
        self.structure_changed = True
        self._log(ins, op, f"第{to_chinese(num)}{unit}" if num else unit, new=title,
                  note=f"with {len(arts)} article(s)", arts=arts)

    def op_title_rename(self, ins: Instruction, op: Op, target: str) -> None:
        new = (op.new[0] if op.new else "").strip().strip("《》«»")
        if not new:
            raise _Fail("no new title given")
        for k, line in enumerate(self.m.head_lines):
            if line.strip():
                m = re.match(r"(\s*#\s+)?(.*)$", line)
                old = m.group(2)
                self.m.head_lines[k] = (m.group(1) or "") + new
                self._log(ins, op, "名称", old=old, new=new)
                return
        raise _Fail("the old text has no title line")

    def op_unknown(self, ins: Instruction, op: Op, target: str) -> None:
        raise _Fail(f"instruction not understood: {op.clause}")


def _level(kind: Kind) -> int:
    return {Kind.PART: 1, Kind.SUBPART: 2, Kind.CHAPTER: 3, Kind.SECTION: 4}.get(kind, 9)


def _replace_terminal(text: str, mark: str) -> str:
    p = plain(text).rstrip()
    if p and p[-1] in _TERMINAL:
        k = text.rstrip().rfind(p[-1])
        return text[:k] + _protect(mark) + text[k + 1:]
    return text + _protect(mark)


_CONJ_END = re.compile(r"(?:和|及|以及|或者|或|与|并|暨)$")


def _delete_span(text: str, s: int, e: int, phrase: str) -> tuple[str, str | None]:
    """Delete text[s:e] with the punctuation that only made sense with it."""
    view_before = plain(text[:s])
    view_after = plain(text[e:])
    b = view_before[-1:] if view_before else ""
    a = view_after[:1]
    if phrase[:1] in _PUNCT or phrase[-1:] in _PUNCT:
        return text[:s] + OPEN + CLOSE + text[e:], None
    if _CONJ_END.search(phrase) or _CONNECTIVE.match(phrase):
        return text[:s] + OPEN + CLOSE + text[e:], None  # 删去“A以及”: the list stays well formed

    def drop_after() -> str:
        k = e
        while k < len(text) and text[k] in (OPEN, CLOSE):
            k += 1
        return text[:s] + OPEN + CLOSE + text[k + 1:]

    def drop_before() -> str:
        k = s - 1
        while k >= 0 and text[k] in (OPEN, CLOSE):
            k -= 1
        return text[:k] + OPEN + CLOSE + text[e:]

    if a in "。；" and a and (b in ("", "。", "；", "：") or not b):
        return drop_after(), a
    if a in "。；" and a and b in "，、":
        return drop_before(), b
    if a == "，" and b in ("", "。", "；", "，", "："):
        return drop_after(), a
    if a == "、" and (b in ("", "、", "，", "：") or b not in _PUNCT):
        return drop_after(), a
    if b == "、" and a and a not in "、":
        return drop_before(), b
    return text[:s] + OPEN + CLOSE + text[e:], None


# -- finalising ----------------------------------------------------------------------

def _finalise(ap: Applier) -> tuple[dict[str, str], list[str]]:
    """Place pending articles, renumber, rewrite references; returns old→new keys."""
    m = ap.m
    warnings: list[str] = []
    # Split-off 款 whose source article is now empty take its place.
    for src in {id(a.source): a.source for a in m.extra if a.source is not None}.values():
        pieces = sorted([a for a in m.extra if a.source is src], key=lambda a: split_key(a.pending or "0"))
        if not src.paras and src in m.body:
            k = m.body.index(src)
            m.body[k:k + 1] = pieces
            for p in pieces:
                m.extra.remove(p)
                p.old_key = src.old_key if p is pieces[0] else None
                p.anchored = True
            src.merged_into = pieces[0]
            ap.merged.append(src)
    # Articles added "as 第N条", in ascending N.
    pending = sorted(m.extra, key=lambda a: split_key(a.pending) if a.pending else (10 ** 6, 0))
    m.extra = []
    for a in pending:
        arts = m.articles()
        if a.pending is None:
            m.body.append(a)
            continue
        n, sub = split_key(a.pending)
        if sub:
            ap_place = [x for x in arts if x.key and split_key(x.key) < (n, sub)]
            prev = ap_place[-1] if ap_place else None
        else:
            prev = arts[n - 2] if 0 <= n - 2 < len(arts) else (arts[-1] if n - 2 >= len(arts) and arts else None)
            if n - 2 >= len(arts):
                warnings.append(f"第{to_chinese(n)}条 is beyond the end of the law; added at the end")
        if prev is None:
            first = arts[0] if arts else None
            m.body.insert(m.body.index(first) if first else len(m.body), a)
        else:
            k = m.body.index(prev) + 1
            hint = getattr(a, "chapter_hint", None)
            if hint is not None:
                # 在第三章中增加一条 at a chapter's border: after the 第三章 heading, not before it.
                j = k
                while j < len(m.body) and not isinstance(m.body[j], Art):
                    e = m.body[j]
                    if isinstance(e, Head) and e.kind is Kind.CHAPTER and e.old_no == hint:
                        k = j + 1
                        while k < len(m.body) and isinstance(m.body[k], Head) and \
                                _level(m.body[k].kind) > _level(Kind.CHAPTER):
                            k += 1  # its first 节 heading too
                        break
                    j += 1
            m.body.insert(k, a)
    arts = m.articles()
    # 对条文顺序作相应调整 concerns laws whose articles were added, removed or moved; a law
    # the act only edits keeps its numbers (第十条之一 included).
    # An article added "as 第五条" (not 第四条之一) also means the law is numbered again.
    plain_added = any((a.fresh or a.source is not None) and a.pending and "-" not in a.pending for a in arts)
    renumber = (ap.renumber_ordered and ap.structure_changed) or any(a.hint for a in arts) or plain_added
    any_sub_keys = any(a.pending and "-" in a.pending for a in arts)
    renumbering = renumber and not any_sub_keys
    for e in list(m.body):
        if isinstance(e, Art) and e.deleted:
            if renumbering or e.fresh or e.merged_into is not None or e.old_key is None:
                m.body.remove(e)
            else:  # keeps its number: 第一百九十九条　（删去）
                e.deleted = False
                e.paras = [Para("（删去）", fresh=True)]
    arts = m.articles()
    mapping: dict[str, str] = {}
    if renumbering:
        for i, a in enumerate(arts, 1):
            a.key = str(i)
    else:
        for a in arts:
            if a.fresh or a.source is not None:
                a.key = a.pending or a.key or "?"
            else:
                a.key = a.old_key or a.key
    for a in arts:
        base, sub = split_key(a.key) if a.key and a.key[0].isdigit() else (0, 0)
        trad = "條" in (a.label or "")
        a.label = f"第{to_chinese(base)}{'條' if trad else '条'}" + (f"之{to_chinese(sub)}" if sub else "")
        if a.old_key and not a.fresh:
            mapping[a.old_key] = a.key
    for gone in ap.merged:
        tgt = gone.merged_into
        hops = 0
        while tgt is not None and tgt.merged_into is not None and hops < 100:
            tgt, hops = tgt.merged_into, hops + 1
        if gone.old_key and tgt is not None:
            mapping.setdefault(gone.old_key, tgt.key)
    # The act's own statement of the new numbers is a check on ours.
    for a in arts:
        if a.hint and a.hint != a.key:
            msg = f"the act numbers {a.old_key and _art_name(a.old_key) or 'an article'} " \
                  f"{_art_name(a.hint)} but the computed number is {_art_name(a.key)}"
            warnings.append(msg)
            ap.log.append(LogEntry("-", 0, "check-number", f"{_art_name(a.old_key or a.key)}", "failed", msg))
            a.touched.append(len(ap.log) - 1)
    # Headings.
    chapter_map: dict[int, int] = {}
    if renumber or ap.chapter_changed:
        chapter_map = _renumber_headings(m)
        for src, dst in ap.chapters_merged.items():
            seen = {src}
            while dst in ap.chapters_merged and dst not in seen:
                seen.add(dst)
                dst = ap.chapters_merged[dst]
            if dst in chapter_map:
                chapter_map[src] = chapter_map[dst]
    # Items whose numbering changed.
    for a in arts:
        for p in a.paras:
            if p.relabel:
                for k, it in enumerate(p.items, 1):
                    it.head = _relabel(it.head, k)
    # References.
    changed = {k: v for k, v in mapping.items() if k != v}
    para_maps = {}
    for a in arts:
        if a.fresh:
            continue
        pm = {}
        for k, p in enumerate(a.paras, 1):
            if p.old_no is not None and p.old_no != k:
                pm[p.old_no] = k
        if pm and a.old_key:
            para_maps[a.old_key] = pm
    chapter_map = {k: v for k, v in chapter_map.items() if k != v}
    deleted = {a.old_key for a in m.originals if a.deleted and a.merged_into is None and a.old_key
               and a.old_key not in mapping}
    if renumbering and deleted:
        deleted = {k for k in deleted if k not in mapping}
    else:
        deleted = set() if not renumbering else deleted
    if changed or para_maps or chapter_map or deleted:
        for a in arts:
            for obj, attr in Applier._art_slots(a):
                if getattr(obj, "fresh", False):
                    continue
                before = getattr(obj, attr)
                dangling: list[str] = []
                new = _rewrite_refs(before, mapping, para_maps, a, chapter_map, deleted, dangling)
                if new != before:
                    setattr(obj, attr, new)
                    a.refs_rewritten = True
                for key in dict.fromkeys(dangling):
                    msg = (f"{a.label} cites {_art_name(key)}, which the act deletes: "
                           f"the citation is left as written")
                    warnings.append(msg)
                    ap.log.append(LogEntry("-", 0, "check-reference", a.label, "failed", msg))
                    a.touched.append(len(ap.log) - 1)
    return changed, warnings


def _relabel(head: str, k: int) -> str:
    m = _ITEM_LABEL.match(head)
    if m:
        return m.group(1) + to_chinese(k) + m.group(3) + head[m.end(3):]
    m = _SUB_LABEL.match(head + "x")
    if m:
        digits = str(k)
        if any("０" <= c <= "９" for c in m.group(1)):
            digits = digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        return digits + head[len(m.group(1)):]
    return head


def _renumber_headings(m: Model) -> dict[int, int]:
    """Number 编/章/节 again in order; returns old → new chapter numbers (when chapters
    are numbered through the whole law, so that 本法第三章 is unambiguous)."""
    heads = [e for e in m.body if isinstance(e, Head)]
    chapter_map: dict[int, int] = {}
    # Which heading restarts which numbering, as the old text shows it: 第二编 restarts
    # 第一章 in a code, a 分编 may not; 节 restart in every 章.
    restart: dict[tuple[Kind, Kind], bool] = {}
    since: dict[Kind, Kind | None] = {}  # highest heading seen since the last one of a kind
    for h in m.orig_heads:
        if h.kind in since and since[h.kind] is not None and h.old_no is not None:
            key = (h.kind, since[h.kind])
            restart[key] = restart.get(key, False) or h.old_no == 1
        since[h.kind] = None
        for k in list(since):
            if _level(k) > _level(h.kind) and (since[k] is None or _level(h.kind) < _level(since[k])):
                since[k] = h.kind
    counters: Counter = Counter()
    for h in heads:
        lvl = _level(h.kind)
        for k in list(counters):
            if _level(k) > lvl and restart.get((k, h.kind), k is Kind.SECTION):
                counters[k] = 0
        counters[h.kind] += 1
        n = counters[h.kind]
        if h.number != n or h.fresh:
            unit = {Kind.PART: "编", Kind.SUBPART: "分编", Kind.CHAPTER: "章", Kind.SECTION: "节"}[h.kind]
            old_label = h.label
            h.number = n
            h.label = f"第{to_chinese(n)}{unit}"
            if h.orig is not None and old_label and old_label in h.orig:
                h.orig = h.orig.replace(old_label, h.label, 1)
            else:
                h.orig = None
        if h.kind is Kind.CHAPTER and h.old_no and not h.fresh:
            chapter_map[h.old_no] = h.number
    if any(k[0] is Kind.CHAPTER and v for k, v in restart.items()):
        return {}  # 第三章 is ambiguous when chapters restart in each 编
    return chapter_map


_TOK = re.compile(rf"第({_N})条(?:之({_N}))?|第({_N})款|第({_N})章")
_CHAIN = re.compile(rf"(?:第{_N}(?:项|目)|第[（(]{_N}[）)]项)*(?:、|和|及|以及|或者|或|至|到|，|,)?")
_EXTERNAL = re.compile(r"(?:》|法|法典|条例|规定|办法|细则|解释|决定|规则|章程|公约|协定|意见)$")
_OWN = re.compile(r"本(?:法|法典|条例|规定|办法|细则|解释|决定|规则)$")


def _rewrite_refs(text: str, mapping: dict[str, str], para_maps: dict[str, dict[int, int]], art: Art,
                  chapter_map: dict[int, int] | None = None, deleted: set[str] | None = None,
                  dangling: list[str] | None = None) -> str:
    """本法第十六条 → 第十五条: references to this law's own articles (and their 款, and
    its chapters), outside act text.  A chain (第十条第二款、第三款和第十二条) keeps the
    status of its head: internal after 本法 or nothing, external after 《某法》 or 刑法."""
    protected = []
    start = None
    for i, c in enumerate(text):
        if c == OPEN:
            start = i
        elif c == CLOSE and start is not None:
            protected.append((start, i))
            start = None
    out, last = [], 0
    prev_end, prev_internal, cur_art = -1, False, None
    for mt in _TOK.finditer(text):
        s, e = mt.span()
        gap = text[prev_end:s] if prev_end >= 0 else None
        chained = gap is not None and bool(_CHAIN.fullmatch(plain(gap)))
        if chained:
            internal = prev_internal
        else:
            before = plain(text[max(0, s - 12):s])
            internal = not (_EXTERNAL.search(before) and not _OWN.search(before))
        inside = any(a <= s < b for a, b in protected)
        rep = None
        try:
            if mt.group(1):  # an article
                key = article_key(to_int(mt.group(1)), to_int(mt.group(2)) if mt.group(2) else None)
                cur_art = key if internal else None
                if internal and not inside and deleted and key in deleted and dangling is not None:
                    dangling.append(key)
                new_key = mapping.get(key, key)
                if internal and new_key != key:
                    base, sub = split_key(new_key)
                    rep = f"第{to_chinese(base)}条" + (f"之{to_chinese(sub)}" if sub else "")
            elif mt.group(3):  # a 款: of the article just cited, or of this article
                pn = to_int(mt.group(3))
                if chained:
                    owner = cur_art
                else:
                    before1 = plain(text[max(0, s - 2):s])
                    if before1.endswith(("本条", "该条")) or not before1.endswith("条"):
                        owner = art.old_key  # 本条第二款, or a bare 第二款
                    else:
                        owner = None  # 前条第二款 …
                    cur_art = owner
                if owner and owner in para_maps and pn in para_maps[owner]:
                    rep = f"第{to_chinese(para_maps[owner][pn])}款"
            elif mt.group(4) and chapter_map:  # a chapter
                cn = to_int(mt.group(4))
                cur_art = None
                if internal and cn in chapter_map:
                    rep = f"第{to_chinese(chapter_map[cn])}章"
        except ValueError:
            rep = None
        prev_end, prev_internal = e, internal
        if rep is None or inside:
            continue
        out.append(text[last:s])
        out.append(_protect(rep))
        last = e
    out.append(text[last:])
    return "".join(out)


# -- rendering -------------------------------------------------------------------

def _indent_of(orig: str | None, default: str) -> str:
    if orig is None:
        return default
    return orig[: len(orig) - len(orig.lstrip(" \u3000\t"))]


def _toc_lines(m: Model) -> list[str] | None:
    """The 目录 for the final headings, or None when it needs no change."""
    if m.toc_range is None:
        return None
    heads = [e for e in m.body if isinstance(e, Head)]
    unchanged = heads == m.orig_heads and all(h.label == h.orig_label and h.title == h.orig_title
                                              for h in heads)
    if unchanged:
        return None
    listed = {h.kind for h in m.orig_heads if id(h) in m.toc_entry}
    indent: dict[Kind, str] = {}
    for h in m.orig_heads:
        line = m.toc_entry.get(id(h))
        if line is not None:
            indent.setdefault(h.kind, line[: len(line) - len(line.lstrip(" \u3000\t"))])
    out = []
    for h in heads:
        if h.kind not in listed:
            continue
        line = m.toc_entry.get(id(h))
        if line is not None and h.title == h.orig_title:
            out.append(line.replace(h.orig_label, h.label, 1) if h.orig_label else line)
        else:
            out.append(f"{indent.get(h.kind, '')}{h.label}{h.sep if h.title else ''}{h.title}")
    first, last = m.toc_range
    spaced = any(not ln.strip() for ln in m.head_lines[first:last + 1])
    return [x for ln in out for x in ([ln, ""] if spaced else [ln])][: (2 * len(out) - 1) if spaced else None]


def render(m: Model) -> str:
    toc = _toc_lines(m)
    if toc is not None:
        first, last = m.toc_range
        m.head_lines[first:last + 1] = toc
    lines: list[str] = []
    lines.extend(m.head_lines)
    body: list[str] = [_indent_of(p.orig, m.indent) + p.text for p in m.intro if plain(p.text)]
    for e in m.body:
        if isinstance(e, Raw):
            body.extend(e.lines)
        elif isinstance(e, Head):
            if e.orig is not None and e.title == _orig_title(e):
                body.append(e.orig.rstrip())
            else:
                body.append(f"{e.md}{e.label}{e.sep if e.title else ''}{e.title}")
        else:
            body.extend(_render_article(e, m))
    if m.fmt == "markdown" or m.sep_lines == "\n\n":
        text = "\n".join(m.head_lines)
        text = text + ("\n\n" if text else "") + "\n\n".join(body) + "\n"
        return plain(text)
    text = "\n".join(m.head_lines)
    text = text + ("\n" if text else "") + "\n".join(body) + "\n"
    return plain(text)


def _orig_title(h: Head) -> str:
    if h.orig is None:
        return ""
    s = h.orig.strip()
    s = re.sub(r"^#{1,6}\s+", "", s)
    m = _HEAD_LABEL.match(s)
    t = m.group(3) if m else s
    parts = t.split()
    if len(parts) > 1 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return " ".join(parts)


def _render_article(a: Art, m: Model) -> list[str]:
    out: list[str] = []
    art_indent = _indent_of(a.orig, getattr(m, "art_indent", ""))
    for k, p in enumerate(a.paras):
        text = p.text
        if k == 0:
            sep = a.sep if a.sep.strip() == "" else " "
            if not sep and m.fmt == "markdown":
                sep = " "
            line = f"{art_indent}{a.label}{sep if plain(text) else ''}{text}"
            out.append(line.rstrip())
        elif text:
            out.append(_indent_of(p.orig, m.indent) + text)
        for it in p.items:
            out.append(_indent_of(it.orig, m.indent) + it.head + it.text)
            for s in it.subs:
                out.append(_indent_of(s.orig, m.indent) + s.head + s.text)
    if not a.paras:
        out.append(f"{art_indent}{a.label}")
    out.extend(n.rstrip() for n in a.notes)
    return out


# -- entry point -------------------------------------------------------------------

def pick_document(source, act: Act, law: str | None) -> Document:
    """OLD's document: the only one, or (in a gazette issue) the one the act amends."""
    from .instructions import law_key

    docs = source.with_articles() or list(source.documents)
    if len(docs) == 1:
        return docs[0]
    wanted = [p.law for p in ([act.select(law)] if law else act.parts) if p is not None and p.law]
    for name in wanted:
        for d in docs:
            if law_key(d.title) == law_key(name):
                return d
    for d in docs:
        if act.select(law, d.title) is not None and not law:
            return d
    return docs[0]


def apply_act(old_text: str, act_text: str, *, law: str | None = None, name: str = "<old>") -> Result:
    """Apply the act (or its part for `law`) to the old text.  Raises UsageError when
    the act has no part for this law (the message lists the laws it amends)."""
    from ..errors import UsageError
    from ..parsing.source import load_text

    act = parse_act(act_text)
    source = load_text(old_text, name)
    doc = pick_document(source, act, law)
    if not any(p.instructions for p in act.parts):
        from ..errors import InputError

        raise InputError("the act holds no amendment instruction (将第X条修改为… / 删去… / 增加…)")
    part = act.select(law, doc.title)
    if part is None:
        raise UsageError(
            ("--law " + repr(law) + " matches" if law else f"《{doc.title}》 matches")
            + " no law of the act; it amends: " + "；".join(act.laws()))
    return apply_part(doc, old_text, source.format, act, part)


def apply_to_document(doc: Document, act_text: str, *, law: str | None = None,
                      fmt: str = "plain") -> Result:
    """Apply the act to an already parsed document (no source text at hand: the rendering
    is rebuilt from the tree).  Used to explain a diff with the act behind it."""
    from ..errors import UsageError

    act = parse_act(act_text)
    part = act.select(law, doc.title)
    if part is None:
        raise UsageError(
            ("--law " + repr(law) + " matches" if law else f"《{doc.title}》 matches")
            + " no law of the act; it amends: " + "；".join(act.laws()))
    phys = [""] * max(doc.end_line, max((n.end_line for n in doc.walk()), default=0))
    for n in doc.walk():
        if n.line and n.raw:
            phys[n.line - 1] = n.raw.split("\n")[0]
    return apply_part(doc, "\n".join(phys), fmt, act, part)


def apply_part(doc: Document, old_text: str, fmt: str, act: Act, part: ActPart) -> Result:
    text = old_text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    model = Model(doc, text.split("\n"), "markdown" if fmt == "markdown" else "plain")
    ap = Applier(model, part, act.renumber)
    ap.run()
    mapping, warnings = _finalise(ap)
    out = render(model)
    touched: dict[str, tuple[int, ...]] = {}
    for a in model.articles():
        if a.touched:
            touched[a.key] = tuple(sorted(set(a.touched)))
    touched_old = {a.old_key: tuple(sorted(set(a.touched))) for a in model.originals
                   if a.old_key and a.touched}
    rewritten = tuple(a.key for a in model.articles() if a.refs_rewritten)
    marked = {a.key: _marked_text(a) for a in model.articles()}
    structural = tuple(a.key for a in model.articles() if a.structural)
    heading_items = tuple(dict.fromkeys(
        e.item for e in ap.log if e.op.startswith(("heading_", "chapter_")) and e.status == "applied"))
    return Result(out, model.fmt, part.law, tuple(ap.log), touched, mapping, tuple(warnings),
                  touched_old, rewritten, marked, structural, heading_items)


# -- checking against the official re-publication ---------------------------------

@dataclass(frozen=True)
class Fragment:
    """A piece of an article that differs: the result's and the official text's."""

    result: str
    official: str
    #: the piece lies where the act changed the text (a detail of applying an instruction)
    explained: bool

    def to_dict(self) -> dict[str, Any]:
        return {"result": self.result, "official": self.official, "explained": self.explained}


@dataclass(frozen=True)
class CheckRow:
    """One article (or heading) where the result and the official text differ."""

    kind: str  # text | missing (only in NEW) | extra (only in the result) | heading
    key: str | None
    label: str
    result: str | None
    official: str | None
    punctuation_only: bool
    instructions: tuple[str, ...]  # items of the act that changed this article
    fragments: tuple[Fragment, ...] = ()
    #: every difference lies where an instruction changed the article
    explained: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.key, "label": self.label,
                "explained": self.explained, "instructions": list(self.instructions),
                "punctuation_only": self.punctuation_only,
                "fragments": [f.to_dict() for f in self.fragments],
                "result": self.result, "official": self.official}


@dataclass(frozen=True)
class Check:
    articles: int
    official_articles: int
    rows: tuple[CheckRow, ...]
    #: (result number, official number) of articles whose text is the same under another
    #: number — a numbering difference, found by aligning the two texts (lawcli.diff)
    misnumbered: tuple[tuple[str, str], ...] = ()

    @property
    def identical(self) -> bool:
        return not self.rows

    def to_dict(self) -> dict[str, Any]:
        return {"identical": self.identical, "articles": self.articles,
                "official_articles": self.official_articles,
                "differences": len(self.rows),
                "unexplained": sum(1 for r in self.rows if not r.explained),
                "misnumbered": [{"result": a, "official": b} for a, b in self.misnumbered],
                "rows": [r.to_dict() for r in self.rows]}


_PUNCT_ALL = re.compile(r"[\s,.;:!?()\[\]“”\"'、，。；：！？（）《》«»]")


def _marks(marked: str) -> list[tuple[int, int]]:
    """Spans (in plain-text positions) the act wrote or removed; empty spans are deletions."""
    out, pos, start = [], 0, None
    for c in marked:
        if c == OPEN:
            start = pos
        elif c == CLOSE:
            if start is not None:
                out.append((start, pos))
            start = None
        else:
            pos += 1
    return out


def _fragments(a: str, b: str, spans: list[tuple[int, int]] | None) -> tuple[Fragment, ...]:
    """Differing pieces, compared without white space and with widths folded; each says
    whether it lies within two characters of text the act changed (`spans`)."""
    import difflib

    ia = [i for i, c in enumerate(a) if not c.isspace()]
    ib = [i for i, c in enumerate(b) if not c.isspace()]
    fa = fold("".join(a[i] for i in ia))
    fb = fold("".join(b[i] for i in ib))
    sm = difflib.SequenceMatcher(None, fa, fb, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        s = ia[i1] if i1 < len(ia) else len(a)
        e = ia[i2 - 1] + 1 if i2 > i1 else s
        sb = ib[j1] if j1 < len(ib) else len(b)
        eb = ib[j2 - 1] + 1 if j2 > j1 else sb
        near = spans is not None and any(x - 2 <= e and y + 2 >= s for x, y in spans)
        ctx = 4
        out.append(Fragment(a[max(0, s - ctx):e + ctx], b[max(0, sb - ctx):eb + ctx], near))
    return tuple(out)


def check_result(result: Result, official: Document, doc: Document | None = None) -> Check:
    """Compare the consolidated text with the official one, article by article (by number).

    Text is compared after width folding with white space removed, so `(一)` vs `（一）`
    or `:` vs `：` never count as differences.  A difference is *explained* when it lies
    where an instruction changed the text (for instance a comma the official text put
    around an inserted phrase); an unexplained one is a change the act does not make —
    or a defect of one of the files.
    """
    from ..text.textfold import fold_space

    doc = doc or result.document()
    items_of = {}
    for key, idx in result.touched.items():
        items_of[key] = tuple(dict.fromkeys(result.log[i].item for i in idx if i < len(result.log)))
    got = {a.number: a for a in doc.articles}
    want = {a.number: a for a in official.articles}
    order = [a.number for a in official.articles] + [a.number for a in doc.articles if a.number not in want]
    rows = []
    structural = set(result.structural)
    for key in order:
        g, w = got.get(key), want.get(key)
        gt = g.full_text if g else None
        wt = w.full_text if w else None
        if gt is not None and wt is not None and fold_space(gt) == fold_space(wt):
            continue
        kind = "text" if g and w else ("missing" if w else "extra")
        pun = bool(gt and wt and _PUNCT_ALL.sub("", fold(gt)) == _PUNCT_ALL.sub("", fold(wt)))
        label = (w or g).label or str(key)
        items = items_of.get(key or "", ())
        frags: tuple[Fragment, ...] = ()
        explained = bool(items)
        if gt and wt:
            marked = result.marked.get(key or "")
            spans = _marks(marked) if marked is not None and plain(marked) == gt else None
            frags = _fragments(gt, wt, spans)
            if spans is not None and key not in structural:
                explained = bool(items) and all(f.explained for f in frags)
            elif key in structural:
                explained = bool(items)
            if spans is None:
                frags = tuple(Fragment(f.result, f.official, explained) for f in frags)
        rows.append(CheckRow(kind, key, label, gt, wt, pun, items, frags, explained))
    # Headings: their sequence, by label and title.
    def heads(d: Document) -> list[tuple[str, str]]:
        return [(n.label or "", fold_space(n.title or "")) for n in d.walk()
                if n.kind in _HEADING_KINDS]

    hg, hw = heads(doc), heads(official)
    if hg != hw:
        import difflib

        sm = difflib.SequenceMatcher(None, hg, hw, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            a = "；".join(" ".join(x) for x in hg[i1:i2]) or None
            b = "；".join(" ".join(x) for x in hw[j1:j2]) or None
            rows.append(CheckRow("heading", None, (hw[j1:j2] or hg[i1:i2])[0][0], a, b, False,
                                 result.heading_items, (), bool(result.heading_items)))
    return Check(len(doc.articles), len(official.articles), tuple(rows), _misnumbered(doc, official, rows))


def _misnumbered(doc: Document, official: Document, rows: list[CheckRow]) -> tuple[tuple[str, str], ...]:
    """Articles the two texts share under different numbers (the diff engine aligns them)."""
    if not any(r.kind != "heading" for r in rows):
        return ()
    try:
        from ..compare.align import diff_documents
    except ImportError:  # the diff engine is optional here
        return ()
    out = []
    for row in diff_documents(doc, official).rows:
        if row.status == "unchanged" and row.old and row.new and row.old[0].number != row.new[0].number:
            out.append((row.old[0].number or "?", row.new[0].number or "?"))
    return tuple(out)


def _short_q(s: str | None, n: int = 24) -> str:
    s = (s or "").replace("\n", "")
    return s if len(s) <= n else s[: n - 1] + "…"


def describe_entry(e: LogEntry) -> str | None:
    """One instruction in the words of a 修改对照表's 说明 column."""
    what = {
        "replace": "修改",
        "replace_phrase": f"“{_short_q(e.old)}”修改为“{_short_q(e.new)}”",
        "insert_phrase_after": f"增加“{_short_q(e.new)}”",
        "insert_phrase_before": f"增加“{_short_q(e.new)}”",
        "append_text": f"增加“{_short_q(e.new)}”",
        "delete_phrase": f"删去“{_short_q(e.old)}”",
        "delete": "删去",
        "insert_article": "新增一条",
        "insert_paragraph": "增加一款",
        "insert_item": "增加一项",
        "split": "单列一条",
        "merge": "合并",
        "move": "移动",
    }.get(e.op)
    if what is None:
        return None
    item = "决定" if e.item in ("-", "") else f"决定第{e.item}项"
    return f"{item}：{what}"


def explainer(result: Result):
    """For a 修改对照表 (`lawcli diff OLD NEW --act ACT`): row → the instructions behind it.

    A row is looked up by its new article numbers (and, for deleted articles, its old
    ones) among the articles the act changed.  Rows the act does not explain get None,
    so the table's own description is kept; an article changed only because the
    numbers it cites were renumbered says so.
    """
    def keys(side: Any) -> list[str]:
        if side is None:
            return []
        if isinstance(side, (list, tuple)):
            return [k for k in (getattr(x, "number", None) for x in side) if k]
        k = getattr(side, "number", None)
        return [k] if k else []

    def explain(row: Any) -> str | None:
        idx: list[int] = []
        new_keys = keys(getattr(row, "new", None))
        for k in new_keys:
            idx.extend(result.touched.get(k, ()))
        if not new_keys:
            for k in keys(getattr(row, "old", None)):
                idx.extend(result.touched_old.get(k, ()))
        texts = [t for t in (describe_entry(result.log[i]) for i in dict.fromkeys(idx)
                             if i < len(result.log)) if t]
        if not texts and any(k in result.refs_rewritten for k in new_keys):
            texts = ["引用的条文序号相应调整"]
        return "；".join(dict.fromkeys(texts)) or None

    return explain


def _edit_slots(slots, old: str, edit, notes: list[str]) -> int:
    """Apply `edit(text, start, end) -> (text, note or None)` to every occurrence of `old`
    in the given text slots (last first, so offsets hold), tidy doubled marks, and
    return how many occurrences were edited; notes from edits and tidying are collected."""
    n = 0
    for obj, attr in slots:
        text = getattr(obj, attr)
        spans = _find_all(text, old)
        for s, e in reversed(spans):
            text, note = edit(text, s, e)
            if note:
                notes.append(note)
        if spans:
            text, rem = _tidy(text)
            notes.extend(rem)
            setattr(obj, attr, text)
            n += len(spans)
    return n
