"""Figures as facts: formatting, derived values, and errors at their place in prose."""

from __future__ import annotations

from decimal import Decimal

import pytest

import bulletin
from bulletin.load.model import Figure
from bulletin.resolve.facts import Fact
from bulletin.resolve.style import Style

HEAD = """meta: {title: 标题, baseline: 同比}
figures:
  beds: {value: 4128, previous: 3986, target: 4200, unit: 张,
         by: {医院: 3215, 基层: 836, 专业公卫: 77}}
  rate: {value: 71.6%, previous: 74.3%}
  doctors: {value: 1808, unit: 人}
  pop: {value: 62.35万, unit: 人}
"""


def render(lead: str) -> str:
    doc = bulletin.loads(HEAD + f"lead: '{lead}'\n", file="f.yaml")
    return bulletin.render(doc, formats="md")["md"].splitlines()[2]


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "床位{{ beds }}，{{ beds.change }}，{{ beds.growth }}",
            "床位4128张，同比增加142张，同比增长3.6%",
        ),
        ("完成目标的{{ beds.completion }}", "完成目标的98.3%"),
        ('{{ beds.top }}占{{ beds.share("医院") }}', "医院占77.9%"),
        ('基层居{{ beds.rank("基层") }}', "基层居第二"),
        ("合计{{ beds.total }}", "合计4128张"),
        ("使用率{{ rate }}，{{ rate.change }}", "使用率71.6%，同比降低2.7个百分点"),
        ("每千人口医师{{ doctors.per(pop, 1000) }}", "每千人口医师2.90人"),
    ],
)
def test_derived_values_in_prose(lead, expected):
    assert render(lead) == expected


@pytest.mark.parametrize(
    ("lead", "message"),
    [
        ("{{ doctors.change }}", "f.yaml:8:8: 数据 “doctors” 没有上期值（previous），不能计算"),
        ("{{ doctors.completion }}", "f.yaml:8:8: 数据 “doctors” 没有目标值（target），不能计算"),
        (
            '{{ beds.share("医阮") }}',
            "f.yaml:8:8: 数据 “beds” 的分项里没有 “医阮”。可用：医院、基层、专业公卫",
        ),
        ("{{ doctors.top }}", "f.yaml:8:8: 数据 “doctors” 没有分项（by），不能计算"),
    ],
)
def test_missing_data_for_a_derived_value(lead, message):
    with pytest.raises(bulletin.BulletinError) as info:
        render(lead)
    assert str(info.value).startswith(message), str(info.value)


def test_traditional_derived_values():
    fact = Fact(
        "beds",
        Figure(value=4128, previous=3986, unit="张", by={"甲": 1, "乙": 2}),
        Style(script="hant"),
    )
    assert (
        fact.change == "比上年增加142张"
    )  # units are the user's words: OpenCC converts them later
    assert fact.growth == "比上年增長3.6%"
    assert fact.rank("甲") == "第二"


@pytest.mark.parametrize(("script", "grouping", "written"), [
    ("hans", "true", "1,452.7万"),
    ("hant-hk", "false", "1452.7萬"),
    ("hant-tw", "null", "1,452.7萬"),
])  # fmt: skip
def test_one_style_for_text_and_chart_alt_text(script, grouping, written):
    doc = bulletin.loads(
        f"meta: {{title: 标题, script: {script}, grouping: {grouping}}}\n"
        "figures: {visits: {unit: 人次, label: 门诊人次, target: 20000000,"
        " value: 14527000}}\n"
        "sections: [{text: '全年{{ visits }}。'}]\n"
    )
    resolved = bulletin.resolve(doc)
    assert resolved.style.grouping is (written.count(",") == 1)
    assert written in resolved.content.sections[0].paragraphs[0]
    (chart,) = resolved.charts
    assert written in chart.alt, chart.alt


def test_a_percentage_means_the_same_in_a_figure_and_an_indicator():
    doc = bulletin.loads(
        "meta: {title: 标题, genre: statistical}\n"
        "figures: {rate: {value: 95.2%, previous: 93.1%}}\n"
        "sections:\n"
        "  - text: '签约率{{ rate }}，{{ rate.change }}。'\n"
        "    indicators: [{name: 签约率, value: 95.2%, previous: 93.1%}]\n"
    )
    indicator = doc.sections[0].indicators[0]
    assert doc.figures["rate"].value == indicator.value == Decimal("95.2")
    assert doc.figures["rate"].unit == "%" and indicator.kind == "percent"
    section = bulletin.resolve(doc).content.sections[0]
    assert section.paragraphs == ["签约率95.2%，比上年提高2.1个百分点。"]
    assert section.indicators == ["签约率95.2%，比上年提高2.1个百分点。"]


def test_completion_reads_the_same_in_the_text_and_the_chart():
    doc = bulletin.loads(
        "meta: {title: 标题}\n"
        "figures: {signed: {value: 255133, target: 243000, unit: 人, label: 签约人数},"
        " near: {value: 99996, target: 100000, unit: 人, chart: false}}\n"
        "sections: [{text: '完成{{ signed.completion }}，{{ near.completion }}。'}]\n"
    )
    resolved = bulletin.resolve(doc)
    assert resolved.content.sections[0].paragraphs == ["完成105.0%，99.9%。"]
    (chart,) = resolved.charts
    assert "完成率105%" in chart.alt  # charts drop trailing zeros; the rate is the same
