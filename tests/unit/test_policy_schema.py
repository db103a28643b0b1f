"""The exported JSON Schema helps editors; it must be valid draft-07 and accept shipped policies."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import REPO
from jsonschema import Draft7Validator

from asn_merit.rules.schema import policy_json_schema

SHIPPED = sorted(p for p in (REPO / "policies").glob("*.yaml")
                 if not p.name.endswith(".tests.yaml"))


def as_json(value: object) -> object:
    """YAML dates become the strings an editor's JSON view would hold."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(
        v, date) else str(v)))


def test_schema_is_valid_draft_07() -> None:
    schema = policy_json_schema()
    Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_policies_validate_against_the_schema(path: Path) -> None:
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = sorted(Draft7Validator(policy_json_schema()).iter_errors(data), key=str)
    assert errors == [], [e.message for e in errors[:3]]


def test_schema_rejects_an_unknown_key() -> None:
    data = as_json(yaml.safe_load(SHIPPED[0].read_text(encoding="utf-8")))
    data["rules"][0]["wieght"] = 1  # type: ignore[index]
    assert list(Draft7Validator(policy_json_schema()).iter_errors(data))
