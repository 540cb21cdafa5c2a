"""Batch rendering: many files, one document per spreadsheet row, partial failure, stdin/stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_template_mistake_fails_every_row_at_the_yaml(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("区县,床位\n甲区,50\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "meta: {title: '{区县}'}\nfigures: {beds: {column: 床位数}}\n", encoding="utf-8"
    )
    proc = run_cli("render", "t.yaml", "--data", "t.csv", "--each", "区县", cwd=tmp_path)
    assert proc.returncode == 2
    assert "t.yaml:2:26: t.csv:1：表头中没有 “床位数” 列。是不是 “床位”？" in proc.stderr


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
