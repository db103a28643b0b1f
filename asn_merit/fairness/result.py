"""The audit's result objects and their JSON form (plain types only, NaN → null, fixed order)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from asn_merit.fairness.analysis import TableResult
from asn_merit.fairness.scores import ScoreBlock
from asn_merit.fairness.settings import AuditSettings
from asn_merit.fairness.strata import PooledComparison

SIGNIFICANT_DIGITS = 10
"""Floats are rounded to 10 significant digits so golden JSON survives last-bit libm drift."""


@dataclass(frozen=True)
class CmhBlock:
    strata: str
    strata_count: int
    strata_unknown: int
    """Rows with a known attribute but an unknown stratum: left out of the pooled test."""
    reference: str | None
    groups: tuple[PooledComparison, ...]


@dataclass(frozen=True)
class AttributeBlock:
    """One attribute or intersection at one stage: who was counted, against whom, with what."""

    attribute: str
    components: tuple[str, ...]
    stage: str
    stage_index: int
    basis: str
    denominator: str
    population: int
    """Rows in the stage denominator, known and unknown attribute alike."""
    undecided: int
    unknown: int
    unknown_selected: int
    empty_groups: tuple[str, ...]
    """Declared or previously seen groups with n = 0 at this stage, listed rather than hidden."""
    table: TableResult
    cmh: CmhBlock | None

    def to_dict(self) -> dict[str, Any]:
        t = self.table
        return jsonable(
            {
                "attribute": self.attribute,
                "components": self.components,
                "stage": self.stage,
                "stage_index": self.stage_index,
                "basis": self.basis,
                "denominator": self.denominator,
                "population": self.population,
                "undecided": self.undecided,
                "unknown": self.unknown,
                "unknown_selected": self.unknown_selected,
                "known": t.known,
                "selected": t.selected,
                "overall_rate": t.overall_rate,
                "reference": t.reference,
                "reference_rule": t.reference_rule,
                "reference_tied_with": t.reference_tied_with,
                "reference_note": t.reference_note,
                "reference_variants": t.reference_variants,
                "omnibus": t.omnibus,
                "demographic_parity": t.demographic_parity,
                "worst_group": t.worst_group,
                "worst_impact_ratio": t.worst_impact_ratio,
                "counts": t.tally,
                "status": t.status,
                "empty_groups": self.empty_groups,
                "groups": t.groups,
                "cmh": self.cmh,
            }
        )


def score_block_dict(block: ScoreBlock) -> dict[str, Any]:
    t = block.table
    groups = [
        {**jsonable(g), **{k: v for k, v in jsonable(e).items() if k != "group"}}
        for g, e in zip(t.groups, block.extras, strict=True)
    ]
    return jsonable(
        {
            "attribute": block.attribute,
            "components": block.components,
            "score": block.score,
            "binary_outcome": "score > median (strict); 'selected' and 'rate' refer to it",
            "median": block.median,
            "median_basis": "full sample: every row with a score, unknown categories included",
            "scored": block.scored,
            "score_missing": block.score_missing,
            "ties_at_median": block.ties_at_median,
            "unknown": block.unknown,
            "known": t.known,
            "selected": t.selected,
            "overall_rate": t.overall_rate,
            "reference": t.reference,
            "reference_rule": t.reference_rule,
            "reference_tied_with": t.reference_tied_with,
            "reference_note": t.reference_note,
            "reference_variants": t.reference_variants,
            "omnibus": t.omnibus,
            "worst_group": t.worst_group,
            "worst_impact_ratio": t.worst_impact_ratio,
            "counts": t.tally,
            "status": t.status,
            "empty_groups": block.empty_groups,
            "groups": groups,
        }
    )


@dataclass(frozen=True)
class AuditResult:
    rows: int
    outcomes: tuple[str, ...]
    attributes: tuple[AttributeBlock, ...]
    scores: tuple[ScoreBlock, ...]
    settings: AuditSettings
    method: tuple[str, ...]
    """Plain-language statements of the choices behind the numbers, for the report appendix."""

    @property
    def findings(self) -> int:
        return sum(b.table.tally.findings for b in self.attributes) + sum(
            b.table.tally.findings for b in self.scores
        )

    @property
    def watch(self) -> int:
        return sum(b.table.tally.watch for b in self.attributes) + sum(
            b.table.tally.watch for b in self.scores
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "outcomes": list(self.outcomes),
            "settings": jsonable(self.settings.to_dict()),
            "method": list(self.method),
            "summary": {"findings": self.findings, "watch": self.watch},
            "attributes": [b.to_dict() for b in self.attributes],
            "scores": [score_block_dict(b) for b in self.scores],
        }


def jsonable(value: Any) -> Any:
    """Dataclasses, tuples, numpy scalars → dicts, lists, int/float/bool; NaN/inf → None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        return float(f"{f:.{SIGNIFICANT_DIGITS}g}") if math.isfinite(f) else None
    return value
