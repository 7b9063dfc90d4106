"""lawcli: read Chinese legislative texts and answer questions about them.

The library, without the command line (every name is loaded on first use, so
`import lawcli` costs nothing):

    >>> import lawcli
    >>> doc = lawcli.parse("示例条例\\n第一条　为了示例，制定本条例。\\n")
    >>> doc.article_index["1"].full_text
    '为了示例，制定本条例。'
    >>> [lawcli.address(doc, n) for n in lawcli.find_article(doc, "第一条")]
    ['《示例条例》第一条']

Reading: parse (one document), load_text / load_bytes / load_file (a file's
documents, a gazette issue's dozens).  Asking: find_article, address, references,
check, check_documents (with citations followed into the library).  Across texts: search_paths, diff, apply_act.  The tree: Document, Node,
Kind (frozen dataclasses, lawcli/parsing/model.py).  Errors: lawcli.errors.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = ("parse", "load_text", "load_bytes", "load_file", "find_article", "address", "search_paths",
        "diff", "apply_act", "references", "check", "check_documents")
_MODEL = ("Document", "Node", "Kind")

__all__ = [*_API, *_MODEL, "Source", "__version__"]


def __getattr__(name: str):
    # Lazy: the CLI imports this package at every start, and a look-up needs none of it.
    if name in _API:
        from . import api

        return getattr(api, name)
    if name in _MODEL:
        from .parsing import model

        return getattr(model, name)
    if name == "Source":
        from .parsing.source import Source

        return Source
    raise AttributeError(f"module 'lawcli' has no attribute {name!r}")
