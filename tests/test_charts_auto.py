"""Automatic chart choice and explicit chart references."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bulletin.charts.auto import auto_type, date_labels, spec_for_figure, spec_for_ref
from bulletin.errors import DataError
from bulletin.load.model import ChartRef, Figure

TOWNS = {"元坝镇": 10234, "红岩镇": 8120, "卫子镇": 6650}


def test_breakdown_with_short_labels_is_a_bar_in_written_order():
    spec = spec_for_figure(
        "doses", Figure(unit="剂次", label="各乡镇接种剂次", by=TOWNS, source="区卫健局")
    )
    assert spec.type == "bar"
    assert spec.categories == ("元坝镇", "红岩镇", "卫子镇")
    assert spec.unit == "剂次" and spec.source == "区卫健局" and spec.name == "doses"


def test_many_or_long_categories_make_a_sorted_ranking_with_the_leader_highlighted():
    by = {"甲镇": 5, "乙镇": 9, "丙镇": 1, "丁镇": 7, "戊镇": 3, "己镇": 8}
    spec = spec_for_figure("r", Figure(by=by))
    assert spec.type == "barh"
    assert spec.categories == ("乙镇", "己镇", "丁镇", "甲镇", "戊镇", "丙镇")
    assert spec.values[0] == 9 and spec.highlight == 0
    long = spec_for_figure("l", Figure(by={"社区卫生服务中心": 3, "村卫生室": 4}))
    assert long.type == "barh" and long.categories[0] == "村卫生室"


def test_composition_becomes_a_donut_with_its_total():
    spec = spec_for_figure(
        "beds", Figure(value=1860, unit="张", by={"医院": 1000, "卫生院": 800, "其他": 60})
    )
    assert spec.type == "donut" and spec.total == 1860


def test_shares_in_percent_become_a_pie():
    fig = Figure(unit="%", by={"男": "52.3", "女": "47.7"})
    assert auto_type(fig) == "pie"


def test_parts_not_adding_up_are_not_a_composition():
    assert auto_type(Figure(value=100, by={"甲": 30, "乙": 20})) == "bar"


def test_previous_by_gives_grouped_previous_then_current():
    fig = Figure(
        unit="剂次", by={"元坝镇": 10, "红岩镇": 8}, previous_by={"元坝镇": 9, "卫子镇": 4}
    )
    spec = spec_for_figure("g", fig)
    assert spec.type == "grouped"
    assert [s.name for s in spec.series] == ["上期", "本期"]
    assert spec.categories == ("元坝镇", "红岩镇", "卫子镇")
    assert spec.series[0].values == (9, None, 4)
    assert spec.series[1].values == (10, 8, None)


def test_series_becomes_a_line_with_chinese_dates():
    fig = Figure(unit="剂次", series={"2021-05": 1, "2021-06": 2, "2021-07": 3}, target=5)
    spec = spec_for_figure("m", fig)
    assert spec.type == "line"
    assert spec.categories == ("2021年5月", "6月", "7月")
    assert spec.targets == (Decimal(5),)
    assert auto_type(Figure(series={"2020": 1, "2021": 2})) == "bar"


def test_target_becomes_progress():
    spec = spec_for_figure("p", Figure(value=82460, target=83600, unit="人", label="第一剂"))
    assert spec.type == "progress"
    assert spec.targets == (Decimal(83600),) and spec.values == (Decimal(82460),)


def test_chart_false_and_plain_values_give_no_chart():
    assert spec_for_figure("x", Figure(by=TOWNS, chart=False)) is None
    assert spec_for_figure("x", Figure(value=5)) is None
    assert spec_for_figure("x", Figure(by=TOWNS, chart=False), type="bar").type == "bar"


def test_figure_chart_and_explicit_type_override_the_rules():
    assert spec_for_figure("x", Figure(by=TOWNS, chart="pie")).type == "pie"
    assert spec_for_figure("x", Figure(by=TOWNS, chart="pie"), type="barh").type == "barh"


@pytest.mark.parametrize(
    ("fig", "kind", "fragment"),
    [
        (Figure(by=TOWNS), "progress", "target"),
        (Figure(by=TOWNS), "grouped", "previous_by"),
        (Figure(value=3), "line", "series"),
        (Figure(series={"2021": 1, "2022": 2}), "pie", "不是构成"),
    ],
)
def test_type_the_data_cannot_fill(fig, kind, fragment):
    with pytest.raises(DataError, match=fragment):
        spec_for_figure("x", fig, type=kind)


def test_ref_unknown_figure_suggests_the_closest_name():
    with pytest.raises(DataError, match="未知的数据名 “frist_dose”") as err:
        spec_for_ref(ChartRef(figure="frist_dose"), {"first_dose": Figure(value=1)})
    assert "first_dose" in str(err.value)


def test_ref_single_figure_takes_section_texts():
    spec = spec_for_ref(
        ChartRef(figure="t", type="barh", title="排名", caption="注", source="源"),
        {"t": Figure(by=TOWNS)},
    )
    assert (spec.type, spec.title, spec.caption, spec.source) == ("barh", "排名", "注", "源")


def test_ref_without_anything_to_draw():
    with pytest.raises(DataError, match="没有可以画图"):
        spec_for_ref(ChartRef(figure="n"), {"n": Figure(value=1)})


def test_ref_several_breakdowns_grouped_or_stacked():
    figs = {
        "a": Figure(label="城镇", unit="万人", by={"2020年": 1, "2021年": 2}),
        "b": Figure(label="农村", unit="万人", by={"2021年": 3, "2022年": 4}),
    }
    spec = spec_for_ref(ChartRef(figures=["a", "b"]), figs)
    assert spec.type == "grouped" and spec.categories == ("2020年", "2021年", "2022年")
    assert [s.name for s in spec.series] == ["城镇", "农村"]
    stacked = spec_for_ref(ChartRef(figures=["a", "b"], type="stacked", title="参保"), figs)
    assert stacked.type == "stacked" and stacked.title == "参保"
    assert stacked.column_totals() == [1, 5, 4]


def test_ref_several_values_and_targets():
    figs = {
        "a": Figure(label="第一剂", value=90, target=100, unit="人"),
        "b": Figure(label="第二剂", value=70, target=100, unit="人"),
    }
    spec = spec_for_ref(ChartRef(figures=["a", "b"]), figs)
    assert spec.type == "progress" and spec.categories == ("第一剂", "第二剂")
    pie = spec_for_ref(ChartRef(figures=["a", "b"], type="pie"), figs)
    assert pie.type == "pie" and pie.total == 160


def test_ref_mixed_units_is_an_error():
    figs = {"a": Figure(unit="人", by={"x": 1}), "b": Figure(unit="元", by={"x": 1})}
    with pytest.raises(DataError, match="单位不同"):
        spec_for_ref(ChartRef(figures=["a", "b"]), figs)


def test_date_labels_keep_unknown_keys():
    assert date_labels(["一月", "二月"]) == ["一月", "二月"]
    assert date_labels(["2021/07/12"]) == ["7月12日"]
