"""The ``nianbao`` command: make, show, import, check and export drafts; with no arguments, the window."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, ParamSpec

from app import __version__
from app.canonical import to_canonical
from app.deadline import deadline, status_text
from app.errors import CellValueError, NianbaoError
from app.final import content_bytes, fingerprint, refuse_if_final
from app.format import DEFAULT_ORGAN_KIND, ORGAN_KINDS, meta_field
from app.worker import import_source as read_source  # every import runs bounded, in a worker process
from app.importers.summary import summarise
from app.lastyear import mismatches, snapshot, start_from
from app.report import TOTALS_NAMES, Report
from app.review import local_time, notes_to_json
from app.rules import Finding, check, explanation
from app.history import History, base_report, history_of, join, load_draft, save_draft
from app.locking import check_writable
from app.store import SUFFIX, load
from app.userdata import display_name
from app.values import parse_year

if TYPE_CHECKING:
    from app.fonts import FontFile

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_CRASH = 0, 1, 2, 3
_SEVERITY = {"error": "错误", "warning": "提示"}


# argparse's own sentences, in Chinese (it looks them up through its module-level ``_``).
_ARGPARSE_CHINESE = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的%(type)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值（可选：%(choices)s）",
    "expected one argument": "需要一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "%(prog)s: error: %(message)s\n": "%(prog)s：参数有误：%(message)s\n",
}
_TYPE_NAMES = {"int": "整数"}


def _argparse_chinese(text: str) -> str:
    return _ARGPARSE_CHINESE.get(text, _TYPE_NAMES.get(text, text))


setattr(argparse, "_", _argparse_chinese)  # argparse looks its fixed words up through this name


def _year(text: str) -> int:
    """A report year typed on the command line: four digits from 2008 to next year (app.values)."""
    try:
        year = parse_year(text)
    except CellValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if year is None:
        raise argparse.ArgumentTypeError("统计年度不能为空（应为四位数字，如 2025）")
    return year


class _Parser(argparse.ArgumentParser):
    """argparse with its fixed words in Chinese and exit code 2 for bad arguments."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}：参数有误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告填报、检查与导出。不带参数运行时打开图形界面。",
                     add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}", help="显示版本号")
    parser.add_argument("--self-test", action="store_true", help="自检：打开窗口（不显示）、检查、导出并导入示例报告")
    commands = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=_Parser)

    new = commands.add_parser("new", help="新建一份草稿（表格全部为 0，正文为空；或以上年报告为基础）", add_help=False)
    new.add_argument("--organ", help="机关名称（以上年报告为基础时沿用上年的）")
    new.add_argument("--from", dest="from_", type=Path, metavar="上年报告",
                     help="以上年报告为基础：草稿或可导入的报告文件；沿用机关信息和小标题，上年结转取自上年的结转下年度，并附加上年报告")
    new.add_argument("--texts", action="store_true", help="与 --from 同用：同时沿用上年的正文（每段标为“沿用上年”）")
    new.add_argument("--year", required=True, type=_year, help="统计年度，如 2025")
    new.add_argument("--kind", choices=ORGAN_KINDS,
                     help=f"{meta_field('kind').label}（默认：{DEFAULT_ORGAN_KIND}）")
    new.add_argument("-o", "--output", required=True, type=Path, help="草稿文件（.nianbao）")
    new.add_argument("--force", action="store_true", help="覆盖已有文件")

    show = commands.add_parser("show", help="显示草稿内容", add_help=False)
    show.add_argument("file", type=Path, help="草稿或可导入的报告文件")
    show.add_argument("--json", action="store_true", help="输出规范 JSON")

    imp = commands.add_parser("import", help="把报告导入为草稿", add_help=False)
    imp.add_argument("source", type=Path,
                     help="要导入的文件（.txt 粘贴文本、.html/.htm 网页、.docx、.pdf、.xlsx 表格或规范 JSON）")
    imp.add_argument("-o", "--output", required=True, type=Path, help="草稿文件（.nianbao）")
    imp.add_argument("--force", action="store_true", help="覆盖已有文件")

    chk = commands.add_parser("check", help="检查勾稽关系和内容", add_help=False)
    chk.add_argument("file", type=Path, help="草稿或可导入的报告文件")
    chk.add_argument("--previous", type=Path, help="上一年度的报告，用于跨年度检查")
    chk.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")

    att = commands.add_parser("attach-previous", help="把上年报告附加到草稿中，用于跨年度检查和对比", add_help=False)
    att.add_argument("file", type=Path, help="本年草稿（.nianbao）")
    att.add_argument("source", type=Path, help="上年报告：草稿或可导入的报告文件（.txt、.html、.docx、.pdf、.xlsx 或规范 JSON）")
    att.add_argument("--force", action="store_true", help="机关名称不同或年度不是上一年时也附加")
    cmp_ = commands.add_parser("compare", help="与上年报告对比：各项数字、主要指标和各部分文字的变化", add_help=False)
    cmp_.add_argument("last", type=Path, help="上年报告（草稿或可导入的报告文件）")
    cmp_.add_argument("this", type=Path, help="本年报告（草稿或可导入的报告文件）")
    cmp_.add_argument("--json", action="store_true", help="以 JSON 输出")
    cmp_.add_argument("--all", action="store_true", help="也列出两年都为 0 的数字")
    cmp_.add_argument("-o", "--output", type=Path, help="另存为 PDF（含柱状图），如 对比.pdf")
    cmp_.add_argument("--force", action="store_true", help="覆盖已有文件")
    dif = commands.add_parser("diff", help="比较同一份报告的两个副本：单元格、报告信息、正文（逐句）、小标题等的不同",
                              add_help=False)
    dif.add_argument("a", type=Path, help="一个副本（草稿或可导入的报告文件）")
    dif.add_argument("b", type=Path, help="另一个副本")
    dif.add_argument("--json", action="store_true", help="以 JSON 输出")
    mrg = commands.add_parser("merge", help="合并同事的副本：一方的修改自动采用，双方不同的修改须选择", add_help=False)
    mrg.add_argument("mine", type=Path, help="我的副本（草稿或可导入的报告文件）")
    mrg.add_argument("theirs", type=Path, help="同事的副本")
    mrg.add_argument("-o", "--output", required=True, type=Path, help="合并结果（.nianbao 草稿）")
    mrg.add_argument("--prefer", choices=("mine", "theirs"),
                     help="有冲突时一律采用哪一方（mine：我的，theirs：同事的）；不给出时有冲突则列出冲突、不写文件")
    mrg.add_argument("--json", action="store_true", help="以 JSON 输出")
    mrg.add_argument("--force", action="store_true", help="覆盖已有文件")
    det = commands.add_parser("detach-previous", help="从草稿中移除上年报告", add_help=False)
    det.add_argument("file", type=Path, help="本年草稿（.nianbao）")
    exp = commands.add_parser("export", help="导出为 PDF、Word、网页或 Excel（按输出文件的扩展名）", add_help=False)
    exp.add_argument("file", type=Path, help="草稿或可导入的报告文件")
    exp.add_argument("-o", "--output", required=True, type=Path,
                     help="输出文件：.pdf（打印、盖章）、.docx（Word）、.html（网站发布）或 .xlsx（Excel 表格）")
    exp.add_argument("--font", action="append", default=[], metavar="用途=字体文件",
                     help="改用本机已安装的 TrueType 字体，可多次使用；用途为 标题、一级标题、二级标题、正文、页码，"
                          "如 正文=C:\\Windows\\Fonts\\simfang.ttf；字体集（.ttc）可在末尾加 #序号")
    exp.add_argument("--force", action="store_true", help="覆盖已有文件")
    fpr = commands.add_parser("fingerprint", help="内容指纹（SHA-256），用于核对打印件与草稿文件是否一致", add_help=False)
    fpr.add_argument("file", type=Path, help="草稿或可导入的报告文件")
    fpr.add_argument("--content", action="store_true",
                     help="输出计算指纹所用的内容本身（UTF-8 JSON），可用 sha256sum 自行核对")
    nts = commands.add_parser("notes", help="列出草稿中的批注", add_help=False)
    nts.add_argument("file", type=Path, help="草稿（.nianbao）")
    nts.add_argument("--json", action="store_true", help="以 JSON 输出")
    nts.add_argument("-o", "--output", type=Path, help="另存为批注清单 PDF（审阅用，不用于发布），如 批注.pdf")
    nts.add_argument("--force", action="store_true", help="覆盖已有文件")
    for sub in (new, show, imp, chk, exp, att, det, cmp_, fpr, nts, dif, mrg):
        sub.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    return parser


def open_report(path: Path) -> Report:
    """A report from a draft file or from any importable source."""
    if path.suffix.lower() == SUFFIX:
        return load(path)
    return read_source(path).report


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise NianbaoError(f"“{path}”已存在。要覆盖它，请加上 --force。")
    if path.exists() and path.suffix.lower() == SUFFIX:
        try:
            existing = load(path)
        except NianbaoError:
            return  # not a readable draft: --force replaces it as before
        refuse_if_final(existing, path)


def _load_for_writing(path: Path) -> tuple[Report, History]:
    """A draft the command will change and save, with its history: never one someone else has open
    (app.locking) nor a final one (定稿)."""
    check_writable(path)
    report, history = load_draft(path)
    refuse_if_final(report, path)
    return report, history


def _cmd_fingerprint(args: argparse.Namespace) -> int:
    report = open_report(args.file)
    if args.content:
        sys.stdout.flush()
        sys.stdout.buffer.write(content_bytes(report))
        sys.stdout.buffer.flush()
        return EXIT_OK
    mark = fingerprint(report)
    print(f"{mark}  {args.file}")  # as sha256sum prints it
    if report.final is not None:
        same = "一致" if report.final.fingerprint == mark else f"不一致（定稿时为 {report.final.fingerprint}，内容已被改动）"
        print(f"已于 {local_time(report.final.at)} 由 {report.final.by} 定稿；与定稿时的指纹{same}。", file=sys.stderr)
        return EXIT_OK if report.final.fingerprint == mark else EXIT_ERRORS
    print("本报告尚未定稿。", file=sys.stderr)
    return EXIT_OK


def _cmd_notes(args: argparse.Namespace) -> int:
    from app.notes import place

    report = load(args.file)
    if args.output is not None:
        if args.output.suffix.lower() != ".pdf":
            raise NianbaoError(f"批注清单只能另存为 PDF（.pdf），不能存为“{args.output.name}”。")
        _refuse_overwrite(args.output, args.force)
        from app.exporters.review_pdf import write_review_pdf  # ReportLab loads only for an export

        write_review_pdf(report, args.output)
        print(f"已导出批注清单：{args.output}", file=sys.stderr)
    if args.json:
        _print_json(notes_to_json(report.notes))
        return EXIT_OK
    for note in report.notes:
        state = f"已处理（{note.handled_by} {local_time(note.handled_at)}）" if note.handled else "未处理"
        print(f"[{note.id}] {place(report, note.target).label}：{note.text}"
              f"（{note.author} {local_time(note.at)}，{state}）")
    handled = sum(n.handled for n in report.notes)
    print(f"共 {len(report.notes)} 条批注，{len(report.notes) - handled} 条未处理。")
    return EXIT_OK


def _write_draft(report: Report, path: Path, history: History | None = None, parents: list[str] | None = None) -> None:
    """Save a draft from the command line: refused while someone has it open (app.locking); a revision
    is recorded in its history under the user's display name (after ``parents`` for a merge)."""
    check_writable(path)
    save_draft(report, path, history if history is not None else History(), display_name(), parents=parents)


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _cmd_new(args: argparse.Namespace) -> int:
    _refuse_overwrite(args.output, args.force)
    if args.from_ is None:
        if not args.organ:
            raise NianbaoError("请用 --organ 给出机关名称，或用 --from 以上年报告为基础。")
        if args.texts:
            raise NianbaoError("--texts 只能与 --from 同用。")
        report = Report.new(organ=args.organ, year=args.year, kind=args.kind or DEFAULT_ORGAN_KIND)
        _write_draft(report, args.output)
        print(f"已新建草稿：{args.output}（{report.title}）")
        return EXIT_OK
    last = _read_previous(args.from_)
    report = start_from(last, args.year, args.texts, args.from_)
    if args.organ:
        report.meta.organ = args.organ
    if args.kind:
        report.meta.kind = args.kind
    _write_draft(report, args.output)
    print(f"已新建草稿：{args.output}（{report.title}），以上年报告为基础：{args.from_.name}（{last.title}）")
    carried = report.cells[report.layout.named_cell("carried.total")]
    print(f"上年结转 {carried} 件取自上年报告的“结转下年度继续办理”；"
          + ("正文沿用上年，每段标为“沿用上年”，请逐段改写。" if args.texts else "正文为空。"))
    for doubt in mismatches(report, last):
        print(f"  请注意：{doubt}")
    return EXIT_OK


def _read_previous(path: Path) -> Report:
    """Last year's report from a draft or any source; an import's uncertain items are listed first."""
    if path.suffix.lower() == SUFFIX:
        return load(path)
    result = read_source(path)
    summary = summarise(result)
    if summary.items:
        print(f"上年报告：{summary.line}", file=sys.stderr)
        for item in summary.items:
            print(f"  不确定：{item.reason}", file=sys.stderr)
    for notice in summary.notices:
        print(f"  上年报告提示：{notice}", file=sys.stderr)
    return result.report


def _cmd_attach_previous(args: argparse.Namespace) -> int:
    report, history = _load_for_writing(args.file)
    last = _read_previous(args.source)
    doubts = mismatches(report, last)
    if doubts and not args.force:
        raise NianbaoError("".join(doubts) + "确认无误时请加上 --force。")
    replaced = report.previous is not None
    notices: list[str] = []
    report.previous = snapshot(last, args.source, notices=notices)
    _write_draft(report, args.file, history)
    print(f"已{'更换' if replaced else '附加'}上年报告：{args.source.name}（{last.title}）→ {args.file}")
    for notice in notices:
        print(f"  提示：{notice}")
    for doubt in doubts:
        print(f"  请注意：{doubt}")
    findings = [f for f in check(report) if f.rule in CROSS_YEAR_RULES]
    for finding in findings:
        print(_format_finding(finding, report))
    print(f"跨年度检查：{len(findings)} 个提示。")
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    from app.compare import compare, lines, to_json

    if args.output is not None:
        if args.output.suffix.lower() != ".pdf":
            raise NianbaoError(f"对比只能另存为 PDF（.pdf），不能存为“{args.output.name}”。")
        _refuse_overwrite(args.output, args.force)
    comparison = compare(_read_previous(args.last), open_report(args.this))
    if args.json:
        _print_json(to_json(comparison))
    else:
        print("\n".join(lines(comparison, args.all)))
    if args.output is not None:
        from app.exporters.compare_pdf import write_compare_pdf  # ReportLab loads only for an export

        write_compare_pdf(comparison, args.output)
        print(f"已导出对比：{args.output}", file=sys.stderr if args.json else sys.stdout)
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from app import diff

    a, b = open_report(args.a), open_report(args.b)
    found = diff.diff(a, b)
    if args.json:
        _print_json(diff.to_json(found, str(args.a), str(args.b)))
    else:
        print("\n".join(diff.lines(found, args.a.name, args.b.name)))
    return EXIT_ERRORS if found else EXIT_OK


def _cmd_merge(args: argparse.Namespace) -> int:
    from app import merge

    if args.output.suffix.lower() != SUFFIX:
        raise NianbaoError(f"合并结果应存为草稿（{SUFFIX}），不能存为“{args.output.name}”。")
    _refuse_overwrite(args.output, args.force)
    mine, theirs = open_report(args.mine), open_report(args.theirs)
    drafts = args.mine.suffix.lower() == args.theirs.suffix.lower() == SUFFIX
    history, theirs_history = (history_of(args.mine), history_of(args.theirs)) if drafts else (History(), History())
    result = merge.merge(base_report(history, theirs_history), mine, theirs)
    if result.conflicts and args.prefer is None:
        if args.json:
            _print_json(merge.to_json(result))
        else:
            print(f"有 {len(result.conflicts)} 处冲突（双方对同一处作了不同的修改），没有写入“{args.output}”：")
            print("\n".join(merge.conflict_lines(result)))
            print("请在窗口中用“文件 → 合并同事的副本…”逐项选择，或加上 --prefer mine 或 --prefer theirs。")
        return EXIT_ERRORS
    outcome = merge.finish(result, prefer=args.prefer or merge.MINE)
    parents = join(history, theirs_history)  # the merged draft keeps both pasts: a later merge finds its base
    _write_draft(outcome.report, args.output, history, parents or None)
    if args.json:
        _print_json(merge.to_json(result, outcome))
    else:
        print(f"已合并：{args.mine.name} + {args.theirs.name} → {args.output}")
        print("\n".join(outcome.summary))
    return EXIT_OK


def _cmd_detach_previous(args: argparse.Namespace) -> int:
    report, history = _load_for_writing(args.file)
    if report.previous is None:
        raise NianbaoError(f"“{args.file}”没有附加上年报告。")
    report.previous = None
    _write_draft(report, args.file, history)
    print(f"已从 {args.file} 移除上年报告。")
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    report = open_report(args.file)
    if args.json:
        _print_json(to_canonical(report))
        return EXIT_OK
    findings = check(report)
    errors = sum(f.is_error for f in findings)
    print(report.title)
    print(f"格式：{report.layout.name}；机关类型：{report.meta.kind}；"
          f"合计：{TOTALS_NAMES[report.totals]}")
    for section in report.layout.sections:
        tables = report.layout.section_tables(section.id)
        has_figures = any(report.cells[c.id] is not None for t in tables for c in t.cells)
        filled = "已填写" if has_figures or not report.sections[section.id].is_empty() else "空"
        print(f"  {section.title}：{filled}")
    print(f"检查：{errors} 个错误，{len(findings) - errors} 个提示")
    if report.final is not None:
        print(f"已定稿：{report.final.by}，{local_time(report.final.at)}；内容指纹 {report.final.fingerprint}")
    if report.notes:
        waiting = sum(not n.handled for n in report.notes)
        print(f"批注：{len(report.notes)} 条，{waiting} 条未处理（nianbao notes 列出）")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    _refuse_overwrite(args.output, args.force)
    check_writable(args.output)
    result = read_source(args.source)
    _write_draft(result.report, args.output)
    summary = summarise(result)
    print(f"已导入：{args.source} → {args.output}（{summary.title}，{summary.layout}）")
    print(summary.line)
    for item in summary.items:
        print(f"  不确定：{item.reason}")
    for item in summary.notes:
        print(f"  附注：{item.reason}")
    for remark in summary.remarks:
        print(f"  说明：{remark}")
    for notice in summary.notices:
        print(f"  提示：{notice}")
    if result.uncertain:
        print("不确定的单元格在草稿中留空，请对照原文填写。")
    return EXIT_ERRORS if result.uncertain else EXIT_OK


def _format_finding(finding: Finding, report: Report) -> str:
    explained = explanation(finding, report)
    note = f"（已说明：{explained}）" if explained else ""
    if report.final is not None and finding.key in dict(report.final.explained):
        note = f"（定稿时说明：{dict(report.final.explained)[finding.key]}）"
    return f"{_SEVERITY[finding.severity]} [{finding.rule}] {finding.message}{note}"


def _cmd_check(args: argparse.Namespace) -> int:
    report = open_report(args.file)
    previous = _read_previous(args.previous) if args.previous else None
    findings = check(report, previous)  # without --previous: the last year attached to the draft, if any
    errors = sum(f.is_error for f in findings)
    if args.json:
        due = deadline(report)
        _print_json({"file": str(args.file), "findings": [f.to_json() for f in findings],
                     "deadline": due.day.isoformat() if due else None, "deadline_text": status_text(report)})
    else:
        for finding in findings:
            print(_format_finding(finding, report))
        verdict = "没有发现错误" if not errors else f"发现 {errors} 个错误"
        print(f"{args.file}：{verdict}，{len(findings) - errors} 个提示。")
        print(status_text(report))
    return EXIT_ERRORS if errors else EXIT_OK


def _font_choices(specs: list[str]) -> dict[str, FontFile]:
    """``用途=路径[#序号]`` options as the exporter's font choices."""
    from app.fonts import FontFile, style_key

    chosen: dict[str, FontFile] = {}
    for spec in specs:
        style, sep, file = spec.partition("=")
        if not sep or not file.strip():
            raise NianbaoError(f"字体选项“{spec}”应写成 用途=字体文件，如 正文=simfang.ttf。")
        path, index = file.strip(), 0
        head, hash_mark, tail = path.rpartition("#")
        if hash_mark and tail.isdigit() and not Path(path).exists():
            path, index = head, int(tail)
        chosen[style_key(style)] = FontFile(Path(path), index)
    return chosen


EXPORT_KINDS = {".pdf": "PDF", ".docx": "Word", ".html": "网页", ".htm": "网页", ".xlsx": "Excel"}


def _cmd_export(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in EXPORT_KINDS:
        raise NianbaoError(f"不能导出为“{args.output.name}”：输出文件的扩展名应为 "
                           f"{'、'.join(sorted(set(EXPORT_KINDS) - {'.htm'}))}。")
    _refuse_overwrite(args.output, args.force)
    fonts = _font_choices(args.font)
    if fonts and suffix != ".pdf":
        raise NianbaoError("--font 只用于导出 PDF；Word、网页和 Excel 使用对方电脑上安装的字体。")
    report = open_report(args.file)
    if suffix == ".pdf":
        from app.exporters.pdf import write_pdf  # ReportLab loads only for an export

        exported = write_pdf(report, args.output, fonts)
        print(f"已导出：{args.output}（{exported.pages} 页）")
        draft = exported.draft
    elif suffix == ".docx":
        from app.exporters.docx import write_docx

        draft = write_docx(report, args.output).draft
        print(f"已导出 Word 文件：{args.output}")
    elif suffix in (".html", ".htm"):
        from app.exporters.html import write_html

        draft = write_html(report, args.output).draft
        print(f"已导出网页：{args.output}")
    else:
        from app.exporters.xlsx import write_xlsx

        draft = write_xlsx(report, args.output).draft
        print(f"已导出 Excel 表格：{args.output}")
    if draft:
        marks = {".pdf": "PDF 每页都带有“草稿”标记", ".docx": "Word 文件每页页眉带有“草稿”标记",
                 ".html": "网页开头注明“草稿”", ".htm": "网页开头注明“草稿”",
                 ".xlsx": "Excel 封面列出了这些错误"}
        print(f"报告中还有错误，{marks[suffix]}；用 nianbao check 查看错误。")
    return EXIT_OK


Window = Callable[[Sequence[str]], int]
_P = ParamSpec("_P")
NO_WINDOW = "nianbao：这里只有命令行；用 nianbao --help 查看可用的命令。"


_COMMANDS = {"new": _cmd_new, "show": _cmd_show, "import": _cmd_import, "check": _cmd_check,
             "export": _cmd_export, "attach-previous": _cmd_attach_previous,
             "detach-previous": _cmd_detach_previous, "compare": _cmd_compare, "fingerprint": _cmd_fingerprint,
             "notes": _cmd_notes, "diff": _cmd_diff, "merge": _cmd_merge}
CROSS_YEAR_RULES = ("X.carry", "X.valid", "S.copy", "T.copy")


def _quiet_stdout() -> None:
    """The reader of our output went away (``| head``): send what is left nowhere, silently."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _guarded(run: Callable[_P, int]) -> Callable[_P, int]:
    """No traceback ever: a closed pipe ends quietly, anything unexpected is one sentence and exit 3."""

    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> int:
        multiprocessing.freeze_support()  # a frozen build: this process may be an import worker (app.worker)
        argv = kwargs.get("argv", args[0] if args else None)
        try:
            code = run(*args, **kwargs)
            sys.stdout.flush()
            return code
        except BrokenPipeError:
            _quiet_stdout()
            return EXIT_OK
        except KeyboardInterrupt:
            print("\nnianbao：已中断。", file=sys.stderr)
            return 130
        except Exception as error:  # noqa: BLE001 - the last guard: the user reads a sentence, not a traceback
            from app.crashreport import write_crash_report

            report = write_crash_report(error, list(argv) if isinstance(argv, (list, tuple)) else None)
            where = f"详细信息已写入“{report}”，请把该文件发给技术支持。" if report else "无法写入错误报告。"
            try:
                print(f"nianbao：程序内部出错（{type(error).__name__}），操作没有完成。{where}", file=sys.stderr)
            except OSError:
                pass
            return EXIT_CRASH

    guarded.__doc__ = run.__doc__
    return guarded


@_guarded
def main(argv: Sequence[str] | None = None, window: Window | None = None,
         self_test: Callable[[], int] | None = None) -> int:
    """Entry point of the ``nianbao`` command; returns the exit code.

    ``window`` opens the window and ``self_test`` runs ``--self-test`` (both given by
    ``app.__main__``, so this module never loads Qt).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if not argv or all(Path(a).suffix.lower() == SUFFIX and Path(a).exists() for a in argv):
        if window is None:  # no arguments, or drafts to open in the window
            print(NO_WINDOW, file=sys.stderr)
            return EXIT_UNREADABLE
        return window(argv)
    if argv[0] not in _COMMANDS and not argv[0].startswith("-"):
        print(f"nianbao：不认识的命令或找不到草稿文件“{argv[0]}”。可用的命令：{'、'.join(_COMMANDS)}；"
              "用 nianbao --help 查看说明。", file=sys.stderr)
        return EXIT_UNREADABLE
    args = _parser().parse_args(argv)
    if args.self_test:
        if self_test is None:  # only the program as installed (app.__main__) can open its window
            print(NO_WINDOW, file=sys.stderr)
            return EXIT_UNREADABLE
        return self_test()
    if args.command is None:
        _parser().print_help()
        return EXIT_OK
    try:
        return _COMMANDS[args.command](args)
    except NianbaoError as error:
        print(f"nianbao：{error}", file=sys.stderr)
        return EXIT_UNREADABLE
