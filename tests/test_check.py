"""`lawcli check`: every seeded fault is found; official texts pass clean of errors."""

import json
from pathlib import Path

import pytest

from lawcli import load_file, load_text
from lawcli.refs.check import check
from lawcli.rules import RULES
from lawcli.rules import rule as rule_of
from tests.conftest import corpus_file, national_files, or_skip

FIX = Path(__file__).parent / "fixtures" / "refs"
FAULTY = FIX / "示例县集市管理办法（草案）.txt"
RIVER = FIX / "示例市河道管理条例.txt"
NIGHT = FIX / "示例市夜市管理规定-公报排版.txt"


def findings_of(path, **kw):
    return check(load_file(str(path)).documents[0], **kw)


@pytest.fixture(scope="module")
def faulty():
    return findings_of(FAULTY)


# Each fault seeded into the invented draft: (rule, address, a word of the message).
SEEDED = [
    ("numbering-gap", "第三条第一款第（四）项", "缺少编号"),  # items （一）（二）（四）
    ("item-punctuation", "第四条第一款第（二）项", "。"),  # a middle item closing with 。
    ("item-punctuation", "第四条第一款第（四）项", "最后一项"),  # the last item closing with ；
    ("self-reference", "第五条第一款", "本条"),  # 第五条 citing 本办法第五条
    ("mixed-punctuation", "第五条第二款", "半角"),  # , and . in a full-width draft
    ("unbalanced-brackets", "第六条第一款", "《"),  # 《…法 without 》
    ("numbering-gap", "第六条第二款第（三）项", "缺少编号"),  # （一）（三）（二）
    ("numbering-gap", "第六条第二款第（三）项第3目", "缺少编号"),  # 1． 3．
    ("numbering-order", "第六条第二款第（二）项", "顺序颠倒"),
    ("numbering-gap", "第八条", "第六条之后是第八条"),  # no 第七条
    ("item-punctuation", "第八条第一款第（三）项", "缺少标点"),  # 短斤少两 with no mark
    ("numbering-gap", "第四章 法律责任", "第二章之后是第四章"),  # no 第三章
    ("dangling-reference", "第九条第一款", "前面没有可引用的款"),  # 前款 in a first 款
    ("dangling-reference", "第九条第二款", "第四条第（九）项"),  # items (一)…(四) only
    ("dangling-reference", "第九条第二款", "第三条第五款"),  # 第三条 has one 款
    ("dangling-reference", "第九条第二款", "第九十九条"),  # no such article
    ("unbalanced-brackets", "第十条第一款", "（"),  # （情节严重的… never closed
    ("numbering-duplicate", "第十条", "重复"),  # two 第十条
    ("unbalanced-brackets", "第十条第一款", "双引号"),  # “公示义务 never closed (second 第十条)
    ("empty-article", "第十一条", "没有条文内容"),
    ("no-effective-date", "第十二条", "施行"),
]


@pytest.mark.parametrize("rule,address,word", SEEDED, ids=[f"{r}@{a}" for r, a, _ in SEEDED])
def test_each_seeded_fault_is_found(faulty, rule, address, word):
    hits = [f for f in faulty if f.rule == rule and f.address == address and word in f.message]
    assert hits, f"{rule} at {address} not found; findings: {[(f.rule, f.address, f.message) for f in faulty]}"
    assert hits[0].severity == rule_of(rule).severity
    assert hits[0].line and hits[0].line > 1


def test_nothing_but_the_seeded_faults(faulty):
    # Two faults of 第九条第二款 sit in one reference, so they make one finding.
    unexpected = [f for f in faulty if not any(
        f.rule == r and f.address == a and w in f.message for r, a, w in SEEDED)]
    assert unexpected == [] and len(faulty) == len(SEEDED) - 1


def test_clean_drafts_are_clean():
    assert findings_of(RIVER) == []
    assert findings_of(NIGHT) == []  # half-width throughout (as in the gazette) is consistent


def test_ignore_silences_a_rule():
    all_rules = {f.rule for f in findings_of(FAULTY)}
    left = {f.rule for f in findings_of(FAULTY, ignore=["dangling-reference", "item-punctuation"])}
    assert left == all_rules - {"dangling-reference", "item-punctuation"}


def law(body: str) -> str:
    return "示例条例\n" + body + "\n第二条　本条例自2030年1月1日起施行。\n"


def rules_of(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.address) for f in check(load_text(text).documents[0])]


def test_item_lists_in_the_styles_official_texts_use():
    # The lead-in sentence continues after the list: items close with 、 or ，.
    running = law("第一条　对下列单位、\n（一）学校、\n（二）医院、\n（三）养老机构，\n"
                  "应当优先保障供水。")
    assert [r for r in rules_of(running) if r[0] == "item-punctuation"] == []
    # Every item a sentence of its own (definitions): all close with 。.
    sentences = law("第一条　本条例下列用语的含义：\n（一）甲，是指甲。\n（二）乙，是指乙。\n（三）丙，是指丙。")
    assert rules_of(sentences) == []
    # The usual enumeration.
    enum = law("第一条　禁止下列行为：\n（一）甲；\n（二）乙；\n（三）丙。")
    assert rules_of(enum) == []
    # An item with sub-items ends with ：.
    nested = law("第一条　包括下列事项：\n（一）甲；\n（二）乙，包括：\n1．子一；\n2．子二；\n（三）丙。")
    assert rules_of(nested) == []
    # But an enumeration whose middle item closes with 。 is flagged, once.
    bad = law("第一条　禁止下列行为：\n（一）甲；\n（二）乙。\n（三）丙；\n（四）丁。")
    assert rules_of(bad) == [("item-punctuation", "第一条第一款第（二）项")]


def test_quotes_may_run_over_several_paragraphs():
    # The drafting convention for a quoted passage of several 款: each opens with “, only the last closes.
    text = law("第一条　将第二条修改为：“甲。\n“乙。\n“丙。”")
    assert rules_of(text) == []
    assert rules_of(law("第一条　将第二条修改为：“甲。\n乙。")) == [("unbalanced-brackets", "第一条第一款")]


def test_reference_to_a_deleted_article():
    text = "示例条例\n第一条　（删去）\n第二条　依照本条例第一条的规定处理。\n第三条　本条例自2030年1月1日起施行。\n"
    found = [(f.rule, f.address, f.message) for f in check(load_text(text).documents[0])]
    assert found == [("deleted-reference", "第二条第一款", "“本条例第一条”引用的第一条已删去")]


def test_citing_a_part_of_the_own_article_by_number():
    text = law("第一条　甲。\n依照本条例第一条第一款的规定处理。")
    found = [f for f in check(load_text(text).documents[0]) if f.rule == "self-reference"]
    assert [(f.address, "本条第一款" in f.message) for f in found] == [("第一条第二款", True)]


def test_reference_to_a_paragraph_by_its_own_number():
    text = law("第一条　甲。\n依照第二款的规定处理。")
    assert ("self-reference", "第一条第二款") in rules_of(text)
    text = law("第一条　甲。\n乙包括：\n（一）依照本条第二款规定的事项；\n（二）其他事项。")
    assert ("self-reference", "第一条第二款第（一）项") in rules_of(text)
    assert rules_of(law("第一条　甲。\n依照本款和第一款的规定处理。")) == []


def test_a_decision_without_articles_is_checked_for_dates_and_marks():
    text = "示例市人民代表大会常务委员会关于某某事项的决定\n一、同意某某事项。\n二、本决定自公布之日起施行。\n"
    assert rules_of(text) == []
    text2 = "示例市人民代表大会常务委员会关于某某事项的决定\n一、同意《某某方案。\n"
    assert [r for r, _ in rules_of(text2)] == ["unbalanced-brackets"]
    # An approval decision takes effect by its adoption, an amendment act with the law it amends.
    amend = "示例市人民代表大会常务委员会关于修改《示例市某某条例》的决定\n一、将第二条修改为：“甲。”\n"
    assert rules_of(amend) == []


# -- official texts -----------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("path", or_skip(national_files()), ids=lambda p: p.stem if p else "none")
def test_national_laws_check_clean_of_errors(path):
    errors = [(f.rule, f.address, f.message) for f in findings_of(path) if f.severity == "error"]
    assert errors == []


def test_amendment_act_checks_clean():
    # No articles: an amendment act is a list of instructions; its quotes span 款, its date is there.
    assert findings_of(corpus_file("national", "刑法", "刑法修正案（十一）.md")) == []


def test_gazette_decisions_need_no_effective_date_clause():
    src = load_file(str(corpus_file("gazette", "shanxi-gazette-2021-07.txt")))
    decisions = [d for d in src.documents if d.kind == "决定" and not d.articles]
    assert decisions, "the gazette splitter found no decision without articles"
    for d in decisions:
        assert [f.rule for f in check(d)] == [], d.title


def test_gazette_regulations_check_clean():
    src = load_file(str(corpus_file("gazette", "shanxi-gazette-2021-07.txt")))
    laws = [d for d in src.documents if d.articles]
    assert len(laws) >= 2, "the gazette splitter lost one of the issue's two regulations"
    for d in laws:
        assert check(d) == [], d.title


# -- the command --------------------------------------------------------------------------

def test_cli_exit_codes(cli):
    assert cli("check", str(RIVER))[0] == 0
    code, out, err = cli("check", str(FAULTY))
    assert code == 1 and "error [R201] 第九条第二款" in out
    assert "error(s)" in err
    assert cli("check", str(FAULTY), "--ignore", "nonsense")[0] == 2
    assert cli("check", "/no/such/file.txt")[0] == 2


def test_cli_json_and_filters(cli):
    code, out, _ = cli("check", str(FAULTY), "--format", "json")
    data = json.loads(out)
    assert code == 1 and len(data) == len(SEEDED) - 1
    assert all({"code", "rule", "severity", "address", "message", "line"} <= set(f) for f in data)
    assert {f["severity"] for f in data} == {"error", "info"}
    code, out, _ = cli("check", str(FAULTY), "--format", "json", "--severity", "error")
    assert {f["severity"] for f in json.loads(out)} == {"error"}
    errors = ",".join(c for c, r in RULES.items() if r.severity == "error")
    code, out, _ = cli("check", str(FAULTY), "--ignore", errors, "--format", "json")
    assert code == 1 and {f["severity"] for f in json.loads(out)} == {"info"}
    code, out, _ = cli("check", str(FAULTY), "--ignore", errors, "--severity", "warning")
    assert code == 0 and out == ""


def test_cli_rules_and_stdin(cli):
    code, out, _ = cli("check", "--rules")
    assert code == 0 and all(r in out for r in RULES)
    code, out, _ = cli("check", "-", stdin=law("第一条　依照本条例第五十条。").encode())
    assert code == 1 and "第五十条" in out


@pytest.mark.slow
def test_amendment_decisions_check_clean_of_errors(corpus):
    for path in sorted((corpus / "amendments" / "acts").glob("*.md")):
        errors = [(f.rule, f.message) for f in findings_of(path) if f.severity == "error"]
        assert errors == [], path.name


def test_cli_gazette_regulation_is_clean(cli):
    path = str(corpus_file("gazette", "shanxi-gazette-2021-07.txt"))
    code, out, err = cli("check", path, "--doc", "传统村落")
    assert (code, out) == (0, "") and "clean" in err
