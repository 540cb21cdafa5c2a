"""The JSON Schema for editors, and docs/schema.md, stay true to the model."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import bulletin
from bulletin.errors import BulletinError
from bulletin.load.schema import json_schema, key_help, model_keys, schema_text
from conftest import EXAMPLES, ROOT, run_cli

DOCS = ROOT / "docs"
BAD = ROOT / "tests" / "bad_inputs"


# --------------------------------------------------------------------------- as editors read


class _EditorLoader(yaml.SafeLoader):
    """YAML 1.2 core schema, as editors' YAML support reads a file (yaml-language-server).

    Plain scalars: true/false, null/~, decimal (010 is 10), 0o and 0x integers, floats with
    .inf/.nan; everything else (2021-07-12, 8:30, off, yes) is text. A duplicate key and
    more than 100 aliases are errors there, as in the editors' YAML library.
    """

    aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > 100:
                raise yaml.YAMLError("excessive aliases")
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(k, deep=True) for k, _ in node.value]
        if len(keys) != len({repr(k) for k in keys}):
            raise yaml.YAMLError("duplicate key")
        return super().construct_mapping(node, deep=deep)


_EditorLoader.yaml_implicit_resolvers = {}
for _tag, _regex, _first in (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
):
    _EditorLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_regex})$"), list(_first)
    )


def _core_int(loader: _EditorLoader, node: Any) -> int:
    text = loader.construct_scalar(node)
    base = {"0o": 8, "0x": 16}.get(text[:2])
    return int(text[2:], base) if base else int(text)


def _core_float(loader: _EditorLoader, node: Any) -> float:
    text = loader.construct_scalar(node).lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


_EditorLoader.add_constructor("tag:yaml.org,2002:int", _core_int)
_EditorLoader.add_constructor("tag:yaml.org,2002:float", _core_float)


def as_editor_reads(path: Path) -> list[Any]:
    """The documents of ``path`` as an editor hands them to the schema, each by itself;
    raises when the editor cannot read the file."""
    raw = path.read_bytes()
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    return list(yaml.load_all(raw.decode(encoding), Loader=_EditorLoader))


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_cli_prints_the_committed_schema(tmp_path):
    proc = run_cli("schema")
    assert proc.returncode == 0, proc.stderr
    committed = (DOCS / "bulletin.schema.json").read_text(encoding="utf-8")
    assert proc.stdout == schema_text() == committed, (
        "docs/bulletin.schema.json is stale: run `bulletin schema -o docs/bulletin.schema.json`"
    )
    assert json.loads(committed)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    written = tmp_path / "s.json"
    assert run_cli("schema", "-o", str(written)).returncode == 0
    assert written.read_text(encoding="utf-8") == committed


@pytest.mark.parametrize(
    "text",
    [
        "meta: {titel: 标题}\n",  # misspelt key
        "meta: {title: 标题, genre: Feature}\n",  # not a genre name
        "meta: {title: 标题}\nsections: {heading: 一}\n",  # not a list
        "meta: {title: 标题}\nfigures: {n: {value: 1, unti: 人}}\n",
        "meta: {title: 标题}\nfigures: {n: {value: [1]}}\n",
        "figures: {}\n",  # no meta
        "meta: {title: 标题}\nfigures: {n: {value: abc}}\n",  # not a number
        "meta: {title: 标题}\nfigures: {n: {value: '12.3.4'}}\n",
        "meta: {title: 标题}\nfigures: {n: {value: 八万}}\n",
        "meta: {title: 标题}\nfigures: {n: {value: '010'}}\n",  # number or text?
        "meta: {title: 标题}\nfigures: {n: {value: 1.0e+30}}\n",  # beyond 1e18
        "meta: {title: 标题}\nfigures: {n: {value: 1, by: {甲: 一千}}}\n",
        "meta: {title: 标题}\nfigures: {n: {value: 95.2%, unit: 人}}\n",
        "meta: {title: 标题}\nfigures: {n: {value: 1, series: {'2023': 5%}, unit: 人}}\n",
        "meta: {title: 标题}\nfigures: {first dose: {value: 1}}\n",  # not a name
        "meta: {title: 标题}\nfigures: {None: {value: 1}}\n",  # reserved
        "meta: {title: 标题}\nfigures: {n: {value: 1, as_of: 2021-13-01}}\n",
        "meta: {title: 标题, date: 七月二十日}\n",
        "meta: {title: 标题}\nsections: [{indicators: [{name: 率, value: 71.6%, kind: count}]}]\n",
        "meta: {title: 标题}\nsections: [{indicators: [{name: 率, value: 5, kind: percent,"
        " parts: [{name: 甲, value: 5.4‰}]}]}]\n",
    ],
)
def test_the_schema_catches_what_an_editor_should_flag(text, validator):
    assert not validator.is_valid(yaml.load(text, Loader=_EditorLoader))
    with pytest.raises(BulletinError):
        bulletin.loads(text)


def test_values_people_type_fit_the_schema(validator):
    text = (
        "meta: {title: 2021, byline: 吕婷 王泽刚, date: 2021-07-20}\n"
        "figures:\n"
        "  a: {value: 128.57万, unit: 剂次}\n"
        "  b: {value: 95.2%, by: {甲: '1,234', 乙: １２３}}\n"
        "  c: {value: 82460人, unit: 人, chart: false}\n"
        "  d: {value: '+1.3亿', previous: －５, target: ' 1,234.5 ', as_of: 2021年7月12日18时}\n"
        "  接种: {value: 16.9/10万, by: {'010': .5, off: 3}}\n"
        "sections:\n"
        "  - indicators:\n"
        "      - {name: 病床使用率, value: 71.6%, previous: 74.3}\n"
        "      - {name: 死亡率, value: 16.9/10万, kind: per100k, parts: [{name: 甲, value: 5}]}\n"
    )
    assert list(validator.iter_errors(yaml.load(text, Loader=_EditorLoader))) == []
    bulletin.loads(text)


def _documented_keys() -> list[str]:
    """The first column of every table whose header is ``| 键 | 类型 | 默认 | …``."""
    keys = []
    in_key_table = False
    for line in (DOCS / "schema.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            in_key_table = False
            continue
        if line.startswith("| 键 | 类型 | 默认 |"):
            in_key_table = True
            continue
        match = re.match(r"\|\s*`([^`]+)`\s*\|", line)
        if in_key_table and match:
            keys.append(match.group(1))
    return keys


def test_docs_document_every_key_and_only_real_keys():
    documented = _documented_keys()
    model = model_keys()
    missing = [k for k in model if k not in documented]
    unknown = [k for k in documented if k not in model]
    assert not missing, f"keys the model has but docs/schema.md does not document: {missing}"
    assert not unknown, f"keys docs/schema.md documents but the model does not have: {unknown}"
    assert len(documented) == len(set(documented)), "a key is documented twice"


def test_docs_carry_the_editor_hint():
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=../docs/bulletin.schema.json" in text


#: Mistakes the schema cannot see, as editors apply it: only bulletin finds them (each is in
#: tests/bad_inputs/expected.txt, whose test checks bulletin's message), with the reason.
LOADER_ONLY = {
    "bad_genre.yaml": "a well-formed genre name; whether its template exists is known when "
    "rendering (with --template-dir)",
    "chart_unknown_figure.yaml": "figure names in a chart are checked against figures: later",
    "encoding_utf16.yaml": "editors decode UTF-16; bulletin asks for UTF-8, GBK or Big5",
    "indicator_growth_from_zero.yaml": "indicator arithmetic (a growth rate from 0)",
    "indicator_rank_without_table.yaml": "whether a value comes from a table column is known "
    "when rendering with --each",
    "interview_unknown_speaker.yaml": "speakers are checked against meta.guests later",
    "lone_surrogate.yaml": "half a surrogate pair is text to a JSON Schema string",
    "number_by_leading_zero.yaml": "YAML 1.2 reads 010 as the number 10; bulletin sees 010",
    "number_leading_zero.yaml": "YAML 1.2 reads 010 as the number 10; bulletin sees 010",
    "number_nan.yaml": "YAML 1.2 reads .nan as a number; JSON Schema cannot refuse NaN",
    "number_unit_mismatch.yaml": "a glued unit is compared with unit:, which a pattern cannot do",
    "syntax_two_documents.yaml": "editors check each document of a file by itself",
    **{
        p.name: "prose ({{ }}) is rendered later: unknown names, filters, limits"
        for p in BAD.glob("prose_*.yaml")
    },
}


def _verdict_cases() -> list[Path]:
    bad = [p for p in sorted(BAD.glob("*.yaml")) if p.is_file()]  # directory.yaml is a folder
    return sorted(EXAMPLES.glob("*.yaml")) + bad


@pytest.mark.parametrize("path", _verdict_cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_schema_and_the_loader_give_the_same_verdict(path, validator):
    try:
        bulletin.load(path)
        loaded = True
    except BulletinError:
        loaded = False
    try:
        documents = as_editor_reads(path)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        fits = False  # the editor shows a YAML error
    else:
        fits = all(validator.is_valid(data) for data in documents or [None])
    if path.parent == EXAMPLES:
        assert (loaded, fits) == (True, True)
    elif path.name in LOADER_ONLY:
        assert fits, f"the schema now refuses {path.name}: take it out of LOADER_ONLY"
    else:
        assert (loaded, fits) == (False, False)


def test_the_loader_only_list_is_true():
    names = {p.name for p in BAD.iterdir()}
    assert set(LOADER_ONLY) <= names


def _schema_page_hook():
    spec = importlib.util.spec_from_file_location("schema_page", DOCS / "hooks" / "schema_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_key_has_a_chinese_description_and_an_example():
    help_ = key_help()
    assert list(help_) == model_keys()
    for key, (description, examples) in help_.items():
        assert re.search(r"[\u4e00-\u9fff]", description), f"{key}: no Chinese description"
        assert examples, f"{key}: no example"


def _property(schema: dict[str, Any], key: str) -> dict[str, Any]:
    from bulletin.load.schema import _model_of

    node = schema
    for i, part in enumerate(p for p in key.replace("[]", "").split(".") if p != "<名>"):
        node = (_model_of(node, schema["$defs"]) if i else node)["properties"][part]
    return node


@pytest.mark.parametrize("key", model_keys())
def test_each_example_fits_its_key(key):
    """Every example is a value the key's own schema accepts."""
    schema = json_schema()
    node = _property(schema, key)
    check = jsonschema.Draft202012Validator({"$defs": schema["$defs"], **node})
    for example in key_help()[key][1]:
        assert check.is_valid(example), (key, example)


def test_docs_say_what_the_schema_says():
    """docs/schema.md's 说明 column is the schema's description of each key (the site's
    build fills it in from the schema, docs/hooks/schema_page.py; here the file agrees)."""
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    filled = _schema_page_hook().with_schema_descriptions(text)
    for written, wanted in zip(text.splitlines(), filled.splitlines(), strict=True):
        assert written == wanted
