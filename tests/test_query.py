import pytest

from lawcli.errors import NotFoundError, UsageError
from lawcli.parsing.model import Kind
from lawcli.parsing.source import load_text
from lawcli.query.address import ArticleRef, HeadingRef, NamedRef, RangeRef, address, parse_ref, resolve
from tests.conftest import SAMPLES, read


@pytest.mark.parametrize("text,ref", [
    ("23", ArticleRef("23")), ("二十三", ArticleRef("23")), ("第二十三条", ArticleRef("23")),
    ("第23条", ArticleRef("23")), ("第２３条", ArticleRef("23")), ("２３", ArticleRef("23")),
    ("23.2", ArticleRef("23", 2)), ("23.2.3", ArticleRef("23", 2, 3)),
    ("23.2.3.1", ArticleRef("23", 2, 3, 1)),
    ("第二十三条第二款", ArticleRef("23", 2)), ("第二十三条第二款第三项", ArticleRef("23", 2, 3)),
    ("第二十三条第二款第（三）项", ArticleRef("23", 2, 3)),
    ("120之一", ArticleRef("120-1")), ("120-1", ArticleRef("120-1")),
    ("第一百二十条之一", ArticleRef("120-1")), ("第二十三條", ArticleRef("23")),
    ("23-25", RangeRef("23", "25")), ("23..25", RangeRef("23", "25")),
    ("23~25", RangeRef("23", "25")), ("第二十三条至第二十五条", RangeRef("23", "25")),
    ("第三章", HeadingRef(((Kind.CHAPTER, 3),))),
    ("第二编第一章", HeadingRef(((Kind.PART, 2), (Kind.CHAPTER, 1)))),
    ("附件二", NamedRef(Kind.ANNEX, "2")), ("序言", NamedRef(Kind.PREAMBLE)),
])
def test_parse_ref(text, ref):
    assert parse_ref(text) == ref


@pytest.mark.parametrize("bad", ["", "abc", "第条", "25..23"])
def test_bad_refs_are_usage_errors(bad):
    with pytest.raises(UsageError):
        parse_ref(bad)


@pytest.fixture(scope="module")
def trees():
    return load_text(read(SAMPLES / "示例市古树名木保护条例.txt")).documents[0]


def test_resolve_item_and_address(trees):
    [node] = resolve(trees, parse_ref("13.2"))
    assert node.kind is Kind.PARAGRAPH and node.text.startswith("违反本条例第十一条第二项")
    [item] = resolve(trees, parse_ref("11.1.3"))
    assert item.label == "（三）"
    assert address(trees, item) == "《示例市古树名木保护条例》第十一条第一款第（三）项"
    # 第X条第Y项 without 款 finds the item in the article's first 款.
    [same] = resolve(trees, parse_ref("第十一条第三项"))
    assert same is item


def test_resolve_range_and_chapter(trees):
    nodes = resolve(trees, parse_ref("8-9"))
    assert [n.number for n in nodes] == ["8", "8-1", "9"]
    [chapter] = resolve(trees, parse_ref("第四章"))
    assert chapter.title == "法律责任"


def test_not_found_says_what_exists(trees):
    with pytest.raises(NotFoundError, match="17 articles"):
        resolve(trees, parse_ref("99"))
    with pytest.raises(NotFoundError, match="款"):
        resolve(trees, parse_ref("1.5"))
