"""The JSON Schemas shipped for editors: policy, overrides file and fixture file.

The files beside this module are generated (`python -m asn_merit.schemas`) and checked by a
test to equal what the models give now. `init` and `policy schema --out` copy the policy schema
next to a policy, and the policy's first line points the VS Code YAML extension at it:
`# yaml-language-server: $schema=./policy.v1.schema.json`. The loaders stay the authority.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from asn_merit.rules.schema import DRAFT_07, both, policy_json_schema

FOLDER = Path(__file__).parent
POLICY = "policy.v1.schema.json"
OVERRIDES = "overrides.v1.schema.json"
FIXTURES = "fixtures.v1.schema.json"
MODELINE = "# yaml-language-server: $schema="


def _text(id_: str, en: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": both(id_, en)}


def overrides_json_schema() -> dict[str, Any]:
    entry = {
        "type": "object", "additionalProperties": False,
        "required": ["nip", "action", "reason", "approved_by", "decree_ref"],
        "properties": {
            "nip": _text("Nilai id orang itu menurut kebijakan (NIP), dalam tanda kutip",
                         "The person's id value under the policy (NIP), quoted"),
            "rule": _text("Id aturan; kosongkan atau \"*\" untuk exclude",
                          "Rule id; omit it or write \"*\" for exclude"),
            "action": {"enum": ["force_pass", "force_fail", "set_points", "exclude"],
                       "description": both(
                           "force_pass/force_fail untuk syarat, set_points untuk poin, "
                           "exclude untuk tidak dinilai",
                           "force_pass/force_fail for a gate, set_points for points, exclude "
                           "to leave the person out")},
            "points": {"type": "number", "description": both(
                "Poin aturan setelah bobot (hanya set_points)",
                "The rule's points after weighting (set_points only)")},
            "reason": _text("Alasan koreksi", "Why the outcome is corrected"),
            "approved_by": _text("Pejabat yang menyetujui", "Who approved it"),
            "decree_ref": _text("Nomor SK atau surat dasar koreksi",
                                "The decree (nomor SK) behind it"),
        },
    }
    return {"$schema": DRAFT_07, "title": "asn-merit overrides (koreksi manual)",
            "description": both("Koreksi manual atas hasil, masing-masing dengan dasar SK",
                                "Manual corrections of outcomes, each with its decree"),
            "type": "object", "additionalProperties": False, "required": ["overrides"],
            "properties": {"overrides": {"type": "array", "items": entry}}}


def fixtures_json_schema() -> dict[str, Any]:
    expect = {
        "eligible": {"type": "boolean", "description": both("Memenuhi semua syarat?",
                                                            "Passes every gate?")},
        "status": {"type": "string", "description": both("Status hasil", "Result status")},
        "failed": {"type": "array", "items": {"type": "string"}, "description": both(
            "Id syarat yang tidak dipenuhi", "Ids of the gates failed")},
        "total": {"type": ["string", "number"], "description": both(
            "Total poin, mis. \"70.25\"", "Total points, e.g. \"70.25\"")},
        "points": {"type": "object", "additionalProperties": {"type": ["string", "number"]},
                   "description": both("Poin per id aturan", "Points per rule id")},
        "rank": {"type": "integer", "minimum": 1, "description": both("Peringkat", "Rank")},
        "selected": {"type": "boolean", "description": both("Masuk kuota?",
                                                            "Within the quota?")},
        "categories": {"type": "object", "description": both(
            "Label per kategori, mis. kotak talenta", "Label per category, e.g. talent box")},
        "derived": {"type": "object", "description": both(
            "Nilai field turunan yang diharapkan", "Expected values of derived fields")},
    }
    person = {"type": "object", "description": both(
        "Satu orang contoh: kolom roster (nama field kebijakan) dan hasil yang diharapkan",
        "One example person: roster fields (the policy's field names) and the expected "
        "outcome"),
        "properties": {"expect": {"type": "object", "additionalProperties": False,
                                  "properties": expect}}}
    return {"$schema": DRAFT_07, "title": "asn-merit policy fixtures (contoh orang)",
            "description": both("Orang contoh di samping kebijakan (asn-merit policy test)",
                                "Example people beside a policy (asn-merit policy test)"),
            "type": "object", "required": ["people"],
            "properties": {
                "as_of": {"type": "string", "format": "date", "description": both(
                    "Tanggal acuan (YYYY-MM-DD)", "Reference date (YYYY-MM-DD)")},
                "defaults": {"type": "object", "description": both(
                    "Nilai bersama semua orang contoh", "Values every example person shares")},
                "people": {"type": "array", "items": person, "minItems": 1}}}


BUILDERS = {POLICY: policy_json_schema, OVERRIDES: overrides_json_schema,
            FIXTURES: fixtures_json_schema}


def schema_text(name: str) -> str:
    return json.dumps(BUILDERS[name](), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(name: str, target: Path) -> Path:
    """Write schema `name` to `target` (a file, or a folder to put it in by its own name)."""
    path = target / name if target.is_dir() else target
    path.write_text(schema_text(name), encoding="utf-8", newline="\n")
    return path


def with_modeline(text: str, schema: str) -> str:
    """`text` whose first line points the YAML extension at `schema` (replaced if present)."""
    line = f"{MODELINE}{schema}\n"
    if text.startswith(MODELINE):
        return line + text.split("\n", 1)[1] if "\n" in text else line
    return line + text


def regenerate() -> None:
    """Rewrite the shipped files from the models (`python -m asn_merit.schemas`)."""
    for name in BUILDERS:
        sys.stdout.write(f"wrote {write_schema(name, FOLDER)}\n")
