"""Performance-rating distribution per unit (PermenPANRB 6/2022 pola distribusi, §5a)."""

from __future__ import annotations

import operator
from typing import Any

import pandas as pd

from asn_merit.oversight import rules as r
from asn_merit.oversight.context import Context, records
from asn_merit.oversight.model import CheckInfo, Outcome, text

BASIS = ("PermenPANRB 6/2022 tentang Pengelolaan Kinerja Pegawai ASN, lampiran pola distribusi "
         "predikat kinerja pegawai menurut predikat kinerja organisasi",)
_OPS = {"<=": (operator.le, "≤"), ">=": (operator.ge, "≥"), ">": (operator.gt, ">")}

INFLATION = CheckInfo(
    id="rating-inflation",
    severity="error",
    title=text("Inflasi predikat kinerja di unit kerja", "Rating inflation in a work unit"),
    explanation=text(
        f"Unit kerja dengan lebih dari {r.SANGAT_BAIK_CAP:.0%} pegawai berpredikat Sangat Baik "
        "pada tahun penilaian terakhir. Pola distribusi PermenPANRB 6/2022 membatasi Sangat Baik "
        f"paling banyak {r.SANGAT_BAIK_CAP:.0%} bahkan untuk unit berpredikat Istimewa, jadi "
        "unit ini melampaui pedoman apa pun predikat unitnya. Bila hampir semua pegawai Sangat "
        "Baik, predikat tidak lagi membedakan kinerja dan penilaian berbasis merit kehilangan "
        f"maknanya. Unit dengan kurang dari {r.MIN_RATED_PER_UNIT} pegawai yang dinilai tidak "
        "dinilai.",
        f"Work units where more than {r.SANGAT_BAIK_CAP:.0%} of staff were rated Sangat Baik in "
        "the last rating year. The PermenPANRB 6/2022 distribution guidance caps Sangat Baik at "
        f"{r.SANGAT_BAIK_CAP:.0%} even for a unit rated Istimewa, so such a unit breaks the "
        "guidance whatever its own rating. When nearly everyone is Sangat Baik the rating no "
        "longer separates performance and merit scoring built on it means nothing. Units with "
        f"fewer than {r.MIN_RATED_PER_UNIT} rated staff are not judged."),
    legal_basis=BASIS,
    confidence="S (naikpangkat.com on the PermenPANRB 6/2022 annex; official annex not seen)",
    needs=("unit", "predikat_last"),
)

DISTRIBUTION = CheckInfo(
    id="rating-distribution",
    severity="warning",
    title=text("Sebaran predikat kinerja tidak sesuai predikat unit",
               "Rating distribution against the unit's own rating"),
    explanation=text(
        "Membandingkan porsi tiap predikat pegawai di setiap unit dengan pola distribusi yang "
        "berlaku untuk predikat kinerja unit itu (PermenPANRB 6/2022): unit Istimewa paling "
        "banyak 70% Sangat Baik; unit Baik paling banyak 70% Baik dan harus ada Butuh Perbaikan "
        "atau Kurang; unit Butuh Perbaikan sekurang-kurangnya 60% Butuh Perbaikan dan paling "
        "banyak 10% Sangat Baik; unit Kurang dan Sangat Kurang serupa. Predikat unit diambil "
        "dari kolom predikat unit; unit yang predikatnya tidak seragam di roster tidak dinilai.",
        "Compares each unit's share of every staff predikat with the distribution guidance for "
        "the unit's own performance rating (PermenPANRB 6/2022): an Istimewa unit at most 70% "
        "Sangat Baik; a Baik unit at most 70% Baik and some Butuh Perbaikan or Kurang; a Butuh "
        "Perbaikan unit at least 60% Butuh Perbaikan and at most 10% Sangat Baik; Kurang and "
        "Sangat Kurang units likewise. The unit rating comes from the unit-rating column; units "
        "whose rows disagree on it are not judged."),
    legal_basis=BASIS,
    confidence="S (naikpangkat.com on the PermenPANRB 6/2022 annex; official annex not seen)",
    needs=("unit", "predikat_last", "unit_predikat"),
)


def _shares(ctx: Context) -> tuple[pd.DataFrame, pd.Series, int]:
    """Counts per unit and predikat of the last rating year, the rated total, and the year."""
    rated = pd.DataFrame({"unit": ctx.unit(), "predikat": ctx.col("predikat_last")}).dropna()
    counts = pd.crosstab(rated["unit"], rated["predikat"]).reindex(columns=list(r.PREDIKAT),
                                                                    fill_value=0)
    return counts, counts.sum(axis=1), ctx.as_of.year - 1


def _share_table(counts: pd.DataFrame, total: pd.Series) -> list[dict[str, Any]]:
    shares = counts.div(total, axis=0).round(4)
    return [{"unit": str(u), "rated": int(total[u]),
             **{p: float(shares.at[u, p]) for p in r.PREDIKAT}} for u in counts.index]


def rating_inflation(ctx: Context) -> Outcome:
    counts, total, year = _shares(ctx)
    judged = total >= r.MIN_RATED_PER_UNIT
    share = counts["Sangat Baik"] / total
    hit = judged & (share > r.SANGAT_BAIK_CAP)
    rows = pd.DataFrame({"unit": counts.index, "rated": total, "sangat_baik": counts["Sangat Baik"],
                         "share_sangat_baik": share})[hit]
    summary = {"year": year, "cap": r.SANGAT_BAIK_CAP, "min_rated": r.MIN_RATED_PER_UNIT,
               "units_judged": int(judged.sum()),
               "units_too_small": sorted(map(str, total.index[~judged])),
               "shares_by_unit": _share_table(counts, total)}
    n = int(hit.sum())
    return Outcome(records(rows, ["unit"]), summary, text(
        f"{n} unit dengan Sangat Baik > {r.SANGAT_BAIK_CAP:.0%} pada {year}",
        f"{n} unit(s) rated more than {r.SANGAT_BAIK_CAP:.0%} Sangat Baik in {year}"))


def rating_distribution(ctx: Context) -> Outcome:
    counts, total, year = _shares(ctx)
    declared = pd.DataFrame({"unit": ctx.unit(), "rating": ctx.col("unit_predikat")}).dropna()
    distinct = declared.drop_duplicates().groupby("unit")["rating"]
    conflicting = distinct.size()[lambda s: s > 1].index
    unit_rating = distinct.first().drop(conflicting)
    judged = total.index[(total >= r.MIN_RATED_PER_UNIT) & total.index.isin(unit_rating.index)]
    shares = counts.loc[judged].div(total[judged], axis=0)
    found = []
    for rating, guidance in r.DISTRIBUTION_GUIDANCE.items():
        units = [u for u in judged if unit_rating[u] == rating]
        for predikat, op, bound in guidance:
            actual = shares.loc[units, list(predikat)].sum(axis=1)
            compare, symbol = _OPS[op]
            broken = ~compare(actual, bound)
            found.append(pd.DataFrame({
                "unit": actual.index[broken], "unit_predikat": rating,
                "rated": total[units][broken].to_numpy(),
                "expected": f"{' + '.join(predikat)} {symbol} {bound:.0%}",
                "share": actual[broken].to_numpy()}))
    rows = pd.concat(found, ignore_index=True)
    summary = {"year": year, "min_rated": r.MIN_RATED_PER_UNIT, "units_judged": len(judged),
               "units_without_rating": sorted(map(str, total.index.difference(unit_rating.index)
                                                  .difference(conflicting))),
               "units_conflicting_rating": sorted(map(str, conflicting)),
               "units_too_small": sorted(map(str, total.index[total < r.MIN_RATED_PER_UNIT]))}
    n = rows["unit"].nunique()
    return Outcome(records(rows, ["unit", "expected"]), summary, text(
        f"{n} unit tidak sesuai pola distribusi predikat {year}",
        f"{n} unit(s) outside the {year} distribution guidance for their rating"))
