"""Merit-system oversight checks an Inspektorat would run on a roster: rating distribution,
overdue promotions, roster anomalies, conflicts of interest and access to training.

``run_checks`` reads the roster by header names (every column optional: a check without its
columns is skipped, never an error), runs the named checks of ``CHECKS`` and returns a
``CheckReport``; ``to_dict`` and ``write_checks_xlsx`` render it.
"""

from asn_merit.oversight.columns import PANEL_COLUMNS, ROSTER_COLUMNS, YEARLY_COLUMNS
from asn_merit.oversight.model import FAIL_ON, CheckInfo, CheckReport, CheckResult
from asn_merit.oversight.registry import CHECKS, run_checks
from asn_merit.oversight.report import summary_lines, to_dict, write_checks_xlsx

__all__ = [
    "CHECKS",
    "FAIL_ON",
    "PANEL_COLUMNS",
    "ROSTER_COLUMNS",
    "YEARLY_COLUMNS",
    "CheckInfo",
    "CheckReport",
    "CheckResult",
    "run_checks",
    "summary_lines",
    "to_dict",
    "write_checks_xlsx",
]
