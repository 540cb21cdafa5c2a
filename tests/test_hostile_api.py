"""The Python API and the command line given wrong types, special files and broken templates:
a documented BulletinError with one line, never a traceback or a hang."""

from __future__ import annotations

import os

import pytest

import bulletin
from conftest import run_cli

GOOD = "meta: {title: 标题}\nlead: 正文。\n"


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (
            lambda: bulletin.loads(None),
            "loads() 的 text 应为文字（str）或字节（bytes），这里是 NoneType",
        ),
        (lambda: bulletin.loads(5), "这里是 int"),
        (lambda: bulletin.loads(GOOD, file=5), "loads() 的 file 应为文字（str），这里是 int"),
        (lambda: bulletin.load(5), "load() 的 source 应为文件路径"),
        (lambda: bulletin.load(None), "这里是 NoneType"),
        (lambda: bulletin.load({1: 2}), "数据的键应为文字（str）"),
        (lambda: bulletin.render(None), "render() 的 doc"),
        (lambda: bulletin.render(bulletin.loads(GOOD), template_dirs=[None]), "template_dirs"),
        (lambda: bulletin.render(bulletin.loads(GOOD), template_dirs=5), "这里是 int"),
        (lambda: bulletin.render(bulletin.loads(GOOD), css=5), "css"),
        (lambda: bulletin.render(bulletin.loads(GOOD), formats=5), "formats"),
        (lambda: bulletin.render(bulletin.loads(GOOD), formats=[None]), "formats"),
        (lambda: bulletin.render(bulletin.loads(GOOD), options=5), "options"),
        (lambda: bulletin.render_file(bulletin.loads(GOOD), None), "render_file() 的 outdir"),
    ],
)
def test_wrong_types_are_usage_errors(call, words):
    with pytest.raises(bulletin.UsageError) as info:
        call()
    assert isinstance(info.value, TypeError) and isinstance(info.value, bulletin.BulletinError)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_loads_takes_the_bytes_of_a_file():
    doc = bulletin.loads("meta: {title: 臺灣衛生福利報告}\n".encode("big5"))
    assert doc.meta.title == "臺灣衛生福利報告" and doc.encoding == "Big5"


def test_a_template_folder_that_is_not_there_is_an_error(tmp_path):
    data = tmp_path / "a.yaml"
    data.write_text(GOOD, encoding="utf-8")
    proc = run_cli("render", str(data), "-o", str(tmp_path / "out"), "--template-dir", "nowhere")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "nowhere: 找不到模板文件夹。--template-dir 要给出一个已有的文件夹"
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    data = tmp_path / "a.yaml"
    data.write_text(GOOD, encoding="utf-8")
    refused = "这不是普通文件（是设备、管道或其他特殊文件）。请给出保存在磁盘上的文件"
    for args, name in (
        (("render", str(fifo)), fifo),
        (("validate", str(fifo)), fifo),
        (("render", "/dev/zero"), "/dev/zero"),
        (("render", str(data), "--css", "/dev/zero"), "/dev/zero"),
        (("render", str(data), "--css", str(fifo)), fifo),
    ):
        proc = (
            run_cli(*args, "-o", str(tmp_path / "out")) if args[0] == "render" else run_cli(*args)
        )
        assert proc.returncode == 2, args
        assert proc.stderr.splitlines() == [f"{name}: {refused}"], args
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("{{ nope.x }}", "page.html.j2:1: 网页模板无法生成：'nope' is undefined"),
        ("<p>\n{% if %}", "page.html.j2:2: 网页模板无法生成：Expected an expression"),
        ("{{ 1 / 0 }}", "page.html.j2:1: 网页模板无法生成：division by zero"),
    ],
)
def test_errors_in_a_users_page_template_are_one_line(tmp_path, page, words):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "page.html.j2").write_text(page, encoding="utf-8")
    data = tmp_path / "a.yaml"
    data.write_text(GOOD, encoding="utf-8")
    proc = run_cli(
        "render", str(data), "-o", str(tmp_path / "out"), "--template-dir", str(tmp_path / "tpl")
    )
    assert proc.returncode == 2
    [line] = proc.stderr.splitlines()
    assert line.startswith(str(tmp_path / "tpl")) and words in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: bulletin.resolve(None), "resolve() 的 doc 应为读入的文档"),
        (lambda: bulletin.compose(None), "compose() 的 resolved"),
        (lambda: bulletin.check(None), "check() 的 doc"),
        (lambda: bulletin.find_problems("x"), "find_problems() 的 doc"),
        (lambda: bulletin.alt_text(None), "alt_text() 的 spec 应为图表规格（ChartSpec）"),
        (lambda: bulletin.draw(None, "svg"), "draw() 的 spec"),
        (lambda: bulletin.spec_for_figure(None, None), "spec_for_figure() 的 name"),
        (lambda: bulletin.spec_for_figure("a", 5), "spec_for_figure() 的 figure"),
        (lambda: bulletin.spec_for_ref(None, {}), "spec_for_ref() 的 ref"),
        (lambda: bulletin.join_items(None), "join_items() 的 items"),
        (lambda: bulletin.join_items(5), "这里是 int"),
        (lambda: bulletin.set_language(None), "set_language() 的 lang"),
        (lambda: bulletin.proofread(None), "proofread() 的 text"),
    ],
)
def test_every_public_function_refuses_wrong_types_with_a_usage_error(call, words):
    with pytest.raises(bulletin.UsageError) as info:
        call()
    assert words in str(info.value) and "\n" not in str(info.value)
