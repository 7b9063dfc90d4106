"""What `lawcli check` and a plain `lawcli print` report over a folder, by rule code.

    python tools/check_survey.py ../shared/corpus/bulk

Prints the findings per severity and code, and the share of files on which `print`
writes warnings to stderr (those whose documents carry diagnostics).  Each file is
parsed once.  The numbers issue 14 was measured with are in docs/check.md.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from lawcli.api import load_file
from lawcli.refs.check import check


def survey(root: Path) -> tuple[int, Counter, int]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".txt")
                   and p.name not in ("README.md", "FORMAT.md"))
    found: Counter = Counter()
    warned = 0
    for p in files:
        source = load_file(str(p))
        warned += any(d.warnings for d in source.documents)
        docs = list(source.documents)
        if len(docs) > 1:
            docs = [d for d in docs if d.articles] or docs
        for d in docs:
            found.update((f.severity, f.code) for f in check(d))
    return len(files), found, warned


def main(argv: list[str]) -> int:
    t = time.perf_counter()
    n, found, warned = survey(Path(argv[1]))
    print(f"{n} files, {time.perf_counter() - t:.1f} s")
    for (sev, code), k in sorted(found.items()):
        print(f"{sev:8} {code:6} {k}")
    print(f"files on which print writes warnings: {warned} ({warned / max(n, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
