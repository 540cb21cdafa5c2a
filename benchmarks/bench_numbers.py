"""Throughput of bulletin.format_number against Babel's compact decimal format.

Both format the same values in the same run; the best of several rounds is
kept. Run: ``.venv/bin/python benchmarks/bench_numbers.py``.
Babel is only the yardstick here: its output differs (half-even rounding,
no carry to 亿), see docs/numbers.md.
"""

from __future__ import annotations

import platform
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from babel import Locale
from babel import __version__ as babel_version
from babel.numbers import format_compact_decimal

from bulletin.numbers.quantities import format_number

COUNT = 20_000
ZH_CN = Locale.parse("zh_CN")
ROUNDS = 5


def make_values(count: int, seed: int = 20210712) -> list[int | float | Decimal]:
    """Counts and amounts over the magnitudes bulletins print (1 … 10^13)."""
    rng = random.Random(seed)
    values: list[int | float | Decimal] = []
    for i in range(count):
        magnitude = rng.randint(0, 13)
        base = rng.randint(10**magnitude, 10 ** (magnitude + 1) - 1)
        kind = i % 3
        if kind == 0:
            values.append(base)
        elif kind == 1:
            values.append(base / 100)
        else:
            values.append(Decimal(base).scaleb(-2))
    return values


def best_ms(function, values) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for value in values:
            function(value)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    values = make_values(COUNT)
    cases = {
        "bulletin.format_number(v)": lambda v: format_number(v),
        'bulletin.format_number(v, "人", decimals=1)': lambda v: format_number(v, "人", decimals=1),
        'bulletin.format_number(v, approx="约", significant=2)': (
            lambda v: format_number(v, approx="约", significant=2)
        ),
        'babel format_compact_decimal(v, locale="zh_CN", fraction_digits=2)': (
            lambda v: format_compact_decimal(v, locale="zh_CN", fraction_digits=2)
        ),
        "babel format_compact_decimal(v, locale=Locale(zh_CN), fraction_digits=2)": (
            lambda v: format_compact_decimal(v, locale=ZH_CN, fraction_digits=2)
        ),
    }
    # warm up (locale data loading, caches)
    for function in cases.values():
        for value in values[:200]:
            function(value)
    results = {name: best_ms(function, values) for name, function in cases.items()}
    babel_ms = results[next(name for name in results if name.startswith("babel"))]
    print(
        f"Python {platform.python_version()}, Babel {babel_version}, "
        f"{COUNT} values, best of {ROUNDS} rounds"
    )
    for name, ms in results.items():
        per_call = ms * 1000 / COUNT
        print(f"{name:<74} {ms:8.1f} ms {per_call:7.2f} µs/call  time ÷ Babel {ms / babel_ms:5.3f}")


if __name__ == "__main__":
    main()
