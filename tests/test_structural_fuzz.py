"""Texts made of the characters that structure a statute: the parser never raises on them,
keeps every character, and no read command meets an internal error.

Random prose rarely forms a heading; these texts are built from the pieces headings,
articles and items are made of (第 条 章 节 编 款 项 之, every numeral character
including 万 and 亿, digits in both widths, the brackets and stops around labels,
look-alikes such as 笫 and 條), so that odd numbers (第万二章, 第亿条, 第〇条之万)
reach every rule of the tokenizer.  CI runs a small derandomized sample; the long
runs are marked slow.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcli.parsing.source import load_text

#: Single characters, then whole pieces that often begin a line.
STRUCTURAL = list("第条章节编款项目之一二三四五六七八九十百千万亿零〇两萬億0123456789２３４５"
                  "（）()、。：；，:\n #　 笫條節編") + [
    "第一条", "第二章", "第万二章", "第万节", "第亿条", "第一万条", "第十条之一", "之万",
    "（一）", "（万）", "1.", "１．", "附件", "附件万", "目录", "序言", "附则", "\n\n", "## ", "### ",
    "# 示例条例\n", "<!-- INFO END -->\n", "第二十三条　", "第一编", "第一分编",
]

pieces = st.lists(st.sampled_from(STRUCTURAL), max_size=80)


def _lossless(text: str) -> None:
    source = load_text(text)
    assert "".join(d.joined_raw() for d in source.documents) == source.normalized.text


@settings(max_examples=150, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(pieces)
def test_structural_text_parses_losslessly(parts):
    _lossless("".join(parts))


@pytest.mark.slow
@settings(max_examples=3000, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(pieces)
def test_structural_text_parses_losslessly_long(parts):
    _lossless("".join(parts))


def structural_texts(n: int, seed: int) -> list[str]:
    """n texts of the structural alphabet, from a fixed seed (the same every run)."""
    rng = random.Random(seed)
    return ["示例条例\n\n" + "".join(rng.choice(STRUCTURAL) for _ in range(rng.randint(1, 120)))
            for _ in range(n)]


#: Every read command, as the arguments after FILE is put last (`{}`).
READ_COMMANDS = [
    ("article", "1", "{}"), ("article", "第二章", "{}"), ("article", "1-3", "{}"),
    ("article", "99999999999999999999", "{}"), ("toc", "{}"), ("print", "{}"),
    ("print", "{}", "--format", "json"), ("docs", "{}"), ("refs", "{}"), ("check", "{}"),
    ("search", "第", "{}"), ("search", "-E", "第.条", "{}", "--level", "article"),
    ("diff", "{}", "{}"),
]


def _battery(cli, tmp_path, texts: list[str]) -> None:
    path = tmp_path / "t.txt"
    for text in texts:
        path.write_text(text, "utf-8")
        for command in READ_COMMANDS:
            code, _, err = cli(*(str(path) if a == "{}" else a for a in command))
            assert "internal error" not in err, (command, text, err)
            assert code in (0, 1, 2), (command, text, code)


def test_read_commands_on_structural_texts(cli, tmp_path):
    _battery(cli, tmp_path, structural_texts(40, seed=20))


@pytest.mark.slow
def test_read_commands_on_structural_texts_long(cli, tmp_path):
    _battery(cli, tmp_path, structural_texts(150, seed=2026))
