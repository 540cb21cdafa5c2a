"""The command line: ``bulletin.cli.main`` in this process, and the real entry point.

Most tests call the command line in this process (``conftest.run_cli``); the
``*_in_a_subprocess`` tests start ``python -m bulletin`` as a user does, so
``__main__``, the exit status and the process's own standard streams stay covered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin import messages
from conftest import EXAMPLES, run_cli, run_cli_process


def _written(folder: Path, cwd: Path) -> set[str]:
    """Every file in ``folder`` but the hidden lists of each document's charts."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".charts"))
    return {str(p.relative_to(cwd)) for p in files}


def test_render_prints_every_written_file(tmp_path):
    """Run from another directory: the templates ship inside the package."""
    out = tmp_path / "out"
    proc = run_cli("render", str(EXAMPLES / "zhaohua.yaml"), "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    printed = proc.stdout.splitlines()
    assert printed[:2] == [str(Path("out") / "zhaohua.md"), str(Path("out") / "zhaohua.html")]
    charts = printed[2:]  # each chart as SVG and PNG
    assert charts and all(Path(p).parent == Path("out") / "charts" for p in charts)
    assert sorted(p.rsplit(".", 1)[1] for p in charts) == ["png", "svg"] * (len(charts) // 2)
    assert set(printed) == _written(out, tmp_path)
    md_only = run_cli(
        "render", str(EXAMPLES / "zhaohua.yaml"), "-o", "md", "-f", "md", cwd=tmp_path
    )
    # an md-only render writes the chart files too (only the PNG it shows), and says so
    assert md_only.stdout.splitlines() == [str(Path("md") / "zhaohua.md"), *(
        str(Path("md") / Path(p).relative_to("out")) for p in charts if p.endswith(".png")
    )]  # fmt: skip
    assert set(md_only.stdout.splitlines()) == _written(tmp_path / "md", tmp_path)
    quiet = run_cli(
        "render", str(EXAMPLES / "zhaohua.yaml"), "-o", "q", "-f", "md", "--quiet", cwd=tmp_path
    )
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert _written(tmp_path / "q", tmp_path) == {
        p.replace("md", "q", 1) for p in md_only.stdout.splitlines()
    }
    text = (out / "zhaohua.md").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# 办实事解难题 服务人民健康"
    assert "82460人" in text


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("meta:\n  title: [标题\n", ":2:10: ", "方括号 [ 没有闭合"),
        (
            "meta: {title: 标}\nlead: 共{{ frist }}\nfigures: {first: {value: 1}}\n",
            ":2:11: ",
            "未知的数据名 “frist”",
        ),
        ("meta:\n  genre: feature\n", ":1:1: ", "meta 缺少必填的 “title”"),
    ],
)
def test_user_errors_are_one_line_exit_2_nothing_written(tmp_path, text, where, words):
    data = tmp_path / "bad.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("render", str(data), "-o", str(out))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"{data}{where}{words}"), lines[0]
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_validate(tmp_path):
    good = run_cli("validate", str(EXAMPLES / "zhaohua.yaml"))
    assert good.returncode == 0, good.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta:\n  titel: x\nfigures:\n  n: {value: 八}\n", encoding="utf-8")
    proc = run_cli("validate", str(bad))
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) >= 2
    assert all(line.startswith(f"{bad}:") for line in lines)


def test_version_and_help():
    from bulletin import __version__

    version = run_cli("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"bulletin {__version__}"
    helptext = run_cli("--help")
    assert helptext.returncode == 0
    assert "render" in helptext.stdout and "validate" in helptext.stdout
    assert run_cli("render", "--help").returncode == 0


def test_help_headings_end_as_their_language_does():
    for command in ("render", "check", "validate", "schema", "preview"):
        zh = run_cli(command, "--help").stdout.splitlines()
        assert "选项：" in zh and "选项:" not in zh, command
    en = run_cli("render", "--help", "--lang", "en").stdout.splitlines()
    assert "options:" in en and "batch rendering (see docs/batch.md):" in en


def test_missing_file(tmp_path):
    proc = run_cli("render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"{tmp_path / 'nope.yaml'}: 找不到这个文件。请检查路径和文件名"


def test_language_does_not_outlive_the_command(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta:\n  title: [标题\n", encoding="utf-8")
    english = run_cli("validate", "--lang", "en", str(bad))
    assert english.returncode == 2
    assert "[" in english.stderr and "方括号" not in english.stderr
    assert messages.get_language() == "zh"
    from_env = run_cli("validate", str(bad), env={"BULLETIN_LANG": "en"})
    assert from_env.stderr == english.stderr
    assert messages.get_language() == "zh"
    assert "方括号 [ 没有闭合" in run_cli("validate", str(bad), env={"BULLETIN_LANG": None}).stderr


def test_version_in_a_subprocess():
    from bulletin import __version__

    proc = run_cli_process("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"bulletin {__version__}\n"
    assert proc.stderr == ""


def test_render_in_a_subprocess(tmp_path):
    proc = run_cli_process(
        "render", str(EXAMPLES / "zhaohua.yaml"), "-o", "out", "-f", "md", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.splitlines()[0] == str(Path("out") / "zhaohua.md")
    assert set(proc.stdout.splitlines()) == _written(tmp_path / "out", tmp_path)
    text = (tmp_path / "out" / "zhaohua.md").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# 办实事解难题 服务人民健康"


def test_user_error_in_a_subprocess(tmp_path):
    data = tmp_path / "bad.yaml"
    data.write_text("meta:\n  title: [标题\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli_process("render", str(data), "-o", str(out), env={"BULLETIN_LANG": None})
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"{data}:2:10: 方括号 [ 没有闭合"), lines[0]
    assert not out.exists()


def test_a_reader_that_goes_away_is_no_error(tmp_path):
    """``bulletin render a.yaml b.yaml … | head -1``: the command stops quietly, no traceback."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    files = []
    for k in range(6):
        files.append(tmp_path / f"d{k}.yaml")
        files[-1].write_text(f"meta: {{title: 标题{k}}}\nlead: 正文。\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bulletin", "render", *map(str, files), "-o", str(tmp_path / "o"),
         "-f", "md", "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away after the first line
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) in (0, 141)
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_render_writes_each_prose_field_once(tmp_path, monkeypatch):
    """The command line does not render the prose twice (a pre-check, then the render)."""
    from bulletin.resolve import content, prose
    from conftest import EXAMPLES, run_cli

    seen: list[tuple] = []
    real = prose.render_prose

    def counting(env, text, facts, *, path=()):
        seen.append(path)
        return real(env, text, facts, path=path)

    monkeypatch.setattr(content, "render_prose", counting)
    monkeypatch.setattr(prose, "render_prose", counting)
    proc = run_cli("render", str(EXAMPLES / "zhaohua.yaml"), "-o", str(tmp_path), "-f", "md")
    assert proc.returncode == 0, proc.stderr
    assert seen and len(seen) == len(set(seen))


def test_markdown_can_link_svg_charts(tmp_path):
    zhaohua = str(EXAMPLES / "zhaohua.yaml")
    proc = run_cli("render", zhaohua, "-o", "out", "-f", "md", "--md-charts", "svg", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    printed = proc.stdout.splitlines()
    assert printed[0] == str(Path("out") / "zhaohua.md")
    charts = printed[1:]
    assert charts and all(p.endswith(".svg") for p in charts)  # only SVG is drawn
    assert set(printed) == _written(tmp_path / "out", tmp_path)
    text = (tmp_path / "out" / "zhaohua.md").read_text(encoding="utf-8")
    assert [f"]({Path(p).relative_to('out').as_posix()})" in text for p in charts] == [True]
    # Markdown on standard output links the same file names (no chart is drawn)
    stdout = run_cli("render", zhaohua, "-o", "-", "--md-charts", "svg", cwd=tmp_path)
    assert (stdout.returncode, stdout.stdout) == (0, text)
    # with Word, which needs PNG, both formats are drawn
    both = run_cli("render", zhaohua, "-o", "both", "-f", "md,docx", "--md-charts", "svg",
                   cwd=tmp_path)  # fmt: skip
    suffixes = sorted(Path(p).suffix for p in both.stdout.splitlines())
    assert suffixes == [".docx", ".md", ".png", ".svg"]
    assert (tmp_path / "both" / "zhaohua.md").read_text(encoding="utf-8") == text


def test_markdown_chart_format_reaches_every_document_of_a_batch(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_bytes((EXAMPLES / "zhaohua.yaml").read_bytes())
    proc = run_cli("render", "a.yaml", "b.yaml", "-o", "out", "-f", "md", "--md-charts", "svg",
                   "--jobs", "1", cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    charts = [p for p in proc.stdout.splitlines() if not p.endswith(".md")]
    assert charts and all(p.endswith(".svg") for p in charts)
    for name in ("a", "b"):
        assert ".svg)" in (tmp_path / "out" / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("zh", "bulletin render：错误：参数 --md-charts：无效的选择："),
        ("en", "bulletin render: error: argument --md-charts: invalid choice: "),
    ],
)
def test_bad_markdown_chart_format_exits_2(tmp_path, lang, message):
    zhaohua = str(EXAMPLES / "zhaohua.yaml")
    proc = run_cli("--lang", lang, "render", zhaohua, "-o", "out", "--md-charts", "jpg",
                   cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 2 and proc.stdout == ""
    last = proc.stderr.splitlines()[-1]  # argparse's one line, in the chosen language
    assert last.startswith(message) and "jpg" in last and "'png', 'svg'" in last
    assert not (tmp_path / "out").exists()
