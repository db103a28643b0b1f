"""audit_frame behaviour: unknowns, stages, intersections, suppression, JSON shape, scores, CMH."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from asn_merit.fairness import (
    AuditSettings,
    audit_counts,
    audit_frame,
    parse_outcome,
    summary_lines,
)
from asn_merit.fairness.status import Evidence, Rules, decide


def groups_of(block: dict) -> dict[str, dict]:
    return {g["group"]: g for g in block["groups"]}


def people(
    cells: list[tuple[dict[str, object], int, int]], outcome: str = "selected"
) -> pd.DataFrame:
    rows = []
    for values, n, x in cells:
        rows += [{**values, outcome: i < x} for i in range(n)]
    return pd.DataFrame(rows)


def sex_frame() -> pd.DataFrame:
    return people([({"jenis_kelamin": "L"}, 80, 48), ({"jenis_kelamin": "P"}, 120, 18)])


# --- shape ---------------------------------------------------------------------------------


def test_to_dict_shape_matches_the_contract() -> None:
    d = audit_frame(sex_frame(), outcomes=["selected"], attributes=["jenis_kelamin"]).to_dict()
    json.dumps(d, allow_nan=False)  # JSON-safe: no NaN, no numpy types
    block = d["attributes"][0]
    assert {k: block[k] for k in ("attribute", "stage", "reference", "unknown")} == {
        "attribute": "jenis_kelamin",
        "stage": "selected",
        "reference": "L",
        "unknown": 0,
    }
    p = groups_of(block)["P"]
    assert (p["n"], p["selected"], p["rate"]) == (120, 18, 0.15)
    assert p["impact_ratio"] == 0.25 and p["four_fifths_adverse"] is True
    assert p["status"] == "finding" and p["z"] < -2 and p["fisher_p_two_sided"] < 0.05
    required = {
        "share", "rate_ci_low", "rate_ci_high", "impact_ratio_ci_low", "impact_ratio_ci_high",
        "fisher_p_one_sided", "fisher_p_holm", "shortfall", "selections_to_pass", "flip_flop",
        "suppressed", "suppressed_reason", "evidence",
    }  # fmt: skip
    assert required <= p.keys()
    for key in ("omnibus", "reference_variants", "worst_impact_ratio", "denominator", "basis"):
        assert key in block
    assert block["omnibus"]["p"] < 0.05
    assert [g["group"] for g in block["groups"]] == ["L", "P"]


def test_to_dict_is_deterministic() -> None:
    def run() -> str:
        result = audit_frame(sex_frame(), outcomes=["selected"], attributes=["jenis_kelamin"])
        return json.dumps(result.to_dict(), sort_keys=False)

    assert run() == run()


def test_groups_are_sorted_by_name_whatever_the_row_order() -> None:
    frame = people([({"a": "c"}, 20, 5), ({"a": "a"}, 20, 6), ({"a": "b"}, 20, 7)])
    block = audit_frame(frame.iloc[::-1], outcomes=["selected"], attributes=["a"]).to_dict()
    assert [g["group"] for g in block["attributes"][0]["groups"]] == ["a", "b", "c"]


# --- unknowns ------------------------------------------------------------------------------


def test_unknown_values_are_counted_never_grouped() -> None:
    frame = people(
        [
            ({"agama": "Islam"}, 50, 20),
            ({"agama": "None"}, 20, 8),  # a religion label, not a missing value
            ({"agama": "NA"}, 20, 8),  # a code, not a missing value
            ({"agama": ""}, 3, 1),
            ({"agama": None}, 2, 1),
            ({"agama": np.nan}, 1, 1),
            ({"agama": " Tidak Diketahui "}, 4, 0),
            ({"agama": "not stated"}, 5, 2),
        ]
    )
    block = audit_frame(frame, outcomes=["selected"], attributes=["agama"]).to_dict()
    block = block["attributes"][0]
    assert sorted(groups_of(block)) == ["Islam", "NA", "None"]
    assert block["unknown"] == 15 and block["unknown_selected"] == 5
    assert block["known"] == 90 and block["population"] == 105


def test_custom_unknown_values_and_whitespace_trimming() -> None:
    frame = people([({"a": "X "}, 20, 5), ({"a": "X"}, 20, 5), ({"a": "Prefer not to say"}, 7, 1)])
    settings = AuditSettings(unknown_values=("", "prefer not to say"))
    block = audit_frame(frame, outcomes=["selected"], attributes=["a"], settings=settings)
    block = block.to_dict()["attributes"][0]
    assert list(groups_of(block)) == ["X"] and groups_of(block)["X"]["n"] == 40
    assert block["unknown"] == 7


def test_declared_but_empty_categories_are_listed() -> None:
    frame = people([({"a": "x"}, 20, 5), ({"a": "y"}, 20, 9)])
    frame["a"] = pd.Categorical(frame["a"], categories=["x", "y", "z"])
    block = audit_frame(frame, outcomes=["selected"], attributes=["a"]).to_dict()["attributes"][0]
    assert block["empty_groups"] == ["z"] and "z" not in groups_of(block)


# --- reference, suppression, eligibility ---------------------------------------------------


def test_small_group_is_suppressed_and_never_the_reference() -> None:
    frame = people([({"a": "big"}, 100, 30), ({"a": "mid"}, 60, 12), ({"a": "tiny"}, 4, 4)])
    block = audit_frame(frame, outcomes=["selected"], attributes=["a"]).to_dict()["attributes"][0]
    tiny = groups_of(block)["tiny"]
    assert block["reference"] == "big"
    assert tiny["suppressed"] is True and tiny["status"] == "suppressed"
    assert tiny["n"] == 4 and tiny["rate"] is None and tiny["selected"] is None
    assert tiny["impact_ratio"] is None and "minimum group size 10" in tiny["suppressed_reason"]
    assert block["known"] == 164 and block["selected"] == 46  # still counted in totals
    assert block["counts"]["suppressed"] == 1


def test_two_percent_rule_changes_the_reference_and_is_reported() -> None:
    frame = people([({"a": "A"}, 990, 500), ({"a": "B"}, 19, 19), ({"a": "C"}, 400, 150)])
    block = audit_frame(frame, outcomes=["selected"], attributes=["a"]).to_dict()["attributes"][0]
    b = groups_of(block)["B"]
    assert b["share"] < 0.02 and b["eligible_for_ir"] is False and b["status"] == "excluded"
    assert block["reference"] == "A"
    assert block["reference_variants"]["highest_rate_no_exclusion"] == "B"
    assert block["reference_variants"]["largest_group"] == "A"
    c = groups_of(block)["C"]
    assert c["impact_ratio_vs_highest_all"] == pytest.approx(150 / 400)
    assert c["impact_ratio_vs_largest"] == pytest.approx((150 / 400) / (500 / 990))


def test_share_boundary_is_exact() -> None:
    # 2 of 100 rows is exactly 2%: eligible
    frame = people([({"a": "A"}, 98, 40), ({"a": "B"}, 2, 1)])
    settings = AuditSettings(min_group_size=1)
    block = audit_frame(frame, outcomes=["selected"], attributes=["a"], settings=settings)
    assert groups_of(block.to_dict()["attributes"][0])["B"]["eligible_for_ir"] is True


def test_pinned_reference() -> None:
    settings = AuditSettings(reference_groups={"jenis_kelamin": "P"})
    block = audit_frame(
        sex_frame(), outcomes=["selected"], attributes=["jenis_kelamin"], settings=settings
    ).to_dict()["attributes"][0]
    assert block["reference"] == "P" and block["reference_rule"] == "pinned"
    assert "pinned" in block["reference_note"]
    lk = groups_of(block)["L"]
    assert lk["status"] == "clear" and lk["impact_ratio"] == 4.0
    assert lk["four_fifths_adverse"] is False


def test_pinned_reference_absent_falls_back_with_a_note() -> None:
    settings = AuditSettings(reference_groups={"jenis_kelamin": "X"})
    block = audit_frame(
        sex_frame(), outcomes=["selected"], attributes=["jenis_kelamin"], settings=settings
    ).to_dict()["attributes"][0]
    assert block["reference"] == "L" and "absent" in block["reference_note"]


def test_significant_but_above_four_fifths_is_watch() -> None:
    frame = people([({"a": "A"}, 5000, 2500), ({"a": "B"}, 5000, 2250)])
    b = groups_of(
        audit_frame(frame, outcomes=["selected"], attributes=["a"]).to_dict()["attributes"][0]
    )["B"]
    assert b["four_fifths_adverse"] is False and b["significant"] is True
    assert b["status"] == "watch" and "statistical_only" in b["reasons"]
    assert "not practically" in b["evidence"]


def test_holm_setting_can_turn_a_raw_finding_into_watch() -> None:
    cells = [({"a": "ref"}, 200, 100)] + [({"a": f"g{i}"}, 30, 8) for i in range(6)]
    frame = people(cells)
    raw = audit_frame(frame, outcomes=["selected"], attributes=["a"]).to_dict()
    holm = audit_frame(
        frame, outcomes=["selected"], attributes=["a"], settings=AuditSettings(significance="holm")
    ).to_dict()
    g_raw, g_holm = groups_of(raw["attributes"][0])["g0"], groups_of(holm["attributes"][0])["g0"]
    assert g_raw["fisher_p_two_sided"] < 0.05 < g_raw["fisher_p_holm"]
    assert g_raw["status"] == "finding" and g_holm["status"] == "watch"


def _evidence(**changes: object) -> Evidence:
    base = {
        "n": 40, "share": 0.3, "suppressed": False, "is_reference": False, "eligible": True,
        "small_sample": False, "fisher_primary": False, "lower": True, "impact_ratio": 0.5,
        "four_fifths_adverse": True, "fisher_p": 0.003, "fisher_p_holm": 0.006, "z": -3.1,
        "z_p_holm": 0.004, "flip_flop": False,
    }  # fmt: skip
    return Evidence(**{**base, **changes})


RULES = Rules(alpha=0.05, sd_threshold=2.0, holm=False, min_group_size=10, min_share=0.02)


@pytest.mark.parametrize(
    ("changes", "status", "reason"),
    [
        ({}, "finding", "significant"),
        ({"flip_flop": True}, "watch", "flip_flop"),
        ({"fisher_p": 0.2, "z": -1.0}, "watch", "not_significant"),
        ({"fisher_p": 0.06, "z": -2.1}, "finding", "significant"),  # 2-SD rule, large groups
        (
            {"fisher_p": 0.06, "z": -2.1, "fisher_primary": True, "small_sample": True},
            "watch",
            "small_sample",
        ),
        ({"four_fifths_adverse": False, "impact_ratio": 0.9}, "watch", "statistical_only"),
        (
            {"four_fifths_adverse": False, "impact_ratio": 0.9, "fisher_p": 0.5, "z": -0.5},
            "clear",
            "four_fifths_ok",
        ),
        ({"lower": False, "impact_ratio": 1.2, "four_fifths_adverse": False}, "clear", "not_lower"),
        ({"eligible": False}, "excluded", "excluded_small_share"),
        ({"suppressed": True}, "suppressed", "suppressed"),
        ({"is_reference": True}, "reference", "reference"),
    ],
)
def test_decision_logic(changes: dict, status: str, reason: str) -> None:
    decision = decide(_evidence(**changes), RULES)
    assert decision.status == status and reason in decision.reasons
    if status in ("finding", "watch", "clear") and reason != "not_lower":
        # all three pieces of evidence are always printed
        assert "IR" in decision.text_en and "Fisher p" in decision.text_en
        assert "reverse" in decision.text_en and "membalik" in decision.text_id


def test_holm_rule_uses_adjusted_p_values() -> None:
    holm = Rules(alpha=0.05, sd_threshold=2.0, holm=True, min_group_size=10, min_share=0.02)
    e = _evidence(fisher_p=0.03, fisher_p_holm=0.09, z=-2.2, z_p_holm=0.08)
    assert decide(e, RULES).status == "finding"
    assert decide(e, holm).status == "watch"


# --- stages --------------------------------------------------------------------------------


def stage_frame() -> pd.DataFrame:
    rows = []
    # (group, skd, skb, count)
    for group, skd, skb, k in [
        ("L", True, True, 30), ("L", True, False, 30), ("L", False, False, 40),
        ("P", True, True, 10), ("P", True, False, 20), ("P", False, None, 70),
        ("L", True, None, 5),  # reached SKB, no decision yet
    ]:  # fmt: skip
        rows += [{"jk": group, "skd": skd, "skb": skb}] * k
    frame = pd.DataFrame(rows)
    frame["skb"] = frame["skb"].astype("boolean")
    return frame


def test_stages_are_conditional_with_a_bottom_line() -> None:
    blocks = audit_frame(stage_frame(), outcomes=["skd", "skb"], attributes=["jk"]).to_dict()
    first, second, bottom = blocks["attributes"]
    assert (first["stage"], first["basis"], first["denominator"]) == (
        "skd",
        "conditional",
        "all rows",
    )
    assert groups_of(first)["L"]["n"] == 105 and groups_of(first)["L"]["selected"] == 65
    assert (second["stage"], second["basis"]) == ("skb", "conditional")
    assert second["denominator"] == "rows with skd = true"
    assert second["undecided"] == 5 and second["population"] == 90
    assert groups_of(second)["L"]["n"] == 60 and groups_of(second)["P"]["n"] == 30
    assert bottom["basis"] == "cumulative" and bottom["undecided"] == 5
    assert groups_of(bottom)["L"]["n"] == 100 and groups_of(bottom)["L"]["selected"] == 30
    assert groups_of(bottom)["P"]["n"] == 100 and groups_of(bottom)["P"]["selected"] == 10


def test_stage_inconsistency_is_an_error() -> None:
    frame = pd.DataFrame({"jk": ["L"] * 3, "skd": [True, False, True], "skb": [True, True, False]})
    with pytest.raises(ValueError, match=r"did not pass 'skd'.*positions 1"):
        audit_frame(frame, outcomes=["skd", "skb"], attributes=["jk"])


def test_text_outcomes_are_parsed() -> None:
    frame = pd.DataFrame({"jk": ["L", "P"] * 15, "lulus": ["Ya", "tidak"] * 15})
    block = audit_frame(frame, outcomes=["lulus"], attributes=["jk"]).to_dict()["attributes"][0]
    assert groups_of(block)["L"]["selected"] == 15 and groups_of(block)["P"]["selected"] == 0


# --- intersections -------------------------------------------------------------------------


def test_intersections_name_and_unknown_rule() -> None:
    frame = people(
        [
            ({"jk": "P", "usia": "<30"}, 20, 4),
            ({"jk": "P", "usia": ">=30"}, 20, 8),
            ({"jk": "L", "usia": "<30"}, 20, 10),
            ({"jk": "", "usia": "<30"}, 3, 1),
            ({"jk": "L", "usia": None}, 2, 1),
        ]
    )
    d = audit_frame(
        frame, outcomes=["selected"], attributes=["jk"], intersections=[("jk", "usia")]
    ).to_dict()
    block = d["attributes"][1]
    assert block["attribute"] == "jk x usia" and block["components"] == ["jk", "usia"]
    assert sorted(groups_of(block)) == ["L x <30", "P x <30", "P x >=30"]
    assert block["empty_groups"] == ["L x >=30"]
    assert block["unknown"] == 5
    assert block["reference"] == "L x <30"
    assert d["attributes"][0]["unknown"] == 3  # the single attribute keeps its own unknowns


def test_intersection_of_one_attribute_is_rejected() -> None:
    with pytest.raises(ValueError, match="at least two"):
        audit_frame(
            sex_frame(),
            outcomes=["selected"],
            attributes=["jenis_kelamin"],
            intersections=[("jenis_kelamin",)],
        )


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="agama, lulus"):
        audit_frame(sex_frame(), outcomes=["lulus"], attributes=["agama"])


# --- scores --------------------------------------------------------------------------------


def test_score_block_cross_checks_mann_whitney_and_cohens_d() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"jk": ["L"] * 60 + ["P"] * 50 + [""] * 5})
    frame["skor"] = np.concatenate([rng.normal(70, 8, 60), rng.normal(64, 8, 50), [99] * 5])
    frame.loc[3, "skor"] = np.nan
    block = audit_frame(frame, outcomes=[], attributes=["jk"], score="skor").to_dict()["scores"][0]
    values = frame["skor"].to_numpy()
    median = np.nanmedian(values)
    assert block["median"] == pytest.approx(median)  # full sample, unknown rows included
    assert block["scored"] == 114 and block["score_missing"] == 1 and block["unknown"] == 5
    ref = block["reference"]
    other = "P" if ref == "L" else "L"
    a = values[(frame["jk"] == other).to_numpy() & ~np.isnan(values)]
    b = values[(frame["jk"] == ref).to_numpy() & ~np.isnan(values)]
    g = groups_of(block)[other]
    mwu = stats.mannwhitneyu(a, b, alternative="two-sided")
    assert g["mann_whitney_u"] == pytest.approx(mwu.statistic)
    assert g["mann_whitney_p"] == pytest.approx(mwu.pvalue, rel=1e-8)
    pooled = ((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2)
    assert g["cohens_d"] == pytest.approx((a.mean() - b.mean()) / np.sqrt(pooled), rel=1e-8)
    assert g["selected"] == int((a > median).sum())
    assert g["mean_ratio"] == pytest.approx(a.mean() / b.mean(), rel=1e-8)


def test_non_numeric_scores_are_an_error() -> None:
    frame = pd.DataFrame({"jk": ["L", "P", "L"], "skor": ["80", "", "tinggi"]})
    with pytest.raises(ValueError, match="'tinggi' at position 2"):
        audit_frame(frame, outcomes=[], attributes=["jk"], score="skor")


# --- strata --------------------------------------------------------------------------------


def test_cmh_block_is_attached_per_stage() -> None:
    cells = []
    for year, (l_x, p_x) in {"2023": (30, 15), "2024": (35, 20)}.items():
        cells += [({"jk": "L", "tahun": year}, 60, l_x), ({"jk": "P", "tahun": year}, 60, p_x)]
    cells.append(({"jk": "P", "tahun": ""}, 12, 2))
    frame = people(cells)
    block = audit_frame(frame, outcomes=["selected"], attributes=["jk"], strata="tahun")
    cmh = block.to_dict()["attributes"][0]["cmh"]
    assert cmh["strata"] == "tahun" and cmh["strata_count"] == 2 and cmh["strata_unknown"] == 12
    assert cmh["reference"] == "L"
    (p,) = cmh["groups"]
    assert p["group"] == "P" and p["strata_used"] == 2 and p["common_odds_ratio"] < 1
    assert p["p"] < 0.05


# --- outcome parsing -----------------------------------------------------------------------


def test_parse_outcome_accepts_the_documented_spellings() -> None:
    raw = pd.Series([1, 0, "yes", "No", "YA", "tidak", "True", "false", "y", "N", "Lulus",
                     "tidak  lulus", None, "", True, 1.0, np.nan])  # fmt: skip
    parsed = parse_outcome(raw)
    assert str(parsed.dtype) == "boolean"
    expected = [True, False] * 6 + [pd.NA, pd.NA, True, True, pd.NA]
    assert [None if v is pd.NA else v for v in parsed] == [
        None if v is pd.NA else v for v in expected
    ]


def test_parse_outcome_lists_bad_values_and_first_ten_positions() -> None:
    raw = pd.Series(["ya"] + ["maybe"] * 12 + [2])
    with pytest.raises(ValueError) as err:
        parse_outcome(raw)
    message = str(err.value)
    assert "13 value(s)" in message and "'maybe' at position 1" in message
    assert "position 10" in message and "position 11" not in message
    assert "first 10 shown" in message


def test_parse_outcome_keeps_booleans() -> None:
    parsed = parse_outcome(pd.Series([True, False], name="x"))
    assert list(parsed) == [True, False] and parsed.name == "x"


# --- summary and counts input --------------------------------------------------------------


def test_summary_lines_in_both_languages() -> None:
    result = audit_frame(sex_frame(), outcomes=["selected"], attributes=["jenis_kelamin"])
    en = summary_lines(result)
    assert en[0].startswith("Fairness audit: 200 rows")
    assert "worst IR 0.250 (P)" in en[1] and "1 finding(s)" in en[1]
    assert en[-1] == "Total: 1 finding(s), 0 watch item(s) in 1 table(s)."
    ind = summary_lines(result, lang="id")
    assert "IR terburuk 0.250 (P)" in ind[1] and "1 temuan" in ind[1]
    with pytest.raises(ValueError):
        summary_lines(result, lang="fr")


def test_audit_counts_reports_unknown_rows_and_rejects_duplicates() -> None:
    counts = pd.DataFrame({
        "attribute": ["jk", "jk", "jk"],
        "group": ["L", "P", "tidak diketahui"],
        "n": [80, 40, 9],
        "selected": [48, 12, 4],
    })  # fmt: skip
    block = audit_counts(counts).to_dict()["attributes"][0]
    assert block["unknown"] == 9 and block["known"] == 120 and block["basis"] == "counts"
    with pytest.raises(ValueError, match="twice"):
        audit_counts(pd.concat([counts, counts.iloc[:1]]))
    with pytest.raises(ValueError, match="selected <= n"):
        audit_counts(counts.assign(selected=[90, 12, 4]))


def test_no_eligible_reference_means_no_comparison() -> None:
    many = pd.DataFrame(
        {"attribute": "daerah", "group": [f"d{i:02d}" for i in range(60)], "n": 20, "selected": 5}
    )
    block = audit_counts(many).to_dict()["attributes"][0]
    assert block["reference"] is None and block["reference_rule"] == "none"
    assert block["status"] == "n/a" and block["worst_impact_ratio"] is None
    assert {g["status"] for g in block["groups"]} == {"excluded"}
    assert all(g["reasons"] == ["no_reference"] for g in block["groups"])

    tiny = pd.DataFrame({"attribute": "a", "group": ["x", "y"], "n": [3, 4], "selected": [1, 2]})
    block = audit_counts(tiny).to_dict()["attributes"][0]
    assert block["reference"] is None
    assert {g["status"] for g in block["groups"]} == {"suppressed"}
