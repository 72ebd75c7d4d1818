"""Kế hoạch CCHC: the window (no arguments) or the command line (see docs/cli.md).

The command-line paths never import Qt, so they start fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_BAD_INPUT = 2
PDFA_HELP = "tệp PDF theo chuẩn lưu trữ PDF/A-2b: --pdfa F, hoặc --pdf F --pdfa"


class _Parser(argparse.ArgumentParser):
    """argparse that fails with one Vietnamese line and status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        translations = {
            "the following arguments are required": "thiếu tham số bắt buộc",
            "invalid int value": "giá trị phải là số nguyên",
            "invalid choice": "lựa chọn không hợp lệ",
            "unrecognized arguments": "tham số không hiểu được",
            "expected one argument": "cần một giá trị sau",
        }
        for en, vi in translations.items():
            message = message.replace(en, vi)
        sys.stderr.write(f"Lỗi: {message}. Xem «python main.py --help».\n")
        sys.exit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kehoach", description="Kế hoạch CCHC — soạn, xuất và theo dõi kế hoạch cải cách hành chính.")
    p.add_argument("--db", metavar="PATH", help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng)")
    p.add_argument("--smoke", action="store_true", help="mở cửa sổ, in thời gian vẽ lần đầu rồi thoát")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)

    sub.add_parser("templates", help="liệt kê các mẫu kế hoạch")
    sub.add_parser("list", help="liệt kê các kế hoạch đã có")

    new = sub.add_parser("new", help="tạo kế hoạch mới từ mẫu; in mã kế hoạch")
    new.add_argument("--template", required=True, metavar="ID", help="mã mẫu (xem lệnh templates)")
    new.add_argument("--year", required=True, type=int, metavar="YYYY")
    new.add_argument("--agency", default="", metavar="A", help="cơ quan ban hành, ví dụ «Phường Phú Sơn»")
    new.add_argument("--parent", default="", metavar="P", help="cơ quan chủ quản (nếu có), ví dụ «UBND tỉnh Thanh Hóa»")
    new.add_argument("--place", default="", metavar="X", help="địa danh ghi ở dòng ngày tháng")
    new.add_argument("--province", default="", metavar="T", help="tỉnh/thành phố, ví dụ «tỉnh Thanh Hóa»")
    new.add_argument("--chairman", default="", metavar="TÊN", help="họ tên Chủ tịch (người ký)")
    new.add_argument("--period", default="", metavar="YYYY-YYYY", help="kế hoạch nhiều năm, ví dụ 2026-2030")
    new.add_argument("--decision", action="store_true", help="ban hành kèm theo một quyết định")

    cf = sub.add_parser("carry-forward", help="tạo kế hoạch năm sau từ một kế hoạch; in mã kế hoạch mới")
    cf.add_argument("plan_id", type=int, metavar="PLAN_ID")
    cf.add_argument("--year", required=True, type=int, metavar="YYYY")
    cf.add_argument(
        "--compare",
        action="store_true",
        help="thêm phụ lục so sánh với kế hoạch năm trước (Nội dung năm trước / năm nay / Ghi chú)",
    )

    imp = sub.add_parser("import", help="nhập tệp kế hoạch .json hoặc văn bản kế hoạch .docx; in mã kế hoạch")
    imp.add_argument("file", metavar="FILE.json|FILE.docx")

    it = sub.add_parser("import-table", help="nhập bảng phụ lục nhiệm vụ của cấp trên (.docx, .xlsx) vào kế hoạch")
    it.add_argument("plan_id", type=int, metavar="PLAN_ID")
    it.add_argument("file", metavar="FILE")
    it.add_argument("--table", type=int, metavar="N", help="bảng thứ N trong tệp (mặc định: bảng nhiệm vụ đầu tiên)")
    it.add_argument("--appendix", type=int, metavar="N", help="phụ lục thứ N của kế hoạch (mặc định: tự chọn)")

    ej = sub.add_parser("export-json", help="xuất kế hoạch ra tệp .json")
    ej.add_argument("plan_id", type=int, metavar="PLAN_ID")
    ej.add_argument("out", metavar="OUT.json")
    ej.add_argument("--version", type=int, metavar="V", help="xuất một phiên bản đã lưu, đúng như khi lưu")
    ej.add_argument("--no-versions", action="store_true", help="không kèm các phiên bản đã lưu của kế hoạch")

    ex = sub.add_parser("export", help="xuất kế hoạch ra Word, PDF, Excel")
    ex.add_argument("plan_id", type=int, metavar="PLAN_ID")
    ex.add_argument("--docx", metavar="F")
    ex.add_argument("--pdf", metavar="F")
    ex.add_argument("--xlsx", metavar="F")
    ex.add_argument("--pdfa", nargs="?", const=True, default=False, metavar="F", help=PDFA_HELP)
    ex.add_argument("--version", type=int, metavar="V", help="xuất một phiên bản đã lưu thay cho kế hoạch hiện tại")
    ex.add_argument(
        "--separate",
        action="store_true",
        help="kế hoạch ban hành bằng quyết định: ghi quyết định và kế hoạch thành hai tệp",
    )
    ck = sub.add_parser("check", help="kiểm tra kế hoạch trước khi xuất; mã thoát 1 khi có lỗi")
    ck.add_argument("plan_id", type=int, metavar="PLAN_ID")
    ck.add_argument("--all", action="store_true", help="in cả các cảnh báo đã bỏ qua trong cửa sổ")

    bk = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu; in đường dẫn bản sao")
    bk.add_argument("dest", nargs="?", metavar="DEST", help="tệp hoặc thư mục đích (mặc định: thư mục sao lưu)")
    rs = sub.add_parser("restore", help="khôi phục từ một bản sao lưu (tệp hiện tại được sao lưu trước)")
    rs.add_argument("file", metavar="FILE")

    rp = sub.add_parser("report", help="lập báo cáo định kỳ từ số liệu theo dõi và xuất ra Word, PDF, Excel")
    rp.add_argument("plan_id", type=int, metavar="PLAN_ID")
    rp.add_argument("--period", required=True, choices=("q1", "6m", "9m", "year"), help="kỳ báo cáo")
    rp.add_argument("--docx", metavar="F")
    rp.add_argument("--pdf", metavar="F")
    rp.add_argument("--xlsx", metavar="F")
    rp.add_argument("--pdfa", nargs="?", const=True, default=False, metavar="F", help=PDFA_HELP)
    rp.add_argument("--today", metavar="YYYY-MM-DD", help="ngày tính số liệu (mặc định: hôm nay)")
    ov = sub.add_parser("overview", help="tổng quan tiến độ: số liệu, nhiệm vụ quá hạn, sắp đến hạn, hạn báo cáo")
    ov.add_argument("plan_id", type=int, metavar="PLAN_ID")
    ov.add_argument("--today", metavar="YYYY-MM-DD", help="ngày tính (mặc định: hôm nay)")
    _index_parsers(sub)
    _version_parsers(sub)
    return p


def _version_parsers(sub) -> None:
    iss = sub.add_parser("issue", help="ban hành: ghi số, ngày và lưu cố định phiên bản ban hành; in mã phiên bản")
    iss.add_argument("plan_id", type=int, metavar="PLAN_ID")
    iss.add_argument("--number", required=True, metavar="N", help="số văn bản do văn thư cấp")
    iss.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="ngày ban hành")
    sv = sub.add_parser("save-version", help="lưu kế hoạch hiện tại thành một phiên bản dự thảo; in mã phiên bản")
    sv.add_argument("plan_id", type=int, metavar="PLAN_ID")
    sv.add_argument("--name", required=True, metavar="TÊN", help="ví dụ «Dự thảo lấy ý kiến 10/12»")
    vs = sub.add_parser("versions", help="liệt kê các phiên bản của kế hoạch: mã, loại, ngày, tên")
    vs.add_argument("plan_id", type=int, metavar="PLAN_ID")
    df = sub.add_parser("diff", help="so sánh hai phiên bản (hoặc một phiên bản với kế hoạch hiện tại)")
    df.add_argument("plan_id", type=int, metavar="PLAN_ID")
    df.add_argument("--from", dest="old", required=True, metavar="V", help="mã phiên bản, hoặc now")
    df.add_argument("--to", dest="new", default="now", metavar="V", help="mã phiên bản, hoặc now (mặc định)")
    df.add_argument("--docx", metavar="F", help="ghi thêm tệp Word của bản sau, các thay đổi đánh dấu (Track Changes)")
    ec = sub.add_parser("export-changes", help="tệp Word của bản sau với các thay đổi đánh dấu (Track Changes)")
    ec.add_argument("plan_id", type=int, metavar="PLAN_ID")
    ec.add_argument("--from", dest="old", required=True, metavar="V", help="mã phiên bản, hoặc now")
    ec.add_argument("--to", dest="new", default="now", metavar="V", help="mã phiên bản, hoặc now (mặc định)")
    ec.add_argument("--docx", required=True, metavar="F")
    am = sub.add_parser("amend", help="tạo kế hoạch sửa đổi, bổ sung từ phiên bản ban hành; in mã kế hoạch mới")
    am.add_argument("plan_id", type=int, metavar="PLAN_ID")
    am.add_argument("--from", dest="old", required=True, metavar="V", help="mã phiên bản đã ban hành")
    am.add_argument("--to", dest="new", default="now", metavar="V", help="mã phiên bản, hoặc now (mặc định)")


def _index_parsers(sub) -> None:
    """The reform-index self-assessment commands (docs/cli.md)."""
    ii = sub.add_parser(
        "index-import", help="nhập bộ tiêu chí Chỉ số CCHC (.xlsx, .docx hoặc .json); in mã bộ tiêu chí"
    )
    ii.add_argument("file", metavar="FILE")
    ii.add_argument("--name", help="tên bộ tiêu chí (mặc định: theo tên tệp)")
    ii.add_argument("--table", type=int, metavar="N", help="số thứ tự bảng/trang tính trong tệp (từ 1)")
    sub.add_parser("index-sets", help="liệt kê các bộ tiêu chí Chỉ số CCHC")
    ix = sub.add_parser("index-set-export", help="xuất một bộ tiêu chí ra tệp .json để gửi đơn vị khác")
    ix.add_argument("set_id", type=int, metavar="ID")
    ix.add_argument("out", metavar="OUT.json")
    asp = sub.add_parser("assess", help="tạo bản tự đánh giá Chỉ số CCHC của một năm; in mã bản tự đánh giá")
    asp.add_argument("plan_id", type=int, metavar="PLAN_ID")
    asp.add_argument("--set", dest="set_id", type=int, required=True, metavar="ID", help="mã bộ tiêu chí")
    asp.add_argument("--year", type=int, required=True, metavar="YYYY", help="năm đánh giá")
    ae = sub.add_parser(
        "assess-export", help="xuất bản tự đánh giá: bảng Excel, báo cáo Word/PDF, gói tài liệu kiểm chứng"
    )
    ae.add_argument("assessment_id", type=int, metavar="ID")
    ae.add_argument("--xlsx", metavar="F")
    ae.add_argument("--docx", metavar="F")
    ae.add_argument("--pdf", metavar="F")
    ae.add_argument(
        "--evidence", metavar="DIR", help="thư mục mới cho gói tài liệu kiểm chứng, hoặc tên tệp .zip để đóng gói"
    )


def _pin_today(args) -> None:
    """--today: the day the tracking figures are computed for."""
    from datetime import date

    from app import clock
    from app.errors import InvalidInput

    if not getattr(args, "today", None):
        return
    try:
        clock.pin(date.fromisoformat(args.today))
    except ValueError:
        raise InvalidInput(f"Ngày «{args.today}» không hợp lệ; hãy viết theo dạng YYYY-MM-DD.") from None


def _db_path(args) -> Path:
    from app.paths import default_db_path

    return Path(args.db) if args.db else default_db_path()


def _request(args):
    from app.errors import InvalidInput
    from exporters.api import ExportRequest

    pdf, pdfa = args.pdf, getattr(args, "pdfa", False)  # pdfa: False, True (--pdfa) or a file (--pdfa F)
    if isinstance(pdfa, str):
        if pdf:
            raise InvalidInput("--pdfa F và --pdf F: chỉ ghi một tệp PDF; dùng --pdfa F, hoặc --pdf F --pdfa.")
        pdf = pdfa
    if pdfa is not False and not pdf:
        raise InvalidInput("--pdfa cần một tệp PDF: dùng --pdfa F, hoặc --pdf F --pdfa.")
    return ExportRequest(
        docx=Path(args.docx) if args.docx else None,
        pdf=Path(pdf) if pdf else None,
        xlsx=Path(args.xlsx) if args.xlsx else None,
        separate=getattr(args, "separate", False),
        pdfa=bool(pdfa),
    )


# ---------------------------------------------------------------- commands on an open workspace


def _check(ws, args) -> int:
    from app.checks import has_errors
    from app.ops.checks import check

    checked = check(ws, args.plan_id)
    for f in checked.findings:
        print(f.line())
    if checked.dismissed and args.all:
        for f in checked.dismissed:
            print(f.line().replace(":", " (đã bỏ qua):", 1))
    elif checked.dismissed:
        sys.stderr.write(f"Đã bỏ qua {len(checked.dismissed)} cảnh báo (in cả bằng --all).\n")
    return 1 if has_errors(checked.findings) else 0


def _backup(ws, args) -> int:
    # Without DEST: a rolling backup beside the database (docs/cli.md: rotated, last 10 plus one per month).
    print(ws.db.backup_to(Path(args.dest)) if args.dest else ws.db.auto_backup("thu-cong"))
    return 0


def _list(ws, args) -> int:
    for p in ws.db.list_plans():
        print(f"{p.id}\t{p.year}\t{p.summary}\t{' '.join(p.agency.split())}\t{p.tasks} nhiệm vụ")
    return 0


def _new(ws, args) -> int:
    from app.ops.plans import create_from_template
    from app.templates import Agency

    agency = Agency(args.agency or Agency.agency, args.parent, args.place, args.province, args.chairman)
    print(
        create_from_template(ws, args.template, args.year, agency, period=args.period, decision=args.decision).created
    )
    return 0


def _carry_forward(ws, args) -> int:
    from app.ops.plans import carry_forward_plan

    result = carry_forward_plan(ws, args.plan_id, args.year, compare=args.compare)
    print(result.plan_id)
    if result.leftovers:
        sys.stderr.write(f"Còn {len(result.leftovers)} chỗ ghi năm cũ, cần xem lại:\n")
        for lo in result.leftovers:
            sys.stderr.write(f"  {lo.place.label}: {lo.year} — «{lo.excerpt}»\n")
    return 0


# Read as a Word plan: .docx, and the kinds a clerk may pick by mistake (refused in one sentence).
WORD_SUFFIXES = (".docx", ".doc", ".pdf", ".docm", ".rtf")


def _import(ws, args) -> int:
    path = Path(args.file)
    if path.suffix.lower() in WORD_SUFFIXES:
        return _import_docx(ws, path)
    from app.ops.plans import import_plan_file

    print(import_plan_file(ws, path).created)
    return 0


def _import_docx(ws, path: Path) -> int:
    """The new id on stdout; on stderr what was recognised, then each paragraph placed by default."""
    from app.ops.import_docx import import_plan_docx

    changes, found = import_plan_docx(ws, path)
    print(changes.created)
    sys.stderr.write(f"Đã nhận ra: {found.summary()}\n")
    for text in found.unplaced:
        sys.stderr.write(f"- {' '.join(text.split())}\n")
    return 0


def _import_table(ws, args) -> int:
    from app.errors import InvalidInput
    from app.ops.import_table import import_result, read_for_plan

    appendix_id = None
    if args.appendix is not None:
        appendices = ws.plan(args.plan_id).appendices
        if not 1 <= args.appendix <= len(appendices):
            raise InvalidInput(f"Kế hoạch chỉ có {len(appendices)} phụ lục; không có phụ lục số {args.appendix}.")
        chosen = appendices[args.appendix - 1]
        if chosen.kind != "tasks":
            raise InvalidInput(f"Phụ lục số {args.appendix} là bảng chỉ tiêu; hãy chọn một bảng nhiệm vụ.")
        appendix_id = chosen.id
    table = None if args.table is None else args.table - 1
    result = read_for_plan(ws, args.plan_id, Path(args.file), table_index=table)
    tasks, subtasks = result.counts()
    import_result(ws, args.plan_id, result, appendix_id)
    print(f"Đã thêm {tasks} nhiệm vụ, {subtasks} nhiệm vụ con")
    return _table_problems(result)


def _table_problems(result) -> int:
    """Every problem of the table on stderr, one line each; 1 when a row did not arrive in the plan."""
    for problem in result.problems:
        sys.stderr.write(f"{problem.message}\n")
    left = result.not_taken()
    if left:
        sys.stderr.write(
            f"Có {len(left)} dòng của bảng không được nhập (xem các dòng trên); hãy sửa bảng rồi nhập lại.\n"
        )
    return 1 if left else 0


def _export_json(ws, args) -> int:
    from app.ops.plans import export_plan_json

    if args.version is not None:
        from app.files import write_text_atomic
        from app.versions import version_text

        write_text_atomic(Path(args.out), version_text(ws, args.plan_id, args.version))
        return 0
    export_plan_json(ws, args.plan_id, Path(args.out), versions=not args.no_versions)
    return 0


def _export(ws, args) -> int:
    from exporters.api import export_plan

    if args.version is not None:
        from app.versions import load_version

        plan = load_version(ws, args.plan_id, args.version)
    else:
        plan = ws.plan(args.plan_id)
    for path in export_plan(plan, _request(args)):
        print(path)
    return 0


def _issue(ws, args) -> int:
    from datetime import date

    from app.errors import InvalidInput
    from app.versions import issue

    try:
        on = date.fromisoformat(args.date)
    except ValueError:
        raise InvalidInput(f"Ngày «{args.date}» không hợp lệ; hãy viết theo dạng YYYY-MM-DD.") from None
    print(issue(ws, args.plan_id, args.number, on).created)
    return 0


def _save_version(ws, args) -> int:
    from app.versions import save_version

    print(save_version(ws, args.plan_id, args.name).created)
    return 0


def _versions(ws, args) -> int:
    from app.versions import KIND_NAMES, list_versions

    for v in list_versions(ws, args.plan_id):
        when = v.issued_on or v.created_at[:10]
        print(f"{v.id}\t{KIND_NAMES[v.kind]}\t{when}\t{v.label}")
    return 0


def _report(ws, args) -> int:
    from app.ops import reports
    from exporters.api import export_report

    _pin_today(args)
    request = _request(args)  # bad options are refused before the report is created
    created = reports.create(ws, args.plan_id, args.period).created
    assert created is not None
    if not request.targets():
        print(created)
        return 0
    for path in export_report(reports.load(ws, created), request):
        print(path)
    return 0


def _overview(ws, args) -> int:
    from app.ops import reports

    _pin_today(args)
    for line in reports.overview(ws, args.plan_id).lines():
        print(line)
    return 0


def _index_import(ws, args) -> int:
    from app.index.import_table import read_criteria_table
    from app.index.model import format_points
    from app.index.set_file import read_set_file
    from app.index.sets import save_set

    path = Path(args.file)
    if path.suffix.lower() == ".json":
        cs, problems = read_set_file(path), []
        if args.name:
            cs.name = args.name
    else:
        table = None if args.table is None else args.table - 1
        got = read_criteria_table(path, table, args.name or "")
        cs, problems = got.criteria_set, got.problems
    print(save_set(ws, cs))
    sys.stderr.write(f"{len(cs.criteria)} tiêu chí, tổng {format_points(cs.total)} điểm.\n")
    for problem in problems:
        sys.stderr.write(f"{problem}\n")
    return 0


def _index_sets(ws, args) -> int:
    from app.index.model import format_points

    for set_id, name, total, _, count in ws.db.list_index_sets():
        print(f"{set_id}\t{name}\t{format_points(total)} điểm\t{count} tiêu chí")
    return 0


def _index_set_export(ws, args) -> int:
    from app.index.set_file import write_set_file

    write_set_file(ws.db.load_index_set(args.set_id), Path(args.out))
    return 0


def _assess(ws, args) -> int:
    """A new assessment with the proposed scores taken; its id on stdout, the check on stderr."""
    from app.index import assess

    with ws.atomic():
        aid = assess.start(ws, args.set_id, args.year, args.plan_id)
        taken = assess.apply_proposals(ws, aid)
    print(aid)
    for p in taken:
        sys.stderr.write(f"Đề xuất tiêu chí {p.number}: {p.reason}\n")
    return 0


def _assess_export(ws, args) -> int:
    from app.index import assess
    from app.index.report import assessment_report
    from exporters.api import ExportRequest, export_assessment

    request = ExportRequest(
        docx=Path(args.docx) if args.docx else None,
        pdf=Path(args.pdf) if args.pdf else None,
        xlsx=Path(args.xlsx) if args.xlsx else None,
    )
    report = assessment_report(ws, args.assessment_id)
    for path in export_assessment(report, request, Path(args.evidence) if args.evidence else None):
        print(path)
    for f in assess.check(ws, args.assessment_id):
        sys.stderr.write(f"Cảnh báo: {f.message}\n")
    return 0


def _diff(ws, args) -> int:
    from app.versions import compare_versions
    from app.versions.diff_text import render

    diff = compare_versions(ws, args.plan_id, args.old, args.new)
    print("\n".join(render(diff)))
    if args.docx:
        return _export_changes(ws, args)
    return 0


def _export_changes(ws, args) -> int:
    from datetime import UTC, datetime

    from app.versions import resolve
    from exporters.api import export_tracked_changes

    ws.db.load_plan(args.plan_id)  # NotFound for a plan that does not exist
    old, _ = resolve(ws, args.plan_id, args.old)
    new, _ = resolve(ws, args.plan_id, args.new)
    when = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    print(export_tracked_changes(old, new, Path(args.docx), when))
    return 0


def _amend(ws, args) -> int:
    from app.versions import create_amendment

    print(create_amendment(ws, args.plan_id, args.old, args.new).created)
    return 0


COMMANDS = {
    "check": _check,
    "backup": _backup,
    "list": _list,
    "new": _new,
    "carry-forward": _carry_forward,
    "import": _import,
    "import-table": _import_table,
    "export-json": _export_json,
    "export": _export,
    "report": _report,
    "overview": _overview,
    "index-import": _index_import,
    "index-sets": _index_sets,
    "index-set-export": _index_set_export,
    "assess": _assess,
    "assess-export": _assess_export,
    "issue": _issue,
    "save-version": _save_version,
    "versions": _versions,
    "diff": _diff,
    "export-changes": _export_changes,
    "amend": _amend,
}


def run_cli(args) -> int:
    from app.errors import UserError

    try:
        return _dispatch(args)
    except UserError as e:
        sys.stderr.write(f"Lỗi: {e.message}\n")
        return EXIT_BAD_INPUT
    except OSError as e:  # the environment (a folder, a disk), never a traceback or the system's English
        from app.errors import os_reason

        where = f" «{e.filename}»" if e.filename else ""
        sys.stderr.write(f"Lỗi: không đọc ghi được tệp{where}: {os_reason(e)}; hãy kiểm tra rồi thử lại.\n")
        return EXIT_BAD_INPUT


def _dispatch(args) -> int:
    if args.command == "templates":
        from app.templates import list_templates

        for t in list_templates():
            print(f"{t.id}\t{t.title}")
        return 0
    if args.command == "restore":
        from app.errors import InvalidInput
        from app.instance_lock import window_has_open
        from app.workspace import Storage

        if window_has_open(_db_path(args)):
            raise InvalidInput(
                f"Cửa sổ Kế hoạch CCHC đang mở tệp dữ liệu «{_db_path(args).name}»; hãy đóng cửa sổ rồi khôi phục lại."
            )
        safety = Storage.restore_file(_db_path(args), Path(args.file))
        if safety is not None:
            print(safety)
        return 0
    from app.workspace import open_workspace

    ws = open_workspace(_db_path(args))
    try:
        return COMMANDS[args.command](ws, args)
    finally:
        ws.close()


def _utf8_output() -> None:
    """Vietnamese on stdout/stderr whatever the console or pipe: a Windows pipe defaults to the
    ANSI code page (cp1252), where printing "Đã thêm" would raise."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    args = build_parser().parse_args(argv)
    if args.command:
        return run_cli(args)
    try:
        from ui.app import run_window
    except ImportError:
        print("Cửa sổ chương trình đang được xây dựng; hãy dùng các lệnh (xem «python main.py --help»).")
        return 0
    return run_window(db=Path(args.db) if args.db else None, smoke=args.smoke)


if __name__ == "__main__":
    sys.exit(main())
