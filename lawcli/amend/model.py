"""The editable model of the law being amended: headings, articles, 款, 项 and 目
in body order.

An act's instructions change structure as much as text (articles inserted at stated
positions, split, merged, moved and deleted; chapters merged), so the parsed
document is copied into mutable units.  Every unit remembers its number in the OLD
text, since acts address units by their old numbers (将第二十七条改为第二十五条)
while stating the *new* position of what they add (增加一条，作为第四十六条); and
the physical line it came from, so that rendering keeps untouched lines as they were.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..parsing.model import Document, Kind, Node
from ..text.grammar import article_label
from .instructions import Target
from .marks import plain


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
    computed: str | None = field(default=None, repr=False)  # the count, where the act states another
    pending: str | None = None  # 增加一条，作为第N条: placed at N when finalising
    #: 在第三章中增加一条: the chapter it is added to (left out of the repr, which
    #: some failure messages quote)
    chapter_hint: int | None = field(default=None, repr=False)
    source: Art | None = None  # a 款 split off from this article
    #: a new heading that goes right before the article when it is placed
    head_before: Head | None = field(default=None, repr=False)
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


class Fail(Exception):
    """An instruction that cannot be applied: logged as failed, never raised further."""


HEADING_KINDS = (Kind.PART, Kind.SUBPART, Kind.CHAPTER, Kind.SECTION)


def _split_head(raw: str, text: str) -> str:
    line = raw.rstrip("\n")
    return line[: len(line) - len(text)] if text and line.endswith(text) else line


class Model:
    """The law being amended."""

    def __init__(self, doc: Document, physical: list[str], fmt: str):
        self.fmt = fmt
        self.doc = doc  # the old law as parsed: its citations are read against it
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
            if node.kind in HEADING_KINDS or node.kind is Kind.ARTICLE:
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
        if node.kind in HEADING_KINDS:
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
            raise Fail("no article named (and none before it in this item)")
        if key.startswith("+"):
            want = key[1:]
            for a in self.pending_or_body():
                if a.fresh and a.pending == want or (a.source is not None and a.pending == want):
                    return a
            raise Fail(f"the article added as {art_name(want)} is not known")
        for a in self.articles():
            if a.old_key == key and not a.fresh:
                return a
        for a in self.extra:
            if a.old_key == key and not a.fresh:
                return a
        raise Fail(f"{art_name(key)} is not in the old text")

    def pending_or_body(self) -> list[Art]:
        return self.articles() + self.extra


def art_name(key: str) -> str:
    """"120-1" → 第一百二十条之一."""
    try:
        return article_label(key)
    except ValueError:
        return key


def addr(t: Target | None) -> str:
    if t is None:
        return "?"
    return t.describe() or "?"


def heading_level(kind: Kind) -> int:
    return {Kind.PART: 1, Kind.SUBPART: 2, Kind.CHAPTER: 3, Kind.SECTION: 4}.get(kind, 9)


def art_slots(a: Art) -> list[tuple[object, str]]:
    """(unit, attribute) pairs holding the article's text, in order."""
    out: list[tuple[object, str]] = []
    for p in a.paras:
        out.append((p, "text"))
        for it in p.items:
            out.append((it, "text"))
            out.extend((s, "text") for s in it.subs)
    return out


def slot_places(a: Art) -> list[tuple[object, str, tuple[int | None, int | None, int | None]]]:
    """`art_slots`, each with where its unit stood in the old text: (款, 项, 目) numbers."""
    out: list[tuple[object, str, tuple[int | None, int | None, int | None]]] = []
    for p in a.paras:
        out.append((p, "text", (p.old_no, None, None)))
        for it in p.items:
            out.append((it, "text", (p.old_no, it.old_no, None)))
            out.extend((s, "text", (p.old_no, it.old_no, s.old_no)) for s in it.subs)
    return out


def para_text(p: Para) -> str:
    lines = [plain(p.text)] if p.text else []
    for it in p.items:
        lines.append(it.label + plain(it.text))
        for s in it.subs:
            lines.append(s.label + plain(s.text))
    return "\n".join(lines)


def marked_text(a: Art) -> str:
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


def art_text(a: Art) -> str:
    return "\n".join(para_text(p) for p in a.paras)
