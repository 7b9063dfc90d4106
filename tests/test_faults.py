"""Faults and concurrency: nothing registered is lost, a broken file hides no other hit,
no worker or temporary file outlives an interrupted build, odd numbers never crash.

The laws here are generated (one per file, N articles each holding a marker word), so
every expectation is a count of what the test wrote, not of what lawcli answered before.
Tests that start processes and wait for them are marked slow.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

LAWCLI = [sys.executable, "-m", "lawcli"]


def law(title: str, articles: int, word: str = "罚款", pad: int = 0) -> str:
    body = "".join(f"第{n}条　违反本条例第{n}条规定的，处以{word}。{'相关说明。' * pad}\n\n"
                   for n in range(1, articles + 1))
    return f"{title}\n\n{body}"


def write_laws(folder: Path, count: int, prefix: str, **kw) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        p = folder / f"{prefix}{i:02d}.txt"
        p.write_text(law(f"示例{prefix}第{i}号条例", 3, **kw), "utf-8")
        paths.append(p)
    return paths


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWCLI_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def env(home: Path) -> dict[str, str]:
    e = dict(os.environ, LAWCLI_HOME=str(home), NO_COLOR="1")
    e["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    return e


def listed(cli) -> list[dict]:
    code, out, err = cli("library", "list", "--format", "json")
    assert code == 0, err
    return json.loads(out)


# -- the library: concurrent writers, links, damage -----------------------------------------

@pytest.mark.slow
def test_four_concurrent_adds_register_every_document(tmp_path, home, cli):
    folders = [tmp_path / f"d{i}" for i in range(4)]
    written = [p for i, f in enumerate(folders) for p in write_laws(f, 6, f"乙{i}")]
    procs = [subprocess.Popen(LAWCLI + ["library", "add", str(f)], env=env(home),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in folders]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    assert sorted(e["source"] for e in listed(cli)) == sorted(str(p.resolve()) for p in written)


def test_a_link_to_a_registered_file_is_the_same_registration(tmp_path, home, cli):
    (real,) = write_laws(tmp_path / "laws", 1, "丙")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert cli("library", "add", str(real))[0] == 0
    assert cli("library", "add", str(link))[0] == 0
    assert [e["source"] for e in listed(cli)] == [str(real.resolve())]
    code, out, _ = cli("article", "1", "--law", "丙第0号")
    assert code == 0 and "第1条" in out


def _damage_middle(db: Path, table: str = "docs") -> None:
    """Overwrite the first page of a table (docs: what `library list` reads)."""
    conn = sqlite3.connect(db)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(db, "r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\x5a" * size)


@pytest.mark.parametrize("damage", ["middle", "header", "schema"])
def test_a_damaged_library_is_set_aside_and_rebuilt(tmp_path, home, cli, damage):
    written = write_laws(tmp_path / "laws", 8, "丁", pad=40)
    assert cli("library", "add", str(tmp_path / "laws"))[0] == 0
    db = home / "library.sqlite"
    if damage == "middle":
        _damage_middle(db)
    elif damage == "header":
        with open(db, "r+b") as fh:
            fh.write(b"not a database at all")
    else:  # a library from another version of lawcli
        conn = sqlite3.connect(db)
        with conn:
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
        conn.close()
    code, out, err = cli("library", "list", "--format", "json")
    assert code == 0, err
    aside = sorted(home.glob("library.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].stat().st_size > 0  # kept, never deleted
    assert "已移到" in err and str(aside[0]) in err
    assert sorted(e["source"] for e in json.loads(out)) == sorted(str(p.resolve()) for p in written)


def test_a_damaged_library_keeps_the_copies_of_files_since_gone(tmp_path, home, cli):
    written = write_laws(tmp_path / "laws", 3, "戊")
    assert cli("library", "add", str(tmp_path / "laws"))[0] == 0
    conn = sqlite3.connect(home / "library.sqlite")
    with conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    conn.close()
    written[0].unlink()
    code, out, err = cli("library", "list", "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)) == 3
    code, out, _ = cli("article", "2", "--law", "戊第0号")
    assert code == 0 and "第2条" in out


def test_a_busy_library_still_answers(tmp_path, home, cli):
    from lawcli.search.index.lock import writer
    from lawcli.search.library import entries, library_path

    (p,) = write_laws(tmp_path / "laws", 1, "己")
    assert cli("library", "add", str(p))[0] == 0
    p.write_text(law("示例己第0号条例", 4), "utf-8")  # changed: a refresh would write
    notes: list[str] = []
    with writer(library_path()):
        assert [e["articles"] for e in entries(notes)] == [3]
    assert any("另一进程" in n for n in notes)


# -- partial failure ---------------------------------------------------------------------------

def test_a_file_broken_after_indexing_hides_no_other_hit(tmp_path, home, cli):
    folder = tmp_path / "laws"
    written = write_laws(folder, 5, "庚")
    code, _, err = cli("index", str(folder))
    assert code == 0, err
    written[2].write_bytes(b"\x00\x01binary" * 100)
    for extra in ((), ("--no-index",)):
        code, out, err = cli("search", "罚款", str(folder), "-l", *extra)
        assert code == 2, extra
        assert sorted(out.split()) == sorted(str(p) for i, p in enumerate(written) if i != 2)
        assert str(written[2]) in err and "warning" in err


def test_a_damaged_index_is_passed_over_for_the_files(tmp_path, home, cli):
    folder = tmp_path / "laws"
    written = write_laws(folder, 4, "癸")
    assert cli("index", str(folder))[0] == 0
    _damage_middle(folder / ".lawcli-index.sqlite", "rows")
    code, out, err = cli("search", "罚款", str(folder), "-l")
    assert code == 0, err
    assert sorted(out.split()) == sorted(map(str, written))
    assert "索引已损坏" in err


def test_index_and_search_agree_on_an_undecodable_file(tmp_path, home, cli):
    folder = tmp_path / "laws"
    write_laws(folder, 3, "辛")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8" + b"\x00" * 10)
    code, out, err = cli("index", str(folder))
    assert code == 2 and "bad.txt" in err and "3 documents" in out
    code, out, err = cli("search", "罚款", str(folder), "-c")
    assert code == 2 and len(out.splitlines()) == 3 and "bad.txt" in err


# -- refusing what is surely a mistake ------------------------------------------------------------

def test_root_and_home_are_refused_without_force(tmp_path, home, cli, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    for args in (("library", "add", "/"), ("index", "/"), ("index", str(tmp_path)),
                 ("library", "add", str(tmp_path))):
        code, _, err = cli(*args)
        assert code == 2 and "--force" in err, args
    assert not (home / "library.sqlite").exists()


def test_a_tree_of_too_many_files_needs_force(tmp_path, home, cli, monkeypatch):
    from lawcli.search.index import build

    monkeypatch.setattr(build, "MAX_FILES", 3)
    folder = tmp_path / "laws"
    write_laws(folder, 5, "壬")
    for command in ("index", "library add"):
        code, _, err = cli(*command.split(), str(folder))
        assert code == 2 and "--force" in err, (command, code, err)
        code, _, err = cli(*command.split(), str(folder), "--force")
        assert code == 0, err


# -- interrupted builds ------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is pid (Linux /proc)."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(d))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def big_folder(tmp_path):
    """More than 4 MB in more than 4 files: a build with worker processes."""
    folder = tmp_path / "big"
    folder.mkdir()
    text = law("示例大条例", 400, pad=120)
    copies = 4_500_000 // len(text.encode()) + 5
    for i in range(copies):
        (folder / f"big{i:02d}.txt").write_text(text.replace("示例大条例", f"示例大条例{i}"), "utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                    reason="worker processes and /proc: Linux with 2 CPUs or more")
@pytest.mark.parametrize("sig", [
    signal.SIGKILL, signal.SIGTERM, signal.SIGINT,
])
def test_an_interrupted_build_leaves_no_worker_and_no_temporary_file(big_folder, home, sig):
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = big_folder / f".lawcli-index.sqlite.tmp-{dead.pid}"  # from a process gone
    stale.write_bytes(b"left by a build killed long ago")
    proc = subprocess.Popen(LAWCLI + ["index", str(big_folder)], env=env(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the build started no workers"
    time.sleep(0.3)
    proc.send_signal(sig)
    code = proc.wait(timeout=20)
    deadline = time.monotonic() + 5
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, workers))
    if sig != signal.SIGKILL:  # cleaned up on the way out
        assert code == 128 + sig
        assert not list(big_folder.glob(".lawcli-index.sqlite.tmp-*"))
    done = subprocess.run(LAWCLI + ["index", str(big_folder)], env=env(home), capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert not list(big_folder.glob(".lawcli-index.sqlite.tmp-*"))


# -- numbers, widths and small things -----------------------------------------------------------

def test_headings_numbered_with_wan_are_text_with_a_warning(tmp_path, cli):
    path = tmp_path / "wan.txt"
    path.write_text("示例条例\n\n第万二章　总则\n\n第一条　甲。\n\n第万节　其他\n\n第二条　乙。\n", "utf-8")
    for args in (("toc",), ("print",), ("article", "2"), ("check",), ("refs",), ("docs",)):
        code, _, err = cli(*args, str(path))
        assert "internal error" not in err and code in (0, 1), args
    code, out, err = cli("article", "1", str(path))
    assert code == 0 and "第万节　其他" in out  # kept, in the article it follows
    assert "第万节" in err and "第万二章" not in err  # a look-up warns of what it printed
    code, out, err = cli("print", str(path))
    assert code == 0 and "第万二章" in err and "第万节" in err


@pytest.mark.parametrize("ref", ["99999999999999999999", "第99999999999999999999章",
                                 "第99999999999999999999编第一章", "120之99999999999999999999",
                                 "第一百亿亿亿亿条"])
def test_absurd_numbers_are_not_found(cli, ref):
    code, _, err = cli("article", ref, str(SAMPLES / "示例市古树名木保护条例.txt"))
    assert code == 1 and "internal error" not in err


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0"])
def test_a_timeout_that_is_no_number_of_seconds_is_refused(cli, value):
    code, _, err = cli("search", "-E", "古.", str(SAMPLES / "示例市古树名木保护条例.txt"),
                       "--timeout", value)
    assert code == 2 and "--timeout" in err


def test_refs_of_a_missing_file_says_it_cannot_be_read(tmp_path, cli):
    missing = str(tmp_path / "missing.txt")
    code, _, err = cli("refs", missing, stdin=b"")
    assert code == 2 and err == cli("article", "1", missing)[2]


def test_the_utf16_hint_names_the_byte_order(tmp_path, cli):
    text = "示例条例\n\n第一条　本条例自2024年1月1日起施行。\n"
    for order in ("le", "be"):
        path = tmp_path / f"{order}.txt"
        path.write_bytes(text.encode(f"utf-16-{order}"))
        code, _, err = cli("article", "1", str(path))
        assert code == 2 and f"utf-16-{order}" in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal (Linux)")
@pytest.mark.parametrize("columns", ["0", "-3", "wide"])
def test_nonsense_columns_on_a_terminal_still_print(columns):
    import pty

    environ = {k: v for k, v in env(Path("/nonexistent")).items() if k != "NO_COLOR"}
    environ.update(COLUMNS=columns, TERM="xterm")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, on the terminal
        os.execve(sys.executable, LAWCLI + ["article", "1", str(SAMPLES / "示例市古树名木保护条例.txt")],
                  environ)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert "古树名木".encode() in out
