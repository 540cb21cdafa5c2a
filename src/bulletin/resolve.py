"""Turn the document's figures into value objects that print themselves.

A :class:`Fact` is what prose and templates see under a figure's name:
``{{ first_dose }}`` prints the figure with its unit, scale and qualifier,
always through the number engine, so the same figure reads the same
everywhere.

>>> from bulletin.model import Figure
>>> fact = Fact("funds", Figure(value=3040000, unit="元", approx="余", scale="万", significant=1))
>>> str(fact)
'300余万元'
>>> fact.value
Decimal('3040000')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from .errors import TemplateError
from .model import Document, Figure
from .numbers import format_number

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
    }
)


class Fact:
    """A figure bound to its name and script, printable in Jinja as ``{{ name }}``."""

    __slots__ = ("_figure", "_script", "name")

    def __init__(self, name: str, figure: Figure, *, script: str = "hans") -> None:
        self.name = name
        self._figure = figure
        self._script = script

    def __bulletin_value__(self) -> Decimal:
        """The exact value, for the number filters (``{{ x | number("人") }}``)."""
        if self._figure.value is None:
            raise TemplateError(
                f"数据 “{self.name}” 没有 value，不能直接写进正文",
                hint=f"给 {self.name} 写上 value:，或引用它的某一项",
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
        f = self._figure
        return format_number(
            self.__bulletin_value__(),
            unit,
            scale=f.scale,
            decimals=f.decimals,
            significant=f.significant,
            approx=f.approx,
            script=self._script,
        )

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Fact({self.name!r}, value={self._figure.value!r}, unit={self.unit!r})"


def resolve_facts(doc: Document, *, script: str = "hans") -> dict[str, Fact]:
    """Every figure of ``doc`` as a :class:`Fact`, keyed by its name."""
    return {name: Fact(name, fig, script=script) for name, fig in doc.figures.items()}
