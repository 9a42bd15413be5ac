"""The reconciliation rules (勾稽关系) and the engine that applies them."""

from app.rules.engine import Checker, FindingsDelta, check
from app.rules.finding import ERROR, WARNING, Finding
from app.rules.status import RANK, Counts, Status, Tally, counts, explanation, figures_of, place_of, status

RULE_IDS: tuple[str, ...] = (
    "T3.col", "T3.row", "T3.sum", "T4.sum", "CELL.value", "CELL.blank", "T2.fee", "X.carry",
    "X.valid", "N.parts", "N.table", "S.missing", "S.fee", "S.copy", "M.meta",
    "M.late", "T.copy", "N.year",  # spec §9
    "S.subhead",  # the project's own (docs/rules.md)
)

__all__ = ["Checker", "check", "ERROR", "WARNING", "Finding", "FindingsDelta", "RULE_IDS", "RANK", "Counts",
           "Status", "Tally", "counts", "explanation", "figures_of", "place_of", "status"]
