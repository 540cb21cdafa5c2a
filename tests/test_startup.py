"""Start-up work is paid once: --help loads no pipeline, templates compile once per run."""

from __future__ import annotations

import subprocess
import sys

import bulletin
from bulletin.compose.templates import template_environment
from bulletin.resolve import Style

CODE = """
import contextlib, io, sys
from bulletin.cli import main
with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
    main(["--help"])
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in
      ("pydantic", "jinja2", "markdown_it", "matplotlib", "yaml") or m == "bulletin.render")))
"""


def test_help_does_not_import_the_pipeline():
    proc = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=60
    )
    assert proc.stdout.strip() == ""


def test_the_package_names_stay_the_functions():
    import bulletin.render  # the submodule does not replace the function

    assert callable(bulletin.render) and bulletin.render.__module__ == "bulletin.render"
    assert bulletin.compose.__module__ == "bulletin.compose"
    assert "render_many" in dir(bulletin) and set(bulletin.__all__) <= set(dir(bulletin))


def test_template_environments_are_kept_for_the_run(tmp_path):
    hans, hant = Style(), Style(script="hant")
    assert template_environment(style=hans) is template_environment(style=Style(places=("甲",)))
    assert template_environment(style=hans) is not template_environment(style=hant)
    assert template_environment(style=hans) is not template_environment(style=hans, markdown=False)
    assert template_environment([tmp_path], style=hans) is not template_environment(style=hans)
    doc = bulletin.loads("meta: {title: 标题}\nlead: 正文。\n")
    assert bulletin.render(doc, "md,html").outputs == bulletin.render(doc, "md,html").outputs
