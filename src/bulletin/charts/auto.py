"""Choose a fitting chart for a figure, or build one a section names explicitly.

The rules (also in docs/charts.md), for a figure without ``chart:``:

* ``by:`` with ``previous_by:`` → ``grouped`` (上期 against 本期);
* ``by:`` that is a composition (the parts add up to ``value:``, or to 100%)
  → ``donut`` with the total in the middle (``pie`` for shares in %);
* other ``by:`` → ``bar`` in the written order, or ``barh`` (a ranking: sorted,
  the leader in red) when there are more than 5 categories or a label is longer
  than 4 characters;
* ``series:`` (dates → values) → ``line`` (``bar`` for only two dates);
* ``target:`` with ``value:`` → ``progress`` (完成率);
* anything else → no chart. ``chart: false`` turns a figure's chart off;
  ``chart: pie`` (or any type) picks one.

>>> from bulletin.load.model import Figure
>>> fig = Figure(unit="剂次", label="各乡镇接种剂次",
...              by={"元坝镇": 10234, "红岩镇": 8120, "卫子镇": 6650})
>>> spec = spec_for_figure("doses_by_town", fig)
>>> spec.type, spec.title, spec.categories
('bar', '各乡镇接种剂次', ('元坝镇', '红岩镇', '卫子镇'))
>>> spec_for_figure("n", Figure(value=82460, unit="人")) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, Protocol, TypedDict

from ..errors import DataError, did_you_mean, expect
from ..messages import N_
from ..messages import text as _t
from .spec import CHART_TYPES, ChartSpec, Series, type_name

__all__ = [
    "ChartRefData",
    "FigureData",
    "auto_type",
    "date_labels",
    "spec_for_figure",
    "spec_for_ref",
]


class FigureData(Protocol):
    """What a chart needs of a figure (:class:`bulletin.load.model.Figure` has all of it).

    Charts lie below the data model: they read figures through this shape and
    never import the model.
    """

    @property
    def value(self) -> Decimal | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def label(self) -> str | None: ...
    @property
    def by(self) -> Mapping[str, Decimal] | None: ...
    @property
    def series(self) -> Mapping[str, Decimal] | None: ...
    @property
    def target(self) -> Decimal | None: ...
    @property
    def previous_by(self) -> Mapping[str, Decimal] | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def chart(self) -> str | Literal[False] | None: ...


class ChartRefData(Protocol):
    """What a chart needs of a section's ``chart:`` (:class:`bulletin.load.model.ChartRef`)."""

    @property
    def names(self) -> list[str]: ...
    @property
    def type(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def caption(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...


#: barh instead of bar above this many categories, or with labels longer than this.
MAX_BAR_CATEGORIES = 5
MAX_BAR_LABEL = 4

_YEAR = re.compile(r"^(\d{4})(?:年)?$")
_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})(?:月)?$")
_DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(?:日)?$")
_QUARTER = re.compile(r"^(\d{4})[-\s]?[Qq]([1-4])$")


def date_labels(keys: Sequence[str]) -> list[str]:
    """Display labels for date-like series keys, written the Chinese way.

    Years read 2021年; months read 1月 … (the year is added at the first point
    and wherever it changes); days read 7月12日; other keys are kept.

    >>> date_labels(["2021-01", "2021-02", "2021-03"])
    ['2021年1月', '2月', '3月']
    >>> date_labels(["2020-12", "2021-01"])
    ['2020年12月', '2021年1月']
    >>> date_labels(["2019", "2020年", "2021"])
    ['2019年', '2020年', '2021年']
    >>> date_labels(["2021-07-12", "2021-07-13"])
    ['7月12日', '7月13日']
    >>> date_labels(["2021Q1", "一季度"])
    ['2021年一季度', '一季度']
    """
    out: list[str] = []
    last_year: str | None = None
    quarters = "一二三四"
    for key in keys:
        k = str(key).strip()
        if m := _YEAR.match(k):
            out.append(f"{m[1]}年")
        elif m := _MONTH.match(k):
            year, month = m[1], int(m[2])
            out.append(f"{year}年{month}月" if year != last_year else f"{month}月")
            last_year = year
        elif m := _DAY.match(k):
            out.append(f"{int(m[2])}月{int(m[3])}日")
        elif m := _QUARTER.match(k):
            year = m[1]
            q = quarters[int(m[2]) - 1]
            out.append(f"{year}年{q}季度" if year != last_year else f"{q}季度")
            last_year = year
        else:
            out.append(k)
    return out


def _is_composition(figure: FigureData) -> bool:
    parts = list((figure.by or {}).values())
    if len(parts) < 2 or any(p < 0 for p in parts):
        return False
    total = sum(parts, Decimal(0))
    if figure.value is not None and figure.value > 0:
        return abs(total - figure.value) <= figure.value * Decimal("0.005")
    if figure.unit == "%":
        return abs(total - 100) <= Decimal("0.5")
    return False


def auto_type(figure: FigureData) -> str | None:
    """The chart type the rules above choose for ``figure`` (ignoring ``chart:``).

    >>> from bulletin.load.model import Figure
    >>> auto_type(Figure(value=82460, target=83600, unit="人"))
    'progress'
    >>> auto_type(Figure(series={"2021-01": 1, "2021-02": 2, "2021-03": 4}))
    'line'
    >>> auto_type(Figure(value=10, by={"男": 4, "女": 6}))
    'donut'
    >>> auto_type(Figure(by={"昭化镇": 1, "元坝镇": 2, "红岩镇": 3, "卫子镇": 4, "王家镇": 5,
    ...                      "磨滩镇": 6}))
    'barh'
    """
    if figure.by:
        if figure.previous_by:
            return "grouped"
        if _is_composition(figure):
            return "pie" if figure.unit == "%" and figure.value is None else "donut"
        labels = list(figure.by)
        if len(labels) > MAX_BAR_CATEGORIES or max(len(x) for x in labels) > MAX_BAR_LABEL:
            return "barh"
        return "bar"
    if figure.series:
        return "line" if len(figure.series) >= 3 else "bar"
    if figure.target is not None and figure.value is not None:
        return "progress"
    return None


def _needs(name: str, kind: str, what: str, hint: str) -> DataError:
    """``what`` and ``hint`` are message ids."""
    return DataError(
        _t("chart.cannot_draw", name=name, type=type_name(kind), reason=_t(what)), hint=_t(hint)
    )


def spec_for_figure(
    name: str,
    figure: FigureData,
    *,
    type: str | None = None,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> ChartSpec | None:
    """The chart for one figure, or None when it has nothing to draw or ``chart: false``.

    ``type`` (from a section's ``chart:``) overrides the figure's own ``chart:``,
    which overrides the automatic choice; a type the data cannot fill raises
    :class:`~bulletin.errors.DataError`.

    >>> from bulletin.load.model import Figure
    >>> fig = Figure(unit="人", by={"城区卫生院": 120, "乡镇卫生院": 80, "村卫生室": 300})
    >>> spec = spec_for_figure("staff", fig)
    >>> spec.type, spec.categories, spec.highlight
    ('barh', ('村卫生室', '城区卫生院', '乡镇卫生院'), 0)
    >>> spec_for_figure("staff", fig, type="progress")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bulletin.errors.DataError: 数据 “staff” 不能画成进度图：没有目标（target）和数值（value）。...
    """
    expect(name, str, "spec_for_figure.name", "api.form.text")
    if not all(hasattr(figure, a) for a in ("by", "series", "value", "unit")):
        expect(figure, (), "spec_for_figure.figure", "api.form.figure")
    if type is None and figure.chart is False:
        return None
    kind = type or (figure.chart or None) or auto_type(figure)
    if kind is None:
        return None
    if kind not in CHART_TYPES:
        raise DataError(
            _t("chart.unknown_type", type=kind),
            hint=_t("chart.unknown_type.hint", types=_t("list.separator").join(CHART_TYPES)),
        )
    title = title if title is not None else (figure.label or name)
    common: _Texts = {
        "unit": figure.unit,
        "caption": caption,
        "source": source if source is not None else figure.source,
        "name": name,
    }
    if kind == "progress":
        if figure.target is None or figure.value is None:
            raise _needs(
                name,
                kind,
                N_("chart.progress.reason"),
                N_("chart.progress.hint"),
            )
        return ChartSpec(
            kind,
            title,
            [figure.label or title],
            [Series("完成", [figure.value])],
            targets=[figure.target],
            **common,
        )
    if kind == "grouped":
        if not figure.by or not figure.previous_by:
            raise _needs(
                name,
                kind,
                N_("chart.grouped.reason"),
                N_("chart.grouped.hint"),
            )
        cats = list(figure.by)
        cats += [k for k in figure.previous_by if k not in figure.by]
        prev = Series("上期", [figure.previous_by.get(c) for c in cats])
        curr = Series("本期", [figure.by.get(c) for c in cats])
        return ChartSpec(kind, title, cats, [prev, curr], **common)
    if figure.by:
        data = dict(figure.by)
    elif figure.series:
        if kind in ("pie", "donut", "stacked"):
            raise _needs(
                name, kind, N_("chart.series_not_parts.reason"), N_("chart.series_not_parts.hint")
            )
        keys = list(figure.series)
        data = dict(zip(date_labels(keys), figure.series.values(), strict=True))
        if len(data) != len(keys):  # labels collided: keep the keys as written
            data = dict(figure.series)
    else:
        raise _needs(
            name,
            kind,
            N_("chart.no_data.reason"),
            N_("chart.no_data.hint"),
        )
    cats, values = list(data), list(data.values())
    if kind == "barh":
        order = sorted(range(len(cats)), key=lambda i: (-values[i], i))
        cats, values = [cats[i] for i in order], [values[i] for i in order]
        return ChartSpec(kind, title, cats, [Series(figure.unit, values)], highlight=0, **common)
    total = figure.value if kind in ("pie", "donut") else None
    targets = [figure.target] if figure.target is not None and kind in ("bar", "line") else []
    return ChartSpec(
        kind,
        title,
        cats,
        [Series(figure.label or title, values)],
        total=total,
        targets=targets,
        **common,
    )


class _Texts(TypedDict):
    """What a chart spec takes from its figures besides the data."""

    unit: str
    caption: str | None
    source: str | None
    name: str


def _multi_kind(asked: str | None, default: str, allowed: tuple[str, str], what: str) -> str:
    """The type of a chart of several series (of dates or of parts): one of the
    series-per-figure types; a bar chart of several series is a grouped one.
    ``what`` is the message id naming the figures."""
    kind = asked or default
    if kind not in (*allowed, "bar", "grouped", "line"):
        raise DataError(
            _t("chart.several_cannot_be", what=_t(what), type=type_name(kind)),
            hint=_t("chart.several_cannot_be.hint", first=allowed[0], second=allowed[1]),
        )
    return "grouped" if kind == "bar" else kind


def _values_spec(
    ref: ChartRefData,
    names: Sequence[str],
    figs: Sequence[FigureData],
    labels: list[str],
    values: list[Decimal],
    title: str,
    texts: _Texts,
) -> ChartSpec:
    """One value per figure: a bar chart comparing them (or pie, donut, barh, progress)."""
    if ref.type == "progress" or (ref.type is None and all(f.target for f in figs)):
        missing = [n for n, f in zip(names, figs, strict=True) if not f.target]
        if missing:
            raise DataError(
                _t("chart.missing_target", name=missing[0]),
                hint=_t("chart.missing_target.hint"),
            )
        targets = [f.target for f in figs]
        return ChartSpec(
            "progress", title, labels, [Series("完成", values)], targets=targets, **texts
        )
    kind = ref.type or "bar"
    if kind in ("line", "grouped", "stacked"):
        kind = "bar"
    total = sum(values, Decimal(0)) if kind in ("pie", "donut") else None
    if kind == "barh":
        order = sorted(range(len(labels)), key=lambda i: (-values[i], i))
        labels, values = [labels[i] for i in order], [values[i] for i in order]
    return ChartSpec(
        kind,
        title,
        labels,
        [Series(texts["unit"], values)],
        total=total,
        highlight=0 if kind == "barh" else None,
        **texts,
    )


def _lookup(names: Sequence[str], figures: Mapping[str, FigureData]) -> list[FigureData]:
    found = []
    for n in names:
        if n not in figures:
            hint = did_you_mean(n, figures) or (
                _t("chart.known_figures.hint", names=_t("list.separator").join(figures))
                if figures
                else _t("chart.define_first.hint")
            )
            raise DataError(_t("chart.unknown_figure", name=n), hint=hint)
        found.append(figures[n])
    return found


def _union(maps: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every key of ``maps``, in order of first appearance."""
    keys: list[str] = []
    for m in maps:
        keys += [k for k in m if k not in keys]
    return keys


def _aligned(
    labels: Sequence[str], maps: Sequence[Mapping[str, Any]], keys: Sequence[str]
) -> list[Series]:
    """One series per map, its values at ``keys`` (None where a map has no value)."""
    return [Series(lab, [m.get(k) for k in keys]) for lab, m in zip(labels, maps, strict=True)]


def spec_for_ref(ref: ChartRefData, figures: Mapping[str, FigureData]) -> ChartSpec:
    """The chart a section names explicitly (``chart: {figures: [...], type: ...}``).

    One figure behaves as :func:`spec_for_figure` with the section's type and
    texts. Several figures become one chart with a series per figure: all with
    ``series:`` → ``line`` (dates aligned); all with ``by:`` → ``grouped``
    (or ``stacked``); plain values → ``bar`` comparing them (``pie``/``donut``
    as a composition; ``progress`` when all have targets).

    >>> from bulletin.load.model import ChartRef, Figure
    >>> figs = {"a": Figure(label="第一剂", unit="剂次", series={"2021-05": 1, "2021-06": 3}),
    ...         "b": Figure(label="第二剂", unit="剂次", series={"2021-06": 2, "2021-07": 5})}
    >>> spec = spec_for_ref(ChartRef(figures=["a", "b"], title="接种进度"), figs)
    >>> spec.type, spec.categories, [s.name for s in spec.series], spec.series[0].values[-1]
    ('line', ('2021年5月', '6月', '7月'), ['第一剂', '第二剂'], None)
    >>> spec_for_ref(ChartRef(figure="b2"), figs)
    Traceback (most recent call last):
    ...
    bulletin.errors.DataError: 图表引用了未知的数据名 “b2”。是不是 “b”？
    """
    if not hasattr(ref, "names"):
        expect(ref, (), "spec_for_ref.ref", "api.form.chart_ref")
    expect(figures, Mapping, "spec_for_ref.figures", "api.form.figures")
    names = ref.names
    if not names:
        raise DataError(_t("chart.no_figures"), hint=_t("chart.no_figures.hint"))
    figs = _lookup(names, figures)
    if len(figs) == 1:
        spec = spec_for_figure(
            names[0],
            figs[0],
            type=ref.type,
            title=ref.title,
            caption=ref.caption,
            source=ref.source,
        )
        if spec is None:
            raise DataError(
                _t("chart.nothing_to_draw", name=names[0]),
                hint=_t("chart.nothing_to_draw.hint"),
            )
        return spec
    units = {f.unit for f in figs}
    if len(units) > 1:
        shown = _t("list.separator").join(
            _t("chart.mixed_units.figure", name=n, unit=f.unit or _t("chart.no_unit"))
            for n, f in zip(names, figs, strict=True)
        )
        raise DataError(_t("chart.mixed_units", figures=shown), hint=_t("chart.mixed_units.hint"))
    unit = units.pop()
    labels = [f.label or n for n, f in zip(names, figs, strict=True)]
    title = ref.title or "、".join(labels)
    source = ref.source or next((f.source for f in figs if f.source), None)
    texts: _Texts = {
        "unit": unit,
        "caption": ref.caption,
        "source": source,
        "name": "-".join(names),
    }

    if all(f.series for f in figs):
        maps = [f.series or {} for f in figs]
        keys = _union(maps)
        if all(_MONTH.match(k) or _YEAR.match(k) or _DAY.match(k) for k in keys):
            keys = sorted(keys)
        kind = _multi_kind(ref.type, "line", ("line", "stacked"), N_("chart.what.series"))
        return ChartSpec(kind, title, date_labels(keys), _aligned(labels, maps, keys), **texts)
    if all(f.by for f in figs):
        maps = [f.by or {} for f in figs]
        keys = _union(maps)
        kind = _multi_kind(ref.type, "grouped", ("grouped", "stacked"), N_("chart.what.parts"))
        return ChartSpec(kind, title, keys, _aligned(labels, maps, keys), **texts)
    values = [f.value for f in figs if f.value is not None]
    if len(values) == len(figs):
        return _values_spec(ref, names, figs, labels, values, title, texts)
    raise DataError(
        _t("chart.cannot_combine", names=_t("list.separator").join(names)),
        hint=_t("chart.cannot_combine.hint"),
    )
