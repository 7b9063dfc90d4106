"""Benchmark: apply an amendment act to a 500-article law (target: under 1 s).

Run:  python benchmarks/bench_amend.py [ARTICLES]
The law and the act are generated (invented text in drafting style): 25 chapters,
articles with 款 and 项 and cross-references, and an act of 100 instructions of
every kind — replacements (quoted inline, or in the next paragraphs as the Supreme
People's Court writes them), phrase edits (one phrase or a list), inserted and deleted
articles, 款 and 项, a merge, a split, a chapter merge, a global replacement and
stated numbers — ending with 对条文顺序作相应调整, so the whole law is renumbered and
its references rewritten.  Prints the median of several runs.

The peer in the same run is `patch` applying the unified diff (`diff -u`) of the same
change — the mechanical tool a drafter would otherwise use, which needs the result
already written.  Not part of the test run: timings on a shared machine are too noisy
for assertions.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lawcli.amend import apply_act  # noqa: E402
from lawcli.text.numerals import to_chinese  # noqa: E402


def make_law(n: int) -> str:
    lines = ["示例省综合管理条例", "", "（2010年1月1日示例省人民代表大会常务委员会通过）", ""]
    per_chapter = max(1, n // 25)
    for k in range(1, n + 1):
        if (k - 1) % per_chapter == 0:
            ch = (k - 1) // per_chapter + 1
            lines += [f"第{to_chinese(ch)}章　第{to_chinese(ch)}类事项管理", ""]
        cn = to_chinese(k)
        ref = to_chinese(max(1, k - 3))
        lines += [f"第{cn}条　有关主管部门应当依照本条例第{ref}条的规定，做好第{cn}项管理工作，所需经费列入本级财政预算。", ""]
        if k % 3 == 0:
            lines += ["管理单位应当建立健全工作台帐，定期报告工作情况。", ""]
        if k % 5 == 0:
            lines += ["有关单位应当遵守下列规定：", "", "（一）依法取得许可；", "", "（二）按照规定报送材料；", "",
                      "（三）接受监督检查。", ""]
    return "\n".join(lines)


def make_act(n: int) -> str:
    items = []
    add = items.append
    step = max(1, n // 28)
    for j, k in enumerate(range(7, n - 5, step)):
        cn = to_chinese(k)
        add(f"将第{cn}条中的“所需经费列入本级财政预算”修改为“所需经费按照规定列入本级财政预算”。")
        if j % 2:
            add(f"在第{to_chinese(k + 1)}条中的“有关主管部门”后增加“和相关单位”。")
        else:
            add(f"将第{to_chinese(k + 1)}条中的“有关主管部门”“主管部门”修改为“有关主管机关”。")
        if j % 3:
            add(f"将第{to_chinese(k + 2)}条修改为：“县级以上人民政府应当加强第{cn}项工作的统筹协调。\n“具体办法由省人民政府制定。”")
        else:  # the quotation in the next paragraphs, opened once and closed at the end
            add(f"将第{to_chinese(k + 2)}条修改为：\n\n“县级以上人民政府应当加强第{cn}项工作的统筹协调。\n\n具体办法由省人民政府制定。”")
    for k in range(10, n - 5, step * 2):
        add(f"增加一条，作为第{to_chinese(k)}条：“省人民政府应当建立第{to_chinese(k)}项工作协调机制。”")
    add(f"删去第{to_chinese(n - 1)}条。")  # cited by no other article
    add("删去第十五条第三款第（三）项。")
    add("第十条增加一款，作为第一款：“本条所称管理，包括规划、建设和监督。”")
    add("将第二十条第二款单列一条，作为第二十二条。")
    add("将第三十条、第三十一条合并。")
    add("将第三章并入第二章。")
    add("将相关条文中的“帐”修改为“账”。")
    out = ["示例省人民代表大会常务委员会关于修改《示例省综合管理条例》的决定", "",
           "示例省人民代表大会常务委员会第十次会议决定对《示例省综合管理条例》作如下修改：", ""]
    for i, text in enumerate(items, 1):
        out += [f"{to_chinese(i)}、{text}", ""]
    out += ["本决定自公布之日起施行。", "",
            "《示例省综合管理条例》根据本决定作相应修改并对条文顺序作相应调整，重新公布。"]
    return "\n".join(out)


def peer_patch(old: str, new: str) -> float | None:
    """Median seconds for `patch` to apply `diff -u OLD NEW` (None when either is missing)."""
    import shutil
    import subprocess
    import tempfile

    if not shutil.which("diff") or not shutil.which("patch"):
        return None
    with tempfile.TemporaryDirectory() as d:
        a, b = Path(d, "old.txt"), Path(d, "new.txt")
        a.write_text(old, encoding="utf-8")
        b.write_text(new, encoding="utf-8")
        udiff = subprocess.run(["diff", "-u", str(a), str(b)], capture_output=True).stdout
        Path(d, "change.diff").write_bytes(udiff)
        times = []
        for _ in range(7):
            work = Path(d, "work.txt")
            work.write_text(old, encoding="utf-8")
            t = time.perf_counter()
            subprocess.run(["patch", "-s", str(work), str(Path(d, "change.diff"))], check=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    law, act = make_law(n), make_act(n)
    instructions = sum(1 for line in act.split("\n") if line[:1] in "一二三四五六七八九十" and "、" in line[:6])
    apply_act(law, act)  # warm-up: imports and regex compilation
    times = []
    result = None
    for _ in range(7):
        t = time.perf_counter()
        result = apply_act(law, act)
        times.append(time.perf_counter() - t)
    assert result is not None
    ops = len(result.log)
    failed = len(result.failed)
    print(f"amend: {n}-article law ({len(law) // 1024} KB), {instructions} instructions, {ops} operations "
          f"({failed} failed), median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f} ms)"
          " — target < 1000 ms")
    peer = peer_patch(law, result.text)
    if peer is not None:
        print(f"peer: patch applying diff -u of the same change, median {peer * 1000:.0f} ms")


if __name__ == "__main__":
    main()
