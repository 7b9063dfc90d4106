"""The library: add, list, remove, search without a path, load_law by title fragment."""

from __future__ import annotations

import os

import pytest
from conftest import national_files
from test_search import REPORT, WETLAND, WETLAND_TRAD, isolated_cli

from lawcli.errors import UsageError
from lawcli.search.library import add, entries, library_path, load_law, remove, search_library
from lawcli.search.searcher import Outcome, Plan, Searcher
from lawcli.search.terms import Term


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWCLI_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def laws(tmp_path):
    root = tmp_path / "laws"
    root.mkdir()
    (root / "示范县湿地保护条例.txt").write_text(WETLAND, encoding="utf-8")
    (root / "示範縣濕地保護條例.txt").write_text(WETLAND_TRAD, encoding="utf-8")
    (root / "report.txt").write_text(REPORT, encoding="utf-8")
    return root


def test_location_follows_lawcli_home(home, laws):
    add([str(laws)])
    assert library_path() == str(home / "library.sqlite")
    assert os.path.isfile(library_path())


def test_default_location_without_lawcli_home(monkeypatch, tmp_path):
    monkeypatch.delenv("LAWCLI_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert library_path() == str(tmp_path / "xdg" / "lawcli" / "library.sqlite")


def test_add_list_remove(laws):
    report = add([str(laws)])
    assert report.parsed == 3
    listed = entries()
    titles = {e["title"]: e for e in listed}
    assert set(titles) == {"示范县湿地保护条例", "示範縣濕地保護條例", "关于示范县湿地保护工作情况的报告"}
    law = titles["示范县湿地保护条例"]
    assert law["kind"] == "条例" and law["articles"] == 7
    assert law["source"] == str(laws / "示范县湿地保护条例.txt")
    assert "effective" in law
    assert remove(["工作情况"]) == [str(laws / "report.txt")]
    assert len(entries()) == 2
    remove([str(laws / "示範縣濕地保護條例.txt")])
    assert [e["title"] for e in entries()] == ["示范县湿地保护条例"]
    with pytest.raises(UsageError):
        remove(["没有这部法"])



def test_ambiguous_fragment_lists_candidates(laws):
    add([str(laws)])
    with pytest.raises(UsageError) as e:
        load_law("湿地保护")
    msg = str(e.value)
    assert "示范县湿地保护条例" in msg and "示範縣濕地保護條例" in msg
    with pytest.raises(UsageError):
        load_law("刑法")


def test_load_law_gives_the_document(laws):
    add([str(laws)])
    source = load_law("示范县湿地保护条例")
    (doc,) = source.documents
    assert doc.title == "示范县湿地保护条例" and doc.article_index["3-1"].label == "第三条之一"
    (trad,) = load_law("示範縣濕地").documents
    assert trad.title == "示範縣濕地保護條例"


def test_changed_source_is_read_again(laws):
    add([str(laws)])
    path = laws / "示范县湿地保护条例.txt"
    path.write_text(WETLAND.replace("罚款", "罚金"), encoding="utf-8")
    (doc,) = load_law("示范县湿地保护条例").documents
    assert "罚金" in doc.article_index["4"].full_text
    found = list(search_library(Searcher(Plan(Term("罚金"))), Outcome()))
    assert [h.article for h in found] == ["4"]


def test_moved_source_uses_the_kept_copy(laws):
    add([str(laws)])
    (laws / "示范县湿地保护条例.txt").unlink()
    (doc,) = load_law("示范县湿地保护条例").documents
    assert doc.article_index["6"]
    assert list(search_library(Searcher(Plan(Term("监测"))), Outcome()))


def test_search_library_equals_scan(laws):
    from lawcli.search.scan import scan

    add([str(laws)])
    for t in ("湿地", "罚款", "條例", "废水"):
        lib = [(h.document, h.address, h.text, h.spans) for h in search_library(Searcher(Plan(Term(t))), Outcome())]
        direct = [(h.document, h.address, h.text, h.spans) for h in scan([str(laws)], Searcher(Plan(Term(t))))]
        assert sorted(lib) == sorted(direct) and lib


def test_empty_library_is_a_usage_error():
    with pytest.raises(UsageError):
        list(search_library(Searcher(Plan(Term("罚款"))), Outcome()))
    with pytest.raises(UsageError):
        load_law("刑法")


def test_national_versions_told_apart_by_file_name():
    files = [p for p in national_files() if p.name.startswith("反垄断法")]
    if len(files) < 2:
        pytest.skip("../shared/corpus is not beside the project: national corpus test skipped")
    add([str(p) for p in files])
    with pytest.raises(UsageError) as e:
        load_law("反垄断法")
    assert "2007" in str(e.value) and "2022" in str(e.value)
    (doc,) = load_law("反垄断法(2022").documents
    assert doc.articles


def test_cli_library(laws, monkeypatch, capsys):
    cli = isolated_cli(monkeypatch)
    assert cli.main(["search", "罚款"]) == 2  # empty library
    capsys.readouterr()
    assert cli.main(["library", "add", str(laws)]) == 0
    capsys.readouterr()
    assert cli.main(["library", "list"]) == 0
    out = capsys.readouterr().out
    assert "示范县湿地保护条例" in out and "7条" in out
    assert cli.main(["search", "罚款", "-f", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 2
    assert cli.main(["library", "remove", "示範縣"]) == 0
    assert cli.main(["search", "罚款", "-c"]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # "removed …" line and one count line


def test_search_one_library_document(laws, monkeypatch, capsys):
    cli = isolated_cli(monkeypatch)
    add([str(laws)])
    assert cli.main(["search", "罚款", "--law", "示範縣", "-f", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "罰款" in out
    assert cli.main(["search", "罚款", "--law", "湿地保护"]) == 2  # ambiguous
    assert "示範縣濕地保護條例" in capsys.readouterr().err


def test_directory_files_without_legal_text_are_not_kept(laws):
    (laws / "README.md").write_text("# 目录使用指南\n\n本目录收录示范文本，仅供测试。\n", encoding="utf-8")
    report = add([str(laws)])
    assert report.skipped == [str(laws / "README.md")]
    assert "目录使用指南" not in {e["title"] for e in entries()}
    assert len(entries()) == 3
    add([str(laws / "README.md")])  # named explicitly: kept
    assert len(entries()) == 4


def test_read_only_library_still_reads(laws, monkeypatch):
    import lawcli.search.library as lib

    add([str(laws)])
    (laws / "示范县湿地保护条例.txt").write_text(WETLAND.replace("罚款", "罚金"), encoding="utf-8")

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(lib, "update", refuse)
    assert "not refreshed" in lib.refresh()[-1]
    (doc,) = load_law("示范县湿地保护条例").documents
    assert "罚金" in doc.article_index["4"].full_text  # the file as it is now
    found = list(search_library(Searcher(Plan(Term("罚款"))), Outcome()))
    assert {h.article for h in found} == {"2", "4"}  # the stored text (the other law has 罚款 too)
