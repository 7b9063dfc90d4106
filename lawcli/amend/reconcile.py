"""Reconciling a result with the officially re-published text, and explaining a
修改对照表 with the act's log.

`check_result` compares article by article and says which differences lie where the
act changed the text (explained) and which the act does not make; `explainer` turns
the log into the 说明 column of `lawcli diff OLD NEW --act ACT`.  Both read only a
`Result`, so they stand apart from the applier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..parsing.model import Document
from ..text.textfold import fold
from .marks import CLOSE, OPEN, plain
from .model import HEADING_KINDS
from .result import LogEntry, Result


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
    #: what the difference is when it is a defect of a file, not a change (see `_defect`)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.key, "label": self.label,
                "explained": self.explained, "instructions": list(self.instructions),
                "punctuation_only": self.punctuation_only, "note": self.note,
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
    #: the act's words announcing changes it does not list, when it has them: the
    #: differences it does not explain may be those
    announced: str | None = None

    @property
    def identical(self) -> bool:
        return not self.rows

    def to_dict(self) -> dict[str, Any]:
        return {"identical": self.identical, "articles": self.articles,
                "official_articles": self.official_articles,
                "differences": len(self.rows),
                "unexplained": sum(1 for r in self.rows if not r.explained),
                "misnumbered": [{"result": a, "official": b} for a, b in self.misnumbered],
                "announced": self.announced,
                "rows": [r.to_dict() for r in self.rows]}


#: Invisible characters some re-published files carry (a zero-width space after an
#: article): compared as white space, since no reader of the text can see them.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _blank(c: str) -> bool:
    return c.isspace() or c in _INVISIBLE


def _flat(s: str) -> str:
    from ..text.textfold import fold_space

    return fold_space("".join(c for c in s if c not in _INVISIBLE))


_PUNCT_ALL = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff,.;:!?()\[\]“”\"'、，。；：！？（）《》«»]")


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

    ia = [i for i, c in enumerate(a) if not _blank(c)]
    ib = [i for i, c in enumerate(b) if not _blank(c)]
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
        if gt is not None and wt is not None and _flat(gt) == _flat(wt):
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
        rows.append(CheckRow(kind, key, label, gt, wt, pun, items, frags, explained,
                             _defect(gt, wt, official) if gt and wt else None))
    rows.extend(_heading_rows(result, doc, official))
    return Check(len(doc.articles), len(official.articles), tuple(rows), _misnumbered(doc, official, rows),
                 result.announced if any(not r.explained for r in rows) else None)


def _defect(got: str, want: str, official: Document) -> str | None:
    """A last paragraph of the result's article that is, word for word, the title of one of
    the official text's headings: OLD printed that heading as a bare line (no 第X章), so
    it was read as a paragraph of the article before it — a defect of OLD, not a change."""
    from ..text.textfold import fold_space

    extra = [p for p in got.split("\n")[len(want.split("\n")):] if p.strip()]
    if not extra or _flat("\n".join(got.split("\n")[:len(want.split("\n"))])) != _flat(want):
        return None
    titles = {fold_space(n.title or "") for n in official.walk() if n.kind in HEADING_KINDS}
    if all(fold_space(p) in titles for p in extra):
        return "OLD prints the heading “" + "”、“".join(p.strip() for p in extra) + \
            "” as a bare line, read into this article: a defect of OLD"
    return None


def _heading_rows(result: Result, doc: Document, official: Document) -> list[CheckRow]:
    """Headings: their sequence, by label and title; each difference is explained when
    an instruction changed headings."""
    from ..text.textfold import fold_space

    def heads(d: Document) -> list[tuple[str, str]]:
        return [(n.label or "", fold_space(n.title or "")) for n in d.walk()
                if n.kind in HEADING_KINDS]

    rows = []
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
    return rows


def _misnumbered(doc: Document, official: Document, rows: list[CheckRow]) -> tuple[tuple[str, str], ...]:
    """Articles the two texts share under different numbers (the diff engine aligns them)."""
    if not any(r.kind != "heading" for r in rows):
        return ()
    try:
        from ..compare.diff import diff_documents
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
