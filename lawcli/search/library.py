"""The library: documents registered once, then found by a fragment of their title.

People type `lawcli article 23 --law 传统村落`, not a path.  The library is one
index file (the same SQLite schema as `lawcli index`, see lawcli/search/index/) at

    $LAWCLI_HOME/library.sqlite     (LAWCLI_HOME defaults to $XDG_DATA_HOME/lawcli,
                                     that is ~/.local/share/lawcli)

It keys files by absolute path and keeps a compressed copy of each source, so a
registered law still reads when its file moves.  Every use checks the sources:
a file whose size or time changed is hashed, and re-parsed when its content
hash changed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from ..errors import UsageError
from ..text.textfold import fold_space
from .hits import Hit
from .index.build import BuildReport, update
from .index.schema import Index, home
from .scan import iter_files
from .searcher import Outcome, Searcher, title_matches

if TYPE_CHECKING:
    from .index.build import Progress


def library_path() -> str:
    return os.path.join(home(), "library.sqlite")


def _open() -> Index | None:
    path = library_path()
    return Index(path) if os.path.isfile(path) else None


def add(paths: Sequence[str], progress: Progress | None = None) -> BuildReport:
    """Register files and directories (every .txt/.md under them); re-adding refreshes.

    A file found in a directory that holds no legal text (no article, no known kind
    of document: a README, a format guide) is not kept; a file named itself always is.
    """
    files = []
    walked: set[str] = set()
    for p in paths:
        if p == "-":
            raise UsageError("library add needs files, not standard input")
        if not os.path.exists(p):
            raise UsageError(f"{p}: no such file or directory")
        for f in iter_files([p]):
            a = os.path.abspath(f)
            files.append((a, a, a))
            if os.path.isdir(p):
                walked.add(a)
    if not files:
        raise UsageError("nothing to add: no .txt or .md files there")
    os.makedirs(home(), exist_ok=True)
    report = update(library_path(), files, prune=False, keep_source=True,
                    report=BuildReport(library_path()), progress=progress)
    if walked:
        idx = Index(library_path())
        legal: dict[str, bool] = {}
        try:
            for path, kind, meta in idx.conn.execute(
                    "SELECT f.path, d.kind, d.meta FROM files f LEFT JOIN docs d ON d.file = f.id"):
                known = kind is not None and (kind != "其他" or json.loads(meta or "{}").get("articles"))
                legal[path] = legal.get(path, False) or bool(known)
        finally:
            idx.close()
        junk = sorted(p for p, ok in legal.items() if p in walked and not ok)
        if junk:
            update(library_path(), [], prune=False, forget=junk, keep_source=True)
            report.skipped.extend(junk)
    return report


def refresh() -> list[str]:
    """Re-read registered files whose content changed; returns warnings (missing files)."""
    idx = _open()
    if idx is None:
        return []
    try:
        known = idx.files()
    finally:
        idx.close()
    present, missing = [], []
    for key in sorted(known):
        (present if os.path.isfile(key) else missing).append(key)
    notes = [f"{k}: source file is gone; using the copy kept in the library" for k in missing]
    try:
        update(library_path(), [(k, k, k) for k in present], prune=False, keep_source=True)
    except (OSError, sqlite3.Error) as e:  # a read-only library still reads
        notes.append(f"{library_path()}: not refreshed ({e}); searches answer from the stored texts")
    return notes


def _docs(idx: Index) -> list[dict[str, Any]]:
    rows = idx.conn.execute(
        "SELECT d.id, d.idx, d.title, d.kind, d.meta, f.path, f.id FROM docs d "
        "JOIN files f ON f.id = d.file WHERE f.error IS NULL ORDER BY f.path, d.idx")
    out = []
    for doc_id, index, title, kind, meta, path, file_id in rows:
        m = json.loads(meta or "{}")
        out.append({"title": title, "kind": kind, "articles": m.get("articles", 0),
                    "effective": m.get("effective"), "adopted": m.get("adopted"),
                    "source": path, "document_index": index, "_doc": doc_id, "_file": file_id})
    return out


def entries() -> list[dict[str, Any]]:
    """`library list`: one entry per document."""
    refresh()
    idx = _open()
    if idx is None:
        return []
    try:
        return [{k: v for k, v in d.items() if not k.startswith("_")} for d in _docs(idx)]
    finally:
        idx.close()


def _matching(docs: list[dict[str, Any]], fragment: str) -> list[dict[str, Any]]:
    """Documents a fragment names: by title, or by the source file's name (for versions)."""
    frag = fragment.strip()
    hits = [d for d in docs if title_matches(frag, d["title"])
            or (frag and frag in os.path.basename(d["source"]))]
    if len(hits) > 1:
        exact = [d for d in hits if d["title"] == frag]
        if len(exact) == 1:
            return exact
        # 示範縣 names the Traditional title when a Simplified one also matches.
        literal = [d for d in hits if fold_space(frag) in fold_space(d["title"])]
        if len(literal) == 1:
            return literal
        # A gazette holds a regulation and the reports about it: the one with articles wins
        # when every other title only mentions it.
        with_art = [d for d in hits if d["articles"]]
        if len(with_art) == 1 and all(with_art[0]["title"] in d["title"] for d in hits):
            return with_art
    return hits


def _describe(d: dict[str, Any]) -> str:
    date = f", {d['effective']}" if d.get("effective") else ""
    return f"《{d['title']}》({d['kind']}{date}) {d['source']}"


def remove(names: Sequence[str]) -> list[str]:
    """Remove files by path or by a title fragment naming one file; returns their paths."""
    idx = _open()
    if idx is None:
        raise UsageError("the library is empty")
    try:
        docs = _docs(idx)
        known = idx.files()
    finally:
        idx.close()
    gone: list[str] = []
    for name in names:
        a = os.path.abspath(name)
        if a in known:
            gone.append(a)
            continue
        if os.path.isdir(name):
            under = [k for k in known if k.startswith(a.rstrip(os.sep) + os.sep)]
            if under:
                gone.extend(under)
                continue
        hits = _matching(docs, name)
        paths = sorted({d["source"] for d in hits})
        if not paths:
            raise UsageError(f"{name!r}: nothing in the library by that path or title")
        if len(paths) > 1:
            raise UsageError(f"{name!r} names several files: " + "; ".join(_describe(d) for d in hits))
        gone.append(paths[0])
    update(library_path(), [], prune=False, forget=gone, keep_source=True)
    return gone


def load_law(fragment: str):
    """The library document a title fragment names, as a Source holding that document.

    For `--law TITLE-FRAGMENT` of every command that takes FILE.  An unknown
    fragment or one naming several documents is a UsageError listing candidates.
    """
    from ..parsing.source import load_text
    from ..text.reader import decode

    refresh()
    idx = _open()
    if idx is None:
        raise UsageError("the library is empty; add laws with: lawcli library add PATH")
    try:
        docs = _docs(idx)
        hits = _matching(docs, fragment)
        if not hits:
            near = "; ".join(_describe(d) for d in docs[:20])
            raise UsageError(f"--law {fragment!r} matches no library document"
                             + (f" (it has: {near})" if near else ""))
        if len(hits) > 1:
            raise UsageError(f"--law {fragment!r} matches several documents: "
                             + "; ".join(_describe(d) for d in hits[:30]))
        chosen = hits[0]
        path = chosen["source"]
        data = None
        if os.path.isfile(path):  # the source as it is now (refresh() has re-indexed it)
            with open(path, "rb") as fh:
                data = fh.read()
        if data is None:
            data = idx.source_text(path)  # moved or deleted: the copy kept at `add`
    finally:
        idx.close()
    if data is None:
        raise UsageError(f"{path}: source is gone and the library kept no copy")
    text, _ = decode(data, None, path)
    source = load_text(text, path)
    doc = next((d for d in source.documents if d.index == chosen["document_index"]), None)
    if doc is None or doc.title != chosen["title"]:
        doc = next((d for d in source.documents if d.title == chosen["title"]), None)
    if doc is None:
        raise UsageError(f"{path}: 《{chosen['title']}》 is no longer in the file; "
                         "run lawcli library add again")
    if hasattr(source, "_replace"):
        return source._replace(documents=(doc,))
    return dataclasses.replace(source, documents=(doc,))


def search_library(searcher: Searcher, outcome: Outcome) -> Iterator[Hit]:
    """`lawcli search PATTERN` with no PATH: every library document.  What refreshing
    the library had to say (a source file gone) goes to the outcome's notes."""
    from .index.query import indexed_hits

    notes = refresh()
    idx = _open()
    if idx is None:
        raise UsageError("no PATH given and the library is empty; add laws with: "
                         "lawcli library add PATH (or name a file or directory to search)")
    outcome.notes.extend(notes)
    try:
        files = sorted((p, i) for p, (i, _, _, _, err) in idx.files().items() if not err)
        order = [("index", i) for _, i in files]
        names = {i: p for p, i in files}
        yield from indexed_hits(idx, searcher, order, names, outcome)
    finally:
        idx.close()
