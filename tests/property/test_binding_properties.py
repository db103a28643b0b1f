"""No column a policy reads can go missing silently (issue 16, DESIGN decision 12).

For every shipped policy on its sample roster: remove or rename any one column. A column that a
filter, gate, points rule, category, tie-breaker, quota or fairness attribute reads refuses the
roster naming the field, unless the policy declares `if_absent`, and then the binding says
"absent" or "from_nip" with the rules that ran without it. Plus the CLI: the same for the
shipped KP policy, exit 4 never 0.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from helpers import KP_POLICY, REPO
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asn_merit.catalog import shipped_policies
from asn_merit.cli import app
from asn_merit.roster.binding import fold, spellings, wanted_headers
from asn_merit.roster.contract import apply_contract
from asn_merit.roster.reader import RawRoster, read_roster
from asn_merit.rules.fields import field_readers
from asn_merit.rules.loader import LoadedPolicy, load_policy

CASES = [(e.id, e.sample) for e in shipped_policies()]
# what an export might call a column instead: another year, a suffix, an unrelated name
RENAMES = st.one_of(
    st.sampled_from(["Keterangan", "Kolom Tambahan", "Catatan BKD", "Data Lama"]),
    st.builds(lambda h, s: f"{h} {s}", st.just("{header}"),
              st.sampled_from(["Lama", "(2019)", "Sebelumnya", "Thn 2023", "X"])),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz .", min_size=3, max_size=20))


@cache
def _case(policy_id: str, sample: str) -> tuple[LoadedPolicy, RawRoster]:
    loaded = load_policy(REPO / "policies" / f"{policy_id}.yaml")
    as_of = loaded.policy.policy.as_of
    raw = read_roster(REPO / "sample_data" / sample, wanted_headers(loaded.policy, as_of),
                      every_column=True)
    return loaded, raw


def _without(raw: RawRoster, header: str, new: str | None) -> RawRoster:
    """`raw` with the column `header` removed (new is None) or renamed to `new`."""
    headers = [h for h in raw.headers if h != header] if new is None else \
        [new if h == header else h for h in raw.headers]
    cells = {(new if h == header else h): c for h, c in raw.cells.items()
             if not (h == header and new is None)}
    numeric = {(new if h == header else h): c for h, c in raw.numeric.items()
               if not (h == header and new is None)}
    return replace(raw, headers=headers, cells=cells, numeric=numeric)


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(CASES), data=st.data())
def test_a_read_column_removed_or_renamed_is_never_silent(case: tuple[str, str],
                                                          data: st.DataObject) -> None:
    loaded, raw = _case(*case)
    policy, as_of = loaded.policy, loaded.policy.policy.as_of
    bound = {b.field: b for b in apply_contract(raw, policy, as_of).bindings}
    field = data.draw(st.sampled_from(sorted(n for n, b in bound.items() if b.header)))
    header = bound[field].header
    new = data.draw(st.none() | RENAMES.map(lambda r: r.replace("{header}", header)))
    if new is not None:
        every = {fold(s.text) for spec in policy.columns.values() for s in spellings(spec, as_of)}
        assume(fold(new) not in every and new not in raw.headers and fold(new))
    roster = apply_contract(_without(raw, header, new), policy, as_of)
    spec = policy.columns[field]
    readers = field_readers(policy).get(field, [])
    missing = [f for f in roster.errors if f.code == "roster.missing-column"]
    after = {b.field: b for b in roster.bindings}
    shown_only = not readers and (spec.role == "display" or not spec.required)
    if spec.role == "id" or (spec.if_absent == "refuse" and not shown_only):
        assert [f for f in missing if f"no column for '{field}'" in f.message], \
            (field, [f.message for f in roster.findings])
        assert field not in after
    else:
        assert not missing
        assert after[field].how == ("from_nip" if spec.if_absent == "from_nip" else "absent")
        assert after[field].readers == tuple(readers)
        assert [f for f in roster.findings if f"no column for '{field}'" in f.message]


runner = CliRunner()


@cache
def _kp_frame() -> pd.DataFrame:
    from asn_merit.sample.generator import generate_roster

    return generate_roster(24, 3)


KP = load_policy(KP_POLICY)
KP_READ = sorted(n for n in field_readers(KP.policy) if KP.policy.columns[n].if_absent ==
                 "refuse")


@pytest.mark.parametrize("field", KP_READ)
def test_kp_refuses_with_exit_4_for_every_read_column(field: str, tmp_path: Path) -> None:
    """Through the CLI, every column the shipped KP policy reads without `if_absent`: drop
    the column the sample export has for it and the run exits 4 naming the field."""
    from asn_merit.sample.generator import write_roster

    frame = _kp_frame()
    as_of = KP.policy.policy.as_of
    texts = {fold(s.text) for s in spellings(KP.policy.columns[field], as_of)}
    dropped = [c for c in frame.columns if fold(c) in texts]
    assert len(dropped) == 1
    path = tmp_path / "r.xlsx"
    write_roster(frame.drop(columns=dropped), path)
    result = runner.invoke(app, ["score", str(path), "--policy", str(KP_POLICY), "--out",
                                 str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 4, result.output
    assert f"no column for '{field}'" in result.stderr
