"""Searching a directory with several processes (lawcli/search/fanout.py) gives what one process gives."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_search import REPORT, WETLAND, WETLAND_TRAD

from lawcli.errors import UsageError
from lawcli.search import fanout
from lawcli.search.scan import scan
from lawcli.search.searcher import Outcome, Plan, Searcher
from lawcli.search.terms import Term, build_query, parse_query

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=40), st.integers(1, 6))
def test_split_keeps_order_and_fills_every_chunk(sizes, n):
    items = list(range(len(sizes)))
    chunks = fanout.split(items, sizes, n)
    assert [i for c in chunks for i in c] == items
    assert all(chunks) and len(chunks) <= n


def _tree(tmp_path):
    root = tmp_path / "laws"
    for i in range(6):
        (root / f"d{i % 3}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i % 3}" / f"{i}-湿地.txt").write_text(WETLAND.replace("示范县", f"示范{i}县"),
                                                          encoding="utf-8")
    (root / "d1" / "trad.txt").write_text(WETLAND_TRAD, encoding="utf-8")
    (root / "d2" / "report.md").write_text("# " + REPORT, encoding="utf-8")
    (root / "d0" / "broken.txt").write_bytes(b"\x00\x01binary\xff" * 50)
    return root


def _run(root, plan, jobs, monkeypatch):
    monkeypatch.setenv("LAWCLI_JOBS", str(jobs))
    outcome = Outcome()
    searcher = Searcher(plan)
    hits = [h.to_dict() for h in scan([str(root)], searcher, outcome)]
    return hits, outcome.errors, outcome.notes, outcome.files, searcher.within_found


@linux_only
@pytest.mark.parametrize("plan", [Plan(Term("湿地")), Plan(Term("罚款"), first_per_file=True),
                                  Plan(parse_query("保护 -罚款"), level="article"),
                                  Plan(build_query(["罰款", "查处"])), Plan(Term("监测"), within="第二章"),
                                  Plan(Term("鸟类"), context=1)])
def test_several_processes_find_what_one_finds(tmp_path, monkeypatch, plan):
    root = _tree(tmp_path)
    one = _run(root, plan, 1, monkeypatch)
    assert one[0] and one[1]  # hits, and the binary file's error
    for jobs in (2, 3, 5):
        assert _run(root, plan, jobs, monkeypatch) == one


@linux_only
def test_an_error_in_a_worker_is_raised_in_order(tmp_path, monkeypatch):
    """A catastrophic pattern meets its text only in the last file (a child's chunk):
    the hits before it come first, then the error, as in one process."""
    root = _tree(tmp_path)
    (root / "zz").mkdir()
    (root / "zz" / "last.txt").write_text("示范条例\n\n第一条　" + "a" * 60 + "\n", encoding="utf-8")
    plan = Plan(build_query(["湿地", "(a|aa)+c"], regex=True), timeout=0.1)
    for jobs in ("1", "3"):
        monkeypatch.setenv("LAWCLI_JOBS", jobs)
        found = []
        with pytest.raises(UsageError, match="last.txt"):
            for h in scan([str(root)], Searcher(plan)):
                found.append(h.file)
        assert len(found) > 10 and not any("zz" in f for f in found)


def _children() -> set[int]:
    """This process's child processes (zombies included), from /proc."""
    out = set()
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                out.add(int(d))
    return out


@linux_only
def test_stopping_early_leaves_no_worker_behind(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    monkeypatch.setenv("LAWCLI_JOBS", "3")
    before = _children()
    hits = scan([str(root)], Searcher(Plan(Term("湿地"))))
    next(hits)
    assert len(_children() - before) == 2  # two workers while the first chunk is read here
    hits.close()
    assert _children() <= before  # ended and reaped


def test_small_inputs_stay_in_one_process(monkeypatch):
    monkeypatch.delenv("LAWCLI_JOBS", raising=False)
    assert fanout.jobs_for(200_000, 40) == 1
    assert fanout.jobs_for(50_000_000, 2) == 1
    monkeypatch.setenv("LAWCLI_JOBS", "1")
    assert fanout.jobs_for(50_000_000, 400) == 1


def test_a_big_search_without_an_index_suggests_one(tmp_path, monkeypatch):
    from lawcli.search import scan as scan_mod

    root = _tree(tmp_path)
    outcome = Outcome()
    list(scan([str(root)], Searcher(Plan(Term("湿地"))), outcome))
    assert not outcome.notes
    monkeypatch.setattr(scan_mod, "INDEX_HINT_BYTES", 1000)
    outcome = Outcome()
    list(scan([str(root)], Searcher(Plan(Term("湿地"))), outcome))
    assert outcome.notes and f"lawcli index {root}" in outcome.notes[0]
