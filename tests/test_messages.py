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
KEYWORDS = {"text": None, "_t": None, "message": None, "N_": None}

#: Modules whose raise statements still spell Chinese messages out; each is
#: converted to catalog ids in turn, and this list only ever shrinks.
NOT_YET_CONVERTED = {
    "batch.py",
    "charts/auto.py",
    "charts/draw.py",
    "charts/fonts.py",
    "charts/glyphs.py",
    "charts/spec.py",
    "cli.py",
    "compose/__init__.py",
    "compose/parse.py",
    "emit/__init__.py",
    "emit/docx.py",
    "emit/pdf.py",
    "files.py",
    "load/each.py",
    "load/model.py",
    "load/sheets.py",
    "numbers/dates.py",
    "numbers/numerals.py",
    "numbers/quantities.py",
    "numbers/scripts.py",
    "proofread/reader.py",
    "render.py",
    "resolve/__init__.py",
    "resolve/content.py",
    "resolve/facts.py",
    "resolve/indicators.py",
    "resolve/photos.py",
    "resolve/prose.py",
    "resolve/style.py",
}


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


def test_every_extracted_message_id_is_in_the_catalogs() -> None:
    known = set(messages.CATALOGUE)
    used = {
        msg
        for _, _, msg, _, _ in extract_from_dir(
            SRC, method_map=[("**.py", "python")], keywords=KEYWORDS
        )
        if isinstance(msg, str) and re.fullmatch(r"[a-z_]+(\.[a-z0-9_-]+)+", msg)
    }
    assert used, "pybabel found no message ids"
    assert sorted(used - known) == []


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
        name = path.relative_to(SRC).as_posix()
        lines = _chinese_literal_raises(path)
        if lines and name not in NOT_YET_CONVERTED:
            found[name] = lines
        if name in NOT_YET_CONVERTED:
            assert lines, f"{name} is converted: take it off NOT_YET_CONVERTED"
    assert found == {}, "put these messages in the catalogs (docs/messages.md)"


def test_messages_follow_the_language() -> None:
    with messages.language("en"):
        assert messages.text("yaml.empty") == "The file is empty"
    assert messages.text("yaml.empty") == "文件是空的"


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_catalog_files_are_package_data(lang: str) -> None:
    assert (SRC / "locale" / lang / "LC_MESSAGES" / "bulletin.po").is_file()
