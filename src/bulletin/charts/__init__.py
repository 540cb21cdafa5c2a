"""Charts drawn from the document's figures: spec, automatic choice, drawing, alt text, cache.

Importing this package does not import matplotlib; only drawing does.

>>> from bulletin.charts import ChartSpec, Series, alt_text
>>> spec = ChartSpec("bar", "各乡镇接种剂次", ["元坝镇", "红岩镇"], [Series("剂次", [10234, 8120])],
...                  unit="剂次")
>>> alt_text(spec)
'柱状图：各乡镇接种剂次。元坝镇最多，为10234剂次；红岩镇最少，为8120剂次。'
"""

from __future__ import annotations

from .alt import alt_text, data_table
from .auto import spec_for_figure, spec_for_ref
from .cache import ChartFile, chart_key, render_chart_files
from .draw import draw
from .fonts import face_for_script, packaged_font_path
from .spec import CHART_TYPES, ChartSpec, Series

__all__ = [
    "CHART_TYPES",
    "ChartFile",
    "ChartSpec",
    "Series",
    "alt_text",
    "chart_key",
    "data_table",
    "draw",
    "face_for_script",
    "packaged_font_path",
    "render_chart_files",
    "spec_for_figure",
    "spec_for_ref",
]
