"""Inside one article: a readable character-level diff and the 款/项/目 that changed.

Apart from the alignment because it looks at one pair of texts at a time, once the
articles are paired: the rows of a diff (and of its parts outside the articles) call
it on whatever pairs they hold.  The comparison form it works on is `texts`'.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Indel

from ..parsing.model import Kind, Node
from ..text.numerals import NUMERAL_CHARS, to_chinese
from ..text.textfold import fold_space
from .result import Change, Op
from .texts import Norm, similarity

#: Inside a matched article, a 款 or 项 this similar to one in the same place was modified
#: (below: one deleted, another added).
UNIT_MIN = 0.35


_NUMERAL = set(NUMERAL_CHARS) | set("0123456789.%")
_WORD = set("abcdefghijklmnopqrstuvwxyz0123456789_-")


#: A number (一百二十, 2021, 3.5%), a Latin word, or any one character.
_TOKEN = re.compile("[" + "".join(map(re.escape, sorted(_NUMERAL))) + "]+|[a-z0-9_\\-]+|.", re.S)


def _tokens(text: str) -> list[str]:
    """Characters, but numbers (一百二十, 2021) and Latin words kept whole."""
    return _TOKEN.findall(text)


def inner_diff(old: Norm, new: Norm) -> list[Op]:
    """Character-level diff (whole numbers and words kept together), made readable.

    Tiny equalities stranded between changes (a shared 的 or ，) are folded into the
    change, as diff-match-patch's semantic clean-up does, so a rewritten clause reads as
    one deletion and one insertion instead of confetti.
    """
    ta, tb = _tokens(old.norm), _tokens(new.norm)
    oa = _offsets(ta)
    ob = _offsets(tb)
    blocks: list[list[Any]] = []  # [tag, a1, a2, b1, b2] in normalised characters
    for op in Indel.opcodes(ta, tb):
        a1, a2, b1, b2 = oa[op.src_start], oa[op.src_end], ob[op.dest_start], ob[op.dest_end]
        tag = "equal" if op.tag == "equal" else "change"
        if blocks and blocks[-1][0] == tag == "change":
            blocks[-1][2], blocks[-1][4] = a2, b2
        else:
            blocks.append([tag, a1, a2, b1, b2])
    blocks = _cleanup(blocks)
    out: list[Op] = []
    for tag, a1, a2, b1, b2 in blocks:
        os_ = old.display[old.back[a1]:old.back[a2]] if a2 > a1 else ""
        ns_ = new.display[new.back[b1]:new.back[b2]] if b2 > b1 else ""
        if tag == "equal":
            out.append(Op("equal", os_, ns_))
        elif a2 > a1 and b2 > b1:
            out.append(Op("replace", os_, ns_))
        elif a2 > a1:
            out.append(Op("delete", os_, ""))
        elif b2 > b1:
            out.append(Op("insert", "", ns_))
    # Leading text before the first normalised character (spaces) belongs to the first op.
    return out


def _offsets(tokens: list[str]) -> list[int]:
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def _cleanup(blocks: list[list[Any]]) -> list[list[Any]]:
    changed = True
    while changed:
        changed = False
        for k in range(1, len(blocks) - 1):
            tag, a1, a2, b1, b2 = blocks[k]
            if tag != "equal" or blocks[k - 1][0] != "change" or blocks[k + 1][0] != "change":
                continue
            size = a2 - a1
            before = max(blocks[k - 1][2] - blocks[k - 1][1], blocks[k - 1][4] - blocks[k - 1][3])
            after = max(blocks[k + 1][2] - blocks[k + 1][1], blocks[k + 1][4] - blocks[k + 1][3])
            if size <= before and size <= after and size <= 4:
                prev, nxt = blocks[k - 1], blocks[k + 1]
                blocks[k - 1:k + 2] = [["change", prev[1], nxt[2], prev[3], nxt[4]]]
                changed = True
                break
    return blocks


@dataclass(frozen=True)
class _Unit:
    unit: str  # 款, 项, 目
    para: int  # 1-based 款 number
    item: str | None  # item number or label
    sub: str | None
    key: str  # normalised own text, without label


def _units(node: Node | None) -> list[_Unit]:
    if node is None:
        return []
    out: list[_Unit] = []
    para = 0

    def items(n: Node, p: int) -> None:
        for c in n.children:
            if c.kind is Kind.ITEM:
                out.append(_Unit("项", p, c.number or c.label, None, fold_space(c.text)))
                for s in c.children:
                    if s.kind is Kind.SUBITEM:
                        out.append(_Unit("目", p, c.number or c.label, s.number or s.label,
                                         fold_space(s.text)))

    for c in node.children:
        if c.kind is Kind.PARAGRAPH:
            para += 1
            out.append(_Unit("款", para, None, None, fold_space(c.text)))
            items(c, para)
        elif c.kind is Kind.ITEM:  # an item straight under an article
            para = max(para, 1)
            items(Node(Kind.PARAGRAPH, children=(c,)), para)
    return out


def _num(n: str | None) -> str:
    if n is None:
        return ""
    return to_chinese(int(n)) if n.isdigit() else n


def _addr(u: _Unit, single_para: bool) -> str:
    para = "" if single_para else f"第{to_chinese(u.para)}款"
    if u.unit == "款":
        return f"第{to_chinese(u.para)}款"
    item = f"第（{_num(u.item)}）项"
    if u.unit == "项":
        return para + item
    return para + item + f"第{_num(u.sub)}目"


def unit_changes(old: Node | None, new: Node | None) -> list[Change]:
    """Which 款/项/目 of an article changed, in the words of a 修改对照表."""
    ua, ub = _units(old), _units(new)
    single = (len({u.para for u in ua}) <= 1) and (len({u.para for u in ub}) <= 1)
    keys_a = [(u.unit, u.key) for u in ua]
    keys_b = [(u.unit, u.key) for u in ub]
    sm = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out: list[Change] = []
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag == "equal":
            continue
        pairs: list[tuple[int | None, int | None]] = []
        used: set[int] = set()
        last = b1 - 1
        for a in range(a1, a2):
            best, best_s = None, UNIT_MIN
            for b in range(max(b1, last + 1), b2):
                if b in used or ub[b].unit != ua[a].unit:
                    continue
                s = similarity(ua[a].key, ub[b].key)
                if s > best_s:
                    best, best_s = b, s
            if best is None:
                pairs.append((a, None))
            else:
                used.add(best)
                last = best
                pairs.append((a, best))
        for b in range(b1, b2):
            if b not in used:
                pairs.append((None, b))
        keys = [(b if b is not None else _before(pairs, a), a if a is not None else -1)
                for a, b in pairs]
        for _, (a, b) in sorted(zip(keys, pairs)):
            out.append(_describe(ua[a] if a is not None else None,
                                 ub[b] if b is not None else None, single))
    return out


def _before(pairs: list[tuple[int | None, int | None]], a: int | None) -> float:
    """Sort key of a deleted unit: just after the new place of the unit before it."""
    prior = [b for x, b in pairs if b is not None and x is not None and a is not None and x < a]
    return (max(prior) if prior else -1) + 0.5


def _describe(a: _Unit | None, b: _Unit | None, single: bool) -> Change:
    u = (b or a).unit  # type: ignore[union-attr]
    if a is None:
        assert b is not None
        where = _addr(b, single)
        if u == "款":
            desc = f"增加一款作为{where}"
        else:
            head = "" if single else f"第{to_chinese(b.para)}款"
            tail = where[len(head):]
            desc = f"{head}增加一{u}作为{tail}"
        return Change(u, "added", None, where, desc)
    if b is None:
        where = _addr(a, single)
        return Change(u, "deleted", where, None, f"删除{where}")
    wa, wb = _addr(a, single), _addr(b, single)
    if a.key == b.key:
        return Change(u, "moved", wa, wb, f"{wa}调整为{wb}")
    if single and u == "款":
        return Change(u, "modified", wa, wb, "条文修改")
    desc = f"{wb}修改" if wa == wb else f"原{wa}修改后作为{wb}"
    return Change(u, "modified", wa, wb, desc)


__all__ = ["inner_diff", "unit_changes"]
