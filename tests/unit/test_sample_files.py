"""Sample roster files: xlsx layout and stability, csv/parquet round trips, the error sample."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from asn_merit.errors import UsageError
from asn_merit.sample import generate_roster, write_roster, write_roster_with_errors

DATES = ["Tanggal Lahir", "TMT Golongan", "TMT CPNS"]
NUMBERS = ["No", "JP Pengembangan Kompetensi 2025"]


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return generate_roster(300, seed=3)


def _sheet(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data").to_python()


def test_xlsx_title_block_header_and_typed_cells(roster: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    write_roster(roster, path)
    rows = _sheet(path)
    assert rows[0][0] == "DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL"
    assert rows[1][0] == "PEMERINTAH KABUPATEN CONTOH"
    assert rows[2][0] == "Keadaan per 1 Oktober 2026"
    assert all(cell == "" for cell in rows[3])
    assert rows[4] == list(roster.columns)  # header on Excel row 5
    data = pd.DataFrame(rows[5:], columns=rows[4])
    assert len(data) == len(roster)
    assert all(isinstance(nip, str) for nip in data["NIP"])
    assert data["NIP"].tolist() == roster["NIP"].tolist()
    for header in DATES:
        assert data[header].tolist() == [d.date() for d in roster[header]], header
    for header in NUMBERS:
        assert data[header].tolist() == [float(x) for x in roster[header]], header
    blank = roster["Gol/Ruang Atasan"].isna()
    assert blank.any()
    assert (data.loc[blank.to_numpy(), "Gol/Ruang Atasan"] == "").all()
    for header in [h for h in roster.columns if h not in DATES + NUMBERS]:
        assert data[header].tolist() == roster[header].fillna("").tolist(), header


def test_xlsx_bytes_are_stable(roster: pd.DataFrame, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_roster(roster, first)
    write_roster(roster.copy(), second)
    assert first.read_bytes() == second.read_bytes()
    # Nothing depends on the wall clock: fixed zip timestamps and a creation date from as_of.
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} <= {(1980, 1, 1), (1980, 1, 31)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-10-01T00:00:00Z" in core


def test_xlsx_title_follows_as_of(tmp_path: Path) -> None:
    path = tmp_path / "april.xlsx"
    write_roster(generate_roster(5, seed=1, as_of=date(2027, 4, 1)), path, title="DUK PNS")
    rows = _sheet(path)
    assert rows[0][0] == "DUK PNS"
    assert rows[2][0] == "Keadaan per 1 April 2027"


def test_csv_round_trip(roster: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    write_roster(roster, path)
    assert path.read_text(encoding="utf-8").startswith("No;NIP;Nama;")
    back = pd.read_csv(path, sep=";", dtype="string", keep_default_na=False, na_values=[""])
    assert list(back.columns) == list(roster.columns)
    assert back["NIP"].tolist() == roster["NIP"].tolist()
    for header in DATES:
        assert back[header].tolist() == roster[header].dt.strftime("%d/%m/%Y").tolist(), header
    text = [h for h in roster.columns if h not in DATES + NUMBERS]
    pd.testing.assert_frame_equal(back[text], roster[text])


def test_parquet_round_trip(roster: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "roster.parquet"
    write_roster(roster, path)
    pd.testing.assert_frame_equal(pd.read_parquet(path), roster)


def test_unknown_suffix_is_a_usage_error(roster: pd.DataFrame, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_roster(roster, tmp_path / "roster.ods")
    with pytest.raises(UsageError):
        write_roster_with_errors(tmp_path / "errors.csv")


def test_error_sample_plants_each_problem_where_it_says(tmp_path: Path) -> None:
    path = tmp_path / "errors.xlsx"
    problems = write_roster_with_errors(path)
    assert len(problems) == 8
    rows = _sheet(path)
    header = rows[4]
    assert header[:3] == ["No", "NIP", "Nama"] and "TMT CPNS" in header
    assert len(rows) == 5 + 20

    def cell(excel_row: int, column: str) -> object:
        return rows[excel_row - 1][header.index(column)]

    numeric, short, duplicate, bad_date, golongan, predikat, born, sex = problems
    assert "Excel row 8, column 'NIP'" in numeric and isinstance(cell(8, "NIP"), float)
    assert "Excel row 10" in short and len(str(cell(10, "NIP"))) == 17
    assert "Excel rows 12 and 13" in duplicate and cell(12, "NIP") == cell(13, "NIP")
    assert "Excel row 15, column 'TMT Golongan'" in bad_date
    assert cell(15, "TMT Golongan") == "31/02/2019"
    assert "Excel row 17" in golongan and cell(17, "Gol/Ruang") == "V/a"
    assert "Excel row 19" in predikat and cell(19, "Predikat Kinerja 2025") == "Luar Biasa"
    assert "Excel row 21" in born
    assert cell(21, "Tanggal Lahir").strftime("%Y%m%d") != str(cell(21, "NIP"))[:8]
    assert "Excel row 23" in sex
    assert {"L": "1", "P": "2"}[cell(23, "Jenis Kelamin")] != str(cell(23, "NIP"))[14]

    nips = [str(row[1]) for row in rows[5:]]
    intact = [n for i, n in enumerate(nips, start=6) if i not in (8, 10, 13)]
    assert len(set(intact)) == len(intact)
    # Apart from the planted rows, NIP digits agree with the other columns.
    for excel_row in set(range(6, 26)) - {8, 10, 21, 23}:
        row_nip = str(cell(excel_row, "NIP"))
        assert row_nip[:8] == cell(excel_row, "Tanggal Lahir").strftime("%Y%m%d")
        assert row_nip[14] == {"L": "1", "P": "2"}[cell(excel_row, "Jenis Kelamin")]


def test_error_sample_is_stable(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert write_roster_with_errors(first) == write_roster_with_errors(second)
    assert first.read_bytes() == second.read_bytes()
