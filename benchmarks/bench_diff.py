"""Benchmark: diff the largest version pair of the corpus (target: under 2 s).

Run:  python benchmarks/bench_diff.py [--synthetic N]
Finds every law present in two versions in ../shared/corpus/national (the date is in
the file name), takes the pair with the most articles, and times parsing plus
`diff_documents` plus rendering the 修改对照表 (Markdown).  Prints the median of
several runs, and the figure for every pair.

With --synthetic N it also times a generated pair of about N articles (invented
text in drafting style) in which a third of the articles were retouched, some
deleted, inserted and moved: a worst case for the alignment, with few identical
articles to anchor it.  Not part of the test run: timings on a shared machine are
too noisy for assertions.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawcli.compare.diff import diff_documents  # noqa: E402
from lawcli.compare.render import to_markdown  # noqa: E402
from lawcli.api import load_file, load_text  # noqa: E402
from lawcli.text.numerals import to_chinese  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "national"
TARGET = 2.0


def corpus_pairs() -> list[tuple[Path, Path]]:
    by_name: dict[str, list[Path]] = {}
    for p in sorted(CORPUS.glob("*/*.md")):
        m = re.match(r"(.+)\((\d{4}-\d{2}-\d{2})\)$", p.stem)
        if m:
            by_name.setdefault(m.group(1), []).append(p)
    return [tuple(sorted(v)) for v in by_name.values() if len(v) == 2]  # type: ignore[misc]


def run_pair(old: Path, new: Path) -> tuple[float, int, str]:
    t = time.perf_counter()
    a = load_file(str(old)).documents[0]
    b = load_file(str(new)).documents[0]
    result = diff_documents(a, b)
    to_markdown(result)
    return time.perf_counter() - t, len(a.articles) + len(b.articles), result.summary.text


def median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def synthetic(n: int) -> tuple[str, str]:
    """An invented law of n articles and a retouched version of it."""
    rnd = random.Random(1)
    subjects = ["水资源", "林地", "河道", "古建筑", "公共绿地", "地下管线", "农产品", "旅游景区"]
    acts = ["监督检查", "登记备案", "应急处置", "信息公开", "资金保障", "宣传教育"]
    arts: list[tuple[int, str]] = []  # (chapter, text): chapters hold their articles
    for k in range(n):
        s, a = subjects[k % len(subjects)], acts[(k // 3) % len(acts)]
        body = (f"县级以上人民政府{s}主管部门应当加强{s}{a}工作，建立健全{a}制度，"
                f"所需经费列入本级财政预算，具体办法由省人民政府规定（第{k}号）。")
        if k % 4 == 0:
            body += f"\n有关单位应当配合{s}{a}，如实提供资料，不得拒绝或者阻碍。"
        arts.append((k // 40, body))
    new = list(arts)
    for k in range(len(new)):
        if rnd.random() < 0.33:
            new[k] = (new[k][0], new[k][1].replace("建立健全", "完善", 1))
    for k in sorted(rnd.sample(range(len(new)), n // 50), reverse=True):
        del new[k]
    for k in rnd.sample(range(len(new)), n // 50):
        new.insert(k, (new[k][0], "任何单位和个人有权对违反本条例规定的行为进行举报，受理举报的部门应当及时处理。"))
    for _ in range(n // 100):  # moves to another chapter
        art = new.pop(rnd.randrange(len(new)))
        k = rnd.randrange(len(new))
        new.insert(k, (new[k][0], art[1]))

    def render(items: list[tuple[int, str]]) -> str:
        out = ["示例省综合管理条例", ""]
        chapter = -1
        for k, (c, body) in enumerate(items, 1):
            if c != chapter:
                chapter = c
                out += [f"第{to_chinese(c + 1)}章　第{to_chinese(c + 1)}类事项", ""]
            first, *rest = body.split("\n")
            out += [f"第{to_chinese(k)}条　{first}", ""]
            for line in rest:
                out += [line, ""]
        return "\n".join(out)

    return render(arts), render(new)


def main(argv: list[str]) -> int:
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: no corpus pair to time")
    else:
        pairs = corpus_pairs()
        for old, new in pairs:
            secs, arts, summary = run_pair(old, new)
            print(f"{old.stem} → {new.stem}: {arts} articles, {secs * 1000:.0f} ms — {summary}")
        largest = max(pairs, key=lambda p: run_pair(*p)[1])
        secs = median_time(lambda: run_pair(*largest))
        verdict = "OK" if secs < TARGET else "SLOWER THAN TARGET"
        print(f"\nlargest pair: {largest[0].stem} → {largest[1].stem}: median {secs:.3f} s "
              f"(target < {TARGET:.0f} s) {verdict}")
    if "--synthetic" in argv:
        n = int(argv[argv.index("--synthetic") + 1])
        old_text, new_text = synthetic(n)
        a = load_text(old_text, "old.txt").documents[0]
        b = load_text(new_text, "new.txt").documents[0]
        secs = median_time(lambda: diff_documents(a, b), runs=3)
        result = diff_documents(a, b)
        print(f"synthetic {len(a.articles)} → {len(b.articles)} articles: diff median {secs:.3f} s — "
              f"{result.summary.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
