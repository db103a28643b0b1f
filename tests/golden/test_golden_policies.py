"""Golden results: each shipped policy on the committed sample roster.

A change in these numbers must be deliberate. Regenerate with UPDATE_GOLDEN=1 and review the
diff of the .json file like any other change to a decision.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from helpers import REPO

from asn_merit.ledger.hashing import canonical_json_bytes, sha256_bytes
from asn_merit.pipeline import load_roster, score
from asn_merit.rules.loader import load_policy
from asn_merit.scoring.trace import result_document

GOLDEN = Path(__file__).parent
CASES = [("kenaikan-pangkat-reguler", "roster.xlsx")]


def summary(document: dict) -> dict:
    ranked = [p for p in document["people"] if "rank" in p]
    return {
        "counts": document["counts"],
        "cut_line": document["selection"]["cut_line"],
        "top": [[p["id"], p["total"], p["decided_by"]] for p in ranked[:30]],
        "failed_gates": {
            rule["id"]: sum(rule["id"] in p.get("failed", []) for p in document["people"])
            for rule in document["rules"] if rule["kind"] == "gate"
        },
        "result_sha256": sha256_bytes(canonical_json_bytes(document)),
    }


@pytest.mark.parametrize(("policy_id", "roster"), CASES)
def test_shipped_policy_on_sample_roster(policy_id: str, roster: str) -> None:
    loaded = load_policy(REPO / "policies" / f"{policy_id}.yaml")
    assert loaded.policy.policy.as_of is not None
    typed = load_roster(REPO / "sample_data" / roster, loaded, None, None)
    document = result_document(score(loaded, typed, loaded.policy.policy.as_of))
    actual = summary(document)
    golden = GOLDEN / f"{policy_id}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert {k: v for k, v in actual.items() if k != "result_sha256"} == \
        {k: v for k, v in expected.items() if k != "result_sha256"}
    assert actual["result_sha256"] == expected["result_sha256"]


def test_golden_as_of_is_fixed() -> None:
    loaded = load_policy(REPO / "policies" / "kenaikan-pangkat-reguler.yaml")
    assert loaded.policy.policy.as_of == date(2026, 10, 1)
