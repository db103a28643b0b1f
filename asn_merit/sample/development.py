"""Extra roster columns the reward, training, talent and IP ASN policies read: region, training
history, competency development, innovation, discipline history, potential and competency
assessment, and a service-user survey score.

They come from their own random stream (the same seed spawns it), so asking for them never
changes a value of the base roster: `roster.xlsx` and its golden results stay as they are.
Everything is SYNTHETIC; the shapes only make the policies and their fairness audits bite
(remote staff get fewer training hours and fewer assessments, as the training-access policy
assumes).
"""

from __future__ import annotations

from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from asn_merit.sample import vocab as v
from asn_merit.sample.draw import draw_grouped, string_column

STREAM: Final = 1  # spawn key of this stream under the roster's seed

REGIONS: Final = ("Kota", "Pinggiran", "Terpencil")
# Units whose staff work where they live (schools, puskesmas) spread over the regency.
REGION_BY_UNIT: Final = {
    "Dinas Pendidikan": {"Kota": 45, "Pinggiran": 35, "Terpencil": 20},
    "Dinas Kesehatan": {"Kota": 40, "Pinggiran": 35, "Terpencil": 25},
    "Kecamatan Sukamaju": {"Pinggiran": 1},
    "Kecamatan Sindangsari": {"Terpencil": 1},
}
JP_REGION_FACTOR: Final = {"Kota": 1.0, "Pinggiran": 0.8, "Terpencil": 0.5}
ASSESSED_SHARE: Final = {"Kota": 0.88, "Pinggiran": 0.78, "Terpencil": 0.62}
SEMINAR_SHARE: Final = {"Kota": 0.50, "Pinggiran": 0.40, "Terpencil": 0.22}
LEADERSHIP_TRAINED: Final = {"Struktural": 0.85, "Fungsional": 0.02, "Pelaksana": 0.02}
FUNCTIONAL_TRAINED: Final = {"Struktural": 0.05, "Fungsional": 0.72, "Pelaksana": 0.01}
# Innovations registered in the year: more among staff rated Sangat Baik.
INNOVATIONS: Final = ({0: 80, 1: 15, 2: 4, 3: 1}, {0: 93, 1: 6, 2: 1, 3: 0})
# Heaviest sanction in the two years before as_of, on top of the one being served now.
PAST_SANCTION: Final = {"Tidak Ada": 95.0, "Ringan": 3.0, "Sedang": 1.5, "Berat": 0.5}
# Front-line units that survey their service users person by person (IKM scale 25-100).
SURVEYED_UNITS: Final = frozenset({"RSUD", "Dinas Kesehatan", "Kecamatan Sukamaju",
                                   "Kecamatan Sindangsari", "Dinas Sosial"})
SURVEY_COVERAGE: Final = 0.9
EDUCATION_POTENTIAL: Final = {"SLTA": -6.0, "D-III": -3.0, "S-1": 0.0, "D-IV": 0.0, "S-2": 4.0,
                              "S-3": 6.0}


def development_headers(as_of: date = v.DEFAULT_AS_OF) -> list[str]:
    last = as_of.year - 1
    return [
        "Wilayah", f"JP Pengembangan Kompetensi {last - 1}",
        f"JP Pengembangan Kompetensi {last - 2}", "Diklat Kepemimpinan", "Diklat Fungsional",
        f"Seminar/Workshop {last}", f"Inovasi Terdaftar {last}",
        "Riwayat Hukuman Disiplin 2 Tahun", "Nilai Potensi", "Nilai Kompetensi",
        "Nilai Survei Kepuasan Layanan",
    ]  # fmt: skip


def development_columns(seed: int, as_of: date, unit: np.ndarray, jenis: np.ndarray,
                        edu: np.ndarray, cpns_year: np.ndarray, probation: np.ndarray,
                        rating_last: np.ndarray, hukuman: np.ndarray
                        ) -> list[pd.Series | np.ndarray]:
    """Columns in `development_headers` order from the base roster's codes: unit, jenis
    jabatan and education as positions in their vocabularies, the CPNS (probation) mask,
    rating and sanction levels."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(STREAM,)))
    size = unit.size
    units = tuple(v.UNITS)
    region_tables = [REGION_BY_UNIT.get(u, {"Kota": 1}) for u in units]
    region = draw_grouped(rng, region_tables, unit)
    region_code = np.asarray([REGIONS.index(r) for r in region.vocabulary])[region.index]
    last = as_of.year - 1

    def hours(year: int) -> np.ndarray:
        factor = np.asarray([JP_REGION_FACTOR[r] for r in REGIONS])[region_code]
        drawn = np.rint(rng.gamma(v.JP_GAMMA_SHAPE, v.JP_GAMMA_SCALE * factor)).astype(np.int64)
        drawn = np.where(rng.random(size) < v.JP_ZERO_SHARE, 0, drawn)
        return np.where(cpns_year > year, 0, np.clip(drawn, 0, v.JP_MAX))

    def chance(table: dict[str, float], vocabulary: tuple[str, ...], code: np.ndarray
               ) -> np.ndarray:
        return rng.random(size) < np.asarray([table[k] for k in vocabulary])[code]

    jp_previous, jp_before = hours(last - 1), hours(last - 2)
    leadership = chance(LEADERSHIP_TRAINED, v.JENIS_JABATAN, jenis)
    functional = chance(FUNCTIONAL_TRAINED, v.JENIS_JABATAN, jenis)
    seminar = chance(SEMINAR_SHARE, REGIONS, region_code)
    rated_top = (rating_last == 0).astype(np.int64)  # PREDIKAT order: Sangat Baik first
    innovations = draw_grouped(rng, [{str(k): w for k, w in t.items()} for t in INNOVATIONS],
                               1 - rated_top)
    past = draw_grouped(rng, [PAST_SANCTION], np.zeros(size, dtype=np.int64)).code
    history = np.maximum(past, hukuman)

    assessed = ~probation & chance(ASSESSED_SHARE, REGIONS, region_code)
    edu_shift = np.asarray([EDUCATION_POTENTIAL[e] for e in v.EDUCATION])[edu]
    ability = rng.normal(0.0, 1.0, size)
    potential = np.clip(64 + edu_shift + 11 * ability + rng.normal(0, 5, size), 20, 98)
    rating_shift = np.asarray([6.0, 1.0, -5.0, -9.0, -12.0])[rating_last]
    competence = np.clip(66 + rating_shift + 7 * ability + rng.normal(0, 6, size), 20, 99)
    surveyed = np.isin(unit, [units.index(u) for u in SURVEYED_UNITS])
    surveyed &= rng.random(size) < SURVEY_COVERAGE
    survey = np.clip(rng.normal(83, 6.5, size) + 1.5 * (rating_last == 0), 25, 100)
    return [
        string_column(REGIONS, region_code),
        jp_previous,
        jp_before,
        string_column(("Belum", "Sudah"), leadership.astype(np.int64)),
        string_column(("Belum", "Sudah"), functional.astype(np.int64)),
        string_column(("Tidak", "Ya"), seminar.astype(np.int64)),
        np.asarray(innovations.vocabulary, dtype=np.int64)[innovations.index],
        string_column(v.HUKUMAN_DISIPLIN, history),
        pd.Series(np.round(potential, 1)).where(assessed),
        pd.Series(np.round(competence, 1)).where(assessed),
        pd.Series(np.round(survey, 2)).where(surveyed),
    ]
