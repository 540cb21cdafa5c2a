"""Values across the documents of one run: a figure's value in every district.

When one template renders one document per row of a wide table, each
figure read from a column knows the whole column: its :class:`Peers`. From
them come the city-wide values a district bulletin quotes: the rank among
districts (ties share a place and the next place is skipped, as statistical
offices rank: 1, 2, 2, 4), the share of the city total, the city total and
the average, and the districts with the largest and smallest value.

>>> from decimal import Decimal as D
>>> p = Peers(area="全市", names=("甲区", "乙区", "丙区", "丁区"),
...           values=(D(30), D(50), D(50), D(10)), own=1)
>>> p.rank(), Peers(**{**p.__dict__, "own": 0}).rank(), p.total, p.average
((1, True), (3, False), Decimal('140'), Decimal('35'))
>>> p.top, p.bottom, p.comparison()
(('乙区', '丙区'), ('丁区',), 1)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["Peers"]


@dataclass(frozen=True)
class _Summary:
    """What every district's copy of one column's :class:`Peers` shares, worked out once
    (a city of 2,800 districts would otherwise go through the column for each of them)."""

    ordered: tuple[Decimal, ...]  # the known values, smallest first
    sum: Decimal
    top: tuple[str, ...]  # the districts with the largest value
    bottom: tuple[str, ...]  # and with the smallest

    @classmethod
    def of(cls, names: tuple[str, ...], values: tuple[Decimal | None, ...]) -> _Summary:
        known = [(n, v) for n, v in zip(names, values, strict=True) if v is not None]
        ordered = tuple(sorted(v for _, v in known))
        if not ordered:
            return cls(ordered, Decimal(0), (), ())
        top = tuple(n for n, v in known if v == ordered[-1])
        bottom = tuple(n for n, v in known if v == ordered[0])
        return cls(ordered, sum(ordered, Decimal(0)), top, bottom)


@dataclass(frozen=True)
class Peers:
    """One figure's values in every document of a run (one per row).

    ``names`` and ``values`` are in row order (``None``: the cell was empty);
    ``own`` is this document's row (``None`` for the city summary). ``stated``
    is the value of the table's 合计 row, when it has one (for rates it is the
    city's rate, which no sum or mean gives). ``area`` is how the text names
    the whole: 全市, 全省, 全州. The copies made for each row with
    :func:`dataclasses.replace` share one summary of the column.
    """

    area: str
    names: tuple[str, ...]
    values: tuple[Decimal | None, ...]
    own: int | None = None
    stated: Decimal | None = None
    summary: _Summary | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.summary is None:
            object.__setattr__(self, "summary", _Summary.of(self.names, self.values))

    @property
    def _column(self) -> _Summary:
        assert self.summary is not None  # set in __post_init__
        return self.summary

    @property
    def value(self) -> Decimal | None:
        """This document's value (``None`` for the summary or an empty cell)."""
        return None if self.own is None else self.values[self.own]

    def rank(self, *, descending: bool = True) -> tuple[int, bool]:
        """The place of this document's value, largest first, and whether it is shared."""
        own = self.value
        if own is None:
            raise ValueError("no value of its own")
        ordered = self._column.ordered
        below, up_to = bisect_left(ordered, own), bisect_right(ordered, own)
        ahead = len(ordered) - up_to if descending else below
        return ahead + 1, up_to - below > 1

    @property
    def total(self) -> Decimal:
        """The 合计 row's value, else the sum of the rows."""
        if self.stated is not None:
            return self.stated
        return self._column.sum

    @property
    def summed(self) -> bool:
        """Whether the total is a sum (no 合计, or one at least as large as every row);
        a smaller 合计 is the city's own ratio or average, of which no share can be taken."""
        ordered = self._column.ordered
        return self.stated is None or not ordered or self.stated >= ordered[-1]

    @property
    def average(self) -> Decimal:
        """The mean of the rows (unweighted: each district counts once)."""
        column = self._column
        return column.sum / len(column.ordered) if column.ordered else Decimal(0)

    @property
    def top(self) -> tuple[str, ...]:
        """The districts with the largest value (more than one on a tie)."""
        return self._column.top

    @property
    def bottom(self) -> tuple[str, ...]:
        """The districts with the smallest value."""
        return self._column.bottom

    def comparison(self, reference: Decimal | None = None) -> int:
        """1 above the average (or ``reference``), -1 below, 0 level with it."""
        own = self.value
        if own is None:
            raise ValueError("no value of its own")
        ref = self.average if reference is None else reference
        return (own > ref) - (own < ref)
