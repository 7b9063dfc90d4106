"""A damaged library: set aside, and what it registered read back out of it.

A directory's index can always be built again from the directory.  The library
cannot: it is the list of what a person registered, with a copy of each source.
When its database cannot be opened (corrupt, or from another schema), it is
renamed `library.sqlite.corrupt-YYYYMMDD-HHMMSS` — never deleted — and the new
library is built from the registrations that can still be read out of it: through
SQLite, row by row as far as it goes, and when SQLite cannot read it at all, from
the file's bytes (paths are stored as plain UTF-8 text).
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections import namedtuple


class Recovered(namedtuple("Recovered", "path size mtime_ns source")):
    """One registration read back: its path, and what was kept of the file."""

    __slots__ = ()

    path: str
    size: int | None
    mtime_ns: int | None
    source: bytes | None  # the compressed copy kept at `library add`, when readable


def set_aside(db_path: str) -> str:
    """Rename the damaged database out of the way; the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = f"{db_path}.corrupt-{stamp}"
    n = 1
    while os.path.exists(aside):
        n += 1
        aside = f"{db_path}.corrupt-{stamp}-{n}"
    os.replace(db_path, aside)
    return aside


def recover(path: str) -> list[Recovered]:
    """The registrations still readable in a damaged database, in the order found."""
    found = _through_sqlite(path)  # stops at the first page it cannot read
    found += [Recovered(p, None, None, None) for p in _paths_in_bytes(path)]
    seen: set[str] = set()
    out = []
    for r in found:
        if r.path and r.path not in seen:
            seen.add(r.path)
            out.append(r)
    return out


def _through_sqlite(path: str) -> list[Recovered]:
    out: list[Recovered] = []
    for sql in ("SELECT path, size, mtime_ns, source FROM files ORDER BY id",
                "SELECT path, NULL, NULL, NULL FROM files"):
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error:
            return out
        try:
            for p, size, mtime, source in conn.execute(sql):  # as far as the pages read
                if isinstance(p, str):
                    out.append(Recovered(p, size, mtime, source if isinstance(source, bytes) else None))
        except sqlite3.Error:
            pass
        finally:
            conn.close()
        if out:
            return out
    return out


#: An absolute path to a text file, as UTF-8 inside the database's pages (where the
#: next column, a hexadecimal hash, follows with no separator: the shortest name).
_PATH = re.compile(rb"/(?:[^\x00-\x1f/]+/)*[^\x00-\x1f/]+?\.(?:txt|md|markdown|text)")


def _paths_in_bytes(path: str, chunk: int = 1 << 24) -> list[str]:
    """Paths of existing files named in the raw bytes: the pages SQLite stops at (or
    cannot read at all) still hold them.  Read in overlapping pieces (a library of
    thousands of laws is gigabytes)."""
    out: list[str] = []
    overlap = 8192
    try:
        with open(path, "rb") as fh:
            tail = b""
            while True:
                block = fh.read(chunk)
                data = tail + block
                for m in _PATH.finditer(data):
                    if block and m.end() > len(data) - overlap:
                        continue  # may go on in the next piece: read there
                    try:
                        p = m.group().decode("utf-8")
                    except UnicodeDecodeError:
                        continue
                    if os.path.isfile(p):
                        out.append(p)
                if not block:
                    return out
                tail = data[-overlap:]
    except OSError:
        return out


def damage(path: str) -> Exception | None:
    """Why the database at path is damaged (SQLite's own check of every page), or None.
    Run only after a read failed: on a large library it takes seconds."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        return e
    if rows == ["ok"]:
        return None
    return sqlite3.DatabaseError("; ".join(map(str, rows)))
