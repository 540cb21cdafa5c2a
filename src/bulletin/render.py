"""The pipeline: load → resolve → compose → emit, as the public entry points.

:func:`render` runs every stage in memory and returns the texts (and files)
of the formats asked for; :func:`render_file` writes them, all or none. Errors
raised by a stage carry a data path; here, in one place, the document's source
map turns it into file:line:col.

>>> import bulletin
>>> doc = bulletin.loads("meta: {title: 办实事解难题 服务人民健康}\\nlead: 正文。\\n")
>>> result = bulletin.render(doc, formats=("md",))
>>> result["md"].splitlines()[0], "md" in result, "html" in result
('# 办实事解难题 服务人民健康', True, False)
"""

from __future__ import annotations

import contextlib
import html
import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .charts.cache import is_chart_name, looks_whole, read_chart_file
from .compose import Article, compose
from .emit import EmitContext, emitter_for
from .emit._fonts import NamedFont
from .errors import BulletinError, TemplateError, UsageError
from .files import write_outputs
from .load.model import Document
from .load.validate import load
from .messages import text as _t
from .resolve import Resolved, resolve
from .resolve.chart_plan import CHART_DIR

__all__ = [
    "ASSET_MODES",
    "DEFAULT_FORMATS",
    "FORMATS",
    "LAYOUTS",
    "MD_CHART_FORMATS",
    "RenderOptions",
    "Rendered",
    "located",
    "render",
    "render_file",
]

#: The formats bulletin itself can write (others may be registered).
FORMATS = ("md", "html", "docx", "pdf")

#: The print layouts of Word and PDF files.
LAYOUTS = ("news", "gbt9704")

#: What ``bulletin render`` writes when no format is named.
DEFAULT_FORMATS = ("md", "html")

#: How the HTML page carries chart images.
ASSET_MODES = ("inline", "external")

#: The chart formats a Markdown text can link (the first is the default).
MD_CHART_FORMATS = ("png", "svg")


@dataclass(frozen=True)
class RenderOptions:
    """How to render: every option of :func:`render` in one value.

    ``assets`` is ``"inline"`` (charts inside the HTML page, one self-contained
    file) or ``"external"`` (the page links the chart files). ``css`` is a
    stylesheet file added to the page's own. ``chart_tables`` adds each chart's
    data as a table under it. Chart files found in ``cache_dir`` are reused
    instead of drawn. ``draw_charts=False`` draws no chart (the texts still
    refer to the chart files). ``font`` (default ``meta.chart_font``) is a font
    file or installed family for charts. ``layout`` (default ``meta.layout``,
    else ``news``) is the print layout of Word and PDF files: ``news`` or
    ``gbt9704`` (GB/T 9704 公文). ``reference_docx`` (default
    ``meta.reference_docx``, relative to the data file) is a Word file whose
    styles, page setup and headers the Word output takes. ``quotes`` (default
    ``meta.quote_style``, else corner brackets in Taiwan and Hong Kong texts)
    is ``curly`` “” or ``corner`` 「」. ``md_charts`` (default ``meta.md_charts``,
    else ``png``) is the chart format the Markdown text links, ``png`` or
    ``svg``; only the formats the outputs use are drawn. ``fonts`` maps roles of
    the Word and PDF output (``body``, ``title``, ``kai``, ``sans``, ``number``,
    ``mono``) to a font file (relative to the working folder) or an installed
    family; each role given wins over the same role in ``meta.fonts``.

    >>> RenderOptions(md_charts="svg").md_charts
    'svg'
    """

    script: str | None = None
    template_dirs: Sequence[str | Path] = ()
    assets: str = "inline"
    css: str | Path | None = None
    chart_tables: bool = False
    cache_dir: str | Path | None = None
    draw_charts: bool = True
    font: str | Path | None = None
    layout: str | None = None
    reference_docx: str | Path | None = None
    quotes: str | None = None
    md_charts: str | None = None
    fonts: Mapping[str, str | Path] | None = None

    def __post_init__(self) -> None:
        if self.assets not in ASSET_MODES:
            raise BulletinError(
                _t("render.bad_assets", value=self.assets),
                hint=_t("render.bad_assets.hint"),
            )
        if self.quotes is not None and self.quotes not in ("curly", "corner"):
            raise BulletinError(
                _t("render.bad_quotes", value=self.quotes), hint=_t("render.bad_quotes.hint")
            )
        if self.layout is not None and self.layout not in LAYOUTS:
            raise BulletinError(
                _t("render.bad_layout", value=self.layout),
                hint=_t("render.bad_layout.hint"),
            )
        if self.md_charts is not None and self.md_charts not in MD_CHART_FORMATS:
            raise BulletinError(
                _t("render.bad_md_charts", value=self.md_charts),
                hint=_t("render.bad_md_charts.hint"),
            )
        object.__setattr__(self, "template_dirs", _folders(self.template_dirs))
        if self.fonts is not None:
            object.__setattr__(self, "fonts", _font_roles(self.fonts))
        if self.css is not None and not isinstance(self.css, (str, os.PathLike)):
            raise UsageError(
                _t("api.wrong_type", function="RenderOptions", name="css",
                   form=_t("api.form.text"), given=type(self.css).__name__),
            )  # fmt: skip


def _font_roles(fonts: Any) -> dict[str, str | Path]:
    """The fonts option as a dict of known roles to texts or paths."""
    from .emit._fonts import check_role

    if not isinstance(fonts, Mapping) or not all(
        isinstance(k, str) and isinstance(v, (str, os.PathLike)) for k, v in fonts.items()
    ):
        raise UsageError(
            _t("api.wrong_type", function="RenderOptions", name="fonts",
               form=_t("api.form.fonts"), given=type(fonts).__name__),
        )  # fmt: skip
    for role in fonts:
        check_role(role)
    return dict(fonts)


def _folders(folders: Any) -> tuple[str | Path, ...]:
    """The template folders, each an existing folder (one folder may be given alone)."""
    if isinstance(folders, (str, os.PathLike)):
        folders = (folders,)
    folders = tuple(folders) if isinstance(folders, Iterable) else (folders,)
    for folder in folders:
        if not isinstance(folder, (str, os.PathLike)):
            raise UsageError(
                _t("api.wrong_type", function="RenderOptions", name="template_dirs",
                   form=_t("api.form.folders"), given=type(folder).__name__),
            )  # fmt: skip
    for folder in folders:
        if not Path(folder).is_dir():
            raise BulletinError(
                _t("render.no_template_dir"), file=os.fspath(folder),
                hint=_t("render.no_template_dir.hint"),
            )  # fmt: skip
    return folders


@dataclass(frozen=True)
class Rendered(Mapping[str, "str | bytes"]):
    """The result of :func:`render`, all in memory: a read-only mapping of formats.

    ``result["md"]`` is the Markdown text (``"docx"`` and ``"pdf"`` map to the
    bytes of the file); ``"md" in result``, ``result.get("html")``, ``list(result)``,
    ``result.keys()`` and ``result.items()`` work as on a dict of the formats
    rendered. ``assets`` maps relative file names (``charts/…svg``) to bytes
    the texts refer to; ``cached`` maps the names of chart files found in the
    cache folder to their paths (their bytes are in ``assets`` only when an
    output embeds them; :meth:`files` reads the others). ``article`` is the
    composed document tree every output was written from, and ``context`` the
    options they were written with.

    In Jupyter a result shows itself as the HTML page (:meth:`_repr_html_`),
    whichever formats were asked for.

    >>> import bulletin
    >>> result = bulletin.render(bulletin.loads("meta: {title: 标题}\\nlead: 正文。\\n"), "md")
    >>> list(result), result.get("html"), len(result), "md" in result
    (['md'], None, 1, True)
    >>> [(fmt, text.splitlines()[0]) for fmt, text in result.items()]
    [('md', '# 标题')]
    >>> "<iframe" in result._repr_html_()
    True
    """

    stem: str
    outputs: dict[str, str | bytes]
    assets: dict[str, bytes] = field(default_factory=dict)
    article: Article | None = None
    context: EmitContext | None = field(default=None, repr=False, compare=False)
    cached: dict[str, Path] = field(default_factory=dict, repr=False, compare=False)
    resolved: Resolved | None = field(default=None, repr=False, compare=False)

    def __getitem__(self, fmt: str) -> Any:
        """The text of ``fmt`` (``str``), or the bytes for ``"docx"`` and ``"pdf"``."""
        return self.outputs[fmt]

    def __contains__(self, fmt: object) -> bool:
        return fmt in self.outputs

    def __iter__(self) -> Iterator[str]:
        return iter(self.outputs)

    def __len__(self) -> int:
        return len(self.outputs)

    def files(self, *, present_in: str | Path | None = None) -> dict[str, bytes | str]:
        """Every file to write, by name relative to the output folder.

        Chart files found in the cache that are already in ``present_in`` under
        their name (the output folder is the cache) are left out: they are
        neither read nor written again.
        """
        named: dict[str, bytes | str] = {
            f"{self.stem}.{fmt}": text for fmt, text in self.outputs.items()
        }
        named.update(self.assets)
        for name, path in self.cached.items():
            if present_in is not None and _same_file(path, Path(present_in) / name):
                named.pop(name, None)
            elif name not in named:
                named[name] = path.read_bytes()
        return named

    def page(self) -> str:
        """The HTML page with its charts and photos inside it, as one self-contained text.

        This is ``result["html"]`` when the page was rendered with inline assets;
        otherwise it is written now from :attr:`article` (nothing is rendered again).
        """
        written = self.outputs.get("html")
        if isinstance(written, str) and (self.context is None or self.context.inline_assets):
            return written
        if self.article is None:
            raise BulletinError(_t("render.no_article"), hint=_t("render.no_article.hint"))
        assets = dict(self.assets)
        for name, path in self.cached.items():
            if name.endswith(".svg") and name not in assets:
                with contextlib.suppress(OSError):
                    assets[name] = path.read_bytes()
        if self.resolved is not None:  # the SVG charts a page shows may not have been drawn
            more, _ = _chart_files(self.resolved, None, ("svg",), embedded=("svg",), known=assets)
            assets.update(more)
        context = replace(self.context or EmitContext(), assets=assets, inline_assets=True)
        page = emitter_for("html").emit(self.article, context)
        return page if isinstance(page, str) else page.decode("utf-8")

    def _repr_html_(self) -> str:
        """The page in Jupyter: in an iframe, so its styles and the notebook's stay apart."""
        page, title = html.escape(self.page(), quote=True), html.escape(self.stem)
        return (
            f'<iframe srcdoc="{page}" title="{title}"'
            ' style="width: 100%; height: 720px; border: 1px solid #ddd" sandbox></iframe>'
        )


def _formats(formats: str | Iterable[str]) -> list[str]:
    items: list[Any] = []
    if isinstance(formats, str):
        items = formats.split(",")
    elif isinstance(formats, Iterable):
        items = list(formats)
    if not isinstance(formats, (str, Iterable)) or not all(isinstance(item, str) for item in items):
        raise UsageError(
            _t("api.wrong_type", function="render", name="formats",
               form=_t("api.form.formats"), given=type(formats).__name__),
        )  # fmt: skip
    names: list[str] = []
    for item in items:
        if not item.strip():
            continue
        name = emitter_for(item).name
        if name not in names:
            names.append(name)
    if not names:
        raise BulletinError(
            _t("render.no_formats"),
            hint=_t("hint.choices", names=_t("list.separator").join(FORMATS)),
        )
    return names


@contextmanager
def located(doc: Document) -> Iterator[None]:
    """Errors raised inside get the file:line:col of their data path in ``doc``."""
    try:
        yield
    except BulletinError as exc:
        raise doc.marks.locate(exc) from None


def _options(options: RenderOptions | None, overrides: Mapping[str, Any]) -> RenderOptions:
    if options is not None and not isinstance(options, RenderOptions):
        raise UsageError(
            _t("api.wrong_type", function="render", name="options",
               form="RenderOptions", given=type(options).__name__),
        )  # fmt: skip
    known = {f.name for f in fields(RenderOptions)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"render() got unexpected keyword arguments: {sorted(unknown)}")
    return replace(options or RenderOptions(), **overrides)


def render(
    doc: Document | str | Path | Mapping[str, Any],
    formats: str | Sequence[str] = DEFAULT_FORMATS,
    *,
    options: RenderOptions | None = None,
    stem: str | None = None,
    **overrides: Any,
) -> Rendered:
    """Render a document (or a path to a data file) into the given formats, in memory.

    Options are a :class:`RenderOptions` or its fields as keywords
    (``script="hant"``, ``template_dirs=[...]``, ``assets="external"`` …).
    """
    if not isinstance(doc, (Document, str, os.PathLike, Mapping)):
        raise UsageError(
            _t("api.wrong_type", function="render", name="doc",
               form=_t("api.form.source"), given=type(doc).__name__),
        )  # fmt: skip
    opts = _options(options, overrides)
    wanted = [emitter_for(name) for name in _formats(formats)]
    extra_css = _read_css(opts.css)
    if not isinstance(doc, Document):
        if stem is None and isinstance(doc, (str, Path)):
            stem = Path(doc).stem
        doc = load(doc)
    if stem is None:
        stem = Path(doc.file).stem if not doc.file.startswith("<") else "bulletin"
    with located(doc):
        resolved = resolve(
            doc,
            script=opts.script,
            chart_tables=opts.chart_tables,
            font=opts.font,
            quotes=opts.quotes,
        )
        article = compose(resolved, opts.template_dirs)
        printed = {e.name for e in wanted} & {"pdf", "docx"}
        context = EmitContext(
            fonts=_named_fonts(doc, opts.fonts, look_up="pdf" in printed) if printed else (),
            inline_assets=opts.assets == "inline",
            template_dirs=opts.template_dirs,
            extra_css=extra_css,
            layout=opts.layout or doc.meta.layout or "news",
            md_charts=opts.md_charts or doc.meta.md_charts or MD_CHART_FORMATS[0],
            reference_docx=(
                _reference_docx(doc, opts.reference_docx)
                if any(e.name == "docx" for e in wanted)
                else None
            ),
        )
        assets: dict[str, bytes] = {}
        cached: dict[str, Path] = {}
        if opts.draw_charts:
            kinds = tuple(dict.fromkeys(fmt for e in wanted for fmt in e.assets_for(context)))
            embedded = {
                fmt for e in wanted if e.embeds_assets(context) for fmt in e.assets_for(context)
            }
            assets, cached = _chart_files(resolved, opts.cache_dir, kinds, embedded=embedded)
        assets.update({p.name: p.data for p in resolved.photos.values()})
        context = replace(context, assets=assets)
        with _page_template_errors():
            outputs = {e.name: e.emit(article, context) for e in wanted}
    return Rendered(
        stem=stem, outputs=outputs, assets=assets, article=article, context=context,
        cached=cached, resolved=resolved,
    )  # fmt: skip


@contextmanager
def _page_template_errors() -> Iterator[None]:
    """An error in a user's page template (page.html.j2) is one line naming its file and line."""
    import jinja2

    try:
        yield
    except BulletinError:
        raise
    except Exception as exc:
        place = _template_frame(exc)
        if place is None and not isinstance(exc, jinja2.TemplateError):
            raise
        file, line = place or (None, None)
        if isinstance(exc, jinja2.TemplateSyntaxError):
            file, line = exc.filename or file, exc.lineno
        detail = exc.message if isinstance(exc, jinja2.TemplateError) else exc
        raise TemplateError(
            _t("render.page_template_failed", detail=detail), file=file, line=line,
            hint=_t("render.page_template_failed.hint"),
        ) from None  # fmt: skip


def _template_frame(exc: BaseException) -> tuple[str, int | None] | None:
    """The template file and line a Jinja error was raised at (the last template frame)."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return (frames[-1].filename, frames[-1].lineno) if frames else None


def _chart_files(
    resolved: Resolved,
    cache_dir: str | Path | None,
    formats: Sequence[str] = ("svg", "png"),
    *,
    embedded: Iterable[str] = ("svg", "png"),
    known: Mapping[str, bytes] | None = None,
) -> tuple[dict[str, bytes], dict[str, Path]]:
    """The charts in ``formats``: bytes drawn (or read, for ``embedded`` formats) by
    relative file name, and the files found whole in ``cache_dir`` by name.

    A cached file of a format no output embeds is neither read nor drawn: only
    its first and last bytes are checked (an empty or cut-off file is drawn again).
    """
    files: dict[str, bytes] = {}
    found: dict[str, Path] = {}
    style = resolved.style
    embeds = set(embedded)
    for chart in resolved.charts:
        for fmt in formats:
            name = chart.svg if fmt == "svg" else chart.png
            if known is not None and name in known:
                continue
            cached = Path(cache_dir) / Path(name).name if cache_dir is not None else None
            if cached is not None and fmt not in embeds and looks_whole(cached, fmt):
                found[name] = cached
                continue
            reused = read_chart_file(cached, fmt) if cached is not None else None
            if reused is not None and cached is not None:
                files[name], found[name] = reused, cached
                continue
            from .charts import draw

            try:
                files[name] = draw(
                    chart.spec, fmt, script=style.script, font=resolved.chart_font,
                    grouping=style.grouping,
                )  # fmt: skip
            except BulletinError as exc:  # e.g. a pie of parts adding up to 0: at its figure
                figure = chart.spec.name
                in_figures = figure in resolved.document.figures
                raise exc.at(("figures", figure, "by") if in_figures else ("charts",)) from None
    return files, found


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a == b or a.samefile(b)
    except OSError:
        return False


def _named_fonts(
    doc: Document, given: Mapping[str, str | Path] | None, *, look_up: bool
) -> tuple[NamedFont, ...]:
    """The fonts named for the print roles: ``given`` (the option), else ``meta.fonts``
    (relative to the data file; an error is at its key). ``look_up`` finds an installed
    family's files (the PDF embeds them); Word only writes the name."""
    from .emit._fonts import ROLES, named_font

    written = doc.meta.fonts
    found: list[NamedFont] = []
    for role in ROLES:
        value = (given or {}).get(role)
        if value is not None:
            found.append(named_font(role, value, look_up=look_up))
            continue
        value = getattr(written, role, None) if written is not None else None
        if value is None:
            continue
        where = ("meta", "fonts", role)
        try:
            found.append(named_font(role, value, doc.folder, look_up=look_up, where=where))
        except BulletinError as exc:
            raise exc.at(where) from None
    return tuple(found)


def _reference_docx(doc: Document, path: str | Path | None) -> bytes | None:
    """The bytes of the reference Word file: ``path``, else ``meta.reference_docx``
    (relative to the data file)."""
    where: tuple[str, ...] | None = None
    if path is None:
        if not doc.meta.reference_docx:
            return None
        path, where = doc.folder / doc.meta.reference_docx, ("meta", "reference_docx")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        err = BulletinError(
            _t("render.reference_unreadable", path=path, reason=exc.strerror),
            hint=_t("render.reference_unreadable.hint"),
        )
        raise (err.at(where) if where else err) from None
    if not data.startswith(b"PK"):
        err = BulletinError(
            _t("render.reference_not_docx", path=path),
            hint=_t("docx.bad_reference.hint"),
        )
        raise (err.at(where) if where else err) from None
    return data


#: Largest stylesheet added with --css (bytes).
MAX_CSS_BYTES = 1024 * 1024


def _read_css(css: str | Path | None) -> str:
    if css is None:
        return ""
    try:
        info = Path(css).stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero never end
            raise BulletinError(
                _t("file.not_regular"), file=str(css), hint=_t("file.not_regular.hint")
            )
        if info.st_size > MAX_CSS_BYTES:
            raise BulletinError(
                _t("render.css_too_large"), file=str(css), hint=_t("render.css.hint")
            )
        return Path(css).read_text(encoding="utf-8")
    except OSError as exc:
        raise BulletinError(
            _t("render.css_unreadable", reason=exc.strerror),
            file=str(css),
            hint=_t("render.css.hint"),
        ) from None
    except UnicodeDecodeError:
        raise BulletinError(_t("render.css_not_utf8"), file=str(css)) from None


def render_file(
    path: str | Path | Document,
    outdir: str | Path = "out",
    *,
    formats: str | Sequence[str] = DEFAULT_FORMATS,
    options: RenderOptions | None = None,
    **overrides: Any,
) -> list[Path]:
    """Render the data file at ``path`` (or a loaded document) and write the results.

    Nothing is written unless the whole document renders; each file is
    written atomically. Chart files already in ``outdir`` are reused. Returns
    the written paths, documents first.
    """
    if not isinstance(outdir, (str, os.PathLike)):
        raise UsageError(
            _t("api.wrong_type", function="render_file", name="outdir",
               form=_t("api.form.folder"), given=type(outdir).__name__),
        )  # fmt: skip
    overrides.setdefault("cache_dir", Path(outdir) / CHART_DIR)
    result = render(path, formats, options=options, **overrides)
    files = result.files(present_in=outdir)
    drawing = overrides.get("draw_charts", (options or RenderOptions()).draw_charts)
    charts = chart_names(result)
    previous = read_chart_list(Path(outdir), result.stem) if drawing else set()
    if charts or previous:
        files[chart_list_name(result.stem)] = "".join(f"{name}\n" for name in charts)
    written = write_outputs(outdir, files)
    kept = [Path(outdir) / name for name in result.cached if name not in files]
    remove_unused_charts(Path(outdir), result.stem, previous - set(charts))
    return [p for p in written if p.name != Path(chart_list_name(result.stem)).name] + kept


def chart_names(result: Rendered) -> list[str]:
    """The file names (``charts/…``) of the charts ``result``'s outputs refer to, sorted."""
    names = {*result.cached, *(n for n in result.assets if n.startswith(f"{CHART_DIR}/"))}
    return sorted(n for n in names if is_chart_name(Path(n).name))


def chart_list_name(stem: str) -> str:
    """The hidden list of the chart files a document uses, in the output's charts folder.

    >>> chart_list_name("qinghe")
    'charts/.qinghe.charts'
    """
    return f"{CHART_DIR}/.{stem}.charts"


def read_chart_list(outdir: Path, stem: str) -> set[str]:
    """The chart files the last run of document ``stem`` wrote into ``outdir`` (names)."""
    try:
        text = (outdir / chart_list_name(stem)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if is_chart_name(Path(line).name)}


def remove_unused_charts(outdir: Path, stem: str | None, unused: set[str]) -> None:
    """Remove the chart files document ``stem`` no longer uses, unless another
    document's list (another ``.<stem>.charts`` in the folder) names them
    (``stem=None``: unless any list names them).

    Only names of the chart pattern (``<slug>-<10 hex>.svg|png``) are removed.
    """
    if not unused:
        return
    folder = outdir / CHART_DIR
    own = Path(chart_list_name(stem)).name if stem is not None else None
    others: set[str] = set()
    with contextlib.suppress(OSError):
        for entry in folder.glob(".*.charts"):
            if entry.name != own:
                others |= read_chart_list(outdir, entry.name[1 : -len(".charts")])
    for name in sorted(unused - others):
        if is_chart_name(Path(name).name):
            with contextlib.suppress(OSError):
                (folder / Path(name).name).unlink()
