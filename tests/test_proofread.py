"""bulletin check: the proofreader against its corpus, on bulletin's own output, and its command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import bulletin
from bulletin.messages import CATALOGUE, language
from bulletin.proofread import RULE_IDS, check_source, fix, proofread, read_bytes, read_path
from conftest import EXAMPLES, ROOT, run_cli

CORPUS = Path(__file__).resolve().parent / "proofread"
WRONG = yaml.safe_load((CORPUS / "wrong.yaml").read_text(encoding="utf-8"))
RIGHT = yaml.safe_load((CORPUS / "right.yaml").read_text(encoding="utf-8"))
DOCS = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")


def _rules(case: dict) -> list[str]:
    return [f.rule for f in proofread(case["text"], profile=case.get("profile", "news"))]


def test_the_corpus_is_large_and_covers_every_rule():
    assert len(WRONG) >= 60 and len(RIGHT) >= 60
    assert {case["rule"] for case in WRONG} == set(RULE_IDS)
    assert len({case["text"] for case in WRONG}) == len(WRONG)
    styles = {case["style"].split("-")[0] for case in RIGHT}
    assert styles == {"feature", "news", "interview", "bulletin"}
    assert any(case["style"].endswith("hant") for case in RIGHT)


def test_precision_on_correct_sentences_is_total():
    false_alarms = [(case["text"], _rules(case)) for case in RIGHT if _rules(case)]
    assert false_alarms == []


def test_recall_on_wrong_sentences():
    found = [case for case in WRONG if case["rule"] in _rules(case)]
    missed = [case["text"] for case in WRONG if case not in found]
    assert len(found) / len(WRONG) >= 0.95, missed


@pytest.mark.parametrize("case", [c for c in WRONG if "fix" in c], ids=lambda c: c["rule"])
def test_fix_writes_the_expected_sentence_and_rechecks_clean(case):
    profile = case.get("profile", "news")
    fixed = fix(case["text"], profile=profile)
    assert fixed == case["fix"]
    assert case["rule"] not in [f.rule for f in proofread(fixed, profile=profile)]


def test_a_finding_points_at_its_line_and_column():
    text = "第一段没有问题。\n\n截至 2021 年底，投入3亿4500万元，增长-3.2%。\n"
    found = [(f.line, f.col, f.rule, f.found, f.suggestion) for f in proofread(text)]
    assert found == [
        (3, 3, "space", " ", "截至20"),
        (3, 8, "space", " ", "21年底"),
        (3, 14, "mixed-scale", "3亿4500万", "3.45亿"),
        (3, 23, "negative-change", "增长-3.2", "下降3.2%"),
    ]


def test_arithmetic_findings_show_the_computation():
    (growth,) = proofread("床位4128张，比上年增加142张，增长4.6%。")
    assert growth.message == "增长率与文中的数值不符：142÷(4128−142)=3.562%，文中写“增长4.6%”"
    assert growth.suggestion == "增长3.6%" and not growth.fixable
    (parts,) = proofread("共有机构312个，其中医院8个，卫生院310个。")
    assert parts.message == "其中各项之和大于总数：8+310=318个，总数 312个"


def test_rounded_figures_are_given_their_tolerance():
    assert proofread("医院占77.9%，基层占20.3%，专业公共卫生机构占1.9%。") == []
    assert proofread("由297.1万人次增加到312.6万人次，增长5.2%。") == []
    assert proofread("由297.1万人次增加到312.6万人次，增长5.4%。")[0].rule == "growth-mismatch"


def test_profiles_switch_the_house_rules():
    text = "门诊病人次均医药费用72,447元。"
    assert [f.rule for f in proofread(text, profile="news")] == ["grouping"]
    assert proofread(text, profile="gbt") == proofread(text, profile="hant-tw") == []
    row = "| 每千人口注册护士 | 3.84人 | 3.6人 | 增加0.24人 |"
    assert proofread(row) == []
    assert [f.rule for f in proofread(row, profile="bulletin")] == ["table-decimals"]
    with pytest.raises(bulletin.BulletinError, match="未知的校对规范 “tw”"):
        proofread(text, profile="tw")


def test_every_rule_has_messages_and_a_documented_example():
    for rule in RULE_IDS:
        zh, en = CATALOGUE[f"check.{rule}"]
        assert zh and en and zh != en
        assert f"`{rule}`" in DOCS, rule
    with language("en"):
        (finding,) = proofread("增长-3.2%")
    assert finding.message == "A verb of growth is followed by a negative number"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bulletins_own_output_is_clean(example):
    md = bulletin.render(bulletin.load(example), formats=("md",))["md"]
    for profile in ("news", "bulletin", "gbt"):
        assert [str(f) for f in proofread(md, profile=profile, kind="markdown")] == []


def test_markdown_code_and_link_targets_are_not_checked():
    text = "见`1,234`与[报告](https://a.cn/2020-2024/1,234)。\n\n```\n增长-3%\n```\n\n共1,234人\n"
    assert [(f.line, f.col, f.rule) for f in proofread(text, kind="markdown")] == [
        (7, 2, "grouping")
    ]


def test_html_text_is_checked_with_source_positions():
    html = (
        "<html><head><style>p{margin:0}</style><script>var a='增长-3%';</script></head>\n"
        "<body><p>床位<b>4128张</b>，比上年增长-3.2%。</p>\n"
        "<table><tr><td>2020</td><td>2024</td></tr></table></body></html>"
    )
    found = proofread(html, kind="html")
    assert [(f.line, f.col, f.rule) for f in found] == [(2, 28, "negative-change")]
    source = read_bytes(html.encode(), "a.html")
    assert "比上年下降3.2%" in source.fixed_text(check_source(source))


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("全区床位").bold = True
    paragraph.add_run("比上年增长-3.2%，")
    paragraph.add_run("门诊费用72,447元。").italic = True
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "截至 2021 年"
    table.cell(0, 1).text = "没有问题"
    document.save(path)


def test_docx_in_docx_out_keeps_the_formatting(tmp_path):
    import docx

    path = tmp_path / "报告.docx"
    _docx(path)
    proc = run_cli("check", "--fix", str(path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"{path}:1:8: negative-change ")
    assert [line.split(": ")[1].split()[0] for line in lines] == [
        "negative-change", "grouping", "space", "space",
    ]  # fmt: skip
    fixed = tmp_path / "报告.fixed.docx"
    runs = docx.Document(str(fixed)).paragraphs[0].runs
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("全区床位", True, None),
        ("比上年下降3.2%，", None, None),
        ("门诊费用72447元。", None, True),
    ]
    assert run_cli("check", str(fixed)).returncode == 0
    assert read_path(path).text.raw.endswith("截至 2021 年|没有问题")  # the input is untouched


def test_command_exit_codes_and_formats(tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text("# 标题\n\n全区共有医疗卫生机构312个。\n", encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_bytes("共有床位1,234张。\r\n增长-3%。\r\n".encode("gb18030"))
    assert run_cli("check", str(clean)).returncode == 0
    proc = run_cli("check", str(wrong), str(clean))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{wrong}:1:5: grouping 内地新闻和公报正文中的数字不用千分位逗号 → 1234",
        f"{wrong}:2:1: negative-change 增长、增加、提高后面跟了负数 → 下降3%",
    ]
    report = json.loads(run_cli("--lang", "en", "check", "--format", "json", str(wrong)).stdout)
    assert report[0] == {
        "file": str(wrong), "rule": "grouping", "line": 1, "col": 5, "found": "1,234",
        "message": "Mainland news and bulletins print no thousands separators",
        "suggestion": "1234", "fixable": True,
    }  # fmt: skip
    assert run_cli("check", "--profile", "gbt", str(wrong)).stdout.count("\n") == 1
    missing = run_cli("check", str(tmp_path / "none.md"), str(clean))
    assert missing.returncode == 2 and "找不到这个文件" in missing.stderr
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01")
    assert run_cli("check", str(binary)).returncode == 2


def test_fix_writes_a_copy_byte_identical_elsewhere(tmp_path):
    wrong = tmp_path / "wrong.txt"
    original = "共有床位1,234张。\r\n“约500人左右”\r\n增长-3%。\r\n".encode("gb18030")
    wrong.write_bytes(original)
    proc = run_cli("check", "--fix", str(wrong))
    assert proc.returncode == 1 and "改正 3 处" in proc.stderr
    assert wrong.read_bytes() == original
    copy = (tmp_path / "wrong.fixed.txt").read_bytes()
    assert copy == "共有床位1234张。\r\n“约500人”\r\n下降3%。\r\n".encode("gb18030")
    assert run_cli("check", "--in-place", str(wrong)).returncode == 1
    assert wrong.read_bytes() == copy
    assert run_cli("check", str(wrong)).returncode == 0


def test_standard_input(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "bulletin", "check", "--fix", "-"],
        input="投入3亿4500万元。".encode(), capture_output=True, check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stdout.decode() == "投入3.45亿元。"
    assert re.match(r"-:1:3: mixed-scale ", proc.stderr.decode())
