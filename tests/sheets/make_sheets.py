"""Write the committed test workbooks (run once; needs xlwt and odfpy, tools of the developers
only): 各区县.xls and 各区县.ods, a title row, the header, three districts, a 合计 row, a footnote;
两行表头.xls and 两行表头.ods, the same shape under a header of two rows (区县 and 常住人口 merged
down over both rows, 医疗卫生机构 and 床位 merged across the columns under them)."""

from pathlib import Path

HERE = Path(__file__).parent
ROWS = [
    ["各区县床位（测试）", "", ""],
    ["区县", "床位", "病床使用率"],
    ["甲区", 120, "71.6%"],
    ["乙区", "1,080", "80.2%"],
    ["丙区", "0.08万", "66%"],
    ["合计", 2000, "75.0%"],
    ["注：测试数据。", "", ""],
]


def write_xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))


def write_ods(path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="表1")
    for row in ROWS:
        tr = TableRow()
        for value in row:
            if isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


#: (row, col, rows spanned, columns spanned, value) of each cell of the two-row-header table.
TWO_ROWS = [
    (0, 0, 1, 7, "各区县卫生资源（测试）"),
    (1, 0, 2, 1, "区县"),
    (1, 1, 1, 3, "医疗卫生机构（个）"),
    (1, 4, 1, 2, "床位（张）"),
    (1, 6, 2, 1, "常住人口（万人）"),
    *[
        (2, c, 1, 1, v)
        for c, v in enumerate(["合计", "医院", "基层医疗卫生机构", "合计", "医院"], 1)
    ],
    *[
        (r, c, 1, 1, v)
        for r, row in enumerate(
            [
                ["甲区", 120, 8, 100, 2300, 1800, 45.2],
                ["乙区", 80, 5, 70, 1200, 1000, 30.1],
                ["合计", 200, 13, 170, 3500, 2800, 75.3],
                ["注：测试数据。"],
            ],
            3,
        )
        for c, v in enumerate(row)
    ],
]


def write_two_rows_xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    for r, c, height, width, value in TWO_ROWS:
        if height == width == 1:
            sheet.write(r, c, value)
        else:
            sheet.write_merge(r, r + height - 1, c, c + width - 1, value)
    book.save(str(path))


def write_two_rows_ods(path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="表1")
    covered = {(r + i, c + j) for r, c, h, w, _v in TWO_ROWS for i in range(h) for j in range(w)
               if i or j}  # fmt: skip
    cells = {(r, c): (h, w, v) for r, c, h, w, v in TWO_ROWS}
    for r in range(max(r for r, *_ in TWO_ROWS) + 1):
        tr = TableRow()
        for c in range(7):
            if (r, c) in covered:
                tr.addElement(CoveredTableCell())
                continue
            height, width, value = cells.get((r, c), (1, 1, ""))
            span = {"numberrowsspanned": height, "numbercolumnsspanned": width}
            if isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value, **span)
            else:
                cell = TableCell(valuetype="string", **span)
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


if __name__ == "__main__":
    write_xls(HERE / "各区县.xls")
    write_ods(HERE / "各区县.ods")
    write_two_rows_xls(HERE / "两行表头.xls")
    write_two_rows_ods(HERE / "两行表头.ods")
