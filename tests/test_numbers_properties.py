"""Properties of the number engine over random values and options.

A small reader turns each output back into an interval that must contain the
value, the qualifier's meaning included (余 = more than, 近 = nearly, …).
"""

from __future__ import annotations

import re
from decimal import ROUND_05UP, Context, Decimal, localcontext

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from bulletin.errors import NumberError
from bulletin.numbers import (  # the engine's public API
    APPROX_WORDS,
    SCALES,
    format_change,
    format_number,
    format_percent,
    format_points,
    format_rate,
    parse_number,
)
from bulletin.numbers.scripts import SCRIPTS, to_simplified

EXAMPLES = settings(max_examples=2000, deadline=None)
WIDE = Context(prec=400)  # no rounding in the checks themselves

_SCALE_EXP = {"": 0, "万": 4, "亿": 8, "万亿": 12}
# qualifier -> relation of the value to the printed figure
_RELATION = {
    None: "about", "约": "about", "左右": "about",
    "余": "gt", "多": "gt", "超": "gt", "超过": "gt",
    "突破": "ge", "以上": "ge", "及以上": "ge",
    "近": "lt", "不到": "lt",
    "以下": "le", "以内": "le",
}  # fmt: skip
_BEFORE = ("超过", "超", "突破", "近", "约", "不到")
_AFTER = ("及以上", "以上", "以下", "以内", "左右")
_BAD = re.compile(r"e\+|E|nan|NaN|inf|Inf|None")

UNITS = ("", "人", "元", "剂次", "个")

# Values: exact decimals over many magnitudes, the boundaries, and binary floats.
boundaries = st.sampled_from(
    [
        0,
        1,
        5,
        9999,
        10000,
        99999,
        100000,
        99999999,
        99999999.5,
        100000000,
        999999999999,
        10**12,
        1.005,
        1.285,
        0.1,
        0.295,
        0.305,
        128.565,
        1285650,
        15000,
        30000,
        3040000,
    ]
).map(lambda x: Decimal(repr(x)) if isinstance(x, float) else Decimal(x))
decimals_values = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places, WIDE),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.integers(min_value=0, max_value=6),
)
float_values = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)
values = st.one_of(decimals_values, boundaries, float_values)


@st.composite
def precisions(draw):
    kind = draw(st.sampled_from(["none", "decimals", "significant"]))
    if kind == "decimals":
        return draw(st.integers(0, 4)), None
    if kind == "significant":
        return None, draw(st.integers(1, 5))
    return None, None


def read_back(text: str, unit: str) -> tuple[str | None, str, str]:
    """Split a printed figure into (qualifier, mantissa digits, scale word)."""
    text = to_simplified(text)
    qualifier = None
    for word in _BEFORE:
        if text.startswith(word):
            qualifier, text = word, text[len(word) :]
            break
    for word in _AFTER:
        if text.endswith(word):
            assert qualifier is None, text
            qualifier, text = word, text[: -len(word)]
            break
    if unit:
        assert text.endswith(unit), (text, unit)
        text = text[: -len(unit)]
    match = re.fullmatch(r"(-?[\d,]+(?:\.\d+)?)(余|多)?(万亿|亿|万)?(余|多)?", text)
    assert match, text
    digits, mid1, scale, mid2 = match.groups()
    if mid1 or mid2:
        assert qualifier is None and not (mid1 and mid2), text
        qualifier = mid1 or mid2
        if mid1 and scale:  # 300余万: only after a whole mantissa ending in 0
            assert "." not in digits and digits.endswith("0"), text
        if mid2:
            assert not ("." not in digits and digits.endswith("0") and scale), text
    if "," in digits:
        assert re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", digits), digits
    return qualifier, digits, scale or ""


def check_interval(value: Decimal, shown: Decimal, step: Decimal, relation: str, text: str) -> None:
    with localcontext(WIDE):
        _check_interval(value, shown, step, relation, text)


def _check_interval(
    value: Decimal, shown: Decimal, step: Decimal, relation: str, text: str
) -> None:
    if relation == "about":
        assert abs(value - shown) <= step / 2, (value, text)
    elif relation == "gt":
        assert shown < value < shown + step, (value, text)
    elif relation == "ge":
        assert shown <= value < shown + step, (value, text)
    elif relation == "lt":
        assert shown - step < value < shown, (value, text)
    else:
        assert shown - step < value <= shown, (value, text)


def step_of(digits: str, decimals: int | None, significant: int | None) -> Decimal:
    mantissa = Decimal(digits.replace(",", ""))
    if decimals is not None:
        assert len(digits.partition(".")[2]) == decimals, digits
        return Decimal(1).scaleb(-decimals, WIDE)
    if significant is not None:
        if mantissa == 0:
            return Decimal(1)  # unused: a zero figure is checked separately
        return Decimal(1).scaleb(mantissa.adjusted() - significant + 1, WIDE)
    frac = digits.partition(".")[2]
    assert len(frac) <= 2 and not frac.endswith("0"), digits
    return Decimal("0.01")


@EXAMPLES
@given(
    value=values,
    unit=st.sampled_from(UNITS),
    scale=st.sampled_from(SCALES),
    precision=precisions(),
    approx=st.sampled_from((None, *APPROX_WORDS)),
    grouping=st.booleans(),
)
@example(
    value=Decimal(99999999), unit="", scale="万", precision=(2, None), approx=None, grouping=False
)
@example(
    value=Decimal(30000), unit="人", scale="万", precision=(0, None), approx="余", grouping=False
)
def test_number_reads_back_into_its_interval(value, unit, scale, precision, approx, grouping):
    decimals, significant = precision
    exact = parse_number(value)
    options = dict(
        scale=scale, decimals=decimals, significant=significant, approx=approx, grouping=grouping
    )
    try:
        text = format_number(value, unit, **options)
    except NumberError as error:
        message = str(error)
        if "写成了 0" in message:  # an explicit scale would wipe the value out
            assert exact != 0 and scale not in ("auto", "none"), message
            return
        assert approx is not None, error
        if "负数" in message:
            assert exact < 0
            return
        assert "不真" in message, message
        # The claim could not be true: the same rounding without strictness lands on the value.
        relation = _RELATION[approx]
        lenient = {"gt": "以上", "ge": "以上", "lt": "以下", "le": "以下"}[relation]
        try:
            loose = format_number(value, unit, **{**options, "approx": lenient})
        except NumberError as wiped:  # the explicit scale rounds it to 0 whatever the word
            assert "写成了 0" in str(wiped) and scale not in ("auto", "none"), wiped
            return
        _, digits, word = read_back(loose, unit)
        shown = Decimal(digits.replace(",", "")).scaleb(_SCALE_EXP[word], WIDE)
        assert shown == exact or shown == 0, (value, approx, message)
        return
    assert not _BAD.search(text), text
    qualifier, digits, word = read_back(text, unit)
    assert qualifier == approx, (text, approx)
    if not grouping:
        assert "," not in digits
    mantissa = Decimal(digits.replace(",", ""))
    shown = mantissa.scaleb(_SCALE_EXP[word], WIDE)
    auto_exact = scale == "auto" and approx is None and decimals is None and significant is None
    if word in ("万", "亿") and scale == "auto" and not auto_exact:
        assert abs(mantissa) < 10000, text  # carried: never 10000万
    if scale not in ("auto", "none"):
        assert word == scale, text  # an explicit scale is kept exactly
    if scale == "none":
        assert word == "", text
    if auto_exact and exact == exact.quantize(Decimal("0.01")):
        assert shown == exact, (value, text)
    if significant is not None and mantissa == 0:
        assert exact == 0, text
        return
    step = step_of(digits, decimals, significant).scaleb(_SCALE_EXP[word], WIDE)
    check_interval(exact, shown, step, _RELATION[approx], text)


@EXAMPLES
@given(
    value=values,
    unit=st.sampled_from(UNITS),
    scale=st.sampled_from(SCALES),
    precision=precisions(),
    approx=st.sampled_from((None, *APPROX_WORDS)),
    grouping=st.booleans(),
)
def test_scripts_differ_only_in_words(value, unit, scale, precision, approx, grouping):
    decimals, significant = precision
    options = dict(
        scale=scale, decimals=decimals, significant=significant, approx=approx, grouping=grouping
    )
    try:
        hans = format_number(value, unit, **options)
    except NumberError:
        for script in SCRIPTS[1:]:
            try:
                format_number(value, unit, **options, script=script)
            except NumberError:
                continue
            raise AssertionError(f"{script} printed what hans refused") from None
        return
    hant = format_number(value, unit, **options, script="hant")
    assert to_simplified(hant) == hans
    assert re.sub(r"\D", "", hant) == re.sub(r"\D", "", hans)
    for script in ("hant-tw", "hant-hk"):
        assert format_number(value, unit, **options, script=script) == hant


ratios = st.one_of(
    st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places, WIDE),
        st.integers(min_value=-(10**7), max_value=10**7),
        st.integers(min_value=0, max_value=7),
    ),
    st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False),
)


@EXAMPLES
@given(
    ratio=ratios,
    decimals=st.one_of(st.none(), st.integers(0, 3)),
    approx=st.sampled_from((None, *APPROX_WORDS)),
    script=st.sampled_from(SCRIPTS),
)
def test_percent_reads_back(ratio, decimals, approx, script):
    exact = parse_number(ratio)
    try:
        text = format_percent(ratio, decimals=decimals, approx=approx, script=script)
    except NumberError as error:
        assert approx is not None and ("不真" in str(error) or "负数" in str(error))
        return
    assert not _BAD.search(text), text
    assert to_simplified(text) == format_percent(ratio, decimals=decimals, approx=approx)
    qualifier, digits, word = read_back(text.replace("%", "", 1), "")
    assert qualifier == approx and word == "", text
    assert text.count("%") == 1 and re.search(r"\d%", text), text
    step = step_of(digits, decimals, None)
    check_interval(exact.scaleb(2, WIDE), Decimal(digits), step, _RELATION[approx], text)


@EXAMPLES
@given(
    ratio=ratios,
    per=st.sampled_from([100, 1000, 10000, 100000]),
    decimals=st.one_of(st.none(), st.integers(0, 3)),
    script=st.sampled_from(SCRIPTS),
)
def test_rate_reads_back(ratio, per, decimals, script):
    text = to_simplified(format_rate(ratio, per=per, decimals=decimals, script=script))
    sign = {100: "%", 1000: "‰", 10000: "/万", 100000: "/10万"}[per]
    assert text.endswith(sign) and not _BAD.search(text), text
    digits = text[: -len(sign)]
    step = step_of(digits, decimals, None)
    check_interval(parse_number(ratio).fma(per, 0, WIDE), Decimal(digits), step, "about", text)


_CHANGE_RE = re.compile(r"(比上年|同比)(增加|减少|增长|下降|提高|降低)(.+)")


@EXAMPLES
@given(
    old=ratios,
    new=ratios,
    measure=st.sampled_from(["amount", "percent", "points"]),
    decimals=st.one_of(st.none(), st.integers(0, 3)),
    approx=st.sampled_from((None, "约", "余", "近", "以上", "不到")),
    baseline=st.sampled_from(["比上年", "同比"]),
    script=st.sampled_from(SCRIPTS),
)
def test_change_reads_back(old, new, measure, decimals, approx, baseline, script):
    o, n = parse_number(old), parse_number(new)
    if measure == "percent":
        assume(o > 0)
    options = dict(measure=measure, decimals=decimals, approx=approx, baseline=baseline)
    try:
        text = format_change(old, new, **options, script=script)
    except NumberError as error:
        assert approx is not None and "不真" in str(error), error
        return
    assert not _BAD.search(text), text
    text = to_simplified(text)
    assert text == format_change(old, new, **options)
    with localcontext(Context(prec=400, rounding=ROUND_05UP)):
        change = (n - o) / o * 100 if measure == "percent" else n - o
        if measure == "points":
            change *= 100
    base = Decimal(1).scaleb(-decimals, WIDE) if decimals is not None else Decimal("0.01")
    if text.endswith("持平"):
        assert text == ("与上年持平" if baseline == "比上年" else "同比持平")
        if approx in (None, "约"):
            assert change.copy_abs() <= base / 2, (change, text)
        else:
            assert change == 0, (change, text)
        return
    match = _CHANGE_RE.fullmatch(text)
    assert match, text
    _, verb, rest = match.groups()
    assert verb == {
        ("amount", True): "增加", ("amount", False): "减少",
        ("percent", True): "增长", ("percent", False): "下降",
        ("points", True): "提高", ("points", False): "降低",
    }[(measure, change > 0)]  # fmt: skip
    unit = {"amount": "", "percent": "%", "points": "个百分点"}[measure]
    if measure == "percent":
        rest = rest.replace("%", "", 1)
        unit = ""
    qualifier, digits, word = read_back(rest, unit)
    assert qualifier == approx, text
    assert not digits.startswith("-"), text
    step = base.scaleb(_SCALE_EXP[word], WIDE)
    shown = Decimal(digits).scaleb(_SCALE_EXP[word], WIDE)
    check_interval(change.copy_abs(), shown, step, _RELATION[approx], text)


@EXAMPLES
@given(
    delta=ratios,
    per=st.sampled_from([100, 1000]),
    decimals=st.one_of(st.none(), st.integers(0, 3)),
    approx=st.sampled_from((None, *APPROX_WORDS)),
)
def test_points_read_back(delta, per, decimals, approx):
    try:
        text = format_points(delta, per=per, decimals=decimals, approx=approx)
    except NumberError as error:
        assert approx is not None and ("不真" in str(error) or "负数" in str(error))
        return
    assert not _BAD.search(text), text
    unit = "个百分点" if per == 100 else "个千分点"
    plain = text.replace(unit[0] + "多", "多" + unit[0]) if "个多" in text else text
    qualifier, digits, word = read_back(plain, unit)
    assert qualifier == approx and word == "", text
    step = step_of(digits, decimals, None)
    check_interval(
        parse_number(delta).fma(per, 0, WIDE),
        Decimal(digits),
        step,
        _RELATION[approx],
        text,
    )
