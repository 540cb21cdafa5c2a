"""The JSON Schema of a data file, for editors, generated from the model.

``bulletin schema`` prints it; docs/bulletin.schema.json is a copy that a
data file can name in its first line, so that an editor's YAML support
completes and checks keys::

    # yaml-language-server: $schema=../docs/bulletin.schema.json

The schema accepts values as people type them: numbers may be text such as
"128.57万", "1,234" or "95.2%", dates are text (an editor reads 2021-07-12 as
text). The model, not the schema, is the final judge: the schema only helps
while typing.

>>> schema = json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(schema["properties"])[:3]
['abstract', 'charts', 'closing']
>>> "meta.title" in model_keys() and "sections[].indicators[].parts[].value" in model_keys()
True
>>> key_help()["meta.title"]
('标题', ['办实事解难题 服务人民健康'])
"""

from __future__ import annotations

import json
from typing import Any

import pydantic

from .model import Document

__all__ = ["json_schema", "key_help", "model_keys", "schema_text"]

_DESCRIPTIONS = {
    "Document": "bulletin 数据文件：meta（必填）、figures、正文各部分",
    "Meta": "文章信息：体裁、标题、作者、日期等",
    "Figure": "有名字的数字，正文用 {{ 数据名 }} 引用，全文写法一致",
    "Section": "正文的一部分：小标题、正文、引语、要点、图表、指标",
    "Quote": "引语：说了什么、谁说的",
    "ChartRef": "指定的图表：画哪些数据、怎么画",
    "Turn": "访谈的一问或一答",
    "Indicator": "统计公报的一项指标：本期值、上期值、其中各项",
    "Part": "指标的其中一项（其中：医院8个……）",
    "Table": "手写的表格",
    "Image": "图片及其说明（链接用户的图片文件）",
    "Editors": "责任编辑、版式、校对",
    "Guest": "访谈嘉宾",
}


def _tidy(node: Any) -> Any:
    """Drop pydantic's English titles and docstrings; add Chinese descriptions."""
    if isinstance(node, dict):
        return {
            k: v if k in ("examples", "default", "const", "enum") else _tidy(v)
            for k, v in node.items()
            if not (k == "title" and isinstance(v, str))
        }
    if isinstance(node, list):
        return [_tidy(v) for v in node]
    return node


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file."""
    raw = Document.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    schema = _tidy(raw)
    for name, definition in schema.get("$defs", {}).items():
        if name in _DESCRIPTIONS:
            definition["description"] = _DESCRIPTIONS[name]
    schema["description"] = _DESCRIPTIONS["Document"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bulletin 数据文件",
        **schema,
    }


def schema_text() -> str:
    """The schema as ``bulletin schema`` prints it (stable, UTF-8, final newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _models_in(annotation: Any) -> list[type[pydantic.BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    found: list[type[pydantic.BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        for model in _models_in(arg):
            if model not in found:
                found.append(model)
    return found


def model_keys() -> list[str]:
    """Every key a data file may hold, as dotted paths: ``meta.title``,
    ``figures.<名>.value``, ``sections[].quote.text`` (a list item is ``[]``).

    Used to keep docs/schema.md complete and true.
    """
    keys: list[str] = []

    def walk(model: type[pydantic.BaseModel], prefix: str, outer: tuple[type, ...]) -> None:
        for name, field in model.model_fields.items():
            path = f"{prefix}{name}"
            keys.append(path)
            if model is Document and name == "figures":
                fig = field.annotation.__args__[1]  # type: ignore[union-attr]
                walk(fig, f"{path}.<名>.", (*outer, model))
                continue
            for sub in _models_in(field.annotation):
                if sub in (*outer, model):
                    continue  # a model inside itself (parts of parts, sub-sections): once
                inner = "[]" if _is_list_of(field.annotation, sub) else ""
                walk(sub, f"{path}{inner}.", (*outer, model))

    walk(Document, "", ())
    return list(dict.fromkeys(keys))


def _is_list_of(annotation: Any, model: type[pydantic.BaseModel]) -> bool:
    """True when ``model`` appears only inside a list in ``annotation``."""
    if annotation is model:
        return False
    args = getattr(annotation, "__args__", ()) or ()
    origin = getattr(annotation, "__origin__", None)
    if origin is list:
        return True
    direct = [a for a in args if a is model]
    if direct:
        return False
    return any(_is_list_of(a, model) for a in args if getattr(a, "__args__", None))


def _model_of(node: Any, defs: dict[str, Any]) -> dict[str, Any] | None:
    """The object schema (a $defs entry) a property's schema leads to, through lists and unions."""
    if not isinstance(node, dict):
        return None
    ref = node.get("$ref")
    if isinstance(ref, str):
        found: dict[str, Any] = defs[ref.rsplit("/", 1)[1]]
        return found
    for key in ("items", "additionalProperties"):
        inner = _model_of(node.get(key), defs)
        if inner is not None:
            return inner
    for option in node.get("anyOf", []):
        inner = _model_of(option, defs)
        if inner is not None:
            return inner
    return None


def key_help() -> dict[str, tuple[str, list[Any]]]:
    """The description and examples the JSON Schema gives each key of :func:`model_keys`
    (what an editor shows when the pointer rests on the key)."""
    schema = json_schema()
    defs = schema.get("$defs", {})
    found: dict[str, tuple[str, list[Any]]] = {}
    for key in model_keys():
        node: dict[str, Any] | None = schema
        parts = key.replace("[]", "").split(".")
        for i, part in enumerate(parts):
            if part == "<名>":
                continue  # figures.<名>: the Figure schema of the mapping's values
            model = _model_of(node, defs) if i else node
            if model is None or part not in model.get("properties", {}):
                raise KeyError(key)
            node = model["properties"][part]
        assert node is not None
        found[key] = (node.get("description", ""), list(node.get("examples", [])))
    return found
