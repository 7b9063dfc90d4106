"""Where one document of a gazette issue ends and the next begins, on extractions
written for each rule: an agenda right after a report, a report after a letter's date
line in Chinese numerals, an appointment list of 免职 only."""

from lawcli.parsing.source import load_text

BODY = ["　　现将有关情况报告如下,各项工作进展顺利,取得", "了明显成效,下一步将继续加强有关工作,切实",
        "做好各项保障."] * 3
REPORT = ["关于某省湿地保护工作情况的报告"] + BODY + ["以上报告,请予审议."]
LETTER = (["示例省人民政府办公厅关于转报省水利厅研究", "处理情况报告的函", "示例省人大常委会办公厅:"]
          + BODY + ["二〇二四年六月三日"])
FORWARDED = ["示例省水利厅关于河道保护审议意见研究处理", "情况的报告", "示例省人民政府办公厅:"] + BODY
DISMISSALS = ["示例省人民代表大会常务委员会", "免职名单", "(２０２４年６月２０日示例省第十四届人民代表大会",
              "常务委员会第十次会议通过)", "免去:", "张某某的示例省某某局局长职务."]
AGENDA = ["示例省第十四届人民代表大会常务委员会", "第十次会议议程", "一、审议«示例省河道管理条例(草案)»",
          "二、审议示例省人民政府关于湿地保护工作", "情况的报告", "三、审议有关人事任免事项"]


def documents(*blocks):
    """The documents of an extraction made of the blocks, after a report that makes the
    text long enough to be read as an extraction."""
    blocks = (REPORT, REPORT[1:]) + blocks
    source = load_text("\n\n".join(line for block in blocks for line in block) + "\n")
    assert source.format == "extracted"
    assert "".join(d.joined_raw() for d in source.documents) == source.normalized.text
    assert source.documents[0].title == REPORT[0]
    return source.documents[1:]


def test_an_agenda_right_after_a_report_is_a_document():
    report, agenda = documents(REPORT, AGENDA)
    assert report.kind == "报告" and "请予审议" in report.joined_raw()
    assert agenda.kind == "议程" and agenda.title == "示例省第十四届人民代表大会常务委员会第十次会议议程"
    assert "三、审议有关人事任免事项" in agenda.joined_raw()


def test_a_report_after_a_letters_date_line_is_found():
    letter, report = documents(LETTER, FORWARDED)
    assert letter.kind == "函" and letter.joined_raw().rstrip().endswith("二〇二四年六月三日")
    assert report.title == "示例省水利厅关于河道保护审议意见研究处理情况的报告"


def test_a_list_of_dismissals_only_is_an_appointment_list():
    [lst] = documents(DISMISSALS)
    assert lst.kind == "任免名单" and lst.extra["subkind"] == "免职名单"
    assert lst.adopted == "2024-06-20"
