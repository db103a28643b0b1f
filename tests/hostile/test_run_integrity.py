"""A run and its ledger entry are one: a run killed at any moment leaves no entry without its
directory, and its staging folder (personal data) is removed by the next run or by verify."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import assert_ledger_holds_only_written_runs, ledger_entries, runner, staging_left
from helpers import KP_POLICY

from asn_merit import pipeline
from asn_merit.cli import app
from asn_merit.errors import InputOutputError


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from asn_merit.sample.generator import generate_roster, write_roster

    path = tmp_path_factory.mktemp("roster") / "roster.xlsx"
    write_roster(generate_roster(3000, 11), path)
    return path


def _staging(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if ".staging-" in p.name] if parent.is_dir() else []


MOMENTS = {
    "started": lambda parent: True,
    "staging": lambda parent: bool(_staging(parent)),
    "result": lambda parent: any((s / "result.json").exists() for s in _staging(parent)),
    "ranking": lambda parent: any((s / "ranking.xlsx").exists() for s in _staging(parent)),
    "manifest": lambda parent: any((s / "manifest.json").exists() for s in _staging(parent)),
}


def _score_args(roster: Path, out: Path, ledger: Path) -> list[str]:
    return ["score", str(roster), "--policy", str(KP_POLICY), "--out", str(out), "--ledger",
            str(ledger), "--quiet", "--force"]


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_kill_9_at_any_moment_then_run_again(moment: str, roster: Path, tmp_path: Path
                                             ) -> None:
    parent, ledger = tmp_path / "runs", tmp_path / "ledger.sqlite"
    parent.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "asn_merit",
                                *_score_args(roster, parent / "killed", ledger)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if MOMENTS[moment](parent):
            break
        time.sleep(0.001)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert_ledger_holds_only_written_runs(ledger)
    again = runner.invoke(app, _score_args(roster, parent / "again", ledger))
    assert again.exit_code == 0, again.output
    assert staging_left(parent) == []
    assert_ledger_holds_only_written_runs(ledger)
    assert runner.invoke(app, ["verify", str(parent / "again"), "--ledger", str(ledger)]
                         ).exit_code == 0


def test_a_failed_rename_rolls_the_ledger_entry_back(roster: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = tmp_path / "ledger.sqlite"

    def refuse(staging: Path, target: Path) -> None:
        import shutil

        shutil.rmtree(staging)
        raise InputOutputError(f"cannot write the run into {target}: refused by the test")

    monkeypatch.setattr(pipeline, "promote", refuse)
    result = runner.invoke(app, _score_args(roster, tmp_path / "out", ledger))
    assert result.exit_code == 6
    assert ledger_entries(ledger) == []
    assert staging_left(tmp_path) == []
    monkeypatch.undo()
    again = runner.invoke(app, _score_args(roster, tmp_path / "out", ledger)[:-1])
    assert again.exit_code == 0, again.output  # not "already recorded": nothing was
    assert (tmp_path / "out" / "result.json").is_file()
    assert_ledger_holds_only_written_runs(ledger)


def test_out_through_a_symlink_to_an_empty_folder(roster: Path, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    ledger = tmp_path / "ledger.sqlite"
    result = runner.invoke(app, _score_args(roster, tmp_path / "link", ledger))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "real" / "result.json").is_file()
    assert_ledger_holds_only_written_runs(ledger)


def test_verify_sweeps_a_dead_runs_staging_folder(roster: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    assert runner.invoke(app, _score_args(roster, tmp_path / "run", ledger)).exit_code == 0
    leftover = tmp_path / ".other.staging-20260101T000000Z-abcdef"
    leftover.mkdir()
    (leftover / "result.json").write_text("{}")
    assert runner.invoke(app, ["verify", str(tmp_path / "run"), "--ledger", str(ledger)]
                         ).exit_code == 0
    assert not leftover.exists()


def test_sha256sums_is_as_readable_as_the_outputs(roster: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    assert runner.invoke(app, _score_args(roster, tmp_path / "run", ledger)).exit_code == 0
    mode = stat.S_IMODE((tmp_path / "run" / "SHA256SUMS").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "run" / "result.json").stat().st_mode)
    assert mode & stat.S_IROTH


def test_history_says_where_each_run_is(roster: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    assert runner.invoke(app, _score_args(roster, tmp_path / "run", ledger)).exit_code == 0
    rows = json.loads(runner.invoke(app, ["history", "--ledger", str(ledger), "--format",
                                          "json"]).stdout)
    assert rows[0]["out_dir"] == str((tmp_path / "run").resolve())
