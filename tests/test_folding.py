"""Chinese paragraphs wrapped over several lines of a data file read without stray spaces.

YAML folds a line break inside a plain, quoted or ``>`` value into a space; the loader
drops that space where the characters on both sides are Chinese (or one is Chinese and
the other a digit, or one is full-width punctuation), and only that space.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bulletin
from bulletin.load import yaml_reader
from bulletin.load.yaml_reader import _joins, load_yaml_text

LIBYAML = yaml_reader._libyaml_loader()
PARSERS = ["libyaml", "pure"] if LIBYAML is not None else ["pure"]


@pytest.fixture(params=PARSERS)
def parser(request, monkeypatch):
    """Each test runs with libyaml's parser (where PyYAML has it) and the pure-Python one."""
    monkeypatch.setattr(
        yaml_reader, "_LIBYAML_LOADER", LIBYAML if request.param == "libyaml" else None
    )
    return request.param


def value(text: str) -> Any:
    return load_yaml_text(text, "f.yaml")[0]["a"]


STYLES = {
    "plain": "a: {0}\n  {1}\n",
    "double": 'a: "{0}\n  {1}"\n',
    "single": "a: '{0}\n  {1}'\n",
    "folded": "a: >-\n  {0}\n  {1}\n",
    "flow": "a: [{0}\n  {1}]\n",
}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        (
            "全区卫生健康事业稳步发展，",
            "医疗服务能力持续提升。",
            "全区卫生健康事业稳步发展，医疗服务能力持续提升。",
        ),
        ("第一行文字", "第二行文字。", "第一行文字第二行文字。"),
        ("《关于", "印发》的通知", "《关于印发》的通知"),
        ("第3", "季度", "第3季度"),  # digits and Chinese: no space in print
        ("增长", "5.2%", "增长5.2%"),
        ("占35.2%", "的份额", "占35.2%的份额"),
        ("COVID-19", "疫苗", "COVID-19疫苗"),
        ("采用新技术，", "mRNA疫苗", "采用新技术，mRNA疫苗"),  # full-width punctuation
        ("新冠病毒疫苗（", "COVID-19）", "新冠病毒疫苗（COVID-19）"),
        ("ひらがな", "カタカナ", "ひらがなカタカナ"),
        ("mRNA", "疫苗", "mRNA 疫苗"),  # Latin beside Chinese keeps the space
        ("新冠", "mRNA疫苗", "新冠 mRNA疫苗"),
        ("hello", "world", "hello world"),
        ("2023", "2024", "2023 2024"),
        ("文件", "(2024)", "文件 (2024)"),  # ASCII punctuation keeps it too
        ("한국", "사람", "한국 사람"),  # Korean puts spaces between words
    ],
)
def test_a_folded_line_break(parser, style, first, second, joined):
    read = value(STYLES[style].format(first, second))
    assert read == ([joined] if style == "flow" else joined)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("a: >\n  甲\n  乙\n", "甲乙\n"),
        ("a: >+\n  甲\n  乙\n\n\nb: 1\n", "甲乙\n\n\n"),
        ("a: >2\n   甲\n  乙\n  丙\n", " 甲\n乙丙\n"),
        ("a: >\n\n  甲\n  乙\n\n  丙\n    丁\n  戊\n", "\n甲乙\n丙\n  丁\n戊\n"),
        ("x:\n  - >\n    甲\n    乙\n  - 丙\n    丁\n", None),
        ("a: 甲\n  乙", "甲乙"),  # no line break at the end of the file
        ("a: >\n  甲\n  乙", "甲乙"),
        ('a: "甲\r\n  乙"\r\n', "甲乙"),  # Windows line breaks
        ("a: >-\r\n  甲\r\n  乙\r\n", "甲乙"),
        ("a: !!str 甲\n  乙\n", "甲乙"),
        ("a: &x 甲\n  乙\nb: *x\n", "甲乙"),
        ("a: {b: 甲\n    乙}\n", {"b": "甲乙"}),
        ("a: 甲\n  乙\n  丙\n", "甲乙丙"),
    ],
)
def test_each_style_and_layout(parser, text, read):
    data = load_yaml_text(text, "f.yaml")[0]
    if read is None:
        assert data == {"x": ["甲乙\n", "丙丁"]}
    else:
        assert data["a"] == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("a: 办实事解难题 服务人民健康\n", "办实事解难题 服务人民健康"),
        (
            "a: 办实事解难题 服务人民健康\n  强基固本 打造高地\n",
            "办实事解难题 服务人民健康强基固本 打造高地",
        ),
        ('a: "办实事 "\n', "办实事 "),
        ('a: "  甲\n  乙  "\n', "  甲乙  "),  # spaces typed inside quotes stay
        ("a: >-\n  甲 \n  乙\n", "甲  乙"),  # a space typed at the end of a line stays
        ("a: >-\n  甲\n   乙\n", "甲\n 乙"),  # a more-indented line keeps its line break
        ("a: |\n  第一行\n  第二行\n", "第一行\n第二行\n"),
        ("a: |-\n  第一行 \n  第二行\n", "第一行 \n第二行"),
    ],
)
def test_typed_spaces_and_literal_blocks_stay(parser, text, read):
    assert value(text) == read


@pytest.mark.parametrize(
    "text",
    [
        "a: 第一段\n\n  第二段\n",
        'a: "第一段\n\n  第二段"\n',
        "a: '第一段\n\n  第二段'\n",
        "a: >-\n  第一段\n\n  第二段\n",
    ],
)
def test_a_blank_line_is_still_a_paragraph_break(parser, text):
    assert value(text) == "第一段\n第二段"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ('a: "甲\\\n  乙"\n', "甲乙"),  # an escaped line break joins, whatever the characters
        ('a: "ab\\\n  cd"\n', "abcd"),
        ('a: "甲\\n\n  乙"\n', "甲\n 乙"),  # \n is a line break: the fold after it stays
        ('a: "甲\\ \n  乙"\n', "甲  乙"),  # an escaped space is a typed space
        ('a: "甲\\\\\n  乙"\n', "甲\\ 乙"),  # an escaped backslash, then a fold
        ('a: "\\u7532\n  \\u4e59"\n', "甲乙"),
        ('a: "甲\\t\n  乙"\n', "甲\t 乙"),
        ("a: '它''s\n  甲'\n", "它's 甲"),
        ("a: '甲''\n  ''乙'\n", "甲' '乙"),
    ],
)
def test_escapes_keep_their_meaning(parser, text, read):
    assert value(text) == read


def test_keys_are_left_as_typed(parser):
    assert load_yaml_text("? 甲\n  乙\n: 丙\n  丁\n", "f.yaml")[0] == {"甲 乙": "丙丁"}


def test_values_marks_do_not_move(parser):
    text = "meta:\n  title: 标题\nlead: >-\n  第一行，\n  第二行。\nclosing: 甲\n  乙\n"
    _, marks = load_yaml_text(text, "f.yaml")
    assert marks.value(("lead",)) == (3, 7)
    assert marks.value(("closing",)) == (6, 10)
    assert marks.key(("closing",)) == (6, 1)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("lead: >-\n  全区卫生健康事业稳步发展，\n  截至年底共有{{ nope }}家。\n", (3, 12)),
        (
            "lead: 全区卫生健康事业稳步发展，\n  医疗 服务，\n  截至年底共有{{ nope }}家。\n",
            (3, 12),
        ),
        ('lead: "全区卫生健康事业稳步发展，\n    截至年底共有{{ nope }}家。"\n', (2, 14)),
        ("lead: '全区卫生健康事业稳步发展，\n\n  截至年底共有{{ nope }}家。'\n", (3, 12)),
        ("lead: 第一段\n\n  第二段，截至年底共有{{ nope }}家。\n", (3, 16)),
        ("lead: >\n  第一段\n\n  第二段，截至年底共有{{ nope }}家。\n", (4, 16)),
        ("lead: 共{{ nope }}家\n", (1, 11)),
    ],
)
def test_an_error_in_a_folded_paragraph_is_placed_exactly(parser, text, where):
    doc = bulletin.loads("meta: {title: 标题}\n" + text, file="f.yaml")
    with pytest.raises(bulletin.BulletinError, match="nope") as info:
        bulletin.render(doc, formats=("md",))
    assert (info.value.file, info.value.line, info.value.col) == ("f.yaml", where[0] + 1, where[1])


@pytest.mark.parametrize("style", ["plain", "double", "single", "folded"])
def test_a_figure_at_a_fold_has_no_space(parser, style):
    """``{{ name }}`` mostly writes a figure: its braces count as digits."""
    assert value(STYLES[style].format("全区共有", "{{ n }}家，增长{{ g }}")) == (
        "全区共有{{ n }}家，增长{{ g }}"
    )
    assert value(STYLES[style].format("增长{{ g }}", "。")) == "增长{{ g }}。"
    assert value(STYLES[style].format("共{{ n }}", "人次")) == "共{{ n }}人次"
    assert value(STYLES[style].format("mRNA", "{{ n }}")) == "mRNA {{ n }}"


def test_the_article_has_no_stray_space(parser):
    doc = bulletin.loads(
        "meta: {title: 标题}\nlead: 2024年，全区卫生健康事业稳步发展，\n  医疗服务能力持续提升。\n"
        "closing: >-\n  第一行文字\n  第二行文字。\n"
    )
    md = bulletin.render(doc, formats=("md",))["md"]
    assert "2024年，全区卫生健康事业稳步发展，医疗服务能力持续提升。" in md
    assert "第一行文字第二行文字。" in md
    doc = bulletin.loads(
        "meta: {title: 标题}\nfigures:\n  n: {value: 12, unit: 家}\n"
        "lead: 截至年底，全区共有\n  {{ n }}医院，比上年增加\n  {{ n }}。\n"
    )
    assert (
        "截至年底，全区共有12家医院，比上年增加12家。"
        in bulletin.render(doc, formats=("md",))["md"]
    )


_WORDS = st.lists(
    st.text(alphabet="甲乙，。a1%（ ", min_size=1, max_size=4).map(str.strip).filter(bool),
    min_size=2,
    max_size=5,
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(_WORDS, st.sampled_from(["plain", "double", "single", "folded"]))
def test_every_fold_and_only_folds(lines, style):
    """Any lines, in any style, both parsers: each line break is dropped or a space,
    as :func:`_joins` says; every space typed within a line stays."""
    if style == "plain" and any(line[0] in "%" for line in lines):
        lines = [line.lstrip("%") or "甲" for line in lines]  # % cannot start plain text
    text = STYLES[style].replace("{0}\n  {1}", "\n  ".join(lines)).format() + "b: 1\n"
    expected = lines[0]
    for line in lines[1:]:
        expected += ("" if _joins(expected[-1], line[0]) else " ") + line
    for loader in {LIBYAML, None}:
        yaml_reader._LIBYAML_LOADER = loader
        try:
            assert load_yaml_text(text, "f.yaml")[0]["a"] == expected
        finally:
            yaml_reader._LIBYAML_LOADER = LIBYAML
