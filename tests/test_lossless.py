"""Nothing lost: the tree's raw text, joined in order, is the normalised input."""

import pytest

from lawcli.parsing.model import Kind
from lawcli.parsing.source import load_text
from tests.conftest import corpus_texts, or_skip, read, sample_files


def _check(path):
    source = load_text(read(path), str(path))
    joined = "".join(d.joined_raw() for d in source.documents)
    assert joined == source.normalized.text, f"{path.name}: tree text differs from normalised input"
    for doc in source.documents:  # the articles the builder gathers are the tree's, in order
        walked = [n for n in doc.walk() if n.kind is Kind.ARTICLE]
        assert len(doc.articles) == len(walked) and all(a is b for a, b in zip(doc.articles, walked))
    return source


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_samples_lossless(path):
    _check(path)


@pytest.mark.slow
@pytest.mark.parametrize("path", or_skip(corpus_texts()), ids=lambda p: p.name if p else "none")
def test_corpus_lossless(path):
    _check(path)


def test_every_character_of_a_plain_text_is_accounted_for():
    text = "\ufeff某条例\r\n\r\n　　第一条　甲。  \r\n第二条　乙。\r\n"
    source = load_text(text)
    kept = source.normalized.text
    # Removed characters are exactly the counted repairs: BOM, CRs, blank line, indent, trailing.
    assert kept == "某条例\n第一条　甲。\n第二条　乙。\n"
    assert source.repairs["bom"] == 1
    assert source.repairs["line_endings"] == 4
    assert source.repairs["blank_lines"] == 1
    assert source.repairs["indent"] == 1
    assert source.repairs["trailing_space"] == 1
