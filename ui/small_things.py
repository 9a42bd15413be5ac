"""Small things that confused a new user (issue 14, item 9), each put right where it happens:
status messages that outlive their truth, where file dialogs start, a finding about prose
showing its sentence, a single click in 问题 that only shows.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMainWindow

from app.editing import PartPlace, SectionPlace, TextPlace
from app.report import Report
from app.rules import Finding

from ui.bold_marks import find_seen
from ui.places import focus_place

MainWindow = QMainWindow  # the main window (ui.main_window is not imported: ui has no import circle)

_QUOTED = re.compile(r"“([^“”]{4,})”")


def draft_name(window: MainWindow) -> str:
    """How the save question names the draft: its file, else its title (an imported report), else 未命名草稿."""
    document = window.document
    if document.path is not None:
        return document.path.name
    return document.report.title if document.report.meta.organ else "未命名草稿"


def printed_message(pages: int, where: str) -> str:
    """What the status bar says after 打印: sent where, how many pages — or that nothing was printed."""
    if pages <= 0:
        return "没有打印（已取消或打印失败）。"
    return f"已发送 {pages} 页到{f'“{where}”' if where else '打印机'}。"


def sentence_of(finding: Finding, report: Report) -> tuple[TextPlace, int, int] | None:
    """The sentence a finding about prose quotes (“…”), found in its section's texts."""
    section = finding.section
    if not section or section not in report.sections:
        return None
    quotes = sorted(_QUOTED.findall(finding.message), key=len, reverse=True)
    if not quotes:
        return None
    places: list[TextPlace] = [SectionPlace(section)]
    places += [PartPlace(section, i, "text") for i in range(len(report.sections[section].parts))]
    for quote in quotes:
        needle = quote.rstrip("…").rstrip(".")  # a long quote is shortened with ……
        for place in places:
            text = _text(report, place)
            hit = find_seen(text, needle, 0, True)  # the quote reads the text as printed: across bold markers
            if hit is not None:
                at, end = hit
                stop = next((i + 1 for i in range(end, len(text)) if text[i] in "。！？；\n"), len(text))
                return place, at, stop if quote.endswith("…") else end
    return None


def _text(report: Report, place: TextPlace) -> str:
    sec = report.sections[place.section]  # type: ignore[union-attr]  # a text place of a section: MetaPlace never comes here
    if isinstance(place, PartPlace):
        return sec.parts[place.index].text
    return sec.text


def show_sentence(window: MainWindow, finding: Finding) -> bool:
    """Select the sentence a prose finding is about in its editor; False if it quotes none."""
    found = sentence_of(finding, window.document.report)
    if found is None:
        return False
    focus_place(window, *found)
    return True


def install(window: MainWindow) -> None:
    """Per draft: stale messages go when the draft changes under them."""
    stack = window.document.undo_stack
    stack.cleanChanged.connect(lambda clean: None if clean else window.saved_label.setText(""))  # no 已保存 while unsaved
    for action in (window.undo_action, window.redo_action):
        action.triggered.connect(window.statusBar().clearMessage)  # “已粘贴 6 个单元格” is untrue after 撤销
