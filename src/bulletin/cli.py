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
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import BulletinError
from .messages import LANGUAGES, language, language_from_env
from .numbers.scripts import SCRIPTS
from .render import RenderOptions
from .version import __version__

__all__ = ["main"]

EXIT_USER_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulletin",
        description="把数据文件（YAML）生成中文新闻稿、纪实或统计公报。",
        epilog="示例：bulletin render examples/zhaohua.yaml -o out",
    )
    parser.add_argument("--version", action="version", version=f"bulletin {__version__}")
    lang_help = "提示信息的语言：zh 中文（默认）、en 英文；也可设环境变量 BULLETIN_LANG=en"
    parser.add_argument("--lang", choices=LANGUAGES, help=lang_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=lang_help)
    strict = argparse.ArgumentParser(add_help=False)
    strict.add_argument(
        "--strict", action="store_true", help="有一致性警告时也按出错处理（退出码 2）"
    )
    commands = parser.add_subparsers(dest="command", metavar="命令")

    render = commands.add_parser(
        "render",
        help="生成文章",
        description="把数据文件生成文章。",
        parents=[common, strict],
    )
    render.add_argument(
        "file", nargs="+",
        help="数据文件（.yaml）、文件夹或通配符（如 'data/*.yaml'），可写多个；- 表示标准输入",
    )  # fmt: skip
    _batch_arguments(render)
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("out"),
        metavar="DIR",
        help="输出文件夹（默认 out）",
    )
    render.add_argument(
        "-f",
        "--format",
        default="md,html",
        metavar="FMT",
        help="输出格式，多个用逗号分隔：md、html、docx（Word）、pdf（默认 md,html）",
    )
    render.add_argument(
        "--layout",
        choices=("news", "gbt9704"),
        help="Word 和 PDF 的版式：news 报纸版式、gbt9704 公文格式（GB/T 9704）"
        "（默认按 meta.layout）",
    )
    render.add_argument(
        "--reference-docx",
        type=Path,
        metavar="FILE",
        help="参考 Word 文件：沿用其中的样式、页面设置和页眉页脚（红头）",
    )
    render.add_argument(
        "--assets",
        choices=("inline", "external"),
        default="inline",
        help="HTML 中的图表：inline 内嵌为单个文件（默认），external 引用单独的图片文件",
    )
    render.add_argument(
        "-q", "--quiet", action="store_true",
        help="不打印写出的文件（默认打印每个写出的文件：文章、图表和照片）",
    )  # fmt: skip
    render.add_argument("--css", type=Path, metavar="FILE", help="追加到网页中的样式表")
    render.add_argument("--chart-tables", action="store_true", help="在每张图表下面附上它的数据表")
    render.add_argument(
        "--chart-font",
        metavar="FONT",
        help="图表用的字体：字体文件路径或已安装的字体名（默认随包安装的思源黑体）",
    )
    render.add_argument(
        "--script",
        choices=SCRIPTS,
        help="文字：hans 简体、hant 繁体、hant-tw 台湾、hant-hk 香港（默认按 meta.script）",
    )
    render.add_argument("--quotes", choices=("corner", "curly"), help=_QUOTES_HELP)
    render.add_argument(
        "--template-dir",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="自定义模板文件夹，优先于内置模板（可重复）",
    )

    validate = commands.add_parser(
        "validate",
        help="检查数据文件",
        description="检查数据文件，列出全部问题，不生成文章。",
        parents=[common, strict],
    )
    validate.add_argument("files", type=Path, nargs="+", help="数据文件（.yaml）")

    schema = commands.add_parser(
        "schema",
        help="输出数据文件的 JSON Schema",
        description="输出数据文件的 JSON Schema（draft 2020-12），供编辑器补全和检查键。",
        parents=[common],
    )
    schema.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="写到文件（UTF-8），默认打印"
    )
    _preview_parser(commands, common)
    _add_check_parser(commands, common)
    return parser


_QUOTES_HELP = (
    "引号：corner 用「」『』、curly 用“”‘’（默认按 meta.quote_style，"
    "再默认台湾、香港用「」，其余用“”）"
)


def _preview_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    preview = commands.add_parser(
        "preview",
        help="在浏览器中实时预览网页",
        description="在本机（127.0.0.1）预览生成的网页；数据文件、照片、模板或样式改动后自动刷新，"
        "出错时在网页上显示文件:行:列和改法。",
        parents=[common],
    )
    preview.add_argument("file", type=Path, help="数据文件（.yaml）")
    preview.add_argument(
        "--port", type=int, metavar="N", help="端口（默认 8000，被占用时另选一个空闲端口）"
    )
    preview.add_argument("--open", action="store_true", help="同时打开浏览器")
    preview.add_argument("--css", type=Path, metavar="FILE", help="追加到网页中的样式表")
    preview.add_argument("--chart-tables", action="store_true", help="在每张图表下面附上数据表")
    preview.add_argument("--chart-font", metavar="FONT", help="图表用的字体（文件路径或字体名）")
    preview.add_argument(
        "--script", choices=SCRIPTS, help="文字：hans、hant、hant-tw、hant-hk（默认按 meta.script）"
    )
    preview.add_argument("--quotes", choices=("corner", "curly"), help=_QUOTES_HELP)
    preview.add_argument(
        "--template-dir", type=Path, action="append", default=[], metavar="DIR",
        help="自定义模板文件夹，优先于内置模板（可重复）",
    )  # fmt: skip


def _error(err: BulletinError) -> None:
    for problem in err.all():
        print(str(problem), file=sys.stderr)


def _check(file: Path, *, strict: bool, compose: bool) -> tuple[bool, Any]:
    """Load and check one data file, printing what is wrong; return (ok, document)."""
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
    problems = find_problems(doc, compose=compose)
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
    ok, doc = _check(args.file, strict=args.strict, compose=False)
    if not ok:
        return EXIT_USER_ERROR
    paths = render_file(doc, args.output, formats=args.format, options=_render_options(args))
    for path in [] if args.quiet else paths:  # documents first, then charts and photos
        print(path)
    return 0


def _validate(args: argparse.Namespace) -> int:
    results = [_check(file, strict=args.strict, compose=True)[0] for file in args.files]
    return 0 if all(results) else EXIT_USER_ERROR


def _preview(args: argparse.Namespace) -> int:
    from .preview import serve

    if not args.file.is_file():
        raise BulletinError("找不到数据文件", file=str(args.file), hint="请检查文件名和路径")
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
        help="校对报告中的数字用法和计算",
        description="校对任何中文报告中的数字写法、增减用语、近似词和文中的计算"
        "（GB/T 15835-2011 与本项目的写法规范，见 docs/check.md）。"
        "发现问题时退出码为 1，没有问题为 0，文件无法读取为 2。",
        parents=[common],
    )
    check.add_argument("files", nargs="+", metavar="FILE",
                       help="要校对的文件：.md、.txt、.html、.docx；- 表示标准输入")  # fmt: skip
    check.add_argument("--format", choices=("text", "json"), default="text", dest="report",
                       help="text 每行一条（默认），json 供其他程序读取")  # fmt: skip
    check.add_argument("--profile", choices=PROFILES, default="news",
                       help="写法规范：news 新闻（默认）、bulletin 统计公报、hant-tw 台湾、"
                       "hant-hk 香港、gbt 只按国家标准")  # fmt: skip
    check.add_argument("--fix", action="store_true",
                       help="把没有歧义的改正写到副本 <文件名>.fixed.<扩展名>"
                       "（标准输入则打印）")  # fmt: skip
    check.add_argument("--in-place", action="store_true", help="与 --fix 同，但直接改原文件")


def _proofread_one(name: str, args: argparse.Namespace, report: list[dict[str, Any]]) -> int:
    """Check one file (``-``: standard input); print or collect findings; write fixes."""
    from .files import write_atomic
    from .messages import text
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
            print(text("check.fixed", path=path, count=len(fixes)), file=sys.stderr)
    return 1 if findings else 0


def _proofread(args: argparse.Namespace) -> int:
    import json

    report: list[dict[str, Any]] = []
    codes = [_proofread_one(name, args, report) for name in args.files]
    if args.report == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return max(codes)


def _batch_arguments(render: argparse.ArgumentParser) -> None:
    group = render.add_argument_group("批量生成（见 docs/batch.md）")
    add = group.add_argument
    add("--data", type=Path, metavar="TABLE",
        help="各区县的表格（.xlsx、.xls、.xlsb、.ods、.csv）：数据文件作模板，表中每行生成一篇")
    add("--each", metavar="COLUMN", help="表中每行区县名称所在的列，如 --each 区县")
    add("--sheet", metavar="NAME", help="表格中的工作表名称（默认第一张）")
    add("--summary", metavar="NAME", help="另生成一篇全市文档，如 --summary 云澜市（取表中合计行）")
    add("--summary-template", type=Path, metavar="FILE", help="全市文档用的模板（默认同一模板）")
    add("--area", default="全市", help="排位和比较时对全体的称呼（默认 全市；也可写 全省、全州）")
    add("--set", action="append", default=[], dest="sets", metavar="KEY=VALUE",
        help="改写每篇文章的一个值，如 --set meta.date=2025-04-18（可重复）")
    add("-j", "--jobs", type=int, metavar="N", help="同时生成的进程数（默认 CPU 核数）")


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
    return RenderOptions(
        script=args.script, template_dirs=args.template_dir, assets=args.assets,
        css=args.css, chart_tables=args.chart_tables, font=args.chart_font,
        layout=args.layout, reference_docx=args.reference_docx, quotes=args.quotes,
    )  # fmt: skip


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
        raise BulletinError("没有找到数据文件", hint="请写出 .yaml 文件、文件夹或通配符")
    if failed and len(results) > 1:
        print(f"{len(failed)} 篇未能生成（共 {len(results)} 篇）：", file=sys.stderr)
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
        raise BulletinError("-o - 只能输出 Markdown", hint="请去掉 -f，或写 -f md")
    jobs = load_documents(args.file, **loading)
    if len(jobs) != 1:
        raise BulletinError(
            f"-o - 只能输出一篇，这里有 {len(jobs)} 篇", hint="请写出输出文件夹，如 -o out"
        )
    job = jobs[0]
    if job.document is None:
        for line in job.errors:
            print(line, file=sys.stderr)
        return EXIT_USER_ERROR
    problems = find_problems(job.document, compose=False)
    for problem in problems:
        print(str(problem), file=sys.stderr)
    if problems:
        return EXIT_USER_ERROR
    options = replace(_render_options(args), draw_charts=False)
    sys.stdout.write(render(job.document, ("md",), options=options, stem=job.stem)["md"])
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
                self.task = self.bar.add_task("生成", total=total)
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
