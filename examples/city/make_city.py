"""Write the fictional city's spreadsheets: 各区县.xlsx and 各区县.csv (GBK).

云澜市 and its eight districts are invented; the figures are example data drawn
from a seeded random generator, so running this again writes the same values.
The example files are committed; this script needs xlsxwriter, a tool of the
developers (``pip install xlsxwriter``), not of bulletin.

Run from the repository root: ``python examples/city/make_city.py``.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).parent

DISTRICTS = ["青禾区", "澄川区", "云岭区", "鹭汀区", "桐溪县", "枫岚县", "禾丰县", "星渡县"]

#: Column, unit (for the footnote of units), how a value is drawn.
COLUMNS = [
    "区县",
    "常住人口（万人）",
    "医疗卫生机构",
    "上年医疗卫生机构",
    "医院",
    "基层医疗卫生机构",
    "专业公共卫生机构",
    "床位",
    "上年床位",
    "医院床位",
    "基层床位",
    "卫生技术人员",
    "上年卫生技术人员",
    "执业（助理）医师",
    "注册护士",
    "总诊疗人次（万人次）",
    "上年总诊疗人次（万人次）",
    "入院人数",
    "医院病床使用率",
    "上年医院病床使用率",
    "出院者平均住院日",
    "家庭医生签约人数",
    "签约目标",
]


def rows(count: int = len(DISTRICTS), seed: int = 2024) -> list[list[object]]:
    """``count`` districts' rows (names beyond the eight are numbered: 第9区 …)."""
    rng = random.Random(seed)
    result: list[list[object]] = []
    for i in range(count):
        name = DISTRICTS[i] if i < len(DISTRICTS) else f"第{i + 1}区"
        people = round(rng.uniform(18, 95), 2)
        hospitals = rng.randint(3, 14)
        basic = rng.randint(90, 360)
        public = rng.randint(4, 11)
        institutions = hospitals + basic + public
        hospital_beds = rng.randint(900, 5200)
        basic_beds = rng.randint(300, 1500)
        beds = hospital_beds + basic_beds + rng.randint(20, 120)
        doctors = rng.randint(500, 2600)
        nurses = int(doctors * rng.uniform(1.05, 1.5))
        staff = doctors + nurses + rng.randint(200, 900)
        visits = round(rng.uniform(80, 420), 1)
        use = round(rng.uniform(0.62, 0.93), 3)
        target = int(people * 10000 * 0.45 // 1000 * 1000)
        result.append([
            name, people, institutions, institutions - rng.randint(-3, 9), hospitals, basic,
            public, beds, beds - rng.randint(-40, 260), hospital_beds, basic_beds, staff,
            staff - rng.randint(20, 320), doctors, nurses, visits,
            round(visits * rng.uniform(0.9, 1.02), 1), rng.randint(20000, 120000), use,
            round(use + rng.uniform(-0.04, 0.04), 3), round(rng.uniform(7.2, 10.4), 1),
            int(target * rng.uniform(0.85, 1.05)), target,
        ])  # fmt: skip
    return result


def totals(data: list[list[object]]) -> list[object]:
    """The 合计 row: sums of the counts; rates and averages are left to the city's own figures."""
    row: list[object] = ["合计"]
    for c in range(1, len(COLUMNS)):
        if COLUMNS[c] in ("医院病床使用率", "上年医院病床使用率"):
            row.append(0.781 if c == 18 else 0.795)
        elif COLUMNS[c] == "出院者平均住院日":
            row.append(8.6)
        else:
            total = sum(r[c] for r in data)  # type: ignore[misc]
            row.append(round(total, 2) if isinstance(total, float) else total)
    return row


def write_xlsx(path: Path, data: list[list[object]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("表1")
    bold = book.add_format({"bold": True, "align": "center"})
    percent = book.add_format({"num_format": "0.0%"})
    sheet.merge_range(0, 0, 0, len(COLUMNS) - 1, "云澜市各区县卫生健康主要指标（2024年）", bold)
    sheet.write_row(1, 0, COLUMNS, bold)
    for r, row in enumerate([*data, totals(data)], start=2):
        for c, value in enumerate(row):
            rate = COLUMNS[c] in ("医院病床使用率", "上年医院病床使用率")
            sheet.write(r, c, value, percent if rate else None)
    last = len(data) + 3
    sheet.write(last + 1, 0, "注：病床使用率、平均住院日的合计行为全市数。数字为虚构的示例数据。")
    sheet.write(last + 2, 0, "资料来源：云澜市卫生健康统计年报")
    book.close()


def write_csv(path: Path, data: list[list[object]]) -> None:
    with path.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in [*data, totals(data)]:
            writer.writerow([f"{v * 100:.1f}%" if isinstance(v, float) and v < 1 else v
                             for v in row])  # fmt: skip


if __name__ == "__main__":
    table = rows()
    write_xlsx(HERE / "各区县.xlsx", table)
    write_csv(HERE / "各区县.csv", table)
