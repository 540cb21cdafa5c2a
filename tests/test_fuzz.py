"""Fuzzing the loader and prose: random YAML and random Jinja fragments.

Whatever the data file holds, bulletin answers with a document or a
BulletinError: no other exception, no run over a few seconds, no output
over a set size. The examples are derandomized (the same every run) and few,
so this stays a matter of seconds.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bulletin
from bulletin.resolve.prose import MAX_OUTPUT

#: Seconds one example may take (loading, resolving, composing, Markdown).
LIMIT = 3.0

#: Characters the Markdown of one example may have.
MAX_MD = 4 * MAX_OUTPUT

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KEYS = ["meta", "title", "figures", "a", "b", "value", "unit", "by", "series", "lead",
        "sections", "heading", "text", "decimals", "chart", "previous", "target", "label",
        "genre", "quote", "points", "image", "src", "8:30", "2020.10", "off", "010", "none",
        "true", "<<", "~"]  # fmt: skip
SCALARS = ["8:30", "010", "off", "yes", "2020.10", "0x1F", "1e999", ".nan", "-.inf", "-82460",
           "128.57万", "95.2%", "true", "null", "~", "''", '"\\ud83d"', '"\\ud83d\\ude00"',
           "C:\\data", "2021-06-31", "'{{ a }}'", "[1, 2]", "{x: 1}", "*x", "&x 1", "!!str 5",
           "!!python/object:os.system x", "|", ">", "pie", "bar", "# c", "'", '"', "{", "[",
           "长" * 60, "😀", "\t", ": x"]  # fmt: skip

line = st.tuples(
    st.integers(0, 4),
    st.sampled_from(["", "- "]),
    st.sampled_from(KEYS),
    st.sampled_from([": ", ":", ": {", ": [", ""]),
    st.one_of(st.sampled_from(SCALARS), st.text(max_size=12)),
).map(lambda t: "  " * t[0] + t[1] + t[2] + t[3] + t[4])

yaml_texts = st.one_of(
    st.lists(line, max_size=14).map(lambda lines: "\n".join(lines) + "\n"),
    st.lists(line, max_size=10).map(lambda lines: "meta: {title: 标题}\n" + "\n".join(lines)),
    st.text(max_size=200),
)


def _attempt(text: str) -> None:
    start = time.perf_counter()
    try:
        doc = bulletin.loads(text, file="f.yaml")
        result = bulletin.render(doc, formats=("md",), draw_charts=False)
    except bulletin.BulletinError as err:
        assert str(err) and "\n" not in str(err).strip()
    else:
        assert len(result["md"]) <= MAX_MD
    assert time.perf_counter() - start < LIMIT


@FUZZ
@given(yaml_texts)
def test_random_yaml_gives_a_document_or_a_bulletin_error(text):
    _attempt(text)


FRAGMENTS = ["{{", "}}", "{%", "%}", " for i in range(", " for j in ", "endfor", "if", "endif",
             "a", "a.share", "a.share('甲')", "a.per(0)", "a.by", "a.value", "a.change", "b",
             "|number", "|pprint", "|upper", "|join", "|length", "*", "**", "+", "~", "%", "10",
             "10**9", "'x'", "[1]", "(", ")", ",", ".", "loop", "loop(", "lipsum(", "cycler",
             "none", "true", "range(10**5)", "__class__", "__init__", ".center(10**8)",
             ".format(", "{:>9999}", "set", "=", "macro m()", "m()", "endmacro", "not", "in",
             "recursive", "3*4*5", "# ", "> ", "---", "![](https://e.cn/a.png)", "\n",
             "文字"]  # fmt: skip

prose = st.lists(st.sampled_from(FRAGMENTS), max_size=24).map("".join)

HEAD = (
    "meta: {title: 标题}\nfigures:\n"
    "  a: {value: 180, unit: 人次, previous: 150, by: {甲: 120, 乙: 60}}\n"
    "  b: {value: 3, unit: 个}\n"
)


@FUZZ
@given(prose)
def test_random_prose_gives_text_or_a_bulletin_error(fragment):
    quoted = fragment.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    _attempt(HEAD + f'lead: "{quoted}"\n')


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS[:40]), min_size=4, max_size=16).map(" ".join))
def test_random_expressions_give_text_or_a_bulletin_error(expression):
    quoted = expression.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    _attempt(HEAD + f'lead: "共{{{{ {quoted} }}}}。{{% if {quoted} %}}是{{% endif %}}"\n')
