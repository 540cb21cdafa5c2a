"""Statistical bulletin sentences: verb families, numbers from the engine, variation."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import bulletin
from bulletin.errors import BulletinError
from bulletin.load.model import Indicator, Part
from bulletin.load.peers import Peers
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


# ------------------------------------------------------- among the districts of a run


def _peers(own: int | None, values=(2345, 3000, 2000, 100), area: str = "全市") -> Peers:
    return Peers(
        area=area, names=("甲区", "乙区", "丙区", "丁区"),
        values=tuple(Decimal(v) for v in values), own=own,
    )  # fmt: skip


BEDS = {"name": "医疗卫生机构床位", "lead": "全区", "value": 2345, "previous": 2289, "unit": "张"}
HEAD = "全区医疗卫生机构床位2345张，比上年增加56张"
HOSPITALS = [Part(name="医院", value=2000), Part(name="基层医疗卫生机构", value=345)]
PARTS = "医院2000张，基层医疗卫生机构345张。"
TIED = (2345, 3000, 2345, 100)


@pytest.mark.parametrize(
    ("options", "peers", "sentence"),
    [
        ({"rank_in_city": True}, _peers(0), f"{HEAD}，居全市第2位。"),
        ({"rank_in_city": "descending"}, _peers(0), f"{HEAD}，居全市第2位。"),
        # ties share a place and the next one is skipped (1, 2, 2, 4)
        ({"rank_in_city": True}, _peers(0, TIED), f"{HEAD}，居全市并列第2位。"),
        ({"rank_in_city": True}, _peers(3, TIED), f"{HEAD}，居全市第4位。"),
        # smallest first, for indicators where less is better
        ({"rank_in_city": "ascending"}, _peers(0), f"{HEAD}，居全市第3位。"),
        ({"rank_in_city": "ascending"}, _peers(2, TIED), f"{HEAD}，居全市并列第2位。"),
        ({"rank_in_city": True}, _peers(0, area="全省"), f"{HEAD}，居全省第2位。"),
        ({"share_of_city": True}, _peers(0), f"{HEAD}，占全市的31.5%。"),
        (
            {"share_of_city": True, "rank_in_city": True},
            _peers(0),
            f"{HEAD}，占全市的31.5%，居全市第2位。",
        ),
        (
            {"rank_in_city": True, "previous": None},
            _peers(0),
            "全区医疗卫生机构床位2345张，居全市第2位。",
        ),
        (
            {"rank_in_city": True, "change": "both", "brackets": True},
            _peers(0),
            f"{HEAD}（增长2.4%），居全市第2位。",
        ),
        # the comparison belongs to the total: before the parts
        (
            {"rank_in_city": True, "parts": HOSPITALS},
            _peers(0),
            f"{HEAD}，居全市第2位。其中：{PARTS}",
        ),
        (
            {"rank_in_city": True, "parts": HOSPITALS, "breakdown": "clause"},
            _peers(0),
            f"{HEAD}，居全市第2位，其中：{PARTS}",
        ),
        # the city summary has no place of its own: the clause is left out
        ({"rank_in_city": True, "share_of_city": True}, _peers(None), f"{HEAD}。"),
    ],
)
def test_rank_and_share_of_the_city(options, peers, sentence):
    indicator = Indicator(**{**BEDS, **options})
    assert SentenceWriter().sentence(indicator, peers=peers) == sentence


def test_a_rate_ranks_but_has_no_share_of_the_city():
    rate = Indicator(name="医院病床使用率", value="78.3%", previous="78.5%", rank_in_city=True)
    peers = _peers(0, (Decimal("78.3"), Decimal("85.0"), Decimal("71.2"), Decimal("90.1")))
    assert SentenceWriter().sentence(rate, peers=peers) == (
        "医院病床使用率78.3%，比上年降低0.2个百分点，居全市第3位。"
    )
    with pytest.raises(BulletinError) as caught:
        SentenceWriter().sentence(rate.model_copy(update={"share_of_city": True}), peers=peers)
    assert caught.value.path == ("share_of_city",)
    assert str(caught.value) == (
        "指标 “医院病床使用率” 是率或比值，或全市合计为0，不能求占全市的比重。share_of_city "
        "只用于能相加的数量（kind: count）；请删去这一项，或改写 rank_in_city"
    )


@pytest.mark.parametrize("key", ["rank_in_city", "share_of_city"])
def test_a_comparison_without_peers_is_an_error_at_the_option(key):
    with pytest.raises(BulletinError) as caught:
        SentenceWriter().sentence(Indicator(**{**BEDS, key: True}))
    assert caught.value.path == (key,)
    assert caught.value.message == (
        f"指标 “医疗卫生机构床位” 的值不是从各区县的表格中读出的，没有全市的比较，不能写 {key}"
    )


def test_a_comparison_in_a_plain_data_file_points_at_the_option():
    text = (
        "meta: {title: 青禾区公报, genre: statistical}\n"
        "sections:\n"
        "  - indicators:\n"
        "      - {name: 床位, value: 2345, unit: 张,\n"
        "         rank_in_city: ascending}\n"
    )
    with pytest.raises(BulletinError) as caught:
        bulletin.render(bulletin.loads(text), formats="md")
    assert (caught.value.line, caught.value.col) == (5, 24)
    assert caught.value.message.startswith("指标 “床位” 的值不是从各区县的表格中读出的")
    problems = bulletin.find_problems(bulletin.loads(text))
    assert [(p.line, p.col, p.message) for p in problems] == [(5, 24, caught.value.message)]
