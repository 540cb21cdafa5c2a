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
from ..errors import DataError, DataPath, NumberError, did_you_mean
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
    "Fonts",
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
                _t(
                    "join.semicolon",
                    first=_t("date.invalid", value=value),
                    second=_t("date.invalid.hint"),
                )
            ) from None
    raise ValueError(
        _t("join.comma", first=_t("expect", form=_t("form.date")), second=_t("date.invalid.hint"))
    )


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
# The forms the number engine reads (parse_number, and _number above), as one pattern that
# JSON Schema validators (ECMAScript and Python regular expressions) read alike: a sign,
# digits (full-width too) with thousands commas and decimals, a scale word or %/‰/"/10万",
# then an optional glued unit that starts with no digit, point, comma or sign.
_DIGIT = "[0-9０-９]"
NUMBER_PATTERN = (
    r"^(?!\s*[-+]?0[0-9])"  # 010: YAML 1.1 reads 8, YAML 1.2 reads 10 (see _number)
    rf"\s*[-+＋－−]?(?:(?:{_DIGIT}{{1,3}}(?:[,，]{_DIGIT}{{3}})+|{_DIGIT}+)(?:[.．]{_DIGIT}+)?"
    rf"|[.．]{_DIGIT}+)(?:万亿|萬億|万|萬|亿|億|[%％‰]|/10[万萬])?"
    r"(?:\s*[^\s0-9０-９.．,，%％‰/+＋\-－−].*)?\s*$"
)
#: Dates as read_date reads them: 2021-07-12, 2021/7/12, 2021.7.12, 2021年7月12日, with an
#: optional time 18:00, 18时30分 or T18:00:00 (an ISO time zone too).
DATE_PATTERN = (
    r"^\s*[0-9０-９]{4}\s*[-/.年]\s*(?:0?[1-9]|1[0-2]|[０-９]{1,2})\s*[-/.月]\s*"
    r"(?:0?[1-9]|[12][0-9]|3[01]|[０-９]{1,2})\s*日?"
    r"(?:(?:\s+|\s*T\s*)?(?:[01]?[0-9]|2[0-3]|[０-９]{1,2})\s*[:：时時点點]\s*"
    r"(?:[0-5]?[0-9]|[０-９]{1,2})?\s*分?(?:\s*[:：]\s*[0-5]?[0-9]\s*秒?)?"
    r"(?:[.,][0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\s*$"
)
_NUMBER_SCHEMA = {
    "anyOf": [
        {"type": "number", "exclusiveMinimum": -1e18, "exclusiveMaximum": 1e18},
        {"type": "string", "pattern": NUMBER_PATTERN},
    ],
    "description": "数字：82460、128.57万、1.3亿、1,234、95.2%、１２３，或带单位 82460人",
}
_DATE_SCHEMA = {
    "type": "string",
    "pattern": DATE_PATTERN,
    "description": "日期：2021-07-12，或带时间 2021-07-12 18:00；"
    "也可写 2021/7/12、2021年7月12日18时",
}
_TEXT_SCHEMA = {"type": ["string", "number"]}
#: A figure name the prose can refer to: a Python identifier not starting with "_" (no ASCII
#: punctuation or space; 汉字 are letters), and not a keyword or none/true/false.
_NAME_START = r"[^\s\x00-\x40\[-`{-\x7f\u3000-\u303f\uff01-\uff20\uff3b-\uff40\uff5b-\uff65]"
_NAME_REST = (
    r"[^\s\x00-\x2f:-@\[-\^`{-\x7f\u3000-\u303f"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff3e\uff40\uff5b-\uff65]"
)
_FIGURE_NAME_PATTERN = (
    "^(?!(?:" + "|".join(keyword.kwlist) + ")$)"
    "(?![Nn][Oo][Nn][Ee]$|[Tt][Rr][Uu][Ee]$|[Ff][Aa][Ll][Ss][Ee]$)"
    f"{_NAME_START}{_NAME_REST}*$"
)
#: A value typed with a sign (%, ‰, /10万) that does not fit a unit or a kind given beside it.
_SIGNED = {"%": r"[%％]\s*$", "‰": r"‰\s*$", "/10万": r"/10[万萬]\s*$"}


def _no_sign(sign: str, *keys: str) -> dict[str, Any]:
    """Schema: the values at ``keys`` are not typed with ``sign``."""
    typed = {"not": {"type": "string", "pattern": _SIGNED[sign]}}
    return {key: typed for key in keys}


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


def _signed_paths(data: Any) -> Iterator[DataPath]:
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


def _unit_fits_signs() -> dict[str, Any]:
    """Schema: a figure with a unit other than % has no value typed as a percentage."""
    plain = _no_sign("%", "value", "target", "previous")
    maps = {key: {"additionalProperties": _no_sign("%", "x")["x"]} for key in _MAPS}
    return {
        "if": {"required": ["unit"], "properties": {"unit": {"not": {"const": "%"}}}},
        "then": {"properties": {**plain, **maps}},
    }


def _kind_fits_signs() -> dict[str, Any]:
    """Schema: an indicator of a given kind has no number typed with another kind's sign."""
    rules = []
    for sign, kind in _RATE_SIGNS.items():
        if sign == "/10萬":
            continue  # the same pattern as /10万
        numbers = _no_sign(sign, "value", "previous")
        rules.append({
            "if": {"required": ["kind"], "properties": {"kind": {"not": {"const": kind}}}},
            "then": {"properties": {**numbers, "parts": {"items": {"properties": numbers}}}},
        })  # fmt: skip
    return {"allOf": rules}


_MAPS = ("by", "series", "previous_by")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Editors(_Model):
    """The footer line of a newspaper page: 责任编辑、版式、校对."""

    editor: Text | None = Field(
        None,
        description="责任编辑",
        examples=["张敏"],
    )
    layout: Text | None = Field(
        None,
        description="版式",
        examples=["李娜"],
    )
    proofreader: Text | None = Field(
        None,
        description="校对",
        examples=["王静"],
    )


class Fonts(_Model):
    """Fonts named for the roles of the Word and PDF output (``meta.fonts``)."""

    body: Text | None = Field(
        None,
        description="正文（宋体、公文的仿宋）",
        examples=["仿宋_GB2312"],
    )
    title: Text | None = Field(
        None,
        description="标题（公文的小标宋）",
        examples=["方正小标宋简体"],
    )
    kai: Text | None = Field(
        None,
        description="楷体：副题、署名、引语、二级标题",
        examples=["楷体_GB2312"],
    )
    sans: Text | None = Field(
        None,
        description="黑体：小标题、图注、表名",
        examples=["黑体"],
    )
    number: Text | None = Field(
        None,
        description="PDF 的页码；Word 中是全部数字和西文",
        examples=["Times New Roman"],
    )
    mono: Text | None = Field(
        None,
        description="代码",
        examples=["fonts/DejaVuSansMono.ttf"],
    )


class Guest(_Model):
    """A guest of an interview: 【张朝晖主任】."""

    name: Text = Field(
        description="嘉宾姓名",
        examples=["张朝晖"],
    )
    title: Text | None = Field(
        None,
        description="职务（标签为“姓名+职务”，如【张朝晖主任】）",
        examples=["主任"],
    )
    key: Text | None = Field(
        None,
        description="在 `turns[].speaker` 中指称这位嘉宾的短名",
        examples=["zhang"],
    )

    @property
    def label(self) -> str:
        """The speaker label, name then title."""
        return f"{self.name}{self.title or ''}"


class Meta(_Model):
    """Who publishes what, when."""

    genre: Genre = Field(
        "feature",
        description=(
            "体裁，即所用模板 `<体裁>.md.j2` 的名字。内置：`feature` 纪实、`news` 新闻稿、"
            "`interview` 访谈、`statistical` 统计公报、`brief` 简报；也可以写自己的体裁名（小写字"
            "母开头，只用小写字母、数字、`_` 和 `-`，最多 40 个字符），模板放在 `--template-dir` "
            "指定的文件夹里（见 docs/templates.md）。找不到模板时在这一行报错"
        ),
        examples=["statistical", "annual_report"],
    )
    title: Text = Field(
        description="标题",
        examples=["办实事解难题 服务人民健康"],
    )
    subtitle: Text | None = Field(
        None,
        description="副标题（前面自动加破折号）",
        examples=["昭化区卫健系统……纪实"],
    )
    district: Text | None = Field(
        None,
        description="区县",
        examples=["昭化区"],
    )
    organization: Text | None = Field(
        None,
        description="发布单位",
        examples=["昭化区卫生健康局"],
    )
    date: Timestamp | None = Field(
        None,
        description="发布日期",
        examples=["2021-07-20"],
    )
    byline: Names = Field(
        default_factory=list,
        description="作者；也可写成用空格或顿号分隔的一行",
        examples=[["吕婷", "王泽刚"]],
    )
    source: Text | None = Field(
        None,
        description="来源（报纸、网站）",
        examples=["广元日报"],
    )
    editors: Editors | None = Field(
        None,
        description="版面署名，见下三项",
        examples=[{"editor": "张敏"}],
    )
    script: Script = Field(
        "hans",
        description="文字：`hans` 简体、`hant` 繁体、`hant-tw` 台湾、`hant-hk` 香港",
        examples=["hant"],
    )
    quote_style: Literal["curly", "corner"] | None = Field(
        None,
        description="引号：`curly` 用“”‘’，`corner` 用「」『』；不写时台湾（hant-tw）、"
        "香港（hant-hk）用「」，简体和 hant 用“”",
        examples=["curly"],
    )
    agency: Text | None = Field(
        None,
        description="新闻稿电头的发稿机构",
        examples=["中新河南网"],
    )
    original_title: Text | None = Field(
        None,
        description="原标题（转载时）",
        examples=["为民服务出实招"],
    )
    copyright: Text | None = Field(
        None,
        description="文末版权声明，每行一段",
        examples=["德州新闻网版权所有"],
    )
    host: Text = Field(
        "主持人",
        description="访谈中主持人的称呼",
        examples=["记者"],
    )
    guests: list[Guest] = Field(
        default_factory=list,
        description="访谈嘉宾，每位一项",
        examples=[[{"name": "张朝晖", "title": "主任", "key": "zhang"}]],
    )
    baseline: Text = Field(
        "比上年",
        description="指标变化的基期说法",
        examples=["同比"],
    )
    keep_words: list[Text] = Field(
        default_factory=list,
        description="转繁体时按所写保留的词（地名、专名），写成繁体文字中的样子，如 游仙、游樂；"
        "岩、游仙、并发放等常见误转已内置",
        examples=[["游仙"]],
    )
    chart_font: Text | None = Field(
        None,
        description=(
            "图表换用的字体：字体文件路径（相对数据文件）或已安装字体的名字；须有图上要写的每一个"
            "字，缺字时报错并列出"
        ),
        examples=["fonts/FZShuSong.ttf"],
    )
    grouping: bool | None = Field(
        None,
        description="数字是否每三位加逗号（1,452.7萬）",
        examples=[False],
    )
    #: The year a statistical bulletin reports on (2024年末，全区……); by default the
    #: first year written in the title.
    year: int | None = Field(
        default=None,
        ge=1900,
        le=2200,
        description="统计公报的报告年份，`period` 句首“2024年末，全区”用它",
        examples=[2024],
    )
    layout: Literal["news", "gbt9704"] | None = Field(
        None,
        description=(
            "Word 和 PDF 的版式：`news` 报纸版式，`gbt9704` 公文格式（GB/T 9704-2012，见 "
            "`docs/pdf.md`）；命令行 `--layout` 优先"
        ),
        examples=["gbt9704"],
    )
    reference_docx: Text | None = Field(
        None,
        description=(
            "参考 Word 文件（相对数据文件）：沿用其中的样式、页面设置和页眉页脚（红头），见 ["
            "word.md](word.md)；命令行 `--reference-docx` 优先"
        ),
        examples=["红头模板.docx"],
    )
    fonts: Fonts | None = Field(
        None,
        description=(
            "Word 和 PDF 各角色换用的字体（不含图表，图表见 `chart_font`）：已安装字体的名字或字体"
            "文件路径（相对数据文件），见 [pdf.md](pdf.md)；命令行 `--font 角色=字体` 优先"
        ),
        examples=[{"body": "仿宋_GB2312", "title": "方正小标宋简体"}],
    )
    md_charts: Literal["png", "svg"] | None = Field(
        None,
        description=(
            "Markdown 中的图表引用哪种文件：`png` 或 `svg`（只画用得到的格式，见 [charts.md]("
            "charts.md)）；命令行 `--md-charts` 优先"
        ),
        examples=["svg"],
    )
    cc: Names = Field(
        default_factory=list,
        description="公文版式的版记“抄送”机关，每个一项",
        examples=[["区委办公室", "区人大办公室"]],
    )
    issued_by: Text | None = Field(
        None,
        description="公文版式的版记“印发机关”（印发日期取 `meta.date`）",
        examples=["青禾区卫生健康局办公室"],
    )


class Figure(_Model):
    """A named fact, printed the same way everywhere it appears."""

    model_config = ConfigDict(json_schema_extra=_unit_fits_signs())

    value: Number | None = Field(
        None,
        description="数值",
        examples=["128.57万"],
    )
    unit: Text = Field(
        "",
        description="单位",
        examples=["剂次"],
    )
    label: Text | None = Field(
        None,
        description="名称（图表标题、系列名用）",
        examples=["第一剂累计接种人数"],
    )
    approx: ApproxWord | None = Field(
        None,
        description="近似词：余、多、近、约、左右、超、超过、突破、以上、及以上、以下、以内、不到",
        examples=["余"],
    )
    scale: Scale = Field(
        "auto",
        description="数量级：`auto`、`none`、`万`、`亿`、`万亿`",
        examples=["万"],
    )
    decimals: Annotated[int, Field(strict=True)] | None = Field(
        default=None,
        ge=0,
        le=6,
        description="固定小数位数",
        examples=[1],
    )
    significant: Annotated[int, Field(strict=True)] | None = Field(
        default=None,
        ge=1,
        le=15,
        description="有效数字位数",
        examples=[2],
    )
    as_of: Timestamp | None = Field(
        None,
        description='截至时间（正文 `{{ 名.as_of | date("md_h") }}`）',
        examples=["2021-07-12 18:00"],
    )
    by: dict[str, Number] | None = Field(
        None,
        description="分项（出柱状图、饼图）",
        examples=[{"元坝镇": 10234, "红岩镇": 8120}],
    )
    series: dict[str, Number] | None = Field(
        None,
        description="时间序列（出折线图）",
        examples=[{"2023年": 297.1, "2024年": 312.6}],
    )
    target: Number | None = Field(
        None,
        description="目标值（出进度图）",
        examples=[300000],
    )
    previous: Number | None = Field(
        None,
        description="上期值",
        examples=[3986],
    )
    previous_by: dict[str, Number] | None = Field(
        None,
        description="上期分项（出分组柱状图）",
        examples=[{"元坝镇": 9800}],
    )
    source: Text | None = Field(
        None,
        description="数据来源（写在图下）",
        examples=["区卫生健康统计年报"],
    )
    chart: ChartType | Literal[False] | None = Field(
        None,
        description=(
            "图表类型：bar、barh、line、pie、donut、grouped、stacked、progress；`false` 不出图"
        ),
        examples=["pie"],
    )

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

    figure: Text | None = Field(
        None,
        description="画哪个数据",
        examples=["doses_by_town"],
    )
    figures: list[Text] = Field(
        default_factory=list,
        description="画在一张图上的几个数据",
        examples=[["visits", "beds"]],
    )
    type: ChartType | None = Field(
        None,
        description="图表类型（同 `figures.<名>.chart`）",
        examples=["barh"],
    )
    title: Text | None = Field(
        None,
        description="图的标题",
        examples=["各乡镇接种剂次"],
    )
    caption: Text | None = Field(
        None,
        description="图注（“图1 ……”中的文字）",
        examples=["各乡镇接种情况"],
    )
    source: Text | None = Field(
        None,
        description="数据来源",
        examples=["区疾控中心"],
    )

    @property
    def names(self) -> list[str]:
        """Every figure the chart draws, in order."""
        return ([self.figure] if self.figure else []) + list(self.figures)


class Turn(_Model):
    """One turn of an interview: who speaks, what they say, and their points."""

    speaker: Text = Field(
        "host",
        description="谁说：`host` 主持人，嘉宾写 `key` 或姓名",
        examples=["zhang"],
    )
    text: Text | None = Field(
        None,
        description="说的话，每行一段",
        examples=["好的。"],
    )
    points: list[Text] = Field(
        default_factory=list,
        description="答话的要点，各成一段并编号",
        examples=[["一是……", "二是……"]],
    )
    after: Text | None = Field(
        None,
        description="要点之后的话",
        examples=["下一步……"],
    )


class Part(_Model):
    """A sub-item of an indicator (其中：医院8个……), with parts of its own in brackets
    (三级医院12个（其中：三级甲等医院5个）). Scale and decimals are the parent's unless set."""

    name: Text = Field(
        description="分项名称",
        examples=["医院"],
    )
    value: Number | None = Field(
        None,
        description="分项本期值",
        examples=[8],
    )
    previous: Number | None = Field(
        None,
        description="分项上期值",
        examples=[7],
    )
    unit: Text | None = Field(
        None,
        description="分项单位",
        examples=["张"],
    )
    decimals: Annotated[int, Field(strict=True)] | None = Field(
        default=None,
        ge=0,
        le=6,
        description="分项小数位数",
        examples=[1],
    )
    scale: Scale | None = Field(
        None,
        description="分项数量级",
        examples=["万"],
    )
    #: A share given by the source, in percent (本科及以上占41.2%); else computed from value.
    share: Number | None = Field(
        None,
        description="资料给出的占比，写“占41.2%”",
        examples=["41.2%"],
    )
    #: The part's own change: amount (增加1个), percent (增长5.1%), both, or none.
    change: Literal["amount", "percent", "both", "none"] | None = Field(
        None,
        description="分项自己的变化写法（`both` 写出分项的增长率）",
        examples=["both"],
    )
    parts: list[Part] = Field(
        default_factory=list,
        description="分项的分项，写在括号里：三级医院3个（其中：三级甲等医院2个）",
        examples=[[{"name": "三级甲等医院", "value": 2}]],
    )

    @model_validator(mode="after")
    def _value_or_share(self) -> Part:
        if self.value is None and self.share is None:
            raise ValueError(_t("expect", form=_t("form.value_or_share")))
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

    model_config = ConfigDict(json_schema_extra=_kind_fits_signs())

    name: Text = Field(
        description="指标名称",
        examples=["医疗卫生机构"],
    )
    value: Number = Field(
        description="本期值",
        examples=[312],
    )
    previous: Number | None = Field(
        None,
        description="上期值（写出增减）",
        examples=[305],
    )
    unit: Text = Field(
        "",
        description="单位",
        examples=["个"],
    )
    kind: Literal["count", "percent", "permille", "per100k", "ratio"] = Field(
        "count",
        description=(
            "`count` 数量、`percent` 百分率、`permille` 千分率、`per100k` 十万分率、`ratio` 比值"
            "；率的数值按这一类的单位写（`71.6` 即 71.6%）；写成 `95.2%`、`5.4‰` 或 `16.9/10万` "
            "的值自动认作 percent、permille 或 per100k"
        ),
        examples=["percent"],
    )
    change: Literal["amount", "percent", "both", "none"] | None = Field(
        None,
        description="数量的变化写法：`amount` 增减量、`percent` 增长率、`both` 两者、`none` 不写",
        examples=["both"],
    )
    lead: Text | None = Field(
        None,
        description="句首的话",
        examples=["年末全区共有"],
    )
    decimals: Annotated[int, Field(strict=True)] | None = Field(
        default=None,
        ge=0,
        le=6,
        description="小数位数",
        examples=[2],
    )
    scale: Scale = Field(
        "auto",
        description="数量级（同 `figures.<名>.scale`）",
        examples=["万"],
    )
    parts: list[Part] = Field(
        default_factory=list,
        description="“其中”各项",
        examples=[[{"name": "医院", "value": 8}]],
    )
    share: bool | Literal["only"] = Field(
        False,
        description="分项后写“占X%”；`only` 只写占比（本科及以上占41.2%）",
        examples=[True],
    )
    table: bool = Field(
        True,
        description="是否列入这一部分的指标表",
        examples=[False],
    )
    #: 2024年末，全区…… (a stock at year end) or 2024年，全区…… (a flow over the year).
    period: Literal["end", "year"] | None = Field(
        None,
        description=(
            "句首写年份和范围：`end` “2024年末，全区”（年末的存量），`year` “2024年，全区”（全年"
            "的流量）"
        ),
        examples=["end"],
    )
    #: 医疗卫生机构总数达326个.
    total: bool = Field(
        False,
        description="写成“医疗卫生机构总数达326个”",
        examples=[True],
    )
    #: Parts as their own sentence (其中：……。), in the total's sentence (……，其中：……。),
    #: or alone, without the total (医院按等级分：三级医院3个（其中：……），……。).
    breakdown: Literal["sentence", "clause", "only"] = Field(
        "sentence",
        description=(
            "分项：`sentence` 另起一句“其中：……”，`clause` 接在总数后“，其中：……”，`only` 只写分项"
        ),
        examples=["clause"],
    )
    #: How parts are joined: "，" or "、" for a list of levels (区级1个、街道级6个).
    parts_join: Literal["，", "、"] = Field(
        "，",
        description="分项之间的标点；级别列举用“、”",
        examples=["、"],
    )
    #: The words before the parts: 其中, or a group label (医院按等级分, 学历结构).
    parts_label: Text = Field(
        "其中",
        description="分项前的话：其中、医院按等级分、学历结构",
        examples=["医院按等级分"],
    )
    #: Parts' changes after each part, or together: 与上年相比，医院增加1个，……。
    parts_change: Literal["each", "together"] = Field(
        "each",
        description=(
            "分项的增减：`each` 写在各分项后，`together` 另起一句“与上年相比，医院增加1个，……”"
        ),
        examples=["together"],
    )
    #: Growth rate and shares in brackets: 增加2.6万人（增长5.1%）, 医院3.1万人（占61.3%）.
    brackets: bool = Field(
        False,
        description="增长率和占比写在括号里：增加2.6万人（增长5.1%）、医院3.1万人（占61.3%）",
        examples=[True],
    )
    #: Continue the previous indicator's sentence, joined by "；".
    joined: bool = Field(
        False,
        description="接在上一个指标的句子后，用“；”连接",
        examples=[True],
    )
    #: Refer to the section's numbered table: （见表1）.
    see_table: bool = Field(
        False,
        description="句末写“（见表N）”，N 是本部分指标表的表号",
        examples=[True],
    )
    #: Among the districts of a run (--each): 居全市第3位, largest first or ``ascending``.
    rank_in_city: bool | Literal["descending", "ascending"] = Field(
        False,
        description=(
            "在增减后写各区县中的位次“居全市第3位”（数值相同的“并列第2位”）：`true` 或 "
            "`descending` 由大到小，`ascending` 由小到大（平均住院日等越小越好的指标）；只用于"
            "按 --each 逐行生成、值由 column 读出的指标，全市文档中不写"
        ),
        examples=[True, "ascending"],
    )
    #: This district's part of the city total: 占全市的15.3%.
    share_of_city: bool = Field(
        False,
        description=(
            "在增减后写占全市合计的比重“占全市的15.3%”；只用于按 --each 逐行生成、值由 column "
            "读出的数量，全市文档中不写"
        ),
        examples=[True],
    )

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
    _signed: frozenset[DataPath] = PrivateAttr(default=frozenset())

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

    title: Text | None = Field(
        None,
        description="表题",
        examples=["各乡镇接种情况"],
    )
    columns: list[Text] = Field(
        description="列名",
        examples=[["乡镇", "剂次"]],
    )
    rows: list[list[Text]] = Field(
        description="每行一个列表",
        examples=[[["元坝镇", 10234]]],
    )
    note: Text | None = Field(
        None,
        description="表注",
        examples=["截至7月12日。"],
    )
    source: Text | None = Field(
        None,
        description="资料来源",
        examples=["区疾控中心"],
    )


class Image(_Model):
    """A photo with its caption (the file is the user's; it is linked, not copied)."""

    src: Text = Field(
        description=(
            "图片文件（相对于数据文件；须是 PNG、JPEG、GIF 或 WebP 图片，按内容判断）或网址；复制"
            "到输出文件夹的 `images/名字-内容哈希.扩展名`"
        ),
        examples=["photos/a.jpg"],
    )
    caption: Text | None = Field(
        None,
        description="图片说明",
        examples=["义诊现场"],
    )
    alt: Text | None = Field(
        None,
        description="替代文字（读屏软件读出）",
        examples=["专家为群众义诊"],
    )


class Quote(_Model):
    """Words of a person, with who said them."""

    text: Text = Field(
        description="引语内容（不用加引号）",
        examples=["车到了，心里就踏实了。"],
    )
    by: Text | None = Field(
        None,
        description="说话人",
        examples=["王大爷"],
    )
    role: Text | None = Field(
        None,
        description="说话人的身份",
        examples=["带老伴前来就诊的居民"],
    )


def _subsections_schema(schema: dict[str, Any]) -> None:
    """A subsection's own ``subsections`` must be empty (what :meth:`Section._one_level`
    checks), so editors refuse a third level too."""
    items = schema.get("items")
    if isinstance(items, dict):
        schema["items"] = {**items, "properties": {"subsections": {"maxItems": 0}}}


class Section(_Model):
    """One part of the body: a heading, prose, quotes and points."""

    heading: Text | None = Field(
        None,
        description="小标题",
        examples=["急救能力再提升"],
    )
    text: Text | None = Field(
        None,
        description="正文，每行一段",
        examples=["区卫健局争取资金{{ funds }}……"],
    )
    quote: Quote | list[Quote] | None = Field(
        None,
        description="引语，一条或多条",
        examples=[{"text": "车到了，心里就踏实了。", "by": "王大爷"}],
    )
    points: list[Text] = Field(
        default_factory=list,
        description="要点，自动写成“一是……；二是……。”",
        examples=[["优化流程", "增设窗口"]],
    )
    after: Text | None = Field(
        None,
        description="要点之后的段落",
        examples=["同时，……"],
    )
    chart: Text | ChartRef | Literal[False] | None = Field(
        None,
        description="这一段后面的图：数据名，或下面的映射；`false` 不放图",
        examples=["doses_by_town"],
    )
    turns: list[Turn] = Field(
        default_factory=list,
        description="访谈的问答，每轮一项",
        examples=[[{"speaker": "host", "text": "请介绍……"}]],
    )
    indicators: list[Indicator] = Field(
        default_factory=list,
        description="统计公报的指标，每项一句话",
        examples=[[{"name": "医疗卫生机构", "value": 312, "previous": 305, "unit": "个"}]],
    )
    table: Table | bool | None = Field(
        None,
        description="手写的表格（下面各项）；`true` 把本部分的指标列成表",
        examples=[True],
    )
    table_note: Text | None = Field(
        None,
        description="指标表的表注",
        examples=["本表数据为初步统计数。"],
    )
    table_source: Text | None = Field(
        None,
        description="指标表的资料来源",
        examples=["区统计局"],
    )
    #: The title of the section's indicator table; a titled table is numbered (表1 ……).
    table_title: Text | None = Field(
        None,
        description=(
            "指标表的表题；有表题的表自动编号（表1 ……），分项列为缩进行，各格单位相同时单位写在表"
            "题后"
        ),
        examples=["2024年全区医疗卫生机构数"],
    )
    image: Image | None = Field(
        None,
        description="图片",
        examples=[{"src": "photos/a.jpg", "caption": "义诊现场"}],
    )
    #: Sub-sections （一）（二）……, each like a section (one level: no subsections of its own).
    subsections: list[Section] = Field(
        default_factory=list,
        description=(
            "小节“（一）（二）”，每项与部分相同（heading、text、indicators、table……），"
            "但小节下不再分小节"
        ),
        examples=[[{"heading": "医疗卫生机构"}]],
        json_schema_extra=_subsections_schema,
    )

    @field_validator("subsections", mode="before")
    @classmethod
    def _one_level(cls, value: Any) -> Any:
        """Sections hold subsections (一、 then （一）); a subsection holds none."""
        for item in value if isinstance(value, list) else ():
            if isinstance(item, dict) and item.get("subsections"):
                raise _FieldError(
                    _t("data.nested_subsections", heading=item.get("heading") or ""),
                    hint=_t("data.nested_subsections.hint"),
                    code="data.nested_subsections",
                )
        return value

    @property
    def quotes(self) -> list[Quote]:
        """The section's quotes as a list (``quote`` may be one or many)."""
        if self.quote is None:
            return []
        return self.quote if isinstance(self.quote, list) else [self.quote]


class Document(_Model):
    """A whole data file."""

    meta: Meta = Field(
        description="文章信息，见下",
        examples=[{"title": "标题"}],
    )
    figures: dict[str, Figure] = Field(
        default_factory=dict,
        json_schema_extra={"propertyNames": {"pattern": _FIGURE_NAME_PATTERN}},
        description="有名字的数字，正文用 `{{ 名 }}` 引用，见下",
        examples=[{"first_dose": {"value": 82460, "unit": "人"}}],
    )
    lead: Text | None = Field(
        None,
        description="导语；每一行是一段",
        examples=["全区累计接种{{ first_dose }}。"],
    )
    abstract: Text | None = Field(
        None,
        description="摘要（要闻简报、通讯用）",
        examples=["今年以来……"],
    )
    highlights: list[Text] = Field(
        default_factory=list,
        description="要点（简报开头连成一句）",
        examples=[["接种82460人", "义诊156名"]],
    )
    sections: list[Section] = Field(
        default_factory=list,
        description="正文的各部分，见下",
        examples=[[{"heading": "一", "text": "……"}]],
    )
    closing: Text | None = Field(
        None,
        description="结尾段",
        examples=["下一步，……"],
    )
    notes: list[Text] = Field(
        default_factory=list,
        description="文末注释（统计公报的“注：”）",
        examples=[["本公报数据为初步统计数。"]],
    )
    charts: bool = Field(
        True,
        description="是否自动出图（见 docs/charts.md）",
        examples=[False],
    )

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

    def every_section(self) -> Iterator[tuple[Section, DataPath]]:
        """Every section and subsection with its path in the data, in file order
        (a section's subsections right after it).

        >>> doc = Document(meta={"title": "t"}, sections=[{"subsections": [{}, {}]}, {}])
        >>> [path for _, path in doc.every_section()]  # doctest: +NORMALIZE_WHITESPACE
        [('sections', 0), ('sections', 0, 'subsections', 0), ('sections', 0, 'subsections', 1),
         ('sections', 1)]
        """

        def walk(sections: list[Section], base: DataPath) -> Iterator[Any]:
            for i, section in enumerate(sections):
                yield section, (*base, i)
                yield from walk(section.subsections, (*base, i, "subsections"))

        return walk(self.sections, ("sections",))

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
