"""Shared fixtures: the real corpus beside the project, and the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
NO_CORPUS = "../shared/corpus is not beside the project (a user's clone has none): corpus tests skipped"


def corpus_file(*parts: str) -> Path:
    """Path of a corpus file; skips the test with a clear reason when it is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(NO_CORPUS if not CORPUS.exists() else f"{path} not in the corpus")
    return path


def national_files() -> list[Path]:
    return sorted((CORPUS / "national").glob("*/*.md")) if CORPUS.exists() else []


def or_skip(params: list) -> list:
    """Parameters of a corpus-wide test, or one that skips with the reason why."""
    return params or [pytest.param(None, marks=pytest.mark.skip(reason=NO_CORPUS))]


def corpus_texts() -> list[Path]:
    """Every legal text of the corpus (all folders), not its READMEs and format notes."""
    if not CORPUS.exists():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".txt")
                  and p.name not in ("README.md", "FORMAT.md"))


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".md"))


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.exists():
        pytest.skip(NO_CORPUS)
    return CORPUS


def read(path: Path) -> str:
    from lawcli.text.reader import decode

    return decode(path.read_bytes(), name=str(path))[0]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    """Tests never write to the user's cache; each test starts with an empty one."""
    monkeypatch.setenv("LAWCLI_CACHE", str(tmp_path / "lawcli-cache"))
    # Nor read the user's library: `check` and `refs` follow citations into it.
    monkeypatch.setenv("LAWCLI_HOME", str(tmp_path / "lawcli-home"))


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `lawcli ARGS` in-process → (exit code, stdout, stderr); `stdin=` bytes are piped.
    Through the console script's entry point: plain look-ups take the quick path."""
    import io
    import sys

    from lawcli.cli.entry import main

    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args, stdin=None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
