"""Chart benchmark: bulletin against a bare matplotlib script, in the same run.

    .venv/bin/python benchmarks/bench_charts.py [--repeat 7] [--quick]

What it measures (printed as Markdown tables for docs/performance.md):

1. Per chart and format, the fastest of ``--repeat`` runs (machines are shared)
   of ``bulletin.charts.draw`` and of a bare matplotlib script (pyplot, closed
   figures, same size, resolution, font, texts and format, numbers
   pre-formatted) drawing the same chart; the ratio.
2. ``render_chart_files`` of all charts into an empty folder (cold) and again
   into the same folder (cached), and the ratio.
3. ``python -X importtime -c "import bulletin"``: the cumulative import time of
   ``bulletin`` and whether matplotlib was imported.
4. Peak memory (max RSS) of one process drawing 100 charts (SVG+PNG), with
   the RSS after 10 charts, to show there is no growth from unclosed figures.

The charts are the automatic charts of every examples/*.yaml plus one sample
per chart type, so all eight types are timed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bulletin.charts import ChartSpec, draw, render_chart_files  # noqa: E402
from bulletin.charts.auto import spec_for_figure, spec_for_ref  # noqa: E402
from bulletin.charts.draw import text_width  # noqa: E402
from bulletin.charts.fonts import font_family  # noqa: E402
from bulletin.charts.samples import SAMPLE_SPECS  # noqa: E402
from bulletin.charts.spec import chart_scale, format_chart_number, unit_note  # noqa: E402
from bulletin.charts.style import DPI, PALETTE, SIZES, WIDTH, series_colors  # noqa: E402


def sample_specs() -> list[ChartSpec]:
    """One chart per type (the same samples the tests draw)."""
    return list(SAMPLE_SPECS)


def example_specs() -> list[ChartSpec]:
    """The charts of every examples/*.yaml: automatic ones and those sections name."""
    import bulletin
    from bulletin.load.model import ChartRef

    specs = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = bulletin.load(path)
        doc = getattr(doc, "document", doc)
        figures = dict(doc.figures)
        for section in doc.sections:
            ref = section.chart
            if isinstance(ref, str):
                ref = ChartRef(figure=ref)
            if isinstance(ref, ChartRef):
                specs.append(spec_for_ref(ref, figures))
        named = {s.name for s in specs}
        for name, fig in figures.items():
            if name not in named and (spec := spec_for_figure(name, fig)) is not None:
                specs.append(spec)
    return specs


# --------------------------------------------------------------------------- the bare script


def _bare_lines(ax: Any, spec: ChartSpec, fmtn: Callable[[Any], str]) -> None:
    """The line chart of the bare script: every point labelled, a light grid."""
    cats = list(spec.categories)
    for s, c in zip(spec.series, series_colors(len(spec.series)), strict=True):
        ys = [float(v) if v is not None else float("nan") for v in s.values]
        ax.plot(cats, ys, color=c, marker="o", linewidth=2.2)
        for x, v in enumerate(s.values):
            if v is not None:
                ax.annotate(
                    fmtn(v),
                    (x, float(v)),
                    xytext=(0, 6),
                    ha="center",
                    textcoords="offset points",
                    fontsize=SIZES["small_value"],
                )
    ax.yaxis.set_major_formatter(lambda t, _: fmtn(Decimal(repr(float(t)))))
    ax.grid(axis="y", color=PALETTE["grid"])


def bare_draw(spec: ChartSpec, fmt: str, family: str) -> bytes:
    """What a careful user would write with pyplot: same size, font, texts and format."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = [family]
    plt.rcParams["axes.unicode_minus"] = False
    scale = chart_scale(spec.all_values() + [t for t in spec.targets if t], spec.unit)
    fmtn = lambda v: "" if v is None else format_chart_number(v, "", scale=scale)  # noqa: E731
    height = {
        "barh": 1.3 + 0.42 * len(spec.categories),
        "pie": 3.6,
        "donut": 3.6,
        "progress": 0.8 + 0.95 * len(spec.categories),
    }.get(spec.type, 3.4)
    fig, ax = plt.subplots(figsize=(WIDTH, height), dpi=DPI)
    fig.subplots_adjust(
        left=0.2 if spec.type == "barh" else 0.08, right=0.95, top=0.78, bottom=0.16
    )
    fig.text(0.03, 0.97, spec.title, fontsize=SIZES["title"], va="top")
    fig.text(0.03, 0.86, unit_note(spec.unit, scale), fontsize=SIZES["note"], color="grey")
    if spec.source:
        fig.text(0.03, 0.02, "数据来源：" + spec.source, fontsize=SIZES["note"], color="grey")
    cats = list(spec.categories)
    vals = [float(v or 0) for v in spec.values]
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if spec.type == "bar":
        bars = ax.bar(cats, vals, color=PALETTE["red"], width=0.58)
        ax.bar_label(bars, [fmtn(v) for v in spec.values], fontsize=SIZES["value"])
        ax.set_yticks([])
    elif spec.type == "barh":
        bars = ax.barh(cats, vals, color=[PALETTE["red"]] + [PALETTE["bar"]] * (len(cats) - 1))
        ax.bar_label(bars, [fmtn(v) for v in spec.values], fontsize=SIZES["value"], padding=3)
        ax.invert_yaxis()
        ax.set_xticks([])
    elif spec.type == "line":
        _bare_lines(ax, spec, fmtn)
    elif spec.type in ("pie", "donut"):
        total = sum(vals)
        ax.pie(
            vals,
            labels=[f"{c}\n{v / total:.1%}" for c, v in zip(cats, vals, strict=True)],
            colors=series_colors(len(vals)),
            startangle=90,
            counterclock=False,
            wedgeprops={"width": 0.42} if spec.type == "donut" else None,
        )
        if spec.type == "donut":
            ax.text(0, 0, f"合计\n{fmtn(spec.total)}{spec.unit}", ha="center", va="center")
    elif spec.type in ("grouped", "stacked"):
        k = len(spec.series)
        bottom = [0.0] * len(cats)
        for j, (s, c) in enumerate(zip(spec.series, series_colors(k), strict=True)):
            ys = [float(v or 0) for v in s.values]
            if spec.type == "grouped":
                xs = [i - 0.36 + 0.72 / k * (j + 0.5) for i in range(len(cats))]
                bars = ax.bar(xs, ys, width=0.72 / k * 0.9, color=c, label=s.name)
            else:
                bars = ax.bar(
                    range(len(cats)), ys, bottom=bottom, width=0.56, color=c, label=s.name
                )
                bottom = [b + y for b, y in zip(bottom, ys, strict=True)]
            ax.bar_label(
                bars,
                [fmtn(v) for v in s.values],
                fontsize=SIZES["small_value"],
                label_type="edge" if spec.type == "grouped" else "center",
            )
        ax.set_xticks(range(len(cats)), cats)
        ax.set_yticks([])
        ax.legend(frameon=False, loc="lower right", bbox_to_anchor=(1, 1), ncols=k)
    elif spec.type == "progress":
        for i, (c, v, t) in enumerate(zip(cats, spec.values, spec.targets, strict=True)):
            ax.barh([i], [1], color=PALETTE["grid"], height=0.2)
            ax.barh([i], [float(v / t)], color=PALETTE["red"], height=0.2)
            ax.text(0, i - 0.25, c, fontsize=SIZES["label"])
            ax.text(
                1,
                i - 0.25,
                f"{float(v / t):.1%}",
                fontsize=SIZES["progress_value"],
                ha="right",
                color=PALETTE["red"],
            )
            ax.text(0, i + 0.35, f"完成{v}{spec.unit}，目标{t}{spec.unit}", fontsize=SIZES["note"])
        ax.invert_yaxis()
        ax.set_axis_off()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI)
    plt.close(fig)
    return buf.getvalue()


# --------------------------------------------------------------------------- measurements


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def per_chart(specs: list[ChartSpec], repeat: int) -> None:
    family = font_family("hans")
    for fmt in ("svg", "png"):  # warm up: font loading, caches, first-use imports
        draw(specs[0], fmt)
        bare_draw(specs[0], fmt, family)
    print("| 图表 | 类型 | 格式 | bulletin (ms) | 裸 matplotlib (ms) | 比值 |")
    print("|---|---|---|---:|---:|---:|")
    total = {"svg": [0.0, 0.0], "png": [0.0, 0.0]}
    for spec in specs:
        for fmt in ("svg", "png"):
            a = timed(lambda s=spec, f=fmt: draw(s, f), repeat)
            b = timed(lambda s=spec, f=fmt: bare_draw(s, f, family), repeat)
            total[fmt][0] += a
            total[fmt][1] += b
            print(f"| {spec.name} | {spec.type} | {fmt} | {a:.1f} | {b:.1f} | {a / b:.2f} |")
    for fmt, (a, b) in total.items():
        print(f"| **合计** | | {fmt} | {a:.1f} | {b:.1f} | **{a / b:.2f}** |")
    print()


def cache_ratio(specs: list[ChartSpec]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        render_chart_files(specs, tmp)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        again = render_chart_files(specs, tmp)
        warm = time.perf_counter() - t
        assert all(not f.drawn for f in again)
    print(
        f"render_chart_files，{len(specs)} 张图 × SVG+PNG：首次 {cold * 1000:.1f} ms，"
        f"再次（全部命中缓存）{warm * 1000:.2f} ms，比值 {warm / cold:.4f}"
    )
    print()


def _import_ms(env: dict[str, str]) -> tuple[float, bool]:
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import bulletin"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stderr
    line = [x for x in err.splitlines() if re.search(r"\|\s*bulletin$", x)][-1]
    mpl = any(re.search(r"\|\s*matplotlib$", x) for x in err.splitlines())
    return int(line.split("|")[1]) / 1000, mpl


def import_time() -> None:
    """Import time with bytecode cached (as after pip install) and without (compiling)."""
    base = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as prefix:
        cached = dict(base, PYTHONPYCACHEPREFIX=prefix)  # keeps .pyc files out of the tree
        _import_ms(cached)  # writes the bytecode
        warm = min(_import_ms(cached)[0] for _ in range(3))
    cold, mpl = min(_import_ms(dict(base, PYTHONDONTWRITEBYTECODE="1")) for _ in range(3))
    print(
        f'`python -X importtime -c "import bulletin"`：bulletin 累计 {warm:.1f} ms'
        f"（字节码已缓存，3 次中最快），{cold:.1f} ms（不写字节码、每次编译）；"
        f"导入了 matplotlib：{'是' if mpl else '否'}"
    )
    print()


MEMORY_SCRIPT = r"""
import resource, sys
sys.path.insert(0, {bench!r})
from bench_charts import sample_specs
from bulletin.charts import draw
specs = sample_specs()
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
marks = {{}}
for i in range(100):
    s = specs[i % len(specs)].replace(title=specs[i % len(specs)].title + str(i))
    draw(s, "svg"); draw(s, "png")
    if i + 1 in (1, 10, 50, 100):
        marks[i + 1] = rss()
print(" ".join(f"{{k}}:{{v:.1f}}" for k, v in marks.items()))
"""


def memory() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    code = MEMORY_SCRIPT.format(bench=str(Path(__file__).parent))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    marks = dict(x.split(":") for x in out)
    print(
        "一个进程画 100 张图（每张 SVG+PNG）的最大常驻内存（max RSS）："
        + "，".join(f"第 {k} 张后 {float(v):.0f} MB" for k, v in marks.items())
    )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="one repeat, skip memory")
    args = parser.parse_args()
    specs = sample_specs()
    try:
        extra = example_specs()
    except Exception as exc:  # the examples may not carry charts yet
        print(f"（examples 未能读取图表：{exc}）")
        extra = []
    names = {s.name for s in specs}
    specs += [s for s in extra if s.name not in names]
    import matplotlib

    print(
        f"Python {sys.version.split()[0]}，matplotlib {matplotlib.__version__}，"
        f"{len(specs)} 张图（其中 examples {len(extra)} 张），每项取 {args.repeat} 次中最快的一次"
    )
    print()
    per_chart(specs, 1 if args.quick else args.repeat)
    cache_ratio(specs)
    import_time()
    if not args.quick:
        memory()
    _ = text_width  # imported to keep the layout helpers warm in both runs


if __name__ == "__main__":
    main()
