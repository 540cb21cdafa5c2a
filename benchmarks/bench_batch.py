"""A city's district bulletins in one run, against a bare baseline of the same work.

Run: python benchmarks/bench_batch.py [--districts 200] [--jobs 1 2]

One spreadsheet (written with xlsxwriter into a temporary folder, the fictional
城市 example's columns, ``examples/city/make_city.py``) gives ``--districts``
distinct district bulletins from ``examples/city/模板.yaml``: four charts each
(机构、床位、卫生技术人员构成 and 签约进度), written as HTML pages with the charts
inside as SVG (``-f html``), so 200 districts are 800 charts.

For each number of processes, each in a fresh Python process:

* ``bulletin``: ``bulletin.render_many(..., jobs=N)`` into an empty folder (cold),
  then again into the same folder with nothing changed (re-run);
* ``baseline``: what a careful user would write by hand for the same output:
  python-calamine reads the sheet, matplotlib's Figure API draws the same 800
  charts as SVG (same size and font, and the kinds bulletin chooses: 机构 a donut,
  床位 and 卫生技术人员 horizontal bars, 签约 a progress bar; numbers preformatted), a plain
  Jinja template and markdown-it write the same text as an HTML page; the rows
  are split over N worker processes.

Printed: documents per second, bulletin ÷ baseline time, the re-run as a share
of the cold run, each worker's resident memory (first quarter, half, end and peak
of its run) and the projected time for ~2,800 county-level districts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "examples" / "city"
COUNTIES = 2800


def write_sheet(folder: Path, districts: int) -> Path:
    """The spreadsheet of ``districts`` rows (and a 合计 row), as the city example's."""
    sys.path.insert(0, str(CITY))
    import make_city

    path = folder / "各区县.xlsx"
    make_city.write_xlsx(path, make_city.rows(districts))
    return path


# ---------------------------------------------------------------- memory watch


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(p) for p in handle.read().split()]
        except OSError:
            pass
    return found


class MemoryWatch(threading.Thread):
    """Samples the resident memory of this process and its workers every 0.1 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: dict[int, list[int]] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.1):
            kids = _children(me)
            for pid in kids or [me]:
                rss = _rss_kb(pid)
                if rss:
                    self.samples.setdefault(pid, []).append(rss)

    def report(self) -> list[dict[str, float]]:
        """Per worker: MB at a quarter, half and the end of its samples, and the peak."""
        rows = []
        for samples in self.samples.values():
            if len(samples) < 4:
                continue
            n = len(samples)
            rows.append({
                "quarter": samples[n // 4] / 1024, "half": samples[n // 2] / 1024,
                "end": samples[-1] / 1024, "peak": max(samples) / 1024,
            })  # fmt: skip
        return rows


# ---------------------------------------------------------------- bulletin


def run_bulletin(sheet: Path, out: Path, jobs: int) -> dict[str, object]:
    import bulletin

    def once() -> float:
        start = time.perf_counter()
        results = bulletin.render_many(
            [CITY / "模板.yaml"], out, formats="html", jobs=jobs, data=sheet, each="区县"
        )
        took = time.perf_counter() - start
        failed = [r.errors for r in results if not r.ok]
        assert not failed, failed[:2]
        return took

    watch = MemoryWatch()
    watch.start()
    cold = once()
    watch.stop.set()
    watch.join()
    again = once()
    return {"cold": cold, "again": again, "memory": watch.report()}


# ---------------------------------------------------------------- baseline

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><article>{{ body }}</article></body></html>
"""

TEXT = """# {{ name }}2024年卫生健康事业发展统计公报

2024年，{{ name }}卫生健康事业稳步发展。年末常住人口{{ people }}万人，医疗卫生机构床位{{ beds }}张。

## 一、医疗卫生资源

年末全区共有医疗卫生机构{{ institutions }}个，比上年增加{{ institutions_change }}个。
其中医院{{ hospitals }}个，基层医疗卫生机构{{ basic }}个，专业公共卫生机构{{ public }}个。

{{ charts[0] }}

年末医疗卫生机构床位{{ beds }}张，其中医院{{ hospital_beds }}张，
基层医疗卫生机构{{ basic_beds }}张。

{{ charts[1] }}

年末卫生技术人员{{ staff }}人，其中执业（助理）医师{{ doctors }}人，注册护士{{ nurses }}人。

{{ charts[2] }}

## 二、医疗服务

全年总诊疗人次{{ visits }}万人次。医院病床使用率{{ bed_use }}%，出院者平均住院日{{ stay }}日。

## 三、基层卫生

家庭医生签约服务覆盖{{ signing }}人，完成年度目标的{{ done }}%。

{{ charts[3] }}
"""


def _baseline_worker(rows: list[list[object]], out: str) -> dict[str, float]:
    """Draw four charts and write one HTML page per row (the bare way)."""
    import io

    import jinja2
    import markdown_it
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from bulletin.charts.fonts import packaged_font_path

    font = FontProperties(fname=str(packaged_font_path()))
    env = jinja2.Environment(autoescape=False)
    text, page = env.from_string(TEXT), env.from_string(PAGE)
    md = markdown_it.MarkdownIt("commonmark", {"html": True})

    def svg(draw) -> str:  # type: ignore[no-untyped-def]
        fig = Figure(figsize=(5.0, 3.4))  # bulletin.charts.style.WIDTH
        ax = fig.add_axes((0.1, 0.12, 0.8, 0.72))
        draw(ax)
        ax.set_title("图表", fontproperties=font)
        fig.text(0.02, 0.02, "资料来源：云澜市卫生健康统计年报", fontproperties=font, fontsize=8)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg")
        return buf.getvalue().decode("utf-8")

    def donut(values: list[float], labels: list[str]):  # type: ignore[no-untyped-def]
        def draw(ax) -> None:  # type: ignore[no-untyped-def]
            ax.pie(values, labels=labels, wedgeprops={"width": 0.4},
                   textprops={"fontproperties": font})  # fmt: skip
            ax.text(0, 0, f"{sum(values):,}", ha="center", fontproperties=font)

        return draw

    def bars(values: list[float], labels: list[str]):  # type: ignore[no-untyped-def]
        def draw(ax) -> None:  # type: ignore[no-untyped-def]
            ys = list(range(len(values)))
            bars = ax.barh(ys, values, height=0.62, color="#b8232f")
            ax.bar_label(bars, labels=[f"{v:,}" for v in values], fontproperties=font)
            ax.set_yticks(ys, labels, fontproperties=font)
            ax.set_xticks([])

        return draw

    def progress(done: float, target: float):  # type: ignore[no-untyped-def]
        def draw(ax) -> None:  # type: ignore[no-untyped-def]
            ax.barh([0], [target], color="#ddd")
            bars = ax.barh([0], [done], color="#c00")
            ax.bar_label(bars, labels=[f"{done / target:.1%}"], fontproperties=font)
            ax.set_yticks([0], ["签约人数"], fontproperties=font)

        return draw

    started = time.perf_counter()
    for row in rows:
        (name, people, inst, inst_prev, hosp, basic, public, beds, _beds_prev, hbeds, bbeds,
         staff, _staff_prev, doctors, nurses, visits, _vprev, _admit, use, _use_prev, stay,
         signing, target) = row  # fmt: skip
        charts = [
            svg(donut([hosp, basic, public], ["医院", "基层医疗卫生机构", "专业公共卫生机构"])),
            svg(bars([hbeds, bbeds], ["医院", "基层医疗卫生机构"])),
            svg(bars([doctors, nurses], ["执业（助理）医师", "注册护士"])),
            svg(progress(float(signing), float(target))),  # type: ignore[arg-type]
        ]
        body = md.render(text.render(
            name=name, people=people, beds=beds, institutions=inst,
            institutions_change=int(inst) - int(inst_prev), hospitals=hosp, basic=basic,  # type: ignore[call-overload]
            public=public, hospital_beds=hbeds, basic_beds=bbeds, staff=staff,
            doctors=doctors, nurses=nurses, visits=visits, bed_use=round(float(use) * 100, 1),  # type: ignore[arg-type]
            stay=stay, signing=signing, done=round(float(signing) / float(target) * 100, 1),  # type: ignore[arg-type]
            charts=[f'<figure>{c.split("?>", 1)[-1]}</figure>' for c in charts],
        ))  # fmt: skip
        html = page.render(title=f"{name}2024年卫生健康事业发展统计公报", body=body)
        Path(out, f"{name}.html").write_text(html, encoding="utf-8")
    return {"seconds": time.perf_counter() - started}


def run_baseline(sheet: Path, out: Path, jobs: int) -> dict[str, object]:
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    table = CalamineWorkbook.from_path(str(sheet)).get_sheet_by_name("表1").to_python()
    rows = [r for r in table[2:] if r and r[0] and str(r[0]).endswith(("区", "县"))]
    out.mkdir(parents=True, exist_ok=True)
    watch = MemoryWatch()
    watch.start()
    if jobs == 1:
        _baseline_worker(rows, str(out))
    else:
        parts = [rows[i::jobs] for i in range(jobs)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(_baseline_worker, parts, [str(out)] * jobs))
    watch.stop.set()
    watch.join()
    return {"cold": time.perf_counter() - start, "documents": len(rows), "memory": watch.report()}


# ---------------------------------------------------------------- driver


def child(args: argparse.Namespace) -> None:
    sheet, out = Path(args.sheet), Path(args.out)
    runner = run_bulletin if args.child == "bulletin" else run_baseline
    result = runner(sheet, out, args.jobs[0])
    print(json.dumps(result))


def measure(kind: str, sheet: Path, folder: Path, jobs: int) -> dict[str, object]:
    out = folder / f"{kind}-{jobs}"
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--sheet", str(sheet), "--out", str(out),
         "--jobs", str(jobs)],
        capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode:
        raise SystemExit(proc.stderr)
    result: dict[str, object] = json.loads(proc.stdout.splitlines()[-1])
    return result


def _memory(rows: list[dict[str, float]]) -> str:
    return "; ".join(
        f"{r['quarter']:.0f}/{r['half']:.0f}/{r['end']:.0f} (峰值 {r['peak']:.0f}) MB" for r in rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--child", choices=("bulletin", "baseline"))
    parser.add_argument("--sheet")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = write_sheet(folder, args.districts)
        n = args.districts
        cores = os.cpu_count()
        print(f"{n} districts × 4 charts, HTML pages with inline SVG charts, {cores} cores")
        for jobs in args.jobs:
            ours = measure("bulletin", sheet, folder, jobs)
            bare = measure("baseline", sheet, folder, jobs)
            cold, again = float(ours["cold"]), float(ours["again"])  # type: ignore[arg-type]
            base = float(bare["cold"])  # type: ignore[arg-type]
            print(f"\n--jobs {jobs}")
            print(f"  bulletin cold   {cold:7.1f} s  {n / cold:5.2f} documents/s")
            print(f"  baseline        {base:7.1f} s  {n / base:5.2f} documents/s")
            print(f"  bulletin ÷ baseline  {cold / base:.2f}")
            print(f"  re-run, nothing changed  {again:.1f} s = {again / cold:.1%} of the cold run")
            print(f"  bulletin workers' memory (¼/½/end): {_memory(ours['memory'])}")  # type: ignore[arg-type]
            print(f"  baseline workers' memory (¼/½/end): {_memory(bare['memory'])}")  # type: ignore[arg-type]
            hours = COUNTIES * cold / n / 60
            print(f"  {COUNTIES} county-level districts: about {hours:.0f} min")


if __name__ == "__main__":
    main()
