"""Typeset clean documents the way a gazette PDF extraction prints them, then read
them back: every document, heading, article, paragraph and item must come back.

The documents are written for this test (fictional) and cover what another issue
of a gazette brings: 节 inside chapters, a law without chapters, 条之一, items, a
decision amending a regulation, a speech with a speaker line, appointments.
"""

import pytest

from lawcli.parsing.model import Kind
from lawcli.parsing.source import load_text
from tests.typeset import Doc, published, typeset

ANNOUNCEMENT = Doc(
    title=["某省人民代表大会常务委员会公告", "(第二十一号)"],
    body=["《某省河湖长制条例》已由某省第十四届人民代表大会常务委员会第十次会议于2024年7月26日通过，现予公布，自2024年10月1日起施行。",
          "某省人民代表大会常务委员会", "2024年7月26日"],
    wide=True,
)

RIVERS = Doc(
    title=["某省河湖长制条例"],
    head=["（2024年7月26日某省第十四届人民代表大会", "常务委员会第十次会议通过）"],
    body=[
        "第一章\u3000总\u3000则",
        "第一条\u3000为了全面推行河湖长制，加强河湖管理保护，维护河湖健康生命，根据有关法律、行政法规，结合本省实际，制定本条例。",
        "第二条\u3000本省行政区域内河流、湖泊实行河湖长制，适用本条例。",
        "本条例所称河湖长制，是指在河流、湖泊设立河湖长，由河湖长组织领导相应河湖管理保护工作的制度。",
        "第二章\u3000河湖长",
        "第一节\u3000设\u3000置",
        "第三条\u3000省、市、县、乡四级设立总河湖长，由本级党委和政府主要负责人担任。",
        "第四条\u3000村级可以根据实际设立村级河湖长或者巡河员。",
        "第二节\u3000职\u3000责",
        "第五条\u3000河湖长履行下列职责：",
        "（一）组织开展河湖巡查，督促解决河湖管理保护中的突出问题；",
        "（二）协调跨行政区域河湖管理保护工作；",
        "（三）督促有关部门依法查处破坏河湖的违法行为；",
        "（四）法律、法规规定的其他职责。",
        "第五条之一\u3000河湖长应当按照规定的频次开展巡查，并如实记录巡查情况。",
        "第三章\u3000附\u3000则",
        "第六条\u3000本条例自2024年10月1日起施行。",
    ],
)

SMALL = Doc(
    title=["某省湖泊水位管理办法"],
    head=["（2024年7月26日某省第十四届人民代表大会", "常务委员会第十次会议通过）"],
    body=[
        "第一条\u3000为了加强湖泊水位管理，保障防洪安全和生态用水，制定本办法。",
        "第二条\u3000湖泊水位调度应当兼顾防洪、供水、生态和航运需要，优先保障生活用水。",
        "水行政主管部门应当会同有关部门编制湖泊水位调度方案，报本级人民政府批准后实施。",
        "第三条\u3000本办法自公布之日起施行。",
    ],
)

AMENDMENT = Doc(
    title=["某省人民代表大会常务委员会", "关于修改《某省水资源条例》的决定"],
    head=["（2024年7月26日某省第十四届人民代表大会", "常务委员会第十次会议通过）"],
    body=[
        "某省第十四届人民代表大会常务委员会第十次会议决定对《某省水资源条例》作如下修改：",
        "一、将第十条中的“水利部门”修改为“水行政主管部门”。",
        "二、删去第二十五条第二款。",
        "本决定自2024年10月1日起施行。",
    ],
)

SPEECH = Doc(
    title=["关于《某省河湖长制条例（草案）》", "的说明"],
    head=["———2024年5月28日在某省第十四届人民代表大会", "常务委员会第九次会议上", "某省水利厅厅长\u3000王\u3000某"],
    body=[
        "主任、各位副主任、秘书长、各位委员：",
        "我受省人民政府委托，现就《某省河湖长制条例（草案）》作如下说明。",
        "一、制定条例的必要性",
        "全面推行河湖长制是党中央作出的重大决策部署，我省已建立了四级河湖长体系，取得了明显成效，有必要将实践中的经验上升为地方性法规。",
        "以上说明连同草案，请予审议。",
    ],
)

APPOINTMENTS = Doc(
    title=["某省人民代表大会常务委员会", "任免名单"],
    head=["（2024年7月26日某省第十四届人民代表大会", "常务委员会第十次会议通过）"],
    body=["任命：", "张某为某省人民代表大会常务委员会法制工作委员会副主任。"],
)

DOCS = [ANNOUNCEMENT, RIVERS, SMALL, AMENDMENT, SPEECH, APPOINTMENTS]


@pytest.fixture(scope="module", params=[17, 23, 40, 47], ids=lambda n: f"{n}-lines-per-page")
def source(request):
    return load_text(typeset(DOCS, lines_per_page=request.param), "typeset")


def test_documents_found(source):
    got = [(d.kind, d.title, len(d.articles)) for d in source.documents]
    assert got == [
        ("公告", "某省人民代表大会常务委员会公告(第二十一号)", 0),
        ("条例", "某省河湖长制条例", 7),
        ("办法", "某省湖泊水位管理办法", 3),
        ("决定", "某省人民代表大会常务委员会关于修改«某省水资源条例»的决定", 0),
        ("说明", "关于«某省河湖长制条例(草案)»的说明", 0),
        ("任免名单", "某省人民代表大会常务委员会任免名单", 0),
    ]
    assert source.repairs["page_numbers"] >= 1


def _units(doc):
    """Every paragraph/item of every article (label included), and every heading."""
    out = []
    for n in doc.walk():
        if n.kind in (Kind.CHAPTER, Kind.SECTION):
            out.append(n.raw.rstrip("\n"))
        elif n.kind is Kind.ARTICLE:
            out.append(n.raw)
        elif n.kind in (Kind.PARAGRAPH, Kind.ITEM):
            if out and out[-1].startswith("第") and out[-1].endswith("\u3000"):
                out[-1] += n.raw.rstrip("\n")
            else:
                out.append(n.raw.rstrip("\n"))
    return out


@pytest.mark.parametrize("index,doc", [(1, RIVERS), (2, SMALL)], ids=["chapters-sections", "no-chapters"])
def test_every_provision_comes_back(source, index, doc):
    parsed = source.documents[index]
    assert _units(parsed) == [published(p) for p in doc.body]
    assert parsed.warnings == ()


def test_structure_and_dates(source):
    rivers, small = source.documents[1], source.documents[2]
    assert [n.title for n in rivers.walk() if n.kind is Kind.SECTION] == ["设置", "职责"]
    assert rivers.article_index["5-1"].label == "第五条之一"
    assert len([n for n in rivers.article_index["5"].walk() if n.kind is Kind.ITEM]) == 4
    assert rivers.adopted == "2024-07-26" and rivers.effective == "2024-10-01"
    assert small.effective is None and "公布之日" in small.extra["effective_clause"]
    assert source.documents[0].extra["promulgates"] == "某省河湖长制条例"
    assert source.documents[4].extra["delivered"] == "2024-05-28"


def test_decision_items_are_paragraphs_not_articles(source):
    decision = source.documents[3]
    texts = [n.text for n in decision.walk() if n.kind is Kind.TEXT]
    assert texts == [published(p) for p in AMENDMENT.body]
    assert decision.effective == "2024-10-01"


def test_lossless(source):
    assert "".join(d.joined_raw() for d in source.documents) == source.normalized.text


@pytest.mark.slow
def test_page_breaks_anywhere():
    """Every page length from 6 to 79 lines: breaks fall inside titles, headings,
    items and sentences; the documents and every provision still come back."""
    expected = [("公告", 0), ("条例", 7), ("办法", 3), ("决定", 0), ("说明", 0), ("任免名单", 0)]
    for n in range(6, 80):
        parsed = load_text(typeset(DOCS, lines_per_page=n))
        assert [(d.kind, len(d.articles)) for d in parsed.documents] == expected, n
        assert _units(parsed.documents[1]) == [published(p) for p in RIVERS.body], n
        assert _units(parsed.documents[2]) == [published(p) for p in SMALL.body], n
