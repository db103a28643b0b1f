"""manifest.json: what went in, which policy and tool decided, what came out — no personal data.

The manifest's hash goes into the ledger. Its `ledger` block (seq, prev_hash) is only known
after the append, so it is left out of the hashed form.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from asn_merit import __version__
from asn_merit.ledger.hashing import canonical_sha256, sha256_file

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
UNHASHED_KEYS = ("ledger",)
DEPENDENCIES = ("pandas", "numpy", "pyarrow", "python-calamine", "fastexcel", "xlsxwriter",
                "pydantic", "pyyaml", "jinja2", "scipy", "matplotlib", "typer", "rich")


def tool_versions() -> dict[str, Any]:
    versions = {}
    for name in DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {"name": "asn-merit", "version": __version__,
            "python": platform.python_version(),
            "platform": f"{sys.platform}-{platform.machine()}", "dependencies": versions}


@dataclass
class Option:
    value: Any
    origin: str  # "--flag", "policy", "asn-merit.toml", "default", "today"


@dataclass
class ManifestInput:
    role: str
    path: str
    sha256: str
    bytes: int
    sheet: str | None = None
    header_row: int | None = None
    rows_read: int | None = None
    columns_used: list[str] = field(default_factory=list)
    columns_ignored: list[str] = field(default_factory=list)


def describe_outputs(directory: Path, names: list[str]) -> list[dict[str, Any]]:
    return [{"path": name, "sha256": sha256_file(directory / name),
             "bytes": (directory / name).stat().st_size} for name in sorted(names)]


def build_manifest(*, run_id: str, kind: str, started_at: str, finished_at: str,
                   as_of: str | None, argv: list[str], options: dict[str, Option],
                   policy: dict[str, Any] | None, inputs: list[ManifestInput],
                   results: dict[str, Any], outputs: list[dict[str, Any]],
                   columns_used: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """`columns_used`: a score run's field ← header bindings (left out for other runs)."""
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "run_id": run_id,
        "kind": kind,
        "started_at": started_at,
        "finished_at": finished_at,
        "as_of": as_of,
        "tool": tool_versions(),
        "invocation": {"argv": argv,
                       "options": {k: {"value": o.value, "origin": o.origin}
                                   for k, o in sorted(options.items())}},
        "policy": policy,
        "inputs": [vars(i) for i in inputs],
        "results": results,
        "outputs": outputs,
    }
    if columns_used is not None:
        manifest["columns_used"] = columns_used
    return manifest


def manifest_sha256(manifest: dict[str, Any]) -> str:
    return canonical_sha256({k: v for k, v in manifest.items() if k not in UNHASHED_KEYS})
