"""The package's shape: stages in one direction, light imports, one module per format."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "bulletin"

#: Layers from the bottom up: a module may import its own layer and the ones below.
LAYERS = [
    {"errors", "messages", "files", "version"},
    {"numbers"},
    {"proofread"},  # reads text written by people with the number engine
    {"charts"},
    {"load"},
    {"resolve"},
    {"compose"},
    {"emit"},
    {"problems", "render", "batch"},
    {"cli", "preview", "__init__", "__main__"},
]


def _layer(part: str) -> int:
    return next(k for k, names in enumerate(LAYERS) if part in names)


def _top(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level part of bulletin) of every import of bulletin code in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = list(path.relative_to(SRC).parent.parts)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                parts = [*base, *(node.module.split(".") if node.module else [])]
                if not parts:  # from . import x (at the top of the package)
                    parts = [alias.name for alias in node.names][:1]
            elif node.module and node.module.split(".")[0] == "bulletin":
                parts = node.module.split(".")[1:]
            else:
                continue
            if parts:
                found.append((node.lineno, parts[0]))
    return found


def test_nothing_below_imports_anything_above():
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        here = _layer(_top(path))
        for line, target in _imports(path):
            if _layer(target) > here:
                wrong.append(f"{path.relative_to(SRC)}:{line} imports {target}")
    assert wrong == []


def test_every_module_is_in_a_layer():
    for path in SRC.rglob("*.py"):
        _layer(_top(path))


def test_each_format_is_one_module():
    from bulletin.emit import available_formats, emitter_for

    assert available_formats() == ["docx", "html", "md", "pdf"]
    for name in available_formats():
        assert emitter_for(name).name == name


def test_a_registered_emitter_is_a_format():
    import bulletin
    from bulletin.emit import _REGISTRY, register_emitter

    register_emitter("txt", lambda article, context: article.title + "\n")
    try:
        doc = bulletin.loads("meta: {title: 标题}\n")
        assert bulletin.render(doc, formats="txt")["txt"] == "标题\n"
    finally:
        _REGISTRY.pop("txt")
    with pytest.raises(bulletin.BulletinError, match="不支持的输出格式 “odt”"):
        bulletin.render(doc, formats="odt")


def test_import_bulletin_stays_light():
    env = dict(os.environ, PYTHONPATH=str(SRC.parent))
    code = "import bulletin, sys; print(' '.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    heavy = {m.split(".")[0] for m in out} & {"matplotlib", "docx", "opencc", "PIL"}
    assert heavy == set()
