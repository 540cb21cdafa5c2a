"""Every example in docs/numbers.md is true: the ```python blocks run as doctests."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "numbers.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_doc_has_examples() -> None:
    assert len(BLOCKS) >= 12
    text = DOC.read_text(encoding="utf-8")
    for name in (
        "parse_number", "format_number", "format_percent", "format_rate", "format_points",
        "format_change", "format_range", "format_date", "to_chinese_numeral", "join_items",
    ):  # fmt: skip
        assert f"## {name}(" in text, name


def test_doc_examples_run() -> None:
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict = {}  # shared, in order: later blocks may use earlier imports
    for number, block in enumerate(BLOCKS, 1):
        test = parser.get_doctest(block, globs, f"numbers.md block {number}", str(DOC), 0)
        runner.run(test, clear_globs=False)
        globs.update(test.globs)  # DocTest copies its globals
    result = runner.summarize(verbose=False)
    if result.failed:
        pytest.fail(f"{result.failed} of {result.attempted} examples in docs/numbers.md failed")
    assert result.attempted >= 40
