"""Synthetic SIMPEG-style rosters of a regency government, for demos, tests and benchmarks.

``generate_roster`` builds the whole frame with array operations on one seeded
``numpy.random.Generator``, so a seed always yields the same frame and a million rows take
seconds. The data are synthetic (see ``vocab``); realism targets the checks a roster loader
and the KP reguler policy make: NIP digits agree with the other columns, ranks follow the
education entry level and ceiling (with ~1% planted ceiling breaches), TMT Golongan sits on KP
periods and about a third of staff have at least four years in rank.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from asn_merit.errors import UsageError
from asn_merit.sample import population as p
from asn_merit.sample import vocab as v
from asn_merit.sample.broken import plant_errors
from asn_merit.sample.development import development_columns, development_headers
from asn_merit.sample.draw import date_column as _dates
from asn_merit.sample.draw import draw, draw_grouped, string_column
from asn_merit.sample.xlsx import write_xlsx

ERRORS_SEED = 20261001
ERRORS_ROWS = 20
_GOLONGAN = ("", *v.GOLONGAN)  # indexed by rank ordinal 1..17


def generate_roster(rows: int, seed: int, as_of: date = v.DEFAULT_AS_OF, *,
                    extended: bool = False) -> pd.DataFrame:
    """Return a synthetic roster of ``rows`` employees as of ``as_of``; same seed, same frame.

    ``extended`` appends the development columns the reward, training, talent and IP ASN
    policies read (``development.development_headers``), drawn from a separate stream so the
    base columns keep their values. ``frame.attrs["as_of"]`` keeps the ISO date so writers can
    print "Keadaan per ...".
    """
    if rows < 0:
        raise UsageError(f"rows must be >= 0, got {rows}")
    rng = np.random.default_rng(seed)
    asof_month = p.month_index(as_of)
    last_year = as_of.year - 1

    female = rng.random(rows) < v.FEMALE_SHARE
    unit = draw(rng, {name: weight for name, (weight, _) in v.UNITS.items()}, rows)
    jenis_tables = [
        dict(zip(v.JENIS_JABATAN, shares, strict=True)) for _, shares in v.UNITS.values()
    ]
    jenis = draw_grouped(rng, jenis_tables, unit.code)
    edu = draw_grouped(rng, [v.EDUCATION_BY_JENIS[j] for j in v.JENIS_JABATAN], jenis.code).code
    struktural = jenis.code == p.JENIS["Struktural"]
    service, birth = p.service_and_birth(rng, edu, struktural, as_of)
    cpns_month = asof_month - service
    cpns_year = cpns_month // 12 + 1970
    gol, gol_month = p.rank_history(rng, edu, service, asof_month)
    age = (np.datetime64(as_of, "D").astype(np.int64) - birth) / p.DAYS_PER_YEAR
    posts, post, medical = p.jabatan(rng, unit.code, jenis.code, edu, gol)
    rating_last, rating_previous = p.predikat(rng, rows)
    poorly_rated = (rating_last >= tuple(v.PREDIKAT).index("Kurang")).astype(np.int64)
    hukuman = draw_grouped(rng, [v.HUKUMAN_IF_RATED_WELL, v.HUKUMAN_IF_RATED_POORLY], poorly_rated)
    remote = np.isin(unit.code, [p.UNITS.index(name) for name in v.REMOTE_UNITS])
    marital_band = np.searchsorted(np.asarray(v.MARITAL_AGE_BANDS), age, side="right")
    aliased = rng.random(rows) < v.EDUCATION_ALIAS_SHARE
    superior, superior_blank = p.atasan(rng, gol)

    # Ratings and training hours are missing (0 JP) for years that ended before appointment.
    columns = [
        np.arange(1, rows + 1, dtype=np.int64),
        p.nip(birth, cpns_month, female),
        p.names(rng, female, edu, medical),
        string_column(("L", "P"), female),
        _dates(birth),
        draw(rng, v.AGAMA, rows).column(),
        draw_grouped(rng, v.MARITAL_BY_AGE, marital_band).column(),
        string_column(
            (*v.EDUCATION, *(v.EDUCATION_ALIASES[e] for e in v.EDUCATION)),
            edu + aliased * len(v.EDUCATION),
        ),
        string_column(("PNS", "CPNS"), service < 12),
        string_column(_GOLONGAN, gol),
        _dates(p.month_days(gol_month)),
        _dates(p.month_days(cpns_month)),
        string_column(posts, post),
        jenis.column(),
        unit.column(),
        string_column(tuple(v.PREDIKAT), rating_last, missing=cpns_year > last_year),
        string_column(tuple(v.PREDIKAT), rating_previous, missing=cpns_year > last_year - 1),
        hukuman.column(),
        np.where(cpns_year > last_year, 0, p.training_hours(rng, remote)),
        string_column(_GOLONGAN, superior, missing=superior_blank),
    ]
    headers = v.roster_headers(as_of)
    if extended:
        headers += development_headers(as_of)
        columns += development_columns(seed, as_of, unit.code, jenis.code, edu, cpns_year,
                                       service < 12, rating_last, hukuman.code)
    frame = pd.DataFrame(dict(zip(headers, columns, strict=True)))
    frame.attrs["as_of"] = as_of.isoformat()
    return frame


def write_roster(
    frame: pd.DataFrame,
    path: Path,
    title: str = v.DEFAULT_TITLE,
    *,
    as_of: date | None = None,
) -> None:
    """Write ``frame`` as .xlsx (title block like a regional export), .csv (``;``) or .parquet.

    ``as_of`` (for the xlsx "Keadaan per" line and file date) defaults to the date stored by
    ``generate_roster`` in ``frame.attrs``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(frame, path, title, _as_of(frame, as_of))
    elif suffix == ".csv":
        frame.to_csv(
            path, sep=";", index=False, encoding="utf-8", date_format="%d/%m/%Y",
            lineterminator="\n",
        )  # fmt: skip
    elif suffix == ".parquet":
        frame.to_parquet(path, engine="pyarrow", index=False)
    else:
        raise UsageError(f"unsupported roster format {path.suffix!r}; use .xlsx, .csv or .parquet")


def write_roster_with_errors(path: Path) -> list[str]:
    """Write a small .xlsx roster with planted data errors; return one description per error.

    The file exercises the roster contract (numeric NIP cell, bad NIP, impossible date,
    unknown codes, NIP digits that contradict other columns) with every column present.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"the error sample is an .xlsx file, got {path.suffix!r}")
    frame = generate_roster(ERRORS_ROWS, seed=ERRORS_SEED)
    broken, overrides, problems = plant_errors(frame)
    write_xlsx(broken, path, v.DEFAULT_TITLE, v.DEFAULT_AS_OF, overrides=overrides)
    return problems


def _as_of(frame: pd.DataFrame, as_of: date | None) -> date:
    """The explicit date, else the one ``generate_roster`` stored, else the default."""
    if as_of is not None:
        return as_of
    stored = frame.attrs.get("as_of")
    return date.fromisoformat(stored) if stored else v.DEFAULT_AS_OF
