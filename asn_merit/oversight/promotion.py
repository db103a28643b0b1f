"""Overdue regular promotions (tunggakan kenaikan pangkat reguler, §4b and §4c)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from asn_merit.oversight import rules as r
from asn_merit.oversight.context import (
    Context,
    add_months,
    breakdown,
    person_rows,
    rank,
    records,
)
from asn_merit.oversight.model import CheckInfo, Outcome, text
from asn_merit.roster.types import months_between

OVERDUE = CheckInfo(
    id="overdue-promotion",
    severity="warning",
    title=text("Tunggakan kenaikan pangkat reguler", "Overdue regular promotions"),
    explanation=text(
        "PNS bukan pejabat struktural yang menurut roster telah memenuhi semua syarat KP "
        "reguler (sekurang-kurangnya 4 tahun dalam pangkat, predikat sekurang-kurangnya Baik "
        "dua tahun terakhir, pangkat baru tidak melampaui batas pendidikan dan pangkat atasan "
        "langsung, lulus ujian dinas bila naik dari I/d atau II/d, tidak sedang menjalani "
        "hukuman disiplin) sejak satu periode KP atau lebih yang telah lewat, tetapi masih "
        "dalam pangkat yang sama. Tunggakan yang menumpuk di satu unit atau kelompok pegawai "
        "menunjukkan pembinaan karier yang tidak merata. Predikat yang dipakai adalah dua tahun "
        "terakhir menurut roster; periode KP 1 April dan 1 Oktober sampai 2023, enam periode "
        "sejak 2024.",
        "PNS outside structural posts who, on the roster's data, met every KP reguler "
        "requirement (at least 4 years in rank, rated at least Baik in the last two years, the "
        "new rank within the education ceiling and the direct superior's rank, the service exam "
        "when moving up from I/d or II/d, no disciplinary sanction running) one or more KP "
        "periods ago and still hold the same rank. Backlogs that gather in one unit or group "
        "point to uneven career management. The ratings used are the roster's last two years; "
        "KP periods are 1 April and 1 October until 2023 and six a year from 2024."),
    legal_basis=("PP 99/2000 jo. PP 12/2002 tentang Kenaikan Pangkat PNS",
                 "Peraturan BKN 4/2023 (periode kenaikan pangkat)",
                 "PermenPANRB 6/2022 (predikat kinerja)", "PP 94/2021 tentang Disiplin PNS"),
    confidence="C (time in rank, ratings, ceilings, ujian dinas, periods); S (sanction bar)",
    needs=("gol", "tmt_gol", "education", "predikat_last", "predikat_previous",
           "sanction|sanction_start"),
)


def sanction_window(ctx: Context) -> tuple[pd.Series, pd.Series]:
    """Start and last day of each recorded sanction; the end comes from its own column, else
    from the start plus the duration in months."""
    start = ctx.col("sanction_start")
    end = ctx.col("sanction_end")
    if ctx.has("sanction_start") and ctx.has("sanction_months"):
        months = ctx.col("sanction_months").astype("Float64")
        computed = add_months(start, months) - pd.Timedelta(days=1)
        end = end.astype("datetime64[s]").fillna(computed)
    return start.astype("datetime64[s]"), end.astype("datetime64[s]")


def _sanction_clear(ctx: Context) -> pd.Series:
    """No sanction running at ``as_of``: dates decide when recorded, else the level column must
    say Tidak Ada (a sanction without dates is taken as running, as the KP policy does)."""
    start, end = sanction_window(ctx)
    dated = start.notna() & end.notna()
    running = dated & (start <= ctx.as_of) & (ctx.as_of <= end)
    by_level = ctx.col("sanction").astype("string").eq("Tidak Ada").fillna(False)
    return (dated & ~running) | (~dated & by_level.astype(bool))


def _periods_missed(eligible_from: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """KP periods from the eligibility date up to the day before ``as_of``."""
    known = eligible_from.dropna()
    if known.empty:
        return pd.Series(0, index=eligible_from.index)
    periods = r.kp_periods(known.min().date(), (as_of - pd.Timedelta(days=1)).date())
    days = eligible_from.to_numpy(dtype="datetime64[D]", na_value=np.datetime64("NaT"))
    missed = periods.size - np.searchsorted(periods, days, side="left")
    return pd.Series(missed, index=eligible_from.index).where(eligible_from.notna(), 0)


def overdue_promotion(ctx: Context) -> Outcome:
    gol = ctx.col("gol").astype("Int64")
    tmt = ctx.col("tmt_gol").astype("datetime64[s]")
    scope = (ctx.status_is("PNS") & ~ctx.structural() & gol.notna() & tmt.notna()).astype(bool)
    ceiling = ctx.col("education").map(r.EDUCATION_CEILING).astype("Int64")
    superior = ctx.col("gol_superior").astype("Int64")
    passed_exam = ctx.col("ujian_dinas").astype("boolean").fillna(False).astype(bool)
    ratings = [ctx.col(n).isin(r.GOOD_PREDIKAT).astype(bool)
               for n in ("predikat_last", "predikat_previous")]
    met = {
        "time_in_rank": months_between(tmt, ctx.as_of) >= r.KP_MIN_MONTHS_IN_RANK,
        "ratings": ratings[0] & ratings[1],
        "education_ceiling": gol < ceiling,
        "superior_rank": superior.isna() | (gol < superior),
        "ujian_dinas": ~gol.isin(r.UJIAN_DINAS_FROM) | passed_exam,
        "not_top_rank": gol < r.MAX_RANK,
        "no_sanction": _sanction_clear(ctx),
    }
    met = {k: v.fillna(False).astype(bool) for k, v in met.items()}
    eligible_from = add_months(tmt, r.KP_MIN_MONTHS_IN_RANK).where(scope)
    missed = _periods_missed(eligible_from, ctx.as_of)
    overdue = scope & np.logical_and.reduce(list(met.values())) & (missed >= 1)
    rows = person_rows(ctx, overdue, gol=rank(gol), tmt_gol=tmt, eligible_from=eligible_from,
                       periods_missed=missed)
    groups = ctx.protected_groups()
    summary = {
        "in_scope": int(scope.sum()), "overdue": int(overdue.sum()),
        "failing_requirement": {k: int((scope & ~v).sum()) for k, v in met.items()},
        "superior_rank_not_recorded": int((scope & superior.isna()).sum()),
        "by_unit": breakdown(overdue, scope, ctx.unit()),
        "by_group": {name: breakdown(overdue, scope, g) for name, g in groups.items()},
        "birth_date_from_nip": ctx.birth_date()[1],
    }
    n = int(overdue.sum())
    return Outcome(records(rows, ["unit", "nip"]), summary, text(
        f"{n} PNS memenuhi syarat KP reguler sejak periode lalu tetapi belum naik pangkat",
        f"{n} PNS met every KP reguler requirement at a past period and were not promoted"))
