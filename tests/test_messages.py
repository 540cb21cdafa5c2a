"""The message catalogs (src/bulletin/locale): complete in both languages, used everywhere.

docs/messages.md describes how messages are added, extracted and translated.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bulletin import messages

SRC = Path(messages.__file__).parent
HAN = re.compile(r"[\u3400-\u9fff]")
#: The keywords `pybabel extract` is given (docs/messages.md).
KEYWORDS = {"_t": None, "message": None, "N_": None}


def _catalog(lang: str):
    with (SRC / "locale" / lang / "LC_MESSAGES" / "bulletin.po").open("rb") as f:
        return read_po(f, locale=lang)


def _fields(template: str) -> set[str]:
    return set(re.findall(r"(?<!\{)\{(\w*)[^{}]*\}", template))


def test_both_catalogs_translate_every_message() -> None:
    zh, en = _catalog("zh"), _catalog("en")
    zh_ids = {m.id for m in zh if m.id}
    en_ids = {m.id for m in en if m.id}
    assert zh_ids == en_ids, f"only in zh: {zh_ids - en_ids}; only in en: {en_ids - zh_ids}"
    for cat in (zh, en):
        untranslated = [m.id for m in cat if m.id and (not m.string or m.fuzzy)]
        assert not untranslated, f"{cat.locale}: no translation for {untranslated}"
        assert not list(cat.obsolete), f"{cat.locale}: obsolete entries {list(cat.obsolete)}"
    for m in zh:
        if m.id:
            assert _fields(m.string) == _fields(en[m.id].string), m.id


def test_pybabel_extracts_exactly_the_catalogs_ids() -> None:
    """`pybabel extract` + `pybabel update` leave the catalogs as they are: every id the
    code uses is translated, and every translated id is found in the code."""
    known = set(messages.CATALOGUE)
    used = {
        msg
        for _, _, msg, _, _ in extract_from_dir(
            SRC, method_map=[("**.py", "python")], keywords=KEYWORDS
        )
        if isinstance(msg, str)
    }
    assert sorted(used - known) == [], "ids used in the code without a translation"
    assert sorted(known - used) == [], "ids pybabel cannot find: mark them with N_()"


def _chinese_literal_raises(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for sub in ast.walk(node.exc):
                if (
                    isinstance(sub, ast.Constant)
                    and isinstance(sub.value, str)
                    and HAN.search(sub.value)
                ):
                    lines.append(sub.lineno)
                    break
    return lines


def test_no_raise_spells_a_chinese_message_out() -> None:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        lines = _chinese_literal_raises(path)
        if lines:
            found[path.relative_to(SRC).as_posix()] = lines
    assert found == {}, "put these messages in the catalogs (docs/messages.md)"


def test_messages_follow_the_language() -> None:
    with messages.language("en"):
        assert messages.text("yaml.empty") == "The file is empty"
    assert messages.text("yaml.empty") == "文件是空的"


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_catalog_files_are_package_data(lang: str) -> None:
    assert (SRC / "locale" / lang / "LC_MESSAGES" / "bulletin.po").is_file()


class _AnyField(dict[str, int]):
    def __missing__(self, key: str) -> int:
        return 0


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_every_message_is_a_valid_format_template(lang: str) -> None:
    for m in _catalog(lang):
        if m.id:
            m.string.format_map(_AnyField())  # a lone { or } raises here


def test_prose_errors_speak_english() -> None:
    from bulletin.errors import TemplateError
    from bulletin.resolve.prose import make_prose_environment, render_prose

    env = make_prose_environment()
    with messages.language("en"), pytest.raises(TemplateError) as err:
        render_prose(env, "{{ frist_dose }}", {"first_dose": 1})
    assert str(err.value) == "Unknown figure name “frist_dose”. Did you mean “first_dose”?"
    with pytest.raises(TemplateError) as err:
        render_prose(env, "{{ frist_dose }}", {"first_dose": 1})
    assert str(err.value) == "未知的数据名 “frist_dose”。是不是 “first_dose”？"


def test_number_engine_errors_speak_english() -> None:
    from bulletin.errors import NumberError
    from bulletin.numbers import parse_number

    with messages.language("en"), pytest.raises(NumberError) as err:
        parse_number("12 apples")
    assert str(err.value).startswith("Not a valid number: '12 apples'. Write a number, e.g.")
    assert "when a unit follows the number, name it with unit=" in str(err.value)


def test_argparse_catalog_covers_this_pythons_argparse() -> None:
    import argparse

    from babel.messages.extract import extract_from_file

    wanted = {
        msg if isinstance(msg, str) else msg[0]
        for _, msg, _, _ in extract_from_file(
            "python", argparse.__file__, keywords={"_": None, "ngettext": (1, 2)}
        )
    }
    words = messages.translations("zh", "argparse")
    missing = [m for m in wanted if words.gettext(m) == m and words.ngettext(m, m, 1) == m]
    assert wanted and missing == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["render", "--frob", "a.yaml"], "bulletin：错误：无法识别的参数：--frob"),
        (["--lang", "en", "render", "--frob", "a.yaml"], "bulletin: error: unrecognized arguments"),
    ],
)
def test_argparse_speaks_the_chosen_language(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from bulletin.cli import main

    with pytest.raises(SystemExit):
        main(args)
    assert expected in capsys.readouterr().err
    main(["--lang", "zh"])  # no command: prints the help
    assert capsys.readouterr().out.startswith("用法：bulletin")


def test_help_speaks_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    from bulletin.cli import main

    with pytest.raises(SystemExit):
        main(["--lang", "en", "render", "--help"])
    english = capsys.readouterr().out
    assert "Write the articles of data files." in english
    assert "show this help message and exit" in english and "输出文件夹" not in english
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    chinese = capsys.readouterr().out
    assert chinese.startswith("用法：bulletin render")
    assert "显示本帮助并退出" in chinese and "输出文件夹（默认 out）" in chinese


def test_chart_errors_speak_english() -> None:
    from bulletin.charts.spec import ChartSpec
    from bulletin.errors import DataError

    with messages.language("en"), pytest.raises(DataError) as err:
        ChartSpec("pie", "构成", ["甲", "乙"], [("a", [1, 2]), ("b", [3, 4])])
    assert str(err.value) == "The pie chart “构成” can have only one series"
    with pytest.raises(DataError) as err:
        ChartSpec("pie", "构成", ["甲", "乙"], [("a", [1, 2]), ("b", [3, 4])])
    assert str(err.value) == "饼图 “构成” 只能有一个系列"


def test_the_preview_threads_keep_the_callers_language(tmp_path: Path) -> None:
    import http.client

    from bulletin.preview import HOST, start

    path = tmp_path / "x.yaml"
    path.write_text("meta: {title: 标题}\nlead: 共{{ nope }}人\n", encoding="utf-8")
    with messages.language("en"):
        running = start(path, port=0)
    try:
        assert "Unknown figure name “nope”" in running.server.preview.problems[0]
        connection = http.client.HTTPConnection(HOST, running.server.server_address[1], timeout=10)
        connection.request("GET", "/nothing.png")
        assert connection.getresponse().read().decode() == "File not found\n"
        connection.close()
    finally:
        running.close()
