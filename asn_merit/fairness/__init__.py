"""Adverse-impact audit of selection, promotion and reward decisions across protected groups.

Implements the methods reference (shared/reference/fairness-methods.md): selection rates with
Wilson CIs, impact ratio vs the highest-rate eligible group with an exact 4/5 test, pooled z,
Fisher exact with Holm, Katz CI, shortfall and flip-flop, omnibus chi-square, LL144 scoring
rate, stages, intersections and CMH pooling, with unknown categories counted, never dropped.
"""

from asn_merit.fairness.audit import audit_counts, audit_frame
from asn_merit.fairness.outcomes import parse_outcome
from asn_merit.fairness.result import AttributeBlock, AuditResult
from asn_merit.fairness.settings import AuditSettings
from asn_merit.fairness.summary import summary_lines

__all__ = [
    "AttributeBlock",
    "AuditResult",
    "AuditSettings",
    "audit_counts",
    "audit_frame",
    "parse_outcome",
    "summary_lines",
]
