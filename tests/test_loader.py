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


# --- YAML 1.2 typing: what people typed stays what they typed -------------------------------


def test_keys_are_text_exactly_as_typed():
    data, _ = load_yaml_text(
        "by: {8:30: 1, 12:30: 2, 17:30: 3, 2020.10: 4, 2020.1: 5, off: 6, yes: 7, 010: 8,"
        " 2021-06-31: 9, 1e3: 10, true: 11, null: 12}\n"
    )
    assert list(data["by"]) == [
        "8:30", "12:30", "17:30", "2020.10", "2020.1", "off", "yes", "010",
        "2021-06-31", "1e3", "true", "null",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("8:30", "8:30"),
        ("off", "off"),
        ("yes", "yes"),
        ("No", "No"),
        ("010", "010"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("2021-07-12", "2021-07-12"),
        ("2020.10", Decimal("2020.10")),
        ("1_000", 1000),
        ("-3", -3),
        ("1.5e3", Decimal("1.5e3")),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
    ],
)
def test_values_follow_the_yaml_1_2_core_schema(typed, read):
    data, _ = load_yaml_text(f"a: {typed}\n")
    assert data["a"] == read and type(data["a"]) is type(read)


def test_labels_render_as_typed():
    import bulletin

    doc = bulletin.loads(
        "meta: {title: 标题}\nfigures:\n"
        "  visits: {value: 180, unit: 人次, by: {8:30: 120, 12:30: 0, 17:30: 60}}\n"
        "  months: {value: 3, unit: 个, series: {2020.10: 1, 2020.11: 2}}\n"
        "  answers: {value: 3, unit: 个, by: {off: 1, yes: 2}}\n"
    )
    assert list(doc.figures["visits"].by) == ["8:30", "12:30", "17:30"]
    assert list(doc.figures["months"].series) == ["2020.10", "2020.11"]
    assert list(doc.figures["answers"].by) == ["off", "yes"]


def test_json_escapes_of_an_emoji_are_one_character():
    data, _ = load_yaml_text('a: "笑\\ud83d\\ude00"\n"\\ud83d\\ude00": 1\n')
    assert data == {"a": "笑😀", "😀": 1}


@pytest.mark.parametrize("text", ['a: "\\ud83d"\n', "a: \ud800\n", '"\\udc00": 1\n'])
def test_a_lone_surrogate_is_a_located_error(text):
    with pytest.raises(YamlError) as info:
        load_yaml_text(text, "f.yaml")
    assert str(info.value).startswith("f.yaml:1:") and "代理对" in str(info.value)


@pytest.mark.parametrize("char", ["\x85\x80", "\x9f", "\ufffe"])
def test_other_unprintable_characters_are_located(char):
    with pytest.raises(YamlError, match="控制字符") as info:
        load_yaml_text(f"a: x{char}\n", "f.yaml")
    assert str(info.value).startswith("f.yaml:1:")


@pytest.mark.parametrize(
    "title", ["臺灣衛生福利報告", "香港特別行政區衛生署醫院管理局", "醫療衛生機構"]
)
def test_big5_files_are_read_as_big5(tmp_path, title):
    path = tmp_path / "big5.yaml"
    path.write_bytes(f"meta:\n  title: {title}\n".encode("big5"))
    data, marks = load_yaml_file(path)
    assert data == {"meta": {"title": title}} and marks.encoding == "Big5"


@pytest.mark.parametrize(
    "title", ["香港", "办实事解难题 服务人民健康", "臺灣衛生福利報告", "区卫健局争取资金300余万元"]
)
def test_gbk_files_stay_gbk(tmp_path, title):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(f"meta:\n  title: {title}\n".encode("gbk"))
    data, marks = load_yaml_file(path)
    assert data == {"meta": {"title": title}} and marks.encoding == "GBK"


def test_a_big5_file_renders_with_a_notice(tmp_path):
    from conftest import run_cli

    path = tmp_path / "tw.yaml"
    path.write_bytes("meta:\n  title: 臺灣衛生福利報告\nlead: 醫院。\n".encode("big5"))
    proc = run_cli("render", str(path), "-o", str(tmp_path / "out"), "-f", "md")
    assert proc.returncode == 0, proc.stderr
    assert "Big5" in proc.stderr
    assert "# 臺灣衛生福利報告" in (tmp_path / "out" / "tw.md").read_text(encoding="utf-8")
