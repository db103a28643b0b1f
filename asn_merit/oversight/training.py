"""Access to competency development (JP per person per year) by unit, region and group."""

from __future__ import annotations

from typing import Any

import pandas as pd

from asn_merit.oversight import rules as r
from asn_merit.oversight.context import UNKNOWN, Context, person_rows, records
from asn_merit.oversight.model import CheckInfo, Outcome, text

TRAINING = CheckInfo(
    id="training-access",
    severity="info",
    title=text("Akses pengembangan kompetensi", "Access to competency development"),
    explanation=text(
        f"Jam pelajaran (JP) pengembangan kompetensi per pegawai per tahun selama paling lama "
        f"{r.TRAINING_YEARS} tahun terakhir yang tercatat, menurut unit, wilayah dan kelompok "
        "yang dilindungi, beserta pegawai yang tidak mendapat JP sama sekali. Tahun sebelum TMT "
        f"CPNS tidak dihitung. Setiap PNS berhak atas sekurang-kurangnya {r.MIN_JP_PER_YEAR} "
        "JP setahun; akses yang timpang antarunit atau antarkelompok melemahkan sistem merit "
        "karena pelatihan ikut menentukan promosi.",
        f"Competency-development hours (JP) per person per year over up to the last "
        f"{r.TRAINING_YEARS} recorded years, by unit, region and protected group, with the "
        "people who received none. Years before TMT CPNS are not counted. Every PNS is entitled "
        f"to at least {r.MIN_JP_PER_YEAR} JP a year; uneven access between units or groups "
        "weakens the merit system because training feeds into promotion."),
    legal_basis=("PP 11/2017 jo. PP 17/2020 tentang Manajemen PNS (pengembangan kompetensi "
                 "paling sedikit 20 JP setahun)", "UU 20/2023 (hak pengembangan kompetensi)"),
    confidence="S (20 JP a year: agency training decks citing PP 17/2020; article not seen)",
    needs=("jp_years",),
)


def _table(per_year: pd.Series, scope: pd.Series, by: pd.Series) -> list[dict[str, Any]]:
    frame = pd.DataFrame({"group": by.astype("string").fillna(UNKNOWN), "jp": per_year,
                          "none": per_year == 0, "below": per_year < r.MIN_JP_PER_YEAR})[scope]
    stats = frame.groupby("group", sort=True).agg(
        n=("jp", "size"), mean=("jp", "mean"), median=("jp", "median"), none=("none", "sum"),
        below=("below", "sum"))
    return [{"group": str(g), "n": int(s["n"]), "mean_jp_per_year": round(float(s["mean"]), 2),
             "median_jp_per_year": round(float(s["median"]), 2), "none": int(s["none"]),
             "none_rate": round(int(s["none"]) / int(s["n"]), 4),
             "below_min_rate": round(int(s["below"]) / int(s["n"]), 4)}
            for g, s in stats.iterrows()]


def training_access(ctx: Context) -> Outcome:
    years = ctx.jp_years()
    cpns_year = ctx.col("tmt_cpns").astype("datetime64[s]").dt.year
    hours = pd.DataFrame({y: ctx.frame[f"jp_{y}"].astype("Float64") for y in years})
    employed = pd.DataFrame({y: (cpns_year <= y) | cpns_year.isna() for y in years})
    counted = (employed & hours.notna()).astype(bool)
    years_counted = counted.sum(axis=1)
    total = hours.where(counted).sum(axis=1)
    scope = years_counted > 0
    per_year = (total / years_counted.where(scope)).astype("float64")
    none = scope & (total == 0)
    rows = person_rows(ctx, none, years_counted=years_counted)
    summary: dict[str, Any] = {
        "years": years, "min_jp_per_year": r.MIN_JP_PER_YEAR, "in_scope": int(scope.sum()),
        "none": int(none.sum()),
        "below_min": int((scope & (per_year < r.MIN_JP_PER_YEAR)).sum()),
        "by_unit": _table(per_year, scope, ctx.unit()),
        "by_group": {name: _table(per_year, scope, g)
                     for name, g in ctx.protected_groups().items()},
    }
    if ctx.has("region"):
        summary["by_region"] = _table(per_year, scope, ctx.col("region"))
    n = int(none.sum())
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return Outcome(records(rows, ["unit", "nip"]), summary, text(
        f"{n} pegawai tanpa JP pengembangan kompetensi pada {span}",
        f"{n} staff with no competency-development hours in {span}"))
