"""Structure of the samples and of small texts covering each rule."""

from lawcli import parse
from lawcli.parsing.model import Kind
from lawcli.parsing.source import load_text
from tests.conftest import SAMPLES, read


def sample(name):
    return load_text(read(SAMPLES / name), name).documents[0]


def kinds(doc, kind):
    return [n for n in doc.walk() if n.kind is kind]


def test_trees_sample_chapters_items_and_inserted_article():
    doc = sample("示例市古树名木保护条例.txt")
    assert doc.title == "示例市古树名木保护条例"
    assert doc.kind == "条例"
    assert [c.title for c in kinds(doc, Kind.CHAPTER)] == ["总则", "认定与登记", "养护与管理", "法律责任", "附则"]
    keys = [a.number for a in doc.articles]
    assert keys[:9] == ["1", "2", "3", "4", "5", "6", "7", "8", "8-1"]
    assert len(keys) == 17
    art8 = doc.article_index["8"]
    paras = [c for c in art8.children if c.kind is Kind.PARAGRAPH]
    assert len(paras) == 2
    assert [i.label for i in paras[0].children] == ["（一）", "（二）", "（三）"]
    assert doc.article_index["8-1"].label == "第八条之一"
    assert doc.adopted == "2025-06-20"
    assert doc.effective == "2026-01-01"
    assert doc.warnings == ()
    info = [n for n in doc.children if n.kind is Kind.INFO]
    assert len(info) == 1 and "通过" in info[0].text


def test_parts_subparts_sections_subitems_and_toc():
    doc = sample("示例省公共数据条例.txt")
    toc = [n for n in doc.children if n.kind is Kind.TOC]
    assert len(toc) == 1
    # The 目录 repeats every heading; none of its lines may become a heading.
    assert len(kinds(doc, Kind.PART)) == 3
    assert len(kinds(doc, Kind.SUBPART)) == 2
    assert len(kinds(doc, Kind.CHAPTER)) == 6
    assert len(kinds(doc, Kind.SECTION)) == 2
    assert [a.number for a in doc.articles] == ["1", "2", "3", "3-1", "4", "5", "6", "6-1", "6-2",
                                                "7", "8", "9", "10", "11"]
    item2 = doc.article_index["3"].children[0].children[1]
    assert item2.kind is Kind.ITEM and item2.number == "2"
    assert [s.number for s in item2.children if s.kind is Kind.SUBITEM] == ["1", "2", "3"]
    assert doc.warnings == ()  # 章 numbering restarts in every 编


def test_traditional_script():
    doc = sample("示例市公園管理條例.txt")
    assert [a.label for a in doc.articles][:2] == ["第一條", "第二條"]
    assert len(doc.articles) == 8
    assert kinds(doc, Kind.CHAPTER)[0].title == "總則"
    assert doc.effective == "2024-01-01"
    assert doc.kind == "条例"


def test_heading_variants():
    text = ("某条例\n第一章总则\n第1条 为了测试，制定本条例。\n第二章 其他\n第２条　本条例自2024年1月1日起施行。\n")
    doc = parse(text)
    assert [c.title for c in kinds(doc, Kind.CHAPTER)] == ["总则", "其他"]
    assert [a.number for a in doc.articles] == ["1", "2"]


def test_articles_without_separator_are_read_when_no_heading_has_one():
    doc = parse("某办法\n第一条为了测试，制定本办法。\n第二条本办法第一条所称测试，是指示例。\n")
    assert [a.number for a in doc.articles] == ["1", "2"]
    assert doc.articles[1].full_text.startswith("本办法第一条")


def test_reference_at_line_start_is_not_an_article():
    doc = parse("某条例\n第一条　总的规定。\n第二十三条规定的事项，依照前款办理。\n")
    assert [a.number for a in doc.articles] == ["1"]


def test_sentence_after_chapter_label_is_not_a_chapter():
    doc = parse("说明\n第一章　总则.第一条至第六条.简要说明了目的.\n")
    assert kinds(doc, Kind.CHAPTER) == []


def test_preamble_and_annex():
    text = ("某宪章\n目录\n序言\n第一章 总纲\n序言\n人民是国家的主人。\n第一章 总纲\n第一条 总则内容。\n"
            "附件一\n一、附表内容\n第五条 附件里的条文不是本法的条文。\n")
    doc = parse(text)
    top = [n.kind for n in doc.children]
    assert top[:3] == [Kind.TITLE, Kind.TOC, Kind.PREAMBLE]
    assert kinds(doc, Kind.PREAMBLE)[0].children[0].text == "人民是国家的主人。"
    assert len(kinds(doc, Kind.CHAPTER)) == 1
    assert [a.number for a in doc.articles] == ["1"]
    annex = kinds(doc, Kind.ANNEX)[0]
    assert annex.label == "附件一" and annex.number == "1"
    assert len(annex.children) == 2


def test_numbering_diagnostics():
    text = ("某条例\n第一条 一。\n第二条 二：\n（一）甲；\n（三）丙。\n第二条 重复。\n第五条 跳号。\n第四条 倒序。\n")
    doc = parse(text)
    codes = [w.code for w in doc.warnings]
    assert "N102" in codes  # numbering-duplicate
    assert codes.count("N101") >= 2  # numbering-gap: 项 (一)→(三) and 条 2→5
    assert "N103" in codes  # numbering-order
    assert all(w.line for w in doc.warnings)


def test_text_without_articles_is_a_document():
    doc = parse("关于某事的决定\n一、第一项决定。\n二、本决定自公布之日起施行。\n")
    assert doc.articles == ()
    assert doc.kind == "决定"
    assert [n.kind for n in doc.children] == [Kind.TITLE, Kind.TEXT, Kind.TEXT]


def test_markdown_levels_and_unnumbered_heading():
    text = ("# 某法\n\n2020年1月1日 第十三届会议通过\n\n<!-- INFO END -->\n\n## 第一编 总则\n\n"
            "### 第一章 任务\n\n第一条 任务。\n\n## 附则\n\n第二条 本法自2021年1月1日起施行。\n\n"
            "## 附件一\n\n1．某条例\n")
    doc = parse(text)
    assert doc.adopted == "2020-01-01" and doc.effective == "2021-01-01"
    parts = kinds(doc, Kind.PART)
    assert [p.title for p in parts] == ["总则"]
    # 附则 closes the last 编: a chapter of the law itself, not of 第一编.
    supplementary = [c for c in doc.children if c.kind is Kind.CHAPTER]
    assert [c.title for c in supplementary] == ["附则"]
    assert supplementary[0].children[0].number == "2"
    assert doc.articles[1].number == "2"
    assert kinds(doc, Kind.ANNEX)[0].label == "附件一"


CONSTITUTION_LIKE = """中华人民共和国示例法

（1982年12月4日第五届全国人民代表大会第五次会议通过　1982年12月4日全国人民代表大会公告公布施行
根据1988年4月12日第七届全国人民代表大会第一次会议通过的《中华人民共和国示例法修正案》修正）

目　　录

序　　言
第一章　总　　纲
第二章　公民的基本权利和义务
第三章　国家机构
　　第一节　全国人民代表大会
　　第二节　国务院

序　　言

中国是世界上历史最悠久的国家之一。

本示例法以法律的形式确认了各族人民奋斗的成果。

第一章　总　　纲

第一条　示例条文。

第二章　公民的基本权利和义务

第二条　示例条文二。

第三章　国家机构

第一节　全国人民代表大会

第三条　示例条文三。

第二节　国务院

第四条　示例条文四。
"""


def test_pasted_text_with_blank_lines_toc_preamble_and_long_info():
    # Blank lines between short lines are no sign of a PDF extraction.
    source = load_text(CONSTITUTION_LIKE)
    assert source.format == "plain"
    doc = source.documents[0]
    assert [n.kind for n in doc.children[:4]] == [Kind.TITLE, Kind.INFO, Kind.TOC, Kind.PREAMBLE]
    assert doc.adopted == "1982-12-04"
    assert len(kinds(doc, Kind.PREAMBLE)[0].children) == 2
    assert len(kinds(doc, Kind.CHAPTER)) == 3 and len(kinds(doc, Kind.SECTION)) == 2
    assert doc.warnings == ()


def test_flk_mirror_markdown_front_matter_quotes_and_repeated_title():
    text = ('---\ntitle: "某某委员会关于修改《某某法》的决定"\npublish: "2024-06-28 00:00:00"\n---\n\n'
            "# 某某委员会关于修改《某某法》的决定\n\n某某委员会关于修改\n\n《某某法》的决定\n\n"
            "> （2024年6月28日第十四届某某委员会\n>\n> 第十次会议通过）\n\n"
            "某某委员会决定对《某某法》作如下修改：\n\n一、第二条增加一款，作为第一款：“新的内容。”\n\n"
            "第八条增加一款，作为第三款：“另一内容。”\n\n本决定自2024年7月1日起施行。\n")
    source = load_text(text)
    doc = source.documents[0]
    assert [n.kind for n in doc.children[:3]] == [Kind.INFO, Kind.TITLE, Kind.INFO]
    assert doc.title == "某某委员会关于修改《某某法》的决定" and doc.kind == "决定"
    assert doc.adopted == "2024-06-28" and doc.effective == "2024-07-01"
    assert doc.articles == ()  # 第八条增加一款 is an instruction, not an article
    assert source.repairs["markdown_quote_marks"] == 3
    assert doc.joined_raw() == source.normalized.text


def test_loose_headings_must_number_a_law():
    act = parse("关于修改某条例的决定\n第八条增加一款，作为第三款。\n第十二条修改为：“某内容。”\n")
    assert act.articles == ()
    law = parse("某办法\n第一条为了测试。\n第二条本办法自公布之日起施行。\n")
    assert [a.number for a in law.articles] == ["1", "2"]


def test_a_wrapped_line_opening_with_a_chapter_reference_stays_in_its_article():
    # Pasted text keeps the source's line breaks: a line may open with 第二章 and go on
    # with the sentence (…规定的, …中的, …所列), with no punctuation of its own on that line.
    text = ("某条例\n第一章　总则\n第一条　为了测试，制定本条例。\n第二章　管理\n第二条　违反本条例\n"
            "第一章规定的管理措施\n的，依照本条例处理。\n第三条　本条例\n第二章中的管理事项\n"
            "由市人民政府负责。\n第四条　前条\n第一章所列事项\n依照第二条办理。\n")
    doc = parse(text)
    assert [(c.label, c.title) for c in kinds(doc, Kind.CHAPTER)] == [("第一章", "总则"), ("第二章", "管理")]
    assert [a.number for a in doc.articles] == ["1", "2", "3", "4"]
    assert "第一章规定的管理措施" in doc.article_index["2"].full_text
    assert "第二章中的管理事项" in doc.article_index["3"].full_text
    assert "第一章所列事项" in doc.article_index["4"].full_text


def test_a_wrapped_article_reference_is_no_article_in_a_text_without_separators():
    # 第一条为了… (no separator after any label): loose headings are tried, and a wrapped
    # line that opens with 第二条第一款 is a reference, not a second 第二条.
    text = ("某办法\n第一条为了测试，制定本办法。\n第二条本办法适用于本市。\n第三条违反本办法\n"
            "第二条第一款规定的，予以纠正。\n第四条本办法自2024年1月1日起施行。\n")
    doc = parse(text)
    assert [a.number for a in doc.articles] == ["1", "2", "3", "4"]
    assert doc.article_index["3"].full_text == "违反本办法\n第二条第一款规定的，予以纠正。"
    assert doc.article_index["2"].full_text == "本办法适用于本市。"


def test_numbering_messages_name_the_place():
    # Each message spells the units as a reader cites them: 第（三）项, 第3目, 第十条之三.
    text = ("某条例\n第一条　一。\n第二条　二：\n（一）甲；\n（三）丙。\n第三条　三：\n（一）甲：\n1.子；\n3.卯。\n"
            "第四条　四。\n第四条之一　插入。\n第四条之三　又插入。\n")
    item, subitem, article = [w.message for w in parse(text, source="某条例.txt").warnings]
    assert item == "第二条第一款第（一）项之后是第（三）项，中间缺少编号"
    assert subitem.startswith("第三条第一款") and subitem.endswith("第1目之后是第3目，中间缺少编号")
    assert article == "第四条之一之后是第四条之三，中间缺少编号"


def test_parse_keeps_the_source_name_and_headings_read_as_cited():
    doc = parse("某条例\n第一章　总　则\n第一条　为了测试，制定本条例。\n", source="某条例.txt")
    assert doc.source == "某条例.txt"
    assert [c.heading() for c in kinds(doc, Kind.CHAPTER)] == ["第一章 总则"]


def test_loose_articles_are_believed_when_most_steps_count_up():
    from lawcli.parsing.build import _plausible_articles

    # 之一 inserts count as steps: 第二条, 第二条之一, 第二条之二, 第三条 …
    assert _plausible_articles(["1", "2", "2-1", "2-2", "3"])
    assert _plausible_articles(["1", "2", "2-1", "3", "3-1", "4", "4-1"])
    # Three steps of five count up: enough (60 %); two are not; and it must start at 第一条.
    assert _plausible_articles(["1", "2", "3", "4", "6", "8"])
    assert not _plausible_articles(["1", "2", "3", "5", "7", "9"])
    assert not _plausible_articles(["1", "2", "4"])
    assert not _plausible_articles(["2", "3", "4"])
    assert not _plausible_articles(["1", "3", "3-2", "5"])
    # An insert steps by one within its article: neither a jump in it nor a new article.
    assert not _plausible_articles(["1", "1-3", "1-5", "1-7"])
    assert not _plausible_articles(["1", "3-1", "5-2", "7-3"])


def test_a_text_without_separators_keeps_its_inserted_articles():
    doc = parse("某办法\n第一条为了测试，制定本办法。\n第二条本办法适用于本市。\n第二条之一本办法所称测试，是指示例。\n"
                "第二条之二测试应当公开。\n第三条本办法自2024年1月1日起施行。\n")
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第二条之一", "第二条之二", "第三条"]
