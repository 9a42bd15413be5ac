"""The opening paragraph (spec §1): what stands between the title and 一、总体情况.

A published report opens with the legal basis, the statistics period, where the electronic
version is and where to send questions. An imported report keeps its own (``Meta.opening``);
a report made here prints the standard paragraph built from 报告信息 until the clerk writes
another, so a changed telephone number is never left behind in the print.
"""

from __future__ import annotations

import re

from app.format import SECTIONS
from app.report import Report

# The format notice each layout was issued with (spec §0 and §7).
FORMAT_NOTICES = {"2021": "国办公开办函〔2021〕30号", "hybrid": "国办公开办函〔2021〕30号",
                  "2019": "国办公开办函〔2019〕60号"}
_TRAILING = re.compile(r"[\s，,；;。.、]+$")


def _contact(text: str) -> str:
    """The 联系方式 lines as one clause: 地址：…；邮编：…；电话：…."""
    lines = [_TRAILING.sub("", line.strip()) for line in text.splitlines()]
    return "；".join(line for line in lines if line)


def _contents() -> str:
    """The six sections as the opening names them (their headings, from the format)."""
    return "、".join(s.heading.replace("、", "和") for s in SECTIONS)


def standard_opening(report: Report) -> str:
    """The standard opening paragraph made from 报告信息 (organ, year, website, contact)."""
    meta = report.meta
    organ = meta.organ.strip() or "本机关"
    notice = FORMAT_NOTICES.get(report.layout_id, FORMAT_NOTICES["2021"])
    period = (f"本报告所列数据的统计期限自{meta.year}年1月1日起至{meta.year}年12月31日止。" if meta.year
              else "本报告所列数据的统计期限为本年度1月1日至12月31日。")
    website = meta.website.strip()
    where = f"本报告电子版可在{website}查阅或下载。" if website else f"本报告电子版可在{organ}门户网站政府信息公开专栏查阅或下载。"
    contact = _contact(meta.contact)
    ask = f"如对本报告有疑问，请与{organ}联系（{contact}）。" if contact else f"如对本报告有疑问，请与{organ}联系。"
    return (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开"
            f"工作年度报告格式》（{notice}）要求编制。全文包括{_contents()}。{period}{where}{ask}")


def printed_opening(report: Report) -> str:
    """The opening paragraph as it prints: the clerk's or the imported one, else the standard one."""
    return report.meta.opening.strip() or standard_opening(report)
