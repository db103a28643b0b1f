"""Re-check a finished run: files against their hashes, the manifest against the ledger.

Checks run in a fixed order and the first failure is the one reported, so an auditor gets
one clear reason ("ranking.xlsx changed") rather than a cascade.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn_merit.ledger.hashing import canonical_json_bytes, sha256_file
from asn_merit.ledger.manifest import MANIFEST_NAME, manifest_sha256
from asn_merit.ledger.store import Ledger
from asn_merit.ledger.sums import SUMS_FILENAME, check_sha256sums, read_sha256sums


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


class RunFiles:
    """A run directory's manifest, read once."""

    def __init__(self, run_dir: Path):
        self.run_dir = run_dir
        self.manifest: dict[str, Any] = json.loads(
            (run_dir / MANIFEST_NAME).read_text(encoding="utf-8"))


def _sums(run: RunFiles) -> Check:
    if not (run.run_dir / SUMS_FILENAME).is_file():
        return Check("sha256sums", False, f"{SUMS_FILENAME} is missing")
    bad = check_sha256sums(run.run_dir)
    if bad:
        first = bad[0]
        return Check("sha256sums", False, f"{first.name}: expected {first.expected}, found "
                     f"{first.actual}")
    listed = set(read_sha256sums(run.run_dir))
    expected = {o["path"] for o in run.manifest["outputs"]} | {MANIFEST_NAME}
    if listed != expected:
        return Check("sha256sums", False, f"{SUMS_FILENAME} lists {sorted(listed)}, the "
                     f"manifest expects {sorted(expected)}")
    return Check("sha256sums", True, f"{len(listed)} files match {SUMS_FILENAME}")


def _outputs(run: RunFiles) -> Check:
    for output in run.manifest["outputs"]:
        path = run.run_dir / output["path"]
        if not path.is_file():
            return Check("outputs", False, f"{output['path']} is missing")
        actual = sha256_file(path)
        if actual != output["sha256"]:
            return Check("outputs", False, f"{output['path']} changed: manifest has "
                         f"{output['sha256']}, file has {actual}")
    return Check("outputs", True, f"{len(run.manifest['outputs'])} outputs match the manifest")


def _result(run: RunFiles) -> Check:
    path = run.run_dir / "result.json"
    if not path.is_file():
        return Check("result", True, "no result.json in this run")
    raw = path.read_bytes()
    document = json.loads(raw)
    if canonical_json_bytes(document) != raw:
        return Check("result", False, "result.json is not in canonical form (edited by hand?)")
    expected = run.manifest["results"].get("result_sha256")
    actual = sha256_file(path)
    if expected and expected != actual:
        return Check("result", False, f"result.json hash {actual} differs from the manifest's "
                     f"{expected}")
    return Check("result", True, "result.json is canonical and matches the manifest")


def _ledger(run: RunFiles, ledger_path: Path | None) -> Check:
    block = run.manifest.get("ledger")
    if block is None:
        return Check("ledger", False, "the run was not recorded in a ledger")
    path = ledger_path or Path(block["path"])
    with Ledger.open(path, create=False) as ledger:
        entry = ledger.find_run(run.manifest["run_id"])
        if entry is None:
            return Check("ledger", False, f"run {run.manifest['run_id']} is not in {path}")
        if entry.seq != block["seq"]:
            return Check("ledger", False, f"the manifest says seq {block['seq']}, the ledger "
                         f"has seq {entry.seq}")
        actual = manifest_sha256(run.manifest)
        if entry.manifest_sha256 != actual:
            return Check("ledger", False, f"{MANIFEST_NAME} changed: ledger has "
                         f"{entry.manifest_sha256}, file hashes to {actual}")
        chain = ledger.verify_chain()
        if not chain.ok:
            return Check("ledger", False, f"ledger chain broken at seq {chain.broken_seq}: "
                         f"{chain.reason}")
    return Check("ledger", True, f"recorded as seq {entry.seq} in {path}; chain of "
                 f"{chain.entries_checked} entries intact")


def verify_run(run_dir: Path, ledger_path: Path | None,
               extra: list[tuple[str, Callable[[dict[str, Any]], str | None]]] = ()
               ) -> list[Check]:
    """All checks in order; `extra` adds (name, fn(result document) → problem or None)."""
    if not (run_dir / MANIFEST_NAME).is_file():
        return [Check("manifest", False, f"{run_dir / MANIFEST_NAME} is missing")]
    try:
        run = RunFiles(run_dir)
    except ValueError as exc:
        return [Check("manifest", False, f"{MANIFEST_NAME} is not valid JSON: {exc}")]
    checks = [Check("manifest", True, f"run {run.manifest['run_id']} ({run.manifest['kind']})"),
              _sums(run), _outputs(run), _result(run)]
    if all(c.ok for c in checks) and (run_dir / "result.json").is_file():
        document = json.loads((run_dir / "result.json").read_text(encoding="utf-8"))
        for name, check in extra:
            problem = check(document)
            checks.append(Check(name, problem is None, problem or "hold"))
    checks.append(_ledger(run, ledger_path))
    return checks
