"""Chinese alt text and a data table for every chart.

The alt text tells a reader who cannot see the chart what it shows: the type,
the title, and the one or two facts the chart is drawn to make (the leader, the
trend, the largest share, the completion rate). Every number comes from the
number engine with its unit, on the chart's common scale (so the alt text and
the labels agree), with the digit grouping of the text around it.

>>> from bulletin.charts.spec import ChartSpec, Series
>>> spec = ChartSpec("barh", "各乡镇接种剂次", ["元坝镇", "红岩镇", "卫子镇"],
...                  [Series("剂次", [10234, 8120, 6650])], unit="剂次", highlight=0)
>>> alt_text(spec)
'条形图：各乡镇接种剂次。元坝镇最多，为10234剂次；其次是红岩镇，8120剂次；卫子镇最少，为6650剂次。'
>>> print(data_table(spec))
| 类别 | 剂次 |
| --- | ---: |
| 元坝镇 | 10234 |
| 红岩镇 | 8120 |
| 卫子镇 | 6650 |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..errors import expect
from ..numbers.quantities import completion_ratio, format_number, format_percent
from ..numbers.scripts import groups_digits, normalize_script
from .spec import (
    OTHER,
    PERCENT_UNITS,
    ChartSpec,
    Series,
    format_chart_number,
    labels,
)

__all__ = ["alt_text", "data_table"]


@dataclass(frozen=True)
class _Numbers:
    """How one chart's alt text writes its numbers: common scale, unit, script, grouping."""

    unit: str
    scale: str
    script: str
    grouping: bool

    def num(self, value: Decimal) -> str:
        """A value with its unit, on the chart's scale: ``28.95万人``."""
        return format_chart_number(
            value, self.unit, scale=self.scale, script=self.script, grouping=self.grouping
        )

    def plain(self, value: Decimal) -> str:
        """A value without its unit, exact: 万/亿 only where no digit is lost (tables)."""
        return format_number(value, scale=self.scale, grouping=self.grouping, script=self.script)

    def count(self, n: int, unit: str) -> str:
        """A count of items: ``5项``."""
        return format_number(n, unit, grouping=self.grouping, script=self.script)

    def pct(self, ratio: Decimal, rounding: str = ROUND_HALF_UP) -> str:
        """A share or a completion rate, to one decimal: ``96.5%``."""
        return format_percent(
            ratio.quantize(Decimal("0.001"), rounding=rounding), script=self.script
        )


def _pairs(spec: ChartSpec, series: Series) -> list[tuple[str, Decimal]]:
    return [(c, v) for c, v in zip(spec.categories, series.values, strict=True) if v is not None]


def _ranking(spec: ChartSpec, n: _Numbers) -> str:
    pairs = _pairs(spec, spec.series[0])
    if not pairs:
        return "没有数据。"
    order = sorted(pairs, key=lambda p: -p[1])
    (top, tv), (low, lv) = order[0], order[-1]
    if len(order) == 1:
        return f"{top}为{n.num(tv)}。"
    parts = [f"{top}最多，为{n.num(tv)}"]
    if len(order) >= 3:
        parts.append(f"其次是{order[1][0]}，{n.num(order[1][1])}")
    parts.append(f"{low}最少，为{n.num(lv)}")
    text = "；".join(parts) + "。"
    if len(order) > 4:
        text = f"共{n.count(len(order), '项')}，" + text
    return text


def _target(spec: ChartSpec, n: _Numbers) -> str:
    first = spec.targets[0] if spec.targets else None
    return f"目标为{n.num(first)}。" if first is not None else ""


def _trend(spec: ChartSpec, series: Series, n: _Numbers, named: bool) -> str:
    pairs = _pairs(spec, series)
    if not pairs:
        return ""
    (c0, v0), (c1, v1) = pairs[0], pairs[-1]
    who = series.name if named else ""
    if len(pairs) == 1:
        return f"{who}{c0}为{n.num(v0)}"
    if all(v == v0 for _, v in pairs):  # flat: every point has the value, so name them all
        return f"{who}{labels([c for c, _ in pairs])}均为{n.num(v0)}"
    if v1 == v0:
        text = f"{who}{c0}和{c1}均为{n.num(v0)}"
    else:
        verb = "升至" if v1 > v0 else "降至"
        text = f"{who}从{c0}的{n.num(v0)}{verb}{c1}的{n.num(v1)}"
    peak_c, peak_v = max(pairs, key=lambda p: p[1])
    if peak_v > max(v0, v1):
        text += f"，最高为{peak_c}的{n.num(peak_v)}"
    return text


def _bar(spec: ChartSpec, n: _Numbers) -> str:
    return _ranking(spec, n) + _target(spec, n)


def _line(spec: ChartSpec, n: _Numbers) -> str:
    named = len(spec.series) > 1
    parts = [t for s in spec.series if (t := _trend(spec, s, n, named))]
    body = "；".join(parts) + "。" if parts else "没有数据。"
    return body + _target(spec, n)


def _pie(spec: ChartSpec, n: _Numbers) -> str:
    pairs = _pairs(spec, spec.series[0])
    whole = sum((v for _, v in pairs), Decimal(0))
    if whole <= 0:
        return "没有数据。"
    order = sorted(pairs, key=lambda p: (p[0] == OTHER, -p[1]))
    shown = order if len(order) <= 5 else order[:3]
    shares = [f"{c}占{n.pct(v / whole)}" for c, v in shown]
    if len(order) > 5:
        rest = sum((v for _, v in order[3:]), Decimal(0))
        shares.append(f"其余{n.count(len(order) - 3, '项')}合占{n.pct(rest / whole)}")
    total = spec.total if spec.total is not None else whole
    lead = "" if spec.unit in PERCENT_UNITS else f"合计{n.num(total)}，"
    return lead + "，".join(shares) + "。"


def _against_previous(spec: ChartSpec, n: _Numbers) -> str:
    """上期 against 本期: this period's ranking, and how many items rose or fell."""
    prev, curr = spec.series
    pairs = [
        (p, c)
        for p, c in zip(prev.values, curr.values, strict=True)
        if p is not None and c is not None
    ]
    up = sum(1 for p, c in pairs if c > p)
    down = sum(1 for p, c in pairs if c < p)
    body = _ranking(spec.replace(series=[curr]), n).replace("最多", "本期最多")
    body = body.replace("最少，为", "本期最少，为", 1)
    compared = [f"{n.count(up, '项')}高于上期"] if up else []
    compared += [f"{n.count(down, '项')}低于上期"] if down else []
    return body + ("与上期相比，" + "，".join(compared) + "。" if compared else "")


def _grouped(spec: ChartSpec, n: _Numbers) -> str:
    names = [s.name for s in spec.series]
    if spec.type == "grouped" and names == ["上期", "本期"]:
        return _against_previous(spec, n)
    body = f"按{labels(names)}分列。"
    if spec.type == "stacked":
        totals = Series("合计", spec.column_totals())
        return body + "合计" + _ranking(spec.replace(series=[totals], type="bar"), n)
    for s in spec.series:
        pairs = _pairs(spec, s)
        if pairs:
            c, v = max(pairs, key=lambda p: p[1])
            body += f"{s.name}以{c}最多，为{n.num(v)}。"
    return body


def _progress(spec: ChartSpec, n: _Numbers) -> str:
    parts = []
    for c, v, t in zip(spec.categories, spec.values, spec.targets, strict=True):
        if t is None:  # pragma: no cover - a progress spec has a positive target for each item
            continue
        done = v or Decimal(0)
        who = "" if len(spec.categories) == 1 else c
        rate = n.pct(completion_ratio(done, t))
        parts.append(f"{who}完成{n.num(done)}，目标{n.num(t)}，完成率{rate}")
    return "；".join(parts) + "。"


#: The body of the alt text, by chart type.
_BODIES: dict[str, Callable[[ChartSpec, _Numbers], str]] = {
    "bar": _bar,
    "barh": _bar,
    "line": _line,
    "pie": _pie,
    "donut": _pie,
    "grouped": _grouped,
    "stacked": _grouped,
    "progress": _progress,
}


def alt_text(spec: ChartSpec, script: str = "hans", *, grouping: bool | None = None) -> str:
    """A Chinese one-paragraph summary of the chart, for the image's alt text.

    ``grouping`` puts commas between groups of digits (None: as texts of the
    script do, so Taiwan and Hong Kong texts group and mainland texts do not).
    The text is written as the chart's texts are (:meth:`ChartSpec.convert`: the
    spec's quote style, kept words and place names).

    >>> from bulletin.charts.spec import ChartSpec, Series
    >>> line = ChartSpec("line", "月度接种剂次", ["1月", "2月", "3月"],
    ...                  [Series("剂次", [1200, 56000, 31000])], unit="剂次")
    >>> alt_text(line)
    '折线图：月度接种剂次。从1月的1200剂次升至3月的31000剂次，最高为2月的56000剂次。'
    >>> prog = ChartSpec("progress", "第一剂接种", ["第一剂"], [Series("完成", [82460])],
    ...                  targets=[83600], unit="人")
    >>> alt_text(prog, script="hant")
    '進度圖：第一劑接種。完成82460人，目標83600人，完成率98.6%。'
    >>> alt_text(prog, grouping=True)
    '进度图：第一剂接种。完成82,460人，目标83,600人，完成率98.6%。'
    >>> towns = ChartSpec("bar", "“干河乡”签约人数", ["干河乡", "元坝镇"],
    ...                   [Series("", [1200, 800])], unit="人", places=["干河乡"])
    >>> alt_text(towns, "hant-tw")
    '柱狀圖：「干河鄉」簽約人數。干河鄉最多，為1,200人；元壩鎮最少，為800人。'
    >>> alt_text(towns.replace(quotes="curly"), "hant-tw")[:14]
    '柱狀圖：“干河鄉”簽約人數。'
    """
    expect(spec, ChartSpec, "alt_text.spec", "api.form.chart_spec")
    script = normalize_script(script)
    numbers = _Numbers(
        spec.unit,
        spec.common_scale(),
        script,
        groups_digits(script) if grouping is None else grouping,
    )
    text = f"{spec.type_name}：{spec.title}。" + _BODIES[spec.type](spec, numbers)
    return spec.convert(text, script)


def data_table(spec: ChartSpec, script: str = "hans", *, grouping: bool | None = None) -> str:
    """The chart's data as a GFM table (categories down, one column per series).

    Numbers are exact (万/亿 only where no digit is lost, and only in tables
    whose chart uses a scale word), so the table is the precise companion of a
    rounded chart. ``grouping`` as in :func:`alt_text`.

    >>> from bulletin.charts.spec import ChartSpec, Series
    >>> spec = ChartSpec("grouped", "对比", ["元坝镇"], [Series("上期", [9000]),
    ...                  Series("本期", [1285700])], unit="剂次")
    >>> print(data_table(spec))
    | 类别 | 上期（剂次） | 本期（剂次） |
    | --- | ---: | ---: |
    | 元坝镇 | 9000 | 128.57万 |
    """
    script = normalize_script(script)
    unit = spec.unit
    sign = unit if unit in PERCENT_UNITS else ""
    numbers = _Numbers(
        unit,
        "auto" if spec.common_scale() != "none" else "none",
        script,
        groups_digits(script) if grouping is None else grouping,
    )

    def cell(v: Decimal | None) -> str:
        if v is None:
            return "—"
        return numbers.plain(v) + sign

    if spec.type == "progress":
        head = ["完成", "目标", "完成率"]
    elif len(spec.series) == 1:
        head = [unit if unit and not sign else "数值"]
    else:
        head = [f"{s.name}（{unit}）" if unit and not sign else s.name for s in spec.series]
    rows = [["类别", *head], ["---"] + ["---:"] * len(head)]
    for i, c in enumerate(spec.categories):
        if spec.type == "progress":
            v, t = spec.values[i] or Decimal(0), spec.targets[i]
            rate = numbers.pct(completion_ratio(v, t)) if t else "—"
            cells = [cell(v), cell(t), rate]
        else:
            cells = [cell(s.values[i]) for s in spec.series]
        rows.append([c.replace("|", "\\|"), *cells])
    text = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    return spec.convert(text, script)
