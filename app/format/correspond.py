"""Which cell of an older layout holds the same figure as a cell of this year's, for last
year's report shown beside this one (the spec's §7: the 2019 format and the hybrid).

Cells with the same id mean the same thing in every layout. Beyond those: the 2019 t2's
本年新制作数量 of 规章 and 规范性文件 is the 2021 本年制发件数, and its 处理决定数量 of 行政许可,
行政处罚 and 行政强制 is the 2021 本年处理决定数量. The 2021 t3 splits （六）其他处理 into three
rows where the 2019 format and the hybrid have one (``t3.r6``): no single cell corresponds.
"""

from __future__ import annotations

from collections.abc import Collection

SAME_FIGURE: dict[str, str] = {
    "t2.gz.made": "t2_2019.gz.made",
    "t2.gf.made": "t2_2019.gf.made",
    "t2.xk.decisions": "t2_2019.xk.decisions",
    "t2.cf.decisions": "t2_2019.cf.decisions",
    "t2.qz.decisions": "t2_2019.qz.decisions",
}
SPLIT_ROW, ONE_ROW = "t3.r6_", "t3.r6"


def corresponding(cell_id: str, older: Collection[str]) -> str | None:
    """The cell of an older report (given by its cell ids) holding this cell's figure, if any."""
    if cell_id in older:
        return cell_id
    other = SAME_FIGURE.get(cell_id)
    return other if other is not None and other in older else None


def merged_row(cell_id: str, older: Collection[str]) -> str | None:
    """For a 2021 （六） sub-row cell, the older single row's cell of the same column (a sum, not the same figure)."""
    if not cell_id.startswith(SPLIT_ROW):
        return None
    column = cell_id.rsplit(".", 1)[-1]
    one = f"{ONE_ROW}.{column}"
    return one if one in older else None
