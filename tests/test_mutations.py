"""Random mutations of the examples never end in anything but a result or a BulletinError.

Each example is mutated (a node deleted, a list item duplicated, a value
retyped into a list, mapping, number, text, true/false or null), written back
as YAML, and loaded, checked and rendered to Markdown and HTML. Charts are planned
but not drawn (``draw_charts=False``: drawing is slow and reads nothing of the
user's data beyond the chart spec).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bulletin
from bulletin.load.checks import check
from bulletin.load.yaml_reader import load_yaml_file
from bulletin.problems import find_problems
from conftest import EXAMPLES

EXAMPLE_DATA = {p.name: load_yaml_file(p)[0] for p in sorted(EXAMPLES.glob("*.yaml"))}

REPLACEMENTS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    Decimal("1.5"),
    Decimal("1E+20"),
    "",
    "x",
    "128.57万",
    "95.2%",
    "82460人",
    "2021-13-01",
    "{{ nope }}",
    "{{",
    "host",
    [],
    [1, "a"],
    [{"name": "a", "value": 1}],
    {},
    {"a": 1},
    {"text": "引语"},
]

KINDS = ("delete", "duplicate", "replace")


try:  # libyaml writes the mutated data back several times faster
    from yaml import CSafeDumper as _SafeDumper
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _SafeDumper


class _Dumper(_SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v)))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _mutate(data: Any, path: tuple[Any, ...], kind: str, replacement: Any) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if kind == "delete":
        del parent[last]
    elif kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        else:
            parent[f"{last}_2"] = copy.deepcopy(parent[last])
    else:
        parent[last] = copy.deepcopy(replacement)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(
    name=st.sampled_from(sorted(EXAMPLE_DATA)),
    mutations=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**6),
            st.sampled_from(KINDS),
            st.sampled_from(REPLACEMENTS),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_mutated_examples_fail_only_with_bulletin_errors(name, mutations):
    data = copy.deepcopy(EXAMPLE_DATA[name])
    for pick, kind, replacement in mutations:
        paths = _paths(data)
        if not paths:
            break
        _mutate(data, paths[pick % len(paths)], kind, replacement)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    try:
        doc = bulletin.loads(text, file=name)
    except bulletin.BulletinError as err:
        assert "\n" not in str(err)
        return
    for warning in check(doc):
        assert "\n" not in str(warning)
    for problem in find_problems(doc, compose=False):
        assert "\n" not in str(problem)
    try:
        bulletin.render(doc, formats=("md", "html"), draw_charts=False)
    except bulletin.BulletinError as err:
        assert "\n" not in str(err)
