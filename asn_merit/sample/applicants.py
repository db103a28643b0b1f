"""Synthetic CPNS applicants (one selection year) for the seleksi-cpns policy.

One row per applicant who sat the SKD: the formation applied for (position, unit, general or
affirmation route, and its number of places), the three SKD sub-scores on the CAT scale
(TWK and TIU in steps of 5, TKP 1-5 per item; reference §7a), and the SKB score for those who
passed the SKD. Everything is SYNTHETIC; the shares are invented so that the passing grades
and the affirmation routes both bite.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from asn_merit.errors import UsageError
from asn_merit.sample import population as p
from asn_merit.sample import vocab as v
from asn_merit.sample.draw import draw, draw_grouped, string_column

APPLICANTS_AS_OF: Final = date(2024, 12, 1)  # the 2024 intake: KepmenPANRB 321/2024 grades
APPLICANTS_TITLE: Final = "DAFTAR NILAI PESERTA SELEKSI CPNS"
AGENCY_CODE: Final = 2041

ROUTES: Final = ("Umum", "Cumlaude", "Disabilitas")
# (position, unit, education, places per route); applicants per place below.
FORMATIONS: Final = (
    ("Guru Ahli Pertama - Guru Kelas", "Dinas Pendidikan", "S-1", (6, 1, 1)),
    ("Guru Ahli Pertama - Guru Matematika", "Dinas Pendidikan", "S-1", (3, 1, 0)),
    ("Perawat Terampil", "RSUD", "D-III", (4, 0, 1)),
    ("Perawat Ahli Pertama", "RSUD", "S-1", (2, 1, 0)),
    ("Dokter Ahli Pertama", "Dinas Kesehatan", "S-1", (2, 0, 0)),
    ("Bidan Terampil", "Dinas Kesehatan", "D-III", (3, 0, 0)),
    ("Analis Kebijakan Ahli Pertama", "Bappeda", "S-1", (1, 1, 0)),
    ("Pranata Komputer Ahli Pertama", "BKPSDM", "S-1", (1, 0, 1)),
    ("Analis Keuangan Pusat dan Daerah Ahli Pertama", "Badan Keuangan Daerah", "S-1", (2, 0, 0)),
    ("Teknik Jalan dan Jembatan Ahli Pertama", "Dinas Pekerjaan Umum dan Penataan Ruang", "S-1",
     (2, 0, 0)),
    ("Auditor Ahli Pertama", "Inspektorat", "S-1", (2, 1, 0)),
    ("Pekerja Sosial Ahli Pertama", "Dinas Sosial", "S-1", (1, 0, 1)),
    ("Arsiparis Terampil", "Sekretariat Daerah", "D-III", (1, 0, 1)),
)  # fmt: skip
APPLICANTS_PER_PLACE: Final = {"Umum": 40.0, "Cumlaude": 14.0, "Disabilitas": 6.0}
ROUTE_ABILITY: Final = {"Umum": 0.0, "Cumlaude": 0.6, "Disabilitas": -0.2}
DISABLED_IN_OTHER_ROUTES: Final = 0.01
SKB_ABSENT: Final = 0.03
MIN_AGE, MAX_AGE = 20, 35  # CPNS age limit (PP 11/2017): 18-35 at registration


def applicant_headers() -> list[str]:
    return [
        "No", "Nomor Peserta", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Agama", "Disabilitas",
        "Pendidikan", "IPK", "Jabatan", "Unit Penempatan", "Jenis Formasi", "Kebutuhan",
        "Nilai TWK", "Nilai TIU", "Nilai TKP", "Nilai SKB", "Nilai Rata-rata Ijazah",
    ]  # fmt: skip


def _formations() -> list[tuple[str, str, str, str, int]]:
    """(position, unit, education, route, places) for every route that has places."""
    return [(job, unit, edu, route, places)
            for job, unit, edu, counts in FORMATIONS
            for route, places in zip(ROUTES, counts, strict=True) if places]


def generate_applicants(rows: int, seed: int, as_of: date = APPLICANTS_AS_OF) -> pd.DataFrame:
    """Return ``rows`` synthetic applicants who sat the SKD; same seed, same frame."""
    if rows < 0:
        raise UsageError(f"rows must be >= 0, got {rows}")
    rng = np.random.default_rng(seed)
    formations = _formations()
    weights = {str(k): places * APPLICANTS_PER_PLACE[route]
               for k, (_, _, _, route, places) in enumerate(formations)}
    chosen = _draw_formation(rng, weights, rows)
    jobs, units, educations, routes, places = zip(*formations, strict=True)
    route_code = np.asarray([ROUTES.index(r) for r in routes])[chosen]
    female = rng.random(rows) < v.FEMALE_SHARE
    edu = np.asarray([v.EDUCATION.index(e) for e in educations], dtype=np.int64)[chosen]
    age_days = rng.uniform(MIN_AGE, MAX_AGE, rows) * p.DAYS_PER_YEAR
    birth = (np.datetime64(as_of, "D").astype(np.int64) - np.floor(age_days)).astype(np.int64)
    disabled = (route_code == ROUTES.index("Disabilitas")) | (
        rng.random(rows) < DISABLED_IN_OTHER_ROUTES)
    cumlaude = route_code == ROUTES.index("Cumlaude")
    ipk = np.where(cumlaude, rng.uniform(3.51, 4.0, rows), rng.uniform(2.75, 3.85, rows))

    ability = rng.normal(0, 1, rows) + np.asarray([ROUTE_ABILITY[r] for r in ROUTES])[route_code]
    twk = 5 * rng.binomial(30, _logistic(0.25 + 0.8 * ability + rng.normal(0, 0.4, rows)))
    tiu = 5 * rng.binomial(35, _logistic(0.05 + 0.9 * ability + rng.normal(0, 0.4, rows)))
    tkp_mean = np.clip(3.65 + 0.22 * ability + rng.normal(0, 0.12, rows), 1, 5)
    tkp = np.clip(np.rint(45 * tkp_mean + rng.normal(0, 3, rows)), 45, 225).astype(np.int64)
    passed = _passed_skd(twk, tiu, tkp, route_code, disabled)
    took_skb = passed & (rng.random(rows) >= SKB_ABSENT)
    skb = pd.Series(np.round(np.clip(rng.normal(66 + 9 * ability, 9, rows), 15, 99), 2))
    numbers = (as_of.year % 100 * 10**4 + AGENCY_CODE) * 10**8 + rng.permutation(rows) + 1
    frame = pd.DataFrame(dict(zip(applicant_headers(), [
        np.arange(1, rows + 1, dtype=np.int64),
        pd.Series(numbers).astype("string").str.zfill(14),
        p.names(rng, female, edu, np.zeros(rows, dtype=np.int64)),
        string_column(("L", "P"), female.astype(np.int64)),
        pd.Series(birth.astype("datetime64[D]").astype("M8[ms]")),
        draw(rng, v.AGAMA, rows).column(),
        string_column(("Tidak", "Ya"), disabled.astype(np.int64)),
        string_column(educations, chosen),
        np.round(ipk, 2),
        string_column(jobs, chosen),
        string_column(units, chosen),
        string_column(routes, chosen),
        np.asarray(places, dtype=np.int64)[chosen],
        twk.astype(np.int64),
        tiu.astype(np.int64),
        tkp,
        skb.where(took_skb),
        _ijazah_average(seed, np.asarray(educations)[chosen] == "SLTA"),
    ], strict=True)))
    frame.attrs["as_of"] = as_of.isoformat()
    return frame


def _ijazah_average(seed: int, slta: np.ndarray) -> pd.Series:
    """The ijazah average (0-100) of SLTA applicants, their tie-breaker instead of IPK
    (PermenPANRB 6/2024); blank for graduates. Drawn from its own stream so the other columns
    keep their values."""
    rng = np.random.default_rng([seed, 6_2024])
    return pd.Series(np.round(rng.uniform(70, 95, slta.size), 2)).where(slta)


def _draw_formation(rng: np.random.Generator, weights: dict[str, float], rows: int
                    ) -> np.ndarray:
    drawn = draw_grouped(rng, [weights], np.zeros(rows, dtype=np.int64))
    return np.asarray(drawn.vocabulary, dtype=np.int64)[drawn.index]


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _passed_skd(twk: np.ndarray, tiu: np.ndarray, tkp: np.ndarray, route: np.ndarray,
                disabled: np.ndarray) -> np.ndarray:
    """Who sits the SKB: the 2024 general grades, or the route's cumulative grade with a TIU
    minimum (reference §7b, §7c); the policy, not this, decides the result."""
    general = (twk >= 65) & (tiu >= 80) & (tkp >= 166)
    total = twk + tiu + tkp
    cumlaude = (route == ROUTES.index("Cumlaude")) & (total >= 311) & (tiu >= 85)
    disability = (route == ROUTES.index("Disabilitas")) & disabled & (total >= 286) & (tiu >= 60)
    return general | cumlaude | disability
