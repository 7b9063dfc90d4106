"""A whole input text → its documents (one, or many for a gazette issue).

The parsing stage's entry point: normalise, split into documents, build each tree.
Reading the file and caching the result are the caller's (cli/kit.py, lawcli.api).
"""

from __future__ import annotations

import gc
from collections import Counter, namedtuple

from ..errors import UsageError
from ..text.lines import Normalized
from ..text.textfold import fold_space
from .model import Document


class Source(namedtuple("Source", "name documents normalized repairs reader", defaults=("text",))):
    """A parsed input: its documents, what normalisation repaired, and the reader
    its bytes went through ("text", "docx", "pdf", "html"; text/reader.read_text).

    (A record: immutable, and cheap to define on a cold start.)
    """

    __slots__ = ()

    name: str
    documents: tuple[Document, ...]
    normalized: Normalized
    repairs: Counter
    reader: str  # default "text"

    @property
    def format(self) -> str:
        return self.normalized.format

    def _title(self, i: int) -> str:
        docs = self.documents
        return docs.title(i) if hasattr(docs, "title") else docs[i].title

    def _article_count(self, i: int) -> int:
        docs = self.documents
        return docs.article_count(i) if hasattr(docs, "article_count") else len(docs[i].articles)

    def with_articles(self) -> list[Document]:
        return [self.documents[i] for i in range(len(self.documents)) if self._article_count(i)]

    def select(self, doc: str | None) -> list[Document]:
        """Documents named by --doc (an index or a title fragment); all when None.

        An unknown index or a fragment matching nothing or several is a usage error
        whose message lists the candidates.  Works on titles only, so a cached file
        unpickles just the documents chosen.
        """
        docs = self.documents
        n = len(docs)
        if doc is None:
            return list(docs)
        d = doc.strip()
        if d.isdigit():
            i = int(d)
            if 1 <= i <= n:
                return [docs[i - 1]]
            raise UsageError(f"--doc {d}: {self.name} has {n} document(s)")
        titles = [fold_space(self._title(i)) for i in range(n)]
        key = fold_space(d)
        hits = [i for i in range(n) if key in titles[i]]
        if not hits:
            from ..text.convert import to_simplified  # lazy: opencc is only needed here

            key2 = fold_space(to_simplified(d))
            hits = [i for i in range(n) if key2 in fold_space(to_simplified(self._title(i)))]
        if len(hits) > 1:
            exact = [i for i in hits if titles[i] == key]
            with_art = [i for i in hits if self._article_count(i)]
            if len(exact) == 1:
                hits = exact
            elif len(with_art) == 1 and all(titles[with_art[0]] in titles[i] for i in hits):
                hits = with_art  # the law itself, not the reports about it
        if len(hits) == 1:
            return [docs[hits[0]]]
        listing = "; ".join(f"{i + 1}: {self._title(i)}" for i in (hits or range(n))[:30])
        what = "matches several documents" if hits else "matches no document"
        raise UsageError(f"--doc {doc!r} {what}: {listing}")


def load_text(text: str, name: str = "<text>", normalized: Normalized | None = None,
              reader: str = "text") -> Source:
    """Parse a whole input text (already decoded); `normalized`: normalize(text), when
    the caller has it already (a search tests it before deciding to parse); `reader`:
    the reader that made the text (a PDF's lines are always an extraction)."""
    # A parse allocates tens of thousands of small acyclic objects; the cyclic
    # garbage collector would walk them repeatedly for nothing (~10 % of the time).
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        from ..text.normalize import normalize

        norm = normalized if normalized is not None else normalize(text, extracted=reader == "pdf")
        if norm.documents:
            from .gazette import split_documents

            docs = tuple(split_documents(norm, source=name))
        else:
            from .build import build_parts

            docs = tuple(build_parts(norm.lines, source=name))
    finally:
        if gc_was_on:
            gc.enable()
    return Source(name, docs, norm, _with_build_repairs(norm.repairs, docs), reader)


def _with_build_repairs(repairs: Counter, docs: tuple[Document, ...]) -> Counter:
    """The normaliser's repairs and the builder's (recovered article markers …), together."""
    extra = [d.extra["repairs"] for d in docs if d.extra.get("repairs")]
    if not extra:
        return repairs
    total = Counter(repairs)
    for found in extra:
        total.update(found)
    return total
