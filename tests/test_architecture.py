"""The package's shape, held as tests: imports run one way, units stay small."""

from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_import_contracts_hold():
    # pyproject.toml's import-linter contracts: the stages' layers, no printing library
    # below the CLI, and the layers inside lawcli/search.
    proc = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                           "lint_imports_command()"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_modules_and_functions_stay_small():
    # tools/sizes.py: no module over 600 lines, no function over 100.
    import importlib.util

    spec = importlib.util.spec_from_file_location("sizes", os.path.join(ROOT, "tools", "sizes.py"))
    sizes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sizes)
    assert sizes.offenders() == []

