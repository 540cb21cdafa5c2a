"""Scripts: the engine's words and OpenCC over prose, never over URLs, paths or digits."""

from __future__ import annotations

import pytest

import bulletin
from bulletin.numbers.scripts import corner_quotes, to_script

DOC = """
meta:
  title: 卫健局办实事 服务人民健康
  script: {script}
figures:
  doses: {{value: 1285700, unit: 剂次}}
  rate: {{value: 0.743}}
lead: 全区累计接种{{{{ doses }}}}，签约率{{{{ rate | percent }}}}，比上年{{{{ 0.027 | points }}}}。详见[专题](https://example.cn/weijian/zhuanti)。
sections:
  - heading: 区医院
    text: 与上年持平的指标有两个。
    quote: {{text: 这个政策实在好, by: 王大爷}}
"""


@pytest.mark.parametrize("script", ["hant", "hant-tw", "hant-hk"])
def test_traditional_document(script):
    md = bulletin.render(bulletin.loads(DOC.format(script=script)), formats="md")["md"]
    assert ("衞健局辦實事" if script == "hant-hk" else "衛健局辦實事") in md
    assert "128.57萬劑次" in md
    assert "74.3%" in md and "2.7個百分點" in md
    assert "https://example.cn/weijian/zhuanti" in md
    for ch in "万亿个与卫区办实医这为":
        assert ch not in md.replace("https://example.cn/weijian/zhuanti", ""), ch


def test_script_option_overrides_meta():
    doc = bulletin.loads(DOC.format(script="hans"))
    assert "128.57万剂次" in bulletin.render(doc, formats="md")["md"]
    assert "128.57萬劑次" in bulletin.render(doc, formats="md", script="hant")["md"]


def test_html_language_follows_script():
    doc = bulletin.loads(DOC.format(script="hant-hk"))
    assert '<html lang="zh-HK">' in bulletin.render(doc, formats="html")["html"]


def test_corner_quotes_option():
    text = DOC.format(script="hant-tw").replace(
        "script: hant-tw", "script: hant-tw\n  quote_style: corner"
    )
    md = bulletin.render(bulletin.loads(text), formats="md")["md"]
    assert "「這個政策實在好」" in md
    assert "“" not in md and "”" not in md


def test_paths_and_links_are_not_converted():
    assert to_script("见[图](charts/卫生.svg)", "hant") == "見[圖](charts/卫生.svg)"
    assert (
        to_script("网址 http://卫健.example/区 后文", "hant") == "網址 http://卫健.example/区 後文"
    )
    assert to_script("<https://a.cn/卫>", "hant") == "<https://a.cn/卫>"
    assert to_script("12345，2021年", "hant") == "12345，2021年"
    assert to_script("原样", "hans") == "原样"


def test_corner_quotes():
    assert corner_quotes("“‘甲’乙”") == "「『甲』乙」"


GROUPED = """
meta: {{title: 标题, script: {script}{extra}}}
figures:
  people: {{value: 14527000, unit: 人, decimals: 1, scale: 万}}
  cars: {{value: 1960796, unit: 辆, previous: 1900000}}
lead: >-
  共{{{{ people }}}}，车辆{{{{ cars }}}}，{{{{ cars.change }}}}，
  {{{{ 72447 | number("元") }}}}。
sections:
  - indicators:
      - {{name: 床位, value: 12345, previous: 11000, unit: 张}}
"""


@pytest.mark.parametrize(
    ("script", "extra", "grouped"),
    [
        ("hant-tw", "", True),
        ("hant-hk", "", True),
        ("hant", "", False),
        ("hans", "", False),
        ("hant-tw", ", grouping: false", False),
        ("hans", ", grouping: true", True),
    ],
)
def test_taiwan_and_hong_kong_group_digits(script, extra, grouped):
    md = bulletin.render(bulletin.loads(GROUPED.format(script=script, extra=extra)), formats="md")[
        "md"
    ]
    if grouped:
        assert "1,452.7" in md and "1,960,796" in md and "60,796" in md and "72,447" in md
        assert "12,345" in md and "1,345" in md
    else:
        assert "," not in md.replace("，", "")
