"""Unit tests for the layout room (roster/layout.py) and the parsers real rosters need:
month-name dates, PPPK golongan and NI PPPK numbers, CSV delimiter detection."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_merit.errors import RosterError
from asn_merit.roster import reader
from asn_merit.roster.layout import find_header, header_names
from asn_merit.roster.types import (
    PARSERS,
    nip_kind,
    nip_tmt_cpns,
    normalise_key_text,
    parse_date,
    parse_golongan,
    pppk_golongan,
)

KEY = normalise_key_text


def text(*cells: str | None) -> pd.Series:
    return pd.Series(list(cells), dtype="string")


@pytest.mark.parametrize(("cell", "iso"), [
    ("12 Maret 1985", "1985-03-12"), ("1 Agt 2018", "2018-08-01"),
    ("1 Agustus 2018", "2018-08-01"), ("12-Jan-2020", "2020-01-12"),
    ("12 Januari 1985", "1985-01-12"), ("5 Sept 2019", "2019-09-05"),
    ("5 Sep 2019", "2019-09-05"), ("31 Des 2020", "2020-12-31"), ("31 Dec 2020", "2020-12-31"),
    ("1 Mei 2000", "2000-05-01"), ("1 May 2000", "2000-05-01"), ("1 Okt 2001", "2001-10-01"),
    ("1 Oct 2001", "2001-10-01"), ("12 Jan. 2020", "2020-01-12"), ("3 Pebruari 1990",
                                                                      "1990-02-03"),
    ("7 NOPEMBER 1999", "1999-11-07"), ("07/Feb/2021", "2021-02-07"),
])
def test_month_names_in_both_languages(cell: str, iso: str) -> None:
    parsed = parse_date(text(cell))
    assert parsed.values.iloc[0] == pd.Timestamp(iso)
    assert not parsed.invalid.iloc[0]


@pytest.mark.parametrize("cell", ["31 Feb 2020", "12 Foo 2020", "12 Mar 85", "Maret 2020",
                                  "12 Maret"])
def test_impossible_or_incomplete_named_dates_are_invalid(cell: str) -> None:
    parsed = parse_date(text(cell))
    assert pd.isna(parsed.values.iloc[0]) and parsed.invalid.iloc[0]


@given(st.dates(min_value=pd.Timestamp("1900-01-01").date(),
                max_value=pd.Timestamp("2100-12-31").date()))
def test_named_month_dates_round_trip(day) -> None:
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]
    cell = f"{day.day} {months[day.month - 1]} {day.year}"
    assert parse_date(text(cell)).values.iloc[0] == pd.Timestamp(day)


def test_pppk_golongan_is_its_own_kind() -> None:
    cells = text("III/a", "IX", "Gol. XI", "XVII", "V", "IV (PPPK)", "P3K IV", "IV", "XVIII",
                 None)
    parsed = PARSERS["golongan"](cells)
    assert parsed.values.iloc[0] == 9  # a PNS golongan keeps its ordinal
    assert parsed.values.iloc[1:7].isna().all()  # PPPK grades are not on the PNS scale
    assert parsed.invalid.tolist() == [False] * 7 + [True, True, False]
    assert pppk_golongan(cells).tolist()[:7] == [pd.NA, 9, 11, 17, 5, 4, 4]
    # a bare IV is a PNS golongan without its ruang or a PPPK grade: refused, never guessed
    assert "PPPK" in parsed.expected


def test_policy_literals_stay_pns_only() -> None:
    assert parse_golongan(text("IX")).invalid.iloc[0]


def test_ni_pppk_is_told_from_a_nip_by_its_layout() -> None:
    numbers = text("198503122010011001", "199009132022212014", "199009132025242014",
                   "12345")
    assert nip_kind(numbers).tolist() == ["PNS", "PPPK", "PPPK", pd.NA]
    tmt = nip_tmt_cpns(numbers)
    assert tmt.iloc[0] == pd.Timestamp("2010-01-01") and tmt.iloc[1:].isna().all()


# --- header blocks -----------------------------------------------------------------------------

SCAN = [
    ["DAFTAR URUT KEPANGKATAN", None, None, None, None],
    ["NO", "NIP", "PANGKAT", None, "PREDIKAT KINERJA"],
    [None, None, "GOL/RUANG", "TMT", "2025"],
    ["(1)", "(2)", "(3)", "(4)", "(5)"],
    [1, "198503122010011001", "III/b", "01-04-2020", "Baik"],
]
WANTED = {KEY(h) for h in ("NIP", "PANGKAT GOL/RUANG", "PANGKAT TMT", "PREDIKAT KINERJA 2025")}


def test_merged_two_row_header_combines_names_and_finds_the_number_row() -> None:
    merges = [(0, 0, 0, 4), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 1, 3)]
    block = find_header(SCAN, WANTED, KEY, merges)
    assert (block.first, block.last, block.column_numbers) == (1, 2, 3)
    assert block.names == ["NO", "NIP", "PANGKAT GOL/RUANG", "PANGKAT TMT",
                           "PREDIKAT KINERJA 2025"]


def test_without_merges_a_group_label_typed_once_is_carried_right() -> None:
    block = find_header(SCAN, WANTED, KEY, None)
    assert block.names[2:] == ["PANGKAT GOL/RUANG", "PANGKAT TMT", "PREDIKAT KINERJA 2025"]


def test_with_merges_known_a_blank_label_is_not_carried() -> None:
    names = header_names(SCAN, 1, 2, [(1, 0, 2, 0), (1, 1, 2, 1)], 5)
    assert names[3] == "TMT"  # not merged under PANGKAT: no guess that it belongs there


def test_a_row_inside_a_merged_header_cannot_start_the_header() -> None:
    merges = [(1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 1, 3)]
    wanted = {KEY("GOL/RUANG"), KEY("TMT"), KEY("NIP")}
    block = find_header(SCAN, wanted, KEY, merges)
    assert block.first == 1


# --- CSV delimiters ----------------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";", "|", "\t"])
def test_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    lines = ["DAFTAR NOMINATIF", delimiter.join(["NIP", "Nama", "Skor"]),
             delimiter.join(["198503122010011001", "Ani", "12,5" if delimiter != "," else "12"]),
             delimiter.join(["198503122010011002", "Budi", "7"])]
    path = tmp_path / "r.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = reader.read_roster(path, {KEY("NIP"), KEY("Nama"), KEY("Skor")})
    assert raw.cells["Nama"].tolist() == ["Ani", "Budi"]


def test_two_delimiters_that_split_every_line_evenly_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("NIP;Nama,Gelar\n1;Ani,S.E.\n2;Budi,S.H.\n", encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        reader.read_roster(path, {KEY("NIP")})
    assert caught.value.findings[0].code == "roster.ambiguous-delimiter"
    assert "semicolon" in caught.value.findings[0].message
    assert "comma" in caught.value.findings[0].message
