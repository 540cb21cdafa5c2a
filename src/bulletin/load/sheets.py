"""Read figures from spreadsheets: .xlsx, .xls, .xlsb, .ods and CSV.

Workbooks are read with python-calamine (one fast reader for every Excel and
OpenDocument format); CSV files in UTF-8 (with or without BOM), GBK or
GB18030, as Excel on Chinese Windows saves them. Every cell keeps its place,
``各区县.xlsx:表1!C7`` (``各区县.csv:C7`` for CSV), so that a bad cell, and
any error raised later about a value that came from it, points at the cell.

Numbers are read as people type them into cells: ``1,234``, ``95.2%``,
``128.57万``, full-width digits; a number cell formatted as a percentage
(stored as 0.952) is read as 95.2 in a column whose unit is ``%``. Rows above
the header (a merged title), blank rows and footnote rows below the table
(注：…, 资料来源：…) are skipped; a 合计 row gives the total.

A header may take two rows: group cells (merged across their columns, or in
CSV written once with blank cells to their right) over the columns under them,
and cells merged down over both rows (区县) that name a column on their own. A
column under a group is named by its full name ``床位（张）·医院`` (group and
name joined by :data:`GROUP_JOINER`), or by its own name alone when no other
column has it (:class:`WideTable`).

Two table shapes:

- **long** (one document): rows of indicators with 指标名称, 计量单位, 本年,
  上年 (and 分组 or indented names for parts) become a statistical section's
  indicators (:func:`long_indicators`);
- **wide** (many documents): one row per district, one column per indicator
  (:class:`WideTable`); :mod:`bulletin.load.each` renders one document per row.

>>> sheet = Sheet("a.csv", None, [["区县", "床位数"], ["甲区", "1,234"], ["乙区", "abc"]])
>>> sheet.ref(2, 1)
'a.csv:B3'
>>> table = WideTable.of(sheet, "区县")
>>> table.names, table.number(table.rows[0], "床位数")
(('甲区', '乙区'), Decimal('1234'))
>>> table.number(table.rows[1], "床位数")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
bulletin.errors.DataError: a.csv:B3: 单元格的数值无效：“abc”。应写数字，如 1234、1,234、95.2%...
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import BulletinError, DataError, DataPath, NumberError, did_you_mean
from ..messages import N_
from ..messages import text as _t
from ..numbers.quantities import parse_number
from .peers import Peers
from .yaml_reader import MAX_BYTES, Marks, decode_data

__all__ = [
    "GROUP_JOINER",
    "SHEET_SUFFIXES",
    "Header",
    "Sheet",
    "SheetMarks",
    "WideTable",
    "column_letters",
    "find_header_rows",
    "long_indicators",
    "read_sheet",
]

#: File name endings read as spreadsheets (CSV included).
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")

#: Largest spreadsheet read (bytes).
MAX_SHEET_BYTES = 50 * 1024 * 1024

#: Cells that mean "no figure" in statistical tables.
_EMPTY = {"", "-", "—", "－", "--", "——", "…", "……", "...", "/", "／"}

#: Names of the row that holds the total.
TOTAL_NAMES = ("合计", "总计", "全市", "全省", "全州", "全区", "全县", "全市合计", "总体")

#: A row starting with these is a footnote below the table.
_FOOTNOTE = re.compile(r"\s*(注|说明|备注|资料来源|数据来源|来源|填表|[*※])")

_ERROR_CELL = re.compile(r"#(DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)")


def column_letters(index: int) -> str:
    """The spreadsheet name of a 0-based column.

    >>> column_letters(0), column_letters(25), column_letters(26), column_letters(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Sheet:
    """One sheet as rows of cell values (0-based indices; ``rows[r][c]``).

    ``merged`` lists a workbook's merged ranges as ``(top, left, bottom, right)``
    (their cells already hold the merged value); CSV has none.
    """

    file: str
    name: str | None
    rows: list[list[Any]]
    merged: tuple[tuple[int, int, int, int], ...] = ()

    def ref(self, row: int, col: int | None = None) -> str:
        """Where a cell is: ``各区县.xlsx:表1!C7`` (a row alone: ``…!7``)."""
        place = f"{column_letters(col) if col is not None else ''}{row + 1}"
        return (
            f"{self.file}:{self.name}!{place}"
            if self.name is not None
            else (f"{self.file}:{place}")
        )

    def error(self, row: int, col: int | None, message: str, hint: str | None = None) -> DataError:
        """A :class:`DataError` at a cell."""
        return DataError(message, file=self.ref(row, col), hint=hint)

    def cell(self, row: int, col: int) -> Any:
        """The value at a cell (``""`` outside the used area)."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    def text(self, row: int, col: int) -> str:
        """A cell as text, spaces inside collapsed (numbers as written: 12.0 → 12)."""
        value = self.cell(row, col)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""

    def number(self, row: int, col: int, *, unit: str = "", percent_cells: bool = False) -> Any:
        """The number at a cell: a Decimal, the text of a rate as typed (``95.2%``,
        ``16.9/10万``), or None for an empty cell (``-``, ``…``).

        ``percent_cells``: a number cell holds a ratio shown as a percentage (0.952 → 95.2).
        """
        value = self.cell(row, col)
        if isinstance(value, bool):
            raise self.error(row, col, _t("sheet.cell_bool", value=value), _t("sheet.number.hint"))
        if isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
            raise self.error(
                row, col, _t("sheet.cell_date", value=value), _t("sheet.cell_date.hint"),
            )  # fmt: skip
        if isinstance(value, (int, float)):
            number = parse_number(value)
            if number == number.to_integral_value():
                number = number.quantize(Decimal(1))
            return number.scaleb(2).normalize() if percent_cells else number
        text = str(value).strip()
        if text in _EMPTY:
            return None
        if _ERROR_CELL.match(text):
            raise self.error(
                row,
                col,
                _t("sheet.cell_formula_error", text=text),
                _t("sheet.cell_formula_error.hint"),
            )
        return self._typed(row, col, text, unit)

    def _typed(self, row: int, col: int, text: str, unit: str) -> Any:
        body = text.translate({0x3000: None, 0x20: None})
        rate = re.fullmatch(r"(.+?)\s*(%|％|‰|/10万|/10萬)", body)
        try:
            if rate is not None:
                parse_number(rate.group(1))
                sign = {"％": "%"}.get(rate.group(2), rate.group(2))
                if unit and sign != unit and not (unit == "/10万" and "10" in sign):
                    raise self.error(
                        row, col, _t("sheet.cell_unit", text=text, sign=sign, unit=unit),
                        _t("sheet.cell_unit.hint", number=rate.group(1)),
                    )  # fmt: skip
                return rate.group(1) + sign
            if unit and body.endswith(unit):
                return parse_number(body[: -len(unit)])
            return parse_number(body)
        except NumberError:
            raise self.error(
                row, col, _t("sheet.cell_invalid", text=text), _t("sheet.number.hint")
            ) from None


def read_sheet(path: str | Path, sheet: str | None = None, *, label: str | None = None) -> Sheet:
    """Read one sheet of a workbook (the first when ``sheet`` is None) or a CSV file.

    ``label`` names the file in messages (default: ``path`` as given).
    """
    p = Path(path)
    label = label or str(path)
    if p.suffix.lower() not in SHEET_SUFFIXES:
        raise BulletinError(
            _t("sheet.unknown_type"), file=label,
            hint=_t("sheet.unknown_type.hint", suffixes=_t("list.separator").join(SHEET_SUFFIXES)),
        )  # fmt: skip
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise BulletinError(
                _t("sheet.not_regular"), file=label, hint=_t("sheet.not_regular.hint")
            )
        if size > MAX_SHEET_BYTES:
            raise BulletinError(_t("sheet.too_large"), file=label)
        raw = p.read_bytes()
    except FileNotFoundError:
        raise BulletinError(
            _t("sheet.not_found"), file=label, hint=_t("sheet.not_found.hint")
        ) from None
    except OSError as exc:
        raise BulletinError(_t("sheet.unreadable", reason=exc.strerror), file=label) from None
    if p.suffix.lower() == ".csv":
        return _read_csv(raw, label)
    return _read_workbook(raw, label, sheet)


def _read_csv(raw: bytes, label: str) -> Sheet:
    if len(raw) > MAX_BYTES * 4:
        raise BulletinError(_t("sheet.csv_too_large"), file=label)
    text, _encoding = decode_data(raw, label)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    return Sheet(label, None, rows)


def _read_workbook(raw: bytes, label: str, sheet: str | None) -> Sheet:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as exc:  # calamine's errors name no class worth catching apart
        raise BulletinError(
            _t("sheet.unreadable", reason=exc), file=label,
            hint=_t("sheet.unreadable.hint"),
        ) from None  # fmt: skip
    names = list(book.sheet_names)
    if not names:
        raise BulletinError(_t("sheet.no_sheets"), file=label)
    name = names[0] if sheet is None else sheet
    if name not in names:
        raise BulletinError(
            _t("sheet.no_such_sheet", name=name), file=label,
            hint=did_you_mean(name, names)
            or _t("hint.available", names=_t("list.separator").join(names)),
        )  # fmt: skip
    data = book.get_sheet_by_name(name)
    rows = [list(row) for row in data.to_python(skip_empty_area=False)]
    merged = tuple(
        (top, left, bottom, right) for (top, left), (bottom, right) in data.merged_cell_ranges or ()
    )
    for top, left, bottom, right in merged:
        value = rows[top][left] if top < len(rows) and left < len(rows[top]) else ""
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                rows[r][c] = value  # a merged header or 分组 cell holds for every cell it spans
    return Sheet(label, name, rows, merged)


def _find_header(sheet: Sheet, names: Iterable[str], what: str) -> tuple[int, int]:
    """The first row (and column) holding one of ``names``, within the first 30 rows."""
    wanted = set(names)
    for r in range(min(len(sheet.rows), 30)):
        for c in range(len(sheet.rows[r])):
            if sheet.text(r, c) in wanted:
                return r, c
    seen = [sheet.text(r, c) for r in range(min(len(sheet.rows), 30))
            for c in range(len(sheet.rows[r])) if isinstance(sheet.cell(r, c), str)]  # fmt: skip
    first = next(iter(names))
    raise DataError(
        _t("sheet.no_header", name=first),
        file=sheet.file if sheet.name is None else f"{sheet.file}:{sheet.name}",
        hint=did_you_mean(first, [s for s in seen if s])
        or _t("sheet.no_header.hint", what=_t(what), name=first),
    )


def _is_footnote(sheet: Sheet, row: int) -> bool:
    cells = [sheet.text(row, c) for c in range(len(sheet.rows[row]))]
    filled = [t for t in cells if t]
    return bool(filled) and bool(_FOOTNOTE.match(filled[0])) and not filled[0].startswith("注册")


def _blank(sheet: Sheet, row: int) -> bool:
    return not any(sheet.text(row, c) for c in range(len(sheet.rows[row])))


# ---------------------------------------------------------------- header rows

#: Joins a group header and a column under it into the column's full name: ``床位（张）·医院``
#: (the 间隔号, which headers of statistical tables do not use).
GROUP_JOINER = "·"

#: What input methods and fonts make of the 间隔号; all are read as ``·``.
_DOTS = str.maketrans(dict.fromkeys("・‧•∙･", GROUP_JOINER))

#: A column under a group with one of these names is the group's own total: the group's
#: name alone means it.
_GROUP_TOTALS = ("合计", "总计", "小计")

#: Dropped when comparing a misspelt column name with the full names: units in brackets,
#: spaces, and what people put between a group and a column instead of ``·``.
_LOOSE = re.compile(r"（[^）]*）|\([^)]*\)|[\s·/／\\|｜_\-－—>＞、.．:：]")


@dataclass(frozen=True)
class Header:
    """A table's header: its first row, its number of rows (1 or 2) and what each
    column is called, ``(group, name)``, the group ``""`` for a column whose header
    is one cell (in a two-row header, a cell merged down over both rows).

    >>> rows = [["区县", "床位（张）", "", "人口"], ["", "合计", "医院", ""], ["甲区", 9, 8, 7]]
    >>> header = find_header_rows(Sheet("a.csv", None, rows), 0, 0)
    >>> header.depth, header.data, [header.full(c) for c in range(4)]
    (2, 2, ['区县', '床位（张）·合计', '床位（张）·医院', '人口'])
    """

    top: int
    depth: int
    cells: tuple[tuple[str, str], ...]

    @property
    def data(self) -> int:
        """The first row below the header."""
        return self.top + self.depth

    def full(self, col: int) -> str:
        """A column's full name: ``床位（张）·医院``, or its one cell's text."""
        group, name = self.cells[col]
        return f"{group}{GROUP_JOINER}{name}" if group else name


def find_header_rows(sheet: Sheet, row: int, anchor: int) -> Header:
    """The header holding the cell at ``row``, ``anchor`` (区县, 指标名称).

    The header takes two rows when the row below it (or above it) is a second
    header row: nothing in it reads as a number, and its cell in the anchor's
    column is merged with the anchor, or is blank and the row has at least two
    text cells of its own. A group cell spans the columns it is merged over; where the top
    row has no cell merged across columns (CSV), a blank top cell over a named
    column continues the group on its left.

    >>> rows = [["区县", "床位", "备注"], ["甲区", 120, "新建"]]  # a text cell in the first row
    >>> find_header_rows(Sheet("a.csv", None, rows), 0, 0).depth
    1
    """
    if _second_row(sheet, row + 1, row, anchor):
        top = row
    elif _second_row(sheet, row - 1, row, anchor, above=True):
        top = row - 1
    else:
        return Header(row, 1, tuple(("", sheet.text(row, c)) for c in range(len(sheet.rows[row]))))
    spans = any(t <= top <= b and right > left for t, left, b, right in sheet.merged)
    cells: list[tuple[str, str]] = []
    group = ""
    for c in range(max(len(sheet.rows[top]), len(sheet.rows[top + 1]))):
        upper, lower = sheet.text(top, c), sheet.text(top + 1, c)
        if c == anchor or not lower or lower == upper:
            cells.append(("", upper or lower))
            group = ""
        elif upper:
            cells.append((upper, lower))
            group = upper
        else:
            cells.append(("" if spans else group, lower))
    return Header(top, 2, tuple(cells))


def _second_row(sheet: Sheet, row: int, other: int, anchor: int, *, above: bool = False) -> bool:
    """Whether ``row`` is the header's other row, next to ``other``."""
    if not 0 <= row < len(sheet.rows) or _is_footnote(sheet, row):
        return False
    merged_down = not above and sheet.text(row, anchor) == sheet.text(other, anchor)
    if sheet.text(row, anchor) and not merged_down:
        return False
    labels = 0
    for c in range(len(sheet.rows[row])):
        text = sheet.text(row, c)
        if c == anchor or not text:
            continue
        if not _is_label(sheet, row, c) or (above and re.search("[：:]", text)):
            return False  # a number (a data row), or a note above the table (单位：个)
        labels += text != sheet.text(other, c)
    return merged_down or labels >= 2


def _is_label(sheet: Sheet, row: int, col: int) -> bool:
    """Whether a cell is text that does not read as a number (nor as "no figure")."""
    value = sheet.cell(row, col)
    if not isinstance(value, str) or sheet.text(row, col) in _EMPTY:
        return False
    try:
        sheet.number(row, col)
    except DataError:
        return not _ERROR_CELL.match(value.strip())
    return False


def _joined(name: str) -> str:
    """A column name with the 间隔号 as the header spells it (``床位 ・ 医院`` → ``床位·医院``)."""
    return re.sub(rf"\s*{GROUP_JOINER}\s*", GROUP_JOINER, name.translate(_DOTS)).strip()


_Names = tuple[dict[str, int], tuple[str, ...], dict[str, tuple[str, ...]]]


def _column_names(header: Header) -> _Names:
    """Every name a column answers to, the full names in order, and the names of several."""
    columns: dict[str, int] = {}
    full: list[str] = []

    def add(name: str, col: int) -> None:
        for key in (name, _joined(name)):
            columns.setdefault(key, col)

    for c in range(len(header.cells)):
        name = header.full(c)
        if name and name not in columns:
            add(name, c)
            full.append(name)
    shorts: dict[str, list[int]] = {}
    for c, (group, name) in enumerate(header.cells):
        if group:
            shorts.setdefault(name, []).append(c)
    for group, _name in header.cells:
        if group and group not in shorts:
            shorts[group] = [i for i, (g, _n) in enumerate(header.cells) if g == group]
    several: dict[str, tuple[str, ...]] = {}
    for name, cols in shorts.items():
        if _joined(name) in columns:
            continue  # a full name (or the one cell of a column) is always itself
        totals = [c for c in cols if header.cells[c] in ((name, t) for t in _GROUP_TOTALS)]
        if len(cols) == 1 or len(totals) == 1:
            add(name, (totals or cols)[0])
        else:
            several[_joined(name)] = tuple(dict.fromkeys(header.full(c) for c in cols))
    return columns, tuple(full), several


@dataclass
class WideTable:
    """One row per district, one column per indicator, under a header of one or two rows.

    ``header`` is the header's first row. ``columns`` maps every name a column
    answers to (its full name; under a group, its own name when no other column
    has it, and the group's name for the group's only or 合计 column) to its
    index; ``headers`` lists the full names; ``several`` the names that could
    mean more than one column, with their full names.

    >>> rows = [["区县", "机构", "", "", "床位", ""],
    ...         ["", "合计", "医院", "基层", "合计", "医院"], ["甲区", 120, 8, 100, 2300, 1800]]
    >>> table = WideTable.of(Sheet("a.csv", None, rows), "区县")
    >>> table.headers[1:4]
    ('机构·合计', '机构·医院', '机构·基层')
    >>> [table.number(2, name) for name in ("基层", "床位·医院", "机构")]
    [Decimal('100'), Decimal('1800'), Decimal('120')]
    >>> table.column("医院")
    Traceback (most recent call last):
    ...
    bulletin.errors.DataError: a.csv:1: 表头中的 “医院” 不止一列。请写全名：机构·医院、床位·医院
    """

    sheet: Sheet
    key: str
    header: int
    columns: dict[str, int]
    rows: list[int]
    names: tuple[str, ...]
    total_row: int | None = None
    headers: tuple[str, ...] = ()
    several: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Whether each ``%`` column holds ratios, by column index (a column is looked at once,
    #: not once for each of its cells).
    _ratios: dict[int, bool] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, sheet: Sheet, key: str) -> WideTable:
        """Find the header (the row naming ``key``, and a second header row if any) and
        the data rows below it."""
        header, key_col = _find_header(sheet, [key], N_("sheet.what.districts"))
        layout = find_header_rows(sheet, header, key_col)
        header = layout.top
        columns, headers, several = _column_names(layout)
        rows: list[int] = []
        names: list[str] = []
        total: int | None = None
        for r in range(layout.data, len(sheet.rows)):
            if _blank(sheet, r):
                continue
            if _is_footnote(sheet, r):
                break
            name = sheet.text(r, key_col)
            if not name:
                raise sheet.error(
                    r,
                    key_col,
                    _t("sheet.row_without_name", key=key),
                    _t("sheet.row_without_name.hint", key=key),
                )
            if name in TOTAL_NAMES or name.replace(" ", "") in TOTAL_NAMES:
                total = r
                continue
            if name in names:
                first = rows[names.index(name)]
                raise sheet.error(
                    r, key_col, _t("sheet.twice", key=key, name=name, row=first + 1),
                    _t("sheet.twice.hint"),
                )  # fmt: skip
            rows.append(r)
            names.append(name)
        if not rows:
            raise sheet.error(
                header, key_col, _t("sheet.no_rows", key=key), _t("sheet.no_rows.hint")
            )
        return cls(sheet, key, header, columns, rows, tuple(names), total, headers, several)

    def column(self, name: str) -> int:
        """The index of column ``name``; an error at the header row names the columns there
        (by their full names)."""
        for key in (name, _joined(name)):
            if key in self.columns:
                return self.columns[key]
        sep = _t("list.separator")
        if _joined(name) in self.several:
            raise self.sheet.error(
                self.header, None, _t("sheet.ambiguous_column", name=name),
                _t("sheet.ambiguous_column.hint", names=sep.join(self.several[_joined(name)])),
            )  # fmt: skip
        headers = self.headers or tuple(self.columns)
        loose = [h for h in headers if _LOOSE.sub("", h) == _LOOSE.sub("", _joined(name))]
        raise self.sheet.error(
            self.header, None, _t("sheet.no_column", name=name),
            (_t("hint.did_you_mean", word=loose[0]) if len(loose) == 1 else None)
            or did_you_mean(name, headers)
            or _t("sheet.columns.hint", names=sep.join(headers)),
        )  # fmt: skip

    def text(self, row: int, name: str) -> str:
        """The text of a cell of a data row."""
        return self.sheet.text(row, self.column(name))

    def percent_cells(self, name: str, unit: str) -> bool:
        """Whether a ``%`` column holds ratios formatted as percentages (all number cells ≤ 1)."""
        if unit != "%":
            return False
        col = self.column(name)
        if col not in self._ratios:
            cells = [self.sheet.cell(r, col) for r in self.rows]
            numbers = [v for v in cells if isinstance(v, float) and not isinstance(v, bool)]
            self._ratios[col] = (
                bool(numbers)
                and all(abs(v) <= 1 for v in numbers)
                and any(not v.is_integer() for v in numbers)
            )
        return self._ratios[col]

    def number(self, row: int, name: str, unit: str = "") -> Any:
        """The number of a cell (see :meth:`Sheet.number`)."""
        return self.sheet.number(
            row, self.column(name), unit=unit, percent_cells=self.percent_cells(name, unit)
        )

    def check_total(self, name: str, stated: Decimal, values: Sequence[Decimal | None]) -> None:
        known = [v for v in values if v is not None]
        total = sum(known, Decimal(0))
        places = max([-min(int(v.as_tuple().exponent), 0) for v in known] or [0])
        slack = Decimal(5).scaleb(-places - 1) * len(known) if places else Decimal(0)
        if abs(total - stated) > slack:
            col = self.column(name)
            raise self.sheet.error(
                self.total_row or 0, col,
                _t("sheet.total_mismatch", stated=f"{stated.normalize():f}", key=self.key,
                   total=f"{total.normalize():f}"),
                _t("sheet.total_mismatch.hint"),
            )  # fmt: skip


def _decimal(value: Any) -> Decimal | None:
    """A cell's number as a Decimal (a rate typed as ``95.2%`` → 95.2)."""
    if value is None or isinstance(value, Decimal):
        return value
    return parse_number(re.sub(r"(%|‰|/10万|/10萬)$", "", str(value)))


# ---------------------------------------------------------------- long tables

_NAME_HEADERS = ("指标名称", "指标", "项目", "名称")
_UNIT_HEADERS = ("计量单位", "单位")
_CURRENT_HEADERS = ("本年", "本期", "本年数", "本期数", "本年实际", "本年值")
_PREVIOUS_HEADERS = ("上年", "上期", "上年数", "上期数", "上年同期", "上年值")
_GROUP_HEADERS = ("分组", "类别", "分类", "部分")
_YEAR = re.compile(r"((?:19|20)\d\d)年?(?:末)?")
_INDENT = re.compile(r"^[ \u3000\t]+")
_AMONG = re.compile(r"^(其中|内)[：:]\s*")


@dataclass
class _LongColumns:
    name: int
    unit: int | None
    current: int
    previous: int | None
    group: int | None


def _long_columns(sheet: Sheet, header: Header) -> _LongColumns:
    """The columns of a long table: by the name of each column's own cell (本年, or 2024年
    under a merged 数值), else by a group cell (the first column under a merged 本年 or
    2024年 over 绝对数 and 增长%)."""
    found: dict[str, int] = {}
    years: dict[int, int] = {}
    group_years: dict[int, int] = {}
    for c, (_group, name) in enumerate(header.cells):
        text = name.replace(" ", "")
        for key, names in (("name", _NAME_HEADERS), ("unit", _UNIT_HEADERS),
                           ("current", _CURRENT_HEADERS), ("previous", _PREVIOUS_HEADERS),
                           ("group", _GROUP_HEADERS)):  # fmt: skip
            if text in names and key not in found:
                found[key] = c
        year = _YEAR.fullmatch(text)
        if year:
            years[int(year.group(1))] = c
    by_group: dict[str, int] = {}
    for c, (group, _name) in reversed(list(enumerate(header.cells))):  # the group's first column
        text = group.replace(" ", "")
        for key, names in (("current", _CURRENT_HEADERS), ("previous", _PREVIOUS_HEADERS)):
            if text in names:
                by_group[key] = c
        year = _YEAR.fullmatch(text)
        if year:
            group_years[int(year.group(1))] = c
    for key, c in by_group.items():
        found.setdefault(key, c)
    for by_year in (years, group_years):
        if by_year and "current" not in found:
            found["current"] = by_year[max(by_year)]
            if len(by_year) > 1 and "previous" not in found:
                found["previous"] = by_year[sorted(by_year)[-2]]
    if "current" not in found:
        raise sheet.error(
            header.top, None, _t("sheet.no_current_column"), _t("sheet.no_current_column.hint")
        )
    return _LongColumns(
        found["name"], found.get("unit"), found["current"], found.get("previous"),
        found.get("group"),
    )  # fmt: skip


@dataclass
class LongRows:
    """The indicators of a long table (or of one 分组 of it), with the cells they came from."""

    indicators: list[dict[str, Any]] = field(default_factory=list)
    cells: dict[DataPath, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)


def long_indicators(sheet: Sheet, group: str | None = None) -> LongRows:
    """A statistical section's indicators from a long table.

    Names indented (spaces, full-width spaces) or starting with 其中： are parts
    of the row above them that is less indented. ``group`` keeps the rows whose
    分组 column (or merged 分组 cell) holds it.

    >>> rows = [["指标名称", "计量单位", "本年", "上年"], ["医疗卫生机构", "个", 312, 305],
    ...         ["  医院", "个", 8, 7], ["医院病床使用率", "%", "71.6%", 74.3]]
    >>> found = long_indicators(Sheet("年报.csv", None, rows))
    >>> [(i["name"], i["value"], len(i.get("parts", []))) for i in found.indicators]
    [('医疗卫生机构', Decimal('312'), 1), ('医院病床使用率', '71.6%', 0)]
    >>> found.cells[(0, "parts", 0, "value")], found.indicators[1]["kind"]
    ('年报.csv:C3', 'percent')
    """
    at = _find_header(sheet, _NAME_HEADERS, N_("sheet.what.indicators"))
    layout = find_header_rows(sheet, *at)
    header = layout.top
    cols = _long_columns(sheet, layout)
    found = LongRows()
    stack: list[tuple[int, dict[str, Any], DataPath]] = []  # (indent, node, path) of open rows
    groups: list[str] = []
    for r in range(layout.data, len(sheet.rows)):
        if _blank(sheet, r):
            continue
        if _is_footnote(sheet, r):
            break
        if cols.group is not None:
            name = sheet.text(r, cols.group)
            if name and name not in groups:
                groups.append(name)
            if group is not None and name != group:
                continue
        raw = str(sheet.cell(r, cols.name) or "")
        label = sheet.text(r, cols.name)
        if not label:
            raise sheet.error(
                r, cols.name, _t("sheet.row_without_indicator"),
                _t("sheet.row_without_indicator.hint"),
            )  # fmt: skip
        indent = len(_INDENT.match(raw).group()) if _INDENT.match(raw) else 0  # type: ignore[union-attr]
        if _AMONG.match(label):
            label, indent = _AMONG.sub("", label), max(indent, 1)
        node, path = _long_row(sheet, r, cols, label)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stack and indent > 0:
            _parent_indent, parent, parent_path = stack[-1]
            parent.setdefault("parts", []).append(node)
            path = (*parent_path, "parts", len(parent["parts"]) - 1)
        else:
            found.indicators.append(node)
            path = (len(found.indicators) - 1,)
            found.names.append(label)
        for key in ("value", "previous"):
            if key in node:
                found.cells[(*path, key)] = node.pop(f"_{key}_ref")
        found.cells[path] = sheet.ref(r, cols.name)
        stack.append((indent, node, path))
    if group is not None and not found.indicators:
        raise sheet.error(
            header, cols.group, _t("sheet.no_group", group=group),
            did_you_mean(group, groups)
            or (_t("sheet.groups.hint", names=_t("list.separator").join(groups)) if groups
                else _t("sheet.no_group_column.hint")),
        )  # fmt: skip
    return found


def _long_row(
    sheet: Sheet, r: int, cols: _LongColumns, label: str
) -> tuple[dict[str, Any], DataPath]:
    unit = sheet.text(r, cols.unit) if cols.unit is not None else ""
    node: dict[str, Any] = {"name": label}
    kind = {"%": "percent", "‰": "permille", "1/10万": "per100k", "/10万": "per100k"}.get(unit)
    if (kind is None and label.startswith(("每千", "每万", "每百", "每十万"))) or unit.startswith(
        "元/"
    ):
        kind = "ratio"
    if kind:
        node["kind"] = kind
    if unit and kind not in ("percent", "permille", "per100k"):
        node["unit"] = unit
    value = sheet.number(r, cols.current, unit=unit if kind is None else "")
    if value is None:
        raise sheet.error(
            r, cols.current, _t("sheet.no_current", label=label), _t("sheet.no_current.hint")
        )
    node["value"], node["_value_ref"] = value, sheet.ref(r, cols.current)
    if cols.previous is not None:
        previous = sheet.number(r, cols.previous, unit=unit if kind is None else "")
        if previous is not None:
            node["previous"], node["_previous_ref"] = previous, sheet.ref(r, cols.previous)
    return node, ()


# ---------------------------------------------------------------- source map


@dataclass
class SheetMarks(Marks):
    """A YAML file's marks plus the cells some of its values came from.

    ``cells`` maps a data path to its cell (``各区县.xlsx:表1!C7``): an error
    about that value (or anything below it) points at the cell. ``peers``
    holds each figure's values across the run (:class:`~bulletin.load.peers.Peers`),
    by the figure's name, and each indicator's read with ``column:``, by its data path.
    """

    cells: dict[DataPath, str] = field(default_factory=dict)
    peers: dict[str | DataPath, Peers] = field(default_factory=dict)

    @classmethod
    def over(cls, marks: Marks) -> SheetMarks:
        """New sheet marks on top of ``marks`` (shared, not copied: neither changes later)."""
        if isinstance(marks, SheetMarks):
            return cls(marks.file, dict(marks.values), marks.encoding, marks.keys, marks.scalars,
                       dict(marks.cells), dict(marks.peers))  # fmt: skip
        return cls(marks.file, dict(marks.values), marks.encoding, marks.keys, marks.scalars)

    def cell(self, path: DataPath) -> str | None:
        """The cell of ``path`` or of its nearest parent, if nearer than any YAML node."""
        path = tuple(path)
        while path:
            if path in self.cells:
                return self.cells[path]
            if path in self.values and path not in self.cells:
                return None
            path = path[:-1]
        return None

    def locate(self, err: BulletinError) -> BulletinError:
        """As :meth:`Marks.locate`, but a value from a cell is located at the cell."""
        ref = self.cell(err.path) if err.path is not None and err.line is None else None
        if ref is not None and err.file is None:
            err.file = ref
            for other in err.others:
                self.locate(other)
            return err
        return super().locate(err)
