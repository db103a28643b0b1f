"""Domain tables the checks apply, each with its section in
shared/reference/domain-indonesia.md and the confidence given there (C, S or N).

Rank ordinals run 1 (I/a) .. 17 (IV/e), as ``roster.types.parse_golongan`` returns them.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import numpy as np

PREDIKAT: Final = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")  # §5a
PREDIKAT_ALIASES: Final = {"Kurang/Misconduct": "Kurang", "Misconduct": "Kurang"}
GOOD_PREDIKAT: Final = ("Sangat Baik", "Baik")  # KP reguler: at least Baik (§4b, C)
UNIT_PREDIKAT: Final = ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")

# §5a pola distribusi (S, naikpangkat.com on PermenPANRB 6/2022): per unit predikat, rules
# (staff predikat counted together, comparison, share). "> 0" means "there must be some".
DISTRIBUTION_GUIDANCE: Final[dict[str, tuple[tuple[tuple[str, ...], str, float], ...]]] = {
    "Istimewa": ((("Sangat Baik",), "<=", 0.70),),
    "Baik": ((("Baik",), "<=", 0.70), (("Butuh Perbaikan", "Kurang"), ">", 0.0)),
    "Butuh Perbaikan": ((("Butuh Perbaikan",), ">=", 0.60), (("Sangat Baik",), "<=", 0.10)),
    "Kurang": (
        (("Kurang",), ">=", 0.60),
        (("Butuh Perbaikan",), ">=", 0.10),
        (("Sangat Baik",), "<=", 0.10),
    ),
    "Sangat Kurang": (
        (("Sangat Kurang",), ">=", 0.60),
        (("Kurang", "Butuh Perbaikan"), ">=", 0.10),
        (("Sangat Baik",), "<=", 0.0),
    ),
}
# Even a unit rated Istimewa may rate at most this share Sangat Baik, so a unit above it breaks
# the guidance whatever its own rating.
SANGAT_BAIK_CAP: Final = 0.70
MIN_RATED_PER_UNIT: Final = 10  # below this a share says little about a unit

# §4c education ceiling for KP reguler (C): education -> highest rank ordinal.
EDUCATION_CEILING: Final = {
    "SD": 5, "SLTP": 7, "SLTP Kejuruan": 8, "SLTA": 10, "D-I": 10, "D-II": 10,
    "D-III": 11, "Sarjana Muda": 11, "S-1": 12, "D-IV": 12,
    "Dokter": 13, "Dokter Gigi": 13, "Apoteker": 13, "S-2": 13, "S-3": 14,
}  # fmt: skip
EDUCATION_ALIASES: Final = {
    "SMP": "SLTP", "SMA": "SLTA", "SMK": "SLTA", "SLTA Kejuruan": "SLTA", "SMU": "SLTA",
    "D1": "D-I", "D2": "D-II", "D3": "D-III", "D4": "D-IV", "S1": "S-1", "S2": "S-2",
    "S3": "S-3", "Diploma I": "D-I", "Diploma II": "D-II", "Diploma III": "D-III",
    "Diploma IV": "D-IV", "Akademi": "Sarjana Muda", "Bakaloreat": "Sarjana Muda",
    "SGPLB": "Sarjana Muda", "drg": "Dokter Gigi", "Profesi Dokter": "Dokter",
}  # fmt: skip

KP_MIN_MONTHS_IN_RANK: Final = 48  # §4b (C)
# KP reguler is for PNS holding neither a structural nor a functional (JFT) post: pelaksana /
# JFU staff (PP 99/2000 jo. PP 12/2002 Pasal 7(1), C: bkpsdm.karangasemkab.go.id; audit #1).
KP_REGULER_JENIS: Final = ("Pelaksana",)
# Sanctions that bar KP: a running sedang or berat sanction, or being examined for one
# (S: bkpsdm.belitungtimurkab.go.id, Kanreg I BKN deck 2023; audit #8). Ringan sanctions
# (reprimands, a statement of dissatisfaction) have no running period and do not bar.
BARRING_SANCTIONS: Final = ("Sedang", "Berat")
UNDER_EXAMINATION: Final = "Sedang Diperiksa"
# Ujian dinas (PP 99/2000 Pasal 30 jo. PP 12/2002, C: eofficebkd.jakarta.go.id,
# bkpsdm.belitungtimurkab.go.id; audit #9): Tingkat I to go from II/d (8) to III/a, Tingkat II
# from III/d (12) to IV/a. Exempt: these education levels, this leadership training or higher,
# and JF holders (outside KP reguler anyway).
UJIAN_DINAS_FROM: Final = {8: "Tingkat I", 12: "Tingkat II"}
UJIAN_DINAS_EXEMPT_EDUCATION: Final = {
    8: ("S-1", "D-IV", "S-2", "S-3", "Dokter", "Dokter Gigi", "Apoteker"),
    12: ("S-2", "S-3", "Dokter", "Dokter Gigi", "Apoteker"),
}  # fmt: skip
# Leadership training, lowest to highest; the exam is waived from this level up.
DIKLATPIM: Final = ("PIM IV", "PIM III", "PIM II", "PIM I")
DIKLATPIM_ALIASES: Final = {
    "Diklatpim IV": "PIM IV", "Diklatpim III": "PIM III", "Diklatpim II": "PIM II",
    "Diklatpim I": "PIM I", "PKP": "PIM IV", "PKA": "PIM III", "PKN II": "PIM II",
    "PKN I": "PIM I", "Pelatihan Kepemimpinan Pengawas": "PIM IV",
    "Pelatihan Kepemimpinan Administrator": "PIM III",
    "Pelatihan Kepemimpinan Nasional Tingkat II": "PIM II",
    "Pelatihan Kepemimpinan Nasional Tingkat I": "PIM I",
}  # fmt: skip
UJIAN_DINAS_EXEMPT_DIKLATPIM: Final = {8: "PIM IV", 12: "PIM III"}
MAX_RANK: Final = 17
# KP periods (§4b, audit #2 and #55): 1 Apr and 1 Oct until 2023 (Kepka BKN 12/2002); six a
# year from January 2024 (Peraturan BKN 4/2023, C); the 1st of every month from 1 October 2025
# (Peraturan BKN 4/2025, which revokes 4/2023; C/S: jenepontokab.go.id, BKN release 027/2025).
SIX_PERIODS_FROM: Final = date(2024, 1, 1)
MONTHLY_PERIODS_FROM: Final = date(2025, 10, 1)
OLD_PERIOD_MONTHS: Final = (4, 10)
SIX_PERIOD_MONTHS: Final = (2, 4, 6, 8, 10, 12)

# §4d (S, BKN deck 2023): JF level -> (lowest, highest) rank ordinal.
JF_LEVEL_RANKS: Final = {
    "Ahli Pertama": (9, 10), "Ahli Muda": (11, 12), "Ahli Madya": (13, 15),
    "Ahli Utama": (16, 17), "Pemula": (5, 5), "Terampil": (6, 8), "Mahir": (9, 10),
    "Penyelia": (11, 12),
}  # fmt: skip

# PermenPANRB 1/2023 (S, scribd 704543330; audit #62): a JF holder who has met the credit
# points while the next level has no vacancy may be promoted one rank above the level's range.
JF_RANKS_ABOVE_LAWFUL: Final = 1

# §10 BUP (JPT 60, Administrator/Pengawas/Pelaksana 58: C/S; JF levels: S, BKN 2017 letter).
BUP_BY_JENIS: Final = {"JPT": 60, "Administrator": 58, "Pengawas": 58, "Pelaksana": 58}
BUP_BY_JF_LEVEL: Final = {
    "Ahli Pertama": 58, "Ahli Muda": 58, "Ahli Madya": 60, "Ahli Utama": 65,
    "Pemula": 58, "Terampil": 58, "Mahir": 58, "Penyelia": 58,
}  # fmt: skip
# Special JF whose BUP is set by their own law, as regular expressions on the lower-cased post
# name; a later entry wins over an earlier one that also matches ("guru besar" over "guru").
# UU 14/2005 Pasal 30(4) guru 60 (C); Pasal 67(4) dosen 65 (C: detik.com, MK
# 99/PUU-XXIII/2025); Pasal 67(5) professor (Guru Besar) 70 (S: the article text was not
# seen). Audit #65-66.
BUP_SPECIAL_JF: Final = (
    (r"^guru\b", 60),
    (r"^(?:dosen|asisten ahli|lektor)\b", 65),
    (r"\b(?:guru besar|profesor)\b", 70),
)  # fmt: skip
# When the roster cannot tell which limit applies, use the highest one the post could have,
# so nobody is reported on a guess (a JF post of unknown level could be a professor's: 70).
BUP_STRUKTURAL_UNKNOWN: Final = 60
BUP_JF_UNKNOWN: Final = 70
BUP_BY_ESELON: Final = {"I": 60, "II": 60, "III": 58, "IV": 58}

MIN_JP_PER_YEAR: Final = 20  # PP 11/2017 jo. PP 17/2020: at least 20 JP a year (S)
TRAINING_YEARS: Final = 5  # how many completed years the training check looks back

AGE_EDGES: Final = (30, 40, 50)
AGE_LABELS: Final = ("<30", "30-39", "40-49", "50+")


def _is_period(day: date) -> bool:
    if day >= MONTHLY_PERIODS_FROM:
        return True
    return day.month in (SIX_PERIOD_MONTHS if day >= SIX_PERIODS_FROM else OLD_PERIOD_MONTHS)


def kp_periods(first: date, last: date) -> np.ndarray:
    """KP period dates (datetime64[D]) from ``first`` to ``last`` inclusive."""
    days = [date(year, month, 1)
            for year in range(first.year, last.year + 1) for month in range(1, 13)]
    return np.array([d for d in days if first <= d <= last and _is_period(d)],
                    dtype="datetime64[D]")
