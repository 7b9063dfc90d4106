"""A whole gazette issue extracted from PDF, checked against its verified truth file."""

import json
import re
from collections import Counter

import pytest

from lawcli.parsing.model import Kind
from lawcli.parsing.source import load_text
from tests.conftest import corpus_file, read

GAZETTE = ("gazette", "shanxi-gazette-2021-07.txt")
TRUTH = ("gazette", "shanxi-gazette-2021-07.truth.json")


@pytest.fixture(scope="module")
def parsed():
    return load_text(read(corpus_file(*GAZETTE)), "gazette.txt")


@pytest.fixture(scope="module")
def truth():
    return json.loads(corpus_file(*TRUTH).read_text("utf-8"))


def by_start(parsed):
    return {d.start_line: d for d in parsed.documents}


def test_document_list_matches_truth(parsed, truth):
    docs = by_start(parsed)
    assert len(parsed.documents) == truth["document_count"] == 90
    for t in truth["documents"]:
        d = docs.get(t["start_line"])
        assert d is not None, f"document {t['index']} ({t['title']}) not found at line {t['start_line']}"
        assert d.index == t["index"]
        assert d.title == t["title"]
        assert d.end_line == t["end_line"], t["title"]
        if t["kind"] != "other":
            assert d.kind == t["kind"], t["title"]
        assert d.adopted == t.get("adopted_date"), t["title"]
        assert d.effective == t.get("effective_date"), t["title"]
        assert len(d.articles) == t["article_count"], t["title"]
        parent = parsed.documents[d.parent - 1].start_line if d.parent else None
        assert parent == t.get("parent_start_line"), t["title"]
        if t.get("announcement_no"):
            assert d.number == t["announcement_no"]


def test_regulation_structure(parsed, truth):
    for t in (x for x in truth["documents"] if x["article_count"]):
        doc = by_start(parsed)[t["start_line"]]
        chapters = [n for n in doc.walk() if n.kind is Kind.CHAPTER]
        assert [(c.title, c.line) for c in chapters] == [(c["title"], c["line"]) for c in t["chapters"]]
        assert [a.line for a in doc.articles] == t["article_heading_lines"]
        assert doc.warnings == ()
        for a in t["articles"]:
            art = doc.article_index[str(a["number"])]
            paras = [c for c in art.children if c.kind is Kind.PARAGRAPH]
            if not a["nonobvious_boundaries"]:
                assert len(paras) == a["paragraph_count_estimate"], f"article {a['number']}"
            assert art.end_line == a["last_line"], f"article {a['number']}"


def test_sample_articles_exact(parsed, truth):
    for t in (x for x in truth["documents"] if x["article_count"]):
        doc = by_start(parsed)[t["start_line"]]
        for sample in t["sample_articles"]:
            art = doc.article_index[str(sample["article"])]
            # The truth text: heading + paragraphs/items, one per line, as published.
            lines = [n.raw.rstrip("\n") for n in art.walk() if n.kind is not Kind.ARTICLE and n.raw]
            lines[0] = art.raw + lines[0]
            assert "\n".join(lines) == sample["text"], f"article {sample['article']}"


def test_article_23_has_six_items(parsed):
    [doc] = parsed.select("传统村落")
    items = [n for n in doc.article_index["23"].walk() if n.kind is Kind.ITEM]
    assert [i.label for i in items] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"]


def test_counted_repairs(parsed, truth):
    r = parsed.repairs
    assert r["page_numbers"] == len(truth["page_number_lines"])
    assert r["running_headers"] == len(truth["running_header_lines"])
    assert r["blank_lines"] == 8884


def test_nothing_lost_but_counted_artifacts(parsed):
    """Input minus white space, page numbers and headers == normalised text minus white space."""
    raw = read(corpus_file(*GAZETTE))
    removed = Counter()
    kept = []
    header_lines = {x.strip() for x in raw.split("\n") if x.startswith("\u3000") and x.endswith("\u3000")}
    for line in raw.split("\n"):
        s = line.strip(" \u3000")
        if re.fullmatch(r"—[０-９]+—", s):
            removed["page_numbers"] += 1
        elif s in header_lines and s:
            removed["running_headers"] += 1
        else:
            kept.append(s)
    squeeze = lambda t: re.sub(r"[\s\u3000]", "", t)
    assert squeeze("".join(kept)) == squeeze(parsed.normalized.text)
    assert removed["page_numbers"] == parsed.repairs["page_numbers"]
    assert removed["running_headers"] == parsed.repairs["running_headers"]
    joined = "".join(d.joined_raw() for d in parsed.documents)
    assert joined == parsed.normalized.text


def test_false_headings_make_no_articles(parsed):
    # The 说明 of 外来投资 summarises the draft as 第一章　总则.第一条至第六条. …: no chapters there.
    explanation = parsed.documents[6]
    assert explanation.kind == "说明"
    assert not [n for n in explanation.walk() if n.kind in (Kind.CHAPTER, Kind.ARTICLE)]
    assert sum(len(d.articles) for d in parsed.documents) == 78


def test_metadata_of_announcements(parsed):
    ann = parsed.documents[0]
    assert ann.kind == "公告" and ann.number == "第一百零四号"
    assert ann.extra["promulgates"] == "山西省传统村落保护条例"
    repeal = parsed.documents[13]
    assert repeal.extra["repeal_effective"] == "2021-11-26"


def test_sample_gazette_excerpt():
    """The bundled excerpt has every artefact: blank-line doubling, wraps, page numbers,
    a running header between two items, half-width punctuation, full-width digits."""
    from tests.conftest import SAMPLES

    source = load_text(read(SAMPLES / "示例省人大常委会公报-2024-05.txt"), "sample")
    kinds = [(d.kind, len(d.articles)) for d in source.documents]
    assert kinds == [("公告", 0), ("条例", 7), ("说明", 0)]
    ann, law, note = source.documents
    assert ann.number == "第十二号" and ann.extra["promulgates"] == "示例省湿地保护条例"
    assert law.adopted == "2024-05-30" and law.effective == "2024-09-01"
    items = [n for n in law.article_index["4"].walk() if n.kind is Kind.ITEM]
    assert [i.text for i in items][1:3] == ["擅自填埋自然湿地,擅自采砂、采矿、取土;", "向湿地超标排放污染物;"]
    assert source.repairs["running_headers"] == 1 and source.repairs["page_numbers"] == 2
    assert note.kind == "说明" and note.extra["delivered"] == "2024-03-28"
    assert "".join(d.joined_raw() for d in source.documents) == source.normalized.text


def test_heading_split_by_a_page_break_is_one_heading():
    lines = ["某省某某条例", "(２０２４年１月１日某省人大常委会通过)", "第一章　总　则",
             "第一条　为了测试页面断开的标题,制定本条例.", "—１—",
             " 第二条　本条例适用于本省行政区域内的有关活动,", "具体办法由省人民政府另行规定.",
             "第二章　保障", "—２—", " 与监督", "第三条　县级以上人民政府应当加强监督检查工作.", "—３—"]
    filler = ["关于某项工作的报告", "　　现将有关情况报告如下,请予审议,各项工作进展",
              "顺利,取得了明显成效,下一步将继续加强有关工作"] * 8
    source = load_text("\n\n".join(lines + filler) + "\n")
    law = source.documents[0]
    assert source.format == "extracted" and law.title == "某省某某条例"
    assert [(n.label, n.title) for n in law.walk() if n.kind is Kind.CHAPTER] == [
        ("第一章", "总则"), ("第二章", "保障与监督")]
    assert [a.number for a in law.articles] == ["1", "2", "3"]
    assert law.article_index["2"].full_text == "本条例适用于本省行政区域内的有关活动,具体办法由省人民政府另行规定."


def test_article_headings_that_lost_their_separator():
    # Another extraction may drop the U+3000 after 第X条; in a regulation that is
    # still a heading, in a report it is not.
    lines = ["某省某某条例", "(２０２４年１月１日某省人大常委会通过)",
             "第一条为了测试缺少分隔符号的条文标题,制定", "本条例.",
             "第二条本条例适用于本省行政区域内的有关活动", "和管理工作.",
             "第三条县级以上人民政府应当加强监督检查工作", "确保本条例得到有效实施."]
    report = ["关于某条例执行情况的报告", "　　现将有关情况报告如下,草案修改稿删去了",
              "第十条.第十一条的规定已经作了调整,请予审议", "各项工作进展顺利,取得了明显成效."] * 4
    source = load_text("\n\n".join(lines + report) + "\n")
    law, first_report = source.documents[:2]
    assert [a.number for a in law.articles] == ["1", "2", "3"]
    assert law.article_index["1"].full_text == "为了测试缺少分隔符号的条文标题,制定本条例."
    assert first_report.articles == ()


def test_a_single_hard_wrapped_law():
    """Text copied from a PDF of one law: wrapped, no blank lines, no gazette around it."""
    paragraphs = ["某市物业管理条例", "（2023年6月1日某市人民代表大会常务委员会通过）", "第一章　总则",
                  "第一条　为了规范物业管理活动，维护业主和物业服务企业的合法权益，改善人民群众的生活和工作环境，制定本条例。",
                  "第二条　本市行政区域内的物业管理活动及其监督管理，适用本条例。",
                  "本条例所称物业管理，是指业主通过选聘物业服务企业，对房屋及配套的设施设备和相关场地进行维修、养护、管理的活动。",
                  "第二章　业主",
                  "第三条　业主在物业管理活动中，享有下列权利：", "（一）按照物业服务合同的约定，接受物业服务企业提供的服务；",
                  "（二）提议召开业主大会会议，并就物业管理的有关事项提出建议；", "（三）法律、法规规定的其他权利。",
                  "第四条　本条例自2024年1月1日起施行。"]
    lines = []
    for p in paragraphs:
        lines += [p[i:i + 22] for i in range(0, len(p), 22)]
    source = load_text("\n".join(lines) + "\n")
    assert source.format == "extracted"
    [law] = source.documents
    assert law.title == "某市物业管理条例" and law.adopted == "2023-06-01"
    assert [a.number for a in law.articles] == ["1", "2", "3", "4"]
    assert law.article_index["2"].full_text == "\n".join(paragraphs[4:6])[4:].replace("\n", "\n")
    assert len([n for n in law.article_index["3"].walk() if n.kind is Kind.ITEM]) == 3


def test_text_before_the_first_title_is_a_document():
    # An issue's cover and contents page come before the first document.
    cover = ["某省人民代表大会常务委员会公报", "二〇二四年　第五号", "目　　录", "某省某某条例…………１",
             "关于某某条例的说明……５"]
    law = ["某省某某条例", "(２０２４年１月１日某省人大常委会通过)", "第一条　为了规范某项工作,根据有关法律",
           "规定,结合本省实际,制定本条例.", "第二条　本条例自２０２４年３月１日起施行."]
    filler = ["关于某某条例的说明", "　　现将有关情况说明如下,请予审议,各项工作进展",
              "顺利,取得了明显成效,下一步将继续加强有关工作."] * 4
    source = load_text("\n\n".join(cover + law + filler) + "\n")
    first, regulation = source.documents[:2]
    assert first.start_line == 1 and first.articles == () and first.end_line == 9
    assert len(source.documents) == 6
    assert regulation.title == "某省某某条例" and regulation.effective == "2024-03-01"
    assert "".join(d.joined_raw() for d in source.documents) == source.normalized.text
