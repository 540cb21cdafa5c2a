"""The number engine as Jinja filters (issue 3, acceptance 3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment

from bulletin.errors import NumberError
from bulletin.numbers.filters import FILTERS, register_filters

NAMES = ("number", "percent", "rate", "points", "change", "range", "date", "numeral", "join_items")


class Figure:
    """Stands in for the figure objects defined elsewhere."""

    def __init__(self, value: str) -> None:
        self.value = Decimal(value)

    def __bulletin_value__(self) -> Decimal:
        return self.value


@pytest.fixture(params=[jinja2.Environment, SandboxedEnvironment])
def env(request):
    return register_filters(request.param(undefined=jinja2.StrictUndefined))


def test_names() -> None:
    assert tuple(FILTERS) == NAMES


@pytest.mark.parametrize(
    ("template", "context", "expected"),
    [
        ('{{ x | number("人") }}', {"x": 82460}, "82460人"),
        ('{{ x | number("剂次") }}', {"x": 1285700}, "128.57万剂次"),
        (
            '{{ x | number("人次", approx="余", scale="万", significant=2) }}',
            {"x": 20345678},
            "2000余万人次",
        ),
        ("{{ x | number }}", {"x": "1.3亿"}, "1.3亿"),
        ('{{ x | number("人", decimals=1) }}', {"x": 12300000}, "1230.0万人"),
        ('{{ x | number(grouping=true, script="hant-hk") }}', {"x": 14527000}, "1,452.7萬"),
        ("{{ r | percent }}", {"r": 0.9996}, "99.96%"),
        ('{{ r | percent(approx="近", decimals=0) }}', {"r": 0.297}, "近30%"),
        ("{{ r | rate }}", {"r": 0.0054}, "5.4‰"),
        ("{{ r | rate(per=100000) }}", {"r": 0.000169}, "16.9/10万"),
        ("{{ d | points }}", {"d": 0.027}, "2.7个百分点"),
        ('{{ a | change(b, unit="个") }}', {"a": 1007545, "b": 1022922}, "比上年增加15377个"),
        ('{{ a | change(b, measure="percent") }}', {"a": 100, "b": 105.2}, "比上年增长5.2%"),
        (
            '{{ a | change(b, measure="points") }}',
            {"a": 0.743, "b": 0.716},
            "比上年降低2.7个百分点",
        ),
        ('{{ a | change(b, baseline="同比") }}', {"a": 5, "b": 5}, "同比持平"),
        ('{{ lo | range(hi, "名") }}', {"lo": 2, "hi": 4}, "2至4名"),
        ('{{ lo | range(hi, kind="percent", sep="～") }}', {"lo": 0.15, "hi": 0.3}, "15%～30%"),
        ("{{ d | date }}", {"d": dt.date(2021, 6, 30)}, "2021年6月30日"),
        ('{{ d | date("md_h") }}', {"d": "2021-07-12 18:00"}, "7月12日18时"),
        ('{{ d | date("md_ampm") }}', {"d": dt.datetime(2021, 7, 19, 9)}, "7月19日上午9时"),
        ("{{ n | numeral }}是", {"n": 1}, "一是"),
        ("{{ n | numeral(ordinal=true) }}剂", {"n": 2}, "第二剂"),
        ("{{ n | numeral(liang=true) }}剂次", {"n": 2}, "两剂次"),
        ("{{ n | numeral(digitwise=true) }}年", {"n": 2021}, "二〇二一年"),
        (
            "{{ xs | join_items }}",
            {"xs": ["神经外科", "康复科", "呼吸内科"]},
            "神经外科、康复科和呼吸内科",
        ),
        ('{{ xs | join_items(conj="及") }}', {"xs": ["a", "b"]}, "a及b"),
    ],
)
def test_filters_in_templates(env, template: str, context: dict, expected: str) -> None:
    assert env.from_string(template).render(**context) == expected


def test_figure_objects_in_filters(env) -> None:
    context = {
        "x": Figure("1285700"),
        "r": Figure("0.952"),
        "old": Figure("100"),
        "new": Figure("105.2"),
        "lo": Figure("2"),
        "hi": Figure("4"),
        "n": Figure("3"),
    }
    template = (
        '{{ x | number("剂次") }} {{ r | percent }} {{ r | rate(per=100) }} '
        '{{ old | change(new, measure="percent") }} {{ lo | range(hi, "名") }} {{ n | numeral }}'
    )
    assert env.from_string(template).render(**context) == (
        "128.57万剂次 95.2% 95.2% 比上年增长5.2% 2至4名 三"
    )


def test_register_with_script() -> None:
    env = register_filters(jinja2.Environment(), script="hant")
    render = env.from_string
    assert render('{{ x | number("元") }}').render(x=450000000) == "4.5億元"
    assert render("{{ a | change(b) }}").render(a=5, b=5) == "與上年持平"
    assert render('{{ x | number("元", script="hans") }}').render(x=450000000) == "4.5亿元"
    assert render("{{ n | numeral(liang=true) }}").render(n=2) == "兩"
    assert render('{{ d | date("md_h") }}').render(d="2021-07-12 18:00") == "7月12日18時"
    with pytest.raises(NumberError):
        register_filters(jinja2.Environment(), script="latin")


def test_filters_raise_project_errors(env) -> None:
    with pytest.raises(NumberError, match="'abc'"):
        env.from_string("{{ x | number }}").render(x="abc")
    with pytest.raises(NumberError, match="不真"):
        env.from_string('{{ r | percent(approx="近", decimals=0) }}').render(r=0.3)


def test_no_global_state() -> None:
    register_filters(jinja2.Environment(), script="hant")
    plain = register_filters(jinja2.Environment())
    assert plain.from_string("{{ x | number }}").render(x=450000000) == "4.5亿"
