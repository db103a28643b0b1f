"""A synthetic roster of functional-post (JF) holders for the credit-point (angka kredit) policy.

Shaped like a SIASN/SIMPEG export an agency would use for KP pilihan JF: jenjang, rank, TMT of
rank and level, the AK accumulated in the level on the last PAK (31 Dec 2023), the predikat of
2024 and 2025, and what a reviewer records by hand (competence test, vacancy in the next level,
professional-development AK, sanctions). A few pelaksana and PPPK rows are mixed in, as in a
real unit export, so the population filter has something to leave out. Everything is
SYNTHETIC; its own seeded stream, so the base roster and its golden results never move.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from asn_merit.sample import population as p
from asn_merit.sample import vocab as v
from asn_merit.sample.draw import date_column as _dates
from asn_merit.sample.draw import draw, string_column

JF_TITLE: Final = "DAFTAR NOMINATIF PEJABAT FUNGSIONAL"
JF_AS_OF: Final = v.DEFAULT_AS_OF
STREAM: Final = 3  # spawn key under the seed (the extended columns use 1)
START_OF_WINDOW: Final = date(2024, 1, 1)  # first rating year the AK is counted from

# Jenjang: (share, posts, first rank ordinal, top rank ordinal, AK per rank step,
# annual coefficient, has a next level). Ordinals: II/a = 5, III/a = 9, IV/a = 13, IV/e = 17.
JENJANG: Final = {
    "Ahli Pertama": (26, ("Guru", "Analis Kebijakan", "Perawat", "Auditor"), 9, 10, 50, 12.5, True),
    "Ahli Muda": (22, ("Guru", "Perencana", "Dokter", "Analis Hukum"), 11, 12, 100, 25.0, True),
    "Ahli Madya": (14, ("Guru", "Dokter", "Auditor", "Perencana"), 13, 15, 150, 37.5, True),
    "Ahli Utama": (1, ("Dokter", "Perencana"), 16, 17, 200, 50.0, False),
    "Pemula": (2, ("Pengelola Pengadaan Barang/Jasa", "Arsiparis"), 5, 5, 15, 3.75, True),
    "Terampil": (15, ("Perawat", "Bidan", "Pranata Komputer", "Arsiparis"), 6, 8, 20, 5.0, True),
    "Mahir": (13, ("Perawat", "Bidan", "Pranata Laboratorium Kesehatan"), 9, 10, 50, 12.5, True),
    "Penyelia": (7, ("Perawat", "Sanitarian", "Pranata Komputer"), 11, 12, 100, 25.0, False),
}  # fmt: skip
STATUS: Final = {"JF": 88.0, "Pelaksana": 8.0, "PPPK": 4.0}
UNITS: Final = {"Dinas Pendidikan": 40, "Dinas Kesehatan": 25, "RSUD": 15, "Inspektorat": 6,
                "Bappeda": 6, "Sekretariat Daerah": 8}
ONE_RANK_ABOVE_SHARE: Final = 0.05  # already promoted above the level for want of a vacancy
OUT_OF_RANGE_SHARE: Final = 0.005  # a planted rank outside the level's range (a data gate)
MISSING_AK_SHARE: Final = 0.005  # starting AK never entered (a data gate)
EXAMINED_SHARE: Final = 0.01
UKOM_PASSED_SHARE: Final = 0.6
VACANCY: Final = {"Ya": 50.0, "Tidak": 45.0, "": 5.0}  # blank: not recorded, left unlabelled
PROFESSIONAL_DEVELOPMENT: Final = {"Ya": 60.0, "Tidak": 40.0}
NEEDS_DEVELOPMENT: Final = frozenset({"Mahir", "Ahli Muda", "Ahli Madya"})


def jf_headers() -> list[str]:
    return [
        "NIP", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Agama", "Status Pegawai",
        "Jenis Jabatan", "Jabatan", "Jenjang Jabatan", "Gol/Ruang", "TMT Golongan",
        "TMT Jenjang", "Unit Kerja", "AK Kumulatif Awal", "Predikat Kinerja 2024",
        "Predikat Kinerja 2025", "Hukuman Disiplin", "Dalam Pemeriksaan Disiplin",
        "Lulus Uji Kompetensi", "Tersedia Kebutuhan Jenjang Berikutnya",
        "Memenuhi AK Pengembangan Profesi",
    ]  # fmt: skip


def generate_jf_roster(rows: int, seed: int, as_of: date = JF_AS_OF) -> pd.DataFrame:
    """Return ``rows`` synthetic JF holders (with a few pelaksana and PPPK) as of ``as_of``;
    the same seed gives the same frame."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(STREAM,)))
    names = tuple(JENJANG)
    spec = [JENJANG[n] for n in names]
    status = draw(rng, STATUS, rows).index
    jf, pppk = status == 0, status == 2
    level = draw(rng, {n: s[0] for n, s in zip(names, spec, strict=True)}, rows).index
    first, top, step, _ = (np.asarray([s[i] for s in spec], dtype=float)[level]
                           for i in (2, 3, 4, 5))
    has_next = np.asarray([s[6] for s in spec])[level]
    first, top = first.astype(np.int64), top.astype(np.int64)
    gol = first + np.floor(rng.random(rows) * (top - first + 1)).astype(np.int64)
    above = has_next & (gol == top) & (rng.random(rows) < ONE_RANK_ABOVE_SHARE)
    gol = gol + above
    gol = np.where(rng.random(rows) < OUT_OF_RANGE_SHARE, np.minimum(top + 2, 17), gol)
    asof_month = p.month_index(as_of)
    rank_months = asof_month - rng.integers(6, 84, rows)
    level_months = rank_months - (gol - first) * rng.integers(24, 48, rows)
    # AK in the level on 31 Dec 2023: what the ranks already reached needed, plus some way
    # towards the next; nothing for someone who entered the level later.
    before = level_months < p.month_index(START_OF_WINDOW)
    ak_awal = np.where(before, (gol - first) * step + rng.random(rows) * step * 0.8, 0.0)
    ak_awal = np.round(ak_awal, 3)
    female = rng.random(rows) < v.FEMALE_SHARE
    # Appointed CPNS at 23-33, one to ten years before entering the present level.
    cpns_month = level_months - rng.integers(12, 120, rows)
    birth = (p.month_days(cpns_month)
             - np.round(rng.uniform(23, 33, rows) * p.DAYS_PER_YEAR)).astype(np.int64)
    last, previous = p.predikat(rng, rows)
    sanction = draw(rng, {"Tidak Ada": 96.5, "Ringan": 2.0, "Sedang": 1.0, "Berat": 0.5}, rows)
    examined = rng.random(rows) < EXAMINED_SHARE
    at_top = gol >= top
    ukom = at_top & (rng.random(rows) < UKOM_PASSED_SHARE)
    vacancy = draw(rng, VACANCY, rows).index
    development = draw(rng, PROFESSIONAL_DEVELOPMENT, rows).index
    needs_development = np.isin(level, [names.index(n) for n in NEEDS_DEVELOPMENT])
    post = np.floor(rng.random(rows) * 4).astype(np.int64)
    jabatan = np.asarray([f"{s[1][i % len(s[1])]} {n}" for n, s in zip(names, spec, strict=True)
                          for i in range(4)])[level * 4 + post]
    pelaksana = status == 1
    gol = np.where(pelaksana, np.clip(gol, 6, 11), gol)
    columns = [
        p.nip(birth, cpns_month, female),
        p.names(rng, female, np.full(rows, p.EDU["S-1"]), np.zeros(rows, dtype=np.int64)),
        string_column(("L", "P"), female.astype(np.int64)),
        _dates(birth),
        draw(rng, v.AGAMA, rows).column(),
        string_column(("PNS", "PPPK"), pppk.astype(np.int64)),
        string_column(("Fungsional", "Pelaksana"), pelaksana.astype(np.int64)),
        pd.Series(np.where(pelaksana, "Pengadministrasi Umum", jabatan), dtype="string"),
        string_column(names, level, missing=pelaksana),
        string_column(("", *v.GOLONGAN), gol, missing=pppk),
        _dates(p.month_days(rank_months)),
        _dates(p.month_days(level_months)).where(~pelaksana),
        string_column(tuple(UNITS), draw(rng, UNITS, rows).index),
        pd.Series(ak_awal, dtype="Float64").mask(
            pelaksana | (jf & (rng.random(rows) < MISSING_AK_SHARE))),
        string_column(tuple(v.PREDIKAT), previous),
        string_column(tuple(v.PREDIKAT), last),
        sanction.column(),
        string_column(("Tidak", "Ya"), examined.astype(np.int64)),
        string_column(("Tidak", "Ya"), ukom.astype(np.int64), missing=~at_top | pelaksana),
        string_column(tuple(VACANCY), vacancy,
                      missing=~at_top | ~has_next | pelaksana | (vacancy == 2)),
        string_column(tuple(PROFESSIONAL_DEVELOPMENT), development,
                      missing=~(at_top & needs_development) | pelaksana),
    ]
    frame = pd.DataFrame(dict(zip(jf_headers(), columns, strict=True)))
    frame.attrs["as_of"] = as_of.isoformat()
    return frame
