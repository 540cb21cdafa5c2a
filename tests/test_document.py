"""Schema validation: every mistake answered with its place and a hint."""

from __future__ import annotations

from decimal import Decimal

import pytest

import bulletin
from bulletin.errors import DataError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no title
        ("meta:\n  genre: feature\n", "f.yaml:1:1: meta 缺少必填的 “title”"),
        # no meta at all
        ("figures: {}\n", "f.yaml:1:1: 文件 缺少必填的 “meta”"),
        # misspelt key, with did-you-mean
        ("meta:\n  titel: 标题\n", "f.yaml:2:3: 不认识的键 “titel”。是不是 “title”？"),
        # a genre that cannot name a template
        (
            "meta:\n  title: 标\n  genre: Feature\n",
            "f.yaml:3:10: 体裁名 “Feature” 无效：应以小写字母开头，只用小写字母、数字、_ 和 -，"
            "最多 40 个字符。是不是 “feature”？",
        ),
        (
            "meta:\n  title: 标\n  genre: 公报\n",
            "f.yaml:3:10: 体裁名 “公报” 无效：应以小写字母开头，只用小写字母、数字、_ 和 -，"
            "最多 40 个字符。内置体裁：feature、news、interview、statistical、brief；",
        ),
        ("meta:\n  title: 标\n  genre: [a]\n", "f.yaml:3:10: genre 应为一段文字"),
        # a number that is not a number
        (
            "meta: {title: 标}\nfigures:\n  n: {value: 八万, unit: 人}\n",
            "f.yaml:3:14: 数值无效：'八万'",
        ),
        # unknown qualifier
        (
            "meta: {title: 标}\nfigures:\n  n: {value: 1, approx: 大约}\n",
            "f.yaml:3:25: approx 的值 “大约” 无效",
        ),
        # decimals out of range
        (
            "meta: {title: 标}\nfigures:\n  n: {value: 1, decimals: 9}\n",
            "f.yaml:3:27: decimals 数值太大",
        ),
        # sections must be a list
        ("meta: {title: 标}\nsections:\n  heading: 一\n", "f.yaml:3:3: sections 应为列表"),
        # unknown key inside a section
        (
            "meta: {title: 标}\nsections:\n  - heading: 一\n    txt: 正文\n",
            "f.yaml:4:5: 不认识的键 “txt”。是不是 “text”？",
        ),
        # a quote without its text
        ("meta: {title: 标}\nsections:\n  - quote: {by: 高先生}\n", "f.yaml:3:5: "),
        # a figure name prose could not use
        (
            "meta: {title: 标}\nfigures:\n  first dose: {value: 1}\n",
            "f.yaml:3:3: 数据名 “first dose” 不能在正文中引用",
        ),
        # bad date
        ("meta: {title: 标, date: 2021-13-01}\n", "f.yaml:1:24: 日期 “2021-13-01” 无法识别"),
        # top level is a list
        ("- a\n- b\n", "f.yaml:1:1: 数据文件的顶层应为"),
        # byline as a mapping
        ("meta: {title: 标, byline: {a: 1}}\n", "f.yaml:1:26: byline 应为姓名列表"),
    ],
)
def test_validation_errors(text, expected):
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.loads(text, file="f.yaml")
    line = str(info.value)
    assert line.startswith(expected), line
    assert "\n" not in line
    assert "pydantic" not in line and "Input should" not in line


def test_value_error_names_the_value():
    with pytest.raises(DataError) as info:
        bulletin.loads("meta: {title: 标}\nfigures:\n  n: {value: 八万}\n", file="f.yaml")
    assert "八万" in str(info.value)


def test_every_problem_is_kept():
    text = "meta:\n  titel: 标\nfigures:\n  n: {value: x}\n"
    with pytest.raises(DataError) as info:
        bulletin.loads(text, file="f.yaml")
    others = info.value.others
    assert [(e.line, e.col) for e in [info.value, *others]] == sorted(
        (e.line, e.col) for e in [info.value, *others]
    )
    assert len(others) == 1  # titel hides the missing title it causes
    assert "titel" in str(info.value)


def test_load_from_dict_and_values_people_type():
    doc = bulletin.load(
        {
            "meta": {"title": "标题", "byline": "吕婷 王泽刚"},
            "figures": {"doses": {"value": "128.57万", "unit": "剂次"}},
        }
    )
    assert doc.meta.byline == ["吕婷", "王泽刚"]
    assert doc.figures["doses"].value == Decimal("1285700")


def test_load_example_file():
    from conftest import EXAMPLES

    doc = bulletin.load(EXAMPLES / "zhaohua.yaml")
    assert doc.meta.title == "办实事解难题 服务人民健康"
    assert doc.figures["first_dose"].value == 82460
    assert doc.file.endswith("zhaohua.yaml")


@pytest.mark.parametrize("genre", ["report", "annual_report", "q-2", "a" * 40, "feature"])
def test_a_genre_is_a_template_name(genre):
    assert bulletin.loads(f"meta: {{title: 标, genre: {genre}}}\n").meta.genre == genre


@pytest.mark.parametrize("genre", ["Report", "2report", "a" * 41, "年报", "re port", "''"])
def test_a_genre_that_cannot_name_a_template_is_refused(genre):
    with pytest.raises(DataError) as info:
        bulletin.loads(f"meta: {{title: 标, genre: {genre}}}\n", file="f.yaml")
    assert info.value.code == "data.genre"
    assert str(info.value).startswith("f.yaml:1:25: 体裁名")


def test_the_genre_message_in_english():
    from bulletin.messages import language

    with language("en"), pytest.raises(DataError) as info:
        bulletin.loads("meta: {title: t, genre: Report}\n", file="f.yaml")
    assert str(info.value) == (
        "f.yaml:1:25: The genre “Report” is not a valid name: start with a lowercase letter and"
        " use lowercase letters, digits, _ and - only, at most 40 characters. Built-in genres:"
        " feature, news, interview, statistical, brief; for a genre of your own, write the name"
        " of its template in the folder given with --template-dir"
    )
