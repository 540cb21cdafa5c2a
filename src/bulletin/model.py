"""The typed document model: what a data file may hold.

The model is validated with pydantic; every value a person types as a number
("128.57万", "1,234", "95.2%") is read exactly into a Decimal by the number
engine. Mapping validation errors back to file positions is done in
:mod:`bulletin.document`, not here.

>>> fig = Figure(value="128.57万", unit="剂次")
>>> fig.value
Decimal('1285700')
>>> Meta(title="办实事解难题 服务人民健康").genre
'feature'
>>> rate = Figure(value="95.2%")
>>> rate.value, rate.unit
(Decimal('95.2'), '%')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .numbers import parse_number

__all__ = [
    "APPROX_WORDS",
    "CHART_TYPES",
    "GENRES",
    "ChartRef",
    "Document",
    "Editors",
    "Figure",
    "Guest",
    "Image",
    "Indicator",
    "Meta",
    "Part",
    "Quote",
    "Section",
    "Table",
    "Turn",
]

GENRES = ("feature", "news", "interview", "statistical", "brief")
APPROX_WORDS = (
    "余",
    "多",
    "近",
    "约",
    "左右",
    "超",
    "超过",
    "突破",
    "以上",
    "及以上",
    "以下",
    "以内",
    "不到",
)
SCALES = ("auto", "none", "万", "亿", "万亿")
SCRIPTS = ("hans", "hant", "hant-tw", "hant-hk")
CHART_TYPES = ("bar", "barh", "line", "pie", "donut", "grouped", "stacked", "progress")


def _number(value: Any) -> Decimal:
    if isinstance(value, (dict, list)):
        raise ValueError("应为一个数字")
    if isinstance(value, str) and value.strip().endswith(("/10万", "/10萬")):
        # a rate per 100000 as bulletins print it: 16.9/10万
        return parse_number(value.strip()[:-4]).scaleb(-5)
    return parse_number(value)


def _timestamp(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        text = value.strip().replace("/", "-")
        try:
            stamp = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"日期 “{value}” 无法识别；请写成 2021-07-12 或 2021-07-12 18:00"
            ) from None
        return stamp.date() if len(text) <= 10 else stamp
    raise ValueError("应为日期，如 2021-07-12 或 2021-07-12 18:00")


def _text(value: Any) -> str:
    """Accept plain scalars as text (people write `byline: 123` or `title: 2021`)."""
    if isinstance(value, bool):
        raise ValueError("应为文字，不是 true/false")
    if isinstance(value, (str, int, Decimal)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise ValueError("应为一段文字")


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in value.replace("，", " ").replace("、", " ").split() if part]
    if isinstance(value, list):
        return [_text(v) for v in value]
    raise ValueError("应为姓名列表，如 [吕婷, 王泽刚]")


Number = Annotated[Decimal, BeforeValidator(_number)]
Timestamp = Annotated[dt.date | dt.datetime, BeforeValidator(_timestamp)]
Text = Annotated[str, BeforeValidator(_text)]
Names = Annotated[list[str], BeforeValidator(_names)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Editors(_Model):
    """The footer line of a newspaper page: 责任编辑、版式、校对."""

    editor: Text | None = None
    layout: Text | None = None
    proofreader: Text | None = None


class Guest(_Model):
    """A guest of an interview: 【张朝晖主任】."""

    name: Text
    title: Text | None = None
    key: Text | None = None

    @property
    def label(self) -> str:
        """The speaker label, name then title."""
        return f"{self.name}{self.title or ''}"


class Meta(_Model):
    """Who publishes what, when."""

    genre: Literal["feature", "news", "interview", "statistical", "brief"] = "feature"
    title: Text
    subtitle: Text | None = None
    district: Text | None = None
    organization: Text | None = None
    date: Timestamp | None = None
    byline: Names = Field(default_factory=list)
    source: Text | None = None
    editors: Editors | None = None
    script: Literal[SCRIPTS] = "hans"  # type: ignore[valid-type]
    quote_style: Literal["curly", "corner"] = "curly"
    agency: Text | None = None
    original_title: Text | None = None
    copyright: Text | None = None
    host: Text = "主持人"
    guests: list[Guest] = Field(default_factory=list)
    baseline: Text = "比上年"
    keep_words: list[Text] = Field(default_factory=list)


class Figure(_Model):
    """A named fact, printed the same way everywhere it appears."""

    value: Number | None = None
    unit: Text = ""
    label: Text | None = None
    approx: Literal[APPROX_WORDS] | None = None  # type: ignore[valid-type]
    scale: Literal[SCALES] = "auto"  # type: ignore[valid-type]
    decimals: int | None = Field(default=None, ge=0, le=6)
    significant: int | None = Field(default=None, ge=1, le=15)
    as_of: Timestamp | None = None
    by: dict[str, Number] | None = None
    series: dict[str, Number] | None = None
    target: Number | None = None
    previous: Number | None = None
    previous_by: dict[str, Number] | None = None
    source: Text | None = None
    chart: Literal[CHART_TYPES] | Literal[False] | None = None  # type: ignore[valid-type]

    @model_validator(mode="before")
    @classmethod
    def _percent_figures(cls, data: Any) -> Any:
        """A figure typed as "95.2%" holds percent numbers with unit "%" (95.2, not 0.952)."""
        if not isinstance(data, dict):
            return data
        keys = ("value", "target", "previous")
        maps = ("by", "series", "previous_by")
        typed = [data.get(k) for k in keys] + [
            v for m in maps if isinstance(data.get(m), dict) for v in data[m].values()
        ]
        if not any(isinstance(v, str) and v.strip().endswith("%") for v in typed):
            return data
        if data.get("unit", "%") != "%":
            return data  # the number check explains the clash

        def strip(value: Any) -> Any:
            return (
                value.strip()[:-1]
                if isinstance(value, str) and value.strip().endswith("%")
                else value
            )

        fixed = dict(data, unit="%")
        for k in keys:
            if k in fixed:
                fixed[k] = strip(fixed[k])
        for m in maps:
            if isinstance(fixed.get(m), dict):
                fixed[m] = {name: strip(v) for name, v in fixed[m].items()}
        return fixed

    @field_validator("by", "series", "previous_by", mode="before")
    @classmethod
    def _mapping(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            raise ValueError("应为“名称: 数值”的键值对")
        return {str(k): v for k, v in value.items()} if value else value


class ChartRef(_Model):
    """A chart named explicitly: which figures, drawn how."""

    figure: Text | None = None
    figures: list[Text] = Field(default_factory=list)
    type: Literal[CHART_TYPES] | None = None  # type: ignore[valid-type]
    title: Text | None = None
    caption: Text | None = None
    source: Text | None = None

    @property
    def names(self) -> list[str]:
        """Every figure the chart draws, in order."""
        return ([self.figure] if self.figure else []) + list(self.figures)


class Turn(_Model):
    """One turn of an interview: who speaks, what they say, and their points."""

    speaker: Text = "host"
    text: Text | None = None
    points: list[Text] = Field(default_factory=list)
    after: Text | None = None


class Part(_Model):
    """A sub-item of an indicator (其中：医院8个……)."""

    name: Text
    value: Number
    previous: Number | None = None
    unit: Text | None = None
    decimals: int | None = Field(default=None, ge=0, le=6)


class Indicator(_Model):
    """One line of a statistical bulletin: a value, last period's value, and parts."""

    name: Text
    value: Number
    previous: Number | None = None
    unit: Text = ""
    kind: Literal["count", "percent", "permille", "per100k", "ratio"] = "count"
    change: Literal["amount", "percent", "both", "none"] | None = None
    lead: Text | None = None
    decimals: int | None = Field(default=None, ge=0, le=6)
    scale: Literal[SCALES] = "auto"  # type: ignore[valid-type]
    parts: list[Part] = Field(default_factory=list)
    share: bool = False
    table: bool = True


class Table(_Model):
    """A table written out by hand, with its note and source."""

    title: Text | None = None
    columns: list[Text]
    rows: list[list[Text]]
    note: Text | None = None
    source: Text | None = None


class Image(_Model):
    """A photo with its caption (the file is the user's; it is linked, not copied)."""

    src: Text
    caption: Text | None = None
    alt: Text | None = None


class Quote(_Model):
    """Words of a person, with who said them."""

    text: Text
    by: Text | None = None
    role: Text | None = None


class Section(_Model):
    """One part of the body: a heading, prose, quotes and points."""

    heading: Text | None = None
    text: Text | None = None
    quote: Quote | list[Quote] | None = None
    points: list[Text] = Field(default_factory=list)
    after: Text | None = None
    chart: Text | ChartRef | Literal[False] | None = None
    turns: list[Turn] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    table: Table | bool | None = None
    table_note: Text | None = None
    table_source: Text | None = None
    image: Image | None = None

    @property
    def quotes(self) -> list[Quote]:
        """The section's quotes as a list (``quote`` may be one or many)."""
        if self.quote is None:
            return []
        return self.quote if isinstance(self.quote, list) else [self.quote]


class Document(_Model):
    """A whole data file."""

    meta: Meta
    figures: dict[str, Figure] = Field(default_factory=dict)
    lead: Text | None = None
    abstract: Text | None = None
    highlights: list[Text] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    closing: Text | None = None
    notes: list[Text] = Field(default_factory=list)
    charts: bool = True

    @field_validator("figures", mode="before")
    @classmethod
    def _figure_names(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for name in value:
                if not str(name).isidentifier() or str(name).startswith("_"):
                    raise ValueError(
                        f"数据名 “{name}” 不能在正文中引用："
                        "只能用字母、数字和下划线，且不以数字开头"
                    )
        return value
