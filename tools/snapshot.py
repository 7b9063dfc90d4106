"""Record what every command prints, to prove a restructuring changed nothing.

    python tools/snapshot.py record OUT.jsonl      # before the change
    python tools/snapshot.py record NEW.jsonl      # after it
    python tools/snapshot.py compare OUT.jsonl NEW.jsonl

Each run of `python -m lawcli …` (text and JSON, every command) on the samples and a
fixed selection of ../shared/corpus is kept with its exit code, stdout and stderr.
The recordings hold corpus text: keep them outside the repository.  Only the command
line is used, so the recording does not depend on how the package is laid out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")


def _rel(path: str) -> str:
    return os.path.relpath(path, ROOT)


def _files(folder: str, every: int = 1) -> list[str]:
    out = []
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        out += [os.path.join(base, n) for n in sorted(names) if n.endswith((".md", ".txt"))
                and n not in ("README.md", "FORMAT.md")]
    return [_rel(p) for p in out[::every]]


def _look_ups(f: str) -> list[list[str]]:
    runs = [["toc", f], ["toc", f, "-f", "json"], ["print", f], ["print", f, "-f", "json"],
            ["docs", f], ["docs", f, "-f", "json"], ["docs", f, "-f", "table"],
            ["refs", f], ["refs", f, "-f", "json"], ["check", f], ["check", f, "-f", "json"],
            ["refs", f, "--to", "3"]]
    for ref in ("1", "2.1", "3.1.2", "第一章", "2-4", "10之一", "第二编", "序言", "999"):
        runs.append(["article", ref, f])
    runs.append(["article", "5", f, "-f", "json"])
    runs.append(["article", "2", f, "--punct", "standard"])
    return runs


def commands() -> list[list[str]]:
    samples = _files(os.path.join(ROOT, "samples"))
    corpus = os.path.isdir(CORPUS)
    files = samples + (_files(os.path.join(CORPUS, "national")) + _files(os.path.join(CORPUS, "gazette"))
                       + _files(os.path.join(CORPUS, "bulk"), every=37) if corpus else [])
    runs = [r for f in files for r in _look_ups(f)]
    gazettes = [f for f in files if "公报" in f or "gazette" in f]
    for g in gazettes:
        runs += [["article", "4", g, "--punct", "standard"], ["article", "23", g, "--doc", "2"],
                 ["toc", g, "--doc", "3"], ["print", g, "--doc", "4", "-f", "json"]]
    where = [_rel(os.path.join(ROOT, "samples"))] + ([_rel(os.path.join(CORPUS, "national"))] if corpus else [])
    for w in where:
        for extra in ([], ["-c"], ["-l"], ["-C", "1"], ["-f", "json"], ["-f", "jsonl"], ["--level", "article"],
                      ["-n"], ["--kind", "条例"], ["--within", "第二章"]):
            runs.append(["search", "罚款", w, "--no-index", *extra])
        runs += [["search", "-E", "处.{1,12}罚款", w, "--no-index"],
                 ["search", "-q", "保护 -罚款", w, "--no-index"],
                 ["search", "-e", "人民政府", "-e", "条例", "--all", w, "--no-index"],
                 ["search", "公 共", w, "--ignore-space", "--no-index"],
                 ["search", "條例", w, "--no-index"]]
    if corpus:
        pairs = [("national/社会法/妇女权益保障法(2018-10-26).md", "national/社会法/妇女权益保障法(2022-10-30).md"),
                 ("national/经济法/反垄断法(2007-08-30).md", "national/经济法/反垄断法(2022-06-24).md"),
                 ("national/行政法/突发事件应对法(2007-08-30).md", "national/行政法/突发事件应对法(2024-06-28).md"),
                 ("national/行政法/职业教育法(1996-05-15).md", "national/行政法/职业教育法(2022-04-20).md"),
                 ("national/经济法/会计法(2017-11-04).md", "national/经济法/会计法(2024-06-28).md"),
                 ("national/社会法/未成年人保护法(2020-10-17).md", "national/社会法/未成年人保护法(2024-04-26).md")]
        for old, new in pairs:
            o, n = _rel(os.path.join(CORPUS, old)), _rel(os.path.join(CORPUS, new))
            for extra in ([], ["-a"], ["-f", "json"], ["-f", "markdown"], ["-f", "html"], ["-w", "100"]):
                runs.append(["diff", o, n, *extra])
        for tf in ("amendments/triples.json", "amendments/more/triples.json"):
            for t in json.load(open(os.path.join(CORPUS, tf), encoding="utf-8")):
                o, a, n = (_rel(os.path.join(CORPUS, t[k])) for k in ("old", "act", "new"))
                sel = ["--law", t["selector"]] if t.get("selector") else []
                runs += [["amend", o, a, *sel], ["amend", o, a, *sel, "-f", "json"],
                         ["amend", o, a, *sel, "--check", n], ["diff", o, n, "--act", a]]
    for s in samples:
        runs.append(["diff", s, s])
    runs += [["check", "--rules"], ["article", "x", samples[0]], ["article", "1", "no-such-file.txt"]]
    return runs


def _run(args: list[str], env: dict[str, str]) -> dict:
    p = subprocess.run([sys.executable, "-m", "lawcli", *args], cwd=ROOT, env=env,
                       capture_output=True, timeout=600)
    return {"args": args, "rc": p.returncode, "stdout": p.stdout.decode("utf-8", "replace"),
            "stderr": p.stderr.decode("utf-8", "replace")}


def record(out: str) -> None:
    tmp = tempfile.mkdtemp(prefix="lawcli-snapshot-")
    try:
        env = {**os.environ, "LAWCLI_CACHE": "off", "LAWCLI_HOME": os.path.join(tmp, "home"),
               "NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": ROOT}
        runs = commands()
        with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
            results = list(pool.map(lambda a: _run(a, env), runs))
        with open(out, "w", encoding="utf-8") as f:
            for r in results:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{len(results)} runs recorded in {out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compare(a: str, b: str) -> int:
    def load(p: str) -> dict:
        with open(p, encoding="utf-8") as f:
            return {json.dumps(r["args"], ensure_ascii=False): r for r in map(json.loads, f)}

    old, new = load(a), load(b)
    differ = 0
    for k in sorted(set(old) | set(new)):
        if old.get(k) != new.get(k):
            differ += 1
            o, n = old.get(k) or {}, new.get(k) or {}
            what = [f for f in ("rc", "stdout", "stderr") if o.get(f) != n.get(f)]
            print(f"differs ({', '.join(what) or 'missing'}): lawcli {' '.join(json.loads(k))}")
    print(f"{len(old)} runs before, {len(new)} after, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "record":
        record(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
