"""What a new user hits first: a terminal that answers at once, commands that say what they
wrote, a ledger entry that can be shown, a copied policy whose examples run, history that names
each kind of run, a YAML indentation slip explained, and an out-of-scope person told why."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import KP_POLICY, REPO
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.launch import first_line

runner = CliRunner()


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from asn_merit.sample.generator import generate_roster, write_roster

    base = tmp_path_factory.mktemp("friction")
    roster = base / "roster.xlsx"
    write_roster(generate_roster(120, 4), roster)
    ledger = base / "ledger.sqlite"
    done = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                               str(base / "run"), "--no-html", "--quiet", "--ledger",
                               str(ledger)])
    assert done.exit_code == 0, done.output
    return {"roster": roster, "ledger": ledger, "run": base / "run", "base": base}


def test_first_line_only_for_heavy_commands_on_a_terminal() -> None:
    assert first_line(["score", "r.xlsx"]) == "asn-merit: menilai … (memuat modul, beberapa detik)"
    assert first_line(["--log-format", "json", "score", "r.xlsx"]) is None
    assert first_line(["score", "r.xlsx", "--quiet"]) is None
    assert first_line(["score", "r.xlsx", "--format=json"]) is None
    assert first_line(["audit", "run", "--lang", "en"]).startswith("asn-merit: auditing")
    assert first_line(["policy", "show", "p.yaml"]) is None


def test_a_terminal_sees_the_first_line_before_the_heavy_imports(tmp_path: Path) -> None:
    """Through a real pseudo-terminal: the first bytes are the launcher's line, written before
    typer, pandas or the policy are loaded (the missing roster only fails afterwards)."""
    main, child = pty.openpty()
    env = {**os.environ, "ASN_MERIT_LANG": "id", "COLUMNS": "200"}
    process = subprocess.Popen([sys.executable, "-m", "asn_merit", "score",
                                str(tmp_path / "missing.xlsx"), "--ledger",
                                str(tmp_path / "l.sqlite")], stdin=child, stdout=child,
                               stderr=child, env=env, cwd=REPO)
    os.close(child)
    output = b""
    while b"\n" not in output:
        ready, _, _ = select.select([main], [], [], 60)
        assert ready, "no output within a minute"
        output += os.read(main, 1024)
    process.wait(timeout=120)
    os.close(main)
    assert output.decode().startswith("asn-merit: menilai")
    assert process.returncode == 6


def test_audit_and_check_say_how_to_write_files(scored: dict[str, Path]) -> None:
    done = runner.invoke(app, ["audit", str(scored["run"]), "--fail-on", "never"])
    assert done.exit_code == 0
    assert "tambahkan --out FOLDER" in done.stderr
    done = runner.invoke(app, ["check", str(scored["roster"]), "--fail-on", "never"])
    assert "tambahkan --out FOLDER" in done.stderr
    assert "Contoh NIP: " in done.stderr  # a check that fired names the people concerned
    out = scored["base"] / "checks"
    done = runner.invoke(app, ["check", str(scored["roster"]), "--fail-on", "never", "--out",
                               str(out), "--ledger", str(scored["ledger"])])
    assert f"Hasil ditulis ke: {out}" in done.stderr and (out / "checks.xlsx").exists()


def test_ledger_show_and_history_kinds(scored: dict[str, Path]) -> None:
    ledger = str(scored["ledger"])
    runner.invoke(app, ["check", str(scored["roster"]), "--fail-on", "never", "--out",
                        str(scored["base"] / "checks-2"), "--ledger", ledger])
    history = runner.invoke(app, ["history", "--ledger", ledger])
    assert history.exit_code == 0
    assert "None" not in history.stdout
    assert "penilaian" in history.stdout and "pemeriksaan" in history.stdout
    english = runner.invoke(app, ["history", "--ledger", ledger], env={"ASN_MERIT_LANG": "en"})
    assert " check " in english.stdout and "evaluated" in english.stdout
    run_id = json.loads((scored["run"] / "manifest.json").read_text())["run_id"]
    shown = runner.invoke(app, ["ledger", "show", run_id, "--ledger", ledger])
    assert shown.exit_code == 0 and run_id in shown.stdout
    assert "SHA-256 hasil" in shown.stdout and "Hash entri sebelumnya" in shown.stdout
    missing = runner.invoke(app, ["ledger", "show", "no-such-run", "--ledger", ledger])
    assert missing.exit_code == 2 and "no-such-run" in missing.stderr


def test_init_copies_the_example_people(tmp_path: Path) -> None:
    target = tmp_path / "kp-lokal.yaml"
    done = runner.invoke(app, ["init", "--template", "kenaikan-pangkat-reguler", "--out",
                               str(target), "--id", "kp-lokal"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "kp-lokal.tests.yaml").exists()
    tested = runner.invoke(app, ["policy", "test", str(target)])
    assert tested.exit_code == 0, tested.output


def test_yaml_indentation_error_has_a_hint(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text("schema_version: 1\npolicy:\n  id: kp-x\n   version: \"1\"\n",
                      encoding="utf-8")
    done = runner.invoke(app, ["policy", "check", str(policy)])
    assert done.exit_code == 3
    assert "hint: line 4 is indented 3 spaces and the line above 2" in done.output
    policy.write_text("schema_version: 1\npolicy:\n\tid: kp-x\n", encoding="utf-8")
    done = runner.invoke(app, ["policy", "check", str(policy)])
    assert "replace the tab with spaces" in done.output


def test_explain_names_the_population_condition(scored: dict[str, Path]) -> None:
    document = json.loads((scored["run"] / "result.json").read_text(encoding="utf-8"))
    outside = next(p for p in document["people"] if p["status"] == "out_of_scope")
    done = runner.invoke(app, ["explain", str(scored["run"]), outside["id"]])
    assert done.exit_code == 0
    assert "Status Pegawai adalah PNS dan Jenis Jabatan adalah Pelaksana" in done.stdout
