"""Unindexed search (`lawcli search --no-index`) against ripgrep, side by side in one run.

    python benchmarks/bench_scan.py [--copies 1,3] [--runs 5]

Searches ../shared/corpus/bulk (×1, and copied ×3 into a temporary folder, each copy
with a line of its own so nothing is identical) for rare, middling and common terms,
and prints for each the median wall time of `rg -n TERM DIR` (or `grep -rn` where
there is no rg) and of lawcli with the parse cache off, cold (an empty cache: the
first search, which parses and keeps) and warm (the second), with each one's ratio
to rg.  The issue's bar: ≤ 10× rg, and the warm cache never slower than no cache.
Every side is a cold process; the first run of each is a warm-up for the OS's file
cache.  Not a test: timings on a shared machine are for reading, not asserting.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk"
_SCRIPT = Path(sys.executable).with_name("lawcli")
LAWCLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "lawcli"]
TERMS = ("传统建筑", "个人信息", "不得拒绝", "罚款")


def peer(term: str, folder: Path) -> list[str]:
    rg = shutil.which("rg")
    return [rg, "-n", term, str(folder)] if rg else ["grep", "-rn", term, str(folder)]


def once(cmd: list[str], env: dict[str, str]) -> float:
    with tempfile.TemporaryFile() as out:  # a file: grep reads less when writing to /dev/null
        t = time.perf_counter()
        subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        return time.perf_counter() - t


def median(cmd: list[str], env: dict[str, str], runs: int) -> float:
    once(cmd, env)
    return statistics.median(once(cmd, env) for _ in range(runs))


def copies(dest: Path, n: int) -> Path:
    for k in range(n):
        for p in BULK.rglob("*.md"):
            out = dest / f"copy{k}" / p.relative_to(BULK)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(p.read_bytes() + f"\n（副本{k}）\n".encode())
    return dest


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*.md")) / 1e6


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", default="1,3")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not BULK.exists():
        print(f"{BULK} is absent: nothing to search")
        return 0
    tool = "rg -n" if shutil.which("rg") else "grep -rn"
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(c) for c in args.copies.split(",")):
            folder = BULK if n == 1 else copies(Path(tmp) / f"x{n}", n)
            print(f"\n{folder.name} ×{n}: {size_mb(folder):.1f} MB; ratios to `{tool}`")
            print(f"  {'term':8} {'peer':>7} {'no cache':>15} {'cold cache':>15} {'warm cache':>15}")
            for term in TERMS:
                base = dict(os.environ)
                cmd = LAWCLI + ["search", term, str(folder), "--no-index"]
                p = median(peer(term, folder), base, args.runs)
                off = median(cmd, dict(base, LAWCLI_CACHE="off"), args.runs)
                colds = []
                for _ in range(max(1, args.runs // 2)):
                    colds.append(once(cmd, dict(base, LAWCLI_CACHE=tempfile.mkdtemp(dir=tmp))))
                warm_dir = tempfile.mkdtemp(dir=tmp)
                warm = median(cmd, dict(base, LAWCLI_CACHE=warm_dir), args.runs)
                cold = statistics.median(colds)
                print(f"  {term:8} {p * 1000:5.0f}ms "
                      + " ".join(f"{t * 1000:6.0f}ms {t / p:5.1f}×" for t in (off, cold, warm)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
