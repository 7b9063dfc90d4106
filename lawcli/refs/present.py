"""What people and programs are shown of resolved references: the citation-style
summary, the JSON shape, backlinks, and dangling references as messages.

Apart from extraction and resolution because it only reads their results: how a
target list is written back as 第二十三条第（一）至（三）项, or how a dangling
reference is explained in one sentence, never changes what was found.
"""

from __future__ import annotations

import re

from ..parsing.model import Diagnostic, Document, Kind, Node
from ..rules import message
from ..text.grammar import article_label
from ..text.numerals import split_key
from .extract import Reference, extract
from .patterns import GENERIC_ACTS
from .resolve import Target, cn, node_address

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any


# -- summaries and the JSON shape --------------------------------------------------------

def source_keys(doc: Document, node: Node) -> dict[str, Any]:
    """article / paragraph / item / subitem keys of a citing node (None where not inside one)."""
    ctx = {n.kind: n for n in doc.ancestors(node) + [node]}
    art = ctx.get(Kind.ARTICLE)

    def num(kind: Kind) -> int | None:
        n = ctx.get(kind)
        return int(n.number) if n is not None and n.number and n.number.isdigit() else None

    return {"article": art.number if art is not None else None, "paragraph": num(Kind.PARAGRAPH),
            "item": num(Kind.ITEM), "subitem": num(Kind.SUBITEM)}


def to_dict(doc: Document, ref: Reference) -> dict[str, Any]:
    """The JSON shape of one reference (docs/refs.md)."""
    src = source_keys(doc, ref.source)
    src_addr = node_address(doc, ref.source)
    return {
        "source": {"address": src_addr, **src, "line": ref.source.line},
        "text": ref.text,
        "start": ref.start,
        "end": ref.end,
        "external": ref.external,
        "act": ref.act,
        "relative": ref.relative,
        "targets": [t.to_dict() for t in ref.targets],
        "summary": summarize(ref, doc),
    }


def _cn_item(n: int) -> str:
    return f"（{cn(n)}）"


_TRAD = str.maketrans({"条": "條", "项": "項", "节": "節", "编": "編"})


def summarize(ref: Reference, doc: Document | None = None) -> str:
    """Targets in citation style: 第二十三条第（一）至（三）项; 第五十条、第六十九条.

    With `doc`, a document printed in Traditional characters gets 條/項/節 back.
    """
    text = _summarize(ref)
    if doc is not None and any("條" in (a.label or "") for a in doc.articles[:3]):
        return text.translate(_TRAD)
    return text


def _summarize(ref: Reference) -> str:
    if ref.external:
        # Other acts cannot be expanded (their articles are unknown): cite as written.
        act = ref.act or ""
        if act and not (act.startswith("有关") or act == "上位法" or act in GENERIC_ACTS):
            act = f"《{act}》"  # a title; 有关法律 and 上位法 are not
        if not ref.targets:
            return act or ref.text
        m = re.search(r"第", ref.text)
        rest = ref.text[m.start():] if m else ref.text
        return act + rest
    return _compact(ref.targets)


def _compact(targets: tuple[Target, ...], external: bool = False) -> str:
    if not targets:
        return ""
    groups: list[tuple[tuple, list[Target]]] = []
    for t in targets:
        if t.heading and t.article is None:
            groups.append((("h", t.heading), [t]))
            continue
        level = "subitem" if t.subitem is not None else "item" if t.item is not None else \
            "paragraph" if t.paragraph is not None else "article"
        parent = (level, t.article if level != "article" else None,
                  t.paragraph if level in ("item", "subitem") else None,
                  t.item if level == "subitem" else None)
        if groups and groups[-1][0] == parent:
            groups[-1][1].append(t)
        else:
            groups.append((parent, [t]))
    out = []
    for parent, ts in groups:
        if parent[0] == "h":
            out.append(ts[0].address or ts[0].heading or "")
            continue
        level = parent[0]
        head = ""
        if level != "article" and ts[0].article:
            head = _article_label(ts[0].article)
        if level in ("item", "subitem") and ts[0].paragraph is not None:
            head += f"第{cn(ts[0].paragraph)}款"
        if level == "subitem" and ts[0].item is not None:
            head += f"第{_cn_item(ts[0].item)}项"
        nums = [getattr(t, level) for t in ts]
        out.append(head + _run_text(level, nums))
    text = "、".join(out)
    missing = [t for t in targets if not external and t.node is None]
    if missing:
        text += "（不存在：" + "、".join(t.address for t in missing) + "）"
    return text


_article_label = article_label


def _run_text(level: str, nums: list[Any]) -> str:
    if level == "article":
        if len(nums) >= 3 and all(isinstance(k, str) for k in nums):
            return f"{_article_label(nums[0])}至{_article_label(nums[-1])}" if _consecutive_keys(nums) \
                else "、".join(_article_label(k) for k in nums)
        return "、".join(_article_label(k) for k in nums if k)
    ints = [n for n in nums if isinstance(n, int)]
    if level == "item":
        runs = _runs(ints)
        return "第" + "".join(f"{_cn_item(a)}至{_cn_item(b)}" if b - a >= 2 else
                              "".join(_cn_item(k) for k in range(a, b + 1)) for a, b in runs) + "项"
    unit = "款" if level == "paragraph" else "目"
    runs = _runs(ints)
    parts = [f"第{cn(a)}{unit}至第{cn(b)}{unit}" if b - a >= 2 else
             "、".join(f"第{cn(k)}{unit}" for k in range(a, b + 1)) for a, b in runs]
    return "、".join(parts)


def _runs(nums: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in nums:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _consecutive_keys(keys: list[str]) -> bool:
    """23, 24, 24-1, 25: each key follows the previous one directly (之N inserts included)."""
    ks = [split_key(k) for k in keys]
    return all(b in ((a[0] + 1, 0), (a[0], a[1] + 1)) for a, b in zip(ks, ks[1:]))


# -- backlinks ----------------------------------------------------------------------------

def backlinks(doc: Document, nodes: list[Node], refs: list[Reference] | None = None) -> list[Reference]:
    """References whose targets lie in (or contain, at article level) any of `nodes`."""
    refs = extract(doc) if refs is None else refs
    inside: set[int] = set()
    covering: set[int] = set()
    for n in nodes:
        inside.update(id(x) for x in n.walk())
        for anc in doc.ancestors(n):
            if anc.kind in (Kind.ARTICLE, Kind.PARAGRAPH, Kind.ITEM):
                covering.add(id(anc))
    out = []
    for r in refs:
        if r.external:
            continue
        if any(t.node is not None and (id(t.node) in inside or id(t.node) in covering) for t in r.targets):
            out.append(r)
    return out


# -- dangling references ------------------------------------------------------------------

def dangling_message(ref: Reference, missing: list[Target]) -> str:
    """Why an internal reference points at nothing, in one Chinese sentence (R201)."""
    t = missing[0]
    if t.paragraph is not None and t.paragraph <= 0:
        if ref.source.kind is Kind.PARAGRAPH and ref.source.number == "1":
            return message("R201", "first", text=ref.text, where="本条第一款", unit="款")
        return message("R201", "few", text=ref.text, unit="款")
    if t.item is not None and t.item <= 0:
        return message("R201", "before", text=ref.text, unit="项")
    return message("R201", text=ref.text, targets="、".join(x.address for x in missing))


def dangling_diagnostics(doc: Document) -> list[Diagnostic]:
    """Internal references to nothing, as parse diagnostics: a look-up reports them on
    stderr and in JSON like numbering gaps (`lawcli check` has the full linter)."""
    if not doc.articles:
        return []
    out = []
    for ref in extract(doc):
        missing = list(ref.dangling)
        if missing:
            where = node_address(doc, ref.source)
            out.append(Diagnostic("R201", f"{where}：{dangling_message(ref, missing)}",
                                  ref.source.line, "error"))
    return out
