"""Column binding through the CLI: a column a rule reads is found, or the run refuses (exit 4).

Rosters are shaped the way exports arrive (issue 16): the generator's people, with headers and
value labels rewritten as the SIASN "data utama" download, a SIMPEG nominatif and hand-kept
workbooks spell them; next year's export; a column dropped or renamed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from helpers import KP_POLICY, nip, write_xlsx
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def kp_frame() -> pd.DataFrame:
    from asn_merit.sample.generator import generate_roster

    return generate_roster(60, 5)


def _score(frame: pd.DataFrame, tmp_path: Path, *extra: str, policy: Path = KP_POLICY,
           name: str = "roster.xlsx"):
    from asn_merit.sample.generator import write_roster

    path = tmp_path / name
    write_roster(frame, path)
    return runner.invoke(app, ["score", str(path), "--policy", str(policy), "--out",
                               str(tmp_path / f"run-{name}"), "--no-html", *extra])


def _columns(tmp_path: Path, name: str = "roster.xlsx") -> dict[str, dict]:
    manifest = json.loads((tmp_path / f"run-{name}" / "manifest.json").read_text("utf-8"))
    return {c["field"]: c for c in manifest["columns_used"]}


def _decisions(tmp_path: Path, name: str) -> list[tuple]:
    result = json.loads((tmp_path / f"run-{name}" / "result.json").read_text("utf-8"))
    return [(p["id"], p["status"], p.get("total"), p.get("rank"), p.get("selected"))
            for p in result["people"]]


def _without_if_absent(tmp_path: Path) -> Path:
    text = KP_POLICY.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if "if_absent:" not in ln]
    path = tmp_path / "kp-strict.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("header", "field"), [("Jenis Kelamin", "jenis_kelamin"),
                                               ("Tanggal Lahir", "tgl_lahir"),
                                               ("TMT CPNS", "tmt_cpns")])
def test_a_roster_without_a_nip_checked_column_refuses_instead_of_crashing(
        kp_frame: pd.DataFrame, tmp_path: Path, header: str, field: str) -> None:
    """Issue 16: `nip_checks` looked the absent column's header up and crashed (exit 70).
    Without `if_absent` the column must be there: exit 4 naming the field."""
    result = _score(kp_frame.drop(columns=[header]), tmp_path,
                    policy=_without_if_absent(tmp_path))
    assert result.exit_code == 4, result.output
    assert f"no column for '{field}'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("header", "field"), [("Jenis Kelamin", "jenis_kelamin"),
                                               ("Tanggal Lahir", "tgl_lahir"),
                                               ("TMT CPNS", "tmt_cpns")])
def test_shipped_kp_derives_a_missing_nip_column_and_says_so(
        kp_frame: pd.DataFrame, tmp_path: Path, header: str, field: str) -> None:
    whole = _score(kp_frame, tmp_path, name="whole.xlsx")
    result = _score(kp_frame.drop(columns=[header]), tmp_path, name="derived.xlsx")
    assert whole.exit_code == 0 and result.exit_code == 0, result.output
    used = _columns(tmp_path, "derived.xlsx")[field]
    assert used["how"] == "from_nip" and used["header"] is None
    assert f"{field} <- (tidak ada kolom)" in result.stderr
    assert "diturunkan dari NIP" in result.stderr
    # the generator's dates and sexes agree with the NIP, so nothing is decided differently
    assert _decisions(tmp_path, "derived.xlsx") == _decisions(tmp_path, "whole.xlsx")


def test_next_years_export_binds_next_years_columns(kp_frame: pd.DataFrame,
                                                    tmp_path: Path) -> None:
    """as_of 2027: predikat_1 is the 2026 rating, predikat_2 the 2025 one; the columns are
    filled so that reading the wrong year would change every eligible person's points."""
    frame = kp_frame.rename(columns={
        "Predikat Kinerja 2024": "Predikat Kinerja 2025", "Predikat Kinerja 2025":
        "Predikat Kinerja 2026", "JP Pengembangan Kompetensi 2025":
        "JP Pengembangan Kompetensi 2026"})
    frame["Predikat Kinerja 2026"] = "Sangat Baik"
    frame["Predikat Kinerja 2025"] = "Baik"
    result = _score(frame, tmp_path, "--as-of", "2027-10-01")
    assert result.exit_code == 0, result.output
    used = _columns(tmp_path)
    assert used["predikat_1"]["header"] == "Predikat Kinerja 2026"
    assert used["predikat_2"]["header"] == "Predikat Kinerja 2025"
    assert used["jp_pengembangan"]["header"] == "JP Pengembangan Kompetensi 2026"
    people = json.loads((tmp_path / "run-roster.xlsx" / "result.json").read_text("utf-8"))
    inputs = [{x["rule"]: x["inputs"] for x in p["points"]} for p in people["people"]
              if p["status"] == "eligible"]
    assert inputs and all(p["poin-kinerja"] == {"predikat_1": "Sangat Baik"} for p in inputs)
    assert all(p["poin-kinerja-sebelumnya"] == {"predikat_2": "Baik"} for p in inputs)


def test_a_missing_year_refuses_instead_of_sliding(kp_frame: pd.DataFrame,
                                                   tmp_path: Path) -> None:
    """This year's export (2025, 2024) scored as of 2027: predikat_1 must not read 2025."""
    result = _score(kp_frame, tmp_path, "--as-of", "2027-10-01")
    assert result.exit_code == 4, result.output
    assert "no column for 'predikat_1' (accepted headers: Predikat Kinerja 2026" in \
        result.stderr
    assert "closest header: 'Predikat Kinerja 2025'" in result.stderr
    assert "no column for 'predikat_2'" not in result.stderr  # 2025 is there for predikat_2


def test_predikat_skp_binds_as_an_alias(kp_frame: pd.DataFrame, tmp_path: Path) -> None:
    result = _score(kp_frame.rename(columns={"Predikat Kinerja 2025": "Predikat SKP 2025"}),
                    tmp_path)
    assert result.exit_code == 0, result.output
    assert _columns(tmp_path)["predikat_1"] == {
        "field": "predikat_1", "header": "Predikat SKP 2025", "how": "alias", "column": "P",
        "sheet": "Data"}


def test_a_misspelt_rating_header_refuses_naming_the_field(kp_frame: pd.DataFrame,
                                                           tmp_path: Path) -> None:
    """The issue's worst case: `required: false` let the run go on with blanks and the gate
    failed everyone. Now the column must be found."""
    frame = kp_frame.rename(columns={"Predikat Kinerja 2025": "Nilai Predikat Thn 2025"})
    result = _score(frame, tmp_path)
    assert result.exit_code == 4, result.output
    assert "no column for 'predikat_1'" in result.stderr
    assert "gate syarat-kinerja-dua-tahun" in result.stderr


ATASAN_POLICY = """\
schema_version: 1
policy: { id: atasan-test, version: "1", title: "Atasan", kind: promotion, as_of: 2026-10-01 }
columns:
  nip: { header: "NIP", type: nip18, role: id }
  nama: { header: "Nama", type: text, role: display }
  gol: { header: ["Gol/Ruang", "Golongan"], type: golongan }
  gol_atasan: { header: ["Gol/Ruang Atasan", "Gol/Ruang Atasan Langsung"], type: golongan,
                required: false }
  skor: { header: "Skor", type: number, min: 0, max: 100 }
rules:
  - id: syarat-tidak-melampaui-atasan
    kind: gate
    when: { field: gol, op: "<", value_field: gol_atasan }
    on_missing: pass
    missing_finding: warning
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: { method: fixed_range, min: 0, max: 100 }
    weight: 1.0
ranking:
  tie_breakers: [{ field: nip, direction: asc, note: "test" }]
  selection: { quota: 2 }
"""
# gol, gol_atasan: person 1 and 3 are at or above their superior's rank
ATASAN_ROWS = [[nip(1), "Ani", "III/c", "III/c", 90], [nip(2), "Budi", "III/a", "III/d", 80],
               [nip(3), "Cici", "IV/a", "III/d", 70], [nip(4), "Dedi", "II/d", "III/b", 60]]


def _atasan(tmp_path: Path, headers: list[str]):
    policy = tmp_path / "atasan.yaml"
    policy.write_text(ATASAN_POLICY, encoding="utf-8")
    roster = write_xlsx(tmp_path / "r.xlsx", headers, ATASAN_ROWS, ["DAFTAR NOMINATIF", ""])
    result = runner.invoke(app, ["score", str(roster), "--policy", str(policy), "--out",
                                 str(tmp_path / "out"), "--no-html"])
    return result, tmp_path / "out"


@pytest.mark.parametrize("header", ["GOL. RUANG ATASAN", "Gol. Ruang Atasan Langsung",
                                    "Gol-Ruang Atasan", "GOL RUANG ATASAN LANGSUNG"])
def test_superiors_rank_spellings_bind_and_the_gate_is_tested(tmp_path: Path,
                                                              header: str) -> None:
    result, out = _atasan(tmp_path, ["NIP", "Nama", "GOL. RUANG", header, "Skor"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    used = {c["field"]: c for c in manifest["columns_used"]}
    assert used["gol_atasan"]["header"] == header and used["gol_atasan"]["how"] == "folded"
    assert used["gol"]["header"] == "GOL. RUANG" and used["gol"]["column"] == "C"
    people = json.loads((out / "result.json").read_text("utf-8"))["people"]
    assert {p["id"]: p["status"] for p in people} == {
        nip(1): "ineligible", nip(2): "eligible", nip(3): "ineligible", nip(4): "eligible"}


def test_an_unrecognised_superiors_rank_header_refuses(tmp_path: Path) -> None:
    """Before: `required: false` + header not found = blank = the gate passed for everyone."""
    result, out = _atasan(tmp_path, ["NIP", "Nama", "Gol/Ruang", "Pangkat Atasan", "Skor"])
    assert result.exit_code == 4, result.output
    assert "no column for 'gol_atasan'" in result.stderr
    assert "gate syarat-tidak-melampaui-atasan (on_missing: pass)" in result.stderr
    assert not out.exists()


def test_two_headers_matching_one_field_are_refused_naming_both(tmp_path: Path) -> None:
    result, _ = _atasan(tmp_path, ["NIP", "Nama", "Gol/Ruang", "GOL. RUANG",
                                   "Gol/Ruang Atasan", "Skor"])
    assert result.exit_code == 4, result.output
    assert "'Gol/Ruang' (column C) and 'GOL. RUANG' (column D) both match field 'gol'" in \
        result.stderr


SIASN_HEADERS = {
    "NIP": "NIP BARU", "Nama": "NAMA", "Jenis Kelamin": "JENIS KELAMIN",
    "Tanggal Lahir": "TANGGAL LAHIR", "Agama": "AGAMA NAMA",
    "Status Perkawinan": "JENIS KAWIN NAMA", "Pendidikan Terakhir": "TINGKAT PENDIDIKAN NAMA",
    "Status Pegawai": "STATUS CPNS PNS", "Gol/Ruang": "GOL AKHIR NAMA",
    "TMT Golongan": "TMT GOLONGAN", "Jabatan": "JABATAN NAMA",
    "Jenis Jabatan": "JENIS JABATAN NAMA", "Unit Kerja": "UNOR NAMA"}
SIASN_VALUES = {
    "Jenis Kelamin": {"L": "M", "P": "F"},
    "Pendidikan Terakhir": {"S-1": "S-1/Sarjana", "S1": "S-1/Sarjana", "D-III": "Diploma III",
                            "D-IV": "Diploma IV", "SLTA": "SLTA/Sederajat"},
    "Status Pegawai": {"PNS": "P", "CPNS": "C"},
    "Jenis Jabatan": {"Struktural": "Jabatan Struktural",
                      "Fungsional": "Jabatan Fungsional Tertentu",
                      "Pelaksana": "Jabatan Fungsional Umum"},
    "Agama": {"Kristen": "Kristen Protestan"},
}
SIMPEG_HEADERS = {"NIP": "N I P", "Nama": "NAMA PEGAWAI", "Jenis Kelamin": "L/P",
                  "Tanggal Lahir": "TGL. LAHIR", "Gol/Ruang": "GOL. RUANG",
                  "TMT Golongan": "TMT GOL.", "Pendidikan Terakhir": "PENDIDIKAN",
                  "Status Perkawinan": "STATUS KAWIN"}
SIMPEG_VALUES = {
    "Jenis Kelamin": {"L": "Lk", "P": "Pr"},
    "Pendidikan Terakhir": {"S-1": "S-1/Sarjana", "S-2": "S-2/Magister", "D-III": "Diploma III",
                            "D-IV": "Diploma IV"},
    "Jenis Jabatan": {"Struktural": "Jabatan Struktural",
                      "Fungsional": "Jabatan Fungsional Tertentu",
                      "Pelaksana": "Jabatan Fungsional Umum"},
    "Status Perkawinan": {"Kawin": "Menikah"},
}


@pytest.mark.parametrize(("vocabulary", "headers", "values"), [
    ("siasn-data-utama", SIASN_HEADERS, SIASN_VALUES),
    ("simpeg-nominatif", SIMPEG_HEADERS, SIMPEG_VALUES)])
def test_siasn_and_simpeg_vocabularies_decide_like_the_plain_roster(
        kp_frame: pd.DataFrame, tmp_path: Path, vocabulary: str, headers: dict,
        values: dict) -> None:
    plain = _score(kp_frame, tmp_path, name="plain.xlsx")
    frame = kp_frame.copy()
    for column, mapping in values.items():
        frame[column] = frame[column].replace(mapping)
    export = _score(frame.rename(columns=headers), tmp_path, name="export.xlsx")
    assert plain.exit_code == 0 and export.exit_code == 0, export.output
    assert _decisions(tmp_path, "export.xlsx") == _decisions(tmp_path, "plain.xlsx")
    used = _columns(tmp_path, "export.xlsx")
    if vocabulary == "siasn-data-utama":
        assert used["gol"] == {"field": "gol", "header": "GOL AKHIR NAMA", "how": "preset",
                               "preset": vocabulary, "column": "J", "sheet": "Data"}
        assert used["nip"]["how"] == "alias"  # "NIP Baru" is one of the policy's own
        for field in ("pendidikan", "status_pegawai", "jenis_jabatan", "unit_kerja",
                      "agama", "status_perkawinan"):
            assert (used[field]["how"], used[field].get("preset")) == ("preset", vocabulary)
    else:
        assert [used[f]["how"] for f in ("nip", "gol", "tmt_pangkat")] == ["folded"] * 3
        assert used["tgl_lahir"]["how"] == "preset"  # "Tgl. Lahir" is a SIMPEG spelling
        assert used["nama"]["preset"] == vocabulary
