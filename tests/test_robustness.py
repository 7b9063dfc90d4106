"""Bad input never produces a traceback: a one-line message and the right exit code."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcli.cli.app import main
from lawcli.errors import InputError
from lawcli.parsing.source import load_text
from lawcli.text.reader import decode
from tests.conftest import SAMPLES


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name,data,code,message", [
    ("empty.txt", b"", 2, "empty"),
    ("blank.txt", b"\n\n \n\t\n\xe3\x80\x80\n", 2, "empty"),
    ("binary.bin", bytes(range(256)) * 40, 2, "binary"),
    ("corrupt.txt", ("第一条　测试。" * 200).encode("utf-8") + b"\xff\xfe" + "第二条".encode(), 2, "invalid UTF-8"),
])
def test_bad_files(tmp_path, capsys, name, data, code, message):
    path = tmp_path / name
    path.write_bytes(data)
    got, out, err = run(capsys, "toc", str(path))
    assert got == code and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_text_without_articles_is_not_an_error(tmp_path, capsys):
    path = tmp_path / "notice.txt"
    path.write_text("关于开展检查的通知\n各单位：\n请于月底前报送材料。\n", "utf-8")
    code, out, err = run(capsys, "print", str(path))
    assert code == 0 and "请于月底前报送材料" in out
    code, out, err = run(capsys, "article", "1", str(path))
    assert code == 1 and "no articles" in err


def test_gazette_without_regulations(tmp_path, capsys):
    body = "\n\n".join(["关于某项工作情况的报告", "　　主任、各位副主任:", "现将有关情况报告如下,请予审议."] * 3)
    path = tmp_path / "reports.txt"
    path.write_text(body + "\n", "utf-8")
    code, out, err = run(capsys, "article", "1", str(path))
    assert code == 1 and "Traceback" not in err


def test_directory_and_missing(tmp_path, capsys):
    code, _, err = run(capsys, "toc", str(tmp_path))
    assert code == 2 and "directory" in err
    code, _, err = run(capsys, "toc", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err


def test_forced_wrong_encoding(tmp_path, capsys):
    path = tmp_path / "gb.txt"
    path.write_bytes("某条例\n第一条　内容。\n".encode("gb18030"))
    code, _, err = run(capsys, "toc", str(path), "--encoding", "utf-8")
    assert code == 2 and "not valid utf-8" in err
    code, _, err = run(capsys, "toc", str(path), "--encoding", "klingon")
    assert code == 2 and "unknown encoding" in err


@pytest.mark.slow
def test_ten_megabytes(tmp_path, capsys):
    one = (SAMPLES / "示例市古树名木保护条例.txt").read_text("utf-8")
    body = "\n".join(one.split("\n")[1:])
    path = tmp_path / "big.txt"
    path.write_text(one + body * (10_000_000 // len(body.encode())), "utf-8")
    code, out, err = run(capsys, "article", "16", str(path))
    assert code == 0 and "第十六条" in out
    # The repeated numbering is not fatal; the warnings about the other copies are
    # counted, not printed beside one article.
    assert "重复出现" not in err and "条提示，见 lawcli check" in err


legal = st.sampled_from(["第一条", "第二章", "（一）", "1．", "附件", "目录", "序言", "第十条之一",
                         "\u3000", " ", "\n", "—１—", "。", ",", "«", "»", "(", ")", "通过", "条例",
                         "第二十三条　", "## ", "# ", "<!-- INFO END -->"])
chars = st.text(alphabet=string.printable + "第条章节编款项目一二三四五六七八九十百零（）。，、；：　", max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(legal, chars), max_size=60))
def test_random_text_parses_losslessly(pieces):
    text = "".join(pieces)
    source = load_text(text)
    assert "".join(d.joined_raw() for d in source.documents) == source.normalized.text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_decode_or_fail_cleanly(data):
    try:
        text, _ = decode(data)
    except InputError:
        return
    load_text(text)
