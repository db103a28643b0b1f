"""`--log-format json` names no one: on every error path, no NIP and no name from the inputs
appears in the log, while the line still gives a code and a position (file, row or line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_ledger_holds_only_written_runs, digest, runner, staging_left
from helpers import MINI_HEADERS, MINI_POLICY, nip, write_xlsx

from asn_merit.cli import app

NAMES = ["Siti Rahmawati", "Bambang Wijaya", "Dewi Lestari", "Agus Santoso"]
PEOPLE = [[nip(i + 1), name, 40 + 10 * i, "III/a", "Umum", "LP"[i % 2]]
          for i, name in enumerate(NAMES)]
SECRETS = [p[0] for p in PEOPLE] + NAMES + [nip(99)]


def _lines(stderr: str) -> list[dict]:
    return [json.loads(line) for line in stderr.splitlines() if line.strip()]


def _invoke(args: list[str], inputs: list[Path], tmp_path: Path) -> list[dict]:
    before = digest(inputs)
    result = runner.invoke(app, ["--log-format", "json", *args])
    for secret in SECRETS:
        assert secret not in result.stderr, (secret, result.stderr)
    assert "Traceback" not in result.output
    assert digest(inputs) == before
    assert staging_left(tmp_path) == []
    assert_ledger_holds_only_written_runs(tmp_path / "ledger.sqlite")
    lines = _lines(result.stderr)
    assert (lines and lines[-1]["code"] == f"exit.{result.exit_code}") or result.exit_code in (0, 2)
    return lines


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    policy = tmp_path / "p.yaml"
    policy.write_text(MINI_POLICY, encoding="utf-8")
    roster = write_xlsx(tmp_path / "roster.xlsx", MINI_HEADERS, PEOPLE)
    return {"policy": policy, "roster": roster}


def _score(files: dict[str, Path], tmp_path: Path, *extra: str) -> list[str]:
    return ["score", str(files["roster"]), "--policy", str(files["policy"]), "--out",
            str(tmp_path / "out"), "--ledger", str(tmp_path / "ledger.sqlite"), "--no-html",
            *extra]


OVERRIDES = {
    "unknown-nip": f"""overrides:
  - nip: "{nip(99)}"
    rule: syarat-skor
    action: force_pass
    reason: banding
    approved_by: Kepala BKPSDM
    decree_ref: SK 1/2026
""",
    "missing-reason": f"""overrides:
  - nip: "{nip(2)}"
    rule: syarat-skor
    action: force_pass
    approved_by: Kepala BKPSDM
    decree_ref: SK 1/2026
""",
    "wrong-kind": f"""overrides:
  - nip: "{nip(3)}"
    rule: poin-skor
    action: force_pass
    reason: banding {NAMES[2]}
    approved_by: Kepala BKPSDM
    decree_ref: SK 1/2026
""",
    "huge-points": f"""overrides:
  - nip: "{nip(1)}"
    rule: poin-skor
    action: set_points
    points: 1.0e+14
    reason: koreksi
    approved_by: Kepala BKPSDM
    decree_ref: SK 1/2026
""",
    "points-1e300": f"""overrides:
  - nip: "{nip(1)}"
    rule: poin-skor
    action: set_points
    points: 1.0e+300
    reason: koreksi
    approved_by: Kepala BKPSDM
    decree_ref: SK 1/2026
""",
}


@pytest.mark.parametrize("case", sorted(OVERRIDES))
def test_overrides_errors_name_a_position_not_a_person(case: str, files: dict[str, Path],
                                                       tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(OVERRIDES[case], encoding="utf-8")
    lines = _invoke(_score(files, tmp_path, "--overrides", str(path)),
                    [path, *files.values()], tmp_path)
    assert lines[-1]["code"] == "exit.3"
    problems = [x for x in lines if x["code"].startswith(("overrides.", "yaml."))]
    assert problems and all(x["file"] == str(path) and x["line"] >= 2 for x in problems)
    assert all("overrides[0]" in x["message"] for x in problems
               if x["code"].startswith("overrides."))


def test_terminal_messages_may_name_the_nip(files: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(OVERRIDES["unknown-nip"], encoding="utf-8")
    result = runner.invoke(app, _score(files, tmp_path, "--overrides", str(path)))
    assert result.exit_code == 3
    assert nip(99) in result.stderr  # the person reading the terminal owns the data


def test_decisions_row_with_a_slid_column(tmp_path: Path) -> None:
    """A NIP slid into the outcome column: the log gives the Excel row, not the cell."""
    rows = [[p[0], p[1], "ya", p[5]] for p in PEOPLE]
    rows[2][2] = PEOPLE[2][0]
    rows[3][2] = PEOPLE[3][1]
    path = write_xlsx(tmp_path / "decisions.xlsx", ["NIP", "Nama", "Lulus", "JK"], rows)
    lines = _invoke(["audit", str(path), "--outcome", "Lulus", "--by", "JK"], [path], tmp_path)
    bad = next(x for x in lines if x["code"] == "roster.bad-outcome")
    assert bad["row"] == 4 and bad["column"] == "Lulus"
    assert lines[-1]["code"] == "exit.4"


def test_roster_errors(files: dict[str, Path], tmp_path: Path) -> None:
    rows = [list(p) for p in PEOPLE]
    rows[1][0] = rows[0][0]  # a duplicate NIP
    rows[2][0] = rows[2][0][:-1]  # 17 digits
    rows[3][3] = "V/z"
    write_xlsx(files["roster"], MINI_HEADERS, rows)
    lines = _invoke(_score(files, tmp_path), list(files.values()), tmp_path)
    assert lines[-1]["code"] == "exit.4"
    assert {x["row"] for x in lines if x["code"].startswith("roster.")} >= {3, 4, 5}


def test_explain_of_someone_absent(files: dict[str, Path], tmp_path: Path) -> None:
    assert runner.invoke(app, _score(files, tmp_path)).exit_code == 0
    lines = _invoke(["explain", str(tmp_path / "out"), nip(99)], list(files.values()), tmp_path)
    assert lines[-1]["code"] == "explain.not-found"


def test_a_nip_in_any_message_is_masked() -> None:
    from asn_merit.logs import mask

    assert mask(f"row 3: {nip(1)} and 19800101 200501 1 001") == "row 3: [NIP] and [NIP]"
    digest64 = "ab" + "1" * 18 + "cd" + "0" * 42
    assert mask(digest64) == digest64  # hashes keep their digits
