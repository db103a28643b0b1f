"""Golden results: each shipped policy on its committed sample file.

A change in these numbers must be deliberate. Regenerate with UPDATE_GOLDEN=1 and review the
diff of the .json file like any other change to a decision.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from helpers import REPO

from asn_merit.catalog import shipped_policies
from asn_merit.ledger.hashing import canonical_json_bytes, sha256_bytes
from asn_merit.pipeline import load_roster, score
from asn_merit.rules.loader import load_policy
from asn_merit.scoring.trace import document_invariants, result_document

GOLDEN = Path(__file__).parent
CASES = [(entry.id, entry.sample) for entry in shipped_policies()]
AS_OF = {"seleksi-cpns": date(2024, 12, 1)}


def summary(document: dict) -> dict:
    ranked = [p for p in document["people"] if "rank" in p]
    out = {
        "counts": document["counts"],
        "cut_line": document["selection"]["cut_line"],
        "top": [[p["id"], p["total"], p["decided_by"]] for p in ranked[:30]],
        "failed_gates": {
            rule["id"]: sum(rule["id"] in p.get("failed", []) for p in document["people"])
            for rule in document["rules"] if rule["kind"] == "gate"
        },
        "result_sha256": sha256_bytes(canonical_json_bytes(document)),
    }
    # Keys only the newer policies have, so the older golden files stay as they are.
    if "method" in document["scoring"]:
        out["method"] = document["scoring"]["method"]
    if "ahp" in document["scoring"]:
        out["ahp_weights"] = document["scoring"]["ahp"]["weights"]
    if "groups" in document["selection"]:
        out["groups"] = document["selection"]["groups"]
    if "categories" in document:
        out["categories"] = {
            # an eligible person no case labels is counted under "null", as JSON writes None
            c["id"]: dict(sorted(Counter(_label(p["categories"][c["id"]]) for p in ranked
                                         ).items()))
            for c in document["categories"]}
    return out


def _label(value: str | None) -> str:
    return "null" if value is None else value


def scored(policy_id: str, sample: str) -> dict:
    loaded = load_policy(REPO / "policies" / f"{policy_id}.yaml")
    assert loaded.policy.policy.as_of is not None
    typed = load_roster(REPO / "sample_data" / sample, loaded, None, None)
    return result_document(score(loaded, typed, loaded.policy.policy.as_of))


@pytest.mark.parametrize(("policy_id", "roster"), CASES)
def test_shipped_policy_on_sample_roster(policy_id: str, roster: str) -> None:
    document = scored(policy_id, roster)
    assert document_invariants(document) is None
    actual = summary(document)
    golden = GOLDEN / f"{policy_id}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert {k: v for k, v in actual.items() if k != "result_sha256"} == \
        {k: v for k, v in expected.items() if k != "result_sha256"}
    assert actual["result_sha256"] == expected["result_sha256"]


@pytest.mark.parametrize(("policy_id", "roster"), CASES)
def test_golden_as_of_is_fixed(policy_id: str, roster: str) -> None:
    loaded = load_policy(REPO / "policies" / f"{policy_id}.yaml")
    assert loaded.policy.policy.as_of == AS_OF.get(policy_id, date(2026, 10, 1))


def test_every_shipped_policy_has_a_golden_case() -> None:
    assert {path.stem for path in GOLDEN.glob("*.json")} == {case[0] for case in CASES}
    assert len(CASES) == 7
