"""A chart as a small declarative spec, apart from whoever draws it.

A :class:`ChartSpec` says *what* a chart shows (type, categories, one or more
named series, unit, title, notes); :mod:`bulletin.charts.draw` says *how*. The
spec is pure data: frozen, hashable, comparable, serialisable with
:meth:`ChartSpec.to_dict`, and it never imports matplotlib.

>>> spec = ChartSpec("bar", "各乡镇接种剂次", ["元坝镇", "红岩镇"], [Series("剂次", [10234, 8120])],
...                  unit="剂次")
>>> spec.values
(Decimal('10234'), Decimal('8120'))
>>> spec.to_dict()["series"]
[{'name': '剂次', 'values': ['10234', '8120']}]

Pie and donut charts keep at most six slices; the smallest fold into 其他:

>>> pie = ChartSpec("pie", "构成", list("ABCDEFGH"), [Series("", [8, 7, 6, 5, 4, 3, 2, 1])])
>>> pie.categories, pie.values[-1]
(('A', 'B', 'C', 'D', 'E', '其他'), Decimal('6'))

This module also holds the few rules for writing numbers on charts, all
through :mod:`bulletin.numbers.quantities`: one scale word (万/亿) for the whole chart,
chosen from its largest value.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, get_args

from ..errors import DataError
from ..messages import N_
from ..messages import text as _t
from ..numbers.quantities import format_number, parse_number
from ..numbers.scripts import (
    QUOTE_STYLES,
    convert_text,
    default_quotes,
    groups_digits,
    normalize_script,
)

__all__ = [
    "CHART_TYPES",
    "CHART_TYPE_NAMES",
    "MAX_SLICES",
    "PERCENT_UNITS",
    "ChartSpec",
    "ChartType",
    "Series",
    "chart_scale",
    "convert_script",
    "format_chart_number",
    "label_decimals",
    "type_name",
]

#: A chart type.
ChartType = Literal["bar", "barh", "line", "pie", "donut", "grouped", "stacked", "progress"]

#: The chart types (the one list: the data model and the docs use it).
CHART_TYPES: tuple[ChartType, ...] = get_args(ChartType)

#: What each chart type is called in Chinese (alt text, messages, docs).
CHART_TYPE_NAMES: dict[str, str] = {
    "bar": "柱状图",
    "barh": "条形图",
    "line": "折线图",
    "pie": "饼图",
    "donut": "环形图",
    "grouped": "分组柱状图",
    "stacked": "堆积柱状图",
    "progress": "进度图",
}

#: Message ids of the chart types' names, for messages in the user's language.
_TYPE_NAME_IDS: dict[str, str] = {
    "bar": N_("chart.type.bar"),
    "barh": N_("chart.type.barh"),
    "line": N_("chart.type.line"),
    "pie": N_("chart.type.pie"),
    "donut": N_("chart.type.donut"),
    "grouped": N_("chart.type.grouped"),
    "stacked": N_("chart.type.stacked"),
    "progress": N_("chart.type.progress"),
}


def type_name(kind: str) -> str:
    """What the chart type ``kind`` is called in messages (in the messages' language).

    >>> type_name("pie")
    '饼图'
    """
    return _t(_TYPE_NAME_IDS[kind])


#: Units that are rates: their numbers never take a scale word and always show the sign.
PERCENT_UNITS = ("%", "‰")

#: A pie or donut shows at most this many slices; the rest fold into 其他.
MAX_SLICES = 6
OTHER = "其他"


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise _bad_value(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        return parse_number(value)
    raise _bad_value(value)


def _bad_value(value: Any) -> DataError:
    return DataError(_t("chart.bad_value", value=repr(value)), hint=_t("chart.bad_value.hint"))


@dataclass(frozen=True)
class Series:
    """One named list of values, aligned with the chart's categories.

    ``None`` marks a gap (a month with no data, a town without last year's count).

    >>> Series("本期", [1, "2.5", None]).values
    (Decimal('1'), Decimal('2.5'), None)
    """

    name: str
    values: tuple[Decimal | None, ...]

    def __init__(self, name: str, values: Iterable[Any]) -> None:
        object.__setattr__(self, "name", str(name))
        object.__setattr__(self, "values", tuple(_decimal(v) for v in values))


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows: type, categories (or dates), series, unit and notes.

    ``categories`` are the display labels along the category axis (towns, months,
    age groups); each :class:`Series` holds one value per category. ``targets``
    (one per category) is used by ``progress`` charts and, with a single value,
    drawn as a reference line on ``line`` and ``bar`` charts. ``highlight`` is
    the index of the category drawn in the accent colour (the leader of a
    ranking). ``total`` is the whole a composition adds up to (printed inside a
    donut). ``name`` is an ASCII-ish identifier used for file names.

    ``quotes``, ``keep_words`` and ``places`` say how the chart's texts are
    written, as the text of the document around it is (see :meth:`convert`):
    the quote style (``curly`` “”, ``corner`` 「」, None: as texts of the script
    do), the words kept as written and the place names whose characters stay
    as written in Traditional text. They are not part of :meth:`to_dict`: what
    they change in the texts is (see :func:`bulletin.charts.cache.chart_key`).

    >>> spec = ChartSpec("progress", "疫苗接种完成率", ["第一剂"], [Series("完成", [82460])],
    ...                  targets=[83600], unit="人")
    >>> spec.targets
    (Decimal('83600'),)
    >>> ChartSpec("radar", "x", [], [])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bulletin.errors.DataError: 未知的图表类型 “radar”。可用的类型：bar、barh、line、pie、...
    """

    type: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    caption: str | None = None
    source: str | None = None
    targets: tuple[Decimal | None, ...] = ()
    highlight: int | None = None
    total: Decimal | None = None
    name: str = "chart"
    quotes: str | None = None
    keep_words: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    def __init__(
        self,
        type: str,
        title: str,
        categories: Iterable[str],
        series: Iterable[Series],
        *,
        unit: str = "",
        caption: str | None = None,
        source: str | None = None,
        targets: Iterable[Any] = (),
        highlight: int | None = None,
        total: Any = None,
        name: str = "chart",
        quotes: str | None = None,
        keep_words: Iterable[str] = (),
        places: Iterable[str] = (),
    ) -> None:
        if type not in CHART_TYPES:
            raise DataError(
                _t("chart.unknown_type", type=type),
                hint=_t("chart.unknown_type.hint", types=_t("list.separator").join(CHART_TYPES)),
            )
        cats = tuple(str(c) for c in categories)
        ser = tuple(s if isinstance(s, Series) else Series(*s) for s in series)
        tg = tuple(_decimal(t) for t in targets)
        for s in ser:
            if len(s.values) != len(cats):
                raise DataError(
                    _t(
                        "chart.series_length",
                        title=title,
                        series=s.name,
                        values=len(s.values),
                        categories=len(cats),
                    ),
                    hint=_t("chart.series_length.hint"),
                )
        if type in ("pie", "donut"):
            if len(ser) != 1:
                raise DataError(_t("chart.one_series", type=type_name(type), title=title))
            if any(v is None or v < 0 for v in ser[0].values):
                raise DataError(
                    _t("chart.negative_parts", type=type_name(type), title=title),
                    hint=_t("chart.negative_parts.hint"),
                )
            cats, values = _fold(cats, ser[0].values)
            ser = (Series(ser[0].name, values),)
        if type == "progress" and len(tg) != len(cats):
            raise DataError(
                _t("chart.needs_targets", title=title),
                hint=_t("chart.needs_targets.hint"),
            )
        if type == "progress" and any(t is None or t <= 0 for t in tg):
            raise DataError(_t("chart.target_not_positive", title=title))
        if highlight is not None and not 0 <= highlight < len(cats):
            highlight = None
        if quotes is not None and quotes not in QUOTE_STYLES:
            raise DataError(
                _t("style.unknown_quotes", value=repr(quotes)),
                hint=_t("style.unknown_quotes.hint"),
            )
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "title", str(title))
        object.__setattr__(self, "categories", cats)
        object.__setattr__(self, "series", ser)
        object.__setattr__(self, "unit", unit or "")
        object.__setattr__(self, "caption", caption)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "targets", tg)
        object.__setattr__(self, "highlight", highlight)
        object.__setattr__(self, "total", _decimal(total))
        object.__setattr__(self, "name", name or "chart")
        object.__setattr__(self, "quotes", quotes)
        object.__setattr__(self, "keep_words", tuple(str(w) for w in keep_words))
        object.__setattr__(self, "places", tuple(str(p) for p in places))

    @property
    def values(self) -> tuple[Decimal | None, ...]:
        """The values of the first series (the only one for most charts)."""
        return self.series[0].values if self.series else ()

    @property
    def type_name(self) -> str:
        """The chart type in Chinese: ``柱状图``, ``折线图`` …"""
        return CHART_TYPE_NAMES[self.type]

    def all_values(self) -> list[Decimal]:
        """Every non-missing value of every series (stacked: the column totals too)."""
        vals = [v for s in self.series for v in s.values if v is not None]
        if self.type == "stacked":
            vals += self.column_totals()
        return vals

    def common_scale(self) -> str:
        """The chart's one scale word, from its values, targets and total (:func:`chart_scale`).

        >>> ChartSpec("progress", "签约", ["签约"], [Series("", [289500])], targets=[300000],
        ...           unit="人").common_scale()
        '万'
        """
        values = self.all_values() + [t for t in self.targets if t is not None]
        if self.total is not None:
            values.append(self.total)
        return chart_scale(values, self.unit)

    def column_totals(self) -> list[Decimal]:
        """Per category, the sum over all series (missing values count as 0)."""
        return [
            sum((s.values[i] or Decimal(0) for s in self.series), Decimal(0))
            for i in range(len(self.categories))
        ]

    def replace(self, **changes: Any) -> ChartSpec:
        """A copy with some fields changed (the spec itself is immutable).

        >>> ChartSpec("bar", "a", ["x"], [Series("", [1])]).replace(title="b").title
        'b'
        """
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        fields.update(changes)
        return ChartSpec(
            fields.pop("type"),
            fields.pop("title"),
            fields.pop("categories"),
            fields.pop("series"),
            **fields,
        )

    def quote_style(self, script: str) -> str:
        """The quote style of the chart's texts in ``script``: as asked, else as texts
        of the script do (corner brackets in Taiwan and Hong Kong texts).

        >>> spec = ChartSpec("bar", "t", ["a"], [Series("", [1])])
        >>> spec.quote_style("hant-tw"), spec.replace(quotes="curly").quote_style("hant-tw")
        ('corner', 'curly')
        """
        return self.quotes or default_quotes(normalize_script(script))

    def convert(self, text: str, script: str) -> str:
        """``text`` (Simplified) as this chart writes it in ``script``: converted as the
        document's text is (:func:`bulletin.numbers.scripts.convert_text`), with the
        chart's quote style, kept words and place names.

        >>> spec = ChartSpec("bar", "t", ["a"], [Series("", [1])], places=["干河乡"])
        >>> spec.convert("“干河乡”", "hant-tw"), spec.convert("“干河乡”", "hans")
        ('「干河鄉」', '“干河乡”')
        >>> spec.replace(quotes="curly").convert("“干河乡”", "hant-tw")
        '“干河鄉”'
        """
        if not text:
            return text
        script = normalize_script(script)
        return convert_text(
            text,
            script,
            quotes=self.quote_style(script),
            keep=self.keep_words,
            places=self.places,
        )

    def map_text(self, convert: Callable[[str], str]) -> ChartSpec:
        """A copy with every human-readable text passed through ``convert``.

        >>> spec = ChartSpec("bar", "各乡镇", ["元坝镇"], [Series("", [1])])
        >>> spec.map_text(lambda t: t.replace("乡镇", "鄉鎮")).title
        '各鄉鎮'
        """

        def opt(text: str | None) -> str | None:
            return None if text is None else convert(text)

        return self.replace(
            title=convert(self.title),
            categories=[convert(c) for c in self.categories],
            series=[Series(convert(s.name), s.values) for s in self.series],
            unit=convert(self.unit),
            caption=opt(self.caption),
            source=opt(self.source),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (numbers as exact decimal strings).

        >>> ChartSpec("bar", "t", ["a"], [Series("s", [1.5])], unit="人").to_dict()["unit"]
        '人'
        """

        def num(v: Decimal | None) -> str | None:
            return None if v is None else str(v)

        return {
            "type": self.type,
            "title": self.title,
            "categories": list(self.categories),
            "series": [{"name": s.name, "values": [num(v) for v in s.values]} for s in self.series],
            "unit": self.unit,
            "caption": self.caption,
            "source": self.source,
            "targets": [num(t) for t in self.targets],
            "highlight": self.highlight,
            "total": num(self.total),
            "name": self.name,
        }

    def digest(self) -> str:
        """A stable SHA-256 hex digest of :meth:`to_dict` (the cache key's core).

        >>> len(ChartSpec("bar", "t", ["a"], [Series("s", [1])]).digest())
        64
        """
        text = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fold(
    cats: tuple[str, ...], values: tuple[Decimal | None, ...], limit: int = MAX_SLICES
) -> tuple[tuple[str, ...], tuple[Decimal | None, ...]]:
    """Keep the ``limit - 1`` largest slices in their order and fold the rest into 其他."""
    if len(cats) <= limit:
        return cats, values
    order = sorted(
        (i for i in range(len(cats)) if cats[i] != OTHER), key=lambda i: (-(values[i] or 0), i)
    )
    keep = sorted(order[: limit - 1])
    rest = sum((values[i] or Decimal(0) for i in range(len(cats)) if i not in keep), Decimal(0))
    return (*(cats[i] for i in keep), OTHER), (*(values[i] for i in keep), rest)


# --------------------------------------------------------------------------- numbers


#: Digits of each scale word, and below what size a value would read 0 at that scale.
_SCALE_DIGITS = {"万": 4, "亿": 8}
_SMALLEST_SHOWN = {"万": Decimal(50), "亿": Decimal(500000)}


def chart_scale(values: Iterable[Decimal | None], unit: str = "") -> str:
    """The one scale word for a whole chart, from its largest magnitude.

    Values from 10万 use 万, from 1亿 use 亿; percentages never take one.

    >>> chart_scale([Decimal(10234), Decimal(8120)])
    'none'
    >>> chart_scale([Decimal(1285700), Decimal(98000)])
    '万'
    >>> chart_scale([Decimal("8.42e9")])
    '亿'
    """
    if unit in PERCENT_UNITS:
        return "none"
    peak = max((abs(v) for v in values if v is not None), default=Decimal(0))
    if peak >= Decimal("1e8"):
        return "亿"
    if peak >= Decimal("1e5"):
        return "万"
    return "none"


def format_chart_number(
    value: Decimal | float | int,
    unit: str = "",
    *,
    scale: str = "none",
    script: str = "hans",
    factor: bool = False,
    grouping: bool | None = None,
    decimals: int | None = None,
) -> str:
    """Write one number on a chart through the number engine.

    ``scale`` is the chart's common scale word (see :func:`chart_scale`); with
    ``factor=True`` the scale word is left out because the unit note carries it
    (单位：万剂次). Zero is written ``0`` and keeps its unit; a small value that
    would read 0 at the common scale keeps its own digits. ``grouping`` puts
    commas between groups of digits (None: as texts of the script do,
    :func:`bulletin.numbers.scripts.groups_digits`).

    >>> format_chart_number(Decimal(1285700), "剂次", scale="万")
    '128.57万剂次'
    >>> format_chart_number(200000, scale="万"), format_chart_number(2e5, scale="万", factor=True)
    ('20万', '20')
    >>> format_chart_number(0, scale="万"), format_chart_number(0, "元", scale="万")
    ('0', '0元')
    >>> format_chart_number(12, "人", scale="万")
    '12人'
    >>> format_chart_number(Decimal("98.6"), "%")
    '98.6%'
    >>> format_chart_number(Decimal(14527000), scale="万", script="hant-hk")
    '1,452.7萬'
    >>> format_chart_number(Decimal(14527000), scale="万", script="hant-hk", grouping=False)
    '1452.7萬'

    ``decimals`` writes that many decimals (the labels of one series share one
    precision, see :func:`label_decimals`); zero and a small value kept at its
    own digits are written as they are:

    >>> format_chart_number(14, decimals=1), format_chart_number(200000, scale="万", decimals=1)
    ('14.0', '20.0万')
    >>> format_chart_number(0, decimals=1), format_chart_number(12, "人", scale="万", decimals=1)
    ('0', '12人')
    """
    script = normalize_script(script)
    grouping = groups_digits(script) if grouping is None else grouping
    dec = value if isinstance(value, Decimal) else Decimal(repr(value))
    dec = dec.quantize(Decimal(1)) if dec == dec.to_integral_value() else dec
    if dec == 0:
        return "0" + unit
    if _own_digits(dec, unit, scale, factor):
        scale, decimals = "none", None
    if unit in PERCENT_UNITS:
        scale = "none"
    if scale == "none" or factor:
        shown = dec.scaleb(-_SCALE_DIGITS.get(scale, 0))
        places = _decimals(shown) if decimals is None else decimals
        out = format_number(
            shown, "", scale="none", decimals=places, grouping=grouping, script=script
        )
        return out + unit
    return format_number(
        dec, unit, scale=scale, decimals=decimals, grouping=grouping, script=script
    )


def _own_digits(value: Decimal, unit: str, scale: str, factor: bool) -> bool:
    """A small value that would read 0 at the chart's scale word keeps its own digits (12人)."""
    return not factor and unit not in PERCENT_UNITS and abs(value) < _SMALLEST_SHOWN.get(scale, 0)


def label_decimals(
    values: Iterable[Decimal | None], unit: str = "", *, scale: str = "none", factor: bool = False
) -> int:
    """The one precision of a series' value labels: the most decimals any of them is
    written with (at most two), so that "14" next to "13.1" becomes "14.0".

    Zeros and small values kept at their own digits do not count.

    >>> label_decimals([Decimal(14), Decimal("13.1"), None])
    1
    >>> label_decimals([Decimal(200000), Decimal(125000)], scale="万")
    1
    >>> label_decimals([Decimal("95.25"), Decimal(96), Decimal("97.125")], "%")
    2
    """
    digits = 0 if unit in PERCENT_UNITS else _SCALE_DIGITS.get(scale, 0)
    places = [
        _decimals(v.scaleb(-digits))
        for v in values
        if v is not None and v != 0 and not _own_digits(v, unit, scale, factor)
    ]
    return max(places, default=0)


def _decimals(value: Decimal) -> int:
    """At most two decimals, trailing zeros dropped (news style)."""
    q = value.quantize(Decimal("0.01")).normalize()
    exp = q.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def unit_note(unit: str, scale: str = "none", *, factor: bool = False, script: str = "hans") -> str:
    """The 单位 note of a chart (empty when there is no unit).

    ``unit`` is written as it is (a chart's texts are already in its script);
    the note's own words are converted for ``script``.

    >>> unit_note("剂次")
    '单位：剂次'
    >>> unit_note("人次", "万", factor=True)
    '单位：万人次'
    >>> unit_note("", "万", factor=True)
    '单位：万'
    >>> unit_note("人次", "万", factor=True, script="hant-tw")
    '單位：萬人次'
    """
    unit = unit or ""
    scale_word = scale if factor and scale in ("万", "亿") else ""
    if not (scale_word or unit):
        return ""
    return convert_script(f"单位：{scale_word}", script) + unit


def convert_script(text: str, script: str) -> str:
    """Convert Simplified text for a Traditional script (identity for hans).

    Uses :func:`bulletin.numbers.scripts.to_script`, so chart labels and prose convert
    alike; quote marks are left as they are. A chart's own texts are converted with
    :meth:`ChartSpec.convert`, which also writes them with the document's quote
    style, kept words and place names.

    >>> convert_script("数据来源", "hans"), convert_script("卫生院", "hant")
    ('数据来源', '衛生院')
    """
    if script == "hans" or not text:
        return text
    return convert_text(text, normalize_script(script), quotes="curly")


def for_script(spec: ChartSpec, script: str) -> ChartSpec:
    """The spec with its texts written for ``script`` (:meth:`ChartSpec.convert`);
    the same spec for Simplified text with curly quotes.

    >>> spec = ChartSpec("bar", "“干河乡”各村", ["干河乡"], [Series("", [1])],
    ...                  places=["干河乡"])
    >>> for_script(spec, "hant-tw").title, for_script(spec, "hans") is spec
    ('「干河鄉」各村', True)
    """
    script = normalize_script(script)
    if script == "hans" and spec.quote_style(script) == "curly":
        return spec
    return spec.map_text(lambda t: spec.convert(t, script))


def labels(items: Sequence[str]) -> str:
    """Join items Chinese style: 、 between, 和 before the last.

    >>> labels(["元坝镇", "红岩镇", "卫子镇"])
    '元坝镇、红岩镇和卫子镇'
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]
