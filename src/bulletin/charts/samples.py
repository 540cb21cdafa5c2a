"""One chart of every type, with realistic district health figures.

For trying the drawing without a data file, and shared by the tests and the
chart benchmark so both exercise the same charts (gaps in a series, a target
line, more than six pie slices, a highlighted leader).

>>> [spec.type for spec in SAMPLE_SPECS]
['bar', 'barh', 'line', 'pie', 'donut', 'grouped', 'stacked', 'progress']
"""

from __future__ import annotations

from .spec import ChartSpec, Series

__all__ = ["SAMPLE_SPECS"]

TOWNS = ["元坝镇", "红岩镇", "卫子镇", "昭化镇"]

SAMPLE_SPECS: list[ChartSpec] = [
    ChartSpec(
        "bar",
        "各乡镇新冠疫苗接种剂次",
        TOWNS[:3],
        [Series("剂次", [10234, 8120, 6650])],
        unit="剂次",
        source="昭化区卫生健康局",
        name="doses_by_town",
    ),
    ChartSpec(
        "barh",
        "各类医疗卫生机构人员数",
        ["区人民医院", "乡镇卫生院", "社区卫生服务中心", "村卫生室"],
        [Series("人", [612, 486, 121, 56])],
        unit="人",
        highlight=0,
        name="staff",
    ),
    ChartSpec(
        "line",
        "2021年各月接种剂次",
        ["2021年1月", "2月", "3月", "4月"],
        [
            Series("第一剂", [12000, 185000, 1285700, 431000]),
            Series("第二剂", [None, 8000, 740700, 523000]),
        ],
        unit="剂次",
        targets=[1300000],
        name="monthly",
    ),
    ChartSpec(
        "pie",
        "死因构成",
        [
            "心脑血管疾病",
            "恶性肿瘤",
            "呼吸系统疾病",
            "损伤和中毒",
            "消化系统疾病",
            "内分泌疾病",
            "其他",
        ],
        [Series("", [42.5, 24.1, 11.2, 6.3, 3.4, 2.8, 9.7])],
        unit="%",
        name="deaths",
    ),
    ChartSpec(
        "donut",
        "全区床位构成",
        ["医院", "卫生院", "其他"],
        [Series("", [1000, 800, 60])],
        unit="张",
        total=1860,
        name="beds",
    ),
    ChartSpec(
        "grouped",
        "各乡镇接种剂次：本期与上期",
        TOWNS,
        [
            Series("上期", [910000, 860000, 502000, 500000]),
            Series("本期", [1023400, 812000, 665000, None]),
        ],
        unit="剂次",
        name="towns",
    ),
    ChartSpec(
        "stacked",
        "参保人数",
        ["2019年", "2020年", "2021年"],
        [Series("城镇", [123000, 131000, 140000]), Series("农村", [81000, 76000, 72000])],
        unit="人",
        source="区医保局",
        name="insured",
    ),
    ChartSpec(
        "progress",
        "疫苗接种完成情况",
        ["第一剂", "第二剂"],
        [Series("完成", [82460, 60210])],
        targets=[83600, 83600],
        unit="人",
        name="progress",
    ),
]
