"""Sentences and tables of a statistical bulletin, generated from indicators.

An indicator has a value, last period's value and a kind; the verb family
follows STYLE.md §3: counts change by 增加/减少 (or 增长/下降 in percent),
rates by 提高/降低 个百分点 (per-mille rates by 个千分点). Consecutive sentences
do not repeat a verb where a synonym of the same family fits (增长/上升,
提高/提升, 降低/下降); the choice depends only on the order of the
indicators, so output is deterministic.

>>> from bulletin.load.model import Indicator, Part
>>> beds = Indicator(name="医疗卫生机构", lead="年末全区共有", value=312, previous=305, unit="个",
...                  parts=[Part(name="医院", value=8), Part(name="基层医疗卫生机构", value=290)])
>>> writer = SentenceWriter()
>>> writer.sentence(beds)
'年末全区共有医疗卫生机构312个，比上年增加7个。其中：医院8个，基层医疗卫生机构290个。'
>>> writer.sentence(Indicator(name="全区医疗卫生机构总诊疗人次", value="84.2万", previous=800000,
...                           change="percent"))
'全区医疗卫生机构总诊疗人次84.2万，比上年增长5.3%。'
>>> writer.sentence(Indicator(name="医院病床使用率", value="71.6%", previous="74.3%",
...                           kind="percent"))
'医院病床使用率71.6%，比上年降低2.7个百分点。'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import BulletinError, DataError
from ..load.model import Indicator, Part
from ..messages import text as _t
from ..numbers.quantities import format_change, format_number, format_percent, format_rate
from ..numbers.scripts import word
from .style import Style

__all__ = ["SentenceWriter", "indicator_error", "indicator_table", "value_text"]

#: Relative changes are printed with one decimal, as statistical bulletins do (增长5.2%).
PERCENT_DECIMALS = 1

#: Synonyms used to avoid the same verb in consecutive sentences (same family only).
_SYNONYMS = {"增长": "上升", "提高": "提升", "降低": "下降"}

#: Verb pairs (up, down) by measure.
_VERBS = {"amount": ("增加", "减少"), "percent": ("增长", "下降"), "points": ("提高", "降低")}


def value_text(
    ind: Indicator | Part, *, unit: str, kind: str, script: str = "hans", grouping: bool = False
) -> str:
    """The indicator's value as the bulletin prints it.

    >>> value_text(Indicator(name="x", value="5.4‰", kind="permille"), unit="", kind="permille")
    '5.4‰'
    >>> value_text(Indicator(name="x", value=2.9, decimals=2), unit="人", kind="ratio")
    '2.90人'
    """
    decimals = ind.decimals
    scale = getattr(ind, "scale", "auto")
    # a rate is held in the unit of its kind (71.6 means 71.6%); the engine takes ratios
    if kind == "percent":
        return format_percent(ind.value.scaleb(-2), decimals=decimals, script=script)
    if kind == "permille":
        return format_rate(ind.value.scaleb(-3), per=1000, decimals=decimals, script=script)
    if kind == "per100k":
        return format_rate(ind.value.scaleb(-5), per=100000, decimals=decimals, script=script)
    return format_number(
        ind.value, unit, scale=scale, decimals=decimals, grouping=grouping, script=script
    )


def _measure(kind: str, change: str | None) -> list[str]:
    if kind in ("percent", "permille", "per100k"):
        return [] if change == "none" else ["points"]
    change = change or "amount"
    return {
        "amount": ["amount"],
        "percent": ["percent"],
        "both": ["amount", "percent"],
        "none": [],
    }[change]


def _sentence_unit(ind: Indicator) -> str:
    """总诊疗人次84.2万: a name ending in its (two-character or longer) unit does not repeat it.

    A one-character unit is kept: 平均住院日8.4日.
    """
    if len(ind.unit) >= 2 and ind.name.endswith(ind.unit):
        return ""
    return ind.unit


@dataclass
class SentenceWriter:
    """Writes indicator sentences, varying verbs between consecutive sentences."""

    baseline: str = "比上年"
    script: str = "hans"
    grouping: bool = False
    #: Whether a verb is replaced by its synonym after a sentence that used it.
    vary: bool = True
    _last_verb: str | None = field(default=None, repr=False)

    def _verbs(self, measure: str) -> tuple[str, str]:
        up, down = _VERBS[measure]
        return word(up, self.script), word(down, self.script)

    def change_text(
        self,
        old: Decimal,
        new: Decimal,
        *,
        kind: str,
        measure: str,
        unit: str,
        decimals: int | None,
        baseline: str | None = None,
        vary: bool = True,
    ) -> str:
        """One change phrase (``比上年增加7个``), with a verb unlike the last one."""
        up, down = self._verbs(measure)
        verb = up if new > old else down
        if vary and self.vary and verb == self._last_verb and verb in _SYNONYMS:
            synonym = word(_SYNONYMS[verb], self.script)
            up, down = (synonym, down) if new > old else (up, synonym)
        per = {"permille": 1000, "per100k": 100000}.get(kind, 100)
        if measure == "points" and per == 100000:
            # a change of a rate per 100000 is written in its own unit: 降低1.2/10万
            measure_kwargs: dict[str, object] = {"measure": "amount", "unit": "/10万"}
        else:
            measure_kwargs = {"measure": measure, "unit": unit}
            if measure == "points":
                # rates are held in their unit (71.6 for 71.6%); points take ratios
                measure_kwargs["per"] = per
                old, new = old / per, new / per
        text = format_change(
            old,
            new,
            baseline=self.baseline if baseline is None else baseline,
            verbs=(up, down),
            decimals=decimals if measure != "percent" else PERCENT_DECIMALS,
            script=self.script,
            grouping=self.grouping,
            **measure_kwargs,  # type: ignore[arg-type]
        )
        if vary:
            used = up if new > old else down
            self._last_verb = used if used in text else None
        return text

    def sentence(self, ind: Indicator) -> str:
        """The sentence (or two, with parts) for one indicator."""
        unit = _sentence_unit(ind)
        value = value_text(
            ind, unit=unit, kind=ind.kind, script=self.script, grouping=self.grouping
        )
        main = f"{ind.lead or ''}{ind.name}{value}"
        clauses = [main]
        if ind.previous is not None:
            for k, measure in enumerate(_measure(ind.kind, ind.change)):
                clauses.append(
                    self.change_text(
                        ind.previous,
                        ind.value,
                        kind=ind.kind,
                        measure=measure,
                        unit=ind.unit,
                        decimals=ind.decimals,
                        baseline=None if k == 0 else "",
                    )
                )
        text = "，".join(clauses) + "。"
        if ind.parts:
            text += "其中：" + self._parts(ind) + "。"
        return text

    def _parts(self, ind: Indicator) -> str:
        pieces = []
        with_change = any(p.previous is not None for p in ind.parts)
        for part in ind.parts:
            unit = ind.unit if part.unit is None else part.unit
            decimals = part.decimals if part.decimals is not None else ind.decimals
            shown = Part(name=part.name, value=part.value, decimals=decimals)
            piece = part.name + value_text(
                shown, unit=unit, kind=ind.kind, script=self.script, grouping=self.grouping
            )
            if ind.share and ind.kind == "count" and ind.value:
                piece += "，占" + format_percent(
                    part.value / ind.value, decimals=1, script=self.script
                )
            if part.previous is not None:
                for measure in _measure(ind.kind, ind.change)[:1]:
                    piece += "，" + self.change_text(
                        part.previous,
                        part.value,
                        kind=ind.kind,
                        measure=measure,
                        unit=unit,
                        decimals=decimals,
                        vary=False,
                    )
            pieces.append(piece)
        return ("；" if with_change or ind.share else "，").join(pieces)


def indicator_error(exc: BulletinError, ind: Indicator, path: tuple[str | int, ...]) -> DataError:
    """An indicator that cannot be written, as an error at its data path.

    A growth rate from a previous value of 0 points at ``previous`` and says
    what to write in the data file instead.
    """
    hint = exc.hint
    if ind.previous is not None and ind.previous == 0:
        path, hint = (*path, "previous"), _t("hint.change_amount")
    error = DataError(
        _t("error.indicator", name=ind.name, detail=exc.message.rstrip("。")),
        hint=hint,
        code="error.indicator",
    )
    return error.at(path)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def indicator_rows(
    indicators: list[Indicator], style: Style | None = None
) -> tuple[list[str], list[list[str]]]:
    """The indicator table's header and rows: 指标, 本期, 上期 and the change, as the text
    writes them (indicators with ``table: false`` are left out).

    >>> from bulletin.load.model import Indicator
    >>> indicator_rows([Indicator(name="床位", value=1000, previous=950, unit="张")])
    (['指标', '本年', '上年', '比上年增减'], [['床位', '1000张', '950张', '增加50张']])
    """
    style = style or Style()
    script, grouping, baseline = style.script, style.grouping, style.baseline
    writer = SentenceWriter(baseline="", script=script, grouping=grouping)
    period = "本年" if "上年" in baseline else "本期"
    before = "上年" if "上年" in baseline else "上期"
    rows: list[list[str]] = []
    for ind in indicators:
        if not ind.table:
            continue
        now = value_text(ind, unit=ind.unit, kind=ind.kind, script=script, grouping=grouping)
        if ind.previous is None:
            rows.append([ind.name, now, "—", "—"])
            continue
        prev = value_text(
            Indicator(name=ind.name, value=ind.previous, decimals=ind.decimals, scale=ind.scale,
                      kind=ind.kind),
            unit=ind.unit,
            kind=ind.kind,
            script=script,
            grouping=grouping,
        )  # fmt: skip
        measures = _measure(ind.kind, ind.change) or ["amount"]
        change = writer.change_text(
            ind.previous,
            ind.value,
            kind=ind.kind,
            measure=measures[0],
            unit=ind.unit,
            decimals=ind.decimals,
            vary=False,
        )
        rows.append([ind.name, now, prev, change])
    return ["指标", period, before, f"{baseline}增减"], rows


def indicator_table(indicators: list[Indicator], style: Style | None = None) -> str:
    """The indicator table in GFM (for scripts; documents get it through their template).

    >>> from bulletin.load.model import Indicator
    >>> print(indicator_table([Indicator(name="床位", value=1000, previous=950, unit="张")]))
    | 指标 | 本年 | 上年 | 比上年增减 |
    |:---|---:|---:|---:|
    | 床位 | 1000张 | 950张 | 增加50张 |
    """
    head, rows = indicator_rows(indicators, style)
    lines = ["| " + " | ".join(head) + " |", "|:---|" + "---:|" * (len(head) - 1)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
