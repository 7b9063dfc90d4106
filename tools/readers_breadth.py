"""How often a law written to .docx, and set to PDF in one and in two columns, reads
as its Markdown does: the same articles (label and full text).

Run:  python tools/readers_breadth.py [STEP] [OFFSET]
Takes every STEP-th file of ../shared/corpus/bulk (sorted) from OFFSET (default 7, 3:
159 files, about 1.5 minutes on two cores) and prints each file that differs, with
the first article that does, then the counts.  docs/input.md quotes its figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawcli.api import load_bytes, load_text  # noqa: E402
from tests.conftest import CORPUS, read  # noqa: E402
from tests.pdfdoc import docx_bytes, law_pages, render  # noqa: E402
from tests.test_readers import paragraphs, shape  # noqa: E402


def main(step: int = 7, offset: int = 3) -> None:
    files = sorted((CORPUS / "bulk").rglob("*.md"))[offset::step]
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    makers = {
        "docx": lambda pars: (docx_bytes(pars, title=pars[0]), "x.docx"),
        "pdf-1": lambda pars: (render(law_pages(pars, columns=1, title=pars[0])), "x.pdf"),
        "pdf-2": lambda pars: (render(law_pages(pars, columns=2, title=pars[0])), "x.pdf"),
    }
    bad = dict.fromkeys(makers, 0)
    for path in files:
        text = read(path)
        pars = paragraphs(text)
        want = shape(load_text(text, str(path)))[0]
        for kind, make in makers.items():
            got = shape(load_bytes(*make(pars)))[0]
            if got != want:
                bad[kind] += 1
                first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
                print(f"{kind}\t{path.name}\t{len(got)} of {len(want)} articles; first difference at {first + 1}")
    print(f"{len(files)} files: " + ", ".join(f"{k} {len(files) - n} read as the Markdown" for k, n in bad.items()))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
