"""Reproducible to the byte: same inputs → same files; rows in another order → same result."""

from __future__ import annotations

from pathlib import Path

from helpers import KP_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.sample.generator import generate_roster, write_roster

runner = CliRunner()


def score(roster: Path, out: Path) -> Path:
    result = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                 str(out), "--quiet", "--force"])
    assert result.exit_code == 0, result.output
    return out


def test_same_roster_twice_and_shuffled_and_as_csv(tmp_path: Path) -> None:
    frame = generate_roster(300, 21)
    xlsx, shuffled, csv = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.csv"
    write_roster(frame, xlsx)
    write_roster(frame.sample(frac=1, random_state=3), shuffled)
    write_roster(frame, csv)
    first, second = score(xlsx, tmp_path / "r1"), score(xlsx, tmp_path / "r2")
    for name in ("result.json", "ranking.xlsx", "audit.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    other_order = score(shuffled, tmp_path / "r3")
    assert (first / "result.json").read_bytes() == (other_order / "result.json").read_bytes()
    assert (first / "audit.json").read_bytes() == (other_order / "audit.json").read_bytes()
    as_csv = score(csv, tmp_path / "r4")
    assert (first / "result.json").read_bytes() == (as_csv / "result.json").read_bytes()
