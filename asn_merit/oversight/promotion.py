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
        "Pelaksana berstatus PNS (tidak menduduki jabatan struktural maupun fungsional; "
        "pemangku JF naik pangkat dengan angka kredit) yang menurut roster telah memenuhi semua "
        "syarat KP reguler (sekurang-kurangnya 4 tahun dalam pangkat, predikat sekurang-"
        "kurangnya Baik dua tahun terakhir, pangkat baru tidak melampaui batas pendidikan, lulus "
        "ujian dinas Tingkat I bila naik dari II/d atau Tingkat II bila naik dari III/d kecuali "
        "dibebaskan karena pendidikan atau diklat kepemimpinan, tidak sedang menjalani hukuman "
        "disiplin sedang atau berat dan tidak sedang diperiksa) sejak satu periode KP atau "
        "lebih yang telah lewat, tetapi masih dalam pangkat yang sama. Pangkat atasan langsung "
        "tidak lagi menjadi syarat (Peraturan BKN 2/2025). Tunggakan yang menumpuk di satu unit "
        "atau kelompok pegawai menunjukkan pembinaan karier yang tidak merata. Predikat yang "
        "dipakai adalah dua tahun terakhir menurut roster; periode KP 1 April dan 1 Oktober "
        "sampai 2023, enam periode pada 2024 sampai September 2025, dan tanggal 1 setiap bulan "
        "sejak 1 Oktober 2025. Tanpa kolom ujian dinas, status pemeriksaan atau diklat "
        "kepemimpinan, roster dianggap tidak mencatat kelulusan, pemeriksaan atau diklat.",
        "PNS pelaksana staff (holding neither a structural nor a functional post; "
        "functional-post holders are promoted on credit points) who, on the roster's data, met "
        "every KP reguler requirement (at least 4 years in rank, rated at least Baik in the "
        "last two years, the new rank within the education ceiling, the service exam Tingkat I "
        "when moving up from II/d or Tingkat II from III/d unless exempt by education or "
        "leadership training, no sedang or berat sanction running and not under examination) "
        "one or more KP periods ago and still hold the same rank. The direct superior's rank "
        "is no longer a requirement (Peraturan BKN 2/2025). Backlogs that gather in one unit or "
        "group point to uneven career management. The ratings used are the roster's last two "
        "years; KP periods are 1 April and 1 October until 2023, six a year from 2024 to "
        "September 2025, and the 1st of every month from 1 October 2025. Without an exam, "
        "examination or leadership-training column the roster is taken to record no pass, no "
        "examination and no training."),
    legal_basis=("PP 99/2000 jo. PP 12/2002 Pasal 7 dan Pasal 30 (KP reguler, ujian dinas)",
                 "Peraturan BKN 2/2025 (KP reguler dapat melampaui pangkat atasan langsung)",
                 "Peraturan BKN 4/2025 (periode KP setiap bulan sejak 1 Oktober 2025; "
                 "mencabut Peraturan BKN 4/2023)",
                 "PermenPANRB 6/2022 (predikat kinerja)", "PP 94/2021 tentang Disiplin PNS"),
    confidence="C (scope, time in rank, ratings, ceilings, ujian dinas, periods); S (sanction "
               "and examination bar, superior's rank lifted)",
    needs=("gol", "tmt_gol", "education", "jenis_jabatan", "predikat_last",
           "predikat_previous", "sanction|sanction_start"),
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
    """No sedang or berat sanction running at ``as_of`` and not under examination for one.

    Dates decide whether a sanction runs when recorded, else the level column does (a sedang
    or berat level without dates is taken as running, as the KP policy does). A running
    sanction of unknown level bars, so nobody is called overdue on a guess.
    """
    start, end = sanction_window(ctx)
    level = ctx.col("sanction").astype("string")
    dated = start.notna() & end.notna()
    running = dated & (start <= ctx.as_of) & (ctx.as_of <= end)
    mild = level.isin(("Tidak Ada", "Ringan")).fillna(False).astype(bool)
    clear = (dated & (~running | mild)) | (~dated & mild)
    examined = level.eq(r.UNDER_EXAMINATION).fillna(False).astype(bool)
    examined |= ctx.col("under_examination").astype("boolean").fillna(False).astype(bool)
    return clear & ~examined


def _exam_needed(ctx: Context, gol: pd.Series) -> pd.Series:
    """Rank ordinals at which the next step needs an ujian dinas this person is not exempt
    from (by education or leadership training)."""
    education = ctx.col("education").astype("string")
    diklatpim = ctx.col("diklatpim").astype("string")
    level = diklatpim.map({name: i for i, name in enumerate(r.DIKLATPIM)}).astype("Float64")
    needed = pd.Series(False, index=gol.index)
    for at, _ in r.UJIAN_DINAS_FROM.items():
        exempt = education.isin(r.UJIAN_DINAS_EXEMPT_EDUCATION[at]).fillna(False).astype(bool)
        floor = r.DIKLATPIM.index(r.UJIAN_DINAS_EXEMPT_DIKLATPIM[at])
        exempt |= (level >= floor).fillna(False).astype(bool)
        needed |= (gol.eq(at).fillna(False).astype(bool) & ~exempt)
    return needed


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
    scope = (ctx.status_is("PNS") & ctx.pelaksana() & gol.notna() & tmt.notna()).astype(bool)
    ceiling = ctx.col("education").map(r.EDUCATION_CEILING).astype("Int64")
    passed_exam = ctx.col("ujian_dinas").astype("boolean").fillna(False).astype(bool)
    ratings = [ctx.col(n).isin(r.GOOD_PREDIKAT).astype(bool)
               for n in ("predikat_last", "predikat_previous")]
    met = {
        "time_in_rank": months_between(tmt, ctx.as_of) >= r.KP_MIN_MONTHS_IN_RANK,
        "ratings": ratings[0] & ratings[1],
        "education_ceiling": gol < ceiling,
        "ujian_dinas": ~_exam_needed(ctx, gol) | passed_exam,
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
        "by_unit": breakdown(overdue, scope, ctx.unit()),
        "by_group": {name: breakdown(overdue, scope, g) for name, g in groups.items()},
        "birth_date_from_nip": ctx.birth_date()[1],
    }
    n = int(overdue.sum())
    return Outcome(records(rows, ["unit", "nip"]), summary, text(
        f"{n} PNS memenuhi syarat KP reguler sejak periode lalu tetapi belum naik pangkat",
        f"{n} PNS met every KP reguler requirement at a past period and were not promoted"))
