"""Shared test helpers."""

from __future__ import annotations

import contextlib
import contextvars
import io
import logging
import os
import subprocess
import sys
import traceback
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


@dataclass
class CliResult:
    """What one run of the command line gave, shaped like ``subprocess.CompletedProcess``."""

    args: list[str]
    returncode: int
    stdout: str = ""
    stderr: str = ""


@contextlib.contextmanager
def _environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or, for ``None``, remove) environment variables; restore them afterwards."""
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _directory(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    saved = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(saved)


def _exit_code(exit: SystemExit, stderr: io.StringIO) -> int:
    """The exit status Python gives ``raise SystemExit(code)``."""
    if exit.code is None:
        return 0
    if isinstance(exit.code, int):
        return exit.code
    print(exit.code, file=stderr)
    return 1


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
) -> CliResult:
    """Run the ``bulletin`` command line in this process, as ``python -m bulletin ARGS`` would.

    ``bulletin.cli.main`` runs with standard output and standard error captured,
    in ``cwd`` when given, and with the environment changed by ``env`` (a value of
    ``None`` removes the variable); the working directory, the environment, the
    message language and every other context variable are restored afterwards.
    What a fresh process would also print on standard error is kept there: an
    uncaught exception's traceback (exit code 1), Python warnings shown under
    Python's default filters, and log records of level WARNING and above (the
    ``logging`` module's last-resort handler). The real entry point is covered
    by the subprocess tests in test_cli.py (:func:`run_cli_process`).
    """
    from bulletin import cli, messages

    argv = [str(arg) for arg in args]
    stdout, stderr = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(stderr)
    handler.setLevel(logging.WARNING)
    root = logging.getLogger()
    language = messages.get_language()

    def call() -> int:
        try:
            return cli.main(argv)
        except SystemExit as exit:
            return _exit_code(exit, stderr)
        except Exception:
            traceback.print_exc(file=stderr)
            return 1

    root.addHandler(handler)
    try:
        with (
            _environment(env or {}),
            _directory(cwd),
            warnings.catch_warnings(record=True) as caught,
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
        ):
            # Python's default filters, as in a fresh interpreter.
            warnings.resetwarnings()
            warnings.simplefilter("default")
            for category in (DeprecationWarning, PendingDeprecationWarning):
                warnings.simplefilter("ignore", category)
            for category in (ImportWarning, ResourceWarning):
                warnings.simplefilter("ignore", category)
            code = contextvars.copy_context().run(call)
            for item in caught:
                stderr.write(
                    warnings.formatwarning(
                        item.message, item.category, item.filename, item.lineno, item.line
                    )
                )
    finally:
        root.removeHandler(handler)
        messages.set_language(language)
    return CliResult(argv, code, stdout.getvalue(), stderr.getvalue())


def run_cli_process(
    *args: str, cwd: Path | None = None, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bulletin`` in a subprocess, exactly as a user would.

    src/ comes first on the module path, as it does in this process (pytest's
    ``pythonpath``), so both runners exercise the same code.
    """
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    environ = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=path)
    for name, value in (env or {}).items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    return subprocess.run(
        [sys.executable, "-m", "bulletin", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/NAME; BULLETIN_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("BULLETIN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with BULLETIN_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture
def write_yaml(tmp_path: Path):
    """Write YAML text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
