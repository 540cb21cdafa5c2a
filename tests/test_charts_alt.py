"""Alt text and data tables."""

from __future__ import annotations

import pytest

from bulletin.charts import ChartSpec, Series, alt_text, data_table

TOWNS = ["元坝镇", "红岩镇", "卫子镇"]


def test_bar_names_the_leader_with_its_unit():
    spec = ChartSpec(
        "bar", "各乡镇接种剂次", TOWNS, [Series("剂次", [10234, 8120, 6650])], unit="剂次"
    )
    assert alt_text(spec).startswith("柱状图：各乡镇接种剂次。元坝镇最多，为10234剂次")


def test_large_numbers_use_the_charts_scale():
    spec = ChartSpec(
        "barh", "各县接种剂次", TOWNS, [Series("", [1285700, 740700, 98000])], unit="剂次"
    )
    text = alt_text(spec)
    assert "128.57万剂次" in text and "9.8万剂次" in text


def test_line_tells_the_trend_and_the_peak():
    spec = ChartSpec("line", "月度", ["1月", "2月", "3月"], [Series("", [5, 9, 7])], unit="例")
    assert alt_text(spec) == "折线图：月度。从1月的5例升至3月的7例，最高为2月的9例。"
    multi = ChartSpec(
        "line",
        "两剂",
        ["1月", "2月"],
        [Series("第一剂", [1, 2]), Series("第二剂", [3, 1])],
        unit="人",
    )
    assert "第一剂从1月的1人升至2月的2人；第二剂从1月的3人降至2月的1人" in alt_text(multi)


def test_pie_gives_shares_that_add_up():
    spec = ChartSpec(
        "donut",
        "床位构成",
        ["医院", "卫生院", "其他"],
        [Series("", [1000, 800, 60])],
        unit="张",
        total=1860,
    )
    assert alt_text(spec) == "环形图：床位构成。合计1860张，医院占53.8%，卫生院占43%，其他占3.2%。"


def test_grouped_previous_current():
    spec = ChartSpec(
        "grouped",
        "对比",
        TOWNS,
        [Series("上期", [9, 9, 9]), Series("本期", [10, 8, 9])],
        unit="剂次",
    )
    assert alt_text(spec).endswith("与上期相比，1项高于上期，1项低于上期。")


def test_stacked_names_the_largest_total():
    spec = ChartSpec(
        "stacked",
        "参保",
        ["2020年", "2021年"],
        [Series("城镇", [1, 2]), Series("农村", [3, 3])],
        unit="万人",
    )
    assert "合计2021年最多，为5万人" in alt_text(spec)


def test_progress_never_overstates_completion():
    spec = ChartSpec("progress", "接种", ["接种"], [Series("", [9996])], targets=[10000], unit="人")
    assert alt_text(spec) == "进度图：接种。完成9996人，目标10000人，完成率99.9%。"


@pytest.mark.parametrize(
    ("script", "word"), [("hant", "條形圖"), ("hant-tw", "條形圖"), ("hant-hk", "條形圖")]
)
def test_traditional_alt_text(script, word):
    spec = ChartSpec("barh", "各乡镇接种剂次", TOWNS, [Series("", [1285700, 2, 1])], unit="剂次")
    text = alt_text(spec, script)
    assert text.startswith(word) and "128.57萬劑次" in text


def test_data_table_is_gfm_with_exact_numbers():
    spec = ChartSpec(
        "grouped",
        "对比",
        ["元坝|镇"],
        [Series("上期", [None]), Series("本期", [1285700])],
        unit="剂次",
    )
    assert data_table(spec).splitlines() == [
        "| 类别 | 上期（剂次） | 本期（剂次） |",
        "| --- | ---: | ---: |",
        "| 元坝\\|镇 | — | 128.57万 |",
    ]
    prog = ChartSpec("progress", "接种", ["第一剂"], [Series("", [82460])], targets=[83600])
    assert data_table(prog).splitlines()[-1] == "| 第一剂 | 82460 | 83600 | 98.6% |"


def test_progress_numbers_use_the_charts_common_scale():
    spec = ChartSpec(
        "progress", "家庭医生签约", ["签约"], [Series("", [289500])], targets=[300000], unit="人"
    )
    assert alt_text(spec) == "进度图：家庭医生签约。完成28.95万人，目标30万人，完成率96.5%。"
    assert alt_text(spec, "hant").endswith("完成28.95萬人，目標30萬人，完成率96.5%。")


def test_a_zero_keeps_its_unit():
    spec = ChartSpec("progress", "经费", ["经费"], [Series("", [0])], targets=[100], unit="元")
    assert alt_text(spec) == "进度图：经费。完成0元，目标100元，完成率0%。"
    bar = ChartSpec("bar", "新增", ["甲", "乙"], [Series("", [3, 0])], unit="例")
    assert alt_text(bar) == "柱状图：新增。甲最多，为3例；乙最少，为0例。"


def test_a_small_value_never_reads_zero_at_the_common_scale():
    spec = ChartSpec("bar", "接种", ["甲", "乙"], [Series("", [289500, 12])], unit="剂次")
    assert alt_text(spec) == "柱状图：接种。甲最多，为28.95万剂次；乙最少，为12剂次。"


@pytest.mark.parametrize("n", [2, 3, 5])
def test_a_flat_series_names_every_point(n):
    years = [f"{2019 + k}年" for k in range(n)]
    spec = ChartSpec("line", "床位", years, [Series("", [5] * n)], unit="张")
    text = alt_text(spec)
    assert all(year in text for year in years), text
    if n == 3:
        assert text == "折线图：床位。2019年、2020年和2021年均为5张。"


def test_ends_alike_but_not_flat_keep_the_peak():
    spec = ChartSpec("line", "床位", ["2019年", "2020年", "2021年"], [Series("", [5, 9, 5])])
    assert alt_text(spec) == "折线图：床位。2019年和2021年均为5，最高为2020年的9。"


@pytest.mark.parametrize(
    ("script", "grouping", "grouped"),
    [
        ("hans", None, False),
        ("hans", True, True),
        ("hant-tw", None, True),
        ("hant-hk", False, False),
        ("hant", None, False),
    ],
)
def test_alt_text_and_table_follow_the_grouping(script, grouping, grouped):
    spec = ChartSpec("bar", "剂次", ["甲", "乙"], [Series("", [72447, 1285])], unit="剂次")
    text = alt_text(spec, script, grouping=grouping)
    table = data_table(spec, script, grouping=grouping)
    assert ("72,447" in text) == ("72,447" in table) == ("1,285" in text) == grouped
    assert ("72447" in text) == ("72447" in table) == (not grouped)
    scaled = ChartSpec("bar", "剂次", ["甲"], [Series("", [14527000])], unit="剂次")
    assert ("1,452.7" in alt_text(scaled, script, grouping=grouping)) == grouped


def test_counts_in_alt_text_come_from_the_number_engine():
    towns = [f"镇{k}" for k in range(1200)]
    spec = ChartSpec("bar", "各镇", towns, [Series("", list(range(1200)))], unit="人")
    assert alt_text(spec, "hant-hk").startswith("柱狀圖：各鎮。共1,200項，")
    assert alt_text(spec).startswith("柱状图：各镇。共1200项，")
