"""The code stays ruff and mypy clean (both come with the test extra)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def _ruff() -> list[str]:
    ruff = shutil.which("ruff") or shutil.which("ruff", path=str(ROOT / ".venv" / "bin"))
    if ruff is not None:
        return [ruff]
    try:
        import ruff as _  # noqa: F401
    except ImportError:
        pytest.skip("ruff is not installed (pip install '.[test]')")
    return [sys.executable, "-m", "ruff"]


@pytest.mark.parametrize(
    "command", [("check", "--quiet"), ("format", "--check")], ids=["lint", "formatted"]
)
def test_ruff_clean(command):
    proc = subprocess.run(
        [*_ruff(), *command, "src", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_clean(tmp_path):
    """mypy over src/bulletin with the project's configuration (strict on bulletin.numbers)."""
    pytest.importorskip("mypy", reason="mypy is not installed (pip install '.[test]')")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
