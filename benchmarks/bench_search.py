"""Search benchmark: every figure measured side by side in one run, each side a cold process.

    python benchmarks/bench_search.py [--mb 50] [--runs 5] [--keep DIR]

1. Indexed search over the shared laws replicated to ≥ --mb MB (in a temporary
   directory, or DIR with --keep: made and indexed once, reused by later runs)
   against `grep -rF` of the same literal over the same files; also `-l`.
2. Unindexed search over ../shared/corpus against `python -c 'import typer'`,
   with the parse cache off (files ruled out unparsed, the others parsed), cold
   (a new cache: what a first search does, parsing and keeping) and warm.
3. The index build rate in MB/s (fresh build), and the time of a no-op update.

lawcli runs as the installed console script beside this Python (what people
type), or `python -m lawcli` when there is none.

Each copy of the corpus gets one line of its own at the end, so no two files are
identical (nothing can be deduplicated by content).  Times are the median of
--runs cold processes, after one warm-up run that fills the OS page cache (and
the byte-code cache, which lives in the temporary directory).  Wall and CPU
time are both reported: CPU time is the fair comparison on a shared machine.
Each side's output goes to a file (see `_once` for why not /dev/null).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
_SCRIPT = Path(sys.executable).with_name("lawcli")
LAWCLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "lawcli"]


def timed(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(median wall time, median CPU time) of `runs` cold processes after a warm-up,
    and the exit code.  CPU time (user + system, from the OS's accounting of the
    child) is what to compare on a machine shared with other jobs."""
    _once(cmd, env)
    walls, cpus, code = [], [], 0
    for _ in range(runs):
        wall, cpu, code = _once(cmd, env)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus), code


def cold_cache(cmd: list[str], runs: int, env: dict[str, str], tmp: Path) -> tuple[float, float]:
    """(median wall, median CPU) of `cmd` each time with a new, empty parse cache."""
    walls, cpus = [], []
    for _ in range(runs):
        e = dict(env, LAWCLI_CACHE=tempfile.mkdtemp(prefix="cold-cache-", dir=tmp))
        w, c, _ = _once(cmd, e)
        walls.append(w)
        cpus.append(c)
    return statistics.median(walls), statistics.median(cpus)


def _once(cmd: list[str], env: dict[str, str] | None) -> tuple[float, float, int]:
    """(wall, CPU, exit code) of one process, its output written to a file.

    A file, not /dev/null: GNU grep notices output to /dev/null and then reads each
    file only up to its first match (as with -q), which is not a search of the same
    literal — for a common term it skips most of the corpus and prints nothing.
    """
    with tempfile.TemporaryFile() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        code = subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT).returncode
        wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, code


def replicate(dest: Path, target_mb: float) -> int:
    """Copy the corpus's texts into dest until it holds target_mb; returns bytes."""
    sources = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".txt") and p.name != "README.md"
                     and "FORMAT" not in p.name)
    total, n = 0, 0
    while total < target_mb * 1e6:
        for p in sources:
            out = dest / f"copy{n:03d}" / p.relative_to(CORPUS)
            out.parent.mkdir(parents=True, exist_ok=True)
            data = p.read_bytes() + f"\n（副本{n}）\n".encode("utf-8")
            out.write_bytes(data)
            total += len(data)
        n += 1
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", metavar="DIR", help="make (once) and reuse the replicated corpus here")
    args = ap.parse_args()
    if not CORPUS.exists():
        print("../shared/corpus is not beside the project: nothing to measure", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="lawcli-bench-"))
    env = dict(os.environ, LAWCLI_HOME=str(tmp / "home"), LAWCLI_CACHE=str(tmp / "cache"), NO_COLOR="1",
               # Byte code cached as in any installation (this sandbox sets
               # PYTHONDONTWRITEBYTECODE, which recompiles every module on every run),
               # kept out of the working tree.
               PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env_nocache = dict(env, LAWCLI_CACHE="off")
    try:
        big = Path(args.keep).resolve() if args.keep else tmp / "laws"
        made = not (big / ".lawcli-index.sqlite").exists()
        if made:
            shutil.rmtree(big, ignore_errors=True)
            size = replicate(big, args.mb)
        else:
            size = sum(p.stat().st_size for p in big.rglob("*.*") if not p.name.startswith("."))
        files = sum(1 for p in big.rglob("*.*") if not p.name.startswith("."))
        print(f"corpus: {size / 1e6:.1f} MB in {files} files under {big}"
              + ("" if made else " (kept from an earlier run)"))

        # 3. Build rate (fresh), then a no-op update.
        out = subprocess.run(LAWCLI + ["index", str(big), "--format", "json"], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        build = json.loads(out)
        t_noop, _, _ = timed(LAWCLI + ["index", str(big)], 1, env)
        db = Path(build["index"])
        if build["parsed"]:
            print(f"index build: {build['seconds']:.1f} s for {build['bytes_parsed'] / 1e6:.1f} MB = "
                  f"{build['mb_per_s']:.2f} MB/s ({os.cpu_count()} CPUs); index file "
                  f"{db.stat().st_size / 1e6:.0f} MB; no-op update {t_noop:.2f} s")
        else:
            print(f"index kept ({db.stat().st_size / 1e6:.0f} MB); no-op update {t_noop:.2f} s")

        # 1. Indexed search vs grep -rF of the same literal over the same files.
        print("\nindexed search vs grep -rF (same literal, same files), median of "
              f"{args.runs} cold runs, seconds (wall / CPU):")
        print(f"  {'literal':<8} {'hits':>5} {'lawcli':>13} {'grep':>13} {'ratio':>11}")
        for lit in ("传统建筑", "个人信息处理者", "没收违法所得", "罚款"):
            hits = subprocess.run(LAWCLI + ["search", lit, str(big), "-f", "jsonl"], env=env, cwd=ROOT,
                                  capture_output=True, text=True).stdout.count("\n")
            w_l, c_l, code = timed(LAWCLI + ["search", lit, str(big)], args.runs, env)
            w_g, c_g, _ = timed(["grep", "-rF", lit, str(big)], args.runs, env)
            print(f"  {lit:<8} {hits:>5} {w_l:6.3f}/{c_l:6.3f} {w_g:6.3f}/{c_g:6.3f} "
                  f"{w_l / w_g:5.1f}/{c_l / max(c_g, 1e-3):5.1f}")
            # The same question without printing the hits: which files hold it.
            w_l, c_l, _ = timed(LAWCLI + ["search", "-l", lit, str(big)], args.runs, env)
            w_g, c_g, _ = timed(["grep", "-rlF", lit, str(big)], args.runs, env)
            print(f"  {'  -l':<8} {'':>5} {w_l:6.3f}/{c_l:6.3f} {w_g:6.3f}/{c_g:6.3f} "
                  f"{w_l / w_g:5.1f}/{c_l / max(c_g, 1e-3):5.1f}")

        # 2. Unindexed search over ../shared/corpus vs python -c 'import typer'.
        w_t, c_t, _ = timed([sys.executable, "-c", "import typer"], args.runs, env)
        w_v, c_v, _ = timed(LAWCLI + ["--version"], args.runs, env)
        corpus_mb = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file()) / 1e6
        print(f"\nunindexed search over ../shared/corpus ({corpus_mb:.1f} MB) vs python -c 'import typer'"
              f" = {w_t:.3f}/{c_t:.3f} s (lawcli --version: {w_v:.3f}/{c_v:.3f} s), wall/CPU:")
        print(f"  {'literal':<8} {'parse cache off':>15} {'ratio':>11} {'cache cold':>13} {'ratio':>11}"
              f" {'cache warm':>13} {'ratio':>11}")
        for lit in ("传统建筑", "个人信息处理者", "条例", "罚款"):
            cmd = LAWCLI + ["search", lit, str(CORPUS), "--no-index"]
            w_off, c_off, _ = timed(cmd, args.runs, env_nocache)
            w_cold, c_cold = cold_cache(cmd, args.runs, env, tmp)
            w_on, c_on, _ = timed(cmd, args.runs, env)
            print(f"  {lit:<8} {w_off:7.3f}/{c_off:6.3f} {w_off / w_t:5.2f}/{c_off / c_t:5.2f} "
                  f"{w_cold:6.3f}/{c_cold:6.3f} {w_cold / w_t:5.2f}/{c_cold / c_t:5.2f} "
                  f"{w_on:6.3f}/{c_on:6.3f} {w_on / w_t:5.2f}/{c_on / c_t:5.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
