"""Write the committed test workbooks 各区县.xls and 各区县.ods (run once; needs xlwt and odfpy,
tools of the developers only): a title row, the header, three districts, a 合计 row, a footnote."""

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


if __name__ == "__main__":
    write_xls(HERE / "各区县.xls")
    write_ods(HERE / "各区县.ods")
