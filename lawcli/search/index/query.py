"""The search index: every provision of every file of a directory, in SQLite.

Why SQLite FTS5 with the trigram tokenizer: it ships with Python, needs no word
segmentation (Chinese has no spaces) and answers substring queries of three or
more characters from an index.  It only *narrows* the search: candidate articles
come from FTS, then the same engine as an unindexed search (`lawcli.search`)
runs on their stored rows, so both give identical hits; a literal of ideographs at
the smallest unit is answered row by row in SQL (`_literal_hits`), checked against
that engine by the tests.  A trigram query cannot
match a term of one or two characters (罚款, 罚): every key ends with two sentinel
characters, so each occurrence of such a term begins some trigram; those
trigrams are listed from the index's vocabulary (fts5vocab, a range scan) and
OR-ed.  Other short terms (Latin letters, digits) are looked up with instr()
over the stored keys — a scan of plain columns, still with no parsing.

One FTS entry ("group") per article, and per paragraph outside articles; its key
is `terms.space_free_key` of the group's whole text, so matches across 款 and
with --ignore-space are candidates too.

Rows are stored in document order with their ids given, so a document's rows and a
group's are ranges of ids.  Files are re-parsed only when their content hash
changes (stat is checked first, as git does); directories' modification times
are kept so that a search need not list the corpus again (`Index.listed_files`).
The index is rebuilt in a temporary copy and moved over the old one with
os.replace, so an interrupted build leaves the previous index intact.
"""

from __future__ import annotations

import os
import sqlite3
import time

from ...errors import InputError, UsageError
from ...records import TYPE_CHECKING, record
from ...text.textfold import fold
from ...text.textfold import odd_chars as _odd_chars
from ..hits import DocCount, Hit, plain_lines, short_label
from ..rows import PATH_SEP, DocRows, Row, rows_of
from ..scan import dir_entries, scan
from ..searcher import Outcome, Searcher, literal_spans
from ..terms import Term, space_free_key

if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Iterator, Sequence

    #: Told (files parsed, files to parse, bytes parsed) as a build goes.
    Progress = Callable[[int, int, int], None]

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


def _sha256(data: bytes) -> str:
    import hashlib  # lazy: a search through an unchanged index never hashes

    return hashlib.sha256(data).hexdigest()


# -- parsing one file into rows (runs in worker processes for big builds) --------------

@record
class Parsed:
    """A file's documents as plain data, ready for the database."""

    path: str
    sha256: str
    size: int
    mtime_ns: int
    error: str | None
    docs: list[tuple]  # (idx, title, kind, meta json, rows, group keys, odd chars) per document
    source: bytes | None = None


_SEP = PATH_SEP  # joins labels in one column: never part of a label


def _row_tuple(r: Row, odd: frozenset[str]) -> tuple:
    """A row as stored; its last column says whether its text holds a character outside
    GB2312 (one of `odd`, the file's), the only rows a literal search must map first."""
    return (r.seq, r.group, r.kind, r.text, r.article, r.label, r.number, r.line, r.end_line,
            r.anc[0], r.anc[1], r.anc[2], _SEP.join(f"{k}:{n}" for k, n in r.heads),
            _SEP.join(r.path), r.address, int(bool(odd) and not odd.isdisjoint(r.text)))


def _heads(col: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(h.split(":", 1)) for h in col.split(_SEP)) if col else ()  # type: ignore[misc]


def parse_file(path: str, display: str, keep_source: bool = False) -> Parsed:
    """Read and parse one file; an unreadable file is recorded with its error."""
    from ...parsing.source import load_text
    from ..scan import read_text

    st = os.stat(path)
    try:
        text, _, data = read_text(path)
    except InputError as e:
        with open(path, "rb") as fh:
            digest = _sha256(fh.read())
        return Parsed(path, digest, st.st_size, st.st_mtime_ns, str(e).replace(path, display, 1), [])
    digest = _sha256(data)
    source = load_text(text, display)
    odd_set = frozenset(_odd_chars(text))
    odd = "".join(sorted(odd_set))  # of the whole file: see search.DocRows.odd
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
    return Parsed(path, digest, st.st_size, st.st_mtime_ns, None, docs, blob)


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


#: Beyond this many trigrams an OR query is slower than scanning the keys with instr().
_MAX_GRAMS = 2000

#: Ends every FTS key, so that each occurrence of a 1–2-character term starts a trigram.
SENTINEL = "\x1e\x1e"


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


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


# -- the database ------------------------------------------------------------------------

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
        if row is None or row[0] != _top_signature(directory):
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
        _temp_ids(self.conn, "want_docs", ids)
        return {i: (i, f, x, t, k) for i, f, x, t, k in self.conn.execute(
            "SELECT d.id, d.file, d.idx, d.title, d.kind FROM want_docs w CROSS JOIN docs d ON d.id = w.id")}

    def _term_groups(self, term: Term, ignore_space: bool) -> set[int] | None:
        """Group ids whose key may hold the term; None when FTS cannot tell (a regular
        expression that requires no run of ideographs)."""
        if term.regex:
            from ..terms import _regex_source, required_ideographs

            runs = required_ideographs("".join(_regex_source(term.pattern).split()) if ignore_space
                                       else _regex_source(term.pattern))
            if not runs:
                return None
            needle, cjk_only = max(runs, key=len), True
        else:
            from ..terms import Matcher

            m = Matcher(term, ignore_space, 1.0)
            needle, cjk_only = "".join(m.needle.split()), m.cjk_only
        match = self.match_expr(needle, cjk_only)
        if match == "":
            return set()
        if match is not None:
            return {r[0] for r in self.conn.execute(
                "SELECT rowid FROM groups_fts WHERE groups_fts MATCH ?", (match,))}
        return {r[0] for r in self.conn.execute(
            "SELECT id FROM groups WHERE instr(key, ?) > 0", (needle,))}

    def match_expr(self, needle: str, cjk_only: bool) -> str | None:
        """The FTS query whose groups may hold a space-free needle: '' when none can,
        None when FTS cannot tell (short Latin or digit terms, too many trigrams)."""
        if len(needle) >= 3:
            return _phrase(needle)
        if not cjk_only:
            return None
        # 罚款 occurs only inside trigrams that start with it (every key ends with
        # two sentinel characters, so there always is a third): list them from the
        # index's own vocabulary — a range scan of its b-tree — and OR them.
        c = self.conn
        c.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab "
                  "USING fts5vocab(main, 'groups_fts', 'row')")
        grams = [r[0] for r in c.execute("SELECT term FROM temp.vocab WHERE term >= ? AND term < ?",
                                         (needle, needle + "\U0010ffff"))]
        if len(grams) > _MAX_GRAMS:
            return None
        return " OR ".join(map(_phrase, grams))

    def candidate_groups(self, searcher: Searcher) -> set[int] | None:
        """Groups that may satisfy the query (a superset); None: every group."""
        from ..terms import And, Not

        memo: dict[Term, set[int] | None] = {}

        def ev(e) -> set[int] | None:
            if isinstance(e, Term):
                if e not in memo:
                    memo[e] = self._term_groups(e, searcher.plan.ignore_space)
                return memo[e]
            if isinstance(e, Not):
                return None
            sets = [ev(x) for x in e.items]
            if isinstance(e, And):
                known = [s for s in sets if s is not None]
                if not known:
                    return None
                out = set(known[0])
                for s in known[1:]:
                    out &= s
                return out
            if any(s is None for s in sets):
                return None
            return set().union(*sets)

        return ev(searcher.plan.expr)

    def load(self, doc_ids: Iterable[int], groups: set[int] | None, whole_docs: bool,
             names: dict[int, str], heads: bool = True) -> dict[int, DocRows]:
        """DocRows of the given documents, holding the candidate groups' rows (or all).

        heads: read each row's enclosing 编/章/节 (only --within needs them).  A row's
        path stays the stored string, split only for a hit (DocRows.path)."""
        doc_ids = list(doc_ids)
        if not doc_ids:
            return {}
        c = self.conn
        _temp_ids(c, "want_docs", doc_ids)
        cols = ("r.doc, r.seq, r.kind, r.text, r.article, r.label, r.number, r.line, r.end_line, "
                "r.a0, r.a1, r.a2, r.heads, r.path, r.address")
        # CROSS JOIN fixes the order: from the few wanted documents or candidate groups
        # to their range of rows (left to the planner, SQLite might scan every row).
        if groups is None or whole_docs:
            sql = (f"SELECT {cols} FROM want_docs w CROSS JOIN docs d ON d.id = w.id "
                   "CROSS JOIN rows r ON r.id BETWEEN d.lo AND d.hi ORDER BY r.id")
            cur = c.execute(sql)
        else:
            _temp_ids(c, "want_groups", groups)
            sql = (f"SELECT {cols} FROM want_groups w CROSS JOIN groups g ON g.id = w.id "
                   "CROSS JOIN rows r ON r.id BETWEEN g.lo AND g.hi "
                   "WHERE g.doc IN (SELECT id FROM want_docs) ORDER BY r.id")
            cur = c.execute(sql)
        meta = {i: (f, x, t, k, p) for i, f, x, t, k, p in c.execute(
            "SELECT d.id, d.file, d.idx, d.title, d.kind, d.odd FROM want_docs w "
            "JOIN docs d ON d.id = w.id")}
        out: dict[int, DocRows] = {}
        for (doc, seq, kind, text, article, label, number, line, end_line, a0, a1, a2, hd,
             path, address) in cur:
            dr = out.get(doc)
            if dr is None:
                f, x, t, k, p = meta[doc]
                dr = out[doc] = DocRows(names[f], x, t, k, [], odd=frozenset(p or ""))
            dr.rows.append(Row(seq, kind, text, article, label, number, line, end_line,
                               (a0, a1, a2), _heads(hd) if heads else (), path or "", address))
        return out

    def source_text(self, path: str) -> bytes | None:
        row = self.conn.execute("SELECT source FROM files WHERE path = ?", (path,)).fetchone()
        if not row or row[0] is None:
            return None
        import zlib

        return zlib.decompress(row[0])


# -- building and updating ---------------------------------------------------------------

class BuildReport:
    """What an index build did (counts, time, problems)."""

    def __init__(self, index: str) -> None:
        self.index = index
        self.files = self.parsed = self.unchanged = self.removed = 0
        self.documents = self.provisions = self.bytes_parsed = 0
        self.seconds = 0.0
        self.errors: list[str] = []
        self.skipped: list[str] = []  # library: files holding no legal text

    @property
    def mb_per_s(self) -> float:
        return (self.bytes_parsed / 1e6) / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "files": self.files, "parsed": self.parsed,
                "unchanged": self.unchanged, "removed": self.removed, "documents": self.documents,
                "provisions": self.provisions, "bytes_parsed": self.bytes_parsed,
                "seconds": round(self.seconds, 3), "mb_per_s": round(self.mb_per_s, 2),
                "errors": self.errors, "skipped": self.skipped}

    def summary(self) -> str:
        rate = f", {self.mb_per_s:.1f} MB/s" if self.parsed else ""
        skipped = (f"; not kept (no legal text): {', '.join(self.skipped)}" if self.skipped else "")
        return (f"{self.index}: {self.files} files ({self.parsed} parsed, {self.unchanged} unchanged, "
                f"{self.removed} removed), {self.documents} documents, {self.provisions} provisions; "
                f"{self.seconds:.2f} s{rate}{skipped}")


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript(_DDL)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))


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


def update(db_path: str, files: Sequence[tuple[str, str, str]], *, prune: bool,
           keep_source: bool = False, report: BuildReport | None = None,
           forget: Sequence[str] = (), listing: Listing | None = None,
           progress: Progress | None = None) -> BuildReport:
    """Bring the index at db_path up to date with files [(key, real path, display name)].

    prune: entries whose key is not among `files` are removed (a directory index);
    forget: keys to remove (library remove); listing: a directory index's listing
    (see `Index.listed_files`), whose order the files are in; progress: told after
    each file parsed and stored (a build of a large corpus takes minutes).  Nothing
    is written when nothing changed.
    """
    check_sqlite()
    report = report or BuildReport(db_path)
    started = time.perf_counter()
    old: dict[str, tuple[int, str, int, int, str | None]] = {}
    old_listing: Listing | None = None
    if os.path.exists(db_path):
        try:
            idx = Index(db_path)
            old, old_listing = idx.files(), idx.listing()
            idx.close()
        except (sqlite3.DatabaseError, UsageError):
            old = {}  # unreadable or from another version: rebuild from scratch
            report.errors.append(f"{db_path}: unreadable or outdated index, rebuilt")
    todo: list[tuple[str, str, str]] = []
    rehashed: list[tuple[str, str, int, int]] = []
    for key, path, display in files:
        report.files += 1
        try:
            st = os.stat(path)
        except OSError as e:
            report.errors.append(f"{display}: cannot read ({e.strerror})")
            continue
        prev = old.get(key)
        if prev and prev[2] == st.st_size and prev[3] == st.st_mtime_ns:
            report.unchanged += 1
            continue
        if prev:
            with open(path, "rb") as fh:
                digest = _sha256(fh.read())
            if digest == prev[1]:
                rehashed.append((key, digest, st.st_size, st.st_mtime_ns))
                report.unchanged += 1
                continue
        todo.append((key, path, display))
    wanted = {k for k, _, _ in files}
    gone = [k for k in old if (prune and k not in wanted) or k in forget]
    if old and not todo and not gone and not rehashed:
        if listing is not None and listing != old_listing:
            # Only the listing is new (a directory touched, a file moved): a small
            # transaction in place, atomic by SQLite's own journal; no copy.
            conn = sqlite3.connect(db_path)
            with conn:
                _write_listing(conn, listing)
            conn.close()
        report.seconds = time.perf_counter() - started
        return report
    parsed = _parse_all([(p, d, keep_source) for _, p, d in todo])
    tmp = f"{db_path}.tmp-{os.getpid()}"
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
            _create(conn)
            for key in gone:
                _delete_file(conn, old[key][0])
                report.removed += 1
            for key, _digest, size, mtime in rehashed:
                conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime, key))
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
    report.seconds = time.perf_counter() - started
    return report


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
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            yield from pool.map(_parse_job, jobs, chunksize=2)
        return
    for j in jobs:
        yield _parse_job(j)


def dir_files(directory: str) -> list[tuple[str, str, str]]:
    """(relative key, path, display) of the files a directory index holds, in scan order."""
    return [(k, e.path, e.path) for k, e in _dir_entries(directory)]


def _dir_entries(directory: str, dirs: list | None = None) -> list[tuple[str, os.DirEntry]]:
    return [(_relative(e.path, directory), e) for e in dir_entries(directory, dirs)]


def _relative(path: str, directory: str) -> str:
    prefix = os.path.join(directory, "")
    return path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, directory)


#: (names in the top directory, [(subdirectory, mtime or -1)], file keys in order)
Listing = tuple[str, list[tuple[str, int]], list[str]]

#: A directory changed this close to the moment its time was read may change again
#: within the same tick of the file system's clock, unseen: it is never trusted.
_RACY_NS = 50_000_000


def _top_signature(directory: str) -> str:
    """The visible names in the top directory: what no modification time of it can
    stand for, since writing the index inside it changes that time."""
    try:
        with os.scandir(directory) as it:
            return _SEP.join(sorted(e.name for e in it if not e.name.startswith(".")))
    except OSError:
        return ""


def _listing(directory: str, dirs: list[tuple[str, int, int]], keys: list[str]) -> Listing:
    sub = [(_relative(d, directory), -1 if mtime >= now - _RACY_NS else mtime)
           for d, mtime, now in dirs[1:]]  # dirs[0] is the top
    return _top_signature(directory), sub, keys


def build_index(directory: str, progress: Progress | None = None) -> BuildReport:
    """`lawcli index DIR`: create or update DIR's index."""
    if not os.path.isdir(directory):
        raise InputError(f"{directory}: not a directory")
    db = Index.locate(directory) or Index.target(directory)
    dirs: list[tuple[str, int, int]] = []
    files = [(k, e.path, e.path) for k, e in _dir_entries(directory, dirs)]
    listing = _listing(directory, dirs, [k for k, _, _ in files])
    return update(db, files, prune=True, listing=listing, progress=progress)


# -- searching through an index -----------------------------------------------------------

def indexed_hits(idx: Index, searcher: Searcher, order: list[tuple[str, Any]],
                 names: dict[int, str], outcome: Outcome, encoding: str | None = None) -> Iterator[Hit]:
    """Hits of an index's files (and of files to read directly), in the given order.

    order: ("index", file id) or ("scan", path) entries, in scan order.
    """
    plan = searcher.plan
    wanted_files = {v for k, v in order if k == "index"}
    literals = searcher.literal_rows
    if literals is not None:
        found = _literal_hits(idx, searcher, literals, names)
        for kind, what in order:
            if kind == "scan":
                yield from scan([what], searcher, outcome, encoding)
            else:
                outcome.files += 1
                yield from found.get(what, ())
        return
    groups = idx.candidate_groups(searcher)
    docs = idx.docs(None if groups is None else _docs_of_groups(idx, groups))
    doc_ids = [d for d, (_, f, x, t, k) in docs.items()
               if f in wanted_files and searcher.doc_wanted(t, k)]
    loaded = idx.load(doc_ids, groups, bool(plan.context), names, heads=plan.within is not None)
    by_file: dict[int, list[DocRows]] = {}
    for d, dr in loaded.items():
        by_file.setdefault(docs[d][1], []).append(dr)
    for kind, what in order:
        if kind == "scan":
            yield from scan([what], searcher, outcome, encoding)
            continue
        outcome.files += 1
        yield from searcher.search_docs(sorted(by_file.get(what, []), key=lambda x: x.index))


#: SQL: the row holds a character outside GB2312 (a Traditional one), so it may hold a
#: needle only once mapped; such rows are matched in Python.  A row with the needle as
#: it stands is a hit either way (mapping never touches a needle's characters).
_MAPPED = "r.odd"
_HIT_COLS = ("r.id, r.doc, r.kind, r.text, r.article, r.label, r.number, r.line, r.end_line, "
             "r.path, r.address, r.odd")
_LINE_COLS = "r.id, r.doc, r.text, r.path, r.address, r.odd"  # all a plain line needs


def _literal_hits(idx: Index, searcher: Searcher, literals: tuple[tuple[Term, str], ...],
                  names: dict[int, str]) -> dict[int, list[Hit]] | dict[int, list[DocCount]]:
    """Hits of literal terms at the smallest unit, per file id (of `names` only); with
    Plan.count_only, each document's count instead.

    The common search, answered without building documents: SQL narrows the
    candidate groups to their rows whose text holds a needle (`instr`), and only
    those rows reach Python.  Exactly what `Searcher.search_doc` finds for such a
    query (see `Searcher.row_literals`); rows holding Traditional characters are
    fetched whatever they hold, and matched here after mapping.
    """
    c = idx.conn
    found = " OR ".join("instr(r.text, ?) > 0" for _ in literals)
    candidates = _candidate_groups(idx, literals)
    if candidates is None:
        return {}
    groups, where, args = candidates
    needles = tuple(n for _, n in literals)
    source = f"{groups} CROSS JOIN rows r ON r.id BETWEEN g.lo AND g.hi WHERE {where} AND"
    args += needles
    if searcher.plan.first_per_file:
        rows = _first_rows(c, searcher, names, groups, where, candidates[2], found, needles)
    elif searcher.plan.count_only:
        return _literal_counts(c, searcher, literals, names, source, args, found)
    else:
        cols = _LINE_COLS if searcher.plan.writes_lines else _HIT_COLS
        rows = c.execute(f"SELECT {cols} FROM {source} ({found} OR {_MAPPED})", args).fetchall()
    return _hits_of_rows(c, searcher, literals, names, rows) if rows else {}


def _candidate_groups(idx: Index, literals: tuple[tuple[Term, str], ...]) -> tuple[str, str, tuple] | None:
    """(FROM clause giving the candidate groups as `g`, its WHERE condition, arguments);
    None when no group can hold any needle."""
    matches = [idx.match_expr(needle, True) for _, needle in literals]
    if all(m is not None for m in matches):
        match = " OR ".join(m for m in matches if m)
        if not match:
            return None
        return "groups_fts f CROSS JOIN groups g ON g.id = f.rowid", "groups_fts MATCH ?", (match,)
    groups: set[int] = set()
    for t, _ in literals:
        groups |= idx._term_groups(t, False) or set()
    _temp_ids(idx.conn, "want_groups", groups)
    return "want_groups w CROSS JOIN groups g ON g.id = w.id", "1", ()


def _first_rows(c: sqlite3.Connection, searcher: Searcher, names: dict[int, str], groups: str,
                where: str, args: tuple, found: str, needles: tuple[str, ...]) -> list[tuple]:
    """-l: of each file, its first certain hit and the uncertain rows before it (rows that
    may hold a needle once mapped), read whole.

    A file's rows are looked at a candidate group at a time, in document order, all
    files at once: nearly always its first candidate group settles it, so a term in
    every file costs one group per file, not every row that holds it.
    """
    cand = c.execute(f"SELECT g.id, g.doc, g.lo, g.hi FROM {groups} WHERE {where}", args).fetchall()
    cand.sort()
    wanted = {d: f for d, (f, title, kind) in _doc_files(c, {d for _, d, _, _ in cand}).items()
              if f in names and searcher.doc_wanted(title, kind)}
    queue: dict[int, list[tuple[int, int]]] = {}  # file id → its candidate groups' row ranges
    for _, d, lo, hi in cand:
        f = wanted.get(d)
        if f is not None:
            queue.setdefault(f, []).append((lo, hi))
    keep: list[int] = []
    turn = 0
    while queue:
        ranges = sorted((q[turn], f) for f, q in queue.items())
        _temp_ranges(c, [r for r, _ in ranges])
        rows = c.execute(f"SELECT r.id, r.odd FROM want_ranges w CROSS JOIN rows r "
                         f"ON r.id BETWEEN w.lo AND w.hi WHERE {found} OR {_MAPPED}", needles).fetchall()
        rows.sort()
        settled: set[int] = set()
        k = 0
        for (_, hi), f in ranges:  # the ranges are disjoint: each row falls in one, in order
            while k < len(rows) and rows[k][0] <= hi:
                if f not in settled:
                    keep.append(rows[k][0])
                    if not rows[k][1]:
                        settled.add(f)
                k += 1
        turn += 1
        queue = {f: q for f, q in queue.items() if f not in settled and turn < len(q)}
    _temp_ids(c, "want_rows", keep)
    return c.execute(f"SELECT {_HIT_COLS} FROM want_rows w CROSS JOIN rows r ON r.id = w.id").fetchall()


@record
class _Doc:
    """What the hits of a document's rows need to know of it."""

    name: str  # its file's display name
    file: int  # its file's id
    index: int  # its place among the file's documents
    title: str
    kind: str
    odd: frozenset[str]  # the file's characters outside GB2312
    lo: int  # its first and last row id
    hi: int


def _wanted_docs(c: sqlite3.Connection, searcher: Searcher, names: dict[int, str],
                 doc_ids: Iterable[int]) -> dict[int, _Doc | None]:
    """Document id → _Doc, or None for a document the search does not want (its file
    not searched, or filtered out)."""
    _temp_ids(c, "want_docs", doc_ids)
    docs: dict[int, _Doc | None] = {}
    for d, f, x, t, k, odd_chars, lo, hi in c.execute(
            "SELECT d.id, d.file, d.idx, d.title, d.kind, d.odd, d.lo, d.hi "
            "FROM want_docs w CROSS JOIN docs d ON d.id = w.id"):
        wanted = f in names and searcher.doc_wanted(t, k)
        docs[d] = _Doc(names[f], f, x, t, k, frozenset(odd_chars or ""), lo, hi) if wanted else None
    return docs


def _hits_of_rows(c: sqlite3.Connection, searcher: Searcher, literals: tuple[tuple[Term, str], ...],
                  names: dict[int, str], rows: list[tuple]) -> dict[int, list[Hit]] | dict[int, list[str]]:
    """Rows (_HIT_COLS, or _LINE_COLS for `Plan.rendered`) → hits per file id, in
    document order; wanted documents only."""
    from ..terms import _t2s_table

    rows.sort()  # by row id: each file's documents, and their rows, in order
    docs = _wanted_docs(c, searcher, names, {r[1] for r in rows})
    if searcher.plan.writes_lines:
        return _lines_of_rows(docs, literals, rows)  # type: ignore[return-value]
    context = searcher.plan.context
    first_only = searcher.plan.first_per_file
    out: dict[int, list[Hit]] = {}
    placed: list[tuple[int, _Doc, list[Hit], int]] = []  # (row id, doc, its file's hits, index)
    # One literal in an unmapped row (nearly every hit): SQL has found the needle, and its
    # spans are collected here inline — the per-hit cost of a common term.
    needle = literals[0][1] if len(literals) == 1 else None
    n = len(needle or "")
    one_term = (str(literals[0][0]),)
    for rid, doc, kind, text, article, label, number, line, end_line, path, address, mapped in rows:
        meta = docs[doc]
        if meta is None or not text:
            continue
        name, f, x, title, dkind, odd_set = meta[:6]
        if needle is not None and not mapped:
            i = text.find(needle)
            if i < 0:
                continue
            merged: list[tuple[int, int]] = []
            while i >= 0:  # touching matches become one span, as in literal_spans
                if merged and merged[-1][1] == i:
                    merged[-1] = (merged[-1][0], i + n)
                else:
                    merged.append((i, i + n))
                i = text.find(needle, i + n)
            spans, terms = tuple(merged), one_term
        else:
            key = text.translate(_t2s_table(set(odd_set))) if mapped else text
            got = literal_spans(key, literals)
            if got is None:
                continue
            spans, terms = got
        hits = out.get(f)
        if hits is None:
            hits = out[f] = []
        elif first_only:
            continue
        hits.append(Hit(name, title, x, dkind, tuple(path.split(_SEP)) if path else (), address,
                        article, kind, label, number, line, end_line, text, spans, terms))
        if context:
            placed.append((rid, meta, hits, len(hits) - 1))
    if placed:
        _add_context(c, context, placed)
    return out


def _add_context(c: sqlite3.Connection, n: int, placed: list[tuple[int, _Doc, list[Hit], int]]) -> None:
    """Give each placed hit its n neighbours on either side: the rows with text before
    and after it in its document, as `Searcher._hit` takes them from the document's
    units at the smallest level.  Read as windows of row ids around the hits (with
    room for rows without text), not as whole documents: a common term's hits would
    otherwise load nearly the whole corpus."""
    slack = _ROWS_PER_UNIT * n + 2
    ranges: list[list[int]] = []
    for rid, doc, _, _ in placed:  # in row order: overlapping windows merge
        a, b = max(doc.lo, rid - slack), min(doc.hi, rid + slack)
        if ranges and a <= ranges[-1][1] + 1:
            ranges[-1][1] = max(ranges[-1][1], b)
        else:
            ranges.append([a, b])
    _temp_ranges(c, ranges)
    known = {r[0]: r[1:] for r in c.execute(
        f"SELECT {_NEAR_COLS} FROM want_ranges w CROSS JOIN rows r ON r.id BETWEEN w.lo AND w.hi")}
    for rid, doc, hits, i in placed:
        before = _neighbours(c, known, rid, doc.lo, -1, n, slack)
        after = _neighbours(c, known, rid, doc.hi, 1, n, slack)
        hits[i] = hits[i]._replace(before=before[::-1], after=after)


_NEAR_COLS = "r.id, r.kind, r.text, r.label, r.address, r.path"
#: Rows read on each side of a hit per unit of context: most rows have text (an
#: article's own row often has none); `_neighbours` reads on when a window falls short.
_ROWS_PER_UNIT = 2


def _neighbours(c: sqlite3.Connection, known: dict[int, tuple], rid: int, bound: int, step: int,
                n: int, slack: int) -> tuple[tuple[str, str], ...]:
    """Up to n (label, text) of the rows with text from rid + step towards bound (the
    document's first or last row), nearest first; rows not read yet are read here."""
    out: list[tuple[str, str]] = []
    j = rid + step
    while len(out) < n and (j >= bound if step < 0 else j <= bound):
        row = known.get(j)
        if row is None:  # past the window: read the next stretch of the document
            a, b = sorted((j, max(bound, j - slack) if step < 0 else min(bound, j + slack)))
            known.update((r[0], r[1:]) for r in c.execute(
                f"SELECT {_NEAR_COLS} FROM rows r WHERE r.id BETWEEN ? AND ?", (a, b)))
            row = known[j]
        kind, text, label, address, path = row
        if text:
            out.append((short_label(kind, label, address or "",
                                    lambda p=path: p.split(_SEP) if p else []), text))
        j += step
    return tuple(out)


def _lines_of_rows(docs: dict[int, _Doc | None], literals: tuple[tuple[Term, str], ...],
                   rows: list[tuple]) -> dict[int, list[str]]:
    """`_hits_of_rows` for `Plan.rendered` (rows of _LINE_COLS): each file's hits as
    their plain lines, in one string per file id (a list of one, as hits come in lists).

    An unmapped row is a hit as SQL found it (`instr` saw a needle in its text), so
    it needs no spans and no Hit: only its address and text.
    """
    from ..terms import _t2s_table

    units: dict[int, list[tuple[str, str]]] = {}
    heads: dict[int, str] = {}
    for _, d, text, path, address, mapped in rows:
        doc = docs[d]
        if doc is None or not text:
            continue
        if mapped and literal_spans(text.translate(_t2s_table(set(doc.odd))), literals) is None:
            continue
        mine = units.get(doc.file)
        if mine is None:
            mine = units[doc.file] = []
            heads[doc.file] = doc.name + ":"
        mine.append((address or path.replace(_SEP, " ") or doc.title, text))
    return {f: [plain_lines(heads[f], u)] for f, u in units.items()}


def _literal_counts(c: sqlite3.Connection, searcher: Searcher, literals: tuple[tuple[Term, str], ...],
                    names: dict[int, str], source: str, args: tuple, found: str) -> dict[int, list[DocCount]]:
    """--count through the index: rows with a needle counted per document in SQL; rows
    that may hold one only once mapped are fetched and matched here."""
    from ..terms import _t2s_table

    counted = dict(c.execute(f"SELECT r.doc, count(*) FROM {source} ({found}) GROUP BY r.doc", args))
    mapped = c.execute(f"SELECT {_HIT_COLS} FROM {source} {_MAPPED} AND NOT ({found})", args).fetchall()
    _temp_ids(c, "want_docs", set(counted) | {r[1] for r in mapped})
    docs = {d: (f, x, t, k, frozenset(o or "")) for d, f, x, t, k, o in c.execute(
        "SELECT d.id, d.file, d.idx, d.title, d.kind, d.odd FROM want_docs w "
        "CROSS JOIN docs d ON d.id = w.id")}
    for row in mapped:
        text, odd_set = row[3], docs[row[1]][4]
        if text and literal_spans(text.translate(_t2s_table(set(odd_set))), literals):
            counted[row[1]] = counted.get(row[1], 0) + 1
    out: dict[int, list[DocCount]] = {}
    for d in sorted(counted):  # document ids follow each file's document order
        f, x, title, kind, _ = docs[d]
        if f in names and searcher.doc_wanted(title, kind):
            out.setdefault(f, []).append(DocCount(names[f], title, x, counted[d]))
    return out


def _temp_ids(conn: sqlite3.Connection, table: str, ids: Iterable[int]) -> None:
    """Fill a temporary table of ids (for joins: faster than long IN lists)."""
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(id INTEGER PRIMARY KEY)")
    conn.execute(f"DELETE FROM {table}")
    conn.executemany(f"INSERT INTO {table} VALUES (?)", ((i,) for i in ids))


def _temp_ranges(conn: sqlite3.Connection, ranges: Iterable[Sequence[int]]) -> None:
    """Fill the temporary table `want_ranges` with (first, last) row ids, for a range join."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS want_ranges(lo INTEGER, hi INTEGER)")
    conn.execute("DELETE FROM want_ranges")
    conn.executemany("INSERT INTO want_ranges VALUES (?, ?)", ranges)


def _doc_files(conn: sqlite3.Connection, doc_ids: Iterable[int]) -> dict[int, tuple[int, str, str]]:
    """Document id → (file id, title, kind)."""
    _temp_ids(conn, "want_docs", doc_ids)
    return {d: (f, t, k) for d, f, t, k in conn.execute(
        "SELECT d.id, d.file, d.title, d.kind FROM want_docs w CROSS JOIN docs d ON d.id = w.id")}


def _docs_of_groups(idx: Index, groups: set[int]) -> set[int]:
    c = idx.conn
    _temp_ids(c, "want_groups", groups)
    return {r[0] for r in c.execute(
        "SELECT DISTINCT g.doc FROM want_groups w CROSS JOIN groups g ON g.id = w.id")}


def search_dir(directory: str, searcher: Searcher, outcome: Outcome) -> Iterator[Hit]:
    """Search a directory through its index; files changed since it was built are read."""
    db = Index.locate(directory)
    if db is None:
        raise UsageError(f"{directory}: has no index; build one with: lawcli index {directory}")
    if searcher.plan.doc is not None and searcher.plan.doc.strip().isdigit():
        raise UsageError("--doc N (an index) needs a single FILE; use a title fragment")
    try:
        idx = Index(db)
    except (UsageError, sqlite3.DatabaseError) as e:
        outcome.notes.append(f"{directory}: index not used ({e}); reading the files")
        yield from scan([directory], searcher, outcome)
        return
    try:
        order: list[tuple[str, Any]] = []
        names: dict[int, str] = {}
        listed: list[tuple[str, str, tuple | None]] | None = idx.listed_files(directory)
        if listed is None:  # a directory changed since the build: list them all again
            known = {k: (i, s, m, e) for k, (i, _, s, m, e) in idx.files().items()}
            listed = [(k, e.path, known.get(k)) for k, e in _dir_entries(directory)]
        stat = os.stat
        for _, path, prev in listed:
            try:
                st = stat(path)
            except OSError:
                order.append(("scan", path))
                continue
            if prev and prev[1] == st.st_size and prev[2] == st.st_mtime_ns:
                if prev[3]:
                    outcome.errors.append(prev[3])
                    continue
                names[prev[0]] = path
                order.append(("index", prev[0]))
            else:
                order.append(("scan", path))
        yield from indexed_hits(idx, searcher, order, names, outcome)
    finally:
        idx.close()
