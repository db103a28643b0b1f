"""Load a policy file: strict YAML, then the pydantic model, then the semantic checks.

Every problem is collected and returned with its file position; a policy with any error is
never scored (fail closed).
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from asn_merit.diagnostics import Diagnostic, Severity
from asn_merit.errors import InputOutputError, PolicyError
from asn_merit.ledger.hashing import canonical_sha256
from asn_merit.paths import input_file
from asn_merit.rules import model as m
from asn_merit.rules.checks import check_policy
from asn_merit.rules.expr import CompiledExpr
from asn_merit.rules.fields import FieldInfo
from asn_merit.rules.yaml_loader import PathKey, SourceMap, load_yaml


@dataclass(frozen=True)
class LoadedPolicy:
    """A validated policy with everything the engine needs precomputed."""

    policy: m.Policy
    path: Path
    source_map: SourceMap
    file_sha256: str
    canonical_sha256: str
    fields: dict[str, FieldInfo]
    derived_order: list[m.DerivedField]
    expressions: dict[str, CompiledExpr]  # keyed by derived id or rule id
    warnings: list[Diagnostic] = field(default_factory=list)


def _known_keys() -> set[str]:
    keys: set[str] = set()
    for obj in vars(m).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            for name, info in obj.model_fields.items():
                keys.add(info.alias or name)
    return keys


KNOWN_KEYS = _known_keys()


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[PathKey, list[str]]:
    """Map a pydantic `loc` onto the real data path, dropping union tags pydantic inserts."""
    path: list[str | int] = []
    skipped: list[str] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        else:
            skipped.append(str(part))
    return tuple(path), skipped


def _path_text(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _rule_context(path: PathKey, data: Any) -> str:
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        rule = data["rules"][path[1]]
        if isinstance(rule, dict) and isinstance(rule.get("id"), str):
            return f" ({rule['id']})"
    return ""


def _from_validation(exc: ValidationError, data: Any, source_map: SourceMap) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: set[tuple[PathKey, str]] = set()
    for err in exc.errors():
        path, skipped = _data_path(tuple(err["loc"]), data)
        kind = err["type"]
        where = _path_text(path) + _rule_context(path, data)
        hint = ""
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else "?"
            code, message = "schema.extra-field", f"{where}: unknown key '{key}'"
            close = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else ""
            span = source_map.locate(path)
        elif kind == "missing":
            key = skipped[-1] if skipped else "?"
            code, message = "schema.missing-field", f"{where or 'policy file'}: missing key '{key}'"
            span = source_map.locate(path)
        else:
            code = f"schema.{kind.replace('_', '-')}"
            message = f"{where}: {err['msg']}" if where else err["msg"]
            span = source_map.value_span(path)
            if kind == "string_type" and isinstance(err.get("input"), bool | int | float):
                hint = f'quote the value so YAML keeps it as text: "{err["input"]}"'
        # a union reports each branch; one message per place is enough
        if (path, code) in seen and kind not in ("extra_forbidden", "missing"):
            continue
        seen.add((path, code))
        problems.append(Diagnostic(code, message, span=span, path=_path_text(path), hint=hint))
    return problems


def _schema_version(data: dict[str, Any], source_map: SourceMap) -> list[Diagnostic]:
    if "schema_version" not in data:
        return [
            Diagnostic(
                "policy.missing-schema-version",
                "the policy must start with 'schema_version: 1'",
                span=source_map.locate(()),
                hint="add 'schema_version: 1' as the first line",
            )
        ]
    version = data["schema_version"]
    if version not in m.SUPPORTED_SCHEMA_VERSIONS:
        supported = ", ".join(map(str, m.SUPPORTED_SCHEMA_VERSIONS))
        return [
            Diagnostic(
                "policy.unsupported-schema-version",
                f"this file uses format {version!r}; this asn-merit understands {supported}",
                span=source_map.value_span(("schema_version",)),
                hint="upgrade asn-merit or correct schema_version",
            )
        ]
    return []


def parse_policy(text: str, path: Path) -> LoadedPolicy:
    """Validate policy text; raise PolicyError with every problem found."""
    name = str(path)
    data, source_map, problems = load_yaml(text, name)
    if problems:
        raise PolicyError(problems)
    if not isinstance(data, dict):
        raise PolicyError([Diagnostic("schema.not-a-mapping", "a policy must be a YAML mapping",
                                      span=source_map.locate(()))])
    problems = _schema_version(data, source_map)
    if problems:
        raise PolicyError(problems)
    try:
        policy = m.Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(_from_validation(exc, data, source_map)) from None
    outcome = check_policy(policy, source_map)
    errors = [d for d in outcome.diagnostics if d.severity == Severity.ERROR]
    if errors:
        raise PolicyError(outcome.diagnostics)
    return LoadedPolicy(
        policy=policy,
        path=path,
        source_map=source_map,
        file_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        canonical_sha256=canonical_sha256(policy.model_dump(mode="json", by_alias=True)),
        fields=outcome.fields,
        derived_order=outcome.derived_order,
        expressions=outcome.expressions,
        warnings=[d for d in outcome.diagnostics if d.severity != Severity.ERROR],
    )


def load_policy(path: Path) -> LoadedPolicy:
    try:
        raw = input_file(path, "policy").read_bytes()
    except OSError as exc:
        raise InputOutputError(f"cannot read policy {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PolicyError([Diagnostic("policy.encoding", f"{path} is not UTF-8 text ({exc.reason})")
                           ]) from None
    loaded = parse_policy(text, path)
    # the file hash covers the bytes on disk, including a BOM if there is one
    return LoadedPolicy(**{**loaded.__dict__, "file_sha256": hashlib.sha256(raw).hexdigest()})
