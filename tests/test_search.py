"""Search: hits by address, matching that fits Chinese legal text, scope, output, exit codes."""

from __future__ import annotations

import json
import random
import re

import pytest
import typer
from conftest import CORPUS, SAMPLES, corpus_file, national_files, read
from hypothesis import given, settings
from hypothesis import strategies as st

from lawcli.errors import UsageError
from lawcli.parsing.source import load_text
from lawcli.search.rows import rows_of
from lawcli.search.scan import scan, scan_text
from lawcli.search.searcher import Plan, Searcher
from lawcli.search.terms import And, Matcher, Not, Or, RegexTimeout, Term, build_query, parse_query

# Invented texts in drafting style (not real law).
WETLAND = """示范县湿地保护条例

（2024年3月1日示范县第五届人民代表大会常务委员会第九次会议通过）

第一章　总　则

第一条　为了加强湿地保护，维护湿地生态功能和生物多样性，根据《中华人民共和国湿地保护法》等法律、法规，结合本县实际，制定本条例。

第二条　本县行政区域内湿地的保护、修复、利用和管理，适用本条例。

第二章　保护与修复

第三条　县人民政府应当将湿地保护纳入国民经济和社会发展规划。

禁止在重要湿地内从事下列活动：

（一）开（围）垦、填埋湿地；

（二）排放不符合标准的废水；

（三）破坏鸟类栖息地。

第三条之一　县林业主管部门应当建立湿地监测ＡＰＰ，每年发布２０２５年度湿地状况报告。

第三章　法律责任

第四条　违反本条例第三条第二款第（一）项规定的，由县林业主管部门责令停止违法行为，处一万元以上五万元以下罚款。

第五条　违反本条例规定，破坏鸟类 栖息地的，依照有关法律规定处理；构成犯罪的，依法追究刑事责任。

第六条　本条例自2025年1月1日起施行。
"""

WETLAND_TRAD = """示範縣濕地保護條例

第一條　為了加強濕地保護，根據《中華人民共和國濕地保護法》，制定本條例。

第二條　違反本條例規定，排放廢水的，處五萬元以下罰款。
"""

REPORT = """关于示范县湿地保护工作情况的报告

县人民政府高度重视湿地保护，完成了湿地资源调查。

下一步，将加大对排放废水行为的查处力度。
"""



@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    """Never the real home: library and out-of-tree indexes go to a temporary LAWCLI_HOME."""
    monkeypatch.setenv("LAWCLI_HOME", str(tmp_path / "lawcli-home"))


def hits(text: str, expr, name: str = "示范.txt", **plan) -> list:
    return list(scan_text(text, name, Searcher(Plan(expr, **plan)), strict_doc=True))


def addresses(found) -> list[str]:
    return [h.address for h in found]


# -- hits by address ------------------------------------------------------------------

def test_hit_named_by_smallest_node():
    found = hits(WETLAND, Term("废水"))
    assert addresses(found) == ["《示范县湿地保护条例》第三条第二款第（二）项"]
    h = found[0]
    assert h.article == "3" and h.kind == "item"
    assert h.text[h.spans[0][0]:h.spans[0][1]] == "废水"
    assert h.path[0].startswith("第二章") and h.path[-1] == "第（二）项"


def test_article_with_zhi_yi_has_its_key():
    (h,) = hits(WETLAND, Term("监测"))
    assert h.article == "3-1" and h.address.endswith("第三条之一第一款")


def test_levels_roll_hits_up():
    item = hits(WETLAND, Term("湿地"), level="smallest")
    para = hits(WETLAND, Term("湿地"), level="paragraph")
    art = hits(WETLAND, Term("湿地"), level="article")
    assert "《示范县湿地保护条例》第三条第二款第（一）项" in addresses(item)
    assert "《示范县湿地保护条例》第三条第二款" in addresses(para)
    assert not any("项" in a for a in addresses(para))
    art_3 = [h for h in art if h.article == "3"]
    assert len(art_3) == 1 and art_3[0].kind == "article"
    # An article's text is the whole article, items with their labels, one per line.
    assert "\n（一）开（围）垦、填埋湿地；" in art_3[0].text
    for h in art:
        for a, b in h.spans:
            assert h.text[a:b] == "湿地"


def test_headings_and_title_are_searchable():
    found = hits(WETLAND, Term("法律责任"))
    assert [h.kind for h in found] == ["chapter"]


def test_documents_without_articles_hit_by_paragraph():
    found = hits(REPORT, Term("废水"))
    assert [h.kind for h in found] == ["text"] and found[0].line == 5


# -- matching --------------------------------------------------------------------------

def test_width_insensitive_both_ways():
    assert addresses(hits(WETLAND, Term("2025年度"))) == ["《示范县湿地保护条例》第三条之一第一款"]
    assert addresses(hits(WETLAND, Term("app"))) == ["《示范县湿地保护条例》第三条之一第一款"]
    (h,) = hits(WETLAND, Term("第(一)项"))
    assert h.text[h.spans[0][0]:h.spans[0][1]] == "第（一）项"  # span on the published text
    assert addresses(hits(WETLAND, Term("２０２５年１月"))) == ["《示范县湿地保护条例》第六条第一款"]


def test_traditional_query_finds_simplified_text():
    (h,) = hits(WETLAND, Term("開（圍）墾"))
    assert h.text[h.spans[0][0]:h.spans[0][1]] == "开（围）垦"
    assert {x.article for x in hits(WETLAND, Term("條例"))} >= {"1", "2", "4", "5", "6"}


def test_simplified_query_finds_traditional_text():
    found = hits(WETLAND_TRAD, Term("罚款"))
    assert addresses(found) == ["《示範縣濕地保護條例》第二條第一款"]
    h = found[0]
    assert h.text[h.spans[0][0]:h.spans[0][1]] == "罰款"


def test_traditional_spans_stay_on_the_original():
    for h in hits(WETLAND_TRAD, Term("湿地保护")):
        for a, b in h.spans:
            assert h.text[a:b] == "濕地保護"


def test_ignore_space():
    assert not hits(WETLAND, Term("鸟类栖息地"), level="article") == []  # 第三条 has it unspaced
    plain = {h.article for h in hits(WETLAND, Term("鸟类栖息地"))}
    spaced = hits(WETLAND, Term("鸟类栖息地"), ignore_space=True)
    assert plain == {"3"} and {h.article for h in spaced} == {"3", "5"}
    h5 = next(h for h in spaced if h.article == "5")
    a, b = h5.spans[0]
    assert h5.text[a:b] == "鸟类 栖息地"


def test_regex_and_full_width_in_pattern():
    found = hits(WETLAND, Term(r"处.{1,12}罚款", regex=True))
    assert addresses(found) == ["《示范县湿地保护条例》第四条第一款"]
    # （ in a pattern is the published bracket, never a regex group.
    (h,) = hits(WETLAND, Term("第（[一二]）项", regex=True))
    assert h.article == "4"
    assert hits(WETLAND, Term("ａｐｐ", regex=True))
    assert hits(WETLAND, Term("ＡＰＰ", regex=True)) and hits(WETLAND, Term("A[P]+", regex=True))
    assert [h.article for h in hits(WETLAND, Term(r"\d{4}年\D", regex=True))] == ["3-1"]  # ２０２５年度
    assert [h.kind for h in hits(WETLAND, Term(r"\d{4}年\d", regex=True))] == ["info", "paragraph"]


def test_bad_regex_is_a_usage_error():
    with pytest.raises(UsageError):
        Searcher(Plan(Term("(未闭合", regex=True)))


def test_regex_timeout_is_an_error_not_a_hang():
    text = "示范条例\n\n第一条　" + "a" * 60 + "\n"
    with pytest.raises(RegexTimeout) as e:
        hits(text, Term("(a|aa)+c", regex=True), timeout=0.2)
    assert "took more than" in str(e.value)


# -- combining patterns -------------------------------------------------------------------

def test_or_and_all():
    any_of = hits(WETLAND, build_query(["罚款", "监测"]))
    assert {h.article for h in any_of} == {"3-1", "4"}
    both = hits(WETLAND, build_query(["湿地", "废水"], all_terms=True))
    # AND within one article: 第三条 has both (in different units); every hit is in it.
    assert {h.article for h in both} == {"3"}
    assert len(both) > 1


def test_query_syntax():
    assert parse_query("a b | c") == Or((And((Term("a"), Term("b"))), Term("c")))
    assert parse_query('a -"b c"') == And((Term("a"), Not(Term("b c"))))
    assert parse_query("(a OR b) NOT /x+/") == And((Or((Term("a"), Term("b"))), Not(Term("x+", True))))
    for bad in ("", "(a", "a )", "-a", "|"):
        with pytest.raises(UsageError):
            parse_query(bad)


def test_query_not_excludes_the_whole_article():
    q = parse_query("湿地 -废水")
    arts = {h.article for h in hits(WETLAND, q)}
    assert "3" not in arts and "1" in arts


# -- scope ------------------------------------------------------------------------------

def test_within_chapter_and_range():
    assert {h.article for h in hits(WETLAND, Term("湿地"), within="第二章")} == {"3", "3-1"}
    assert {h.article for h in hits(WETLAND, Term("本条例"), within="4-6")} == {"4", "5", "6"}


def test_kind_filter(tmp_path):
    (tmp_path / "a.txt").write_text(WETLAND, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT, encoding="utf-8")
    s = Searcher(Plan(Term("废水"), kind="条例"))
    assert {h.document_kind for h in scan([str(tmp_path)], s)} == {"条例"}
    s = Searcher(Plan(Term("废水"), kind="條例"))
    assert {h.document_kind for h in scan([str(tmp_path)], s)} == {"条例"}


def test_doc_filter_over_many_files(tmp_path):
    (tmp_path / "a.txt").write_text(WETLAND, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT, encoding="utf-8")
    s = Searcher(Plan(Term("废水"), doc="工作情况"))
    assert [h.document for h in scan([str(tmp_path)], s)] == ["关于示范县湿地保护工作情况的报告"]
    with pytest.raises(UsageError):
        list(scan([str(tmp_path)], Searcher(Plan(Term("废水"), doc="2"))))


def test_context_gives_neighbours():
    (h,) = hits(WETLAND, Term("破坏鸟类栖息地。"), context=1)
    assert [t for _, t in h.before] == ["排放不符合标准的废水；"]
    assert len(h.after) == 1 and "监测" in h.after[0][1]


# -- the CLI -----------------------------------------------------------------------------

def isolated_cli(monkeypatch):
    """lawcli.cli.app, its `main` running only search, index and library, so that other
    commands (registered lazily by cli.main, under whatever hook it has) cannot break
    these tests."""
    from lawcli.cli import app as cli
    from lawcli.cli.commands.search import register
    from lawcli.cli.declare import declared

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    app.command("search")(declared("search"))
    register(app)
    monkeypatch.setattr(cli, "app", app)
    monkeypatch.setattr(cli, "_prepare", lambda argv: None, raising=False)
    monkeypatch.setattr(cli, "_registered", True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return cli


@pytest.fixture
def run(monkeypatch, capsys):
    """lawcli.cli.app.main with only this module's commands (others' work cannot break it)."""
    cli = isolated_cli(monkeypatch)

    def call(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def law(tmp_path):
    p = tmp_path / "示范县湿地保护条例.txt"
    p.write_text(WETLAND, encoding="utf-8")
    return p


def test_cli_exit_codes(run, law, tmp_path):
    code, out, _ = run("search", "废水", str(law))
    assert code == 0 and "第三条第二款第（二）项" in out
    code, out, _ = run("search", "没有这个词", str(law))
    assert code == 1 and out == ""
    code, _, err = run("search", "--regex", "(未闭合", str(law))
    assert code == 2 and "lawcli: error:" in err
    code, _, err = run("search", "废水", str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err
    code, _, err = run("search", "--timeout", "0.2", "--regex", "(a|aa)+c", str(_aaa(tmp_path)))
    assert code == 2 and "took more than" in err and "Traceback" not in err


def _aaa(tmp_path):
    p = tmp_path / "aaa.txt"
    p.write_text("示范条例\n\n第一条　" + "a" * 60 + "\n", encoding="utf-8")
    return p


def test_cli_json_schema(run, law):
    code, out, _ = run("search", "罚款", str(law), "--format", "json")
    data = json.loads(out)
    (h,) = data["hits"]
    for key in ("file", "document", "path", "article", "text", "spans", "address"):
        assert key in h
    assert h["article"] == "4" and h["document"] == "示范县湿地保护条例"
    a, b = h["spans"][0]
    assert h["text"][a:b] == "罚款"
    code, out, _ = run("search", "湿地", str(law), "--format", "jsonl", "--level", "article")
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["article"] for r in rows if r["article"]] == ["1", "2", "3", "3-1"]


def test_cli_count_and_files(run, law, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    code, out, _ = run("search", "废水", str(tmp_path), "--count")
    lines = sorted(out.splitlines())
    assert code == 0 and len(lines) == 2 and all(line.split("\t")[0] == "1" for line in lines)
    code, out, _ = run("search", "监测", str(tmp_path), "-l")
    assert out.splitlines() == [str(law)]
    code, out, _ = run("search", "-e", "监测", "-e", "调查", str(tmp_path), "-l", "-f", "json")
    assert sorted(json.loads(out)) == sorted([str(law), str(tmp_path / "report.txt")])


def test_cli_query_and_all(run, law):
    code, out, _ = run("search", "-q", "湿地 -废水", str(law), "--level", "article", "-f", "jsonl")
    assert "3" not in {json.loads(x)["article"] for x in out.splitlines()}
    code, out, _ = run("search", "-e", "湿地", "-e", "废水", "--all", str(law), "-f", "jsonl")
    assert {json.loads(x)["article"] for x in out.splitlines()} == {"3"}
    code, _, err = run("search", "-q", "(湿地", str(law))
    assert code == 2


def test_cli_help_has_example(run):
    code, out, _ = run("search", "--help")
    assert code == 0 and "Example" in out


# -- the real corpus -----------------------------------------------------------------------

def _gazette_reference(term: str) -> set[int]:
    """Articles of 山西省传统村落保护条例 whose text holds `term`, straight from the raw
    lines (hard wraps, page starts and page furniture removed), by the truth file's spans."""
    truth = json.loads(corpus_file("gazette", "shanxi-gazette-2021-07.truth.json").read_text("utf-8"))
    lines = read(corpus_file("gazette", "shanxi-gazette-2021-07.txt")).split("\n")
    skip = {x["line"] for x in truth["page_number_lines"]} | {x["line"] for x in truth["running_header_lines"]}
    doc = next(d for d in truth["documents"] if d["title"] == "山西省传统村落保护条例")
    numbers = [a["number"] for a in doc["articles"]]
    starts = [a["heading_line"] for a in doc["articles"]] + [doc["end_line"] + 1]
    out = set()
    for n, a, b in zip(numbers, starts, starts[1:]):
        text = "".join(lines[i - 1].strip(" \u3000") for i in range(a, b) if i not in skip)
        if term in text:
            out.add(n)
    return out


def test_gazette_every_article_mentioning_the_term():
    path = corpus_file("gazette", "shanxi-gazette-2021-07.txt")
    source = load_text(read(path), str(path))
    assert len(source.documents) >= 10, "the gazette issue is no longer split into its documents"
    # 起施行 runs over a hard wrap; 搜集 over a page break; 文物等部门 over a page-number
    # line and a page break.
    for term in ("传统建筑", "起施行", "保护发展规划", "搜集、整理", "文物等部门"):
        expected = _gazette_reference(term)
        found = list(scan([str(path)], Searcher(Plan(Term(term), doc="传统村落"))))
        assert {h.document for h in found} == {"山西省传统村落保护条例"}
        from lawcli.text.numerals import split_key

        assert expected and {split_key(h.article)[0] for h in found} == expected, term


_ARTICLE_LINE = re.compile(r"^(第[一二三四五六七八九十百千零〇两]+条(?:之[一二三四五六七八九十]+)?)[\s\u3000]")


def _national_reference(path, terms: list[str]) -> dict[str, set[tuple[str, str]]]:
    """Brute force, no parser: (title, article label) of every article paragraph holding a term."""
    text = read(path)
    title = ""
    article = None
    out: dict[str, set[tuple[str, str]]] = {t: set() for t in terms}
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("# ") and not title:
            title = s[2:].strip()
            continue
        if s.startswith("#"):
            article = None
            continue
        m = _ARTICLE_LINE.match(s)
        if m:
            article = m.group(1)
            s = s[m.end():]
        if article is None:
            continue
        for t in terms:
            if t in s:
                out[t].add((title, article))
    return out


def _national_terms(files) -> list[str]:
    rng = random.Random(20240501)
    terms = ["罚款", "个人信息", "人民政府", "未成年人", "应当", "责令改正", "没收违法所得"]
    for _ in range(12):
        text = read(rng.choice(files))
        for _ in range(50):
            i = rng.randrange(len(text))
            t = text[i:i + rng.choice((2, 3, 4, 5))]
            if all("\u4e00" <= c <= "\u9fff" for c in t):
                terms.append(t)
                break
    return list(dict.fromkeys(terms))


@pytest.mark.slow
def test_national_corpus_against_brute_force(corpus):
    files = national_files()
    terms = _national_terms(files)
    for path in files:
        source = load_text(read(path), str(path))
        docs = [d for d in source.documents if d.articles]
        if not docs:
            continue
        reference = _national_reference(path, terms)
        from lawcli.search.rows import DocRows

        for t in terms:
            s = Searcher(Plan(Term(t)))
            got = set()
            for d in docs:
                dr = DocRows(str(path), d.index, d.title, d.kind, rows_of(d), doc=d)
                got |= {(d.title, d.article_index[h.article].label) for h in s.search_doc(dr)
                        if h.article is not None}
            assert got == reference[t], (path.name, t)


def test_cli_text_output_names_file_and_line(run, law, tmp_path):
    code, out, _ = run("search", "罚款", str(law), "-n")
    assert out.startswith("27:《示范县湿地保护条例》第四条第一款  ")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    code, out, _ = run("search", "废水", str(tmp_path))
    lines = out.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'report.txt'}:《关于示范县湿地保护工作情况的报告》  ")
    assert lines[1].startswith(f"{law}:《示范县湿地保护条例》第三条第二款第（二）项  ")
    code, out, _ = run("search", "破坏鸟类栖息地。", str(law), "-C", "1")
    assert out.splitlines() == [
        "  第三条第二款第（二）项  排放不符合标准的废水；",
        "《示范县湿地保护条例》第三条第二款第（三）项  破坏鸟类栖息地。",
        "  第三条之一第一款  县林业主管部门应当建立湿地监测ＡＰＰ，每年发布２０２５年度湿地状况报告。",
    ]


def test_a_traditional_phrase_inside_a_simplified_text():
    mixed = WETLAND.replace("第六条　本条例", "第六条　依照《示範條例》規定，本条例")
    (h,) = hits(mixed, Term("示范条例"))
    assert h.article == "6" and h.text[h.spans[0][0]:h.spans[0][1]] == "示範條例"
    assert [x.article for x in hits(mixed, Term("規定"))] == [x.article for x in hits(mixed, Term("规定"))]
    assert "6" in {x.article for x in hits(mixed, Term("规定"))}


def test_cli_within_nothing_says_so(run, law):
    code, out, err = run("search", "湿地", str(law), "--within", "第九章")
    assert code == 1 and out == "" and "--within 第九章" in err
    code, out, err = run("search", "湿地", str(law), "--within", "第二章", "-c")
    assert code == 0 and err == ""


def test_plain_output_equals_the_styled_segments_joined():
    """What a pipe receives is built by its own fast path; it must say exactly what the
    terminal path says without colour (address, file, line, context, wrapped text)."""
    from lawcli.query.render import plain
    from lawcli.search.hits import hit_plain, hit_segments

    found = (hits(WETLAND, Term("湿地"), context=2) + hits(WETLAND, Term("湿地"), level="article")
             + hits(REPORT, Term("湿地")))
    assert len(found) > 8 and any("\n" in h.text for h in found) and any(h.before for h in found)
    for h in found:
        for show_file in (True, False):
            for show_line in (True, False):
                assert hit_plain(h, show_file=show_file, show_line=show_line) == plain(
                    hit_segments(h, show_file=show_file, show_line=show_line))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("法條例条例罚款罰款«»½−\u200b𠀀㐀豈示範縣 ，。（）ＡＢ12\n"
                                        "\u4e00\u9fa5\u9fff\u3400\uf900\U00020000"), max_size=60))
def test_odd_characters_of_a_text_equal_those_of_its_character_set(text):
    """The codec shortcut of _odd_chars agrees with the set difference it replaces."""
    from lawcli.text.textfold import odd_chars as _odd_chars

    assert _odd_chars(text) == _odd_chars(frozenset(text))


def test_directory_listing_order_is_os_walks(tmp_path):
    """iter_files lists like a sorted os.walk: a directory's files, then each subdirectory;
    hidden names skipped, symbolic links to directories not followed."""
    import os

    from lawcli.search.scan import iter_files

    for rel in ("b.txt", "a.md", "z/1.txt", "z/y/2.md", "a/3.txt", "a/b/4.txt", ".h/5.txt", "a/.6.txt",
                "a/7.pdf", "m/8.text"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("第一条　示例。\n", encoding="utf-8")
    os.symlink(tmp_path / "z", tmp_path / "link")

    def walked():
        for root, dirs, files in os.walk(tmp_path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".txt", ".md", ".markdown", ".text")) and not name.startswith("."):
                    yield os.path.join(root, name)

    got = list(iter_files([str(tmp_path)]))
    assert got == list(walked())
    assert [os.path.relpath(p, tmp_path) for p in got] == [
        "a.md", "b.txt", "a/3.txt", "a/b/4.txt", "m/8.text", "z/1.txt", "z/y/2.md"]


@pytest.mark.parametrize("terms", [["湿地"], ["罚款"], ["條例"], ["罰款", "湿地保护"], ["的"], ["第三条"]])
def test_literal_walk_equals_the_general_engine(terms, monkeypatch):
    """Literal searches walk parsed nodes directly (Searcher._literal_nodes); the
    general engine over rows must find exactly the same hits."""
    texts = [(WETLAND, "a.txt"), (WETLAND_TRAD, "b.txt"), (REPORT, "c.txt")]
    texts += [(read(p), p.name) for p in national_files()[:12]]
    gazette = CORPUS / "gazette" / "shanxi-gazette-2021-07.txt"
    if gazette.exists():  # (without the corpus the invented texts still count)
        texts.append((read(gazette), gazette.name))
    expr = build_query(terms)

    def run():
        return [h for t, n in texts for h in scan_text(t, n, Searcher(Plan(expr)))]

    fast = run()
    monkeypatch.setattr(Searcher, "row_literals", property(lambda self: None))
    assert run() == fast and fast


def test_parse_cache_keeps_what_a_search_parsed(tmp_path, monkeypatch):
    """A file a search rules out is not parsed (nor cached); one it parses is kept, and
    the results never depend on what the cache holds."""
    import os

    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("LAWCLI_CACHE", str(cache_dir))
    root = tmp_path / "laws"
    root.mkdir()
    (root / "a.txt").write_text(WETLAND, encoding="utf-8")
    (root / "b.txt").write_text(REPORT, encoding="utf-8")

    from lawcli.cli import cache

    def found(term):
        store = cache if cache.directory() else None
        return [h.to_dict() for h in scan([str(root)], Searcher(Plan(Term(term)), store=store))]

    cold = found("鸟类")
    def trees():
        return [n for n in os.listdir(cache_dir) if n.endswith(".pickle")]

    assert cold and len(trees()) == 1
    assert found("鸟类") == cold  # now from the cache
    report = found("查处力度")
    assert report and len(trees()) == 2
    monkeypatch.setenv("LAWCLI_CACHE", "off")
    assert found("鸟类") == cold and found("查处力度") == report


_PIECES = ["传", "统", "建筑", "保护", "(拆除|损毁)", "[传建]", ".", "\\d", "?", "*", "+", "{0,2}", "{1,2}",
           "(?:统建)", "|", "\\p{Han}", "罚款"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=7),
       st.lists(st.sampled_from(["传", "统", "建", "筑", "保", "护", "拆", "除", "损", "毁", "罚", "款", "1", "，"]),
                max_size=30))
def test_required_ideographs_are_in_every_match(pieces, chars):
    """Whatever a regular expression matches contains every run `required_ideographs` names
    (an index narrows regex searches with them)."""
    import regex

    from lawcli.search.terms import _regex_source, required_ideographs

    pattern = "".join(pieces)
    try:
        compiled = regex.compile(pattern)
    except regex.error:
        return
    text = "".join(chars)
    runs = required_ideographs(_regex_source(pattern))
    for m in compiled.finditer(text, overlapped=True):
        assert all(r in m.group() for r in runs), (pattern, m.group(), runs)


def test_query_nodes_equal_only_their_own_kind():
    x = (Term("湿地"), Term("保护"))
    assert And(x) == And(x) and And(x) != Or(x) and Or(x) != And(x) and Not(x[0]) != (x[0],)
    assert len({And(x), Or(x), And(x)}) == 2


@pytest.mark.parametrize("pattern, blind", [
    ("处.{1,12}罚款", True), ("(罚款|警告)", True), ("^第.{1,3}条", True), ("条例$", True),
    ("(?:罚款)+?", True), ("罚{,3}", True),
    (r"\d+元", False), ("[罚款]", False), (r"罚款\s", False), ("处（罚款）", False),
    ("a.b", False), ("罚{}", False), ("(?P<x>罚款)", False),
])
def test_fold_blind_patterns(pattern, blind):
    assert Matcher(Term(pattern, regex=True), False, 1.0).fold_blind is blind
    assert not Matcher(Term(pattern, regex=True), True, 1.0).fold_blind  # --ignore-space folds


def test_fold_blind_patterns_find_what_folded_texts_give(monkeypatch):
    """A pattern of ideographs and structure is matched on texts as they stand: the
    same hits as on width-folded texts (full-width digits and punctuation inside the
    `.` runs included), over the samples and the national corpus."""
    paths = [str(SAMPLES)] + [str(p) for p in national_files()[:40]]
    found = 0
    for pattern in ("处.{1,12}罚款", "(罚款|警告)", "^第.{1,3}条", "条例$", "违反本.{2,4}第.{1,6}条"):
        plan = Plan(Term(pattern, regex=True))
        assert Searcher(plan).fast
        unfolded = [h.to_dict() for h in scan(paths, Searcher(plan))]
        with monkeypatch.context() as m:
            m.setattr(Matcher, "fold_blind", property(lambda self: False))
            assert not Searcher(plan).fast
            folded = [h.to_dict() for h in scan(paths, Searcher(plan))]
        assert unfolded == folded, pattern
        found += bool(unfolded)
    assert found >= 4  # (the samples alone hold hits of four of the five)


# -- ruling files out as read (before normalising) -------------------------------------

def _cjk_runs(line_texts: list[str]) -> list[str]:
    """Phrases a search may ask for, cut from normalised lines by a rule of its own:
    runs of ideographs, including those that run across the end of one line into the
    next (a wrapped sentence), which the text as read holds apart."""
    import unicodedata

    def ideograph(c: str) -> bool:
        return unicodedata.name(c, "").startswith("CJK UNIFIED IDEOGRAPH")

    out = []
    for a, b in zip(line_texts, line_texts[1:]):
        tail = "".join(c for c in a[-3:] if ideograph(c))
        head = "".join(c for c in b[:3] if ideograph(c))
        if len(tail) == 3 and len(head) == 3:
            out.append(tail + head)
    return out


def test_the_raw_test_never_rules_out_a_file_that_holds_the_phrase():
    # Every file of the corpus, phrases taken from its own normalised lines (those that
    # cross a line end first, then a few inside lines): the test on the text as read
    # must let each through, or a search would silently lose its hits.
    from lawcli.text.normalize import normalize
    from lawcli.text.textfold import odd_chars

    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".txt") and p.name != "README.md")
    if not files:
        pytest.skip("../shared/corpus is not beside the project")
    rnd = random.Random(7)
    tried = 0
    for path in files:
        text = read(path)
        lines = [line.text for line in normalize(text).lines]
        phrases = _cjk_runs(lines)[:20]
        body = [t for t in lines if len(t) >= 8]
        for t in rnd.sample(body, min(3, len(body))):
            k = rnd.randrange(len(t) - 4)
            phrases.append(t[k:k + 4])
        odd = odd_chars(text)
        for phrase in phrases:
            s = Searcher(Plan(Term(phrase)))
            if not s.fast:
                continue
            tried += 1
            assert s.may_match_raw(text, odd), (path.name, phrase)
    assert tried > 3000


WRAPPED = "示例市河道管理规定\n\n第一条　违反本规定，向河道倾倒垃圾的，由水务部门责令改正，处二百元以上二千元以下罚\n款。\n\n第二条　本规定自公布之日起施行。\n"


QUOTED = ("# 示例市河道管理规定\n\n<!-- INFO END -->\n\n## 第一章　总　则\n\n"
          "> 第一条　违反本规定，向河道倾倒垃圾的，处二百元以上二千元以下罚款。\n\n"
          "　　第二条　本规定自公布之日起施行。\n")


@pytest.mark.parametrize("phrase", ["总则", "二千元以下罚款", "自公布之日起施行", "示例市河道"])
def test_marks_and_indents_do_not_hide_a_phrase(phrase, monkeypatch):
    found = [h.address for h in hits(QUOTED, Term(phrase))]
    monkeypatch.setattr(Searcher, "may_match_raw", lambda self, text, odd: True)
    assert found == [h.address for h in hits(QUOTED, Term(phrase))]
    assert found  # 总　则 spaced in its heading, the title as a document's own unit


def test_a_file_without_the_phrase_is_never_normalised(monkeypatch):
    import lawcli.text.normalize as normalize_module

    def refuse(text):
        raise AssertionError("normalised a file the raw test rules out")

    monkeypatch.setattr(normalize_module, "normalize", refuse)
    assert hits(WRAPPED, Term("个人信息")) == []
    s = Searcher(Plan(Term("个人信息")))
    assert not s.may_match_raw(WRAPPED, set())


def test_a_pdf_extraction_is_left_to_its_normalised_lines():
    # Page furniture stands between the characters a PDF extraction's lines join, so the
    # text as read cannot rule it out (a running header inside 罚款 would hide it).
    from lawcli.text.normalize import keeps_all_but_marks

    gazette = sorted((CORPUS / "gazette").glob("*.txt"))
    if not gazette:
        pytest.skip("../shared/corpus is not beside the project")
    assert not keeps_all_but_marks(read(gazette[0]))
    assert keeps_all_but_marks(WRAPPED)


def test_hits_are_the_same_with_and_without_the_raw_test(monkeypatch):
    folder = CORPUS / "bulk" / "行政法规"
    if not folder.exists():
        pytest.skip("../shared/corpus is not beside the project")
    terms = ["个人信息", "不得拒绝", "罚款", "听证", "國務院"]
    fast = {t: [(h.path, h.address) for h in scan([str(folder)], Searcher(Plan(Term(t))))] for t in terms}
    monkeypatch.setattr(Searcher, "may_match_raw", lambda self, text, odd: True)
    slow = {t: [(h.path, h.address) for h in scan([str(folder)], Searcher(Plan(Term(t))))] for t in terms}
    assert fast == slow
    assert all(fast[t] for t in terms[:4])
