"""`lawcli check` over the real texts: every error on bulk/ is a reviewed defect of its copy,
the national laws are clean, and a copy spoiled here gets every fault reported.

The expectations (tests/fixtures/check_bulk_errors.json) list each error with the
evidence in the source that it is true — written by tools/review_check_errors.py from
plain regular expressions over the file's lines, the rest by hand.  A new error, or a
listed one that disappears, fails the test with the file's name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, corpus_file, national_files, or_skip

from lawcli.api import load_file, load_text
from lawcli.refs.check import check
from lawcli.refs.extract import extract, is_amendment

EXPECTED = ROOT / "tests" / "fixtures" / "check_bulk_errors.json"


def _errors(root: Path) -> set[tuple[str, str, str]]:
    """(file, code, message) of every error `lawcli check` reports, each file parsed once."""
    out = set()
    for p in sorted(x for x in root.rglob("*") if x.is_file() and x.suffix in (".md", ".txt")):
        docs = list(load_file(str(p)).documents)
        if len(docs) > 1:
            docs = [d for d in docs if d.articles] or docs
        for d in docs:
            out.update((str(p.relative_to(root)), f.code, f.message) for f in check(d) if f.severity == "error")
    return out


@pytest.mark.slow
def test_every_error_on_bulk_is_a_reviewed_defect_of_the_copy():
    root = CORPUS / "bulk"
    if not root.exists():
        pytest.skip("../shared/corpus/bulk is not beside the project")
    listed = json.loads(EXPECTED.read_text("utf-8"))["errors"]
    assert all(e["reason"] for e in listed), "an expected error without its reason"
    expected = {(e["file"], e["code"], e["message"]) for e in listed}
    found = _errors(root)
    new = sorted(found - expected)
    gone = sorted(expected - found)
    assert not new, "errors no one has reviewed (a false alarm, or a defect to list with its reason):\n" + \
        "\n".join(f"{f}: [{c}] {m}" for f, c, m in new[:30])
    assert not gone, "listed defects no longer reported:\n" + "\n".join(f"{f}: [{c}] {m}" for f, c, m in gone[:30])


# -- the national laws: clean, no dangling reference, their own citations found -----------------

_N = "[零〇一二三四五六七八九十百千]+"
_SELF = r"本(?:法|条例|规定|办法|细则|解释|规则)"


@pytest.mark.slow
@pytest.mark.parametrize("path", or_skip(national_files()), ids=lambda p: p.stem if p else "none")
def test_national_laws_no_errors_no_dangling_and_their_citations_found(path):
    doc = load_file(str(path)).documents[0]
    assert [(f.code, f.message) for f in check(doc) if f.severity == "error"] == []
    refs = extract(doc)
    assert [r.text for r in refs if r.dangling] == []
    # 本法第X条 as the source writes them, counted with a plain regex over the body lines.
    body = path.read_text("utf-8").split("<!-- INFO END -->")[-1]
    written = len(re.findall(rf"{_SELF}第{_N}条", body))
    # An amendment act's 本法第X条 stand in the text it writes into the amended law: they
    # are that law's articles (external), found all the same.
    own = is_amendment(doc)
    found = sum(1 for r in refs if (own or not r.external) and re.match(rf"{_SELF}第{_N}条", r.text))
    if written:
        assert found >= 0.95 * written, (found, written)


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    h, r = divmod(n, 100)
    return digits[h] + "百" + ("" if not r else ("零" + digits[r] if r < 10 else
                                                  ("一" + _cn(r) if r < 20 else _cn(r))))


def test_a_spoiled_copy_of_a_real_law_gets_all_three_faults():
    path = corpus_file("national", "行政法", "行政处罚法(2021-01-22).md")
    lines = path.read_text("utf-8").split("\n")
    start = {n: i for i, line in enumerate(lines) for n in range(1, 90)
             if line.startswith(f"第{_cn(n)}条 ")}
    out = []
    for i, line in enumerate(lines):
        if start.get(10) is not None and start[10] <= i < start[11]:
            continue  # 第十条 deleted
        m = re.match(rf"第({_N})条 ", line)
        if m and start.get(40) is not None and i >= start[40]:
            # From 第四十条 on, every number one higher: 第四十条 is skipped.
            n = next(k for k, v in start.items() if v == i)
            line = f"第{_cn(n + 1)}条 " + line[m.end():]
        out.append(line)
        if i == start[20]:
            out.extend(["", line])  # 第二十条 twice
    findings = check(load_text("\n".join(out)).documents[0])
    messages = [(f.code, f.message) for f in findings if f.severity == "error"]
    assert ("N101", "第九条之后是第十一条，中间缺少编号") in messages
    assert ("N102", "第二十条重复出现") in messages
    assert ("N101", "第三十九条之后是第四十一条，中间缺少编号") in messages
