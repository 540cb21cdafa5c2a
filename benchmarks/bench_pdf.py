"""PDF against HTML for the largest example (qinghe), both layouts, same process.

Run: python benchmarks/bench_pdf.py
The charts are drawn once beforehand and passed to every emitter, so the times are
those of the emitters alone: the HTML page, and the PDF (page data, Typst compile,
fonts subset and embedded). The first PDF of a process also loads the fonts.
"""

from __future__ import annotations

import time
from pathlib import Path

from timing import best

import bulletin
from bulletin.emit import EmitContext, emitter_for

ROOT = Path(__file__).resolve().parent.parent
LARGEST = ROOT / "examples" / "qinghe.yaml"


def main() -> None:
    result = bulletin.render(LARGEST, formats="md")
    article = result.article
    html, pdf = emitter_for("html"), emitter_for("pdf")
    start = time.perf_counter()
    pdf.emit(article, EmitContext(assets=result.assets))
    first = (time.perf_counter() - start) * 1000
    print(f"first pdf in this process: {first:.0f} ms")
    for layout in ("news", "gbt9704"):
        context = EmitContext(assets=result.assets, layout=layout)
        t_html = best(lambda context=context: html.emit(article, context))
        t_pdf = best(lambda context=context: pdf.emit(article, context))
        ratio = t_pdf / t_html
        print(f"{layout:<8} html {t_html:7.1f} ms  pdf {t_pdf:7.1f} ms  ratio {ratio:6.1f}")


if __name__ == "__main__":
    main()
