"""Tokens → Document: a level stack, then frozen nodes and diagnostics.

The builder decides only *where* each token goes; what a line is was settled by
tokenize.py.  Each token's characters end up in exactly one node's `raw`.
"""

from __future__ import annotations

from collections import Counter

from ..text import patterns as P
from ..text.lines import Line
from ..text.normalize import normalize
from ..text.numerals import split_key
from .diagnostics import check_numbering
from .layouts import (
    is_supplementary,
    is_taiwan,
    nested_annexes,
    part_title_line,
    plain_info_line,
    taiwan_items,
    toc_run,
    wrapped_info_line,
)
from .markers import REPAIRS, recover
from .metadata import kinds, read_metadata
from .model import LEVEL, Diagnostic, Document, Kind, Node
from .tokenize import T, Token, tokenize, unread_numbers

_new_node = object.__new__


class _B:
    """A node under construction (mutable); frozen by `freeze`.

    A plain class with slots, not a dataclass: one is made per line of every law.
    """

    __slots__ = ("kind", "raw", "number", "label", "title", "text", "line", "end_line",
                 "children", "paragraphs")

    def __init__(self, kind: Kind, raw: str = "", number: str | None = None,
                 label: str | None = None, title: str | None = None, text: str = "",
                 line: int = 0, end_line: int = 0):
        self.kind = kind
        self.raw = raw
        self.number = number
        self.label = label
        self.title = title
        self.text = text
        self.line = line
        self.end_line = end_line
        self.children: list[_B] = []
        self.paragraphs = 0  # 款 opened so far (articles): the next one's number

    def freeze(self, articles: list[Node]) -> Node:
        """The frozen node; every article frozen is appended to `articles`."""
        end = self.end_line
        if self.children:  # most nodes are leaves: no comprehension to run for them
            kids = tuple([c.freeze(articles) for c in self.children])
            if kids[-1].end_line > end:  # children are in order: the last ends last
                end = kids[-1].end_line
        else:
            kids = ()
        # The frozen Node's own __init__ sets each field through object.__setattr__;
        # filling its __dict__ at once gives the same object for a third of the cost.
        node = _new_node(Node)
        node.__dict__.update(kind=self.kind, raw=self.raw, number=self.number, label=self.label,
                             title=self.title, text=self.text, children=kids, line=self.line,
                             end_line=end)
        if self.kind is _ARTICLE:
            articles.append(node)
        return node


_TOKEN_KIND = {T.PART: Kind.PART, T.SUBPART: Kind.SUBPART, T.CHAPTER: Kind.CHAPTER,
               T.SECTION: Kind.SECTION, T.SUBSECTION: Kind.SUBSECTION,
               T.SUBSUBSECTION: Kind.SUBSUBSECTION}
#: The levels opened inside an article, each only right above the one before it.
_BELOW_ARTICLE = frozenset((Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM))
_HEADABLE = (T.PART, T.SUBPART, T.CHAPTER, T.SECTION, T.SUBSECTION, T.SUBSUBSECTION, T.PREAMBLE,
             T.HEADING, T.ANNEX)

# Enum members under plain module names: on Python 3.11 each `Kind.X` or `T.X` look-up
# is a descriptor call (~0.1 µs), and _step made several for every line of every law.
_T_TEXT, _T_TOC, _T_HEADING, _T_PREAMBLE, _T_ANNEX = T.TEXT, T.TOC, T.HEADING, T.PREAMBLE, T.ANNEX
_T_ARTICLE, _T_ITEM, _T_SUBITEM, _T_NOTE = T.ARTICLE, T.ITEM, T.SUBITEM, T.NOTE
_ARTICLE, _PARAGRAPH, _ITEM, _SUBITEM = Kind.ARTICLE, Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM
_TEXT, _NOTE, _PREAMBLE, _ANNEX, _CHAPTER = Kind.TEXT, Kind.NOTE, Kind.PREAMBLE, Kind.ANNEX, Kind.CHAPTER


def _leaf(kind: Kind, line: Line, text: str, raw: str | None = None, number: str | None = None,
          label: str | None = None) -> _B:
    # Positional arguments to _B: one leaf is made per line of every law.
    return _B(kind, text + "\n" if raw is None else raw, number, label, None, text, line.start,
              line.end)


def _block(kind: Kind, lines: list[Line], **kw) -> _B:
    """A node owning several whole lines (adoption lines, a 目录)."""
    return _B(kind, raw="".join(x.text + "\n" for x in lines), text="\n".join(x.text for x in lines),
              line=lines[0].start, end_line=lines[-1].end, **kw)


def _heading(kind: Kind, tok: Token) -> _B:
    """A node for a heading line: 编/章/节, 序言, 附件, 附则."""
    line = tok.line
    return _B(kind, line.text + "\n", tok.number, tok.label, tok.title, "", line.start, line.end)


class _Builder:
    def __init__(self, tokens: list[Token], label_lines: int = 0, info_lines: int | None = None,
                 glued: set[int] | None = None):
        self.tokens = tokens
        self.glued = glued or set()  # pieces of a run-on line: no line break of their own
        self.repairs: Counter = Counter()
        self.seen_article = False
        self.last_article: _B | None = None
        self.label_lines = label_lines
        self.info_lines = info_lines
        self.top: list[_B] = []  # children of the document
        self.stack: list[_B] = []  # open containers, outermost first
        self.md_kinds: dict[int, Kind] = {}  # Markdown level → kind of numbered headings
        self.in_annex = False  # after 附件, every line is annex text
        if tokens and tokens[0].line.md_level:  # a Markdown document starts with "# title"
            for tok in tokens:
                kind = _TOKEN_KIND.get(tok.kind)
                if kind and tok.line.md_level:
                    self.md_kinds.setdefault(tok.line.md_level, kind)

    # -- placement helpers -------------------------------------------------
    def _add(self, node: _B) -> None:
        (self.stack[-1].children if self.stack else self.top).append(node)

    def _pop_to(self, level: int) -> None:
        """Close containers until the innermost one is shallower than `level`."""
        while self.stack and LEVEL.get(self.stack[-1].kind, 0.5) >= level:
            self.stack.pop()

    def _open(self, node: _B) -> None:
        stack = self.stack
        (stack[-1].children if stack else self.top).append(node)  # _add, without the call
        stack.append(node)

    def _article(self) -> _B | None:
        for node in reversed(self.stack):
            if node.kind is _ARTICLE:
                return node
        return None

    # -- the pass ------------------------------------------------------------
    def run(self) -> list[_B]:
        toks = self.tokens
        i = 0
        while i < len(toks) and toks[i].line.info:  # front matter above the title
            i += 1
        if i:
            self.top.append(_block(Kind.INFO, [t.line for t in toks[:i]]))
        for tok in toks[i: i + self.label_lines]:  # an 附件N label above the title
            self.top.append(_leaf(Kind.INFO, tok.line, tok.line.text, label=tok.line.text))
            i += 1
        if i < len(toks) and toks[i].kind is T.ANNEX and toks[i].title and not self.label_lines:
            # An annex that is a document: 附件：最高人民法院关于…的解释 heads it.
            line = toks[i].line
            self.top.append(_leaf(Kind.TITLE, line, toks[i].title, raw=line.text + "\n",
                                  label=toks[i].label))
            i = self._info(i + 1)
        elif i < len(toks) and (toks[i].kind is T.TEXT or toks[i].line.md_level == 1
                                or self.label_lines):
            line = toks[i].line
            self.top.append(_leaf(Kind.TITLE, line, line.text))
            i += 1
            i = self._part_line(i)
            if self.info_lines is None:
                i = self._info(i)
            elif self.info_lines:
                self.top.append(_block(Kind.INFO, [t.line for t in toks[i:i + self.info_lines]]))
                i += self.info_lines
        glued = self.glued
        while i < len(toks):
            j = self._step(i)
            if i in glued:  # the line goes on in the next token: its break is not here
                self._unbreak()
            i = j
        return self.top

    def _unbreak(self) -> None:
        """Drop the line break from the node a run-on piece just made (its paragraph)."""
        node = self.stack[-1] if self.stack else self.top[-1]
        while node.children:
            node = node.children[-1]
        node.raw = node.raw[:-1]

    def _part_line(self, i: int) -> int:
        """A split file of one code: `# 中华人民共和国民法典` then `# 侵权责任编`.  The
        second title line is the 编 the file holds; its own information lines follow it."""
        toks = self.tokens
        if i >= len(toks) or not part_title_line(toks[i].line):
            return i
        self.repairs["title_line_part"] += 1
        tok = toks[i]
        self._open(_B(Kind.PART, tok.line.text + "\n", None, None, tok.line.text, "", tok.line.start,
                      tok.line.end))
        return i + 1

    def _info(self, i: int) -> int:
        """Adoption lines right under the title, or a Markdown information block, or the
        title printed again over several lines (as flk mirrors do) before them."""
        toks = self.tokens
        start = i
        title = "".join(self.top[-1].text.split()) if self.top else ""
        j, seen = i, ""
        while j < len(toks) and toks[j].kind is T.TEXT and len(seen) < len(title):
            seen += "".join(toks[j].line.text.split())
            j += 1
        if title and seen == title:
            i = j
        while i < len(toks):
            tok = toks[i]
            if tok.line.info or tok.kind is T.TEXT and (
                    plain_info_line(tok.line.text)
                    or i > start and i + 1 < len(toks) and toks[i + 1].kind is T.TEXT
                    and wrapped_info_line(tok.line.text, toks[i + 1].line.text)):
                i += 1
                continue
            if tok.kind is T.TEXT and tok.line.text[0] in "（(":
                # A bracket may run over several lines: take lines until it closes.
                j = i
                while j < len(toks) and j - i < 6 and toks[j].kind is T.TEXT:
                    if toks[j].line.text.rstrip()[-1:] in "）)":
                        break
                    j += 1
                if j < len(toks) and toks[j].line.text.rstrip()[-1:] in "）)" and P.INFO_WORDS.search(
                        "".join(t.line.text for t in toks[i:j + 1])):
                    i = j + 1
                    continue
            break
        if i > start:
            self._add(_block(Kind.INFO, [t.line for t in toks[start:i]]))
        return i

    def _toc(self, i: int) -> int:
        """目录: the heading lines that follow it, up to the repeat of its first entry."""
        toks = self.tokens
        head = toks[i]
        j = i + 1
        entries: list[Line] = []
        while j < len(toks) and toks[j].kind in _HEADABLE:
            if entries and toks[j].line.text.replace(" ", "").replace("\u3000", "") == \
                    entries[0].text.replace(" ", "").replace("\u3000", ""):
                break
            entries.append(toks[j].line)
            j += 1
        self.stack.clear()
        toc = _block(Kind.TOC, [head.line] + entries, label=head.label, title=head.title)
        toc.text = "\n".join(x.text for x in entries)  # the entries, without the word 目录
        self.top.append(toc)
        return j

    def _step(self, i: int) -> int:
        tok = self.tokens[i]
        line = tok.line
        k = tok.kind
        if self.in_annex and k is not _T_ANNEX:
            self._add(_leaf(_TEXT, line, line.text))
            return i + 1
        if k is _T_TEXT:  # the common case first: a paragraph
            stack = self.stack
            # Inlined _article, _pop_to and _paragraph, for the line of text most laws are
            # made of.  Only 款/项/目 are ever open above an article (_pop_to closes them
            # before anything else opens), so the innermost article is the first node
            # below them, and closing them is closing the paragraph level.
            while stack and stack[-1].kind in _BELOW_ARTICLE:
                stack.pop()
            text = line.text
            if stack and stack[-1].kind is _ARTICLE:
                art = stack[-1]
                art.paragraphs += 1
                node = _B(_PARAGRAPH, text + "\n", str(art.paragraphs), None, None, text,
                          line.start, line.end)
                art.children.append(node)
                stack.append(node)
            else:
                self._add(_leaf(_TEXT, line, text))
            return i + 1
        if k is _T_TOC:
            return self._toc(i)
        if (k in _TOKEN_KIND or k is _T_PREAMBLE) and not self.seen_article:
            end = toc_run(self.tokens, i, _HEADABLE)
            if end:  # headings with no body, then the same again: an unlabelled 目录
                self.repairs["toc_unlabelled"] += 1
                self.stack.clear()
                self.top.append(_block(Kind.TOC, [t.line for t in self.tokens[i:end]]))
                return end
        if k in _TOKEN_KIND or k is _T_HEADING:
            # An unnumbered heading (附则) takes the level its Markdown mark gives.
            kind = _TOKEN_KIND.get(k) or self.md_kinds.get(line.md_level, _CHAPTER)
            if k is _T_HEADING and is_supplementary(tok) and kind in (Kind.PART, _CHAPTER):
                # 附则 closes the last 编: it is a chapter of the law itself.
                kind = _CHAPTER
                self._pop_to(LEVEL[Kind.PART])
            self._pop_to(LEVEL[kind])
            self._close_preamble()
            self._open(_heading(kind, tok))
        elif k is _T_ANNEX and not line.md_level and self._law_goes_on(i):
            # 附件：… inside an article, with the law's numbering going on after it: text.
            self.tokens[i] = Token(T.TEXT, line, rest=line.text)
            self.repairs["annex_line_in_body"] += 1
            return self._step(i)
        elif k is _T_PREAMBLE or k is _T_ANNEX:
            self.in_annex = k is _T_ANNEX  # after 附件, every line is annex text
            self.stack.clear()
            self._open(_heading(_PREAMBLE if k is _T_PREAMBLE else _ANNEX, tok))
        elif k is _T_ARTICLE:
            self.seen_article = True
            self._pop_to(LEVEL[_ARTICLE])
            self._close_preamble()
            art = _B(_ARTICLE, tok.head, tok.number, tok.label, None, "", line.start, line.end)
            self.last_article = art
            self._open(art)
            if tok.rest:
                self._paragraph(art, line, tok.rest)
            else:
                art.raw += "\n"
        elif k is _T_ITEM and self._article():
            self._pop_to(LEVEL[_ITEM])
            if self.stack[-1].kind is not _PARAGRAPH:
                self._paragraph(self.stack[-1], line, "", raw="")
            self._open(_B(_ITEM, line.text + "\n", tok.number, tok.label, None, tok.rest,
                          line.start, line.end))
        elif k is _T_SUBITEM and self._article():
            self._pop_to(LEVEL[_SUBITEM])
            if self.stack[-1].kind is _ARTICLE:
                self._paragraph(self.stack[-1], line, "", raw="")
            self._open(_B(_SUBITEM, line.text + "\n", tok.number, tok.label, None, tok.rest,
                          line.start, line.end))
        elif k is _T_NOTE:
            self._add(_leaf(_NOTE, line, line.text, label=tok.label))
        else:  # an item or 目 outside any article: ordinary text
            self._add(_leaf(_TEXT, line, line.text))
        return i + 1

    def _law_goes_on(self, i: int) -> bool:
        """Does the next article after token i carry the next number of the law?"""
        last = self.last_article
        if last is None or last.number is None:
            return False
        for tok in self.tokens[i + 1:]:
            if tok.kind is _T_ANNEX:
                return False
            if tok.kind is _T_ARTICLE and tok.number:
                a, b = split_key(last.number), split_key(tok.number)
                return b == (a[0] + 1, 0) or b == (a[0], a[1] + 1)
        return False

    def _close_preamble(self) -> None:
        if self.stack and self.stack[0].kind is _PREAMBLE:
            self.stack.clear()

    def _paragraph(self, art: _B, line: Line, text: str, raw: str | None = None) -> None:
        """Open the next 款 of `art`, which is the innermost open node at every call
        (so there is nothing to close first)."""
        art.paragraphs += 1
        node = _B(_PARAGRAPH, text + "\n" if raw is None else raw, str(art.paragraphs), None, None,
                  text, line.start, line.end)
        art.children.append(node)
        self.stack.append(node)


def _plausible_articles(keys: list[str | None]) -> bool:
    """Loose headings are believed only if they number a law: from 第一条, mostly in steps
    of one.  An amendment act's 第八条增加一款 … starts anywhere and jumps about."""
    nums = [split_key(k) for k in keys if k]
    if not nums or nums[0] != (1, 0):
        return False
    steps = sum(1 for a, b in zip(nums, nums[1:])
                if b == (a[0] + 1, 0) or (b[0] == a[0] and b[1] == a[1] + 1))
    return steps >= 0.6 * (len(nums) - 1)


def build(lines: list[Line], *, source: str | None = None, label_lines: int = 0,
          info_lines: int | None = None, loose: bool = True, metadata: bool = True,
          annex: bool = False) -> Document:
    """Build one document from its logical lines.

    `label_lines` (an 附件N label) and `info_lines` (subtitle and speaker lines) come
    from the gazette splitter, which knows a document's head; None means: detect.
    `loose` allows headings without a separator (第一条为了…) when no heading has one;
    the splitter turns it off, since reports there start lines with 第十三条的规定….
    """
    tokens = tokenize(lines)
    if loose and not any(t.kind is _T_ARTICLE for t in tokens) and any(
            t.kind is _T_TEXT and t.line.text.startswith("第") for t in tokens):
        # No heading has a separator: maybe the text was pasted as 第一条为了… .
        relaxed = tokenize(lines, loose_articles=True)
        if _plausible_articles([t.number for t in relaxed if t.kind is _T_ARTICLE]):
            tokens = relaxed
    if annex and tokens and tokens[0].kind is T.ANNEX:
        # The annex's own line heads it: its title, or a label over a title line.
        label_lines = 0 if tokens[0].title else 1
    tokens, glued, repairs = recover(tokens)
    tokens = taiwan_items(tokens, repairs)
    articles: list[Node] = []
    builder = _Builder(tokens, label_lines, info_lines, glued)
    children = tuple([b.freeze(articles) for b in builder.run()])
    repairs.update(builder.repairs)
    title = next((c.text for c in children[:2] if c.kind is Kind.TITLE), "")
    kind, subkind = kinds(title)
    extra = {"subkind": subkind}
    if is_taiwan(tokens):
        extra["layout"] = "taiwan"  # addresses then name 項, 款, 目 (query/address.label_of)
    if repairs:
        extra["repairs"] = dict(repairs)
    doc = Document(title=title, children=children, kind=kind, source=source,
                   extra=extra,
                   start_line=lines[0].start if lines else 1,
                   end_line=lines[-1].end if lines else 1)
    # Document.articles (a cached property), from the articles met while freezing: no
    # second walk of the tree.  The same nodes in the same order, since articles never
    # nest and each is frozen after its children, before anything that follows it.
    doc.__dict__["articles"] = tuple(articles)
    diagnostics = unread_numbers(tokens) + check_numbering(doc)
    if repairs.get("title_line_part") and doc.articles:
        # One 编 of a split code numbers its articles on from the 编 before it.
        first = doc.articles[0].line
        diagnostics = [d for d in diagnostics if not (d.code in ("N104", "numbering-start") and d.line == first)]
    recovered = sum(repairs[name] for name in REPAIRS)
    if recovered:
        diagnostics.insert(0, Diagnostic("F603", f"修复了{recovered}处残缺的条文标记"
                                         f"（{_spelt(repairs)}），条文按编号顺序找回", None, "info"))
    # The gazette splitter reads a document's facts itself (metadata=False).
    return read_metadata(doc, diagnostics) if metadata else doc.evolve(warnings=tuple(diagnostics))


_REPAIR_WORDS = {"article_marker_di_variant": "笫作第", "article_marker_inner_space": "标记中有空格",
                 "article_marker_unseparated": "标记后无空格", "article_marker_run_on": "多条连排在一行"}


def _spelt(repairs: Counter) -> str:
    return "，".join(f"{_REPAIR_WORDS[n]}{repairs[n]}处" for n in REPAIRS if repairs[n])


def build_parts(lines: list[Line], *, source: str | None = None) -> list[Document]:
    """One document, or the law and the annexes that are documents of their own
    (layouts.nested_annexes), each numbered from 第一条."""
    cuts = nested_annexes(lines) if lines else []
    if not cuts:
        return [build(lines, source=source)]
    bounds = [0, *cuts, len(lines)]
    docs = [build(lines[:cuts[0]], source=source)]
    for n, (a, b) in enumerate(zip(bounds[1:], bounds[2:]), 2):
        doc = build(lines[a:b], source=source, annex=True)
        docs.append(doc.evolve(index=n, parent=1, extra={**doc.extra, "label": lines[a].text}))
    return docs


def parse(text: str, *, source: str | None = None) -> Document:
    """Parse a text holding one legal document.  Pure: never prints, never raises on content."""
    return build(normalize(text).lines, source=source)
