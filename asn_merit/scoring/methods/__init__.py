"""Multi-criteria aggregation methods: a pure numeric library over a decision matrix.

SAW, WP, TOPSIS and Profile Matching score alternatives (rows); AHP derives criterion weights
from a pairwise comparison matrix. Definitions and the worked examples the tests reproduce are
in `reference/scoring-methods.md` (§2, §3). Everything is vectorised numpy; nothing here knows
about policies or rosters, so the policy engine decides gates, missing data and zero handling
before calling, and these functions refuse (ValueError) what they cannot score honestly.
"""

from asn_merit.scoring.methods.ahp import (
    CONSISTENCY_THRESHOLD,
    RANDOM_INDEX,
    RANDOM_INDEX_TABLES,
    AhpResult,
    ahp_weights,
)
from asn_merit.scoring.methods.base import Criterion, MethodResult
from asn_merit.scoring.methods.profile_matching import (
    STANDARD_GAP_TABLE,
    FactorKind,
    profile_matching,
)
from asn_merit.scoring.methods.saw import SawNormalisation, saw
from asn_merit.scoring.methods.topsis import TopsisNormalisation, topsis
from asn_merit.scoring.methods.weighted_product import weighted_product

__all__ = [
    "CONSISTENCY_THRESHOLD",
    "RANDOM_INDEX",
    "RANDOM_INDEX_TABLES",
    "STANDARD_GAP_TABLE",
    "AhpResult",
    "Criterion",
    "FactorKind",
    "MethodResult",
    "SawNormalisation",
    "TopsisNormalisation",
    "ahp_weights",
    "profile_matching",
    "saw",
    "topsis",
    "weighted_product",
]
