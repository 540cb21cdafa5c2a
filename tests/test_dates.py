"""Dates and times (STYLE.md §4)."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.errors import NumberError
from bulletin.numbers.dates import DATE_STYLES, format_date
from bulletin.numbers.quantities import format_range

D = format_date
R = format_range


def test_dates_more() -> None:
    assert D(dt.datetime(2021, 7, 19, 15, 30), "md_ampm") == "7月19日下午3时30分"
    assert D(dt.datetime(2021, 7, 19, 12), "md_ampm") == "7月19日中午12时"
    assert D(dt.datetime(2021, 7, 19, 20), "md_ampm") == "7月19日晚上8时"
    assert D(dt.datetime(2021, 7, 19, 2), "md_ampm") == "7月19日凌晨2时"
    assert D(dt.datetime(2021, 7, 19, 9), "md_ampm", script="hant") == "7月19日上午9時"
    assert D(dt.datetime(2021, 6, 26, 9, 5), "md_hm") == "6月26日9:05"
    assert D("2021-06-30", "iso") == "2021-06-30"
    assert D("2021/06/30") == "2021年6月30日"
    assert D("2025-03-23", "ymd_weekday") == "2025年3月23日 星期日"
    assert D("2021-07-12 18:00", "md_dian", script="hant") == "7月12日18點"
    assert R("2020-12-30", "2021-01-02", kind="date") == "2020年12月30日至2021年1月2日"


@pytest.mark.parametrize(
    "value",
    ["2021-07-12 18:00", "2021-07-12T18:00", "2021-07-12T18:00:00", dt.datetime(2021, 7, 12, 18)],
)
def test_accepts_iso_forms(value) -> None:
    assert D(value) == "2021年7月12日"
    assert D(value, "md_h") == "7月12日18时"


@pytest.mark.parametrize("style", DATE_STYLES)
def test_every_style_same_digits_in_both_scripts(style: str) -> None:
    stamp = dt.datetime(2021, 7, 19, 9, 30, 5)
    hans, hant = D(stamp, style), D(stamp, style, script="hant")
    assert hans.replace("时", "時").replace("点", "點") == hant
    assert "2021" in D(stamp, style) or style in {"md", "md_hm", "md_h", "md_dian", "md_ampm"}


def test_date_errors() -> None:
    for bad in (None, "", "yesterday", 3.5, "2021-02-30"):
        with pytest.raises(NumberError):
            D(bad)
    with pytest.raises(NumberError):
        D("2021-07-12", "md_ampm")
    with pytest.raises(NumberError):
        D("2021-07-12", script="latin")
