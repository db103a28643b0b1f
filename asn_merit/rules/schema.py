"""JSON Schema for editors: pydantic's schema, reshaped for draft-07 tools.

The loader stays the authority; the schema only helps the VS Code YAML extension and others
autocomplete keys and show descriptions.
"""

from __future__ import annotations

import json
from typing import Any

from asn_merit.rules.model import Policy

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def policy_json_schema() -> dict[str, Any]:
    schema = Policy.model_json_schema(by_alias=True)
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    out: dict[str, Any] = json.loads(text)
    out["definitions"] = out.pop("$defs", {})
    out["$schema"] = DRAFT_07
    out["title"] = "asn-merit policy (schema_version 1)"
    return out
