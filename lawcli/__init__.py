"""lawcli: read Chinese legislative texts and answer questions about them.

Library use:

    >>> import lawcli
    >>> doc = lawcli.parse("示例条例\\n第一条　为了示例，制定本条例。\\n")
    >>> doc.article_index["1"].full_text
    '为了示例，制定本条例。'
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["parse", "load_text", "load_bytes", "load_file", "Document", "Node", "Kind", "__version__"]


def __getattr__(name: str):
    # Lazy: `import lawcli` (done by the CLI at start-up) imports no parser code.
    if name == "parse":
        from .parsing.build import parse

        return parse
    if name == "load_text":
        from .parsing.source import load_text

        return load_text
    if name in ("load_file", "load_bytes"):
        from . import api

        return getattr(api, name)
    if name in ("Document", "Node", "Kind"):
        from .parsing import model

        return getattr(model, name)
    raise AttributeError(name)
