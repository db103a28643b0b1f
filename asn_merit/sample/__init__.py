"""Synthetic SIMPEG-style rosters for demos, tests and benchmarks (no real employees)."""

from asn_merit.sample.applicants import APPLICANTS_AS_OF, APPLICANTS_TITLE, generate_applicants
from asn_merit.sample.generator import generate_roster, write_roster, write_roster_with_errors
from asn_merit.sample.vocab import DEFAULT_AS_OF, roster_headers

__all__ = [
    "APPLICANTS_AS_OF",
    "APPLICANTS_TITLE",
    "DEFAULT_AS_OF",
    "generate_applicants",
    "generate_roster",
    "roster_headers",
    "write_roster",
    "write_roster_with_errors",
]
