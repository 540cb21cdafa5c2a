"""Spreadsheet readers: every format and encoding, the table shapes, every bad cell at its place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import bulletin
from bulletin.errors import BulletinError
from bulletin.load.each import load_rows_from
from bulletin.load.sheets import Sheet, WideTable, long_indicators, read_sheet

HERE = Path(__file__).parent
SHEETS = HERE / "sheets"
EXAMPLES = HERE.parent / "examples" / "city"

ROWS = [
    ["区县", "床位", "病床使用率"],
    ["甲区", 120, "71.6%"],
    ["乙区", "1,080", "80.2%"],
    ["丙区", "0.08万", "66%"],
    ["合计", 2000, "75.0%"],
]


def xlsx(path: Path, rows: list[list[object]], *, sheet: str = "表1", title: bool = True,
         percent_col: int | None = None) -> Path:  # fmt: skip
    """Write ``rows`` as a workbook (a merged title row above, optionally)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    pct = book.add_format({"num_format": "0.0%"})
    top = 0
    if title:
        ws.merge_range(0, 0, 0, len(rows[0]) - 1, "表1 各区县主要指标")
        top = 1
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(r + top, c, dt.datetime(value.year, value.month, value.day),
                                  book.add_format({"num_format": "yyyy-mm-dd"}))  # fmt: skip
            else:
                ws.write(r + top, c, value, pct if c == percent_col and r else None)
    book.close()
    return path


def _table(path: Path) -> tuple[tuple[str, ...], list[object], list[object]]:
    table = WideTable.of(read_sheet(path), "区县")
    beds = [table.number(r, "床位") for r in table.rows]
    rates = [table.number(r, "病床使用率", "%") for r in table.rows]
    return table.names, beds, rates


EXPECTED = (("甲区", "乙区", "丙区"), [Decimal(120), Decimal(1080), Decimal(800)],
            ["71.6%", "80.2%", "66%"])  # fmt: skip


@pytest.mark.parametrize("name", ["各区县.xls", "各区县.ods"])
def test_committed_workbooks(name: str) -> None:
    assert _table(SHEETS / name) == EXPECTED


def test_xlsx_with_title_row_and_percent_cells(tmp_path: Path) -> None:
    rows = [["区县", "床位", "病床使用率"], ["甲区", 120, 0.716], ["乙区", 1080, 0.802]]
    path = xlsx(tmp_path / "a.xlsx", rows, percent_col=2)
    table = WideTable.of(read_sheet(path), "区县")
    assert [table.number(r, "病床使用率", "%") for r in table.rows] == [
        Decimal("71.6"),
        Decimal("80.2"),
    ]
    assert xlsx(tmp_path / "b.xlsx", ROWS) and _table(tmp_path / "b.xlsx") == EXPECTED


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    text = "\n".join(",".join(f'"{v}"' for v in row) for row in ROWS) + "\n注：测试数据\n"
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode(encoding))
    assert _table(path) == EXPECTED


def test_example_gbk_csv_is_gbk() -> None:
    raw = (EXAMPLES / "各区县.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert read_sheet(EXAMPLES / "各区县.csv").rows[1][0] == "青禾区"


def _error(call: object) -> str:
    with pytest.raises(BulletinError) as info:
        call()  # type: ignore[operator]
    return str(info.value)


# every bad cell, with the place it is reported at
BAD_CELLS = [
    ("abc", "a.xlsx:表1!B4: 单元格的数值无效：“abc”"),
    ("12..5", "a.xlsx:表1!B4: 单元格的数值无效：“12..5”"),
    ("#DIV/0!", "a.xlsx:表1!B4: 单元格是公式错误 #DIV/0!"),
    (True, "a.xlsx:表1!B4: 单元格是真假值"),
    (dt.date(2024, 1, 1), "a.xlsx:表1!B4: 单元格是日期或时间"),
    ("95%", "a.xlsx:表1!B4: 单元格 “95%” 带 %，但这一列的单位是 “张”"),
    ("", "a.xlsx:表1!B4: 乙区的 “床位” 是空的"),
]


@pytest.mark.parametrize(("cell", "message"), BAD_CELLS)
def test_bad_cell_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cell: object, message: str
) -> None:
    xlsx(tmp_path / "a.xlsx", [["区县", "床位"], ["甲区", 120], ["乙区", cell]])
    template = tmp_path / "t.yaml"
    template.write_text("meta: {title: '{区县}'}\nfigures:\n  beds: {column: 床位, unit: 张}\n"
                        "lead: 床位{{ beds }}。\n", encoding="utf-8")  # fmt: skip
    monkeypatch.chdir(tmp_path)
    rows = load_rows_from("t.yaml", "a.xlsx", "区县")
    assert rows[0].error is None and rows[1].document is None
    assert str(rows[1].error).startswith(message)


def test_table_mistakes_are_located(tmp_path: Path) -> None:
    def wide(rows: list[list[object]]) -> str:
        return _error(lambda: WideTable.of(Sheet("a.csv", None, rows), "区县"))

    assert wide([["区县", "床位"], ["甲区", 1], ["甲区", 2]]).startswith(
        "a.csv:A3: 区县 “甲区” 出现了两次（另一次在第2行）"
    )
    assert wide([["区县", "床位"], ["", 1]]).startswith("a.csv:A2: 这一行没有区县名称")
    assert wide([["县区", "床位"], ["甲区", 1]]).startswith("a.csv: 找不到表头 “区县”")
    table = WideTable.of(Sheet("a.csv", None, [["区县", "床位"], ["甲区", 1]]), "区县")
    assert _error(lambda: table.column("床位数")).startswith(
        "a.csv:1: 表头中没有 “床位数” 列。是不是 “床位”？"
    )
    assert _error(lambda: read_sheet(SHEETS / "各区县.xls", "表2")).endswith(
        "没有名为 “表2” 的工作表。可用：表1"
    )
    assert "找不到表格文件" in _error(lambda: read_sheet(tmp_path / "none.xlsx"))
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    assert "无法读取表格文件" in _error(lambda: read_sheet(tmp_path / "bad.xlsx"))


def test_total_row_checked_against_the_sum(tmp_path: Path) -> None:
    rows = [["区县", "床位"], ["甲区", 120], ["乙区", 80], ["合计", 210]]
    xlsx(tmp_path / "a.xlsx", rows)
    (tmp_path / "t.yaml").write_text(
        "meta: {title: '{区县}'}\nfigures:\n  beds: {column: 床位, unit: 张}\n", encoding="utf-8"
    )
    results = load_rows_from(tmp_path / "t.yaml", tmp_path / "a.xlsx", "区县")
    assert str(results[0].error).startswith(
        f"{tmp_path / 'a.xlsx'}:表1!B5: 合计 210 与各区县之和 200 不符"
    )


def test_long_table_parts_groups_and_footnotes(tmp_path: Path) -> None:
    rows = [
        ["分组", "指标名称", "计量单位", "2024年", "2023年"],
        ["医疗卫生资源", "医疗卫生机构", "个", 312, 305],
        ["医疗卫生资源", "  医院", "个", 8, 7],
        ["医疗卫生资源", "其中：基层医疗卫生机构", "个", 290, 284],
        [],
        ["医疗服务", "医院病床使用率", "%", "71.6%", "74.3%"],
        ["注：测试。"],
        ["医疗服务", "不读", "个", "x", "y"],
    ]
    found = long_indicators(Sheet("年报.csv", None, rows), "医疗卫生资源")
    first = found.indicators[0]
    assert [p["name"] for p in first["parts"]] == ["医院", "基层医疗卫生机构"]
    assert found.cells[(0, "parts", 1, "previous")] == "年报.csv:E4"
    services = long_indicators(Sheet("年报.csv", None, rows), "医疗服务")
    assert services.names == ["医院病床使用率"]
    assert _error(lambda: long_indicators(Sheet("年报.csv", None, rows), "医疗资源")).startswith(
        "年报.csv:A1: 分组中没有 “医疗资源”。是不是 “医疗卫生资源”？"
    )


def test_long_table_in_a_data_file_locates_errors_at_cells(tmp_path: Path) -> None:
    rows = [["指标名称", "计量单位", "本年", "上年"], ["医疗卫生机构", "个", 312, 305],
            ["卫生技术人员", "人", "5,263", "5012"]]  # fmt: skip
    xlsx(tmp_path / "年报.xlsx", rows, title=False)
    data = tmp_path / "公报.yaml"
    data.write_text(
        "meta: {title: 公报, genre: statistical}\nsections:\n  - heading: 资源\n"
        "    indicators: {sheet: 年报.xlsx, options: {医疗卫生机构: {lead: 年末全区共有}}}\n",
        encoding="utf-8",
    )
    md = bulletin.render(data, formats=("md",))["md"]
    assert "年末全区共有医疗卫生机构312个，比上年增加7个" in md
    assert "卫生技术人员5263人" in md
    data.write_text(data.read_text(encoding="utf-8").replace("医疗卫生机构: {", "医疗机构: {"),
                    encoding="utf-8")  # fmt: skip
    assert _error(lambda: bulletin.load(data)).endswith(
        "表中没有指标 “医疗机构”。是不是 “医疗卫生机构”？"
    )
    xlsx(tmp_path / "年报.xlsx", [*rows, ["入院人数", "人", "很多", 1]], title=False)
    data.write_text(data.read_text(encoding="utf-8").replace("医疗机构: {", "医疗卫生机构: {"),
                    encoding="utf-8")  # fmt: skip
    assert _error(lambda: bulletin.load(data)).startswith(
        "年报.xlsx:表1!C4: 单元格的数值无效：“很多”"
    )


def test_later_errors_point_at_the_cell(tmp_path: Path) -> None:
    """A value from a cell that fails after loading (a rank of a figure with no value of its
    own is not that; a negative count with a rate is) is located at its cell."""
    rows = [["区县", "床位", "人口"], ["甲区", 120, 0], ["乙区", 80, 10]]
    xlsx(tmp_path / "a.xlsx", rows)
    (tmp_path / "t.yaml").write_text(
        "meta: {title: '{区县}'}\nfigures:\n  beds: {column: 床位, unit: 张}\n"
        "  people: {column: 人口, unit: 人}\nlead: 每人{{ beds.per(people, 1) }}。\n",
        encoding="utf-8",
    )
    doc = load_rows_from(tmp_path / "t.yaml", tmp_path / "a.xlsx", "区县")[0].document
    err = BulletinError("x").at(("figures", "people", "value"))
    assert doc is not None and doc.marks.locate(err).location.endswith("a.xlsx:表1!C3")
