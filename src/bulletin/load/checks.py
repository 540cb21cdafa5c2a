"""Checks beyond the schema: consistency warnings, and every problem at once.

:func:`check` looks for figures that contradict each other — parts adding up
to more than their total, a share above 100%, an as-of date after the
bulletin's date, a growth rate against a previous value of 0, the same label
with two values, a percentage typed as a ratio (0.716 for 71.6%). These are
warnings: the article can still be written.

A count below zero (共-82460人) is warned about too, unless the unit may be
negative (%, 个百分点, ℃, 元 …), and so is a photo (``image: {src: …}``) that is
not found beside the data file: the page would show a placeholder box.

(:func:`bulletin.problems.find_problems` finds the errors that stop rendering.)

>>> from bulletin.load.validate import loads
>>> doc = loads('''
... meta: {title: 标题}
... figures:
...   beds: {value: 100, unit: 张, by: {医院: 80, 卫生院: 30}}
... ''', file="a.yaml")
>>> [str(w) for w in check(doc)]
['a.yaml:4:35: 警告：beds 的各部分合计 110，超过总数 100']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..errors import DataPath, expect
from ..messages import text as _t
from ..numbers.numerals import heading_number, to_chinese_numeral
from .chart_emoji import chart_emoji
from .model import Document, Figure, Indicator

__all__ = ["SHARE_WORDS", "BulletinWarning", "check"]

#: Words that make a percentage a share of a whole (so it cannot exceed 100%).
SHARE_WORDS = (
    "占比",
    "比重",
    "比例",
    "构成",
    "覆盖率",
    "普及率",
    "知晓率",
    "合格率",
    "达标率",
    "签约率",
    "接种率",
    "参保率",
    "入学率",
    "规范管理率",
)


@dataclass(frozen=True)
class BulletinWarning:
    """A consistency warning: where, what, and its message id."""

    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    code: str = ""

    def __str__(self) -> str:
        loc = ":".join(
            str(p)
            for p in (self.file, self.line, self.col if self.line is not None else None)
            if p is not None
        )
        body = _t("warning.prefix") + self.message
        return f"{loc}: {body}" if loc else body


class _Collector:
    def __init__(self, doc: Document) -> None:
        self.marks = getattr(doc, "marks", None)
        self.file = self.marks.file if self.marks is not None else None
        self.found: list[BulletinWarning] = []

    def where(self, path: DataPath) -> tuple[int | None, int | None]:
        return self.marks.value(path) if self.marks is not None else (None, None)

    def add(self, path: DataPath, code: str, **params: Any) -> None:
        line, col = self.where(path)
        self.found.append(BulletinWarning(_t(code, **params), self.file, line, col, code))


def _num(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return text


def _is_share(*names: str | None) -> bool:
    return any(name and any(word in name for word in SHARE_WORDS) for name in names)


def check(doc: Document) -> list[BulletinWarning]:
    """Consistency warnings for ``doc``, in file order."""
    expect(doc, Document, "check.doc", "api.form.document")
    out = _Collector(doc)
    for name, fig in doc.figures.items():
        _check_figure(out, name, fig, doc)
    for section, base in doc.every_section():
        for j, ind in enumerate(section.indicators):
            _check_indicator(out, (*base, "indicators", j), ind)
        if doc.meta.genre == "statistical" and section.heading:
            _check_heading_number(out, base, section.heading)
    _check_labels(out, doc)
    _check_photos(out, doc)
    for path, emoji in chart_emoji(doc):
        out.add(path, "warning.chart_emoji", emoji=emoji)
    return sorted(out.found, key=lambda w: (w.line or 0, w.col or 0))


def _check_heading_number(out: _Collector, base: DataPath, heading: str) -> None:
    """A number typed into a heading is left out (the bulletin numbers its headings by
    place); one that is not the heading's place may mean the sections are out of order."""
    typed, _ = heading_number(heading)
    place, depth = int(base[-1]) + 1, base.count("subsections")
    numeral = to_chinese_numeral(place)
    forms = {f"{numeral}、", f"{numeral}．", f"（{numeral}）", f"({numeral})"}
    forms |= {f"{place}{point}" for point in (".", "．", "、", "\\.")}
    if typed and typed not in forms:
        expected = f"{numeral}、" if depth == 0 else f"（{numeral}）"
        out.add((*base, "heading"), "warning.heading_number", typed=typed, expected=expected)


def _check_figure(out: _Collector, name: str, fig: Figure, doc: Document) -> None:
    base: DataPath = ("figures", name)
    shown = fig.label or name
    percent = fig.unit == "%"
    if fig.by and fig.value is not None and not percent:
        total = sum(fig.by.values(), Decimal(0))
        if total > fig.value:
            out.add(
                (*base, "by"),
                "warning.parts_exceed",
                whole=name,
                parts=_num(total),
                total=_num(fig.value),
            )
    if percent:
        share = _is_share(fig.label, name) or fig.chart in ("pie", "donut")
        if share and fig.value is not None and fig.value > 100:
            out.add((*base, "value"), "warning.share_over_100", name=shown, value=f"{fig.value}%")
        if fig.by and fig.chart in ("pie", "donut"):
            total = sum(fig.by.values(), Decimal(0))
            if total > 100:
                out.add(
                    (*base, "by"),
                    "warning.share_over_100",
                    name=shown,
                    value=f"{_num(total)}%",
                )
    if (
        fig.as_of is not None
        and doc.meta.date is not None
        and _day(fig.as_of) > _day(doc.meta.date)
    ):
        out.add(
            (*base, "as_of"),
            "warning.as_of_after_date",
            name=shown,
            as_of=fig.as_of.isoformat(sep=" ", timespec="minutes")
            if isinstance(fig.as_of, dt.datetime)
            else fig.as_of.isoformat(),
            date=_day(doc.meta.date).isoformat(),
        )
    if fig.previous is not None and fig.previous == 0 and fig.value is not None:
        out.add((*base, "previous"), "warning.previous_zero", name=shown)
    _check_negative(out, base, shown, fig)


#: Units of figures that may be below zero (temperatures, balances, changes in percent).
_SIGNED_UNITS = ("%", "‰", "个百分点", "℃", "°C", "度", "元", "万元", "亿元")


def _check_negative(out: _Collector, base: DataPath, shown: str, fig: Figure) -> None:
    """A count below zero (共-82460人) is almost always a typing slip."""
    if fig.unit in _SIGNED_UNITS:
        return
    if fig.value is not None and fig.value < 0:
        out.add((*base, "value"), "warning.negative", name=shown, value=_num(fig.value))
    for label, part in (fig.by or {}).items():
        if part < 0:
            out.add(
                (*base, "by", label),
                "warning.negative",
                name=f"{shown}（{label}）",
                value=_num(part),
            )


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _check_indicator(out: _Collector, base: DataPath, ind: Indicator) -> None:
    counts = ind.kind == "count"
    same_unit = [p for p in ind.parts if p.unit in (None, ind.unit)]
    if counts and same_unit and len(same_unit) == len(ind.parts):
        total = sum((p.value for p in ind.parts if p.value is not None), Decimal(0))
        if total > ind.value:
            out.add(
                (*base, "parts"),
                "warning.parts_exceed",
                whole=ind.name,
                parts=_num(total),
                total=_num(ind.value),
            )
        previous = [p.previous for p in ind.parts]
        if ind.previous is not None and all(p is not None for p in previous):
            before = sum((p for p in previous if p is not None), Decimal(0))
            if before > ind.previous:
                out.add(
                    (*base, "parts"),
                    "warning.parts_exceed",
                    whole=f"{ind.name}（上期）",
                    parts=_num(before),
                    total=_num(ind.previous),
                )
    if ind.kind == "percent" and _is_share(ind.name) and ind.value > 100:
        out.add((*base, "value"), "warning.share_over_100", name=ind.name, value=f"{ind.value}%")
    if ind.kind == "percent":
        _check_ratio_typed(out, base, ind)
    if not counts or ind.change in ("none", "percent", "both"):
        return  # rates change by points; a growth rate from 0 is an error (find_problems)
    if ind.previous is not None and ind.previous == 0:
        out.add((*base, "previous"), "warning.previous_zero", name=ind.name)
    for k, part in enumerate(ind.parts):
        if part.previous is not None and part.previous == 0:
            out.add((*base, "parts", k, "previous"), "warning.previous_zero", name=part.name)


def _check_ratio_typed(out: _Collector, base: DataPath, ind: Indicator) -> None:
    """A bare percent of at most 1 (0.716) is probably a ratio from an older data file.

    Percentages are held as percent numbers: 0.716 prints as 0.716%. One
    warning per indicator or part, at its first such number.
    """
    items: list[tuple[DataPath, str, Decimal | None, Decimal | None]] = [
        ((), ind.name, ind.value, ind.previous)
    ] + [
        (("parts", k), f"{ind.name}（{p.name}）", p.value, p.previous)
        for k, p in enumerate(ind.parts)
    ]
    for where, name, value, previous in items:
        for key, number in (("value", value), ("previous", previous)):
            if number is not None and 0 < abs(number) <= 1 and ind.typed_bare(*where, key):
                percent = format((number * 100).normalize(), "f")
                out.add(
                    (*base, *where, key),
                    "warning.percent_ratio",
                    name=name,
                    value=_num(number),
                    percent=percent,
                )
                break


def _check_photos(out: _Collector, doc: Document) -> None:
    """A photo the data file links that is not a file beside it (web addresses are left)."""
    folder = doc.folder
    for section, path in doc.every_section():
        image = section.image
        if image is None or "://" in image.src:
            continue
        if not (folder / image.src).is_file():
            out.add((*path, "image", "src"), "warning.photo_missing", src=image.src)


def _check_labels(out: _Collector, doc: Document) -> None:
    """The same label given to two figures (or indicators) with different values."""
    seen: dict[tuple[str, str], tuple[DataPath, Decimal]] = {}

    def visit(label: str | None, unit: str, value: Decimal | None, path: DataPath) -> None:
        if not label or value is None:
            return
        key = (label.strip(), unit)
        if key not in seen:
            seen[key] = (path, value)
            return
        first_path, first = seen[key]
        if first != value:
            line = out.where(first_path)[0]
            out.add(
                path,
                "warning.same_label",
                label=label,
                line=line if line is not None else "?",
                first=_num(first),
                second=_num(value),
            )

    for name, fig in doc.figures.items():
        visit(fig.label, fig.unit, fig.value, ("figures", name, "value"))
    for i, section in enumerate(doc.sections):
        for j, ind in enumerate(section.indicators):
            visit(ind.name, ind.unit, ind.value, ("sections", i, "indicators", j, "value"))
