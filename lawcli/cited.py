"""Citations of other acts resolved against the library (`lawcli library add`).

"依照行政处罚法第三十二条" names an act and an article.  When that act is registered,
the citation can be followed: `lawcli refs` names the document and the article,
`lawcli article 行政处罚法第三十二条` prints it, and `lawcli check` says when the cited
act has no such article (R211) or when the article's text at the citing text's date
differs from the latest version's (R212: a citation gone stale after a revision).

This composes the reference extractor (refs) with the library (search), two sibling
packages that do not know each other, so it sits above both (the layer of amend).
The library is read only when it exists: a check or a look-up never creates it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Iterable

from .parsing.model import Document, Node
from .refs.extract import Reference
from .rules import matches, message, severity

#: What a name of an act may carry that its library title does not, or the reverse.
_COUNTRY = "中华人民共和国"
_TRAILER = re.compile(r"[（(][^（()）]*(?:修正|修订|修改|试行|草案|\d{4})[^（()）]*[)）]$")


def act_key(name: str) -> str:
    """A name as the library and citations both spell it: 《中华人民共和国行政处罚法》 → 行政处罚法."""
    name = name.strip().strip("《》«»〈〉 ")
    name = _TRAILER.sub("", name)
    return name.removeprefix(_COUNTRY)


@dataclass(frozen=True)
class Version:
    """One registered document: its title, dates and where it is."""

    title: str
    path: str
    index: int
    date: str  # effective, else adopted, else the date in the file name; "" if none


def _date(entry: dict[str, Any]) -> str:
    """When a version starts: the date its file is named by (LawRefBook names each version
    so), else its effective or adoption date.  A revised law keeps its first clause
    (本法自2008年8月1日起施行), so the clause alone does not tell its versions apart."""
    m = re.search(r"\((\d{4}-\d{2}-\d{2})\)", os.path.basename(entry.get("source", "")))
    if m:
        return m.group(1)
    return entry.get("effective") or entry.get("adopted") or ""


class Library:
    """The registered acts by name, each with its versions; documents parsed once a run."""

    def __init__(self, entries: Iterable[dict[str, Any]]):
        self.acts: dict[str, list[Version]] = {}
        for e in entries:
            if not e.get("articles"):
                continue
            v = Version(e["title"], e["source"], e.get("document_index", 1), _date(e))
            self.acts.setdefault(act_key(e["title"]), []).append(v)
        for versions in self.acts.values():
            versions.sort(key=lambda v: v.date)
        self._docs: dict[tuple[str, int], Document | None] = {}
        self._sources: dict[tuple[str, int], Any] = {}

    @classmethod
    def registered(cls) -> Library:
        """The user's library, or an empty one when none exists (nothing is created)."""
        from .search import library

        if not os.path.isfile(library.library_path()):
            return cls(())
        return cls(library.entries())

    def __bool__(self) -> bool:
        return bool(self.acts)

    def versions(self, act: str | None) -> list[Version]:
        return self.acts.get(act_key(act), []) if act else []

    def document(self, v: Version) -> Document | None:
        key = (v.path, v.index)
        if key not in self._docs:
            source = _load(v)
            self._docs[key] = source.documents[0] if source is not None else None
            if source is not None:
                self._sources[key] = source
        return self._docs[key]


def _load(v: Version):
    """The Source of `v`'s file holding only `v`'s document, or None."""
    from .parsing.source import load_text
    from .text.reader import decode

    try:
        with open(v.path, "rb") as fh:
            data = fh.read()
    except OSError:
        from .search import library
        from .search.index.schema import Index

        idx = Index(library.library_path())
        try:
            data = idx.source_text(v.path)
        finally:
            idx.close()
        if data is None:
            return None
    text, _ = decode(data, None, v.path)
    source = load_text(text, v.path)
    docs = source.documents
    doc = next((d for d in docs if d.index == v.index and d.title == v.title),
               next((d for d in docs if d.title == v.title), None))
    return source._replace(documents=(doc,)) if doc is not None else None


@dataclass(frozen=True)
class Followed:
    """A place of another act, followed into the library."""

    path: str
    title: str
    address: str  # 第三十二条第一款, or what it would be
    node: Node | None  # None: the act has no such provision

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "title": self.title, "address": self.address,
                "found": self.node is not None}


def _loc(t) -> dict[str, Any]:
    return {k: getattr(t, k) for k in ("article", "paragraph", "item", "subitem")
            if getattr(t, k) is not None}


def follow(ref: Reference, lib: Library, version: Version | None = None) -> list[Followed]:
    """Each place an external reference cites, in the latest (or the given) version of
    the cited act in the library; [] when the act is not registered or no article is cited."""
    if not ref.external or not ref.act:
        return []
    versions = lib.versions(ref.act)
    if not versions:
        return []
    v = version or versions[-1]
    doc = lib.document(v)
    if doc is None:
        return []
    from .refs.resolve import target

    out = []
    for t in ref.targets:
        loc = _loc(t)
        if "article" not in loc or not isinstance(loc["article"], str):
            continue
        found = target(doc, loc, False)
        out.append(Followed(v.path, doc.title or v.title, found.address, found.node))
    return out


def written(doc: Document) -> str | None:
    """When the citing text was written, as its information lines date it: the last
    date there (its latest revision), else its adoption or effective date."""
    from .parsing.metadata import info_text, iso_date
    from .text.patterns import DATE

    dates = [d for m in DATE.finditer(info_text(doc)) if (d := iso_date(m))]
    return max(dates) if dates else (doc.adopted or doc.effective)


def in_force(versions: list[Version], date: str | None) -> Version | None:
    """The version in force on `date`: the last one dated on or before it."""
    if not date:
        return None
    dated = [v for v in versions if v.date and v.date <= date]
    return dated[-1] if dated else None


def library_findings(doc: Document, ignore: Iterable[str] = (), select: Iterable[str] = (),
                     lib: Library | None = None, refs: list[Reference] | None = None) -> list:
    """R211 and R212 for one document's citations of library acts."""
    from .refs.check import Finding
    from .refs.extract import extract
    from .refs.resolve import node_address

    skip, only = list(ignore), list(select)
    wanted = [c for c in ("R211", "R212") if not matches(c, skip) and (not only or matches(c, only))]
    if not wanted:
        return []
    lib = Library.registered() if lib is None else lib
    if not lib:
        return []
    out = []
    date = written(doc)
    for ref in (extract(doc) if refs is None else refs):
        latest = follow(ref, lib)
        if not latest:
            continue
        where = node_address(doc, ref.source)

        def finding(code: str, text: str, f: Followed, where: str = where, line: int = ref.source.line) -> Finding:
            return Finding(code, severity(code), where, text, line, doc.index, doc.title or "", target=f.to_dict())

        missing = [f for f in latest if f.node is None]
        versions = lib.versions(ref.act)
        then = in_force(versions, date)
        if missing and "R211" in wanted:
            # Only versions later than the citing text: it may cite one the library lacks.
            later = bool(date) and then is None and bool(versions[0].date)
            out.append(finding("R211", message("R211", "later" if later else "", text=ref.text,
                                               act=missing[0].title, path=missing[0].path,
                                               targets="、".join(f.address for f in missing),
                                               version=versions[-1].date, date=date), missing[0]))
        if "R212" not in wanted or then is None or then == lib.versions(ref.act)[-1]:
            continue
        for old, new in zip(follow(ref, lib, then), latest):
            if old.node is not None and new.node is not None and old.node.full_text != new.node.full_text:
                out.append(finding("R212", message("R212", text=ref.text, act=new.title, targets=new.address,
                                                   date=date, version=then.date,
                                                   latest=lib.versions(ref.act)[-1].date), new))
                break
    return out


_CITED = re.compile(r"^\s*(?P<act>[《«]?[^第《》«»\s]{2,60}?[》»]?)\s*(?P<addr>第.+)$")


def split_citation(text: str, lib: Library) -> tuple[Version, str] | None:
    """行政处罚法第三十二条 → (the latest registered 行政处罚法, "第三十二条"); None when the
    words before 第 name no registered act."""
    m = _CITED.match(text)
    if not m:
        return None
    versions = lib.versions(m.group("act"))
    return (versions[-1], m.group("addr")) if versions else None


def source_of(v: Version, lib: Library):
    """A Source holding the one library document `v` (for a look-up), or None."""
    lib.document(v)
    return lib._sources.get((v.path, v.index))
