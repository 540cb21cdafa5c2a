"""Headers of two rows: group cells over the columns under them, cells merged down over both
rows, full names (床位（张）·医院) and names of their own, and every mistake at its place."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bulletin.errors import BulletinError
from bulletin.load.each import load_rows_from
from bulletin.load.sheets import Sheet, WideTable, find_header_rows, long_indicators, read_sheet

SHEETS = Path(__file__).parent / "sheets"

FULL = (
    "区县",
    "医疗卫生机构（个）·合计",
    "医疗卫生机构（个）·医院",
    "医疗卫生机构（个）·基层医疗卫生机构",
    "床位（张）·合计",
    "床位（张）·医院",
    "常住人口（万人）",
)
DATA = [
    ["甲区", 120, 8, 100, 2300, 1800, 45.2],
    ["乙区", 80, 5, 70, 1200, 1000, 30.1],
    ["合计", 200, 13, 170, 3500, 2800, 75.3],
]
#: The same header as CSV writes it: a merged cell is its first cell, the others blank.
CSV_HEADER = [
    ["区县", "医疗卫生机构（个）", "", "", "床位（张）", "", "常住人口（万人）"],
    ["", "合计", "医院", "基层医疗卫生机构", "合计", "医院", ""],
]


def merged_xlsx(path: Path) -> Path:
    """The table with real merged ranges: a title, 区县 and 常住人口 merged down, the groups
    merged across."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("表1")
    ws.merge_range(0, 0, 0, 6, "表1 各区县卫生资源")
    ws.merge_range(1, 0, 2, 0, "区县")
    ws.merge_range(1, 1, 1, 3, "医疗卫生机构（个）")
    ws.merge_range(1, 4, 1, 5, "床位（张）")
    ws.merge_range(1, 6, 2, 6, "常住人口（万人）")
    ws.write_row(2, 1, ["合计", "医院", "基层医疗卫生机构", "合计", "医院"])
    for r, row in enumerate(DATA, 3):
        ws.write_row(r, 0, row)
    ws.write(6, 0, "注：测试数据。")
    book.close()
    return path


def csv_file(path: Path, rows: list[list[object]]) -> Path:
    path.write_text("\n".join(",".join(str(v) for v in row) for row in rows) + "\n", "utf-8")
    return path


def _check(table: WideTable, header: int) -> None:
    assert table.headers == FULL
    assert (table.header, table.rows, table.names, table.total_row) == (
        header,
        [header + 2, header + 3],
        ("甲区", "乙区"),
        header + 4,
    )
    first = table.rows[0]
    assert [table.number(first, name) for name in FULL[1:]] == [
        Decimal(v) for v in ("120", "8", "100", "2300", "1800", "45.2")
    ]
    # a name of its own when no other column has it; a group's name means its 合计 column
    assert table.number(first, "基层医疗卫生机构") == Decimal(100)
    assert table.number(first, "医疗卫生机构（个）") == Decimal(120)
    assert table.number(first, "床位（张）") == Decimal(2300)
    # the 间隔号 as input methods and fonts write it, with spaces around it
    assert table.number(first, "床位（张） ・ 医院") == Decimal(1800)
    assert table.number(first, "床位（张）•医院") == Decimal(1800)


def test_xlsx_with_merged_cells(tmp_path: Path) -> None:
    _check(WideTable.of(read_sheet(merged_xlsx(tmp_path / "a.xlsx")), "区县"), 1)


def test_csv_blank_top_cells_continue_the_group_on_their_left(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "a.csv", [["各区县卫生资源"], *CSV_HEADER, *DATA, ["注：测试。"]])
    _check(WideTable.of(read_sheet(path), "区县"), 1)


@pytest.mark.parametrize("name", ["两行表头.xls", "两行表头.ods"])
def test_committed_workbooks(name: str) -> None:
    """两行表头.xls has merged ranges; in 两行表头.ods they are read as blank cells."""
    _check(WideTable.of(read_sheet(SHEETS / name), "区县"), 1)


def test_district_cell_in_the_lower_row() -> None:
    """区县 written in the second header row, nothing above it."""
    rows = [["", *CSV_HEADER[0][1:]], ["区县", *CSV_HEADER[1][1:]]]
    _check(WideTable.of(Sheet("a.csv", None, [*rows, *DATA]), "区县"), 0)


def test_without_merges_in_the_top_row_a_blank_is_no_group(tmp_path: Path) -> None:
    """In a workbook whose top header row has merged groups, a blank top cell is not part
    of the group on its left: 签约人数 is a name of its own."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    ws = book.add_worksheet("表1")
    ws.merge_range(0, 0, 1, 0, "区县")
    ws.merge_range(0, 1, 0, 2, "床位（张）")
    ws.write_row(1, 1, ["合计", "医院", "签约人数"])
    ws.write_row(2, 0, ["甲区", 9, 8, 7])
    book.close()
    table = WideTable.of(read_sheet(tmp_path / "a.xlsx"), "区县")
    assert table.headers == ("区县", "床位（张）·合计", "床位（张）·医院", "签约人数")
    rows = [["区县", "床位（张）", "", ""], ["", "合计", "医院", "签约人数"], ["甲区", 9, 8, 7]]
    assert WideTable.of(Sheet("a.csv", None, rows), "区县").headers[-1] == "床位（张）·签约人数"


def test_cells_merged_down_make_two_rows_with_few_names_below(tmp_path: Path) -> None:
    """区县 merged down: the row below is the header's, even with one name of its own (or none:
    a header of one row whose cells are all two rows tall)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    ws = book.add_worksheet("表1")
    ws.merge_range(0, 0, 1, 0, "区县")
    ws.merge_range(0, 1, 1, 1, "人口")
    ws.write(0, 2, "床位（张）")
    ws.write(1, 2, "合计")
    ws.write_row(2, 0, ["甲区", 9, 8])
    ws = book.add_worksheet("表2")
    ws.merge_range(0, 0, 1, 0, "区县")
    ws.merge_range(0, 1, 1, 1, "人口")
    ws.write_row(2, 0, ["甲区", 9])
    book.close()
    table = WideTable.of(read_sheet(tmp_path / "a.xlsx"), "区县")
    assert table.headers == ("区县", "人口", "床位（张）·合计") and table.names == ("甲区",)
    assert table.number(2, "床位（张）") == Decimal(8)
    table = WideTable.of(read_sheet(tmp_path / "a.xlsx", "表2"), "区县")
    assert table.headers == ("区县", "人口") and table.rows == [2]


ONE_ROW = [
    # a text cell in the first data row
    [["区县", "床位", "备注"], ["甲区", 120, "新建"], ["乙区", 80, "暂缺"]],
    # a first row whose cells are all text: its 区县 cell is not blank
    [["区县", "等级", "类别"], ["甲区", "三甲", "综合"], ["乙区", "二甲", "专科"]],
    # a note above the header (单位：个) and a title in the 区县 column
    [["", "", "单位：个", "单位：张"], ["区县", "机构", "床位", "医院"], ["甲区", 1, 2, 3]],
    [["各区县主要指标", "", ""], ["区县", "床位", "病床使用率"], ["甲区", "12", "71.6%"]],
    # a blank row below the header, then data
    [["区县", "床位", "人员"], [], ["甲区", 1, 2]],
]


@pytest.mark.parametrize("rows", ONE_ROW)
def test_one_row_headers_stay_one_row(rows: list[list[object]]) -> None:
    table = WideTable.of(Sheet("a.csv", None, rows), "区县")
    header = next(r for r, row in enumerate(rows) if "区县" in row)
    assert find_header_rows(table.sheet, header, 0).depth == 1
    assert table.headers == tuple(rows[header]) and table.names[0] == "甲区"


def test_first_row_without_district_is_still_an_error() -> None:
    """One text cell under a one-row header does not make a second header row."""
    with pytest.raises(BulletinError) as info:
        WideTable.of(Sheet("a.csv", None, [["区县", "床位", "人员"], ["", "暂缺", 3]]), "区县")
    assert str(info.value).startswith("a.csv:A2: 这一行没有区县名称")


def _template(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _template_error(tmp_path: Path, text: str) -> str:
    merged_xlsx(tmp_path / "a.xlsx")
    _template(tmp_path, text)
    with pytest.raises(BulletinError) as info:
        load_rows_from("t.yaml", "a.xlsx", "区县")
    return str(info.value)


HEAD = "meta: {title: '{区县}'}\nfigures:\n"
TEMPLATE_ERRORS = [
    (
        "  beds: {column: 医院, unit: 张}\n",
        "t.yaml:3:18: a.xlsx:表1!2：表头中的 “医院” 不止一列。"
        "请写全名：医疗卫生机构（个）·医院、床位（张）·医院",
    ),
    (
        "  beds: {column: 合计, unit: 张}\n",
        "t.yaml:3:18: a.xlsx:表1!2：表头中的 “合计” 不止一列。"
        "请写全名：医疗卫生机构（个）·合计、床位（张）·合计",
    ),
    (  # another joiner than the 间隔号
        "  beds: {column: 床位（张）/医院, unit: 张}\n",
        "t.yaml:3:18: a.xlsx:表1!2：表头中没有 “床位（张）/医院” 列。是不是 “床位（张）·医院”？",
    ),
    (  # the group without its unit
        "  beds: {value: 1, previous_column: 床位·医院, unit: 张}\n",
        "t.yaml:3:37: a.xlsx:表1!2：表头中没有 “床位·医院” 列。是不是 “床位（张）·医院”？",
    ),
    (
        "  beds: {column: 病床, unit: 张}\n",
        "t.yaml:3:18: a.xlsx:表1!2：表头中没有 “病床” 列。表头有：" + "、".join(FULL),
    ),
]


@pytest.mark.parametrize(("figure", "message"), TEMPLATE_ERRORS)
def test_template_names_a_column_badly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figure: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _template_error(tmp_path, HEAD + figure) == message


def test_ambiguous_name_in_text_is_a_template_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = "meta: {title: '{区县}医院{医院}个'}\n"
    assert _template_error(tmp_path, text) == (
        "t.yaml:1:15: a.xlsx:表1!2：表头中的 “医院” 不止一列。"
        "请写全名：医疗卫生机构（个）·医院、床位（张）·医院"
    )
    merged_xlsx(tmp_path / "a.xlsx")
    path = _template(tmp_path, "meta: {title: '{区县}医院{医疗卫生机构（个）·医院}个'}\n")
    rows = load_rows_from(path, tmp_path / "a.xlsx", "区县", summary="云市")
    assert [r.document.meta.title for r in rows if r.document] == [
        "甲区医院8个",
        "乙区医院5个",
        "云市医院13个",
    ]


def test_group_without_a_total_column_is_ambiguous() -> None:
    rows = [["区县", "床位（张）", ""], ["", "医院", "基层"], ["甲区", 9, 8]]
    table = WideTable.of(Sheet("a.csv", None, rows), "区县")
    with pytest.raises(BulletinError) as info:
        table.column("床位（张）")
    assert str(info.value) == (
        "a.csv:1: 表头中的 “床位（张）” 不止一列。请写全名：床位（张）·医院、床位（张）·基层"
    )


def test_documents_from_a_two_row_header(tmp_path: Path) -> None:
    """Values, the summary from the 合计 row (checked against the sum) and cells located."""
    merged_xlsx(tmp_path / "a.xlsx")
    path = _template(
        tmp_path,
        HEAD + "  beds: {column: 床位（张）·医院, unit: 张}\n"
        "  inst: {column: 医疗卫生机构（个）, unit: 个}\n"
        "  people: {column: 常住人口（万人）, unit: 万人}\n",
    )
    rows = load_rows_from(path, tmp_path / "a.xlsx", "区县", summary="云市")
    values = [
        {k: f.value for k, f in r.document.figures.items()} for r in rows if r.document is not None
    ]
    assert values == [
        {"beds": Decimal(1800), "inst": Decimal(120), "people": Decimal("45.2")},
        {"beds": Decimal(1000), "inst": Decimal(80), "people": Decimal("30.1")},
        {"beds": Decimal(2800), "inst": Decimal(200), "people": Decimal("75.3")},
    ]
    doc = rows[1].document
    assert doc is not None
    err = BulletinError("x").at(("figures", "beds", "value"))
    assert doc.marks.locate(err).location.endswith("a.xlsx:表1!F5")


def test_total_mismatch_under_a_group_is_located(tmp_path: Path) -> None:
    rows = [*CSV_HEADER, *DATA[:2], ["合计", 200, 13, 170, 3500, 2900, 75.3]]
    csv_file(tmp_path / "a.csv", rows)
    path = _template(tmp_path, HEAD + "  beds: {column: 床位（张）·医院, unit: 张}\n")
    results = load_rows_from(path, tmp_path / "a.csv", "区县")
    assert str(results[0].error).startswith(
        f"{tmp_path / 'a.csv'}:F5: 合计 2900 与各区县之和 2800 不符"
    )


# ---------------------------------------------------------------- long tables

LONG_DATA = [
    ["医疗卫生机构", "个", 312, 305],
    ["  医院", "个", 8, 7],
    ["医院病床使用率", "%", "71.6%", "74.3%"],
]


def _long(found: object) -> list[tuple[str, object, object]]:
    indicators = found.indicators  # type: ignore[attr-defined]
    return [(i["name"], i["value"], i.get("previous")) for i in indicators]


EXPECTED_LONG = [
    ("医疗卫生机构", Decimal(312), Decimal(305)),
    ("医院病床使用率", "71.6%", "74.3%"),
]


def test_long_table_values_under_a_merged_cell_xlsx(tmp_path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "年报.xlsx"))
    ws = book.add_worksheet("表1")
    ws.merge_range(0, 0, 1, 0, "指标名称")
    ws.merge_range(0, 1, 1, 1, "计量单位")
    ws.merge_range(0, 2, 0, 3, "数值")
    ws.write_row(1, 2, ["本年", "上年"])
    for r, row in enumerate(LONG_DATA, 2):
        ws.write_row(r, 0, row)
    book.close()
    found = long_indicators(read_sheet(tmp_path / "年报.xlsx"))
    assert _long(found) == EXPECTED_LONG
    assert found.cells[(0, "parts", 0, "previous")] == f"{tmp_path / '年报.xlsx'}:表1!D4"


LONG_HEADERS = [
    # years under a merged 数值 (CSV: blank cells)
    [["指标名称", "计量单位", "数值", ""], ["", "", "2024年", "2023年"]],
    # a year over 绝对数 and 增长%: the first column under each year
    [
        ["指标名称", "计量单位", "2024年", "", "2023年"],
        ["", "", "绝对数", "比上年增长%", "绝对数"],
    ],
    # 本年 and 上年 over columns of their own
    [["指标名称", "计量单位", "本年", "", "上年"], ["", "", "绝对数", "增长%", "绝对数"]],
    # 指标名称 in the lower row
    [["", "", "数值", ""], ["指标名称", "计量单位", "本年", "上年"]],
]


@pytest.mark.parametrize("header", LONG_HEADERS)
def test_long_table_two_row_headers(header: list[list[object]]) -> None:
    wide = len(header[0]) == 5
    rows = [*header, *([*row[:3], "", row[3]] if wide else row for row in LONG_DATA)]
    found = long_indicators(Sheet("年报.csv", None, rows))
    assert _long(found) == EXPECTED_LONG
    assert found.cells[(0, "value")] == "年报.csv:C3"
    assert found.cells[(0, "previous")] == ("年报.csv:E3" if wide else "年报.csv:D3")


def test_long_table_two_rows_without_current_column() -> None:
    rows = [["指标名称", "计量单位", "数值", ""], ["", "", "绝对数", "构成%"], ["医院", "个", 8, 2]]
    with pytest.raises(BulletinError) as info:
        long_indicators(Sheet("年报.csv", None, rows))
    assert str(info.value) == (
        "年报.csv:1: 表头中没有本年数的列。请把本年数的列头写成 “本年” 或 “2024年”"
    )
