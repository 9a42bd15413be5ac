"""Small hand-made report sources for the import tests: text with tabs, and web pages."""

from __future__ import annotations

T = "\t"
NARRATIVE = {
    "s1": "一、总体情况\n本年度，我局认真贯彻落实《条例》。\n（一）主动公开\n全年主动公开政府信息12条。",
    "s5": "五、存在的主要问题及改进情况\n主要问题是公开内容不够全面。",
    "s6": "六、其他需要报告的事项\n本年度未收取信息处理费。",
}
T2_LINES = [
    "第二十条第（一）项\t\t\t", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t0\t0\t0", "行政规范性文件\t3\t1\t20",
    "第二十条第（五）项\t\t\t", "信息内容\t本年处理决定数量\t\t", "行政许可\t5\t\t",
    "第二十条第（六）项\t\t\t", "信息内容\t本年处理决定数量\t\t", "行政处罚\t7\t\t", "行政强制\t0\t\t",
    "第二十条第（八）项\t\t\t", "信息内容\t本年收费金额（单位：万元）\t\t", "行政事业性收费\t1.25\t\t",
]
T3_LABELS = [
    ("一、本年新收政府信息公开申请数量", "", ""), ("二、上年结转政府信息公开申请数量", "", ""),
    ("三、本年度办理结果", "（一）予以公开", ""),
    ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("", "（三）不予公开", "1.属于国家秘密"), ("", "", "2.其他法律行政法规禁止公开"),
    ("", "", "3.危及“三安全一稳定”"), ("", "", "4.保护第三方合法权益"), ("", "", "5.属于三类内部事务信息"),
    ("", "", "6.属于四类过程性信息"), ("", "", "7.属于行政执法案卷"), ("", "", "8.属于行政查询事项"),
    ("", "（四）无法提供", "1.本机关不掌握相关政府信息"), ("", "", "2.没有现成信息需要另行制作"),
    ("", "", "3.补正后申请内容仍不明确"),
    ("", "（五）不予处理", "1.信访举报投诉类申请"), ("", "", "2.重复申请"), ("", "", "3.要求提供公开出版物"),
    ("", "", "4.无正当理由大量反复申请"), ("", "", "5.要求行政机关确认或重新出具已获取信息"),
    ("", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), ("", "", "3.其他"),
    ("", "（七）总计", ""), ("四、结转下年度继续办理", "", ""),
]
T3_ROW_IDS = ["new", "carried", "r1", "r2"] + [f"r3_{i}" for i in range(1, 9)] + [f"r4_{i}" for i in range(1, 4)] \
    + [f"r5_{i}" for i in range(1, 6)] + [f"r6_{i}" for i in range(1, 4)] + ["r7", "next"]
# 5 new requests from natural persons and 1 from a business; 4 published, 2 carried on.
T3_FIGURES = {"new": "5 1 0 0 0 0 6", "r1": "3 1 0 0 0 0 4", "r7": "3 1 0 0 0 0 4", "next": "2 0 0 0 0 0 2"}
T3_HEAD = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t",
           "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
           "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"]
T4_HEAD = ["行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
           "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
           "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计"]
T4_FIGURES = "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0"


def t3_lines() -> list[str]:
    """Table 三 as a browser pastes it: three label columns, seven figures."""
    lines = list(T3_HEAD)
    for row_id, labels in zip(T3_ROW_IDS, T3_LABELS):
        figures = T3_FIGURES.get(row_id, "0 0 0 0 0 0 0").split()
        lines.append(T.join(list(labels) + figures))
    return lines


def report_text(t2: list[str] | None = None, t3: list[str] | None = None, t4: list[str] | None = None,
                title: str = "测试县数据局2024年政府信息公开工作年度报告") -> str:
    """A whole small report as pasted text, with the tables given (or the standard ones)."""
    parts = [title, NARRATIVE["s1"], "二、主动公开政府信息情况", *(t2 if t2 is not None else T2_LINES),
             "三、收到和处理政府信息公开申请情况", *(t3 if t3 is not None else t3_lines()),
             "四、政府信息公开行政复议、行政诉讼情况", *(t4 if t4 is not None else T4_HEAD + [T4_FIGURES.replace(" ", T)]),
             NARRATIVE["s5"], NARRATIVE["s6"]]
    return "\n".join(parts) + "\n"


def html_page(body_tables: dict[str, str], charset: str = "utf-8", title: str = "测试县数据局2024年政府信息公开工作年度报告",
              chrome: bool = True) -> str:
    """A saved web page: site navigation, then the report with the given table markup per section."""
    nav = "<div class='nav'><p>首页</p><p>政务公开</p><p>二、主动公开政府信息情况专栏</p></div>" if chrome else ""
    paragraphs = lambda text: "".join(f"<p>{line}</p>" for line in text.split("\n"))  # noqa: E731
    return (f"<html><head><meta charset=\"{charset}\"><title>{title}_测试县人民政府</title></head><body>{nav}"
            f"<div class='content'><h1>{title}</h1>{paragraphs(NARRATIVE['s1'])}"
            f"<p>二、主动公开政府信息情况</p>{body_tables['t2']}"
            f"<p>三、收到和处理政府信息公开申请情况</p>{body_tables['t3']}"
            f"<p>四、政府信息公开行政复议、行政诉讼情况</p>{body_tables['t4']}"
            f"{paragraphs(NARRATIVE['s5'])}{paragraphs(NARRATIVE['s6'])}</div>"
            "<div class='footer'><p>版权所有：测试县人民政府</p><p>网站标识码 1234</p></div></body></html>")


def simple_table(lines: list[str]) -> str:
    """Tab lines as an HTML table, one <td> per cell."""
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split(T)) + "</tr>" for line in lines)
    return f"<table border='1'><tbody>{rows}</tbody></table>"


def standard_values() -> dict[str, str]:
    """The figures of the standard small report (T2_LINES, T3_FIGURES, T4_FIGURES) by cell id."""
    values = {"t2.gz.made": "0", "t2.gz.repealed": "0", "t2.gz.valid": "0", "t2.gf.made": "3",
              "t2.gf.repealed": "1", "t2.gf.valid": "20", "t2.xk.decisions": "5", "t2.cf.decisions": "7",
              "t2.qz.decisions": "0", "t2.fee.amount": "1.25"}
    cols = ["natural", "business", "research", "social", "legal", "other", "total"]
    for row in T3_ROW_IDS:
        for col, figure in zip(cols, T3_FIGURES.get(row, "0 0 0 0 0 0 0").split()):
            values[f"t3.{row}.{col}"] = figure
    t4 = [f"t4.{g}.{c}" for g in ("review", "direct", "after") for c in ("upheld", "corrected", "other", "pending", "total")]
    values.update(zip(t4, T4_FIGURES.split()))
    return values


def grid_table(table: object, values: dict[str, str], old: bool = False) -> str:
    """An official table drawn from the format's own grid, as a content system writes it.

    ``old`` gives the markup of 2019–2020 editors: upper-case tags and styles, every heading
    and label split into one <P><SPAN> per character, figures in <FONT> soup padded with
    &nbsp;, a blank figure written as an ideographic space, cells and paragraphs left unclosed.
    """
    rows: dict[int, list] = {}
    for item in table.grid:  # type: ignore[attr-defined]
        rows.setdefault(item.row, []).append(item)
    out = []
    for index in sorted(rows):
        cells = []
        for item in sorted(rows[index], key=lambda i: i.col):
            span = (f" colSpan={item.colspan}" if item.colspan > 1 else "") + \
                   (f" rowSpan={item.rowspan}" if item.rowspan > 1 else "")
            if item.cell_id is not None:
                text = values.get(item.cell_id, "0")
                if old:
                    text = "\u3000" if text == "" else f"<FONT face=仿宋_GB2312>&nbsp;{text}&nbsp;</FONT>"
            else:
                text = item.text
                if old:
                    text = "".join(f"<P><SPAN style='FONT-FAMILY: 宋体'>{ch}</SPAN>" for ch in text)
            if old:
                cells.append(f"<TD style='BORDER-RIGHT: windowtext 1pt solid; PADDING-LEFT: 5.4pt'{span}>{text}")
            else:
                cells.append(f"<td{span}>{text}</td>")
        out.append(("<TR>" + "".join(cells)) if old else ("<tr>" + "".join(cells) + "</tr>"))
    if old:
        return "<P align=center><TABLE style='BORDER-COLLAPSE: collapse' border=1><TBODY>" + "".join(out) + \
            "</TBODY></TABLE></P>"
    return "<table border='1'><tbody>" + "".join(out) + "</tbody></table>"
