"""Output files stay inside the output folder and are written whole."""

from __future__ import annotations

import pytest

from bulletin.errors import BulletinError
from bulletin.files import write_outputs


@pytest.mark.parametrize(
    "name", ["../x.md", "/etc/x.md", "a/../../x.md", "C:/x.md", "..\\x.md", ""]
)
def test_names_cannot_escape(tmp_path, name):
    with pytest.raises(BulletinError, match="不能指向输出文件夹之外"):
        write_outputs(tmp_path / "out", {name: "x"})
    assert not (tmp_path / "out").exists()


def test_nested_names_and_overwrite(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, {"a.md": "旧", "charts/b.svg": b"<svg/>"})
    paths = write_outputs(out, {"a.md": "新"})
    assert paths == [out / "a.md"]
    assert (out / "a.md").read_text(encoding="utf-8") == "新"
    assert (out / "charts" / "b.svg").read_bytes() == b"<svg/>"
    assert sorted(p.name for p in out.rglob("*")) == ["a.md", "b.svg", "charts"]


def test_output_is_a_file(tmp_path):
    target = tmp_path / "out"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(BulletinError, match="不是文件夹"):
        write_outputs(target, {"a.md": "x"})


# --- a run writes all its files or none ------------------------------------------------------

import os  # noqa: E402
import signal  # noqa: E402
import stat  # noqa: E402

import bulletin  # noqa: E402
from bulletin import files as files_module  # noqa: E402
from conftest import EXAMPLES, run_cli  # noqa: E402

CHARTED = EXAMPLES / "qinghe.yaml"


def _snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _previous_run(out):
    (out).mkdir(parents=True, exist_ok=True)
    (out / "qinghe.md").write_text("# 上次写出的文章\n", encoding="utf-8")
    (out / "qinghe.html").write_text("<p>上次写出的网页</p>\n", encoding="utf-8")


def test_a_charts_path_that_is_a_file_leaves_the_previous_files(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    (out / "charts").write_text("不是文件夹", encoding="utf-8")
    before = _snapshot(out)
    proc = run_cli("render", str(CHARTED), "-o", str(out))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines()[-1].startswith(f"无法写入 “{out / 'charts'}”")
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["charts", "qinghe.html", "qinghe.md"]


@pytest.mark.parametrize("failing_call", [1, 3, 6])
def test_a_failure_while_renaming_puts_everything_back(tmp_path, monkeypatch, failing_call):
    out = tmp_path / "out"
    result = bulletin.render(CHARTED, formats=("md", "html"))
    write_outputs(out, {**result.files(), "qinghe.md": "旧", "qinghe.html": "旧"})
    before = _snapshot(out)
    calls = []
    real = os.replace

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == failing_call:
            raise OSError(28, "No space left on device", str(dst))
        real(src, dst)

    monkeypatch.setattr(files_module.os, "replace", replace)
    with pytest.raises(BulletinError, match="No space left on device"):
        write_outputs(out, result.files())
    assert _snapshot(out) == before
    assert not [p for p in out.rglob(".*") if p.is_file()]


def _after_second_rename(monkeypatch, action) -> None:
    """Run ``action`` right after the second file of a write is renamed into place."""
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        real(src, dst)
        if len(calls) == 2:
            action()

    monkeypatch.setattr(files_module.os, "replace", replace)


def test_ctrl_c_after_the_first_rename_keeps_the_old_files_together(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_outputs(out, {"a.md": "旧文章", "a.html": "旧网页"})
    before = _snapshot(out)

    def interrupt() -> None:
        raise KeyboardInterrupt

    _after_second_rename(monkeypatch, interrupt)  # the new a.md is in place, a.html not yet
    with pytest.raises(KeyboardInterrupt):
        write_outputs(out, {"a.md": "新文章", "a.html": "新网页"})
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "a.md"]


def test_a_failing_html_step_writes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _previous_run(out)
    before = _snapshot(out)
    from bulletin import emit

    def broken(*args, **kwargs):
        raise BulletinError("网页无法生成")

    monkeypatch.setitem(emit._REGISTRY, "html", emit.Emitter("html", False, broken))
    with pytest.raises(BulletinError):
        bulletin.render_file(CHARTED, out)
    assert _snapshot(out) == before


def test_new_files_follow_the_umask_and_old_ones_keep_their_mode(tmp_path):
    out = tmp_path / "out"
    saved = os.umask(0o022)
    try:
        write_outputs(out, {"a.md": "x", "charts/b.svg": b"<svg/>"})
        assert stat.S_IMODE((out / "a.md").stat().st_mode) == 0o644
        assert stat.S_IMODE((out / "charts" / "b.svg").stat().st_mode) == 0o644
        os.umask(0o002)
        write_outputs(out, {"c.md": "x"})
        assert stat.S_IMODE((out / "c.md").stat().st_mode) == 0o664
        (out / "a.md").chmod(0o640)
        write_outputs(out, {"a.md": "y"})
        assert stat.S_IMODE((out / "a.md").stat().st_mode) == 0o640
    finally:
        os.umask(saved)


def test_stale_temporary_files_of_killed_runs_are_removed(tmp_path):
    out = tmp_path / "out"
    (out / "charts").mkdir(parents=True)
    dead = out / ".a.md.bulletin-999999999-0123abcd.tmp"
    dead_chart = out / "charts" / ".b.svg.bulletin-999999999-0123abcd.tmp"
    alive = out / f".a.md.bulletin-{os.getppid()}-0123abcd.tmp"  # another run, still going
    old = out / f".a.md.bulletin-{os.getppid()}-89abcdef.tmp"
    foreign = out / ".notes.tmp"  # not ours
    for path in (dead, dead_chart, alive, old, foreign):
        path.write_bytes(b"x" * 1024)
    os.utime(old, (0, 0))
    write_outputs(out, {"a.md": "x", "charts/b.svg": b"<svg/>"})
    assert not dead.exists() and not dead_chart.exists() and not old.exists()
    assert alive.exists() and foreign.exists()


def test_an_empty_or_cut_off_chart_file_is_drawn_again(tmp_path):
    out = tmp_path / "out"
    bulletin.render_file(CHARTED, out, formats=("md", "html"))
    svgs = sorted((out / "charts").glob("*.svg"))
    pngs = sorted((out / "charts").glob("*.png"))
    whole = {p: p.read_bytes() for p in (svgs[0], pngs[0])}
    svgs[0].write_bytes(b"")
    pngs[0].write_bytes(whole[pngs[0]][:100])
    bulletin.render_file(CHARTED, out, formats=("md", "html"))
    assert {p: p.read_bytes() for p in whole} == whole
    page = (out / "qinghe.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= len(svgs)


def test_a_too_long_folder_name_is_one_line(tmp_path):
    out = tmp_path / ("长" * 300)
    data = tmp_path / "a.yaml"
    data.write_text("meta: {title: 标题}\nlead: 正文。\n", encoding="utf-8")
    proc = run_cli("render", str(data), "-o", str(out), "-f", "md")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert "太长" in proc.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="no SIGTERM here")
def test_sigterm_while_writing_keeps_the_old_files_together(tmp_path, monkeypatch):
    """``bulletin render`` stopped by SIGTERM mid-way undoes what it wrote, like Ctrl-C."""
    out = tmp_path / "out"
    write_outputs(out, {"jianan.md": "旧文章", "jianan.html": "旧网页"})
    before = _snapshot(out)
    _after_second_rename(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGTERM))
    proc = run_cli("render", str(EXAMPLES / "jianan.yaml"), "-o", str(out))
    assert proc.returncode == 128 + signal.SIGTERM
    assert _snapshot(out) == before
    assert not [p for p in out.rglob(".*") if p.is_file()]
    assert signal.getsignal(signal.SIGTERM) is not None  # the previous handler is back


def test_a_folder_is_swept_for_stale_files_once_per_process(tmp_path, monkeypatch):
    """A batch writes thousands of documents into one folder: it is looked through once."""
    from bulletin import files

    looked: list[str] = []
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        looked.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(files.os, "scandir", scandir)
    out = tmp_path / "out"
    for k in range(3):
        write_outputs(out, {f"{k}.md": "x", f"charts/{k}.svg": b"<svg/>"})
    assert sorted(looked) == sorted([str(out), str(out / "charts")])
