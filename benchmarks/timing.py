"""Timing helpers shared by the benchmarks (time.perf_counter, fastest of several runs)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(func: Callable[[], object], repeat: int = 5) -> float:
    """Fastest of ``repeat`` runs of ``func()``, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)
