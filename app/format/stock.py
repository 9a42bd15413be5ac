"""The stock sentences every annual report has, which S.copy leaves out of its comparison.

Each entry is a set of words that, all present in a normalised sentence (app.crossyear:
no spaces or punctuation, numbers and years replaced), mark it as a stock sentence: the
lead sentence citing the regulation, "现将…报告如下", the statistics period, where the
electronic version is and whom to ask. Kept with the format because the format asks for them.
"""

from __future__ import annotations

STOCK_SENTENCES: tuple[tuple[str, ...], ...] = (
    ("政府信息公开条例", "编制"),
    ("政府信息公开条例", "要求"),
    ("政府信息公开条例", "规定"),
    ("报告如下",),
    ("统计期限",),
    ("统计期",  "起至"),
    ("本报告电子版",),
    ("如对本报告",),
    ("本报告所列数据",),
    ("本报告中所列数据",),
)


def is_stock(normalised: str) -> bool:
    """Whether a normalised sentence is one of the stock sentences of the format."""
    return any(all(word in normalised for word in words) for words in STOCK_SENTENCES)
