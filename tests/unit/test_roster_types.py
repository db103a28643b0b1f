"""Tests for asn_merit.roster.types: text-cell parsers, NIP helpers and month arithmetic."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_merit.roster.types import (
    GOLONGAN_LABELS,
    PANGKAT_NAMES,
    PARSERS,
    Parsed,
    golongan_label,
    months_between,
    nip_birth_date,
    nip_sex,
    nip_tmt_cpns,
    normalise_key,
    normalise_key_text,
    parse_bool,
    parse_category,
    parse_date,
    parse_golongan,
    parse_integer,
    parse_nip18,
    parse_number,
    parse_text,
    years_between,
)


def text(*cells: str | None) -> pd.Series:
    return pd.Series(list(cells), dtype="string")


def one(parser, cell: str):
    """Parse a single cell and return (value, invalid)."""
    parsed = parser(text(cell))
    return parsed.values.iloc[0], bool(parsed.invalid.iloc[0])


def ts(value: str) -> pd.Timestamp:
    return pd.Timestamp(value)


# --- shared contract --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_blank_cells_are_na_and_not_invalid(name: str) -> None:
    s = pd.Series([None, ""], index=[10, 20], name="col", dtype="string")
    parsed = PARSERS[name](s)
    assert isinstance(parsed, Parsed)
    assert parsed.values.isna().all()
    assert parsed.invalid.dtype == bool
    assert not parsed.invalid.any()
    assert list(parsed.values.index) == [10, 20]
    assert list(parsed.invalid.index) == [10, 20]
    assert parsed.values.name == "col"
    assert parsed.expected


def test_registry_keys() -> None:
    assert set(PARSERS) == {"text", "number", "integer", "bool", "date", "golongan", "nip18"}


# --- text and keys ----------------------------------------------------------------------------


def test_parse_text_normalises_and_collapses() -> None:
    parsed = parse_text(text("Budi   Santoso", "ＡＢＣ", "a\u00a0b", None))
    assert parsed.values.dtype == "string"
    assert parsed.values.tolist()[:3] == ["Budi Santoso", "ABC", "a b"]
    assert parsed.values.isna().iloc[3]
    assert not parsed.invalid.any()


def test_normalise_key() -> None:
    keys = normalise_key(text("SANGAT  BAIK", "s - 1", "D III / S1", "Ｓ－１", None))
    assert keys.tolist()[:4] == ["sangat baik", "s-1", "d iii/s1", "s-1"]
    assert keys.isna().iloc[4]


def test_normalise_key_text_matches_vectorised() -> None:
    assert normalise_key_text("  Sangat   Baik ") == "sangat baik"
    assert normalise_key_text("S / 1") == "s/1"


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("12", 12.0), ("12.5", 12.5), ("-3", -3.0), ("12,5", 12.5), ("+4", 4.0), ("１２", 12.0)],
)
def test_parse_number_accepts(cell: str, expected: float) -> None:
    assert one(parse_number, cell) == (expected, False)


@pytest.mark.parametrize("cell", ["abc", "1.2.3", "1,234.5", "12 5", "1e400", "nan", "inf"])
def test_parse_number_rejects(cell: str) -> None:
    value, invalid = one(parse_number, cell)
    assert pd.isna(value)
    assert invalid


def test_parse_number_dtype() -> None:
    assert parse_number(text("1", None)).values.dtype == "Float64"


@pytest.mark.parametrize(("cell", "expected"), [("12", 12), ("12.0", 12), ("-3", -3), ("0", 0)])
def test_parse_integer_accepts(cell: str, expected: int) -> None:
    assert one(parse_integer, cell) == (expected, False)


@pytest.mark.parametrize("cell", ["12.5", "12,5", "abc", "1e30"])
def test_parse_integer_rejects(cell: str) -> None:
    value, invalid = one(parse_integer, cell)
    assert pd.isna(value)
    assert invalid


def test_parse_integer_dtype() -> None:
    assert parse_integer(text("1", None)).values.dtype == "Int64"


# --- booleans ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["true", "Ya", "y", "YES", "1", "Benar"])
def test_parse_bool_true(cell: str) -> None:
    assert one(parse_bool, cell) == (True, False)


@pytest.mark.parametrize("cell", ["false", "TIDAK", "t", "no", "N", "0", "salah"])
def test_parse_bool_false(cell: str) -> None:
    assert one(parse_bool, cell) == (False, False)


@pytest.mark.parametrize("cell", ["maybe", "2", "ok"])
def test_parse_bool_rejects(cell: str) -> None:
    value, invalid = one(parse_bool, cell)
    assert pd.isna(value)
    assert invalid


def test_parse_bool_dtype() -> None:
    assert parse_bool(text("ya", None)).values.dtype == "boolean"


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2020-02-29", "2020-02-29"),
        ("2021-4-5", "2021-04-05"),
        ("2020-01-05 13:45:00", "2020-01-05"),
        ("15/01/2020", "2020-01-15"),
        ("15-01-2020", "2020-01-15"),
        ("01.12.1999", "1999-12-01"),
        ("5/6/2020", "2020-06-05"),  # day first, never month first
        ("45000", "2023-03-15"),
        ("45000.75", "2023-03-15"),  # time fraction dropped
        ("1", "1900-01-01"),
        ("59", "1900-02-28"),
        ("61", "1900-03-01"),
        ("2958465", "9999-12-31"),
    ],
)
def test_parse_date_accepts(cell: str, expected: str) -> None:
    assert one(parse_date, cell) == (ts(expected), False)


@pytest.mark.parametrize(
    "cell",
    [
        "31/02/2020",
        "2020-13-01",
        "2021-02-29",
        "13/13/2020",
        "15/01-2020",  # mixed separators
        "01/15/2020",  # month-first is not a thing here
        "60",  # Excel's nonexistent 1900-02-29
        "0",
        "-5",
        "2958466",
        "abc",
        "2020/01",
    ],
)
def test_parse_date_rejects(cell: str) -> None:
    value, invalid = one(parse_date, cell)
    assert pd.isna(value)
    assert invalid


def test_parse_date_dtype_and_midnight() -> None:
    values = parse_date(text("2020-01-05 23:59:59", None)).values
    assert values.dtype == "datetime64[s]"
    assert values.iloc[0] == ts("2020-01-05")
    assert pd.isna(values.iloc[1])


# --- golongan ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "III/a",
        "III-a",
        "III a",
        "IIIa",
        "iii/a",
        "3a",
        "3/a",
        "3-A",
        "III / A",
        "Penata Muda (III/a)",
        "Penata Muda, III/a",
        "Penata Muda",
    ],
)
def test_parse_golongan_forms(cell: str) -> None:
    assert one(parse_golongan, cell) == (9, False)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("I/a", 1), ("I/d", 4), ("II/a", 5), ("III/d", 12), ("IV/a", 13), ("IV/e", 17), ("4e", 17)],
)
def test_parse_golongan_ordinals(cell: str, expected: int) -> None:
    assert one(parse_golongan, cell) == (expected, False)


def test_parse_golongan_code_beats_roman_in_name() -> None:
    assert one(parse_golongan, "Penata Muda Tingkat I (III/b)") == (10, False)


@pytest.mark.parametrize("cell", ["III/e", "I/e", "V/a", "VI/a", "abc", "III", "5a", "Juru Madya"])
def test_parse_golongan_rejects(cell: str) -> None:
    value, invalid = one(parse_golongan, cell)
    assert pd.isna(value)
    assert invalid


def test_golongan_labels_round_trip() -> None:
    assert len(GOLONGAN_LABELS) == 17
    assert GOLONGAN_LABELS[0] == "I/a"
    assert GOLONGAN_LABELS[-1] == "IV/e"
    parsed = parse_golongan(pd.Series(GOLONGAN_LABELS, dtype="string"))
    assert parsed.values.tolist() == list(range(1, 18))
    assert golongan_label(parsed.values).tolist() == list(GOLONGAN_LABELS)


def test_golongan_label_na_and_out_of_range() -> None:
    labels = golongan_label(pd.Series([9, None, 18], dtype="Int64"))
    assert labels.dtype == "string"
    assert labels.iloc[0] == "III/a"
    assert labels.iloc[1:].isna().all()


def test_pangkat_names_parse_to_their_label() -> None:
    assert PANGKAT_NAMES["III/a"] == "Penata Muda"
    assert PANGKAT_NAMES["IV/e"] == "Pembina Utama"
    names = pd.Series(list(PANGKAT_NAMES.values()), dtype="string")
    assert golongan_label(parse_golongan(names).values).tolist() == list(PANGKAT_NAMES)


# --- NIP --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["198503152010121001", "19860926 201505 1 001", "'198609262015051001", "19860926.201505.1.001"],
)
def test_parse_nip18_accepts(cell: str) -> None:
    value, invalid = one(parse_nip18, cell)
    assert not invalid
    assert len(value) == 18
    assert value.isdigit()


@pytest.mark.parametrize(
    "cell", ["123456789", "19850315201012100", "1985031520101210011", "19850315201012100X"]
)
def test_parse_nip18_rejects(cell: str) -> None:
    value, invalid = one(parse_nip18, cell)
    assert pd.isna(value)
    assert invalid


def test_parse_nip18_expected_mentions_digits() -> None:
    assert "18 digits" in parse_nip18(text("1")).expected


def test_nip_helpers() -> None:
    nip = text("198503152010121001", "199001012019032002", "199002302019153003", None)
    assert nip_birth_date(nip).tolist()[:2] == [ts("1985-03-15"), ts("1990-01-01")]
    assert nip_birth_date(nip).iloc[2:].isna().all()  # 30 Feb; NA
    assert nip_tmt_cpns(nip).tolist()[:2] == [ts("2010-12-01"), ts("2019-03-01")]
    assert nip_tmt_cpns(nip).iloc[2:].isna().all()  # PPPK code 15 in the month slot; NA
    sex = nip_sex(nip)
    assert sex.tolist()[:2] == ["L", "P"]
    assert sex.iloc[2:].isna().all()  # digit 3; NA


# --- categories -------------------------------------------------------------------------------


def test_parse_category_matching_and_aliases() -> None:
    s = text("sangat  baik", "SANGAT BAIK", "S1", "s - 1", "cukup", None)
    parsed = parse_category(s, ["Sangat Baik", "Baik", "S-1"], {"S1": "s-1"})
    assert parsed.values.dtype == "string"
    assert parsed.values.tolist()[:4] == ["Sangat Baik", "Sangat Baik", "S-1", "S-1"]
    assert parsed.values.iloc[4:].isna().all()
    assert parsed.invalid.tolist() == [False, False, False, False, True, False]
    assert "Sangat Baik" in parsed.expected


def test_parse_category_alias_keys_are_normalised() -> None:
    parsed = parse_category(text("d  iv"), ["S-1"], {"D IV": "S-1"})
    assert parsed.values.tolist() == ["S-1"]


def test_parse_category_expected_is_truncated() -> None:
    allowed = [f"v{i}" for i in range(25)]
    expected = parse_category(text("x"), allowed).expected
    assert "v9" in expected
    assert "v10" not in expected
    assert "15 more" in expected


@pytest.mark.parametrize(
    ("allowed", "aliases"),
    [([], None), (["Baik", "BAIK"], None), (["Baik"], {"ok": "Bagus"}), (["A", "B"], {"a": "B"})],
)
def test_parse_category_rejects_bad_vocabulary(allowed, aliases) -> None:
    with pytest.raises(ValueError):
        parse_category(text("x"), allowed, aliases)


# --- months/years between ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2021-04-01", "2026-10-01", 66),
        ("2021-04-15", "2026-10-14", 65),
        ("2021-04-15", "2026-10-15", 66),
        ("2021-01-31", "2021-02-28", 0),
        ("2021-04-01", "2021-04-01", 0),
        ("2026-10-01", "2021-04-01", -66),
        ("2021-04-15", "2021-04-14", -1),
    ],
)
def test_months_between_examples(start: str, end: str, months: int) -> None:
    result = months_between(pd.Series([ts(start)]), pd.Series([ts(end)]))
    assert result.dtype == "Int64"
    assert result.iloc[0] == months


def test_months_between_scalar_end_and_na() -> None:
    start = pd.Series([ts("1985-03-15"), pd.NaT, ts("2000-01-01")])
    result = months_between(start, ts("2026-03-14"))
    assert result.iloc[0] == 491
    assert pd.isna(result.iloc[1])
    assert result.iloc[2] == 314
    assert months_between(start, pd.NaT).isna().all()


def test_years_between_floors() -> None:
    start = pd.Series([ts("1985-03-15"), ts("1985-03-15"), ts("2021-04-15"), pd.NaT])
    end = pd.Series([ts("2026-03-14"), ts("2026-03-15"), ts("2021-04-14"), ts("2026-01-01")])
    result = years_between(start, end)
    assert result.dtype == "Int64"
    assert result.tolist()[:3] == [40, 41, -1]
    assert pd.isna(result.iloc[3])


def test_months_between_accepts_parsed_dates() -> None:
    birth = nip_birth_date(text("198503152010121001"))
    assert years_between(birth, ts("2026-03-15")).iloc[0] == 41


# --- properties -------------------------------------------------------------------------------

_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 28)).filter(
    lambda d: d.day <= 28
)


@given(start=_dates, k=st.integers(min_value=-600, max_value=600))
def test_months_between_adding_k_months(start: dt.date, k: int) -> None:
    a = pd.Series([pd.Timestamp(start)])
    b = a + pd.DateOffset(months=k)
    assert months_between(a, b).iloc[0] == k


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_parse_date_round_trips_all_formats(day: dt.date) -> None:
    cells = text(
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year:04d}",
        f"{day.day}-{day.month}-{day.year:04d}",
        f"{day.day:02d}.{day.month:02d}.{day.year:04d}",
    )
    parsed = parse_date(cells)
    assert not parsed.invalid.any()
    assert (parsed.values == pd.Timestamp(day)).all()


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_parse_date_excel_serial_matches_origin(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert one(parse_date, str(serial)) == (pd.Timestamp(day), False)


@given(st.lists(st.one_of(st.none(), st.text(max_size=12)), max_size=20))
def test_parsers_never_raise_and_invalid_implies_na(cells: list[str | None]) -> None:
    s = pd.Series(cells, dtype="string")
    for parser in PARSERS.values():
        parsed = parser(s)
        assert len(parsed.values) == len(s)
        assert parsed.values[parsed.invalid].isna().all()


@given(st.text(max_size=30))
def test_scalar_and_vectorised_keys_agree(text: str) -> None:
    from asn_merit.roster.types import normalise_key, normalise_key_text

    vector = normalise_key(pd.Series([text], dtype="string")).iloc[0]
    assert normalise_key_text(text) == vector
