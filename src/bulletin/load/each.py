"""Data files whose figures come from spreadsheets, and one document per table row.

Three things a YAML data file may say beyond the model, all resolved here,
before validation, into plain values whose cells are remembered
(:class:`~bulletin.load.sheets.SheetMarks`):

- a statistical section's ``indicators`` given as a long table::

      indicators: {sheet: 年报.xlsx, table: 表1, group: 医疗卫生资源,
                   options: {医疗卫生机构: {lead: 年末全区共有}}}

- in a template rendered once per row of a wide table (:func:`load_rows`), a
  value written ``{column: 床位数}`` (or ``column:``, ``previous_column:``,
  ``target_column:`` beside other keys) is that row's cell, and ``{区县}`` in
  any text is the row's cell of that column;
- ``--set meta.date=2025-04-18`` overrides (:func:`apply_sets`).

>>> data = {"meta": {"title": "{区县}公报"},
...         "figures": {"beds": {"column": "床位数", "unit": "张"}}}
>>> sheet = Sheet("各区县.csv", None,
...               [["区县", "床位数"], ["甲区", 120], ["乙区", 80], ["合计", 200]])
>>> rows = load_rows(data, Marks("模板.yaml"), sheet, "区县", summary="云岭市")
>>> [(r.name, r.document.meta.title) for r in rows]
[('甲区', '甲区公报'), ('乙区', '乙区公报'), ('云岭市', '云岭市公报')]
>>> rows[0].document.figures["beds"].value, rows[0].document.marks.peers["beds"].rank()
(Decimal('120'), (1, False))
>>> rows[2].document.figures["beds"].value
Decimal('200')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import BulletinError, DataError, DataPath, did_you_mean
from ..messages import text as _t
from .model import Document
from .peers import Peers
from .sheets import Sheet, SheetMarks, WideTable, long_indicators, read_sheet
from .validate import _validate
from .yaml_reader import Marks, decode_data, load_yaml_file, load_yaml_text

__all__ = [
    "RowDocument",
    "apply_sets",
    "expand_long",
    "has_sheets",
    "load_rows",
    "load_rows_from",
    "load_source",
    "safe_stem",
]

_COLUMN_KEYS = {"column": "value", "previous_column": "previous", "target_column": "target"}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}\s]+)\}(?!\})")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_stem(name: str) -> str:
    """A file name from a district's name (characters no file system allows become _).

    >>> safe_stem("甲区/新区"), safe_stem(" .. ")
    ('甲区_新区', '_')
    """
    stem = _UNSAFE.sub("_", name).strip().strip(".")
    return stem or "_"


def has_sheets(data: Any) -> bool:
    """Whether a data file names a spreadsheet for some section's indicators."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return False
    return any(_sheet_sections(data["sections"], ("sections",)))


def _sheet_sections(sections: list[Any], base: DataPath) -> list[tuple[dict[str, Any], DataPath]]:
    found: list[tuple[dict[str, Any], DataPath]] = []
    for i, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        if isinstance(section.get("indicators"), dict):
            found.append((section, (*base, i)))
        if isinstance(section.get("subsections"), list):
            found += _sheet_sections(section["subsections"], (*base, i, "subsections"))
    return found


def expand_long(data: Any, marks: Marks, folder: Path) -> tuple[Any, SheetMarks]:
    """Replace every ``indicators: {sheet: …}`` by the indicators read from the sheet."""
    marks = SheetMarks.over(marks)
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return data, marks
    for section, path in _sheet_sections(data["sections"], ("sections",)):
        where = (*path, "indicators")
        spec = section["indicators"]
        unknown = set(spec) - {"sheet", "table", "group", "options"}
        if unknown or not isinstance(spec.get("sheet"), str):
            raise DataError(
                _t("each.bad_indicators_table"),
                file=marks.file, line=marks.value(where)[0], col=marks.value(where)[1],
            )  # fmt: skip
        sheet_file = Path(spec["sheet"])
        if not sheet_file.is_absolute():
            sheet_file = folder / sheet_file
        sheet = _located(marks, (*where, "sheet"), sheet_file, spec.get("table"), spec["sheet"])
        group = spec.get("group")
        rows = long_indicators(sheet, str(group) if group is not None else None)
        options = spec.get("options") or {}
        for name, extra in options.items():
            if name not in rows.names:
                line, col = marks.key((*where, "options", name))
                raise DataError(
                    _t("each.no_indicator", name=name), file=marks.file, line=line, col=col,
                    hint=did_you_mean(name, rows.names)
                    or _t("each.indicators.hint", names=_t("list.separator").join(rows.names)),
                )  # fmt: skip
            index = rows.names.index(name)
            if isinstance(extra, dict):
                rows.indicators[index].update(extra)
                for key in extra:
                    marks.values[(*where, index, key)] = marks.value((*where, "options", name, key))
        section["indicators"] = rows.indicators
        for sub, ref in rows.cells.items():
            marks.cells[(*where, *sub)] = ref
            marks.values.setdefault((*where, *sub), marks.value((*where, "sheet")))
    return data, marks


def _located(marks: Marks, path: DataPath, file: Path, table: Any, label: str) -> Sheet:
    """Read a sheet; an error about the file itself is put at ``path`` of the YAML file."""
    try:
        return read_sheet(file, str(table) if table is not None else None, label=label)
    except BulletinError as err:
        if err.line is None and err.file == label:
            line, col = marks.value(path)
            err.message = f"{label}：{err.message}"
            err.file, err.line, err.col = marks.file, line, col
        raise


def apply_sets(data: Any, sets: Sequence[str]) -> Any:
    """Override values: each ``a.b.c=value`` (the value read as YAML: 12, 2025-04-18, 文字).

    >>> apply_sets({"meta": {"title": "甲"}}, ["meta.date=2025-04-18", "meta.title=乙"])
    {'meta': {'title': '乙', 'date': '2025-04-18'}}
    """
    for item in sets:
        key, sep, text = item.partition("=")
        parts = [p for p in key.strip().split(".")]
        if not sep or not all(parts):
            raise BulletinError(_t("each.bad_set", item=item), hint=_t("each.bad_set.hint"))
        value = load_yaml_text(text, "--set")[0] if text.strip() else ""
        node = data
        for part in parts[:-1]:
            node = _step(node, part, item, create=True)
        last = parts[-1]
        if isinstance(node, list):
            node[_index(node, last, item)] = value
        elif isinstance(node, dict):
            node[last] = value
        else:
            raise BulletinError(_t("each.set_not_settable", item=item, key=key))
    return data


def _step(node: Any, part: str, item: str, *, create: bool) -> Any:
    if isinstance(node, dict):
        if part not in node and create:
            node[part] = {}
        return node[part]
    if isinstance(node, list):
        return node[_index(node, part, item)]
    raise BulletinError(_t("each.set_not_mapping", item=item, part=part))


def load_source(
    source: str | Path | bytes | None, sets: Sequence[str] = (), *, file: str = "<stdin>"
) -> Document:
    """Load a data file (or the bytes of one, named ``file``), with ``--set`` overrides.

    >>> load_source("meta: {title: 甲}\\n".encode(), ["meta.title=乙"]).meta.title
    '乙'
    """
    if source is None or isinstance(source, bytes):
        if not source:
            raise BulletinError(_t("each.no_stdin"), file=file, hint=_t("each.no_stdin.hint"))
        text, encoding = decode_data(source, file)
        data, marks = load_yaml_text(text, file)
        marks.encoding = encoding
        folder = Path.cwd()
    else:
        data, marks = load_yaml_file(source)
        folder = Path(source).parent
    if has_sheets(data):
        data, marks = expand_long(data, marks, folder)
    return _validate(apply_sets(data, sets) if sets else data, marks)


def _index(node: list[Any], part: str, item: str) -> int:
    if not part.isdigit() or int(part) >= len(node):
        raise BulletinError(_t("each.set_bad_index", item=item, part=part, last=len(node) - 1))
    return int(part)


# ---------------------------------------------------------------- one document per row


@dataclass
class RowDocument:
    """One row's document (or why it could not be made); ``name`` is the row's key cell."""

    name: str
    stem: str
    document: Document | None = None
    error: BulletinError | None = None


@dataclass
class _Row:
    table: WideTable
    row: int | None  # None: the summary (合计 row, else sums)
    index: int | None
    name: str
    area: str
    peers: dict[tuple[str, str], Peers]


def load_rows(
    template: Any,
    marks: Marks,
    sheet: Sheet,
    each: str,
    *,
    summary: str | None = None,
    summary_template: tuple[Any, Marks] | None = None,
    area: str = "全市",
    sets: Sequence[str] = (),
) -> list[RowDocument]:
    """One document per data row of ``sheet`` from the template data (and a summary).

    The summary (named ``summary``: 云澜市) takes the 合计 row, or the sums of
    the rows, and is made from ``summary_template`` (data and marks) when given.

    A row whose cells cannot be read gets its error (at the cell); the others
    are made. A mistake of the template itself (a column that does not exist)
    is raised.
    """
    table = WideTable.of(sheet, each)
    shared: dict[tuple[str, str], Peers] = {}
    results: list[RowDocument] = []
    rows: list[tuple[int | None, int | None, str]] = [
        (r, i, n) for i, (r, n) in enumerate(zip(table.rows, table.names, strict=True))
    ]
    if summary is not None:
        rows.append((None, None, summary))
    for row, index, name in rows:
        ctx = _Row(table, row, index, name, area, shared)
        source, source_marks = (template, marks)
        if row is None and summary_template is not None:
            source, source_marks = summary_template
        m = SheetMarks.over(source_marks)
        try:
            data = apply_sets(_fill(source, (), "", ctx, m), sets)  # new lists and dicts
            doc = _validate(data, m)
            results.append(RowDocument(name, safe_stem(name), doc))
        except BulletinError as err:
            if err.code == "template":
                raise
            results.append(RowDocument(name, safe_stem(name), error=m.locate(err)))
    return results


def load_rows_from(
    template: str | Path, data: str | Path, each: str, *, sheet: str | None = None,
    summary: str | None = None, summary_template: str | Path | None = None,
    area: str = "全市", sets: Sequence[str] = (),
) -> list[RowDocument]:  # fmt: skip
    """:func:`load_rows` from a template file and a spreadsheet file."""
    table = read_sheet(data, sheet)
    city = _template(summary_template) if summary_template is not None else None
    return load_rows(*_template(template), table, each, summary=summary,
                     summary_template=city, area=area, sets=sets)  # fmt: skip


def _template(path: str | Path) -> tuple[Any, Marks]:
    raw, marks = load_yaml_file(path)
    if has_sheets(raw):
        raw, marks = expand_long(raw, marks, Path(path).parent)
    return raw, marks


def _fill(node: Any, path: DataPath, unit: str, ctx: _Row, marks: SheetMarks) -> Any:
    """The template data with this row's cells in place of column references."""
    if isinstance(node, str):
        return _PLACEHOLDER.sub(lambda m: _placeholder(m, ctx, marks, path), node)
    if isinstance(node, list):
        return [_fill(v, (*path, i), unit, ctx, marks) for i, v in enumerate(node)]
    if not isinstance(node, dict):
        return node
    unit = node["unit"] if isinstance(node.get("unit"), str) else unit
    unit = {"percent": "%", "permille": "‰"}.get(str(node.get("kind")), unit)
    if set(node) == {"column"}:
        return _cell(node["column"], path, (*path, "column"), unit, ctx, marks)
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in _COLUMN_KEYS:
            target = (*path, _COLUMN_KEYS[key])
            result[_COLUMN_KEYS[key]] = _cell(value, target, (*path, key), unit, ctx, marks)
            if key == "column" and len(path) == 2 and path[0] == "figures":
                marks.peers[str(path[1])] = _peers(str(value), unit, ctx)
            elif key == "column" and len(path) >= 2 and path[-2] == "indicators":
                marks.peers[path] = _peers(str(value), unit, ctx)  # for rank_in_city
        else:
            result[key] = _fill(value, (*path, key), unit, ctx, marks)
    return result


def _placeholder(match: re.Match[str], ctx: _Row, marks: SheetMarks, path: DataPath) -> str:
    column = match.group(1)
    if column == ctx.table.key:
        return ctx.name
    if column in ctx.table.several:  # 医院 under two header groups: the template must say which
        try:
            ctx.table.column(column)
        except BulletinError as err:
            line, col = marks.value(path)
            message = f"{err.file}：{err.message}"
            raise _template_error(message, marks.file, line, col, err.hint) from None
    if column not in ctx.table.columns:
        return match.group()
    if ctx.row is None:
        return ctx.table.text(ctx.table.total_row, column) if ctx.table.total_row else ""
    return ctx.table.text(ctx.row, column)


def _cell(
    column: Any, target: DataPath, key: DataPath, unit: str, ctx: _Row, marks: SheetMarks
) -> Any:
    if not isinstance(column, str):
        line, col = marks.value(key)
        raise _template_error(_t("each.column_not_text"), marks.file, line, col)
    table = ctx.table
    try:
        col_index = table.column(column)
    except BulletinError as err:
        line, col = marks.value(key)
        raise _template_error(
            f"{err.file}：{err.message}", marks.file, line, col, err.hint
        ) from None
    marks.values[target] = marks.value(key)
    if ctx.row is None:
        return _summary_value(column, unit, ctx, marks, target)
    marks.cells[target] = table.sheet.ref(ctx.row, col_index)
    value = table.number(ctx.row, column, unit)
    if value is None:
        raise table.sheet.error(
            ctx.row, col_index, _t("each.empty_cell", name=ctx.name, column=column),
            _t("each.empty_cell.hint"),
        )  # fmt: skip
    return value


def _summary_value(column: str, unit: str, ctx: _Row, marks: SheetMarks, target: DataPath) -> Any:
    table = ctx.table
    peers = _peers(column, unit, ctx)
    if table.total_row is not None:
        marks.cells[target] = table.sheet.ref(table.total_row, table.column(column))
    if peers.stated is not None:
        return peers.stated
    if unit in ("%", "‰", "/10万") or any(v is None for v in peers.values):
        raise table.sheet.error(
            table.header, table.column(column),
            _t("each.no_sum", column=column, area=ctx.area), _t("each.no_sum.hint"),
        )  # fmt: skip
    return peers.total


def _peers(column: str, unit: str, ctx: _Row) -> Peers:
    key = (column, unit)
    if key not in ctx.peers:
        table = ctx.table
        values: list[Decimal | None] = []
        for r in table.rows:
            try:
                values.append(_as_decimal(table.number(r, column, unit)))
            except BulletinError:  # that row's own document reports it
                values.append(None)
        stated = None
        if table.total_row is not None:
            stated = _as_decimal(table.number(table.total_row, column, unit))
            if stated is not None and _is_sum(stated, unit, values):
                table.check_total(column, stated, values)
        ctx.peers[key] = Peers(ctx.area, table.names, tuple(values), None, stated)
    return replace(ctx.peers[key], own=ctx.index)


def _is_sum(stated: Decimal | None, unit: str, values: Sequence[Decimal | None]) -> bool:
    """Whether a 合计 cell should be the sum of the rows: not for rates, nor when it is
    below some row (then it is the city's own ratio or average: 平均住院日 8.6)."""
    known = [v for v in values if v is not None]
    if stated is None or unit in ("%", "‰", "/10万") or len(known) < len(values):
        return False
    return not known or stated >= max(known)


def _as_decimal(value: Any) -> Decimal | None:
    from .sheets import _decimal

    return _decimal(value)


def _template_error(
    message: str, file: str, line: int, col: int, hint: str | None = None
) -> DataError:
    err = DataError(message, file=file, line=line, col=col, hint=hint)
    err.code = "template"
    return err
