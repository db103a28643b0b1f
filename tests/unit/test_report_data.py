"""Inputs shared by the report tests (this module holds no tests).

A scored run of a small synthetic roster through the CLI, with its fairness audit, and an audit
of a decisions file with two stages, a score and strata. Charts cost a fraction of a second
each, so the run's audit is trimmed to two attributes before it is rendered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from helpers import KP_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.fairness import AuditResult, AuditSettings, audit_frame
from asn_merit.pipeline import audit_run_document
from asn_merit.sample.generator import generate_roster, write_roster

KEEP = ("jenis_kelamin", "kelompok_usia")
HOSTILE = "<script>alert(1)</script>"


def scored_run(base: Path, rows: int = 200, seed: int = 3) -> dict[str, Any]:
    """Score a synthetic roster; the result document, its audit (dict and AuditResult) and
    the run's manifest."""
    roster = base / "roster.xlsx"
    write_roster(generate_roster(rows, seed), roster)
    run = base / "run"
    result = CliRunner().invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                      str(run), "--no-html", "--quiet", "--force"])
    assert result.exit_code == 0, result.output
    document = json.loads((run / "result.json").read_text(encoding="utf-8"))
    audited = audit_run_document(document)
    assert audited is not None
    return {"document": document, "result": audited[0], "audit": audited[1],
            "manifest": json.loads((run / "manifest.json").read_text(encoding="utf-8"))}


def trimmed(audit: dict[str, Any], keep: tuple[str, ...] = KEEP) -> dict[str, Any]:
    """The audit limited to `keep` attributes (every stage, scores and process checks)."""
    out = {**audit, "attributes": [b for b in audit["attributes"] if b["attribute"] in keep],
           "scores": [b for b in audit.get("scores", []) if b["attribute"] in keep]}
    if "process" in audit:
        by = audit["process"]["by_attribute"]
        out["process"] = {**audit["process"], "by_attribute": {k: by[k] for k in keep if k in by}}
    return out


def decisions() -> AuditResult:
    """1,200 applicants, two stages; women pass the first less often (a planted finding)."""
    rng = np.random.default_rng(11)
    n = 1200
    sex = rng.choice(["L", "P"], n)
    religion = rng.choice(["Islam", "Kristen", "Hindu", ""], n, p=[0.8, 0.12, 0.05, 0.03])
    passed = rng.random(n) < np.where(sex == "P", 0.3, 0.45)
    frame = pd.DataFrame({
        "Jenis Kelamin": sex, "Agama": religion, "Usia": rng.choice(["<30", "30+"], n),
        "Tahun": rng.choice(["2024", "2025"], n),
        "Lulus SKD": passed, "Diangkat": passed & (rng.random(n) < 0.5),
        "Nilai": rng.normal(300, 40, n).round(1),
    })
    return audit_frame(frame, outcomes=["Lulus SKD", "Diangkat"],
                       attributes=["Jenis Kelamin", "Agama"],
                       intersections=[("Jenis Kelamin", "Usia")], score="Nilai",
                       strata="Tahun", settings=AuditSettings())
