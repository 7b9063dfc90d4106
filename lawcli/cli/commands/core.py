"""article / toc / print / docs: look-ups in one file."""

from __future__ import annotations

from ...errors import LawcliError, NotFoundError
from ...parsing.model import Document, Kind, Node
from ...query.address import address, parse_ref, path_labels, resolve
from ...query.render import Segment, node_segments, toc_entries, toc_segments
from ..kit import (
    check_format,
    diag_list,
    doc_ref,
    emit_json,
    emit_segments,
    load,
    report_warnings,
    scoped,
    spans,
    write,
)

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
                encoding: str | None, law: str | None = None, quiet: bool = False) -> None:
    check_format(fmt, ("text", "json"))
    _check_punct(punct)
    cited = _library_citation(ref) if file is None and law is None else None
    if cited is not None:  # `lawcli article 行政处罚法第三十二条`: an act of the library
        source, ref = cited
        parsed = parse_ref(ref)
    else:
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
    scope = {d.index: spans(nodes) for d, nodes in results}
    omitted = report_warnings(source, [d for d, _ in results], scope, quiet)
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
            "warnings": diag_list(w for d, nodes in results for w in scoped(d, spans(nodes))[0]),
            "warnings_omitted": omitted,
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


def _library_citation(ref: str):
    """(the library Source, the address) when REF names a registered act and one of its
    provisions (行政处罚法第三十二条), else None.  A REF that reads as an address alone
    (23, 第二十三条) is never looked for in the library."""
    from ...errors import UsageError

    try:
        parse_ref(ref)
        return None
    except UsageError:
        pass
    from ...cited import Library, source_of, split_citation

    lib = Library.registered()
    found = split_citation(ref, lib) if lib else None
    if found is None:
        return None
    source = source_of(found[0], lib)
    return (source, found[1]) if source is not None else None


def _toc_docs(source, doc: str | None) -> list[Document]:
    docs = source.select(doc)
    if doc is None and len(docs) > 1:
        docs = [d for d in docs if d.articles or toc_entries(d)] or docs
    return docs


def run_toc(file: str | None, doc: str | None, fmt: str, encoding: str | None,
            law: str | None = None, quiet: bool = False) -> None:
    check_format(fmt, ("text", "json"))
    source = load(file, encoding, law)
    docs = _toc_docs(source, doc)
    scope = {d.index: _headings(d) for d in docs}  # an outline shows headings only
    report_warnings(source, docs, scope, quiet)
    if fmt == "json":
        emit_json({
            "file": source.name,
            "reader": source.reader,
            "documents": [{"document": d.meta_dict(), "toc": toc_entries(d),
                           "warnings": diag_list(scoped(d, scope[d.index])[0])} for d in docs],
        })
        return
    segments: list[Segment] = []
    for i, d in enumerate(docs):
        if i:
            segments.append(("\n", None))
        segments.extend(toc_segments(d))
    emit_segments(segments)


_HEADINGS = (Kind.PART, Kind.SUBPART, Kind.CHAPTER, Kind.SECTION)


def _headings(d: Document) -> list[tuple[int, int]]:
    """An outline shows the heading lines: a warning about a chapter's number, not its articles."""
    return [(n.line, n.line) for n in d.walk() if n.kind in _HEADINGS]


def _doc_json(source, d: Document) -> dict[str, Any]:
    out = d.to_dict()
    out["file"] = source.name
    out["reader"] = source.reader
    out["repairs"] = dict(source.repairs)
    return out


def run_print(file: str | None, doc: str | None, fmt: str, punct: str, encoding: str | None,
              law: str | None = None, quiet: bool = False) -> None:
    check_format(fmt, ("text", "json"))
    _check_punct(punct)
    source = load(file, encoding, law)
    docs = source.select(doc)
    report_warnings(source, docs, None, quiet)
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


def run_docs(file: str | None, fmt: str, encoding: str | None, law: str | None = None,
             quiet: bool = False) -> None:
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
