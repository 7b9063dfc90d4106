"""article / toc / print / docs: look-ups in one file."""

from __future__ import annotations

from ...errors import LawcliError, NotFoundError
from ...parsing.model import Document, Kind, Node
from ...query.address import address, parse_ref, path_labels, resolve
from ...query.render import Segment, node_segments, toc_entries, toc_segments
from ..kit import check_format, diag_list, doc_ref, emit_json, emit_segments, load, report_warnings, write

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any


def _check_punct(punct: str) -> None:
    from ...errors import UsageError

    if punct not in ("published", "standard"):
        raise UsageError(f"--punct must be published or standard (got {punct!r})")


def _candidates(source, doc: str | None, needs_articles: bool) -> list[Document]:
    """The documents a look-up runs over: --doc's, or every one that can answer."""
    docs = source.select(doc)
    if doc is None and len(docs) > 1 and needs_articles:
        docs = source.with_articles() or docs
    return docs


def run_article(ref: str, file: str | None, doc: str | None, fmt: str, punct: str,
                encoding: str | None, law: str | None = None) -> None:
    check_format(fmt, ("text", "json"))
    _check_punct(punct)
    parsed = parse_ref(ref)  # a malformed reference fails before any reading
    source = load(file, encoding, law)
    from ...query.address import ArticleRef, RangeRef

    docs = _candidates(source, doc, isinstance(parsed, (ArticleRef, RangeRef)))
    results: list[tuple[Document, list[Node]]] = []
    first_error: LawcliError | None = None
    for d in docs:
        try:
            results.append((d, resolve(d, parsed)))
        except NotFoundError as e:
            first_error = first_error or e
    report_warnings(source, [d for d, _ in results])
    if not results:
        if len(docs) > 1 and first_error is not None:
            raise NotFoundError(f"{ref}: not found in any of the {len(docs)} documents of {source.name}")
        raise first_error or NotFoundError(f"{ref}: not found")
    if fmt == "json":
        emit_json({
            "query": ref,
            "file": source.name,
            "reader": source.reader,
            "results": [
                {"document": doc_ref(d), "path": path_labels(d, n), "address": address(d, n),
                 "node": n.to_dict()}
                for d, nodes in results for n in nodes
            ],
            "warnings": diag_list(w for d, _ in results for w in d.warnings),
        })
        return
    segments: list[Segment] = []
    several = len(results) > 1
    for d, nodes in results:
        if several:
            segments.append((f"==> 《{d.title}》（文档 {d.index}）\n", "bold"))
        for n in nodes:
            if n.kind in (Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM):
                segments.append((" ".join(path_labels(d, n)[-3:]) + "\n", "dim"))
            segments.extend(node_segments([n]))
        if several:
            segments.append(("\n", None))
    emit_segments(segments, punct)


def _toc_docs(source, doc: str | None) -> list[Document]:
    docs = source.select(doc)
    if doc is None and len(docs) > 1:
        docs = [d for d in docs if d.articles or toc_entries(d)] or docs
    return docs


def run_toc(file: str | None, doc: str | None, fmt: str, encoding: str | None,
            law: str | None = None) -> None:
    check_format(fmt, ("text", "json"))
    source = load(file, encoding, law)
    docs = _toc_docs(source, doc)
    report_warnings(source, docs)
    if fmt == "json":
        emit_json({
            "file": source.name,
            "reader": source.reader,
            "documents": [{"document": d.meta_dict(), "toc": toc_entries(d),
                           "warnings": diag_list(d.warnings)} for d in docs],
        })
        return
    segments: list[Segment] = []
    for i, d in enumerate(docs):
        if i:
            segments.append(("\n", None))
        segments.extend(toc_segments(d))
    emit_segments(segments)


def _doc_json(source, d: Document) -> dict[str, Any]:
    out = d.to_dict()
    out["file"] = source.name
    out["reader"] = source.reader
    out["repairs"] = dict(source.repairs)
    return out


def run_print(file: str | None, doc: str | None, fmt: str, punct: str, encoding: str | None,
              law: str | None = None) -> None:
    check_format(fmt, ("text", "json"))
    _check_punct(punct)
    source = load(file, encoding, law)
    docs = source.select(doc)
    report_warnings(source, docs)
    if fmt == "json":
        if len(docs) == 1:
            emit_json(_doc_json(source, docs[0]))
        else:
            emit_json({"file": source.name, "format": source.format, "reader": source.reader,
                       "repairs": dict(source.repairs),
                       "documents": [d.to_dict() for d in docs]})
        return
    segments: list[Segment] = []
    for i, d in enumerate(docs):
        if i:
            segments.append(("\n" + "─" * 20 + "\n\n", "dim"))
        segments.extend(node_segments(d.children, spaced=True))
    emit_segments(segments, punct)


def run_docs(file: str | None, fmt: str, encoding: str | None, law: str | None = None) -> None:
    check_format(fmt, ("text", "json", "table"))
    source = load(file, encoding, law)
    rows = [d.meta_dict() for d in source.documents]
    if fmt == "json":
        emit_json([dict(r, reader=source.reader) for r in rows])
        return
    if fmt == "table":
        from tabulate import tabulate  # lazy: only this format needs it

        cols = ["index", "kind", "title", "start_line", "end_line", "articles", "adopted", "effective"]
        write(tabulate([[r[c] for c in cols] for r in rows], headers=cols) + "\n")
        return
    from ...query.render import docs_segments

    header = f"{'#':>3}  {source.name}: {len(rows)} document(s); columns: kind, articles, adopted, effective, title\n"
    emit_segments([(header, "dim")] + docs_segments(rows))
