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
from .index.build import BuildReport, check_count, check_tree, update
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


def add(paths: Sequence[str], progress: Progress | None = None, force: bool = False) -> BuildReport:
    """Register files and directories (every .txt/.md under them); re-adding refreshes.

    Files are keyed by their real path: a file reached through a symbolic link, or
    under a linked directory, is the registration it already has.  A file found in a
    directory that holds no legal text (no article, no known kind of document: a
    README, a format guide) is not kept; a file named itself always is.  `/`, the home
    directory and trees of more than build.MAX_FILES files need `force` (check_tree).
    """
    files = []
    walked: set[str] = set()
    for p in paths:
        if p == "-":
            raise UsageError("library add needs files, not standard input")
        if not os.path.exists(p):
            raise UsageError(f"{p}: no such file or directory")
        check_tree(p, force)
    seen: set[str] = set()
    for p in paths:
        for f in iter_files([p]):
            a = os.path.realpath(f)
            if a in seen:
                continue
            seen.add(a)
            files.append((a, a, a))
            if os.path.isdir(p):
                walked.add(a)
            check_count(len(files), p, force)
    if not files:
        raise UsageError("nothing to add: no .txt or .md files there")
    os.makedirs(home(), exist_ok=True)
    report = update(library_path(), files, prune=False, keep_source=True,
                    forget=_linked_twice(seen), report=BuildReport(library_path()), progress=progress)
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


def _linked_twice(keys: set[str]) -> list[str]:
    """Registrations made (by earlier versions) under a path that is not the file's real
    path, for files now registered by their real path: the same law twice."""
    try:
        idx = _open()
    except (sqlite3.Error, UsageError):
        return []
    if idx is None:
        return []
    try:
        known = idx.files()
    finally:
        idx.close()
    return [k for k in known if k not in keys and os.path.realpath(k) in keys]


def refresh() -> list[str]:
    """Re-read registered files whose content changed; returns warnings (missing files).

    While another process writes the library (a long `library add`), nothing is
    re-read: the stored texts answer.  A library that cannot be opened is set aside
    and rebuilt from what can be read out of it (index/salvage.py)."""
    from .index.lock import Busy

    notes: list[str] = []
    known = _read(lambda idx: {} if idx is None else idx.files(), notes)
    if not known:
        return notes
    present, missing = [], []
    for key in sorted(known):
        (present if os.path.isfile(key) else missing).append(key)
    notes += [f"{k}: source file is gone; using the copy kept in the library" for k in missing]
    try:
        update(library_path(), [(k, k, k) for k in present], prune=False, keep_source=True, wait=False)
    except Busy:
        notes.append(f"{library_path()}: 另一进程正在写入资料库，本次未检查来源文件的变化")
    except (OSError, sqlite3.Error) as e:  # a read-only library still reads
        notes.append(f"{library_path()}: not refreshed ({e}); searches answer from the stored texts")
    return notes


def repair(notes: list[str]) -> bool:
    """After a read of the library failed: when SQLite finds its pages damaged, set it
    aside and rebuild it from what can be read out of it (index/salvage.py).  True
    when it was rebuilt; what was done goes to notes."""
    report = BuildReport(library_path())
    try:
        update(library_path(), [], prune=False, keep_source=True, report=report, verify=True)
    except (OSError, sqlite3.Error) as e:
        raise UsageError(f"{library_path()}: 资料库数据库无法读取，也无法修复（{e}）") from None
    notes.extend(report.notes)
    return bool(report.notes)


def _read(read, notes: list[str] | None = None):
    """read(Index) on the library (None when there is none); a damaged database met on
    the way is rebuilt once (`repair`) and read again."""
    said: list[str] = [] if notes is None else notes
    for attempt in (1, 2):
        try:
            idx = _open()
        except (sqlite3.DatabaseError, UsageError):  # not a database, or another schema
            if attempt == 2 or not repair(said):
                raise
            continue
        if idx is None:
            return read(None)
        try:
            return read(idx)
        except sqlite3.DatabaseError:
            if attempt == 2 or not repair(said):
                raise
        finally:
            idx.close()


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


def entries(notes: list[str] | None = None) -> list[dict[str, Any]]:
    """`library list`: one entry per document; what refreshing had to say goes to notes."""
    said = refresh()
    if notes is not None:
        notes.extend(said)
    return _read(lambda idx: [] if idx is None else
                 [{k: v for k, v in d.items() if not k.startswith("_")} for d in _docs(idx)], notes)


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
    refresh()  # (a damaged library is rebuilt first)

    def read(idx: Index | None):
        if idx is None:
            raise UsageError("the library is empty")
        return _docs(idx), idx.files()

    docs, known = _read(read)
    gone: list[str] = []
    for name in names:
        a = os.path.realpath(name)
        if a in known or os.path.abspath(name) in known:
            a = a if a in known else os.path.abspath(name)
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


def load_law(fragment: str, notes: list[str] | None = None):
    """The library document a title fragment names, as a Source holding that document.

    For `--law TITLE-FRAGMENT` of every command that takes FILE.  An unknown
    fragment or one naming several documents is a UsageError listing candidates.
    What refreshing the library had to say (a damaged library rebuilt) goes to notes.
    """
    from ..parsing.source import load_text
    from ..text.reader import decode

    said = refresh()
    if notes is not None:
        notes.extend(said)

    def read(idx: Index | None):
        if idx is None:
            raise UsageError("the library is empty; add laws with: lawcli library add PATH")
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
        if os.path.isfile(path):  # the source as it is now (refresh() has re-indexed it)
            with open(path, "rb") as fh:
                return chosen, path, fh.read()
        return chosen, path, idx.source_text(path)  # moved or deleted: the copy kept at `add`

    chosen, path, data = _read(read, notes)
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

    outcome.notes.extend(refresh())
    for attempt in (1, 2):
        idx = _open()  # (refresh() has rebuilt one that could not be opened)
        if idx is None:
            raise UsageError("no PATH given and the library is empty; add laws with: "
                             "lawcli library add PATH (or name a file or directory to search)")
        given = 0
        try:
            files = sorted((p, i) for p, (i, _, _, _, err) in idx.files().items() if not err)
            order = [("index", i) for _, i in files]
            names = {i: p for p, i in files}
            for hit in indexed_hits(idx, searcher, order, names, outcome):
                given += 1
                yield hit
            return
        except sqlite3.DatabaseError:
            # Damaged pages met before any hit was given: rebuilt once, searched again.
            if given or attempt == 2 or not repair(outcome.notes):
                raise
        finally:
            idx.close()
