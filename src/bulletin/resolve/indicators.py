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

When one template renders a bulletin per district (``--each``), an indicator
read from a column knows its values in every district (its peers), and
``rank_in_city`` and ``share_of_city`` add where it stands after the change;
``ascending`` ranks the smallest first (a shorter stay in hospital is better):

>>> from bulletin.load.peers import Peers
>>> peers = Peers(area="全市", names=("甲区", "乙区", "丙区"),
...               values=(Decimal(312), Decimal(405), Decimal(312)), own=0)
>>> writer.sentence(Indicator(name="医疗卫生机构", lead="年末全区共有", value=312,
...                           previous=305, unit="个", rank_in_city=True), peers=peers)
'年末全区共有医疗卫生机构312个，比上年增加7个，居全市并列第2位。'
>>> writer.sentence(Indicator(name="医疗卫生机构", value=312, unit="个",
...                           rank_in_city="ascending", share_of_city=True), peers=peers)
'医疗卫生机构312个，占全市的30.3%，居全市并列第1位。'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import BulletinError, DataError, DataPath
from ..load.model import Indicator, Meta, Part
from ..load.peers import Peers
from ..messages import text as _t
from ..numbers.quantities import (
    format_change,
    format_number,
    format_percent,
    format_rate,
    scale_of,
)
from ..numbers.scripts import word
from .style import Style

__all__ = [
    "SentenceWriter",
    "common_unit",
    "indicator_error",
    "indicator_rows",
    "indicator_table",
    "precision_of",
    "report_year",
    "scope_word",
    "value_text",
]

#: Relative changes are printed with one decimal, as statistical bulletins do (增长5.2%).
PERCENT_DECIMALS = 1

#: Synonyms used to avoid the same verb in consecutive sentences (same family only).
_SYNONYMS = {"增长": "上升", "提高": "提升", "降低": "下降"}

#: Verb pairs (up, down) by measure.
_VERBS = {"amount": ("增加", "减少"), "percent": ("增长", "下降"), "points": ("提高", "降低")}


#: A figure's precision: the scale word and the decimals every number of an indicator
#: (value, last year's, parts, changes) is written with; ("auto", None) lets each number
#: choose its own exact form.
Precision = tuple[str, int | None]

_AUTO: Precision = ("auto", None)
_RATE_KINDS = ("percent", "permille", "per100k")


def value_text(
    ind: Indicator | Part,
    *,
    unit: str,
    kind: str,
    script: str = "hans",
    grouping: bool = False,
    precision: Precision | None = None,
) -> str:
    """The indicator's value as the bulletin prints it.

    >>> value_text(Indicator(name="x", value="5.4‰", kind="permille"), unit="", kind="permille")
    '5.4‰'
    >>> value_text(Indicator(name="x", value=2.9, decimals=2), unit="人", kind="ratio")
    '2.90人'
    """
    scale, decimals = precision or (getattr(ind, "scale", None) or "auto", ind.decimals)
    assert ind.value is not None
    return _number(ind.value, unit, kind, (scale, decimals), script=script, grouping=grouping)


def _number(
    value: Decimal, unit: str, kind: str, precision: Precision, *, script: str, grouping: bool
) -> str:
    scale, decimals = precision
    # a rate is held in the unit of its kind (71.6 means 71.6%); the engine takes ratios
    if kind == "percent":
        return format_percent(value.scaleb(-2), decimals=decimals, script=script)
    if kind == "permille":
        return format_rate(value.scaleb(-3), per=1000, decimals=decimals, script=script)
    if kind == "per100k":
        return format_rate(value.scaleb(-5), per=100000, decimals=decimals, script=script)
    return format_number(
        value, unit, scale=scale, decimals=decimals, grouping=grouping, script=script
    )


def _typed_decimals(numbers: list[Decimal]) -> int | None:
    """The most decimals any of ``numbers`` was typed with (512.0 → 1), or None."""
    places = [-int(n.as_tuple().exponent) for n in numbers if int(n.as_tuple().exponent) < 0]
    return max(places) if places else None


def _shared_decimals(numbers: list[Decimal], scale: str) -> int | None:
    """Decimals (at most 2) that write every number exactly at ``scale``, or None."""
    exp = {"none": 0, "万": 4, "亿": 8, "万亿": 12}[scale]
    places = 0
    for n in numbers:
        mantissa = n.scaleb(-exp).normalize()
        places = max(places, -int(mantissa.as_tuple().exponent))
    return places if places <= 2 else None


def _all_numbers(ind: Indicator | Part) -> list[Decimal]:
    found = [n for n in (ind.value, ind.previous) if n is not None]
    for part in ind.parts:
        found += _all_numbers(part)
    return found


def precision_of(ind: Indicator, *, typed: bool = False) -> Precision:
    """The scale and decimals shared by every number of ``ind``, so that a total, its
    parts, last year's value and the change read alike (90.7万人, 比上年增加5.7万人).

    ``typed`` (statistical bulletins) keeps the decimals the numbers were typed with.

    >>> precision_of(Indicator(name="x", value=907000, previous=850000, decimals=1))
    ('万', 1)
    >>> precision_of(Indicator(name="x", value=5120000, previous=4983000))
    ('万', 1)
    >>> precision_of(Indicator(name="x", value=512.0, unit="万人"), typed=True)
    ('none', 1)
    """
    if ind.kind in _RATE_KINDS:
        return "none", ind.decimals if ind.decimals is not None or not typed else (
            _typed_decimals([n for n in (ind.value, ind.previous) if n is not None])
        )
    numbers = _all_numbers(ind)
    decimals = ind.decimals
    if decimals is None and typed:
        decimals = _typed_decimals(numbers)
    if decimals is not None or ind.scale != "auto":
        return scale_of(ind.value, scale=ind.scale, decimals=decimals), decimals
    scale = scale_of(ind.value)
    shared = _shared_decimals(numbers, scale)
    if scale == "none" or shared is None:
        return _AUTO
    return scale, shared


def _part_precision(part: Part, parent: Precision) -> Precision:
    if part.scale is None and part.decimals is None:
        return parent
    scale = part.scale or ("auto" if parent == _AUTO else parent[0])
    return scale, part.decimals if part.decimals is not None else parent[1]


def _measure(kind: str, change: str | None) -> list[str]:
    if kind in _RATE_KINDS:
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


def _compared(baseline: str) -> str:
    """与上年相比 for 比上年, 与上年同期相比 for 同比."""
    if baseline[:1] in ("比", "较"):
        return f"与{baseline[1:]}相比"
    return "与上年同期相比" if baseline == "同比" else f"与{baseline}相比"


def report_year(meta: Meta) -> int | None:
    """The year a bulletin reports on: ``meta.year``, else the first year in the title.

    >>> report_year(Meta(title="青禾区2024年卫生健康事业发展统计公报"))
    2024
    """
    if meta.year is not None:
        return meta.year
    found = re.search(r"((?:19|20|21)\d\d)年", meta.title)
    return int(found[1]) if found else None


def scope_word(meta: Meta) -> str:
    """全区, 全县, 全市, 全省 from the district's last character; 全国 without a district.

    >>> scope_word(Meta(title="t", district="青禾区")), scope_word(Meta(title="t"))
    ('全区', '全国')
    """
    district = (meta.district or "").strip()
    if not district:
        return "全国"
    return "全" + (district[-1] if district[-1] in "区县市省州旗盟镇乡" else "区")


@dataclass
class SentenceWriter:
    """Writes indicator sentences; with ``vary``, consecutive sentences vary their verbs.

    ``year`` and ``scope`` (2024, 全区) start the sentences of indicators with a
    ``period``; ``typed`` keeps the decimals numbers were typed with.
    """

    baseline: str = "比上年"
    script: str = "hans"
    grouping: bool = False
    #: Whether a verb is replaced by its synonym after a sentence that used it.
    vary: bool = True
    typed: bool = False
    year: int | None = None
    scope: str = "全区"
    _last_verb: str | None = field(default=None, repr=False)

    @classmethod
    def of(cls, meta: Meta, style: Style) -> SentenceWriter:
        """The writer of a document: its style, report year and scope (全区)."""
        return cls(
            baseline=style.baseline, script=style.script, grouping=style.grouping,
            vary=style.vary_verbs, typed=style.typed_decimals, year=report_year(meta),
            scope=scope_word(meta),
        )  # fmt: skip

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
        scale: str = "auto",
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
            elif measure == "amount":
                measure_kwargs["scale"] = scale
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

    def _head(self, ind: Indicator) -> str:
        """2024年末，全区共有医疗卫生机构 / 全区医疗卫生机构总数达."""
        head = f"{ind.lead or ''}{ind.name}"
        if ind.period is not None:
            if self.year is None:
                raise DataError(
                    _t("indicator.period_without_year"),
                    hint=_t("indicator.period_without_year.hint"),
                ).at(("period",))
            when = f"{self.year}年末" if ind.period == "end" else f"{self.year}年"
            head = f"{when}，{self.scope}{head}"
        if ind.total:
            head += "达" if ind.name.endswith(("总数", "总量", "总额")) else "总数达"
        return head

    def _changes(
        self,
        old: Decimal | None,
        new: Decimal | None,
        measures: list[str],
        *,
        kind: str,
        unit: str,
        precision: Precision,
        brackets: bool,
        vary: bool = True,
        baseline: str | None = None,
    ) -> str:
        """比上年增加2.6万人，增长5.1% (or （增长5.1%）); one 与上年持平 at most."""
        if old is None or new is None or not measures:
            return ""
        texts: list[str] = []
        for k, measure in enumerate(measures):
            text = self.change_text(
                old,
                new,
                kind=kind,
                measure=measure,
                unit=unit,
                decimals=precision[1],
                scale=precision[0],
                baseline=baseline if k == 0 else "",
                vary=vary,
            )
            if "持平" in text:
                return text if k == 0 else "，".join(texts)
            texts.append(text)
        if brackets and len(texts) == 2:
            return f"{texts[0]}（{texts[1]}）"
        return "，".join(texts)

    def sentence(
        self, ind: Indicator, *, table: int | None = None, peers: Peers | None = None
    ) -> str:
        """The sentence (or two, with parts) for one indicator; ``table`` is the number of
        the table it refers to with （见表N）, ``peers`` the indicator's values in every
        district of a run (for ``rank_in_city`` and ``share_of_city``)."""
        unit = _sentence_unit(ind)
        precision = precision_of(ind, typed=self.typed)
        value = _number(
            ind.value, unit, ind.kind, precision, script=self.script, grouping=self.grouping
        )
        main = f"{self._head(ind)}{value}"
        change = self._changes(
            ind.previous,
            ind.value,
            _measure(ind.kind, ind.change),
            kind=ind.kind,
            unit=ind.unit,
            precision=precision,
            brackets=ind.brackets,
        )
        if change:
            main += "，" + change
        city = self._city(ind, peers)
        if city:
            main += "，" + city
        text = main
        if (ind.share == "only" or ind.breakdown == "only") and ind.parts:
            # shares without counts: 学历结构：本科及以上占41.2%，大专占33.5%
            text = f"{ind.parts_label}：{self._parts(ind, ind.parts, precision)}"
        elif ind.parts:
            parts = f"{ind.parts_label}：{self._parts(ind, ind.parts, precision)}"
            text += ("，" if ind.breakdown == "clause" else "。") + parts
            together = self._together(ind, precision)
            if together:
                text += "。" + together
        if table is not None and ind.see_table:
            text += f"（见表{table}）"
        return text + "。"

    def _city(self, ind: Indicator, peers: Peers | None) -> str:
        """占全市的15.3%，居全市第3位 (并列第2位 on a tie); nothing in the city summary,
        which has no value of its own to compare."""
        asked = [k for k in ("share_of_city", "rank_in_city") if getattr(ind, k)]
        if not asked:
            return ""
        if peers is None:
            raise DataError(
                _t("indicator.not_from_table", name=ind.name, key=asked[0]),
                hint=_t("indicator.not_from_table.hint", key=asked[0]),
            ).at((asked[0],))
        own = peers.value
        if own is None:
            return ""
        pieces = []
        if ind.share_of_city:
            total = peers.total
            if ind.kind != "count" or not peers.summed or not total:
                raise DataError(
                    _t("indicator.no_city_share", name=ind.name, area=peers.area),
                    hint=_t("indicator.no_city_share.hint", area=peers.area),
                ).at(("share_of_city",))
            share = format_percent(own / total, decimals=1, script=self.script)
            pieces.append(f"占{peers.area}的{share}")
        if ind.rank_in_city:
            place, shared = peers.rank(descending=ind.rank_in_city != "ascending")
            pieces.append(f"居{peers.area}{'并列' if shared else ''}第{place}位")
        return "，".join(pieces)

    def _together(self, ind: Indicator, precision: Precision) -> str:
        """与上年相比，医院增加1个，基层医疗卫生机构增加6个."""
        if ind.parts_change != "together":
            return ""
        pieces = []
        for part in ind.parts:
            if part.previous is None or part.value is None:
                continue
            measures = _measure(ind.kind, part.change or ind.change)[:1]
            unit = ind.unit if part.unit is None else part.unit
            change = self._changes(
                part.previous,
                part.value,
                measures,
                kind=ind.kind,
                unit=unit,
                precision=_part_precision(part, precision),
                brackets=False,
                vary=False,
                baseline="",
            )
            if change:
                pieces.append(part.name + change)
        return f"{_compared(self.baseline)}，" + "，".join(pieces) if pieces else ""

    def _share(self, part: Part, whole: Decimal | None) -> str:
        """占61.3%: the share the data gives, else the part over the whole, to 0.1%."""
        if part.share is not None:
            return "占" + format_percent(
                part.share.scaleb(-2), decimals=_typed_decimals([part.share]) or 0,
                script=self.script,
            )  # fmt: skip
        if part.value is None or not whole:
            return ""
        return "占" + format_percent(part.value / whole, decimals=1, script=self.script)

    def _parts(
        self, ind: Indicator, parts: list[Part], precision: Precision, *,
        whole: Decimal | None = None, nested: bool = False,
    ) -> str:  # fmt: skip
        whole = ind.value if whole is None else whole
        sharing = ind.share and ind.kind == "count"
        each = ind.parts_change == "each" and not nested
        pieces = []
        for part in parts:
            own = _part_precision(part, precision)
            unit = ind.unit if part.unit is None else part.unit
            if ind.share == "only" or part.value is None:
                pieces.append(part.name + self._share(part, whole))
                continue
            piece = part.name + _number(
                part.value, unit, ind.kind, own, script=self.script, grouping=self.grouping
            )
            extra = []
            if sharing and (share := self._share(part, whole)):
                extra.append(share)
            if part.parts:
                inner = self._parts(ind, part.parts, own, whole=part.value, nested=True)
                extra.append(f"其中：{inner}")
            if ind.brackets or part.parts:
                piece += "".join(f"（{e}）" for e in extra)
            else:
                piece += "".join(f"，{e}" for e in extra)
            change = self._changes(
                part.previous,
                part.value,
                _measure(ind.kind, part.change or ind.change)[: 2 if part.change else 1],
                kind=ind.kind,
                unit=unit,
                precision=own,
                brackets=ind.brackets,
                vary=False,
            )
            if each and change:
                piece += "，" + change
            pieces.append(piece)
        if nested or ind.parts_join == "、":
            return ind.parts_join.join(pieces) if not nested else "，".join(pieces)
        if any("，" in p for p in pieces):
            return "；".join(pieces)
        return "，".join(pieces)


def indicator_error(exc: BulletinError, ind: Indicator, path: DataPath) -> BulletinError:
    """An indicator that cannot be written, as an error at its data path.

    A growth rate from a previous value of 0 points at ``previous`` and says
    what to write in the data file instead; an error about one of the indicator's
    options (``period``, ``rank_in_city``) stays at that option, with its own message.
    """
    if exc.path:
        inner, exc.path = exc.path, None
        return exc.at((*path, *inner))
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


def _row(
    writer: SentenceWriter, item: Indicator | Part, ind: Indicator, precision: Precision
) -> list[str]:
    """One table row: name, this year, last year, the change (as the text writes them)."""
    script, grouping = writer.script, writer.grouping
    unit = ind.unit if getattr(item, "unit", None) is None else str(item.unit)
    if item.value is None:
        return [item.name, "—", "—", "—"]
    now = _number(item.value, unit, ind.kind, precision, script=script, grouping=grouping)
    if item.previous is None:
        return [item.name, now, "—", "—"]
    prev = _number(item.previous, unit, ind.kind, precision, script=script, grouping=grouping)
    measures = _measure(ind.kind, ind.change) or ["amount"]
    change = writer.change_text(
        item.previous,
        item.value,
        kind=ind.kind,
        measure=measures[0],
        unit=unit,
        decimals=precision[1],
        scale=precision[0],
        vary=False,
    )
    return [item.name, now, prev, change]


def indicator_rows(
    indicators: list[Indicator], style: Style | None = None, *, parts: bool = False
) -> tuple[list[str], list[list[str]], list[int]]:
    """The indicator table's header, rows and each row's indent: 指标, 本期, 上期 and the
    change, as the text writes them (indicators with ``table: false`` are left out). With
    ``parts``, an indicator's parts follow it as indented rows. Every number of an
    indicator has the same precision, so a column never mixes 512万人 and 498.3万人.

    >>> from bulletin.load.model import Indicator
    >>> indicator_rows([Indicator(name="床位", value=1000, previous=950, unit="张")])
    (['指标', '本年', '上年', '比上年增减'], [['床位', '1000张', '950张', '增加50张']], [0])
    """
    style = style or Style()
    baseline = style.baseline
    writer = SentenceWriter(baseline="", script=style.script, grouping=style.grouping)
    period = "本年" if "上年" in baseline else "本期"
    before = "上年" if "上年" in baseline else "上期"
    rows: list[list[str]] = []
    indents: list[int] = []

    def add(item: Indicator | Part, ind: Indicator, precision: Precision, depth: int) -> None:
        rows.append(_row(writer, item, ind, precision))
        indents.append(depth)
        if parts:
            for part in item.parts:
                add(part, ind, _part_precision(part, precision), depth + 1)

    for ind in indicators:
        if ind.table:
            add(ind, ind, precision_of(ind, typed=style.typed_decimals), 0)
    return ["指标", period, before, f"{baseline}增减"], rows, indents


def common_unit(rows: list[list[str]]) -> str | None:
    """The unit every number of the table ends with (个, 万人), so the title can name it once.

    >>> common_unit([["机构", "312个", "305个", "增加7个"], ["医院", "8个", "8个", "持平"]])
    '个'
    """
    cells = [c for row in rows for c in row[1:] if any(ch.isdigit() for ch in c)]
    if not cells:
        return None
    first = cells[0]
    k = len(first)
    while k and not first[k - 1].isdigit():
        k -= 1
    unit = first[k:]
    if not unit or unit in ("%", "‰") or not all(c.endswith(unit) for c in cells):
        return None
    if not all(c[: -len(unit)][-1:].isdigit() for c in cells):
        return None
    return unit


def indicator_table(indicators: list[Indicator], style: Style | None = None) -> str:
    """The indicator table in GFM (for scripts; documents get it through their template).

    >>> from bulletin.load.model import Indicator
    >>> print(indicator_table([Indicator(name="床位", value=1000, previous=950, unit="张")]))
    | 指标 | 本年 | 上年 | 比上年增减 |
    |:---|---:|---:|---:|
    | 床位 | 1000张 | 950张 | 增加50张 |
    """
    head, rows, _ = indicator_rows(indicators, style)
    lines = ["| " + " | ".join(head) + " |", "|:---|" + "---:|" * (len(head) - 1)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
