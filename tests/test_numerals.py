"""Chinese numerals and lists (STYLE.md §5–6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bulletin.errors import NumberError
from bulletin.numbers.numerals import join_items, to_chinese_numeral

ZH = to_chinese_numeral


def test_numerals_more() -> None:
    cases = {
        0: "零",
        11: "十一",
        100: "一百",
        101: "一百零一",
        110: "一百一十",
        1001: "一千零一",
        1010: "一千零一十",
        10000: "一万",
        100000: "十万",
        120000: "十二万",
        1000000: "一百万",
        10000001: "一千万零一",
        100000001: "一亿零一",
        100100000: "一亿零一十万",
        1000010000: "十亿零一万",
        1500000000000: "一万五千亿",
        -3: "负三",
    }
    for n, text in cases.items():
        assert ZH(n) == text, n
    assert ZH(2000, liang=True) == "两千"
    assert ZH(22, liang=True) == "二十二"
    assert ZH(12, liang=True) == "十二"
    assert ZH(20, liang=True) == "二十"
    assert ZH(1990, digitwise=True) == "一九九〇"
    assert ZH(2021, digitwise=True, script="hant") == "二〇二一"
    assert ZH("12") == "十二"
    assert ZH(Decimal("3.0")) == "三"


def test_numeral_reads_back() -> None:
    for n in range(0, 100001, 7):
        assert _read_numeral(ZH(n)) == n, n


def _read_numeral(text: str) -> int:
    """A tiny reader of the numerals we write (for round-tripping)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    units = {"十": 10, "百": 100, "千": 1000}
    total, section, digit = 0, 0, 0
    for char in text:
        if char in digits:
            digit = digits[char]
        elif char in units:
            section += (digit or 1) * units[char]
            digit = 0
        elif char == "万":
            total += (section + digit) * 10000
            section, digit = 0, 0
    return total + section + digit


def test_join_items_more() -> None:
    assert join_items(["a", "b", "c"], conj="以及") == "a、b以及c"
    assert join_items(iter(["a", "b"])) == "a和b"
    assert join_items([1, 2, 3]) == "1、2和3"
    assert join_items(["a", "b"], conj="与", script="hant-tw") == "a與b"
    assert join_items([]) == ""


def test_numeral_errors() -> None:
    for bad in (None, True, "x", 1.5, float("nan")):
        with pytest.raises(NumberError):
            ZH(bad)
    assert ZH(Decimal("12")) == "十二"
