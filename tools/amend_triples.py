"""Measure `lawcli amend OLD ACT --check NEW` over the shared amendment triples.

Run:  python tools/amend_triples.py [--json] [ID ...]

For every triple of ../shared/corpus/amendments (triples.json and more/triples.json)
the CLI is run as a user would run it (with `--law SELECTOR` where the triple gives
one) and the printed result is scored against the official re-published text
*without lawcli's parser or its --check*: articles are the lines that start with
第X条 followed by a space (the README's own definition), bodies are compared with
white space removed, full-width digits and letters folded and ASCII punctuation made
full-width.  The triple's `changed_articles` say which articles the act changed.

Columns: changed articles exact / changed, untouched articles exact / untouched,
failed operations, the exit code, and the --check verdict (differences, unexplained).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
_ARTICLE = re.compile(r"^\s*(?:#+\s*)?(第[〇零一二三四五六七八九十百千0-9０-９]+条(?:之[一二三四五六七八九十]+)?)[\s\u3000]+(.*)$")
_HEADING = re.compile(r"^\s*(?:#+\s|第[〇零一二三四五六七八九十百千]+[编章节][\s\u3000]|<!--)")
_ASCII = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})


def norm(s: str) -> str:
    s = re.sub(r"[\s\u200b\u200c\u200d\u2060\ufeff]+", "", s)  # zero-width spaces are white space too
    s = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" or "Ａ" <= c <= "ｚ" else c for c in s)
    return s.translate(_ASCII)


def articles(text: str) -> dict[str, str]:
    """Label → body of every article, by a plain reading of the lines."""
    out: dict[str, str] = {}
    cur = None
    for line in text.splitlines():
        m = _ARTICLE.match(line)
        if m:
            cur = m.group(1)
            out[cur] = m.group(2)
        elif _HEADING.match(line) or line.startswith("---"):
            cur = None
        elif cur is not None and line.strip():
            out[cur] += "\n" + line
    return {k: norm(v) for k, v in out.items()}


def label_of(n) -> str:
    from lawcli.text.numerals import to_chinese

    return f"第{to_chinese(int(n))}条" if str(n).isdigit() else str(n)


def triples() -> list[dict]:
    out = []
    for f in (CORPUS / "amendments" / "triples.json", CORPUS / "amendments" / "more" / "triples.json"):
        out += json.loads(f.read_text(encoding="utf-8"))
    return out


def measure(t: dict, python: str = sys.executable) -> dict:
    cmd = [python, "-m", "lawcli", "amend", str(CORPUS / t["old"]), str(CORPUS / t["act"]),
           "--check", str(CORPUS / t["new"]), "--format", "json"]
    if t.get("selector"):
        cmd += ["--law", t["selector"]]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    row = {"id": t["id"], "exit": p.returncode, "changed": len(t["changed_articles"])}
    try:
        data = json.loads(p.stdout)
    except json.JSONDecodeError:
        row.update(changed_exact=0, untouched=None, untouched_exact=0, failed=None,
                   error=p.stderr.strip().splitlines()[-1:] or [""])
        return row
    got = articles(data["text"])
    want = articles((CORPUS / t["new"]).read_text(encoding="utf-8"))
    changed = {label_of(n) for n in t["changed_articles"]}
    row["changed_exact"] = sum(1 for k in changed if k in want and got.get(k) == want[k])
    rest = [k for k in want if k not in changed]
    row["untouched"] = len(rest)
    row["untouched_exact"] = sum(1 for k in rest if got.get(k) == want[k])
    row["extra"] = len([k for k in got if k not in want])
    row["failed"] = data["summary"]["failed"]
    chk = data.get("check") or {}
    row["differences"] = chk.get("differences")
    row["unexplained"] = chk.get("unexplained")
    row["wrong"] = sorted((k for k in want if got.get(k) != want[k]), key=len)
    return row


def main(argv: list[str]) -> int:
    want_json = "--json" in argv
    ids = [a for a in argv if not a.startswith("--")]
    rows = [measure(t) for t in triples() if not ids or t["id"] in ids]
    if want_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"{'triple':28} {'changed':>9} {'untouched':>10} {'failed':>6} {'exit':>4} {'diff/unexpl':>11}")
    tc = tce = tu = tue = 0
    for r in rows:
        tc += r["changed"]
        tce += r["changed_exact"]
        tu += r["untouched"] or 0
        tue += r["untouched_exact"]
        print(f"{r['id']:28} {r['changed_exact']:>4}/{r['changed']:<4} {r['untouched_exact']:>4}/{r['untouched'] or 0:<5}"
              f" {r['failed'] if r['failed'] is not None else '-':>6} {r['exit']:>4}"
              f" {str(r.get('differences'))+'/'+str(r.get('unexplained')):>11}"
              + (f"  {r['error']}" if r.get("error") else "")
              + (f"  wrong: {' '.join(r['wrong'][:8])}" if r.get("wrong") else ""))
    print(f"{'total':28} {tce:>4}/{tc:<4} {tue:>4}/{tu:<5}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
