"""Render many documents in one run: files, folders, globs, or one per spreadsheet row.

:func:`render_many` loads every source (a bad one is a failure of its own,
the others go on), renders the documents in ``jobs`` worker processes, and
writes each document's files all or none into one output folder, whose
``charts/`` folder is the chart cache every worker shares (chart files are
named by their content and written atomically, so two workers drawing the
same chart write the same bytes under the same name).

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as out:
...     results = render_many(["examples/zhaohua.yaml", "examples/none.yaml"], out, formats="md")
>>> [(r.name, r.ok, len(r.paths) > 0) for r in results]
[('examples/zhaohua.yaml', True, True), ('examples/none.yaml', False, False)]
>>> results[1].errors[0]
'examples/none.yaml: 找不到这个文件。请检查路径和文件名'
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BulletinError
from .load.model import Document
from .messages import text as _t
from .render import (
    DEFAULT_FORMATS,
    RenderOptions,
    chart_list_name,
    chart_names,
    read_chart_list,
    remove_unused_charts,
)

__all__ = ["DocumentResult", "expand_sources", "load_documents", "render_many"]

#: Data file endings found in a folder.
DATA_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class DocumentResult:
    """What became of one document: the written paths, or the problems (one line each).

    ``name`` is the data file (or the row's name: 青禾区); ``warnings`` are
    consistency warnings (they fail the document only with ``strict``);
    ``dropped_charts`` are chart files the document's last run used and this one
    does not (removed when the run ends, unless another document uses them).
    """

    name: str
    paths: tuple[Path, ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    dropped_charts: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """Whether the document was written."""
        return not self.errors


@dataclass
class _Job:
    name: str
    stem: str
    document: Document | None = None
    errors: tuple[str, ...] = ()


def expand_sources(sources: Iterable[str | Path]) -> list[str]:
    """Files as given; folders as their .yaml files (sorted); globs as their matches.

    ``-`` (standard input) is kept. A name that is none of these is kept too:
    loading it reports that it does not exist.
    """
    found: list[str] = []
    for source in sources:
        text = os.fspath(source)
        if text == "-":
            found.append(text)
        elif Path(text).is_dir():
            inside = sorted(
                str(p) for p in Path(text).iterdir() if p.suffix.lower() in DATA_SUFFIXES
            )
            found += inside or [text]  # loading an empty folder says it is a folder
        elif glob.has_magic(text) and not Path(text).exists():
            found += sorted(glob.glob(text, recursive=True)) or [text]
        else:
            found.append(text)
    return list(dict.fromkeys(found))


def _lines(err: BulletinError) -> tuple[str, ...]:
    return tuple(str(problem) for problem in err.all())


def load_documents(
    sources: Sequence[str | Path],
    *,
    data: str | Path | None = None,
    each: str | None = None,
    sheet: str | None = None,
    summary: str | None = None,
    summary_template: str | Path | None = None,
    area: str = "全市",
    sets: Sequence[str] = (),
    stdin: bytes | None = None,
) -> list[_Job]:
    """Every document to render, loaded (or the problems that stopped it)."""
    from .load.each import load_rows_from, load_source

    jobs: list[_Job] = []
    for source in expand_sources(sources):
        if data is not None:
            if each is None:
                raise BulletinError(_t("batch.data_without_each"))
            try:
                rows = load_rows_from(
                    source, data, each, sheet=sheet, summary=summary,
                    summary_template=summary_template, area=area, sets=sets,
                )  # fmt: skip
            except BulletinError as err:
                jobs.append(_Job(source, Path(source).stem, errors=_lines(err)))
                continue
            for row in rows:
                errors = _lines(row.error) if row.error is not None else ()
                jobs.append(_Job(row.name, row.stem, row.document, errors))
            continue
        stem = "stdin" if source == "-" else Path(source).stem
        try:
            doc = load_source(stdin if source == "-" else source, sets, file="<stdin>")
            jobs.append(_Job(source, stem, doc))
        except BulletinError as err:
            jobs.append(_Job(source, stem, errors=_lines(err)))
    return _unique(jobs)


def _unique(jobs: list[_Job]) -> list[_Job]:
    """Two documents may not write the same file names."""
    seen: dict[str, str] = {}
    for job in jobs:
        if job.stem in seen and not job.errors:
            job.errors = (
                _t("batch.same_name", name=job.name, other=seen[job.stem], stem=job.stem),
            )
            job.document = None
        seen.setdefault(job.stem, job.name)
    return jobs


def _render_one(
    job: _Job, outdir: str, formats: Any, options: RenderOptions, strict: bool
) -> DocumentResult:
    """Check, render and write one document (in a worker process)."""
    from .files import write_outputs
    from .load.checks import check
    from .problems import find_problems
    from .render import render

    doc = job.document
    if doc is None:
        return DocumentResult(job.name, errors=job.errors)
    try:
        warnings = tuple([*doc.notices, *(str(w) for w in check(doc))])
        if strict and warnings:
            lines = [str(p) for p in find_problems(doc, compose=False)] + list(warnings)
            return DocumentResult(job.name, errors=tuple(lines), warnings=warnings)
        from dataclasses import replace

        opts = options if options.cache_dir else replace(options, cache_dir=Path(outdir) / "charts")
        try:
            result = render(doc, formats, options=opts, stem=job.stem)
        except BulletinError:  # list every problem, not only the first
            problems = find_problems(doc, compose=False)
            if not problems:
                raise
            return DocumentResult(
                job.name, errors=tuple(str(p) for p in problems), warnings=warnings
            )
        documents = {f"{job.stem}.{fmt}": text for fmt, text in result.outputs.items()}
        paths = write_outputs(outdir, documents)
        assets = {
            name: data if isinstance(data, bytes) else data.encode("utf-8")
            for name, data in result.files(present_in=outdir).items()
            if name not in documents
        }
        paths += _write_assets(Path(outdir), assets)
        paths += [Path(outdir) / name for name in result.cached if name not in assets]
        dropped: frozenset[str] = frozenset()
        if opts.draw_charts:  # without drawing, the texts still name the chart files
            dropped = _list_charts(Path(outdir), job.stem, chart_names(result))
        return DocumentResult(job.name, tuple(paths), warnings=warnings, dropped_charts=dropped)
    except BulletinError as err:
        return DocumentResult(job.name, errors=_lines(err))


#: The documents of the runs in progress, by run: forked workers inherit them, so a
#: document is not pickled and sent to its worker (about 2 ms each, both ends).
_FORKED_RUNS: dict[int, list[_Job]] = {}
_RUN_NUMBERS = itertools.count()


#: At most this many documents go to a worker at a time (fewer when there are few: each
#: worker gets at least four portions, so they finish together).
CHUNK = 8


def _chunks(count: int, workers: int) -> list[list[int]]:
    """The documents' indices in portions for the workers.

    >>> _chunks(5, 2), [len(c) for c in _chunks(200, 2)][:3]
    ([[0], [1], [2], [3], [4]], [8, 8, 8])
    """
    size = max(1, min(CHUNK, count // (workers * 4)))
    return [list(range(k, min(k + size, count))) for k in range(0, count, size)]


def _render_jobs(
    jobs: list[_Job], outdir: str, formats: Any, options: RenderOptions, strict: bool
) -> list[DocumentResult]:
    """:func:`_render_one` for each of a portion of documents (one exchange with a worker)."""
    return [_render_one(job, outdir, formats, options, strict) for job in jobs]


def _render_forked(
    run: int, indices: list[int], outdir: str, formats: Any, options: RenderOptions, strict: bool
) -> list[DocumentResult]:
    """:func:`_render_jobs` in a forked worker, of documents it inherited."""
    jobs = _FORKED_RUNS[run]
    return _render_jobs([jobs[i] for i in indices], outdir, formats, options, strict)


def _prepare_workers(formats: str | Sequence[str]) -> bool:
    """Before forking workers, load here what each would load for itself: what the
    formats' writers need for every document (the headline word list, about 0.7 s).
    Forked workers share it (and its memory); workers started afresh (spawn,
    forkserver) would not, so nothing is loaded for them. Whether workers are forked."""
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=False) != "fork":
        return False
    from .emit import emitter_for
    from .render import _formats

    with contextlib.suppress(BulletinError):  # a bad format is reported per document
        for name in _formats(formats):
            emitter = emitter_for(name)
            if emitter.prepare is not None:
                emitter.prepare()
    return True


def _list_charts(outdir: Path, stem: str, charts: list[str]) -> frozenset[str]:
    """Record the document's chart files; return those its last run used and it no
    longer does. They are removed when the whole run has ended (:func:`render_many`):
    a document rendered at the same time in another worker may have just started
    using one, and its list is not written yet."""
    from .files import write_atomic

    previous = read_chart_list(outdir, stem)
    if set(charts) != previous:  # the same list is not written again
        with contextlib.suppress(OSError):
            data = "".join(f"{name}\n" for name in charts).encode("utf-8")
            write_atomic(outdir / chart_list_name(stem), data)
    return frozenset(previous - set(charts))


def _write_assets(outdir: Path, assets: dict[str, bytes]) -> list[Path]:
    """Chart and photo files, each atomically by its name (their names are their content,
    so workers writing the same file race harmlessly); a file already there is left alone."""
    from .files import safe_target, write_atomic, write_error

    paths: list[Path] = []
    for name, data in assets.items():
        target = safe_target(outdir, name)
        with contextlib.suppress(OSError):
            if target.stat().st_size == len(data):  # the same name and size: the same file
                paths.append(target)
                continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
        except OSError as exc:
            raise write_error(target, exc) from None
        paths.append(target)
    return paths


def render_many(
    sources: Sequence[str | Path],
    outdir: str | Path = "out",
    *,
    formats: str | Sequence[str] = DEFAULT_FORMATS,
    options: RenderOptions | None = None,
    jobs: int | None = 1,
    strict: bool = False,
    on_result: Callable[[DocumentResult, int, int], None] | None = None,
    **loading: Any,
) -> list[DocumentResult]:
    """Render every source into ``outdir``; return one result per document, in order.

    ``sources`` are data files, folders and globs (``-``: the YAML bytes given
    as ``stdin=``). With ``data=`` (a spreadsheet) and ``each=`` (the column
    naming the rows), each source is a template rendered once per row, and
    ``summary="云澜市"`` adds the city document (``summary_template=`` may name
    its own template; ``area="全市"`` is how comparisons name the whole).
    ``sets=["meta.date=2025-04-18"]`` overrides values in every document.
    ``jobs`` worker processes render in parallel (``None``: one per core).
    ``on_result(result, done, total)`` is called as each document finishes.
    A failing document does not stop the others.
    """
    options = options or RenderOptions()
    todo = load_documents(sources, **loading)
    out = os.fspath(outdir)
    created = not Path(out).exists() and any(job.document is not None for job in todo)
    if created:
        from .files import write_error

        try:  # made here, once, not by workers racing each other
            Path(out).mkdir(parents=True)
        except OSError as exc:
            raise write_error(Path(out), exc) from None
    workers = max(1, min(jobs or os.cpu_count() or 1, len([j for j in todo if j.document])))
    results: list[DocumentResult | None] = [None] * len(todo)
    done = 0

    def finish(index: int, result: DocumentResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if on_result is not None:
            on_result(result, done, len(todo))

    if workers == 1:
        for i, job in enumerate(todo):
            finish(i, _render_one(job, out, formats, options, strict))
    else:
        forked = _prepare_workers(formats)
        run = next(_RUN_NUMBERS)
        _FORKED_RUNS[run] = todo
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {}
                for chunk in _chunks(len(todo), workers):
                    if forked:
                        future = pool.submit(
                            _render_forked, run, chunk, out, formats, options, strict
                        )
                    else:
                        batch = [todo[i] for i in chunk]
                        future = pool.submit(_render_jobs, batch, out, formats, options, strict)
                    futures[future] = chunk
                for future in as_completed(futures):
                    for i, result in zip(futures[future], future.result(), strict=True):
                        finish(i, result)
        finally:
            del _FORKED_RUNS[run]
    dropped = set().union(*(r.dropped_charts for r in results if r is not None))
    remove_unused_charts(Path(out), None, dropped)  # every document's list is final now
    if created and not any(Path(out).iterdir()):  # nothing rendered: nothing left behind
        Path(out).rmdir()
    return [r for r in results if r is not None]
