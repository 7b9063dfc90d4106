"""The public API (lawcli/__init__.py, lawcli/api.py): every name resolves, and the
examples in its docstrings run as written."""

from __future__ import annotations

import doctest
import inspect

import lawcli
import lawcli.api
from tests.conftest import ROOT


def test_every_exported_name_resolves_and_says_how_to_use_it():
    for name in lawcli.__all__:
        obj = getattr(lawcli, name)
        assert obj is not None, name
        if inspect.isfunction(obj):
            assert obj.__doc__ and ">>>" in obj.__doc__, f"{name}: no example in its docstring"


def test_docstring_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)  # the examples read samples/
    for module in (lawcli, lawcli.api):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted and result.failed == 0, module.__name__


def test_the_library_stays_unimported_until_asked():
    import subprocess
    import sys

    code = "import sys, lawcli; print(sorted(m for m in sys.modules if m.startswith('lawcli.')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
