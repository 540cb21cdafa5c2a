"""libyaml's parser and the pure-Python one read every file alike.

The loader reads with libyaml when PyYAML has it, and falls back on PyYAML's
pure-Python parser otherwise, or for anything libyaml's parser does not read
as one well-formed document that keeps every rule. Here each file of
examples/, each YAML block of the docs and each file of tests/bad_inputs/ is
read both ways: the same data, the same marks, the same error (message, place,
hint).
"""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.errors import BulletinError, YamlError
from bulletin.load import yaml_reader
from bulletin.load.yaml_reader import load_yaml_file, load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
LIBYAML = yaml_reader._libyaml_loader()
needs_libyaml = pytest.mark.skipif(LIBYAML is None, reason="PyYAML was built without libyaml")

EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
BAD = sorted(p for p in (ROOT / "tests" / "bad_inputs").iterdir() if p.suffix == ".yaml")
_FENCE = re.compile(r"^```ya?ml\n(.*?)^```", re.M | re.S)
DOC_BLOCKS = [
    (f"{doc.relative_to(ROOT)}#{i}", block)
    for doc in sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
    for i, block in enumerate(_FENCE.findall(doc.read_text(encoding="utf-8")), 1)
]


def _outcome(read: Any) -> tuple[Any, ...]:
    """What reading gave: data (typed), marks, encoding; or the error in full."""
    try:
        data, marks = read()
    except BulletinError as err:
        return ("error", type(err), str(err), err.code, err.line, err.col, err.hint)
    return ("data", repr(data), marks.values, marks.keys, marks.scalars, marks.encoding)


def _both(monkeypatch: pytest.MonkeyPatch, read: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    monkeypatch.setattr(yaml_reader, "_LIBYAML_LOADER", LIBYAML)
    fast = _outcome(read)
    monkeypatch.setattr(yaml_reader, "_LIBYAML_LOADER", None)
    return fast, _outcome(read)


@needs_libyaml
@pytest.mark.parametrize("path", EXAMPLES + BAD, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_files_read_alike(monkeypatch, path):
    fast, pure = _both(monkeypatch, lambda: load_yaml_file(path))
    assert fast == pure


@needs_libyaml
@pytest.mark.parametrize(("name", "text"), DOC_BLOCKS, ids=[name for name, _ in DOC_BLOCKS])
def test_doc_blocks_read_alike(monkeypatch, name, text):
    fast, pure = _both(monkeypatch, lambda: load_yaml_text(text, name))
    assert fast == pure


@needs_libyaml
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_libyaml_reads_the_examples_itself(path):
    """No example needs the fallback, so the comparison above compares two parsers."""
    text = path.read_text(encoding="utf-8")
    assert yaml_reader._load_libyaml(text, str(path)) is not None


#: Texts where the two parsers differ by themselves; the loader must hide it.
DIFFERENT = [
    "a: x\ty\n",  # libyaml takes this tab for a space, PyYAML refuses it
    "a: >#\n  x\n",  # a comment right after the block indicator
    "a: [why?, b]\n",  # PyYAML ends plain text at ? inside []
    "a: {b: , c: 1}\n",  # an omitted value: placed at the comma or after the colon
    "---",  # an empty document without a final line break: line 1 or line 2
    "? x",
    "a: ! 12\nb: !\n",  # a bare ! tag: 12 is typed, the empty node is null
    "a: 1\n---\nb: 2\n",
    "a: &x 1\nb: &x 2\n",  # a second anchor of the same name
    "a: *nothing\n",
    "a: 1\na: 2\n",
    'a: "\\ud83d\\ude00"\n',  # libyaml refuses JSON's surrogate pairs
    "",
    "# only a comment\n",
]


@needs_libyaml
@pytest.mark.parametrize("text", DIFFERENT)
def test_where_the_parsers_differ_the_loader_does_not(monkeypatch, text):
    fast, pure = _both(monkeypatch, lambda: load_yaml_text(text, "f.yaml"))
    assert fast == pure


_ATOMS = ["a", "长文", "8:30", "010", "1.5", "-3", "~", "true", "'q'", '"d\\n"', "'x\n  y'",
          "a?b", "http://a.b/c?d=1", "a #c", "*x", "&x v", "!!str 5", "! 7", "[]", "{a: }",
          "[1, b?]", "|\n  t\n  u", ">-\n  f\n\n  g", "", "😀", "x\ty", "- y", ": z",
          "甲，\n  乙 b\n  3", '"甲\\\n  乙\\n\n  丙"', ">\n  甲\n  乙\n\n   丙\n  d"]  # fmt: skip


def _render(node: Any, indent: int) -> str:
    if isinstance(node, str):
        return " " + node.replace("\n", "\n" + " " * (indent + 2)) if node else ""
    pad = "\n" + " " * indent
    if isinstance(node, dict):
        return "".join(f"{pad}{k}:{_render(v, indent + 2)}" for k, v in node.items())
    return "".join(f"{pad}-{_render(v, indent + 2)}" for v in node)


_trees = st.recursive(
    st.sampled_from(_ATOMS),
    lambda inner: st.one_of(
        st.dictionaries(
            st.sampled_from(["k", "长", "8:30", "off", "<<", "'s'"]), inner, max_size=3
        ),
        st.lists(inner, max_size=3),
    ),
    max_leaves=12,
)
_documents = st.tuples(_trees, st.sampled_from(["\n", "\r\n"]), st.booleans()).map(
    lambda t: _render(t[0], 0).lstrip("\n").replace("\n", t[1]) + (t[1] if t[2] else "")
)


@needs_libyaml
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.one_of(_documents, st.text(alphabet="ab: -?[]{},'\"#&*!|>\n.0长", max_size=30)))
def test_generated_texts_read_alike(monkeypatch, text):
    fast, pure = _both(monkeypatch, lambda: load_yaml_text(text, "f.yaml"))
    assert fast == pure


HOSTILE = {
    "flow": "a: " + "[a, " * 5000 + "]" * 5000 + "\n",
    "flow pairs": "a: " + "[a: " * 1000 + "]" * 1000 + "\n",  # 2000 levels for libyaml
    "block": "a:\n" + "".join("  " * i + "- \n" for i in range(1, 300)),
    "compact": "- " * 100_000 + "x\n",
    "indentless": "".join(" " * (2 * i) + "- a:\n" for i in range(1000)),
    "alias bomb": (ROOT / "tests" / "bad_inputs" / "alias_bomb.yaml").read_text(encoding="utf-8"),
    "recursive alias": "a: &a [1, *a]\n",
}


@pytest.mark.parametrize("parser", ["libyaml", "pure"])
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_is_refused_alike(monkeypatch, parser, name):
    if parser == "libyaml" and LIBYAML is None:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yaml_reader, "_LIBYAML_LOADER", LIBYAML if parser == "libyaml" else None)
    with pytest.raises(YamlError) as info:
        load_yaml_text(HOSTILE[name], "f.yaml")
    assert info.value.code in ("yaml.too_deep", "yaml.too_many_nodes", "yaml.recursive_alias")
    assert _outcome(lambda: load_yaml_text(HOSTILE[name], "f.yaml"))[2] == str(info.value)


@needs_libyaml
def test_deep_nesting_fits_a_small_thread_stack(monkeypatch):
    """libyaml's own composer recurses in C, about 2000 levels deep for this text:
    more than a 256 KiB thread stack holds. The loader composes without recursion."""
    monkeypatch.setattr(yaml_reader, "_LIBYAML_LOADER", LIBYAML)
    answers: list[str] = []

    def read() -> None:
        try:
            load_yaml_text(HOSTILE["flow pairs"], "f.yaml")
        except YamlError as err:
            answers.append(err.code or "")

    old = threading.stack_size(256 * 1024)
    try:
        thread = threading.Thread(target=read)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old)
    assert answers == ["yaml.too_deep"]


def test_without_libyaml_the_pure_parser_reads_alone(monkeypatch):
    monkeypatch.setitem(sys.modules, "yaml._yaml", None)  # as if PyYAML had no libyaml
    assert yaml_reader._libyaml_loader() is None
    monkeypatch.setattr(yaml_reader, "_LIBYAML_LOADER", yaml_reader._libyaml_loader())
    path = ROOT / "examples" / "qinghe.yaml"
    data, marks = load_yaml_file(path)
    assert data["meta"]["title"]
    assert marks.value(("meta", "title"))[0] > 1
    with pytest.raises(YamlError, match="方括号"):
        load_yaml_text("a: [1, 2\n", "f.yaml")
