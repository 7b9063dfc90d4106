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



def test_benchmarks_still_import():
    # The benchmarks are not run by the suite (timings on a shared machine are noise), so a
    # moved module would break them silently; importing each one catches that.
    import glob
    import importlib.util

    for path in sorted(glob.glob(os.path.join(ROOT, "benchmarks", "bench_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert callable(getattr(module, "main", None)), path
