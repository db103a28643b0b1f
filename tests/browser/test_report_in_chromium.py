"""The HTML reports in a real browser: they render offline, show their charts, print to more
than one page, and ask for nothing.

A run is scored through the CLI on a synthetic roster; its report.html and audit.html (and the
shipped policy's approval document) are each opened once in headless Chromium with every host
name mapped to NOTFOUND and a network log. Requests the page made carry the file:// page as
initiator; Chromium's own background traffic (time sync, account checks) carries "not an
origin" and is ignored. A canary page that does load a remote image proves the log would have
caught one.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import KP_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.reports.audit_html import write_audit_html
from asn_merit.reports.html import write_score_html
from asn_merit.reports.i18n import MESSAGES
from asn_merit.reports.policy_doc import render_policy
from asn_merit.rules.loader import load_policy

CHROMIUM = Path("/usr/bin/chromium")
SECTIONS = ("summary", "ranking", "explanations", "fairness", "findings", "rules", "verification")
BROWSER_ORIGIN = "not an origin"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")


def _chromium(profile: Path, url: str, *extra: str) -> str:
    """Run headless Chromium once with networking starved; return the dumped DOM."""
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--hide-scrollbars", *extra, "--dump-dom", url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _page_requests(net_log: Path) -> list[str]:
    """Network URLs the page itself asked for, from Chromium's --log-net-log JSON."""
    text = net_log.read_text(encoding="utf-8").rstrip()
    if not text.endswith("}"):  # the log of a browser that exited mid-write lacks its tail
        text = text.rstrip(",") + "]}"
    log: dict[str, Any] = json.loads(text)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [params["url"] for event in log["events"] if event["type"] == start_job
            for params in [event.get("params", {})]
            if params.get("initiator") != BROWSER_ORIGIN
            and re.match(r"(https?|wss?|ftp)://", params.get("url", ""))]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from asn_merit.sample.generator import generate_roster, write_roster

    base = tmp_path_factory.mktemp("browser")
    roster = base / "roster.xlsx"
    write_roster(generate_roster(150, 3), roster)
    out = base / "run"
    result = CliRunner().invoke(app, ["score", str(roster), "--policy", str(KP_POLICY),
                                      "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    document = json.loads((out / "result.json").read_text(encoding="utf-8"))
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    return {"base": base, "document": document, "audit": audit}


@pytest.fixture(scope="module")
def report(run: dict[str, Any]) -> Path:
    audit = {**run["audit"], "attributes": run["audit"]["attributes"][:3]}  # three charts
    path = run["base"] / "report.html"
    write_score_html(run["document"], path, "id", audit=audit, redact={"nama": "initials"},
                     footer={"run_id": "browser-test", "input_sha256": "0" * 64})
    return path


def test_report_renders_offline_prints_and_requests_nothing(report: Path,
                                                            tmp_path: Path) -> None:
    shot, pdf, net_log = tmp_path / "report.png", tmp_path / "report.pdf", tmp_path / "net.json"
    dom = _chromium(tmp_path / "profile", report.as_uri(), "--window-size=1280,2400",
                    f"--screenshot={shot}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                    f"--log-net-log={net_log}")

    for section in SECTIONS:
        assert f'id="{section}"' in dom
        assert MESSAGES[f"html.section.{section}"]["id"] in dom
    assert len(re.findall(r"<svg\b", dom)) == 4  # score distribution + three fairness charts
    assert dom.count("<path") > 50  # the charts were parsed as SVG, not left as text
    assert "<details" in dom and "<script" not in dom
    assert _page_requests(net_log) == []

    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pages >= len(SECTIONS)  # the print stylesheet starts each section on a new page


def _open_print_and_log(page: Path, tmp_path: Path) -> tuple[str, int]:
    """The DOM Chromium built, and the number of PDF pages it printed; nothing requested."""
    pdf, net_log = tmp_path / "page.pdf", tmp_path / "net.json"
    dom = _chromium(tmp_path / "profile", page.as_uri(), "--window-size=1280,2400",
                    f"--screenshot={tmp_path / 'page.png'}", f"--print-to-pdf={pdf}",
                    "--no-pdf-header-footer", f"--log-net-log={net_log}")
    assert _page_requests(net_log) == []
    assert (tmp_path / "page.png").stat().st_size > 20_000
    return dom, len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def test_audit_html_renders_offline_prints_and_requests_nothing(run: dict[str, Any],
                                                                tmp_path: Path) -> None:
    keep = {"jenis_kelamin", "kelompok_usia"}
    audit = {**run["audit"],
             "attributes": [b for b in run["audit"]["attributes"] if b["attribute"] in keep],
             "scores": [b for b in run["audit"]["scores"] if b["attribute"] in keep]}
    page = run["base"] / "audit.html"
    write_audit_html(audit, page, "en", footer={"run_id": "browser-audit"},
                     rule_titles={r["id"]: r["title"] for r in run["document"]["rules"]})
    dom, pages = _open_print_and_log(page, tmp_path)
    for section in ("summary", "attributes", "scores", "process", "method", "verification"):
        assert f'id="{section}"' in dom and MESSAGES[f"audit.section.{section}"]["en"] in dom
    # per attribute: a funnel and three decision-stage charts; one score chart each
    assert len(re.findall(r"<svg\b", dom)) == 2 * 4 + 2
    assert dom.count("<path") > 50 and "<script" not in dom
    assert pages > 6  # each section starts a page and the attribute section runs over


def test_policy_document_renders_offline_and_prints(tmp_path: Path) -> None:
    page = tmp_path / "policy.html"
    page.write_text(render_policy(load_policy(KP_POLICY), "html", "id"), encoding="utf-8")
    dom, pages = _open_print_and_log(page, tmp_path)
    assert MESSAGES["policy.section.gates"]["id"] in dom and 'class="sign"' in dom
    assert "sekurang-kurangnya 48" in dom
    assert pages > 1


def test_the_request_check_would_catch_a_leak(tmp_path: Path) -> None:
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><p>x</p><img src="http://canary.invalid/pixel.png">',
                      encoding="utf-8")
    net_log = tmp_path / "net.json"
    _chromium(tmp_path / "profile", canary.as_uri(), f"--log-net-log={net_log}")
    assert _page_requests(net_log) == ["http://canary.invalid/pixel.png"]


def test_policy_diff_page_renders_the_changed_people_offline(tmp_path: Path) -> None:
    from asn_merit.pipeline import run_policy_diff_full
    from asn_merit.reports.diff_html import write_diff_html

    new = tmp_path / "kp-new.yaml"
    new.write_text(KP_POLICY.read_text(encoding="utf-8")
                   .replace('op: ">=", value: 48', 'op: ">=", value: 42')
                   .replace('version: "2026.10.0"', 'version: "2026.10.1"'), encoding="utf-8")
    diff = run_policy_diff_full(KP_POLICY, new, KP_POLICY.parent.parent / "sample_data"
                                / "roster.xlsx")
    page = tmp_path / "diff.html"
    write_diff_html(diff.diff, page, "en", old=diff.old, new=diff.new,
                    documents=diff.documents, roster=diff.roster, as_of=diff.as_of)
    dom, pages = _open_print_and_log(page, tmp_path)
    changed = dom[dom.index('<section id="eligibility"'):dom.index('<section id="selection"')]
    assert 'class="changed-people"' in changed and MESSAGES["diff.section.eligibility"]["en"] in dom
    assert all(p.id in changed for p in diff.diff.eligibility)
    assert changed.count("now passes <code>syarat-masa-pangkat</code>") == len(
        diff.diff.eligibility)
    assert "<script" not in dom and pages >= 1
