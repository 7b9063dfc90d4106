"""The index's tables and where they live: the layout that building and searching share.

Opening an index read-only and reading what it lists (its files, documents and
directories, a kept source) is here; writing it is build.py, searching it query.py.
Also the keys of a directory's files (paths relative to it) and the temporary
tables of ids that the queries join on.
"""

from __future__ import annotations

import os
import sqlite3

from ...errors import UsageError
from ..rows import PATH_SEP as _SEP
from ..scan import dir_entries

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Iterable, Sequence

INDEX_NAME = ".lawcli-index.sqlite"
SCHEMA = 8
_TRIGRAM_MIN = (3, 34, 0)

_DDL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE, sha256 TEXT, size INTEGER, mtime_ns INTEGER,
    error TEXT, source BLOB, pos INTEGER);
CREATE TABLE IF NOT EXISTS dirs(path TEXT PRIMARY KEY, mtime_ns INTEGER);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, file INTEGER, idx INTEGER, title TEXT, kind TEXT, meta TEXT,
    odd TEXT, lo INTEGER, hi INTEGER);
CREATE INDEX IF NOT EXISTS docs_file ON docs(file);
CREATE TABLE IF NOT EXISTS rows(
    id INTEGER PRIMARY KEY, doc INTEGER, seq INTEGER, grp INTEGER, kind TEXT, text TEXT,
    article TEXT, label TEXT, number TEXT, line INTEGER, end_line INTEGER, a0 INTEGER,
    a1 INTEGER, a2 INTEGER, heads TEXT, path TEXT, address TEXT, odd INTEGER);
CREATE TABLE IF NOT EXISTS groups(
    id INTEGER PRIMARY KEY, doc INTEGER, grp INTEGER, lo INTEGER, hi INTEGER, key TEXT);
CREATE INDEX IF NOT EXISTS groups_doc ON groups(doc);
CREATE VIRTUAL TABLE IF NOT EXISTS groups_fts USING fts5(
    key, content='groups', content_rowid='id', tokenize='trigram');
"""


def check_sqlite() -> None:
    if sqlite3.sqlite_version_info < _TRIGRAM_MIN:
        raise UsageError(f"the index needs SQLite ≥ 3.34 (FTS5 trigram); this Python has "
                         f"{sqlite3.sqlite_version}: search without --index instead")


def home() -> str:
    """LAWCLI_HOME, else $XDG_DATA_HOME/lawcli, else ~/.local/share/lawcli."""
    env = os.environ.get("LAWCLI_HOME")
    if env:
        return os.path.abspath(os.path.expanduser(env))
    xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(xdg, "lawcli")


#: Ends every FTS key, so that each occurrence of a 1–2-character term starts a trigram.
SENTINEL = "\x1e\x1e"


#: (names in the top directory, [(subdirectory, mtime or -1)], file keys in order)
Listing = tuple[str, list[tuple[str, int]], list[str]]


# -- the database ------------------------------------------------------------------------

def create_tables(conn: sqlite3.Connection) -> None:
    """The tables of this schema version, in a new or an old index (IF NOT EXISTS)."""
    conn.executescript(_DDL)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))


def _writable(directory: str) -> bool:
    """Writable, and not read-only by intent: a directory without write bits (a shared
    corpus) is left alone even by root, whom os.access would let through."""
    import stat

    try:
        mode = stat.S_IMODE(os.stat(directory).st_mode)
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(directory, os.W_OK)


class Index:
    """One SQLite index file: a directory's, or the library's."""

    def __init__(self, db_path: str):
        check_sqlite()
        self.db_path = db_path
        self.conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        version = self.conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if not version or int(version[0]) != SCHEMA:
            raise UsageError(f"{db_path}: index from another lawcli version; rebuild it")

    def close(self) -> None:
        self.conn.close()

    # -- locations ------------------------------------------------------------------
    @staticmethod
    def candidates(directory: str) -> list[str]:
        """Where a directory's index may be: inside it, or (read-only dirs) under LAWCLI_HOME."""
        import hashlib

        absdir = os.path.abspath(directory)
        digest = hashlib.sha1(absdir.encode("utf-8")).hexdigest()[:16]
        return [os.path.join(directory, INDEX_NAME),
                os.path.join(home(), "indexes", f"{digest}.sqlite")]

    @staticmethod
    def locate(directory: str) -> str | None:
        if not os.path.isdir(directory):
            return None
        inside = os.path.join(directory, INDEX_NAME)
        if os.path.isfile(inside):  # the usual place: no hashing (hashlib costs ~3 ms)
            return inside
        outside = Index.candidates(directory)[1]
        return outside if os.path.isfile(outside) else None

    @staticmethod
    def target(directory: str) -> str:
        inside, outside = Index.candidates(directory)
        if _writable(directory):
            return inside
        os.makedirs(os.path.dirname(outside), exist_ok=True)
        return outside

    # -- reading ----------------------------------------------------------------------
    def listing(self) -> Listing:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'top'").fetchone()
        return (row[0] if row else "", list(self.conn.execute("SELECT path, mtime_ns FROM dirs")),
                [k for (k,) in self.conn.execute("SELECT path FROM files ORDER BY pos")])

    def files(self) -> dict[str, tuple[int, str, int, int, str | None]]:
        """key → (id, sha256, size, mtime_ns, error)."""
        return {p: (i, h, s, m, e) for i, p, h, s, m, e in self.conn.execute(
            "SELECT id, path, sha256, size, mtime_ns, error FROM files")}

    def listed_files(self, directory: str) -> list[tuple[str, str, tuple]] | None:
        """(key, path, (id, size, mtime_ns, error)) of the directory's indexed files in
        scan order, when no directory changed since the index was built (see `listing`);
        None: list the directory again.

        A search then stats each directory once instead of listing and sorting it: a
        third of the time of an indexed search of a corpus of thousands of files.
        """
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'top'").fetchone()
        if row is None or row[0] != top_signature(directory):
            return None
        prefix = os.path.join(directory, "")  # (concatenated: os.path.join per path costs)
        stat = os.stat
        for rel, mtime in self.conn.execute("SELECT path, mtime_ns FROM dirs"):
            try:
                if mtime < 0 or stat(prefix + rel).st_mtime_ns != mtime:
                    return None
            except OSError:
                return None
        return [(k, prefix + k, (i, s, m, e)) for k, i, s, m, e in self.conn.execute(
            "SELECT path, id, size, mtime_ns, error FROM files ORDER BY pos")]

    def docs(self, ids: Iterable[int] | None = None) -> dict[int, tuple[int, int, str, str, str]]:
        """id → (id, file, index, title, kind) of every document, or of those ids."""
        if ids is None:
            return {i: (i, f, x, t, k) for i, f, x, t, k in self.conn.execute(
                "SELECT id, file, idx, title, kind FROM docs")}
        temp_ids(self.conn, "want_docs", ids)
        return {i: (i, f, x, t, k) for i, f, x, t, k in self.conn.execute(
            "SELECT d.id, d.file, d.idx, d.title, d.kind FROM want_docs w CROSS JOIN docs d ON d.id = w.id")}

    def source_text(self, path: str) -> bytes | None:
        row = self.conn.execute("SELECT source FROM files WHERE path = ?", (path,)).fetchone()
        if not row or row[0] is None:
            return None
        import zlib

        return zlib.decompress(row[0])


def temp_ids(conn: sqlite3.Connection, table: str, ids: Iterable[int]) -> None:
    """Fill a temporary table of ids (for joins: faster than long IN lists)."""
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(id INTEGER PRIMARY KEY)")
    conn.execute(f"DELETE FROM {table}")
    conn.executemany(f"INSERT INTO {table} VALUES (?)", ((i,) for i in ids))


def temp_ranges(conn: sqlite3.Connection, ranges: Iterable[Sequence[int]]) -> None:
    """Fill the temporary table `want_ranges` with (first, last) row ids, for a range join."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS want_ranges(lo INTEGER, hi INTEGER)")
    conn.execute("DELETE FROM want_ranges")
    conn.executemany("INSERT INTO want_ranges VALUES (?, ?)", ranges)


# -- a directory's files, keyed as the index stores them ----------------------------------

def dir_files(directory: str) -> list[tuple[str, str, str]]:
    """(relative key, path, display) of the files a directory index holds, in scan order."""
    return [(k, e.path, e.path) for k, e in keyed_entries(directory)]


def keyed_entries(directory: str, dirs: list | None = None) -> list[tuple[str, os.DirEntry]]:
    """(key, directory entry) of the files a directory search reads (`scan.dir_entries`;
    dirs: as there), keyed by their path relative to the directory."""
    return [(relative_key(e.path, directory), e) for e in dir_entries(directory, dirs)]


def relative_key(path: str, directory: str) -> str:
    prefix = os.path.join(directory, "")
    return path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, directory)


def top_signature(directory: str) -> str:
    """The visible names in the top directory: what no modification time of it can
    stand for, since writing the index inside it changes that time."""
    try:
        with os.scandir(directory) as it:
            return _SEP.join(sorted(e.name for e in it if not e.name.startswith(".")))
    except OSError:
        return ""
