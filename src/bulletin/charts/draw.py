"""Draw a :class:`~bulletin.charts.spec.ChartSpec` to SVG or PNG bytes.

Drawing uses matplotlib's object-oriented API only: a fresh
:class:`matplotlib.figure.Figure` per chart, no pyplot, so nothing global keeps
figures alive. The layout is computed here in inches from the texts (no
``bbox_inches="tight"``, which draws twice, and no constrained layout), so one
chart costs one draw. The output is byte-identical for the same input: the SVG
hash salt is fixed and the date and software stamps of both formats are
removed.

matplotlib is imported inside :func:`draw` only, so ``import bulletin`` stays
fast.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from ..errors import BulletinError, expect
from ..messages import text as _t
from ..numbers.quantities import completion_ratio, format_percent
from ..numbers.scripts import groups_digits, normalize_script
from .fonts import font_family
from .glyphs import check_font, drop_emoji
from .spec import (
    ChartSpec,
    chart_scale,
    for_script,
    format_chart_number,
    label_decimals,
    unit_note,
)
from .style import DPI, PALETTE, SIZES, WIDTH, series_colors

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = ["FORMATS", "draw"]

#: Output formats :func:`draw` writes.
FORMATS = ("svg", "png")

#: The fixed SVG hash salt (element ids) that makes SVG output reproducible.
SVG_HASHSALT = "bulletin"

_PT = 1 / 72  # inches per point


def draw(
    spec: ChartSpec,
    fmt: str = "svg",
    *,
    script: str = "hans",
    font: str | os.PathLike[str] | None = None,
    dpi: int | None = None,
    grouping: bool | None = None,
) -> bytes:
    """Draw ``spec`` and return the file's bytes (``fmt`` is ``"svg"`` or ``"png"``).

    ``script`` converts the chart's texts for Traditional readers (OpenCC, with
    the spec's quote style, kept words and place names: :meth:`ChartSpec.convert`) and
    picks the font face and the number words (萬/億); ``font`` names another
    font (a file path or an installed family); ``dpi`` sets the PNG resolution
    (default 200, so a 5-inch chart is 1000 pixels wide); ``grouping`` puts
    commas between groups of digits (None: as texts of the script do).
    """
    expect(spec, ChartSpec, "draw.spec", "api.form.chart_spec")
    if fmt not in FORMATS:
        raise BulletinError(_t("chart.bad_format", value=fmt), hint=_t("chart.bad_format.hint"))
    script = normalize_script(script)
    family = font_family(script, font)
    spec = spec.map_text(drop_emoji)
    check_font(family, [spec], script)
    spec = for_script(spec, script)
    if any(len(c) > MAX_LABEL for c in spec.categories):  # the alt text keeps them whole
        spec = replace(spec, categories=tuple(_short(c) for c in spec.categories))

    import matplotlib
    from matplotlib.figure import Figure

    rc: dict[RcKeyType, Any] = {
        "font.family": [family],
        "font.size": SIZES["label"],
        "svg.hashsalt": SVG_HASHSALT,
        "svg.fonttype": "path",
        "axes.unicode_minus": False,
        "text.usetex": False,
        "figure.facecolor": PALETTE["background"],
        "savefig.facecolor": PALETTE["background"],
        "path.simplify": True,
    }
    with matplotlib.rc_context(rc):
        # No pyplot: nothing keeps the figure once drawn, so it is freed like any object
        # (clearing it first would cost as much as drawing its axes again).
        fig = Figure(figsize=(WIDTH, 3.0), dpi=dpi or DPI)
        grouped = groups_digits(script) if grouping is None else grouping
        _Chart(fig, spec, script, grouped).draw()
        out = io.BytesIO()
        metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, dpi=dpi or DPI, metadata=metadata)
    return out.getvalue()


# --------------------------------------------------------------------------- text metrics


#: Longest category label drawn (characters); longer ones end in "…" in the picture.
MAX_LABEL = 40


def _short(label: str) -> str:
    """``label`` cut to :data:`MAX_LABEL` characters for the picture.

    >>> _short("长" * 50) == "长" * 39 + "…"
    True
    """
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _em(ch: str) -> float:
    """Approximate advance width of one character in em (Noto Sans CJK)."""
    o = ord(ch)
    if o >= 0x2E80 or ch in "“”‘’—…":
        return 1.0
    if ch in "ilj.,:;'|!":
        return 0.3
    if ch in " ()[]1-":
        return 0.45
    if ch.isupper() or ch in "%mwMW":
        return 0.8
    return 0.57


def text_width(text: str, size: float) -> float:
    """Approximate width in inches of the widest line of ``text`` at ``size`` points."""
    return max((sum(_em(c) for c in line) for line in text.split("\n")), default=0) * size * _PT


def _lines(text: str) -> int:
    return text.count("\n") + 1


def wrap(text: str, max_em: float) -> str:
    """Break ``text`` into lines of at most ``max_em`` em (Chinese breaks anywhere).

    Latin words and numbers are kept whole; a line never starts with closing punctuation.
    """
    if sum(_em(c) for c in text) <= max_em:
        return text
    tokens: list[str] = []
    for ch in text:
        prev = tokens[-1][-1:] if tokens else ""
        glued = (ch.isascii() and ch.isalnum()) or ch in ".%"
        if prev and (
            (glued and prev.isascii() and prev.isalnum()) or ch in "，。、；：？！）》”’%"
        ):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    lines, cur, width = [], "", 0.0
    for tok in tokens:
        w = sum(_em(c) for c in tok)
        if cur and width + w > max_em:
            lines.append(cur.rstrip())
            cur, width = tok.lstrip(), sum(_em(c) for c in tok.lstrip())
        else:
            cur, width = cur + tok, width + w
    lines.append(cur)
    return "\n".join(lines)


# --------------------------------------------------------------------------- the chart


class _Chart:
    """One chart being drawn: layout in inches, then the type's drawing method."""

    def __init__(self, fig: Any, spec: ChartSpec, script: str, grouping: bool) -> None:
        self.fig = fig
        self.spec = spec
        self.script = script
        self.grouping = grouping
        self.W = WIDTH
        self.m = SIZES["margin"]
        self.scale = spec.common_scale()
        self.factor = spec.type in ("grouped", "stacked") and self.scale != "none"
        self.percent_unit = spec.unit in ("%", "‰")

    # -- helpers -------------------------------------------------------------------------

    def word(self, text: str) -> str:
        """One of the chart's own words (目标, 合计 …), written as the chart's texts are."""
        return self.spec.convert(text, self.script)

    def num(
        self,
        value: Decimal | float,
        *,
        unit: bool = False,
        factor: bool | None = None,
        decimals: int | None = None,
    ) -> str:
        """A number on the chart: common scale, unit only where asked (or for %)."""
        u = self.spec.unit if (unit or self.percent_unit) else ""
        return format_chart_number(
            value,
            u,
            scale=self.scale,
            script=self.script,
            factor=self.factor if factor is None else factor,
            grouping=self.grouping,
            decimals=decimals,
        )

    def places(self, values: Sequence[Decimal | None]) -> int:
        """The one precision of a series' value labels ("14.0" next to "13.1", not "14")."""
        unit = self.spec.unit if self.percent_unit else ""
        return label_decimals(values, unit, scale=self.scale, factor=self.factor)

    def full(self, value: Decimal) -> str:
        """A number with its unit, exact (notes under progress bars, donut totals)."""
        unit = self.spec.unit
        return format_chart_number(
            value,
            unit,
            scale=chart_scale([value], unit),
            script=self.script,
            grouping=self.grouping,
        )

    def pct(self, ratio: Decimal, rounding: str = ROUND_HALF_UP) -> str:
        return format_percent(
            ratio.quantize(Decimal("0.001"), rounding=rounding), script=self.script
        )

    def text(
        self, x: float, y: float, s: str, *, size: str = "label", color: str = "text", **kw: Any
    ) -> Any:
        """Text at figure inches (x, y)."""
        return self.fig.text(
            x / self.W,
            y / self.H,
            s,
            fontsize=SIZES[size],
            color=PALETTE[color],
            parse_math=False,
            **kw,
        )

    def put(
        self, ax: Any, x: float, y: float, s: str, *, size: str | float, color: str, **kw: Any
    ) -> Any:
        """Text at data coordinates of ``ax``: a size by name (or in points), a palette colour."""
        fontsize = SIZES[size] if isinstance(size, str) else size
        return ax.text(x, y, s, fontsize=fontsize, color=PALETTE[color], parse_math=False, **kw)

    def label_at(
        self,
        ax: Any,
        s: str,
        xy: tuple[float, float],
        offset: tuple[float, float],
        *,
        size: str | float,
        color: str,
        **kw: Any,
    ) -> Any:
        """A value label ``offset`` points from the data point ``xy`` of ``ax``."""
        fontsize = SIZES[size] if isinstance(size, str) else size
        return ax.annotate(
            s,
            xy,
            xytext=offset,
            textcoords="offset points",
            fontsize=fontsize,
            color=PALETTE[color],
            parse_math=False,
            **kw,
        )

    def header_footer(self, legend: Sequence[tuple[str, str]] = ()) -> tuple[float, float]:
        """Heights (inches) of the title block and the source block."""
        self.title = wrap(self.spec.title, (self.W - 2 * self.m) / (SIZES["title"] * _PT))
        self.note = (
            ""
            if self.percent_unit
            else unit_note(self.spec.unit, self.scale, factor=self.factor, script=self.script)
        )
        self.legend = list(legend)
        head = self.m + _lines(self.title) * SIZES["title"] * 1.32 * _PT
        if self.note or self.legend:
            head += 0.07 + SIZES["note"] * 1.3 * _PT
        head += 0.14
        self.source = self.word("数据来源：") + self.spec.source if self.spec.source else ""
        foot = self.m + (SIZES["note"] * 1.3 * _PT + 0.08 if self.source else 0)
        return head, foot

    def finish_frame(self, head: float) -> None:
        """Draw title, unit note, legend and source note (after self.H is known)."""
        top = self.H - self.m
        self.text(
            self.m, top, self.title, size="title", color="ink", va="top", ha="left", linespacing=1.2
        )
        y = top - _lines(self.title) * SIZES["title"] * 1.32 * _PT - 0.07
        if self.note:
            self.text(self.m, y, self.note, size="note", color="muted", va="top", ha="left")
        if self.legend:
            x = self.W - self.m
            sq = SIZES["legend"] * 0.72 * _PT
            for name, color in reversed(self.legend):
                self.text(x, y, name, size="legend", color="text", va="top", ha="right")
                x -= text_width(name, SIZES["legend"]) + 0.06 + sq
                from matplotlib.patches import Rectangle

                self.fig.add_artist(
                    Rectangle(
                        (x / self.W, (y - SIZES["legend"] * 1.05 * _PT) / self.H),
                        sq / self.W,
                        sq / self.H,
                        transform=self.fig.transFigure,
                        facecolor=color,
                        edgecolor="none",
                    )
                )
                x -= 0.18
        if self.source:
            self.text(
                self.m, self.m, self.source, size="note", color="muted", va="bottom", ha="left"
            )

    def axes(self, left: float, bottom: float, right: float, top: float) -> Any:
        """Axes covering the box given in inches from the figure's edges."""
        ax = self.fig.add_axes(
            (
                left / self.W,
                bottom / self.H,
                (self.W - left - right) / self.W,
                (self.H - bottom - top) / self.H,
            )
        )
        ax.set_facecolor("none")
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=0, colors=PALETTE["text"], labelsize=SIZES["label"], pad=4)
        return ax

    def set_height(self, h: float) -> None:
        self.H = h
        self.fig.set_size_inches(self.W, h)

    def baseline(self, ax: Any, horizontal: bool = True) -> None:
        if horizontal:
            ax.axhline(0, color=PALETTE["axis"], linewidth=0.9, zorder=3)
        else:
            ax.axvline(0, color=PALETTE["axis"], linewidth=0.9, zorder=3)

    def category_labels(self, ax: Any, n: int, axes_w: float, *, thin: bool = False) -> float:
        """Put wrapped category labels under the x axis; return their height in inches."""
        per = axes_w / max(n, 1)
        size = SIZES["label"]
        cats = list(self.spec.categories)
        idx = list(range(n))
        if thin:
            widest = max((text_width(c, size) for c in cats), default=0.1) + 0.12
            k = max(1, math.ceil(n / max(1, int(axes_w / widest))))
            idx = [i for i in range(n) if i % k == 0]
            if (n - 1) not in idx and (n - 1) - idx[-1] >= max(2, k * 0.75):
                idx.append(n - 1)
            shown = [cats[i] for i in idx]
        else:
            max_em = max(2.0, per * 0.96 / (size * _PT))
            shown = [wrap(c, max_em) for c in cats]
        ax.set_xticks(
            idx, shown, fontsize=size, color=PALETTE["text"], linespacing=1.1, parse_math=False
        )
        return max((_lines(s) for s in shown), default=1) * size * 1.25 * _PT + 0.06

    def value_ticks(self, ax: Any, lo: float, hi: float, *, nbins: int = 4) -> list[float]:
        from matplotlib.ticker import MaxNLocator

        ticks = [t for t in MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)]
        ticks = [t for t in ticks if ticks[0] <= t <= ticks[-1]]
        return ticks

    # -- per type ------------------------------------------------------------------------

    def draw(self) -> None:
        getattr(self, "draw_" + self.spec.type)()

    def _fvals(self, values: Sequence[Decimal | None]) -> list[float]:
        return [math.nan if v is None else float(v) for v in values]

    def draw_bar(self) -> None:
        spec = self.spec
        head, foot = self.header_footer()
        n = len(spec.categories)
        self.set_height(SIZES["bar_height"])
        left = right = self.m + 0.05
        axes_w = self.W - left - right
        vals = self._fvals(spec.values)
        finite = [v for v in vals if not math.isnan(v)] or [0.0]
        hi, lo = max(max(finite), 0.0), min(min(finite), 0.0)
        fake = _FakeAxes()
        cat_h = self.category_labels(fake, n, axes_w)
        ax = self.axes(left, foot + cat_h, right, head)
        ax.set_xticks(*fake.xticks[0], **fake.xticks[1])
        colors = [PALETTE["red"]] * n
        if spec.highlight is not None:
            colors = [PALETTE["red"] if i == spec.highlight else PALETTE["bar"] for i in range(n)]
        ax.bar(
            range(n), [0 if math.isnan(v) else v for v in vals], width=0.58, color=colors, zorder=2
        )
        span = (hi - lo) or 1.0
        ax.set_ylim(lo - (0.14 * span if lo < 0 else 0), hi + 0.16 * span)
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_yticks([])
        self.baseline(ax)
        places = self.places(spec.values)
        for i, (v, raw) in enumerate(zip(vals, spec.values, strict=True)):
            if raw is None:
                continue
            va = "bottom" if v >= 0 else "top"
            self.label_at(
                ax,
                self.num(raw, decimals=places),
                (i, v),
                (0, 3 if v >= 0 else -3),
                size="value",
                color="ink",
                ha="center",
                va=va,
            )
        self.target_line(ax, horizontal=True)
        self.finish_frame(head)

    def target_line(self, ax: Any, *, horizontal: bool) -> None:
        target = self.spec.targets[0] if len(self.spec.targets) == 1 else None
        if target is None:
            return
        t = float(target)
        lo, hi = ax.get_ylim()
        if t > hi:
            ax.set_ylim(lo, t + 0.08 * (t - lo))
        ax.axhline(t, color=PALETTE["gold"], linewidth=1.2, linestyle=(0, (4, 3)), zorder=1)
        self.label_at(
            ax,
            self.word("目标") + " " + self.num(target),
            (0, t),
            (2, 3),
            size="small_value",
            color="gold",
            xycoords=("axes fraction", "data"),
            ha="left",
            va="bottom",
        )

    def draw_barh(self) -> None:
        spec = self.spec
        head, foot = self.header_footer()
        n = len(spec.categories)
        rows = n * SIZES["row_height"]
        self.set_height(head + foot + rows + 0.1)
        size = SIZES["label"]
        cats = [wrap(c, 8) for c in spec.categories]
        left = self.m + max(text_width(c, size) for c in cats) + 0.1
        vals = self._fvals(spec.values)
        places = self.places(spec.values)
        labels = [self.num(v, decimals=places) if v is not None else "" for v in spec.values]
        label_w = max(text_width(s, SIZES["value"]) for s in labels) + 0.1
        right = self.m
        ax = self.axes(left, foot + 0.05, right, head)
        axes_w = self.W - left - right
        colors = [PALETTE["red"] if i == spec.highlight else PALETTE["bar"] for i in range(n)]
        if spec.highlight is None:
            colors = [PALETTE["red"]] * n
        ys = list(range(n))
        ax.barh(ys, [0 if math.isnan(v) else v for v in vals], height=0.62, color=colors, zorder=2)
        ax.set_yticks(
            ys, cats, fontsize=size, color=PALETTE["text"], parse_math=False, linespacing=1.05
        )
        ax.set_ylim(n - 0.5, -0.5)
        finite = [v for v in vals if not math.isnan(v)] or [0.0]
        hi, lo = max(max(finite), 0.0), min(min(finite), 0.0)
        span = (hi - lo) or 1.0
        room = min(0.6, label_w / axes_w)
        ax.set_xlim(
            lo - (room * span / (1 - room) if lo < 0 else 0), hi + room * span / (1 - room) + 1e-9
        )
        ax.set_xticks([])
        self.baseline(ax, horizontal=False)
        for i, (v, s) in enumerate(zip(vals, labels, strict=True)):
            if not s:
                continue
            self.label_at(
                ax,
                s,
                (v, i),
                (4 if v >= 0 else -4, 0),
                size="value",
                color="red" if i == spec.highlight else "ink",
                ha="left" if v >= 0 else "right",
                va="center",
            )
        self.finish_frame(head)

    def draw_line(self) -> None:
        spec = self.spec
        multi = len(spec.series) > 1
        head, foot = self.header_footer()
        self.set_height(SIZES["bar_height"])
        n = len(spec.categories)
        allv = [float(v) for v in spec.all_values()] + [float(t) for t in spec.targets if t]
        lo, hi = (min(allv), max(allv)) if allv else (0.0, 1.0)
        if lo >= 0 and lo <= 0.5 * hi:
            lo = 0.0
        elif lo == hi:
            lo, hi = lo - 1, hi + 1
        else:
            pad = (hi - lo) * 0.1
            lo = lo - pad if lo - pad > 0 or lo < 0 else 0.0
        ticks = self.value_ticks(None, lo, hi * 1.02 if hi > 0 else hi)
        tick_labels = [self.num(Decimal(repr(float(t)))) for t in ticks]
        left = self.m + max(text_width(s, SIZES["note"]) for s in tick_labels) + 0.1
        colors = series_colors(len(spec.series))
        ends = []
        if multi:
            for s in spec.series:
                last = next((v for v in reversed(s.values) if v is not None), None)
                ends.append(f"{s.name} {self.num(last)}" if last is not None else s.name)
            right = self.m + max(text_width(e, SIZES["value"]) for e in ends) + 0.1
        else:
            last = next((v for v in reversed(spec.values) if v is not None), None)
            right = self.m + (
                text_width(self.num(last), SIZES["small_value"]) + 0.12 if last is not None else 0
            )
        axes_w = self.W - left - right
        fake = _FakeAxes()
        cat_h = self.category_labels(fake, n, axes_w, thin=True)
        ax = self.axes(left, foot + cat_h, right, head)
        ax.set_xticks(*fake.xticks[0], **fake.xticks[1])
        ax.set_yticks(
            ticks, tick_labels, fontsize=SIZES["note"], color=PALETTE["muted"], parse_math=False
        )
        ax.set_ylim(ticks[0], ticks[-1])
        ax.set_xlim(-0.3, n - 0.7)
        ax.grid(axis="y", color=PALETTE["grid"], linewidth=0.8, zorder=0)
        ax.set_axisbelow(True)
        if ticks[0] <= 0 <= ticks[-1]:
            self.baseline(ax)
        xs = list(range(n))
        for k, s in enumerate(spec.series):
            ys = self._fvals(s.values)
            ax.plot(
                xs,
                ys,
                color=colors[k],
                linewidth=2.2 if k == 0 else 1.8,
                marker="o",
                markersize=4.2 if n <= 24 else 0,
                zorder=4 - k * 0.1,
                solid_capstyle="round",
                clip_on=False,
            )
        if multi:
            self._end_labels(ax, ends, colors)
        else:
            self._point_labels(ax, spec.values)
        self.target_line(ax, horizontal=True)
        self.finish_frame(head)

    def _point_labels(self, ax: Any, values: Sequence[Decimal | None]) -> None:
        """Value labels on a single line, placed where the line is not."""
        points = {i: v for i, v in enumerate(values) if v is not None}
        idx = list(points)
        if not idx:
            return
        n = len(values)
        places = self.places(values)
        widest = max(
            text_width(self.num(v, decimals=places), SIZES["small_value"]) for v in points.values()
        )
        axes_w = ax.get_position().width * self.W
        if widest * n <= axes_w * 0.9:
            show = idx
        else:
            peak = max(idx, key=points.__getitem__)
            show = sorted({idx[0], peak, idx[-1]})
        for i in show:
            v = float(points[i])
            prev = float(points[i - 1]) if i - 1 in points else None
            nxt = float(points[i + 1]) if i + 1 in points else None
            up_before = prev is not None and prev < v
            up_after = nxt is not None and nxt > v
            lo, hi = ax.get_ylim()
            low = (v - lo) < 0.22 * (hi - lo)  # no room below: near the category labels
            if i == idx[-1]:  # the latest value: at the end of the line, to the right
                xy, ha, va = (6, 0), "left", "center"
            elif prev is not None and nxt is not None and prev > v and nxt > v and not low:
                xy, ha, va = (0, -7), "center", "top"
            elif up_before and up_after:  # rising: the free space is above-left
                xy, ha, va = (-3, 5), "right", "bottom"
            elif not up_before and prev is not None and nxt is not None and nxt < v:  # falling
                xy, ha, va = (3, 5), "left", "bottom"
            elif prev is None and up_after and not low:  # the first point, the line rises
                xy, ha, va = (0, -7), "center", "top"
            else:
                xy, ha, va = (0, 6), "center", "bottom"
            self.label_at(
                ax,
                self.num(points[i], decimals=places),
                (i, v),
                xy,
                size="small_value",
                color="red" if i == idx[-1] else "ink",
                ha=ha,
                va=va,
                annotation_clip=False,
            )

    def _end_labels(self, ax: Any, texts: Sequence[str], colors: Sequence[str]) -> None:
        lo, hi = ax.get_ylim()
        axes_h = ax.get_position().height * self.H
        gap = SIZES["value"] * 1.3 * _PT / axes_h * (hi - lo)
        pts: list[tuple[float, int]] = []
        for k, s in enumerate(self.spec.series):
            last = next((v for v in reversed(s.values) if v is not None), None)
            if last is not None:
                pts.append((float(last), k))
        pts.sort(key=lambda p: p[0])
        ys = [p[0] for p in pts]
        for j in range(1, len(ys)):
            ys[j] = max(ys[j], ys[j - 1] + gap)
        x_end = len(self.spec.categories) - 1 + 0.15
        for (_y0, k), y in zip(pts, ys, strict=True):
            ax.text(
                x_end,
                y,
                texts[k],
                ha="left",
                va="center",
                fontsize=SIZES["value"],
                color=colors[k],
                parse_math=False,
                clip_on=False,
            )

    def _grouped_like(self, stacked: bool) -> None:
        spec = self.spec
        k = len(spec.series)
        names = [s.name for s in spec.series]
        if k == 2 and [self.word(x) for x in ("上期", "本期")] == names:
            colors: Sequence[str] = (PALETTE["bar"], PALETTE["red"])
        else:
            colors = series_colors(k)
        head, foot = self.header_footer(list(zip(names, colors, strict=True)))
        self.set_height(SIZES["bar_height"])
        n = len(spec.categories)
        left = right = self.m + 0.05
        axes_w = self.W - left - right
        fake = _FakeAxes()
        cat_h = self.category_labels(fake, n, axes_w)
        ax = self.axes(left, foot + cat_h, right, head)
        ax.set_xticks(*fake.xticks[0], **fake.xticks[1])
        group = 0.72 if not stacked else 0.56
        width = group / k if not stacked else group
        bottoms = [0.0] * n
        tops = [0.0] * n
        segs = []
        for j, s in enumerate(spec.series):
            ys = [0.0 if v is None else float(v) for v in s.values]
            xs = (
                [i - group / 2 + width * (j + 0.5) for i in range(n)]
                if not stacked
                else list(range(n))
            )
            base = bottoms if stacked else [0.0] * n
            ax.bar(
                xs,
                ys,
                width=width * (0.9 if not stacked else 1),
                bottom=base,
                color=colors[j],
                zorder=2,
                edgecolor="white" if stacked else "none",
                linewidth=0.8 if stacked else 0,
            )
            for i, value in enumerate(s.values):
                if value is not None:
                    segs.append((xs[i], base[i], ys[i], value, j))
            if stacked:
                bottoms = [b + y for b, y in zip(bottoms, ys, strict=True)]
            tops = [max(t, b + y if stacked else y) for t, b, y in zip(tops, base, ys, strict=True)]
        hi = max([*tops, 0.0])
        lo = min([0.0, *(s[2] for s in segs)])
        span = (hi - lo) or 1.0
        ax.set_ylim(lo, hi + 0.16 * span)
        ax.set_xlim(-0.6, n - 0.4)
        self.baseline(ax)
        axes_h = ax.get_position().height * self.H
        per_bar_in = width * axes_w / (n + 0.2) * (0.9 if not stacked else 1)
        size = SIZES["small_value"]
        places = [self.places(s.values) for s in spec.series]
        if not stacked:
            fits = all(
                text_width(self.num(v, decimals=places[j]), size) <= per_bar_in * 1.12
                for *_, v, j in segs
            )
            if fits:
                ax.set_yticks([])
                for x, b, y, v, j in segs:
                    self.label_at(
                        ax,
                        self.num(v, decimals=places[j]),
                        (x, b + y),
                        (0, 2),
                        size=size,
                        color="ink",
                        ha="center",
                        va="bottom",
                    )
            else:
                self._value_axis(ax, lo, hi)
        else:
            ax.set_yticks([])
            for x, b, y, v, j in segs:
                h_in = y / (ax.get_ylim()[1] - ax.get_ylim()[0]) * axes_h
                label = self.num(v, decimals=places[j])
                if h_in >= size * 1.25 * _PT and text_width(label, size) <= per_bar_in * 0.95:
                    dark = colors[j] in (PALETTE["red"], series_colors(3)[2])
                    ax.text(
                        x,
                        b + y / 2,
                        label,
                        ha="center",
                        va="center",
                        fontsize=size,
                        color="white" if dark else PALETTE["ink"],
                        parse_math=False,
                        zorder=3,
                    )
            totals = spec.column_totals()
            for i, t in enumerate(totals):
                self.label_at(
                    ax,
                    self.num(t, decimals=self.places(totals)),
                    (i, float(t)),
                    (0, 2),
                    size="value",
                    color="ink",
                    ha="center",
                    va="bottom",
                )
        self.finish_frame(head)

    def _value_axis(self, ax: Any, lo: float, hi: float) -> None:
        ticks = self.value_ticks(ax, lo, hi)
        labels = [self.num(Decimal(repr(float(t)))) for t in ticks]
        ax.set_yticks(
            ticks, labels, fontsize=SIZES["note"], color=PALETTE["muted"], parse_math=False
        )
        ax.grid(axis="y", color=PALETTE["grid"], linewidth=0.8, zorder=0)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", pad=2)

    def draw_grouped(self) -> None:
        self._grouped_like(stacked=False)

    def draw_stacked(self) -> None:
        self._grouped_like(stacked=True)

    def draw_pie(self, donut: bool = False) -> None:
        spec = self.spec
        head, foot = self.header_footer()
        self.set_height(SIZES["pie_height"])
        ax = self.axes(self.m, foot + 0.05, self.m, head + 0.1)
        aw = self.W - 2 * self.m
        ah = self.H - foot - 0.05 - head - 0.1
        values = [v or Decimal(0) for v in spec.values]
        whole = sum(values, Decimal(0))
        if whole <= 0:
            raise BulletinError(_t("chart.pie_zero", title=spec.title))
        colors = list(series_colors(len(values)))
        if spec.categories and spec.categories[-1] == self.word("其他"):
            colors[-1] = PALETTE["grid"]
        r = 1.0
        label_h = SIZES["label"] * 1.2 * _PT * 2  # two lines: name and share
        half_h = 1.22 / (1 - label_h / ah)  # room for a label under the bottom slice
        half_w = half_h * aw / ah
        ax.set_xlim(-half_w, half_w)
        ax.set_ylim(-half_h, half_h)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        wedges = ax.pie(
            [float(v) for v in values],
            colors=colors,
            startangle=90,
            counterclock=False,
            radius=r,
            wedgeprops={
                "linewidth": 1.2,
                "edgecolor": "white",
                **({"width": 0.42} if donut else {}),
            },
            normalize=True,
        )[0]
        # labels outside, pushed apart vertically on each side
        items = []
        for w, name, v in zip(wedges, spec.categories, values, strict=True):
            ang = math.radians((w.theta1 + w.theta2) / 2)
            x, y = math.cos(ang), math.sin(ang)
            items.append((x, y, f"{name}\n{self.pct(v / whole)}"))
        line_h = label_h / ah * 2 * half_h
        limit = half_h - line_h / 2
        for side in (1, -1):
            group = sorted([it for it in items if (it[0] >= 0) == (side > 0)], key=lambda t: t[1])
            ys = [max(-limit, 1.18 * t[1]) for t in group]
            for j in range(1, len(ys)):
                ys[j] = max(ys[j], ys[j - 1] + line_h)
            over = ys[-1] - limit if ys else 0
            if over > 0:
                ys = [y - over for y in ys]
                for j in range(len(ys) - 2, -1, -1):
                    ys[j] = min(ys[j], ys[j + 1] - line_h)
            for (x, y, label), ly in zip(group, ys, strict=True):
                lx = max(1.12 * abs(x), 0.35 + 0.8 * abs(x)) * side
                if abs(x) < 0.96 or abs(ly - 1.18 * y) > 0.05:  # a leader unless beside it
                    ax.plot(
                        [x * r, lx * 0.97],
                        [y * r, ly],
                        color=PALETTE["axis"],
                        linewidth=0.7,
                        zorder=1,
                    )
                name, pct = label.split("\n")
                ax.text(
                    lx + 0.04 * side,
                    ly,
                    f"{name}\n{pct}",
                    ha="left" if side > 0 else "right",
                    va="center",
                    fontsize=SIZES["label"],
                    color=PALETTE["text"],
                    linespacing=1.15,
                    parse_math=False,
                )
        if donut:
            total = spec.total if spec.total is not None else whole
            self.put(
                ax, 0, 0.12, self.word("合计"), size="note", color="muted", ha="center", va="center"
            )
            self.put(
                ax,
                0,
                -0.12,
                self.full(total),
                size=SIZES["value"] + 1,
                color="ink",
                ha="center",
                va="center",
            )
        self.finish_frame(head)

    def draw_donut(self) -> None:
        self.draw_pie(donut=True)

    def draw_progress(self) -> None:
        spec = self.spec
        self.scale = "none"
        self.percent_unit = True  # no 单位 note: the rate speaks for itself
        head, foot = self.header_footer()
        n = len(spec.categories)
        row = SIZES["progress_row"]
        self.set_height(head + foot + n * row - 0.2)
        ax = self.axes(self.m, foot, self.m, head)
        ax.set_xlim(0, 1)
        ax.set_ylim(n * row, 0)
        ax.set_xticks([])
        ax.set_yticks([])
        aw = self.W - 2 * self.m
        for i, (name, v, t) in enumerate(
            zip(spec.categories, spec.values, spec.targets, strict=True)
        ):
            if t is None:  # pragma: no cover - a progress spec has a positive target for each item
                continue
            y0 = i * row
            done = v or Decimal(0)
            ratio = done / t
            pct = self.pct(completion_ratio(done, t))
            if not (n == 1 and name == spec.title):
                self.put(
                    ax, 0, y0 + 0.32, name, size="label", color="text", ha="left", va="baseline"
                )
            pw = text_width(pct, SIZES["progress_value"]) / aw
            self.put(
                ax, 1, y0 + 0.36, pct, size="progress_value", color="red", ha="right", va="baseline"
            )
            self.put(
                ax,
                1 - pw - 0.015,
                y0 + 0.32,
                self.word("完成率"),
                size="note",
                color="muted",
                ha="right",
                va="baseline",
            )
            ax.barh([y0 + 0.47], [1], height=0.13, color=PALETTE["grid"], left=0)
            fill = float(min(max(ratio, Decimal(0)), Decimal(1)))
            ax.barh([y0 + 0.47], [fill], height=0.13, color=PALETTE["red"], left=0)
            note = f"{self.word('完成')}{self.full(done)}，{self.word('目标')}{self.full(t)}"
            self.put(ax, 0, y0 + 0.72, note, size="note", color="muted", ha="left", va="baseline")
        self.finish_frame(head)


class _FakeAxes:
    """Records set_xticks so labels can be measured before the axes exists."""

    def __init__(self) -> None:
        self.xticks: tuple[tuple[Any, ...], dict[str, Any]] = ((), {})

    def set_xticks(self, *args: Any, **kwargs: Any) -> None:
        self.xticks = (args, kwargs)
