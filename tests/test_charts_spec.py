"""The chart spec: validation, folding, serialisation, numbers on charts."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from bulletin.charts.spec import (
    MAX_SLICES,
    ChartSpec,
    Series,
    chart_scale,
    convert_script,
    for_script,
    format_chart_number,
    unit_note,
)
from bulletin.errors import BulletinError, DataError


def bar(**kw):
    return ChartSpec(
        "bar",
        "各乡镇接种剂次",
        ["元坝镇", "红岩镇", "卫子镇"],
        [Series("剂次", [10234, 8120, 6650])],
        unit="剂次",
        **kw,
    )


def test_spec_is_frozen_hashable_and_comparable():
    a, b = bar(), bar()
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.title = "x"  # type: ignore[misc]
    assert a.replace(title="别的").title == "别的" and a.title == "各乡镇接种剂次"


def test_to_dict_is_json_with_exact_numbers():
    d = bar(source="区卫健局").to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert d["series"][0]["values"] == ["10234", "8120", "6650"]
    assert d["type"] == "bar" and d["source"] == "区卫健局"
    spec = ChartSpec("line", "t", ["1月"], [Series("s", ["128.57万"])])
    assert spec.values == (Decimal("1285700"),)


def test_digest_changes_with_any_field():
    base = bar()
    assert base.digest() == bar().digest()
    assert base.digest() != bar(caption="图注").digest()
    assert base.digest() != base.replace(series=[Series("剂次", [10234, 8120, 6651])]).digest()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("radar", "t", [], []), "未知的图表类型"),
        (("bar", "t", ["a", "b"], [Series("s", [1])]), "有 1 个数值"),
        (("pie", "t", ["a", "b"], [Series("s", [1, -2])]), "不能为空或负数"),
        (("pie", "t", ["a"], [Series("s", [1]), Series("u", [2])]), "只能有一个系列"),
        (("progress", "t", ["a"], [Series("s", [1])]), "target"),
    ],
)
def test_bad_specs_raise_data_error(args, fragment):
    with pytest.raises(DataError, match=fragment):
        ChartSpec(*args)


def test_pie_folds_more_than_six_slices_into_other():
    cats = [f"类{i}" for i in range(9)]
    spec = ChartSpec("donut", "构成", cats, [Series("", [9, 8, 7, 6, 5, 4, 3, 2, 1])])
    assert len(spec.categories) == MAX_SLICES
    assert spec.categories[-1] == "其他"
    assert spec.values[-1] == 4 + 3 + 2 + 1
    assert sum(spec.values) == 45


def test_fold_merges_an_existing_other_and_keeps_order():
    cats = ["甲", "其他", "乙", "丙", "丁", "戊", "己", "庚"]
    spec = ChartSpec("pie", "构成", cats, [Series("", [1, 10, 30, 20, 5, 4, 3, 2])])
    assert spec.categories == ("乙", "丙", "丁", "戊", "己", "其他")
    assert spec.values[-1] == 10 + 1 + 2


def test_six_slices_are_kept():
    spec = ChartSpec("pie", "构成", list("ABCDEF"), [Series("", [1] * 6)])
    assert spec.categories == tuple("ABCDEF")


@pytest.mark.parametrize(
    ("values", "unit", "scale"),
    [
        ([10234, 8120], "剂次", "none"),
        ([99999], "", "none"),
        ([100000], "", "万"),
        ([1285700, 5], "", "万"),
        ([130000000], "元", "亿"),
        ([Decimal("95.2")], "%", "none"),
        ([], "", "none"),
    ],
)
def test_chart_scale(values, unit, scale):
    assert chart_scale([Decimal(v) for v in values], unit) == scale


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (200000, {"scale": "万"}, "20万"),
        (1285700, {"scale": "万"}, "128.57万"),
        (1285700, {"scale": "万", "factor": True}, "128.57"),
        (130000000, {"scale": "亿", "script": "hant"}, "1.3億"),
        (0, {"scale": "万"}, "0"),
        (Decimal("60"), {}, "60"),
        (60.0, {}, "60"),
        (Decimal("12.345"), {}, "12.35"),
        (Decimal("98.6"), {}, "98.6"),
        (14527000, {"scale": "万", "script": "hant-tw"}, "1,452.7萬"),
        (72447, {"script": "hant-hk"}, "72,447"),
        (72447, {"script": "hant-hk", "grouping": False}, "72447"),
        (14527000, {"scale": "万", "grouping": True}, "1,452.7万"),
        (12, {"scale": "万"}, "12"),  # would read 0万 at the chart's scale
        (Decimal(50), {"scale": "万"}, "0.01万"),
        (12, {"scale": "万", "factor": True}, "0"),  # the unit note says 万
    ],
)
def test_format_chart_number(value, kwargs, text):
    assert format_chart_number(value, **kwargs) == text


def test_format_chart_number_percent_and_units():
    assert format_chart_number(Decimal(60), "%") == "60%"
    assert format_chart_number(Decimal(0), "%") == "0%"
    assert format_chart_number(Decimal(0), "元", scale="万") == "0元"
    assert format_chart_number(Decimal(1285700), "剂次", scale="万") == "128.57万剂次"
    assert unit_note("人次", "万", factor=True) == "单位：万人次"
    assert unit_note("人次", "万") == "单位：人次"
    assert unit_note("") == ""


def test_unknown_script_is_an_error():
    with pytest.raises(BulletinError):
        format_chart_number(1, script="latin")


def test_traditional_conversion_of_all_texts():
    spec = bar(source="昭化区卫生健康局")
    hk = for_script(spec, "hant-hk")
    assert hk.title == "各鄉鎮接種劑次"
    assert hk.categories[0] == "元壩鎮"
    assert hk.unit == "劑次" and hk.source.startswith("昭化區")
    assert hk.values == spec.values
    assert for_script(spec, "hans") is spec
    assert convert_script("社区数据来源", "hant-tw") == "社區數據來源"


def test_texts_written_as_the_document_writes_them():
    spec = ChartSpec(
        "bar", "“干河乡”各村", ["干河乡", "游乐园"], [Series("", [1, 2])], source="“统计”"
    )
    # no wording: quotes as texts of the script do, OpenCC for the rest
    assert for_script(spec, "hant-tw").title == "「幹河鄉」各村"
    assert for_script(spec, "hant").title == "“幹河鄉”各村"
    assert convert_script("“干河乡”", "hant-tw") == "“幹河鄉”"  # a plain conversion
    written = spec.replace(places=["干河乡"], keep_words=["游樂"], quotes="curly")
    tw = for_script(written, "hant-tw")
    assert (tw.title, tw.categories, tw.source) == ("“干河鄉”各村", ("干河鄉", "游樂園"), "“統計”")
    assert (tw.quotes, tw.places, tw.keep_words) == ("curly", ("干河乡",), ("游樂",))
    corner = for_script(spec.replace(quotes="corner"), "hans")
    assert (corner.title, corner.source) == ("「干河乡」各村", "「统计」")
    curly = spec.replace(quotes="curly")
    assert for_script(curly, "hans") is curly
    # what the chart shows is the same: the wording is not part of the spec's dict
    assert written.to_dict() == spec.to_dict() and written.digest() == spec.digest()
    with pytest.raises(DataError, match="angle"):
        spec.replace(quotes="angle")


def test_the_common_scale_counts_values_targets_and_total():
    prog = ChartSpec("progress", "签约", ["签约"], [Series("", [98000])], targets=[300000])
    assert prog.common_scale() == "万"
    donut = ChartSpec("donut", "构成", ["甲", "乙"], [Series("", [60000, 50000])], total=110000)
    assert donut.common_scale() == "万"
    assert ChartSpec("bar", "率", ["甲"], [Series("", [300000])], unit="%").common_scale() == "none"
