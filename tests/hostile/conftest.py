"""Shared checks for the hostile corpus: every case leaves its inputs as they were, no staging
folder behind, and a ledger whose every entry has its run directory on disk."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()


def digest(paths: Iterable[Path]) -> dict[Path, str]:
    """sha256 of each regular file (a FIFO or folder is left alone)."""
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.is_file()}


def staging_left(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*.staging-*")]


def ledger_entries(ledger: Path) -> list[dict]:
    if not ledger.is_file():
        return []
    with sqlite3.connect(ledger) as conn:
        rows = conn.execute("SELECT run_id, kind, summary FROM entries ORDER BY seq").fetchall()
    return [{"run_id": r, "kind": k, "summary": json.loads(s)} for r, k, s in rows]


def assert_ledger_holds_only_written_runs(ledger: Path) -> None:
    """`ledger verify` passes and each entry's run directory holds that run's manifest."""
    if not ledger.is_file():
        return
    result = runner.invoke(app, ["ledger", "verify", "--ledger", str(ledger)])
    assert result.exit_code == 0, result.output
    for entry in ledger_entries(ledger):
        where = Path(entry["summary"]["out_dir"])
        manifest = json.loads((where / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["run_id"] == entry["run_id"], where
