"""report.html is a document a head of agency can print and sign.

A run scored through the CLI (with a ledger that already holds one entry) is printed to PDF by
headless Chromium. The first page carries the policy title, legal basis, owner, reference date,
counts, the cut line, the result's SHA-256, the ledger anchor and a signature block with name,
NIP and position blanks; the per-person explanations come last, as an appendix, one or two
printed lines a person; and the page count stays proportionate to the people listed (the
1,000-person sample printed 49 A4 pages without any explanation before this).

The first page as printed (the print stylesheet applied to an A4-wide window) is saved as a
PNG; with ASN_MERIT_UPDATE_DOCS=1 it replaces docs/report-first-page.png, the picture in the
README.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import KP_POLICY, REPO
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.reports.html import MAX_PEOPLE

CHROMIUM = Path("/usr/bin/chromium")
PEOPLE_PER_PAGE = 14
"""A floor for the appendix and the lists: one A4 page prints more people than this."""
FIXED_PAGES = 22
"""Cover, summary, findings, rules, verification and the fairness audit's pages."""
A4_WINDOW = "--window-size=794,1123"  # A4 at 96 dpi

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")


def _chromium(profile: Path, url: str, *extra: str) -> str:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update", "--no-first-run",
               f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
               "--hide-scrollbars", *extra, "--dump-dom", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from asn_merit.sample.generator import generate_roster, write_roster

    base = tmp_path_factory.mktemp("signable")
    roster = base / "roster.xlsx"
    write_roster(generate_roster(400, 7), roster)
    ledger = str(base / "ledger.sqlite")
    runner = CliRunner()
    for out, as_of in ((base / "earlier", "2026-04-01"), (base / "run", "2026-10-01")):
        done = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                   str(out), "--as-of", as_of, "--ledger", ledger, "--quiet"])
        assert done.exit_code == 0, done.output
    return base / "run"


def test_first_page_is_the_one_to_sign(run: Path, tmp_path: Path) -> None:
    html = (run / "report.html").read_text(encoding="utf-8")
    document = json.loads((run / "result.json").read_text(encoding="utf-8"))
    cover = html[html.index('<section id="signing"'):html.index("</section>",
                                                                  html.index('id="signing"'))]
    assert "Prioritas usulan Kenaikan Pangkat Reguler — periode Oktober 2026" in cover
    assert "Bidang Mutasi dan Promosi, BKPSDM Kabupaten Contoh" in cover
    assert "PP 99/2000 jo. PP 12/2002 tentang Kenaikan Pangkat PNS" in cover
    assert "PP 94/2021 tentang Disiplin PNS" in cover
    assert "1 Oktober 2026" in cover
    sums = (run / "SHA256SUMS").read_text(encoding="utf-8")
    result_sha = next(line.split()[0] for line in sums.splitlines()
                      if line.endswith("result.json"))
    assert result_sha in cover
    assert "dicatat sesudah entri nomor 1" in cover  # the earlier run is the ledger anchor
    assert document["selection"]["cut_line"].replace(".", ",") in cover
    for blank in ("Nama ……", "NIP ……", "Jabatan ……", "Disetujui oleh,"):
        assert blank in cover
    assert html.index('id="signing"') < html.index('id="summary"') \
        < html.index('id="verification"') < html.index('id="explanations"')


def test_prints_in_proportion_to_the_people_listed(run: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    _chromium(tmp_path / "profile", (run / "report.html").as_uri(), f"--print-to-pdf={pdf}",
              "--no-pdf-header-footer")
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    document = json.loads((run / "result.json").read_text(encoding="utf-8"))
    counts = document["counts"]
    ranked = min(counts["eligible"], MAX_PEOPLE)
    listed = 2 * ranked + min(counts["ineligible"], MAX_PEOPLE)  # ranking + appendix
    assert 4 <= pages <= FIXED_PAGES + math.ceil(listed / PEOPLE_PER_PAGE), pages
    assert len(data) < 4_000_000


def test_first_printed_page_as_a_picture(run: Path, tmp_path: Path) -> None:
    """The print stylesheet applied to an A4-wide window: the picture in the README."""
    html = (run / "report.html").read_text(encoding="utf-8")
    printed = html.replace("@media print {", "@media all {", 1).replace(
        "</style>", "html{background:#fff} body{width:186mm;margin:10mm 12mm}</style>", 1)
    page = tmp_path / "printed.html"
    page.write_text(printed, encoding="utf-8")
    shot = tmp_path / "report-first-page.png"
    dom = _chromium(tmp_path / "profile", page.as_uri(), A4_WINDOW, f"--screenshot={shot}")
    assert 'id="signing"' in dom and "<script" not in dom
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
    if os.environ.get("ASN_MERIT_UPDATE_DOCS") == "1":
        shutil.copyfile(shot, REPO / "docs" / "report-first-page.png")
