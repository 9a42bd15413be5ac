"""The canonical JSON of a report: what ``nianbao show --json`` prints and ``import`` reads.

The same dictionary is stored inside the draft file, so there is one way to write a report down.
"""

from __future__ import annotations

from typing import Any

from app.errors import CanonicalError
from app.format import DEFAULT_ORGAN_KIND, LAYOUTS, META_TITLE, ORGAN_KINDS, meta_field
from app.report import TOTALS_COMPUTED, TOTALS_PUBLISHED, Meta, Narrative, Part, Previous, Report
from app.review import (final_from_json, final_to_json, log_from_json, log_to_json, notes_from_json,
                        notes_to_json)
from app.values import from_json, to_json


def to_canonical(report: Report) -> dict[str, Any]:
    """The report as plain JSON data: every cell of its layout, Chinese kept as is."""
    meta = report.meta
    data: dict[str, Any] = {
        "format": report.layout_id,
        "meta": {
            "organ": meta.organ,
            "kind": meta.kind,
            "year": meta.year,
            "published": meta.published,
            "contact": meta.contact,
            "website": meta.website,
            "opening": meta.opening,
        },
        "totals": report.totals,
        "sections": {
            sid: {"text": n.text, "parts": [{"title": p.title, "text": p.text} for p in n.parts]}
            for sid, n in report.sections.items()
        },
        "cells": {cell.id: to_json(report.cells[cell.id]) for cell in report.layout.cells},
        "acknowledgements": dict(report.acknowledgements),
        "uncertain": dict(report.uncertain),
    }
    if report.acknowledged_figures:
        data["acknowledged_figures"] = dict(report.acknowledged_figures)
    if report.carried:
        data["carried"] = sorted(report.carried)
    if report.previous is not None:
        data["previous"] = previous_to_canonical(report.previous)
    if report.notes:
        data["notes"] = notes_to_json(report.notes)
    if report.final is not None:
        data["final"] = final_to_json(report.final)
    if report.final_log:
        data["final_log"] = log_to_json(report.final_log)
    return data


def previous_to_canonical(previous: Previous) -> dict[str, Any]:
    """Last year's snapshot: where it came from, when, and the report itself (without its own last year)."""
    last = to_canonical(previous.report)
    last.pop("previous", None)
    last.pop("carried", None)
    for key in ("notes", "final", "final_log"):  # last year's review and sign-off are not this draft's
        last.pop(key, None)
    return {"source": previous.source, "attached": previous.attached, "report": last}


def previous_from_canonical(data: object) -> Previous:
    """Last year's snapshot from its canonical JSON; CanonicalError when it is malformed."""
    if not isinstance(data, dict) or not isinstance(data.get("report"), dict):
        raise CanonicalError("“previous”（上年报告）应为一个对象，并含有“report”。")
    body = dict(data["report"])
    body.pop("previous", None)  # one year back only
    try:
        last = from_canonical(body)
    except CanonicalError as error:
        raise CanonicalError(f"上年报告：{error}") from error
    return Previous(last, _text(data.get("source"), "上年报告的来源文件"),
                    _text(data.get("attached"), "上年报告的附加时间"))


def _text(value: object, where: str) -> str:
    """A text field; anything else is a broken document."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CanonicalError(f"{where}应为文字。")
    return value


def from_canonical(data: object) -> Report:
    """A report from canonical JSON data, every cell kept exactly as given.

    Totals are not recomputed; a document that does not say how totals are kept is
    taken as published figures. Raises CanonicalError with the reason in Chinese.
    """
    if not isinstance(data, dict):
        raise CanonicalError("内容不是年报数据（应为一个 JSON 对象）。")
    layout_id = data.get("format", "2021")
    if not isinstance(layout_id, str) or layout_id not in LAYOUTS:
        raise CanonicalError(f"不认识的报告格式“{layout_id}”（应为 2021、2019 或 hybrid）。")
    meta_data = data.get("meta") or {}
    if not isinstance(meta_data, dict):
        raise CanonicalError(f"“meta”（{META_TITLE}）应为一个对象。")
    year = meta_data.get("year")
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise CanonicalError(f"{meta_field('year').label}“{year}”不是年份。")
    kind = _text(meta_data.get("kind"), meta_field("kind").label) or DEFAULT_ORGAN_KIND
    if kind not in ORGAN_KINDS:
        raise CanonicalError(f"{meta_field('kind').label}“{kind}”应为：{'、'.join(ORGAN_KINDS)}。")
    meta = Meta(
        organ=_text(meta_data.get("organ"), meta_field("organ").label),
        kind=kind,
        year=year,
        published=_text(meta_data.get("published"), meta_field("published").label),
        contact=_text(meta_data.get("contact"), meta_field("contact").label),
        website=_text(meta_data.get("website"), meta_field("website").label),
        opening=_text(meta_data.get("opening"), meta_field("opening").label),
    )
    totals = data.get("totals", TOTALS_PUBLISHED)
    if totals not in (TOTALS_COMPUTED, TOTALS_PUBLISHED):
        raise CanonicalError(f"“totals”应为 computed 或 published，而不是“{totals}”。")
    report = Report(layout_id=layout_id, meta=meta, totals=totals)
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        raise CanonicalError("“sections”（各部分内容）应为一个对象。")
    for sid, body in sections.items():
        if sid not in report.sections:
            raise CanonicalError(f"不认识的部分编号“{sid}”（应为 s1 至 s6）。")
        if isinstance(body, str):
            report.sections[sid] = Narrative(text=body)
            continue
        if not isinstance(body, dict):
            raise CanonicalError(f"部分“{sid}”的内容格式不对。")
        parts = body.get("parts") or []
        if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
            raise CanonicalError(f"部分“{sid}”的小标题列表格式不对。")
        report.sections[sid] = Narrative(
            text=_text(body.get("text"), f"部分“{sid}”的正文"),
            parts=[Part(_text(p.get("title"), "小标题"), _text(p.get("text"), "小标题下的正文"))
                   for p in parts],
        )
    cells = data.get("cells") or {}
    if not isinstance(cells, dict):
        raise CanonicalError("“cells”（表格数据）应为一个对象。")
    unknown = [cid for cid in cells if cid not in report.cells]
    if unknown:
        raise CanonicalError(f"{LAYOUTS[layout_id].name}没有这些单元格：{'、'.join(unknown[:5])}。")
    for cid, raw in cells.items():
        report.cells[cid] = from_json(raw, report.cell(cid).kind)
    acks = data.get("acknowledgements") or {}
    if not isinstance(acks, dict) or not all(isinstance(v, str) for v in acks.values()):
        raise CanonicalError("“acknowledgements”（对提示的说明）格式不对。")
    report.acknowledgements = {str(k): v for k, v in acks.items()}
    figures = data.get("acknowledged_figures") or {}
    if not isinstance(figures, dict) or not all(isinstance(v, str) for v in figures.values()):
        raise CanonicalError("“acknowledged_figures”（说明对应的数字）格式不对。")
    report.acknowledged_figures = {str(k): v for k, v in figures.items() if str(k) in report.acknowledgements}
    uncertain = data.get("uncertain") or {}
    if not isinstance(uncertain, dict) or not all(isinstance(v, str) for v in uncertain.values()):
        raise CanonicalError("“uncertain”（导入时未能确定的内容）格式不对。")
    report.uncertain = {str(k): v for k, v in uncertain.items()}
    carried = data.get("carried") or []
    if not isinstance(carried, list) or not all(isinstance(v, str) for v in carried):
        raise CanonicalError("“carried”（沿用上年的段落）格式不对。")
    report.carried = set(carried)
    if data.get("previous") is not None:
        report.previous = previous_from_canonical(data["previous"])
    report.notes = notes_from_json(data.get("notes"))
    report.final = final_from_json(data.get("final"))
    report.final_log = log_from_json(data.get("final_log"))
    return report
