"""Prose in the data file: figures by name, filters, and errors at the right place."""

from __future__ import annotations

import pytest

import bulletin

HEAD = (
    "meta: {title: 标题}\nfigures:\n"
    "  first_dose: {value: 82460, unit: 人, as_of: 2021-07-12 18:00}\n"
)


def render(text: str) -> str:
    return bulletin.render(bulletin.loads(HEAD + text, file="f.yaml"))["md"]


def test_figure_prints_through_the_number_engine():
    md = render("lead: 截至{{ first_dose.as_of | date('md_h') }}，接种{{ first_dose }}。\n")
    assert "截至7月12日18时，接种82460人。" in md


def test_filters_in_prose():
    md = render('lead: 共{{ 1285700 | number("剂次") }}，占{{ 0.952 | percent }}。\n')
    assert "共128.57万剂次，占95.2%。" in md


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lead: 接种{{ frist_dose }}。\n",
            "f.yaml:4:12: 未知的数据名 “frist_dose”。是不是 “first_dose”？",
        ),
        (
            "lead: |\n  第一段。\n  接种{{ second }}。\n",
            "f.yaml:6:8: 未知的数据名 “second”。已定义的数据有：first_dose",
        ),
        (
            "lead: 接种{{ first_dose.valeu }}。\n",
            "f.yaml:4:23: 数据 “first_dose” 没有 “valeu” 这一项。是不是 “value”？",
        ),
        (
            "lead: 接种{{ first_dose | numbr }}。\n",
            "f.yaml:4:25: 没有名为 “numbr” 的过滤器。是不是 “number”？",
        ),
        ("lead: 接种{{ first_dose 。\n", "f.yaml:4:7: 正文里的 {{ }} 写法有误"),
        (
            "sections:\n  - heading: 一\n    text: 共{{ nope }}人\n",
            "f.yaml:6:15: 未知的数据名 “nope”",
        ),
        (
            "sections:\n  - quote: {text: '共{{ nope }}人', by: 某}\n",
            "f.yaml:5:24: 未知的数据名 “nope”",
        ),
    ],
)
def test_prose_errors(text, expected):
    with pytest.raises(bulletin.BulletinError) as info:
        render(text)
    assert str(info.value).startswith(expected), str(info.value)


#: Prose that reaches for Python internals. Under a plain ``jinja2.Environment`` each one
#: prints them (the last loops a million times); here each must end in a one-line
#: TemplateError. ``first_dose.__class__`` and ``first_dose._figure`` stop at the name check;
#: the ``n`` and ``[...][0]`` forms get past it (no figure name) and meet the sandbox itself.
SANDBOX_ESCAPES = (
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ lipsum.__globals__ }}",
    "{{ first_dose.__class__ }}",
    "{{ first_dose._figure }}",
    "{% set n = first_dose %}{{ n.__class__ }}",
    "{% set n = first_dose %}{{ n._figure }}",
    "{{ [first_dose][0]._figure }}",
    "{{ first_dose.value.__class__ }}",
    "{{ '{0.__class__}'.format(first_dose) }}",
    "{% for x in range(10**6) %}{% endfor %}",
)
#: What a leak looks like in the output or in the message.
LEAKS = ("<class", "<function", "<module", "<built-in", "__builtins__", "Figure(", "PATH")


def _prose(payload: str) -> str:
    return f"lead: |\n  {payload}\n"


@pytest.mark.parametrize("payload", SANDBOX_ESCAPES)
def test_sandbox_blocks_python_internals(payload):
    with pytest.raises(bulletin.TemplateError) as info:
        render(_prose(payload))
    words = str(info.value)
    assert words.startswith("f.yaml:5:"), words
    assert info.value.message and "\n" not in words, words
    assert not any(leak in words for leak in LEAKS), words


def test_sandbox_renders_what_it_allows_harmlessly():
    # The sandbox lets these render, as harmless words; a plain Environment prints
    # "<class 'str'>", "True" and the function's globals.
    md = render(
        _prose(
            "甲{{ ''.__class__ | default('安全') }}乙"
            "{% if cycler.__init__ is defined %}<class 泄露>{% endif %}"
            "丙{{ (lipsum.__globals__ | default({})) | length }}"
        )
    )
    assert "甲安全乙丙0" in md
    assert not any(leak in md for leak in LEAKS), md


def test_figure_without_value_in_prose_is_an_error():
    text = (
        "meta: {title: 标}\nfigures:\n  towns: {unit: 剂次, by: {甲镇: 1, 乙镇: 2}}\n"
        "lead: 共{{ towns }}。\n"
    )
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(bulletin.loads(text, file="f.yaml"))
    assert str(info.value).startswith("f.yaml:4:8: 数据 “towns” 没有 value")
