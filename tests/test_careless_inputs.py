"""Careless data files that used to print wrong figures or crash: what they give now."""

from __future__ import annotations

import html as htmllib

import pytest

import bulletin
from conftest import run_cli


def _render(text: str, formats=("md",)):
    return bulletin.render(bulletin.loads(text, file="f.yaml"), formats=formats)


def test_times_months_and_words_as_labels_print_as_typed():
    md = _render(
        "meta: {title: 门诊量}\nfigures:\n"
        "  visits: {value: 180, unit: 人次, series: {8:30: 120, 12:30: 0, 17:30: 60}}\n"
        "  months: {value: 3, unit: 个, by: {2020.10: 1, 2020.11: 2}}\n"
        "lead: 最多的是{{ months.top }}，8:30有{{ visits.series['8:30'] | number('人次') }}。\n"
    )["md"]
    assert "最多的是2020.11，8:30有120人次。" in md
    assert "510" not in md and "2020.1，" not in md


def test_an_impossible_date_as_a_series_key_is_a_label(tmp_path):
    data = tmp_path / "a.yaml"
    data.write_text(
        "meta: {title: 标题}\nfigures:\n"
        "  a: {value: 3, unit: 个, series: {2021-05-31: 1, 2021-06-31: 2}}\n",
        encoding="utf-8",
    )
    proc = run_cli("render", str(data), "-o", str(tmp_path / "out"), "-f", "md")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("label", ["C:\\\\data", "2020\\\\2021年", "\\\\1\\\\g<0>"])
def test_backslashes_in_chart_labels_stay_text(label):
    html = _render(
        "meta: {title: 标题}\nfigures:\n"
        f'  a: {{value: 3, unit: 个, by: {{"{label}": 1, 乙: 2}}}}\n'
        "sections:\n  - heading: 一\n    text: 共{{ a }}。\n    chart: a\n",
        formats=("html",),
    )["html"]
    shown = htmllib.escape(label.replace("\\\\", "\\"))
    assert f"{shown}占33.3%" in html and "\\x82" not in html


def test_a_very_long_chart_label_is_drawn_shortened():
    long = "长" * 250
    result = _render(
        "meta: {title: 标题}\nfigures:\n"
        f"  a: {{value: 3, unit: 个, chart: bar, by: {{{long}: 1, 乙: 2}}}}\n"
        "sections:\n  - heading: 一\n    text: 共{{ a }}。\n    chart: a\n",
        formats=("md",),
    )
    assert long in result["md"]  # the alt text keeps it whole
    assert any(name.endswith(".png") for name in result.assets)  # Markdown shows PNG


def test_a_pie_of_zeros_is_located():
    with pytest.raises(bulletin.BulletinError) as info:
        _render(
            "meta: {title: 标题}\nfigures:\n"
            "  a: {value: 0, unit: 个, chart: pie, by: {甲: 0, 乙: 0}}\n"
            "sections:\n  - heading: 一\n    text: 共{{ a }}。\n    chart: a\n"
        )
    assert str(info.value) == "f.yaml:3:42: 饼图 “a” 的各部分之和为 0，无法画图"


def test_a_negative_count_is_warned_about():
    doc = bulletin.loads(
        "meta: {title: 标题}\nfigures:\n  a: {value: -82460, unit: 人}\n"
        "  t: {value: -3.5, unit: ℃}\n  r: {value: -2.5%}\n"
        "  b: {value: 3, unit: 个, by: {甲: -1, 乙: 4}}\n",
        file="f.yaml",
    )
    assert [str(w) for w in bulletin.check(doc)] == [
        "f.yaml:3:14: 警告：a 是负数 -82460，计数不会小于 0；请检查是否多写了负号",
        "f.yaml:6:34: 警告：b（甲） 是负数 -1，计数不会小于 0；请检查是否多写了负号",
    ]


def test_an_external_image_in_prose_is_text_not_a_picture():
    text = "meta: {title: 标题}\nlead: 看![x](https://example.cn/a.png)图，<img src=https://example.cn/b.png>\n"
    result = _render(text, formats=("md", "html"))
    assert "![x](" not in result["md"]
    body = result["html"].split("<body", 1)[1]
    assert "<img" not in body and "https://example.cn" in body
