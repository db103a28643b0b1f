"""Windows writes redirected output in the ANSI code page (cp1252): nothing may crash on it.

Python 3.11 on Windows opens stdout for a redirected `> file` with the locale's code page and
errors='strict'; PYTHONIOENCODING=cp1252 reproduces that here, in a real subprocess.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import KP_POLICY, REPO
from typer.testing import CliRunner

from asn_merit import cli
from asn_merit.cli import app
from asn_merit.console import protect_streams

ROSTER = REPO / "sample_data" / "roster.xlsx"
OVERRIDES = REPO / "sample_data" / "overrides-example.yaml"
SET_POINTS = "198106102006121001"  # the example's set_points entry: its line reads "12.00 → 16.00"


def _cp1252(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    return subprocess.run([sys.executable, "-m", "asn_merit", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cp1252") / "run"
    result = CliRunner().invoke(app, ["score", str(ROSTER), "--policy", str(KP_POLICY),
                                      "--overrides", str(OVERRIDES), "--out", str(out),
                                      "--no-html", "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_explain_redirected_to_a_cp1252_file_transliterates_the_arrow(run: Path,
                                                                       tmp_path: Path) -> None:
    done = _cp1252(["explain", str(run), SET_POINTS, "--lang", "en"], tmp_path)
    assert done.returncode == 0, done.stderr.decode("cp1252")
    text = done.stdout.decode("cp1252")  # strict: every byte is valid cp1252
    assert "12.00 -> 16.00" in text
    assert "Traceback" not in done.stderr.decode("cp1252")


def test_policy_show_in_cp1252_keeps_what_the_code_page_has(tmp_path: Path) -> None:
    done = _cp1252(["policy", "show", str(KP_POLICY)], tmp_path)
    assert done.returncode == 0, done.stderr.decode("cp1252")
    text = done.stdout.decode("cp1252")
    assert "->" in text and "→" not in text


def test_runner_with_a_strict_cp1252_stdout(run: Path) -> None:
    runner = CliRunner(charset="cp1252")
    shown = runner.invoke(app, ["policy", "show", str(KP_POLICY), "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    explained = runner.invoke(app, ["explain", str(run), SET_POINTS, "--format", "json"])
    assert explained.exit_code == 0, explained.output
    assert json.loads(explained.stdout)["id"] == SET_POINTS


def test_protect_streams_transliterates_only_what_the_code_page_lacks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    protect_streams()
    protect_streams()  # idempotent
    stream.write("Σ poin → total ≥ 70 · Déwi — “lulus” ✓ 名\n")
    stream.flush()
    assert raw.getvalue().decode("cp1252") == "sum poin -> total >= 70 · Déwi — “lulus” v ?\n"


def test_an_error_outside_every_command_is_exit_70_never_1(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(**_: object) -> None:
        raise UnicodeEncodeError("cp1252", "→", 0, 1, "character maps to <undefined>")

    monkeypatch.setattr(cli, "app", broken)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 70
    assert "internal error" in capsys.readouterr().err
