"""The synthetic roster: determinism, NIP consistency, rank rules and target shares."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from asn_merit.errors import UsageError
from asn_merit.sample import DEFAULT_AS_OF, generate_roster, roster_headers
from asn_merit.sample import vocab as v

HEADERS = [
    "No", "NIP", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Agama", "Status Perkawinan",
    "Pendidikan Terakhir", "Status Pegawai", "Gol/Ruang", "TMT Golongan", "TMT CPNS", "Jabatan",
    "Jenis Jabatan", "Unit Kerja", "Predikat Kinerja 2025", "Predikat Kinerja 2024",
    "Hukuman Disiplin", "JP Pengembangan Kompetensi 2025", "Gol/Ruang Atasan",
]  # fmt: skip
DATES = ["Tanggal Lahir", "TMT Golongan", "TMT CPNS"]
ORDINAL = {label: rank for rank, label in enumerate(v.GOLONGAN, start=1)}
CANONICAL_EDUCATION = {alias: label for label, alias in v.EDUCATION_ALIASES.items()}
AS_OF = pd.Timestamp(DEFAULT_AS_OF)


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return generate_roster(50_000, seed=11)


def _months_before_as_of(column: pd.Series) -> pd.Series:
    return (AS_OF.year - column.dt.year) * 12 + (AS_OF.month - column.dt.month)


def _education(roster: pd.DataFrame) -> pd.Series:
    return roster["Pendidikan Terakhir"].replace(CANONICAL_EDUCATION)


def test_same_seed_same_frame_and_other_seed_differs() -> None:
    first = generate_roster(2_000, seed=5)
    pd.testing.assert_frame_equal(first, generate_roster(2_000, seed=5))
    other = generate_roster(2_000, seed=6)
    assert not first["NIP"].equals(other["NIP"])
    assert not first["Nama"].equals(other["Nama"])


def test_headers_and_dtypes(roster: pd.DataFrame) -> None:
    assert list(roster.columns) == HEADERS == roster_headers()
    assert roster["No"].tolist() == list(range(1, len(roster) + 1))
    for header in HEADERS:
        if header in DATES:
            assert pd.api.types.is_datetime64_dtype(roster[header]), header
            assert (roster[header] == roster[header].dt.normalize()).all(), header
        elif header in ("No", "JP Pengembangan Kompetensi 2025"):
            assert roster[header].dtype == np.int64, header
        else:
            assert roster[header].dtype == "string", header


def test_headers_follow_as_of_and_dates_never_after_it() -> None:
    as_of = date(2027, 4, 15)
    frame = generate_roster(500, seed=1, as_of=as_of)
    assert list(frame.columns)[15:19] == [
        "Predikat Kinerja 2026", "Predikat Kinerja 2025", "Hukuman Disiplin",
        "JP Pengembangan Kompetensi 2026",
    ]  # fmt: skip
    assert frame.attrs["as_of"] == "2027-04-15"
    assert (frame[DATES].max() <= pd.Timestamp(as_of)).all()


def test_empty_and_negative_sizes() -> None:
    assert list(generate_roster(0, seed=1).columns) == HEADERS
    with pytest.raises(UsageError):
        generate_roster(-1, seed=1)


def test_nip_is_unique_and_agrees_with_birth_date_tmt_cpns_and_sex(roster: pd.DataFrame) -> None:
    nip = roster["NIP"]
    assert nip.str.fullmatch(r"\d{18}").all()
    assert nip.is_unique
    assert (nip.str[:8] == roster["Tanggal Lahir"].dt.strftime("%Y%m%d")).all()
    assert (nip.str[8:14] == roster["TMT CPNS"].dt.strftime("%Y%m")).all()
    assert (nip.str[14] == roster["Jenis Kelamin"].map({"L": "1", "P": "2"})).all()
    sequence = nip.str[15:].astype(int)
    # 001 unless the first 15 digits repeat; then the sequence counts up.
    first_of_group = ~nip.str[:15].duplicated()
    assert (sequence[first_of_group] == 1).all()
    assert (sequence[~first_of_group] > 1).any()


def test_ages_service_and_status(roster: pd.DataFrame) -> None:
    age = (AS_OF - roster["Tanggal Lahir"]).dt.days / 365.2425
    assert age.between(21.9, 58, inclusive="left").all()
    assert (roster["TMT CPNS"].dt.day == 1).all()
    appointed_at = (roster["TMT CPNS"] - roster["Tanggal Lahir"]).dt.days / 365.2425
    assert appointed_at.between(20, 35).all()
    recent = _months_before_as_of(roster["TMT CPNS"]) < 12
    assert ((roster["Status Pegawai"] == "CPNS") == recent).all()
    assert recent.mean() == pytest.approx(0.04, abs=0.01)


def test_rank_follows_entry_level_and_ceiling_except_planted_cases(roster: pd.DataFrame) -> None:
    education = _education(roster)
    rank = roster["Gol/Ruang"].map(ORDINAL).astype(int)
    entry = education.map(v.EDUCATION_ENTRY).astype(int)
    ceiling = education.map(v.EDUCATION_CEILING).astype(int)
    assert (rank >= entry).all()
    assert rank.max() <= ORDINAL["IV/e"]
    over = rank > ceiling
    assert 0.005 < over.mean() < 0.015  # the planted ceiling cases
    assert (rank[over] == ceiling[over] + 1).all()
    cpns = roster["Status Pegawai"] == "CPNS"
    assert (rank[cpns] == entry[cpns]).all()


def test_tmt_golongan_on_kp_periods_and_time_in_rank(roster: pd.DataFrame) -> None:
    tmt, cpns = roster["TMT Golongan"], roster["TMT CPNS"]
    assert (tmt >= cpns).all() and (tmt <= AS_OF).all()
    months_in_rank = _months_before_as_of(tmt)
    assert months_in_rank.max() <= 120
    promoted = tmt != cpns  # otherwise the rank dates from TMT CPNS
    month = tmt[promoted].dt.month
    six_periods = tmt[promoted].dt.year >= v.SIX_PERIODS_FROM_YEAR
    assert month[six_periods].isin([2, 4, 6, 8, 10, 12]).all()
    assert month[~six_periods].isin([4, 10]).all()
    assert (tmt.dt.day == 1).all()
    assert (months_in_rank >= 48).mean() == pytest.approx(0.35, abs=0.03)


def test_vocabularies(roster: pd.DataFrame) -> None:
    expected = {
        "Jenis Kelamin": {"L", "P"},
        "Agama": set(v.AGAMA),
        "Status Perkawinan": {"Kawin", "Belum Kawin", "Cerai Hidup", "Cerai Mati"},
        "Pendidikan Terakhir": set(v.EDUCATION) | set(v.EDUCATION_ALIASES.values()),
        "Status Pegawai": {"PNS", "CPNS"},
        "Gol/Ruang": set(v.GOLONGAN),
        "Jenis Jabatan": set(v.JENIS_JABATAN),
        "Unit Kerja": set(v.UNITS),
        "Predikat Kinerja 2025": set(v.PREDIKAT),
        "Predikat Kinerja 2024": set(v.PREDIKAT),
        "Hukuman Disiplin": set(v.HUKUMAN_DISIPLIN),
        "Gol/Ruang Atasan": set(v.GOLONGAN),
    }
    for header, allowed in expected.items():
        assert set(roster[header].dropna().unique()) <= allowed, header
    assert len(v.UNITS) == 12
    assert roster["Nama"].str.contains(r", (?:S|A|M)\.|^dr\. ", regex=True).any()


def test_shares(roster: pd.DataFrame) -> None:
    def share(header: str, value: str) -> float:
        return float((roster[header] == value).mean())

    assert share("Jenis Kelamin", "P") == pytest.approx(0.52, abs=0.01)
    assert share("Agama", "Islam") == pytest.approx(0.87, abs=0.01)
    assert share("Jenis Jabatan", "Pelaksana") == pytest.approx(0.55, abs=0.02)
    assert share("Jenis Jabatan", "Fungsional") == pytest.approx(0.38, abs=0.02)
    assert share("Jenis Jabatan", "Struktural") == pytest.approx(0.07, abs=0.01)
    assert share("Hukuman Disiplin", "Tidak Ada") == pytest.approx(0.95, abs=0.01)
    assert roster["Gol/Ruang Atasan"].isna().mean() == pytest.approx(0.08, abs=0.01)
    aliased = roster["Pendidikan Terakhir"].isin(list(v.EDUCATION_ALIASES.values()))
    assert aliased.mean() == pytest.approx(0.10, abs=0.01)
    rated = roster["Predikat Kinerja 2024"].dropna()
    for label, target in {"Sangat Baik": 0.15, "Baik": 0.72, "Butuh Perbaikan": 0.09}.items():
        assert (rated == label).mean() == pytest.approx(target, abs=0.015), label


def test_ratings_correlate_and_are_blank_before_appointment(roster: pd.DataFrame) -> None:
    both = roster[["Predikat Kinerja 2024", "Predikat Kinerja 2025"]].dropna()
    same = (both.iloc[:, 0] == both.iloc[:, 1]).mean()
    independent = sum((share / 100) ** 2 for share in v.PREDIKAT.values())
    assert same > independent + 0.15
    appointed = roster["TMT CPNS"].dt.year
    assert roster.loc[appointed > 2024, "Predikat Kinerja 2024"].isna().all()
    assert roster.loc[appointed <= 2024, "Predikat Kinerja 2024"].notna().all()
    assert roster.loc[appointed <= 2025, "Predikat Kinerja 2025"].notna().all()


def test_superior_rank_mostly_above_but_gate_can_bite(roster: pd.DataFrame) -> None:
    recorded = roster.dropna(subset=["Gol/Ruang Atasan"])
    gap = recorded["Gol/Ruang Atasan"].map(ORDINAL) - recorded["Gol/Ruang"].map(ORDINAL)
    assert gap.between(1, 4).mean() > 0.85
    assert 0.02 < (gap <= 0).mean() < 0.08


def test_training_hours(roster: pd.DataFrame) -> None:
    hours = roster["JP Pengembangan Kompetensi 2025"]
    assert hours.between(0, 120).all()
    assert 20 <= hours.median() <= 28
    remote = roster["Unit Kerja"] == "Kecamatan Sindangsari"
    assert hours[remote].median() < hours[~remote].median()


def test_posts_match_jenis_jabatan(roster: pd.DataFrame) -> None:
    posts = roster.groupby("Jenis Jabatan")["Jabatan"]
    fungsional = posts.get_group("Fungsional")
    levels = [name for _, name in (*v.JF_KEAHLIAN_LEVELS, *v.JF_KETERAMPILAN_LEVELS)]
    assert fungsional.str.endswith(tuple(levels)).all()
    assert set(posts.get_group("Pelaksana")) <= {
        post for table in v.PELAKSANA_BY_EDUCATION.values() for post in table
    }
    doctors = roster["Jabatan"].str.startswith("Dokter ") & ~roster["Jabatan"].str.contains("Gigi")
    assert roster.loc[doctors, "Nama"].str.startswith("dr. ").all()
    assert _education(roster)[doctors].isin(["S-1", "S-2", "S-3"]).all()
