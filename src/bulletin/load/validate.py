"""Load a data file into a validated :class:`~bulletin.load.model.Document`.

Validation errors from the model are turned into :class:`~bulletin.errors.DataError`
with the file, line and column of the offending node and a Chinese hint.

>>> doc = loads("meta:\\n  title: 办实事解难题 服务人民健康\\n")
>>> doc.meta.title
'办实事解难题 服务人民健康'
>>> loads("meta:\\n  titel: 标题\\n", file="a.yaml")
Traceback (most recent call last):
...
bulletin.errors.DataError: a.yaml:2:3: 不认识的键 “titel”。是不是 “title”？
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pydantic

from ..errors import BulletinError, DataError, DataPath, NumberError, UsageError, did_you_mean
from ..messages import text as _t
from .model import Document
from .yaml_reader import Marks, decode_data, load_yaml_file, load_yaml_text

__all__ = ["LoadedDocument", "load", "loads", "schema_errors"]

#: pydantic error type → the form the value should have (message ids).
_TYPE_FORMS = {
    "string_type": "form.text",
    "dict_type": "form.mapping",
    "model_type": "form.mapping",
    "model_attributes_type": "form.mapping",
    "list_type": "form.list",
    "int_type": "form.integer",
    "int_parsing": "form.integer",
    "int_from_float": "form.integer",
    "bool_type": "form.bool",
    "bool_parsing": "form.bool",
}

#: Field name → hint id shown with its errors.
_FIELD_HINTS = {
    "meta": "hint.meta",
    "title": "hint.title",
    "text": "hint.text",
    "decimals": "hint.decimals",
    "significant": "hint.significant",
    "name": "hint.name",
    "value": "hint.value",
}

#: Union member tags pydantic puts into error locations (not data keys).
_SCALAR_TAGS = {"str", "int", "bool", "float", "none", "list", "dict", "decimal"}


#: A validated document (the name of earlier versions; every Document knows its source).
LoadedDocument = Document


def load(source: str | Path | Mapping[str, Any]) -> LoadedDocument:
    """Load and validate a data file (a path), or a dict already in memory.

    Raises :class:`~bulletin.errors.BulletinError` (with file, line, column)
    for anything wrong in the file.
    """
    if isinstance(source, Mapping):
        if not all(isinstance(key, str) for key in source):
            raise UsageError(_t("api.keys_not_text"))
        return _validate(dict(source), Marks(file="<dict>"))
    if not isinstance(source, (str, os.PathLike)):
        raise _wrong_type("load", "source", _t("api.form.source"), source)
    data, marks = load_yaml_file(source)
    from .each import expand_long, has_sheets  # indicators read from a spreadsheet

    if has_sheets(data):
        data, marks = expand_long(data, marks, Path(source).parent)
    return _validate(data, marks)


def loads(text: str | bytes, *, file: str = "<string>") -> LoadedDocument:
    """Load and validate YAML text (or the bytes of a file); ``file`` names it in messages.

    >>> loads(None)
    Traceback (most recent call last):
    ...
    bulletin.errors.UsageError: loads() 的 text 应为文字（str）或字节（bytes），这里是 NoneType
    """
    if not isinstance(file, str):
        raise _wrong_type("loads", "file", _t("api.form.text"), file)
    if isinstance(text, (bytes, bytearray)):
        decoded, encoding = decode_data(bytes(text), file)
        data, marks = load_yaml_text(decoded, file)
        marks.encoding = encoding
        return _validate(data, marks)
    if not isinstance(text, str):
        raise _wrong_type("loads", "text", _t("api.form.text_or_bytes"), text)
    data, marks = load_yaml_text(text, file)
    return _validate(data, marks)


def _wrong_type(function: str, name: str, form: str, given: Any) -> UsageError:
    return UsageError(
        _t("api.wrong_type", function=function, name=name, form=form, given=type(given).__name__),
        code="api.wrong_type",
    )


def _validate(data: Any, marks: Marks) -> LoadedDocument:
    if not isinstance(data, dict):
        line, col = marks.value(())
        raise DataError(
            _t("data.top_not_mapping"),
            file=marks.file,
            line=line,
            col=col,
            hint=_t("data.top_not_mapping.hint"),
            code="data.top_not_mapping",
        )
    try:
        doc = LoadedDocument.model_validate(data)
    except pydantic.ValidationError as exc:
        errors = schema_errors(exc, data, marks)
        first = errors[0]
        first.others = errors[1:]
        raise first from None
    return doc.with_marks(marks)


@dataclass
class _Raw:
    """One pydantic error: the data path it names and the union members on the way."""

    path: DataPath
    tags: list[tuple[DataPath, str]]
    err: Mapping[str, Any]

    @property
    def kind(self) -> str:
        return str(self.err["type"])

    def popped(self) -> _Raw:
        return _Raw(self.path, self.tags[1:], self.err)


def schema_errors(exc: pydantic.ValidationError, data: Any, marks: Marks) -> list[BulletinError]:
    """Every problem of a validation error as our errors, in file order, one per mistake.

    Errors of the members of a union (``quote`` may be one quote or a list)
    are reduced to those of the member the value was meant for, or to one
    error naming every form the value may take.
    """
    raws = [_split(err, data) for err in exc.errors()]
    errors: list[BulletinError] = []
    seen: set[tuple[Any, ...]] = set()
    for error in _translate(_reduce(raws), marks):
        key = (error.line, error.col, error.message)
        if key not in seen:
            seen.add(key)
            errors.append(error)
    errors.sort(key=lambda e: (e.line or 0, e.col or 0))
    return errors


def _is_tag(part: Any) -> bool:
    if not isinstance(part, str):
        return False
    return (
        part in _SCALAR_TAGS
        or not part.isidentifier()
        or part[:1].isupper()
        or part.startswith(("function-", "literal"))
    )


def _split(err: Mapping[str, Any], data: Any) -> _Raw:
    """Separate the data keys of an error location from union member tags."""
    path: list[str | int] = []
    tags: list[tuple[DataPath, str]] = []
    node = data
    known = True
    for part in err["loc"]:
        if known and _has(node, part):
            path.append(part)
            node = node[part]
        elif _is_tag(part):
            tags.append((tuple(path), str(part)))
        else:
            path.append(part)
            known = False
    return _Raw(tuple(path), tags, err)


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _mismatch(raw: _Raw, site: DataPath) -> bool:
    """Is this error only saying 'the value is not of this member's shape'?"""
    if raw.path != site:
        return False
    if raw.kind in _TYPE_FORMS:
        return True
    if raw.kind == "literal_error":
        expected = str(raw.err.get("ctx", {}).get("expected", ""))
        return expected in ("False", "True") or not isinstance(raw.err.get("input"), str)
    if raw.kind == "value_error":
        cause = raw.err.get("ctx", {}).get("error")
        return not isinstance(cause, BulletinError) and isinstance(
            raw.err.get("input"), (dict, list, bool)
        )
    return False


def _reduce(raws: list[_Raw]) -> list[_Raw | _Merged]:
    result: list[_Raw | _Merged] = [r for r in raws if not r.tags]
    groups: dict[DataPath, dict[str, list[_Raw]]] = {}
    for raw in raws:
        if raw.tags:
            site, member = raw.tags[0]
            groups.setdefault(site, {}).setdefault(member, []).append(raw)
    for site, members in groups.items():
        meant = [m for m, items in members.items() if not all(_mismatch(r, site) for r in items)]
        if meant:
            result.extend(_reduce([r.popped() for r in members[meant[0]]]))
        else:
            first = next(iter(members.values()))[0]
            result.append(_Merged(site, list(members), first.err.get("input")))
    return result


@dataclass
class _Merged:
    """A value that fits no member of a union: one error naming every allowed form."""

    path: DataPath
    members: list[str]
    given: Any


def _member_form(tag: str) -> str | None:
    if tag == "literal[False]":
        return _t("form.false")
    if tag.startswith("literal["):
        choices = [c.strip(" '\"") for c in tag[len("literal[") : -1].split(",")]
        return _t("form.choice", choices=_t("data.list_sep").join(choices))
    if tag == "bool":
        return _t("form.bool")
    if tag.startswith("list["):
        return _t("form.list")
    if tag.startswith("dict[") or tag[:1].isupper():
        return _t("form.mapping")
    if tag == "str" or tag.startswith("function-"):
        return _t("form.text")
    if tag == "int":
        return _t("form.integer")
    return None


def _join_forms(forms: list[str]) -> str:
    unique = list(dict.fromkeys(forms))
    if len(unique) == 1:
        return unique[0]
    return _t("data.list_sep").join(unique[:-1]) + _t("data.or") + unique[-1]


def _translate(items: list[_Raw | _Merged], marks: Marks) -> list[BulletinError]:
    """Turn reduced errors into ours; a misspelt key hides the 'missing' it causes."""
    unknown = {
        (i.path[:-1], str(i.path[-1]))
        for i in items
        if isinstance(i, _Raw) and i.kind == "extra_forbidden"
    }
    result: list[BulletinError] = []
    for item in items:
        if isinstance(item, _Merged):
            line, col = marks.value(item.path)
            forms = [f for f in (_member_form(m) for m in item.members) if f]
            result.append(
                DataError(
                    _t(
                        "data.wrong_form",
                        name=_describe(item.path),
                        forms=_join_forms(forms),
                        value=_show(item.given),
                    ),
                    file=marks.file,
                    line=line,
                    col=col,
                    code="data.wrong_form",
                )
            )
            continue
        if item.kind == "missing" and any(
            parent == item.path[:-1] and did_you_mean(word, [str(item.path[-1])])
            for parent, word in unknown
        ):
            continue
        result.append(_to_error(item, marks))
    return result


def _describe(path: DataPath) -> str:
    """How a message names the value at ``path``: ``title``, ``rows 第 2 项``."""
    if not path:
        return _t("data.the_file")
    trailing: list[int] = []
    rest = list(path)
    while rest and isinstance(last := rest[-1], int):
        trailing.insert(0, last)
        rest.pop()
    name = str(rest[-1]) if rest else "列表"
    for index in trailing:
        name = _t("data.item", name=name, number=index + 1)
    return name


def _field_hint(path: DataPath) -> str | None:
    names = [p for p in path if isinstance(p, str)]
    hint_id = _FIELD_HINTS.get(names[-1]) if names else None
    return _t(hint_id) if hint_id else None


def _to_error(raw: _Raw, marks: Marks) -> BulletinError:
    err = raw.err
    kind = raw.kind
    path = raw.path
    name = _describe(path)
    given = err.get("input")
    ctx = err.get("ctx") or {}

    def error(
        message: str, code: str, hint: str | None = None, *, at_key: bool = False
    ) -> DataError:
        line, col = marks.key(path) if at_key else marks.value(path)
        return DataError(message, file=marks.file, line=line, col=col, hint=hint, code=code)

    if kind == "missing":
        parent = path[:-1]
        line, col = marks.key(parent) if parent else (1, 1)
        return DataError(
            _t("data.missing", where=_describe(parent), name=path[-1] if path else ""),
            file=marks.file,
            line=line,
            col=col,
            hint=_field_hint(path),
            code="data.missing",
        )
    if kind == "extra_forbidden":
        allowed = _allowed_keys(path[:-1])
        hint = did_you_mean(name, allowed) or (
            _t("data.allowed_keys", keys=_t("data.list_sep").join(allowed)) if allowed else None
        )
        return error(_t("data.unknown_key", name=name), "data.unknown_key", hint, at_key=True)
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        choices = [c for c in choices if c != "False"]
        hint = did_you_mean(str(given), choices) or _t(
            "data.choices", choices=_t("data.list_sep").join(choices)
        )
        return error(_t("data.bad_choice", name=name, value=_show(given)), "data.bad_choice", hint)
    if kind == "value_error":
        cause = ctx.get("error")
        if isinstance(cause, NumberError):
            message, hint, code = _number_message(cause, given, name)
            return error(message, code, hint)
        if isinstance(cause, BulletinError):
            return error(cause.message, cause.code or "data.invalid", cause.hint)
        message = str(cause) if cause is not None else str(err["msg"])
        if message.startswith(("应为", "must be")):
            message = _t("data.wrong_type", name=name, expected=message, value=_show(given))
        return error(message, "data.invalid", _field_hint(path))
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return error(
            _t("data.too_small", name=name, limit=limit), "data.too_small", _field_hint(path)
        )
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return error(
            _t("data.too_large", name=name, limit=limit), "data.too_large", _field_hint(path)
        )
    form = _TYPE_FORMS.get(kind)
    if form:
        return error(
            _t(
                "data.wrong_type",
                name=name,
                expected=_t("expect", form=_t(form)),
                value=_show(given),
            ),
            "data.wrong_type",
            _field_hint(path),
        )
    return error(_t("data.invalid", name=name, detail=err["msg"]), "data.invalid")


_NUMBER_PREFIXES = (
    ("缺少数值", "number.none"),
    ("数值不能是真假值", "number.bool"),
    ("数值必须是有限的数", "number.not_finite"),
)


#: A number with something glued on: 82460剂次.
_GLUED_UNIT = re.compile(r"\s*[-+]?[\d０-９][\d０-９.,，]*\s*[^\d０-９.,，%‰]+")


def _number_message(cause: NumberError, given: Any, name: str) -> tuple[str, str | None, str]:
    """The message, hint and id of a number that cannot be read; it names the value."""
    if cause.code:  # raised by the model with a catalogue message already
        return cause.message, cause.hint, cause.code
    for prefix, code in _NUMBER_PREFIXES:
        if cause.message.startswith(prefix):
            return (
                _t(code, name=name, value=_show(given)),
                _t("number.invalid.hint"),
                code,
            )
    shown = repr(given) if isinstance(given, str) else _show(given)
    hint = _t("number.invalid.hint")
    if isinstance(given, str) and re.fullmatch(
        r"\s*[-+]?[\d０-９][\d０-９.,，]*\s*[^\d０-９.,，%‰]+", given
    ):
        hint = _t("number.unit.hint")
    return _t("number.invalid", value=shown), hint, "number.invalid"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (Decimal, dt.date)):
        return str(value)
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def _allowed_keys(parent: DataPath) -> list[str]:
    """Field names of the model found at ``parent`` (best effort, for hints)."""
    from . import model

    cls: Any = Document
    steps = list(parent)
    while steps and cls is not None:
        step = steps.pop(0)
        if isinstance(step, int):
            continue
        if cls is Document and step == "figures":
            cls = model.Figure
            if steps:
                steps.pop(0)
            continue
        field = cls.model_fields.get(step)
        if field is None:
            return []
        cls = _model_in(field.annotation)
    return list(cls.model_fields) if cls is not None else []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None
