"""`lawcli check`: a linter for drafts.

A draft must not go out with a gap in its numbering, a reference to an article that
no longer exists, an unclosed 《 or a list whose items end in the wrong mark.  Each
rule here is tuned so that official texts pass clean of errors: the national laws in
the shared corpus are the test, and every error on bulk/ is a reviewed defect of its
copy (tests/test_check_corpus.py).  Style notes that official texts do sometimes carry
(mixed half-width marks, a list item ending in 。 where ；belongs, no effective-date
clause) are info.  Codes, severities and messages: lawcli/rules.py, docs/check.md.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from ..parsing.model import Document, Kind, Node
from ..rules import matches, message, rule, severity
from ..text.numerals import to_chinese
from ..text.textfold import fold
from .extract import Reference, extract, is_amendment
from .present import dangling_message
from .resolve import node_address

_NUMBERING = {"N101", "N102", "N103", "N104"}


@dataclass(frozen=True)
class Finding:
    code: str  # the rule's stable code (lawcli/rules.py): N101, R201 …
    severity: str  # error | warning | info
    address: str  # 第二十三条第一款第（四）项, or the heading / document it concerns
    message: str  # one line, in Chinese
    line: int | None = None
    document: int = 1  # index of the document in its file
    title: str = ""
    #: For a citation resolved against the library: the cited document's path and address.
    target: dict[str, Any] | None = None

    @property
    def rule(self) -> str:
        """The rule's spelled-out name (numbering-gap), as `--ignore` accepted it first."""
        r = rule(self.code)
        return r.name if r is not None else self.code

    def to_dict(self) -> dict[str, Any]:
        out = {"code": self.code, "rule": self.rule, "severity": self.severity, "address": self.address,
               "message": self.message, "line": self.line,
               "document": {"index": self.document, "title": self.title}}
        if self.target is not None:
            out["target"] = self.target
        return out


class Checker:
    """Runs every rule over one document; each rule is a generator of findings."""

    def __init__(self, doc: Document, refs: list[Reference] | None = None):
        self.doc = doc
        self.refs = extract(doc) if refs is None else refs
        self.amendment = is_amendment(doc)

    def run(self, ignore: Iterable[str] = (), select: Iterable[str] = ()) -> list[Finding]:
        skip, only = list(ignore), list(select)
        out: list[Finding] = []
        rules = [self.numbering, self.references, self.brackets, self.empty_articles,
                 self.effective_date, self.punctuation, self.item_lists]
        if self.amendment:
            # Its 第X条 and （一） are quoted pieces of the amended law, not a structure of its own.
            rules = [self.brackets, self.effective_date, self.punctuation]
        for run_rule in rules:
            out.extend(f for f in run_rule() if not matches(f.code, skip)
                       and (not only or matches(f.code, only)))
        out.sort(key=lambda f: (f.line or 0, f.code))
        return out

    def _finding(self, code: str, node: Node | None, message: str, line: int | None = None) -> Finding:
        addr = (node_address(self.doc, node) if node is not None else "") or (self.doc.title or "")
        return Finding(code, severity(code), addr, message,
                       line if line is not None else (node.line if node is not None else None),
                       self.doc.index, self.doc.title)

    # -- numbering ------------------------------------------------------------------
    def numbering(self) -> Iterator[Finding]:
        """The parser's numbering diagnostics (lawcli/diagnostics.py), as findings."""
        by_line: dict[int, Node] = {}
        for n in self.doc.walk():
            if n.number is not None and n.kind not in (Kind.PARAGRAPH,):
                by_line.setdefault(n.line, n)
        for d in self.doc.warnings:
            if d.code in _NUMBERING:
                # diagnostics.py writes 第2款; statutes write 第二款.
                msg = re.sub(r"第(\d+)款", lambda m: f"第{to_chinese(int(m.group(1)))}款", d.message)
                yield self._finding(d.code, by_line.get(d.line or -1), msg, d.line)

    # -- references -----------------------------------------------------------------
    def references(self) -> Iterator[Finding]:
        for r in self.refs:
            if r.external:
                continue
            missing = [t for t in r.targets if t.node is None]
            if missing:
                yield self._finding("R201", r.source, dangling_message(r, missing))
            deleted = [t for t in r.targets if t.node is not None and _DELETED.fullmatch(t.node.full_text.strip())]
            if deleted:
                yield self._finding("R202", r.source, message(
                    "R202", text=r.text, targets="、".join(t.address for t in deleted)))
            own = [t for t in r.targets if t.node is not None and self._article_of(t.node) is r.article]
            if not r.relative and r.article is not None and own:
                whole = any(t.node is r.article for t in own)
                better = "本条" + ("" if whole else own[0].address.removeprefix(r.article.label or ""))
                yield self._finding("R203", r.source, message(
                    "R203", text=r.text, what="本条自身" if whole else "本条的一部分", better=better))
            elif r.relative and r.text != "本款" and re.search(r"第[^第]*款$", r.text) and any(
                    t.node is not None and t.node.kind is Kind.PARAGRAPH
                    and (t.node is r.source or t.node in self.doc.ancestors(r.source)) for t in r.targets):
                yield self._finding("R203", r.source,
                                    message("R203", text=r.text, what="本款自身", better="本款"))

    def _article_of(self, node: Node) -> Node | None:
        if node.kind is Kind.ARTICLE:
            return node
        return next((a for a in self.doc.ancestors(node) if a.kind is Kind.ARTICLE), None)

    # -- brackets -------------------------------------------------------------------
    def brackets(self) -> Iterator[Finding]:
        if self.amendment or not self.doc.articles:
            # Instructions and decisions: one stream (a hard-wrapped line may split a bracket).
            nodes = [n for n in self.doc.walk()
                     if n.text and n.kind in (Kind.TEXT, Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM)]
            yield from self._balance(nodes, per_paragraph=False)
            return
        for unit in _units(self.doc):
            yield from self._balance(unit)

    def _balance(self, nodes: list[Node], per_paragraph: bool = True) -> Iterator[Finding]:
        stack: list[tuple[str, Node]] = []
        for node in nodes:
            text = _body(node)
            for i, c in enumerate(text):
                if c in _OPEN:
                    if c in _QUOTES and i == 0 and any(o == c for o, _ in stack):
                        continue  # a quoted passage running on: each 款 reopens with “
                    stack.append((c, node))
                elif c in _CLOSE:
                    want = _CLOSE[c]
                    if stack and _same(stack[-1][0], want):
                        stack.pop()
                        continue
                    if any(_same(o, want) for o, _ in stack):
                        while not _same(stack[-1][0], want):
                            o, n = stack.pop()
                            yield self._unclosed(o, n)
                        stack.pop()
                        continue
                    yield self._finding("S301", node,
                                        message("S301", "before", mark=_mark(c), pair=_mark(want)))
            # Brackets and title marks never run past the end of a 款 or 项; quotes may.
            # A 款 that stops mid-sentence (市、县（市、| 区）人民政府) is one 款 broken by
            # a hard wrap of the copy: its brackets run on into the next.
            if not per_paragraph or _BROKEN.search(text.rstrip()):
                continue
            keep = []
            for o, n in stack:
                if o in _QUOTES:
                    keep.append((o, n))
                else:
                    yield self._unclosed(o, n)
            stack = keep
        for o, n in stack:
            yield self._unclosed(o, n)

    def _unclosed(self, opener: str, node: Node) -> Finding:
        return self._finding("S301", node, message("S301", mark=_mark(opener), pair=_mark(_OPEN[opener])))

    # -- articles -------------------------------------------------------------------
    def empty_articles(self) -> Iterator[Finding]:
        for art in self.doc.articles:
            if not any(n.text.strip() or (n.kind is Kind.ITEM and n.label) for n in art.walk() if n is not art):
                yield self._finding("S302", art, message("S302", label=art.label))

    def effective_date(self) -> Iterator[Finding]:
        """D401, info: a law or regulation that never says when it takes effect."""
        from .effective import has_clause, needs_clause

        if not needs_clause(self.doc) or has_clause(self.doc):
            return
        last = self.doc.articles[-1]
        yield self._finding("D401", last, message("D401", name=self.doc.kind))

    # -- punctuation ----------------------------------------------------------------
    def punctuation(self) -> Iterator[Finding]:
        """Half-width , . ; : ( ) ? ! next to Chinese text, in a body that uses full width (or back).

        Item labels are counted apart: a copy that writes every item (一) with half-width
        brackets has one style of labels, reported once, not once an item."""
        per_node: list[tuple[Node, str, Counter, Counter]] = []
        full_total, half_total = 0, 0
        labels: list[Node] = []  # items whose label is in half-width brackets
        for unit in _units(self.doc):
            for node in unit:
                text = node.text
                if node.kind in (Kind.ITEM, Kind.SUBITEM) and node.label:
                    if node.label.startswith("("):
                        labels.append(node)
                    else:
                        text = node.label + text
                full, half = _widths(text)
                full_total += sum(full.values())
                half_total += sum(half.values())
                per_node.append((node, text, full, half))
        if not full_total or not half_total and not labels:
            return
        minority_half = half_total <= full_total
        if labels and minority_half:
            yield self._finding("P501", labels[0], message("P501", "labels", label=labels[0].label,
                                                           count=len(labels)))
        if not half_total:
            return
        for node, text, full, half in per_node:
            odd = half if minority_half else full
            if odd:
                marks = "".join(sorted(odd))
                main = "全角" if minority_half else "半角"
                other = "半角" if minority_half else "全角"
                i = min(text.find(c) for c in odd if c in text)
                snippet = text[max(0, i - 8):i + 6]
                yield self._finding("P501", node, message("P501", other=other, marks=marks,
                                                          snippet=snippet, main=main))

    # -- item lists -----------------------------------------------------------------
    def item_lists(self) -> Iterator[Finding]:
        for art in self.doc.articles:
            paras = [p for p in art.children if p.kind is Kind.PARAGRAPH]
            for i, para in enumerate(paras):
                items = [c for c in para.children if c.kind is Kind.ITEM]
                follows = i + 1 < len(paras)
                yield from self._list(items, follows)
                for item in items:
                    subs = [c for c in item.children if c.kind is Kind.SUBITEM]
                    yield from self._list(subs, True)

    def _list(self, items: list[Node], continued: bool) -> Iterator[Finding]:
        """One enumeration.  Official texts use three styles, all accepted:

        - enumeration: every item ends with ；, the last with 。;
        - sentences: every item ends with 。 (definitions, procedures, penalties);
        - running on: items end with 、 or ，, the sentence continuing after the list.
        An item that has sub-items may end with ：.  What is flagged: an item with no
        closing mark, one item out of step with the marks of the others, and a last
        item of an enumeration that does not close the sentence.
        """
        if len(items) < 2:
            return
        marks: list[str | None] = []
        for it in items:
            mark = _end_mark(_own_end(it))
            if mark == "：" and any(c.kind is Kind.SUBITEM for c in it.children):
                mark = "sub"  # introduces sub-items; its list is checked on its own
            marks.append(mark)
        unit = "项" if items[0].kind is Kind.ITEM else "目"
        for it, m in zip(items, marks):
            if m == "none":
                yield self._finding("P502", it, message("P502", "none", label=_label(it, unit)))
        mids = [m for m in marks[:-1] if m in _LIST_MARKS]
        if not mids:
            return
        counts = Counter(mids)
        top = max(counts.values())
        dominant = "；" if counts.get("；") == top else counts.most_common(1)[0][0]
        for it, m in zip(items[:-1], marks[:-1]):
            if m in _LIST_MARKS and m != dominant:
                yield self._finding("P502", it, message("P502", label=_label(it, unit), mark=m,
                                                        dominant=dominant))
        last, lm = items[-1], marks[-1]
        if dominant in ("；", "。") and lm in _LIST_MARKS and lm != "。":
            # 目 inside a 项 that is not the last one end with ； like their 项.
            if not (continued and lm == "，") and not (unit == "目" and lm == "；"):
                yield self._finding("P502", last, message("P502", "last", label=_label(last, unit), mark=lm))


# -- helpers --------------------------------------------------------------------------

_OPEN = {"《": "》", "«": "»", "“": "”", "‘": "’", "（": "）", "(": ")", "〈": "〉", "‹": "›",
         "「": "」", "『": "』", "【": "】"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_CLOSE.update({"）": "（", ")": "（", "》": "《", "»": "《"})
_QUOTES = {"“", "‘", "「", "『"}
_SAME = {"(": "（", "«": "《", "‹": "〈"}


#: The end of a 款 that stops inside a sentence: a character, a 、 or an open bracket.
_BROKEN = re.compile(r"[\u3400-\u9fff、（(《“]$")


def _same(a: str, b: str) -> bool:
    return _SAME.get(a, a) == _SAME.get(b, b)


_QUOTE_NAMES = {"“": "左双引号", "”": "右双引号", "‘": "左单引号", "’": "右单引号"}


def _mark(c: str) -> str:
    """How a message names a mark: quotes by name (“”” reads badly), others quoted."""
    return _QUOTE_NAMES.get(c) or f"“{c}”"


def _body(node: Node) -> str:
    """The characters a node contributes to the body: its item label and its text."""
    if node.kind in (Kind.ITEM, Kind.SUBITEM) and node.label:
        return node.label + node.text
    return node.text


def _units(doc: Document) -> Iterator[list[Node]]:
    """Runs of body nodes checked together: each article, or a document's text paragraphs."""
    if doc.articles:
        for art in doc.articles:
            yield [n for n in art.walk() if n.kind in (Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM)]
        return
    yield [n for n in doc.walk() if n.kind is Kind.TEXT and n.text]


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff“”‘’《》、]")
_FULL = "，。；：？！（）"
_HALF = ",.;:?!()"


def _widths(text: str) -> tuple[Counter, Counter]:
    full, half = Counter(), Counter()
    n = len(text)
    for i, c in enumerate(text):
        if c in _FULL:
            full[c] += 1
        elif c in _HALF:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if c in ".,:" and (prev.isdigit() or prev.isascii() and prev.isalpha()) and \
                    (nxt.isdigit() or not nxt):
                continue  # 1.5, 3,000, 10:30
            if c in "()" and not (_CJK.match(prev or " ") or _CJK.match(nxt or " ")):
                continue
            if _CJK.match(prev or " ") or _CJK.match(nxt or " ") or (c in ".;:," and not nxt):
                half[c] += 1
    return full, half


_LIST_MARKS = {"；", "。", "，", "、", "："}
_TRAIL = "”’」』 \u3000"


def _own_end(item: Node) -> str:
    """Where an item's sentence ends: its last sub-item's text if it has some, else its own."""
    subs = [c for c in item.children if c.kind is Kind.SUBITEM]
    if subs and not item.text.rstrip().endswith((":", "：")):
        return _own_end(subs[-1])
    return item.text


def _end_mark(text: str) -> str | None:
    """The closing mark of an item: ；。，、： (folded), 'none' when it has none, None if unclear."""
    t = text.rstrip(_TRAIL)
    if not t:
        return None
    c = fold(t[-1])
    mapped = {";": "；", ".": "。", ",": "，", "、": "、", ":": "："}.get(c)
    if mapped:
        return mapped
    if c in ")]}»›" or c in "!?":
        return None  # （删除）, a title, an exclamation: not a list mark question
    return "none"


def _label(node: Node, unit: str) -> str:
    if node.number and node.number.isdigit():
        n = int(node.number)
        return f"第（{to_chinese(n)}）{unit}" if unit == "项" else f"第{n}{unit}"
    return node.label or ""


#: What is left of an article or item that an amendment took out: （删去）, [已删除] ….
_DELETED = re.compile(r"[（(\[【]?(?:删去|删除|已删除|已删去|废止|已废止)[）)\]】]?[。.]?")
def check(doc: Document, ignore: Iterable[str] = (), select: Iterable[str] = ()) -> list[Finding]:
    """All findings for one document, in line order; `ignore` and `select` take codes
    (N101), prefixes (N, R2), rule names (numbering-gap) or severities (info)."""
    return Checker(doc).run(ignore, select)
