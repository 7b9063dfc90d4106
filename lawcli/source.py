"""One input file → its documents (one, or many for a gazette issue), parsed once.

This is the entry point every command uses: read, normalise, split, build.
"""

from __future__ import annotations

import gc
from collections import Counter
from dataclasses import dataclass, field

from .build import build
from .errors import UsageError
from .model import Document
from .normalize import Normalized, normalize
from .textfold import fold_space


@dataclass(frozen=True)
class Source:
    """A parsed input: its documents and what normalisation repaired."""

    name: str
    documents: tuple[Document, ...]
    normalized: Normalized
    repairs: Counter = field(default_factory=Counter)

    @property
    def format(self) -> str:
        return self.normalized.format

    def with_articles(self) -> list[Document]:
        return [d for d in self.documents if d.articles]

    def select(self, doc: str | None) -> list[Document]:
        """Documents named by --doc (an index or a title fragment); all when None.

        An unknown index or a fragment matching nothing or several is a usage error
        whose message lists the candidates.
        """
        docs = list(self.documents)
        if doc is None:
            return docs
        d = doc.strip()
        if d.isdigit():
            i = int(d)
            if 1 <= i <= len(docs):
                return [docs[i - 1]]
            raise UsageError(f"--doc {d}: {self.name} has {len(docs)} document(s)")
        key = fold_space(d)
        hits = [x for x in docs if key in fold_space(x.title)]
        if not hits:
            from .convert import to_simplified  # lazy: opencc is only needed here

            key2 = fold_space(to_simplified(d))
            hits = [x for x in docs if key2 in fold_space(to_simplified(x.title))]
        if len(hits) == 1:
            return hits
        if len(hits) > 1:
            exact = [x for x in hits if fold_space(x.title) == key]
            if len(exact) == 1:
                return exact
            with_art = [x for x in hits if x.articles]
            if len(with_art) == 1 and len(hits) > 1 and all(
                    fold_space(with_art[0].title) in fold_space(x.title) for x in hits):
                return with_art
        listing = "; ".join(f"{x.index}: {x.title}" for x in (hits or docs)[:30])
        what = "matches several documents" if hits else "matches no document"
        raise UsageError(f"--doc {doc!r} {what}: {listing}")


def load_text(text: str, name: str = "<text>") -> Source:
    """Parse a whole input text (already decoded)."""
    # A parse allocates tens of thousands of small acyclic objects; the cyclic
    # garbage collector would walk them repeatedly for nothing (~10 % of the time).
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        norm = normalize(text)
        if norm.documents:
            from .gazette import split_documents

            docs = tuple(split_documents(norm, source=name))
        else:
            docs = (build(norm.lines, source=name),)
    finally:
        if gc_was_on:
            gc.enable()
    return Source(name, docs, norm, norm.repairs)


def load_file(path: str | None, encoding: str | None = None) -> Source:
    from .reader import read_input

    text, name = read_input(path, encoding)
    return load_text(text, name)
