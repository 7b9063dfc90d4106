"""Dangling internal references as warnings of the documents that hold them.

A look-up reports a reference to an article that does not exist the way it reports a
numbering gap; this adds those diagnostics to a parsed source.  Parsing itself does
not know about references, so the step is applied by whoever loads a file for
people to read (the CLI, `lawcli.load_file`).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from ..parsing.source import Source


def with_reference_warnings(source: Source) -> Source:
    """The source with `dangling-reference` diagnostics added to every law's warnings."""
    if not any(len(d.articles) for d in source.documents):
        return source
    from .present import dangling_diagnostics  # lazy: the patterns it needs cost ~20 ms to compile

    docs = []
    for d in source.documents:
        extra = tuple(dangling_diagnostics(d)) if d.articles else ()
        docs.append(d.evolve(warnings=tuple(sorted(d.warnings + extra, key=lambda w: w.line or 0)))
                    if extra else d)
    return source._replace(documents=tuple(docs))
