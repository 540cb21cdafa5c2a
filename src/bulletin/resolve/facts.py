"""Turn the document's figures into value objects that print themselves.

A :class:`Fact` is what prose and templates see under a figure's name:
``{{ first_dose }}`` prints the figure with its unit, scale and qualifier,
always through the number engine, so the same figure reads the same
everywhere.

>>> from bulletin.load.model import Figure
>>> fact = Fact("funds", Figure(value=3040000, unit="元", approx="余", scale="万", significant=1))
>>> str(fact)
'300余万元'
>>> fact.value
Decimal('3040000')

Derived values are computed here, once, and read the same way in prose and
templates: the change against ``previous`` (by the verb family of STYLE §3),
the growth rate, the completion of ``target``, shares and ranks inside ``by``,
and rates per 1000 of another figure.

>>> beds = Fact("beds", Figure(value=4128, previous=3986, target=4200, unit="张",
...             by={"医院": 3215, "基层": 836, "专业公卫": 77}))
>>> beds.change, beds.growth, beds.completion
('比上年增加142张', '比上年增长3.6%', '98.3%')
>>> beds.top, beds.share("医院"), beds.rank("基层"), beds.total
('医院', '77.9%', '第二', '4128张')
>>> rate = Fact("rate", Figure(value="71.6%", previous="74.3%"))
>>> rate.change
'比上年降低2.7个百分点'
>>> doctors = Fact("doctors", Figure(value=1808, unit="人"))
>>> doctors.per(Fact("pop", Figure(value=623500, unit="人")), 1000)
'2.90人'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from ..errors import TemplateError, did_you_mean
from ..load.model import Document, Figure
from ..load.peers import Peers
from ..messages import N_
from ..messages import text as _t
from ..numbers.numerals import to_chinese_numeral
from ..numbers.quantities import (
    completion_ratio,
    format_change,
    format_number,
    format_percent,
    parse_number,
)
from .style import Style

__all__ = ["FACT_ATTRIBUTES", "Fact", "resolve_facts"]

#: Attributes a template may read from a figure (checked before rendering).
FACT_ATTRIBUTES = frozenset(
    {
        "name",
        "value",
        "unit",
        "label",
        "as_of",
        "by",
        "series",
        "target",
        "previous",
        "source",
        "text",
        "number",
        "change",
        "growth",
        "completion",
        "share",
        "rank",
        "top",
        "total",
        "per",
        "rank_in_city",
        "rank_in_city_ascending",
        "share_of_city",
        "city_total",
        "city_average",
        "vs_city_average",
        "city_top",
        "city_bottom",
        "city_count",
    }
)


class Fact:
    """A figure bound to its name and script, printable in Jinja as ``{{ name }}``."""

    __slots__ = (
        "_baseline", "_figure", "_grouping", "_numbers", "_peers", "_script", "_written", "name",
    )  # fmt: skip

    def __init__(
        self, name: str, figure: Figure, style: Style | None = None, peers: Peers | None = None
    ) -> None:
        style = style or Style()
        self._peers = peers
        self.name = name
        self._figure = figure
        self._script = style.script
        self._baseline = style.baseline
        self._grouping = style.grouping
        self._numbers = style.numbers()
        self._written: dict[str, str] = {}  # unit → text: each figure is formatted once

    def __bulletin_value__(self) -> Decimal:
        """The exact value, for the number filters (``{{ x | number("人") }}``)."""
        if self._figure.value is None:
            raise TemplateError(
                _t("fact.no_value", name=self.name),
                hint=_t("fact.no_value.hint", name=self.name),
            )
        return self._figure.value

    @property
    def value(self) -> Decimal | None:
        """The exact value as read from the file."""
        return self._figure.value

    @property
    def unit(self) -> str:
        """The unit (measure word) written after the number."""
        return self._figure.unit

    @property
    def label(self) -> str:
        """A readable name for charts and tables (falls back to the key)."""
        return self._figure.label or self.name

    @property
    def as_of(self) -> dt.date | dt.datetime | None:
        """When the figure was counted (``截至……``)."""
        return self._figure.as_of

    @property
    def target(self) -> Decimal | None:
        """The planned value, if any."""
        return self._figure.target

    @property
    def previous(self) -> Decimal | None:
        """The previous period's value, if any."""
        return self._figure.previous

    @property
    def source(self) -> str | None:
        """Where the figure comes from."""
        return self._figure.source

    @property
    def by(self) -> Mapping[str, Decimal]:
        """The breakdown by category (empty when none)."""
        return dict(self._figure.by or {})

    @property
    def series(self) -> Mapping[str, Decimal]:
        """Values over time (empty when none)."""
        return dict(self._figure.series or {})

    @property
    def figure(self) -> Figure:
        """The underlying model object."""
        return self._figure

    @property
    def number(self) -> str:
        """The formatted number without its unit (``128.57万``)."""
        return self._format(unit="")

    @property
    def text(self) -> str:
        """The formatted number with its unit (same as ``str(fact)``)."""
        return self._format(unit=self.unit)

    def _format(self, *, unit: str) -> str:
        if unit not in self._written:
            self._written[unit] = self._write(unit)
        return self._written[unit]

    def _write(self, unit: str) -> str:
        f = self._figure
        return format_number(
            self.__bulletin_value__(), unit, scale=f.scale, decimals=f.decimals,
            significant=f.significant, approx=f.approx, **self._numbers,
        )  # fmt: skip

    def __str__(self) -> str:
        return self.text

    # ------------------------------------------------------------------ derived values

    def _need(self, what: str, key: str) -> TemplateError:
        """``what`` is the message id naming what is missing, ``key`` the key to write."""
        return TemplateError(
            _t("fact.needs", name=self.name, what=_t(what)),
            hint=_t("fact.needs.hint", name=self.name, key=key),
        )

    def _previous(self) -> Decimal:
        if self._figure.previous is None:
            raise self._need(N_("fact.what.previous"), "previous")
        return self._figure.previous

    @property
    def change(self) -> str:
        """``比上年增加142张``; a percentage changes in points: ``比上年降低2.7个百分点``."""
        old, new = self._previous(), self.__bulletin_value__()
        if self.unit == "%":
            return format_change(
                old / 100,
                new / 100,
                measure="points",
                baseline=self._baseline,
                script=self._script,
            )
        f = self._figure
        return format_change(
            old,
            new,
            unit=self.unit,
            measure="amount",
            baseline=self._baseline,
            scale=f.scale,
            decimals=f.decimals,
            grouping=self._grouping,
            script=self._script,
        )

    @property
    def growth(self) -> str:
        """The relative change, one decimal: ``比上年增长3.6%``."""
        return format_change(
            self._previous(),
            self.__bulletin_value__(),
            measure="percent",
            baseline=self._baseline,
            decimals=1,
            script=self._script,
        )

    @property
    def completion(self) -> str:
        """Value over target as a percentage: ``98.3%``."""
        if not self._figure.target:
            raise self._need(N_("fact.what.target"), "target")
        ratio = completion_ratio(self.__bulletin_value__(), self._figure.target)
        return format_percent(ratio, decimals=1, script=self._script)

    def _parts(self) -> dict[str, Decimal]:
        if not self._figure.by:
            raise self._need(N_("fact.what.by"), "by")
        return dict(self._figure.by)

    def _part(self, name: str) -> Decimal:
        parts = self._parts()
        if name not in parts:
            raise TemplateError(
                _t("fact.no_part", name=self.name, part=name),
                hint=did_you_mean(name, parts)
                or _t("hint.available", names=_t("list.separator").join(parts)),
            )
        return parts[name]

    @property
    def total(self) -> str:
        """The sum of the parts, with the unit: ``4128张``."""
        return format_number(
            sum(self._parts().values()), self.unit, grouping=self._grouping, script=self._script
        )

    @property
    def top(self) -> str:
        """The name of the largest part."""
        parts = self._parts()
        return max(parts, key=lambda k: parts[k])

    def share(self, name: str, decimals: int = 1) -> str:
        """The part ``name`` as a share of the value (or of the parts' sum): ``77.9%``."""
        part = self._part(name)
        whole = self._figure.value or sum(self._parts().values())
        return format_percent(part / whole, decimals=decimals, script=self._script)

    def rank(self, name: str) -> str:
        """Where part ``name`` stands among the parts, largest first: ``第一``."""
        part = self._part(name)
        place = 1 + sum(1 for v in self._parts().values() if v > part)
        return to_chinese_numeral(place, ordinal=True, script=self._script)

    def per(self, whole: Fact, per: int = 1000, decimals: int = 2) -> str:
        """This figure per ``per`` of another: doctors per 1000 people → ``2.90人``."""
        base = parse_number(whole)
        if base == 0:
            raise TemplateError(_t("fact.zero_whole", name=whole.name))
        rate = self.__bulletin_value__() * per / base
        return format_number(
            rate,
            self.unit,
            scale="none",
            decimals=decimals,
            grouping=self._grouping,
            script=self._script,
        )

    # ------------------------------------------------ across the documents of a run

    def _among(self, own: bool = True) -> Peers:
        peers = self._peers
        if peers is None:
            raise TemplateError(
                _t("fact.not_from_table", name=self.name),
                hint=_t("fact.not_from_table.hint"),
            )
        if own and peers.value is None:
            raise TemplateError(
                _t("fact.no_own_value", name=self.name, area=peers.area),
                hint=_t("fact.no_own_value.hint"),
            )
        return peers

    def _whole(self, value: Decimal, decimals: int | None = None) -> str:
        f = self._figure
        return format_number(
            value, self.unit, scale=f.scale, decimals=f.decimals if decimals is None else decimals,
            grouping=self._grouping, script=self._script,
        )  # fmt: skip

    @property
    def rank_in_city(self) -> str:
        """The place among the districts, largest first: ``第3位``; a tie ``并列第2位``
        (the next place is skipped: 1, 2, 2, 4)."""
        place, shared = self._among().rank()
        return f"{'并列' if shared else ''}第{place}位"

    @property
    def rank_in_city_ascending(self) -> str:
        """The place among the districts, smallest first (for what is better smaller,
        such as 平均住院日): ``第1位`` for the shortest."""
        place, shared = self._among().rank(descending=False)
        return f"{'并列' if shared else ''}第{place}位"

    @property
    def share_of_city(self) -> str:
        """This district's part of the city total: ``15.2%``."""
        peers = self._among()
        total = peers.total
        if self.unit in ("%", "‰") or total == 0 or not peers.summed:
            raise TemplateError(_t("fact.no_city_share", name=self.name))
        return format_percent(self.__bulletin_value__() / total, decimals=1, script=self._script)

    @property
    def city_total(self) -> str:
        """The city total (the table's 合计 row, else the sum of the rows): ``4128张``."""
        return self._whole(self._among(own=False).total)

    @property
    def city_average(self) -> str:
        """The mean of the districts (each counts once), as precise as the figure."""
        average = self._among(own=False).average
        decimals = self._figure.decimals
        if decimals is None:
            decimals = 0 if average == average.to_integral_value() else 1
        return self._whole(average, decimals)

    @property
    def vs_city_average(self) -> str:
        """``高于全市平均水平``, ``低于全市平均水平`` or ``与全市平均水平持平``."""
        peers = self._among()
        side = peers.comparison()
        area = peers.area
        return {1: f"高于{area}平均水平", -1: f"低于{area}平均水平"}.get(
            side, f"与{area}平均水平持平"
        )

    @property
    def city_top(self) -> str:
        """The district(s) with the largest value: ``乙区`` (``乙区、丙区`` on a tie)."""
        return "、".join(self._among(own=False).top)

    @property
    def city_bottom(self) -> str:
        """The district(s) with the smallest value."""
        return "、".join(self._among(own=False).bottom)

    @property
    def city_count(self) -> int:
        """How many districts the comparison is among."""
        return len(self._among(own=False).names)

    def __repr__(self) -> str:
        return f"Fact({self.name!r}, value={self._figure.value!r}, unit={self.unit!r})"


def resolve_facts(doc: Document, style: Style | None = None) -> dict[str, Fact]:
    """Every figure of ``doc`` as a :class:`Fact`, keyed by its name."""
    style = style or Style.of(doc.meta)
    peers: dict[str, Peers] = getattr(doc.marks, "peers", {})
    return {name: Fact(name, fig, style, peers.get(name)) for name, fig in doc.figures.items()}
