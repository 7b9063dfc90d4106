"""The fuzz battery: generated texts of the structural alphabet through every read command.

    python tools/fuzz_battery.py [--texts 6000] [--seed 2026]

Each text (tests/test_structural_fuzz.py: `structural_texts`, the same alphabet as the
property test) is written to a file and every command of READ_COMMANDS runs on it
in-process, as the console script would (cli/entry.main).  Prints the exit codes seen,
and every run that ended in an internal error (with its text); exits 1 if there was one.
CI runs a small sample of this (tests/test_structural_fuzz.py); this is the long run.
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def run(argv: list[str]) -> tuple[int, str]:
    """(exit code, stderr) of `lawcli ARGV`, in this process."""
    from lawcli.cli.entry import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO("")
    try:
        code = main(argv)
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
    return code, err.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    from tests.test_structural_fuzz import READ_COMMANDS, structural_texts

    work = tempfile.mkdtemp(prefix="lawcli-fuzz-")
    os.environ.update(NO_COLOR="1", LAWCLI_CACHE=os.path.join(work, "cache"),
                      LAWCLI_HOME=os.path.join(work, "home"))
    path = os.path.join(work, "t.txt")
    codes: collections.Counter[int] = collections.Counter()
    failures = []
    started = time.perf_counter()
    texts = structural_texts(args.texts, seed=args.seed)
    for text in texts:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        for command in READ_COMMANDS:
            argv = [path if a == "{}" else a for a in command]
            code, err = run(argv)
            codes[code] += 1
            if "internal error" in err or code not in (0, 1, 2):
                failures.append((command, text, err.strip()))
    took = time.perf_counter() - started
    runs = sum(codes.values())
    print(f"{len(texts)} texts × {len(READ_COMMANDS)} commands = {runs} runs in {took:.0f} s; "
          f"exit codes: {dict(sorted(codes.items()))}; internal errors: {len(failures)}")
    for command, text, err in failures[:20]:
        print(f"--- {' '.join(command)}\n{text!r}\n{err}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
