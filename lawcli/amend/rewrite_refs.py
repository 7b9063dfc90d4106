"""Rewriting the law's references to its own articles, 款 and chapters after
renumbering (本法第十六条 → 第十五条).

Kept apart from renumbering on purpose: it has its own small reading of citations
(regular expressions below), which a later step is to replace with the reference
extractor of lawcli.refs; until then it must behave exactly as it does.
"""

from __future__ import annotations

import re

from ..text.grammar import article_label, label
from ..text.numerals import article_key, to_int
from .marks import CLOSE, OPEN, plain, protect
from .model import Art
from .targets import N

_TOK = re.compile(rf"第({N})条(?:之({N}))?|第({N})款|第({N})章")
_CHAIN = re.compile(rf"(?:第{N}(?:项|目)|第[（(]{N}[）)]项)*(?:、|和|及|以及|或者|或|至|到|，|,)?")
_EXTERNAL = re.compile(r"(?:》|法|法典|条例|规定|办法|细则|解释|决定|规则|章程|公约|协定|意见)$")
_OWN = re.compile(r"本(?:法|法典|条例|规定|办法|细则|解释|决定|规则)$")


def rewrite_refs(text: str, mapping: dict[str, str], para_maps: dict[str, dict[int, int]], art: Art,
                 chapter_map: dict[int, int] | None = None, deleted: set[str] | None = None,
                 dangling: list[str] | None = None) -> str:
    """本法第十六条 → 第十五条: references to this law's own articles (and their 款, and
    its chapters), outside act text.  A chain (第十条第二款、第三款和第十二条) keeps the
    status of its head: internal after 本法 or nothing, external after 《某法》 or 刑法."""
    protected = []
    start = None
    for i, c in enumerate(text):
        if c == OPEN:
            start = i
        elif c == CLOSE and start is not None:
            protected.append((start, i))
            start = None
    out, last = [], 0
    prev_end, prev_internal, cur_art = -1, False, None
    for mt in _TOK.finditer(text):
        s, e = mt.span()
        gap = text[prev_end:s] if prev_end >= 0 else None
        chained = gap is not None and bool(_CHAIN.fullmatch(plain(gap)))
        if chained:
            internal = prev_internal
        else:
            before = plain(text[max(0, s - 12):s])
            internal = not (_EXTERNAL.search(before) and not _OWN.search(before))
        inside = any(a <= s < b for a, b in protected)
        rep = None
        try:
            if mt.group(1):  # an article
                key = article_key(to_int(mt.group(1)), to_int(mt.group(2)) if mt.group(2) else None)
                cur_art = key if internal else None
                if internal and not inside and deleted and key in deleted and dangling is not None:
                    dangling.append(key)
                new_key = mapping.get(key, key)
                if internal and new_key != key:
                    rep = article_label(new_key)
            elif mt.group(3):  # a 款: of the article just cited, or of this article
                pn = to_int(mt.group(3))
                if chained:
                    owner = cur_art
                else:
                    before1 = plain(text[max(0, s - 2):s])
                    if before1.endswith(("本条", "该条")) or not before1.endswith("条"):
                        owner = art.old_key  # 本条第二款, or a bare 第二款
                    else:
                        owner = None  # 前条第二款 …
                    cur_art = owner
                if owner and owner in para_maps and pn in para_maps[owner]:
                    rep = label("paragraph", para_maps[owner][pn])
            elif mt.group(4) and chapter_map:  # a chapter
                cn = to_int(mt.group(4))
                cur_art = None
                if internal and cn in chapter_map:
                    rep = label("chapter", chapter_map[cn])
        except ValueError:
            rep = None
        prev_end, prev_internal = e, internal
        if rep is None or inside:
            continue
        out.append(text[last:s])
        out.append(protect(rep))
        last = e
    out.append(text[last:])
    return "".join(out)
