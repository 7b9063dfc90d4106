"""References: extraction, resolution, backlinks, and `lawcli refs`.

Fixtures in tests/fixtures/refs/ are invented drafts; the real texts are read from
../shared/corpus at test time (skipped when absent).
"""

import json
from pathlib import Path

import pytest

from lawcli import load_file, load_text
from lawcli.cli.app import main
from lawcli.parsing.model import Kind
from lawcli.refs.extract import extract
from lawcli.refs.present import backlinks, summarize, to_dict
from tests.conftest import corpus_file, national_files, or_skip

FIX = Path(__file__).parent / "fixtures" / "refs"
RIVER = FIX / "示例市河道管理条例.txt"
NIGHT = FIX / "示例市夜市管理规定-公报排版.txt"
GAZETTE = ("gazette", "shanxi-gazette-2021-07.txt")


def doc_of(path):
    return load_file(str(path)).documents[0]


def by_text(refs, text, article=None):
    hits = [r for r in refs if r.text == text and (article is None or r.article.number == article)]
    assert hits, f"no reference {text!r}; have {[r.text for r in refs]}"
    return hits[0]


def keys(ref):
    return [(t.article, t.paragraph, t.item) for t in ref.targets]


@pytest.fixture(scope="module")
def river():
    d = doc_of(RIVER)
    return d, extract(d)


# -- forms of internal references -------------------------------------------------------

def test_article_paragraph_reference(river):
    d, refs = river
    r = by_text(refs, "本条例第二条第二款")
    assert keys(r) == [("2", 2, None)]
    assert r.targets[0].node is d.article_index["2"].children[1]
    assert not r.external and not r.relative and r.article.number == "3"
    assert r.source.text[r.start:r.end] == r.text


def test_previous_paragraphs(river):
    _, refs = river
    assert keys(by_text(refs, "前两款")) == [("3", 1, None), ("3", 2, None)]
    r = by_text(refs, "前款第（一）项、第（二）项")
    assert keys(r) == [("4", 1, 1), ("4", 1, 2)] and r.relative
    assert all(t.node is not None and t.node.kind is Kind.ITEM for t in r.targets)


def test_items_lists_and_ranges_in_the_same_article(river):
    _, refs = river
    assert keys(by_text(refs, "前款第四项、第五项")) == [("5", 1, 4), ("5", 1, 5)]
    r = by_text(refs, "本条第一款第（一）项至第（三）项")
    assert keys(r) == [("5", 1, 1), ("5", 1, 2), ("5", 1, 3)]
    assert summarize(r) == "第五条第一款第（一）至（三）项"
    assert keys(by_text(refs, "本条第三款")) == [("5", 3, None)]


def test_previous_article_and_insert_articles(river):
    d, refs = river
    r = by_text(refs, "前条")
    assert r.article.number == "5-1" and r.targets[0].node is d.article_index["5"]
    # 第４条至第六条 runs through 第五条之一, which sits between 5 and 6.
    r = by_text(refs, "本条例第四条至第六条")
    assert [t.article for t in r.targets] == ["4", "5", "5-1", "6"]
    assert all(t.found for t in r.targets)


def test_numerals_in_every_width(river):
    _, refs = river
    assert [t.article for t in by_text(refs, "本条例第５条之一").targets] == ["5-1"]
    assert [t.article for t in by_text(refs, "本条例第9条、第十条").targets] == ["9", "10"]
    # One 第 and one 条 shared by a list: 第五、七条.
    assert [t.article for t in by_text(refs, "本条例第五、七条").targets] == ["5", "7"]
    r = by_text(refs, "本条例第五条第一款第一项、第二项")
    assert keys(r) == [("5", 1, 1), ("5", 1, 2)]


def test_chapter_and_section(river):
    d, refs = river
    sec = by_text(refs, "本节")
    assert sec.targets[0].node.kind is Kind.SECTION and sec.targets[0].node.title == "管理范围"
    ch = by_text(refs, "本章")
    assert ch.targets[0].node.kind is Kind.CHAPTER and ch.targets[0].node.title == "河道保护"


def test_other_acts_are_external_and_never_resolved(river):
    d, refs = river
    r = by_text(refs, "《中华人民共和国水法》第三十九条")
    assert r.external and r.act == "中华人民共和国水法"
    assert r.targets[0].article == "39" and r.targets[0].node is None and not r.dangling
    r = by_text(refs, "«河道采砂管理办法»第十二条")
    assert r.external and r.act == "河道采砂管理办法"
    # 水法 is the short name the first article defines (以下简称水法).
    r = by_text(refs, "水法第七十二条")
    assert r.external and r.act == "中华人民共和国水法"
    # 该法: the last act named before it whose title ends in 法 (not the 办法).
    assert by_text(refs, "该法").act == "中华人民共和国水法"
    # An external 第三十九条 must not bind to this document's articles.
    assert all(t.node is None for x in refs if x.external for t in x.targets)


def test_every_internal_reference_of_the_fixture_resolves(river):
    _, refs = river
    internal = [r for r in refs if not r.external]
    assert len(internal) >= 15
    assert [r.text for r in internal if r.dangling] == []


def test_half_width_gazette_style():
    d = doc_of(NIGHT)
    refs = extract(d)
    r = by_text(refs, "本规定第二条第(一)项至第(三)项")
    assert keys(r) == [("2", None, 1), ("2", None, 2), ("2", None, 3)]
    assert all(t.found for t in r.targets)
    assert keys(by_text(refs, "第二条第四项")) == [("2", None, 4)]
    assert [t.article for t in by_text(refs, "本规定第１条、第３条").targets] == ["1", "3"]
    ext = by_text(refs, "«示例省城市市容和环境卫生管理条例»第三十条")
    assert ext.external and ext.act == "示例省城市市容和环境卫生管理条例"
    assert by_text(refs, "该条例").act == "示例省城市市容和环境卫生管理条例"


LAW = """示例法
第一条　本法所称设施，是指下列设施：
（一）甲类设施；
（二）乙类设施；
（三）丙类设施，包括前项所列设施的附属部分。
依照第一款第三项的规定，附属部分不单独计算。
前两款规定以外的设施，依照本法第十、十八条的规定管理。
第二条　违反本法第一条第（一）（二）项规定的，依照前条第三款处理。
第三条　本法第一条第一款第一项至第三项的规定，不适用于依照《中华人民共和国某某法》第一条、第二条管理的设施。
第四条　违反第一条规定的，依照第二条至第三条处理；违反第九条的，依照上位法处理。
第五条　本法自2030年1月1日起施行。
"""


def test_relative_item_paragraph_and_shared_numbers():
    d = load_text(LAW).documents[0]
    refs = extract(d)
    assert keys(by_text(refs, "前项")) == [("1", 1, 2)]
    assert keys(by_text(refs, "第一款第三项")) == [("1", 1, 3)]
    assert keys(by_text(refs, "前两款")) == [("1", 1, None), ("1", 2, None)]
    r = by_text(refs, "本法第十、十八条")
    assert [t.article for t in r.targets] == ["10", "18"] and len(r.dangling) == 2
    assert keys(by_text(refs, "本法第一条第（一）（二）项")) == [("1", None, 1), ("1", None, 2)]
    assert keys(by_text(refs, "前条第三款")) == [("1", 3, None)]
    r = by_text(refs, "本法第一条第一款第一项至第三项")
    assert keys(r) == [("1", 1, 1), ("1", 1, 2), ("1", 1, 3)]
    ext = by_text(refs, "《中华人民共和国某某法》第一条、第二条")
    assert ext.external and [t.article for t in ext.targets] == ["1", "2"]
    assert all(t.node is None for t in ext.targets)
    # bare 第X条 inside a law means this law
    assert by_text(refs, "第一条", article="4").targets[0].found
    assert [t.article for t in by_text(refs, "第二条至第三条").targets] == ["2", "3"]
    assert by_text(refs, "第九条").dangling
    up = by_text(refs, "上位法")
    assert up.external and up.act == "上位法" and up.targets == ()


def test_traditional_characters():
    text = ("示例條例\n第一條　本條例所稱公園，是指城市公園。\n"
            "第二條　違反本條例第一條規定的，依照前款處理。\n前款規定的處理，適用本條例第一條。\n")
    d = load_text(text).documents[0]
    refs = extract(d)
    r = by_text(refs, "本條例第一條", article="2")
    assert [t.article for t in r.targets] == ["1"] and summarize(r, d) == "第一條"
    assert by_text(refs, "前款", article="2").dangling  # 前款 in a first 款: nothing before it
    assert keys([r for r in refs if r.text == "前款"][1]) == [("2", 1, None)]


def test_backlinks_include_citations_of_paragraphs_and_items(river):
    d, refs = river
    five = d.article_index["5"]
    cited_by = {r.source.line for r in backlinks(d, [five], refs)}
    # 第九条 cites 第五条第一款第一项; 第五条之一 cites 前条; 第十条 cites 第五、七条; 第七条 a range.
    arts = {r.article.number for r in backlinks(d, [five], refs)}
    assert {"5", "5-1", "7", "9", "10"} <= arts
    item = five.children[0].children[0]  # 第五条第一款第（一）项
    item_arts = {r.article.number for r in backlinks(d, [item], refs)}
    assert "9" in item_arts and "10" in item_arts  # citing the article covers its items
    assert cited_by


def test_json_shape(river):
    d, refs = river
    data = to_dict(d, by_text(refs, "前款第四项、第五项"))
    assert data["source"] == {"address": "第五条第二款", "article": "5", "paragraph": 2, "item": None,
                              "subitem": None, "line": data["source"]["line"]}
    assert data["external"] is False and data["act"] is None
    assert [(t["article"], t["paragraph"], t["item"]) for t in data["targets"]] == [("5", 1, 4), ("5", 1, 5)]
    assert data["targets"][0]["address"] == "第五条第一款第（四）项" and data["targets"][0]["found"]


# -- the shared gazette -----------------------------------------------------------------

@pytest.fixture(scope="module")
def villages():
    path = corpus_file(*GAZETTE)
    src = load_file(str(path))
    docs = [d for d in src.documents if "传统村落保护条例" in d.title and d.articles]
    assert docs, "the gazette splitter lost 山西省传统村落保护条例 or its articles"
    return path, docs[0]


def test_gazette_article_41_resolves_to_items_of_23(villages):
    _, d = villages
    refs = [r for r in extract(d) if r.article is not None and r.article.number == "41" and not r.external]
    assert [summarize(r) for r in refs] == ["第二十三条第（一）至（三）项", "第二十三条第（四）（五）项"]
    items = [c for c in d.article_index["23"].walk() if c.kind is Kind.ITEM]
    assert [t.node for t in refs[0].targets] == items[:3]
    assert [t.node for t in refs[1].targets] == items[3:5]


def test_gazette_backlinks_cli(villages, capsys):
    path, _ = villages
    code = main(["refs", str(path), "--to", "23", "--doc", "传统村落", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and len(out) == 2
    assert [o["source"]["article"] for o in out] == ["41", "41"]
    assert [[t["item"] for t in o["targets"]] for o in out] == [[1, 2, 3], [4, 5]]


def test_gazette_reports_never_bind_to_the_law():
    """References in 说明 and reports point at draft numbering or other acts: never internal."""
    src = load_file(str(corpus_file(*GAZETTE)))
    for d in src.documents:
        if d.articles:
            continue
        for r in extract(d):
            assert r.external and all(t.node is None for t in r.targets), (d.title, r.text)


# -- the national corpus ----------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("path", or_skip(national_files()), ids=lambda p: p.stem if p else "none")
def test_national_internal_references_resolve(path):
    d = doc_of(path)
    refs = extract(d)
    bad = [(r.source.line, r.text, summarize(r)) for r in refs if r.dangling]
    assert bad == []


def test_criminal_law_insert_articles_resolve():
    d = doc_of(corpus_file("national", "刑法", "刑法.md"))
    refs = extract(d)
    assert len([r for r in refs if not r.external]) > 300
    inserts = [t for r in refs for t in r.targets if t.article and "-" in t.article]
    assert len(inserts) >= 20 and all(t.found for t in inserts)
    r = by_text(refs, "本节第二百一十三条至第二百一十九条之一")
    assert r.targets[-1].article == "219-1" and len(r.targets) == 8


def test_amendment_act_cites_the_criminal_law():
    d = doc_of(corpus_file("national", "刑法", "刑法修正案（十一）.md"))
    refs = extract(d)
    assert len(refs) > 40
    assert all(r.external and r.act == "中华人民共和国刑法" for r in refs)


def test_unquoted_act_names_in_a_judicial_rule():
    d = doc_of(corpus_file("national", "司法解释", "人民检察院刑事诉讼规则(2019-12-02).md"))
    refs = extract(d)
    acts = {r.act for r in refs if r.external and r.targets}
    assert "刑事诉讼法" in acts and not any(a and a.startswith(("依照", "按照", "属于")) for a in acts)
    assert any(not r.external and r.text.startswith("本规则第") for r in refs)


# -- the command --------------------------------------------------------------------------

def test_cli_refs_of_one_article(cli):
    code, out, err = cli("refs", str(RIVER), "5")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4 and all("  第五条第" in x for x in lines)
    assert "“前款第四项、第五项”  → 第五条第一款第（四）（五）项" in out


def test_cli_refs_marks_external_and_dangling(cli):
    code, out, _ = cli("refs", "-", stdin=LAW.encode())
    assert code == 0
    assert "〔外部〕《中华人民共和国某某法》第一条、第二条" in out
    assert "不存在：第九条" in out


def test_cli_backlinks_none_is_exit_1(cli):
    code, out, err = cli("refs", str(RIVER), "--to", "12")
    assert code == 1 and out == "" and "第十二条" in err


def test_cli_errors(cli):
    assert cli("refs", str(RIVER), "5", "--to", "3")[0] == 2
    assert cli("refs", str(RIVER), "--to", "xyz")[0] == 2
    code, _, err = cli("refs", str(RIVER), "99")
    assert code == 1 and "Traceback" not in err
    assert cli("refs", str(RIVER), "--format", "xml")[0] == 2


def test_cli_json_is_a_list_with_the_documented_keys(cli):
    code, out, _ = cli("refs", str(RIVER), "--format", "json")
    data = json.loads(out)
    assert code == 0 and isinstance(data, list) and len(data) > 15
    for o in data:
        assert {"source", "targets", "text", "external", "act"} <= set(o)
        assert "article" in o["source"] and "address" in o["source"]
        for t in o["targets"]:
            assert {"article", "paragraph", "item"} <= set(t)


def amendment_acts():
    from tests.conftest import CORPUS

    return sorted((CORPUS / "amendments" / "acts").glob("*.md")) if CORPUS.exists() else []


@pytest.mark.slow
@pytest.mark.parametrize("path", or_skip(amendment_acts()), ids=lambda p: p.stem[-20:] if p else "none")
def test_amendment_decisions_cite_the_amended_laws(path):
    """A 修改决定's 第X条 are the amended law's, even where the parser saw article headings."""
    d = doc_of(path)
    refs = [r for r in extract(d) if r.targets]
    assert refs and all(r.external for r in refs)
    assert all(r.act and not r.act.startswith(("将", "在", "对")) for r in refs)


def test_state_council_decision_carries_the_act_across_instructions():
    d = doc_of(corpus_file("amendments", "acts", "国务院关于修改和废止部分行政法规的决定.md"))
    refs = [r for r in extract(d) if r.targets]
    # 二、将《医疗机构管理条例》第九条修改为…  then  将第十五条改为第十四条…
    first = next(i for i, r in enumerate(refs) if r.text.startswith("《医疗机构管理条例》"))
    assert refs[first + 1].act == "医疗机构管理条例" and not refs[first + 1].text.startswith("《")


def test_never_raises_on_odd_text():
    """Fragments of references in random order: extraction, summaries and check never fail."""
    import random

    from lawcli.refs.check import check

    toks = ["第", "条", "款", "项", "目", "之", "一", "二", "十", "百", "亿", "３", "7", "（", "）", "(", ")",
            "、", "至", "和", "本条例", "本法", "前款", "前两款", "前三款", "前项", "本条", "本章", "本节",
            "前条", "《", "》", "«", "»", "该法", "上位法", "，", "。", "；", "\n", "第一条　", "第二条　",
            "第二条之一　", "（一）", "（二）", "1．", "第一章　总则\n", "第二节　甲\n", "以下简称", "“", "”",
            "条例", " ", "法", "刑法", "总则"]
    rng = random.Random(7)
    for _ in range(300):
        text = "示例条例\n" + "".join(rng.choice(toks) for _ in range(rng.randint(1, 80)))
        d = load_text(text).documents[0]
        refs = extract(d)
        for r in refs:
            to_dict(d, r)
        if d.articles:
            backlinks(d, [d.articles[0]], refs)
        check(d)


def test_items_the_parser_kept_as_paragraphs():
    """一、二、 inside an article stay 款 in the tree; a reference to 第二项 still finds them."""
    text = ("示例办法\n第一条　申请人应当提交下列材料：\n一、申请书；\n二、身份证明。\n"
            "第二条　未提交本办法第一条第二项规定材料的，不予受理；违反第一条第五项的，不予受理。\n")
    d = load_text(text).documents[0]
    refs = extract(d)
    found = by_text(refs, "本办法第一条第二项").targets[0]
    assert found.node is not None and found.node.text.startswith("二、")
    assert by_text(refs, "第一条第五项").dangling


def test_that_article_means_the_one_cited_just_before():
    text = ("示例条例\n第一条　甲。\n乙。\n第二条　违反本条例第一条规定的，依照该条第二款处理；"
            "违反《某某法》第三条的，依照该条第二款处理。\n第三条　本条例自2030年1月1日起施行。\n")
    d = load_text(text).documents[0]
    refs = [r for r in extract(d) if r.text == "该条第二款"]
    assert keys(refs[0]) == [("1", 2, None)] and refs[0].targets[0].found and not refs[0].external
    assert refs[1].external and refs[1].act == "某某法" and keys(refs[1]) == [("3", 2, None)]


def test_bare_chapter_in_a_code_means_the_one_of_the_citing_part():
    text = ("示例法典\n第一编　总则\n第一章　一般规定\n第一条　甲。\n第二章　其他\n第二条　乙。\n"
            "第二编　分则\n第一章　一般规定\n第三条　丙。\n第二章　特别规定\n第四条　适用第一章的规定。\n"
            "第五条　本法自2030年1月1日起施行。\n")
    d = load_text(text).documents[0]
    r = by_text(extract(d), "第一章")
    assert r.targets[0].node is not None and r.targets[0].node.line == 8  # 第二编's 第一章


def test_annex_text_cites_the_law_by_its_name_only():
    text = ("示例条例\n第一条　甲。\n第二条　本条例自2030年1月1日起施行。\n附件\n"
            "收费项目表（依据本条例第一条）\n说明：第五条所列项目另行公布。\n")
    d = load_text(text).documents[0]
    refs = extract(d)
    assert [r.text for r in refs] == ["本条例第一条"] and refs[0].article is None
    assert refs[0].targets[0].found


_SUMMARY_LAW = (
    "某条例\n第一条　为了测试，制定本条例。\n"
    "第二条　有下列情形之一的，予以纠正：\n（一）甲；\n（二）乙；\n（三）丙；\n（四）丁；\n（五）戊。\n"
    "有前项所列情形，情节严重的，从重处理。\n"
    "第三条　三。\n第四条　四。\n第四条之一　插入。\n第五条　五。\n第六条　六。\n"
    "第七条　第一款。\n第二款。\n前两款规定以外的，依照第三条、第五条办理。\n"
    "第八条　违反本条例第二条第（一）项至第（三）项规定的，依照第三条至第五条处理。\n"
    "第九条　有本条例第二条第（二）项、第（四）项、第（五）项情形的，依照第三条、第四条和第六条处理。\n"
    "第十条　依照本条例第七条第一款至第三款和《某某法》第十二条第二款处理；违反本条例第九十九条的，另行处理。\n"
    "第十一条　依照第三条第一款、第五条和本条例第十二条第（一）项第二目处理。\n"
    "第十二条　下列事项：\n（一）甲类：\n1.子；\n2.丑。\n"
    "第十三条　依照本条例第三条、第四条、第四条之一处理。\n"
    "第十四条　甲方：\n（一）子；\n（二）丑。\n乙方：\n（一）寅；\n（二）卯。\n"
    "第十五条　依照第十四条第一款第（一）项、第二款第（二）项处理；第七条第一款、第三款另有规定的，从其规定；"
    "违反本条例第九十八条、第九十九条的，另行处理。\n")


@pytest.mark.parametrize("article, cited, summary", [
    ("7", "前两款", "第七条第一款、第二款"),
    ("7", "第三条、第五条", "第三条、第五条"),
    ("8", "本条例第二条第（一）项至第（三）项", "第二条第（一）至（三）项"),
    ("8", "第三条至第五条", "第三条至第五条"),  # 第四条之一 included, a run of consecutive keys
    ("9", "本条例第二条第（二）项、第（四）项、第（五）项", "第二条第（二）（四）（五）项"),
    ("9", "第三条、第四条和第六条", "第三条、第四条、第六条"),
    ("10", "本条例第七条第一款至第三款", "第七条第一款至第三款"),
    ("10", "《某某法》第十二条第二款", "《某某法》第十二条第二款"),
    ("10", "本条例第九十九条", "第九十九条（不存在：第九十九条）"),
    ("2", "前项", "第二条第一款第（五）项"),  # after the list: its last item
    ("11", "第三条第一款、第五条", "第三条第一款、第五条"),
    ("11", "本条例第十二条第（一）项第二目", "第十二条第（一）项第二目"),  # as cited: no 款
    ("13", "本条例第三条、第四条、第四条之一", "第三条至第四条之一"),  # three in a row: a run
    ("15", "第十四条第一款第（一）项、第二款第（二）项", "第十四条第一款第（一）项、第十四条第二款第（二）项"),
    ("15", "第七条第一款、第三款", "第七条第一款、第三款"),
    ("15", "本条例第九十八条、第九十九条", "第九十八条、第九十九条（不存在：第九十八条、第九十九条）"),
])

def test_summaries_cite_as_a_drafter_would(article, cited, summary):
    # Written by hand: how each citation reads back, lists and runs folded the usual way.
    doc = load_text(_SUMMARY_LAW).documents[0]
    found = {r.text: r for r in extract(doc) if r.article is not None and r.article.number == article}
    assert cited in found, sorted(found)
    assert summarize(found[cited], doc) == summary


def test_a_range_of_articles_counts_the_inserted_ones():
    doc = load_text(_SUMMARY_LAW).documents[0]
    (r,) = [r for r in extract(doc) if r.text == "第三条至第五条"]
    assert [t.article for t in r.targets] == ["3", "4", "4-1", "5"]
    assert all(t.found for t in r.targets)


def test_backlinks_read_the_references_they_are_given():
    doc = load_text(_SUMMARY_LAW).documents[0]
    second = [doc.article_index["2"]]
    assert [r.article.number for r in backlinks(doc, second)] == ["2", "8", "9"]  # 前项 in 第二条 too
    assert backlinks(doc, second, refs=[]) == []


def test_a_cited_chapter_reads_as_its_heading():
    doc = load_text("某条例\n第一章　总则\n第一条　本章所称测试，依照第二章的规定。\n"
                    "第二章　附则\n第二条　本条例自2024年1月1日起施行。\n").documents[0]
    assert [summarize(r, doc) for r in extract(doc)] == ["第一章 总则", "第二章 附则"]


# -- a loose text read as if it stood at a place of the document ------------------------------

def _parts(cited, text):
    return [(p.level, p.number, text[p.start:p.end], p.article) for c in cited for p in c.parts]


def test_text_read_at_a_place_carries_each_number_and_its_article(river):
    from lawcli.refs.extract import citations_in

    d, _ = river
    text = "依照前条第二款、本条第一款、第三款和本条例第七条至第八条、第十、十一条第二款的规定"
    cited = citations_in(d, text, article="7", paragraph=2)
    assert not any(c.external for c in cited)
    assert _parts(cited, text) == [
        ("paragraph", 2, "二", "6"),  # 前条: 第六条 before 第七条
        ("paragraph", 1, "一", "7"), ("paragraph", 3, "三", "7"),  # 本条, and the 款 after it
        ("article", "7", "七", "7"), ("article", "8", "八", "8"),  # a range: its two ends
        ("article", "10", "十", "10"), ("article", "11", "十一", "11"),  # one 第, one 条
        ("paragraph", 2, "二", None),  # 第二款 of both 第十条 and 第十一条: no single article
    ]
    # a bare 第二款 is one of the citing article; 之一 is in the span of its number
    text = "第二款和第五条之一第一款"
    assert _parts(citations_in(d, text, article="3", paragraph=3), text) == [
        ("paragraph", 2, "二", "3"), ("article", "5-1", "五条之一", "5-1"), ("paragraph", 1, "一", "5-1")]


def test_text_read_at_a_place_knows_the_document_s_aliases_and_other_acts(river):
    from lawcli.refs.extract import citations_in

    d, _ = river
    for text in ("依照水法第三十九条", "依照《中华人民共和国防洪法》第二十条第二款", "刑法第十条"):
        cited = citations_in(d, text, article="9", paragraph=1)
        assert cited and all(c.external for c in cited), text
    assert citations_in(d, "依照水法第三十九条", article="9")[0].act == "中华人民共和国水法"


def test_text_reader_agrees_with_the_document_scan(river):
    """Every text of the fixture read at its own place gives what the scan of the document gives."""
    from lawcli.refs.extract import TextReader, citations

    d, _ = river
    reader = TextReader(d)
    got, want = [], []
    for c in citations(d):
        want.append((c.text, c.start, c.end, c.external, c.act, c.relative, c.locations))
    seen = set()
    for c in citations(d):
        if id(c.source) in seen:
            continue
        seen.add(id(c.source))
        place = {k.value: int(n.number) for k, n in _ancestry(d, c.source) if k.value in ("paragraph", "item")}
        for t in reader.citations(c.source.text, article=c.article.number if c.article else None, **place):
            got.append((t.text, t.start, t.end, t.external, t.act, t.relative, t.locations))
    assert got == want


def _ancestry(d, node):
    return [(n.kind, n) for n in d.ancestors(node) + [node]]


def test_a_law_whose_short_name_begins_with_国家_is_another_act():
    """国家有关规定第五条 is a generic phrase (the number is this act's), 国家赔偿法第十七条 a law."""
    text = ("示例解释\n第一条　属于国家赔偿法第十七条第一项规定的情形，依照国家安全法第十条处理。\n"
            "第二条　依照国家有关规定第一条办理。\n第三条　本解释自2030年1月1日起施行。\n")
    refs = extract(load_text(text).documents[0])
    assert [(r.text, r.external, r.act) for r in refs] == [
        ("国家赔偿法第十七条第一项", True, "国家赔偿法"), ("国家安全法第十条", True, "国家安全法"),
        ("第一条", False, None)]
