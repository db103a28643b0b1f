"""JSON Schema for editors: pydantic's schema, reshaped for draft-07 tools.

The loader stays the authority; the schema only helps the VS Code YAML extension and others
autocomplete keys and show descriptions.
"""

from __future__ import annotations

import json
from typing import Any

from asn_merit.rules.model import Policy
from asn_merit.rules.schema_id import INDONESIAN

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def both(id_: str, en: str) -> str:
    """One description in both languages: Indonesian first, as the reports."""
    return f"{id_} / {en}"


def policy_json_schema() -> dict[str, Any]:
    schema = Policy.model_json_schema(by_alias=True)
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    out: dict[str, Any] = json.loads(text)
    out["definitions"] = out.pop("$defs", {})
    out["$schema"] = DRAFT_07
    out["title"] = "asn-merit policy (schema_version 1)"
    _translate(out)
    return out


def _translate(node: object) -> None:
    """Every description as "Indonesian / English" (English alone when no entry exists)."""
    if isinstance(node, dict):
        text = node.get("description")
        if isinstance(text, str) and text in INDONESIAN:
            node["description"] = both(INDONESIAN[text], text)
        for value in node.values():
            _translate(value)
    elif isinstance(node, list):
        for value in node:
            _translate(value)
