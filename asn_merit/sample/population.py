"""The statistical model behind the synthetic roster: careers, posts, names and ratings.

Every function takes the shared ``numpy.random.Generator`` and works on whole arrays. Rank
ordinals run 1..17 (I/a..IV/e); months are numpy month indices (months since January 1970);
days are days since 1970-01-01.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa

from asn_merit.errors import UsageError
from asn_merit.sample import vocab as v
from asn_merit.sample.draw import draw_grouped, join_columns

DAYS_PER_YEAR = 365.2425
UNITS = tuple(v.UNITS)
EDU = {label: code for code, label in enumerate(v.EDUCATION)}
JENIS = {label: code for code, label in enumerate(v.JENIS_JABATAN)}
MEDICAL_TITLES = ("", *v.DOCTOR_PREFIX.values())


def month_index(day: date) -> int:
    """Months since January 1970 (numpy's datetime64[M] count)."""
    return (day.year - 1970) * 12 + day.month - 1


def month_days(month: np.ndarray) -> np.ndarray:
    """Days since 1970 of the first of each month."""
    first = np.asarray(month, dtype=np.int64).astype("datetime64[M]").astype("datetime64[D]")
    return first.astype(np.int64)


def service_and_birth(
    rng: np.random.Generator, edu: np.ndarray, senior: np.ndarray, as_of: date
) -> tuple[np.ndarray, np.ndarray]:
    """Months of service and birth day for each row.

    Rows whose age would fall outside 22-58, or who hold a structural post with too little
    service, are drawn again; a few vectorised rounds settle every row.
    """
    min_age = np.asarray([v.EDUCATION_MIN_AGE[e] for e in v.EDUCATION], dtype=float)[edu]
    bins = np.asarray(v.SERVICE_YEARS, dtype=float)
    asof_day = np.datetime64(as_of, "D").astype(np.int64)
    asof_month = month_index(as_of)
    service = np.zeros(edu.size, dtype=np.int64)
    birth = np.zeros(edu.size, dtype=np.int64)
    todo = np.arange(edu.size)
    while todo.size:
        size = todo.size
        band = rng.choice(len(bins), size=size, p=bins[:, 2] / bins[:, 2].sum())
        years = bins[band, 0] + (bins[band, 1] - bins[band, 0]) * rng.random(size)
        months = np.floor(years * 12).astype(np.int64)
        low = min_age[todo]
        appointed_at = low + (v.MAX_APPOINTMENT_AGE - low) * rng.beta(2.0, 5.0, size)
        born = month_days(asof_month - months) - np.round(appointed_at * DAYS_PER_YEAR)
        age = (asof_day - born) / DAYS_PER_YEAR
        ok = (age >= v.MIN_AGE) & (age < v.MAX_AGE)
        ok &= ~senior[todo] | (years >= v.STRUKTURAL_MIN_SERVICE_YEARS)
        service[todo[ok]] = months[ok]
        birth[todo[ok]] = born[ok].astype(np.int64)
        todo = todo[~ok]
    return service, birth


def rank_history(
    rng: np.random.Generator, edu: np.ndarray, service: np.ndarray, asof_month: int
) -> tuple[np.ndarray, np.ndarray]:
    """Current rank ordinal and the month it began.

    Time in rank is drawn first (a share is overdue for promotion); the years before it hold
    one step per 4-5 years from the education entry rank, capped at the education ceiling
    except for a planted ~1% one step above it (KP penyesuaian ijazah, or data errors).
    """
    size = service.size
    entry = np.asarray([v.EDUCATION_ENTRY[e] for e in v.EDUCATION])[edu]
    ceiling = np.asarray([v.EDUCATION_CEILING[e] for e in v.EDUCATION])[edu]
    low_step, high_step = v.PROMOTION_STEP_MONTHS
    overdue = rng.random(size) < v.LONG_IN_RANK_SHARE
    in_rank = np.where(
        overdue,
        rng.integers(low_step, v.MAX_MONTHS_IN_RANK + 1, size),
        rng.integers(0, low_step, size),
    )
    in_rank = np.minimum(in_rank, service)
    step = rng.integers(low_step, high_step + 1, size)
    steps = (service - in_rank) // step
    # Never promoted: the rank dates from TMT CPNS, unless that is over ten years ago, in which
    # case the person was promoted once, one step interval after appointment.
    promoted_once = (steps == 0) & (service > v.MAX_MONTHS_IN_RANK)
    in_rank = np.where(promoted_once, service - step, np.where(steps == 0, service, in_rank))
    steps = np.where(promoted_once, 1, steps)
    start = asof_month - in_rank
    start = np.where(steps > 0, snap_to_kp_period(start), start)

    natural = entry + steps
    above = natural > ceiling
    share = min(1.0, v.OVER_CEILING_SHARE * size / max(1, int(above.sum())))
    over = above & (rng.random(size) < share)
    return np.where(over, ceiling + 1, np.minimum(natural, ceiling)), start


def snap_to_kp_period(month: np.ndarray) -> np.ndarray:
    """Move a month back to the latest KP period: 1 Apr / 1 Oct until 2023, even months after."""
    calendar = month % 12  # 0 = January
    even_month = month - (calendar + 1) % 2
    back_to_apr_oct = np.select([calendar >= 9, calendar >= 3], [calendar - 9, calendar - 3],
                                calendar + 3)  # fmt: skip
    six_periods = even_month >= (v.SIX_PERIODS_FROM_YEAR - 1970) * 12
    return np.where(six_periods, even_month, month - back_to_apr_oct)


def jabatan(
    rng: np.random.Generator,
    unit: np.ndarray,
    jenis: np.ndarray,
    edu: np.ndarray,
    gol: np.ndarray,
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Post names as (vocabulary, index), plus a medical title code per row (0 none, 1 dr.,
    2 drg., the order of ``MEDICAL_TITLES``).

    JF posts get the level their rank implies (§4d), keahlian from S-1/D-IV up and
    keterampilan below; Pelaksana posts follow education; structural posts the rank band,
    with the unit head from IV/b.
    """
    index = np.zeros(jenis.size, dtype=np.int64)
    medical = np.zeros(jenis.size, dtype=np.int64)
    vocabulary: list[str] = []

    rows = np.flatnonzero(jenis == JENIS["Fungsional"])
    # Track 0 keahlian, 1 keterampilan (SLTA, D-III), 2 keahlian without the posts that need a
    # professional degree (D-IV holders cannot be doctors or pharmacists).
    track = np.select([edu[rows] <= EDU["D-III"], edu[rows] == EDU["D-IV"]], [1, 2], 0)
    tables = (
        [v.JF_KEAHLIAN[u] for u in UNITS]
        + [v.JF_KETERAMPILAN[u] for u in UNITS]
        + [{k: w for k, w in v.JF_KEAHLIAN[u].items() if k not in v.JF_PROFESI} for u in UNITS]
    )
    base = draw_grouped(rng, tables, unit[rows] + track * len(UNITS))
    # Every base name with every level of both tracks; rows index the combination they need.
    keahlian, keterampilan = v.JF_KEAHLIAN_LEVELS, v.JF_KETERAMPILAN_LEVELS
    levels = [level for _, level in (*keahlian, *keterampilan)]
    vocabulary += [f"{name} {level}" for name in base.vocabulary for level in levels]
    level = np.where(
        track == 1,
        _level(gol[rows], keterampilan) + len(keahlian),
        _level(gol[rows], keahlian),
    )
    index[rows] = base.index * len(levels) + level
    titles = [MEDICAL_TITLES.index(v.DOCTOR_PREFIX.get(name, "")) for name in base.vocabulary]
    medical[rows] = np.asarray(titles, dtype=np.int64)[base.index]

    rows = np.flatnonzero(jenis == JENIS["Pelaksana"])
    band = np.minimum(edu[rows], len(v.PELAKSANA_BY_EDUCATION) - 1)  # SLTA, D-III, S-1+
    pelaksana = draw_grouped(rng, list(v.PELAKSANA_BY_EDUCATION.values()), band)
    index[rows] = len(vocabulary) + pelaksana.index
    vocabulary += pelaksana.vocabulary

    rows = np.flatnonzero(jenis == JENIS["Struktural"])
    tier = (gol[rows] >= v.STRUKTURAL_ADMINISTRATOR_FROM).astype(np.int64)
    middle = draw_grouped(rng, [v.STRUKTURAL_PENGAWAS, v.STRUKTURAL_ADMINISTRATOR], tier)
    head = gol[rows] >= v.STRUKTURAL_HEAD_FROM
    index[rows] = np.where(
        head,
        len(vocabulary) + len(middle.vocabulary) + unit[rows],
        len(vocabulary) + middle.index,
    )
    vocabulary += [*middle.vocabulary, *(v.UNIT_HEADS[u] for u in UNITS)]
    return tuple(vocabulary), index, medical


def _level(gol: np.ndarray, levels: tuple[tuple[int, str], ...]) -> np.ndarray:
    """Position of the JF level for each rank; ranks below the first level get the lowest."""
    starts = np.asarray([start for start, _ in levels])
    return np.maximum(np.searchsorted(starts, gol, side="right") - 1, 0)


def predikat(rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Rating codes (order of ``PREDIKAT``) for the last and the previous year.

    A persistence Markov step links the years; its stationary mix is ``PREDIKAT``, so both
    years keep the target shares.
    """
    labels = tuple(v.PREDIKAT)
    total = sum(v.PREDIKAT.values())
    keep = v.PREDIKAT_PERSISTENCE
    previous = draw_grouped(rng, [v.PREDIKAT], np.zeros(size, dtype=np.int64)).code
    transitions = [
        {b: keep * (a == b) + (1 - keep) * v.PREDIKAT[b] / total for b in labels} for a in labels
    ]
    return draw_grouped(rng, transitions, previous).code, previous


def names(
    rng: np.random.Generator, female: np.ndarray, edu: np.ndarray, medical: np.ndarray
) -> pd.Series:
    """Full names ("Siti Rahayu", "dr. Andi Siregar", "Dewi Lestari, S.Pd.") from synthetic
    pools; titles follow education, and doctors carry dr./drg. instead."""
    size = female.size
    male_first, female_first = len(v.FIRST_NAMES_MALE), len(v.FIRST_NAMES_FEMALE)
    first = np.where(
        female,
        male_first + rng.integers(0, female_first, size),
        rng.integers(0, male_first, size),
    )
    male_second = v.SECOND_NAMES_MALE + v.FAMILY_NAMES
    female_second = v.SECOND_NAMES_FEMALE + v.FAMILY_NAMES
    second = np.where(
        female,
        1 + len(male_second) + rng.integers(0, len(female_second), size),
        1 + rng.integers(0, len(male_second), size),
    )
    second = np.where(rng.random(size) < v.SINGLE_NAME_SHARE, 0, second)  # 0 = no second name

    graduates = tuple(v.TITLE_SUFFIX_BY_EDUCATION)
    graduate = np.asarray([graduates.index(e) if e in graduates else -1 for e in v.EDUCATION])[edu]
    titled = (graduate >= 0) & (rng.random(size) < v.TITLE_SHARE) & (medical == 0)
    rows = np.flatnonzero(titled)
    tables = [dict.fromkeys(v.TITLE_SUFFIX_BY_EDUCATION[e], 1.0) for e in graduates]
    suffixes = draw_grouped(rng, tables, graduate[rows])
    suffix = np.zeros(size, dtype=np.int64)
    suffix[rows] = 1 + suffixes.index
    doctorate = titled & (edu == EDU["S-3"])
    prefix = np.where(medical > 0, medical, np.where(doctorate, len(MEDICAL_TITLES), 0))

    return join_columns(
        ([f"{title} " if title else "" for title in MEDICAL_TITLES] + [f"{v.DOCTORATE_PREFIX} "],
         prefix),
        (v.FIRST_NAMES_MALE + v.FIRST_NAMES_FEMALE, first),
        (["", *(f" {name}" for name in male_second + female_second)], second),
        (["", *(f", {title}" for title in suffixes.vocabulary)], suffix),
    )  # fmt: skip


def training_hours(rng: np.random.Generator, remote: np.ndarray) -> np.ndarray:
    """JP of competency development: gamma-shaped (median ~24), lower in remote units."""
    scale = np.where(remote, v.JP_GAMMA_SCALE * v.JP_REMOTE_FACTOR, v.JP_GAMMA_SCALE)
    hours = np.rint(rng.gamma(v.JP_GAMMA_SHAPE, scale)).astype(np.int64)
    hours = np.where(rng.random(remote.size) < v.JP_ZERO_SHARE, 0, hours)
    return np.clip(hours, 0, v.JP_MAX)


def atasan(rng: np.random.Generator, gol: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Superior's rank ordinal (mostly 1-4 steps above, sometimes equal or below) and a mask
    of the ~8% left blank."""
    weights = np.fromiter(v.ATASAN_STEPS.values(), dtype=float)
    offsets = np.fromiter(v.ATASAN_STEPS, dtype=np.int64)
    steps = rng.choice(offsets, gol.size, p=weights / weights.sum())
    superior = gol + steps
    superior = np.where(steps > 0, np.maximum(superior, v.ATASAN_MIN_ORDINAL), superior)
    blank = rng.random(gol.size) < v.ATASAN_BLANK_SHARE
    return np.clip(superior, 1, v.MAX_GOLONGAN), blank


def nip(birth: np.ndarray, cpns_month: np.ndarray, female: np.ndarray) -> pd.Series:
    """18-digit NIP: birth YYYYMMDD, TMT CPNS YYYYMM, sex 1/2, then 001 unless the first
    15 digits repeat, in which case the sequence counts up in row order."""
    day = birth.astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    months = month.astype(np.int64)
    ymd = (
        (months // 12 + 1970) * 10_000
        + (months % 12 + 1) * 100
        + (day - month.astype("datetime64[D]")).astype(np.int64)
        + 1
    )
    cpns_ym = (cpns_month // 12 + 1970) * 100 + cpns_month % 12 + 1
    head = ymd * 10**7 + cpns_ym * 10 + np.where(female, 2, 1)
    sequence = pd.Series(head).groupby(head).cumcount().to_numpy() + 1
    if sequence.size and sequence.max() > 999:
        raise UsageError("too many employees share birth date, TMT CPNS and sex for unique NIPs")
    digits = pa.array(head * 1000 + sequence).cast(pa.string())
    return pd.Series(pd.arrays.ArrowStringArray(digits))
