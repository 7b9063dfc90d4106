"""amend: the forms of amendment-act language, one small act each, composed here in the
styles of the real issuers (NPCSC decision, State Council decision, Supreme People's
Court package, provincial congress, 刑法修正案) — and the acts that cannot be trusted
(cut, unclosed, empty), which must fail their instruction and leave the law alone.

Every expected text below is written by hand from the act, not read from lawcli's output.
"""

from __future__ import annotations

import re

import pytest

from lawcli.amend import apply_act, check_result, parse_act
from lawcli.cli.app import main
from lawcli.errors import UsageError
from lawcli.parsing.source import load_text

# A small regulation of our own, in the layout of a provincial text.
LAW = """示例省湿地保护条例

（2016年9月1日示例省第十二届人民代表大会常务委员会第二十五次会议通过）

第一章　总　则

第一条　为了加强湿地保护，维护湿地生态功能，根据有关法律、行政法规，结合本省实际，制定本条例。

第二条　本条例适用于本省行政区域内湿地的保护、利用和管理。

第三条　县级以上人民政府林业主管部门负责湿地保护的组织、协调工作。

有关部门按照各自职责做好湿地保护工作。

第二章　保护与利用

第四条　禁止在湿地内从事下列活动：

（一）开垦、填埋湿地；

（二）擅自采砂、取土；

（三）排放未经处理的污水。

第五条　湿地利用应当符合湿地保护规划，不得改变湿地生态功能。

第六条　违反本条例第四条规定的，由林业主管部门责令停止违法行为，处一万元以上五万元以下罚款。

第三章　附　则

第七条　本条例自2017年1月1日起施行。
"""


def _plain_articles(text: str) -> dict[str, str]:
    """第X条 → its text, by a plain reading of the lines (not lawcli's parser)."""
    out: dict[str, str] = {}
    cur = None
    for line in text.splitlines():
        m = re.match(r"^(第[一二三四五六七八九十百]+条(?:之[一二三四五六七八九十]+)?)[\s\u3000]+(.*)$", line)
        if m:
            cur = m.group(1)
            out[cur] = m.group(2)
        elif re.match(r"^第[一二三四五六七八九十]+[章节][\s\u3000]", line):
            cur = None
        elif cur and line.strip():
            out[cur] += "\n" + line.strip()
    return out


def _provincial(body: str, closing: str = "") -> str:
    return ("示例省人民代表大会常务委员会关于修改《示例省湿地保护条例》的决定\n\n"
            "示例省第十四届人民代表大会常务委员会第八次会议决定对《示例省湿地保护条例》作如下修改：\n\n"
            f"{body}\n\n{closing}\n\n本决定自公布之日起施行。\n")


# -- NPCSC-style decisions: composite instructions ----------------------------------

def test_renumbered_article_with_a_deleted_phrase_and_a_replaced_paragraph():
    """将第X条改为第Y条，删去第一款中的“A”，并将第二款修改为：“…” — three clauses, one target."""
    body = ("一、增加一条，作为第三条：“省人民政府应当将湿地保护纳入国民经济和社会发展规划。”\n\n"
            "二、将第三条改为第四条，删去第一款中的“组织、”，并将第二款修改为：“发展改革、自然资源、"
            "生态环境等部门按照各自职责做好湿地保护工作。”")
    res = apply_act(LAW, _provincial(body, "此外，对条文顺序作相应调整。"))
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    arts = _plain_articles(res.text)
    assert arts["第三条"] == "省人民政府应当将湿地保护纳入国民经济和社会发展规划。"
    assert arts["第四条"] == ("县级以上人民政府林业主管部门负责湿地保护的协调工作。\n"
                             "发展改革、自然资源、生态环境等部门按照各自职责做好湿地保护工作。")
    # the citation of old 第四条 now reads 第五条
    assert arts["第七条"].startswith("违反本条例第五条规定的")


def test_paragraph_added_and_the_article_rewritten_in_one_instruction():
    """在第三条中增加一款作为第二款，将该条修改为：“…” — the new 款 is in the new text."""
    body = ("一、在第三条中增加一款作为第二款，将该条修改为：“县级以上人民政府林业主管部门负责湿地保护的"
            "组织、协调工作。\n“乡镇人民政府协助做好本辖区湿地保护工作。\n“有关部门按照各自职责做好湿地保护工作。”")
    res = apply_act(LAW, _provincial(body))
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    assert _plain_articles(res.text)["第三条"].split("\n") == [
        "县级以上人民政府林业主管部门负责湿地保护的组织、协调工作。",
        "乡镇人民政府协助做好本辖区湿地保护工作。",
        "有关部门按照各自职责做好湿地保护工作。"]
    assert [e.op for e in res.log] == ["within", "replace"]


def test_a_stated_number_wins_over_the_count_and_is_reported():
    """The act says old 第五条 becomes 第七条 although only one article was added before
    it: the act's number is used, the articles after it follow it, and the difference
    is in the log."""
    body = "一、增加一条，作为第三条：“新增规定。”\n\n二、将第五条改为第七条。"
    res = apply_act(LAW, _provincial(body, "此外，对条文顺序作相应调整。"))
    arts = _plain_articles(res.text)
    assert arts["第七条"] == "湿地利用应当符合湿地保护规划，不得改变湿地生态功能。"
    assert arts["第八条"].startswith("违反本条例第五条规定的")  # old 第四条 counted: 第五条
    assert "第六条" not in arts
    checks = [e for e in res.log if e.op == "check-number"]
    assert len(checks) == 1 and "第七条" in checks[0].reason and "第六条" in checks[0].reason


# -- State Council style: the regulation named inline, ASCII quotes -----------------

def test_state_council_items_name_the_regulation_inline():
    act = ('国务院关于修改和废止部分行政法规的决定\n\n'
           '为了依法推进简政放权，国务院对涉及的行政法规进行了清理。经过清理，国务院决定：\n\n'
           '一、对2部行政法规的部分条款予以修改。（附件1）\n\n'
           '附件1\n\n国务院决定修改的行政法规\n\n'
           '一、将《示例河道条例》第二条修改为"本条例适用于河道。"\n\n'
           '二、删去《示例省湿地保护条例》第四条第二项中的"擅自"。\n\n'
           '将第五条中的"湿地保护规划"修改为"湿地保护规划和国土空间规划"。\n\n'
           '此外，对相关行政法规中的条文序号作相应调整。\n')
    res = apply_act(LAW, act)
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    arts = _plain_articles(res.text)
    assert "（二）采砂、取土；" in arts["第四条"]
    assert arts["第五条"] == "湿地利用应当符合湿地保护规划和国土空间规划，不得改变湿地生态功能。"
    assert arts["第二条"] == "本条例适用于本省行政区域内湿地的保护、利用和管理。"  # the other regulation's item


# -- provincial congress: bare text after 修改为：, phrases listed without marks ------

def test_bare_paragraphs_after_the_colon_up_to_the_next_instruction():
    body = ("一、将第五条修改为：\n\n湿地利用应当符合湿地保护规划。\n\n禁止破坏湿地生态功能。\n\n"
            "二、将第七条中的“2017年1月1日”修改为“2017年3月1日”。")
    res = apply_act(LAW, _provincial(body))
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    arts = _plain_articles(res.text)
    assert arts["第五条"] == "湿地利用应当符合湿地保护规划。\n禁止破坏湿地生态功能。"
    assert arts["第七条"] == "本条例自2017年3月1日起施行。"


def test_phrases_listed_without_a_mark_between_them_longest_first():
    """其中的“部门”“主管部门”修改为“主管机关” — the 部门 inside 主管部门 is the longer phrase's."""
    body = "一、将第三条中的“部门”“主管部门”修改为“主管机关”。"
    res = apply_act(LAW, _provincial(body))
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    assert _plain_articles(res.text)["第三条"] == ("县级以上人民政府林业主管机关负责湿地保护的组织、协调工作。\n"
                                                  "有关主管机关按照各自职责做好湿地保护工作。")


def test_old_and_new_numbering_words():
    """原第X条作为第Y条, and 修改后第X条 naming a number in the new numbering."""
    body = ("一、增加一条，作为第一条：“本省实行湿地名录管理。”\n\n二、原第一条作为第二条。\n\n"
            "三、将原第二条改为修改后第三条。")
    res = apply_act(LAW, _provincial(body, "此外，对条文顺序作相应调整。"))
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    arts = _plain_articles(res.text)
    assert arts["第一条"] == "本省实行湿地名录管理。"
    assert arts["第二条"].startswith("为了加强湿地保护")
    assert arts["第三条"].startswith("本条例适用于")


# -- 刑法修正案 style: nothing renumbered, 之一, a 项 added -----------------------------

def test_criminal_law_amendment_style():
    act = ("示例省湿地保护条例修正案\n\n（2020年1月1日通过）\n\n"
           "一、第四条增加一项，作为第三项：“（三）猎捕湿地野生动物；”原第三项改为第四项。\n\n"
           "二、第六条后增加一条，作为第六条之一：“违反本条例第五条规定的，责令限期恢复。”\n\n"
           "三、本修正案自公布之日起施行。\n")
    res = apply_act(LAW, act)
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    arts = _plain_articles(res.text)
    assert arts["第四条"].split("\n")[1:] == ["（一）开垦、填埋湿地；", "（二）擅自采砂、取土；",
                                             "（三）猎捕湿地野生动物；", "（四）排放未经处理的污水。"]
    assert arts["第六条之一"] == "违反本条例第五条规定的，责令限期恢复。"
    assert arts["第七条"] == "本条例自2017年1月1日起施行。"


# -- Supreme People's Court package --------------------------------------------------

SPC = """# 最高人民法院关于审理示例合同纠纷案件适用《中华人民共和国合同法》若干问题的解释（二）

2015年3月2日 最高人民法院审判委员会第1640次会议通过

<!-- INFO END -->

为正确审理示例合同纠纷案件，根据《中华人民共和国合同法》的规定，结合审判实践，制定本解释。

第一条 当事人对合同是否成立存在争议，人民法院能够确定当事人名称和标的的，一般应当认定合同成立。

第二条 当事人未以书面形式订立合同，但从双方的民事行为能够推定双方有订立合同意愿的，人民法院可以认定合同成立。

第三条 当事人主张合同无效的，人民法院应当审查。

当事人未主张的，人民法院不主动审查。

第四条 本解释自2015年5月1日起施行。
"""

SPC_ACT = """# 最高人民法院关于修改《最高人民法院关于审理示例借款案件的规定》等三件民事类司法解释的决定

2020年12月23日 最高人民法院审判委员会第1823次会议通过

<!-- INFO END -->

根据审判实践需要，经最高人民法院审判委员会第1823次会议决定，对《最高人民法院关于审理示例借款案件的规定》等三件司法解释作如下修改：

一、修改《最高人民法院关于审理示例借款案件的规定》

1.将第一条修改为：

“借款合同自贷款人提供借款时成立。”

二、修改《最高人民法院关于审理示例合同纠纷案件适用〈中华人民共和国合同法〉若干问题的解释（二）》

1.将引言修改为：

“为正确审理示例合同纠纷案件，根据《中华人民共和国民法典》的规定，结合审判实践，制定本解释。”

2.将第一条修改为：

“当事人对合同是否成立存在争议，人民法院能够确定当事人姓名或者名称、标的和数量的，一般应当认定合同成立。

但法律另有规定或者当事人另有约定的除外。”

3.将第三条修改为：

“当事人主张合同无效的，人民法院应当依法审查。

“当事人未主张的，人民法院应当依职权审查。”

三、修改《最高人民法院关于审理示例保险案件的解释》

1.将第一条修改为：

“保险合同自成立时生效。”

本决定自2021年1月1日起施行。
"""


def test_court_package_quotations_in_the_next_paragraphs_and_the_preamble():
    """OLD's own title picks section 二 (the act writes 〈〉 inside 《》); the quotation
    follows 修改为： in the next paragraph, over two paragraphs opened once or each."""
    res = apply_act(SPC, SPC_ACT)
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    assert "根据《中华人民共和国民法典》的规定" in res.text
    assert "根据《中华人民共和国合同法》的规定" not in res.text
    arts = _plain_articles(res.text)
    assert arts["第一条"] == ("当事人对合同是否成立存在争议，人民法院能够确定当事人姓名或者名称、标的和数量的，"
                             "一般应当认定合同成立。\n但法律另有规定或者当事人另有约定的除外。")
    assert arts["第三条"] == "当事人主张合同无效的，人民法院应当依法审查。\n当事人未主张的，人民法院应当依职权审查。"
    assert arts["第二条"].startswith("当事人未以书面形式订立合同")
    assert [e.item for e in res.log] == ["二（1）", "二（2）", "二（3）"]


def test_court_package_short_law_names():
    act = parse_act(SPC_ACT)
    assert act.select("合同纠纷解释（二）") is act.parts[1]
    assert act.select("保险案件的解释") is act.parts[2]
    assert act.select("示例") is None  # three candidates: not guessed


def test_no_part_for_the_law_lists_the_act_s_laws_one_a_line():
    other = SPC.replace("示例合同纠纷案件适用", "示例租赁纠纷案件适用", 1)
    with pytest.raises(UsageError) as e:
        apply_act(other, SPC_ACT)
    lines = str(e.value).split("\n")
    assert len(lines) == 4 and lines[3].strip() == "最高人民法院关于审理示例保险案件的解释"


# -- acts that cannot be trusted (issue 20) ------------------------------------------

@pytest.mark.parametrize("body, why", [
    ("一、将第五条修改为：“湿地利用应当符合", "ends inside"),  # cut inside a quotation
    ("一、将第五条修改为：“", "ends inside"),  # an unclosed empty quotation
    ("一、将第五条修改为：“”", "empty"),
    ("一、将第五条中的“湿地保护规划”修改为“”。", "empty"),
    ("一、将第五条修改为：", "does not follow"),  # the act ends inside the instruction
    ("一、将第五条修改为", "does not follow"),
    ("一、将第五条修改为：\n\n二、删去第七条。", "does not follow"),
    ("一、将第五条修改为：“湿地利用应当符合规划。\n\n二、删去第七条。", "next instruction"),
])
def test_untrusted_text_fails_its_instruction_and_leaves_the_article(body, why):
    act = ("示例省人民代表大会常务委员会关于修改《示例省湿地保护条例》的决定\n\n"
           "示例省第十四届人民代表大会常务委员会第八次会议决定对《示例省湿地保护条例》作如下修改：\n\n" + body)
    res = apply_act(LAW, act)
    failed = [e for e in res.failed if e.target == "第五条"]
    assert len(failed) == 1 and why in failed[0].reason
    assert _plain_articles(res.text)["第五条"] == "湿地利用应当符合湿地保护规划，不得改变湿地生态功能。"


def test_cut_act_exits_1_after_applying_what_came_before(tmp_path, capsys):
    old = tmp_path / "条例.txt"
    old.write_text(LAW, encoding="utf-8")
    act = tmp_path / "决定.txt"
    act.write_text(_provincial("一、将第七条中的“2017年1月1日”修改为“2017年3月1日”。").split("\n\n本决定")[0]
                   + "\n\n二、将第五条修改为：“湿地利用应当符合", encoding="utf-8")
    code = main(["amend", str(old), str(act)])
    out = capsys.readouterr()
    assert code == 1
    assert "本条例自2017年3月1日起施行。" in out.out
    assert "不得改变湿地生态功能" in out.out  # 第五条 as it was
    assert "never closed" in out.err
    assert old.read_text(encoding="utf-8") == LAW


# -- --check --------------------------------------------------------------------------

def test_check_ignores_zero_width_spaces_of_the_official_file():
    res = apply_act(LAW, _provincial("一、删去第四条第二项中的“擅自”。"))
    official = res.text.replace("污水。", "污水。\n\u200b", 1)
    assert check_result(res, load_text(official).documents[0]).identical


def test_check_names_an_article_no_instruction_touches():
    res = apply_act(LAW, _provincial("一、删去第四条第二项中的“擅自”。"))
    official = res.text.replace("不得改变湿地生态功能", "不得破坏湿地生态功能")
    check = check_result(res, load_text(official).documents[0])
    assert [(r.key, r.explained, r.instructions) for r in check.rows] == [("5", False, ())]


def test_items_numbered_past_one_hundred():
    """一百零一、 is an item number of its own, not text of item 一百."""
    from lawcli.text.numerals import to_chinese

    items = "\n\n".join(f"{to_chinese(k)}、删去第四条第二项中的“擅自”。" for k in range(1, 102))
    act = parse_act(_provincial(items))
    assert len(act.parts[0].instructions) == 101
    assert act.parts[0].instructions[-1].item == "一百零一"
    assert act.parts[0].instructions[100].ops[0].op == "delete_phrase"


def test_a_listed_phrase_found_only_inside_a_longer_listed_one_is_not_missing():
    body = "一、将第六条中的“林业主管部门”“主管部门”修改为“湿地保护主管部门”。"
    res = apply_act(LAW, _provincial(body))
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    assert _plain_articles(res.text)["第六条"].startswith("违反本条例第四条规定的，由湿地保护主管部门责令")


def test_renumbering_ordered_inside_one_section_is_that_law_s():
    """2.条文顺序作相应调整 as an item of a section renumbers that law only."""
    third = "三、修改《最高人民法院关于审理示例保险案件的解释》"
    act = SPC_ACT.replace(third, "4.删除第二条。\n\n5.条文顺序作相应调整。\n\n" + third)
    parsed = parse_act(act)
    assert [p.renumber for p in parsed.parts] == [False, True, False] and not parsed.renumber
    arts = _plain_articles(apply_act(SPC, act).text)
    assert arts["第二条"].startswith("当事人主张合同无效的") and "第四条" not in arts
    # the same deletion without the item keeps the number, as 第二条 （删去）
    without = SPC_ACT.replace(third, "4.删除第二条。\n\n" + third)
    assert _plain_articles(apply_act(SPC, without).text)["第二条"] == "（删去）"


def test_check_names_the_act_s_announcement_of_wording_it_does_not_list():
    act = _provincial("一、删去第四条第二项中的“擅自”。", "此外，对个别文字作相应修改。")
    res = apply_act(LAW, act)
    official = res.text.replace("不得改变湿地生态功能", "不得损害湿地生态功能")
    check = check_result(res, load_text(official).documents[0])
    assert check.announced == "此外，对个别文字作相应修改。"
    assert check.to_dict()["announced"] == "此外，对个别文字作相应修改。"
    assert check_result(res, load_text(res.text).documents[0]).announced is None  # nothing to explain


@pytest.mark.parametrize("header", ["{}", "《{}》", "修改《{}》", "对《{}》作如下修改：", "对《{}》作出修改"])
def test_package_sections_however_their_header_names_the_law(header):
    """A provincial package of several regulations: each section's header names its law —
    by the bare title too (一、示例省湿地保护条例) — and its instructions are that law's only."""
    act = ("示例省人民代表大会常务委员会关于修改《示例省湿地保护条例》等二件地方性法规的决定\n\n"
           "示例省第十四届人民代表大会常务委员会第九次会议决定：\n\n"
           f"一、{header.format('示例省林地管理条例')}\n\n（一）删去第五条。\n\n"
           f"二、{header.format('示例省湿地保护条例')}\n\n（一）将第七条中的“2017年1月1日”修改为“2017年3月1日”。\n\n"
           "（二）删去第四条第二项中的“擅自”。\n\n本决定自公布之日起施行。\n")
    parsed = parse_act(act)
    assert parsed.laws() == ["示例省林地管理条例", "示例省湿地保护条例"]
    res = apply_act(LAW, act)
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    arts = _plain_articles(res.text)
    assert arts["第五条"].startswith("湿地利用应当符合")  # the other law's deletion
    assert arts["第七条"] == "本条例自2017年3月1日起施行。"
    assert [e.item for e in res.log] == ["二（一）", "二（二）"]


def test_one_text_for_several_clauses_with_a_new_chapter():
    """对第二条进行修改，作为第四条；增加一条，作为第五条。内容如下：“第三章…” — the quoted
    articles go to the clauses by their numbers, the quoted heading before them; the
    modified article moves where the act numbers it and its citations follow it."""
    law = ("示例县集市管理办法\n\n第一章　总　则\n\n第一条　为了规范集市管理，制定本办法。\n\n"
           "第二条　集市开办者应当维护集市秩序。\n\n第二章　经营\n\n第三条　经营者应当亮照经营。\n\n"
           "第四条　经营者违反本办法第二条规定的，由开办者劝阻。\n")
    act = ("示例县人民政府关于修改《示例县集市管理办法》的决定\n\n县人民政府决定对《示例县集市管理办法》作如下修改：\n\n"
           "一、对第二条进行修改，作为第四条；增加一条，作为第五条。内容如下：\n\n"
           "“第三章　法律责任\n\n“第四条　集市开办者不履行管理责任的，由市场监督管理部门责令改正。\n\n"
           "“第五条　经营者拒不改正的，依法处理。”\n\n此外，对条文顺序作相应调整。\n")
    res = apply_act(law, act)
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    lines = [ln for ln in res.text.splitlines() if ln.strip()]
    assert lines[1:] == ["第一章　总　则", "第一条　为了规范集市管理，制定本办法。", "第二章　经营",
                         "第二条　经营者应当亮照经营。", "第三条　经营者违反本办法第四条规定的，由开办者劝阻。",
                         "第三章　法律责任", "第四条　集市开办者不履行管理责任的，由市场监督管理部门责令改正。",
                         "第五条　经营者拒不改正的，依法处理。"]
    assert res.renumbered == {"2": "4", "3": "2", "4": "3"}


def test_more_quoted_articles_than_the_clauses_announce_is_reported():
    act = _provincial("一、增加一条，作为第八条。内容如下：“第八条　甲。\n“第九条　乙。”")
    res = apply_act(LAW, act)
    assert [e.op for e in res.failed] == ["unknown"]


def test_bare_text_with_items_after_the_colon():
    """The unquoted text of a provincial act may hold items: (一)… lines that order nothing
    belong to it; the next (二) that orders something is the act's own sub-item."""
    act = ("示例省人民代表大会常务委员会关于修改《示例省湿地保护条例》的决定\n\n"
           "示例省第十四届人民代表大会常务委员会第八次会议决定对《示例省湿地保护条例》作如下修改：\n\n"
           "一、对部分条文作以下修改：\n\n（一）将第四条修改为：\n\n禁止在湿地内从事下列活动：\n\n"
           "（一）开垦、填埋、排干湿地；\n\n（二）擅自采砂、取土、采矿；\n\n（三）排放未经处理的污水。\n\n"
           "（二）删去第五条中的“，不得改变湿地生态功能”。\n\n本决定自公布之日起施行。\n")
    res = apply_act(LAW, act)
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    arts = _plain_articles(res.text)
    assert arts["第四条"].split("\n") == ["禁止在湿地内从事下列活动：", "（一）开垦、填埋、排干湿地；",
                                         "（二）擅自采砂、取土、采矿；", "（三）排放未经处理的污水。"]
    assert arts["第五条"] == "湿地利用应当符合湿地保护规划。"
    assert [e.item for e in res.log] == ["一（一）", "一（二）"]


def test_places_stated_after_the_whole_instruction_and_quotations_side_by_side():
    """将第三条第二款改为第三款，增加一款作为第二款 (the 款 has place 3 only once the new one is
    in); 修改为两条 and 增加二款 with their quotations one after another in the paragraph."""
    body = ("一、将第三条第二款改为第三款，增加一款作为第二款：“乡镇人民政府协助做好湿地保护工作。”\n\n"
            "二、将第五条修改为两条，作为第五条、第六条：“第五条　湿地利用应当符合规划。”“第六条　禁止破坏湿地。”\n\n"
            "三、第二条增加二款，作为第二款、第三款：“湿地名录由省人民政府公布。”“名录实行动态管理。”")
    res = apply_act(LAW, _provincial(body, "此外，对条文顺序作相应调整。"))
    assert not res.failed, [(e.op, e.reason) for e in res.failed]
    arts = _plain_articles(res.text)
    assert arts["第二条"].split("\n") == ["本条例适用于本省行政区域内湿地的保护、利用和管理。",
                                         "湿地名录由省人民政府公布。", "名录实行动态管理。"]
    assert arts["第三条"].split("\n") == ["县级以上人民政府林业主管部门负责湿地保护的组织、协调工作。",
                                         "乡镇人民政府协助做好湿地保护工作。", "有关部门按照各自职责做好湿地保护工作。"]
    assert arts["第五条"] == "湿地利用应当符合规划。" and arts["第六条"] == "禁止破坏湿地。"
    assert arts["第七条"].startswith("违反本条例第四条规定的")


def test_renumbering_named_for_one_law_of_a_package():
    """《A》根据本决定作相应修改，重新公布；《B》…并对条文顺序作相应调整 — B is renumbered, A not."""
    def package(first: str) -> str:
        return ("示例省人民代表大会常务委员会关于修改《示例省林地管理条例》等二件地方性法规的决定\n\n"
                "示例省第十四届人民代表大会常务委员会第九次会议决定：\n\n"
                f"一、对《{first}》作如下修改\n\n删去第二条。\n\n"
                f"二、对《{'示例省林地管理条例' if first != '示例省林地管理条例' else '示例省湿地保护条例'}》作如下修改\n\n"
                "删去第二条。\n\n本决定自公布之日起施行。\n\n"
                "《示例省林地管理条例》根据本决定作相应修改，重新公布；《示例省湿地保护条例》根据本决定作相应修改"
                "并对条文顺序作相应调整，重新公布。\n")
    renumbered = _plain_articles(apply_act(LAW, package("示例省林地管理条例")).text)
    assert renumbered["第二条"].startswith("县级以上人民政府") and "第七条" not in renumbered
    act = package("示例省湿地保护条例").replace("湿地保护条例》根据本决定作相应修改并对条文顺序作相应调整",
                                       "湿地保护条例》根据本决定作相应修改").replace(
        "林地管理条例》根据本决定作相应修改，", "林地管理条例》根据本决定作相应修改并对条文顺序作相应调整，")
    kept = _plain_articles(apply_act(LAW, act).text)
    assert kept["第二条"] == "（删去）" and kept["第七条"].startswith("本条例自")


def test_check_names_a_bare_heading_line_of_old_as_its_defect():
    old = LAW.replace("第二章　保护与利用\n", "保护与利用\n")
    res = apply_act(old, _provincial("一、删去第五条中的“，不得改变湿地生态功能”。"))
    official = res.text.replace("\n保护与利用\n", "\n第二章　保护与利用\n")
    check = check_result(res, load_text(official).documents[0])
    row = next(r for r in check.rows if r.kind == "text")
    assert row.key == "3" and "保护与利用" in row.note and "defect of OLD" in row.note
    other = check_result(res, load_text(res.text.replace("湿地保护规划。", "湿地规划。")).documents[0])
    assert all(r.note is None for r in other.rows)
