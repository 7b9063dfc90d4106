"""Modules over 600 lines and functions over 100 lines in lawcli/ (the issue's limits).

    python tools/sizes.py          # prints offenders; exit 1 when there are any
"""

from __future__ import annotations

import ast
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lawcli")
MODULE_LINES, FUNCTION_LINES = 600, 100


def offenders(root: str = ROOT) -> list[str]:
    out = []
    for base, _, names in os.walk(root):
        for n in sorted(names):
            if not n.endswith(".py"):
                continue
            path = os.path.join(base, n)
            with open(path, encoding="utf-8") as f:
                src = f.read()
            rel = os.path.relpath(path, os.path.dirname(root))
            lines = src.count("\n")
            if lines > MODULE_LINES:
                out.append(f"{rel}: {lines} lines")
            for node in ast.walk(ast.parse(src)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = node.end_lineno - node.lineno + 1
                    if length > FUNCTION_LINES:
                        out.append(f"{rel}:{node.lineno} {node.name}: {length} lines")
    return out


if __name__ == "__main__":
    found = offenders()
    print("\n".join(found) or "no module over 600 lines, no function over 100")
    sys.exit(1 if found else 0)
