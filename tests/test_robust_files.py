"""Hostile drafts and JSON of any shape: a clear Chinese error or a report, never a crash."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import DraftFileError, ImportSourceError
from app.format import layout
from app.importers import read_source
from app.rules import check
from app.store import load
from tests.helpers import run_cli

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.text(max_size=8)
    | st.sampled_from(["2021", "2019", "hybrid", "1e999999999", "-0", "NaN", "96171.6"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
CELL_IDS = [c.id for c in layout("2021").cells]
CANONICAL = st.fixed_dictionaries({}, optional={
    "format": JSON, "meta": JSON | st.fixed_dictionaries({}, optional={"organ": JSON, "year": JSON, "kind": JSON}),
    "sections": JSON | st.dictionaries(st.sampled_from(["s1", "s5", "s6"]), JSON, max_size=2),
    "cells": JSON | st.dictionaries(st.sampled_from(CELL_IDS), JSON, max_size=6),
    "totals": JSON, "acknowledgements": JSON, "uncertain": JSON,
})
HEADER = {"1": {"format": "nianbao-draft", "schema": 1}}

ROBUST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ROBUST
@given(document=JSON | CANONICAL)
def test_any_json_as_a_draft(tmp_path: Path, document: object) -> None:
    for wrapped in (document, {"file": HEADER, "report": document}, {"file": HEADER, "report": {"1": document}}):
        path = tmp_path / "x.nianbao"
        path.write_text(json.dumps(wrapped, ensure_ascii=False), encoding="utf-8")
        try:
            report = load(path)
        except DraftFileError as error:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error))
            continue
        check(report)


@ROBUST
@given(document=JSON | CANONICAL)
def test_any_json_as_canonical_import(tmp_path: Path, document: object) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    try:
        result = read_source(path)
    except ImportSourceError as error:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error))
        return
    check(result.report)


@pytest.mark.parametrize("content", [
    '{"file": [1]}',
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": [1]}',
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"format": ["2021"]}}}',
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"cells": {"t2.fee.amount": "1e999999999"}}}}',
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"cells": {"t3.new.natural": 1e999999999}}}}',
    '{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"cells": {"t3.new.natural": ' + "9" * 5000 + "}}}}",
], ids=["file-list", "report-list", "format-list", "huge-fee", "huge-count", "long-number"])
def test_malformed_drafts_exit_2_or_check(tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.nianbao"
    path.write_text(content, encoding="utf-8")
    done = run_cli("check", str(path))
    assert "Traceback" not in done.stderr
    assert done.returncode in (1, 2)
    lines = (done.stderr or done.stdout).strip().splitlines()
    assert lines and any("\u4e00" <= ch <= "\u9fff" for ch in lines[-1])


def test_a_huge_fee_is_a_value_error_not_a_crash() -> None:
    from app.canonical import from_canonical

    report = from_canonical({"cells": {"t2.fee.amount": "1e999999999"}})
    assert [f.rule for f in check(report) if f.cells == ("t2.fee.amount",)] == ["CELL.value"]
    assert from_canonical({"cells": {"t2.fee.amount": "96171.6"}}).cells["t2.fee.amount"] == Decimal("96171.6")
