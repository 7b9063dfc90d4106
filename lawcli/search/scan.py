"""Searching files by parsing them: the directory walk, stored trees, worker processes.

A file is decoded and normalised, tested cheaply for the terms, and parsed only
when it may hold a hit (or taken from the searcher's store, the CLI's parse cache);
its documents then go to the engine in searcher.py, which an index (index/)
feeds from SQLite.
"""

from __future__ import annotations

import os
import time
from collections import namedtuple
from operator import attrgetter

from ..errors import InputError, UsageError
from ..text.textfold import odd_chars as _odd_chars
from .hits import Hit
from .rows import DocRows
from .searcher import Outcome, Searcher

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Iterator, Sequence

# -- scanning files --------------------------------------------------------------------

#: Suffixes read when a directory is searched (a named file is always read).
SUFFIXES = (".txt", ".md", ".markdown", ".text")


def iter_files(paths: Sequence[str]) -> Iterator[str]:
    """Every file under the paths (a named file as given), sorted within directories."""
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            yield p
            continue
        for entry in dir_entries(p):
            yield entry.path


_NAME = attrgetter("name")


def dir_entries(top: str, dirs: list[tuple[str, int, int]] | None = None) -> Iterator[os.DirEntry]:
    """The files a directory search reads, as directory entries (whose stat() an index
    uses to see what changed), in os.walk's order: a directory's files, sorted, then
    its subdirectories one by one.  Hidden names are skipped, symbolic links to
    directories are not followed, unreadable directories are passed over.

    dirs: receives (path, modification time, clock time) in ns for every directory
    listed, both read *before* listing it, so a later change always shows (index/).

    Written on os.scandir rather than os.walk: a corpus of thousands of files is
    listed on every indexed search, and this is about a third cheaper.
    """
    stack = [top]
    while stack:
        d = stack.pop()
        try:
            if dirs is not None:
                now = time.time_ns()
                mtime = os.stat(d).st_mtime_ns
            with os.scandir(d) as it:
                entries = sorted(it, key=_NAME)
        except OSError:
            continue
        if dirs is not None:
            dirs.append((d, mtime, now))
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not e.is_symlink():
                    subdirs.append(e.path)
            elif e.name.endswith(SUFFIXES):
                yield e
        stack.extend(reversed(subdirs))


def read_text(path: str, encoding: str | None = None) -> tuple[str, str, bytes]:
    """(text, display name, bytes) of a file or '-': the reader's decoding and checks,
    with the bytes kept for the parse cache's key."""
    from ..text.reader import decode_checked, read_bytes

    data, name = read_bytes(path)
    return decode_checked(data, encoding, name), name, data


def _cached(data: bytes | None, encoding: str | None, name: str, store: Any):
    """(the stored Source for these bytes or None, its key; None when there is no
    store: then a file is tested before it is parsed)."""
    if data is None or store is None:
        return None, None
    key = store.key(data, encoding)
    hit = store.get(key)
    if hit is not None and hasattr(hit, "documents") and hasattr(hit, "_replace"):
        return hit._replace(name=name), key
    return None, key


def docrows_of_source(source, file: str, searcher: Searcher, strict_doc: bool,
                      odd: frozenset[str] | None = None) -> Iterator[DocRows]:
    """The documents of a parsed file that --doc and --kind keep, as rows.

    With a single FILE, --doc is resolved by `Source.select` (an index, or a fragment
    that must name one document); over many files it keeps every title containing it.
    """
    if strict_doc and searcher.plan.doc is not None:
        docs = [d for d in source.select(searcher.plan.doc) if searcher.kind_wanted(d.kind)]
    else:
        docs = [d for d in source.documents if searcher.doc_wanted(d.title, d.kind)]
    for d in docs:
        yield DocRows(file, d.index, d.title, d.kind, None, doc=d, odd=odd)


def scan_text(text: str, name: str, searcher: Searcher, *, strict_doc: bool = False,
              data: bytes | None = None, encoding: str | None = None) -> Iterator[Hit]:
    """Search one decoded text, skipping the parse when the terms cannot occur.

    The first test runs on the text as read (`Searcher.may_match_raw`), before the
    store is asked or anything normalised.  The next runs on the normalised text (where wrapped lines are already
    joined and page furniture dropped) without any white space: every unit's
    text is a piece of it, so a file it rejects has no hit.  With the file's
    bytes, the searcher's store (the CLI's parse cache) is asked first: a tree
    parsed before needs neither normalising nor parsing; a tree parsed now is
    kept there.
    """
    check = not (strict_doc and searcher.plan.doc is not None)
    raw_odd = _odd_chars(text)
    if check and not searcher.may_match_raw(text, raw_odd):
        return  # ruled out as read: most files of a big folder are never normalised or loaded
    source, key = _cached(data, encoding, name, searcher.store)
    if source is not None:
        # Units are pieces of the normalised text: its characters are enough for t2s.
        norm = source.normalized
        odd = set(norm.odd) if norm.odd is not None else _odd_chars(norm.text)
        if check and not searcher.may_match(norm.text.replace("\n", ""), odd):
            return
    else:
        from ..parsing.source import load_text
        from ..text.normalize import normalize

        odd = raw_odd
        norm = normalize(text)
        if check and not searcher.may_match("".join(line.text for line in norm.lines), odd):
            return  # (not cached: a file is parsed, and kept, when a search needs its tree)
        source = load_text(text, name, norm)
        if key is not None:
            searcher.store.put(key, source)  # the next search of this file reads the tree
    yield from searcher.search_docs(docrows_of_source(source, name, searcher, strict_doc,
                                                      frozenset(odd)))


def scan(paths: Sequence[str], searcher: Searcher, outcome: Outcome | None = None,
         encoding: str | None = None, *, single: bool | None = None) -> Iterator[Hit]:
    """Search files and directories by parsing them (no index); a big directory is
    searched by several processes at once (fanout.py), the hits in the same order."""
    outcome = outcome if outcome is not None else Outcome()
    files = list(iter_files(paths))
    if single is None:  # one named FILE: its errors are errors, --doc picks in it
        single = len(files) == 1 and not any(os.path.isdir(p) for p in paths)
    if searcher.plan.doc is not None and searcher.plan.doc.strip().isdigit() and not single:
        raise UsageError("--doc N (an index) needs a single FILE; use a title fragment")
    jobs = 1
    if not single and "-" not in files:
        from . import fanout

        sizes = [_size(f) for f in files]
        jobs = fanout.jobs_for(sum(sizes), len(files))
        holds = getattr(searcher.store, "holds", None)
        if holds is not None and not holds(sum(sizes)):
            # Trees of more text than the store holds would push each other out in
            # the order the next search needs them: read what is there, write nothing.
            searcher.store = _ReadOnly(searcher.store)
        if sum(sizes) >= INDEX_HINT_BYTES:
            dirs = [p for p in paths if os.path.isdir(p)]
            outcome.notes.append(
                f"{sum(sizes) / 1e6:.0f} MB searched without an index; `lawcli index "
                f"{dirs[0] if len(dirs) == 1 else 'DIR'}` makes searches of it much faster")
    if jobs <= 1:
        yield from _scan_files(files, searcher, outcome, encoding, single)
        return

    def work(chunk: list[str]) -> Iterator[Any]:
        if chunk is chunks[0]:  # this process: its own outcome and searcher
            yield from _scan_files(chunk, searcher, outcome, encoding, False)
            return
        mine = Outcome()  # a child's: sent back with its hits
        yield from _scan_files(chunk, searcher, mine, encoding, False)
        yield _Sent(mine.errors, mine.notes, mine.files, searcher.within_found)

    chunks = fanout.split(files, sizes, jobs)
    for item in fanout.run(chunks, work):
        if isinstance(item, _Sent):
            outcome.errors.extend(item.errors)
            outcome.notes.extend(item.notes)
            outcome.files += item.files
            searcher.within_found = searcher.within_found or item.within_found
        else:
            yield item


class _ReadOnly:
    """A store whose trees are read and never written (see `scan`)."""

    def __init__(self, store: Any) -> None:
        self.key, self.get = store.key, store.get

    def put(self, key: str, source: Any) -> None:
        pass


class _Sent(namedtuple("_Sent", "errors notes files within_found")):
    """What a worker process found besides hits (see `scan`)."""

    __slots__ = ()

    errors: list[str]
    notes: list[str]
    files: int
    within_found: bool


#: From this much text on, a search without an index suggests building one.
INDEX_HINT_BYTES = 50_000_000


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _scan_files(files: list[str], searcher: Searcher, outcome: Outcome, encoding: str | None,
                single: bool) -> Iterator[Hit]:
    for name in files:
        try:
            text, shown, data = read_text(name, encoding)
        except InputError as e:
            if single:
                raise
            outcome.errors.append(str(e))
            continue
        outcome.files += 1
        yield from scan_text(text, shown, searcher, strict_doc=single,
                             data=None if name == "-" else data, encoding=encoding)
