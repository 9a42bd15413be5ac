"""Review notes (批注) and 定稿 without Qt: edits, the draft file, the fingerprint, the exports, the CLI."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from app import final, notes
from app.canonical import from_canonical, to_canonical
from app.editing import Editor, SetCells
from app.errors import CanonicalError, FinalReportError, NianbaoError
from app.exporters.docx import export_docx
from app.exporters.html import export_html
from app.exporters.pdf import export_pdf
from app.exporters.word_comments import HANDLED
from app.review import Note, SetNote
from app.rules import check
from app.store import load, save
from tests.helpers import roundtrip, run_cli, zero_report
from tests.pdf_reading import large_text, pdftotext, squeeze

FIXED = "2026-11-30T08:00:00+00:00"


def _reviewed() -> tuple[Editor, object]:
    report = zero_report()
    for part in report.sections["s1"].parts:
        part.text = f"本年度{part.title}工作有序开展。"
    editor = Editor(report)
    editor.apply(notes.add_note(report, "cell", "t3.new.natural", "自然人申请数与登记簿不符，请核对", "李审核", FIXED))
    editor.apply(notes.add_note(report, "part", "s1/1", "这一段请写明办理时限", "李审核", FIXED))
    editor.apply(notes.add_note(report, "section", "s5", "请补充上年问题的整改情况", "王科长", FIXED))
    editor.apply(notes.add_note(report, "report", "", "整体可以，改完再送", "王科长", FIXED))
    return editor, report


# ---------------------------------------------------------------- notes


def test_notes_are_added_handled_and_undone_through_the_editor() -> None:
    editor, report = _reviewed()
    assert [n.id for n in report.notes] == ["n1", "n2", "n3", "n4"]
    assert notes.place(report, "cell:t3.new.natural").label.startswith("收到和处理政府信息公开申请情况")
    assert notes.place(report, "part:s1/1").label == "一、总体情况 （二）依申请公开"
    change = editor.apply(notes.set_handled(report, "n1", "张填报", at=FIXED))
    assert change.notes == {"n1"}
    assert report.notes[0].handled and report.notes[0].handled_by == "张填报"
    assert notes.open_count(report) == 3
    editor.apply(change.inverse)  # undo
    assert not report.notes[0].handled
    removed = editor.apply(notes.remove_note(report, "n2"))
    assert [n.id for n in report.notes] == ["n1", "n3", "n4"]
    editor.apply(removed.inverse)
    assert [n.id for n in report.notes] == ["n1", "n2", "n3", "n4"]  # back where it was
    with pytest.raises(NianbaoError, match="批注内容为空"):
        notes.add_note(report, "cell", "t3.new.natural", "  ", "李审核")
    with pytest.raises(NianbaoError, match="没有单元格"):
        notes.add_note(report, "cell", "t9.nothing", "错", "李审核")


def test_notes_travel_through_the_draft_file(tmp_path: Path) -> None:
    editor, report = _reviewed()
    editor.apply(notes.set_handled(report, "n3", "张填报", at=FIXED))
    path = tmp_path / "审核.nianbao"
    save(report, path)
    stored = json.loads(path.read_text(encoding="utf-8"))["report"]["1"]["notes"]
    assert stored[2] == {"id": "n3", "target": "section:s5", "text": "请补充上年问题的整改情况", "author": "王科长",
                         "at": FIXED, "handled_by": "张填报", "handled_at": FIXED}
    back = load(path)
    assert back.notes == report.notes
    assert "notes" not in to_canonical(zero_report())  # optional: a draft without notes has no key


def test_broken_notes_are_refused_in_chinese() -> None:
    data = to_canonical(zero_report())
    data["notes"] = [{"id": "n1", "target": "nowhere", "text": "x"}]
    with pytest.raises(CanonicalError, match="位置不对"):
        from_canonical(data)
    data["notes"] = "x"
    with pytest.raises(CanonicalError, match="批注"):
        from_canonical(data)


def test_notes_export_as_word_comments_read_back() -> None:
    editor, report = _reviewed()
    editor.apply(notes.set_handled(report, "n3", "张填报", at=FIXED))
    data = export_docx(report).data
    path_free = docx.Document(__import__("io").BytesIO(data))
    comments = {c.text: c.author for c in path_free.comments}
    assert comments["自然人申请数与登记簿不符，请核对"] == "李审核"
    assert comments["这一段请写明办理时限"] == "李审核"
    assert any(text.startswith(HANDLED + "请补充上年问题的整改情况") for text in comments)
    assert len(comments) == 4
    # each comment is anchored where its note is: the figure, the sub-head, the heading, the title
    body = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml").decode("utf-8")
    anchored = {}
    for match in re.finditer(r'<w:commentRangeStart w:id="(\d+)"/>(.*?)<w:commentRangeEnd w:id="\1"/>', body, re.S):
        anchored[int(match.group(1))] = re.sub(r"<[^>]+>", "", match.group(2))
    assert anchored[0] == "0"  # t3.new.natural's figure
    assert anchored[1] == "（二）依申请公开"
    assert anchored[2] == "五、存在的主要问题及改进情况"
    assert anchored[3] == report.title
    xml = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/comments.xml").decode("utf-8")
    assert 'w:author="王科长"' in xml and "2026-11-30T08:00:00" in xml


def test_a_report_without_notes_exports_no_comments_part() -> None:
    data = export_docx(zero_report()).data
    assert "word/comments.xml" not in zipfile.ZipFile(__import__("io").BytesIO(data)).namelist()


def test_notes_do_not_print_in_the_published_pdf(tmp_path: Path) -> None:
    _editor, report = _reviewed()
    path = tmp_path / "r.pdf"
    path.write_bytes(export_pdf(report).data)
    assert "登记簿" not in squeeze(pdftotext(path))


# ---------------------------------------------------------------- 定稿


def test_fingerprint_is_sha256_of_the_documented_content_bytes() -> None:
    report = zero_report()
    canonical = to_canonical(report)
    content = {k: canonical[k] for k in ("format", "meta", "totals", "sections", "cells")}
    expected = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    assert final.content_bytes(report) == expected
    assert final.fingerprint(report) == hashlib.sha256(expected).hexdigest()
    before = final.fingerprint(report)
    Editor(report).apply(notes.add_note(report, "report", "", "批注不是内容", "李审核"))
    assert final.fingerprint(report) == before  # a note does not change what is signed off
    report.cells["t3.new.natural"] = 1
    assert final.fingerprint(report) != before


def test_every_canonical_key_is_content_or_workflow() -> None:
    """A new key in the draft must be classified: part of the fingerprint or not."""
    editor, report = _reviewed()
    report.acknowledgements["S.fee:s6"] = "x"
    report.acknowledged_figures["S.fee:s6"] = "||"
    report.uncertain["t3.new.natural"] = "x"
    report.carried.add("s1")
    from app.lastyear import snapshot

    report.previous = snapshot(zero_report(), Path("last.nianbao"))
    editor.apply(final.finalise(report, "王科长", at=FIXED))
    keys = set(to_canonical(report))
    assert keys <= set(final.CONTENT_KEYS) | set(final.WORKFLOW_KEYS), keys - set(final.CONTENT_KEYS) - set(final.WORKFLOW_KEYS)


def test_finalise_refuses_while_errors_remain_unless_each_is_explained() -> None:
    report = zero_report(t4__review__upheld=3)  # a T4.sum error
    errors = [f for f in check(report) if f.is_error]
    assert errors
    with pytest.raises(FinalReportError, match="还有 1 个错误没有改正或说明，不能定稿"):
        final.finalise(report, "王科长")
    edit = final.finalise(report, "王科长", {errors[0].key: "按已发布的原表录入，总计以原表为准"}, at=FIXED)
    Editor(report).apply(edit)
    assert report.final is not None and report.final.by == "王科长"
    assert dict(report.final.explained) == {errors[0].key: "按已发布的原表录入，总计以原表为准"}
    assert not final.is_draft(report)  # a final report prints without 草稿
    marks = large_text(export_pdf(report).data)
    assert not any(marks)
    assert not export_docx(report).draft and not export_html(report).draft


def test_a_final_report_refuses_every_edit_until_reopened() -> None:
    report = zero_report()
    editor = Editor(report)
    editor.apply(final.finalise(report, "王科长", at=FIXED))
    with pytest.raises(FinalReportError, match="已定稿，不能修改"):
        editor.apply(SetCells.of({"t3.new.natural": 5}))
    with pytest.raises(FinalReportError):
        editor.apply(SetNote("n1", Note("n1", "report", "x", "a", FIXED)))
    with pytest.raises(FinalReportError, match="已.*定稿"):
        final.finalise(report, "王科长")
    reopened = editor.apply(final.reopen(report, "李审核", at=FIXED))
    assert report.final is None
    assert [(e.action, e.by) for e in report.final_log] == [("final", "王科长"), ("reopen", "李审核")]
    editor.apply(SetCells.of({"t3.new.natural": 5}))
    assert report.cells["t3.new.natural"] == 5
    assert roundtrip(report).final_log == report.final_log
    assert reopened.inverse is not None


def test_fingerprint_printed_on_the_last_page_only_and_matches(tmp_path: Path) -> None:
    report = zero_report()
    Editor(report).apply(final.finalise(report, "王科长", at=FIXED))
    path = tmp_path / "final.pdf"
    exported = export_pdf(report)
    path.write_bytes(exported.data)
    mark = hashlib.sha256(final.content_bytes(report)).hexdigest()
    last = pdftotext(path, exported.pages, exported.pages)
    assert mark in squeeze(last)
    assert "定稿：王科长" in squeeze(last)
    assert mark not in squeeze(pdftotext(path, 1, exported.pages - 1))
    draft_path = tmp_path / "draft.pdf"
    draft_path.write_bytes(export_pdf(zero_report()).data)
    assert "SHA-256" not in pdftotext(draft_path)  # a draft is not signed off: no fingerprint


def test_draft_file_keeps_the_sign_off_and_tampering_shows(tmp_path: Path) -> None:
    report = zero_report()
    Editor(report).apply(final.finalise(report, "王科长", at=FIXED))
    path = tmp_path / "定稿.nianbao"
    save(report, path)
    back = load(path)
    assert back.final == report.final and final.intact(back)
    back.cells["t3.new.natural"] = 9  # changed behind the program's back
    assert not final.intact(back)


def test_cli_fingerprint_matches_sha256sum_and_write_commands_refuse_a_final_draft(tmp_path: Path) -> None:
    report = zero_report()
    Editor(report).apply(final.finalise(report, "王科长", at=FIXED))
    path = tmp_path / "定稿.nianbao"
    save(report, path)
    done = run_cli("fingerprint", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{final.fingerprint(report)}  {path}\n"
    assert "与定稿时的指纹一致" in done.stderr
    content = run_cli("fingerprint", "--content", str(path))
    assert hashlib.sha256(content.stdout.encode("utf-8")).hexdigest() == final.fingerprint(report)
    refused = run_cli("detach-previous", str(path))
    assert refused.returncode == 2
    assert "已于" in refused.stderr and "定稿，不能修改" in refused.stderr
    refused = run_cli("attach-previous", str(path), str(path))
    assert "定稿，不能修改" in refused.stderr
    refused = run_cli("new", "--organ", "某县", "--year", "2025", "-o", str(path), "--force")
    assert "定稿，不能修改" in refused.stderr
    assert load(path).final == report.final  # untouched


def test_review_print_out_lists_every_note_and_the_cli_lists_them(tmp_path: Path) -> None:
    editor, report = _reviewed()
    editor.apply(notes.set_handled(report, "n3", "张填报", at=FIXED))
    draft = tmp_path / "审核.nianbao"
    save(report, draft)
    out = tmp_path / "批注.pdf"
    done = run_cli("notes", str(draft), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "共 4 条批注，3 条未处理" in done.stdout
    assert "[n1] 收到和处理政府信息公开申请情况" in done.stdout
    text = squeeze(pdftotext(out))
    assert "批注清单" in text and "审阅稿，不用于发布" in text
    for note in report.notes:
        assert squeeze(note.text) in text
    assert "已处理" in text and "张填报" in text


def test_cli_show_and_check_tell_the_sign_off_and_the_reasons(tmp_path: Path) -> None:
    report = zero_report(t4__review__upheld=3)  # a T4.sum error, explained at 定稿
    key = next(f.key for f in check(report) if f.is_error)
    editor = Editor(report)
    editor.apply(notes.add_note(report, "report", "", "可以发布", "王科长", FIXED))
    editor.apply(final.finalise(report, "王科长", {key: "按原表录入"}, at=FIXED))
    path = tmp_path / "定稿.nianbao"
    save(report, path)
    shown = run_cli("show", str(path))
    assert "已定稿：王科长" in shown.stdout and final.fingerprint(report) in shown.stdout
    assert "批注：1 条，1 条未处理" in shown.stdout
    checked = run_cli("check", str(path))
    assert "（定稿时说明：按原表录入）" in checked.stdout


def test_last_year_attached_leaves_its_notes_and_sign_off_behind() -> None:
    from app.lastyear import snapshot, start_from

    editor, last = _reviewed()
    editor.apply(final.finalise(last, "王科长", at=FIXED))
    kept = snapshot(last, "last.nianbao").report
    assert kept.notes == [] and kept.final is None and kept.final_log == []
    begun = start_from(last, 2025)
    assert begun.final is None and begun.notes == []
    assert last.final is not None and len(last.notes) == 4  # last year itself untouched
