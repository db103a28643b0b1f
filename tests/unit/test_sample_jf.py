"""The JF (angka kredit) sample: the committed file is what the documented command writes, and
its rows are shaped for the policy (NIP digits agree, ranks sit in their level's range)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from helpers import REPO
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.pipeline import load_roster
from asn_merit.rules.loader import load_policy
from asn_merit.sample.jf import JENJANG, generate_jf_roster

POLICY = REPO / "policies" / "kenaikan-pangkat-jf-angka-kredit.yaml"
COMMITTED = REPO / "sample_data" / "roster-jf.xlsx"
GOLONGAN_ORDINAL = {f"{g}/{s}": (i * 4) + j + 1 for i, g in enumerate(("I", "II", "III", "IV"))
                    for j, s in enumerate("abcde"[: 5 if g == "IV" else 4])}


def test_documented_command_rewrites_the_committed_file(tmp_path: Path) -> None:
    out = tmp_path / "roster-jf.xlsx"
    result = CliRunner().invoke(app, ["sample", "--jf", "--rows", "600", "--seed", "2026",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == COMMITTED.read_bytes()


def test_same_seed_same_frame_and_other_seed_differs() -> None:
    pd.testing.assert_frame_equal(generate_jf_roster(200, 7), generate_jf_roster(200, 7))
    assert not generate_jf_roster(200, 7).equals(generate_jf_roster(200, 8))


def test_rows_are_shaped_for_the_policy() -> None:
    frame = generate_jf_roster(2000, 11)
    jf = frame[(frame["Status Pegawai"] == "PNS") & (frame["Jenis Jabatan"] == "Fungsional")]
    assert {"PPPK"} <= set(frame["Status Pegawai"]) and "Pelaksana" in set(frame["Jenis Jabatan"])
    assert frame.loc[frame["Status Pegawai"] == "PPPK", "Gol/Ruang"].isna().all()
    rank = jf["Gol/Ruang"].map(GOLONGAN_ORDINAL)
    first = jf["Jenjang Jabatan"].map(lambda n: JENJANG[n][2])
    top = jf["Jenjang Jabatan"].map(lambda n: JENJANG[n][3])
    inside = (rank >= first) & (rank <= top + 1)
    assert 0.98 < inside.mean() < 1.0  # ~0.5% planted outside the range, for the data gate
    assert (jf["TMT Jenjang"] <= jf["TMT Golongan"]).all()


def test_committed_file_passes_the_policy_contract() -> None:
    loaded = load_policy(POLICY)
    roster = load_roster(COMMITTED, loaded, None, None)
    assert len(roster.frame) == 600
