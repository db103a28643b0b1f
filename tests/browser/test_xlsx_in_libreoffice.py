"""The workbooks open in LibreOffice: a headless conversion to PDF succeeds and prints pages.

LibreOffice reads the whole package (sheets, styles, conditional formats, native charts); a
file it would have to repair fails to convert or converts to nothing. Skipped when LibreOffice
is not installed (`apt-get install libreoffice-calc`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from helpers import KP_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.pipeline import audit_run_document
from asn_merit.reports.audit_excel import write_audit_xlsx
from asn_merit.reports.policy_doc import policy_rows
from asn_merit.reports.ranking_excel import write_ranking_xlsx
from asn_merit.rules.loader import load_policy

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CREATED = datetime(2026, 10, 1)

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from asn_merit.sample.generator import generate_roster, write_roster

    base = tmp_path_factory.mktemp("libreoffice")
    roster = base / "roster.xlsx"
    write_roster(generate_roster(150, 5), roster)
    run = base / "run"
    result = CliRunner().invoke(app, ["score", str(roster), "--policy", str(KP_POLICY),
                                      "--out", str(run), "--no-html", "--quiet", "--force"])
    assert result.exit_code == 0, result.output
    document = json.loads((run / "result.json").read_text(encoding="utf-8"))
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    ranking, audit = base / "ranking.xlsx", base / "audit.xlsx"
    write_ranking_xlsx(document, [], ranking, CREATED, "id",
                       policy_rows=policy_rows(load_policy(KP_POLICY), "id"),
                       manifest=manifest)
    audited = audit_run_document(document)
    assert audited is not None
    write_audit_xlsx(audited[0], audit, CREATED, lang="en")
    return [ranking, audit]


def test_libreoffice_converts_each_workbook_to_pdf(workbooks: list[Path],
                                                   tmp_path: Path) -> None:
    assert SOFFICE is not None
    out = tmp_path / "pdf"
    done = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, workbooks)],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    for workbook in workbooks:
        pdf = (out / workbook.name).with_suffix(".pdf")
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 10_000, workbook.name
        assert len(re.findall(rb"/Type\s*/Page\b", data)) > 1, workbook.name
