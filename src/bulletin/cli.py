"""The ``bulletin`` command: a thin layer over the library.

Every user mistake is printed as one line ``FILE:LINE:COL: message`` on
standard error with exit code 2, and nothing is written. Consistency warnings
are printed as ``FILE:LINE:COL: 警告：…`` and do not change the exit code
unless ``--strict`` is given. Messages are Chinese; ``--lang en`` (or the
environment variable ``BULLETIN_LANG=en``) writes them in English.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BulletinError
from .messages import LANGUAGES, language, language_from_env
from .messages import text as _t
from .numbers.scripts import SCRIPTS
from .version import __version__

if TYPE_CHECKING:  # the pipeline is imported when a command runs, not for --help
    from .render import RenderOptions

__all__ = ["main"]

EXIT_USER_ERROR = 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, a Chinese heading ending in a full-width colon (``选项：``);
    argparse writes the colon itself, in ASCII.

    >>> help = argparse.ArgumentParser(prog="p", formatter_class=_HelpFormatter)
    >>> help.add_argument_group("批量").add_argument("--x") and None
    >>> [line for line in help.format_help().splitlines() if line.startswith("批")]
    ['批量：']
    """

    def format_help(self) -> str:
        return _CHINESE_HEADING.sub(r"\1：", super().format_help())


_CHINESE_HEADING = re.compile(r"^(\S[^\n]*[^\x00-\x7f]):$", re.M)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulletin",
        formatter_class=_HelpFormatter,
        description=_t("cli.description"),
        epilog=_t("cli.epilog"),
    )
    parser.add_argument("--version", action="version", version=f"bulletin {__version__}")
    lang_help = _t("cli.lang")
    parser.add_argument("--lang", choices=LANGUAGES, help=lang_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=lang_help)
    strict = argparse.ArgumentParser(add_help=False)
    strict.add_argument("--strict", action="store_true", help=_t("cli.strict"))
    commands = parser.add_subparsers(dest="command", metavar=_t("cli.commands"))

    render = commands.add_parser(
        "render",
        formatter_class=_HelpFormatter,
        help=_t("cli.render"),
        description=_t("cli.render.description"),
        parents=[common, strict],
    )
    render.add_argument(
        "file", nargs="+",
        help=_t("cli.render.file"),
    )  # fmt: skip
    _batch_arguments(render)
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("out"),
        metavar="DIR",
        help=_t("cli.render.output"),
    )
    render.add_argument(
        "-f",
        "--format",
        default="md,html",
        metavar="FMT",
        help=_t("cli.render.format"),
    )
    render.add_argument(
        "--layout",
        choices=("news", "gbt9704"),
        help=_t("cli.render.layout"),
    )
    render.add_argument(
        "--reference-docx",
        type=Path,
        metavar="FILE",
        help=_t("cli.render.reference_docx"),
    )
    render.add_argument(
        "--assets",
        choices=("inline", "external"),
        default="inline",
        help=_t("cli.render.assets"),
    )
    render.add_argument(
        "--md-charts",
        choices=("png", "svg"),
        help=_t("cli.render.md_charts"),
    )
    render.add_argument(
        "-q", "--quiet", action="store_true",
        help=_t("cli.render.quiet"),
    )  # fmt: skip
    render.add_argument("--css", type=Path, metavar="FILE", help=_t("cli.css"))
    render.add_argument("--chart-tables", action="store_true", help=_t("cli.render.chart_tables"))
    render.add_argument(
        "--chart-font",
        metavar="FONT",
        help=_t("cli.render.chart_font"),
    )
    render.add_argument(
        "--font",
        action="append",
        default=[],
        dest="fonts",
        metavar="ROLE=FONT",
        help=_t("cli.render.font"),
    )
    render.add_argument(
        "--script",
        choices=SCRIPTS,
        help=_t("cli.render.script"),
    )
    render.add_argument("--quotes", choices=("corner", "curly"), help=_quotes_help())
    render.add_argument(
        "--template-dir",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help=_t("cli.template_dir"),
    )

    validate = commands.add_parser(
        "validate",
        formatter_class=_HelpFormatter,
        help=_t("cli.validate"),
        description=_t("cli.validate.description"),
        parents=[common, strict],
    )
    validate.add_argument("files", type=Path, nargs="+", help=_t("cli.data_file"))

    schema = commands.add_parser(
        "schema",
        formatter_class=_HelpFormatter,
        help=_t("cli.schema"),
        description=_t("cli.schema.description"),
        parents=[common],
    )
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help=_t("cli.schema.output"))
    _preview_parser(commands, common)
    _add_check_parser(commands, common)
    return parser


def _quotes_help() -> str:
    return _t("cli.quotes")


def _preview_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    preview = commands.add_parser(
        "preview",
        formatter_class=_HelpFormatter,
        help=_t("cli.preview"),
        description=_t("cli.preview.description"),
        parents=[common],
    )
    preview.add_argument("file", type=Path, help=_t("cli.data_file"))
    preview.add_argument("--port", type=int, metavar="N", help=_t("cli.preview.port"))
    preview.add_argument("--open", action="store_true", help=_t("cli.preview.open"))
    preview.add_argument("--css", type=Path, metavar="FILE", help=_t("cli.css"))
    preview.add_argument("--chart-tables", action="store_true", help=_t("cli.preview.chart_tables"))
    preview.add_argument("--chart-font", metavar="FONT", help=_t("cli.preview.chart_font"))
    preview.add_argument("--script", choices=SCRIPTS, help=_t("cli.preview.script"))
    preview.add_argument("--quotes", choices=("corner", "curly"), help=_quotes_help())
    preview.add_argument(
        "--template-dir", type=Path, action="append", default=[], metavar="DIR",
        help=_t("cli.template_dir"),
    )  # fmt: skip


def _error(err: BulletinError) -> None:
    for problem in err.all():
        print(str(problem), file=sys.stderr)


def _check(file: Path, *, strict: bool, compose: bool | None) -> tuple[bool, Any]:
    """Load and check one data file, printing what is wrong; return (ok, document).

    ``compose=None`` looks for no rendering problem (the render that follows finds them).
    """
    from .load.checks import check
    from .load.validate import load
    from .problems import find_problems

    try:
        doc = load(file)
    except BulletinError as err:
        _error(err)
        return False, None
    for notice in doc.notices:
        print(notice, file=sys.stderr)
    problems = [] if compose is None else find_problems(doc, compose=compose)
    for problem in problems:
        print(str(problem), file=sys.stderr)
    warnings = check(doc)
    for warning in warnings:
        print(str(warning), file=sys.stderr)
    return not problems and not (strict and warnings), doc


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the caller's message language is kept)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv) or language_from_env()
    with language(lang), _argparse_speaks(lang):
        parser = _parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_USER_ERROR
    with language(lang), _terminate_as_exit():
        try:
            return _COMMANDS[args.command](args)
        except BulletinError as err:
            _error(err)
            return EXIT_USER_ERROR
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            return _reader_gone()


def _lang_of(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` asks for, read before the parser is built (it speaks it).

    >>> _lang_of(["render", "a.yaml", "--lang", "en"]), _lang_of(["--lang=zh", "render"])
    ('en', 'zh')
    >>> _lang_of(["render", "--", "--lang", "en"]) is None
    True
    """
    for k, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[k + 1] if arg == "--lang" and k + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
    return None


@contextmanager
def _argparse_speaks(lang: str) -> Iterator[None]:
    """argparse's own words (usage:, options, unrecognized arguments …) in ``lang``.

    argparse looks its words up through gettext at the time it writes them; the
    ``argparse`` catalog of ``lang`` (locale/zh/LC_MESSAGES/argparse.po) answers.
    """
    from .messages import translations

    words = translations(lang, "argparse")
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = words.gettext, words.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


#: The exit code of a command whose reader closed the pipe (as after SIGPIPE).
EXIT_BROKEN_PIPE = 141


def _reader_gone() -> int:
    """The output's reader went away (``| head``): stop quietly, like other tools.

    Standard output is pointed at the null device so that Python's own flush at
    exit does not fail a second time.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # a stdout without a file descriptor (in-process runs)
        pass
    return EXIT_BROKEN_PIPE


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGTERM ends the command like Ctrl-C: a render being written is undone, not left half."""

    def terminate(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _render(args: argparse.Namespace) -> int:
    from .render import render_file

    if _is_batch(args):
        return _render_batch(args)
    args.file = Path(args.file[0])
    ok, doc = _check(args.file, strict=args.strict, compose=None)
    if not ok:
        return EXIT_USER_ERROR
    try:  # prose is rendered once; only a failed render looks for every problem
        paths = render_file(doc, args.output, formats=args.format, options=_render_options(args))
    except BulletinError as err:
        from .problems import find_problems

        if err.code == "fonts.no_glyphs" and err.path is None and err.file is None:
            err.file = "--font"  # a font --font named lacks the document's characters
        for problem in find_problems(doc) or [err]:
            print(str(problem), file=sys.stderr)
        return EXIT_USER_ERROR
    for path in [] if args.quiet else paths:  # documents first, then charts and photos
        print(path)
    return 0


def _validate(args: argparse.Namespace) -> int:
    results = [_check(file, strict=args.strict, compose=True)[0] for file in args.files]
    return 0 if all(results) else EXIT_USER_ERROR


def _preview(args: argparse.Namespace) -> int:
    from .preview import serve
    from .render import RenderOptions

    if not args.file.is_file():
        raise BulletinError(
            _t("cli.no_data_file"), file=str(args.file), hint=_t("cli.no_data_file.hint")
        )
    options = RenderOptions(
        script=args.script, template_dirs=args.template_dir, css=args.css,
        chart_tables=args.chart_tables, font=args.chart_font,
        quotes=args.quotes,
    )  # fmt: skip
    serve(args.file, port=args.port, options=options, open_browser=args.open)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .files import write_atomic
    from .load.schema import schema_text

    text = schema_text()
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomic(args.output, text.encode("utf-8"))
    return 0


def _add_check_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    from .proofread.findings import PROFILES

    check = commands.add_parser(
        "check",
        formatter_class=_HelpFormatter,
        help=_t("cli.check"),
        description=_t("cli.check.description"),
        parents=[common],
    )
    check.add_argument("files", nargs="+", metavar="FILE",
                       help=_t("cli.check.files"))  # fmt: skip
    check.add_argument("--format", choices=("text", "json"), default="text", dest="report",
                       help=_t("cli.check.format"))  # fmt: skip
    check.add_argument("--profile", choices=PROFILES, default="news",
                       help=_t("cli.check.profile"))  # fmt: skip
    check.add_argument("--fix", action="store_true",
                       help=_t("cli.check.fix"))  # fmt: skip
    check.add_argument("--in-place", action="store_true", help=_t("cli.check.in_place"))


def _proofread_one(name: str, args: argparse.Namespace, report: list[dict[str, Any]]) -> int:
    """Check one file (``-``: standard input); print or collect findings; write fixes."""
    from .files import write_atomic
    from .proofread import check_source, read_bytes, read_path

    try:
        source = read_bytes(sys.stdin.buffer.read(), "-") if name == "-" else read_path(Path(name))
    except BulletinError as err:
        _error(err)
        return EXIT_USER_ERROR
    findings = check_source(source, args.profile)
    fixing = args.fix or args.in_place
    stream = sys.stderr if name == "-" and fixing else sys.stdout
    for f in findings:
        if args.report == "json":
            report.append({"file": name, **f.as_dict()})
        else:
            print(f"{name}:{f}", file=stream)
    if fixing:
        fixes = [f for f in findings if f.fixable]
        data = source.fixed_bytes(fixes)
        if name == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            path = Path(name)
            if not args.in_place:
                path = path.with_name(f"{path.stem}.fixed{path.suffix}")
            write_atomic(path, data)
            print(_t("check.fixed", path=path, count=len(fixes)), file=sys.stderr)
    return 1 if findings else 0


def _proofread(args: argparse.Namespace) -> int:
    import json

    report: list[dict[str, Any]] = []
    codes = [_proofread_one(name, args, report) for name in args.files]
    if args.report == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return max(codes)


def _batch_arguments(render: argparse.ArgumentParser) -> None:
    group = render.add_argument_group(_t("cli.batch"))
    add = group.add_argument
    add("--data", type=Path, metavar="TABLE", help=_t("cli.batch.data"))
    add("--each", metavar="COLUMN", help=_t("cli.batch.each"))
    add("--sheet", metavar="NAME", help=_t("cli.batch.sheet"))
    add("--summary", metavar="NAME", help=_t("cli.batch.summary"))
    add("--summary-template", type=Path, metavar="FILE", help=_t("cli.batch.summary_template"))
    add("--area", default="全市", help=_t("cli.batch.area"))
    add(
        "--set",
        action="append",
        default=[],
        dest="sets",
        metavar="KEY=VALUE",
        help=_t("cli.batch.set"),
    )
    add("-j", "--jobs", type=int, metavar="N", help=_t("cli.batch.jobs"))


def _is_batch(args: argparse.Namespace) -> bool:
    """Whether a render needs the batch path (several documents, stdin/stdout, --set)."""
    import glob

    first = args.file[0]
    return (
        len(args.file) > 1 or first == "-" or str(args.output) == "-" or args.data is not None
        or bool(args.sets) or Path(first).is_dir()
        or (glob.has_magic(first) and not Path(first).exists())
    )  # fmt: skip


def _render_options(args: argparse.Namespace) -> RenderOptions:
    """The render options the command line gives, for one document or a batch alike."""
    from .render import RenderOptions

    return RenderOptions(
        script=args.script, template_dirs=args.template_dir, assets=args.assets,
        css=args.css, chart_tables=args.chart_tables, font=args.chart_font,
        layout=args.layout, reference_docx=args.reference_docx, quotes=args.quotes,
        md_charts=args.md_charts, fonts=_font_options(args.fonts, args.format),
    )  # fmt: skip


def _font_options(values: list[str], formats: str) -> dict[str, str] | None:
    """The ``--font ROLE=FONT`` options as a dict (the last one of a role wins), each
    checked here so that a mistake is reported at ``--font``."""
    from .emit._fonts import named_font

    if not values:
        return None
    fonts: dict[str, str] = {}
    look_up = "pdf" in [f.strip().lower() for f in formats.split(",")]
    for value in values:
        role, sep, name = value.partition("=")
        try:
            if not sep or not role.strip():
                raise BulletinError(
                    _t("cli.bad_font_option", value=value), hint=_t("cli.bad_font_option.hint")
                )
            named_font(role.strip(), name, look_up=look_up)
        except BulletinError as exc:
            raise exc.with_location(file="--font") from None
        fonts[role.strip()] = name.strip()
    return fonts


def _render_batch(args: argparse.Namespace) -> int:
    """Several documents: render them all, list every failure, exit 1 (2 when none rendered)."""
    from .batch import render_many

    loading: dict[str, Any] = dict(
        data=args.data, each=args.each, sheet=args.sheet, summary=args.summary,
        summary_template=args.summary_template, area=args.area, sets=args.sets,
        stdin=sys.stdin.buffer.read() if "-" in args.file else None,
    )  # fmt: skip
    if str(args.output) == "-":
        return _render_stdout(args, loading)
    quiet = getattr(args, "quiet", False)
    with _Progress(quiet) as progress:
        results = render_many(
            args.file, args.output, formats=args.format, options=_render_options(args),
            jobs=args.jobs, strict=args.strict, on_result=progress.report, **loading,
        )  # fmt: skip
    failed = [r for r in results if not r.ok]
    if not results:
        raise BulletinError(_t("cli.no_data_files"), hint=_t("cli.no_data_files.hint"))
    if failed and len(results) > 1:
        print(_t("cli.batch_failed", failed=len(failed), total=len(results)), file=sys.stderr)
    for result in failed:
        for line in result.errors:
            print(line, file=sys.stderr)
    return 0 if not failed else EXIT_USER_ERROR if len(failed) == len(results) else 1


def _render_stdout(args: argparse.Namespace, loading: dict[str, Any]) -> int:
    """``-o -``: one document as Markdown on standard output (charts are not drawn)."""
    from dataclasses import replace

    from .batch import load_documents
    from .problems import find_problems
    from .render import render

    if args.format not in ("md", "md,html"):
        raise BulletinError(
            _t("cli.stdout_markdown_only"), hint=_t("cli.stdout_markdown_only.hint")
        )
    jobs = load_documents(args.file, **loading)
    if len(jobs) != 1:
        raise BulletinError(
            _t("cli.stdout_one_only", count=len(jobs)), hint=_t("cli.stdout_one_only.hint")
        )
    job = jobs[0]
    if job.document is None:
        for line in job.errors:
            print(line, file=sys.stderr)
        return EXIT_USER_ERROR
    options = replace(_render_options(args), draw_charts=False)
    try:
        text = render(job.document, ("md",), options=options, stem=job.stem)["md"]
    except BulletinError:  # list every problem, not only the first
        problems = find_problems(job.document, compose=False)
        if not problems:
            raise
        for problem in problems:
            print(str(problem), file=sys.stderr)
        return EXIT_USER_ERROR
    sys.stdout.write(text)
    return 0


class _Progress:
    """A progress bar (rich) when standard error is a terminal; otherwise the written paths,
    one a line, as each document finishes; nothing with ``--quiet``."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if not self.quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                console=Console(stderr=True), transient=True,
            )  # fmt: skip
            self.bar.__enter__()
        return self

    def report(self, result: Any, done: int, total: int) -> None:
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        if self.bar is not None:
            if self.task is None:
                self.task = self.bar.add_task(_t("cli.progress"), total=total)
            self.bar.update(self.task, completed=done, description=result.name)
        if not self.quiet:
            for path in result.paths:
                print(path)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _proofread,
    "render": _render,
    "validate": _validate,
    "schema": _schema,
    "preview": _preview,
}
