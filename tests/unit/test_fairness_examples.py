"""Every published worked example of the fairness methods reference (§5), to printed precision."""

from __future__ import annotations

import pandas as pd
import pytest

from asn_merit.fairness import AuditSettings, audit_counts, audit_frame
from asn_merit.fairness.impact import (
    Counts,
    fisher,
    flip_flop,
    four_fifths_adverse,
    impact_ratio,
    katz_interval,
    one_more,
    selections_to_pass,
    shortfall,
    two_proportion_z,
    z_p_value,
)

SMALL_OK = AuditSettings(min_group_size=1)


def groups_of(block: dict) -> dict[str, dict]:
    return {g["group"]: g for g in block["groups"]}


def counts_block(rows: list[tuple[str, int, int]], settings: AuditSettings = SMALL_OK) -> dict:
    frame = pd.DataFrame(rows, columns=["group", "n", "selected"]).assign(attribute="a")
    return audit_counts(frame, settings=settings).to_dict()["attributes"][0]


def people(cells: list[tuple[dict[str, str], int, int]], outcome: str = "selected") -> pd.DataFrame:
    """Expand (attribute values, n, selected) cells into one row per person."""
    rows = []
    for values, n, x in cells:
        rows += [{**values, outcome: i < x} for i in range(n)]
    return pd.DataFrame(rows)


def test_t1_ugesp_qa12_white_black() -> None:
    white, black = Counts(80, 48), Counts(40, 12)
    assert white.rate == pytest.approx(0.60)
    assert black.rate == pytest.approx(0.30)
    assert impact_ratio(black, white) == pytest.approx(0.50)
    assert four_fifths_adverse(black, white) is True
    z = two_proportion_z(black, white)
    assert z == pytest.approx(-3.098387, abs=5e-7)
    assert z_p_value(z) == pytest.approx(0.001946, abs=5e-7)
    assert fisher(black, white).two_sided == pytest.approx(0.003409, abs=5e-7)
    low, high = katz_interval(black, white)
    assert (round(low, 4), round(high, 4)) == (0.3014, 0.8294)
    assert shortfall(black, white.rate) == pytest.approx(12.0)
    assert selections_to_pass(black, white) == 8

    block = counts_block([("White", 80, 48), ("Black", 40, 12)])
    assert block["reference"] == "White"
    assert groups_of(block)["Black"]["status"] == "finding"


def test_t2_rates_only_boundary_at_exactly_four_fifths() -> None:
    block = counts_block(
        [("White", 100, 60), ("American Indian", 100, 45), ("Hispanic", 100, 48),
         ("Black", 100, 51)]
    )  # fmt: skip
    g = groups_of(block)
    assert block["reference"] == "White"
    assert round(g["American Indian"]["impact_ratio"], 2) == 0.75
    assert round(g["Hispanic"]["impact_ratio"], 2) == 0.80
    assert round(g["Black"]["impact_ratio"], 2) == 0.85
    adverse = sorted(k for k, v in g.items() if v["four_fifths_adverse"])
    assert adverse == ["American Indian"]


def test_t3_morris_z_and_fisher_disagree_at_small_n() -> None:
    women, men = Counts(10, 2), Counts(25, 15)
    z = two_proportion_z(women, men)
    assert z == pytest.approx(-2.138963, abs=5e-7)
    assert z_p_value(z) == pytest.approx(0.03243865, abs=5e-9)
    assert impact_ratio(women, men) == pytest.approx(0.3333, abs=5e-5)
    f = fisher(women, men)
    assert f.two_sided == pytest.approx(0.059908, abs=5e-7)
    assert f.less == pytest.approx(0.037158, abs=5e-7)
    assert f.mid_p == pytest.approx(0.020949, abs=5e-7)
    assert shortfall(women, men.rate) == pytest.approx(4.0)
    assert selections_to_pass(women, men) == 3

    g = groups_of(counts_block([("Women", 10, 2), ("Men", 25, 15)]))["Women"]
    assert g["small_sample"] is True and g["primary_test"] == "fisher"
    assert g["significant"] is False
    assert g["status"] == "watch"
    assert "small_sample" in g["reasons"]


def test_t4_wikipedia_one_more_selection_passes() -> None:
    white, asian = Counts(95, 40), Counts(5, 1)
    assert round(white.rate, 2) == 0.42 and asian.rate == pytest.approx(0.20)
    assert 0.8 * round(white.rate, 2) == pytest.approx(0.336)
    assert four_fifths_adverse(asian, white) is True
    assert impact_ratio(asian, white) == pytest.approx(0.475)
    z = two_proportion_z(asian, white)
    assert z == pytest.approx(-0.9795, abs=5e-5)
    assert z_p_value(z) == pytest.approx(0.3273, abs=5e-5)
    assert fisher(asian, white).two_sided == pytest.approx(0.6459, abs=5e-5)
    ratio, passes = one_more(asian, white)
    assert ratio == pytest.approx(0.95) and passes is True
    assert flip_flop(asian, white) is False
    assert (asian.x + 1) / asian.n == pytest.approx(0.40)
    assert (white.x - 1) / white.n == pytest.approx(0.4105, abs=5e-5)


LL144_SEX = [("Male", 1390, 667), ("Female", 1181, 555)]
LL144_RACE = [
    ("Hispanic or Latino", 408, 204, 0.97),
    ("White", 797, 412, 1.00),
    ("Black or African American", 390, 170, 0.84),
    ("Native Hawaiian or Pacific Islander", 119, 52, 0.85),
    ("Asian", 616, 302, 0.95),
    ("Native American or Alaska Native", 41, 18, 0.85),
    ("Two or More Races", 213, 96, 0.87),
]
LL144_INTERSECTIONAL = [
    ("Hispanic or Latino", "Male", 205, 90, 0.841),
    ("Hispanic or Latino", "Female", 190, 82, 0.827),
    ("White", "Male", 412, 215, 1.000),
    ("Black or African American", "Male", 226, 95, 0.806),
    ("Native Hawaiian or Pacific Islander", "Male", 87, 37, 0.815),
    ("Asian", "Male", 321, 167, 0.997),
    ("Native American or Alaska Native", "Male", 24, 11, 0.878),
    ("Two or More Races", "Male", 115, 52, 0.866),
    ("White", "Female", 385, 197, 0.981),
    ("Black or African American", "Female", 164, 75, 0.876),
    ("Native Hawaiian or Pacific Islander", "Female", 32, 15, 0.898),
    ("Asian", "Female", 295, 135, 0.877),
    ("Native American or Alaska Native", "Female", 17, 7, 0.789),
    ("Two or More Races", "Female", 98, 44, 0.860),
]


def test_t5_ll144_selection_sex_and_race() -> None:
    sex = groups_of(counts_block(LL144_SEX))
    assert round(sex["Female"]["impact_ratio"], 3) == 0.979
    assert sex["Female"]["impact_ratio"] == pytest.approx(0.979337, abs=5e-7)
    race_block = counts_block([r[:3] for r in LL144_RACE])
    assert race_block["reference"] == "White"
    race = groups_of(race_block)
    for name, _, _, published in LL144_RACE:
        assert round(race[name]["impact_ratio"], 2) == published, name


def test_t5_ll144_selection_intersections_from_people() -> None:
    cells = [({"race": r, "sex": s}, n, x) for r, s, n, x, _ in LL144_INTERSECTIONAL]
    cells.append(({"race": "", "sex": ""}, 250, 100))  # "250 individuals with unknown ..."
    frame = people(cells)
    dcwp = AuditSettings(reference_min_share=0)  # DCWP excluded no small category
    result = audit_frame(
        frame,
        outcomes=["selected"],
        attributes=["race", "sex"],
        intersections=[("race", "sex")],
        settings=dcwp,
    ).to_dict()
    block = next(b for b in result["attributes"] if b["attribute"] == "race x sex")
    assert block["reference"] == "White x Male"
    assert block["unknown"] == 250
    g = groups_of(block)
    for race, sex, _, _, published in LL144_INTERSECTIONAL:
        assert round(g[f"{race} x {sex}"]["impact_ratio"], 3) == published
    adverse = [k for k, v in g.items() if v["four_fifths_adverse"]]
    assert adverse == ["Native American or Alaska Native x Female"]

    # with the default 2% rule the 17-person cell is shown but not judged
    default = audit_frame(
        frame, outcomes=["selected"], attributes=["race"], intersections=[("race", "sex")]
    ).to_dict()
    cell = groups_of(default["attributes"][1])["Native American or Alaska Native x Female"]
    assert cell["status"] == "excluded" and cell["eligible_for_ir"] is False
    assert round(cell["impact_ratio"], 3) == 0.789


# (race, sex, n, above median, published scoring IR)
LL144_SCORING = [
    ("Hispanic or Latino", "Male", 16, 12, 1.00),
    ("Hispanic or Latino", "Female", 12, 6, 0.67),
    ("White", "Male", 20, 7, 0.47),
    ("Black or African American", "Male", 20, 10, 0.67),
    ("Native Hawaiian or Pacific Islander", "Male", 4, 3, 1.00),
    ("Asian", "Male", 12, 7, 0.78),
    ("Native American or Alaska Native", "Male", 8, 5, 0.83),
    ("Two or More Races", "Male", 12, 6, 0.67),
    ("White", "Female", 20, 8, 0.53),
    ("Black or African American", "Female", 12, 6, 0.67),
    ("Native Hawaiian or Pacific Islander", "Female", 4, 2, 0.67),
    ("Asian", "Female", 12, 3, 0.33),
    ("Native American or Alaska Native", "Female", 8, 5, 0.83),
    ("Two or More Races", "Female", 8, 4, 0.67),
]
LL144_SCORING_RACE = {
    "Hispanic or Latino": 1.00,
    "White": 0.58,
    "Black or African American": 0.78,
    "Native Hawaiian or Pacific Islander": 0.97,
    "Asian": 0.65,
    "Native American or Alaska Native": 0.97,
    "Two or More Races": 0.78,
}


def scoring_frame() -> pd.DataFrame:
    """Scores 2 (above) and 0 (below); the 15 unknown-category people score 1, the median."""
    rows = []
    for race, sex, n, above, _ in LL144_SCORING:
        rows += [{"race": race, "sex": sex, "score": 2.0 if i < above else 0.0} for i in range(n)]
    rows += [{"race": "", "sex": "", "score": 1.0}] * 15
    return pd.DataFrame(rows)


def test_t6_ll144_scoring_example() -> None:
    result = audit_frame(
        scoring_frame(),
        outcomes=[],
        attributes=["sex", "race"],
        intersections=[("race", "sex")],
        score="score",
        settings=SMALL_OK,
    ).to_dict()
    sex, race, both = result["scores"]
    assert sex["median"] == 1.0 and sex["unknown"] == 15 and sex["scored"] == 183
    gs = groups_of(sex)
    assert round(gs["Male"]["rate"], 3) == 0.543 and round(gs["Female"]["rate"], 3) == 0.447
    assert round(gs["Female"]["impact_ratio"], 2) == 0.82

    assert race["reference"] == "Hispanic or Latino"
    gr = groups_of(race)
    assert int(gr["Hispanic or Latino"]["rate"] * 1000) == 642  # printed truncated: 64.2%
    for name, published in LL144_SCORING_RACE.items():
        assert round(gr[name]["impact_ratio"], 2) == published, name

    assert both["reference"] == "Hispanic or Latino x Male"
    assert both["reference_tied_with"] == ["Native Hawaiian or Pacific Islander x Male"]
    gb = groups_of(both)
    for r, s, _, _, published in LL144_SCORING:
        assert round(gb[f"{r} x {s}"]["impact_ratio"], 2) == published


def test_t9_fisher_textbook() -> None:
    f = fisher(Counts(10, 8), Counts(6, 1))  # [[8, 2], [1, 5]]
    assert f.two_sided == pytest.approx(0.034965035, abs=5e-10)
    assert f.odds_ratio == pytest.approx(20)


def test_t10_lady_tasting_tea() -> None:
    f = fisher(Counts(4, 1), Counts(4, 3))  # [[1, 3], [3, 1]]
    assert f.less == pytest.approx(17 / 70)
    assert round(f.less, 6) == 0.242857
    assert f.two_sided == pytest.approx(0.485714, abs=5e-7)


@pytest.mark.parametrize(
    ("focal", "ref"), [(Counts(50, 8), Counts(50, 10)), (Counts(25, 16), Counts(5, 4))]
)
def test_t11_float_boundary_is_not_adverse(focal: Counts, ref: Counts) -> None:
    assert focal.rate / ref.rate < 0.8  # the float trap
    assert four_fifths_adverse(focal, ref) is False
    assert selections_to_pass(focal, ref) == 0


def test_t12_nobody_selected_and_everybody_selected() -> None:
    block = counts_block([("A", 12, 0), ("B", 30, 0)])
    assert block["reference"] == "B" and block["reference_tied_with"] == ["A"]
    a = groups_of(block)["A"]
    assert a["impact_ratio"] is None and a["four_fifths_adverse"] is None
    assert a["z"] is None and a["fisher_p_two_sided"] == 1.0
    assert a["status"] == "clear"
    assert groups_of(block)["B"]["impact_ratio"] is None  # n/a, never 0 or 1

    block = counts_block([("A", 14000, 14000), ("B", 14000, 14000)])
    assert block["reference"] == "A"  # equal rate and n: the name decides
    b = groups_of(block)["B"]
    assert b["impact_ratio"] == 1.0 and b["z"] is None and b["fisher_p_two_sided"] == 1.0
    assert b["status"] == "clear"


def test_t13_zero_selected_and_group_of_one() -> None:
    focal, ref = Counts(20, 0), Counts(100, 30)
    assert impact_ratio(focal, ref) == 0.0
    assert two_proportion_z(focal, ref) == pytest.approx(-2.828427, abs=5e-7)
    assert fisher(focal, ref).two_sided == pytest.approx(0.003301, abs=5e-7)
    assert katz_interval(focal, ref) is None
    assert shortfall(focal, ref.rate) == pytest.approx(6.0)

    one, ref = Counts(1, 0), Counts(100, 50)
    assert fisher(one, ref).two_sided == 1.0
    assert flip_flop(one, ref) is True
    g = groups_of(counts_block([("one", 1, 0), ("ref", 100, 50)]))["one"]
    assert g["small_sample"] is True and g["status"] != "finding"


def test_t14_median_ties() -> None:
    frame = pd.DataFrame({"g": ["A"] * 6, "score": [50, 60, 60, 60, 70, 80]})
    block = audit_frame(
        frame, outcomes=[], attributes=["g"], score="score", settings=SMALL_OK
    ).to_dict()["scores"][0]
    assert block["median"] == 60 and block["ties_at_median"] == 3
    a = groups_of(block)["A"]
    assert a["selected"] == 2 and a["at_or_above"] == 5 and a["ties_at_median"] == 3
