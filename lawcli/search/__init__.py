"""Search: provisions found by words or patterns, answered by address.

The modules, from the top down; each imports only modules listed below it (the
contracts in pyproject.toml hold them to it):

    find.py      where to look: the library, a law of it, a directory's index, or the files
    library.py   laws registered once, named by a fragment of their title (an index file)
    index/       the SQLite FTS5 index: schema.py, then build.py and query.py on it
    scan.py      searching files by parsing them
    fanout.py    forked worker processes for a big scan
    searcher.py  the engine: a compiled Plan matched against a document's rows
    hits.py      a hit and how it reads: lines, styled segments, JSON, counts
    rows.py      a document as flat rows, however it was read
    terms.py     terms, the query syntax and matchers
"""
