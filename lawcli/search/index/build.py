"""Building and updating an index: files parsed into rows, written in one transaction.

Only files whose content changed are parsed again (stat first, then the hash, as
git does); big builds parse in worker processes while this one writes.  The new
index is written to a temporary copy and moved over the old one (os.replace), so
an interrupted build leaves the previous index intact.  Kept apart from query.py:
a search never writes, and imports none of this.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import namedtuple

from ...errors import InputError, UsageError
from ...text.textfold import fold
from ...text.textfold import odd_chars as _odd_chars
from ..rows import PATH_SEP as _SEP
from ..rows import Row, rows_of
from ..terms import space_free_key
from .schema import (
    SENTINEL,
    Index,
    Listing,
    check_sqlite,
    create_tables,
    relative_key,
    top_signature,
)

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Callable, Iterator, Sequence

    #: Told (files parsed, files to parse, bytes parsed) as a build goes.
    Progress = Callable[[int, int, int], None]


def _sha256(data: bytes) -> str:
    import hashlib  # lazy: a search through an unchanged index never hashes

    return hashlib.sha256(data).hexdigest()


# -- parsing one file into rows (runs in worker processes for big builds) --------------

class Parsed(namedtuple("Parsed", "path sha256 size mtime_ns error docs source", defaults=(None,))):
    """A file's documents as plain data, ready for the database."""

    __slots__ = ()

    path: str
    sha256: str
    size: int
    mtime_ns: int
    error: str | None
    docs: list[tuple]  # (idx, title, kind, meta json, rows, group keys, odd chars) per document
    source: bytes | None  # default None


def _row_tuple(r: Row, odd: frozenset[str]) -> tuple:
    """A row as stored; its last column says whether its text holds a character outside
    GB2312 (one of `odd`, the file's), the only rows a literal search must map first."""
    return (r.seq, r.group, r.kind, r.text, r.article, r.label, r.number, r.line, r.end_line,
            r.anc[0], r.anc[1], r.anc[2], _SEP.join(f"{k}:{n}" for k, n in r.heads),
            _SEP.join(r.path), r.address, int(bool(odd) and not odd.isdisjoint(r.text)))


def parse_file(path: str, display: str, keep_source: bool = False) -> Parsed:
    """Read and parse one file; an unreadable file is recorded with its error."""
    try:
        st = os.stat(path)
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:  # (recorded with no stat: the next build tries it again)
        return Parsed(path, "", -1, -1, f"{display}: cannot read ({e.strerror})", [])
    return parse_data(path, display, data, st.st_size, st.st_mtime_ns, keep_source)


def parse_data(path: str, display: str, data: bytes, size: int, mtime_ns: int,
               keep_source: bool = False) -> Parsed:
    """Parse a file's bytes (read now, or the copy a library kept of a file since gone)."""
    from ...parsing.source import load_text
    from ...text.reader import decode_checked

    digest = _sha256(data)
    try:
        text = decode_checked(data, None, display)
    except InputError as e:
        return Parsed(path, digest, size, mtime_ns, str(e), [])
    source = load_text(text, display)
    odd_set = frozenset(_odd_chars(text))
    odd = "".join(sorted(odd_set))  # of the whole file: see rows.DocRows.odd
    import json

    docs = []
    for d in source.documents:
        rows = [_row_tuple(r, odd_set) for r in rows_of(d, named=True)]
        docs.append((d.index, d.title, d.kind, json.dumps(d.meta_dict(), ensure_ascii=False),
                     rows, _group_keys(rows, not odd), odd))
    blob = None
    if keep_source:
        import zlib

        blob = zlib.compress(data, 6)
    return Parsed(path, digest, size, mtime_ns, None, docs, blob)


def _parse_job(args: tuple[str, str, bool]) -> Parsed:
    # Tens of thousands of small acyclic objects per file: the cyclic collector
    # would only walk them again and again (as in source.load_text).
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        return parse_file(*args)
    finally:
        if was_on:
            gc.enable()


def _group_keys(rows: list[tuple], plain: bool) -> list[tuple[int, int, int, str]]:
    """(group, first seq, last seq, space-free key of the group's whole text) for one
    document's rows.  A group's rows are consecutive (an article's subtree), so the
    database finds them by a range of row ids.

    plain: the document holds no Traditional character, so only width is folded
    (what `terms.space_free_key` gives for such text, without its checks).
    """
    texts: dict[int, list[str]] = {}
    span: dict[int, list[int]] = {}
    for r in rows:
        seq, grp, kind, text, label = r[0], r[1], r[2], r[3], r[5]
        prefix = label if kind in ("item", "subitem") and label else ""
        part = prefix + text
        if grp in span:
            span[grp][1] = seq
        else:
            span[grp] = [seq, seq]
            texts[grp] = []
        if part:
            texts[grp].append(part)
    key = (lambda t: "".join(fold(t).split())) if plain else space_free_key
    return [(g, span[g][0], span[g][1], key("".join(parts)) + SENTINEL) for g, parts in texts.items()]


# -- writing the database ------------------------------------------------------------------

class BuildReport:
    """What an index build did (counts, time, problems)."""

    def __init__(self, index: str) -> None:
        self.index = index
        self.files = self.parsed = self.unchanged = self.removed = 0
        self.documents = self.provisions = self.bytes_parsed = 0
        self.seconds = 0.0
        self.errors: list[str] = []
        self.skipped: list[str] = []  # library: files holding no legal text
        #: What was met and dealt with (an index rebuilt, a damaged library set aside):
        #: warnings that say nothing of the files given.
        self.notes: list[str] = []

    @property
    def mb_per_s(self) -> float:
        return (self.bytes_parsed / 1e6) / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "files": self.files, "parsed": self.parsed,
                "unchanged": self.unchanged, "removed": self.removed, "documents": self.documents,
                "provisions": self.provisions, "bytes_parsed": self.bytes_parsed,
                "seconds": round(self.seconds, 3), "mb_per_s": round(self.mb_per_s, 2),
                "errors": self.errors, "skipped": self.skipped, "notes": self.notes}

    def summary(self) -> str:
        rate = f", {self.mb_per_s:.1f} MB/s" if self.parsed else ""
        skipped = (f"; not kept (no legal text): {', '.join(self.skipped)}" if self.skipped else "")
        return (f"{self.index}: {self.files} files ({self.parsed} parsed, {self.unchanged} unchanged, "
                f"{self.removed} removed), {self.documents} documents, {self.provisions} provisions; "
                f"{self.seconds:.2f} s{rate}{skipped}")


def _delete_file(conn: sqlite3.Connection, file_id: int) -> None:
    docs = conn.execute("SELECT id, lo, hi FROM docs WHERE file = ?", (file_id,)).fetchall()
    for d, lo, hi in docs:
        conn.execute("INSERT INTO groups_fts(groups_fts, rowid, key) "
                     "SELECT 'delete', id, key FROM groups WHERE doc = ?", (d,))
        conn.execute("DELETE FROM groups WHERE doc = ?", (d,))
        conn.execute("DELETE FROM rows WHERE id BETWEEN ? AND ?", (lo, hi))
    conn.execute("DELETE FROM docs WHERE file = ?", (file_id,))
    conn.execute("DELETE FROM files WHERE id = ?", (file_id,))


def _insert(conn: sqlite3.Connection, key: str, p: Parsed) -> tuple[int, int]:
    cur = conn.execute("INSERT INTO files(path, sha256, size, mtime_ns, error, source) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (key, p.sha256, p.size, p.mtime_ns, p.error, p.source))
    file_id = cur.lastrowid
    ndocs = nrows = 0
    # Row ids are given here, in document order: a document's rows, and a group's,
    # are then a range of ids, read from the table's own b-tree with no other index.
    base = (conn.execute("SELECT max(id) FROM rows").fetchone()[0] or 0) + 1
    first = (conn.execute("SELECT max(id) FROM groups").fetchone()[0] or 0) + 1
    for idx, title, kind, meta, rows, keys, odd in p.docs:
        doc_id = conn.execute("INSERT INTO docs(file, idx, title, kind, meta, odd, lo, hi) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (file_id, idx, title, kind, meta, odd, base, base + len(rows) - 1)
                              ).lastrowid
        conn.executemany("INSERT INTO rows VALUES (?, ?, " + ", ".join("?" * 16) + ")",
                         ((base + r[0], doc_id) + r for r in rows))
        conn.executemany("INSERT INTO groups(id, doc, grp, lo, hi, key) VALUES (?, ?, ?, ?, ?, ?)",
                         ((first + i, doc_id, g, base + lo, base + hi, k)
                          for i, (g, lo, hi, k) in enumerate(keys)))
        conn.executemany("INSERT INTO groups_fts(rowid, key) VALUES (?, ?)",
                         ((first + i, k) for i, (_, _, _, k) in enumerate(keys)))
        base += len(rows)
        first += len(keys)
        ndocs += 1
        nrows += len(rows)
    return ndocs, nrows


class _Plan(namedtuple("_Plan", "old listing todo rehashed gone unchanged errors damaged")):
    """What an update has to do, read from the index and the files' stat."""

    __slots__ = ()

    old: dict[str, tuple[int, str, int, int, str | None]]  # key → the index's row
    listing: Listing | None  # the index's listing
    todo: list[tuple[str, str, str]]  # files to parse
    rehashed: list[tuple[str, str, int, int]]  # touched, same content: new stat only
    gone: list[str]  # keys to remove
    unchanged: int
    errors: list[str]  # files that cannot be read
    damaged: Exception | None  # why the index could not be opened

    @property
    def idle(self) -> bool:
        return bool(self.old) and not (self.todo or self.gone or self.rehashed) and self.damaged is None


def _plan(db_path: str, files: Sequence[tuple[str, str, str]], prune: bool,
          forget: Sequence[str]) -> _Plan:
    old: dict[str, tuple[int, str, int, int, str | None]] = {}
    old_listing: Listing | None = None
    damaged = None
    if os.path.exists(db_path):
        try:
            idx = Index(db_path)
            try:
                old, old_listing = idx.files(), idx.listing()
            finally:
                idx.close()
        except (sqlite3.DatabaseError, UsageError) as e:
            old, old_listing, damaged = {}, None, e
    todo: list[tuple[str, str, str]] = []
    rehashed: list[tuple[str, str, int, int]] = []
    errors: list[str] = []
    unchanged = 0
    for key, path, display in files:
        try:
            st = os.stat(path)
            prev = old.get(key)
            if prev and prev[2] == st.st_size and prev[3] == st.st_mtime_ns:
                unchanged += 1
                continue
            if prev:
                with open(path, "rb") as fh:
                    digest = _sha256(fh.read())
                if digest == prev[1]:
                    rehashed.append((key, digest, st.st_size, st.st_mtime_ns))
                    unchanged += 1
                    continue
        except OSError as e:
            errors.append(f"{display}: cannot read ({e.strerror})")
            continue
        todo.append((key, path, display))
    wanted = {k for k, _, _ in files}
    gone = [k for k in old if (prune and k not in wanted) or k in forget]
    return _Plan(old, old_listing, todo, rehashed, gone, unchanged, errors, damaged)


def update(db_path: str, files: Sequence[tuple[str, str, str]], *, prune: bool,
           keep_source: bool = False, report: BuildReport | None = None,
           forget: Sequence[str] = (), listing: Listing | None = None,
           progress: Progress | None = None, wait: bool = True, verify: bool = False) -> BuildReport:
    """Bring the index at db_path up to date with files [(key, real path, display name)].

    prune: entries whose key is not among `files` are removed (a directory index);
    forget: keys to remove (library remove); listing: a directory index's listing
    (see `Index.listed_files`), whose order the files are in; progress: told after
    each file parsed and stored (a build of a large corpus takes minutes).  Nothing
    is written when nothing changed.  One writer at a time (lock.py): `wait=False`
    raises lock.Busy rather than wait for another; `verify`: a read of the index
    failed, so its pages are checked (salvage.damage) and a damaged one replaced.

    keep_source marks the library: a library that cannot be opened is set aside and
    rebuilt from what can be read out of it (salvage.py); a directory's index is
    simply built again.
    """
    from . import lock

    check_sqlite()
    report = report or BuildReport(db_path)
    started = time.perf_counter()
    plan = _plan(db_path, files, prune, forget)  # a first look, without the lock
    if plan.idle and not verify and (listing is None or listing == plan.listing):
        return _done(report, plan, started)
    with lock.writer(db_path, wait=wait):
        lock.remove_stale(db_path)
        plan = _plan(db_path, files, prune, forget)  # again: another writer may have been first
        if verify and plan.damaged is None and os.path.exists(db_path):
            from .salvage import damage

            plan = plan._replace(damaged=damage(db_path))
        if plan.idle:
            if listing is not None and listing != plan.listing:
                # Only the listing is new (a directory touched, a file moved): a small
                # transaction in place, atomic by SQLite's own journal; no copy.
                conn = sqlite3.connect(db_path, timeout=30)
                with conn:
                    _write_listing(conn, listing)
                conn.close()
            return _done(report, plan, started)
        extra: list[Parsed] = []
        if plan.damaged is not None:
            plan, extra = _after_damage(db_path, plan, files, prune, forget, keep_source, report)
        _write(db_path, plan, extra, keep_source, report, listing, progress)
    return _done(report, plan, started)


def _done(report: BuildReport, plan: _Plan, started: float) -> BuildReport:
    report.files += len(plan.todo) + plan.unchanged + len(plan.errors)
    report.unchanged += plan.unchanged
    report.errors.extend(plan.errors)
    report.seconds = time.perf_counter() - started
    return report


def _after_damage(db_path: str, plan: _Plan, files: Sequence[tuple[str, str, str]], prune: bool,
                  forget: Sequence[str], keep_source: bool, report: BuildReport
                  ) -> tuple[_Plan, list[Parsed]]:
    """An index that cannot be opened: a directory's is built anew; the library is set
    aside and its registrations that can be read back are registered again (files
    still there from disk, the others from the copies it kept)."""
    if not keep_source:
        report.notes.append(f"{db_path}: 索引无法读取或来自其他版本（{plan.damaged}），已重新建立")
        os.remove(db_path)
        return _plan(db_path, files, prune, forget), []
    from . import salvage

    aside = salvage.set_aside(db_path)
    found = [r for r in salvage.recover(aside) if r.path not in forget]
    asked = {k for k, _, _ in files}
    present = [(r.path, r.path, r.path) for r in found if r.path not in asked and os.path.isfile(r.path)]
    extra = [_parse_kept(r) for r in found
             if r.path not in asked and not os.path.isfile(r.path) and r.source is not None]
    extra = [p for p in extra if p is not None]
    lost = len(found) - len(present) - len(extra) - sum(r.path in asked for r in found)
    why = "来自其他版本的 lawcli" if isinstance(plan.damaged, UsageError) else "已损坏"
    report.notes.append(
        f"{db_path}: 资料库数据库{why}（{plan.damaged}），已移到 {aside}；"
        f"从中找回 {len(found)} 个登记的文件并重新登记"
        + (f"，其中 {lost} 个的原文件已不在且没有留存副本，未能找回" if lost else ""))
    return _plan(db_path, list(files) + present, prune, forget), extra


def _parse_kept(r) -> Parsed | None:
    """A registration whose file is gone, from the copy the library kept of it."""
    import zlib

    try:
        data = zlib.decompress(r.source)
    except zlib.error:
        return None
    return parse_data(r.path, r.path, data, r.size or len(data), r.mtime_ns or 0, keep_source=True)


def _write(db_path: str, plan: _Plan, extra: list[Parsed], keep_source: bool, report: BuildReport,
           listing: Listing | None, progress: Progress | None) -> None:
    """Write the plan into a copy of the index and move it over the index (the caller
    holds the writer lock)."""
    from .lock import temp_path

    old, todo = plan.old, plan.todo
    parsed = _parse_all([(p, d, keep_source) for _, p, d in todo])
    tmp = temp_path(db_path)
    try:
        if old:
            import shutil  # (only a build writes: a search does not import it)

            shutil.copyfile(db_path, tmp)
        elif os.path.exists(tmp):
            os.remove(tmp)
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode=OFF")  # the temp file itself is the journal
        conn.execute("PRAGMA synchronous=OFF")
        with conn:
            create_tables(conn)
            for key in plan.gone:
                _delete_file(conn, old[key][0])
                report.removed += 1
            for key, _digest, size, mtime in plan.rehashed:
                conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime, key))
            for p in extra:
                _insert(conn, p.path, p)
                report.documents += len(p.docs)
            for (key, _, _display), p in zip(todo, parsed):
                if key in old:
                    _delete_file(conn, old[key][0])
                ndocs, nrows = _insert(conn, key, p)
                report.parsed += 1
                report.bytes_parsed += p.size
                report.documents += ndocs
                report.provisions += nrows
                if p.error:
                    report.errors.append(p.error)
                if progress is not None:
                    progress(report.parsed, len(todo), report.bytes_parsed)
            if listing is not None:
                _write_listing(conn, listing)
        conn.execute("PRAGMA optimize")
        conn.close()
        os.replace(tmp, db_path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _write_listing(conn: sqlite3.Connection, listing: Listing) -> None:
    top, dirs, keys = listing
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('top', ?)", (top,))
    conn.execute("DELETE FROM dirs")
    conn.executemany("INSERT INTO dirs VALUES (?, ?)", dirs)
    conn.executemany("UPDATE files SET pos = ? WHERE path = ?", ((i, k) for i, k in enumerate(keys)))


def _parse_all(jobs: list[tuple[str, str, bool]]) -> Iterator[Parsed]:
    """Parse files in order, in worker processes when there is enough work to pay for
    them; results stream back so the database is written while workers parse."""
    total = sum(os.path.getsize(p) for p, _, _ in jobs)
    workers = min(os.cpu_count() or 1, 8)
    if workers > 1 and len(jobs) > 4 and total > 4_000_000:
        from .workers import parallel_map  # workers that die with this process

        yield from parallel_map(_parse_job, jobs, workers)
        return
    for j in jobs:
        yield _parse_job(j)


#: A directory changed this close to the moment its time was read may change again
#: within the same tick of the file system's clock, unseen: it is never trusted.
_RACY_NS = 50_000_000


def _listing(directory: str, dirs: list[tuple[str, int, int]], keys: list[str]) -> Listing:
    sub = [(relative_key(d, directory), -1 if mtime >= now - _RACY_NS else mtime)
           for d, mtime, now in dirs[1:]]  # dirs[0] is the top
    return top_signature(directory), sub, keys


#: More files than this under one tree (the national database held about 17,000
#: documents) is taken for a mistake, such as a home directory, without --force.
MAX_FILES = 50_000


def check_tree(path: str, force: bool) -> None:
    """Refuse to walk `/` or the home directory (or a folder holding it) without force:
    a mistyped path would read the whole file system and write an index as large."""
    if force or not os.path.isdir(path):
        return
    real = os.path.realpath(path)
    home_dir = os.path.realpath(os.path.expanduser("~"))
    if real == os.path.realpath(os.sep) or real == home_dir or home_dir.startswith(real.rstrip(os.sep) + os.sep):
        raise UsageError(f"{path}: 这是根目录或用户主目录，整个读取会遍历大量无关文件；"
                         "请指定存放法规的文件夹，或确有此意时加 --force")


def check_count(count: int, path: str, force: bool) -> None:
    """Refuse a tree once more than MAX_FILES files were found in it, without force."""
    if count > MAX_FILES and not force:
        raise UsageError(f"{path}: 文件超过 {MAX_FILES:,} 个，不像是一个法规文件夹；"
                         "请指定更小的文件夹，或确有此意时加 --force")


def build_index(directory: str, progress: Progress | None = None, force: bool = False) -> BuildReport:
    """`lawcli index DIR`: create or update DIR's index."""
    from ..scan import dir_entries

    if not os.path.isdir(directory):
        raise InputError(f"{directory}: not a directory")
    check_tree(directory, force)
    db = Index.locate(directory) or Index.target(directory)
    dirs: list[tuple[str, int, int]] = []
    files = []
    for e in dir_entries(directory, dirs):
        files.append((relative_key(e.path, directory), e.path, e.path))
        check_count(len(files), directory, force)
    listing = _listing(directory, dirs, [k for k, _, _ in files])
    return update(db, files, prune=True, listing=listing, progress=progress)
