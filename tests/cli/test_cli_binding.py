"""Column binding through the CLI: a column a rule reads is found, or the run refuses (exit 4).

Rosters are written the way exports arrive: the generator's columns, then a column dropped or
renamed as real SIMPEG/SIASN exports and hand-kept workbooks spell it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import KP_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def kp_frame() -> pd.DataFrame:
    from asn_merit.sample.generator import generate_roster

    return generate_roster(60, 5)


def _score(frame: pd.DataFrame, tmp_path: Path, *extra: str, policy: Path = KP_POLICY):
    from asn_merit.sample.generator import write_roster

    path = tmp_path / "roster.xlsx"
    write_roster(frame, path)
    return runner.invoke(app, ["score", str(path), "--policy", str(policy), "--out",
                               str(tmp_path / "run"), *extra])


@pytest.mark.parametrize(("header", "field"), [("Jenis Kelamin", "jenis_kelamin"),
                                               ("Tanggal Lahir", "tgl_lahir"),
                                               ("TMT CPNS", "tmt_cpns")])
def test_a_roster_without_a_nip_checked_column_refuses_instead_of_crashing(
        kp_frame: pd.DataFrame, tmp_path: Path, header: str, field: str) -> None:
    """Issue 16: `nip_checks` looked the absent column's header up and crashed (exit 70)."""
    result = _score(kp_frame.drop(columns=[header]), tmp_path)
    assert result.exit_code == 4, result.output
    assert f"'{field}'" in result.stderr
    assert "Traceback" not in result.output
