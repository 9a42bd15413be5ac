"""Hostile drafts: every malformed draft is the project's own error (exit 2), every editor's encoding opens,
and the command line never prints a traceback."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.canonical import to_canonical
from app.cli import EXIT_CRASH, _guarded
from app.errors import DraftFileError
from app.store import load, save
from tests.helpers import ROOT, run_cli, zero_report

HEADER = {"1": {"format": "nianbao-draft", "schema": 1}}
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(st.characters(exclude_categories=()), max_size=10),  # lone surrogates and controls too
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)
KEYS = st.sampled_from(["1", "①", "²", "٣", "0", "-1", "01", "", " 1", "1e3"]) | st.text(max_size=3)
ROBUST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _draft_json(report: dict[str, object] | object, key: str = "1") -> str:
    return json.dumps({"file": HEADER, "report": {key: report}}, ensure_ascii=False)


@ROBUST
@given(document=ANY_JSON, key=KEYS, wrap=st.integers(0, 2))
def test_every_json_shape_through_open_and_save(tmp_path: Path, document: object, key: str, wrap: int) -> None:
    content = [json.dumps(document), json.dumps({"file": HEADER, "report": document}), _draft_json(document, key)][wrap]
    path = tmp_path / "x.nianbao"
    # a lone surrogate written as a broken UTF-8 file would carry it (ED A0 80): hostile bytes, not a test crash
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    try:
        report = load(path)
    except DraftFileError as error:
        assert _chinese(str(error))
        return
    again = tmp_path / "again.nianbao"
    save(report, again)
    assert to_canonical(load(again)) == to_canonical(report)


@pytest.mark.parametrize("content", [
    _draft_json({"meta": json.loads("[" * 100 + "]" * 100)}).replace('"meta": [', '"meta": ' + "[" * 1000, 1)
    .replace("]}", "]" * 1000 + "}", 1),
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"meta": ' + "[" * 100000
    + "]" * 100000 + "}}}",
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"s": ' + "{\"a\":" * 3000
    + "1" + "}" * 3000 + "}}}",
    _draft_json({}, "①"), _draft_json({}, "²"), _draft_json({}, "٣"),
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"cells": {"t3.new.natural": '
    + "9" * 5000 + "}}}}",
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"meta": {"year": ' + "9" * 5000 + "}}}}",
], ids=["deep-1000", "deep-100000", "deep-objects", "id-circled", "id-superscript", "id-arabic", "long-count",
        "long-year"])
def test_malformed_draft_is_exit_2_with_a_sentence(tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.nianbao"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DraftFileError):
        load(path)
    for command in (["show", str(path)], ["check", str(path)], ["export", str(path), "-o", str(tmp_path / "x.pdf")]):
        done = run_cli(*command)
        assert "Traceback" not in done.stderr + done.stdout
        assert done.returncode == 2, done.stderr
        assert _chinese(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                      "utf-32-be"])
def test_draft_saved_by_notepad_opens(tmp_path: Path, encoding: str) -> None:
    report = zero_report(t3__new__natural=7)
    report.sections["s1"].text = "葛镕堃在本年度负责公开工作。"
    plain = tmp_path / "plain.nianbao"
    save(report, plain)
    edited = tmp_path / "edited.nianbao"
    edited.write_bytes(plain.read_text(encoding="utf-8").encode(encoding))
    assert to_canonical(load(edited)) == to_canonical(report)
    save(load(edited), edited)  # written back as the program's own UTF-8
    assert edited.read_bytes() == plain.read_bytes()


def test_damaged_utf16_and_foreign_text_are_named(tmp_path: Path) -> None:
    report = zero_report()
    plain = tmp_path / "plain.nianbao"
    save(report, plain)
    text = plain.read_text(encoding="utf-8")
    broken = tmp_path / "u16.nianbao"
    broken.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le")[:-1] + b"\x00\xd8")
    with pytest.raises(DraftFileError, match="UTF-16"):
        load(broken)
    gbk = tmp_path / "gbk.nianbao"
    gbk.write_bytes(text.encode("gb18030"))
    with pytest.raises(DraftFileError, match="不是 UTF-8"):
        load(gbk)
    cut = tmp_path / "cut.nianbao"
    cut.write_bytes(text.encode("utf-8").rstrip(b"\n}] ") + "葛".encode()[:2])
    with pytest.raises(DraftFileError, match="不完整"):
        load(cut)


def test_closed_pipe_is_silent(tmp_path: Path) -> None:
    path = tmp_path / "x.nianbao"
    save(zero_report(), path)
    done = subprocess.run(f'"{sys.executable}" -m app show --json "{path}" | head -1', shell=True,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout == "{\n"
    assert done.stderr == ""


def test_unexpected_error_is_one_sentence_and_a_crash_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path))

    def broken(argv: object) -> int:
        return {}["missing"]  # type: ignore[no-any-return]

    assert _guarded(broken)([]) == EXIT_CRASH
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "程序内部出错" in err[0] and "Traceback" not in err[0]
    reports = list((tmp_path / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in err[0]
    assert "KeyError" in reports[0].read_text(encoding="utf-8")


def test_unexpected_error_in_a_real_process_exits_3(tmp_path: Path) -> None:
    """A bug inside a command (here a check that divides by zero) is one line and exit 3 from ``main``."""
    path = tmp_path / "x.nianbao"
    save(zero_report(), path)
    code = ("import sys, app.cli as cli; cli._COMMANDS['check'] = lambda args: 1 // 0; "
            f"sys.exit(cli.main(['check', {str(path)!r}]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env={**os.environ, "NIANBAO_DATA_DIR": str(tmp_path)})
    assert "Traceback" not in done.stderr
    assert done.returncode == 3, done.stderr
    assert "程序内部出错" in done.stderr


def test_invisible_characters_decided_per_class(tmp_path: Path) -> None:
    """Stripped on entry with a notice naming the place and the code point beside a visible neighbour."""
    from app.exporters.pdf import export_pdf
    from app.textclean import clean

    typed = "葛\U000e0100镕\u202e堃\u2060喆\x7f昇\u200b珺\ud800\ufe0f，\tA\uE000"
    cleaned, notices = clean(typed, "“五、存在的主要问题及改进情况”")
    assert cleaned == "葛镕堃喆昇珺，\tA\uE000"  # tab and a private-use character are kept
    assert any("“葛”后面的不可见的异体选择符 U+E0100" in n for n in notices)
    assert any("U+202E" in n for n in notices) and any("U+007F" in n for n in notices)
    assert any("U+D800" in n and "残缺" in n for n in notices)
    assert all(n.startswith("“五、存在的主要问题及改进情况”中的") for n in notices)
    report = zero_report()
    report.sections["s5"].text = typed
    path = tmp_path / "x.nianbao"
    path.write_text(json.dumps({"file": HEADER, "report": {"1": to_canonical(report)}}), encoding="utf-8")
    assert "\\ud800" in path.read_text(encoding="utf-8")  # a lone surrogate, as JSON writes it
    found: list[str] = []
    loaded = load(path, found)
    assert loaded.sections["s5"].text == cleaned and len(found) == len(notices)
    save(loaded, tmp_path / "again.nianbao")
    report.sections["s5"].text = "葛\U000e0100"  # straight into the report, not through an entry point
    with pytest.raises(Exception, match="“葛”后面的不可见的异体选择符 U\\+E0100"):
        export_pdf(report)


def test_typed_double_asterisks_survive_the_draft(tmp_path: Path) -> None:
    report = zero_report()
    report.sections["s1"].text = "2**3=8，**不是粗体**"
    path = tmp_path / "x.nianbao"
    save(report, path)
    assert load(path).sections["s1"].text == "2**3=8，**不是粗体**"


@ROBUST
@given(organ=st.text(st.characters(exclude_categories=()), max_size=12),
       text=st.text(st.characters(exclude_categories=()), max_size=40))
def test_any_text_in_a_draft_opens_and_saves(tmp_path: Path, organ: str, text: str) -> None:
    """Whatever characters a draft holds (written by anything), it opens and can always be saved again."""
    canonical = to_canonical(zero_report())
    canonical["meta"]["organ"] = organ
    canonical["sections"]["s1"]["text"] = text
    path = tmp_path / "x.nianbao"
    path.write_text(json.dumps({"file": HEADER, "report": {"1": canonical}}), encoding="utf-8")
    try:
        report = load(path)
    except DraftFileError as error:
        assert _chinese(str(error))
        return
    save(report, tmp_path / "again.nianbao")
    assert to_canonical(load(tmp_path / "again.nianbao")) == to_canonical(report)
