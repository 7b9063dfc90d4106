"""Review every error `lawcli check` reports over a folder against the source text.

    python tools/review_check_errors.py ../shared/corpus/bulk tests/fixtures/check_bulk_errors.json

For each error it looks at the file's own lines — plain regular expressions, none of
lawcli's parser — for the evidence that the finding is true: the heading, the article
or the item marker the finding says is missing really is not in the text.  An error
the source confirms is written with its reason; one it cannot confirm is written with
`"reason": null` and printed, to be read by hand and either given a reason (the
copy's defect, in words) or fixed in lawcli.  Reasons written by hand are kept when
the file is written again.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_DIG = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIG.update({"〇": 0, "两": 2})


def cn(text: str) -> int:
    """一百零四 → 104, 23 → 23 (written here, not lawcli's numerals)."""
    if text.isdigit():
        return int(text)
    total, cur = 0, 0
    for ch in text:
        if ch in _DIG:
            cur = _DIG[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "千":
            total += (cur or 1) * 1000
            cur = 0
    return total + cur


def cn_of(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    h, r = divmod(n, 100)
    rest = "" if r == 0 else ("零" + digits[r] if r < 10 else ("一" + cn_of(r) if r < 20 else cn_of(r)))
    return digits[h] + "百" + rest


_N = "[零〇一二三四五六七八九十百千两0-9]+"
ARTICLE = re.compile(rf"^\s*第({_N})条(?:之({_N}))?[\s\u3000]")
HEADING = re.compile(rf"^\s*#*\s*第({_N})(编|章|节)")


def articles(lines: list[str]) -> dict[int, tuple[int, int]]:
    """Article number → (first line index, end index) by the source's own 第X条 lines."""
    starts = [(i, cn(m.group(1))) for i, l in enumerate(lines) if (m := ARTICLE.match(l)) and not m.group(2)]
    out: dict[int, tuple[int, int]] = {}
    for k, (i, n) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        out.setdefault(n, (i, end))
    return out


def headings(lines: list[str], unit: str) -> list[tuple[int, int]]:
    return [(i, cn(m.group(1))) for i, l in enumerate(lines) if (m := HEADING.match(l)) and m.group(2) == unit]


def has_marker(lines: list[str], n: int) -> bool:
    w = cn_of(n)
    return any(re.match(rf"^\s*[（(]\s*{w}\s*[)）]", l) for l in lines)


def reason(lines: list[str], code: str, message: str, line: str = "") -> str | None:
    """The source's evidence that an error is true, in words; None if not found."""
    arts = articles(lines)
    if code == "N104" and (m := re.search(rf"编号不是从一开始：第({_N})(章|节)$", message)):
        first, unit = cn(m.group(1)), m.group(2)
        nums = {n for _, n in headings(lines, unit)}
        if unit == "章" and not nums & set(range(1, first)):
            return f"源文本没有第一章至第{cn_of(first - 1)}章的标题，章标题从第{m.group(1)}章开始"
        if unit == "节":
            return None
    if code == "N101" and (m := re.search(rf"第({_N})(章|节)之后是第({_N})\2", message)):
        a, unit, b = cn(m.group(1)), m.group(2), cn(m.group(3))
        nums = {n for _, n in headings(lines, unit)}
        gone = [n for n in range(a + 1, b) if n not in nums]
        if unit == "章" and gone == list(range(a + 1, b)):
            return f"源文本没有{'、'.join('第' + cn_of(n) + '章' for n in gone)}的标题"
    if code == "N101" and (m := re.search(rf"^第({_N})条之后是第({_N})条", message)):
        a, b = cn(m.group(1)), cn(m.group(2))
        gone = [n for n in range(a + 1, b) if n not in arts]
        if gone == list(range(a + 1, b)):
            return f"源文本没有以{'、'.join('第' + cn_of(n) + '条' for n in gone)}开头的条文"
    if code == "N101" and (m := re.search(rf"^第({_N})条.*第（({_N})）项之后是第（({_N})）项", message)):
        art, a, b = cn(m.group(1)), cn(m.group(2)), cn(m.group(3))
        if art in arts:
            body = lines[arts[art][0]:arts[art][1]]
            gone = [n for n in range(a + 1, b) if not has_marker(body, n)]
            if gone == list(range(a + 1, b)):
                return f"源文本第{m.group(1)}条中没有（{'）（'.join(cn_of(n) for n in gone)}）项的项号"
    if code == "N104" and (m := re.search(rf"^第({_N})条.*编号不是从一开始：第（({_N})）项", message)):
        art, k = cn(m.group(1)), cn(m.group(2))
        if art in arts:
            body = lines[arts[art][0]:arts[art][1]]
            gone = [n for n in range(1, k) if not has_marker(body, n)]
            if gone:
                return (f"源文本第{m.group(1)}条中（{cn_of(k)}）之前的"
                        f"（{'）（'.join(cn_of(n) for n in gone)}）项没有项号")
    if code == "R201":
        quoted = re.match(r"“([^”]*)”", message)
        if quoted and "条" not in quoted.group(1) and len(re.findall(r"第[^第]{1,8}条", line)) > 0:
            return None  # a bare 第六项 beside another article's number: which article is read by hand
        return _dangling(lines, arts, message)
    return None


def _dangling(lines: list[str], arts: dict[int, tuple[int, int]], message: str) -> str | None:
    m = re.search(r"引用的(.+)不存在$", message)
    if not m:
        return None
    targets = m.group(1).split("、")
    said = []
    for t in targets:
        if (a := re.fullmatch(rf"第({_N})条", t)):
            if cn(a.group(1)) in arts:
                return None
            said.append(f"没有以{t}开头的条文")
        elif (a := re.fullmatch(rf"第({_N})章", t)):
            if cn(a.group(1)) in {n for _, n in headings(lines, "章")}:
                return None
            said.append(f"没有{t}的标题")
        elif (a := re.fullmatch(rf"第({_N})条(?:第({_N})款)?第（({_N})）项", t)):
            art = cn(a.group(1))
            if art not in arts:
                said.append(f"没有第{a.group(1)}条")
                continue
            if has_marker(lines[arts[art][0]:arts[art][1]], cn(a.group(3))):
                return None
            said.append(f"第{a.group(1)}条中没有（{a.group(3)}）项")
        elif (a := re.fullmatch(rf"第({_N})条第({_N})款", t)):
            art = cn(a.group(1))
            if art not in arts:
                said.append(f"没有第{a.group(1)}条")
                continue
            paras = [l for l in lines[arts[art][0]:arts[art][1]] if l.strip()
                     and not re.match(r"^\s*[（(][零一二三四五六七八九十]+[)）]", l)]
            if len(paras) >= cn(a.group(2)):
                return None
            said.append(f"第{a.group(1)}条只有{cn_of(len(paras))}款")
        else:
            return None
    return "源文本" + "；".join(dict.fromkeys(said))


def collect(root: Path) -> list[dict]:
    from lawcli.api import load_file
    from lawcli.refs.check import check

    out = []
    for p in sorted(x for x in root.rglob("*") if x.is_file() and x.suffix in (".md", ".txt")):
        src = load_file(str(p))
        docs = list(src.documents)
        if len(docs) > 1:  # as `lawcli check` picks them: the documents with articles
            docs = [d for d in docs if d.articles] or docs
        lines = p.read_text("utf-8").split("\n")
        for d in docs:
            for f in check(d):
                if f.severity == "error":
                    out.append({"file": str(p.relative_to(root)), "line": f.line, "code": f.code,
                                "message": f.message,
                            "reason": reason(lines, f.code, f.message, lines[(f.line or 1) - 1])})
    return out


def main(argv: list[str]) -> int:
    root, dest = Path(argv[1]), Path(argv[2])
    old = {}
    if dest.exists():
        for e in json.loads(dest.read_text("utf-8"))["errors"]:
            old[(e["file"], e["code"], e["message"])] = e.get("reason")
    errors = collect(root)
    for e in errors:
        if e["reason"] is None:
            e["reason"] = old.get((e["file"], e["code"], e["message"]))
        if e["reason"] is None:
            print(f"UNREVIEWED {e['file']}:{e['line']} {e['code']} {e['message']}")
    data = {"about": "Every error `lawcli check` reports on ../shared/corpus/bulk, each with the evidence in "
                     "the source that it is true (tools/review_check_errors.py; null reasons are read by hand).",
            "errors": errors}
    dest.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
