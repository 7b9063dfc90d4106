"""FILE for a command: read, parsed once (the parse cache), with its reference warnings.

The parse cache is the CLI's: below it, parsing is a pure function of the text.  A
look-up's tree carries the dangling-reference warnings it reports; a search keeps
trees without them (it never reports them), and the cache tells the two apart.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from ..parsing.source import Source


def load_file(path: str | None, encoding: str | None = None) -> Source:
    """Read and parse a file ('-' or None: standard input) through the parse cache."""
    from ..api import load_bytes
    from ..text.reader import read_bytes
    from . import cache

    data, name = read_bytes(path)
    k = cache.key(data, encoding)
    hit = cache.get(k, checked=True)
    if hit is not None:
        return hit._replace(name=name)
    source = load_bytes(data, name, encoding)
    cache.put(k, source, checked=True)
    return source
