"""The YAML loader: safety, positions, and syntax errors people make."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bulletin.errors import YamlError
from bulletin.load.yaml_reader import load_yaml_file, load_yaml_text


def test_floats_are_exact_decimals():
    data, _ = load_yaml_text("a: 1.005\nb: 0.1\nc: 12\n")
    assert data == {"a": Decimal("1.005"), "b": Decimal("0.1"), "c": 12}


def test_marks_of_values_and_keys():
    _, marks = load_yaml_text("meta:\n  title: 标题\nsections:\n  - heading: 一\n")
    assert marks.value(("meta", "title")) == (2, 10)
    assert marks.key(("meta", "title")) == (2, 3)
    assert marks.value(("sections", 0, "heading")) == (4, 14)
    # unknown paths fall back to the nearest parent
    assert marks.value(("meta", "nothing")) == (2, 3)


def test_position_inside_block_text():
    text = "lead: |\n  第一行\n  截至{{ x }}。\n"
    data, marks = load_yaml_text(text)
    offset = data["lead"].index("{{")
    assert marks.in_text(("lead",), offset, data["lead"]) == (3, 5)


def test_position_inside_quoted_text():
    data, marks = load_yaml_text('lead: "共{{ x }}"\n')
    assert marks.in_text(("lead",), 1, data["lead"]) == (1, 9)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: 1\na: 2\n", "f.yaml:2:1", "键 “a” 重复出现"),
        ("meta:\n\ttitle: x\n", "f.yaml:2:1", "这里用了制表符（Tab）缩进"),
        ("a: [1, 2\n", "f.yaml:1:4", "方括号 [ 没有闭合"),
        ("a: {x: 1\n", "f.yaml:1:4", "花括号 { 没有闭合"),
        ("a: !!python/object/apply:os.system [ls]\n", "f.yaml:1:4", "不支持的 YAML 标签"),
        ("a: b: c\n", "f.yaml:1:5", "这里不能出现冒号加值"),
        ("", "f.yaml:1:1", "文件是空的"),
        ('b: 1\na: "abc\n', "f.yaml:2:4", "引号没有闭合"),
        ("a: *nothing\n", "f.yaml:1:4", "引用了未定义的锚点"),
    ],
)
def test_syntax_errors_have_place_and_words(text, where, message):
    with pytest.raises(YamlError) as info:
        load_yaml_text(text, "f.yaml")
    line = str(info.value)
    assert line.startswith(f"{where}: {message}"), line
    assert "\n" not in line


def test_alias_bomb_is_stopped():
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        refs = ",".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(YamlError, match="超过"):
        load_yaml_text("\n".join(lines) + "\n", "bomb.yaml")


def test_file_errors(tmp_path):
    with pytest.raises(YamlError, match="找不到这个文件"):
        load_yaml_file(tmp_path / "missing.yaml")
    with pytest.raises(YamlError, match="文件夹"):
        load_yaml_file(tmp_path)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(b"meta:\n  title: " + "标题".encode("gbk") + b"\n")
    data, marks = load_yaml_file(gbk)  # GBK, as Chinese Windows saves it, is read
    assert data == {"meta": {"title": "标题"}} and marks.encoding == "GBK"
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"meta:\n  title: \xff\xfe\x80\n")
    with pytest.raises(YamlError) as info:
        load_yaml_file(bad)
    assert str(info.value).startswith(f"{bad}:2:10: ")
    assert "UTF-8" in str(info.value) and "GB18030" in str(info.value)


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffmeta: {title: 标题}\n".encode())
    data, _ = load_yaml_file(path)
    assert data == {"meta": {"title": "标题"}}
