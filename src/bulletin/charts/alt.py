"""Chinese alt text and a data table for every chart.

The alt text tells a reader who cannot see the chart what it shows: the type,
the title, and the one or two facts the chart is drawn to make (the leader, the
trend, the largest share, the completion rate). Numbers come from the number
engine with their unit, on the chart's own scale (so the alt text and the
labels agree).

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
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..numbers.scripts import normalize_script
from .spec import (
    OTHER,
    ChartSpec,
    Series,
    chart_scale,
    convert_script,
    format_chart_number,
    labels,
    number_script,
)

__all__ = ["alt_text", "data_table"]

Num = Callable[[Decimal], str]


def _num(value: Decimal, unit: str, script: str, scale: str = "auto") -> str:
    from ..numbers.quantities import format_number

    num_script, grouping = number_script(script)
    if unit in ("%", "‰"):
        return format_number(value, "", scale=scale, grouping=grouping, script=num_script) + unit
    return format_number(value, unit, scale=scale, grouping=grouping, script=num_script)


def _pct(ratio: Decimal, script: str, rounding: str = ROUND_HALF_UP) -> str:
    from ..numbers.quantities import format_percent

    return format_percent(
        ratio.quantize(Decimal("0.001"), rounding=rounding), script=number_script(script)[0]
    )


def _pairs(spec: ChartSpec, series: Series) -> list[tuple[str, Decimal]]:
    return [(c, v) for c, v in zip(spec.categories, series.values, strict=True) if v is not None]


def _ranking(spec: ChartSpec, num: Num) -> str:
    pairs = _pairs(spec, spec.series[0])
    if not pairs:
        return "没有数据。"
    order = sorted(pairs, key=lambda p: -p[1])
    (top, tv), (low, lv) = order[0], order[-1]
    if len(order) == 1:
        return f"{top}为{num(tv)}。"
    parts = [f"{top}最多，为{num(tv)}"]
    if len(order) >= 3:
        parts.append(f"其次是{order[1][0]}，{num(order[1][1])}")
    parts.append(f"{low}最少，为{num(lv)}")
    text = "；".join(parts) + "。"
    if len(order) > 4:
        text = f"共{len(order)}项，" + text
    return text


def _trend(spec: ChartSpec, series: Series, num: Num, named: bool) -> str:
    pairs = _pairs(spec, series)
    if not pairs:
        return ""
    (c0, v0), (c1, v1) = pairs[0], pairs[-1]
    who = series.name if named else ""
    if len(pairs) == 1:
        return f"{who}{c0}为{num(v0)}"
    if v1 == v0:
        text = f"{who}{c0}和{c1}均为{num(v0)}"
    else:
        verb = "升至" if v1 > v0 else "降至"
        text = f"{who}从{c0}的{num(v0)}{verb}{c1}的{num(v1)}"
    peak_c, peak_v = max(pairs, key=lambda p: p[1])
    if peak_v > max(v0, v1):
        text += f"，最高为{peak_c}的{num(peak_v)}"
    return text


def _alt_hans(spec: ChartSpec, script: str) -> str:
    head = f"{spec.type_name}：{spec.title}。"
    unit = spec.unit
    extra = [t for t in spec.targets if t is not None]
    scale = chart_scale(spec.all_values() + extra, unit)
    if spec.type == "progress":
        scale = "none"

    def num(value: Decimal, unit: str = unit, script: str = script) -> str:
        return format_chart_number(value, unit, scale=scale, script=script)

    kind = spec.type
    if kind in ("bar", "barh"):
        body = _ranking(spec, num)
        if spec.targets and spec.targets[0] is not None:
            body += f"目标为{num(spec.targets[0])}。"
        return head + body
    if kind == "line":
        named = len(spec.series) > 1
        parts = [t for s in spec.series if (t := _trend(spec, s, num, named))]
        body = "；".join(parts) + "。" if parts else "没有数据。"
        if spec.targets and spec.targets[0] is not None:
            body += f"目标为{num(spec.targets[0])}。"
        return head + body
    if kind in ("pie", "donut"):
        pairs = _pairs(spec, spec.series[0])
        whole = sum((v for _, v in pairs), Decimal(0))
        if whole <= 0:
            return head + "没有数据。"
        order = sorted(pairs, key=lambda p: (p[0] == OTHER, -p[1]))
        shares = [f"{c}占{_pct(v / whole, script)}" for c, v in order[:3]]
        if len(order) <= 5:
            shares += [f"{c}占{_pct(v / whole, script)}" for c, v in order[3:]]
        else:
            rest = sum((v for _, v in order[3:]), Decimal(0))
            shares.append(f"其余{len(order) - 3}项合占{_pct(rest / whole, script)}")
        total = spec.total if spec.total is not None else whole
        lead = "" if unit in ("%", "‰") else f"合计{num(total)}，"
        return head + lead + "，".join(shares) + "。"
    if kind in ("grouped", "stacked"):
        names = [s.name for s in spec.series]
        if kind == "grouped" and names == ["上期", "本期"]:
            prev, curr = spec.series
            up = sum(
                1
                for p, c in zip(prev.values, curr.values, strict=True)
                if p is not None and c is not None and c > p
            )
            down = sum(
                1
                for p, c in zip(prev.values, curr.values, strict=True)
                if p is not None and c is not None and c < p
            )
            body = _ranking(spec.replace(series=[curr]), num).replace("最多", "本期最多")
            body = body.replace("最少，为", "本期最少，为", 1)
            cmp_ = []
            if up:
                cmp_.append(f"{up}项高于上期")
            if down:
                cmp_.append(f"{down}项低于上期")
            return head + body + ("与上期相比，" + "，".join(cmp_) + "。" if cmp_ else "")
        totals = spec.column_totals()
        total_series = Series("合计", totals)
        body = f"按{labels(names)}分列。"
        if kind == "stacked":
            body += "合计" + _ranking(spec.replace(series=[total_series], type="bar"), num)
        else:
            for s in spec.series:
                pairs = _pairs(spec, s)
                if pairs:
                    c, v = max(pairs, key=lambda p: p[1])
                    body += f"{s.name}以{c}最多，为{num(v)}。"
        return head + body
    if kind == "progress":
        parts = []
        for c, v, t in zip(spec.categories, spec.values, spec.targets, strict=True):
            v = v or Decimal(0)
            pct = _pct(v / t, script, ROUND_FLOOR)
            who = "" if len(spec.categories) == 1 else c
            parts.append(f"{who}完成{num(v)}，目标{num(t)}，完成率{pct}")
        return head + "；".join(parts) + "。"
    return head  # pragma: no cover - every type is handled above


def alt_text(spec: ChartSpec, script: str = "hans") -> str:
    """A Chinese one-paragraph summary of the chart, for the image's alt text.

    >>> from bulletin.charts.spec import ChartSpec, Series
    >>> line = ChartSpec("line", "月度接种剂次", ["1月", "2月", "3月"],
    ...                  [Series("剂次", [1200, 56000, 31000])], unit="剂次")
    >>> alt_text(line)
    '折线图：月度接种剂次。从1月的1200剂次升至3月的31000剂次，最高为2月的56000剂次。'
    >>> prog = ChartSpec("progress", "第一剂接种", ["第一剂"], [Series("完成", [82460])],
    ...                  targets=[83600], unit="人")
    >>> alt_text(prog, script="hant")
    '進度圖：第一劑接種。完成82460人，目標83600人，完成率98.6%。'
    """
    script = normalize_script(script)
    return convert_script(_alt_hans(spec, script), script)


def data_table(spec: ChartSpec, script: str = "hans") -> str:
    """The chart's data as a GFM table (categories down, one column per series).

    Numbers are exact (万/亿 only where no digit is lost, and only in tables
    whose chart uses a scale word), so the table is the precise companion of a
    rounded chart.

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
    extra = [t for t in spec.targets if t is not None]
    scale = "auto" if chart_scale(spec.all_values() + extra, unit) != "none" else "none"

    def cell(v: Decimal | None) -> str:
        if v is None:
            return "—"
        return _num(v, unit if unit in ("%", "‰") else "", script, scale)

    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    if len(spec.series) == 1:
        head = [unit if unit and unit not in ("%", "‰") else "数值"]
    else:
        head = [
            f"{s.name}（{unit}）" if unit and unit not in ("%", "‰") else s.name
            for s in spec.series
        ]
    if spec.type == "progress":
        head = ["完成", "目标", "完成率"]
    rows = [["类别", *head], ["---"] + ["---:"] * len(head)]
    for i, c in enumerate(spec.categories):
        if spec.type == "progress":
            v, t = spec.values[i] or Decimal(0), spec.targets[i]
            rate = _pct(v / t, script, ROUND_FLOOR) if t else "—"
            cells = [cell(v), cell(t), rate]
        else:
            cells = [cell(s.values[i]) for s in spec.series]
        rows.append([esc(c), *cells])
    text = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    return convert_script(text, script)
