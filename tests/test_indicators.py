"""Statistical bulletin sentences: verb families, numbers from the engine, variation."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import bulletin
from bulletin.load.model import Indicator, Part
from bulletin.numbers.quantities import format_number, format_percent, format_points
from bulletin.resolve.indicators import (
    PERCENT_DECIMALS,
    SentenceWriter,
    indicator_table,
    value_text,
)
from bulletin.resolve.style import Style
from conftest import EXAMPLES, check_golden


def test_qinghe_golden():
    result = bulletin.render(EXAMPLES / "qinghe.yaml")
    check_golden("qinghe.md", result["md"])
    check_golden("qinghe.html", result["html"])


def test_qinghe_has_enough_indicators_and_sections():
    doc = bulletin.load(EXAMPLES / "qinghe.yaml")
    indicators = [i for s in doc.sections for i in s.indicators]
    assert len(doc.sections) >= 4
    assert len(indicators) >= 24
    assert all(i.previous is not None for i in indicators)


def test_section_numbers_and_parts():
    md = bulletin.render(EXAMPLES / "qinghe.yaml", formats="md")["md"]
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert [h.split("、")[0] for h in headings] == ["一", "二", "三", "四", "五"]
    assert "年末全区共有医疗卫生机构312个，比上年增加7个。其中：医院8个，比上年增加1个；" in md
    assert "注：每千人口指标按年末常住人口62.35万人计算。" in md
    assert "数据来源：青禾区卫生健康统计年报" in md
    assert md.rstrip().splitlines()[-1].startswith("4. 本公报数据为快报数")


FAMILIES = {
    "count-amount": ({"增加", "减少"}, None),
    "count-percent": ({"增长", "上升", "下降"}, "%"),
    "percent": ({"提高", "提升", "降低", "下降"}, "个百分点"),
    "permille": ({"提高", "提升", "降低", "下降"}, "个千分点"),
}


def test_every_number_is_the_engines_and_verbs_fit_the_kind():
    doc = bulletin.load(EXAMPLES / "qinghe.yaml")
    md = bulletin.render(doc, formats="md")["md"]
    for section in doc.sections:
        for ind in section.indicators:
            line = next(
                ln for ln in md.splitlines() if ln.startswith(f"{ind.lead or ''}{ind.name}")
            )
            unit = "" if len(ind.unit) >= 2 and ind.name.endswith(ind.unit) else ind.unit
            assert value_text(ind, unit=unit, kind=ind.kind) in line, line
            head = line.split("。")[0]
            if ind.value == ind.previous:
                assert "与上年持平" in head
                continue
            if ind.kind in ("percent", "permille"):
                fam, word = FAMILIES[ind.kind]
                per = 1000 if ind.kind == "permille" else 100
                delta = abs(ind.value - ind.previous) / per  # rates are held in their unit
                assert format_points(delta, per=per, decimals=ind.decimals) in head, head
            elif ind.kind == "per100k":
                continue
            else:
                measures = {"percent": ["percent"], "both": ["amount", "percent"]}.get(
                    ind.change or "amount", ["amount"]
                )
                if "amount" in measures:
                    size = abs(ind.value - ind.previous)
                    assert (
                        format_number(size, ind.unit, scale=ind.scale, decimals=ind.decimals)
                        in head
                    )
                    assert re.search("比上年(增加|减少)", head), head
                if "percent" in measures:
                    ratio = abs(ind.value - ind.previous) / ind.previous
                    assert format_percent(ratio, decimals=PERCENT_DECIMALS) in head, head
                    assert re.search("(增长|上升|下降)", head), head
                continue
            verbs = set(re.findall("提高|提升|降低|下降", head))
            assert verbs and verbs <= fam and word in head, head
            assert "增加" not in head and "增长" not in head


def test_no_two_consecutive_sentences_share_a_rising_verb():
    writer = SentenceWriter()
    rates = [
        Indicator(
            name=f"率{i}",
            value=Decimal(50) + i,
            previous="40",
            kind="percent",
            decimals=1,
        )
        for i in range(4)
    ]
    verbs = [re.search("提高|提升", writer.sentence(r)).group(0) for r in rates]
    assert verbs == ["提高", "提升", "提高", "提升"]


def test_verb_variation_is_deterministic():
    rates = [Indicator(name=f"率{i}", value="60", previous="50", kind="percent") for i in range(5)]
    first = [SentenceWriter().sentence(r) for r in rates]
    writer_a, writer_b = SentenceWriter(), SentenceWriter()
    assert [writer_a.sentence(r) for r in rates] == [writer_b.sentence(r) for r in rates]
    assert len(set(first)) == 5


@pytest.mark.parametrize(
    ("indicator", "sentence"),
    [
        (
            Indicator(name="医疗卫生机构", lead="年末全区共有", value=312, previous=305, unit="个"),
            "年末全区共有医疗卫生机构312个，比上年增加7个。",
        ),
        (
            Indicator(name="总诊疗人次", value="84.2万", previous="80万", change="percent"),
            "总诊疗人次84.2万，比上年增长5.3%。",
        ),
        (
            Indicator(name="病床使用率", value="74.3%", previous="71.6%", kind="percent"),
            "病床使用率74.3%，比上年提高2.7个百分点。",
        ),
        (
            Indicator(name="出生率", value="7.52‰", previous="8.27‰", kind="permille"),
            "出生率7.52‰，比上年下降0.75个千分点。".replace("下降", "降低"),
        ),
        (
            Indicator(name="孕产妇死亡率", value="16.9/10万", previous="18.3/10万", kind="per100k"),
            "孕产妇死亡率16.9/10万，比上年降低1.4/10万。",
        ),
        (
            Indicator(
                name="每千人口执业（助理）医师",
                value=2.9,
                previous=2.9,
                unit="人",
                kind="ratio",
                decimals=2,
            ),
            "每千人口执业（助理）医师2.90人，与上年持平。",
        ),
        (
            Indicator(name="床位", value=1000, previous=950, unit="张", change="both"),
            "床位1000张，比上年增加50张，增长5.3%。",
        ),
        (Indicator(name="床位", value=900, previous=950, unit="张", change="none"), "床位900张。"),
        (
            Indicator(
                name="机构",
                value=10,
                unit="个",
                share=True,
                parts=[Part(name="医院", value=3), Part(name="卫生院", value=7)],
            ),
            "机构10个。其中：医院3个，占30.0%；卫生院7个，占70.0%。",
        ),
    ],
)
def test_sentences(indicator, sentence):
    assert SentenceWriter().sentence(indicator) == sentence


def test_traditional_sentences():
    writer = SentenceWriter(script="hant")
    text = writer.sentence(
        Indicator(name="病床使用率", value="74.3%", previous="71.6%", kind="percent")
    )
    assert text == "病床使用率74.3%，比上年提高2.7個百分點。"


def test_table_for_other_baselines():
    table = indicator_table(
        [Indicator(name="诊疗人次", value=120, previous=100, unit="人次")], Style(baseline="同比")
    )
    assert table.splitlines()[0] == "| 指标 | 本期 | 上期 | 同比增减 |"
    assert "| 诊疗人次 | 120人次 | 100人次 | 增加20人次 |" in table


@pytest.mark.parametrize(
    ("typed", "bare", "kind", "text"),
    [
        ("71.6%", "71.6", "percent", "71.6%，比上年降低2.7个百分点"),
        ("5.4‰", "5.4", "permille", "5.4‰，比上年降低2.7个千分点"),
        ("16.9/10万", "16.9", "per100k", "16.9/10万，比上年降低2.7/10万"),
    ],
)
def test_a_rate_typed_with_its_sign_or_bare_is_the_same(typed, bare, kind, text):
    previous = str(Decimal(bare) + Decimal("2.7"))
    signed = Indicator(name="率", value=typed, previous=previous + typed[len(bare) :], kind=kind)
    plain = Indicator(name="率", value=bare, previous=previous, kind=kind)
    assert signed.value == plain.value == Decimal(bare)
    assert SentenceWriter().sentence(signed) == SentenceWriter().sentence(plain) == f"率{text}。"
