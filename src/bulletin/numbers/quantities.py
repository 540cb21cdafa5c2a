"""Figures written as Chinese official publications write them (STYLE.md §1–3).

Every function is pure and works on the value's exact decimal form with
:mod:`decimal` (round half up; floor or ceiling where an approximation word
demands it), never with binary floats:

>>> format_number(1285700, "剂次")
'128.57万剂次'
>>> format_number(3040000, "元", approx="余", scale="万", significant=1)
'300余万元'
>>> format_percent(0.297, approx="近", decimals=0)
'近30%'
>>> format_change(0.743, 0.716, measure="points")
'比上年降低2.7个百分点'
>>> format_number(14527000, grouping=True, script="hant-hk")
'1,452.7萬'
"""

from __future__ import annotations

import numbers as _numbers
import re
from collections.abc import Sequence
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Context,
    Decimal,
    localcontext,
)
from typing import Any, Literal, get_args

from ..errors import NumberError
from ..messages import N_
from ..messages import text as _t
from .dates import _as_datetime, format_date
from .scripts import normalize_script, to_simplified, word

__all__ = [
    "APPROX_WORDS",
    "SCALES",
    "ApproxWord",
    "Scale",
    "completion_ratio",
    "format_change",
    "format_number",
    "format_percent",
    "format_points",
    "format_range",
    "format_rate",
    "parse_number",
    "scale_of",
]

#: A value of ``scale``: chosen by the engine, none, or one scale word.
Scale = Literal["auto", "none", "万", "亿", "万亿"]

#: Accepted values of ``scale`` (the one list: the data model uses it too).
SCALES: tuple[Scale, ...] = get_args(Scale)

_SCALE_EXP = {"none": 0, "万": 4, "亿": 8, "万亿": 12}
_NEXT_SCALE = {"万": "亿", "亿": "万亿"}

#: An approximation word (``_APPROX`` gives each its rounding, claim and position).
ApproxWord = Literal[
    "余", "多", "近", "约", "左右", "超", "超过", "突破", "以上", "及以上", "以下", "以内", "不到"
]

# qualifier -> (relation of the value to the printed figure, position of the word)
# relation: the value is "gt"/"ge"/"lt"/"le" the printed figure, or "about" it.
# position: "before" the number, "after" the unit, or "mid" (余/多, see _assemble).
_APPROX: dict[ApproxWord, tuple[str, str]] = {
    "余": ("gt", "mid"),
    "多": ("gt", "mid"),
    "近": ("lt", "before"),
    "约": ("about", "before"),
    "左右": ("about", "after"),
    "超": ("gt", "before"),
    "超过": ("gt", "before"),
    "突破": ("ge", "before"),
    "以上": ("ge", "after"),
    "及以上": ("ge", "after"),
    "以下": ("le", "after"),
    "以内": ("le", "after"),
    "不到": ("lt", "before"),
}

# The claim decides the rounding (STYLE.md §2): "more than" rounds down, "less than" up.
_ROUNDING = {
    "gt": ROUND_FLOOR,
    "ge": ROUND_FLOOR,
    "lt": ROUND_CEILING,
    "le": ROUND_CEILING,
    "about": ROUND_HALF_UP,
}

#: Accepted approximation words (Simplified; the Traditional forms are accepted too).
APPROX_WORDS: tuple[ApproxWord, ...] = get_args(ApproxWord)

# Words that speak of the magnitude ("more than 20") and so make no sense for a negative value.
_MAGNITUDE_WORDS = frozenset({"余", "多", "近", "超", "超过", "突破", "不到"})
# Words whose claim is empty when the printed figure is 0 ("0余人").
_NONZERO_WORDS = frozenset({"余", "多", "超", "超过", "突破"})

_MAX_DECIMALS = 20
_MAX_SIGNIFICANT = 30


def _number_hint() -> str:
    return _t("quantity.hint")


def _scale_choices() -> str:
    return _t(
        "quantity.scale_choices", words=_t("list.separator").join(SCALES[:-1]), last=SCALES[-1]
    )


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％－＋−‰", "0123456789.,%-+-‰")
_NUMBER_RE = re.compile(
    r"([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(万亿|萬億|万|萬|亿|億|%|‰)?"
)
_SUFFIX_EXP = {"万": 4, "萬": 4, "亿": 8, "億": 8, "万亿": 12, "萬億": 12, "%": -2, "‰": -3}


# --------------------------------------------------------------------------- parsing


def _coerce(value: Any) -> Any:
    """Unwrap an object that carries a figure (anything with ``__bulletin_value__``)."""
    attr = getattr(value, "__bulletin_value__", None)
    if attr is None:
        return value
    return attr() if callable(attr) else attr


def _context(value: Decimal, extra: int = 0) -> Context:
    """A decimal context wide enough that nothing is rounded by accident."""
    size = max(len(value.as_tuple().digits), value.adjusted() + 1, 1)
    return Context(prec=size + extra + 40, rounding=ROUND_HALF_UP)


def parse_number(value: Any, *, unit: str = "") -> Decimal:
    """Read ``value`` exactly as a :class:`~decimal.Decimal`.

    Accepts int, float (read through its shortest repr, so 0.1 stays 0.1),
    Decimal, objects with ``__bulletin_value__``, and strings: ``"1,234"``,
    ``"128.57万"``, ``"1.3亿"``, ``"95.2%"`` (a ratio), ``"5.4‰"``, full-width
    digits, and a glued unit named by ``unit``.

    >>> parse_number("128.57万"), parse_number("95.2%"), parse_number(0.1)
    (Decimal('1285700'), Decimal('0.952'), Decimal('0.1'))
    >>> parse_number("１２３"), parse_number("82460人", unit="人"), parse_number("1,234")
    (Decimal('123'), Decimal('82460'), Decimal('1234'))
    >>> parse_number("abc")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bulletin.errors.NumberError: 数值无效：'abc'。应写数字，如 82460、128.57万、1.3亿...
    """
    value = _coerce(value)
    if value is None:
        raise NumberError(_t("quantity.missing"), hint=_number_hint())
    if isinstance(value, bool):
        raise NumberError(_t("quantity.is_bool", value=repr(value)), hint=_number_hint())
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        return Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        result = _parse_text(value, unit)
    elif isinstance(value, _numbers.Integral):
        return Decimal(int(value))
    elif isinstance(value, _numbers.Real) and type(value).__name__.startswith("float"):
        result = Decimal(repr(float(value)))  # numpy floats
    else:
        raise NumberError(
            _t("quantity.bad_type", kind=type(value).__name__, value=repr(value)),
            hint=_number_hint(),
        )
    if not result.is_finite():
        raise NumberError(_t("quantity.infinite", value=repr(value)), hint=_number_hint())
    return result


def _parse_text(text: str, unit: str) -> Decimal:
    cleaned = text.strip().translate(_FULL_WIDTH)
    if unit and cleaned.endswith(unit):
        cleaned = cleaned[: -len(unit)].rstrip()
    match = _NUMBER_RE.fullmatch(cleaned)
    if match is None:
        hint = _number_hint()
        if re.match(r"[+-]?[\d.,]+", cleaned) and not unit:
            hint = _t("quantity.hint.join", first=hint, second=_t("quantity.hint.unit"))
        raise NumberError(_t("quantity.invalid", value=repr(text)), hint=hint)
    sign, digits, suffix = match.groups()
    result = Decimal(sign + digits.replace(",", ""))
    if suffix:
        with localcontext(_context(result, 12)):
            result = result.scaleb(_SUFFIX_EXP[suffix])
            if result.as_tuple().exponent > 0:  # type: ignore[operator]
                result = result.quantize(Decimal(1))  # 1.2857E+6 → 1285700
    return result


# --------------------------------------------------------------------------- options


def _check_approx(approx: Any) -> ApproxWord | None:
    if approx is None or approx == "":
        return None
    if isinstance(approx, str):
        key = to_simplified(approx.strip())
        for known in APPROX_WORDS:
            if key == known:
                return known
    raise NumberError(
        _t("quantity.unknown_approx", value=repr(approx)),
        hint=_t("quantity.unknown_approx.hint", words=_t("list.separator").join(APPROX_WORDS)),
    )


def _check_scale(scale: Any) -> str:
    if scale is None:
        return "auto"
    if isinstance(scale, str):
        key = to_simplified(scale.strip())
        if key in SCALES:
            return key
    raise NumberError(
        _t("quantity.unknown_scale", value=repr(scale)),
        hint=_t("quantity.unknown_scale.hint", choices=_scale_choices()),
    )


def _check_count(name: str, value: Any, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, _numbers.Integral):
        raise NumberError(
            _t("quantity.not_integer", name=name, value=repr(value)),
            hint=_t("quantity.range.hint", low=low, high=high),
        )
    if not low <= int(value) <= high:
        raise NumberError(
            _t("quantity.out_of_range", name=name, value=repr(value)),
            hint=_t("quantity.range.hint", low=low, high=high),
        )
    return int(value)


def _check_unit(unit: Any) -> str:
    if unit is None:
        return ""
    if not isinstance(unit, str):
        raise NumberError(
            _t("quantity.unit_not_text", value=repr(unit)), hint=_t("quantity.unit_not_text.hint")
        )
    return unit


# --------------------------------------------------------------------------- core


def _round(m: Decimal, decimals: int | None, significant: int | None, rounding: str) -> Decimal:
    if decimals is not None:
        return m.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)
    if significant is not None:
        if m == 0:
            return Decimal(0)
        exp = m.adjusted() - significant + 1
        q = m.quantize(Decimal(1).scaleb(exp), rounding=rounding)
        if q != 0 and q.adjusted() > m.adjusted():  # 9.96 → 10.0: one digit too many
            q = q.quantize(Decimal(1).scaleb(exp + 1), rounding=rounding)
        return q
    return m.quantize(Decimal("0.01"), rounding=rounding)


def _exact_scale(v: Decimal) -> str:
    """The largest scale word that loses no digit at 2 decimals, or "none"."""
    size = v.copy_abs()
    exp = v.normalize().as_tuple().exponent
    assert isinstance(exp, int)
    for key in ("万亿", "亿", "万"):
        e = _SCALE_EXP[key]
        if size >= Decimal(1).scaleb(e) and exp >= e - 2:
            return key
    return "none"


def _magnitude_scale(v: Decimal) -> str:
    size = v.copy_abs()
    if size >= Decimal("1e12"):
        return "万亿"
    if size >= Decimal("1e8"):
        return "亿"
    if size >= Decimal("1e5"):
        return "万"
    return "none"


def _digits(q: Decimal, *, strip: bool, grouping: bool) -> str:
    text = format(q, "f")
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    if q == 0:
        text = text.lstrip("-")
    if grouping:
        sign = "-" if text.startswith("-") else ""
        whole, dot, frac = text.lstrip("-").partition(".")
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = sign + ",".join(groups) + dot + frac
    return text


class _Figure:
    """A rounded figure: printed digits, scale word key and exact printed value."""

    __slots__ = ("digits", "scale", "shown")

    def __init__(self, digits: str, scale: str, shown: Decimal) -> None:
        self.digits = digits
        self.scale = scale
        self.shown = shown


def _figure(
    v: Decimal,
    *,
    scale: str,
    decimals: int | None,
    significant: int | None,
    approx: ApproxWord | None,
    grouping: bool,
) -> _Figure:
    rounding = _ROUNDING[_APPROX[approx][0]] if approx else ROUND_HALF_UP
    exact = approx is None and decimals is None and significant is None
    with localcontext(_context(v, decimals or 0)):
        key = scale
        # An exact figure keeps its digits: 12345亿 stays (bulletins print 1260582亿元), and an
        # explicit scale is kept however large the number (138642万人): only a scale the
        # engine chose by magnitude carries to the next scale word (99999999 → 1亿).
        carry = scale == "auto" and not exact
        if scale == "auto":
            key = _exact_scale(v) if exact else _magnitude_scale(v)
        while True:
            exp = _SCALE_EXP[key]
            q = _round(v.scaleb(-exp), decimals, significant, rounding)
            if carry and key in _NEXT_SCALE and abs(q) >= 10000:  # 10000万 → 1亿
                key = _NEXT_SCALE[key]
                continue
            break
        shown = q.scaleb(exp)
    digits = _digits(q, strip=decimals is None and significant is None, grouping=grouping)
    return _Figure(digits, key, shown)


def _check_claim(v: Decimal, fig: _Figure, approx: ApproxWord | None, text: str) -> None:
    if approx is None:
        return
    relation = _APPROX[approx][0]
    holds = {
        "gt": v > fig.shown,
        "ge": v >= fig.shown,
        "lt": v < fig.shown,
        "le": v <= fig.shown,
        "about": True,
    }[relation]
    if holds and approx in _NONZERO_WORDS and fig.shown == 0:
        holds = False
    if not holds:
        meanings = {
            "gt": N_("quantity.meaning.gt"),
            "ge": N_("quantity.meaning.ge"),
            "lt": N_("quantity.meaning.lt"),
            "le": N_("quantity.meaning.le"),
        }
        meaning = _t(meanings[relation])
        raise NumberError(
            _t("quantity.approx_false", value=_plain(v), text=text, approx=approx, meaning=meaning),
            hint=_t("quantity.approx_false.hint"),
        )


def _times(v: Decimal, factor: int) -> Decimal:
    """v × factor without any rounding."""
    with localcontext(_context(v, len(str(factor)))):
        return v * factor


def _plain(v: Decimal) -> str:
    text = format(v, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _assemble(
    fig: _Figure, unit: str, approx: ApproxWord | None, script: str, *, style: str = "number"
) -> str:
    """Put number, scale word, unit and qualifier in their places (STYLE.md §2).

    style "number": 余/多 go right after a whole mantissa ending in 0 that is
    followed by a scale word ("300余万元"), otherwise after the scale word
    ("3.2万余人次", "20余条"). style "sign" (%, ‰): 余/多 follow the sign.
    style "points" (unit 个百分点): "20余个百分点", "2.5余个百分点", "2个多百分点".
    """
    num = fig.digits
    scale_word = word(fig.scale, script) if fig.scale != "none" else ""
    if approx is None:
        return f"{num}{scale_word}{unit}"
    q = word(approx, script)
    position = _APPROX[approx][1]
    if position == "before":
        return f"{q}{num}{scale_word}{unit}"
    if position == "after":
        return f"{num}{scale_word}{unit}{q}"
    whole_ten = "." not in num and num.endswith("0")
    if style == "sign":
        return f"{num}{scale_word}{unit}{q}"
    if style == "points":
        if whole_ten or approx == "余":
            return f"{num}{q}{unit}"
        return f"{num}{unit[:1]}{q}{unit[1:]}"
    if whole_ten and scale_word:
        return f"{num}{q}{scale_word}{unit}"
    return f"{num}{scale_word}{q}{unit}"


def _render(
    v: Decimal,
    unit: str,
    *,
    scale: str,
    decimals: int | None,
    significant: int | None,
    approx: ApproxWord | None,
    grouping: bool,
    script: str,
    style: str = "number",
) -> tuple[str, _Figure]:
    if approx in _MAGNITUDE_WORDS and v < 0:
        raise NumberError(
            _t("quantity.approx_negative", approx=approx, value=_plain(v)),
            hint=_t("quantity.approx_negative.hint"),
        )
    fig = _figure(
        v,
        scale=scale,
        decimals=decimals,
        significant=significant,
        approx=approx,
        grouping=grouping,
    )
    text = _assemble(fig, unit, approx, script, style=style)
    _check_claim(v, fig, approx, text)
    return text, fig


def _render_rate(
    v: Decimal,
    sign: str,
    *,
    decimals: int | None,
    approx: ApproxWord | None,
    script: str,
    style: str,
) -> tuple[str, _Figure]:
    """A percentage, a rate or a difference of rates: no scale word, no digit grouping."""
    return _render(
        v,
        sign,
        scale="none",
        decimals=decimals,
        significant=None,
        approx=approx,
        grouping=False,
        script=script,
        style=style,
    )


# --------------------------------------------------------------------------- public


def format_number(
    value: Any,
    unit: str = "",
    *,
    scale: str = "auto",
    decimals: int | None = None,
    significant: int | None = None,
    approx: str | None = None,
    grouping: bool = False,
    script: str = "hans",
) -> str:
    """Write a quantity with its scale word and unit: ``128.57万剂次``.

    ``scale="auto"`` keeps exactness: 万/亿 only where no digit is lost at 2
    decimals, full digits otherwise. With ``approx``, ``decimals`` or
    ``significant`` it picks the scale by magnitude (≥ 1万亿 → 万亿, ≥ 1亿 → 亿,
    ≥ 10万 → 万). Rounding is half up; an approximation word rounds in the
    direction that keeps its claim true, and raises when it cannot.

    >>> format_number(1285700, "剂次"), format_number(224982, "人")
    ('128.57万剂次', '224982人')
    >>> format_number(130000000, "元"), format_number(450000000, "元", script="hant")
    ('1.3亿元', '4.5億元')
    >>> format_number(12300000, "人", decimals=1), format_number(99999999, decimals=0)
    ('1230.0万人', '1亿')
    >>> format_number(1386420000, "人", scale="万", decimals=0)  # an explicit scale is kept
    '138642万人'
    >>> format_number(20345678, "人次", approx="余", scale="万", significant=2)
    '2000余万人次'
    >>> format_number(32456, "人次", approx="余", scale="万", decimals=1)
    '3.2万余人次'
    >>> format_number(72447, "元", grouping=True), format_number(1.285)
    ('72,447元', '1.29')
    >>> format_number(30000, "人", approx="余", scale="万", decimals=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bulletin.errors.NumberError: 近似写法不成立：数值 30000 写成“3万余人”不真...
    >>> format_number(3000, "人", scale="亿")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bulletin.errors.NumberError: 数量级“亿”把数值 3000 写成了 0...
    """
    script = normalize_script(script)
    v, chosen = parse_number(value), _check_scale(scale)
    text, fig = _render(
        v,
        _check_unit(unit),
        scale=chosen,
        decimals=_decimals(decimals, significant),
        significant=_check_count("significant", significant, 1, _MAX_SIGNIFICANT),
        approx=_check_approx(approx),
        grouping=bool(grouping),
        script=script,
    )
    _check_wiped_out(v, fig, chosen)
    return text


def _check_wiped_out(v: Decimal, fig: _Figure, scale: str) -> None:
    """A nonzero value that an explicit scale word rounds to 0 (0.00亿人) is an error."""
    if v != 0 and fig.shown == 0 and scale not in ("auto", "none"):
        raise NumberError(
            _t("quantity.scaled_to_zero", scale=scale, value=_plain(v)),
            hint=_t("quantity.scaled_to_zero.hint"),
        )


def scale_of(
    value: Any,
    *,
    scale: str = "auto",
    decimals: int | None = None,
    significant: int | None = None,
) -> Scale:
    """The scale word ``format_number`` writes ``value`` with ("none" for full digits).

    Figures printed side by side (a total, its parts, last year's value) share it.

    >>> scale_of(1285700), scale_of(907000, decimals=1), scale_of(95000, decimals=1)
    ('万', '万', 'none')
    >>> scale_of(99999999, decimals=0), scale_of(99999999, scale="万", decimals=0)
    ('亿', '万')
    """
    fig = _figure(
        parse_number(value),
        scale=_check_scale(scale),
        decimals=_decimals(decimals, significant),
        significant=_check_count("significant", significant, 1, _MAX_SIGNIFICANT),
        approx=None,
        grouping=False,
    )
    key: Scale = fig.scale  # type: ignore[assignment]
    return key


def _decimals(decimals: Any, significant: Any = None) -> int | None:
    if decimals is not None and significant is not None:
        raise NumberError(
            _t(
                "quantity.decimals_and_significant",
                decimals=repr(decimals),
                significant=repr(significant),
            ),
            hint=_t("quantity.decimals_and_significant.hint"),
        )
    return _check_count("decimals", decimals, 0, _MAX_DECIMALS)


def format_percent(
    ratio: Any,
    *,
    decimals: int | None = None,
    approx: str | None = None,
    script: str = "hans",
) -> str:
    """Write a ratio as a percentage: 0.9996 → ``99.96%``.

    >>> format_percent(0.9996), format_percent(1), format_percent(0.42, decimals=1)
    ('99.96%', '100%', '42.0%')
    >>> format_percent(0.297, approx="近", decimals=0), format_percent(0.952, approx="以上")
    ('近30%', '95.2%以上')
    """
    script = normalize_script(script)
    v = _times(parse_number(ratio), 100)
    text, _ = _render_rate(
        v,
        "%",
        decimals=_decimals(decimals),
        approx=_check_approx(approx),
        script=script,
        style="sign",
    )
    return text


def _per_sign(per: Any, script: str) -> str:
    if isinstance(per, bool) or not isinstance(per, _numbers.Integral) or per < 100:
        per_ok = False
    else:
        per_ok = str(int(per)).rstrip("0") == "1"
    if not per_ok:
        raise NumberError(
            _t("quantity.bad_per", value=repr(per)),
            hint=_t("quantity.bad_per.hint"),
        )
    if per == 100:
        return "%"
    if per == 1000:
        return "‰"
    text = format_number(int(per), script=script)
    return "/" + (text[1:] if text[0] == "1" and not text[1].isdigit() else text)


def format_rate(
    ratio: Any,
    *,
    per: int = 1000,
    decimals: int | None = None,
    script: str = "hans",
) -> str:
    """Write a rate of health statistics per 1000 (‰) or per 100000 (/10万).

    >>> format_rate(0.0054), format_rate(0.000169, per=100000), format_rate(-0.00148)
    ('5.4‰', '16.9/10万', '-1.48‰')
    >>> format_rate(0.000169, per=100000, script="hant")
    '16.9/10萬'
    """
    script = normalize_script(script)
    sign = _per_sign(per, script)
    v = _times(parse_number(ratio), int(per))
    text, _ = _render_rate(
        v, sign, decimals=_decimals(decimals), approx=None, script=script, style="sign"
    )
    return text


def _points_unit(per: Any, script: str) -> str:
    if per == 100 and not isinstance(per, bool):
        return word("个百分点", script)
    if per == 1000 and not isinstance(per, bool):
        return word("个千分点", script)
    raise NumberError(
        _t("quantity.bad_points_per", value=repr(per)),
        hint=_t("quantity.bad_points_per.hint"),
    )


def format_points(
    delta: Any,
    *,
    per: int = 100,
    decimals: int | None = None,
    approx: str | None = None,
    script: str = "hans",
) -> str:
    """Write a difference of two ratios in percentage (or per-mille) points.

    >>> format_points(0.027), format_points(0.00075, per=1000)
    ('2.7个百分点', '0.75个千分点')
    >>> format_points(0.048, approx="近", decimals=0), format_points(0.027, script="hant")
    ('近5个百分点', '2.7個百分點')
    """
    script = normalize_script(script)
    unit = _points_unit(per, script)
    v = _times(parse_number(delta), int(per))
    text, _ = _render_rate(
        v,
        unit,
        decimals=_decimals(decimals),
        approx=_check_approx(approx),
        script=script,
        style="points",
    )
    return text


_MEASURES = {
    "amount": ("增加", "减少"),
    "percent": ("增长", "下降"),
    "points": ("提高", "降低"),
}


def _verb_pair(measure: str, verbs: Sequence[str] | None, script: str) -> tuple[str, str]:
    """The (up, down) verbs of a change: the caller's pair, or the measure's own."""
    if verbs is None:
        up, down = _MEASURES[measure]
        return word(up, script), word(down, script)
    if (
        isinstance(verbs, Sequence)
        and not isinstance(verbs, str)
        and len(verbs) == 2
        and all(isinstance(w, str) for w in verbs)
    ):
        return verbs[0], verbs[1]
    raise NumberError(
        _t("quantity.bad_verbs", value=repr(verbs)),
        hint=_t("quantity.bad_verbs.hint"),
    )


def _flat(baseline: str, script: str) -> str:
    if not baseline:
        return "持平"
    if baseline[0] in "比较較":
        return f"{word('与', script)}{baseline[1:]}持平"
    return f"{baseline}持平"


def format_change(
    old: Any,
    new: Any,
    *,
    unit: str = "",
    measure: str | None = None,
    baseline: str = "比上年",
    verbs: Sequence[str] | None = None,
    decimals: int | None = None,
    approx: str | None = None,
    scale: str = "auto",
    script: str = "hans",
    per: int = 100,
    grouping: bool = False,
) -> str:
    """Write the change from ``old`` to ``new``: ``比上年增加15377个``.

    measure "amount" (增加/减少, the difference with ``unit``), "percent"
    (增长/下降, relative change) or "points" (提高/降低; old and new are ratios;
    ``per=1000`` gives 个千分点). Without ``measure``, two values with ``unit="%"``
    (or ``"‰"``) are percentages (per-mille rates) and change in points; a relative
    change between them is asked for with ``measure="percent"``. Equal values,
    or a change that rounds to 0, give ``与上年持平`` (``同比持平`` …).
    ``baseline=""`` starts at the verb;
    ``verbs=(up, down)`` overrides the verb pair; ``grouping`` puts commas in
    an amount, as Taiwan and Hong Kong texts print it.

    >>> format_change(1007545, 1022922, unit="个")
    '比上年增加15377个'
    >>> format_change(100, 105.2, measure="percent")
    '比上年增长5.2%'
    >>> format_change(0.743, 0.716, measure="points", script="hant")
    '比上年降低2.7個百分點'
    >>> format_change(74.3, 71.6, unit="%")
    '比上年降低2.7个百分点'
    >>> format_change(74.3, 71.6, unit="%", measure="percent", decimals=1)
    '比上年下降3.6%'
    >>> format_change(5, 5), format_change(5, 5, baseline="同比")
    ('与上年持平', '同比持平')
    >>> format_change(100, 129.7, measure="percent", baseline="同比", verbs=("上升", "下降"),
    ...               approx="近", decimals=0)
    '同比上升近30%'
    """
    script = normalize_script(script)
    unit = _check_unit(unit)
    if measure in (None, "amount", "points") and unit in ("%", "‰"):
        # a change between two percentages (per-mille rates) is in points
        exp = -2 if unit == "%" else -3
        per, measure, unit = 10**-exp, "points", ""
        old, new = parse_number(old).scaleb(exp), parse_number(new).scaleb(exp)
    measure = measure or "amount"
    if measure not in _MEASURES:
        raise NumberError(
            _t("quantity.unknown_measure", value=repr(measure)),
            hint=_t("quantity.unknown_measure.hint"),
        )
    if not isinstance(baseline, str):
        raise NumberError(
            _t("quantity.baseline_not_text", value=repr(baseline)),
            hint=_t("quantity.baseline_not_text.hint"),
        )
    up, down = _verb_pair(measure, verbs, script)
    o, n = parse_number(old), parse_number(new)
    key = _check_approx(approx)
    dec = _decimals(decimals)
    if measure == "percent" and o <= 0:
        raise NumberError(
            _t("quantity.growth_from_nonpositive", value=_plain(o)),
            hint=_t("quantity.growth_from_nonpositive.hint"),
        )
    diff = _exact_difference(o, n)
    if measure == "percent":
        # ROUND_05UP at many extra digits: the later rounding to the printed
        # precision (half up, floor or ceiling) is then the same as on the exact quotient.
        digits = abs(diff.adjusted()) + abs(o.adjusted()) + _MAX_DECIMALS + 40
        with localcontext(Context(prec=digits, rounding=ROUND_05UP)):
            diff = diff / o
    if diff == 0:
        return _flat(baseline, script)
    size = diff.copy_abs()
    if measure == "amount":
        text, fig = _render(
            size,
            unit,
            scale=_check_scale(scale),
            decimals=dec,
            significant=None,
            approx=key,
            grouping=bool(grouping),
            script=script,
        )
    elif measure == "percent":
        text, fig = _render_rate(
            _times(size, 100), "%", decimals=dec, approx=key, script=script, style="sign"
        )
    else:
        text, fig = _render_rate(
            _times(size, int(per)),
            _points_unit(per, script),
            decimals=dec,
            approx=key,
            script=script,
            style="points",
        )
    if fig.shown == 0 and (key is None or _APPROX[key][0] == "about"):
        return _flat(baseline, script)
    return f"{baseline}{up if diff > 0 else down}{text}"


def _exact_difference(old: Decimal, new: Decimal) -> Decimal:
    """new - old without any rounding."""
    exponents = [x.as_tuple().exponent for x in (old, new)]
    low = min(e for e in exponents if isinstance(e, int))
    high = max(old.adjusted(), new.adjusted())
    with localcontext(Context(prec=max(high - low, 0) + 10)):
        return new - old


def format_range(
    low: Any,
    high: Any,
    unit: str = "",
    *,
    kind: str = "number",
    sep: str = "至",
    scale: str = "auto",
    decimals: int | None = None,
    script: str = "hans",
    grouping: bool = False,
) -> str:
    """Write a range: ``2至4名``; a scale word or % repeats on both ends.

    kind "number", "percent" (ratios) or "date" (``9月26日至10月2日``).

    >>> format_range(2, 4, "名"), format_range(0.15, 0.3, kind="percent", sep="～")
    ('2至4名', '15%～30%')
    >>> format_range(800000000, 1600000000, sep="—"), format_range(150000, 520000, "元", sep="—")
    ('8亿—16亿', '15万元—52万元')
    >>> format_range("2021-09-26", "2021-10-02", kind="date")
    '9月26日至10月2日'
    """
    script = normalize_script(script)
    if not isinstance(sep, str):
        raise NumberError(
            _t("quantity.sep_not_text", value=repr(sep)), hint=_t("quantity.sep_not_text.hint")
        )
    if kind == "date":
        start, end = _as_datetime(low), _as_datetime(high)
        if start > end:
            raise NumberError(
                _t("quantity.dates_reversed", low=repr(low), high=repr(high)),
                hint=_t("quantity.dates_reversed.hint"),
            )
        style = "md" if start.year == end.year else "ymd"
        first = format_date(low, style, script=script)
        return f"{first}{sep}{format_date(high, style, script=script)}"
    if kind not in ("number", "percent"):
        raise NumberError(
            _t("quantity.unknown_range_kind", value=repr(kind)),
            hint=_t("quantity.unknown_range_kind.hint"),
        )
    lo, hi = parse_number(low), parse_number(high)
    if lo > hi:
        raise NumberError(
            _t("quantity.range_reversed", low=_plain(lo), high=_plain(hi)),
            hint=_t("quantity.range_reversed.hint"),
        )
    if kind == "percent":
        a = format_percent(lo, decimals=decimals, script=script)
        b = format_percent(hi, decimals=decimals, script=script)
        return f"{a}{sep}{b}"
    unit = _check_unit(unit)
    options: dict[str, Any] = {
        "scale": _check_scale(scale),
        "decimals": _decimals(decimals),
        "significant": None,
        "approx": None,
        "grouping": bool(grouping),
        "script": script,
    }
    a_text, a_fig = _render(lo, unit, **options)
    b_text, b_fig = _render(hi, unit, **options)
    if a_fig.scale != "none" or b_fig.scale != "none":
        return f"{a_text}{sep}{b_text}"
    return f"{a_fig.digits}{sep}{b_text}"


def completion_ratio(done: Any, target: Any, *, places: int = 3) -> Decimal:
    """How much of ``target`` is ``done``, as a ratio to ``places`` decimals (0.001 = 0.1%).

    Rounded half up like every exact figure (STYLE §1), except that an unfinished
    target never reads as finished: 99.96% of it is 99.9%, not 100.0%.

    >>> completion_ratio(4128, 4200), completion_ratio(255133, 243000)
    (Decimal('0.983'), Decimal('1.050'))
    >>> completion_ratio(99996, 100000), completion_ratio(100000, 100000)
    (Decimal('0.999'), Decimal('1.000'))
    """
    d, t = parse_number(done), parse_number(target)
    if t <= 0:
        raise NumberError(
            _t("quantity.target_not_positive", value=t),
            hint=_t("quantity.target_not_positive.hint"),
        )
    step = Decimal(1).scaleb(-places)
    ratio = (d / t).quantize(step, rounding=ROUND_HALF_UP)
    if d < t and ratio >= 1:
        ratio = (d / t).quantize(step, rounding=ROUND_FLOOR)
    return ratio
