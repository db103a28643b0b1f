"""Audit thresholds in one frozen object, echoed into every result so a report names its rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal


@dataclass(frozen=True)
class AuditSettings:
    """Every knob of the adverse-impact audit; defaults follow the methods reference §3."""

    min_group_size: int = 10
    """Groups with fewer rows are suppressed: n shown, rate and statistics withheld (privacy)."""
    reference_min_share: float = 0.02
    """Groups below this share of known rows cannot be the reference and are not judged."""
    alpha: float = 0.05
    unknown_values: tuple[str, ...] = (
        "",
        "tidak diketahui",
        "tidak disebutkan",
        "not stated",
        "unknown",
    )
    """Attribute values (case-insensitive, trimmed) that count as UNKNOWN, like blank and NA."""
    sd_threshold: float = 2.0
    """The "two standard deviations" rule (Hazelwood); |z| must exceed it."""
    small_sample_n: int = 30
    small_sample_expected: float = 5.0
    """FCCM: a group is small when n < 30 or its expected selections n·p < 5."""
    significance: Literal["raw", "holm"] = "raw"
    """"raw": the reference decision rule (Fisher p < α, or |z| > 2 when not small);
    "holm": Fisher and z p-values Holm-adjusted across the attribute's judged groups."""
    confidence: float = 0.95
    reference_groups: Mapping[str, str] = field(default_factory=dict)
    """Pinned reference group per attribute name (intersection names use " x ")."""
    monte_carlo_resamples: int = 1999
    """Omnibus Monte-Carlo p-value when an expected cell is below 5; 0 disables it."""
    seed: int = 20240401
    """Seed for the Monte-Carlo omnibus p-value, so reruns give identical numbers."""

    def __post_init__(self) -> None:
        if self.min_group_size < 0:
            raise ValueError("min_group_size must be >= 0")
        if not 0 <= self.reference_min_share < 1:
            raise ValueError("reference_min_share must be in [0, 1)")
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must be in (0, 1)")
        if not 0 < self.confidence < 1:
            raise ValueError("confidence must be in (0, 1)")
        if self.significance not in ("raw", "holm"):
            raise ValueError("significance must be 'raw' or 'holm'")

    @property
    def min_share(self) -> Fraction:
        """The share threshold as an exact fraction, so 2% of 50 rows is exactly one row."""
        return Fraction(str(self.reference_min_share))

    @property
    def unknown_set(self) -> frozenset[str]:
        return frozenset(v.strip().casefold() for v in self.unknown_values)

    def to_dict(self) -> dict[str, object]:
        return {
            "min_group_size": self.min_group_size,
            "reference_min_share": self.reference_min_share,
            "alpha": self.alpha,
            "unknown_values": list(self.unknown_values),
            "sd_threshold": self.sd_threshold,
            "small_sample_n": self.small_sample_n,
            "small_sample_expected": self.small_sample_expected,
            "significance": self.significance,
            "confidence": self.confidence,
            "reference_groups": dict(sorted(self.reference_groups.items())),
            "monte_carlo_resamples": self.monte_carlo_resamples,
            "seed": self.seed,
        }
