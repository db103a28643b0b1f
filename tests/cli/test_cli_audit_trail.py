"""The auditor's path: score, anchor, verify, replay; tampering and crashes are caught."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import KP_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from asn_merit.sample.generator import generate_roster, write_roster

    path = tmp_path_factory.mktemp("roster") / "roster.xlsx"
    write_roster(generate_roster(200, 5), path)
    return path


def score(roster: Path, out: Path, *extra: str) -> object:
    result = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                 str(out), "--quiet", *extra])
    assert result.exit_code == 0, result.output
    return result


def test_verify_passes_then_names_an_edited_file(roster: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    score(roster, run)
    ok = runner.invoke(app, ["verify", str(run)])
    assert ok.exit_code == 0, ok.output
    data = bytearray((run / "ranking.xlsx").read_bytes())
    data[len(data) // 2] ^= 0x01
    (run / "ranking.xlsx").write_bytes(bytes(data))
    bad = runner.invoke(app, ["verify", str(run)])
    assert bad.exit_code == 5
    first_failure = next(line for line in bad.stdout.splitlines() if line.startswith("FAIL"))
    assert "ranking.xlsx" in first_failure


def test_edited_manifest_no_longer_matches_the_ledger(roster: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    score(roster, run)
    manifest = json.loads((run / "manifest.json").read_text())
    manifest["results"]["selected"] = 99
    (run / "manifest.json").write_text(json.dumps(manifest))
    subprocess.run(["sha256sum", "manifest.json"], cwd=run, check=False)
    result = runner.invoke(app, ["verify", str(run)])
    assert result.exit_code == 5


def test_sha256sum_c_passes_inside_a_run(roster: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    score(roster, run)
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=run, capture_output=True,
                           text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr


def test_identical_rerun_is_written_and_recorded_as_a_repeat(roster: Path,
                                                             tmp_path: Path) -> None:
    score(roster, tmp_path / "a", "--lang", "en")
    first = json.loads((tmp_path / "a" / "manifest.json").read_text())["run_id"]
    again = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                str(tmp_path / "b"), "--lang", "en"])
    assert again.exit_code == 0, again.output
    assert f"Same inputs as run {first}" in again.stderr
    assert str((tmp_path / "a").resolve()) in again.stderr
    assert (tmp_path / "b" / "result.json").read_bytes() == \
        (tmp_path / "a" / "result.json").read_bytes()
    assert runner.invoke(app, ["verify", str(tmp_path / "b")]).exit_code == 0
    assert runner.invoke(app, ["ledger", "verify"]).exit_code == 0
    shutil.rmtree(tmp_path / "a")
    third = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                str(tmp_path / "c"), "--lang", "en"])
    assert third.exit_code == 0
    assert "that folder is missing" not in third.stderr  # it repeats b, the latest, present
    shutil.rmtree(tmp_path / "b")
    fourth = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                 str(tmp_path / "d"), "--lang", "en", "--no-html"])
    assert "that folder is missing" not in fourth.stderr
    shutil.rmtree(tmp_path / "c")
    shutil.rmtree(tmp_path / "d")
    fifth = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                str(tmp_path / "e"), "--lang", "en", "--no-html"])
    assert "that folder is missing" in fifth.stderr
    assert (tmp_path / "e" / "result.json").is_file()


def test_policy_version_reused_with_other_content_is_refused(roster: Path,
                                                             tmp_path: Path) -> None:
    score(roster, tmp_path / "a")
    edited = tmp_path / "kp.yaml"
    edited.write_text(KP_POLICY.read_text(encoding="utf-8").replace("quota: 25", "quota: 30"),
                      encoding="utf-8")
    result = runner.invoke(app, ["score", str(roster), "--policy", str(edited), "--out",
                                 str(tmp_path / "b")])
    assert result.exit_code == 5
    assert "changed content needs a new version" in result.stderr


def test_anchor_and_tampered_ledger(roster: Path, tmp_path: Path) -> None:
    score(roster, tmp_path / "a")
    score(roster, tmp_path / "b", "--as-of", "2026-12-01")
    anchor = runner.invoke(app, ["ledger", "anchor"]).stdout.strip()
    assert anchor.startswith("2:")
    assert runner.invoke(app, ["ledger", "verify", "--anchor", anchor]).exit_code == 0
    ledger = Path(os.environ["ASN_MERIT_LEDGER"])
    with sqlite3.connect(ledger) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE entries SET result_sha256 = ? WHERE seq = 1", ("0" * 64,))
        conn.execute("DROP TRIGGER IF EXISTS entries_no_update")
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'"
                                    ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE entries SET result_sha256 = ? WHERE seq = 1", ("0" * 64,))
    broken = runner.invoke(app, ["ledger", "verify"])
    assert broken.exit_code == 5
    assert "broken at seq 1" in broken.stdout


def test_replay_on_another_day_gives_the_same_hash(roster: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    score(roster, run)
    replay = runner.invoke(app, ["verify", str(run), "--replay", "--roster", str(roster),
                                 "--policy", str(KP_POLICY), "--format", "json"])
    assert replay.exit_code == 0, replay.output
    report = json.loads(replay.stdout)
    assert report["replay"]["ok"] is True
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["as_of"] == "2026-10-01"  # from the policy, not the clock


def test_replay_with_another_roster_is_refused(roster: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    score(roster, run)
    other = tmp_path / "other.xlsx"
    other.write_bytes(roster.read_bytes() + b"\0")
    result = runner.invoke(app, ["verify", str(run), "--replay", "--roster", str(other),
                                 "--policy", str(KP_POLICY)])
    assert result.exit_code == 5
    assert "is not the roster of this run" in result.stderr


def _spawn_score(roster: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "asn_merit", "score", str(roster), "--policy", str(KP_POLICY),
         "--out", str(out), "--quiet", "--force"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())


def test_two_processes_scoring_at_once_are_both_recorded(roster: Path, tmp_path: Path) -> None:
    first, second = _spawn_score(roster, tmp_path / "a"), _spawn_score(roster, tmp_path / "b")
    assert first.wait(120) == 0, first.stderr.read()
    assert second.wait(120) == 0, second.stderr.read()
    chain = runner.invoke(app, ["ledger", "verify"])
    assert chain.exit_code == 0
    assert "chain of 2 entries intact" in chain.stdout


def test_same_output_directory_is_locked(roster: Path, tmp_path: Path) -> None:
    from filelock import FileLock

    out = tmp_path / "run"
    with FileLock(str(tmp_path / ".run.lock")):
        result = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                     str(out)])
    assert result.exit_code == 75
    assert "another run" in result.stderr


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0])
def test_killed_run_leaves_no_partial_directory(roster: Path, tmp_path: Path,
                                                delay: float) -> None:
    out = tmp_path / "run"
    process = _spawn_score(roster, out)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    if out.exists():  # the run finished before the kill: then it must be whole
        assert runner.invoke(app, ["verify", str(out)]).exit_code == 0
    ledger = Path(os.environ["ASN_MERIT_LEDGER"])
    if ledger.exists():
        assert runner.invoke(app, ["ledger", "verify"]).exit_code == 0


def test_sigterm_removes_the_staging_folder(roster: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    process = _spawn_score(roster, out)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    code = process.wait(30)
    if code == 143:
        assert not out.exists()
        assert not list(tmp_path.glob(".run.staging-*"))


def test_a_run_under_a_superseded_shipped_version_replays_from_the_archive(
        roster: Path, tmp_path: Path) -> None:
    """2026.10.0 of KP reguler was replaced (issue #17); its runs must stay replayable."""
    from asn_merit.catalog import superseded_policies

    (old,) = [e for e in superseded_policies() if e.id == "kenaikan-pangkat-reguler"]
    assert old.version == "2026.10.0" and old.superseded_by == "2026.10.1"
    listed = runner.invoke(app, ["policy", "list", "--lang", "en"])
    assert "[superseded by 2026.10.1: superseded/kenaikan-pangkat-reguler@2026.10.0.yaml]" in (
        listed.stdout)
    run = tmp_path / "run"
    result = runner.invoke(app, ["score", str(roster), "--policy", str(old.path), "--out",
                                 str(run), "--quiet"])
    assert result.exit_code == 0, result.output
    replay = runner.invoke(app, ["verify", str(run), "--replay", "--roster", str(roster),
                                 "--policy", str(old.path), "--format", "json"])
    assert replay.exit_code == 0, replay.output
    assert json.loads(replay.stdout)["replay"]["ok"] is True
    # the version in force is not the policy of that run
    refused = runner.invoke(app, ["verify", str(run), "--replay", "--roster", str(roster),
                                  "--policy", str(KP_POLICY)])
    assert refused.exit_code == 5 and "is not the policy of this run" in refused.stderr
