"""lawcli.text.t2s: OpenCC's one-character answers, stored once and read back."""

from __future__ import annotations

import os
import random

import pytest

from lawcli.text import t2s
from lawcli.text.convert import to_simplified


def test_stored_map_is_opencc_one_character_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(t2s, "_FOLDER", str(tmp_path))
    table = t2s.stored()
    assert table and len(table) > 3000  # thousands of Traditional characters
    rng = random.Random(3)
    sample = [chr(rng.randint(lo, hi)) for lo, hi in t2s.BLOCKS for _ in range(150)]
    sample += list("條例個體機關與權屬後於臺灣")
    for ch in sample:
        one = to_simplified(ch)
        expected = one if len(one) == 1 else ch
        assert chr(table.get(ord(ch), ord(ch))) == expected, ch
    assert table[ord("條")] == ord("条") and ord("条") not in table


def test_second_run_reads_the_file_without_opencc(tmp_path, monkeypatch):
    monkeypatch.setattr(t2s, "_FOLDER", str(tmp_path))
    first = t2s.stored()
    files = [p for p in os.listdir(tmp_path) if p.startswith("t2s-")]
    assert len(files) == 1

    def no_opencc(chars):
        raise AssertionError("OpenCC asked again")

    monkeypatch.setattr(t2s, "convert_each", no_opencc)
    assert t2s.stored() == first


def test_a_damaged_file_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setattr(t2s, "_FOLDER", str(tmp_path))
    first = t2s.stored()
    (name,) = [p for p in os.listdir(tmp_path) if p.startswith("t2s-")]
    (tmp_path / name).write_bytes(b"\x00garbage")
    assert t2s.stored() == first


def test_no_folder_means_no_file(monkeypatch):
    monkeypatch.setattr(t2s, "_FOLDER", None)
    assert t2s.stored() is None


def test_a_search_keeps_the_map_in_the_parse_cache_folder(cli, tmp_path, monkeypatch):
    # The CLI names its cache folder (the text stage does not know it); cache off: no file.
    from lawcli.search import terms

    cache = tmp_path / "cache"
    monkeypatch.setattr(t2s, "_FOLDER", None)
    # (a fresh process's memory: nothing mapped yet)
    monkeypatch.setattr(terms, "_T2S", {})
    monkeypatch.setattr(terms, "_SEEN", set())
    monkeypatch.setattr(terms, "_BLOCKS_KNOWN", False)
    monkeypatch.setenv("LAWCLI_CACHE", str(cache))
    sample = os.path.join(os.path.dirname(__file__), "..", "samples", "示例市公園管理條例.txt")
    code, out, _ = cli("search", "公园", sample, "--no-index")
    assert code == 0 and out
    assert [p for p in os.listdir(cache) if p.startswith("t2s-")]
    monkeypatch.setattr(t2s, "_FOLDER", None)
    monkeypatch.setattr(terms, "_T2S", {})
    monkeypatch.setattr(terms, "_SEEN", set())
    monkeypatch.setattr(terms, "_BLOCKS_KNOWN", False)
    monkeypatch.setenv("LAWCLI_CACHE", "off")
    code, again, _ = cli("search", "公园", sample, "--no-index")
    assert (code, again) == (0, out) and t2s._FOLDER is None


@pytest.mark.parametrize("batch", [["條", "\n", "例"], ["後"]])
def test_convert_each_survives_an_answer_of_another_length(batch):
    # A newline in a batch changes OpenCC's line count: the batch is split, and the
    # ideographs still get their answers.
    got = t2s.convert_each(batch)
    assert got.get(ord(batch[0])) == ord(to_simplified(batch[0]))
