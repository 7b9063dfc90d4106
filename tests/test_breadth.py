"""Breadth: every text of ../shared/corpus/bulk (and the samples) against invariants whose
truth is read from the source by plain regexes here, never by lawcli's parser.

- no exception;
- articles found = paragraphs that open with 第X条 / 第X條 (or Taiwan's 第 1 條) + the
  article markers the tool says it repaired (`article_marker_*` in `repairs`);
- each `#` heading 第X编/分编/章/节 is exactly one division of the tree, at its line, and
  the copies in a 目录 none (a leading run of headings whose first one is printed again);
- every character of the normalised body is in the tree.

One parse per file, in one process; failures are listed file by file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lawcli.parsing.model import Kind
from lawcli.parsing.source import load_text
from tests.conftest import CORPUS, NO_CORPUS, read, sample_files

_N = "零〇一二两三四五六七八九十百千0-9０-９"
#: A paragraph opening with an article marker and a separator (or nothing after it).
ARTICLE_LINE = re.compile(
    rf"^(?:第[{_N}]+[条條](?:之[{_N}]+)?(?:[ \u3000]|$)|第 [0-9]+(?:-[0-9]+)? 條(?:[ \u3000]|$))")
HEADING_LINE = re.compile(rf"^#+[ \t]+第[{_N}]+(?:分编|编|章|节)")
DIVISIONS = (Kind.PART, Kind.SUBPART, Kind.CHAPTER, Kind.SECTION)


def _toc_copies(lines: list[str], headings: list[int]) -> set[int]:
    """Line indexes of a 目录's copies: the heading lines before the first article line
    that form a run (nothing but blank lines or a 目录 line between them) whose first
    heading is printed again right after the run."""
    first_article = next((i for i, s in enumerate(lines) if ARTICLE_LINE.match(s.strip())), len(lines))
    run: list[int] = []
    for i in headings:
        if i > first_article:
            break
        gap = [s.strip() for s in lines[run[-1] + 1:i]] if run else []
        if run and any(g and g.replace(" ", "") not in ("目录", "#目录", "##目录") for g in gap):
            break
        run.append(i)
        key = re.sub(r"[#\s]", "", lines[i])
        if len(run) > 2 and key == re.sub(r"[#\s]", "", lines[run[0]]):
            return set(run[:-1])
    return set()


def problems(path: Path) -> list[str]:
    text = read(path)
    try:
        source = load_text(text, str(path))
    except Exception as exc:  # the first invariant: no exception
        return [f"exception {exc!r}"]
    out = []
    lines = text.replace("\r\n", "\n").split("\n")
    marked = sum(1 for s in lines if ARTICLE_LINE.match(s.lstrip(" \t\u3000>").strip("\ufeff")))
    repaired = sum(n for k, n in source.repairs.items() if k.startswith("article_marker_"))
    found = sum(len(d.articles) for d in source.documents)
    if found != marked + repaired:
        out.append(f"articles {found} != {marked} marked + {repaired} repaired")
    headings = [i for i, s in enumerate(lines) if HEADING_LINE.match(s)]
    copies = _toc_copies(lines, headings)
    expected = [i + 1 for i in headings if i not in copies]
    at = {}
    for doc in source.documents:
        for node in doc.walk():
            if node.kind in DIVISIONS:
                at[node.line] = at.get(node.line, 0) + 1
    wrong = [n for n in expected if at.get(n) != 1]
    if wrong:
        out.append(f"headings not one division each, lines {wrong[:5]}")
    in_toc = sorted(i + 1 for i in copies if at.get(i + 1))
    if in_toc:
        out.append(f"目录 entries taken for divisions, lines {in_toc[:5]}")
    if "".join(d.joined_raw() for d in source.documents) != source.normalized.text:
        out.append("tree text differs from the normalised input")
    return out


def _report(paths: list[Path], root: Path) -> tuple[list[str], int]:
    failures = []
    for path in paths:
        found = problems(path)
        if found:
            failures.append(f"{path.relative_to(root)}: " + "; ".join(found))
    return failures, len(paths)


@pytest.mark.slow
def test_bulk_breadth():
    bulk = CORPUS / "bulk"
    if not bulk.exists():
        pytest.skip(NO_CORPUS)
    failures, total = _report(sorted(bulk.rglob("*.md")), bulk)
    exact = (total - len(failures)) / total
    print(f"\nbulk: {total - len(failures)} of {total} files exact ({exact:.2%})")
    assert total > 1000
    assert not failures, "\n".join(failures)


def test_samples_breadth():
    failures, _ = _report(sample_files(), sample_files()[0].parent)
    assert not failures, "\n".join(failures)


def test_the_invariants_can_fail():
    # A heading dropped from the tree and an article marker that is not found must show.
    lines = ["# 某条例", "", "## 第一章 总则", "", "第一条 甲。", "", "## 第二章 管理", "", "第二条 乙。"]
    copies = _toc_copies(lines, [2, 6])
    assert copies == set()
    toc = ["# 某条例", "## 第一章 总则", "## 第二章 管理", "## 第一章 总则", "第一条 甲。"]
    assert _toc_copies(toc, [1, 2, 3]) == {1, 2}
    assert ARTICLE_LINE.match("第一条 甲") and not ARTICLE_LINE.match("第一条规定的")
    assert ARTICLE_LINE.match("第 881-17 條") and not ARTICLE_LINE.match("第三十五 条农村")


#: An article line of the clean source: its number and the text after the marker.
_MARKED = re.compile(rf"^第([{_N}]+)条((?:之[{_N}]+)?) (.*)$")


_DAMAGED = re.compile(rf"^[第笫][{_N}]+[ \u3000]+条|^笫[{_N}]+条")


def _damage(lines: list[str], rng) -> list[str]:
    """The defects of real copies, dealt at random: 笫 for 第, a space before 条, an
    article run on at the end of the paragraph before it."""
    out: list[str] = []
    for line in lines:
        m = _MARKED.match(line)
        if m and rng.random() < 0.3:
            r = rng.random()
            if r < 0.3:
                line = "笫" + line[1:]
            elif r < 0.6:
                line = line[:m.end(1)] + " " + line[m.end(1):]
            elif len(out) > 1 and out[-1] == "" and out[-2].endswith("。"):
                out.pop()
                out[-1] += line
                continue
        out.append(line)
    return out


@pytest.mark.slow
def test_damaged_copies_of_real_laws_give_the_articles_of_the_clean_ones():
    import random

    bulk = CORPUS / "bulk"
    if not bulk.exists():
        pytest.skip(NO_CORPUS)
    rng = random.Random(15)
    failures, tried = [], 0
    for path in sorted(bulk.rglob("*.md"))[::4]:
        lines = read(path).split("\n")
        # Truth from the clean source by regex: each article's first paragraph.
        truth = [m.group(3) for m in map(_MARKED.match, lines) if m]
        if len(truth) < 5 or any(s.startswith("附件") or _DAMAGED.match(s) for s in lines):
            continue  # only clean copies: no annex, no damaged marker of their own
        tried += 1
        docs = load_text("\n".join(_damage(lines, rng)), path.name).documents
        got = [a.children[0].text if a.children else "" for d in docs for a in d.articles]
        if got != truth:
            first = next((i for i, (x, y) in enumerate(zip(got, truth)) if x != y), min(len(got), len(truth)))
            failures.append(f"{path.relative_to(bulk)}: {len(got)} articles for {len(truth)}, first "
                            f"difference at article {first + 1}")
    assert tried > 150
    assert not failures, "\n".join(failures)


_DATE_START = re.compile(r"^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日")


def _plain_copy(markdown: str) -> str | None:
    """The same law as a plain text, when every heading is numbered (第X章: plain text has
    no other way to mark one) and every information line starts with its date; else None."""
    lines = markdown.split("\n")
    if "<!-- INFO END -->" not in lines:
        return None
    end = lines.index("<!-- INFO END -->")
    info = [s for s in lines[1:end] if s.strip()]
    heads = [s for s in lines[end:] if s.startswith("#")]
    if not info or not all(_DATE_START.match(s) for s in info) or not all(HEADING_LINE.match(h) for h in heads):
        return None
    return "\n".join(re.sub(r"^#+ ", "", s) for i, s in enumerate(lines) if i != end)


@pytest.mark.slow
def test_one_law_in_two_layouts_gives_one_tree():
    bulk = CORPUS / "bulk"
    if not bulk.exists():
        pytest.skip(NO_CORPUS)
    failures, tried = [], 0
    for path in sorted(bulk.rglob("*.md"))[::3]:
        markdown = read(path)
        plain = _plain_copy(markdown)
        if plain is None:
            continue
        tried += 1
        a, b = load_text(markdown, "a.md"), load_text(plain, "a.txt")
        if b.format != "plain":
            continue  # read as a PDF extraction: reader.py's detection, not the tree's
        shape = [[(n.kind, n.label, n.text) for n in d.walk()] for d in a.documents]
        other = [[(n.kind, n.label, n.text) for n in d.walk()] for d in b.documents]
        dates = [d.adopted for d in a.documents], [d.adopted for d in b.documents]
        if shape != other or dates[0] != dates[1]:
            failures.append(f"{path.relative_to(bulk)}: adopted {dates[0]} / {dates[1]}")
    assert tried > 200
    assert not failures, "\n".join(failures)
