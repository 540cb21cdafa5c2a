"""Consistency warnings, --strict, languages, encodings and `bulletin validate`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image

import bulletin
from bulletin.load.checks import BulletinWarning, check
from bulletin.messages import language
from bulletin.problems import find_problems
from conftest import EXAMPLES, run_cli

WARNED = """\
meta: {title: 标题, date: 2021-07-20}
figures:
  beds: {value: 100, unit: 张, label: 床位, by: {医院: 80, 卫生院: 30}}
  cover: {value: 101.5, unit: "%", label: 家庭医生签约覆盖率}
  doses: {value: 5, unit: 剂次, as_of: 2021-07-21 18:00}
  beds_again: {value: 120, unit: 张, label: 床位}
sections:
  - indicators:
      - {name: 互联网医院, value: 3, previous: 0, unit: 家}
      - name: 卫生技术人员
        value: 50
        unit: 人
        parts: [{name: 医师, value: 30}, {name: 护士, value: 25}]
"""


def test_each_kind_of_warning_with_its_place():
    doc = bulletin.loads(WARNED, file="w.yaml")
    found = check(doc)
    assert all(isinstance(w, BulletinWarning) for w in found)
    assert [str(w) for w in found] == [
        "w.yaml:3:46: 警告：beds 的各部分合计 110，超过总数 100",
        "w.yaml:4:18: 警告：家庭医生签约覆盖率 是占比，却超过了 100%：101.5%",
        "w.yaml:5:38: 警告：doses 的截至时间 2021-07-21 18:00 晚于文章日期 2021-07-20",
        "w.yaml:6:23: 警告：“床位” 已在第 3 行给出，数值是 100，这里却是 120",
        "w.yaml:9:43: 警告：互联网医院 的上期值为 0，无法计算增长率",
        "w.yaml:13:16: 警告：卫生技术人员 的各部分合计 55，超过总数 50",
    ]
    assert found[0].code == "warning.parts_exceed"


#: Photos an example links that the user supplies (the example ships without them).
EXAMPLE_PHOTOS = {"youxian.yaml": ["photos/fupan.jpg", "photos/yizhen.jpg", "photos/gongwei.jpg"]}


def test_the_examples_are_consistent():
    for example in sorted(EXAMPLES.glob("*.yaml")):
        doc = bulletin.load(example)
        photos = EXAMPLE_PHOTOS.get(example.name, [])
        found = check(doc)
        assert [(w.code, w.message.split("”")[0]) for w in found] == [
            ("warning.photo_missing", f"找不到照片 “{src}") for src in photos
        ], example.name
        assert find_problems(doc) == [], example.name


def test_warnings_do_not_fail_unless_strict(tmp_path):
    data = tmp_path / "w.yaml"
    data.write_text(WARNED, encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("render", str(data), "-o", str(out), "-f", "md")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stderr.splitlines()) == 6
    assert all(": 警告：" in line for line in proc.stderr.splitlines())
    assert (out / "w.md").exists()

    strict_out = tmp_path / "strict"
    strict_out.mkdir()
    (strict_out / "w.md").write_text("旧的\n", encoding="utf-8")
    proc = run_cli("render", str(data), "-o", str(strict_out), "--strict")
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 6
    assert (strict_out / "w.md").read_text(encoding="utf-8") == "旧的\n"
    assert sorted(p.name for p in strict_out.iterdir()) == ["w.md"]

    assert run_cli("validate", str(data)).returncode == 0
    assert run_cli("validate", "--strict", str(data)).returncode == 2


def test_validate_lists_every_problem_of_a_file(tmp_path):
    data = tmp_path / "bad.yaml"
    data.write_text(
        "meta: {title: 标题}\n"
        "figures: {first_dose: {value: 1, unit: 人}}\n"
        "lead: 共{{ frist_dose }}。\n"
        "sections:\n"
        "  - text: 又{{ first_dos }}。\n"
        "  - points: ['{{ nope }}']\n",
        encoding="utf-8",
    )
    proc = run_cli("validate", str(data), str(EXAMPLES / "zhaohua.yaml"))
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{data}:3:11",
        f"{data}:5:15",
        f"{data}:6:18",
    ]
    data.write_text("meta:\n  titel: 标题\nfigures:\n  n: {value: 八万}\n  m: {value: x}\n")
    lines = run_cli("validate", str(data)).stderr.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{data}:2:3",
        f"{data}:4:14",
        f"{data}:5:14",
    ]


def test_problems_inside_subsections_are_listed_too():
    doc = bulletin.loads(
        "meta: {title: 标题, genre: statistical}\n"
        "sections:\n"
        "  - heading: 一\n"
        "    text: 甲{{ nope }}。\n"
        "    subsections:\n"
        "      - heading: （一）{{ nada }}\n"
        "        points: ['{{ nix }}']\n"
        "        indicators:\n"
        "          - {name: 床位, value: 10, previous: 0, change: percent}\n",
        file="s.yaml",
    )
    places = [str(p).split(": ", 1)[0] for p in find_problems(doc, compose=False)]
    assert places == ["s.yaml:4:15", "s.yaml:6:24", "s.yaml:7:22", "s.yaml:9:45"]


def _cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", **extra)
    if "BULLETIN_LANG" not in extra:
        env.pop("BULLETIN_LANG", None)
    return env


def _bulletin(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bulletin", *args],
        capture_output=True,
        text=True,
        env=_cli_env(**env),
        timeout=120,
    )


def test_english_messages(tmp_path):
    data = tmp_path / "bad.yaml"
    data.write_text("meta:\n  titel: 标题\n", encoding="utf-8")
    expected = f"{data}:2:3: Unknown key “titel”. Did you mean “title”?"
    for proc in (
        _bulletin("--lang", "en", "validate", str(data)),
        _bulletin("validate", "--lang", "en", str(data)),
        _bulletin("validate", str(data), BULLETIN_LANG="en_US.UTF-8"),
    ):
        assert proc.returncode == 2
        assert proc.stderr.splitlines() == [expected]
    chinese = _bulletin("validate", str(data))
    assert chinese.stderr.splitlines() == [f"{data}:2:3: 不认识的键 “titel”。是不是 “title”？"]


def test_the_api_speaks_chinese_unless_asked():
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.loads("meta: {title: 标, date: 2021-13-01}\n", file="f.yaml")
    assert "无法识别" in str(info.value)
    with language("en"), pytest.raises(bulletin.BulletinError) as info:
        bulletin.loads("meta: {title: 标}\nfigures: {n: {value: 八万}}\n", file="f.yaml")
    assert str(info.value).startswith("f.yaml:2:22: Invalid number: '八万'. Write a number")


def test_gbk_copy_renders_the_same_output(tmp_path):
    """Acceptance 3: a GBK file (as Chinese Windows saves it) gives the same article."""
    source = EXAMPLES / "zhaohua.yaml"
    utf8_out = tmp_path / "utf8"
    proc = run_cli("render", str(source), "-o", str(utf8_out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""

    gbk_dir = tmp_path / "gbk"
    gbk_dir.mkdir()
    gbk = gbk_dir / "zhaohua.yaml"
    text = source.read_text(encoding="utf-8").replace("\n", "\r\n")  # and Windows line ends
    gbk.write_bytes(text.encode("gbk"))
    gbk_out = tmp_path / "gbk_out"
    shutil.copytree(utf8_out / "charts", gbk_out / "charts")  # drawn charts are reused
    proc = run_cli("render", str(gbk), "-o", str(gbk_out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [f"{gbk}: 提示：文件按 GBK 编码读取，建议另存为 UTF-8"]
    for name in ("zhaohua.md", "zhaohua.html"):
        assert (gbk_out / name).read_bytes() == (utf8_out / name).read_bytes(), name
    assert sorted(p.name for p in (gbk_out / "charts").iterdir()) == sorted(
        p.name for p in (utf8_out / "charts").iterdir()
    )

    doc = bulletin.load(gbk)
    assert doc.encoding == "GBK"
    assert bulletin.render(doc, formats=("md",))["md"] == (utf8_out / "zhaohua.md").read_text(
        encoding="utf-8"
    )


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffmeta:\r\n  title: 标题\r\nlead: |\r\n  一{{ 1 | number }}\r\n".encode())
    doc = bulletin.load(path)
    assert doc.notices == []
    assert bulletin.render(doc, formats=("md",))["md"] == "# 标题\n\n一1\n"


def test_schema_and_help_mention_the_new_options():
    helptext = run_cli("--help").stdout
    assert "schema" in helptext and "--lang" in helptext
    assert "--strict" in run_cli("render", "--help").stdout


def test_output_folder_is_not_a_folder(tmp_path):
    target = tmp_path / "out"
    target.write_text("不是文件夹", encoding="utf-8")
    proc = run_cli("render", str(EXAMPLES / "zhaohua.yaml"), "-o", str(target), "-f", "md")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert target.read_text(encoding="utf-8") == "不是文件夹"


def test_warning_str_without_place():
    assert str(BulletinWarning("x")) == "警告：x"
    assert str(BulletinWarning("x", file="a.yaml")) == "a.yaml: 警告：x"


RATIOS = """\
meta: {title: 标题}
sections:
  - indicators:
      - {name: 病床使用率, value: 0.716, previous: 0.743, kind: percent}
      - {name: 签约率, value: 0.5%, previous: 0.4, kind: percent}
      - {name: 规范管理率, value: 71.6, previous: 70.8, kind: percent}
      - {name: 出生率, value: 0.75, kind: permille}
      - name: 覆盖率
        value: 95%
        kind: percent
        parts: [{name: 城区, value: 0.98}]
      - {name: 接种覆盖率, value: 101.5%}
"""


def test_a_percent_typed_as_a_ratio_is_warned_once_where_it_stands():
    found = [str(w) for w in check(bulletin.loads(RATIOS, file="r.yaml"))]
    assert found == [
        "r.yaml:4:30: 警告：指标 病床使用率 的百分率写成了 0.716，将按 0.716% 写出；"
        "如果是 71.6%，请写 71.6% 或 71.6",
        "r.yaml:5:44: 警告：指标 签约率 的百分率写成了 0.4，将按 0.4% 写出；"
        "如果是 40%，请写 40% 或 40",
        "r.yaml:11:35: 警告：指标 覆盖率（城区） 的百分率写成了 0.98，将按 0.98% 写出；"
        "如果是 98%，请写 98% 或 98",
        "r.yaml:12:30: 警告：接种覆盖率 是占比，却超过了 100%：101.5%",
    ]


def test_a_missing_photo_is_a_warning_and_an_error_under_strict(tmp_path):
    (tmp_path / "photos").mkdir()
    Image.new("RGB", (4, 3), "red").save(tmp_path / "photos" / "here.png")
    data = tmp_path / "p.yaml"
    data.write_text(
        "meta: {title: 标题}\n"
        "sections:\n"
        "  - heading: 一\n"
        "    image: {src: photos/here.png}\n"
        "  - heading: 二\n"
        "    image: {src: photos/gone.jpg, caption: 现场}\n"
        "  - heading: 三\n"
        "    image: {src: 'https://example.cn/a.jpg'}\n"
        "    subsections:\n"
        "      - heading: （一）\n"
        "        image: {src: photos/also_gone.png}\n",
        encoding="utf-8",
    )
    expected = [
        f"{data}:6:18: 警告：找不到照片 “photos/gone.jpg”（页面上会显示“照片待补”）。"
        "请把照片放到数据文件旁边，或改正 src 的路径",
        f"{data}:11:22: 警告：找不到照片 “photos/also_gone.png”（页面上会显示“照片待补”）。"
        "请把照片放到数据文件旁边，或改正 src 的路径",
    ]
    assert [str(w) for w in check(bulletin.load(data))] == expected
    for command in ("validate", "render"):
        args = (command, str(data)) + (("-o", str(tmp_path / "out")) if command == "render" else ())
        proc = run_cli(*args)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.splitlines() == expected
        strict = run_cli(*args[:1], "--strict", *args[1:])
        assert strict.returncode == 2
        assert strict.stderr.splitlines() == expected
