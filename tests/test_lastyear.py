"""Last year's report inside this year's draft: the snapshot through file, JSON and migration;
attach/replace/detach as undoable edits; ``new --from``; ``attach-previous``."""

from __future__ import annotations

import json
from pathlib import Path

from app.canonical import from_canonical, to_canonical
from app.editing import Editor, PartPlace, SectionPlace, SetCells, SetPrevious, SetText
from app.importers import read_source
from app.lastyear import mismatches, snapshot, start_from
from app.report import Report
from app.store import SCHEMA_VERSION, load, save
from tests.helpers import run_cli, zero_report

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"


def _last() -> Report:
    last = zero_report(t3__next__natural=2, t3__next__legal=1, t3__next__total=3)
    last.meta.year, last.meta.contact = 2023, "电话：0517-1234567"
    last.sections["s1"].parts[0].text = "2023年，我局通过门户网站主动公开政府信息315条，其中政策文件42条。"
    return last


def test_snapshot_survives_save_reopen_and_show_json(tmp_path: Path) -> None:
    report = zero_report()
    report.previous = snapshot(_last(), "/某处/2023年报告.pdf")
    path = tmp_path / "2024.nianbao"
    save(report, path)
    again = load(path)
    assert again.previous is not None
    assert again.previous.source == "2023年报告.pdf" and again.previous.attached.endswith("+00:00")
    assert again.previous.report.cells["t3.next.natural"] == 2 and again.previous.report.meta.year == 2023
    assert to_canonical(again) == to_canonical(report)
    shown = json.loads(run_cli("show", str(path), "--json").stdout)
    assert shown["previous"]["report"]["meta"]["year"] == 2023 and shown["previous"]["source"] == "2023年报告.pdf"
    assert "previous" not in shown["previous"]["report"]  # one year back only


def test_a_schema_1_draft_is_migrated_on_reading(tmp_path: Path) -> None:
    """A draft written by the version before this one (schema 1, no last year) opens unchanged."""
    data = to_canonical(zero_report())
    path = tmp_path / "旧.nianbao"
    path.write_text(json.dumps({"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": data}},
                               ensure_ascii=False), encoding="utf-8")
    report = load(path)
    assert report.previous is None and report.carried == set()
    assert to_canonical(report) == data
    save(report, path)
    assert json.loads(path.read_text(encoding="utf-8"))["file"]["1"]["schema"] == SCHEMA_VERSION == 4


def test_attach_replace_detach_are_undoable_edits() -> None:
    report = zero_report()
    editor = Editor(report)
    assert not [f for f in editor.findings if f.rule == "X.carry"]
    first = snapshot(_last())
    change = editor.apply(SetPrevious(first))
    assert report.previous is first and change.previous
    assert {f.cells[0] for f in change.findings.added if f.rule == "X.carry"} == {"t3.carried.natural",
                                                                                  "t3.carried.legal", "t3.carried.total"}
    assert {f.cells[0] for f in editor.findings if f.rule == "X.carry"} == {"t3.carried.natural", "t3.carried.legal",
                                                                            "t3.carried.total"}
    second = snapshot(zero_report())
    replaced = editor.apply(SetPrevious(second))
    assert not [f for f in editor.findings if f.rule == "X.carry"]
    editor.apply(replaced.inverse)  # undo the replacement: the first last year is back
    assert report.previous is first and len([f for f in editor.findings if f.rule == "X.carry"]) == 3
    detached = editor.apply(SetPrevious(None))
    assert report.previous is None and not [f for f in editor.findings if f.rule == "X.carry"]
    editor.apply(detached.inverse)
    assert report.previous is first


def test_mismatched_organ_or_year_is_asked_about() -> None:
    report, last = zero_report(), _last()
    assert mismatches(report, last) == []
    last.meta.organ, last.meta.year = "别的局", 2022
    assert len(mismatches(report, last)) == 2 and "别的局" in mismatches(report, last)[0]


def test_start_from_last_year_with_texts_marks_carried_paragraphs_until_edited() -> None:
    report = start_from(_last(), 2024, texts=True)
    assert (report.meta.organ, report.meta.year, report.meta.contact) == ("测试县数据局", 2024, "电话：0517-1234567")
    assert report.cells["t3.carried.natural"] == 2 and report.cells["t3.carried.total"] == 3
    assert report.cells["t3.new.total"] == 0 and report.cells["t3.next.natural"] == 0
    assert {"t3.carried.natural", "s1", "s1/0", "s5", "s6"} <= report.carried
    assert report.previous is not None and report.previous.report.meta.year == 2023
    editor = Editor(report)
    assert not [f for f in editor.findings if f.rule == "X.carry"]
    change = editor.apply(SetText(PartPlace("s1", 0, "text"), "本年度主动公开政府信息402条。"))
    assert "s1/0" not in report.carried
    editor.apply(change.inverse)
    assert "s1/0" in report.carried  # undo gives the mark back
    typed = editor.apply(SetCells((("t3.carried.natural", 3),)))
    assert "t3.carried.natural" not in report.carried
    assert [(f.expected, f.actual) for f in editor.findings if f.key == "X.carry:natural"] == [(2, 3)]
    editor.apply(typed.inverse)
    assert "t3.carried.natural" in report.carried and not [f for f in editor.findings if f.rule == "X.carry"]
    bare = start_from(_last(), 2024)
    assert bare.sections["s1"].parts[0].text == "" and not {"s1", "s1/0"} & bare.carried
    assert SectionPlace("s1")  # the places are app.editing's


def test_new_from_hongze_2023(tmp_path: Path) -> None:
    out = tmp_path / "h.nianbao"
    done = run_cli("new", "--from", str(REALWORLD / "hongze-2023.pdf"), "--year", "2024", "-o", str(out))
    assert done.returncode == 0, done.stderr
    report, last = load(out), read_source(REALWORLD / "hongze-2023.pdf").report
    assert report.meta.organ == "淮安市洪泽区人民政府" and report.meta.year == 2024
    for column in ("natural", "business", "research", "social", "legal", "other", "total"):
        assert report.cells[f"t3.carried.{column}"] == last.cells[f"t3.next.{column}"]
    assert report.previous is not None and report.previous.source == "hongze-2023.pdf"
    checked = run_cli("check", str(out), "--json")
    assert "X.carry" not in {f["rule"] for f in json.loads(checked.stdout)["findings"]}


def test_attach_previous_cli_asks_for_force_on_a_mismatch(tmp_path: Path) -> None:
    draft, last = tmp_path / "2024.nianbao", tmp_path / "2023.json"
    save(zero_report(), draft)
    odd = _last()
    odd.meta.year = 2021
    last.write_text(json.dumps(to_canonical(odd), ensure_ascii=False), encoding="utf-8")
    refused = run_cli("attach-previous", str(draft), str(last))
    assert refused.returncode == 2 and "--force" in refused.stderr and "2021" in refused.stderr
    assert load(draft).previous is None
    done = run_cli("attach-previous", str(draft), str(last), "--force")
    assert done.returncode == 0 and "X.carry" in done.stdout
    assert load(draft).previous is not None
    checked = json.loads(run_cli("check", str(draft), "--json").stdout)  # the attached last year is used
    assert "X.carry" in {f["rule"] for f in checked["findings"]}
    assert run_cli("detach-previous", str(draft)).returncode == 0 and load(draft).previous is None


def test_canonical_previous_is_checked() -> None:
    data = to_canonical(zero_report())
    data["previous"] = {"source": "x", "report": "不是对象"}
    try:
        from_canonical(data)
    except Exception as error:  # noqa: BLE001 - the sentence is what matters
        assert "上年报告" in str(error)
    else:
        raise AssertionError("a malformed previous was accepted")


def test_carried_marks_follow_their_sub_heads_when_moved() -> None:
    from app.editing import SetParts

    last = _last()
    last.sections["s1"].parts[1].text = ""  # nothing to carry under 依申请公开
    last.sections["s1"].parts[2].text = "政府信息管理方面，我局全面清理了现行有效的规范性文件。"
    report = start_from(last, 2024, texts=True)
    assert {"s1/0", "s1/2"} <= report.carried and "s1/1" not in report.carried
    editor = Editor(report)
    parts = report.sections["s1"].parts
    moved = editor.apply(SetParts.of("s1", [parts[2], parts[0], parts[1], *parts[3:]]))
    assert {"s1/0", "s1/1"} <= report.carried and "s1/2" not in report.carried
    editor.apply(moved.inverse)
    assert {"s1/0", "s1/2"} <= report.carried and "s1/1" not in report.carried
