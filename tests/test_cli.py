"""The command line: outputs, exit codes, errors without tracebacks."""

import json
import os
import subprocess
import sys

import pytest

from lawcli import __version__
from lawcli.cli.app import app
from tests.conftest import SAMPLES

TREES = str(SAMPLES / "示例市古树名木保护条例.txt")
DATA = str(SAMPLES / "示例省公共数据条例.txt")


def test_article_text(cli):
    code, out, err = cli("article", "9", TREES)
    assert code == 0
    assert out.startswith("第九条　古树名木按照下列规定确定养护责任人：\n（一）")
    assert out.count("\n") == 5 and err == ""


def test_article_json_schema(cli):
    code, out, _ = cli("article", "第八条", TREES, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["query"] == "第八条"
    node = data["results"][0]["node"]
    assert {"kind", "number", "label", "title", "text", "children"} <= node.keys()
    assert node["kind"] == "article" and node["number"] == "8" and node["label"] == "第八条"
    assert [c["kind"] for c in node["children"]] == ["paragraph", "paragraph"]
    assert node["children"][0]["children"][0]["label"] == "（一）"
    assert "\\u" not in out  # Chinese is written as it is


def test_stdin_dash_and_pipe(cli):
    data = (SAMPLES / "示例市古树名木保护条例.txt").read_bytes()
    code, out, _ = cli("article", "8-1", "-", stdin=data)
    assert code == 0 and out.startswith("第八条之一")
    code, out, _ = cli("article", "第十六条", stdin=data)  # FILE omitted, input piped
    assert code == 0 and "2026年1月1日" in out


@pytest.mark.parametrize("args,code,msg", [
    (("article", "99", TREES), 1, "no 第九十九条"),
    (("article", "xyz", TREES), 2, "cannot read reference"),
    (("article", "1", "/nonexistent/law.txt"), 2, "no such file"),
    (("article", "1", TREES, "--format", "yaml"), 2, "--format"),
    (("toc", TREES, "--doc", "5"), 2, "--doc 5"),
])
def test_errors_are_one_line(cli, args, code, msg):
    got, out, err = cli(*args)
    assert got == code
    assert msg in err and err.startswith("lawcli: error: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_bad_bytes(cli, tmp_path):
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    code, _, err = cli("toc", str(binary))
    assert code == 2 and "binary" in err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\n\n  \n")
    code, _, err = cli("toc", str(empty))
    assert code == 2 and "empty" in err


def test_encodings(cli, tmp_path):
    text = (SAMPLES / "示例市古树名木保护条例.txt").read_text("utf-8")
    for enc, data in [("gb18030", text.encode("gb18030")), ("utf-8-sig", text.encode("utf-8-sig")),
                      ("utf-16", text.encode("utf-16"))]:
        p = tmp_path / f"law-{enc}.txt"
        p.write_bytes(data)
        code, out, _ = cli("article", "2", str(p))
        assert code == 0 and out.startswith("第二条　本市行政区域内"), enc
    big5 = (SAMPLES / "示例市公園管理條例.txt").read_text("utf-8").encode("big5")
    p = tmp_path / "big5.txt"
    p.write_bytes(big5)
    code, out, _ = cli("article", "5", str(p))
    assert code == 0 and out.startswith("第五條　任何單位")


def test_toc_and_print(cli):
    code, out, _ = cli("toc", DATA)
    assert code == 0 and "  第一分编 数据收集与共享  第四条–第七条（6条）" in out
    code, out, _ = cli("toc", DATA, "-f", "json")
    toc = json.loads(out)["documents"][0]["toc"]
    assert [e["label"] for e in toc] == ["第一编", "第二编", "第三编"]
    assert toc[1]["articles"] == 9 and toc[1]["children"][0]["kind"] == "subpart"
    code, out, _ = cli("print", TREES, "--format", "json")
    doc = json.loads(out)
    assert doc["title"] == "示例市古树名木保护条例" and doc["warnings"] == []
    assert doc["kind"] == "document" and doc["document_kind"] == "条例"


def test_punct_standard(cli, tmp_path):
    p = tmp_path / "half.txt"
    p.write_text("某条例\n第一条　依照«某法»(试行),制定本条例.\n", "utf-8")
    code, out, _ = cli("article", "1", str(p), "--punct", "standard")
    assert out == "第一条　依照《某法》（试行），制定本条例。\n"
    code, out, _ = cli("article", "1", str(p))
    assert out == "第一条　依照«某法»(试行),制定本条例.\n"


def test_warnings_go_to_stderr_and_json(cli, tmp_path):
    p = tmp_path / "gap.txt"
    p.write_text("某条例\n第一条　甲。\n第三条　丙。\n", "utf-8")
    code, out, err = cli("article", "3", str(p))
    assert code == 0 and "缺少编号" in err and "warning" in err
    code, out, err = cli("article", "3", str(p), "-f", "json")
    assert json.loads(out)["warnings"][0]["code"] == "N101"


def test_version(cli):
    code, out, _ = cli("--version")
    assert code == 0 and out.strip() == f"lawcli {__version__}"


def test_every_command_has_help_with_example():
    from typer.main import get_command

    from lawcli.cli import app as cli

    cli.register_all()

    def commands(group, prefix=""):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):  # a group such as `library`
                yield from commands(command, f"{prefix}{name} ")
            else:
                yield prefix + name, command

    found = dict(commands(get_command(app)))
    assert {"article", "toc", "print", "docs", "search", "diff", "refs", "check", "amend",
            "library add"} <= set(found)
    for name, command in found.items():
        assert command.help and "lawcli " in command.help, f"{name} --help has no example"


def test_module_entry_and_closed_pipe():
    # `lawcli print … | head -1`: the pipe closes early; no traceback, output as far as it went.
    proc = subprocess.run(f"{sys.executable} -m lawcli print '{DATA}' | head -1",
                          shell=True, capture_output=True, text=True)
    assert proc.stdout.strip() == "示例省公共数据条例"
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr


def _console(*args: str, pipe: str = "") -> subprocess.CompletedProcess:
    """The installed command's entry point (`lawcli.cli.entry:console`) as a process."""
    code = f"import sys; sys.argv = ['lawcli', *{list(args)!r}]; from lawcli.cli.entry import console; console()"
    if pipe:
        return subprocess.run(f'{sys.executable} -c "{code}" | {pipe}', shell=True,
                              capture_output=True, text=True)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_console_entry_flushes_and_exits_with_the_code():
    # console() ends the process with os._exit: output must be flushed first, and
    # the exit code be the command's, on the quick path and on typer's alike.
    found = _console("article", "9", DATA)
    assert found.returncode == 0 and found.stdout.startswith("第九条")
    missing = _console("article", "99", DATA)
    assert missing.returncode == 1 and missing.stdout == "" and "第九十九条" in missing.stderr
    assert _console("toc", "--no-such-option", DATA).returncode == 2
    version = _console("--version")
    assert version.returncode == 0 and __version__ in version.stdout
    closed = _console("print", DATA, pipe="head -1")
    assert closed.stdout.strip() == "示例省公共数据条例"
    assert "Traceback" not in closed.stderr and "Error" not in closed.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["article", "9", DATA], ["search", "数据", DATA], ["print", DATA]])
@pytest.mark.parametrize("entry", ["console", "module"])
def test_output_that_cannot_be_written_is_a_clear_error(args, entry):
    # A full disk: one `lawcli: error:` line and exit 2, never a traceback, and no
    # complaint at exit about output still buffered.
    if entry == "console":
        code = f"import sys; sys.argv = ['lawcli', *{args!r}]; from lawcli.cli.entry import console; console()"
        cmd = [sys.executable, "-c", code]
    else:
        cmd = [sys.executable, "-m", "lawcli", *args]
    with open("/dev/full", "w") as full:
        proc = subprocess.run(cmd, stdout=full, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 2
    assert proc.stderr == "lawcli: error: cannot write the output: No space left on device\n"


def test_output_failing_only_at_the_last_flush_is_a_clear_error(monkeypatch, capsys):
    # Output small enough to sit in the buffer fails only when lawcli flushes it.
    import errno

    from lawcli.cli.kit import guarded

    class FullDisk:
        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        def fileno(self) -> int:
            raise ValueError("no file descriptor")

    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert guarded(lambda: sys.stdout.write("第一条") and 0) == 2
    assert capsys.readouterr().err == "lawcli: error: cannot write the output: No space left on device\n"


def test_law_option_uses_the_library(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LAWCLI_HOME", str(tmp_path / "home"))
    code, _, _ = cli("library", "add", str(SAMPLES))
    assert code == 0
    code, out, _ = cli("article", "8-1", "--law", "古树名木")
    assert code == 0 and out.startswith("第八条之一")
    code, out, _ = cli("toc", "--law", "公共数据", "-f", "json")
    assert code == 0 and json.loads(out)["documents"][0]["document"]["title"] == "示例省公共数据条例"
    code, _, err = cli("article", "1", "--law", "条例")
    assert code == 2 and "several" in err
    code, _, err = cli("article", "1", TREES, "--law", "古树")
    assert code == 2 and "not both" in err


def test_every_command_that_reads_a_file_takes_a_library_document():
    # The library's promise: wherever FILE is taken, --law TITLE-FRAGMENT may name a
    # library document instead (diff: --law-old and --law-new for its two sides).
    from typer.main import get_command

    from lawcli.cli import app as application

    application.register_all()
    group = get_command(app)
    checked = 0
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            continue
        args = {p.name for p in command.params if p.param_type_name == "argument"}
        opts = {o for p in command.params for o in getattr(p, "opts", ())}
        if {"old", "new"} <= args:
            assert {"--law-old", "--law-new"} <= opts, name
            checked += 1
        elif args & {"file", "old"} or name == "search":  # amend's OLD; search's PATHs
            assert "--law" in opts, name
            checked += 1
    assert checked >= 9  # article toc print docs refs check amend search diff


def test_law_option_on_docs_refs_check_and_diff(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LAWCLI_HOME", str(tmp_path / "home"))
    assert cli("library", "add", str(SAMPLES))[0] == 0
    code, out, _ = cli("docs", "--law", "古树名木", "-f", "json")
    assert code == 0 and [d["title"] for d in json.loads(out)] == ["示例市古树名木保护条例"]
    code, out, _ = cli("refs", "--law", "古树名木", "--to", "9", "-f", "json")
    expected = cli("refs", TREES, "--to", "9", "-f", "json")
    assert code == expected[0] and json.loads(out) == json.loads(expected[1])
    assert cli("refs", "--law", "古树名木", "9")[0] == cli("refs", TREES, "9")[0]  # lone argument: REF
    code, out, _ = cli("check", "--law", "古树名木", "-f", "json")
    assert (code, json.loads(out)) == (lambda r: (r[0], json.loads(r[1])))(cli("check", TREES, "-f", "json"))
    assert cli("diff", "--law-old", "古树名木", TREES)[0] == 0  # the same text: identical
    assert cli("diff", TREES, "--law-new", "古树名木")[0] == 0
    code, out, _ = cli("diff", "--law-old", "古树名木", "--law-new", "公共数据", "-f", "json")
    assert code == 1 and json.loads(out)["summary"]
    for args, message in ((["diff", "--law-old", "古树名木"], "give one file: NEW"),
                          (["diff", TREES], "needs OLD and NEW"),
                          (["diff", "--law-old", "古树", "--law-new", "古树", TREES], "give no file"),
                          (["check", TREES, "--law", "古树名木"], "not both")):
        code, _, err = cli(*args)
        assert code == 2 and message in err, args


def test_dangling_references_are_warned(cli, tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text("某条例\n第一条　违反本条例第九条规定的，依照第二条处理。\n第二条　本条例自2024年1月1日起施行。\n", "utf-8")
    code, out, err = cli("article", "1", str(p))
    assert code == 0 and "第九条不存在" in err and "第二条" not in err.replace("第二条处理", "")
    code, out, _ = cli("article", "1", str(p), "-f", "json")
    [w] = json.loads(out)["warnings"]
    assert w["code"] == "R201" and w["rule"] == "dangling-reference" and w["line"] == 2


def test_a_search_before_a_look_up_keeps_its_warnings(cli, tmp_path):
    # A search keeps trees in the parse cache without reference warnings; the look-up
    # that follows must not take such a tree for its own and lose its warnings.
    p = tmp_path / "draft.txt"
    p.write_text("某条例\n第一条　违反本条例第九条规定的，予以处罚。\n第二条　本条例自2024年1月1日起施行。\n", "utf-8")
    code, out, _ = cli("search", "处罚", str(p), "--no-index")
    assert code == 0 and "第一条" in out
    code, _, err = cli("article", "1", str(p))
    assert code == 0 and "第九条不存在" in err
    code, _, err = cli("article", "1", str(p))  # and from the cache, the second time
    assert code == 0 and "第九条不存在" in err
