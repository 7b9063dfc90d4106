"""amend: every shared triple (old text + act → official re-publication), article for article.

The truth is the official text, read here with a plain regex over its lines (an article
is a line that starts with 第X条 and a space, as the corpus README defines it) — not
with lawcli's parser.  Every article must come out exactly, except the differences
listed in UNEXPLAINED: each is a change the act does not make, with the reason, and
`--check` must name it (and say whether an instruction touched the article).
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import CORPUS, corpus_file, or_skip, read

from lawcli.amend import apply_act, check_result
from lawcli.parsing.source import load_text

_ARTICLE = re.compile(r"^\s*(?:#+\s*)?第([〇零一二三四五六七八九十百千]+)条(?:之[一二三四五六七八九十]+)?[\s\u3000]+(.*)$")
_HEADING = re.compile(r"^\s*(?:#+\s|第[〇零一二三四五六七八九十百千]+[编章节][\s\u3000]|<!--|---)")
_ASCII = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _number(cn: str) -> int:
    """一百零四 → 104 (written out here, not lawcli's numerals)."""
    total, cur = 0, 0
    for c in cn:
        if c in _DIGITS:
            cur = _DIGITS[c]
        elif c in "十百千":
            total += (cur or 1) * {"十": 10, "百": 100, "千": 1000}[c]
            cur = 0
    return total + cur


def _norm(s: str) -> str:
    s = re.sub(r"[\s\u200b\u200c\u200d\u2060\ufeff]+", "", s)
    s = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in s)
    return s.translate(_ASCII)


def _articles(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    cur = None
    for line in text.splitlines():
        m = _ARTICLE.match(line)
        if m:
            cur = str(_number(m.group(1)))
            out[cur] = m.group(2)
        elif _HEADING.match(line):
            cur = None
        elif cur is not None and line.strip():
            out[cur] += "\n" + line
    return {k: _norm(v) for k, v in out.items()}


def _triples() -> list[dict]:
    out = []
    for f in (CORPUS / "amendments" / "triples.json", CORPUS / "amendments" / "more" / "triples.json"):
        if f.exists():
            out += json.loads(f.read_text(encoding="utf-8"))
    return out


#: id → {article: (explained by --check, why the act does not explain it)}
UNEXPLAINED: dict[str, dict[str, tuple[bool, str]]] = {
    "kuaijifa-2024": {"43": (True, "the official text adds a 的 next to the act's new words")},
    "nongyejishutuiguang-2024": {"9": (False, "the old file's 第二章 heading is a bare line read into 第九条")},
    "nianjiefangjia-2024": {
        "2": (False, "新年 → 元旦 and 日、日 → 至: the act only says 个别文字作相应修改"),
        "6": (False, "星期六、星期日 → 周六、周日: the act only says 个别文字作相应修改"),
    },
    "beijing-shenji-2023": {
        "1": (False, "《A》、《B》 → 《A》《B》: an editorial change of the re-publication"),
        "2": (False, "区、县 → 区: an editorial change no instruction makes"),
        "8": (False, "item （二）, which no instruction touches, ends in ； instead of 。"),
        "15": (False, "区、县 → 区: an editorial change no instruction makes"),
        "24": (False, "区、县 → 区: an editorial change no instruction makes"),
    },
}


#: (triple, article) whose difference is a defect of OLD that --check names
DEFECTS = {("nongyejishutuiguang-2024", "9")}

#: acts whose closing words announce wording changes they do not list
ANNOUNCED = {"nianjiefangjia-2024"}  # 此外，对条文顺序和个别文字作相应调整和修改。


@pytest.mark.parametrize("triple", or_skip(_triples()), ids=lambda t: t["id"] if t else "none")
def test_triple_article_for_article(triple):
    old = read(corpus_file(*triple["old"].split("/")))
    act = read(corpus_file(*triple["act"].split("/")))
    new = read(corpus_file(*triple["new"].split("/")))
    res = apply_act(old, act, law=triple.get("selector"))
    assert not res.failed, [(e.item, e.op, e.reason) for e in res.failed]
    got, want = _articles(res.text), _articles(new)
    assert len(want) == triple["new_articles"]
    assert set(got) == set(want)
    differing = {k for k in want if got.get(k) != want[k]}
    known = UNEXPLAINED.get(triple["id"], {})
    assert differing == set(known), sorted(differing ^ set(known), key=int)
    # --check names each of them, and says whether the act explains it
    check = check_result(res, load_text(new).documents[0])
    rows = {r.key: r for r in check.rows if r.kind == "text"}
    assert set(rows) == set(known)
    for key, (explained, _why) in known.items():
        assert rows[key].explained is explained, (key, rows[key].fragments)
        # a defect of a file is named as such (the bare heading line of OLD), nothing else is
        assert (rows[key].note is not None) == ((triple["id"], key) in DEFECTS), (key, rows[key].note)
    unexplained = any(not r.explained for r in check.rows)
    assert (check.announced is not None) == (unexplained and triple["id"] in ANNOUNCED)


def test_a_cut_act_never_passes_for_a_whole_one():
    """The State Council's 国家科学技术奖励条例 decision cut every 29 characters: a cut inside
    a quotation or an instruction fails that instruction (so the run exits 1), and every
    article is either as in OLD or as the whole act makes it unless an instruction failed."""
    from lawcli.errors import LawcliError

    t = next((t for t in _triples() if t["id"] == "kejijiangli-2024"), None)
    if t is None:
        pytest.skip("kejijiangli-2024 is not in the corpus")
    old = read(corpus_file(*t["old"].split("/")))
    act = read(corpus_file(*t["act"].split("/")))
    whole = {a.number: a.full_text for a in apply_act(old, act).document().articles}
    before = {a.number: a.full_text for a in load_text(old).documents[0].articles}
    start = act.index("一、")
    for k in range(start + 10, len(act), 29):
        cut = act[:k]
        try:
            res = apply_act(old, cut)
        except LawcliError:
            continue  # nothing recognisable left: an input error (exit 2)
        tail = cut[cut.rfind("\n\n") + 2:] if "\n\n" in cut else cut
        inside = tail.count("“") > tail.count("”") or re.search(r"(?:修改为|增加)[：:]?$", tail.strip())
        if inside:
            assert res.failed, (k, tail[-40:])
        if not res.failed:
            for key, text in {a.number: a.full_text for a in res.document().articles}.items():
                assert text in (before.get(key), whole.get(key)), (k, key)
