"""Compose: the genre template arranges a resolved document into the Article tree.

:func:`compose` renders ``templates/zh/<genre>.md.j2`` (a user's template
folder first) over the resolved content, converts the text to Traditional
characters when the style asks for it, and parses the result once into an
:class:`~.article.Article` whose blocks carry explicit roles. Templates arrange;
they compute nothing: every number and sentence comes resolved.

>>> from bulletin.load.validate import loads
>>> from bulletin.resolve import resolve
>>> doc = loads("meta: {title: 标题一 标题二, byline: [吕婷]}\\nlead: ■ 这是正文。\\n")
>>> article = compose(resolve(doc))
>>> [(b.role, b.text.text) for b in article.blocks]
[('title', '标题一 标题二'), ('byline', '■ 吕婷'), ('lead', '■ 这是正文。')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import jinja2

from ..errors import BulletinError, TemplateError, did_you_mean, expect
from ..load.model import GENRES
from ..messages import text as _t
from ..numbers.scripts import corner_quotes, to_script
from ..resolve import Resolved
from ..resolve.content import template_names
from .article import Article
from .parse import parse_article
from .templates import template_environment

__all__ = ["Article", "compose", "compose_markdown"]

_BLANK_RUNS = re.compile(r"\n{3,}")


def compose_markdown(resolved: Resolved, template_dirs: Sequence[str | Path] = ()) -> str:
    """The genre template's output: Markdown with role divs, in the document's script."""
    doc, style = resolved.document, resolved.style
    env = template_environment(template_dirs, style=style)
    name = f"{doc.meta.genre}.md.j2"
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        sep = _t("list.separator")
        where = sep.join(str(d) for d in template_dirs) or _t("compose.builtin_templates")
        hint = did_you_mean(doc.meta.genre, GENRES) or _t(
            "compose.genres.hint", genres=sep.join(GENRES)
        )
        raise TemplateError(
            _t("compose.no_template", genre=doc.meta.genre, name=name, where=where), hint=hint
        ).at(("meta", "genre")) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            _t("compose.template_syntax", reason=exc.message),
            file=exc.filename or name,
            line=exc.lineno,
            col=1,
        ) from None
    try:
        text = template.render(template_names(resolved.content))
    except BulletinError:
        raise
    except jinja2.TemplateError as exc:
        raise TemplateError(
            _t("compose.template_failed", name=name, reason=exc.message), file=name
        ) from None
    except Exception as exc:  # a user template's own error (e.g. {{ 1 / 0 }})
        raise TemplateError(
            _t("compose.template_failed", name=name, reason=exc), file=name
        ) from None
    text = _BLANK_RUNS.sub("\n\n", text).strip() + "\n"
    if style.traditional:
        text = to_script(text, style.script, keep=style.keep_words, places=style.places)
    if style.quote_style == "corner":
        text = corner_quotes(text)
    return text


def compose(resolved: Resolved, template_dirs: Sequence[str | Path] = ()) -> Article:
    """Arrange ``resolved`` with its genre's template and parse it into an Article."""
    expect(resolved, Resolved, "compose.resolved", "api.form.resolved")
    markdown = compose_markdown(resolved, template_dirs)
    doc = resolved.document
    charts = {chart.png: chart for chart in resolved.charts}
    return parse_article(
        markdown,
        genre=doc.meta.genre,
        script=resolved.style.script,
        meta=doc.meta,
        charts=charts,
    )
