"""Benchmark: parse speed in-process, and a cold `lawcli article 23 FILE` against `import typer`.

Run:  python benchmarks/bench_parse.py [FILE]
Default FILE: the largest file of ../shared/corpus (the 552 KB gazette issue).
Prints medians; the README quotes its figures.  Not part of the test run: timings
on a shared machine are too noisy for assertions.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def largest_file() -> Path:
    files = [p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md") and p.name != "README.md"
             and p.name != "FORMAT.md"]
    if not files:
        sys.exit(f"no corpus at {CORPUS}; pass a FILE")
    return max(files, key=lambda p: p.stat().st_size)


def in_process(path: Path, rounds: int = 15) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from lawcli.parsing.source import load_text
    from lawcli.text.reader import decode

    text, _ = decode(path.read_bytes())
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        load_text(text, str(path))
        times.append(time.perf_counter() - t0)
    return times


def cold(cmd: list[str], rounds: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else largest_file()
    size = path.stat().st_size
    parse = in_process(path)
    print(f"file: {path.name} ({size / 1024:.0f} KB)")
    print(f"parse in-process (read+normalise+split+trees): median {statistics.median(parse)*1000:.1f} ms, "
          f"best {min(parse)*1000:.1f} ms ({size / min(parse) / 1e6:.1f} MB/s)")
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as pyc:
        # Byte code as a normal install has it: some sandboxes set PYTHONDONTWRITEBYTECODE,
        # which would recompile lawcli's modules (not typer's, compiled by pip) on every run.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(LAWCLI_CACHE=cache, NO_COLOR="1", PYTHONPYCACHEPREFIX=pyc)
        lookup = [sys.executable, "-m", "lawcli", "article", "23", str(path)]
        if "gazette" in path.name:
            lookup += ["--doc", "传统村落"]
        typer = [sys.executable, "-c", "import typer"]
        os.chdir(ROOT)  # `-m lawcli` runs this working tree
        rounds = 15
        cold(typer, 2, env)  # writes byte code for both sides
        first = cold(lookup, 1, env)  # fills the parse cache
        base = cold(typer, rounds, env)
        look = cold(lookup, rounds, env)
        nocache = cold(lookup, rounds, dict(env, LAWCLI_CACHE="off"))
    b, warm, n = (statistics.median(x) for x in (base, look, nocache))
    print(f"cold `python -c 'import typer'`: median {b*1000:.0f} ms")
    print(f"cold `lawcli article 23 FILE` (parse cache warm): median {warm*1000:.0f} ms = {warm/b:.2f} × import typer")
    print(f"cold `lawcli article 23 FILE` (no cache, parses): median {n*1000:.0f} ms = {n/b:.2f} × import typer"
          f" (first run filling the cache: {first[0]*1000:.0f} ms)")


if __name__ == "__main__":
    main()
