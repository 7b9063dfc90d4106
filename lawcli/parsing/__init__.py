"""parsing: logical lines to a tree — a pure function of the text.

    tokenize     each line classified on its own (article, item, heading, 目录 …)
    markers      damaged article markers recovered where the numbering expects them
    layouts      unlabelled 目录, a split code's 编, Taiwan's 款/目, annexes that are documents
    build        tokens → Document: a level stack, frozen nodes, diagnostics
    model        the tree: Document, Node, Kind, Diagnostic (frozen dataclasses)
    diagnostics  numbering gaps, duplicates and order, at every level
    metadata     kind, adoption and effective dates read from the text
    gazette      one Document per span a gazette issue was split into, with its facts
    source       a whole input → Source: its documents and the repairs made

Nothing here reads files or keeps a cache: the CLI does both (cli/kit.py, cli/cache.py).
"""
