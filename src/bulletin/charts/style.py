"""The look of every chart: a restrained red/gold palette with greys.

The style of Chinese official and newspaper infographics: one accent red
(the leader, this period), a muted gold as the second colour, warm greys for
everything else; no frames, no 3-D, no shadows, no legends where a direct label
will do, light gridlines only where the reader needs to read values off an
axis. Sizes are chosen for phone width: a chart is 5 inches (360 pt) wide, so
an SVG shown at its natural size on a phone keeps 12 px labels.

Everything here is plain data; :func:`style_digest` folds it into the cache
key so that changing the style redraws every chart.

>>> PALETTE["red"]
'#B8232F'
>>> series_colors(3)
('#B8232F', '#C9A063', '#6E6A66')
>>> len(style_digest())
16
"""

from __future__ import annotations

import hashlib
import json

__all__ = [
    "DPI",
    "PALETTE",
    "SIZES",
    "STYLE_VERSION",
    "WIDTH",
    "pie_colors",
    "series_colors",
    "style_digest",
]

#: Bump when drawing code changes in a way the palette and sizes do not show.
STYLE_VERSION = 1

PALETTE = {
    "red": "#B8232F",  # accent: the leader, this period, the completed part
    "red_light": "#E2A3A0",
    "gold": "#C9A063",  # second series, target lines
    "gold_light": "#E6D3AE",
    "ink": "#222222",  # titles
    "text": "#4A4643",  # labels
    "muted": "#8A847E",  # notes: 单位, 数据来源
    "bar": "#BDB4AA",  # ordinary bars next to a highlighted leader
    "axis": "#B5AFA8",  # the one baseline
    "grid": "#E9E5E0",  # light gridlines, progress tracks
    "background": "#FFFFFF",
}

_SERIES = ("red", "gold", "dark_grey", "red_light", "gold_light", "bar")
_EXTRA = {"dark_grey": "#6E6A66"}

#: Figure width in inches (5 in = 360 pt = phone width at 1:1), PNG resolution.
WIDTH = 5.0
DPI = 200

#: Font sizes in points and heights in inches.
SIZES = {
    "title": 14.5,
    "label": 11.5,
    "value": 11.0,
    "small_value": 9.5,
    "note": 9.5,
    "legend": 10.0,
    "progress_value": 20.0,
    "bar_height": 3.4,  # bar, grouped, stacked, line
    "pie_height": 3.6,
    "row_height": 0.42,  # barh: per category
    "progress_row": 0.95,  # progress: per item
    "margin": 0.16,  # outer margin
}


def _color(name: str) -> str:
    return PALETTE.get(name) or _EXTRA[name]


def series_colors(n: int) -> tuple[str, ...]:
    """Colours for ``n`` series: red, gold, dark grey, then lighter tints (cycled)."""
    return tuple(_color(_SERIES[i % len(_SERIES)]) for i in range(n))


def pie_colors(n: int) -> tuple[str, ...]:
    """Colours for ``n`` slices, the largest first; 其他 is always light grey.

    >>> pie_colors(2)
    ('#B8232F', '#C9A063')
    """
    return series_colors(n)


def style_digest() -> str:
    """A short digest of the whole style (palette, sizes, version) for cache keys."""
    text = json.dumps(
        {"v": STYLE_VERSION, "p": PALETTE, "x": _EXTRA, "s": SIZES, "w": WIDTH, "d": DPI},
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]
