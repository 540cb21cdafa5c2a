"""The sentence forms of a statistical bulletin as national and provincial bulletins print
them (issue 11): each option produces its form; the part/total relations in the text
agree with the data."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bulletin
from bulletin.errors import NumberError
from bulletin.load.model import Indicator, Part
from bulletin.numbers.quantities import parse_number
from bulletin.resolve.indicators import SentenceWriter, precision_of
from bulletin.resolve.style import Style
from conftest import EXAMPLES, check_golden


def write(**options) -> str:
    writer = SentenceWriter(vary=False, typed=True, year=2024, scope="全区")
    table = options.pop("table", None)
    return writer.sentence(Indicator(**options), table=table)


ORGS = dict(name="医疗卫生机构", value=326, previous=317, unit="个")
PARTS = [
    Part(name="医院", value=12, previous=11),
    Part(name="基层医疗卫生机构", value=298, previous=291),
]


@pytest.mark.parametrize(
    ("options", "sentence"),
    [
        (
            dict(ORGS, period="end", total=True),
            "2024年末，全区医疗卫生机构总数达326个，比上年增加9个。",
        ),
        (
            dict(ORGS, period="year", lead="共有"),
            "2024年，全区共有医疗卫生机构326个，比上年增加9个。",
        ),
        (
            dict(ORGS, parts=PARTS, breakdown="clause", parts_change="together"),
            "医疗卫生机构326个，比上年增加9个，其中：医院12个，基层医疗卫生机构298个。"
            "与上年相比，医院增加1个，基层医疗卫生机构增加7个。",
        ),
        (
            dict(ORGS, parts=PARTS, table=1, see_table=True),
            "医疗卫生机构326个，比上年增加9个。其中：医院12个，比上年增加1个；基层医疗卫生机构298个，"
            "比上年增加7个（见表1）。",
        ),
        (
            dict(
                name="妇幼保健机构",
                value=30,
                unit="个",
                parts_join="、",
                breakdown="clause",
                parts=[
                    Part(name="区级", value=1),
                    Part(name="街道级", value=6),
                    Part(name="社区级", value=23),
                ],
            ),
            "妇幼保健机构30个，其中：区级1个、街道级6个、社区级23个。",
        ),
        (
            dict(
                name="医院",
                value=12,
                unit="个",
                breakdown="only",
                parts_label="医院按等级分",
                parts=[
                    Part(name="三级医院", value=3, parts=[Part(name="三级甲等医院", value=2)]),
                    Part(name="二级医院", value=9),
                ],
            ),
            "医院按等级分：三级医院3个（其中：三级甲等医院2个），二级医院9个。",
        ),
        (
            dict(
                name="卫生人员",
                value=907000,
                previous=850000,
                unit="人",
                scale="万",
                decimals=1,
                change="both",
                brackets=True,
                share=True,
                parts=[Part(name="医院", value=556000)],
            ),
            "卫生人员90.7万人，比上年增加5.7万人（增长6.7%）。其中：医院55.6万人（占61.3%）。",
        ),
        (
            dict(
                name="卫生技术人员学历结构",
                value=1,
                share="only",
                breakdown="only",
                parts_label="学历结构",
                parts=[Part(name="本科及以上", share="41.2%"), Part(name="大专", share=33.5)],
            ),
            "学历结构：本科及以上占41.2%，大专占33.5%。",
        ),
        (
            dict(name="卫生人员", value=512.0, previous=498.3, unit="万人"),
            "卫生人员512.0万人，比上年增加13.7万人。",
        ),
        (
            dict(name="床位", value=100, previous=100, unit="张", change="both"),
            "床位100张，与上年持平。",
        ),
        (
            dict(
                name="卫生人员",
                value=907000,
                unit="人",
                scale="万",
                decimals=1,
                parts=[Part(name="医院", value=95000), Part(name="基层", value=426000)],
            ),
            "卫生人员90.7万人。其中：医院9.5万人，基层42.6万人。",
        ),
    ],
)
def test_each_form(options, sentence):
    assert write(**options) == sentence


def test_statistical_verbs_do_not_rotate():
    from bulletin.load.model import Meta

    writer = SentenceWriter.of(
        Meta(title="t", genre="statistical"), Style.of(Meta(title="t", genre="statistical"))
    )
    rates = [Indicator(name=f"率{i}", value=60, previous=50, kind="percent") for i in range(3)]
    assert [writer.sentence(r) for r in rates] == [
        f"率{i}60%，比上年提高10个百分点。" for i in range(3)
    ]
    assert Style.of(Meta(title="t")).vary_verbs


def test_period_without_a_year_is_an_error_at_the_option(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "meta: {title: 公报, genre: statistical}\nsections:\n  - indicators:\n"
        "      - {name: 机构, value: 3, period: end}\n",
        encoding="utf-8",
    )
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(bulletin.load(path), formats="md")
    assert "meta.year" in str(info.value) and info.value.line == 4


def test_a_part_the_scale_wipes_out_is_an_error():
    with pytest.raises(NumberError, match="写成了 0"):
        write(
            name="x",
            value=907000,
            unit="人",
            scale="亿",
            decimals=2,
            parts=[Part(name="y", value=30)],
        )


def test_precision_is_shared_by_a_table_column():
    ind = Indicator(name="x", value=5120000, previous=4983000, unit="人")
    assert precision_of(ind) == ("万", 1)


def test_chengchuan_golden():
    check_golden("chengchuan.md", bulletin.render(EXAMPLES / "chengchuan.yaml", formats="md")["md"])
    check_golden(
        "chengchuan.html", bulletin.render(EXAMPLES / "chengchuan.yaml", formats="html")["html"]
    )
    hant = bulletin.render(EXAMPLES / "chengchuan.yaml", formats="md", script="hant")["md"]
    check_golden("chengchuan-hant.md", hant)
    assert "（見表1）" in hant and "### （一）醫療衛生機構" in hant


def test_chengchuan_table_references_resolve():
    md = bulletin.render(EXAMPLES / "chengchuan.yaml", formats="md")["md"]
    for number in re.findall(r"（见表(\d+)）", md):
        assert f"**表{number} " in md
    assert re.findall(r"^### （(.)）", md, flags=re.M) == ["一", "二", "三", "一"]


@settings(max_examples=40, deadline=None)
@given(
    parts=st.lists(st.integers(min_value=1, max_value=10**7), min_size=1, max_size=4),
    rest=st.integers(min_value=0, max_value=10**7),
    brackets=st.booleans(),
)
def test_part_values_and_shares_agree_with_the_data(parts, rest, brackets):
    total = sum(parts) + rest
    ind = Indicator(
        name="总数",
        value=total,
        unit="人",
        share=True,
        brackets=brackets,
        parts=[Part(name=f"分项{k}", value=v) for k, v in enumerate(parts)],
    )
    text = SentenceWriter(typed=True).sentence(ind)
    scale, decimals = precision_of(ind, typed=True)
    step = Decimal(1).scaleb({"auto": 0, "none": 0, "万": 4, "亿": 8}[scale] - (decimals or 0))
    found = re.findall(r"分项(\d)([\d.]+万?)人[（，]占([\d.]+)%", text)
    assert len(found) == len(parts), text
    for k, shown, share in found:
        value = parts[int(k)]
        assert abs(parse_number(shown) - value) <= step / 2, text
        assert abs(Decimal(share) - Decimal(value) * 100 / total) <= Decimal("0.05"), text
    printed = sum(parse_number(s) for _, s, _ in found)
    assert printed <= parse_number(re.search(r"总数([\d.]+万?)人", text)[1]) + step * len(parts)


NUMBERED = (
    "meta: {title: 标题, genre: statistical}\n"
    "sections:\n"
    "  - heading: 一、医疗资源\n"
    "    text: 正文。\n"
    "    subsections:\n"
    "      - heading: （二）床位\n"
    "        text: 子。\n"
    "  - heading: 2. 医疗服务\n"
    "    text: 正文。\n"
    "  - heading: 十四五规划\n"
)


def test_a_number_typed_into_a_heading_is_not_doubled():
    """The bulletin numbers its headings; a number typed into one is left out (never
    一、一、), and one that is not the heading's place is a warning at the heading."""
    doc = bulletin.loads(NUMBERED, file="n.yaml")
    md = bulletin.render(doc, ("md",))["md"]
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings == [
        "# 标题",
        "## 一、医疗资源",
        "### （一）床位",
        "## 二、医疗服务",
        "## 三、十四五规划",
    ]
    warnings = [str(w) for w in bulletin.check(doc)]
    assert warnings == [
        "n.yaml:6:18: 警告：小标题自带编号 “（二）”，与它的位置 “（一）” 不符；"
        "统计公报按位置自动编号，这里写作 “（一）”。请删去小标题里的编号"
    ]
    feature = bulletin.loads(NUMBERED.replace("statistical", "feature"), file="n.yaml")
    assert "## 一、医疗资源" in bulletin.render(feature, ("md",))["md"]  # not numbered: as typed
    assert bulletin.check(feature) == []


def test_a_subsections_chart_stands_in_the_subsection():
    head = (
        "meta: {title: 标题, genre: statistical}\n"
        "figures:\n"
        "  beds: {label: 床位构成, unit: 张, by: {医院: 3, 基层: 5}}\n"
        "  staff: {label: 人员构成, unit: 人, by: {医生: 4, 护士: 6}}\n"
        "sections:\n"
        "  - heading: 医疗资源\n"
        "    chart: staff\n"
        "    subsections:\n"
        "      - {heading: 床位, text: 子。, chart: beds}\n"
    )
    good = bulletin.loads(head, file="c.yaml")
    md = bulletin.render(good, ("md",), draw_charts=False)["md"]
    order = [md.index(s) for s in ("图1 人员构成", "### （一）床位", "子。", "图2 床位构成")]
    assert order == sorted(order)
    bad = bulletin.loads(head + "      - {heading: 人员, text: 又。, chart: {figure: nope}}\n")
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(bad, ("md",), draw_charts=False)
    assert str(info.value).startswith("<string>:10:40: 图表引用了未知的数据名 “nope”")


def test_subsections_show_in_every_genre():
    doc = bulletin.loads(
        "meta: {title: 标题}\nsections:\n  - heading: 一\n    text: 正文。\n"
        "    subsections:\n      - {heading: 子, text: 子文。, points: [甲, 乙]}\n",
        file="f.yaml",
    )
    md = bulletin.render(doc, ("md",))["md"]
    assert md.endswith("## 一\n\n正文。\n\n### 子\n\n子文。\n\n一是甲；二是乙。\n")
