"""Benchmark: the readers' libraries, each against its alternative, on the same files.

Run:  python benchmarks/bench_readers.py
Needs the test extra (python-docx, reportlab, pypdf) plus, for the comparison only,
pdfminer.six, pdfplumber, selectolax and lxml (`pip install pdfminer.six pdfplumber
selectolax lxml`); a missing one is reported and skipped.

- Word: the largest law of ../shared/corpus written to .docx (python-docx, one
  paragraph per line), read by lawcli's zipfile + ElementTree reader and by
  python-docx (paragraph texts, tables' cells).
- PDF: the 178-page gazette issue typeset back to PDF line by line
  (tests/pdfdoc.extraction_pages), read by pypdf (lawcli's reader: runs, lines,
  columns; and pypdf's own extract_text), pdfminer.six and pdfplumber.
- HTML: the same law as a saved page (a nav, scripts, one <p> per paragraph) parsed
  by html.parser (lawcli's reader), selectolax and lxml.
Prints the median of a few rounds, wall seconds, with each file's size.
"""

from __future__ import annotations

import html
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def median(fn, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def report(label: str, fn, rounds: int = 5) -> None:
    try:
        print(f"  {label:<44} {median(fn, rounds):8.3f} s")
    except ImportError as e:
        print(f"  {label:<44} skipped ({e})")


def law_paragraphs() -> list[str]:
    files = [p for p in CORPUS.rglob("*.md") if p.name != "README.md"]
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    path = max(files, key=lambda p: p.stat().st_size)
    text = path.read_text(encoding="utf-8")
    print(f"law: {path.name} ({len(text.encode()) // 1024} KB of Markdown)")
    return [s.lstrip("#").strip() for s in text.split("\n") if s.strip() and "INFO END" not in s]


def bench_docx(pars: list[str]) -> None:
    from lawcli.text.word import docx_text
    from tests.pdfdoc import docx_bytes

    data = docx_bytes(pars, title=pars[0])
    print(f"Word: {len(pars)} paragraphs, {len(data) // 1024} KB .docx")
    report("lawcli (zipfile + xml.etree)", lambda: docx_text(data, "law.docx"))

    def with_python_docx():
        import docx

        d = docx.Document(io.BytesIO(data))
        out = [p.text for p in d.paragraphs]
        for t in d.tables:
            out += ["\t".join(c.text for c in row.cells) for row in t.rows]
        return out

    report("python-docx (paragraph texts)", with_python_docx)


def bench_pdf() -> None:
    from lawcli.text.pdfread import pdf_text
    from tests.pdfdoc import extraction_pages, render

    text = (CORPUS / "gazette" / "shanxi-gazette-2021-07.txt").read_text(encoding="utf-8")
    pages = extraction_pages(text)
    data = render(pages)
    print(f"PDF: {len(pages)} pages, {len(data) // 1024} KB")
    report("lawcli (pypdf runs → lines, columns)", lambda: pdf_text(data, "g.pdf"), 3)

    def pypdf_plain():
        import pypdf

        return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]

    def pdfminer():
        from pdfminer.high_level import extract_text

        return extract_text(io.BytesIO(data))

    def pdfplumber():
        import pdfplumber as pl

        with pl.open(io.BytesIO(data)) as pdf:
            return [p.extract_text() for p in pdf.pages]

    report("pypdf extract_text", pypdf_plain, 3)
    report("pdfminer.six extract_text", pdfminer, 3)
    report("pdfplumber extract_text", pdfplumber, 3)


def bench_html(pars: list[str]) -> None:
    from lawcli.text.webpage import html_text

    nav = "<nav><ul>" + "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(40)) + "</ul></nav>"
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in pars)
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{pars[0]}</title>"
            f"<script>var x = 1;</script><style>p {{margin: 0}}</style></head><body>{nav}"
            f"<div class='content'><h1>{pars[0]}</h1>{body}</div><footer>版权所有</footer></body></html>")
    data = page.encode()
    print(f"HTML: {len(data) // 1024} KB page")
    report("lawcli (html.parser)", lambda: html_text(data, None, "p.html"))

    def selectolax():
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(data.decode())
        tree.strip_tags(["script", "style", "nav", "head", "footer"])
        return [n.text() for n in tree.css("p, h1, li, div")]

    def lxml():
        import lxml.html

        root = lxml.html.fromstring(data)
        for bad in root.xpath("//script|//style|//nav|//head|//footer"):
            bad.drop_tree()
        return [e.text_content() for e in root.iter("p", "h1", "li")]

    report("selectolax/lexbor (strip, then p/h1/li/div)", selectolax)
    report("lxml.html (drop, then p/h1/li texts)", lxml)


def main() -> None:
    pars = law_paragraphs()
    bench_docx(pars)
    bench_html(pars)
    bench_pdf()


if __name__ == "__main__":
    main()
