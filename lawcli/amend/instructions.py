"""What an amendment act says, as records: the targets, operations and instructions
read from it, grouped by the law each part amends.

These records are what the reading steps produce and the applier consumes; they
stand apart so that neither side imports the other's machinery.  `law_key` lives
here because `Act.select` and the CLI both compare laws' names with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.textfold import fold_space


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
        from ..text.grammar import article_label, label
        from ..text.numerals import to_chinese

        if self.scope == "all":
            return "全文"
        if self.scope == "intro":
            return "引言"
        bits = []
        for level in ("part", "chapter", "section"):
            if getattr(self, level):
                bits.append(label(level, getattr(self, level)))
        if self.article:
            bits.append(article_label(self.article))
        if self.paragraph:
            bits.append(label("paragraph", self.paragraph))
        if self.sentence:
            bits.append(f"第{to_chinese(self.sentence)}自然段")
        if self.clause:
            bits.append(f"第{to_chinese(self.clause)}句")
        if self.item:
            bits.append(label("item", self.item))
        if self.subitem:  # (an act spells a 目 in Chinese, unlike its label 1.)
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
    #: why the act's text cannot be trusted for this operation (op "refused")
    reason: str = ""
    #: a heading the act's text puts before the article(s) (第五章　法律责任 in 内容如下：“…”)
    heading: str = ""


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
    #: this law's own section orders renumbering (an item 条文顺序作相应调整 in it)
    renumber: bool = False


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
        if name:
            # A short name a person types keeps the full name's characters in order
            # (公司法规定（五） for 最高人民法院关于适用《公司法》若干问题的规定（五）).
            for w in want:
                short = [p for p in self.parts if p.law and _in_order(w, law_key(p.law))]
                if len(short) == 1:
                    return short[0]
        if len(self.parts) == 1 and self.parts[0].law is None:
            return self.parts[0]
        return None


def law_key(title: str) -> str:
    """Comparable form of a law's name: no 中华人民共和国, no spacing, no title marks
    (an act writes a title inside a title with 〈〉: 《关于适用〈公司法〉的规定》), widths folded."""
    s = fold_space(title)
    s = re.sub(r"\(\d{4}.*?\)$", "", s)
    s = re.sub(r"[«»《》〈〉‹›<>]", "", s)
    s = s.replace("中华人民共和国", "")
    return s.translate(_WIDTH)


_WIDTH = str.maketrans("()", "（）")


def _in_order(short: str, full: str) -> bool:
    """Every character of `short` occurs in `full`, in the same order."""
    it = iter(full)
    return all(c in it for c in short)
