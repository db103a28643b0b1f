"""Manual overrides: strict parsing with line numbers, checks against policy and roster, each
action's effect on the result, and the invariants (Σ points == total) still holding."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import MINI_HEADERS, MINI_POLICY, load_text, nip, roster_from_rows

from asn_merit.exit_codes import ExitCode
from asn_merit.scoring.engine import ELIGIBLE, INELIGIBLE, NOT_EVALUATED, evaluate
from asn_merit.scoring.overrides import (
    OverridesError,
    attach_overrides,
    overrides_audit,
    parse_overrides,
)
from asn_merit.scoring.trace import document_invariants, result_document

AS_OF = date(2026, 10, 1)
ROWS = [
    [nip(1), "A", "50", "III/a", "X", "L"],
    [nip(2), "B", "80", "III/b", "Y", "P"],
    [nip(3), "C", "5", "III/c", "X", "L"],
    [nip(4), "D", "30", "II/a", "Y", "P"],
]
SIGNED = """    reason: "data SIMPEG terlambat"
    approved_by: "Kepala BKPSDM"
    decree_ref: "800/1/2026"
"""


def entry(who: str, rule: str | None, action: str, extra: str = "") -> str:
    rule_line = f"    rule: {rule}\n" if rule is not None else ""
    return f'  - nip: "{who}"\n{rule_line}    action: {action}\n{extra}{SIGNED}'


def overrides(*entries: str) -> str:
    return "overrides:\n" + "".join(entries)


def run(text: str, rows: list[list[str]] = ROWS, policy: str = MINI_POLICY
        ) -> tuple[object, dict]:
    loaded = load_text(policy)
    roster = roster_from_rows(loaded, MINI_HEADERS, rows)
    assert roster.errors == []
    result = evaluate(loaded, roster, AS_OF, overrides=parse_overrides(text, "ovr.yaml"))
    document = result_document(result)
    attach_overrides(document, result.overrides)
    return result, document


def people(document: dict) -> dict[str, dict]:
    return {p["id"]: p for p in document["people"]}


def problems(text: str, rows: list[list[str]] = ROWS) -> list[tuple[int, str]]:
    with pytest.raises(OverridesError) as caught:
        run(text, rows)
    assert caught.value.exit_code == ExitCode.POLICY_INVALID
    return [(d.span.line, d.code) for d in caught.value.diagnostics if d.span]


# --- parsing ------------------------------------------------------------------------------


def test_missing_signature_fields_are_named_with_the_entry_line() -> None:
    text = 'overrides:\n  - nip: "1"\n    rule: r\n    action: force_pass\n' \
           '    reason: "x"\n'
    with pytest.raises(OverridesError) as caught:
        parse_overrides(text, "ovr.yaml")
    found = {(d.span.line, d.code, d.message.split("'")[1]) for d in caught.value.diagnostics}
    assert found == {(2, "overrides.missing", "approved_by"),
                     (2, "overrides.missing", "decree_ref")}
    assert all(d.render().startswith("ovr.yaml:2:") for d in caught.value.diagnostics)


def test_blank_reason_unknown_key_and_bad_action_point_at_their_lines() -> None:
    text = ('overrides:\n  - nip: "1"\n    rule: r\n    action: force_pas\n'
            '    reason: "  "\n    approved_by: "a"\n    decree_ref: "b"\n    aproved: "c"\n')
    with pytest.raises(OverridesError) as caught:
        parse_overrides(text, "ovr.yaml")
    by_code = {d.code: d for d in caught.value.diagnostics}
    assert by_code["overrides.literal-error"].span.line == 4
    assert by_code["overrides.string-too-short"].span.line == 5
    assert by_code["overrides.extra-forbidden"].span.line == 8
    assert "did you mean 'approved_by'" in by_code["overrides.extra-forbidden"].hint


def test_unquoted_nip_and_duplicate_yaml_keys_are_refused() -> None:
    text = ("overrides:\n  - nip: 198001012005011001\n    action: exclude\n"
            '    reason: "x"\n    reason: "y"\n    approved_by: "a"\n    decree_ref: "b"\n')
    with pytest.raises(OverridesError) as caught:
        parse_overrides(text, "ovr.yaml")
    assert [(d.span.line, d.code) for d in caught.value.diagnostics] == [
        (5, "yaml.duplicate-key")]
    with pytest.raises(OverridesError) as caught:
        parse_overrides(text.replace('    reason: "y"\n', ""), "ovr.yaml")
    [problem] = caught.value.diagnostics
    assert problem.code == "overrides.string-type" and problem.span.line == 2
    assert "quote" in problem.hint


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(OverridesError):
        parse_overrides("- 1\n- 2\n", "ovr.yaml")


# --- checks against the policy and the roster ---------------------------------------------


def test_unknown_nip_and_unknown_rule_name_their_lines() -> None:
    text = overrides(entry("199901012020011999", "syarat-skor", "force_pass"),
                     entry(nip(3), "syarat-skr", "force_pass"))
    assert problems(text) == [(2, "overrides.unknown-nip"), (9, "overrides.unknown-rule")]
    with pytest.raises(OverridesError) as caught:
        run(text)
    assert "did you mean 'syarat-skor'" in caught.value.diagnostics[1].hint


def test_action_must_fit_the_rule_kind() -> None:
    text = overrides(entry(nip(1), "poin-skor", "force_fail"),
                     entry(nip(3), "syarat-skor", "set_points", "    points: 10\n"),
                     entry(nip(2), "syarat-skor", "exclude"),
                     entry(nip(2), "poin-skor", "set_points"))
    codes = [code for _, code in problems(text)]
    assert codes == ["overrides.action-kind", "overrides.action-kind", "overrides.action-kind",
                     "overrides.missing-points"]


def test_duplicate_person_and_rule_names_the_first_line() -> None:
    text = overrides(entry(nip(3), "syarat-skor", "force_pass"),
                     entry(nip(3), "syarat-skor", "force_pass"))
    with pytest.raises(OverridesError) as caught:
        run(text)
    [problem] = caught.value.diagnostics
    assert problem.code == "overrides.duplicate" and problem.span.line == 9
    assert "first at line 2" in problem.message


def test_overrides_that_change_nothing_are_errors_collected_together() -> None:
    text = overrides(entry(nip(1), "syarat-skor", "force_pass"),
                     entry(nip(2), "poin-skor", "set_points", "    points: 80\n"),
                     entry(nip(3), "poin-skor", "set_points", "    points: 1.234\n"),
                     entry(nip(4), None, "exclude"),
                     entry(nip(4), "syarat-skor", "force_fail"))
    assert problems(text) == [(4, "overrides.no-effect"), (11, "overrides.no-effect"),
                              (18, "overrides.bad-points"), (29, "overrides.conflict")]


def test_set_points_needs_an_eligible_person() -> None:
    text = overrides(entry(nip(3), "poin-skor", "set_points", "    points: 10\n"))
    assert problems(text) == [(2, "overrides.not-eligible")]


# --- effects --------------------------------------------------------------------------------


def test_force_pass_makes_a_person_eligible_and_is_recorded() -> None:
    _, document = run(overrides(entry(nip(3), "syarat-skor", "force_pass")))
    person = people(document)[nip(3)]
    assert person["status"] == ELIGIBLE and person["failed"] == []
    gate = person["gates"][0]
    assert gate["passed"] is True and gate["note"] == "override 800/1/2026"
    assert person["points"][0]["points"] == "5.00" and person["total"] == "5.00"
    assert person["overrides"] == [{"rule": "syarat-skor", "action": "force_pass",
                                    "from": "fail", "to": "pass",
                                    "reason": "data SIMPEG terlambat",
                                    "approved_by": "Kepala BKPSDM", "decree_ref": "800/1/2026"}]
    assert document["overrides"][0]["nip"] == nip(3)
    assert document["counts"]["eligible"] == 4
    assert document_invariants(document) is None


def test_force_fail_removes_a_person_from_the_ranking() -> None:
    _, document = run(overrides(entry(nip(2), "syarat-skor", "force_fail")))
    by_id = people(document)
    assert by_id[nip(2)]["status"] == INELIGIBLE
    assert by_id[nip(2)]["failed"] == ["syarat-skor"]
    assert by_id[nip(1)]["rank"] == 1 and by_id[nip(4)]["rank"] == 2
    assert document_invariants(document) is None


def test_set_points_replaces_the_rules_points_and_the_total_follows() -> None:
    _, document = run(overrides(entry(nip(4), "poin-skor", "set_points", "    points: 95.5\n")))
    person = people(document)[nip(4)]
    line = person["points"][0]
    assert line["points"] == "95.50" and line["note"] == "override 800/1/2026"
    assert "rounding" not in line
    assert person["total"] == "95.50" and person["rank"] == 1 and person["selected"] is True
    assert document["overrides"][0]["from"] == "30.00"
    assert document["overrides"][0]["to"] == "95.50"
    assert document["selection"]["cut_line"] == "80.00"
    assert document_invariants(document) is None


def test_exclude_takes_the_person_out_of_evaluation_with_the_decree() -> None:
    _, document = run(overrides(entry(nip(2), "\"*\"", "exclude")))
    person = people(document)[nip(2)]
    assert person["status"] == NOT_EVALUATED
    assert person["excluded_because"] == ["override: 800/1/2026"]
    assert document["counts"]["not_evaluated"] == 1
    assert document["counts"]["evaluated"] == 3
    assert document["overrides"][0] == {
        "nip": nip(2), "rule": "*", "action": "exclude", "from": "eligible",
        "to": "not_evaluated", "reason": "data SIMPEG terlambat",
        "approved_by": "Kepala BKPSDM", "decree_ref": "800/1/2026"}
    assert document_invariants(document) is None


def test_exclusion_leaves_the_population_pool() -> None:
    """population_min_max normalises over the eligible: an excluded maximum no longer counts."""
    policy = MINI_POLICY.replace("method: fixed_range, min: 0, max: 100",
                                 "method: population_min_max")
    _, before = run(overrides(entry(nip(4), "syarat-skor", "force_fail")), policy=policy)
    _, after = run(overrides(entry(nip(2), None, "exclude")), policy=policy)
    assert people(before)[nip(1)]["points"][0]["points"] == "0.00"  # 50 is the min of 50, 80
    assert people(after)[nip(1)]["points"][0]["points"] == "100.00"  # max of 30, 50
    assert after["population_statistics"]["poin-skor"]["n"] == "2"


def test_overrides_are_sorted_whatever_the_file_order() -> None:
    first = overrides(entry(nip(4), "poin-skor", "set_points", "    points: 1\n"),
                      entry(nip(3), "syarat-skor", "force_pass"))
    second = overrides(entry(nip(3), "syarat-skor", "force_pass"),
                       entry(nip(4), "poin-skor", "set_points", "    points: 1\n"))
    assert run(first)[1] == run(second)[1]
    assert [o["nip"] for o in run(first)[1]["overrides"]] == [nip(3), nip(4)]


def test_without_overrides_the_document_has_no_overrides_key() -> None:
    loaded = load_text(MINI_POLICY)
    document = result_document(evaluate(loaded, roster_from_rows(loaded, MINI_HEADERS, ROWS),
                                        AS_OF))
    assert "overrides" not in document


# --- audit counts -------------------------------------------------------------------------


def test_audit_counts_overridden_people_per_group_and_suppresses_small_groups() -> None:
    def person(i: int, sex: str, status: str = "ineligible") -> dict:
        return {"id": str(i), "status": status, "groups": {"jk": sex}}

    document = {
        "fairness": {"attributes": ["jk"], "min_group_size": 3},
        "people": [person(1, "L"), person(2, "L"), person(3, "L"), person(4, "P"),
                   person(5, "P", "not_evaluated"), person(6, "L", "out_of_scope"),
                   {"id": "7", "status": "eligible", "groups": {"jk": None}}],
        "overrides": [{"nip": "1", "action": "force_pass"}, {"nip": "2", "action": "exclude"},
                      {"nip": "5", "action": "exclude"}],
    }
    block = overrides_audit(document)
    assert block["people"] == 3
    assert block["by_action"] == {"force_pass": 1, "force_fail": 0, "set_points": 0,
                                  "exclude": 2}
    groups = {g["group"]: g for g in block["attributes"][0]["groups"]}
    assert groups["L"]["n"] == 3 and groups["L"]["overridden"] == 2
    assert groups["L"]["by_action"]["exclude"] == 1
    assert groups["P"]["n"] == 2 and groups["P"]["suppressed"] is True
    assert groups["P"]["overridden"] is None and groups["P"]["by_action"] is None
    assert groups["(unknown)"]["n"] == 1
