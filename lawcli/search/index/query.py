"""Searching through an index: FTS narrows to candidate groups, the engine runs on their rows.

The general way: candidate groups from FTS (trigrams, or their vocabulary for
short terms, or instr() over the keys), their documents' stored rows loaded as
DocRows, the same Searcher as a scan run on them.  The common search — literals
at the smallest unit — is answered row by row in SQL instead (`_literal_hits`).
Files changed since the build are scanned, in their place in the order.
"""

from __future__ import annotations

import os
import sqlite3
from collections import namedtuple

from ...errors import UsageError
from ..hits import DocCount, Hit, plain_lines, short_label
from ..rows import PATH_SEP as _SEP
from ..rows import DocRows, Row
from ..scan import scan
from ..searcher import Outcome, Searcher, literal_spans
from ..terms import Term
from .schema import Index, keyed_entries, temp_ids, temp_ranges

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator


# -- candidates from FTS, and the rows of their documents ---------------------------------

#: Beyond this many trigrams an OR query is slower than scanning the keys with instr().
_MAX_GRAMS = 2000


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term_groups(idx: Index, term: Term, ignore_space: bool) -> set[int] | None:
    """Group ids whose key may hold the term; None when FTS cannot tell (a regular
    expression that requires no run of ideographs)."""
    if term.regex:
        from ..terms import _regex_source, required_ideographs

        runs = required_ideographs("".join(_regex_source(term.pattern).split()) if ignore_space
                                   else _regex_source(term.pattern))
        if not runs:
            return None
        needle, cjk_only = max(runs, key=len), True
    else:
        from ..terms import Matcher

        m = Matcher(term, ignore_space, 1.0)
        needle, cjk_only = "".join(m.needle.split()), m.cjk_only
    match = _match_expr(idx, needle, cjk_only)
    if match == "":
        return set()
    if match is not None:
        return {r[0] for r in idx.conn.execute(
            "SELECT rowid FROM groups_fts WHERE groups_fts MATCH ?", (match,))}
    return {r[0] for r in idx.conn.execute(
        "SELECT id FROM groups WHERE instr(key, ?) > 0", (needle,))}


def _match_expr(idx: Index, needle: str, cjk_only: bool) -> str | None:
    """The FTS query whose groups may hold a space-free needle: '' when none can,
    None when FTS cannot tell (short Latin or digit terms, too many trigrams)."""
    if len(needle) >= 3:
        return _phrase(needle)
    if not cjk_only:
        return None
    # 罚款 occurs only inside trigrams that start with it (every key ends with
    # two sentinel characters, so there always is a third): list them from the
    # index's own vocabulary — a range scan of its b-tree — and OR them.
    c = idx.conn
    c.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab "
              "USING fts5vocab(main, 'groups_fts', 'row')")
    grams = [r[0] for r in c.execute("SELECT term FROM temp.vocab WHERE term >= ? AND term < ?",
                                     (needle, needle + "\U0010ffff"))]
    if len(grams) > _MAX_GRAMS:
        return None
    return " OR ".join(map(_phrase, grams))


def _query_groups(idx: Index, searcher: Searcher) -> set[int] | None:
    """Groups that may satisfy the query (a superset); None: every group."""
    from ..terms import And, Not

    memo: dict[Term, set[int] | None] = {}

    def ev(e) -> set[int] | None:
        if isinstance(e, Term):
            if e not in memo:
                memo[e] = _term_groups(idx, e, searcher.plan.ignore_space)
            return memo[e]
        if isinstance(e, Not):
            return None
        sets = [ev(x) for x in e.items]
        if isinstance(e, And):
            known = [s for s in sets if s is not None]
            if not known:
                return None
            out = set(known[0])
            for s in known[1:]:
                out &= s
            return out
        if any(s is None for s in sets):
            return None
        return set().union(*sets)

    return ev(searcher.plan.expr)


def _load_rows(idx: Index, doc_ids: Iterable[int], groups: set[int] | None, whole_docs: bool,
               names: dict[int, str], heads: bool = True) -> dict[int, DocRows]:
    """DocRows of the given documents, holding the candidate groups' rows (or all).

    heads: read each row's enclosing 编/章/节 (only --within needs them).  A row's
    path stays the stored string, split only for a hit (DocRows.path)."""
    doc_ids = list(doc_ids)
    if not doc_ids:
        return {}
    c = idx.conn
    temp_ids(c, "want_docs", doc_ids)
    cols = ("r.doc, r.seq, r.kind, r.text, r.article, r.label, r.number, r.line, r.end_line, "
            "r.a0, r.a1, r.a2, r.heads, r.path, r.address")
    # CROSS JOIN fixes the order: from the few wanted documents or candidate groups
    # to their range of rows (left to the planner, SQLite might scan every row).
    if groups is None or whole_docs:
        sql = (f"SELECT {cols} FROM want_docs w CROSS JOIN docs d ON d.id = w.id "
               "CROSS JOIN rows r ON r.id BETWEEN d.lo AND d.hi ORDER BY r.id")
        cur = c.execute(sql)
    else:
        temp_ids(c, "want_groups", groups)
        sql = (f"SELECT {cols} FROM want_groups w CROSS JOIN groups g ON g.id = w.id "
               "CROSS JOIN rows r ON r.id BETWEEN g.lo AND g.hi "
               "WHERE g.doc IN (SELECT id FROM want_docs) ORDER BY r.id")
        cur = c.execute(sql)
    meta = {i: (f, x, t, k, p) for i, f, x, t, k, p in c.execute(
        "SELECT d.id, d.file, d.idx, d.title, d.kind, d.odd FROM want_docs w "
        "JOIN docs d ON d.id = w.id")}
    out: dict[int, DocRows] = {}
    for (doc, seq, kind, text, article, label, number, line, end_line, a0, a1, a2, hd,
         path, address) in cur:
        dr = out.get(doc)
        if dr is None:
            f, x, t, k, p = meta[doc]
            dr = out[doc] = DocRows(names[f], x, t, k, [], odd=frozenset(p or ""))
        dr.rows.append(Row(seq, kind, text, article, label, number, line, end_line,
                           (a0, a1, a2), _heads(hd) if heads else (), path or "", address))
    return out


def _heads(col: str) -> tuple[tuple[str, str], ...]:
    """A row's stored 编/章/节 column (kind:number, joined by PATH_SEP) back as pairs."""
    return tuple(tuple(h.split(":", 1)) for h in col.split(_SEP)) if col else ()  # type: ignore[misc]


# -- searching ----------------------------------------------------------------------------

def indexed_hits(idx: Index, searcher: Searcher, order: list[tuple[str, Any]],
                 names: dict[int, str], outcome: Outcome, encoding: str | None = None) -> Iterator[Hit]:
    """Hits of an index's files (and of files to read directly), in the given order.

    order: ("index", file id) or ("scan", path) entries, in scan order.
    """
    plan = searcher.plan
    wanted_files = {v for k, v in order if k == "index"}
    literals = searcher.literal_rows
    if literals is not None:
        found = _literal_hits(idx, searcher, literals, names)
        for kind, what in order:
            if kind == "scan":
                yield from scan([what], searcher, outcome, encoding, single=False)
            else:
                outcome.files += 1
                yield from found.get(what, ())
        return
    groups = _query_groups(idx, searcher)
    docs = idx.docs(None if groups is None else _docs_of_groups(idx, groups))
    doc_ids = [d for d, (_, f, x, t, k) in docs.items()
               if f in wanted_files and searcher.doc_wanted(t, k)]
    loaded = _load_rows(idx, doc_ids, groups, bool(plan.context), names, heads=plan.within is not None)
    by_file: dict[int, list[DocRows]] = {}
    for d, dr in loaded.items():
        by_file.setdefault(docs[d][1], []).append(dr)
    for kind, what in order:
        if kind == "scan":
            yield from scan([what], searcher, outcome, encoding, single=False)
            continue
        outcome.files += 1
        yield from searcher.search_docs(sorted(by_file.get(what, []), key=lambda x: x.index))


#: SQL: the row holds a character outside GB2312 (a Traditional one), so it may hold a
#: needle only once mapped; such rows are matched in Python.  A row with the needle as
#: it stands is a hit either way (mapping never touches a needle's characters).
_MAPPED = "r.odd"
_HIT_COLS = ("r.id, r.doc, r.kind, r.text, r.article, r.label, r.number, r.line, r.end_line, "
             "r.path, r.address, r.odd")
_LINE_COLS = "r.id, r.doc, r.text, r.path, r.address, r.odd"  # all a plain line needs


def _literal_hits(idx: Index, searcher: Searcher, literals: tuple[tuple[Term, str], ...],
                  names: dict[int, str]) -> dict[int, list[Hit]] | dict[int, list[DocCount]]:
    """Hits of literal terms at the smallest unit, per file id (of `names` only); with
    Plan.count_only, each document's count instead.

    The common search, answered without building documents: SQL narrows the
    candidate groups to their rows whose text holds a needle (`instr`), and only
    those rows reach Python.  Exactly what `Searcher.search_doc` finds for such a
    query (see `Searcher.row_literals`); rows holding Traditional characters are
    fetched whatever they hold, and matched here after mapping.
    """
    c = idx.conn
    found = " OR ".join("instr(r.text, ?) > 0" for _ in literals)
    candidates = _candidate_groups(idx, literals)
    if candidates is None:
        return {}
    groups, where, args = candidates
    needles = tuple(n for _, n in literals)
    source = f"{groups} CROSS JOIN rows r ON r.id BETWEEN g.lo AND g.hi WHERE {where} AND"
    args += needles
    if searcher.plan.first_per_file:
        rows = _first_rows(c, searcher, names, groups, where, candidates[2], found, needles)
    elif searcher.plan.count_only:
        return _literal_counts(c, searcher, literals, names, source, args, found)
    else:
        cols = _LINE_COLS if searcher.plan.writes_lines else _HIT_COLS
        rows = c.execute(f"SELECT {cols} FROM {source} ({found} OR {_MAPPED})", args).fetchall()
    return _hits_of_rows(c, searcher, literals, names, rows) if rows else {}


def _candidate_groups(idx: Index, literals: tuple[tuple[Term, str], ...]) -> tuple[str, str, tuple] | None:
    """(FROM clause giving the candidate groups as `g`, its WHERE condition, arguments);
    None when no group can hold any needle."""
    matches = [_match_expr(idx, needle, True) for _, needle in literals]
    if all(m is not None for m in matches):
        match = " OR ".join(m for m in matches if m)
        if not match:
            return None
        return "groups_fts f CROSS JOIN groups g ON g.id = f.rowid", "groups_fts MATCH ?", (match,)
    groups: set[int] = set()
    for t, _ in literals:
        groups |= _term_groups(idx, t, False) or set()
    temp_ids(idx.conn, "want_groups", groups)
    return "want_groups w CROSS JOIN groups g ON g.id = w.id", "1", ()


def _first_rows(c: sqlite3.Connection, searcher: Searcher, names: dict[int, str], groups: str,
                where: str, args: tuple, found: str, needles: tuple[str, ...]) -> list[tuple]:
    """-l: of each file, its first certain hit and the uncertain rows before it (rows that
    may hold a needle once mapped), read whole.

    A file's rows are looked at a candidate group at a time, in document order, all
    files at once: nearly always its first candidate group settles it, so a term in
    every file costs one group per file, not every row that holds it.
    """
    cand = c.execute(f"SELECT g.id, g.doc, g.lo, g.hi FROM {groups} WHERE {where}", args).fetchall()
    cand.sort()
    wanted = {d: f for d, (f, title, kind) in _doc_files(c, {d for _, d, _, _ in cand}).items()
              if f in names and searcher.doc_wanted(title, kind)}
    queue: dict[int, list[tuple[int, int]]] = {}  # file id → its candidate groups' row ranges
    for _, d, lo, hi in cand:
        f = wanted.get(d)
        if f is not None:
            queue.setdefault(f, []).append((lo, hi))
    keep: list[int] = []
    turn = 0
    while queue:
        ranges = sorted((q[turn], f) for f, q in queue.items())
        temp_ranges(c, [r for r, _ in ranges])
        rows = c.execute(f"SELECT r.id, r.odd FROM want_ranges w CROSS JOIN rows r "
                         f"ON r.id BETWEEN w.lo AND w.hi WHERE {found} OR {_MAPPED}", needles).fetchall()
        rows.sort()
        settled: set[int] = set()
        k = 0
        for (_, hi), f in ranges:  # the ranges are disjoint: each row falls in one, in order
            while k < len(rows) and rows[k][0] <= hi:
                if f not in settled:
                    keep.append(rows[k][0])
                    if not rows[k][1]:
                        settled.add(f)
                k += 1
        turn += 1
        queue = {f: q for f, q in queue.items() if f not in settled and turn < len(q)}
    temp_ids(c, "want_rows", keep)
    return c.execute(f"SELECT {_HIT_COLS} FROM want_rows w CROSS JOIN rows r ON r.id = w.id").fetchall()


class _Doc(namedtuple("_Doc", "name file index title kind odd lo hi")):
    """What the hits of a document's rows need to know of it."""

    __slots__ = ()

    name: str  # its file's display name
    file: int  # its file's id
    index: int  # its place among the file's documents
    title: str
    kind: str
    odd: frozenset[str]  # the file's characters outside GB2312
    lo: int  # its first and last row id
    hi: int


def _wanted_docs(c: sqlite3.Connection, searcher: Searcher, names: dict[int, str],
                 doc_ids: Iterable[int]) -> dict[int, _Doc | None]:
    """Document id → _Doc, or None for a document the search does not want (its file
    not searched, or filtered out)."""
    temp_ids(c, "want_docs", doc_ids)
    docs: dict[int, _Doc | None] = {}
    for d, f, x, t, k, odd_chars, lo, hi in c.execute(
            "SELECT d.id, d.file, d.idx, d.title, d.kind, d.odd, d.lo, d.hi "
            "FROM want_docs w CROSS JOIN docs d ON d.id = w.id"):
        wanted = f in names and searcher.doc_wanted(t, k)
        docs[d] = _Doc(names[f], f, x, t, k, frozenset(odd_chars or ""), lo, hi) if wanted else None
    return docs


def _hits_of_rows(c: sqlite3.Connection, searcher: Searcher, literals: tuple[tuple[Term, str], ...],
                  names: dict[int, str], rows: list[tuple]) -> dict[int, list[Hit]] | dict[int, list[str]]:
    """Rows (_HIT_COLS, or _LINE_COLS for `Plan.rendered`) → hits per file id, in
    document order; wanted documents only."""
    from ..terms import _t2s_table

    rows.sort()  # by row id: each file's documents, and their rows, in order
    docs = _wanted_docs(c, searcher, names, {r[1] for r in rows})
    if searcher.plan.writes_lines:
        return _lines_of_rows(docs, literals, rows)  # type: ignore[return-value]
    context = searcher.plan.context
    first_only = searcher.plan.first_per_file
    out: dict[int, list[Hit]] = {}
    placed: list[tuple[int, _Doc, list[Hit], int]] = []  # (row id, doc, its file's hits, index)
    # One literal in an unmapped row (nearly every hit): SQL has found the needle, and its
    # spans are collected here inline — the per-hit cost of a common term.
    needle = literals[0][1] if len(literals) == 1 else None
    n = len(needle or "")
    one_term = (str(literals[0][0]),)
    for rid, doc, kind, text, article, label, number, line, end_line, path, address, mapped in rows:
        meta = docs[doc]
        if meta is None or not text:
            continue
        name, f, x, title, dkind, odd_set = meta[:6]
        if needle is not None and not mapped:
            i = text.find(needle)
            if i < 0:
                continue
            merged: list[tuple[int, int]] = []
            while i >= 0:  # touching matches become one span, as in literal_spans
                if merged and merged[-1][1] == i:
                    merged[-1] = (merged[-1][0], i + n)
                else:
                    merged.append((i, i + n))
                i = text.find(needle, i + n)
            spans, terms = tuple(merged), one_term
        else:
            key = text.translate(_t2s_table(set(odd_set))) if mapped else text
            got = literal_spans(key, literals)
            if got is None:
                continue
            spans, terms = got
        hits = out.get(f)
        if hits is None:
            hits = out[f] = []
        elif first_only:
            continue
        hits.append(Hit(name, title, x, dkind, tuple(path.split(_SEP)) if path else (), address,
                        article, kind, label, number, line, end_line, text, spans, terms))
        if context:
            placed.append((rid, meta, hits, len(hits) - 1))
    if placed:
        _add_context(c, context, placed)
    return out


def _add_context(c: sqlite3.Connection, n: int, placed: list[tuple[int, _Doc, list[Hit], int]]) -> None:
    """Give each placed hit its n neighbours on either side: the rows with text before
    and after it in its document, as `Searcher._hit` takes them from the document's
    units at the smallest level.  Read as windows of row ids around the hits (with
    room for rows without text), not as whole documents: a common term's hits would
    otherwise load nearly the whole corpus."""
    slack = _ROWS_PER_UNIT * n + 2
    ranges: list[list[int]] = []
    for rid, doc, _, _ in placed:  # in row order: overlapping windows merge
        a, b = max(doc.lo, rid - slack), min(doc.hi, rid + slack)
        if ranges and a <= ranges[-1][1] + 1:
            ranges[-1][1] = max(ranges[-1][1], b)
        else:
            ranges.append([a, b])
    temp_ranges(c, ranges)
    known = {r[0]: r[1:] for r in c.execute(
        f"SELECT {_NEAR_COLS} FROM want_ranges w CROSS JOIN rows r ON r.id BETWEEN w.lo AND w.hi")}
    for rid, doc, hits, i in placed:
        before = _neighbours(c, known, rid, doc.lo, -1, n, slack)
        after = _neighbours(c, known, rid, doc.hi, 1, n, slack)
        hits[i] = hits[i]._replace(before=before[::-1], after=after)


_NEAR_COLS = "r.id, r.kind, r.text, r.label, r.address, r.path"
#: Rows read on each side of a hit per unit of context: most rows have text (an
#: article's own row often has none); `_neighbours` reads on when a window falls short.
_ROWS_PER_UNIT = 2


def _neighbours(c: sqlite3.Connection, known: dict[int, tuple], rid: int, bound: int, step: int,
                n: int, slack: int) -> tuple[tuple[str, str], ...]:
    """Up to n (label, text) of the rows with text from rid + step towards bound (the
    document's first or last row), nearest first; rows not read yet are read here."""
    out: list[tuple[str, str]] = []
    j = rid + step
    while len(out) < n and (j >= bound if step < 0 else j <= bound):
        row = known.get(j)
        if row is None:  # past the window: read the next stretch of the document
            a, b = sorted((j, max(bound, j - slack) if step < 0 else min(bound, j + slack)))
            known.update((r[0], r[1:]) for r in c.execute(
                f"SELECT {_NEAR_COLS} FROM rows r WHERE r.id BETWEEN ? AND ?", (a, b)))
            row = known[j]
        kind, text, label, address, path = row
        if text:
            out.append((short_label(kind, label, address or "",
                                    lambda p=path: p.split(_SEP) if p else []), text))
        j += step
    return tuple(out)


def _lines_of_rows(docs: dict[int, _Doc | None], literals: tuple[tuple[Term, str], ...],
                   rows: list[tuple]) -> dict[int, list[str]]:
    """`_hits_of_rows` for `Plan.rendered` (rows of _LINE_COLS): each file's hits as
    their plain lines, in one string per file id (a list of one, as hits come in lists).

    An unmapped row is a hit as SQL found it (`instr` saw a needle in its text), so
    it needs no spans and no Hit: only its address and text.
    """
    from ..terms import _t2s_table

    units: dict[int, list[tuple[str, str]]] = {}
    heads: dict[int, str] = {}
    for _, d, text, path, address, mapped in rows:
        doc = docs[d]
        if doc is None or not text:
            continue
        if mapped and literal_spans(text.translate(_t2s_table(set(doc.odd))), literals) is None:
            continue
        mine = units.get(doc.file)
        if mine is None:
            mine = units[doc.file] = []
            heads[doc.file] = doc.name + ":"
        mine.append((address or path.replace(_SEP, " ") or doc.title, text))
    return {f: [plain_lines(heads[f], u)] for f, u in units.items()}


def _literal_counts(c: sqlite3.Connection, searcher: Searcher, literals: tuple[tuple[Term, str], ...],
                    names: dict[int, str], source: str, args: tuple, found: str) -> dict[int, list[DocCount]]:
    """--count through the index: rows with a needle counted per document in SQL; rows
    that may hold one only once mapped are fetched and matched here."""
    from ..terms import _t2s_table

    counted = dict(c.execute(f"SELECT r.doc, count(*) FROM {source} ({found}) GROUP BY r.doc", args))
    mapped = c.execute(f"SELECT {_HIT_COLS} FROM {source} {_MAPPED} AND NOT ({found})", args).fetchall()
    temp_ids(c, "want_docs", set(counted) | {r[1] for r in mapped})
    docs = {d: (f, x, t, k, frozenset(o or "")) for d, f, x, t, k, o in c.execute(
        "SELECT d.id, d.file, d.idx, d.title, d.kind, d.odd FROM want_docs w "
        "CROSS JOIN docs d ON d.id = w.id")}
    for row in mapped:
        text, odd_set = row[3], docs[row[1]][4]
        if text and literal_spans(text.translate(_t2s_table(set(odd_set))), literals):
            counted[row[1]] = counted.get(row[1], 0) + 1
    out: dict[int, list[DocCount]] = {}
    for d in sorted(counted):  # document ids follow each file's document order
        f, x, title, kind, _ = docs[d]
        if f in names and searcher.doc_wanted(title, kind):
            out.setdefault(f, []).append(DocCount(names[f], title, x, counted[d]))
    return out


def _doc_files(conn: sqlite3.Connection, doc_ids: Iterable[int]) -> dict[int, tuple[int, str, str]]:
    """Document id → (file id, title, kind)."""
    temp_ids(conn, "want_docs", doc_ids)
    return {d: (f, t, k) for d, f, t, k in conn.execute(
        "SELECT d.id, d.file, d.title, d.kind FROM want_docs w CROSS JOIN docs d ON d.id = w.id")}


def _docs_of_groups(idx: Index, groups: set[int]) -> set[int]:
    c = idx.conn
    temp_ids(c, "want_groups", groups)
    return {r[0] for r in c.execute(
        "SELECT DISTINCT g.doc FROM want_groups w CROSS JOIN groups g ON g.id = w.id")}


def search_dir(directory: str, searcher: Searcher, outcome: Outcome) -> Iterator[Hit]:
    """Search a directory through its index; files changed since it was built are read."""
    db = Index.locate(directory)
    if db is None:
        raise UsageError(f"{directory}: has no index; build one with: lawcli index {directory}")
    if searcher.plan.doc is not None and searcher.plan.doc.strip().isdigit():
        raise UsageError("--doc N (an index) needs a single FILE; use a title fragment")
    try:
        idx = Index(db)
    except (UsageError, sqlite3.DatabaseError) as e:
        outcome.notes.append(f"{directory}: index not used ({e}); reading the files")
        yield from scan([directory], searcher, outcome)
        return
    try:
        order: list[tuple[str, Any]] = []
        names: dict[int, str] = {}
        listed: list[tuple[str, str, tuple | None]] | None = idx.listed_files(directory)
        if listed is None:  # a directory changed since the build: list them all again
            known = {k: (i, s, m, e) for k, (i, _, s, m, e) in idx.files().items()}
            listed = [(k, e.path, known.get(k)) for k, e in keyed_entries(directory)]
        stat = os.stat
        for _, path, prev in listed:
            try:
                st = stat(path)
            except OSError:
                order.append(("scan", path))
                continue
            if prev and prev[1] == st.st_size and prev[2] == st.st_mtime_ns:
                if prev[3]:
                    outcome.errors.append(prev[3])
                    continue
                names[prev[0]] = path
                order.append(("index", prev[0]))
            else:
                order.append(("scan", path))
        given = 0
        try:
            for hit in indexed_hits(idx, searcher, order, names, outcome):
                given += 1
                yield hit
        except sqlite3.DatabaseError as e:
            if given:  # hits already out: they cannot be taken back
                raise
            damaged = e
        else:
            return
    finally:
        idx.close()
    # Damaged pages met before any hit: the files answer, and the index is to be rebuilt
    # (a search never writes; `lawcli index` would see no file changed).
    outcome.notes.append(f"{db}: 索引已损坏（{damaged}），本次直接读取文件；"
                         f"请删除该文件后运行 lawcli index {directory} 重建")
    yield from scan([directory], searcher, outcome)
