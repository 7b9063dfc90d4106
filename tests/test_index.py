"""The SQLite index: results identical to the unindexed search, incremental, atomic."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

import pytest
from conftest import national_files
from test_search import REPORT, WETLAND, WETLAND_TRAD, isolated_cli

from lawcli.search.hits import hit_plain
from lawcli.search.index import build as index_build
from lawcli.search.index import query as index_query
from lawcli.search.index import schema as index_schema
from lawcli.search.index.build import build_index
from lawcli.search.index.query import search_dir
from lawcli.search.index.schema import INDEX_NAME, Index
from lawcli.search.scan import scan
from lawcli.search.searcher import Outcome, Plan, Searcher
from lawcli.search.terms import Term, build_query, parse_query

PLANS = [
    Plan(Term("罚款")),  # two characters: no trigram, the instr() fallback
    Plan(Term("罚")),
    Plan(Term("个人信息处理者")),
    Plan(Term("湿地保护")),
    Plan(Term("條例")),  # Traditional query
    Plan(Term("鸟类栖息地"), ignore_space=True),
    Plan(Term("(2025)")),  # width
    Plan(Term(r"处.{1,12}罚款", regex=True)),
    Plan(build_query(["罚款", "警告"], all_terms=True)),
    Plan(build_query(["吊销", "监测"])),
    Plan(parse_query("人民政府 -罚款")),
    Plan(Term("人民政府"), level="article"),
    Plan(Term("应当"), level="paragraph", within="第二章"),
    Plan(Term("罚款"), kind="法", context=1),
    Plan(Term("未成年人"), doc="保护法"),
    Plan(Term("的"), level="item"),
    Plan(build_query(["罚", "湿地保护"])),  # literals of both kinds, OR-ed: one SQL query
    Plan(Term("湿地"), first_per_file=True),
    Plan(Term("罰款"), doc="示範"),  # a Traditional query in a Traditional document
    Plan(Term("的")),  # 的的: touching matches shown as one span
    Plan(Term("湿地.{0,6}保护", regex=True)),  # a regex narrowed by its required ideographs
    Plan(Term("(破坏|排放)[^，。]*", regex=True)),  # ... or by none (every article checked)
    Plan(Term("罰款|湿地", regex=True)),
    Plan(Term("第[一二三四五六]條", regex=True), level="article"),
    Plan(Term("湿地"), context=2),  # context through the index's row windows
    Plan(Term("條例"), context=1),
    Plan(build_query(["罚", "湿地保护"]), context=3, doc="湿地"),
]



@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    """Never the real home: library and out-of-tree indexes go to a temporary LAWCLI_HOME."""
    monkeypatch.setenv("LAWCLI_HOME", str(tmp_path / "lawcli-home"))


def _tree(tmp_path, with_corpus: bool):
    root = tmp_path / "laws"
    (root / "县").mkdir(parents=True)
    (root / "示范县湿地保护条例.txt").write_text(WETLAND, encoding="utf-8")
    (root / "县" / "示範縣濕地保護條例.txt").write_text(WETLAND_TRAD, encoding="utf-8")
    (root / "县" / "report.md").write_text("# " + REPORT, encoding="utf-8")
    if with_corpus:
        for p in national_files():
            dest = root / "national" / p.parent.name / p.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest)
    return root


def _dicts(hits):
    return [h.to_dict() for h in hits]


@pytest.fixture(params=[False, pytest.param(True, marks=pytest.mark.slow)], ids=["samples", "national"])
def tree(request, tmp_path):
    """(root of the invented laws — with the national corpus copied in too — , whether it is)."""
    if request.param and not national_files():
        pytest.skip("../shared/corpus is not beside the project: national corpus part skipped")
    return _tree(tmp_path, request.param), request.param


def test_index_equals_scan(tree):
    root, with_corpus = tree
    report = build_index(str(root))
    assert report.parsed == report.files and not report.errors
    assert (root / INDEX_NAME).exists()
    nonempty = 0
    for plan in PLANS:
        scanned = _dicts(scan([str(root)], Searcher(plan)))
        indexed = _dicts(search_dir(str(root), Searcher(plan), Outcome()))
        assert indexed == scanned, plan
        nonempty += bool(scanned)
    assert nonempty >= (12 if with_corpus else 8)


def _plain(found) -> str:
    """What a pipe gets of a search's hits (a str is already written out: Plan.rendered)."""
    return "".join(x if isinstance(x, str) else hit_plain(x, show_file=True) for x in found)


def test_rendered_lines_equal_the_plain_hits(tree):
    """Plan.rendered: the index writes a literal search's hits out itself, per file; the
    text is what printing the scan's hits one by one gives."""
    root, _ = tree
    build_index(str(root))
    written = 0
    for plan in PLANS:
        if plan.first_per_file:
            continue
        expected = _plain(scan([str(root)], Searcher(plan)))
        found = list(search_dir(str(root), Searcher(plan._replace(rendered=True)), Outcome()))
        assert _plain(found) == expected, plan
        written += sum(isinstance(x, str) for x in found)
    assert written >= 8  # the literal plans were answered by the rendered path


def test_context_read_beyond_the_first_window_equals_scan(tree, monkeypatch):
    """A hit's neighbours are read as a window of rows around it; when the window holds
    too few rows with text, the rest of the document is read on: the same context."""
    root, _ = tree
    build_index(str(root))
    monkeypatch.setattr(index_query, "_ROWS_PER_UNIT", 0)  # windows of 2 rows for 6 units
    full = 0  # hits with all their context before them: more than one window's worth
    for plan in (Plan(Term("湿地"), context=6), Plan(Term("罚款"), context=9)):
        scanned = _dicts(scan([str(root)], Searcher(plan)))
        assert scanned, plan
        assert _dicts(search_dir(str(root), Searcher(plan), Outcome())) == scanned, plan
        full += sum(len(h["context"]["before"]) == plan.context for h in scanned)
    assert full


def test_a_build_reports_its_progress_file_by_file(tmp_path):
    root = _tree(tmp_path, False)
    seen: list[tuple[int, int, int]] = []
    report = build_index(str(root), progress=lambda *a: seen.append(a))
    assert [d for d, _, _ in seen] == list(range(1, report.parsed + 1))
    assert seen[-1] == (report.parsed, report.parsed, report.bytes_parsed)
    seen.clear()
    build_index(str(root), progress=lambda *a: seen.append(a))
    assert seen == []  # nothing to parse, nothing to tell


def test_progress_line_only_on_a_terminal(monkeypatch):
    import io
    import sys

    from lawcli.cli.commands.search import _progress_line

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert _progress_line() is None
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    show = _progress_line()
    show(1, 3, 2_500_000)
    show(2, 3, 4_000_000)  # within 0.2 s of the last: not drawn
    show(3, 3, 6_000_000)  # the last: drawn, then cleared
    out = screen.getvalue()
    assert "indexed 1 of 3 files (2.5 MB)" in out and "2 of 3" not in out
    assert out.endswith("indexed 3 of 3 files (6.0 MB)\r\033[K")


def test_short_terms_without_trigram_query_equal_scan(tmp_path, monkeypatch):
    """With too many trigrams for an OR query, 1–2-character terms are found by scanning
    the stored keys: the same hits."""
    root = _tree(tmp_path, False)
    build_index(str(root))
    monkeypatch.setattr(index_query, "_MAX_GRAMS", 0)
    for plan in (Plan(Term("罚款")), Plan(build_query(["罚", "湿地保护"])), Plan(Term("的"))):
        scanned = _dicts(scan([str(root)], Searcher(plan)))
        assert scanned and _dicts(search_dir(str(root), Searcher(plan), Outcome())) == scanned


def test_incremental_and_no_rewrite_when_unchanged(tmp_path):
    root = _tree(tmp_path, False)
    first = build_index(str(root))
    assert first.parsed == 3
    db = root / INDEX_NAME
    stamp = db.stat().st_mtime_ns
    again = build_index(str(root))
    assert again.parsed == 0 and again.unchanged == 3 and db.stat().st_mtime_ns == stamp
    # Touched but identical: hashed, not parsed.
    law = root / "示范县湿地保护条例.txt"
    os.utime(law, ns=(stamp + 10**9, stamp + 10**9))
    assert build_index(str(root)).parsed == 0
    law.write_text(WETLAND.replace("罚款", "罚金"), encoding="utf-8")
    (root / "县" / "report.md").unlink()
    changed = build_index(str(root))
    assert changed.parsed == 1 and changed.removed == 1
    found = _dicts(search_dir(str(root), Searcher(Plan(Term("罚金"))), Outcome()))
    assert [h["article"] for h in found] == ["4"]
    assert not _dicts(search_dir(str(root), Searcher(Plan(Term("查处力度"))), Outcome()))


def test_stale_index_reads_changed_files(tmp_path):
    root = _tree(tmp_path, False)
    build_index(str(root))
    law = root / "示范县湿地保护条例.txt"
    law.write_text(WETLAND.replace("罚款", "罚金"), encoding="utf-8")
    (root / "新.txt").write_text("示范条例\n\n第一条　罚金的数额。\n", encoding="utf-8")
    plan = Plan(Term("罚金"))
    assert _dicts(search_dir(str(root), Searcher(plan), Outcome())) == _dicts(scan([str(root)], Searcher(plan)))


def test_interrupted_build_leaves_the_old_index(tmp_path, monkeypatch):
    root = _tree(tmp_path, False)
    build_index(str(root))
    db = root / INDEX_NAME
    before = db.read_bytes()
    (root / "示范县湿地保护条例.txt").write_text(WETLAND + "\n第七条　新增。\n", encoding="utf-8")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(index_build, "_insert", boom)
    with pytest.raises(KeyboardInterrupt):
        build_index(str(root))
    assert db.read_bytes() == before
    assert [p.name for p in root.iterdir() if ".tmp-" in p.name] == []
    monkeypatch.undo()
    assert build_index(str(root)).parsed == 1


def test_index_is_fts5_trigram(tmp_path):
    root = _tree(tmp_path, False)
    build_index(str(root))
    conn = sqlite3.connect(root / INDEX_NAME)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'groups_fts'").fetchone()[0]
    assert "fts5" in sql and "trigram" in sql
    assert conn.execute("SELECT count(*) FROM groups_fts WHERE groups_fts MATCH '\"湿地保护\"'").fetchone()[0] > 0


def test_read_only_directory_gets_its_index_under_home(tmp_path, monkeypatch):
    root = _tree(tmp_path, False)
    monkeypatch.setenv("LAWCLI_HOME", str(tmp_path / "home"))
    root.chmod(0o555)  # read-only by intent (root would still be allowed to write)
    try:
        build_index(str(root))
        where = Index.locate(str(root))
        assert where and where.startswith(str(tmp_path / "home")) and not (root / INDEX_NAME).exists()
        plan = Plan(Term("罚款"))
        assert _dicts(search_dir(str(root), Searcher(plan), Outcome())) == _dicts(scan([str(root)], Searcher(plan)))
    finally:
        root.chmod(0o755)


def test_cli_uses_the_index(tmp_path, monkeypatch, capsys):
    from lawcli.search import find as find_mod

    cli = isolated_cli(monkeypatch)
    root = _tree(tmp_path, False)
    assert cli.main(["index", str(root)]) == 0
    assert "3 files" in capsys.readouterr().out

    def no_scan(*a, **k):
        raise AssertionError("scanned although an index exists")

    monkeypatch.setattr(find_mod, "scan", no_scan)
    monkeypatch.setattr(index_query, "scan", no_scan)
    assert cli.main(["search", "罚款", str(root), "-f", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert '"article": "4"' in out and "示範縣" in out
    assert cli.main(["search", "罚款", "--index", str(root), "-c"]) == 0
    assert cli.main(["search", "罚款", "--index", str(tmp_path)]) == 2


def test_broken_index_falls_back_to_reading(tmp_path):
    root = _tree(tmp_path, False)
    (root / INDEX_NAME).write_bytes(b"not a database at all")
    outcome = Outcome()
    plan = Plan(Term("罚款"))
    assert _dicts(search_dir(str(root), Searcher(plan), outcome)) == _dicts(scan([str(root)], Searcher(plan)))
    assert outcome.notes and not outcome.errors
    assert build_index(str(root)).parsed == 3  # and a build replaces it


def test_files_with_matches_stops_early_and_agrees(tmp_path):
    root = _tree(tmp_path, False)
    build_index(str(root))
    plan = Plan(Term("湿地"), first_per_file=True)
    indexed = _dicts(search_dir(str(root), Searcher(plan), Outcome()))
    scanned = _dicts(scan([str(root)], Searcher(plan)))
    assert indexed == scanned
    assert len(indexed) == len({h["file"] for h in indexed}) == 3


def test_files_with_matches_reads_on_past_a_group_without_the_term(tmp_path):
    """-l looks at each file's first candidate article first; an article whose key holds
    the term only once white space is gone (罚 款) is no hit, so the file's next
    candidate article is read — and a file with no real hit is not listed."""
    root = tmp_path / "laws"
    root.mkdir()
    head = "示例条例\n第一条　为了测试，制定本条例。\n第二条　违反规定的，处以罚 款。\n"
    (root / "a.txt").write_text(head + "第三条　情节严重的，并处罚款。\n", encoding="utf-8")
    (root / "b.txt").write_text(head + "第三条　本条例自公布之日起施行。\n", encoding="utf-8")
    (root / "c.txt").write_text(head.replace("罚 款", "罚款"), encoding="utf-8")
    build_index(str(root))
    plan = Plan(Term("罚款"), first_per_file=True)
    indexed = _dicts(search_dir(str(root), Searcher(plan), Outcome()))
    assert indexed == _dicts(scan([str(root)], Searcher(plan)))
    assert [(os.path.basename(h["file"]), h["article"]) for h in indexed] == [("a.txt", "3"), ("c.txt", "2")]


def test_indexed_dir_with_other_paths(tmp_path, monkeypatch, capsys):
    cli = isolated_cli(monkeypatch)
    root = _tree(tmp_path, False)
    build_index(str(root))
    extra = tmp_path / "extra.txt"
    extra.write_text("示范条例\n\n第一条　处罚款。\n", encoding="utf-8")
    code = cli.main(["search", "罚款", str(root), str(extra), str(tmp_path / "missing.txt"), "-c"])
    out, err = capsys.readouterr()
    assert code == 2 and "missing.txt" in err  # reported, and the others still searched
    assert str(extra) in out and "示範縣" in out


def test_first_hit_per_file_respects_document_filters(tmp_path):
    """-l through the index: the first hit of a file is the first in a wanted document."""
    root = _tree(tmp_path, False)
    (root / "两件.txt").write_text(REPORT + "\n\n" + WETLAND, encoding="utf-8")
    build_index(str(root))
    for plan in (Plan(Term("湿地"), first_per_file=True, kind="条例"),
                 Plan(Term("湿地"), first_per_file=True, doc="湿地保护条例"),
                 Plan(Term("湿地"), first_per_file=True)):
        scanned = _dicts(scan([str(root)], Searcher(plan)))
        assert scanned and _dicts(search_dir(str(root), Searcher(plan), Outcome())) == scanned


def _age(root, seconds=60):
    """Set every directory's modification time back: what an index built long after the
    corpus was written sees (a directory changed a moment ago is never trusted)."""
    past = time.time() - seconds
    for d in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        os.utime(d, (past, past))


def test_unchanged_directories_are_not_listed_again(tmp_path):
    root = _tree(tmp_path, False)
    (root / "县" / "乡").mkdir()
    (root / "县" / "乡" / "乡.txt").write_text(WETLAND.replace("示范县", "示范乡"), encoding="utf-8")
    _age(root)
    build_index(str(root))
    idx = Index(str(root / INDEX_NAME))
    try:
        listed = idx.listed_files(str(root))
        assert listed is not None
        assert [(k, p) for k, p, _ in index_schema.dir_files(str(root))] == [(k, p) for k, p, _ in listed]
    finally:
        idx.close()
    plan = Plan(Term("湿地"))
    assert _dicts(search_dir(str(root), Searcher(plan), Outcome())) == _dicts(scan([str(root)], Searcher(plan)))


@pytest.mark.parametrize("change", ["add deep", "add top", "remove", "new dir", "rename"])
def test_a_changed_directory_is_listed_again(tmp_path, change):
    root = _tree(tmp_path, False)
    (root / "县" / "乡").mkdir()
    deep = root / "县" / "乡" / "乡.txt"
    deep.write_text(WETLAND.replace("示范县", "示范乡"), encoding="utf-8")
    _age(root)
    build_index(str(root))
    new_law = "示范镇湿地条例\n\n第一条　湿地罚金的数额。\n"
    if change == "add deep":
        (root / "县" / "乡" / "镇.txt").write_text(new_law, encoding="utf-8")
    elif change == "add top":
        (root / "镇.txt").write_text(new_law, encoding="utf-8")
    elif change == "remove":
        deep.unlink()
    elif change == "new dir":
        (root / "县" / "乡" / "镇").mkdir()
        (root / "县" / "乡" / "镇" / "镇.md").write_text(new_law, encoding="utf-8")
    else:
        deep.rename(deep.with_name("村.txt"))
    idx = Index(str(root / INDEX_NAME))
    try:
        assert idx.listed_files(str(root)) is None
    finally:
        idx.close()
    for plan in (Plan(Term("湿地")), Plan(Term("罚金"))):
        assert (_dicts(search_dir(str(root), Searcher(plan), Outcome()))
                == _dicts(scan([str(root)], Searcher(plan))))


def test_a_directory_written_while_indexed_is_not_trusted(tmp_path):
    """Changed within the file system clock's tick before the build read its time, a
    directory could change again unseen: such a directory is always listed."""
    root = _tree(tmp_path, False)
    build_index(str(root))  # written a moment ago
    idx = Index(str(root / INDEX_NAME))
    try:
        assert idx.listed_files(str(root)) is None
    finally:
        idx.close()
    _age(root)
    report = build_index(str(root))  # the listing alone is brought up to date, in place
    assert report.parsed == 0
    idx = Index(str(root / INDEX_NAME))
    try:
        assert idx.listed_files(str(root)) is not None
    finally:
        idx.close()


@pytest.mark.slow
def test_random_literals_index_fast_path_equals_general_engine(tmp_path, monkeypatch):
    """Needles cut at random from the corpus (1–6 ideographs, some in Traditional): the
    index's row-by-row SQL answer, the scan's node walk and the general engine over rows
    all give the same hits."""
    import random
    import re

    from lawcli.text.convert import to_traditional

    if not national_files():
        pytest.skip("../shared/corpus is not beside the project")
    root = _tree(tmp_path, True)
    gazette = national_files()[0].parent.parent.parent / "gazette" / "shanxi-gazette-2021-07.txt"
    if gazette.exists():
        shutil.copyfile(gazette, root / "gazette.txt")
    build_index(str(root))
    text = "".join(p.read_text(encoding="utf-8") for p in national_files()[:20])
    runs = re.findall(r"[\u4e00-\u9fff]{6,}", text)
    rng = random.Random(7)
    needles = []
    for _ in range(24):
        run = rng.choice(runs)
        n = rng.randint(1, 6)
        i = rng.randint(0, len(run) - n)
        needle = run[i:i + n]
        needles.append(to_traditional(needle) if rng.random() < 0.25 else needle)
    found = 0
    for needle in needles:
        plan = Plan(Term(needle))
        indexed = _dicts(search_dir(str(root), Searcher(plan), Outcome()))
        walked = _dicts(scan([str(root)], Searcher(plan)))
        with monkeypatch.context() as m:
            m.setattr(Searcher, "row_literals", property(lambda self: None))
            general = _dicts(scan([str(root)], Searcher(plan)))
        assert indexed == walked == general, needle
        rendered = search_dir(str(root), Searcher(plan._replace(rendered=True)), Outcome())
        assert _plain(rendered) == _plain(scan([str(root)], Searcher(plan))), needle
        found += bool(indexed)
    assert found == len(needles)  # every needle was cut from the corpus


def test_counts_through_the_index_equal_counted_hits(tree):
    """--count answered by SQL (DocCount per document) says what counting the hits says."""
    from lawcli.search.hits import DocCount, count_by_document

    root, _ = tree
    build_index(str(root))
    for plan in (Plan(Term("罚款"), count_only=True), Plan(Term("罰款"), count_only=True),
                 Plan(build_query(["湿地", "罚"]), count_only=True),
                 Plan(Term("的"), count_only=True, kind="条例"),
                 Plan(Term("条例"), count_only=True, doc="湿地")):
        through_index = list(search_dir(str(root), Searcher(plan), Outcome()))
        assert any(isinstance(x, DocCount) for x in through_index), plan
        expected = count_by_document(scan([str(root)], Searcher(plan._replace(count_only=False))))
        assert count_by_document(through_index) == expected, plan
