"""Every problem that would stop a document from rendering, found at once and located.

``bulletin validate`` lists all of them: each piece of prose is rendered on
its own (so every unknown figure name is found, not only the first), every
indicator sentence is written once, and finally the whole document is
resolved and composed (without drawing charts) to catch anything else.

>>> from bulletin.load.validate import loads
>>> doc = loads("meta: {title: 标题}\\nlead: 共{{ nope }}。\\nclosing: 又{{ nada }}。\\n",
...             file="a.yaml")
>>> [str(p) for p in find_problems(doc)]  # doctest: +NORMALIZE_WHITESPACE
['a.yaml:2:11: 未知的数据名 “nope”。请先在 figures: 下定义这个数据',
 'a.yaml:3:14: 未知的数据名 “nada”。请先在 figures: 下定义这个数据']
"""

from __future__ import annotations

from collections.abc import Iterable

from .compose import compose as compose_document
from .errors import BulletinError, DataPath, expect
from .load.model import Document
from .resolve import resolve
from .resolve.facts import resolve_facts
from .resolve.indicators import SentenceWriter, indicator_error
from .resolve.prose import make_prose_environment, render_prose
from .resolve.style import Style

__all__ = ["find_problems"]


def _prose_fields(doc: Document) -> Iterable[tuple[str | None, DataPath]]:
    """Every piece of user prose with its path, as the composer renders them."""
    meta = doc.meta
    yield meta.title, ("meta", "title")
    yield meta.subtitle, ("meta", "subtitle")
    yield meta.original_title, ("meta", "original_title")
    yield doc.abstract, ("abstract",)
    for k, text in enumerate(doc.highlights):
        yield text, ("highlights", k)
    yield doc.lead, ("lead",)
    for section, base in doc.every_section():
        yield section.heading, (*base, "heading")
        yield section.text, (*base, "text")
        yield section.after, (*base, "after")
        for j, point in enumerate(section.points):
            yield point, (*base, "points", j)
        if isinstance(section.quote, list):
            for j, quote in enumerate(section.quote):
                yield quote.text, (*base, "quote", j, "text")
        elif section.quote is not None:
            yield section.quote.text, (*base, "quote", "text")
        for j, turn in enumerate(section.turns):
            where = (*base, "turns", j)
            yield turn.text, (*where, "text")
            yield turn.after, (*where, "after")
            for k, point in enumerate(turn.points):
                yield point, (*where, "points", k)
        table = section.table
        if table is not None and not isinstance(table, bool):
            yield table.note, (*base, "table", "note")
        yield section.table_note, (*base, "table_note")
    yield doc.closing, ("closing",)
    for k, text in enumerate(doc.notes):
        yield text, ("notes", k)


def find_problems(doc: Document, *, compose: bool = True) -> list[BulletinError]:
    """Every problem that would stop rendering ``doc``, each located, in file order."""
    expect(doc, Document, "find_problems.doc", "api.form.document")
    style = Style.of(doc.meta)
    problems: list[BulletinError] = []
    try:
        facts = resolve_facts(doc, style)
    except BulletinError as exc:
        return [doc.marks.locate(exc)]
    env = make_prose_environment(style)
    for text, path in _prose_fields(doc):
        if text:
            try:
                render_prose(env, text, facts, path=path)
            except BulletinError as exc:
                problems.append(exc)
    writer = SentenceWriter.of(doc.meta, style)
    peers = getattr(doc.marks, "peers", {})  # of indicators read from a column, by path
    for section, base in doc.every_section():
        for j, ind in enumerate(section.indicators):
            path = (*base, "indicators", j)
            try:
                writer.sentence(ind, peers=peers.get(path))
            except BulletinError as exc:
                problems.append(indicator_error(exc, ind, path))
    if compose and not problems:
        try:
            compose_document(resolve(doc))
        except BulletinError as exc:
            problems.append(exc)
    located = [doc.marks.locate(p) for p in problems]
    return sorted(located, key=lambda e: (e.line or 0, e.col or 0))
