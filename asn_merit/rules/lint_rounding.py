"""Lint: rounding that can decide ranks.

Points are rounded per rule (Decimal half-up to `scoring.rounding.places`) before they are
summed, so the total moves in steps of 10^-places and two people whose exact totals differ
by less than that tie, and then the tie-breaker (often the NIP, i.e. age) orders them. On a
0..100 total with two places a step is 1/10,000 of the scale, far below any real difference.
It is not when the totals are small against the step: SAW with sum normalisation (x/Σx)
divides by everyone's values, so a typical total is scale/n (about 8 on a 100 scale among 12
people), and a scale of 1 gives totals of 0..1. Seen on a 12-person case: a person moved from
7th to 5th when two decimals tied people the exact totals separated.

The check is static (no roster): it compares the rounding step with the typical total,
taking n = SMALL_POOL people for sum normalisation, and asks for the resolution a
two-decimal total has on a 0..100 scale.
"""

from __future__ import annotations

import math

from asn_merit.diagnostics import Diagnostic, Severity
from asn_merit.rules import model as m
from asn_merit.rules.yaml_loader import SourceMap

SMALL_POOL = 10
"""People ranked together in a small competition (a unit's award, a formation's places)."""
RESOLUTION = 1e-4
"""The rounding step as a share of the typical total that cannot decide ranks: two decimals on
a 0..100 scale."""


def typical_total(scoring: m.Scoring) -> float:
    """The size of a typical person's total: scale, or scale / n under sum normalisation."""
    if scoring.method == "saw" and scoring.normalisation == "sum":
        return scoring.scale / SMALL_POOL
    return scoring.scale


def places_needed(scoring: m.Scoring) -> int:
    """The fewest places whose step is at most RESOLUTION of the typical total."""
    return max(0, math.ceil(-math.log10(typical_total(scoring) * RESOLUTION) - 1e-9))


def lint_rounding(policy: m.Policy, source_map: SourceMap) -> list[Diagnostic]:
    scoring = policy.scoring
    places = scoring.rounding.places
    needed = places_needed(scoring)
    if places >= needed or not policy.points_rules:
        return []
    sum_normalised = scoring.method == "saw" and scoring.normalisation == "sum"
    why = (f"saw with sum normalisation gives totals of about scale/n ({typical_total(scoring):g}"
           f" among {SMALL_POOL} people, smaller among more)" if sum_normalised
           else f"totals run over 0..{scoring.scale:g}")
    message = (f"rounding can decide ranks: each rule's points are rounded to {places} "
               f"decimal place(s) before they are summed and {why}, so people whose totals "
               f"differ by less than {10.0 ** -places:g} tie and the tie-breaker orders them")
    hint = (f"set scoring.rounding.places: {min(needed, 6)}"
            + (" (one more per tenfold more people ranked together)" if sum_normalised else "")
            + (", or a larger scale" if needed > 6 else ""))
    path = ("scoring", "rounding")
    return [Diagnostic("lint.rounding-decides", message, Severity.WARNING,
                       source_map.locate(path), ".".join(path), hint)]
