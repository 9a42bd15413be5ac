"""The official report formats, written down once: 2021, 2019 and the hybrid of both.

Sources: 国办公开办函〔2021〕30号 and 〔2019〕60号, as summarised in the project's
format specification. Every label, span, cell id and total used anywhere in nianbao
comes from here.
"""

from __future__ import annotations

from app.format.build import Block, BlockRow, ColSpec, RowSpec, block_table, matrix_table
from app.format.model import Balance, CellKind, Layout, Section, Sum, Table

COUNT, SIGNED, AMOUNT, TEXT = CellKind.COUNT, CellKind.SIGNED, CellKind.AMOUNT, CellKind.TEXT

SECTIONS: tuple[Section, ...] = (
    Section("s1", "一", "总体情况", "总体情况"),
    Section("s2", "二", "主动公开政府信息情况", "主动公开", "t2"),
    Section("s3", "三", "收到和处理政府信息公开申请情况", "申请办理", "t3"),
    Section("s4", "四", "政府信息公开行政复议、行政诉讼情况", "复议诉讼", "t4"),
    Section("s5", "五", "存在的主要问题及改进情况", "问题改进"),
    Section("s6", "六", "其他需要报告的事项", "其他事项"),
)

# The usual sub-heads of section 一 (organs vary them).
DEFAULT_S1_PARTS: tuple[str, ...] = (
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
)

# Heading wordings seen in published reports besides the canonical one, per section.
HEADING_VARIANTS: dict[str, tuple[str, ...]] = {
    "s1": ("总体情况", "基本情况", "概述"),
    "s2": ("主动公开政府信息情况", "主动公开政府信息"),
    "s3": ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请"),
    "s4": (
        "政府信息公开行政复议、行政诉讼情况",
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "政府信息公开行政复议行政诉讼情况",
    ),
    "s5": (
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题及整改措施",
        "存在的主要问题和改进情况",
    ),
    "s6": ("其他需要报告的事项",),
}

TITLE_SUFFIX = "政府信息公开工作年度报告"

# How the blank official template marks where prose goes, e.g. "（文字描述）"; not report text.
PLACEHOLDER_PREFIX = "（文字描述"

# ---------------------------------------------------------------- table 二 (2021)

_T2_BLOCKS_2021 = [
    Block(
        "第二十条第（一）项",
        (("made", "本年制发件数"), ("repealed", "本年废止件数"), ("valid", "现行有效件数")),
        (BlockRow("gz", "规章", (COUNT,) * 3), BlockRow("gf", "行政规范性文件", (COUNT,) * 3)),
    ),
    Block("第二十条第（五）项", (("decisions", "本年处理决定数量"),), (BlockRow("xk", "行政许可", (COUNT,)),)),
    Block(
        "第二十条第（六）项",
        (("decisions", "本年处理决定数量"),),
        (BlockRow("cf", "行政处罚", (COUNT,)), BlockRow("qz", "行政强制", (COUNT,))),
    ),
    Block(
        "第二十条第（八）项",
        (("amount", "本年收费金额（单位：万元）"),),
        (BlockRow("fee", "行政事业性收费", (AMOUNT,)),),
    ),
]

T2_2021 = block_table(
    table_id="t2", variant="2021", section="s2", title="主动公开政府信息情况",
    corner="信息内容", value_cols=3, blocks=_T2_BLOCKS_2021,
)

# ---------------------------------------------------------------- table 二 (2019)

_PROJECTS = (("last_year", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量"))
_T2_BLOCKS_2019 = [
    Block(
        "第二十条第（一）项",
        (("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量")),
        (BlockRow("gz", "规章", (COUNT,) * 3), BlockRow("gf", "规范性文件", (COUNT,) * 3)),
    ),
    Block(
        "第二十条第（五）项",
        _PROJECTS,
        (
            BlockRow("xk", "行政许可", (COUNT, SIGNED, COUNT)),
            BlockRow("other_service", "其他对外管理服务事项", (COUNT, SIGNED, COUNT)),
        ),
    ),
    Block(
        "第二十条第（六）项",
        _PROJECTS,
        (BlockRow("cf", "行政处罚", (COUNT, SIGNED, COUNT)), BlockRow("qz", "行政强制", (COUNT, SIGNED, COUNT))),
    ),
    Block("第二十条第（八）项", _PROJECTS[:2], (BlockRow("fee", "行政事业性收费", (COUNT, SIGNED)),)),
    Block(
        "第二十条第（九）项",
        (("items", "采购项目数量"), ("amount", "采购总金额")),
        (BlockRow("cg", "政府集中采购", (COUNT, TEXT)),),
    ),
]

T2_2019 = block_table(
    table_id="t2_2019", variant="2019", section="s2", title="主动公开政府信息情况",
    corner="信息内容", value_cols=3, blocks=_T2_BLOCKS_2019,
)

# ---------------------------------------------------------------- table 三

_RESULTS = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_HANDLED = "（五）不予处理"
_OTHER = "（六）其他处理"


def _leaf(row_id: str, group: str, label: str) -> RowSpec:
    """A numbered leaf row of a result group, e.g. （三）不予公开 / 1.属于国家秘密."""
    return RowSpec(row_id, (_RESULTS, group, label), f"{group[3:]}·{label}")


_T3_HEAD = [
    RowSpec("new", ("一、本年新收政府信息公开申请数量",), "本年新收"),
    RowSpec("carried", ("二、上年结转政府信息公开申请数量",), "上年结转"),
    RowSpec("r1", (_RESULTS, "（一）予以公开"), "予以公开"),
    RowSpec("r2", (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), "部分公开"),
    _leaf("r3_1", _WITHHELD, "1.属于国家秘密"),
    _leaf("r3_2", _WITHHELD, "2.其他法律行政法规禁止公开"),
    _leaf("r3_3", _WITHHELD, "3.危及“三安全一稳定”"),
    _leaf("r3_4", _WITHHELD, "4.保护第三方合法权益"),
    _leaf("r3_5", _WITHHELD, "5.属于三类内部事务信息"),
    _leaf("r3_6", _WITHHELD, "6.属于四类过程性信息"),
    _leaf("r3_7", _WITHHELD, "7.属于行政执法案卷"),
    _leaf("r3_8", _WITHHELD, "8.属于行政查询事项"),
    _leaf("r4_1", _UNABLE, "1.本机关不掌握相关政府信息"),
    _leaf("r4_2", _UNABLE, "2.没有现成信息需要另行制作"),
    _leaf("r4_3", _UNABLE, "3.补正后申请内容仍不明确"),
    _leaf("r5_1", _NOT_HANDLED, "1.信访举报投诉类申请"),
    _leaf("r5_2", _NOT_HANDLED, "2.重复申请"),
    _leaf("r5_3", _NOT_HANDLED, "3.要求提供公开出版物"),
    _leaf("r5_4", _NOT_HANDLED, "4.无正当理由大量反复申请"),
    _leaf("r5_5", _NOT_HANDLED, "5.要求行政机关确认或重新出具已获取信息"),
]
_T3_OTHER_2021 = [
    _leaf("r6_1", _OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    _leaf("r6_2", _OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    _leaf("r6_3", _OTHER, "3.其他"),
]
_T3_OTHER_2019 = [RowSpec("r6", (_RESULTS, _OTHER), "其他处理")]
_T3_TAIL = [
    RowSpec("r7", (_RESULTS, "（七）总计"), "办理结果总计"),
    RowSpec("next", ("四、结转下年度继续办理",), "结转下年度"),
]

_LEGAL = "法人或其他组织"
_T3_COLS = [
    ColSpec("natural", ("申请人情况", "自然人"), "自然人"),
    ColSpec("business", ("申请人情况", _LEGAL, "商业企业"), "商业企业"),
    ColSpec("research", ("申请人情况", _LEGAL, "科研机构"), "科研机构"),
    ColSpec("social", ("申请人情况", _LEGAL, "社会公益组织"), "社会公益组织"),
    ColSpec("legal", ("申请人情况", _LEGAL, "法律服务机构"), "法律服务机构"),
    ColSpec("other", ("申请人情况", _LEGAL, "其他"), "其他法人或其他组织"),
    ColSpec("total", ("申请人情况", "总计"), "总计"),
]
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _t3(variant: str, other_rows: list[RowSpec]) -> Table:
    """Table 三 with the given （六）其他处理 rows; its sums and balances follow from the rows."""
    rows = _T3_HEAD + other_rows + _T3_TAIL
    leaves = [r.id for r in rows if r.id not in ("new", "carried", "r7", "next")]
    parts = [c.id for c in _T3_COLS if c.id != "total"]
    sums = [
        Sum("T3.row", f"t3.{r.id}.total", tuple(f"t3.{r.id}.{c}" for c in parts), f"{r.short}行")
        for r in rows
    ] + [
        Sum("T3.sum", f"t3.r7.{c.id}", tuple(f"t3.{leaf}.{c.id}" for leaf in leaves), f"{c.short}列")
        for c in _T3_COLS
    ]
    balances = [
        Balance(
            "T3.col",
            (f"t3.new.{c.id}", f"t3.carried.{c.id}"),
            (f"t3.r7.{c.id}", f"t3.next.{c.id}"),
            f"{c.short}列",
        )
        for c in _T3_COLS
    ]
    return matrix_table(
        table_id="t3", variant=variant, section="s3", title="收到和处理政府信息公开申请情况",
        corner=T3_NOTE, label_cols=3, rows=rows, cols=_T3_COLS, sums=sums, balances=balances,
    )


T3_2021 = _t3("2021", _T3_OTHER_2021)
T3_2019 = _t3("2019", _T3_OTHER_2019)

# ---------------------------------------------------------------- table 四

_T4_GROUPS = (("review", ("行政复议",), "行政复议"),
              ("direct", ("行政诉讼", "未经复议直接起诉"), "未经复议直接起诉"),
              ("after", ("行政诉讼", "复议后起诉"), "复议后起诉"))
_T4_RESULTS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
               ("pending", "尚未审结"), ("total", "总计"))


def _t4() -> Table:
    """Table 四: one row of fifteen figures; each group's 总计 sums its first four."""
    cols = [ColSpec(f"{g}.{r}", path + (label,), label)
            for g, path, _ in _T4_GROUPS for r, label in _T4_RESULTS]
    sums = [
        Sum("T4.sum", f"t4.{g}.total", tuple(f"t4.{g}.{r}" for r, _ in _T4_RESULTS[:4]), short)
        for g, _, short in _T4_GROUPS
    ]
    return matrix_table(
        table_id="t4", variant="2021", section="s4", title="政府信息公开行政复议、行政诉讼情况",
        corner="", label_cols=0, rows=[RowSpec("", (), "")], cols=cols, sums=sums,
    )


T4 = _t4()

# ---------------------------------------------------------------- layouts

# The single cells the rules name, by role, written once. Renaming a row or column of a
# table without renaming it here fails when the layouts are built (Layout.__post_init__).
T3_COLUMNS: tuple[str, ...] = tuple(c.id for c in _T3_COLS)
_NAMED_T3 = {
    **{f"carried.{c}": f"t3.carried.{c}" for c in T3_COLUMNS},  # 上年结转 (X.carry)
    **{f"next.{c}": f"t3.next.{c}" for c in T3_COLUMNS},  # 结转下年度 (X.carry, last year's)
    "requests.new": "t3.new.total",  # the figures N.table compares prose with
    "requests.carried": "t3.carried.total",
    "requests.handled": "t3.r7.total",
}
_NAMED_T4 = {"reviews": "t4.review.total", "lawsuits.direct": "t4.direct.total", "lawsuits.after": "t4.after.total"}
DOCUMENT_ROWS: tuple[str, ...] = ("gz", "gf")  # 规章, 行政规范性文件 (X.valid)
_NAMED_T2_2021 = {
    "fee": "t2.fee.amount",  # 行政事业性收费 in 万元 (T2.fee)
    **{f"documents.{row}.{col}": f"t2.{row}.{col}" for row in DOCUMENT_ROWS
       for col in ("made", "repealed", "valid")},
}

LAYOUTS: dict[str, Layout] = {
    "2021": Layout("2021", "2021年格式", SECTIONS, (T2_2021, T3_2021, T4),
                   {**_NAMED_T2_2021, **_NAMED_T3, **_NAMED_T4}),
    "2019": Layout("2019", "2019年格式", SECTIONS, (T2_2019, T3_2019, T4), {**_NAMED_T3, **_NAMED_T4}),
    "hybrid": Layout("hybrid", "混合格式（2021年表二，2019年表三）", SECTIONS, (T2_2021, T3_2019, T4),
                     {**_NAMED_T2_2021, **_NAMED_T3, **_NAMED_T4}),
}
TABLE_SECTIONS: frozenset[str] = frozenset(s.id for s in SECTIONS if s.table)


def table_name(table: Table) -> str:
    """How prose names a table: 表二, 表三, 表四 (by the section that holds it)."""
    number = next(s.number for s in SECTIONS if s.id == table.section)
    return f"表{number}"


def section_title(section_id: str) -> str:
    """A section's heading as printed, 一、总体情况, by its id."""
    return next(s.title for s in SECTIONS if s.id == section_id)


def layout(layout_id: str) -> Layout:
    """The layout of that id; raises KeyError for an unknown one."""
    return LAYOUTS[layout_id]
