"""Every example of STYLE.md §1–6 and of issue 3, exactly (Simplified and Traditional)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bulletin.errors import BulletinError, NumberError
from bulletin.numbers import (  # the engine's public API
    format_change,
    format_date,
    format_number,
    format_percent,
    format_points,
    format_range,
    format_rate,
    join_items,
    parse_number,
    to_chinese_numeral,
)

N = format_number
P = format_percent
C = format_change
R = format_range
D = format_date
ZH = to_chinese_numeral

# (expected, function, args, kwargs)
CASES: list[tuple[str, object, tuple, dict]] = [
    # §1 Arabic digits, no separators in running text; auto keeps exact counts in full digits
    ("82460人", N, (82460, "人"), {}),
    ("224982人", N, (224982, "人"), {}),
    ("1960796辆", N, (1960796, "辆"), {}),
    ("1032918个", N, (1032918, "个"), {}),
    ("1032918", N, (1032918,), {}),
    ("224982", N, (224982,), {}),
    # §1 万 / 亿 for large values, at most 2 decimals, trailing zeros dropped
    ("128.57万剂次", N, (1285700, "剂次"), {}),
    ("128.57万", N, (1285700,), {}),
    ("74.07万人次", N, (740700, "人次"), {}),
    ("255.8万剂次", N, (2558000, "剂次"), {}),
    ("1.3亿元", N, (130000000, "元"), {}),
    ("1.3亿", N, (130000000,), {}),
    ("4.5億元", N, (450000000, "元"), {"script": "hant"}),
    ("4.5亿元", N, (450000000, "元"), {}),
    ("4.7万平方米", N, (47000, "平方米"), {}),
    ("84.2亿人次", N, (8420000000, "人次"), {}),
    ("84.2亿", N, (8420000000,), {}),
    ("84.2億人次", N, (8420000000, "人次"), {"script": "hant-tw"}),
    ("128.57萬劑次", N, (1285700, "劑次"), {"script": "hant"}),
    ("1.3億元", N, (130000000, "元"), {"script": "hant-hk"}),
    # strings are parsed exactly
    ("128.57万剂次", N, ("128.57万", "剂次"), {}),
    ("1.3亿元", N, ("1.3亿", "元"), {}),
    ("1234", N, ("1,234",), {}),
    # §1 statistical bulletins: fixed decimals, trailing zeros kept
    ("1230.0万人", N, (12300000, "人"), {"decimals": 1}),
    ("975.0萬張", N, (9750000, "張"), {"decimals": 1, "script": "hant"}),
    ("975.0万张", N, (9750000, "张"), {"decimals": 1}),
    ("42.0%", P, (0.42,), {"decimals": 1}),
    ("2.90人", N, (2.9, "人"), {"decimals": 2}),
    ("2.90人", N, (Decimal("2.9"), "人"), {"decimals": 2}),
    # §1 carry across a scale boundary: only a scale the engine chose
    ("1亿", N, (99999999,), {"decimals": 0}),
    ("1.00亿", N, (99999999,), {"decimals": 2}),
    ("1億", N, (99999999,), {"decimals": 0, "script": "hant"}),
    ("约1亿", N, (99999999,), {"approx": "约"}),
    # §1 an explicit scale is kept exactly, however large the number
    ("10000万", N, (99999999,), {"scale": "万"}),
    ("10000亿", N, (999999999999,), {"scale": "亿"}),
    ("138642万人", N, (1386420000, "人"), {"scale": "万", "decimals": 0}),
    ("986541亿元", N, (98654100000000, "元"), {"scale": "亿", "decimals": 0}),
    ("10532.0万剂次", N, (105320000, "剂次"), {"scale": "万", "decimals": 1}),
    ("140967萬人", N, (1409670000, "人"), {"scale": "万", "script": "hant"}),
    # §1 grouping as Hong Kong and Taiwan print it
    ("1,452.7萬", N, (14527000,), {"grouping": True, "script": "hant-hk"}),
    ("1,452.7萬", N, (14527000,), {"grouping": True, "script": "hant-tw"}),
    ("72,447元", N, (72447, "元"), {"grouping": True}),
    ("1452.7万", N, (14527000,), {}),
    ("72447元", N, (72447, "元"), {}),
    # §1 one scale word per number
    ("3.45亿", N, (345000000,), {}),
    ("3.45億", N, (345000000,), {"script": "hant"}),
    # §1 unit after the scale word
    ("300余万元", N, (3040000, "元"), {"approx": "余", "scale": "万", "significant": 1}),
    (
        "300餘萬元",
        N,
        (3040000, "元"),
        {"approx": "余", "scale": "万", "significant": 1, "script": "hant"},
    ),
    # §1 round half up, never banker's, never float artefacts
    ("1.29", N, (1.285,), {}),
    ("1.29", N, ("1.285",), {}),
    ("128.57万", N, (1285650,), {"scale": "万"}),
    ("128.57万", N, ("128.565万",), {"scale": "万"}),
    ("1.01", N, (1.005,), {}),
    ("0.3", N, (0.1 + 0.2,), {}),
    ("2万", N, (15000,), {"scale": "万", "decimals": 0}),
    ("1.5万", N, (15000,), {}),
    # §1 exact counts may stay in full digits
    ("178000余例", N, (178123, "例"), {"approx": "余", "scale": "none", "significant": 3}),
    # issue: format_number examples
    ("2000余万人次", N, (20345678, "人次"), {"approx": "余", "scale": "万", "significant": 2}),
    ("3.2万余人次", N, (32456, "人次"), {"approx": "余", "scale": "万", "decimals": 1}),
    (
        "3.2萬餘人次",
        N,
        (32456, "人次"),
        {"approx": "余", "scale": "万", "decimals": 1, "script": "hant"},
    ),
    ("2000万", N, (20345678,), {"scale": "万", "significant": 2}),
    # §2 approximations
    ("20余条", N, (23, "条"), {"approx": "余", "significant": 1}),
    ("150余名", N, (153, "名"), {"approx": "余", "significant": 2}),
    ("3万多名", N, (30500, "名"), {"approx": "多", "scale": "万", "decimals": 0}),
    ("95.2万余人", N, (952345, "人"), {"approx": "余", "decimals": 1}),
    ("95.2萬餘人", N, (952345, "人"), {"approx": "餘", "decimals": 1, "script": "hant"}),
    ("近30%", P, (0.297,), {"approx": "近", "decimals": 0}),
    ("近31%", P, (0.305,), {"approx": "近", "decimals": 0}),
    ("近50万元", N, (498000, "元"), {"approx": "近", "significant": 1}),
    ("近50萬元", N, (498000, "元"), {"approx": "近", "significant": 1, "script": "hant"}),
    ("近5个百分点", format_points, (0.048,), {"approx": "近", "decimals": 0}),
    ("近5個百分點", format_points, (0.048,), {"approx": "近", "decimals": 0, "script": "hant"}),
    ("约1.2万人", N, (12345, "人"), {"approx": "约", "scale": "万", "decimals": 1}),
    (
        "約1.2萬人",
        N,
        (12345, "人"),
        {"approx": "约", "scale": "万", "decimals": 1, "script": "hant"},
    ),
    ("30%左右", P, (0.3,), {"approx": "左右"}),
    ("30%左右", P, (0.3012,), {"approx": "左右", "decimals": 0}),
    ("超1000万元", N, (10234567, "元"), {"approx": "超", "significant": 1}),
    ("超过1000万元", N, (10234567, "元"), {"approx": "超过", "significant": 1}),
    ("超過1000萬元", N, (10234567, "元"), {"approx": "超过", "significant": 1, "script": "hant"}),
    ("突破100万亿元", N, (101356000000000, "元"), {"approx": "突破", "significant": 1}),
    (
        "突破100萬億元",
        N,
        (101356000000000, "元"),
        {"approx": "突破", "significant": 1, "script": "hant"},
    ),
    ("95%以上", P, (0.953,), {"approx": "以上", "decimals": 0}),
    ("70%以上", P, (0.7,), {"approx": "以上"}),
    ("65岁及以上", N, (65, "岁"), {"approx": "及以上"}),
    ("100张以下", N, (100, "张"), {"approx": "以下"}),
    ("100张以下", N, (99.5, "张"), {"approx": "以下", "decimals": 0}),
    ("28日以内", N, (28, "日"), {"approx": "以内"}),
    ("28日以內", N, (28, "日"), {"approx": "以内", "script": "hant"}),
    ("不到60%", P, (0.595,), {"approx": "不到", "decimals": 0}),
    ("95.2%以上", P, (0.952,), {"approx": "以上"}),
    # §3 percentages
    ("99.96%", P, (0.9996,), {}),
    ("95.2%", P, (0.952,), {}),
    ("95.2%", P, ("95.2%",), {}),
    ("100%", P, (1,), {}),
    ("35.2%", P, (0.352,), {}),
    # §3 changes in points
    (
        "同比提升5个百分点",
        C,
        (0.70, 0.75),
        {"measure": "points", "baseline": "同比", "verbs": ("提升", "降低")},
    ),
    ("比上年降低2.7个百分点", C, (0.743, 0.716), {"measure": "points"}),
    ("比上年降低2.7個百分點", C, (0.743, 0.716), {"measure": "points", "script": "hant"}),
    ("提高2.7个百分点", C, (0.716, 0.743), {"measure": "points", "baseline": ""}),
    (
        "下降0.75个千分点",
        C,
        (0.01, 0.00925),
        {"measure": "points", "per": 1000, "baseline": "", "verbs": ("上升", "下降")},
    ),
    ("2.7个百分点", format_points, (0.027,), {}),
    ("0.75个千分点", format_points, (0.00075,), {"per": 1000}),
    ("0.75個千分點", format_points, (0.00075,), {"per": 1000, "script": "hant"}),
    # §3 health rates
    ("5.4‰", format_rate, (0.0054,), {}),
    ("16.9/10万", format_rate, (0.000169,), {"per": 100000}),
    ("16.9/10萬", format_rate, (0.000169,), {"per": 100000, "script": "hant"}),
    ("-1.48‰", format_rate, (-0.00148,), {}),
    # §3 absolute and relative changes
    ("比上年增加1983个", C, (1000, 2983), {"unit": "个"}),
    ("比上年增加15377个", C, (1007545, 1022922), {"unit": "个"}),
    (
        "减少了240万元",
        C,
        (10000000, 7600000),
        {"unit": "元", "baseline": "", "verbs": ("增加了", "减少了")},
    ),
    ("比上年减少240万元", C, (10000000, 7600000), {"unit": "元"}),
    ("比上年減少240萬元", C, (10000000, 7600000), {"unit": "元", "script": "hant"}),
    ("比上年增长5.2%", C, (100, 105.2), {"measure": "percent"}),
    ("比上年增長5.2%", C, (100, 105.2), {"measure": "percent", "script": "hant"}),
    ("比上年下降5.2%", C, (100, 94.8), {"measure": "percent"}),
    (
        "同比上升近30%",
        C,
        (100, 129.7),
        {
            "measure": "percent",
            "baseline": "同比",
            "verbs": ("上升", "下降"),
            "approx": "近",
            "decimals": 0,
        },
    ),
    ("与上年持平", C, (5, 5), {}),
    ("與上年持平", C, (5, 5), {"script": "hant"}),
    ("同比持平", C, (5, 5), {"baseline": "同比"}),
    ("与上年末持平", C, (5, 5), {"baseline": "较上年末"}),
    ("环比持平", C, (0.5, 0.5), {"measure": "points", "baseline": "环比"}),
    ("与上年持平", C, (100, 100.001), {"measure": "percent"}),
    ("较上年末增加3个", C, (5, 8), {"unit": "个", "baseline": "较上年末"}),
    ("较去年同期增长10%", C, (50, 55), {"measure": "percent", "baseline": "较去年同期"}),
    ("环比下降2%", C, (50, 49), {"measure": "percent", "baseline": "环比"}),
    # §3 ranges
    ("15%～30%", R, (0.15, 0.30), {"kind": "percent", "sep": "～"}),
    ("2至4名", R, (2, 4, "名"), {}),
    ("9月26日至10月2日", R, ("2021-09-26", "2021-10-02"), {"kind": "date"}),
    ("8亿—16亿", R, (800000000, 1600000000), {"sep": "—"}),
    ("8億—16億", R, (800000000, 1600000000), {"sep": "—", "script": "hant"}),
    ("15万元—52万元", R, (150000, 520000, "元"), {"sep": "—"}),
    # §4 dates and times
    ("2021年6月30日", D, ("2021-06-30",), {}),
    ("2021年6月30日", D, (dt.date(2021, 6, 30),), {}),
    ("7月19日", D, ("2021-07-19",), {"style": "md"}),
    ("2021年6月", D, ("2021-06-30",), {"style": "ym"}),
    ("6月26日14:40", D, ("2021-06-26 14:40",), {"style": "md_hm"}),
    ("7月12日18点", D, ("2021-07-12 18:00",), {"style": "md_dian"}),
    ("7月12日18時", D, ("2021-07-12T18:00",), {"style": "md_h", "script": "hant"}),
    ("7月12日18时", D, ("2021-07-12T18:00",), {"style": "md_h"}),
    ("7月19日上午9时", D, (dt.datetime(2021, 7, 19, 9),), {"style": "md_ampm"}),
    ("2025年3月17日 星期一", D, ("2025-03-17",), {"style": "ymd_weekday"}),
    ("2021-06-30 12:05:35", D, ("2021-06-30 12:05:35",), {"style": "iso"}),
    ("2019年", D, ("2019-12-31",), {"style": "y"}),
    # §5 Chinese numerals
    ("一", ZH, (1,), {}),
    ("十", ZH, (10,), {}),
    ("十二", ZH, (12,), {}),
    ("二十", ZH, (20,), {}),
    ("一百零五", ZH, (105,), {}),
    ("一万零一十", ZH, (10010,), {}),
    ("一萬零一十", ZH, (10010,), {"script": "hant"}),
    ("第一", ZH, (1,), {"ordinal": True}),
    ("第二", ZH, (2,), {"ordinal": True, "liang": True}),
    ("两", ZH, (2,), {"liang": True}),
    ("兩", ZH, (2,), {"liang": True, "script": "hant"}),
    ("二〇二一", ZH, (2021,), {"digitwise": True}),
    ("十四", ZH, (14,), {}),
    ("四", ZH, (4,), {}),
    # §6 lists
    (
        "神经外科、消化内科、心血管内科、康复科和呼吸内科",
        join_items,
        (["神经外科", "消化内科", "心血管内科", "康复科", "呼吸内科"],),
        {},
    ),
    ("a、b和c", join_items, (["a", "b", "c"],), {}),
    ("a和b", join_items, (["a", "b"],), {}),
    ("a、b及c", join_items, (["a", "b", "c"],), {"conj": "及"}),
]


@pytest.mark.parametrize(
    ("expected", "function", "args", "kwargs"),
    CASES,
    ids=[f"{i:03d}-{case[0]}" for i, case in enumerate(CASES)],
)
def test_examples(expected: str, function, args: tuple, kwargs: dict) -> None:
    assert function(*args, **kwargs) == expected


def test_case_count() -> None:
    assert len(CASES) >= 80
    assert sum(1 for case in CASES if case[3].get("script", "hans") != "hans") >= 20


# Compositions of STYLE.md sentences out of the functions.
def test_sentences() -> None:
    assert f"占全区的{P(0.352)}" == "占全区的35.2%"
    assert f"全程接种{N(952345, '人', approx='余', decimals=1)}" == "全程接种95.2万余人"
    shares = join_items([P(0.75), P(0.7, approx="以上")], conj="、")
    assert f"签约率分别达到{shares}" == "签约率分别达到75%、70%以上"
    before = P(0.595, approx="不到", decimals=0)
    after = P(0.953, approx="以上", decimals=0)
    assert f"从起初的{before}提升到{after}" == "从起初的不到60%提升到95%以上"
    assert f"截至{D('2021-07-12 18:00', 'md_dian')}" == "截至7月12日18点"
    assert f"{D('2021-05-01', 'md')}以来" == "5月1日以来"
    assert f"{D('2019-12-31', 'y')}底" == "2019年底"
    assert f"病床使用率{C(0.743, 0.716, measure='points')}" == "病床使用率比上年降低2.7个百分点"
    assert f"婴儿死亡率{format_rate(0.0054)}" == "婴儿死亡率5.4‰"
    assert f"孕产妇死亡率{format_rate(0.000169, per=100000)}" == "孕产妇死亡率16.9/10万"
    assert f"每千人口执业(助理)医师{N(2.9, '人', decimals=2)}" == "每千人口执业(助理)医师2.90人"
    assert "".join(ZH(n) + "是" for n in (1, 2, 3)) == "一是二是三是"
    assert "".join(ZH(n) + "、" for n in (1, 2)) == "一、二、"
    assert ZH(1, ordinal=True) + "剂" == "第一剂"
    assert ZH(2, ordinal=True) + "剂" == "第二剂"
    assert ZH(2, liang=True) + "剂次" == "两剂次"
    assert ZH(2, liang=True) + "个" == "两个"
    assert ZH(14) + ZH(5) == "十四五"
    assert ZH(3) + "查" + ZH(7) + "对" + ZH(1) + "验证" == "三查七对一验证"
    assert ZH(4) + "早" == "四早"
    assert ZH(2021, digitwise=True) + "年" == "二〇二一年"
    assert N(5, "位") + "专家" == "5位专家"
    assert N(8, "个") + "医合体" == "8个医合体"
    assert f"{D('2021-09-26', 'md')}至{D('2021-10-02', 'md')}" == "9月26日至10月2日"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (82460, Decimal("82460")),
        (0.1, Decimal("0.1")),
        (1.285, Decimal("1.285")),
        (Decimal("2.90"), Decimal("2.90")),
        ("128.57万", Decimal("1285700")),
        ("1.3亿", Decimal("130000000")),
        ("1.3億", Decimal("130000000")),
        ("2万亿", Decimal("2000000000000")),
        ("1,234", Decimal("1234")),
        ("1,234.5", Decimal("1234.5")),
        ("95.2%", Decimal("0.952")),
        ("5.4‰", Decimal("0.0054")),
        ("１２３", Decimal("123")),
        ("１２８．５７万", Decimal("1285700")),
        ("-1.5", Decimal("-1.5")),
        (" 42 ", Decimal("42")),
    ],
)
def test_parse_number(value, expected: Decimal) -> None:
    result = parse_number(value)
    assert result == expected
    assert "E" not in str(result)


def test_parse_number_glued_unit() -> None:
    assert parse_number("82460人", unit="人") == Decimal("82460")
    assert parse_number("128.57万剂次", unit="剂次") == Decimal("1285700")
    assert parse_number("82460", unit="人") == Decimal("82460")


class _Figure:
    def __init__(self, value, *, method: bool = True) -> None:
        self._value = value
        if not method:
            self.__bulletin_value__ = Decimal(value)

    def __bulletin_value__(self) -> Decimal:
        return Decimal(self._value)


def test_figure_objects() -> None:
    assert parse_number(_Figure("82460")) == Decimal("82460")
    assert N(_Figure("1285700"), "剂次") == "128.57万剂次"
    assert P(_Figure("0.952")) == "95.2%"
    assert C(_Figure("100"), _Figure("105.2"), measure="percent") == "比上年增长5.2%"


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        float("nan"),
        float("inf"),
        float("-inf"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("sNaN"),
        "nan",
        "inf",
        "abc",
        "",
        "1.2.3",
        "12,34",
        "82460人",
        "1e5",
        [1],
        {"value": 1},
        object(),
    ],
)
def test_parse_number_rejects(value) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(value)
    assert isinstance(info.value, BulletinError)
    assert isinstance(info.value, ValueError)
    assert info.value.hint and "应写数字" in info.value.hint


def test_error_messages_say_what_was_given() -> None:
    with pytest.raises(NumberError, match="'abc'"):
        N("abc")
    with pytest.raises(NumberError, match="None"):
        N(None)
    with pytest.raises(NumberError, match="True"):
        N(True)
    with pytest.raises(NumberError, match="nan"):
        N(float("nan"))
    with pytest.raises(NumberError, match="unit="):
        parse_number("82460人")


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: N(30000, "人", approx="余", scale="万", decimals=0), "不真"),
        (lambda: P(0.30, approx="近", decimals=0), "不真"),
        (lambda: P(0.60, approx="不到", decimals=0), "不真"),
        (lambda: N(1000, approx="超"), "不真"),
        (lambda: N(0.3, approx="余", decimals=0), "不真"),
        (lambda: N(-20, approx="余"), "负数"),
        (lambda: N(1, approx="大约"), "近似词"),
        (lambda: N(1, scale="千"), "数量级"),
        (lambda: N(1, script="latin"), "文字"),
        (lambda: N(1, decimals=2, significant=2), "只能给一个"),
        (lambda: N(1, decimals=-1), "decimals"),
        (lambda: N(1, decimals=1.5), "decimals"),
        (lambda: N(1, significant=0), "significant"),
        (lambda: N(1, unit=5), "单位"),
        (lambda: format_rate(0.1, per=50), "per"),
        (lambda: format_points(0.1, per=10), "per"),
        (lambda: C(0, 5, measure="percent"), "基数"),
        (lambda: C(1, 5, measure="ratio"), "measure"),
        (lambda: C(1, 5, verbs=("升",)), "verbs"),
        (lambda: R(5, 2), "下限"),
        (lambda: R(1, 2, kind="color"), "kind"),
        (lambda: R("2021-10-02", "2021-09-26", kind="date"), "起点"),
        (lambda: D("2021-13-01"), "日期无效"),
        (lambda: D("2021-07-12", "md_h"), "需要时间"),
        (lambda: D("2021-07-12", "full"), "日期格式"),
        (lambda: D(20210712), "日期类型"),
        (lambda: ZH(1.5), "整数"),
        (lambda: ZH(10**16), "太大"),
        (lambda: ZH(-1, digitwise=True), "非负"),
        (lambda: join_items("abc"), "列表"),
    ],
)
def test_errors(call, fragment: str) -> None:
    with pytest.raises(NumberError) as info:
        call()
    assert fragment in str(info.value)
    assert info.value.hint


def test_true_boundaries() -> None:
    # 以上/及以上/突破/以下/以内 allow equality; 余/多/超/近/不到 do not.
    assert P(0.95, approx="以上", decimals=0) == "95%以上"
    assert N(100, approx="突破", significant=1) == "突破100"
    assert N(28, "日", approx="以内") == "28日以内"
    assert P(0.305, approx="以下", decimals=0) == "31%以下"


def test_zero_negative_large_small() -> None:
    assert N(0) == "0"
    assert N(0, "人") == "0人"
    assert N(-0.001) == "0"
    assert N(-1285700, "元") == "-128.57万元"
    assert N(-99999999, decimals=0) == "-1亿"
    assert N(-99999999, scale="万") == "-10000万"
    assert N(1234500000000) == "12345亿"
    assert N(1234500000000, decimals=2) == "1.23万亿"
    assert N(1e30) == "1000000000000000000万亿"
    assert N(Decimal("1E+40")) == "10000000000000000000000000000万亿"
    assert N(123456789012345678, significant=3) == "123000万亿"
    assert N(0.000012345, significant=2) == "0.000012"
    assert N(Decimal("0.001")) == "0"
    assert N(Decimal("0.001"), decimals=3) == "0.001"
    assert format_rate(-0.00148) == "-1.48‰"
    assert format_points(-0.027) == "-2.7个百分点"
    assert C(-5, -8, unit="℃") == "比上年减少3℃"


def test_more_qualifier_positions() -> None:
    assert format_points(0.253, approx="余", decimals=0) == "25余个百分点"
    assert format_points(0.023, approx="多", decimals=0) == "2个多百分点"
    assert format_points(0.203, approx="多", decimals=0) == "20多个百分点"
    assert P(0.3012, approx="多", decimals=0) == "30%多"
    assert N(1234, "人", approx="余", significant=2) == "1200余人"
    assert N(10234567, "元", approx="余", significant=1, grouping=True) == "1,000余万元"


def test_rates_per() -> None:
    assert format_rate(0.001, per=10000) == "10/万"
    assert format_rate(0.001, per=100) == "0.1%"
    assert format_rate(0.0000123, per=100000000, decimals=0) == "1230/亿"
    assert format_rate(0.0054, decimals=2) == "5.40‰"


def test_scripts_equivalent() -> None:
    for script in ("hant", "hant-tw", "hant-hk", "HANT", "zh_Hant_TW"):
        assert N(14527000, script=script) == "1452.7萬"
    assert C(5, 5, script="zh-Hant") == "與上年持平"


def test_each_list_of_choices_is_defined_once():
    from bulletin.charts import spec as chart_spec
    from bulletin.load import model
    from bulletin.numbers import quantities, scripts

    assert tuple(quantities._APPROX) == quantities.APPROX_WORDS
    assert scripts.SCRIPTS == ("hans", "hant", "hant-tw", "hant-hk")
    assert not hasattr(chart_spec, "SCRIPTS")
    for name in ("SCALES", "SCRIPTS", "APPROX_WORDS", "CHART_TYPES"):
        assert not hasattr(model, name), name


@pytest.mark.parametrize(
    ("value", "options"),
    [(3000, {"scale": "亿"}), (40, {"scale": "万", "decimals": 1}), (-0.4, {"scale": "万"})],
)
def test_a_value_the_explicit_scale_wipes_out_is_an_error(value, options) -> None:
    with pytest.raises(NumberError, match="写成了 0") as info:
        N(value, "人", **options)
    assert "decimals" in info.value.hint


def test_zero_in_an_explicit_scale_is_zero() -> None:
    assert N(0, "人", scale="亿", decimals=2) == "0.00亿人"


@pytest.mark.parametrize(
    ("old", "new", "options", "text"),
    [
        (74.3, 71.6, {"unit": "%"}, "比上年降低2.7个百分点"),
        (71.6, 74.3, {"unit": "%", "measure": "amount"}, "比上年提高2.7个百分点"),
        (3.1, 2.6, {"unit": "‰"}, "比上年降低0.5个千分点"),
        (74.3, 71.6, {"unit": "%", "measure": "percent", "decimals": 1}, "比上年下降3.6%"),
        (50, 50, {"unit": "%"}, "与上年持平"),
        (850000, 907000, {"unit": "人", "scale": "万", "decimals": 1}, "比上年增加5.7万人"),
    ],
)
def test_change_between_percentages_is_in_points(old, new, options, text) -> None:
    assert format_change(old, new, **options) == text
