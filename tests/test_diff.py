"""lawcli diff: article alignment, 款/项 changes, renderers, the command.

Three kinds of evidence:
* real version pairs of the corpus (every article of both sides in exactly one row,
  a summary that agrees with the rows, known facts of the 2022 反垄断法 revision);
* synthetic pairs with known truth: a real or sample law, reduced to chapters of
  articles with identities, edited (delete, insert, move, split, merge, modify a 款)
  and rendered again with fresh numbering — the identities say what each row must be;
* the renderers and the command on those pairs.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawcli import load_file, load_text
from lawcli.compare.diff import diff_documents
from lawcli.compare.inner import inner_diff, unit_changes
from lawcli.compare.render import describe, summary_lines, text_segments, to_html, to_markdown
from lawcli.compare.texts import normalise
from lawcli.parsing.model import Document
from lawcli.text.numerals import to_chinese
from tests.conftest import ROOT, SAMPLES, corpus_file, national_files

FIXTURES = ROOT / "tests" / "fixtures" / "diff"


# == the synthetic-pair kit ===============================================================

ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


@dataclass
class Art:
    ids: tuple[str, ...]  # identities of the old articles it came from
    lines: list[str]
    modified: bool = False
    origin: str = "same"  # same, added, split, merged


@dataclass
class Law:
    title: str
    chapters: list[tuple[str | None, list[Art]]] = field(default_factory=list)

    def articles(self) -> list[Art]:
        return [a for _, arts in self.chapters for a in arts]

    def find(self, ident: str) -> tuple[int, int]:
        for c, (_, arts) in enumerate(self.chapters):
            for k, a in enumerate(arts):
                if ident in a.ids:
                    return c, k
        raise KeyError(ident)

    def copy(self) -> "Law":
        return Law(self.title, [(t, [Art(a.ids, list(a.lines), a.modified, a.origin) for a in arts])
                                for t, arts in self.chapters])

    def render(self) -> str:
        out = [self.title, ""]
        n = 0
        for c, (title, arts) in enumerate(self.chapters, 1):
            if title is not None:
                out += [f"第{to_chinese(c)}章　{title}", ""]
            for a in arts:
                n += 1
                out += [f"第{to_chinese(n)}条　{a.lines[0]}", ""]
                for line in a.lines[1:]:
                    out += [line, ""]
        return "\n".join(out)

    def document(self) -> Document:
        return load_text(self.render(), "synthetic.txt").documents[0]


def law_from(doc: Document) -> Law:
    """The chapters and articles of a parsed law, each article its own identity."""
    law = Law(doc.title)
    current: str | None = object()  # type: ignore[assignment]
    for k, art in enumerate(doc.articles):
        chapter = None
        for anc in doc.ancestors(art):
            if anc.kind.value == "chapter":
                chapter = anc.title or ""
        lines = [x for x in art.full_text.split("\n") if x.strip()]
        if not lines:
            continue
        if chapter != current or not law.chapters:
            law.chapters.append((chapter, []))
            current = chapter
        law.chapters[-1][1].append(Art((f"a{k}",), lines))
    return law


def paragraph_starts(lines: list[str]) -> list[int]:
    """Line indices where a 款 begins (items belong to the 款 before them)."""
    return [i for i, line in enumerate(lines) if not ITEM.match(line)]


# -- edits --------------------------------------------------------------------------------

def delete(law: Law, ident: str) -> None:
    c, k = law.find(ident)
    del law.chapters[c][1][k]


def insert(law: Law, after: str, lines: list[str], ident: str) -> None:
    c, k = law.find(after)
    law.chapters[c][1].insert(k + 1, Art((ident,), lines, origin="added"))


def move(law: Law, ident: str, chapter: int, index: int) -> None:
    c, k = law.find(ident)
    art = law.chapters[c][1].pop(k)
    law.chapters[chapter][1].insert(index, art)


def split(law: Law, ident: str, new_ident: str) -> None:
    """Cut the article before its last 款: the tail becomes the next article."""
    c, k = law.find(ident)
    art = law.chapters[c][1][k]
    cut = paragraph_starts(art.lines)[-1]
    assert cut > 0
    head = Art(art.ids, art.lines[:cut], origin="split")
    tail = Art((new_ident,), art.lines[cut:], origin="split-piece")
    if art.origin == "split":  # splitting a head again: its old pieces follow
        head.origin = "split"
    law.chapters[c][1][k:k + 1] = [head, tail]


def merge(law: Law, first: str, second: str) -> None:
    c, k = law.find(first)
    c2, k2 = law.find(second)
    assert (c, k + 1) == (c2, k2)
    a, b = law.chapters[c][1][k], law.chapters[c][1][k + 1]
    law.chapters[c][1][k:k + 2] = [Art(a.ids + b.ids, a.lines + b.lines, origin="merged")]


def modify(law: Law, ident: str, line: int, text: str) -> None:
    c, k = law.find(ident)
    art = law.chapters[c][1][k]
    art.lines[line] = text
    art.modified = True


#: Invented articles in drafting style, for insertions.
INVENTED = [
    ["县级以上人民政府应当建立示范工作联席会议制度，研究解决示范工作中的重大问题，"
     "联席会议的日常工作由同级示范主管部门承担。"],
    ["鼓励高等学校、科研机构开展示范领域基础研究和应用研究，推动研究成果转化。",
     "示范主管部门应当会同有关部门建立研究成果信息共享平台。"],
    ["任何单位和个人发现违反本法规定行为的，有权向示范主管部门举报。接到举报的部门应当在"
     "十五个工作日内处理，并将处理结果告知举报人；举报人要求保密的，应当为其保密。"],
    ["每年九月为示范宣传月。各级人民政府及其有关部门应当组织开展形式多样的宣传活动。"],
]


# -- truth ------------------------------------------------------------------------------

def expected_rows(old: Law, new: Law) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(status, old identities, new keys) of every row the diff must report."""
    rows = set()
    seen: set[str] = set()
    arts = new.articles()
    k = 0
    while k < len(arts):
        a = arts[k]
        key = "+".join(a.ids)
        if a.origin == "added":
            rows.add(("added", (), (key,)))
        elif a.origin == "split":
            keys = [key]
            while k + 1 < len(arts) and arts[k + 1].origin == "split-piece":
                k += 1
                keys.append("+".join(arts[k].ids))
            rows.add(("split", a.ids, tuple(keys)))
            seen.update(a.ids)
        elif a.origin == "merged":
            rows.add(("merged", a.ids, (key,)))
            seen.update(a.ids)
        else:
            rows.add(("modified" if a.modified else "unchanged", a.ids, (key,)))
            seen.update(a.ids)
        k += 1
    for a in old.articles():
        if a.ids[0] not in seen:
            rows.add(("deleted", a.ids, ()))
    return rows


def actual_rows(result, old: Law, new: Law) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    olds = [a.ids[0] for a in old.articles()]
    news = ["+".join(a.ids) for a in new.articles()]
    return {(r.status, tuple(olds[a.position] for a in r.old), tuple(news[a.position] for a in r.new))
            for r in result.rows}


# == helpers ==============================================================================

def sample(name: str) -> Document:
    return load_file(str(SAMPLES / name)).documents[0]


def pairs_in_corpus() -> list[tuple[Path, Path]]:
    """Laws present in two versions: same name, the date in the file name tells the order."""
    by_name: dict[str, list[Path]] = {}
    for p in national_files():
        m = re.match(r"(.+)\((\d{4}-\d{2}-\d{2})\)$", p.stem)
        if m:
            by_name.setdefault(m.group(1), []).append(p)
    return [tuple(sorted(v)) for v in by_name.values() if len(v) == 2]  # type: ignore[misc]


PAIR_NAMES = ["妇女权益保障法", "反垄断法", "突发事件应对法", "职业教育法", "会计法", "未成年人保护法"]


def corpus_pair(name: str) -> tuple[Document, Document]:
    for a, b in pairs_in_corpus():
        if a.stem.startswith(name + "("):
            return load_file(str(a)).documents[0], load_file(str(b)).documents[0]
    corpus_file("national")  # skips when the corpus is absent
    pytest.skip(f"{name}: no two versions in the corpus")


def assert_accounts_for_everything(result, old: Document, new: Document) -> None:
    olds = [a.position for r in result.rows for a in r.old]
    news = [a.position for r in result.rows for a in r.new]
    assert sorted(olds) == list(range(len(old.articles)))
    assert sorted(news) == list(range(len(new.articles)))
    s = result.summary
    for status in ("unchanged", "modified", "added", "deleted", "split", "merged"):
        assert getattr(s, status) == sum(r.status == status for r in result.rows)
    assert s.renumbered == sum(r.renumbered for r in result.rows)
    assert s.moved == sum(r.moved for r in result.rows)
    for r in result.rows:
        assert bool(r.old) == (r.status != "added") and bool(r.new) == (r.status != "deleted")
        if r.status == "split":
            assert len(r.old) == 1 and len(r.new) >= 2
        elif r.status == "merged":
            assert len(r.old) >= 2 and len(r.new) == 1
        else:
            assert len(r.old) <= 1 and len(r.new) <= 1
        if r.old and r.new:
            assert r.renumbered == (r.old[0].number != r.new[0].number)


# == real pairs ===========================================================================

@pytest.mark.parametrize("name", PAIR_NAMES)
def test_real_pairs_account_for_every_article(name):
    old, new = corpus_pair(name)
    result = diff_documents(old, new)
    assert_accounts_for_everything(result, old, new)
    assert not result.identical
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["summary"]["old_articles"] == len(old.articles)
    assert len(data["rows"]) == len(result.rows)


def test_real_pairs_are_all_found(corpus):
    assert {a.stem.split("(")[0] for a, _ in pairs_in_corpus()} >= set(PAIR_NAMES)


def test_antimonopoly_2007_2022_known_changes():
    old, new = corpus_pair("反垄断法")
    result = diff_documents(old, new)
    by_new = {a.label: r for r in result.rows for a in r.new}
    first = by_new["第一条"]
    assert first.status == "modified" and first.old[0].label == "第一条"
    inserted = "".join(o.new for o in first.ops if o.op in ("insert", "replace"))
    assert inserted == "鼓励创新，"
    assert not any(o.op in ("delete", "replace") and o.old for o in first.ops)
    # 第五条 (公平竞争审查) is new; the old 第五条 is now 第六条, unchanged.
    assert by_new["第五条"].status == "added"
    assert by_new["第六条"].status == "unchanged" and by_new["第六条"].old[0].label == "第五条"
    assert by_new["第六条"].renumbered and not by_new["第六条"].moved
    # Old 第十二条 (经营者 … 其他组织) became 第十五条 with 非法人组织: a change of 第一款 only.
    r = by_new["第十五条"]
    assert r.status == "modified" and r.old[0].label == "第十二条"
    assert [c.description for c in r.changes] == ["第一款修改"]
    # Old 第四条 gained a first 款 (党的领导) and its text moved to 第二款.
    assert [c.description for c in by_new["第四条"].changes] == ["增加一款作为第一款", "原第一款修改后作为第二款"]
    assert result.summary.deleted == 0 and result.summary.added == 13
    # Nothing unchanged is reported as changed: every identical text is an unchanged row.
    for row in result.rows:
        if row.old and row.new and len(row.old) == len(row.new) == 1:
            same = normalise(row.old[0].text).norm == normalise(row.new[0].text).norm
            assert (row.status == "unchanged") == same


def test_minor_protection_2024_rewrites_one_article():
    old, new = corpus_pair("未成年人保护法")
    result = diff_documents(old, new)
    changed = [r for r in result.rows if r.changed]
    assert result.summary.unchanged == 131
    # 第九条 was rewritten (协调机制 → 妇女儿童工作机构): one change, in place.
    assert {a.label for r in changed for a in r.old + r.new} == {"第九条"}


# == synthetic pairs with known truth =========================================================

def base_laws() -> list[tuple[str, Law]]:
    """Samples of the repository (always there), and corpus laws when present."""
    out = [(p.name, law_from(load_file(str(p)).documents[0])) for p in sorted(SAMPLES.glob("*.txt"))]
    for p in national_files():
        doc = load_file(str(p)).documents[0]
        if len(doc.articles) >= 20:
            out.append((p.name, law_from(doc)))
    return out


def check(old: Law, new: Law, moved: set[str] = frozenset(), old_doc: Document | None = None) -> None:
    """The rows of the diff are exactly the truth of the edits, and only `moved` moved."""
    od = old_doc or old.document()
    nd = new.document()
    result = diff_documents(od, nd)
    assert actual_rows(result, old, new) == expected_rows(old, new)
    olds = [a.ids[0] for a in old.articles()]
    assert {olds[r.old[0].position] for r in result.rows if r.moved} == set(moved)
    assert_accounts_for_everything(result, od, nd)


def multi_paragraph(law: Law, at_least: int = 2) -> list[str]:
    return [a.ids[0] for a in law.articles()
            if a.origin == "same" and len(paragraph_starts(a.lines)) >= at_least]


@pytest.fixture(scope="module")
def trees() -> Law:
    return law_from(sample("示例市古树名木保护条例.txt"))


def test_identity_and_formatting_only(trees):
    doc = trees.document()
    result = diff_documents(doc, doc)
    assert result.identical and result.summary.unchanged == len(doc.articles)
    # Half-width punctuation, ASCII digits and stray spaces are not changes.
    text = trees.render()
    reformatted = text.replace("，", ",").replace("；", ";").replace("（", "(").replace("）", ")")
    reformatted = re.sub(r"(?m)^(第\S+条)　(.)", r"\1  \2 ", reformatted)
    other = load_text(reformatted, "b.txt").documents[0]
    result = diff_documents(doc, other)
    assert result.identical, [(r.status, r.old[0].label) for r in result.rows if r.changed]
    # … but the text shown is the text as published on each side.
    assert "," in "".join(a.text for r in result.rows for a in r.new)


def test_delete_insert_renumber(trees):
    old, new = trees, trees.copy()
    ids = [a.ids[0] for a in new.articles()]
    delete(new, ids[2])
    insert(new, ids[8], INVENTED[0], "x1")
    check(old, new)
    result = diff_documents(old.document(), new.document())
    renumbered = [r for r in result.rows if r.renumbered]
    # Articles between the deletion and the insertion moved up one number; none moved place.
    assert renumbered and all(r.status == "unchanged" for r in renumbered)


def test_move_to_another_chapter(trees):
    old, new = trees, trees.copy()
    art = new.chapters[1][1][0].ids[0]
    move(new, art, 3, 1)
    check(old, new, moved={art})
    result = diff_documents(old.document(), new.document())
    row = next(r for r in result.rows if r.moved)
    assert row.status == "unchanged" and "移至" in describe(row)
    assert result.summary.moved == 1 and "条文顺序调整 1 条" in result.summary.text


# Two versions of a small county regulation, written for this test.  Between them, old
# 第四条 (water-quality testing) moved behind the users' duties and was reworded
# (similarity 0.69: moved AND moderately changed); old 第九条 (the supplier's yearly
# report) was dropped, and a different duty, the township's report on maintenance funds,
# was added as 第四条.  The two share the formula 应当于每年三月底前向…报送… (similarity
# 0.63) but not their subject: a deletion and an addition, not a move.
_SUPPLY_OLD = """示例县农村供水工程管理办法

第一条　为了加强农村供水工程管理，保障农村居民饮用水安全，根据有关法律、法规，结合本县实际，制定本办法。

第二条　本办法适用于本县行政区域内农村供水工程的建设、运行、维护和管理。

第三条　县水行政主管部门负责本县农村供水工程的监督管理工作。

乡镇人民政府负责本辖区内农村供水工程的日常管理。

第四条　供水单位应当建立水质检测制度，按照国家生活饮用水卫生标准定期检测出厂水和末梢水水质，检测结果每季度向县卫生健康主管部门报告。

第五条　供水单位应当按照核定的价格收取水费，不得擅自提高收费标准或者增加收费项目。

第六条　任何单位和个人不得在供水工程保护范围内从事挖砂、取土、爆破、倾倒垃圾等危害供水设施安全的活动。

第七条　供水单位因工程检修需要停止供水的，应当提前二十四小时通知用水户；因突发事故停止供水的，应当及时组织抢修并告知用水户。

第八条　用水户应当节约用水，爱护供水设施，不得私自改装、迁移、拆除供水设施。

第九条　供水单位应当于每年三月底前向县水行政主管部门报送上一年度供水工程运行和维护情况。

第十条　违反本办法规定，在供水工程保护范围内从事危害供水设施安全活动的，由县水行政主管部门责令停止违法行为，限期恢复原状，可以处五百元以上五千元以下的罚款。

第十一条　本办法自2025年1月1日起施行。
"""

_SUPPLY_NEW = """示例县农村供水工程管理办法

第一条　为了加强农村供水工程管理，保障农村居民饮用水安全，根据有关法律、法规，结合本县实际，制定本办法。

第二条　本办法适用于本县行政区域内农村供水工程的建设、运行、维护和管理。

第三条　县水行政主管部门负责本县农村供水工程的监督管理工作。

乡镇人民政府负责本辖区内农村供水工程的日常管理。

第四条　乡镇人民政府应当于每年三月底前向县人民政府报送本辖区上一年度供水工程管护经费使用情况。

第五条　供水单位应当按照核定的价格收取水费，不得擅自提高收费标准或者增加收费项目。

第六条　任何单位和个人不得在供水工程保护范围内从事挖砂、取土、爆破、倾倒垃圾等危害供水设施安全的活动。

第七条　供水单位因工程检修需要停止供水的，应当提前二十四小时通知用水户；因突发事故停止供水的，应当及时组织抢修并告知用水户。

第八条　用水户应当节约用水，爱护供水设施，不得私自改装、迁移、拆除供水设施。

第九条　供水单位应当建立健全水质检测制度，按照国家生活饮用水卫生标准每月检测出厂水水质、每季度检测管网末梢水水质，检测结果应当及时报告县卫生健康主管部门，并通过村务公开栏等方式向用水户公布。

第十条　违反本办法规定，在供水工程保护范围内从事危害供水设施安全活动的，由县水行政主管部门责令停止违法行为，限期恢复原状，可以处五百元以上五千元以下的罚款。

第十一条　本办法自2025年1月1日起施行。
"""


def test_moved_and_reworded_article_is_moved_and_a_lookalike_is_not():
    """The evidence an out-of-order pair needs (align.MOVED_MIN) lies between the two pairs
    above: less, and the look-alike report duty becomes a "move"; more, and the reworded
    testing article becomes a deletion and an addition."""
    old = load_text(_SUPPLY_OLD, "old.txt").documents[0]
    new = load_text(_SUPPLY_NEW, "new.txt").documents[0]
    result = diff_documents(old, new)
    changed = sorted(((r.status, tuple(a.number for a in r.old), tuple(a.number for a in r.new), r.moved)
                      for r in result.rows if r.changed), key=str)
    assert changed == [("added", (), ("4",), False),
                       ("deleted", ("9",), (), False),
                       ("modified", ("4",), ("9",), True)]
    row = next(r for r in result.rows if r.moved)
    assert row.renumbered and row.match_pass == "similarity"
    assert describe(row).startswith("原第四条；修改") and describe(row).endswith("条文顺序调整")
    s = result.summary
    assert (s.unchanged, s.modified, s.added, s.deleted, s.moved) == (9, 1, 1, 1, 1)


def test_split_and_merge(trees):
    old, new = trees, trees.copy()
    target = multi_paragraph(new)[0]
    split(new, target, "s1")
    ids = [a.ids[0] for a in new.articles()]
    k = max(i for i in range(len(ids) - 1) if ids[i] != target and ids[i + 1] not in (target, "s1")
            and new.find(ids[i])[0] == new.find(ids[i + 1])[0])
    merge(new, ids[k], ids[k + 1])
    check(old, new)
    result = diff_documents(old.document(), new.document())
    assert result.summary.split == 1 and result.summary.merged == 1
    assert "合并 1 处，拆分 1 处" in result.summary.text


def test_modify_one_paragraph_is_located(trees):
    old, new = trees, trees.copy()
    target = multi_paragraph(new)[0]
    c, k = new.find(target)
    line = paragraph_starts(new.chapters[c][1][k].lines)[1]
    text = new.chapters[c][1][k].lines[line]
    modify(new, target, line, text[:-1] + "，并向社会公布。")
    check(old, new)
    result = diff_documents(old.document(), new.document())
    row = next(r for r in result.rows if r.status == "modified")
    assert [ch.description for ch in row.changes] == ["第二款修改"]
    assert "".join(o.new for o in row.ops if o.op != "equal") == "，并向社会公布"


def test_a_paragraph_replaced_by_unrelated_text_is_still_a_modification():
    """"Modify one 款" at its most drastic: the 款 is replaced; the kept 款 tells it is the same article."""
    for name, base in base_laws():
        base_doc = base.document()
        for ident in multi_paragraph(base)[:4]:
            new = base.copy()
            c, k = new.find(ident)
            art = new.chapters[c][1][k]
            line = paragraph_starts(art.lines)[-1]
            modify(new, ident, line, INVENTED[2][0])
            try:
                check(base, new, old_doc=base_doc)
            except AssertionError as e:
                raise AssertionError(f"{name} {ident}: {e}") from None


@pytest.mark.parametrize("seed", range(3))
def test_all_edits_at_once_on_every_law(seed):
    """Delete, insert (twice, from another law), move, split, merge, modify on each base law."""
    rnd = random.Random(seed)
    laws = base_laws()
    pool = [a.lines for _, law in laws for a in law.articles()]
    for name, base in laws:
        if len(base.articles()) < 12:
            continue
        old, new = base, base.copy()
        ids = [a.ids[0] for a in new.articles()]
        chosen = rnd.sample(ids, 6)
        delete(new, chosen[0])
        # An article of another law: a copy of one of this law's own would make the
        # truth ambiguous (which of two identical texts is the original?).
        own = {tuple(a.lines) for a in base.articles()}
        insert(new, chosen[1], list(rnd.choice([p for p in pool if tuple(p) not in own])), "x1")
        insert(new, chosen[1], list(rnd.choice(INVENTED)), "x2")
        moved = set()
        if len(new.chapters) > 2:
            c, _ = new.find(chosen[2])
            move(new, chosen[2], (c + 2) % len(new.chapters), 0)
            moved.add(chosen[2])
        free = [x for x in multi_paragraph(new) if x not in chosen]
        if free:
            split(new, rnd.choice(free), "s1")
        olds = [a.ids[0] for a in old.articles()]
        pairs = [(arts[k].ids[0], arts[k + 1].ids[0]) for _, arts in new.chapters
                 for k in range(len(arts) - 1)
                 if arts[k].origin == arts[k + 1].origin == "same"
                 and not {arts[k].ids[0], arts[k + 1].ids[0]} & set(chosen)
                 and olds.index(arts[k + 1].ids[0]) == olds.index(arts[k].ids[0]) + 1]
        if pairs:
            merge(new, *rnd.choice(pairs))
        free = [x for x in multi_paragraph(new) if x not in chosen]
        if free:
            target = rnd.choice(free)
            c, k = new.find(target)
            art = new.chapters[c][1][k]
            line = paragraph_starts(art.lines)[-1]
            t = art.lines[line]
            modify(new, target, line, t[: len(t) // 2] + "，并按照国家有关规定予以公布" + t[len(t) // 2:])
        try:
            check(old, new, moved)
        except AssertionError as e:  # name the law in the failure
            raise AssertionError(f"{name}: {e}") from None


@pytest.mark.slow
def test_long_law_every_article_retouched():
    """A law of ~1200 articles where a third of the articles were retouched and some moved."""
    corpus_file("national")
    rnd = random.Random(7)
    big = Law("示例大法")
    for p in national_files():
        law = law_from(load_file(str(p)).documents[0])
        for title, arts in law.chapters:
            big.chapters.append((title or "杂项", [Art((f"{p.stem}{a.ids[0]}",), a.lines) for a in arts]))
        if len(big.articles()) > 1150:
            break
    old, new = big, big.copy()
    for a in new.articles():
        if rnd.random() < 0.3 and len(a.lines[0]) > 30:
            t = a.lines[0]
            a.lines[0] = t[:20] + "依照有关规定" + t[20:]
            a.modified = True
    ids = [a.ids[0] for a in new.articles()]
    chosen = rnd.sample(ids, 30)
    for x in chosen[:10]:
        delete(new, x)
    for k, x in enumerate(chosen[10:20]):
        insert(new, x, list(INVENTED[k % len(INVENTED)]), f"x{k}")
    moved = set()
    for x in chosen[20:24]:
        c, _ = new.find(x)
        move(new, x, (c + 5) % len(new.chapters), 0)
        moved.add(x)
    check(old, new, moved)


# == inside an article ====================================================================

def test_inner_diff_rebuilds_both_sides_and_keeps_numbers_whole():
    a = normalise("违反本条例规定的，处五千元以上二万元以下罚款。\n情节严重的，吊销许可证。")
    b = normalise("违反本条例规定的，处一万元以上五万元以下罚款；情节严重的，并处吊销许可证。")
    ops = inner_diff(a, b)
    assert "".join(o.old for o in ops) == a.display
    assert "".join(o.new for o in ops) == b.display
    changed_old = [o.old for o in ops if o.op in ("delete", "replace")]
    assert "五千" in changed_old and "二" in "".join(changed_old)
    assert not any(o.old.endswith("五") and o.op != "equal" and "千" not in o.old for o in ops)


def test_inner_diff_ignores_width_and_spaces_but_shows_published_text():
    a = normalise("依照本法第２３条（一）项， 处罚。")
    b = normalise("依照本法第23条(一)项,处罚.")
    assert a.norm == b.norm
    ops = inner_diff(a, b)
    assert [o.op for o in ops] == ["equal"] and ops[0].old == a.display and ops[0].new == b.display


def _article(text: str):
    return load_text(text, "x.txt").documents[0].articles[0]


def test_unit_changes_located_at_paragraph_and_item():
    old = _article("第五条　有关部门应当履行下列职责：\n（一）制定规划；\n（二）组织实施；\n"
                   "（三）监督检查。\n前款规定的职责，由市人民政府公布。\n违反规定的，依法处理。")
    new = _article("第五条　有关部门应当履行下列职责：\n（一）制定规划；\n（二）组织实施；\n"
                   "（三）开展评估；\n（四）监督检查。\n前款规定的职责，由市人民政府向社会公布。")
    got = [c.description for c in unit_changes(old, new)]
    assert got == ["第一款增加一项作为第（三）项", "第二款修改", "删除第三款"]


def test_unit_changes_single_paragraph_items_have_no_paragraph_prefix():
    old = _article("第七条　禁止下列行为：\n（一）砍伐；\n（二）剥损树皮；\n（三）攀树折枝。")
    new = _article("第七条　禁止下列行为：\n（一）砍伐、擅自移植；\n（二）攀树折枝。")
    got = [c.description for c in unit_changes(old, new)]
    assert got == ["第（一）项修改", "删除第（二）项"]


# == renderers and the 说明 column ===========================================================

@pytest.fixture(scope="module")
def edited(trees):
    old, new = trees, trees.copy()
    ids = [a.ids[0] for a in new.articles()]
    delete(new, ids[1])
    insert(new, ids[5], ["违反本条例规定，擅自在古树名木保护范围内设置<script>alert(1)</script>广告牌的，责令改正。"], "x")
    target = multi_paragraph(new)[0]
    c, k = new.find(target)
    modify(new, target, 0, new.chapters[c][1][k].lines[0][:-1] + "，并定期公布。")
    return old, new


def test_markdown_table(edited):
    old, new = edited
    result = diff_documents(old.document(), new.document())
    md = to_markdown(result)
    lines = md.splitlines()
    assert lines[0] == result.summary.text and lines[0].startswith("修改 1 条，新增 1 条，删除 1 条")
    assert "| 原条文 | 修改后条文 | 说明 |" in lines
    assert "<ins>，并定期公布</ins>" in md and "\\<script\\>" in md and "<script>" not in md
    body = [x for x in lines if x.startswith("| ") and "---" not in x][1:]
    assert all(x.count(" | ") >= 2 for x in body)
    assert any("未修改" in x for x in body)  # unchanged articles folded …
    full = to_markdown(result, show_all=True)
    assert "未修改（" not in full  # … and shown with --all


def test_html_is_self_contained_and_escaped(edited):
    old, new = edited
    result = diff_documents(old.document(), new.document())
    page = to_html(result)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http" not in page and "<link" not in page
    assert page.index(result.summary.text) < page.index("<table>")
    assert "<th>原条文</th><th>修改后条文</th>" in page


def test_explain_fills_the_note_column(edited):
    old, new = edited
    result = diff_documents(old.document(), new.document())
    note = lambda row: "依照修改决定第三项" if row.status == "modified" else None  # noqa: E731
    md = to_markdown(result, explain=note)
    assert "| 依照修改决定第三项 |" in md and "| 新增 |" in md
    data = result.to_dict(explain=note)
    assert [r["note"] for r in data["rows"] if r["status"] == "modified"] == ["依照修改决定第三项"]


def test_plain_text_side_by_side(edited):
    old, new = edited
    result = diff_documents(old.document(), new.document())
    segs = text_segments(result, width=80, color=False)
    text = "".join(t for t, _ in segs)
    assert text.splitlines()[0] == summary_lines(result)[0]
    assert "{+，并定期公布+}" in text and "[-" in text and "\x1b" not in text
    assert all(" │ " in line for line in text.splitlines()
               if line and not line.startswith(("…", "《", "修改", "（")) and "→" not in line)


# == the command ==============================================================================

@pytest.fixture
def cli(monkeypatch, capsys):
    from lawcli.cli.app import main

    monkeypatch.delenv("NO_COLOR", raising=False)

    def run(*args, stdin: str | None = None):
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def pair_files(tmp_path, edited):
    old, new = edited
    a, b = tmp_path / "old.txt", tmp_path / "new.txt"
    a.write_text(old.render(), encoding="utf-8")
    b.write_text(new.render(), encoding="utf-8")
    return str(a), str(b)


def test_cli_exit_codes(cli, pair_files):
    a, b = pair_files
    code, out, err = cli("diff", a, a)
    # The edited sample cites renumbered items: warnings may be printed, never errors.
    assert code == 0 and out.startswith("修改 0 条，新增 0 条，删除 0 条") and "error" not in err
    code, out, _ = cli("diff", a, b)
    assert code == 1 and out.startswith("修改 1 条，新增 1 条，删除 1 条")
    code, _, err = cli("diff", a, "/nonexistent/law.txt")
    assert code == 2 and err.startswith("lawcli: error:") and "Traceback" not in err
    code, _, err = cli("diff", a, b, "--format", "pdf")
    assert code == 2 and "--format" in err
    code, _, err = cli("diff", "-", "-")
    assert code == 2 and "standard input" in err


def test_cli_json_and_stdin(cli, pair_files):
    a, b = pair_files
    code, out, _ = cli("diff", a, "-", "--format", "json", stdin=Path(b).read_text(encoding="utf-8"))
    data = json.loads(out)
    assert code == 1
    assert {"summary", "rows", "headings", "identical"} <= data.keys()
    assert {"modified", "added", "deleted", "split", "merged", "renumbered", "moved"} <= data["summary"].keys()
    row = next(r for r in data["rows"] if r["status"] == "modified")
    assert {"status", "renumbered", "moved", "old", "new", "pass", "score", "diff", "changes", "note"} <= row.keys()
    assert {"number", "label", "text"} <= row["old"][0].keys()
    assert sum(len(r["old"]) for r in data["rows"]) == data["summary"]["old_articles"]
    assert sum(len(r["new"]) for r in data["rows"]) == data["summary"]["new_articles"]


def test_cli_formats_and_all(cli, pair_files):
    a, b = pair_files
    _, folded, _ = cli("diff", a, b)
    _, everything, _ = cli("diff", a, b, "--all", "--width", "90")
    assert "未修改" in folded and len(everything) > len(folded)
    _, md, _ = cli("diff", a, b, "-f", "markdown")
    assert "| 原条文 | 修改后条文 | 说明 |" in md
    _, page, _ = cli("diff", a, b, "-f", "html")
    assert page.startswith("<!DOCTYPE html>")


def test_cli_help_has_an_example():
    out = subprocess.run([sys.executable, "-m", "lawcli", "diff", "--help"], capture_output=True,
                         text=True, cwd=ROOT).stdout
    assert "lawcli diff" in out and "--doc-old" in out


def test_cli_real_pair_by_eye_facts():
    old = corpus_file("national", "经济法", "反垄断法(2007-08-30).md")
    new = corpus_file("national", "经济法", "反垄断法(2022-06-24).md")
    proc = subprocess.run([sys.executable, "-m", "lawcli", "diff", str(old), str(new), "-f", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["summary"]["text"].startswith("修改 24 条，新增 13 条，删除 0 条")


def test_text_outside_articles_is_compared():
    head = "示例市河道管理条例\n\n序言\n\n为了保护河道，制定本条例。\n\n第一条　本条例适用于本市河道。\n\n"
    old = load_text(head + "附件\n\n河道名录：东河、西河。\n", "a.txt").documents[0]
    new = load_text(head + "附件\n\n河道名录：东河、西河、南河。\n", "b.txt").documents[0]
    same = diff_documents(old, old)
    assert same.identical and same.parts and all(p.status == "unchanged" for p in same.parts)
    result = diff_documents(old, new)
    assert not result.identical and result.summary.unchanged == 1
    changed = [p for p in result.parts if p.changed]
    assert len(changed) == 1 and changed[0].status == "modified"
    assert "".join(o.new for o in changed[0].ops if o.op != "equal") == "、南河"
    assert any("条文以外" in line for line in summary_lines(result))
    assert "南河" in to_markdown(result)


def test_womens_rights_2022_chapter_moved_and_renamed():
    old, new = corpus_pair("妇女权益保障法")
    result = diff_documents(old, new)
    by_old = {h.old.label: h for h in result.headings if h.old}
    ch6 = by_old["第六章"]
    assert ch6.status == "renamed" and ch6.renumbered
    assert (ch6.new.label, ch6.new.title) == ("第三章", "人身和人格权益")
    assert by_old["第三章"].status == "unchanged" and by_old["第三章"].new.label == "第四章"
    assert any(h.status == "added" and h.new.title == "救济措施" for h in result.headings)
    # The articles of the moved chapter are reported as moved (条文顺序调整), not as new.
    moved_from_6 = [r for r in result.rows if r.moved and r.old and r.old[0].chapter == "第六章 人身权利"]
    assert moved_from_6 and all(r.new[0].chapter == "第三章 人身和人格权益" for r in moved_from_6)


def test_colour_text_has_styles_not_marks(edited):
    old, new = edited
    result = diff_documents(old.document(), new.document())
    segs = text_segments(result, width=80, color=True)
    styled = {style for _, style in segs}
    assert {"bold red strike", "bold green underline"} <= styled
    assert "{+" not in "".join(t for t, _ in segs) and "[-" not in "".join(t for t, _ in segs)


def test_cli_gazette_document_chosen_per_side(cli):
    gazette = str(corpus_file("gazette", "shanxi-gazette-2021-07.txt"))
    code, _, err = cli("diff", gazette, gazette)
    assert code == 2 and "--doc-old" in err  # two regulations: the user must choose
    code, out, _ = cli("diff", gazette, gazette, "--doc", "传统村落")
    assert code == 0 and out.startswith("修改 0 条，新增 0 条，删除 0 条")
    code, out, _ = cli("diff", gazette, gazette, "--doc-old", "传统村落", "--doc-new", "外来投资",
                       "-f", "json")
    data = json.loads(out)
    assert code == 1 and data["title_changed"]
    assert data["summary"]["old_articles"] == 44 and data["summary"]["new_articles"] == 34


@given(st.text(alphabet=" \n\u3000\u200b\ufeff\t第一条款ａｂ12.%（）", max_size=40))
@settings(max_examples=300, derandomize=True)
def test_the_comparison_form_maps_back_to_the_published_text(display):
    # Every character kept is the folded character at its mapped place; nothing but
    # single line breaks between kept characters survives of the white space.
    from lawcli.compare.texts import normalise
    from lawcli.text.textfold import fold

    n = normalise(display)
    folded = fold(display)
    assert len(n.back) == len(n.norm) + 1 and n.back[-1] == len(display)
    assert all(folded[i] == c for i, c in zip(n.back, n.norm))
    assert list(n.back[:-1]) == sorted(set(n.back[:-1]))
    assert not n.norm.startswith("\n") and not n.norm.endswith("\n") and "\n\n" not in n.norm
    assert all(not c.isspace() or c == "\n" for c in n.norm) and "\u200b" not in n.norm
    assert n.norm.replace("\n", "") == "".join(c for c in folded if not c.isspace() and c not in "\u200b\ufeff")
