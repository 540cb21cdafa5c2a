"""Batch rendering: many files, one document per spreadsheet row, partial failure, stdin/stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import bulletin
from bulletin.load.each import load_rows_from
from conftest import EXAMPLES, ROOT, run_cli

CITY = EXAMPLES / "city"
GOOD = "meta: {title: 好的}\nlead: 正文。\n"
BAD = "meta: {title: 坏的}\nlead: 共{{ frist }}。\n"


def _files(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "b.yaml").write_text(GOOD.replace("好的", "也好"), encoding="utf-8")
    return folder


def test_folders_globs_and_files(tmp_path: Path) -> None:
    folder = _files(tmp_path)
    proc = run_cli("render", "data", "data/*.yaml", "-o", "out", "-f", "md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(proc.stdout.splitlines()) == [
        str(Path("out") / "a.md"),
        str(Path("out") / "b.md"),
    ]
    assert (tmp_path / "out" / "b.md").read_text(encoding="utf-8").startswith("# 也好")
    assert folder.is_dir()


def test_partial_failure_lists_every_failure_and_exits_1(tmp_path: Path) -> None:
    folder = _files(tmp_path)
    (folder / "c.yaml").write_text(BAD, encoding="utf-8")
    proc = run_cli("render", "data", "missing.yaml", "-o", "out", "-f", "md", cwd=tmp_path)
    assert proc.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.md", "b.md"]
    lines = proc.stderr.splitlines()
    assert lines[0] == "2 篇未能生成（共 4 篇）："
    assert lines[1].startswith(f"{Path('data') / 'c.yaml'}:2:11: 未知的数据名 “frist”")
    assert lines[2].startswith("missing.yaml: ")


def test_a_failing_document_lists_every_problem(tmp_path: Path) -> None:
    """Rendering stops at the first problem; the report then lists all of them, in file order."""
    folder = _files(tmp_path)
    (folder / "c.yaml").write_text(BAD + "closing: 又{{ nada }}。\n", encoding="utf-8")
    proc = run_cli("render", "data", "-o", "out", "-f", "md", cwd=tmp_path)
    assert proc.returncode == 1
    where = Path("data") / "c.yaml"
    lines = proc.stderr.splitlines()
    assert lines[1].startswith(f"{where}:2:11: 未知的数据名 “frist”"), lines
    assert lines[2].startswith(f"{where}:3:14: 未知的数据名 “nada”"), lines
    alone = run_cli("render", "data/c.yaml", "-o", "-", cwd=tmp_path)
    assert alone.returncode == 2 and alone.stdout == ""
    assert [line.split(": ")[0] for line in alone.stderr.splitlines()] == [
        f"{where}:2:11",
        f"{where}:3:14",
    ]


def test_nothing_rendered_exits_2(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(BAD, encoding="utf-8")
    proc = run_cli("render", "c.yaml", "d.yaml", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 2
    assert not (tmp_path / "out").exists()


def test_each_row_of_the_city_table(tmp_path: Path) -> None:
    proc = run_cli(
        "render", str(CITY / "模板.yaml"), "--data", str(CITY / "各区县.xlsx"), "--each", "区县",
        "--summary", "云澜市", "--summary-template", str(CITY / "全市模板.yaml"),
        "-o", "out", "-f", "md", "--set", "meta.date=2025-05-01", "-j", "1", cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    docs = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert len(docs) == 9 and "云澜市.md" in docs and "青禾区.md" in docs
    qinghe = (tmp_path / "out" / "青禾区.md").read_text(encoding="utf-8")
    assert "床位数居全市第3位，占全市的15.3%" in qinghe
    # indicators with rank_in_city / share_of_city say it in their sentence
    assert (
        "年末全区共有卫生技术人员4223人，比上年增加178人，占全市的13.5%，居全市第4位。"
        "其中：执业（助理）医师1504人，注册护士2009人。"
    ) in qinghe
    assert "医疗卫生机构总诊疗人次200.4万人次，比上年增长3.6%，居全市第4位。" in qinghe
    assert "医院出院者平均住院日9.5日，居全市第6位。" in qinghe  # shortest first
    assert "2025年5月1日" in qinghe
    city = (tmp_path / "out" / "云澜市.md").read_text(encoding="utf-8")
    assert "8个区县共有医疗卫生机构床位34027张，床位最多的是枫岚县" in city


def test_csv_and_xlsx_give_the_same_documents() -> None:
    def texts(data: Path) -> list[str]:
        rows = load_rows_from(CITY / "模板.yaml", data, "区县")
        return [bulletin.render(r.document, ("md",), draw_charts=False)["md"] for r in rows]

    assert texts(CITY / "各区县.csv") == texts(CITY / "各区县.xlsx")


def test_ranks_with_ties_and_a_bad_row(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(
        "区县,床位\n甲区,50\n乙区,80\n丙区,80\n丁区,x\n", encoding="utf-8"
    )
    (tmp_path / "t.yaml").write_text(
        "meta: {title: '{区县}'}\nfigures: {beds: {column: 床位, unit: 张}}\n"
        "lead: 居全市{{ beds.rank_in_city }}，{{ beds.vs_city_average }}，"
        "占{{ beds.share_of_city }}。\n",
        encoding="utf-8",
    )
    results = bulletin.render_many(
        [tmp_path / "t.yaml"], tmp_path / "out", formats="md", data=tmp_path / "t.csv", each="区县"
    )
    assert [(r.name, r.ok) for r in results] == [
        ("甲区", True), ("乙区", True), ("丙区", True), ("丁区", False)
    ]  # fmt: skip
    assert results[3].errors[0].startswith(f"{tmp_path / 't.csv'}:B5: 单元格的数值无效：“x”")
    text = (tmp_path / "out" / "乙区.md").read_text(encoding="utf-8")
    assert "居全市并列第1位，高于全市平均水平，占38.1%" in text
    assert "居全市第3位，低于全市平均水平" in (tmp_path / "out" / "甲区.md").read_text("utf-8")


def test_a_rank_smallest_first_in_prose(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(RANKED_TABLE, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "meta: {title: '{区县}'}\nfigures: {stay: {column: 平均住院日, unit: 日}}\n"
        "lead: 住院日由短到长居全市{{ stay.rank_in_city_ascending }}"
        "（由长到短{{ stay.rank_in_city }}）。\n",
        encoding="utf-8",
    )
    rows = load_rows_from(tmp_path / "t.yaml", tmp_path / "t.csv", "区县")
    lead = {r.name: bulletin.render(r.document, ("md",))["md"].split("\n")[2] for r in rows}
    assert lead["乙区"] == "住院日由短到长居全市并列第1位（由长到短并列第3位）。"
    assert lead["丁区"] == "住院日由短到长居全市第4位（由长到短第1位）。"


RANKED_TABLE = (
    "区县,床位,上年床位,平均住院日\n甲区,50,48,9.1\n乙区,80,80,8.2\n丙区,80,75,8.2\n"
    "丁区,20,21,10.0\n合计,230,224,8.6\n"
)
RANKED = (
    "meta: {title: '{区县}公报', genre: statistical}\n"
    "sections:\n"
    "  - heading: 资源\n"
    "    indicators:\n"
    "      - {name: 床位, lead: 全区, column: 床位, previous_column: 上年床位, unit: 张,\n"
    "         rank_in_city: true, share_of_city: true}\n"
    "      - {name: 平均住院日, column: 平均住院日, unit: 日, kind: ratio, decimals: 1,\n"
    "         rank_in_city: ascending}\n"
)


def _ranked(tmp_path: Path, **loading: Any) -> dict[str, str]:
    (tmp_path / "t.csv").write_text(RANKED_TABLE, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(RANKED, encoding="utf-8")
    rows = load_rows_from(tmp_path / "t.yaml", tmp_path / "t.csv", "区县", **loading)
    return {
        r.name: bulletin.render(r.document, ("md",), draw_charts=False)["md"]
        for r in rows
        if r.document is not None
    }


def test_indicator_sentences_rank_the_districts(tmp_path: Path) -> None:
    texts = _ranked(tmp_path, summary="云岭市")
    assert "全区床位80张，与上年持平，占全市的34.8%，居全市并列第1位。" in texts["乙区"]
    assert "平均住院日8.2日，居全市并列第1位。" in texts["乙区"]
    assert "全区床位50张，比上年增加2张，占全市的21.7%，居全市第3位。" in texts["甲区"]
    assert "平均住院日10.0日，居全市第4位。" in texts["丁区"]
    # the city summary, from the same template, has no place among the districts
    assert "全区床位230张，比上年增加6张。" in texts["云岭市"]
    assert "平均住院日8.6日。" in texts["云岭市"]


def test_indicator_ranks_in_traditional_and_another_area(tmp_path: Path) -> None:
    texts = _ranked(tmp_path, area="全省", sets=["meta.script=hant"])
    assert "全區床位80張，與上年持平，佔全省的34.8%，居全省並列第1位。" in texts["乙区"]


def test_an_empty_cell_fails_only_its_own_row(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("区县,床位\n甲区,50\n乙区,\n丙区,80\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "meta: {title: '{区县}', genre: statistical}\nsections:\n  - indicators:\n"
        "      - {name: 床位, column: 床位, unit: 张, rank_in_city: true}\n",
        encoding="utf-8",
    )
    rows = load_rows_from(tmp_path / "t.yaml", tmp_path / "t.csv", "区县")
    assert rows[1].document is None and str(rows[1].error).startswith(
        f"{tmp_path / 't.csv'}:B3: 乙区的 “床位” 是空的"
    )
    md = bulletin.render(rows[0].document, ("md",), draw_charts=False)["md"]
    assert "床位50张，居全市第2位。" in md  # among the districts that have a value


def test_a_rank_on_a_value_not_read_from_a_column_fails_at_the_option(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("区县,床位\n甲区,50\n乙区,80\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "meta: {title: '{区县}', genre: statistical}\nsections:\n  - indicators:\n"
        "      - {name: 床位, value: 12, unit: 张, rank_in_city: true}\n",
        encoding="utf-8",
    )
    proc = run_cli("render", "t.yaml", "--data", "t.csv", "--each", "区县", "-o", "out",
                   "-f", "md", cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert lines[0] == "2 篇未能生成（共 2 篇）："
    assert lines[1] == (
        "t.yaml:4:54: 指标 “床位” 的值不是从各区县的表格中读出的，没有全市的比较，不能写 "
        "rank_in_city。rank_in_city 只用于按 --each 逐行生成（bulletin render 模板 --data 表格 "
        "--each 列名）、值写作 column: 列名 的指标；否则请删去这一项"
    )


def test_template_mistake_fails_every_row_at_the_yaml(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("区县,床位\n甲区,50\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "meta: {title: '{区县}'}\nfigures: {beds: {column: 床位数}}\n", encoding="utf-8"
    )
    proc = run_cli("render", "t.yaml", "--data", "t.csv", "--each", "区县", cwd=tmp_path)
    assert proc.returncode == 2
    assert "t.yaml:2:26: t.csv:1：表头中没有 “床位数” 列。是不是 “床位”？" in proc.stderr


def test_workers_share_what_the_formats_prepare_once(tmp_path: Path, monkeypatch) -> None:
    """A format's prepare() runs once, before the workers start (forked workers share it);
    each worker renders the documents it inherited."""
    import multiprocessing

    from bulletin import emit

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are forked only where fork is the start method")
    prepared: list[int] = []
    monkeypatch.setattr(emit, "_REGISTRY", dict(emit._REGISTRY))
    emit.register_emitter(
        "txt", lambda article, context: article.title + "\n",
        prepare=lambda: prepared.append(os.getpid()),
    )  # fmt: skip
    folder = _files(tmp_path)
    results = bulletin.render_many([folder], tmp_path / "out", formats="md,txt", jobs=2)
    assert all(r.ok for r in results), [r.errors for r in results]
    assert prepared == [os.getpid()]
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == "也好\n"


def test_parallel_jobs_share_the_chart_cache(tmp_path: Path) -> None:
    results = bulletin.render_many(
        [CITY / "模板.yaml"], tmp_path, formats="md", jobs=2,
        data=CITY / "各区县.xlsx", each="区县",
    )  # fmt: skip
    assert all(r.ok for r in results) and len(results) == 8
    names = [p.name for p in (tmp_path / "charts").iterdir()]
    charts = sorted(name for name in names if not name.startswith("."))
    lists = sorted(name for name in names if name.startswith("."))
    # Markdown shows PNG charts: only they are drawn; each document lists its charts
    assert len(charts) == 8 * 4 and all(name.endswith(".png") for name in charts)
    assert lists == sorted(f".{r.name}.charts" for r in results)
    assert not [p for p in tmp_path.rglob(".*") if not p.name.endswith(".charts")]


def _chart_doc(title: str, values: str | None) -> str:
    if values is None:
        return f"meta: {{title: {title}}}\nlead: 正文。\n"
    return (
        f"meta: {{title: {title}}}\n"
        f"figures: {{beds: {{label: 床位, unit: 张, by: {{{values}}}}}}}\n"
        "sections:\n  - {heading: 资源, text: 正文。, chart: beds}\n"
    )


def test_a_chart_one_document_drops_and_another_takes_up_is_kept(tmp_path: Path) -> None:
    """Dropped charts are removed when the run ends, not while another document may be
    starting to use the same file (its list is written only after it is rendered)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text(_chart_doc("甲", "医院: 3, 基层: 5"), encoding="utf-8")
    (data / "b.yaml").write_text(_chart_doc("乙", None), encoding="utf-8")
    out = tmp_path / "out"
    assert all(r.ok for r in bulletin.render_many([data], out, formats="md"))
    (chart,) = [p for p in (out / "charts").iterdir() if not p.name.startswith(".")]
    drawn = chart.stat().st_ino
    # a moves on to other numbers; b now shows the very chart a showed
    (data / "a.yaml").write_text(_chart_doc("甲", "医院: 4, 基层: 6"), encoding="utf-8")
    (data / "b.yaml").write_text(_chart_doc("乙", "医院: 3, 基层: 5"), encoding="utf-8")
    results = bulletin.render_many([data], out, formats="md")
    assert all(r.ok for r in results)
    assert [sorted(r.dropped_charts) for r in results] == [[f"charts/{chart.name}"], []]
    assert chart.stat().st_ino == drawn  # kept, neither removed nor drawn again
    charts = sorted(p.name for p in (out / "charts").iterdir() if not p.name.startswith("."))
    assert len(charts) == 2 and chart.name in charts
    # once no document uses it, the end of the run removes it
    (data / "b.yaml").write_text(_chart_doc("乙", None), encoding="utf-8")
    assert all(r.ok for r in bulletin.render_many([data], out, formats="md"))
    assert not chart.exists()


def _process(*args: str, stdin: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=path)
    return subprocess.run(
        [sys.executable, "-m", "bulletin", *args], input=stdin, cwd=cwd,
        capture_output=True, env=env, timeout=120,
    )  # fmt: skip


def test_stdin_to_stdout(tmp_path: Path) -> None:
    data = "meta: {title: 标题}\nfigures: {x: {value: 1285700, unit: 剂次}}\nlead: 接种{{ x }}。\n"
    proc = _process("render", "-", "-o", "-", "--set", "meta.title=新标题",
                    stdin=data.encode("gbk"), cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8") == "# 新标题\n\n接种128.57万剂次。\n"
    assert list(tmp_path.iterdir()) == []
    bad = _process(
        "render",
        "-",
        "-o",
        "-",
        stdin="meta: {title: x}\nlead: 共{{ y }}。\n".encode(),
        cwd=tmp_path,
    )
    assert bad.returncode == 2 and bad.stdout == b""
    assert bad.stderr.decode().startswith("<stdin>:2:11: 未知的数据名 “y”")


def test_stdout_takes_one_markdown_document(tmp_path: Path) -> None:
    _files(tmp_path)
    many = run_cli("render", "data", "-o", "-", cwd=tmp_path)
    assert many.returncode == 2 and "只能输出一篇，这里有 2 篇" in many.stderr
    docx = run_cli("render", "data/a.yaml", "-o", "-", "-f", "docx", cwd=tmp_path)
    assert docx.returncode == 2 and "只能输出 Markdown" in docx.stderr


def test_bad_set_is_one_line(tmp_path: Path) -> None:
    _files(tmp_path)
    proc = run_cli("render", "data/a.yaml", "--set", "meta", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1].startswith("--set “meta” 写法不对")


def test_quotes_option_reaches_every_document_of_a_batch(tmp_path):
    from conftest import run_cli

    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            "meta: {title: 标题, script: hans}\nlead: 他说：“好。”\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    proc = run_cli("render", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(out),
                   "-f", "md", "--quotes", "corner", "--quiet")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for name in ("a", "b"):
        assert "他说：「好。」" in (out / f"{name}.md").read_text(encoding="utf-8")
