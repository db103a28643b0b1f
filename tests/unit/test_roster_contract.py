"""Roster reading and the column contract, on real xlsx and csv files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import MINI_HEADERS, MINI_POLICY, load_text, nip, write_xlsx

from asn_merit.errors import InputOutputError, RosterError
from asn_merit.pipeline import load_roster

TITLE = ["DAFTAR NOMINATIF PEGAWAI", "PEMERINTAH KABUPATEN CONTOH", ""]
GOOD = [nip(1), "Ani", 50, "III/a", "X", "P"]


def load(path: Path, policy: str = MINI_POLICY, **kwargs):
    return load_roster(path, load_text(policy), kwargs.get("sheet"), kwargs.get("header_row"))


def errors_of(path: Path, policy: str = MINI_POLICY) -> list:
    with pytest.raises(RosterError) as caught:
        load(path, policy)
    return caught.value.findings


def test_header_found_below_title_block(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", MINI_HEADERS, [GOOD], TITLE)
    roster = load(path)
    assert roster.source.header_row == 4
    assert roster.frame["_row"].tolist() == [5]
    assert roster.frame["gol"].tolist() == [9]


def test_headers_match_case_and_space_insensitively(tmp_path: Path) -> None:
    headers = ["  nip ", "NAMA", "skor", "GOL", "unit", "jk"]
    roster = load(write_xlsx(tmp_path / "r.xlsx", headers, [GOOD]))
    assert roster.header_map["nip"] == "nip"


def test_numeric_nip_missing_column_and_impossible_date_all_reported(tmp_path: Path) -> None:
    policy = MINI_POLICY.replace("  unit:", '  tmt: { header: "TMT", type: date }\n  unit:')
    headers = [*MINI_HEADERS[:-1], "TMT"]  # JK column missing
    rows = [
        [198001012005011001, "Ani", 50, "III/a", "X", date(2020, 1, 1)],
        [nip(2), "Budi", 60, "III/b", "Y", "31/02/2019"],
    ]
    findings = errors_of(write_xlsx(tmp_path / "r.xlsx", headers, rows, TITLE), policy)
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"roster.missing-column", "roster.numeric-id-cell", "roster.bad-value"}
    numeric = by_code["roster.numeric-id-cell"]
    assert (numeric.excel_row, numeric.column, numeric.sheet) == (5, "NIP", "Data")
    bad_date = by_code["roster.bad-value"]
    assert (bad_date.excel_row, bad_date.column, bad_date.value) == (6, "TMT", "31/02/2019")
    assert "JK" in by_code["roster.missing-column"].message


def test_missing_column_suggests_the_closest_header(tmp_path: Path) -> None:
    headers = [*MINI_HEADERS[:-1], "JKel"]
    [finding] = errors_of(write_xlsx(tmp_path / "r.xlsx", headers, [GOOD]))
    assert "closest header: 'JKel'" in finding.message


def test_duplicate_nip_names_the_first_row(tmp_path: Path) -> None:
    findings = errors_of(write_xlsx(tmp_path / "r.xlsx", MINI_HEADERS, [GOOD, GOOD]))
    assert [f.code for f in findings] == ["roster.duplicate-id"] * 2
    assert "first at row 2" in findings[1].message


def test_nip_digits_must_agree_with_birth_date_and_sex(tmp_path: Path) -> None:
    policy = MINI_POLICY.replace(
        "role: protected }", "role: protected, nip_part: sex }").replace(
        "  unit:", '  lahir: { header: "Lahir", type: date, nip_part: birth_date }\n  unit:')
    rows = [[nip(1), "Ani", 50, "III/a", "X", "P", date(1980, 1, 2)]]
    findings = errors_of(write_xlsx(tmp_path / "r.xlsx", [*MINI_HEADERS, "Lahir"], rows),
                         policy)
    assert sorted(f.message for f in findings) == [
        "NIP digits for birth_date disagree with column 'Lahir'",
        "NIP digits for sex disagree with column 'JK'",
    ]


def test_exclude_invalid_rows_when_the_policy_says_so(tmp_path: Path) -> None:
    policy = MINI_POLICY.replace("ranking:", "scoring:\n  on_invalid_row: exclude\nranking:")
    rows = [GOOD, [nip(2), "Budi", "lima puluh", "III/a", "X", "L"]]
    roster = load(write_xlsx(tmp_path / "r.xlsx", MINI_HEADERS, rows), policy)
    assert list(roster.invalid_rows) == [1]


def test_csv_semicolon_with_bom_and_cp1252_fallback(tmp_path: Path) -> None:
    text = ";".join(MINI_HEADERS) + "\n" + ";".join([nip(1), "Ani", "50,5", "III/a", "X", "P"])
    utf8 = tmp_path / "a.csv"
    utf8.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load(utf8).frame["skor"].tolist() == [50.5]
    legacy = tmp_path / "b.csv"
    legacy.write_bytes(text.replace("Ani", "Ané").encode("cp1252"))
    roster = load(legacy)
    assert roster.frame["nama"].tolist() == ["Ané"]
    assert [f.code for f in roster.findings] == ["roster.encoding"]


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", MINI_HEADERS, [GOOD], TITLE)
    before = path.read_bytes()
    load(path)
    assert path.read_bytes() == before


def test_unreadable_file_is_an_io_error(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_text("not a spreadsheet")
    with pytest.raises(InputOutputError, match="not an xlsx/ods workbook"):
        load(path)
