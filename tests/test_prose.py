"""Prose in the data file: figures by name, filters, and errors at the right place."""

from __future__ import annotations

import pytest

import bulletin

HEAD = (
    "meta: {title: 标题}\nfigures:\n"
    "  first_dose: {value: 82460, unit: 人, as_of: 2021-07-12 18:00}\n"
)


def render(text: str) -> str:
    return bulletin.render(bulletin.loads(HEAD + text, file="f.yaml"))["md"]


def test_figure_prints_through_the_number_engine():
    md = render("lead: 截至{{ first_dose.as_of | date('md_h') }}，接种{{ first_dose }}。\n")
    assert "截至7月12日18时，接种82460人。" in md


def test_filters_in_prose():
    md = render('lead: 共{{ 1285700 | number("剂次") }}，占{{ 0.952 | percent }}。\n')
    assert "共128.57万剂次，占95.2%。" in md


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lead: 接种{{ frist_dose }}。\n",
            "f.yaml:4:12: 未知的数据名 “frist_dose”。是不是 “first_dose”？",
        ),
        (
            "lead: |\n  第一段。\n  接种{{ second }}。\n",
            "f.yaml:6:8: 未知的数据名 “second”。已定义的数据有：first_dose",
        ),
        (
            "lead: 接种{{ first_dose.valeu }}。\n",
            "f.yaml:4:23: 数据 “first_dose” 没有 “valeu” 这一项。是不是 “value”？",
        ),
        (
            "lead: 接种{{ first_dose | numbr }}。\n",
            "f.yaml:4:25: 没有名为 “numbr” 的过滤器。是不是 “number”？",
        ),
        ("lead: 接种{{ first_dose 。\n", "f.yaml:4:7: 正文里的 {{ }} 写法有误"),
        (
            "sections:\n  - heading: 一\n    text: 共{{ nope }}人\n",
            "f.yaml:6:15: 未知的数据名 “nope”",
        ),
        (
            "sections:\n  - quote: {text: '共{{ nope }}人', by: 某}\n",
            "f.yaml:5:24: 未知的数据名 “nope”",
        ),
    ],
)
def test_prose_errors(text, expected):
    with pytest.raises(bulletin.BulletinError) as info:
        render(text)
    assert str(info.value).startswith(expected), str(info.value)


#: Prose that reaches for Python internals. Under a plain ``jinja2.Environment`` each one
#: prints them (the last loops a million times); here each must end in a one-line
#: TemplateError. ``first_dose.__class__`` and ``first_dose._figure`` stop at the name check;
#: the ``n`` and ``[...][0]`` forms get past it (no figure name) and meet the sandbox itself.
SANDBOX_ESCAPES = (
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ lipsum.__globals__ }}",
    "{{ first_dose.__class__ }}",
    "{{ first_dose._figure }}",
    "{% set n = first_dose %}{{ n.__class__ }}",
    "{% set n = first_dose %}{{ n._figure }}",
    "{{ [first_dose][0]._figure }}",
    "{{ first_dose.value.__class__ }}",
    "{{ '{0.__class__}'.format(first_dose) }}",
    "{% for x in range(10**6) %}{% endfor %}",
)
#: What a leak looks like in the output or in the message.
LEAKS = ("<class", "<function", "<module", "<built-in", "__builtins__", "Figure(", "PATH")


def _prose(payload: str) -> str:
    return f"lead: |\n  {payload}\n"


@pytest.mark.parametrize("payload", SANDBOX_ESCAPES)
def test_sandbox_blocks_python_internals(payload):
    with pytest.raises(bulletin.TemplateError) as info:
        render(_prose(payload))
    words = str(info.value)
    assert words.startswith("f.yaml:5:"), words
    assert info.value.message and "\n" not in words, words
    assert not any(leak in words for leak in LEAKS), words


def test_sandbox_renders_what_it_allows_harmlessly():
    # The sandbox lets these render, as harmless words; a plain Environment prints
    # "<class 'str'>" and "True".
    md = render(
        _prose(
            "甲{{ ''.__class__ | default('安全') }}乙"
            "{% if first_dose.value.__init__ is defined %}<class 泄露>{% endif %}"
            "丙{{ [1, 2] | length }}"
        )
    )
    assert "甲安全乙丙2" in md
    assert not any(leak in md for leak in LEAKS), md


#: Prose that printed internals, or ran without end, before the sandbox was bounded:
#: each is one located error now.
NOT_FOR_READERS = (
    ("{{ first_dose.share }}", "不能直接写出“share”"),
    ("{{ cycler }}", "未知的数据名 “cycler”"),
    ("{{ joiner }}", "未知的数据名 “joiner”"),
    ("{{ namespace }}", "未知的数据名 “namespace”"),
    ("{{ lipsum() }}", "未知的数据名 “lipsum”"),
    ("{{ first_dose | pprint }}", "没有名为 “pprint” 的过滤器"),
    ("{{ first_dose | tojson }}", "没有名为 “tojson” 的过滤器"),
    ("{{ [1, 2] | random }}", "没有名为 “random” 的过滤器"),
    ("{{ none }}", "不能直接写出空值"),
    ("{{ first_dose.by }}", "不能直接写出一组数据"),
    ("{{ [first_dose] }}", "不能直接写出一组数据"),
    ("{{ first_dose.as_of }}", "不能直接写出日期"),
    ("{{ first_dose.value > 1 }}", "不能直接写出真假值"),
    ("{{ 'x'.center }}", "不能直接写出“center”"),
)


@pytest.mark.parametrize(("payload", "words"), NOT_FOR_READERS)
def test_only_values_meant_for_readers_print(payload, words):
    with pytest.raises(bulletin.TemplateError) as info:
        render(_prose(payload))
    assert str(info.value).startswith("f.yaml:5:"), str(info.value)
    assert words in str(info.value)


#: Prose that asks for unbounded work: each ends within a second in a located error.
UNBOUNDED = (
    ("{{ 'x' * 10**8 }}", "太长"),
    ("{{ 10**8 * 'x' }}", "太长"),
    ("{{ [1] * 10**9 }}", "太长"),
    ("{{ ('x' * 99999) + ('y' * 99999) }}", "太长"),
    ("{{ 10 ** (10 ** 9) }}", "算出的数太大"),
    ("{{ '%099999999d' % 1 }}", "不能用 % 排版文字"),
    ("{{ 'x'.center(10**8) }}", "不能调用 “center”"),
    ("{{ 'x'.zfill(10**8) }}", "不能调用 “zfill”"),
    ("{{ '{:>99999999}'.format(1) }}", "不能调用 “format”"),
    ("{{ ','.join(range(10**5)) }}", "不能调用 “join”"),
    ("{% for i in range(10**6) %}{% endfor %}", "太长"),
    (
        "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
        "计算量太大",
    ),
    (
        "{% set l = [1] * 10000 %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}",
        "计算量太大",
    ),
    ("{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}", "太长"),
    ("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", "未知的数据名 “loop”"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "未知的数据名 “m”"),
    ("{{ first_dose.per(0) }}", "无法计算"),
    ("{{ first_dose.share(first_dose) }}", "f.yaml:5:"),
)


@pytest.mark.parametrize(("payload", "words"), UNBOUNDED)
def test_prose_work_is_bounded(payload, words):
    import time

    start = time.perf_counter()
    with pytest.raises(bulletin.TemplateError) as info:
        render(_prose(payload))
    assert time.perf_counter() - start < 2
    assert str(info.value).startswith("f.yaml:5:"), str(info.value)
    assert words in str(info.value)


def test_the_budget_is_shared_by_the_texts_of_a_document():
    from bulletin.load.model import Figure
    from bulletin.resolve.facts import Fact
    from bulletin.resolve.prose import MAX_STEPS, make_prose_environment, render_prose

    env = make_prose_environment()
    facts = {"a": Fact("a", Figure(value=1, unit="个"))}
    loop = "{% for i in range(10000) %}{% endfor %}"
    for _ in range(MAX_STEPS // 10000 - 1):
        assert render_prose(env, loop, facts) == ""
    with pytest.raises(bulletin.TemplateError, match="计算量太大"):
        for _ in range(2):
            render_prose(env, loop, facts)
    # a new document starts with a new budget
    assert render_prose(make_prose_environment(), loop, facts) == ""


def test_bounded_prose_still_does_what_prose_is_for():
    md = render(
        "  towns: {value: 3, unit: 个, by: {甲镇: 2, 乙镇: 1}}\n"
        "lead: |\n"
        "  {% if first_dose.value > 1000 %}超过千人{% endif %}，"
        "{{ towns.share('甲镇') }}，{{ towns.top }}，{{ 'ab' | upper }}，{{ 2 ** 10 }}，"
        "{{ 'x' * 3 }}，{% for k in range(3) %}{{ k }}{% endfor %}，{{ ' 甲 '.strip() }}\n"
    )
    assert "超过千人，66.7%，甲镇，AB，1024，xxx，012，甲" in md


def test_prose_is_text_in_markdown():
    md = render(
        "lead: |\n  体积3*4*5立方米，_下划线_。\n  # 不是标题\n  > 不是引语\n  ---\n"
        "  看![](https://example.cn/a.png)图\n"
    )
    body = md.split("\n", 2)[2]
    assert "3\\*4\\*5立方米" in body
    assert "\\# 不是标题" in body and "\\> 不是引语" in body and "\\---" in body
    assert "![](" not in body and "<em>" not in body
    text = "lead: |\n  3*4*5立方米\n  # 不是标题\n  > 不是引语\n  ---\n  后一段\n"
    html = bulletin.render(bulletin.loads(HEAD + text, file="f.yaml"), formats=("html",))["html"]
    body = html.split("<body", 1)[1]
    assert "<em>" not in body and "<hr" not in body and "<blockquote" not in body
    footer = body.split("<footer", 1)[1] if "<footer" in body else ""
    assert body.count("<h1") == 1 and "<p>后一段</p>" in body and "后一段" not in footer


def test_figure_without_value_in_prose_is_an_error():
    text = (
        "meta: {title: 标}\nfigures:\n  towns: {unit: 剂次, by: {甲镇: 1, 乙镇: 2}}\n"
        "lead: 共{{ towns }}。\n"
    )
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(bulletin.loads(text, file="f.yaml"))
    assert str(info.value).startswith("f.yaml:4:8: 数据 “towns” 没有 value")


def test_prose_is_compiled_once_and_checked_against_each_documents_figures(monkeypatch):
    from bulletin.load.model import Figure
    from bulletin.resolve import prose
    from bulletin.resolve.facts import Fact
    from bulletin.resolve.style import Style

    compiled: list[object] = []
    real = prose.ProseEnvironment.compile

    def counting(self, source, *args, **kwargs):  # type: ignore[no-untyped-def]
        compiled.append(source)
        return real(self, source, *args, **kwargs)

    monkeypatch.setattr(prose, "_COMPILED", prose._CompiledProse())
    monkeypatch.setattr(prose.ProseEnvironment, "compile", counting)
    text = "共{{ a }}，{{ 1285700 | number('人') }}。"
    facts = {"a": Fact("a", Figure(value=1285700, unit="人"))}
    for _ in range(3):  # three documents
        env = prose.make_prose_environment()
        assert prose.render_prose(env, text, facts) == "共128.57万人，128.57万人。"
    assert len(compiled) == 1
    # Jinja folds a filter of constants into the code: a Traditional document has its own
    hant = prose.make_prose_environment(Style(script="hant"))
    assert prose.render_prose(hant, text, facts) == "共128.57万人，128.57萬人。"
    assert len(compiled) == 2
    # a cached text is still checked against this document's figures
    with pytest.raises(bulletin.TemplateError, match="未知的数据名 “a”"):
        prose.render_prose(prose.make_prose_environment(), text, {})
    assert len(compiled) == 2
