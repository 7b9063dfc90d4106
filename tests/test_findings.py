"""Every finding true and worth its severity (issue 14): the rule catalogue, each rule on
texts written here, every reference form, the look-up's warnings, the library.

Texts are invented (a 某某条例 of a few articles); what each expects is read off the
text itself, never off lawcli's output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, corpus_file

from lawcli.api import load_text
from lawcli.refs.check import check
from lawcli.refs.extract import extract
from lawcli.rules import RULES, SEVERITIES, matches, message, unknown


def doc_of(text: str):
    return load_text(text).documents[0]


def codes(text: str, **kw) -> list[str]:
    return [f.code for f in check(doc_of(text), **kw)]


def law(*articles: str, title: str = "某某市某某条例") -> str:
    return title + "\n\n" + "\n\n".join(articles) + "\n"


LAST = "第九十九条 本条例自2024年1月1日起施行。"


# -- the catalogue -------------------------------------------------------------------------

def test_every_rule_has_a_code_a_severity_and_a_documented_line():
    doc = (ROOT / "docs" / "check.md").read_text("utf-8")
    for code, r in RULES.items():
        assert re.fullmatch(r"[A-Z]\d{3}", code) and r.severity in SEVERITIES
        assert r.description and r.example and r.templates[""]
        # The table row in docs/check.md names the code, the name and the severity.
        assert re.search(rf"^\| {code} \| {r.name} \| {r.severity} \|", doc, re.M), code


def test_messages_fill_their_fields_and_stay_chinese():
    text = message("N101", prev="第六条", label="第八条")
    assert text == "第六条之后是第八条，中间缺少编号"
    assert message("R201", text="本条例第九条", targets="第九条") == "“本条例第九条”引用的第九条不存在"
    with pytest.raises(KeyError):
        message("X999")


def test_selection_by_code_prefix_name_and_severity():
    assert matches("N101", ["N"]) and matches("N101", ["N1"]) and matches("N101", ["numbering-gap"])
    assert matches("P501", ["info"]) and not matches("R201", ["info"])
    assert matches("N102", ["numbering-"]) and not matches("R201", ["N"])
    assert unknown(["N", "R201", "nonsense", "Z9"]) == ["nonsense", "Z9"]


# -- effective date (D401) -------------------------------------------------------------------

@pytest.mark.parametrize("clause", [
    "本条例自2021年7月1日起施行。",
    "本规定自2021年7月1日施行。",  # no 起
    "本条例自公布之日起施行。",
    "本办法自发布之日起施行。",
    "本条例自2022年1月1日起生效。",
    "本条例自2022年1月1日起实施。",
    "本条例施行日期另行规定。",
    "本解释自公布之日起施行。",
    "本规定公布施行。",
])
def test_every_form_of_the_effective_date_clause_counts(clause):
    text = law("第一条 为了测试，制定本条例。", f"第二条 {clause}")
    assert "D401" not in codes(text)


def test_a_date_in_the_information_lines_counts():
    text = "某某市某某条例\n\n2015年5月1日 施行\n\n<!-- INFO END -->\n\n第一条 为了测试，制定本条例。\n"
    assert "D401" not in codes(text)


def test_no_clause_is_info_and_only_for_kinds_that_need_one():
    bare = law("第一条 为了测试，制定本条例。", "第二条 本条例由市人民政府负责解释。")
    found = check(doc_of(bare))
    assert [(f.code, f.severity) for f in found] == [("D401", "info")]
    assert found[0].address == "第二条"
    for title in ("中华人民共和国宪法", "某某市人民代表大会常务委员会关于某某事项的决定",
                  "中华人民共和国刑法修正案（十三）"):
        assert "D401" not in codes(law("第一条 甲。", "第二条 乙。", title=title)), title


# -- numbering (N1xx) --------------------------------------------------------------------------

def test_chapters_numbered_on_across_parts_are_accepted():
    text = ("某某法\n\n第一编 总则\n\n第一章 任务\n\n第一条 甲。\n\n第二章 管辖\n\n第二条 乙。\n\n"
            "第二编 程序\n\n第三章 一审\n\n第三条 丙。\n\n第四章 二审\n\n第四条 本法自公布之日起施行。\n")
    assert [c for c in codes(text) if c.startswith("N")] == []


def test_chapters_restarting_in_each_part_are_accepted_and_a_gap_is_not():
    ok = ("某某法\n\n第一编 总则\n\n第一章 甲\n\n第一条 甲。\n\n第二编 分则\n\n第一章 乙\n\n"
          "第二条 本法自公布之日起施行。\n")
    assert [c for c in codes(ok) if c.startswith("N")] == []
    gap = ("某某法\n\n第一编 总则\n\n第一章 甲\n\n第一条 甲。\n\n第二编 分则\n\n第三章 乙\n\n"
           "第二条 本法自公布之日起施行。\n")
    assert "N104" in codes(gap) or "N101" in codes(gap)


def test_items_continuing_after_an_intermediate_paragraph_are_accepted():
    text = law("第一条 本条例下列用语的含义：\n\n（一）甲，是指某物。\n\n（二）乙，是指另一物。\n\n"
               "乙的改动，是指乙的拆除和迁移。\n\n（三）丙，是指第三物。", LAST.replace("九十九", "二"))
    assert [c for c in codes(text) if c.startswith("N")] == []


def test_items_that_do_not_continue_are_still_reported():
    text = law("第一条 下列行为：\n\n（一）甲；\n\n（二）乙。\n\n另有规定的：\n\n（四）丁。",
               "第二条 本条例自公布之日起施行。")
    assert "N104" in codes(text)


def test_a_table_of_contents_written_as_headings_is_no_duplicate():
    text = ("某某条例\n\n第一章 总则\n\n第二章 附则\n\n第一章 总则\n\n第一条 甲。\n\n"
            "第二章 附则\n\n第二条 本条例自公布之日起施行。\n")
    assert [c for c in codes(text) if c.startswith("N")] == []
    real = ("某某条例\n\n第一章 总则\n\n第一条 甲。\n\n第一章 附则\n\n第二条 本条例自公布之日起施行。\n")
    assert "N102" in codes(real)


# -- references to other acts: never read as this one's ----------------------------------------

@pytest.mark.parametrize("cited,act", [
    ("依照刑法第二百七十七条", "刑法"),
    ("依照民法典第一千一百六十五条", "民法典"),
    ("依照国家赔偿法第三十五条", "国家赔偿法"),
    ("依照中华人民共和国行政许可法第七十条", "中华人民共和国行政许可法"),
    ("依照《中华人民共和国行政处罚法》第三十二条", "中华人民共和国行政处罚法"),
    ("依照《关于〈中华人民共和国刑法〉第三百四十一条的解释》", None),
    ("依照联合国宪章第七章", "联合国宪章"),
])
def test_other_acts_with_and_without_title_marks(cited, act):
    text = law(f"第一条 {cited}的规定处理。", "第二条 本条例自公布之日起施行。")
    refs = extract(doc_of(text))
    assert refs and all(r.external for r in refs), [(r.text, r.external) for r in refs]
    if act:
        assert any(r.act == act for r in refs)
    assert "R201" not in codes(text)


def test_a_short_name_defined_in_the_text_is_the_act():
    text = law("第一条 根据《中华人民共和国治安管理处罚法》（以下简称“治安处罚法”），制定本条例。",
               "第二条 违反治安处罚法第四十条的，依法处罚。", "第三条 本条例自公布之日起施行。")
    [r] = [r for r in extract(doc_of(text)) if "第四十条" in r.text]
    assert r.external and r.act == "中华人民共和国治安管理处罚法"


@pytest.mark.parametrize("phrase", ["上述法律第八条", "前述法规第八条", "有关法律、行政法规第八条"])
def test_generic_names_of_other_acts(phrase):
    text = law(f"第一条 违反{phrase}规定的，依法处理。", "第二条 本条例自公布之日起施行。")
    refs = [r for r in extract(doc_of(text)) if "第八条" in r.text]
    assert refs and refs[0].external and "R201" not in codes(text)


def test_a_bare_article_after_another_acts_in_one_sentence_is_that_acts():
    text = law("第一条 证券法第六十七条第二款所列重大事件的发生时间，第七十五条规定的计划的形成时间，认定为敏感期。",
               "第二条 本规定自公布之日起施行。", title="关于某某问题的规定")
    refs = [r for r in extract(doc_of(text)) if "七十五" in r.text]
    assert refs and refs[0].external and refs[0].act == "证券法"


def test_this_acts_own_references_stay_internal_and_are_checked():
    text = law("第一条 甲。", "第二条 违反本条例第一条和第九条的，依法处理。", "第三条 本条例自公布之日起施行。")
    found = check(doc_of(text))
    assert [(f.code, f.severity) for f in found] == [("R201", "error")]
    assert found[0].message.endswith("引用的第九条不存在")


# -- internal references in the context their sentence sets -----------------------------------

CIVIL = law(
    "第一条 债务人或者第三人有权处分的下列财产可以抵押：\n\n（一）建筑物和其他土地附着物；\n\n（二）建设用地使用权；\n\n"
    "（三）海域使用权；\n\n（四）生产设备、原材料；\n\n（五）正在建造的建筑物、船舶、航空器；\n\n（六）交通运输工具。",
    "第二条 以本法第一条第一项至第三项规定的财产或者第五项规定的正在建造的建筑物抵押的，应当办理抵押登记。",
    "第三条 违反本法第一条规定的，依照下列规定处理：\n\n（一）违反第五项规定的，责令改正；\n\n（二）违反第六项规定的，予以警告。",
    "第四条 违反本法第一条第一项规定的，责令改正；违反第四项规定的，予以警告。",
    "第五条 本法自2021年1月1日起施行。", title="某某法")


def _targets(text: str, cited: str, line_word: str) -> list[str]:
    refs = [r for r in extract(doc_of(text)) if r.text == cited and line_word in r.source.text]
    assert refs, cited
    return [t.address for t in refs[0].targets]


def test_a_bare_item_after_another_article_in_its_sentence():
    assert _targets(CIVIL, "第五项", "抵押登记") == ["第一条第一款第（五）项"]


def test_items_of_a_list_cite_the_article_its_introduction_names():
    assert _targets(CIVIL, "第五项", "责令改正；") == ["第一条第一款第（五）项"]
    assert _targets(CIVIL, "第六项", "警告") == ["第一条第一款第（六）项"]


def test_a_clause_after_a_semicolon_keeps_the_article_of_the_clause_before():
    assert _targets(CIVIL, "第四项", "违反第四项") == ["第一条第一款第（四）项"]
    assert "R201" not in codes(CIVIL)


@pytest.mark.parametrize("cited,where,expected", [
    ("前款", "第三款", ["第一条第二款"]),
    ("前两款", "第三款", ["第一条第一款", "第一条第二款"]),
    ("本条第一款", "第三款", ["第一条第一款"]),
    ("第二款", "第三款", ["第一条第二款"]),
])
def test_relative_paragraphs(cited, where, expected):
    text = law("第一条 甲。\n\n乙。\n\n丙，依照%s处理。" % cited, "第二条 本条例自公布之日起施行。")
    refs = [r for r in extract(doc_of(text)) if r.text == cited]
    assert [t.address for t in refs[0].targets] == expected and refs[0].source.number == "3"


def test_a_reference_before_any_paragraph_is_reported():
    text = law("第一条 依照前款规定处理。", "第二条 本条例自公布之日起施行。")
    assert codes(text) == ["R201"]


# -- brackets, empty articles -----------------------------------------------------------------

def test_unbalanced_brackets_and_a_paragraph_broken_by_the_copy():
    assert "S301" in codes(law("第一条 依照《某某法规定处理。", "第二条 本条例自公布之日起施行。"))
    broken = law("第一条 市、县（市、\n\n区）人民政府应当表彰。", "第二条 本条例自公布之日起施行。")
    assert "S301" not in codes(broken)


def test_an_empty_article_is_an_error():
    assert "S302" in codes(law("第一条 甲。", "第二条", "第三条 本条例自公布之日起施行。"))


# -- the command: selection, JSON, look-ups' warnings, -q --------------------------------------

DRAFT = law("第一条 依照本条例第九条处理。", "第二条 甲，乙。", "第三条 违反本条例第八条的，处罚。")


@pytest.fixture
def draft(tmp_path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, "utf-8")
    return p


def test_check_select_ignore_and_json(cli, draft):
    code, out, _ = cli("check", str(draft), "--format", "json")
    data = json.loads(out)
    assert code == 1 and {"code", "severity", "message", "address", "line"} <= set(data[0])
    assert sorted(f["code"] for f in data) == ["D401", "R201", "R201"]
    code, out, _ = cli("check", str(draft), "--select", "R", "--format", "json")
    assert {f["code"] for f in json.loads(out)} == {"R201"}
    code, out, _ = cli("check", str(draft), "--ignore", "R2,info")
    assert code == 0 and out == ""
    assert cli("check", str(draft), "--select", "Q7")[0] == 2
    code, out, err = cli("check", str(draft), "-q")
    assert code == 1 and err == "" and "[R201]" in out


def test_a_look_up_prints_only_the_warnings_about_what_it_prints(cli, draft):
    code, out, err = cli("article", "2", str(draft))
    assert code == 0 and "第九条" not in err and "第八条" not in err
    assert "另有 2 条提示，见 lawcli check" in err
    code, out, err = cli("article", "1", str(draft))
    assert "第九条不存在" in err and "第八条" not in err and "另有 1 条提示" in err
    code, out, err = cli("article", "1", str(draft), "-q")
    assert code == 0 and err == "" and "第一条" in out
    code, out, err = cli("article", "3", str(draft), "--format", "json", "-q")
    data = json.loads(out)
    assert err == "" and [w["code"] for w in data["warnings"]] == ["R201"] and data["warnings_omitted"] == 1


def test_print_and_toc_quiet(cli, draft):
    assert cli("print", str(draft), "-q")[2] == ""
    code, out, err = cli("print", str(draft))
    assert "第九条不存在" in err and "第八条不存在" in err
    assert cli("toc", str(draft), "--quiet")[2] == ""


# -- citations followed into the library -------------------------------------------------------

def test_citations_of_a_library_act(cli, tmp_path):
    law_file = corpus_file("national", "行政法", "行政处罚法(2021-01-22).md")
    assert cli("library", "add", str(law_file))[0] == 0
    text = law("第一条 依照《中华人民共和国行政处罚法》第三十二条和行政处罚法第九十九条处理。",
               "第二条 本条例自公布之日起施行。")
    p = tmp_path / "citing.txt"
    p.write_text(text, "utf-8")
    # How many articles the act has, read off the source with a plain regex.
    count = len(re.findall(r"^第[一二三四五六七八九十百零]+条 ", law_file.read_text("utf-8"), re.M))
    assert 32 <= count < 99
    code, out, _ = cli("refs", str(p), "--format", "json")
    refs = {r["text"]: r for r in json.loads(out)}
    [hit] = refs["《中华人民共和国行政处罚法》第三十二条"]["library"]
    assert hit["found"] and hit["address"] == "第三十二条" and hit["path"] == str(law_file)
    assert refs["行政处罚法第九十九条"]["library"][0]["found"] is False
    code, out, _ = cli("article", "行政处罚法第三十二条")
    assert code == 0 and out.startswith("第三十二条")
    code, out, _ = cli("check", str(p), "--format", "json")
    [f] = json.loads(out)
    assert f["code"] == "R211" and f["severity"] == "warning" and "第九十九条" in f["message"]
    assert f["target"]["path"] == str(law_file)


def test_a_citation_gone_stale_after_a_revision(cli, tmp_path):
    old = corpus_file("national", "经济法", "反垄断法(2007-08-30).md")
    new = corpus_file("national", "经济法", "反垄断法(2022-06-24).md")
    assert cli("library", "add", str(old), str(new))[0] == 0

    def article(path: Path, n: str) -> str:
        m = re.search(rf"^第{n}条 (.*)$", path.read_text("utf-8"), re.M)
        return m.group(1)

    assert article(old, "四十六") != article(new, "四十六")  # the two versions differ there
    text = ("某某市某某办法\n\n（2010年5月1日某某市人民政府令第1号公布）\n\n"
            "第一条 经营者违反反垄断法第四十六条规定的，依法处理。\n\n第二条 本办法自2010年6月1日起施行。\n")
    p = tmp_path / "old-citing.txt"
    p.write_text(text, "utf-8")
    code, out, _ = cli("check", str(p), "--format", "json")
    assert [f["code"] for f in json.loads(out)] == ["R212"]
    later = p.read_text("utf-8").replace("2010年5月1日", "2023年5月1日").replace("2010年6月1日", "2023年6月1日")
    p.write_text(later, "utf-8")
    assert cli("check", str(p))[0] == 0  # written under the latest version: nothing stale


def test_half_width_item_labels_are_one_note_not_one_per_item():
    items = "\n\n".join(f"({n})第{n}种情形；" for n in "一二三四")
    text = law(f"第一条 有下列情形之一的，依法处理：\n\n{items}", "第二条 本条例自公布之日起施行。")
    found = [f for f in check(doc_of(text)) if f.code == "P501"]
    assert len(found) == 1 and found[0].severity == "info" and "共4处" in found[0].message
    mixed = law("第一条 依照本条例规定,予以处理。", "第二条 本条例自公布之日起施行。")
    assert [f.code for f in check(doc_of(mixed))] == ["P501"]
