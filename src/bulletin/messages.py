"""The message catalogue: every text the loader and the schema checks show a user.

Each message has an id and a Chinese and an English text (``str.format``
fields in braces). Chinese is the default everywhere; the command line
switches to English with ``--lang en`` or ``BULLETIN_LANG=en``, and Python code
with :func:`set_language` or the :func:`language` context manager.

>>> text("yaml.empty")
'文件是空的'
>>> with language("en"):
...     text("data.unknown_key", name="titel")
'Unknown key “titel”'
>>> text("hint.did_you_mean", word="title")
'是不是 “title”？'
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "get_language",
    "language",
    "language_from_env",
    "set_language",
    "text",
]

#: Languages messages are written in; the first is the default.
LANGUAGES = ("zh", "en")

_current: ContextVar[str] = ContextVar("bulletin_language", default="zh")

#: Message id → (Chinese, English).
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- reading the file -------------------------------------------------------------
    "file.not_found": ("找不到这个文件", "File not found"),
    "file.not_found.hint": ("请检查路径和文件名", "Check the path and the file name"),
    "file.directory": (
        "给出的是一个文件夹，不是数据文件",
        "This is a folder, not a data file",
    ),
    "file.directory.hint": ("请给出 .yaml 文件的路径", "Give the path of a .yaml file"),
    "file.unreadable": ("无法读取文件：{reason}", "Cannot read the file: {reason}"),
    "file.too_large": (
        "文件太大（{size}），数据文件最大 {limit}",
        "The file is too large ({size}); a data file may hold at most {limit}",
    ),
    "file.too_large.hint": (
        "请检查是否给错了文件；数据文件只写文字和数字，图片请用 image.src 引用",
        "Check that this is the right file; link images with image.src instead of embedding",
    ),
    "file.binary": (
        "第 {offset} 字节是二进制内容，这不是文本文件",
        "Byte {offset} is binary content; this is not a text file",
    ),
    "file.binary.hint": (
        "请给出用记事本等编辑器保存的 YAML 数据文件",
        "Give a YAML data file saved by a text editor",
    ),
    "file.utf16": ("文件是 UTF-16 编码", "The file is encoded as UTF-16"),
    "file.bad_encoding": (
        "第 {offset} 字节既不是有效的 UTF-8 编码，也不是 GB18030/GBK 或 Big5 编码",
        "Byte {offset} is neither valid UTF-8 nor GB18030/GBK nor Big5",
    ),
    "file.bad_encoding.hint": (
        "请用 UTF-8 编码保存文件（记事本“另存为”时选择 UTF-8）",
        "Save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
    ),
    "file.write_failed": ("无法写入 “{path}”：{reason}", "Cannot write “{path}”: {reason}"),
    "chart.write_failed": (
        "无法写入图表文件 “{path}”：{reason}",
        "Cannot write the chart file “{path}”: {reason}",
    ),
    "file.name_too_long": (
        "文件夹或文件名太长",
        "the folder or file name is too long",
    ),
    "file.write_failed.hint": (
        "请检查输出文件夹的权限和磁盘空间",
        "Check the permissions of the output folder and the free disk space",
    ),
    "notice.legacy_encoding": (
        "提示：文件按 {encoding} 编码读取，建议另存为 UTF-8",
        "notice: the file was read as {encoding}; please save it as UTF-8",
    ),
    "file.not_regular": (
        "这不是普通文件（是设备、管道或其他特殊文件）",
        "This is not a regular file (a device, a pipe or another special file)",
    ),
    "file.not_regular.hint": (
        "请给出保存在磁盘上的文件",
        "Give a file saved on disk",
    ),
    # --- the Python API ---------------------------------------------------------------
    "api.wrong_type": (
        "{function}() 的 {name} 应为{form}，这里是 {given}",
        "{function}(): {name} must be {form}, not {given}",
    ),
    "api.form.text": ("文字（str）", "a str"),
    "api.form.text_or_bytes": ("文字（str）或字节（bytes）", "a str or bytes"),
    "api.form.source": (
        "文件路径（str 或 Path）或映射（dict）",
        "a file path (str or Path) or a mapping (dict)",
    ),
    "api.form.folders": ("文件夹路径（str 或 Path）的列表", "a list of folder paths (str or Path)"),
    "api.form.formats": (
        "格式名（如 \"md,html\"）或格式名的列表",
        "format names (\"md,html\") or a list of them",
    ),
    "api.form.folder": ("文件夹路径（str 或 Path）", "a folder path (str or Path)"),
    "api.keys_not_text": ("数据的键应为文字（str）", "The keys of the data must be str"),
    "api.form.document": (
        "读入的文档（bulletin.load 的结果）",
        "a loaded document (from bulletin.load)",
    ),
    "api.form.resolved": (
        "取值的结果（bulletin.resolve 的结果）",
        "a Resolved (from bulletin.resolve)",
    ),
    "api.form.language": ("语言代码（\"zh\" 或 \"en\"）", "a language code (\"zh\" or \"en\")"),
    "api.form.chart_spec": ("图表规格（ChartSpec）", "a ChartSpec"),
    "api.form.figure": ("数据（Figure）", "a Figure"),
    "api.form.chart_ref": ("图表引用（ChartRef）", "a ChartRef"),
    "api.form.figures": ("数据名到数据（Figure）的映射", "a mapping of names to Figures"),
    "api.form.items": ("若干项（列表或元组）", "a list or tuple of items"),
    # --- YAML -------------------------------------------------------------------------
    "yaml.empty": ("文件是空的", "The file is empty"),
    "yaml.empty.hint": (
        "至少要写 meta: 下的 title，见 examples/ 中的示例",
        "Write at least meta: with a title, see the files in examples/",
    ),
    "yaml.too_many_nodes": (
        "文件展开后超过 {limit} 个节点（锚点与别名嵌套过深）",
        "The file expands to more than {limit} nodes (anchors and aliases nested too deep)",
    ),
    "yaml.too_many_nodes.hint": (
        "请不要用别名层层引用，直接写出数据",
        "Do not nest aliases; write the data out",
    ),
    "yaml.recursive_alias": (
        "锚点引用了它自己，数据会无限展开",
        "The anchor refers to itself, so the data would never end",
    ),
    "yaml.too_deep": (
        "嵌套层数太多（超过 {limit} 层）",
        "Nested too deep (more than {limit} levels)",
    ),
    "yaml.too_deep.hint": (
        "请检查方括号、花括号是否配对，缩进是否正确",
        "Check that brackets and braces are paired and the indentation is right",
    ),
    "yaml.control_char": (
        "这里有不可见的控制字符 U+{code:04X}",
        "There is an invisible control character U+{code:04X} here",
    ),
    "yaml.control_char.hint": (
        "请删除它（常见于从网页或其他软件复制的文字）",
        "Delete it (it often comes with text copied from web pages or other programs)",
    ),
    "yaml.lone_surrogate": (
        "这里有半个 UTF-16 代理对（如 \\ud83d 后面缺少 \\ude00），不是完整的字符",
        "Half a UTF-16 surrogate pair (such as \\ud83d without \\ude00), not a character",
    ),
    "yaml.lone_surrogate.hint": (
        "请直接写出这个字符（如 😀），或写出完整的一对 \\ud83d\\ude00",
        "Write the character itself (such as 😀), or the whole pair \\ud83d\\ude00",
    ),
    "yaml.bad_tag": ("不支持的 YAML 标签 “{tag}”", "Unsupported YAML tag “{tag}”"),
    "yaml.bad_tag.hint": (
        "数据文件只能写普通的文字、数字、列表和键值对",
        "A data file holds only text, numbers, lists and key: value pairs",
    ),
    "yaml.complex_key": ("键必须是简单的文字", "A key must be plain text"),
    "yaml.duplicate_key": (
        "键 “{key}” 重复出现（第一次在第 {first_line} 行）",
        "The key “{key}” appears twice (first on line {first_line})",
    ),
    "yaml.duplicate_key.hint": (
        "同一层级的键只能写一次，请删除或合并其中一个",
        "A key may appear once per level; delete or merge one of them",
    ),
    "yaml.tab": ("这里用了制表符（Tab）缩进", "A tab is used for indentation here"),
    "yaml.tab.hint": (
        "YAML 只能用空格缩进，请把 Tab 换成空格",
        "YAML is indented with spaces only; replace the tab with spaces",
    ),
    "yaml.colon": ("这里不能出现冒号加值", "A colon and a value are not allowed here"),
    "yaml.colon.hint": (
        "如果值里有冒号“: ”，请给整个值加上引号；否则检查缩进",
        "If the value contains “: ”, quote the whole value; otherwise check the indentation",
    ),
    "yaml.missing_colon": ("缺少冒号", "A colon is missing"),
    "yaml.missing_colon.hint": (
        "每个键后面要写“: ”（冒号加空格）",
        "Write “: ” (colon and space) after every key",
    ),
    "yaml.undefined_alias": ("引用了未定义的锚点", "This alias refers to an undefined anchor"),
    "yaml.undefined_alias.hint": (
        "先用 &名字 定义锚点，再用 *名字 引用",
        "Define the anchor with &name before using *name",
    ),
    "yaml.open_bracket": ("方括号 [ 没有闭合", "The bracket [ is not closed"),
    "yaml.open_bracket.hint": ("请在列表末尾补上 ]", "Add ] at the end of the list"),
    "yaml.open_brace": ("花括号 { 没有闭合", "The brace { is not closed"),
    "yaml.open_brace.hint": ("请在末尾补上 }", "Add } at the end"),
    "yaml.open_quote": ("引号没有闭合", "The quotation mark is not closed"),
    "yaml.open_quote.hint": (
        "请在文字末尾补上对应的引号",
        "Add the matching quotation mark at the end of the text",
    ),
    "yaml.bad_escape": (
        "双引号里有无效的反斜杠转义",
        "Invalid backslash escape inside double quotes",
    ),
    "yaml.bad_escape.hint": (
        "改用单引号，或把 \\ 写成 \\\\",
        "Use single quotes, or write \\ as \\\\",
    ),
    "yaml.indent": (
        "这一行的缩进与上文对不齐",
        "The indentation of this line does not match the lines above",
    ),
    "yaml.indent.hint": (
        "同一层的键要左对齐，下一层比上一层多缩进两个空格",
        "Keys of one level line up; the next level is indented two more spaces",
    ),
    "yaml.two_documents": (
        "文件里有第二篇文档（---）",
        "The file holds a second document (---)",
    ),
    "yaml.two_documents.hint": (
        "一个数据文件只写一篇；请删除 --- 及其后的内容，或分成两个文件",
        "Write one article per data file; delete --- and what follows, or split the file",
    ),
    "yaml.syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "yaml.syntax.hint": (
        "请检查这一行的缩进、冒号和引号",
        "Check the indentation, colons and quotation marks of this line",
    ),
    # --- the schema -------------------------------------------------------------------
    "data.top_not_mapping": (
        "数据文件的顶层应为“键: 值”的映射",
        "The top level of a data file must be key: value pairs",
    ),
    "data.top_not_mapping.hint": (
        "文件应以 meta: 开头，见 examples/ 中的示例",
        "Start the file with meta:, see the files in examples/",
    ),
    "data.missing": ("{where} 缺少必填的 “{name}”", "{where} lacks the required “{name}”"),
    "data.the_file": ("文件", "The file"),
    "data.unknown_key": ("不认识的键 “{name}”", "Unknown key “{name}”"),
    "data.allowed_keys": ("可用的键：{keys}", "Keys allowed here: {keys}"),
    "data.bad_choice": ("{name} 的值 “{value}” 无效", "{name}: “{value}” is not a valid choice"),
    "data.choices": ("可选：{choices}", "Choose one of: {choices}"),
    "data.wrong_type": (
        "{name} {expected}，这里写的是 “{value}”",
        "{name} {expected}, found “{value}”",
    ),
    "data.wrong_form": (
        "{name} 应为{forms}，这里写的是 “{value}”",
        "{name} must be {forms}, found “{value}”",
    ),
    "data.item": ("{name} 第 {number} 项", "{name} item {number}"),
    "data.or": ("或", " or "),
    "data.list_sep": ("、", ", "),
    "data.too_small": (
        "{name} 数值太小，最小为 {limit}",
        "{name} is too small; at least {limit}",
    ),
    "data.too_large": (
        "{name} 数值太大，最大为 {limit}",
        "{name} is too large; at most {limit}",
    ),
    "data.invalid": ("{name} 的值无效：{detail}", "{name} is invalid: {detail}"),
    "data.genre": (
        "体裁名 “{value}” 无效：应以小写字母开头，只用小写字母、数字、_ 和 -，最多 40 个字符",
        "The genre “{value}” is not a valid name: start with a lowercase letter and use"
        " lowercase letters, digits, _ and - only, at most 40 characters",
    ),
    "data.genre.hint": (
        "内置体裁：{genres}；自己的体裁写模板名，模板放在 --template-dir 指定的文件夹里",
        "Built-in genres: {genres}; for a genre of your own, write the name of its template"
        " in the folder given with --template-dir",
    ),
    "data.figure_reserved": (
        "数据名 “{name}” 是正文写法里的保留字，不能用作数据名",
        "The figure name “{name}” is a reserved word of prose and cannot name a figure",
    ),
    "data.figure_reserved.hint": (
        "请换一个名字，如 {name}_count",
        "Choose another name, such as {name}_count",
    ),
    "data.figure_name": (
        "数据名 “{name}” 不能在正文中引用：只能用字母、数字和下划线，且不以数字开头",
        "The figure name “{name}” cannot be used in prose: use letters, digits and"
        " underscores, not starting with a digit",
    ),
    # expected forms (after “应为”/“must be”)
    "form.text": ("一段文字", "text"),
    "form.mapping": ("“键: 值”的映射", "key: value pairs"),
    "form.list": ("列表（每项以“- ”开头）", "a list (items start with “- ”)"),
    "form.integer": ("整数", "a whole number"),
    "form.bool": ("“true”或“false”", "true or false"),
    "form.false": ("“false”", "false"),
    "form.number": ("一个数字", "a number"),
    "form.date": ("日期", "a date"),
    "form.names": ("姓名列表，如 [吕婷, 王泽刚]", "a list of names, e.g. [吕婷, 王泽刚]"),
    "form.pairs": ("“名称: 数值”的键值对", "name: number pairs"),
    "form.choice": ("以下之一：{choices}", "one of: {choices}"),
    "expect": ("应为{form}", "must be {form}"),
    "expect.not_bool": (
        "应为文字，不是 true/false（要写这个词请加引号）",
        "must be text, not true/false (quote the word to write it)",
    ),
    "expect.not_bool_number": ("应为数字，不是 true/false", "must be a number, not true/false"),
    # --- numbers and dates ------------------------------------------------------------
    "number.invalid": ("数值无效：{value}", "Invalid number: {value}"),
    "number.invalid.hint": (
        "应写数字，如 82460、128.57万、1.3亿、1,234 或 95.2%",
        "Write a number such as 82460, 128.57万, 1.3亿, 1,234 or 95.2%",
    ),
    "number.unit.hint": (
        "数字后面带的单位与 unit 不一致；请去掉单位，或把 unit 写成这个单位",
        "The unit glued to the number differs from unit; drop it or set unit to it",
    ),
    "number.bool": ("{name} 应为数字，不是 true/false", "{name} must be a number, not true/false"),
    "number.none": ("{name} 缺少数值", "{name} has no number"),
    "number.not_finite": ("{name} 必须是有限的数：{value}", "{name} must be finite: {value}"),
    "number.leading_zero": (
        "数值 “{value}” 以 0 开头，不知道是数字还是文字",
        "The number “{value}” starts with 0: it may be a number or a text",
    ),
    "number.leading_zero.hint": (
        "数字请去掉开头的 0（写 {number}）；编号、区号等文字请写在 label 或正文里",
        "For the number, drop the leading 0 (write {number}); codes belong in label or prose",
    ),
    "number.out_of_range": (
        "数值 {value} 太大，超出可写出的范围",
        "The number {value} is too large to be written",
    ),
    "number.out_of_range.hint": (
        "数值的绝对值应小于 1e18；请检查是否多写了零或写错了指数",
        "Numbers must be smaller than 1e18; check for extra zeros or a wrong exponent",
    ),
    "number.percent_unit": (
        "写成百分数的值 {value} 与单位 “{unit}” 不一致",
        "The percentage {value} does not fit the unit “{unit}”",
    ),
    "number.percent_unit.hint": (
        '百分数请写 unit: "%"，或去掉 % 号',
        'For a percentage write unit: "%", or drop the % sign',
    ),
    "number.percent_kind": (
        "数值 {value} 带 {sign} 号，与 kind “{kind}” 不一致",
        "The value {value} has a {sign} sign, which does not fit kind “{kind}”",
    ),
    "number.percent_kind.hint": (
        "百分数请写 kind: percent，千分数请写 kind: permille",
        "Write kind: percent for percentages, kind: permille for per-mille rates",
    ),
    "date.invalid": (
        "日期 “{value}” 无法识别",
        "The date “{value}” cannot be read",
    ),
    "date.invalid.hint": (
        "请写成 2021-07-12 或 2021-07-12 18:00",
        "Write it as 2021-07-12 or 2021-07-12 18:00",
    ),
    # --- proofreading (bulletin check) ------------------------------------------------
    "check.year-zero": (
        "年份中的零应写作“〇”",
        "The zero of a year written in Chinese numerals is 〇",
    ),
    "check.mixed-scale": (
        "一个数只用一个万/亿（不写 3亿4500万、5万3千）",
        "One scale word per number (not 3亿4500万 or 5万3千)",
    ),
    "check.mixed-numeral": (
        "阿拉伯数字中夹用了汉字数字",
        "Chinese numerals inside an Arabic number",
    ),
    "check.arabic-count": (
        "计量、统计的数字应使用阿拉伯数字",
        "Counts and measures are written in Arabic digits",
    ),
    "check.arabic-percent": (
        "百分数应写成阿拉伯数字加 %",
        "Write a percentage in Arabic digits with %",
    ),
    "check.chinese-enum": (
        "“一是、二是”这类列举用汉字数字",
        "Enumerations such as 一是、二是 take Chinese numerals",
    ),
    "check.chinese-idiom": ("成语中的数字用汉字", "Numbers inside idioms are Chinese numerals"),
    "check.chinese-approx": (
        "相邻两个数连用表示约数，用汉字数字且不加顿号",
        "Two neighbouring numbers used as a guess are Chinese numerals without a comma",
    ),
    "check.range-dash": (
        "数值范围用浪纹线“～”（时间范围用“—”），不用连字符，两端的 %、万、亿 都要写",
        "A range takes ～ (— between times), not a hyphen; %, 万 and 亿 go on both ends",
    ),
    "check.range-sign": (
        "数值范围两端的 %、万、亿 都要写",
        "Write %, 万 or 亿 on both ends of a range",
    ),
    "check.full-width": (
        "数字、小数点和 % 应为半角",
        "Digits, the decimal point and % are half-width",
    ),
    "check.half-punct": (
        "中文里数字前后的标点应为全角",
        "Punctuation around figures in Chinese text is full-width",
    ),
    "check.grouping": (
        "内地新闻和公报正文中的数字不用千分位逗号",
        "Mainland news and bulletins print no thousands separators",
    ),
    "check.space": (
        "汉字与数字之间不加空格",
        "No space between Chinese characters and figures",
    ),
    "check.table-decimals": (
        "同一指标的数字小数位数应一致（本行有 {n} 位小数的数）",
        "One indicator keeps one number of decimals (this row has figures with {n})",
    ),
    "check.negative-change": (
        "增长、增加、提高后面跟了负数",
        "A verb of growth is followed by a negative number",
    ),
    "check.negative-change-down": (
        "下降、减少、降低后面跟了负数，意思不清",
        "A verb of decrease is followed by a negative number; the meaning is unclear",
    ),
    "check.rate-percent": (
        "率的变化应以“个百分点”表示，不用 %",
        "A change of a rate is given in percentage points, not %",
    ),
    "check.points-for-amount": (
        "这里不是率的变化，“个百分点”应为 %",
        "This is not a change of a rate; use % rather than percentage points",
    ),
    "check.verb-amount": (
        "增长、下降用于百分比，具体数量的变化用增加、减少",
        "增长/下降 go with a percentage; an amount takes 增加/减少",
    ),
    "check.verb-percent": (
        "百分比的变化用增长、下降",
        "A change in percent takes 增长/下降",
    ),
    "check.times-ambiguous": (
        "“…了{n}倍”可理解为是原来的 {n} 倍或 {n} 倍再加原数，有歧义",
        "“…了{n}倍” may mean {n} times or {n} times more; say which",
    ),
    "check.times-decrease": (
        "减少、降低不能用倍数表示，应改用百分数或分数",
        "A decrease cannot be given in times; use a percentage or a fraction",
    ),
    "check.approx-position": (
        "“余”“多”只跟在末位是 0 的整数后面，否则放在万、亿或单位之后",
        "余/多 follow a whole number ending in 0; otherwise they go after 万/亿 or the unit",
    ),
    "check.approx-double": (
        "近似词重复（约…左右、超过…以上、约…余）",
        "Two approximation words say the same (约…左右, 超过…以上, 约…余)",
    ),
    "check.approx-conflict": (
        "近似词互相矛盾（“近”“不到”表示少于，“以上”“余”“多”表示多于）",
        "The approximation words contradict each other (近/不到 less, 以上/余/多 more)",
    ),
    "check.approx-exact": (
        "“{word}”与精确到个位的数字并用；精确就不用“{word}”，约数请取整，如 {rounded}",
        "“{word}” goes with a figure exact to the unit; drop it, or round as {rounded}",
    ),
    "check.parts-total": (
        "其中各项之和大于总数：{parts}={sum}，总数 {total}",
        "The parts add up to more than the total: {parts}={sum}, total {total}",
    ),
    "check.shares-sum": (
        "同一句中的占比之和超过100%：{parts}={sum}%",
        "The shares in one sentence add up to over 100%: {parts}={sum}%",
    ),
    "check.share-over": ("占比 {share} 超过100%", "The share {share} is over 100%"),
    "check.growth-mismatch": (
        "增长率与文中的数值不符：{computed}，文中写“{written}”",
        "The growth rate does not follow from the values: {computed}, the text says “{written}”",
    ),
    "check.change-mismatch": (
        "变化量与文中的两个数值不符：{computed}，文中写“{written}”",
        "The change does not follow from the two values: {computed}, the text says “{written}”",
    ),
    "check.unknown_profile": (
        "未知的校对规范 “{profile}”",
        "Unknown proofreading profile “{profile}”",
    ),
    "check.unknown_profile.hint": ("可用 {choices}", "Choose one of {choices}"),
    "check.fixed": (
        "已写出 {path}（改正 {count} 处）",
        "Wrote {path} ({count} corrections)",
    ),
    # --- hints ------------------------------------------------------------------------
    "hint.did_you_mean": ("是不是 “{word}”？", "Did you mean “{word}”?"),
    "hint.meta": (
        "请在文件开头写 meta:，下面写 title: 文章标题",
        "Start the file with meta: and write title: under it",
    ),
    "hint.title": ("请在 meta: 下写 title: 文章标题", "Write title: under meta:"),
    "hint.text": ("请写 text: 引语内容", "Write text: with the words"),
    "hint.name": ("请写 name: 名称", "Write name: with the name"),
    "hint.value": ("请写 value: 数值", "Write value: with the number"),
    "hint.decimals": (
        "decimals 是小数位数，写 0 到 6 的整数",
        "decimals is the number of decimal places, 0 to 6",
    ),
    "hint.significant": (
        "significant 是有效数字位数，写 1 到 15 的整数",
        "significant is the number of significant digits, 1 to 15",
    ),
    # --- consistency warnings ---------------------------------------------------------
    "warning.prefix": ("警告：", "warning: "),
    "warning.parts_exceed": (
        "{whole} 的各部分合计 {parts}，超过总数 {total}",
        "The parts of {whole} add up to {parts}, more than the total {total}",
    ),
    "warning.share_over_100": (
        "{name} 是占比，却超过了 100%：{value}",
        "{name} is a share but exceeds 100%: {value}",
    ),
    "warning.percent_ratio": (
        "指标 {name} 的百分率写成了 {value}，将按 {value}% 写出；"
        "如果是 {percent}%，请写 {percent}% 或 {percent}",
        "The rate of the indicator {name} is written {value} and will be printed {value}%;"
        " if it is {percent}%, write {percent}% or {percent}",
    ),
    "warning.as_of_after_date": (
        "{name} 的截至时间 {as_of} 晚于文章日期 {date}",
        "{name} is as of {as_of}, after the bulletin's date {date}",
    ),
    "warning.negative": (
        "{name} 是负数 {value}，计数不会小于 0；请检查是否多写了负号",
        "{name} is negative ({value}); a count is never below 0: check for a stray minus sign",
    ),
    "warning.previous_zero": (
        "{name} 的上期值为 0，无法计算增长率",
        "{name} has a previous value of 0; a growth rate cannot be computed from it",
    ),
    "warning.photo_missing": (
        "找不到照片 “{src}”（页面上会显示“照片待补”）。请把照片放到数据文件旁边，"
        "或改正 src 的路径",
        "The photo “{src}” is not found (the page will show a placeholder). Put the photo"
        " beside the data file, or correct the path in src",
    ),
    "warning.chart_emoji": (
        "图表文字中的 emoji {emoji} 画不出来，图中不画（替代文字和数据表照写）；"
        "请改用文字",
        "The emoji {emoji} in chart texts cannot be drawn and are left out of the picture"
        " (the alt text and the data table keep them); write words instead",
    ),
    "warning.same_label": (
        "“{label}” 已在第 {line} 行给出，数值是 {first}，这里却是 {second}",
        "“{label}” was given on line {line} as {first}, here it is {second}",
    ),
    "hint.change_amount": (
        "上期为 0 时只能写增减量：请写 change: amount，或删去 previous",
        "With a previous value of 0 only the amount can change: write change: amount,"
        " or drop previous",
    ),
    "error.indicator": (
        "指标 “{name}” 无法写出：{detail}",
        "The indicator “{name}” cannot be written: {detail}",
    ),
}


def get_language() -> str:
    """The language messages are written in now (``"zh"`` or ``"en"``)."""
    return _current.get()


def set_language(lang: str) -> None:
    """Write messages in ``lang`` (``"zh"`` or ``"en"``) from now on."""
    _current.set(_normalize(lang))


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Write messages in ``lang`` inside a ``with`` block."""
    token = _current.set(_normalize(lang))
    try:
        yield
    finally:
        _current.reset(token)


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The language named by ``BULLETIN_LANG`` (``en``, ``en_US.UTF-8`` …), else ``"zh"``.

    >>> language_from_env({"BULLETIN_LANG": "en_US.UTF-8"})
    'en'
    >>> language_from_env({})
    'zh'
    """
    env = os.environ if environ is None else environ
    value = env.get("BULLETIN_LANG", "").strip().lower()
    return "en" if value.startswith("en") else "zh"


def _normalize(lang: str) -> str:
    if not isinstance(lang, str):
        from .errors import expect  # errors builds its messages from this module

        expect(lang, str, "set_language.lang", "api.form.language")
    code = lang.strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return code


def text(msg_id: str, /, **params: object) -> str:
    """The message ``msg_id`` in the current language, with ``params`` filled in."""
    zh, en = CATALOGUE[msg_id]
    template = en if _current.get() == "en" else zh
    return template.format(**params) if params else template
