"""The typed document model: what a data file may hold.

The model is validated with pydantic; every value a person types as a number
("128.57万", "1,234", "95.2%") is read exactly into a Decimal by the number
engine. Mapping validation errors back to file positions is done in
:mod:`bulletin.load.validate`, not here.

>>> fig = Figure(value="128.57万", unit="剂次")
>>> fig.value
Decimal('1285700')
>>> Meta(title="办实事解难题 服务人民健康").genre
'feature'
>>> Meta(title="年报", genre="annual_report").genre  # a template of the user's own
'annual_report'
>>> rate = Figure(value="95.2%")
>>> rate.value, rate.unit
(Decimal('95.2'), '%')
"""

from __future__ import annotations

import datetime as dt
import keyword
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..charts.spec import ChartType
from ..errors import DataError, NumberError, did_you_mean
from ..messages import text as _t
from ..numbers.dates import read_date
from ..numbers.quantities import ApproxWord, Scale, parse_number
from ..numbers.scripts import Script
from .yaml_reader import Marks

__all__ = [
    "GENRES",
    "GENRE_PATTERN",
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

#: The built-in genres, each with its template ``templates/zh/<genre>.md.j2``. A data file
#: may name any other genre whose template is in the user's template folder (--template-dir).
GENRES: tuple[str, ...] = ("feature", "news", "interview", "statistical", "brief")

#: What a genre name looks like: it names the template file ``<genre>.md.j2``.
GENRE_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"


#: Largest number a data file may hold (in absolute value); 1e18 is far above 万亿.
MAX_NUMBER = Decimal("1e18")


class _Clash:
    """A value that does not fit its figure's unit or indicator's kind (see _number)."""

    def __init__(self, error: NumberError) -> None:
        self.error = error


def _number(value: Any) -> Decimal:
    if isinstance(value, _Clash):
        raise value.error
    if isinstance(value, (dict, list)):
        raise ValueError(_t("expect", form=_t("form.number")))
    if isinstance(value, (dt.date, dt.datetime)):
        raise NumberError(_t("number.invalid", value=repr(value.isoformat())))
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?0[0-9]+\s*", value):
        # 010: YAML 1.1 reads 8, YAML 1.2 reads 10, a person may mean the text 010
        raise NumberError(
            _t("number.leading_zero", value=value.strip()),
            hint=_t("number.leading_zero.hint", number=int(value)),
            code="number.leading_zero",
        )
    if isinstance(value, str) and value.strip().endswith(("/10万", "/10萬")):
        # a rate per 100000 as bulletins print it: 16.9/10万
        number = parse_number(value.strip()[:-4]).scaleb(-5)
    else:
        number = parse_number(value)
    if abs(number) >= MAX_NUMBER:
        raise NumberError(
            _t("number.out_of_range", value=value),
            hint=_t("number.out_of_range.hint"),
            code="number.out_of_range",
        )
    return number


class _FieldError(DataError, ValueError):
    """A data error raised inside validation (pydantic reports ValueErrors as field errors)."""


def _genre(value: Any) -> str:
    """A genre is a name: a built-in one, or that of a template in --template-dir."""
    if not isinstance(value, str):
        raise ValueError(_t("expect", form=_t("form.text")))
    if re.fullmatch(GENRE_PATTERN, value):
        return value
    raise _FieldError(
        _t("data.genre", value=value),
        hint=did_you_mean(value.strip().lower(), GENRES)
        or _t("data.genre.hint", genres=_t("data.list_sep").join(GENRES)),
        code="data.genre",
    )


#: Dates as people type them: 2021-07-12, 2021/7/12, 2021.7.12, 2021年7月12日, with a time
#: 18:00 or 18时30分.
def _timestamp(value: Any) -> dt.date | dt.datetime:
    """Dates are read by the number engine's one reader (:func:`read_date`)."""
    if isinstance(value, (str, dt.date)):
        try:
            return read_date(value)
        except NumberError:
            raise ValueError(
                f"{_t('date.invalid', value=value)}；{_t('date.invalid.hint')}"
            ) from None
    raise ValueError(_t("expect", form=_t("form.date")) + "，" + _t("date.invalid.hint"))


def _text(value: Any) -> str:
    """Accept plain scalars as text (people write `byline: 123` or `title: 2021`)."""
    if isinstance(value, bool):
        raise ValueError(_t("expect.not_bool"))
    if isinstance(value, (str, int, Decimal)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise ValueError(_t("expect", form=_t("form.text")))


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in value.replace("，", " ").replace("、", " ").split() if part]
    if isinstance(value, list):
        return [_text(v) for v in value]
    raise ValueError(_t("expect", form=_t("form.names")))


def _strip_unit(value: Any, unit: Any) -> Any:
    """ "82460人" with unit 人 is 82460: people paste numbers with their unit."""
    if (
        isinstance(value, str)
        and isinstance(unit, str)
        and unit.strip()
        and unit.strip() not in ("%", "‰")
        and value.strip().endswith(unit.strip())
    ):
        stripped = value.strip()[: -len(unit.strip())].rstrip()
        return stripped or value
    return value


# JSON Schema of the values people type (see bulletin.load.schema): numbers may be
# written as text ("128.57万", "95.2%", "1,234"), dates are text in YAML editors.
_NUMBER_SCHEMA = {
    "anyOf": [{"type": "number"}, {"type": "string", "minLength": 1}],
    "description": "数字：82460、128.57万、1.3亿、1,234、95.2%、１２３，或带单位 82460人",
}
_DATE_SCHEMA = {
    "type": "string",
    "description": "日期：2021-07-12，或带时间 2021-07-12 18:00",
}
_TEXT_SCHEMA = {"type": ["string", "number"]}
_GENRE_SCHEMA = {
    "type": "string",
    "pattern": GENRE_PATTERN,
    "examples": list(GENRES),
    "description": "体裁：内置 "
    + "、".join(GENRES)
    + "；也可以写自己的体裁名（小写字母开头，可用小写字母、数字、_ 和 -），"
    "模板放在 --template-dir 指定的文件夹里，名为 <体裁>.md.j2",
}
_NAMES_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {"type": "array", "items": {"type": ["string", "number"]}},
    ],
    "description": "姓名：[吕婷, 王泽刚]，或用空格、顿号分隔的一行",
}

Number = Annotated[Decimal, BeforeValidator(_number), WithJsonSchema(_NUMBER_SCHEMA)]
Timestamp = Annotated[
    dt.date | dt.datetime, BeforeValidator(_timestamp), WithJsonSchema(_DATE_SCHEMA)
]
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema(_TEXT_SCHEMA)]
Names = Annotated[list[str], BeforeValidator(_names), WithJsonSchema(_NAMES_SCHEMA)]
Genre = Annotated[str, BeforeValidator(_genre), WithJsonSchema(_GENRE_SCHEMA)]


def _is_percent(value: Any) -> bool:
    return isinstance(value, str) and value.strip().endswith("%")


def _map_values(
    data: dict[str, Any], keys: Iterable[str], maps: Iterable[str], fn: Callable[[Any], Any]
) -> dict[str, Any]:
    """``data`` with ``fn`` applied to the values at ``keys`` and inside the mappings ``maps``."""
    fixed = dict(data)
    for k in keys:
        if k in fixed:
            fixed[k] = fn(fixed[k])
    for m in maps:
        if isinstance(fixed.get(m), dict):
            fixed[m] = {name: fn(v) for name, v in fixed[m].items()}
    return fixed


def _unit_clash(unit: Any) -> Callable[[Any], Any]:
    """Values written as a percentage become clashes that _number reports (unit is not %)."""

    def clash(value: Any) -> Any:
        if not _is_percent(value):
            return value
        return _Clash(
            NumberError(
                _t("number.percent_unit", value=value, unit=unit),
                hint=_t("number.percent_unit.hint"),
                code="number.percent_unit",
            )
        )

    return clash


def _drop_percent(value: Any) -> Any:
    return value.strip()[:-1] if _is_percent(value) else value


#: The signs a rate may be typed with, and the indicator kind each one means.
_RATE_SIGNS = {"%": "percent", "‰": "permille", "/10万": "per100k", "/10萬": "per100k"}


def _rate_sign(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    return next((sign for sign in _RATE_SIGNS if text.endswith(sign)), None)


def _rate_values(data: Any, kind: str | None) -> Any:
    """Indicator numbers typed with their sign (71.6%, 5.4‰, 16.9/10万), read in the kind's unit.

    The sign names the kind when none is given. A number is held in the unit
    of its kind, as a bare number of that kind is (71.6 for 71.6%, not
    0.716); a sign that does not fit the kind is reported where it stands.
    """
    if not isinstance(data, dict):
        return data
    signs = [sign for k in ("value", "previous") if (sign := _rate_sign(data.get(k)))]
    if not signs:
        return data
    if kind is None:
        kind = _RATE_SIGNS[signs[0]]
        data = dict(data, kind=kind)

    def read(value: Any) -> Any:
        sign = _rate_sign(value)
        if sign is None:
            return value
        if _RATE_SIGNS[sign] == kind:
            return value.strip()[: -len(sign)]
        return _Clash(
            NumberError(
                _t("number.percent_kind", value=value, kind=kind, sign=sign),
                hint=_t("number.percent_kind.hint"),
                code="number.percent_kind",
            )
        )

    return _map_values(data, ("value", "previous"), (), read)


def _signed_paths(data: Any) -> Iterator[tuple[str | int, ...]]:
    """Where an indicator's raw data types a number with its sign (71.6%, 5.4‰, 16.9/10万)."""
    if not isinstance(data, dict):
        return
    parts = data.get("parts")
    items = [((), data)] + (
        [(("parts", i), p) for i, p in enumerate(parts) if isinstance(p, dict)]
        if isinstance(parts, list)
        else []
    )
    for prefix, item in items:
        for key in ("value", "previous"):
            if _rate_sign(item.get(key)):
                yield (*prefix, key)


def _strip_units(data: Any, keys: tuple[str, ...], *, keep_unit: bool = True) -> Any:
    """Strip a glued unit (``unit`` of ``data``) from the number fields ``keys``."""
    if not isinstance(data, dict):
        return data
    unit = data.get("unit")
    fixed = {k: (_strip_unit(v, unit) if k in keys else v) for k, v in data.items()}
    if not keep_unit:
        fixed.pop("unit", None)
    return fixed


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

    genre: Genre = "feature"
    title: Text
    subtitle: Text | None = None
    district: Text | None = None
    organization: Text | None = None
    date: Timestamp | None = None
    byline: Names = Field(default_factory=list)
    source: Text | None = None
    editors: Editors | None = None
    script: Script = "hans"
    quote_style: Literal["curly", "corner"] = "curly"
    agency: Text | None = None
    original_title: Text | None = None
    copyright: Text | None = None
    host: Text = "主持人"
    guests: list[Guest] = Field(default_factory=list)
    baseline: Text = "比上年"
    keep_words: list[Text] = Field(default_factory=list)
    chart_font: Text | None = None
    grouping: bool | None = None
    #: The year a statistical bulletin reports on (2024年末，全区……); by default the
    #: first year written in the title.
    year: int | None = Field(default=None, ge=1900, le=2200)
    layout: Literal["news", "gbt9704"] | None = None
    reference_docx: Text | None = None
    cc: Names = Field(default_factory=list)
    issued_by: Text | None = None


class Figure(_Model):
    """A named fact, printed the same way everywhere it appears."""

    value: Number | None = None
    unit: Text = ""
    label: Text | None = None
    approx: ApproxWord | None = None
    scale: Scale = "auto"
    decimals: Annotated[int, Field(strict=True)] | None = Field(default=None, ge=0, le=6)
    significant: Annotated[int, Field(strict=True)] | None = Field(default=None, ge=1, le=15)
    as_of: Timestamp | None = None
    by: dict[str, Number] | None = None
    series: dict[str, Number] | None = None
    target: Number | None = None
    previous: Number | None = None
    previous_by: dict[str, Number] | None = None
    source: Text | None = None
    chart: ChartType | Literal[False] | None = None

    @model_validator(mode="before")
    @classmethod
    def _percent_figures(cls, data: Any) -> Any:
        """A figure typed as "95.2%" holds percent numbers with unit "%" (95.2, not 0.952)."""
        if not isinstance(data, dict):
            return data
        keys = ("value", "target", "previous")
        maps = ("by", "series", "previous_by")
        unit = data.get("unit")
        if isinstance(unit, str) and unit.strip():
            data = _map_values(data, keys, maps, lambda v: _strip_unit(v, unit))
        typed = [data.get(k) for k in keys] + [
            v for m in maps if isinstance(data.get(m), dict) for v in data[m].values()
        ]
        if not any(_is_percent(v) for v in typed):
            return data
        if data.get("unit", "%") != "%":
            return _map_values(data, keys, maps, _unit_clash(data.get("unit")))
        return _map_values(dict(data, unit="%"), keys, maps, _drop_percent)

    @field_validator("by", "series", "previous_by", mode="before")
    @classmethod
    def _mapping(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            raise ValueError(_t("expect", form=_t("form.pairs")))
        return {str(k): v for k, v in value.items()} if value else value


class ChartRef(_Model):
    """A chart named explicitly: which figures, drawn how."""

    figure: Text | None = None
    figures: list[Text] = Field(default_factory=list)
    type: ChartType | None = None
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
    """A sub-item of an indicator (其中：医院8个……), with parts of its own in brackets
    (三级医院12个（其中：三级甲等医院5个）). Scale and decimals are the parent's unless set."""

    name: Text
    value: Number | None = None
    previous: Number | None = None
    unit: Text | None = None
    decimals: Annotated[int, Field(strict=True)] | None = Field(default=None, ge=0, le=6)
    scale: Scale | None = None
    #: A share given by the source, in percent (本科及以上占41.2%); else computed from value.
    share: Number | None = None
    #: The part's own change: amount (增加1个), percent (增长5.1%), both, or none.
    change: Literal["amount", "percent", "both", "none"] | None = None
    parts: list[Part] = Field(default_factory=list)

    @model_validator(mode="after")
    def _value_or_share(self) -> Part:
        if self.value is None and self.share is None:
            raise ValueError(_t("expect", form="value 或 share"))
        return self

    @model_validator(mode="before")
    @classmethod
    def _glued_unit(cls, data: Any) -> Any:
        data = _strip_units(data, ("value", "previous"))
        if isinstance(data, dict) and _is_percent(data.get("share")):
            data = dict(data, share=_drop_percent(data["share"]))  # 41.2% is held as 41.2
        return data


class Indicator(_Model):
    """One line of a statistical bulletin: a value, last period's value, and parts.

    The numbers of a rate are in the unit of its kind, typed with their sign
    or bare: ``71.6%`` and ``71.6`` are both 71.6% (``kind: percent``);
    ``5.4‰`` and ``5.4`` are 5.4‰ (``permille``); ``16.9/10万`` and ``16.9``
    are 16.9/10万 (``per100k``). A sign names the kind when none is given.

    >>> Indicator(name="病床使用率", value="71.6%").value, Indicator(name="x", value="71.6%").kind
    (Decimal('71.6'), 'percent')
    >>> Indicator(name="孕产妇死亡率", value=16.9, kind="per100k").value
    Decimal('16.9')
    """

    name: Text
    value: Number
    previous: Number | None = None
    unit: Text = ""
    kind: Literal["count", "percent", "permille", "per100k", "ratio"] = "count"
    change: Literal["amount", "percent", "both", "none"] | None = None
    lead: Text | None = None
    decimals: Annotated[int, Field(strict=True)] | None = Field(default=None, ge=0, le=6)
    scale: Scale = "auto"
    parts: list[Part] = Field(default_factory=list)
    share: bool | Literal["only"] = False
    table: bool = True
    #: 2024年末，全区…… (a stock at year end) or 2024年，全区…… (a flow over the year).
    period: Literal["end", "year"] | None = None
    #: 医疗卫生机构总数达326个.
    total: bool = False
    #: Parts as their own sentence (其中：……。), in the total's sentence (……，其中：……。),
    #: or alone, without the total (医院按等级分：三级医院3个（其中：……），……。).
    breakdown: Literal["sentence", "clause", "only"] = "sentence"
    #: How parts are joined: "，" or "、" for a list of levels (区级1个、街道级6个).
    parts_join: Literal["，", "、"] = "，"
    #: The words before the parts: 其中, or a group label (医院按等级分, 学历结构).
    parts_label: Text = "其中"
    #: Parts' changes after each part, or together: 与上年相比，医院增加1个，……。
    parts_change: Literal["each", "together"] = "each"
    #: Growth rate and shares in brackets: 增加2.6万人（增长5.1%）, 医院3.1万人（占61.3%）.
    brackets: bool = False
    #: Continue the previous indicator's sentence, joined by "；".
    joined: bool = False
    #: Refer to the section's numbered table: （见表1）.
    see_table: bool = False

    @model_validator(mode="before")
    @classmethod
    def _glued_unit(cls, data: Any) -> Any:
        data = _strip_units(data, ("value", "previous"))
        if isinstance(data, dict):
            kind = data.get("kind")
            data = _rate_values(data, kind if isinstance(kind, str) else None)
            kind = data.get("kind", "count")
            if isinstance(data.get("parts"), list) and isinstance(kind, str):
                data = dict(data, parts=[_rate_values(p, kind) for p in data["parts"]])
        unit = data.get("unit") if isinstance(data, dict) else None
        parts = data.get("parts") if isinstance(data, dict) else None
        if isinstance(unit, str) and isinstance(parts, list):
            # parts without their own unit count in the indicator's unit
            parts = [
                _strip_units(dict(p, unit=unit), ("value", "previous"), keep_unit=False)
                if isinstance(p, dict) and "unit" not in p
                else p
                for p in parts
            ]
            data = dict(data, parts=parts)
        return data

    #: Paths (within the indicator) of the numbers typed with their sign.
    _signed: frozenset[tuple[str | int, ...]] = PrivateAttr(default=frozenset())

    @model_validator(mode="wrap")
    @classmethod
    def _remember_signs(cls, data: Any, handler: ModelWrapValidatorHandler[Indicator]) -> Indicator:
        # defined after _glued_unit, so it sees the data as typed
        indicator = handler(data)
        indicator._signed = frozenset(_signed_paths(data))
        return indicator

    def typed_bare(self, *path: str | int) -> bool:
        """Whether the number at ``path`` (``"value"``, or ``"parts", 0, "previous"``) was
        typed without a sign (%, ‰, /10万), so that only its kind says what it means.

        >>> ind = Indicator(name="x", value="71.6%", previous=0.743)
        >>> ind.typed_bare("value"), ind.typed_bare("previous")
        (False, True)
        """
        return tuple(path) not in self._signed


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
    #: The title of the section's indicator table; a titled table is numbered (表1 ……).
    table_title: Text | None = None
    image: Image | None = None
    #: Sub-sections （一）（二）……, each like a section.
    subsections: list[Section] = Field(default_factory=list)

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

    _marks: Marks | None = PrivateAttr(default=None)

    @property
    def marks(self) -> Marks:
        """Where each node of the data stands in its file (empty for documents from dicts)."""
        return self._marks or Marks(file="<dict>")

    @property
    def file(self) -> str:
        """The file name used in error messages (``<dict>``, ``<string>`` when none)."""
        return self.marks.file

    @property
    def folder(self) -> Path:
        """The folder relative paths in the data are taken from (the data file's, or the cwd)."""
        file = self.file
        return Path(file).parent if file and not file.startswith("<") else Path.cwd()

    @property
    def encoding(self) -> str:
        """The encoding the file was read in (``utf-8``, ``GBK``, ``GB18030``, ``Big5``…)."""
        return self.marks.encoding

    @property
    def notices(self) -> list[str]:
        """One-line notices about how the file was read (e.g. read as GBK)."""
        if self.encoding == "utf-8":
            return []
        return [f"{self.file}: {_t('notice.legacy_encoding', encoding=self.encoding)}"]

    def with_marks(self, marks: Marks) -> Document:
        """This document, remembering where its nodes stand in ``marks.file``."""
        self._marks = marks
        return self

    @field_validator("figures", mode="before")
    @classmethod
    def _figure_names(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for name in value:
                if not str(name).isidentifier() or str(name).startswith("_"):
                    raise ValueError(_t("data.figure_name", name=name))
                if keyword.iskeyword(name) or name.lower() in ("none", "true", "false"):
                    raise _FieldError(
                        _t("data.figure_reserved", name=name),
                        hint=_t("data.figure_reserved.hint", name=name),
                        code="data.figure_reserved",
                    )
        return value
