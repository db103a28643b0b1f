"""`score --overrides` end to end on the sample roster: every output shows the corrections,
the audit counts them, the file is left untouched, and verify and replay still pass."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from helpers import KP_POLICY, REPO, as_printed
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.ledger.manifest import Option
from asn_merit.pipeline import score_fingerprint
from asn_merit.roster.reader import InputFile
from asn_merit.rules.loader import load_policy

runner = CliRunner()
ROSTER = REPO / "sample_data" / "roster.xlsx"
EXAMPLE = REPO / "sample_data" / "overrides-example.yaml"
FORCED_PASS = "199309252021012001"
FORCED_FAIL = "198511252011082001"
SET_POINTS = "198106102006121001"
EXCLUDED = "199410082018011001"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ledger") / "ledger.sqlite"


@pytest.fixture(scope="module")
def example_before() -> str:
    return digest(EXAMPLE)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, ledger: Path, example_before: str) -> Path:
    out = tmp_path_factory.mktemp("runs") / "run"
    result = runner.invoke(app, ["score", str(ROSTER), "--policy", str(KP_POLICY), "--out",
                                 str(out), "--quiet", "--ledger", str(ledger),
                                 "--overrides", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    return out


def test_result_json_records_each_override_in_the_trace(run: Path) -> None:
    document = json.loads((run / "result.json").read_text())
    assert sorted((o["nip"], o["action"]) for o in document["overrides"]) == sorted([
        (FORCED_PASS, "force_pass"), (SET_POINTS, "set_points"), (FORCED_FAIL, "force_fail"),
        (EXCLUDED, "exclude")])
    people = {p["id"]: p for p in document["people"]}
    gate = next(g for g in people[FORCED_PASS]["gates"]
                if g["rule"] == "syarat-bebas-hukdis")
    assert gate["passed"] is True and gate["note"] == "override 800.1.3/112/BKPSDM/2026"
    assert people[FORCED_PASS]["status"] == "eligible"
    assert people[FORCED_FAIL]["status"] == "ineligible"
    assert people[FORCED_FAIL]["failed"] == ["syarat-bebas-hukdis"]
    line = next(p for p in people[SET_POINTS]["points"] if p["rule"] == "poin-pengembangan")
    assert line["points"] == "16.00" and line["note"].startswith("override ")
    assert people[SET_POINTS]["total"] == "86.00"
    assert people[EXCLUDED]["status"] == "not_evaluated"
    assert people[EXCLUDED]["excluded_because"] == ["override: 800.1.3/101/BKPSDM/2026"]
    assert people[EXCLUDED]["overrides"][0]["from"] == "eligible"


def test_ranking_xlsx_has_the_manual_overrides_sheet(run: Path) -> None:
    book = openpyxl.load_workbook(run / "ranking.xlsx", read_only=True)
    assert "Koreksi Manual" in book.sheetnames
    rows = list(book["Koreksi Manual"].iter_rows(values_only=True))
    assert rows[0][:4] == ("NIP", "Aturan", "Uraian", "Tindakan")
    by_nip = {r[0]: r for r in rows[1:]}
    assert set(by_nip) == {FORCED_PASS, FORCED_FAIL, SET_POINTS, EXCLUDED}
    assert by_nip[SET_POINTS][4:6] == ("12.00", "16.00")
    assert by_nip[FORCED_PASS][8] == "800.1.3/112/BKPSDM/2026"


def _ranking_status(run: Path, nip: str) -> str:
    book = openpyxl.load_workbook(run / "ranking.xlsx", read_only=True)
    rows = [r for r in book["Peringkat"].iter_rows(values_only=True) if nip in r]
    assert len(rows) == 1
    return str(rows[0][-2])


def test_ranking_sheet_says_an_excluded_person_was_left_out_by_override(
        run: Path, tmp_path: Path) -> None:
    assert _ranking_status(run, EXCLUDED) == "tidak dinilai (koreksi manual)"
    large = tmp_path / "large"
    result = runner.invoke(app, ["score", str(ROSTER), "--policy", str(KP_POLICY), "--out",
                                 str(large), "--quiet", "--ledger", str(tmp_path / "l.sqlite"),
                                 "--detail-limit", "100",
                                 "--overrides", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert _ranking_status(large, EXCLUDED) == "tidak dinilai (koreksi manual)"


def test_report_html_lists_the_overrides(run: Path) -> None:
    html = (run / "report.html").read_text()
    section = html[html.index('<section id="overrides">'):]
    section = section[:section.index("</section>")]
    assert "Koreksi manual" in section
    for ref in ("800.1.3/112/BKPSDM/2026", "800.1.6.4/27/BKPSDM/2026",
                "800.1.5/88/BKPSDM/2026", "800.1.3/101/BKPSDM/2026"):
        assert ref in section
    assert '<a href="#overrides">' in html  # in the table of contents


def test_audit_counts_overrides_by_group(run: Path) -> None:
    audit = json.loads((run / "audit.json").read_text())
    block = audit["overrides"]
    assert block["people"] == 4
    assert block["by_action"] == {"force_pass": 1, "force_fail": 1, "set_points": 1,
                                  "exclude": 1}
    sex = next(a for a in block["attributes"] if a["attribute"] == "jenis_kelamin")
    assert sum(g["overridden"] for g in sex["groups"]) == 4
    religion = next(a for a in block["attributes"] if a["attribute"] == "agama")
    small = [g for g in religion["groups"] if g["n"] < block["min_group_size"]]
    assert small and all(g["overridden"] is None and g["suppressed"] for g in small)


def test_manifest_records_the_file_which_is_left_unchanged(run: Path,
                                                          example_before: str) -> None:
    manifest = json.loads((run / "manifest.json").read_text())
    [entry] = [i for i in manifest["inputs"] if i["role"] == "overrides"]
    assert entry["sha256"] == digest(EXAMPLE) == example_before
    assert entry["bytes"] == EXAMPLE.stat().st_size
    assert entry["path"] == str(EXAMPLE)


def test_verify_and_replay_pass(run: Path, ledger: Path) -> None:
    ok = runner.invoke(app, ["verify", str(run), "--ledger", str(ledger)])
    assert ok.exit_code == 0, ok.output
    replay = runner.invoke(app, ["verify", str(run), "--ledger", str(ledger), "--replay",
                                 "--roster", str(ROSTER), "--policy", str(KP_POLICY)])
    assert replay.exit_code == 0, replay.output
    assert "ok   replay" in replay.stdout


def test_same_inputs_with_overrides_is_a_repeat(run: Path, ledger: Path,
                                                tmp_path: Path) -> None:
    again = runner.invoke(app, ["score", str(ROSTER), "--policy", str(KP_POLICY), "--out",
                                str(tmp_path / "again"), "--ledger", str(ledger),
                                "--overrides", str(EXAMPLE), "--no-html"])
    assert again.exit_code == 0
    assert "Masukan sama dengan run" in again.stderr
    assert (tmp_path / "again" / "result.json").read_bytes() == \
        (run / "result.json").read_bytes()


def test_the_fingerprint_covers_the_overrides_file() -> None:
    loaded = load_policy(KP_POLICY)
    source = InputFile(str(ROSTER), "a" * 64, 1, "Data", 5, 10)
    options = {"as_of": Option("2026-10-01", "policy")}
    plain = score_fingerprint(loaded, source, options)
    assert plain == score_fingerprint(loaded, source, options, None)
    assert plain != score_fingerprint(loaded, source, options, "b" * 64)
    assert score_fingerprint(loaded, source, options, "b" * 64) != \
        score_fingerprint(loaded, source, options, "c" * 64)


def test_a_wrong_overrides_file_exits_3_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("overrides:\n"
                   '  - nip: "199901012020011999"\n'
                   "    rule: syarat-masa-pangkat\n"
                   "    action: force_pass\n"
                   '    reason: "x"\n'
                   '    approved_by: "y"\n'
                   '    decree_ref: "z"\n'
                   '  - nip: "197607252003061001"\n'
                   "    rule: poin-kinerja\n"
                   "    action: force_pass\n"
                   '    reason: "x"\n'
                   '    approved_by: "y"\n', encoding="utf-8")
    before = digest(bad)
    out = tmp_path / "run"
    result = runner.invoke(app, ["score", str(ROSTER), "--policy", str(KP_POLICY), "--out",
                                 str(out), "--overrides", str(bad)])
    assert result.exit_code == 3, result.output
    assert f"{bad}:8:" in result.stderr  # missing decree_ref, found before anything is read
    assert not out.exists()
    assert digest(bad) == before
    bad.write_text(bad.read_text() + '    decree_ref: "z"\n', encoding="utf-8")
    result = runner.invoke(app, ["score", str(ROSTER), "--policy", str(KP_POLICY), "--out",
                                 str(out), "--overrides", str(bad)])
    assert result.exit_code == 3, result.output
    assert f"{bad}:2:" in result.stderr and "overrides.unknown-nip" in result.stderr
    assert f"{bad}:10:" in result.stderr and "overrides.action-kind" in result.stderr
    assert not out.exists()


def test_explain_names_the_override_and_its_decree(run: Path) -> None:
    excluded = runner.invoke(app, ["explain", str(run), EXCLUDED, "--lang", "en"])
    assert excluded.exit_code == 0, excluded.output
    assert "Status: not evaluated (manual override)." in excluded.stdout
    assert "decree 800.1.3/101/BKPSDM/2026" in excluded.stdout
    assert "invalid" not in excluded.stdout
    points = runner.invoke(app, ["explain", str(run), SET_POINTS, "--lang", "en"])
    assert as_printed("12.00 → 16.00", runner) in points.stdout
    assert "[override 800.1.5/88/BKPSDM/2026]" in points.stdout


def test_audit_html_and_xlsx_count_the_overrides_by_group(run: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit"
    result = runner.invoke(app, ["audit", str(run), "--out", str(out), "--html",
                                 "--ledger", str(tmp_path / "l.sqlite")])
    assert result.exit_code in (0, 1), result.output  # 1: the sample's fairness findings
    html = (out / "audit.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="overrides">'):]
    section = section[:section.index("</section>")]
    assert "4 pegawai mendapat koreksi manual" in section
    assert '<tr><td>P</td><td class="num">250</td><td class="num">2</td>' in section
    assert "<tr><td>Hindu</td><td class=\"num\">2</td><td class=\"num\">disembunyikan" in section
    rows = list(openpyxl.load_workbook(out / "audit.xlsx")["Koreksi Manual"].values)
    assert rows[1][:4] == ("Atribut", "Kelompok", "n", "Dikoreksi")
    assert ("jenis_kelamin", "P", 250, 2, 1, 1, 0, 0) in rows
    assert ("agama", "Hindu", 2, *["disembunyikan"] * 5) in rows
