"""Where to look: the library, a law of it, a directory's index, or the files themselves.

The top of the search package, and the CLI's way in.  Choosing the source is kept
apart from the sources so that they never import each other back: the scan, the
index and the library each feed the engine (searcher.py) and know nothing of this
choice.  The index and the library are imported only when asked for: they bring
sqlite3, which a search of files never needs.
"""

from __future__ import annotations

import os

from ..errors import UsageError
from ..text.textfold import odd_chars as _odd_chars
from .scan import docrows_of_source, scan

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Iterator, Sequence

    from .hits import Hit
    from .searcher import Outcome, Searcher


def find(paths: Sequence[str], searcher: Searcher, outcome: Outcome, *, index: str | None = None,
         use_index: bool = True, encoding: str | None = None, law: str | None = None) -> Iterator[Hit]:
    """Hits for the paths: a directory with an index is answered from it (files changed
    since are read directly), others are scanned; no path at all means the library,
    and `law` one library document (named by a title fragment)."""
    if law is not None:
        if paths or index is not None:
            raise UsageError("--law names a library document: give no PATH and no --index")
        from .library import load_law

        source = load_law(law, outcome.notes)
        odd = frozenset().union(*(_odd_chars(d.joined_raw()) for d in source.documents))
        yield from searcher.search_docs(docrows_of_source(source, source.name, searcher, False, odd))
        return
    if index is not None:
        from .index.query import search_dir
        from .index.schema import Index

        if Index.locate(index) is None:
            raise UsageError(f"{index}: has no index; build one with: lawcli index {index}")
        yield from search_dir(index, searcher, outcome)
        return
    if not paths:
        from .library import search_library

        yield from search_library(searcher, outcome)
        return
    if use_index and encoding is None and any(os.path.isdir(p) for p in paths):
        # (--encoding reads the files again: the index decoded them its own way)
        from .index.query import search_dir
        from .index.schema import Index

        indexed = [p for p in paths if os.path.isdir(p) and Index.locate(p) is not None]
        if indexed:
            for p in paths:
                if p in indexed:
                    yield from search_dir(p, searcher, outcome)
                else:  # one of several paths: a problem is reported, the others searched
                    yield from scan([p], searcher, outcome, encoding, single=False)
            return
    yield from scan(paths, searcher, outcome, encoding)
