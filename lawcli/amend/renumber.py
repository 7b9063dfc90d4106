"""Finalising: placing the articles that wait for their place, numbering the law
again, and the maps from old numbers to new.

After the last instruction, articles added "as 第N条" are placed at position N, every
level is renumbered when the act orders it (对条文顺序作相应调整) or implies it, and
the law's references to its own articles are rewritten to the new numbers — never
inside text the act supplied, which already uses them.  The act's own statements of
new numbers are checked against the computed ones.
"""

from __future__ import annotations

from collections import Counter

from ..parsing.model import Kind
from ..text.grammar import label
from ..text.numerals import split_key, to_chinese
from .editor import Editor
from .model import Art, Head, Model, Para, art_name, heading_level, slot_places
from .newtext import relabel
from .result import LogEntry
from .rewrite_refs import rewrite_refs


def finalise(ap: Editor) -> tuple[dict[str, str], list[str]]:
    """Place pending articles, renumber, rewrite references; returns the old → new
    keys that changed, and warnings."""
    m = ap.m
    warnings: list[str] = []
    _join_split_pieces(ap)
    _place_pending(m, warnings)
    renumber, renumbering = _numbering_ordered(ap)
    _drop_deleted(m, renumbering)
    arts = m.articles()
    mapping = _number_articles(ap, arts, renumbering)
    _check_stated_numbers(ap, arts, warnings)
    chapter_map = _number_headings(ap, renumber)
    _relabel_items(arts)
    # References.
    changed = {k: v for k, v in mapping.items() if k != v}
    para_maps = _paragraph_maps(arts)
    chapter_map = {k: v for k, v in chapter_map.items() if k != v}
    deleted = _deleted_keys(m, mapping) if renumbering else set()
    if changed or para_maps or chapter_map or deleted:
        _rewrite_citations(ap, arts, mapping, para_maps, chapter_map, deleted, warnings)
    return changed, warnings


def _join_split_pieces(ap: Editor) -> None:
    """Split-off 款 whose source article is now empty take its place."""
    m = ap.m
    for src in {id(a.source): a.source for a in m.extra if a.source is not None}.values():
        pieces = sorted([a for a in m.extra if a.source is src], key=lambda a: split_key(a.pending or "0"))
        if not src.paras and src in m.body:
            k = m.body.index(src)
            m.body[k:k + 1] = pieces
            for p in pieces:
                m.extra.remove(p)
                p.old_key = src.old_key if p is pieces[0] else None
                p.anchored = True
            src.merged_into = pieces[0]
            ap.merged.append(src)


def _place_pending(m: Model, warnings: list[str]) -> None:
    """Articles added "as 第N条", in ascending N: after the article now at N - 1 (a
    第N条之一 after the last one numbered below it)."""
    pending = sorted(m.extra, key=lambda a: split_key(a.pending) if a.pending else (10 ** 6, 0))
    m.extra = []
    for a in pending:
        arts = m.articles()
        if a.pending is None:
            m.body.append(a)
            continue
        n, sub = split_key(a.pending)
        if sub:
            ap_place = [x for x in arts if x.key and split_key(x.key) < (n, sub)]
            prev = ap_place[-1] if ap_place else None
        else:
            prev = arts[n - 2] if 0 <= n - 2 < len(arts) else (arts[-1] if n - 2 >= len(arts) and arts else None)
            if n - 2 >= len(arts):
                warnings.append(f"第{to_chinese(n)}条 is beyond the end of the law; added at the end")
        if prev is None:
            first = arts[0] if arts else None
            k = m.body.index(first) if first else len(m.body)
        else:
            k = _after_chapter_heading(m, m.body.index(prev) + 1, a.chapter_hint)
        m.body[k:k] = [a.head_before, a] if a.head_before is not None else [a]


def _after_chapter_heading(m: Model, k: int, hint: int | None) -> int:
    """在第三章中增加一条 at a chapter's border: after the 第三章 heading (and its first
    节 heading), not before it."""
    if hint is None:
        return k
    j = k
    while j < len(m.body) and not isinstance(m.body[j], Art):
        e = m.body[j]
        if isinstance(e, Head) and e.kind is Kind.CHAPTER and e.old_no == hint:
            k = j + 1
            while k < len(m.body) and isinstance(m.body[k], Head) and \
                    heading_level(m.body[k].kind) > heading_level(Kind.CHAPTER):
                k += 1  # its first 节 heading too
            break
        j += 1
    return k


def _numbering_ordered(ap: Editor) -> tuple[bool, bool]:
    """(renumber, renumbering): is the law to be numbered again, and are its articles?

    对条文顺序作相应调整 concerns laws whose articles were added, removed or moved; a law
    the act only edits keeps its numbers (第十条之一 included).  An article added
    "as 第五条" (not 第四条之一) also means the law is numbered again — but an article
    added as 第X条之一 means the act keeps the old numbers of the articles."""
    arts = ap.m.articles()
    plain_added = any((a.fresh or a.source is not None) and a.pending and "-" not in a.pending for a in arts)
    renumber = (ap.renumber_ordered and ap.structure_changed) or any(a.hint for a in arts) or plain_added
    any_sub_keys = any(a.pending and "-" in a.pending for a in arts)
    return renumber, renumber and not any_sub_keys


def _drop_deleted(m: Model, renumbering: bool) -> None:
    """Deleted articles leave the body, or, when nothing is renumbered, keep their
    number with （删去） (as the consolidated 刑法 does)."""
    for e in list(m.body):
        if isinstance(e, Art) and e.deleted:
            if renumbering or e.fresh or e.merged_into is not None or e.old_key is None:
                m.body.remove(e)
            else:  # keeps its number: 第一百九十九条　（删去）
                e.deleted = False
                e.paras = [Para("（删去）", fresh=True)]


def _number_articles(ap: Editor, arts: list[Art], renumbering: bool) -> dict[str, str]:
    """Give every article its final key and label; returns old key → new key (an
    article merged into another maps to the one it joined)."""
    mapping: dict[str, str] = {}
    if renumbering:
        _number_in_order(arts)
    else:
        for a in arts:
            if a.fresh or a.source is not None:
                a.key = a.pending or a.key or "?"
            else:
                a.key = a.old_key or a.key
    for a in arts:
        base, sub = split_key(a.key) if a.key and a.key[0].isdigit() else (0, 0)
        trad = "條" in (a.label or "")
        a.label = label("article", base, sub, traditional=trad)
        if a.old_key and not a.fresh:
            mapping[a.old_key] = a.key
    for gone in ap.merged:
        tgt = gone.merged_into
        hops = 0
        while tgt is not None and tgt.merged_into is not None and hops < 100:
            tgt, hops = tgt.merged_into, hops + 1
        if gone.old_key and tgt is not None:
            mapping.setdefault(gone.old_key, tgt.key)
    return mapping


def _number_in_order(arts: list[Art]) -> None:
    """Articles numbered one after another — except that a number the act states
    (将第八条改为第九条) wins over the count, and the count goes on from it, so the
    articles after it follow the act too.  A stated number that would repeat or go
    back behind the article before is not taken (the count stays; it is reported)."""
    n = 0
    for a in arts:
        n += 1
        a.computed = str(n)
        stated = a.hint if a.hint and a.hint.isdigit() else None
        if stated is not None and int(stated) > n - 1 and int(stated) != n:
            n = int(stated)
        a.key = str(n)


def _check_stated_numbers(ap: Editor, arts: list[Art], warnings: list[str]) -> None:
    """The act's own statement of the new numbers (将第X条改为第Y条) is a check on ours:
    where they differ, the article carries the act's number when it can (see
    `_number_in_order`), and the difference is reported either way."""
    for a in arts:
        computed = a.computed or a.key
        if a.hint and (a.hint != a.key or a.hint != computed):
            won = "the act's number is used" if a.hint == a.key else "the computed number is kept"
            msg = f"the act numbers {a.old_key and art_name(a.old_key) or 'an article'} " \
                  f"{art_name(a.hint)} but the computed number is {art_name(computed)}; {won}"
            warnings.append(msg)
            ap.log.append(LogEntry("-", 0, "check-number", f"{art_name(a.old_key or a.key)}", "failed", msg))
            a.touched.append(len(ap.log) - 1)


def _number_headings(ap: Editor, renumber: bool) -> dict[int, int]:
    """Headings numbered again; returns old → new chapter numbers, a merged chapter
    mapping to the new number of the one it joined."""
    chapter_map: dict[int, int] = {}
    if renumber or ap.chapter_changed:
        chapter_map = renumber_headings(ap.m)
        for src, dst in ap.chapters_merged.items():
            seen = {src}
            while dst in ap.chapters_merged and dst not in seen:
                seen.add(dst)
                dst = ap.chapters_merged[dst]
            if dst in chapter_map:
                chapter_map[src] = chapter_map[dst]
    return chapter_map


def _relabel_items(arts: list[Art]) -> None:
    """Items whose numbering changed (one inserted or deleted) are numbered again."""
    for a in arts:
        for p in a.paras:
            if p.relabel:
                for k, it in enumerate(p.items, 1):
                    it.head = relabel(it.head, k)


def _paragraph_maps(arts: list[Art]) -> dict[str, dict[int, int]]:
    """Old article key → {old 款 number → new} for the articles whose 款 moved."""
    para_maps = {}
    for a in arts:
        if a.fresh:
            continue
        pm = {}
        for k, p in enumerate(a.paras, 1):
            if p.old_no is not None and p.old_no != k:
                pm[p.old_no] = k
        if pm and a.old_key:
            para_maps[a.old_key] = pm
    return para_maps


def _deleted_keys(m: Model, mapping: dict[str, str]) -> set[str]:
    """Old keys of the articles the act deleted (not merged): citing them is reported."""
    return {a.old_key for a in m.originals if a.deleted and a.merged_into is None and a.old_key
            and a.old_key not in mapping}


def _rewrite_citations(ap: Editor, arts: list[Art], mapping: dict[str, str], para_maps: dict[str, dict[int, int]],
                       chapter_map: dict[int, int], deleted: set[str], warnings: list[str]) -> None:
    """Every text of the old law (not the act's) cites the new numbers; a citation of
    a deleted article is left as written and reported."""
    from ..refs.extract import TextReader

    reader = TextReader(ap.m.doc)
    for a in arts:
        for obj, attr, (paragraph, item, subitem) in slot_places(a):
            if getattr(obj, "fresh", False):
                continue
            before = getattr(obj, attr)
            dangling: list[str] = []
            new = rewrite_refs(before, mapping, para_maps, a, chapter_map, deleted, dangling, reader=reader,
                               paragraph=paragraph, item=item, subitem=subitem)
            if new != before:
                setattr(obj, attr, new)
                a.refs_rewritten = True
            for key in dict.fromkeys(dangling):
                msg = (f"{a.label} cites {art_name(key)}, which the act deletes: "
                       f"the citation is left as written")
                warnings.append(msg)
                ap.log.append(LogEntry("-", 0, "check-reference", a.label, "failed", msg))
                a.touched.append(len(ap.log) - 1)


def renumber_headings(m: Model) -> dict[int, int]:
    """Number 编/章/节 again in order; returns old → new chapter numbers (when chapters
    are numbered through the whole law, so that 本法第三章 is unambiguous)."""
    heads = [e for e in m.body if isinstance(e, Head)]
    chapter_map: dict[int, int] = {}
    # Which heading restarts which numbering, as the old text shows it: 第二编 restarts
    # 第一章 in a code, a 分编 may not; 节 restart in every 章.
    restart: dict[tuple[Kind, Kind], bool] = {}
    since: dict[Kind, Kind | None] = {}  # highest heading seen since the last one of a kind
    for h in m.orig_heads:
        if h.kind in since and since[h.kind] is not None and h.old_no is not None:
            key = (h.kind, since[h.kind])
            restart[key] = restart.get(key, False) or h.old_no == 1
        since[h.kind] = None
        for k in list(since):
            if heading_level(k) > heading_level(h.kind) and (since[k] is None or heading_level(h.kind) < heading_level(since[k])):
                since[k] = h.kind
    counters: Counter = Counter()
    for h in heads:
        lvl = heading_level(h.kind)
        for k in list(counters):
            if heading_level(k) > lvl and restart.get((k, h.kind), k is Kind.SECTION):
                counters[k] = 0
        counters[h.kind] += 1
        n = counters[h.kind]
        if h.number != n or h.fresh:
            unit = {Kind.PART: "编", Kind.SUBPART: "分编", Kind.CHAPTER: "章", Kind.SECTION: "节"}[h.kind]
            old_label = h.label
            h.number = n
            h.label = f"第{to_chinese(n)}{unit}"
            if h.orig is not None and old_label and old_label in h.orig:
                h.orig = h.orig.replace(old_label, h.label, 1)
            else:
                h.orig = None
        if h.kind is Kind.CHAPTER and h.old_no and not h.fresh:
            chapter_map[h.old_no] = h.number
    if any(k[0] is Kind.CHAPTER and v for k, v in restart.items()):
        return {}  # 第三章 is ambiguous when chapters restart in each 编
    return chapter_map
