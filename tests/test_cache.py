"""The parse cache's upkeep: least recently used out, a size budget, O(1) a write."""

from __future__ import annotations

import os

import pytest

from lawcli.cli import cache
from lawcli.parsing.source import load_text

LAW = "示例县河道保洁办法\n\n第一条　为了保持河道整洁，制定本办法。\n\n第二条　本办法自公布之日起施行。\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("LAWCLI_CACHE", str(d))
    return d


def _put(n: int) -> str:
    text = LAW.replace("示例县", f"示例县第{n}号")
    k = cache.key(text.encode(), None)
    cache.put(k, load_text(text, f"{n}.txt"))
    return k


def _entries(d) -> set[str]:
    return {p.name[:-len(".pickle")] for p in d.glob("*.pickle")}


def test_a_hit_keeps_an_entry_that_would_go_first(folder, monkeypatch):
    keys = [_put(n) for n in range(40)]
    for n, k in enumerate(keys):  # written in order, a second apart
        os.utime(folder / f"{k}.pickle", (1_000_000 + n, 1_000_000 + n))
    assert cache.get(keys[0]) is not None  # used now: newest
    size = (folder / f"{keys[0]}.pickle").stat().st_size
    monkeypatch.setenv("LAWCLI_CACHE_MB", str(10.5 * size / 1e6))
    left = cache._prune(str(folder))
    kept = _entries(folder)
    assert keys[0] in kept and keys[1] not in kept
    assert left == len(kept) and left <= 10
    assert set(keys[-left + 1:]) <= kept  # the rest: the most recently written


def test_the_cache_stays_within_its_budget(folder, monkeypatch):
    size = (folder / f"{_put(-1)}.pickle").stat().st_size
    monkeypatch.setenv("LAWCLI_CACHE_MB", str(30 * size / 1e6))
    for n in range(200):
        _put(n)
    total = sum(p.stat().st_size for p in folder.glob("*.pickle"))
    # between two listings at most a quarter more (or 16) entries are written
    assert total <= 30 * size + max(16, 30 // 4) * size * 1.1


def test_a_write_does_not_list_the_folder(folder, monkeypatch):
    listings = []
    real = os.scandir

    def counting(path):
        listings.append(path)
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    for n in range(300):
        _put(n)
    # listed when the ledger reaches a quarter of the last count (16 at least):
    # a few dozen listings for 300 writes, not 300
    assert 0 < len(listings) <= 300 // 16


def test_holds_follows_the_budget(monkeypatch):
    monkeypatch.setenv("LAWCLI_CACHE_MB", "10")
    assert cache.holds(1_000_000)
    assert not cache.holds(5_000_000)
    monkeypatch.setenv("LAWCLI_CACHE_MB", "nan")
    assert cache.budget() == cache._DEFAULT_MB * 1_000_000


def test_a_search_too_big_for_the_cache_only_reads_it(folder, monkeypatch, cli):
    from conftest import SAMPLES

    monkeypatch.setenv("LAWCLI_CACHE_MB", "0.0001")
    code, out, _ = cli("search", "古树", str(SAMPLES))
    assert code == 0 and out
    assert not folder.exists() or not _entries(folder)
    monkeypatch.setenv("LAWCLI_CACHE_MB", "100")
    code, again, _ = cli("search", "古树", str(SAMPLES))
    assert again == out and _entries(folder)
