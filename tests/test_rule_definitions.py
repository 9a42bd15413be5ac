"""The rules as data: every cell they name is checked against the layout when they are built,
and every sentence is in the one catalogue keyed by rule id."""

from __future__ import annotations

import dataclasses

import pytest

from app.errors import FormatDefinitionError
from app.format import LAYOUTS, SECTIONS, Sum
from app.format.build import ColSpec, RowSpec, matrix_table
from app.format.layouts import T2_2021, T3_2021, T4
from app.format.model import Layout
from app.rules import RULE_IDS
from app.rules.checks import checks_for
from app.rules.messages import MESSAGES


def test_renaming_a_cell_a_rule_names_fails_when_the_layout_is_built() -> None:
    named = dict(LAYOUTS["2021"].named)
    renamed_t3 = dataclasses.replace(
        T3_2021, cells=tuple(dataclasses.replace(c, id=c.id.replace("t3.carried.", "t3.carry.")) for c in T3_2021.cells))
    with pytest.raises(FormatDefinitionError, match=r"carried\.natural → t3\.carried\.natural"):
        Layout("x", "改名的格式", SECTIONS, (T2_2021, renamed_t3, T4), named)


def test_a_rule_naming_a_missing_cell_fails_when_the_rules_are_built() -> None:
    broken_t4 = dataclasses.replace(T4, sums=(Sum("T4.sum", "t4.review.total", ("t4.review.gone",), "行政复议"),))
    layout = Layout("x", "改名的格式", SECTIONS, (T2_2021, T3_2021, broken_t4), dict(LAYOUTS["2021"].named))
    with pytest.raises(FormatDefinitionError, match=r"T4\.sum.*t4\.review\.gone"):
        checks_for(layout)


def test_a_table_the_rules_need_missing_fails_loudly() -> None:
    lone = matrix_table(table_id="t9", variant="2021", section="s3", title="别的表", corner="", label_cols=1,
                        rows=[RowSpec("a", ("甲",), "甲")], cols=[ColSpec("b", ("乙",), "乙")])
    layout = Layout("x", "缺表的格式", SECTIONS, (T2_2021, lone, T4), {})
    with pytest.raises(FormatDefinitionError, match="规则"):
        checks_for(layout)


def test_every_layout_builds_its_rules_and_every_rule_has_its_sentences() -> None:
    for layout in LAYOUTS.values():
        assert {c.rule for c in checks_for(layout)} <= set(RULE_IDS)
    assert {c.rule for c in checks_for(LAYOUTS["2021"])} == set(RULE_IDS)
    assert {key.split("/")[0] for key in MESSAGES} == set(RULE_IDS)  # one catalogue, keyed by rule id
