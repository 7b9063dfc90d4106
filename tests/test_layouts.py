"""Layouts around the clean one, each rule on a text written for it: an unlabelled 目录,
plain-line annexes, damaged article markers, Taiwan's 條/項/款, split files, 附则."""

import re

from lawcli.parsing.model import Kind
from lawcli.parsing.source import load_text
from lawcli.query.address import address, parse_ref, resolve
from tests.conftest import SAMPLES, read


def load(text, name="t.txt"):
    return load_text(text, name)


def kinds(doc, kind):
    return [n for n in doc.walk() if n.kind is kind]


def codes(doc):
    return [w.code for w in doc.warnings]


# -- 1. an unlabelled 目录 -----------------------------------------------------------

HEADS = ["第一章 总则", "第二章 管理", "第三章 附则"]


def _toc_text(markdown: bool, word: bool) -> str:
    mark = "## " if markdown else ""
    head = "# 某市某条例\n\n<!-- INFO END -->\n\n" if markdown else "某市某条例\n\n"
    toc = ("目录\n\n" if word else "") + "".join(f"{mark}{h}\n\n" for h in HEADS)
    body = "".join(f"{mark}{h}\n\n第{n}条 内容{n}。\n\n" for h, n in zip(HEADS, "一二三"))
    return head + toc + body


def test_a_run_of_headings_repeated_is_a_toc_with_or_without_its_word():
    for markdown in (False, True):
        for word in (False, True):
            source = load(_toc_text(markdown, word), "a.md" if markdown else "a.txt")
            doc = source.documents[0]
            assert [c.title for c in kinds(doc, Kind.CHAPTER)] == ["总则", "管理", "附则"], (markdown, word)
            assert len(kinds(doc, Kind.TOC)) == 1
            assert "numbering-duplicate" not in codes(doc)
            assert [a.number for a in doc.articles] == ["1", "2", "3"]
            assert source.repairs["toc_unlabelled"] == (0 if word else 1)


def test_an_unlabelled_toc_may_open_with_the_preamble():
    text = ("某自治条例\n序言\n第一章 总则\n第二章 附则\n序言\n本地各族人民共同制定本条例。\n第一章 总则\n"
            "第一条 甲。\n第二章 附则\n第二条 乙。\n")
    doc = load(text).documents[0]
    assert len(kinds(doc, Kind.TOC)) == 1 and len(kinds(doc, Kind.PREAMBLE)) == 1
    assert [c.title for c in kinds(doc, Kind.CHAPTER)] == ["总则", "附则"] and doc.warnings == ()


def test_headings_without_a_repeat_are_no_toc():
    text = "某条例\n第一编 总则\n第一章 一般规定\n第一条 甲。\n第二章 管理\n第二条 乙。\n"
    doc = load(text).documents[0]
    assert not kinds(doc, Kind.TOC) and len(kinds(doc, Kind.CHAPTER)) == 2


# -- 2. annexes opened by a plain line -------------------------------------------------

def test_a_plain_annex_line_keeps_its_headings_out_of_the_law():
    text = ("# 某办法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 甲。\n\n第二条 乙。\n\n"
            "附件一：某某标准\n\n## 一、适用范围\n\n本标准适用于某某。\n\n## 二、术语\n\n术语如下。\n")
    doc = load(text, "a.md").documents[0]
    assert [c.title for c in kinds(doc, Kind.CHAPTER)] == ["总则"]
    annex = kinds(doc, Kind.ANNEX)
    assert len(annex) == 1 and annex[0].label == "附件一" and annex[0].title == "某某标准"
    assert "一、适用范围" in annex[0].joined_raw()
    for line in ("附：", "附件：", "附件2"):
        d = load(f"某规定\n第一条 甲。\n{line}\n名录\n一、东河\n").documents[0]
        assert len(kinds(d, Kind.ANNEX)) == 1, line


def test_an_annex_with_articles_is_a_nested_document():
    text = ("最高人民法院关于审理某类案件的解释（三）\n第一条 新一。\n第二条 本解释自公布之日起施行。"
            "此前发布的解释（二）同时废止。\n附件：最高人民法院关于审理某类案件的解释（二）\n"
            "第一条 旧一。\n第二条 旧二。\n第三条 旧三。\n")
    source = load(text)
    law, annex = source.documents
    assert [a.number for a in law.articles] == ["1", "2"]
    assert annex.title == "最高人民法院关于审理某类案件的解释（二）" and annex.parent == 1
    assert [a.full_text for a in annex.articles] == ["旧一。", "旧二。", "旧三。"]
    assert law.warnings == annex.warnings == ()


def test_a_sentence_starting_with_fu_is_no_annex():
    doc = load("某条例\n第一条 甲。\n附近居民应当配合。本条例另有规定的除外。\n").documents[0]
    assert not kinds(doc, Kind.ANNEX)


# -- 3. damaged article markers --------------------------------------------------------

def _numbers(doc):
    return [a.number for a in doc.articles]


def test_damaged_markers_are_recovered_where_the_numbering_expects_them():
    text = ("某条例\n第一条 甲。\n第二 条 乙。\n笫三条 丙。\n第四条丁，依照第二条规定。\n"
            "第５条 戊。\n第6条 己。\n")
    source = load(text)
    doc = source.documents[0]
    assert _numbers(doc) == ["1", "2", "3", "4", "5", "6"]
    assert [a.full_text for a in doc.articles][:4] == ["甲。", "乙。", "丙。", "丁，依照第二条规定。"]
    assert source.repairs["article_marker_inner_space"] == 1
    assert source.repairs["article_marker_di_variant"] == 1
    assert source.repairs["article_marker_unseparated"] == 1
    # Said once, as one note, not as a flood of numbering warnings.
    assert codes(doc) == ["F603"]
    assert "3处" in doc.warnings[0].message


def test_run_on_articles_are_cut_at_the_expected_number_only():
    text = ("某条例\n第十一条 甲，依照第十二条规定办理。第十二条 乙。第十三条 丙；第十四条所列情形除外。\n"
            "第十五条 丁。\n")
    source = load("某条例\n" + "".join(f"第{n}条 前。\n" for n in "一二三四五六七八九十") + text[4:])
    doc = source.documents[0]
    assert _numbers(doc)[10:] == ["11", "12", "13", "15"]
    assert doc.article_index["11"].full_text == "甲，依照第十二条规定办理。"
    assert doc.article_index["13"].full_text == "丙；第十四条所列情形除外。"
    assert source.repairs["article_marker_run_on"] == 2
    joined = "".join(d.joined_raw() for d in source.documents)
    assert joined == source.normalized.text  # the cut line joins back without a new break


def test_a_citation_at_a_line_start_is_no_article():
    text = "某条例\n第一条 甲。\n第三十条规定的期限，依照本条例执行。\n第二条 乙。\n"
    doc = load(text).documents[0]
    assert _numbers(doc) == ["1", "2"] and doc.warnings == ()


def test_a_marker_the_text_prints_properly_later_is_not_taken_early():
    text = "某条例\n第一条 甲。\n第二 条款的规定。\n第二条 乙。\n"
    doc = load(text).documents[0]
    assert _numbers(doc) == ["1", "2"]


# -- 4. Taiwan's layout ----------------------------------------------------------------

TW = SAMPLES / "示範民事通則法.txt"


def _tw_markers(text):
    """The sample's own article markers and headings, read by a plain regex."""
    arts = re.findall(r"^第 (\d+)(?:-(\d+))? 條$", text, re.M)
    heads = re.findall(r"^第 [一二三四五六七八九十]+ ([編章節款目]) \S+$", text, re.M)
    return [f"{a}-{b}" if b else a for a, b in arts], heads


def test_taiwan_articles_headings_and_deleted_placeholders():
    text = read(TW)
    source = load_text(text, TW.name)
    doc = source.documents[0]
    arts, heads = _tw_markers(text)
    assert _numbers(doc) == arts
    unit_kind = {"編": Kind.PART, "章": Kind.CHAPTER, "節": Kind.SECTION, "款": Kind.SUBSECTION,
                 "目": Kind.SUBSUBSECTION}
    for unit, kind in unit_kind.items():
        assert len(kinds(doc, kind)) == heads.count(unit), unit
    assert doc.article_index["3"].full_text == "（刪除）"
    assert doc.article_index["2-1"].label == "第 2-1 條"
    assert kinds(doc, Kind.SUBSECTION)[0].label == "第 一 款" and kinds(doc, Kind.SUBSECTION)[0].title == "契約"
    assert doc.warnings == ()
    assert "".join(d.joined_raw() for d in source.documents) == source.normalized.text


def test_taiwan_address_reads_article_paragraph_item():
    doc = load_text(read(TW), TW.name).documents[0]
    # 條 2-1, 項 1, 款 2: the item 二、, whose 目 are （一）（二）.
    node = resolve(doc, parse_ref("2-1.1.2"))[0]
    assert node.kind is Kind.ITEM and node.label == "二、"
    assert [c.label for c in node.children] == ["（一）", "（二）"]
    assert all(c.kind is Kind.SUBITEM for c in node.children)
    # Named in Taiwan's own words: 項 is the paragraph, 款 the item.
    assert address(doc, node) == "《示範民事通則法》第 2-1 條第一項第二款"
    para2 = resolve(doc, parse_ref("6.2"))[0]
    assert para2.kind is Kind.PARAGRAPH and para2.text.startswith("當事人對於必要之點")


def test_mainland_items_are_unchanged_outside_taiwan_layout():
    doc = load("某条例\n第一条 下列事项：\n（一）甲；\n一、乙。\n").documents[0]
    assert [n.kind for n in doc.articles[0].children[0].children] == [Kind.ITEM]
    assert address(doc, doc.articles[0].children[0].children[0]) == "《某条例》第一条第一款第（一）项"


# -- 5. a split file of one code, 6. plain information lines, 7. 附则 -------------------

def test_second_title_line_is_the_part_of_a_split_code():
    text = ("# 中华人民共和国民法典\n\n# 侵权责任编\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n"
            "<!-- INFO END -->\n\n## 第一章 一般规定\n\n第一千一百六十四条 本编调整因侵害民事权益产生的民事关系。\n")
    doc = load(text, "a.md").documents[0]
    assert doc.title == "中华人民共和国民法典"
    parts = kinds(doc, Kind.PART)
    assert len(parts) == 1 and parts[0].title == "侵权责任编"
    assert doc.ancestors(doc.articles[0])[0] is parts[0]
    assert doc.adopted == "2020-05-28"
    assert doc.warnings == ()  # the 编 goes on from the article before it, in another file


def test_supplementary_provisions_close_the_last_part():
    text = "某法\n第一编 总则\n第一章 任务\n第一条 甲。\n第二编 分则\n第二条 乙。\n附则\n第三条 丙。\n"
    doc = load(text).documents[0]
    top = [c for c in doc.children if c.kind is Kind.CHAPTER]
    assert [c.title for c in top] == ["附则"]
    assert doc.ancestors(doc.article_index["3"]) == [top[0]]


def test_plain_information_lines_are_information():
    text = ("中华人民共和国示例保护法\n\n（2009年6月27日第十一届全国人民代表大会常务委员会第九次会议通过　"
            "根据2018年10月26日第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国示例保护法〉"
            "的决定》修正）\n\n中华人民共和国主席令\n第十六号\n\n第一章　总则\n\n第一条　为了保护示例，制定本法。\n\n"
            "第二条　本法自2019年1月1日起施行。\n")
    doc = load(text).documents[0]
    assert [c.kind for c in doc.children] == [Kind.TITLE, Kind.INFO, Kind.CHAPTER]
    assert "第十六号" in doc.children[1].text
    assert doc.adopted == "2009-06-27"


def test_one_law_in_two_layouts_gives_the_same_tree(corpus):
    from lawcli.compare.diff import diff_documents

    path = corpus / "national" / "社会法" / "妇女权益保障法(2022-10-30).md"
    markdown = read(path)
    # The plain layout of the same text, made by hand rules: no # marks, no INFO END line.
    plain = "\n".join(re.sub(r"^#+ ", "", line) for line in markdown.split("\n")
                      if line.strip() != "<!-- INFO END -->")
    a, b = load_text(markdown, "a.md").documents[0], load_text(plain, "a.txt").documents[0]
    assert a.adopted == b.adopted is not None
    assert diff_documents(a, b).identical
    assert [n.kind for n in a.walk()] == [n.kind for n in b.walk()]


def test_spaced_digits_with_simplified_tiao_are_a_repair_not_taiwan():
    source = load("某条例\n第 1 条 甲。\n第 2 条 乙。 第3条 丙。\n（一）丁；\n")
    doc = source.documents[0]
    assert _numbers(doc) == ["1", "2", "3"]
    assert source.repairs["article_marker_inner_space"] == 2 and source.repairs["article_marker_run_on"] == 1
    assert doc.article_index["3"].children[0].children[0].kind is Kind.ITEM  # no Taiwan 目


def test_sample_with_a_damaged_copy_and_its_old_text_annexed():
    path = SAMPLES / "示例省某类案件审理规定（旧文附后）.txt"
    text = read(path)
    source = load_text(text, path.name)
    law, old = source.documents
    # Truth from the text itself: the 第X条 markers above and below the 附件 line.
    head, tail = text.split("\n附件：")
    assert len(law.articles) == len(re.findall(r"[第笫][一二三四五六七八九十]+ ?条", head)) - 1  # 依照第四条 cites
    assert len(old.articles) == len(re.findall(r"^第[一二三四五六七八九十]+条", tail, re.M))
    assert law.article_index["2"].full_text.endswith("发生的纠纷。")
    assert law.article_index["3"].full_text == "物业服务人以业主拖欠物业费为由起诉的，人民法院应当依法受理。"
    assert law.article_index["5"].label == "笫五条"
    assert [c.title for c in kinds(law, Kind.CHAPTER)] == ["一般规定", "合同的效力", "附则"]
    assert len(kinds(law, Kind.TOC)) == 1
    assert old.parent == 1 and old.adopted == "2019-06-01"
    assert codes(law) == ["F603"] and old.warnings == ()


def test_a_taiwan_database_export_header_and_inline_deletion():
    text = ("示範行政程序補充法\n法規名稱：示範行政程序補充法\n修正日期：民國 112 年 05 月 10 日\n"
            "法規類別：行政＞法務部＞法規委員會\n第 一 章 總則\n第 1 條\n為補充行政程序之規定，特制定本法。\n"
            "第 2 條（刪除）\n第 3 條\n本法自公布日施行。\n")
    source = load(text)
    doc = source.documents[0]
    assert [c.kind for c in doc.children] == [Kind.TITLE, Kind.INFO, Kind.CHAPTER]
    assert doc.adopted == "2023-05-10"
    assert _numbers(doc) == ["1", "2", "3"] and doc.article_index["2"].full_text == "（刪除）"
    assert not any(k.startswith("article_marker") for k in source.repairs) and doc.warnings == ()


def test_an_annex_line_inside_the_body_does_not_end_the_law():
    text = "某办法\n第一条 申请人应当提交申请表。\n附件：申请表样式\n第二条 本办法自公布之日起施行。\n"
    source = load(text)
    doc = source.documents[0]
    assert _numbers(doc) == ["1", "2"] and not kinds(doc, Kind.ANNEX)
    assert doc.article_index["1"].full_text == "申请人应当提交申请表。\n附件：申请表样式"
    assert source.repairs["annex_line_in_body"] == 1


def test_unreadable_numerals_in_the_new_forms_are_text_not_a_crash():
    for text in ("某法\n第 百十 編 總則\n第 1 條\n百十、甲\n", "某法\n第一条 甲。\n附件百十：某某\n",
                 "某法\n第一条 甲。\n附件：某\n第百十条 乙。\n第一条 丙\n", "某法\n第一条 甲。笫百十条 乙。\n"):
        source = load(text)
        assert [a.number for d in source.documents for a in d.articles][0] == "1"
        assert "".join(d.joined_raw() for d in source.documents) == source.normalized.text
