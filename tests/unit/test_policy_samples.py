"""The sample data the shipped policies run on: the extended roster adds columns without
changing a base value, the CPNS applicants follow the SKD scales, and the committed files are
exactly what the generator writes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import REPO

from asn_merit.sample import (
    APPLICANTS_TITLE,
    generate_applicants,
    generate_roster,
    roster_headers,
    write_roster,
)
from asn_merit.sample.applicants import applicant_headers
from asn_merit.sample.development import development_headers

LEVELS = ["Tidak Ada", "Ringan", "Sedang", "Berat"]


@pytest.fixture(scope="module")
def extended() -> pd.DataFrame:
    return generate_roster(20_000, seed=7, extended=True)


def test_extended_roster_keeps_every_base_value(extended: pd.DataFrame) -> None:
    base = generate_roster(20_000, seed=7)
    assert list(extended.columns) == roster_headers() + development_headers()
    pd.testing.assert_frame_equal(extended[base.columns], base)
    again = generate_roster(20_000, seed=7, extended=True)
    pd.testing.assert_frame_equal(extended, again)


def test_remote_staff_have_fewer_hours_and_fewer_assessments(extended: pd.DataFrame) -> None:
    by_region = extended.groupby("Wilayah")
    hours = by_region[["JP Pengembangan Kompetensi 2024", "JP Pengembangan Kompetensi 2023"]]
    assert (hours.mean().loc["Terpencil"] < hours.mean().loc["Kota"]).all()
    assessed = by_region["Nilai Potensi"].apply(lambda s: s.notna().mean())
    assert assessed["Terpencil"] < assessed["Pinggiran"] < assessed["Kota"]
    assert (extended["Nilai Potensi"].isna() == extended["Nilai Kompetensi"].isna()).all()
    probation = extended["Status Pegawai"] == "CPNS"
    assert extended.loc[probation, "Nilai Potensi"].isna().all()


def test_development_columns_are_consistent(extended: pd.DataFrame) -> None:
    current = extended["Hukuman Disiplin"].map(LEVELS.index)
    history = extended["Riwayat Hukuman Disiplin 2 Tahun"].map(LEVELS.index)
    assert (history >= current).all()
    structural = extended["Jenis Jabatan"] == "Struktural"
    trained = extended["Diklat Kepemimpinan"] == "Sudah"
    assert trained[structural].mean() > 0.7 > 0.1 > trained[~structural].mean()
    survey = extended["Nilai Survei Kepuasan Layanan"]
    assert survey.dropna().between(25, 100).all()
    assert survey[extended["Unit Kerja"] == "Bappeda"].isna().all()
    assert set(extended["Inovasi Terdaftar 2025"].unique()) <= {0, 1, 2, 3}


@pytest.fixture(scope="module")
def applicants() -> pd.DataFrame:
    return generate_applicants(5_000, seed=3)


def test_applicants_follow_the_skd_scales(applicants: pd.DataFrame) -> None:
    assert list(applicants.columns) == applicant_headers()
    assert applicants["Nomor Peserta"].is_unique
    assert applicants["Nomor Peserta"].str.fullmatch(r"\d{14}").all()
    for column, top in (("Nilai TWK", 150), ("Nilai TIU", 175)):
        assert (applicants[column] % 5 == 0).all() and applicants[column].between(0, top).all()
    assert applicants["Nilai TKP"].between(45, 225).all()
    assert applicants["IPK"].between(2.75, 4.0).all()
    cumlaude = applicants["Jenis Formasi"] == "Cumlaude"
    assert (applicants.loc[cumlaude, "IPK"] >= 3.51).all()
    disability_route = applicants["Jenis Formasi"] == "Disabilitas"
    assert (applicants.loc[disability_route, "Disabilitas"] == "Ya").all()


def test_only_skd_passers_have_an_skb_score(applicants: pd.DataFrame) -> None:
    a = applicants
    total = a["Nilai TWK"] + a["Nilai TIU"] + a["Nilai TKP"]
    general = (a["Nilai TWK"] >= 65) & (a["Nilai TIU"] >= 80) & (a["Nilai TKP"] >= 166)
    routes = ((a["Jenis Formasi"] == "Cumlaude") & (total >= 311) & (a["Nilai TIU"] >= 85)) | (
        (a["Jenis Formasi"] == "Disabilitas") & (total >= 286) & (a["Nilai TIU"] >= 60))
    passed = general | routes
    assert a.loc[~passed, "Nilai SKB"].isna().all()
    assert 0.9 < a.loc[passed, "Nilai SKB"].notna().mean() < 1
    assert (routes & ~general).any()  # the affirmation routes admit people the grades do not
    formation = a[["Jabatan", "Unit Penempatan", "Jenis Formasi"]].astype(str).agg("/".join, 1)
    assert (a.groupby(formation)["Kebutuhan"].nunique() == 1).all()


@pytest.mark.parametrize(("name", "frame", "title"), [
    ("roster-extended.xlsx", lambda: generate_roster(1000, 2026, extended=True), None),
    ("applicants.xlsx", lambda: generate_applicants(1500, 2026), APPLICANTS_TITLE),
])
def test_committed_sample_files_are_what_the_generator_writes(name: str, frame, title,
                                                              tmp_path: Path) -> None:
    path = tmp_path / name
    if title is None:
        write_roster(frame(), path)
    else:
        write_roster(frame(), path, title=title)
    assert path.read_bytes() == (REPO / "sample_data" / name).read_bytes()


def test_applicant_ages_fit_the_cpns_limit(applicants: pd.DataFrame) -> None:
    age = (pd.Timestamp("2024-12-01") - applicants["Tanggal Lahir"]).dt.days / 365.2425
    assert age.between(20, 35.01).all()
    assert np.isclose((applicants["Jenis Kelamin"] == "P").mean(), 0.52, atol=0.03)
