"""Values across districts (bulletin.load.peers): ranks, totals and extremes against
their definitions, for any column."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bulletin.load.peers import Peers

cells = st.lists(st.one_of(st.none(), st.integers(-5, 5).map(Decimal)), min_size=1, max_size=12)


@given(cells)
def test_every_rows_copy_agrees_with_the_definitions(values: list[Decimal | None]) -> None:
    names = tuple(f"区{k}" for k in range(len(values)))
    column = Peers("全市", names, tuple(values))
    known = [(n, v) for n, v in zip(names, values, strict=True) if v is not None]
    for k, own in enumerate(values):
        row = replace(column, own=k)
        assert row.summary is column.summary  # worked out once for the column
        if own is None:
            continue
        others = [v for _, v in known]
        for descending in (True, False):
            ahead = sum(1 for v in others if (v > own if descending else v < own))
            assert row.rank(descending=descending) == (ahead + 1, others.count(own) > 1)
        average = sum(others, Decimal(0)) / len(others)
        assert row.comparison() == (own > average) - (own < average)
    assert column.total == sum((v for _, v in known), Decimal(0))
    if known:
        assert column.top == tuple(n for n, v in known if v == max(v for _, v in known))
        assert column.bottom == tuple(n for n, v in known if v == min(v for _, v in known))
    else:
        assert column.top == column.bottom == ()
