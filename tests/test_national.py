"""The national laws: article counts, structure, dates."""

import pytest

from lawcli.parsing.model import Kind
from lawcli.parsing.source import load_text
from lawcli.text.numerals import split_key
from tests.conftest import corpus_file, national_files, or_skip, read


def load(*parts):
    path = corpus_file("national", *parts)
    return load_text(read(path), path.name).documents[0]


@pytest.mark.parametrize("path", or_skip(national_files()), ids=lambda p: p.name if p else "none")
def test_article_count_is_last_number_plus_inserted(path):
    doc = load_text(read(path), path.name).documents[0]
    arts = doc.articles
    if not arts:
        assert "修正案" in doc.title  # the amendment act is a list of instructions
        return
    last = max(split_key(a.number)[0] for a in arts)
    inserted = sum(1 for a in arts if split_key(a.number)[1])
    assert len(arts) == last + inserted
    assert not [w for w in doc.warnings if w.code.startswith("numbering")]


def test_criminal_law_structure():
    doc = load("刑法", "刑法.md")
    assert len(doc.articles) == 505
    assert doc.article_index["120-6"].label == "第一百二十条之六"
    parts = [n for n in doc.walk() if n.kind is Kind.PART]
    assert [p.label for p in parts][:2] == ["第一编", "第二编"]
    # 第一百九十九条 was deleted: it keeps its number and says so.
    assert doc.article_index["199"].full_text == "（删去）"
    # Items of 第三十三条.
    items = [n for n in doc.article_index["33"].walk() if n.kind is Kind.ITEM]
    assert [i.text for i in items][:2] == ["管制；", "拘役；"]
    annexes = [n for n in doc.walk() if n.kind is Kind.ANNEX]
    assert [a.label for a in annexes] == ["附件一", "附件二"]
    assert doc.effective == "1997-10-01"


def test_sections_restart_per_chapter():
    doc = load("司法解释", "人民检察院刑事诉讼规则(2019-12-02).md")
    assert len(doc.articles) == 684
    sections = [n for n in doc.walk() if n.kind is Kind.SECTION]
    assert sections and sections[0].title == "拘传"  # letter-spaced 拘 传 read as one word
    assert doc.warnings == ()


def test_paragraphs_and_items_of_a_real_article():
    doc = load("刑法", "刑法.md")
    art = doc.article_index["17"]
    paras = [c for c in art.children if c.kind is Kind.PARAGRAPH]
    assert len(paras) == 5
    assert paras[0].text.startswith("已满十六周岁的人犯罪")


def test_regulation_by_decree_has_its_promulgation_date():
    doc = load("行政法规", "道路交通安全法实施条例(2017-10-07).md")
    assert doc.adopted == "2004-04-30" and doc.effective == "2004-05-01"
