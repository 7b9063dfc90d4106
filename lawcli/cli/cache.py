"""Parse cache: each file is parsed once; later look-ups load its tree.

A look-up is something people repeat dozens of times a day on the same files.
Parsing a 550 KB gazette issue takes ~50 ms; loading its pickled tree ~6 ms.
The key is a hash of the file's bytes, the forced encoding and the parser's own
code, so an edited file or a new lawcli never sees a stale tree.

Location: $LAWCLI_CACHE, else $XDG_CACHE_HOME/lawcli, else ~/.cache/lawcli.
LAWCLI_CACHE=off disables it.  A cache that cannot be read or written is
skipped: it only ever saves time.

Upkeep is least-recently-used and costs O(1) a look-up: a hit touches its entry's
time, a write appends one line to a ledger, and only when the ledger has grown by
a quarter of the entries counted last time is the folder listed and the oldest
entries removed, down to the size budget ($LAWCLI_CACHE_MB, 1024 MB by default:
the trees of some 200 MB of laws).  A search of a folder whose trees would not fit
only reads the cache (`holds`): in a cache too small for them, each run would push
out the trees the next run needs first, and pay for writes that never pay back.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any

#: The lawcli package folder (this module is in its cli/).
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: The size budget when $LAWCLI_CACHE_MB does not set one.
_DEFAULT_MB = 1024
#: The ledger: one line per write since the folder was last listed (see _upkeep).
_LEDGER = "writes.ledger"


def directory() -> str | None:
    """The cache's directory, or None when it is off.  A plain string: a search asks
    once per file, and pathlib would cost more than the look-up it serves."""
    env = os.environ.get("LAWCLI_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "lawcli")


#: The code that decides what a cached tree holds: the text and parse stages, the
#: reference checks whose warnings are kept with it, and this module.
_PARSER_DIRS = ("text", "parsing", "refs")
_PARSER_FILES = ("__init__.py", "rules.py", os.path.join("cli", "cache.py"), os.path.join("cli", "kit.py"))


_STAMP: bytes | None = None


def _code_stamp() -> bytes:
    """Changes whenever the parser's code changes (version bumps and local edits).
    Computed once per process: a search asks for it once per file."""
    global _STAMP
    if _STAMP is None:
        from .. import __version__

        parts = [__version__]
        names = list(_PARSER_FILES)
        for sub in _PARSER_DIRS:
            try:
                names += sorted(os.path.join(sub, n) for n in os.listdir(os.path.join(_PACKAGE, sub))
                                if n.endswith(".py"))
            except OSError:
                continue
        for name in names:
            try:
                st = os.stat(os.path.join(_PACKAGE, name))
            except OSError:
                continue
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        _STAMP = "|".join(parts).encode()
    return _STAMP


def key(data: bytes, encoding: str | None) -> str:
    try:
        from _blake2 import blake2b  # the C module itself: hashlib would load OpenSSL (+2 ms)
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import blake2b
    h = blake2b(data, digest_size=20)
    h.update(b"\0" + (encoding or "").encode() + b"\0" + _code_stamp())
    return h.hexdigest()


class LazyDocuments(Sequence):
    """A cached file's documents, each unpickled on first use.

    A look-up in one document of a 90-document gazette issue then loads that one
    (~0.3 ms) instead of all of them (~7 ms).  Titles and article counts are kept
    unpickled, so choosing documents (--doc) loads nothing.
    """

    def __init__(self, stubs: list[tuple[str, int]], blobs: list[bytes]):
        self._stubs = stubs
        self._blobs = blobs
        self._docs: list[Any] = [None] * len(blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        doc = self._docs[i]
        if doc is None:
            doc = self._docs[i] = pickle.loads(self._blobs[i])
        return doc

    def title(self, i: int) -> str:
        return self._stubs[i][0]

    def article_count(self, i: int) -> int:
        return self._stubs[i][1]


def get(k: str, checked: bool = False) -> Any | None:
    """The cached Source for key k, or None.  Its `normalized` keeps the text, not the lines.

    `checked`: only a tree whose reference warnings were added (a look-up's); a search
    keeps trees without them, and a look-up must not take such a tree for its own.
    """
    d = directory()
    if d is None:
        return None
    path = os.path.join(d, f"{k}.pickle")
    try:
        with open(path, "rb") as f:
            name, fmt, repairs, stubs, blobs, text, odd, has_refs, reader = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return None
    if checked and not has_refs:
        return None
    try:
        os.utime(path)  # used now: the last to go (least recently used)
    except OSError:
        pass
    from ..parsing.source import Source
    from ..text.lines import Normalized

    return Source(name, LazyDocuments(stubs, blobs), Normalized([], repairs, fmt, [], text, odd),
                  repairs, reader)


def put(k: str, source: Any, checked: bool = False) -> None:
    """Keep a parsed Source under key k; `checked`: its reference warnings were added."""
    d = directory()
    if d is None:
        return
    import tempfile  # only a miss writes; a hit must not pay for this import

    try:
        blobs = [pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) for doc in source.documents]
        stubs = [(doc.title, len(doc.articles)) for doc in source.documents]
        # The normalised text is kept too (not its lines), and the characters a search
        # may have to map: a search tests them first.
        from ..text.textfold import odd_chars

        text = source.normalized.text
        record = (source.name, source.format, source.repairs, stubs, blobs, text,
                  frozenset(odd_chars(text)), checked, source.reader)
        os.makedirs(d, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(record, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, os.path.join(d, f"{k}.pickle"))  # atomic: readers never see half a file
        _upkeep(d)
    except (OSError, pickle.PicklingError, RecursionError):
        pass


def budget() -> int:
    """The cache's size budget in bytes ($LAWCLI_CACHE_MB; a bad value: the default)."""
    try:
        mb = float(os.environ.get("LAWCLI_CACHE_MB", _DEFAULT_MB))
    except ValueError:
        mb = _DEFAULT_MB
    return int(mb * 1e6) if mb == mb and mb > 0 else int(_DEFAULT_MB * 1e6)


#: Bytes of cache a byte of text takes (its trees pickled, with the normalised text):
#: about 4 over the laws of the corpus; 5 to be safe.
_PER_TEXT_BYTE = 5


def holds(text_bytes: int) -> bool:
    """Whether the trees of this much text fit the budget.  A search of more would
    evict, least recently used first, exactly the trees its next run reads first, and
    gain nothing for the cost of writing them: it then only reads the cache."""
    return text_bytes * _PER_TEXT_BYTE <= budget()


def _upkeep(d: str) -> None:
    """Count this write in the ledger; list and prune the folder only when the ledger
    holds a quarter as many writes as the folder held entries when last listed (its
    first line), so that each write pays O(1) on average.  Appends of one short line
    are atomic, so processes writing at once (a search's workers) share it safely."""
    ledger = os.path.join(d, _LEDGER)
    fd = os.open(ledger, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, b".\n")
        size = os.fstat(fd).st_size
    finally:
        os.close(fd)
    try:
        with open(ledger, "rb") as f:
            first = f.readline()
        listed = int(first[1:]) if first.startswith(b"#") else 0
    except (OSError, ValueError):
        listed = 0
    if (size - len(first)) // 2 < max(16, listed // 4):
        return
    count = _prune(d)
    tmp = f"{ledger}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(b"#%d\n" % count)
    os.replace(tmp, ledger)


def _prune(d: str) -> int:
    """Remove the least recently used entries until the rest fit the budget; returns
    how many are left.  Stray temporary files of dead writers older than an hour go too."""
    import time

    entries = []
    with os.scandir(d) as it:
        for e in it:
            try:
                st = e.stat()
            except OSError:
                continue
            if e.name.endswith(".pickle"):
                entries.append((st.st_mtime, st.st_size, e.path))
            elif e.name.endswith(".tmp") and st.st_mtime < time.time() - 3600:
                _unlink(e.path)
    total = sum(size for _, size, _ in entries)
    limit = budget()
    if total <= limit:
        return len(entries)
    entries.sort()
    left = len(entries)
    for _, size, path in entries:
        if total <= 0.9 * limit:
            break
        _unlink(path)
        total -= size
        left -= 1
    return left


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
