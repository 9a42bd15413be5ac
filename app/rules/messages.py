"""Every sentence the rules say, in one catalogue keyed by rule id.

A rule with several sentences names them ``rule/variant``. The words in braces are filled
in by the rule: figures from the report, and labels taken from the format (a row's short
name, a table's name, a section's heading), never typed here.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # a total equals the sum of its parts
    "T3.row": "{scope}：{terms}，但{target}为 {actual}，相差 {gap}",
    "T3.sum": "{scope}：{terms}，但{target}为 {actual}，相差 {gap}",
    "T4.sum": "{scope}：{terms}，但{target}为 {actual}，相差 {gap}",
    # … and the total was left blank in the published table
    "T3.row/blank": "{scope}：{terms}，但{target}为空白（按 0 计），相差 {gap}",
    "T3.sum/blank": "{scope}：{terms}，但{target}为空白（按 0 计），相差 {gap}",
    "T4.sum/blank": "{scope}：{terms}，但{target}为空白（按 0 计），相差 {gap}",
    # two sums agree
    "T3.col": "{scope}：{lhs}，但{rhs}，相差 {gap}",
    "CELL.value": "{where}填写的“{value}”不是{wanted}",
    "CELL.blank": "{table}{names}{more}为空白；年报格式没有空白单元格，没有的请填 0",
    "T2.fee/decimals": "{fee}金额 {value} 万元有 {decimals} 位小数；以万元为单位时最多保留 {most} 位小数",
    "T2.fee/size": "{fee}金额 {value} 万元，即 {yuan} 元，数额异常大；请确认填写的单位是万元而不是元",
    "X.carry": "{column}列：本年“{carried}” {actual}，但上年报告的“{next}”为 {expected}，相差 {gap}",
    "X.valid": ("{row}：上年{valid} {last} + {made_label} {made} − {repealed_label} {repealed} = {expected}，"
                "但本年{valid}为 {actual}，相差 {gap}（如有文件到期自然失效，可确认此提示并说明）"),
    "N.parts": "{where}：“{quote}”，但其后“其中”所列各项 {terms} = {added} {unit}，相差 {gap} {unit}",
    "N.table": "{where}：文中说“{quote}”，但{table_says}",
    "S.missing/table": "{where}：表格还没有填写",
    "S.missing/prose": "{where}：这一部分还没有内容",
    "S.subhead": ("{where}：标准小标题“{title}”下还没有正文；年报格式要求写明这一方面的情况"
                  "（确无此项工作的，请写明未开展的原因）。如确实不需要这个小标题，请删除它"),
    "S.fee": ("{where}：没有说明信息处理费的情况（发出收费通知的件数和总金额、实际收取的总金额，"
              "或写明未收取）"),
    "S.copy": ("{where}：{judged} 句中有 {count} 句与上年报告的同一部分相同（占 {share}%），如“{first}”；"
               "年度报告不应照搬往年内容"),
    "T.copy": "{table}：{count} 个不为 0 的数字与上年报告完全相同；请确认没有照抄上年的表格",
    "N.year": "{where}：“{quote}”以 {last} 年开头，像是上年的情况；本报告是 {year} 年度的，请核对年份",
    "M.meta/missing": "{meta}：{field}还没有填写",
    "M.meta/year": "{meta}：{field} {year} 不是有效的年份",
    "M.late": "{meta}：发布日期 {published}晚于发布截止日期 {due}（{basis}），晚了 {days} 天",
}


def message(rule: str, variant: str = "", **words: object) -> str:
    """The sentence of a rule (or of one of its variants) with its words filled in."""
    return MESSAGES[f"{rule}/{variant}" if variant else rule].format(**words)
