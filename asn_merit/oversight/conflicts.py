"""Conflicts of interest on selection panels: declared relations and direct superiors who sat on
the panel or scored the candidate, and whether related candidates fared better.

The panel file has one row per assessor and candidate in a decision (a blank candidate means
the assessor sat on that decision's panel for every candidate); a declarations file has one row
per declared relation. Both use ``columns.PANEL_COLUMNS`` and may be the same sheet.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from scipy.stats import fisher_exact

from asn_merit.oversight.context import Context, records
from asn_merit.oversight.model import CheckInfo, Outcome, Skip, text
from asn_merit.roster.types import normalise_key

ALPHA = 0.05
NO_RELATION = ("tidak ada", "tidak", "-", "nihil", "none", "no")
PAIR = ["decision", "assessor", "candidate"]

_BASIS = ("UU 30/2014 tentang Administrasi Pemerintahan Pasal 42–43 (konflik kepentingan)",
          "PermenPANRB 17/2024 tentang Pengelolaan Konflik Kepentingan (menggantikan "
          "PermenPANRB 37/2012)",
          "PP 11/2017 Pasal 134 (perlindungan dari penyalahgunaan kewenangan)")
_CONFIDENCE = ("S (UU 30/2014 Pasal 42–43 quoted by malutpost.com 2025); C (PermenPANRB "
               "17/2024: menpan.go.id 2025, pasal.id); S (PP 11/2017 Pasal 134 via KASN deck)")

DECLARED = CheckInfo(
    id="conflict-declared",
    severity="error",
    title=text("Penilai yang mempunyai hubungan dengan kandidat",
               "Assessor with a declared relation to the candidate"),
    explanation=text(
        "Keputusan seleksi, promosi atau penghargaan yang panitianya memuat penilai yang telah "
        "menyatakan hubungan (keluarga, perkawinan atau hubungan lain) dengan seorang kandidat, "
        "baik ia menilai kandidat itu langsung maupun hanya duduk di panitia. Pejabat yang "
        "mempunyai konflik kepentingan tidak boleh ikut menetapkan keputusan; keputusan seperti "
        "ini perlu diperiksa dan penilai semestinya mundur.",
        "Selection, promotion or reward decisions whose panel included an assessor who declared "
        "a relation (family, marriage or other) to a candidate, whether the assessor scored that "
        "candidate or only sat on the panel. An official with a conflict of interest may not take "
        "part in the decision; such decisions need review and the assessor should have stood "
        "down."),
    legal_basis=_BASIS,
    confidence=_CONFIDENCE,
    needs=("panel",),
)

SUPERIOR = CheckInfo(
    id="conflict-superior",
    severity="warning",
    title=text("Atasan langsung kandidat duduk di panitia",
               "Direct superior of the candidate on the panel"),
    explanation=text(
        "Keputusan yang panitianya memuat atasan langsung seorang kandidat (menurut kolom NIP "
        "atasan di roster, atau hubungan 'atasan' yang dinyatakan). Atasan mengenal kinerja "
        "kandidat, tetapi penilaiannya mudah berpihak; sistem merit meminta penilaian yang "
        "objektif, jadi keikutsertaannya perlu dasar dan dicatat.",
        "Decisions whose panel included a candidate's direct superior (from the roster's "
        "superior NIP column, or a declared 'atasan' relation). The superior knows the "
        "candidate's work, but the judgement is easily partial; the merit system asks for "
        "objective assessment, so the superior's part needs a basis and a record."),
    legal_basis=_BASIS,
    confidence=_CONFIDENCE,
    needs=("panel",),
)

OUTCOMES = CheckInfo(
    id="conflict-outcomes",
    severity="warning",
    title=text("Hasil kandidat yang mempunyai hubungan dengan penilai",
               "Outcomes of candidates related to an assessor"),
    explanation=text(
        "Membandingkan tingkat keberhasilan kandidat yang mempunyai penilai berhubungan di "
        "panitianya dengan kandidat lain, dengan uji eksak Fisher satu sisi; juga selisih "
        f"nilai dari penilai berhubungan dibanding penilai lain untuk kandidat yang sama. "
        f"Terpicu bila kandidat berhubungan lebih sering berhasil dan p < {ALPHA}. Ini "
        "petunjuk statistik, bukan bukti: periksa keputusan yang bersangkutan.",
        "Compares the success rate of candidates who had a related assessor on their panel "
        "with the other candidates (one-sided Fisher exact test), and the score a related "
        "assessor gave against the other assessors' scores for the same candidate. Fires when "
        f"related candidates succeed more often with p < {ALPHA}. A statistical pointer, not "
        "proof: review the decisions concerned."),
    legal_basis=_BASIS,
    confidence=_CONFIDENCE,
    needs=("panel",),
)


def relations(ctx: Context) -> pd.DataFrame:
    """Assessor-candidate pairs with a relation: declared ones, and superiors from the roster."""
    panel = ctx.panel if ctx.panel is not None else pd.DataFrame()
    frames = []
    if {"assessor", "candidate", "relation"} <= set(panel):
        declared = panel[["assessor", "candidate", "relation"]].dropna()
        key = normalise_key(declared["relation"])
        declared = declared[~key.isin(NO_RELATION)]
        superior = key[~key.isin(NO_RELATION)].str.contains("atasan", regex=False)
        frames.append(declared.assign(kind=superior.map({True: "superior", False: "declared"})))
    if ctx.has("superior_nip"):
        roster = pd.DataFrame({"assessor": ctx.col("superior_nip"), "candidate": ctx.col("nip"),
                               "relation": "atasan langsung (roster)", "kind": "superior"})
        frames.append(roster.dropna())
    if not frames:
        return pd.DataFrame(columns=["assessor", "candidate", "relation", "kind"])
    every = pd.concat(frames, ignore_index=True).astype("string")
    every = every[every["assessor"] != every["candidate"]]
    return (every.sort_values(["assessor", "candidate", "kind", "relation"])
            .groupby(["assessor", "candidate", "kind"], as_index=False)["relation"]
            .agg("; ".join))


def _panel(ctx: Context) -> pd.DataFrame:
    panel = ctx.panel
    assert panel is not None
    rows = panel.dropna(subset=["decision", "assessor"]).copy()
    for name, dtype in (("candidate", "string"), ("score", "Float64"), ("outcome", "boolean")):
        if name not in rows:
            rows[name] = pd.Series(pd.NA, index=rows.index, dtype=dtype)
    return rows


def exposures(ctx: Context) -> pd.DataFrame:
    """Every (decision, assessor, candidate) where the assessor sat on the candidate's panel,
    with whether they scored the candidate, their mean score, and the candidate's outcome."""
    rows = _panel(ctx)
    members = rows[["decision", "assessor"]].drop_duplicates()
    scored = rows.dropna(subset=["candidate"])
    candidates = scored[["decision", "candidate"]].drop_duplicates()
    given = scored.groupby(PAIR, as_index=False)["score"].mean()
    outcome = (scored.dropna(subset=["outcome"]).astype({"outcome": bool})
               .groupby(["decision", "candidate"])["outcome"].max().rename("outcome"))
    every = members.merge(candidates, on="decision").merge(given, on=PAIR, how="left",
                                                           indicator=True)
    every["role"] = every.pop("_merge").map({"both": "scored", "left_only": "panel"})
    every = every.merge(outcome, left_on=["decision", "candidate"], right_index=True, how="left")
    return every[every["assessor"] != every["candidate"]]


def _conflicts(ctx: Context, kind: str) -> Outcome:
    pairs = exposures(ctx).merge(relations(ctx), on=["assessor", "candidate"])
    rows = pairs[pairs["kind"] == kind].drop(columns="kind")
    rows = rows[["decision", "assessor", "candidate", "relation", "role", "score", "outcome"]]
    decisions = rows["decision"].nunique()
    return Outcome(records(rows, PAIR), {"decisions": decisions, "pairs": len(rows)}, text(
        f"{decisions} keputusan dengan {len(rows)} pasangan penilai-kandidat yang berkonflik",
        f"{decisions} decision(s) with {len(rows)} conflicted assessor-candidate pair(s)"))


def conflict_declared(ctx: Context) -> Outcome:
    return _conflicts(ctx, "declared")


def conflict_superior(ctx: Context) -> Outcome:
    return _conflicts(ctx, "superior")


def _rate(outcomes: pd.Series) -> dict[str, Any]:
    n, k = len(outcomes), int(outcomes.sum())
    return {"n": n, "selected": k, "rate": round(k / n, 4) if n else None}


def conflict_outcomes(ctx: Context) -> Outcome:
    every = exposures(ctx)
    if every["outcome"].isna().all():
        raise Skip(text("butuh kolom hasil (Hasil/Lulus/Terpilih) di berkas panitia",
                        "needs an outcome column (Hasil/Lulus/Terpilih) in the panel file"))
    pairs = every.merge(relations(ctx), on=["assessor", "candidate"], how="left")
    pairs["related"] = pairs["kind"].notna()
    per_candidate = (pairs.dropna(subset=["outcome"])
                     .groupby(["decision", "candidate"])
                     .agg(related=("related", "max"), outcome=("outcome", "max"),
                          relation=("relation", lambda s: "; ".join(sorted(set(s.dropna()))))))
    related = per_candidate[per_candidate["related"]]
    other = per_candidate[~per_candidate["related"]]
    table = [[int(related["outcome"].sum()), int((~related["outcome"]).sum())],
             [int(other["outcome"].sum()), int((~other["outcome"]).sum())]]
    p = float(fisher_exact(table, alternative="greater").pvalue) if len(related) else None

    # Score a related assessor gave, minus the mean of the unrelated assessors' scores.
    scores = pairs.dropna(subset=["score"])
    baseline = (scores[~scores["related"]].groupby(["decision", "candidate"])["score"].mean()
                .rename("baseline"))
    uplift = scores[scores["related"]].join(baseline, on=["decision", "candidate"])
    uplift = (uplift["score"] - uplift["baseline"]).dropna()
    a, b = _rate(related["outcome"]), _rate(other["outcome"])
    fired = p is not None and p < ALPHA and (a["rate"] or 0) > (b["rate"] or 0)
    rows = related.reset_index()[["decision", "candidate", "relation", "outcome"]]
    summary = {"related": a, "unrelated": b, "fisher_p_one_sided": p, "alpha": ALPHA,
               "score_uplift_mean": round(float(uplift.mean()), 4) if len(uplift) else None,
               "score_uplift_pairs": len(uplift)}
    shown = f"{_pct(a['rate'])} vs {_pct(b['rate'])}, p = " + ("–" if p is None else f"{p:.2g}")
    return Outcome(records(rows, ["decision", "candidate"]) if fired else [], summary, text(
        f"tingkat berhasil kandidat berhubungan dibanding lainnya: {shown}",
        f"success rate of related candidates against the others: {shown}"))


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"
