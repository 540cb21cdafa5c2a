"""The number engine as Jinja filters, registered in one place.

A filter receives the value first and takes the function's other arguments:
``{{ x | number("人") }}``, ``{{ old | change(new, unit="个") }}``,
``{{ low | range(high, "名") }}``. Objects with ``__bulletin_value__`` (figures)
are accepted wherever a number is.

>>> import jinja2
>>> env = register_filters(jinja2.Environment())
>>> env.from_string('{{ x | number("剂次") }}，{{ r | percent }}').render(x=1285700, r=0.952)
'128.57万剂次，95.2%'
>>> env = register_filters(jinja2.Environment(), script="hant")
>>> env.from_string('{{ x | number("元") }}').render(x=450000000)
'4.5億元'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from . import quantities
from .dates import format_date
from .numerals import join_items, to_chinese_numeral
from .scripts import normalize_script

__all__ = ["FILTERS", "register_filters"]

#: Filter name → function (the value is the first argument).
FILTERS: dict[str, Callable[..., str]] = {
    "number": quantities.format_number,
    "percent": quantities.format_percent,
    "rate": quantities.format_rate,
    "points": quantities.format_points,
    "change": quantities.format_change,
    "range": quantities.format_range,
    "date": format_date,
    "numeral": to_chinese_numeral,
    "join_items": join_items,
}


#: Filters whose numbers may be grouped with commas.
_GROUPING = frozenset({"number", "change", "range"})


def _with_script(
    function: Callable[..., str], script: str, grouping: bool | None = None
) -> Callable[..., str]:
    @functools.wraps(function)
    def filter_(value: Any, *args: Any, **kwargs: Any) -> str:
        kwargs.setdefault("script", script)
        if grouping is not None:
            kwargs.setdefault("grouping", grouping)
        return function(value, *args, **kwargs)

    return filter_


def register_filters(env: Any, *, script: str | None = None, grouping: bool | None = None) -> Any:
    """Install the filters on a Jinja environment and return the environment.

    With ``script``, every filter defaults to that script (a call may still
    pass its own ``script=``); without it, the functions' default ``hans``.
    ``grouping`` sets the default digit grouping of ``number``, ``change`` and
    ``range`` (used for Taiwan and Hong Kong texts).

    >>> import jinja2
    >>> env = register_filters(jinja2.Environment(), script="hant-tw")
    >>> env.from_string('{{ x | points }}').render(x=0.027)
    '2.7個百分點'
    """
    if script is None:
        env.filters.update(FILTERS)
    else:
        canonical = normalize_script(script)
        env.filters.update(
            {
                name: _with_script(function, canonical, grouping if name in _GROUPING else None)
                for name, function in FILTERS.items()
            }
        )
    return env
