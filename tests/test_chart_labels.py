"""Value labels: the labels of one series share one precision ("14.0" next to "13.1")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from matplotlib.axes import Axes

from bulletin.charts import ChartSpec, Series, draw


@pytest.fixture
def labels(monkeypatch):
    """The texts drawn as value labels (annotations) and as text in the axes."""
    drawn: list[str] = []
    annotate, text = Axes.annotate, Axes.text

    def record_annotate(self, s, *args, **kwargs):
        drawn.append(s)
        return annotate(self, s, *args, **kwargs)

    def record_text(self, x, y, s, *args, **kwargs):
        drawn.append(s)
        return text(self, x, y, s, *args, **kwargs)

    monkeypatch.setattr(Axes, "annotate", record_annotate)
    monkeypatch.setattr(Axes, "text", record_text)
    return drawn


TOWNS = ("红岩镇", "元坝镇", "卫子镇")


@pytest.mark.parametrize("kind", ["bar", "barh", "line"])
def test_one_series_one_precision(labels, kind):
    spec = ChartSpec(kind, "各镇出车", TOWNS, [Series("次数", ["14", "13.1", "0"])], unit="万次")
    draw(spec, "svg")
    assert [s for s in labels if s[0].isdigit()] == ["14.0", "13.1", "0"]


def test_percent_labels_share_two_decimals(labels):
    spec = ChartSpec("bar", "接种率", TOWNS, [Series("接种率", ["95.25", "96", "97.5"])], unit="%")
    draw(spec, "svg")
    assert [s for s in labels if "%" in s] == ["95.25%", "96.00%", "97.50%"]


def test_scaled_labels_and_small_values_keep_their_words(labels):
    values = [Decimal(200000), Decimal(125000), Decimal(12)]
    spec = ChartSpec("bar", "诊疗人次", TOWNS, [Series("人次", values)], unit="人次")
    draw(spec, "svg")
    assert [s for s in labels if s[0].isdigit()] == ["20.0万", "12.5万", "12"]


def test_each_series_has_its_own_precision(labels):
    spec = ChartSpec(
        "grouped", "床位", TOWNS[:2],
        [Series("上期", ["14", "13.1"]), Series("本期", ["15", "16"])], unit="张",
    )  # fmt: skip
    draw(spec, "svg")
    assert [s for s in labels if s[0].isdigit()] == ["14.0", "13.1", "15", "16"]
    labels.clear()
    stacked = ChartSpec(
        "stacked", "床位", TOWNS[:2],
        [Series("医院", ["40", "38.5"]), Series("卫生院", ["20", "21"])], unit="张",
    )  # fmt: skip
    draw(stacked, "svg")
    # each segment inside its bar, then the column totals (60, 59.5: one precision too)
    assert [s for s in labels if s[0].isdigit()] == ["40.0", "38.5", "20", "21", "60.0", "59.5"]


def test_same_labels_same_bytes():
    """ "14" typed as 14.0 draws the same chart: precision comes from the series, not the text."""
    one = ChartSpec("bar", "出车", TOWNS[:2], [Series("次数", ["14", "13.1"])], unit="次")
    two = ChartSpec("bar", "出车", TOWNS[:2], [Series("次数", ["14.00", "13.10"])], unit="次")
    assert draw(one, "svg") == draw(two, "svg")
