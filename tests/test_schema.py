"""The JSON Schema for editors, and docs/schema.md, stay true to the model."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from bulletin.load.schema import json_schema, model_keys, schema_text
from bulletin.load.yaml_reader import load_yaml_file, load_yaml_text
from conftest import EXAMPLES, ROOT, run_cli

DOCS = ROOT / "docs"


def _as_editor_sees(value: Any) -> Any:
    """Data as a YAML editor hands it to the schema: dates are text, numbers are numbers."""
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


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


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_fits_the_schema(example, validator):
    data, _ = load_yaml_file(example)
    errors = [e.message for e in validator.iter_errors(_as_editor_sees(data))]
    assert errors == []


@pytest.mark.parametrize(
    "text",
    [
        "meta: {titel: 标题}\n",  # misspelt key
        "meta: {title: 标题, genre: Feature}\n",  # not a genre name
        "meta: {title: 标题}\nsections: {heading: 一}\n",  # not a list
        "meta: {title: 标题}\nfigures: {n: {value: 1, unti: 人}}\n",
        "meta: {title: 标题}\nfigures: {n: {value: [1]}}\n",
        "figures: {}\n",  # no meta
    ],
)
def test_the_schema_catches_what_an_editor_should_flag(text, validator):
    data, _ = load_yaml_text(text)
    assert list(validator.iter_errors(_as_editor_sees(data)))


def test_values_people_type_fit_the_schema(validator):
    text = (
        "meta: {title: 2021, byline: 吕婷 王泽刚, date: 2021-07-20}\n"
        "figures:\n"
        "  a: {value: 128.57万, unit: 剂次}\n"
        "  b: {value: 95.2%, by: {甲: '1,234', 乙: １２３}}\n"
        "  c: {value: 82460人, unit: 人, chart: false}\n"
    )
    data, _ = load_yaml_text(text)
    assert list(validator.iter_errors(_as_editor_sees(data))) == []


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
