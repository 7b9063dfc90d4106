import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcli.text.grammar import label as unit_label
from lawcli.text.numerals import article_key, split_key, to_chinese, to_int


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("十", 10), ("一十", 10), ("十一", 11), ("二十", 20), ("二十三", 23),
    ("一百", 100), ("一百零四", 104), ("一百一十", 110), ("一百二十", 120), ("两百", 200),
    ("一千零一", 1001), ("一千二百六十", 1260), ("九千九百九十九", 9999), ("一万", 10000),
    ("一万零五", 10005), ("十万", 100000), ("〇", 0), ("零", 0), ("二〇二一", 2021),
    ("23", 23), ("２３", 23), ("１２６０", 1260),
])
def test_to_int(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize("value,text", [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (104, "一百零四"), (110, "一百一十"),
    (1010, "一千零一十"), (1260, "一千二百六十"), (10010, "一万零一十"), (100000, "十万"),
])
def test_to_chinese(value, text):
    assert to_chinese(value) == text


@pytest.mark.parametrize("bad", ["", "条", "一a", "第一"])
def test_to_int_rejects_words(bad):
    with pytest.raises(ValueError):
        to_int(bad)


@pytest.mark.slow
@given(st.integers(min_value=0, max_value=99_999_999))
def test_round_trip_chinese(n):
    assert to_int(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=9999))
def test_round_trip_digits(n):
    full = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert to_int(str(n)) == to_int(full) == n


@given(st.integers(min_value=1, max_value=2000), st.integers(min_value=0, max_value=12))
def test_article_keys(n, sub):
    key = article_key(n, sub or None)
    assert split_key(key) == (n, sub)
    label = unit_label("article", n, sub)
    assert label.startswith("第") and ("之" in label) == bool(sub)


def test_ten_with_explicit_one():
    # 一十 appears in older texts and amendment acts; it must equal 十.
    assert to_int("一百一十") == to_int("一百十") == 110
