"""The shipped policy library: every policy loads, cites its basis and confidence, keeps its
canonical hash stable across the language's additions; the catalogue lists and copies them."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINI_POLICY, REPO, load_text

from asn_merit.catalog import find_template, init_template, policy_files, shipped_policies
from asn_merit.diagnostics import Severity
from asn_merit.errors import InputOutputError, PolicyError, UsageError
from asn_merit.rules import model as m
from asn_merit.rules.loader import load_policy

KINDS = {"promotion", "recruitment", "reward", "training", "talent", "index"}


def test_the_library_covers_every_kind_and_each_policy_loads_clean() -> None:
    entries = shipped_policies()
    assert {e.kind for e in entries} == KINDS
    assert [e.id for e in entries] == sorted(e.id for e in entries)
    for entry in entries:
        loaded = load_policy(entry.path)
        assert [d.render() for d in loaded.warnings if d.severity != Severity.INFO] == []
        assert entry.path.stem == entry.id
        assert entry.title("id") and entry.title("en") and entry.title("id") != entry.title("en")


@pytest.mark.parametrize("path", policy_files(), ids=lambda p: p.stem)
def test_every_number_cites_its_confidence(path: Path) -> None:
    policy = load_policy(path).policy
    assert policy.policy.legal_basis, "a shipped policy names its legal basis"
    assert policy.policy.as_of is not None
    for rule in policy.rules:
        assert rule.confidence, f"{path.stem}: rule {rule.id} has no confidence note"
        assert rule.title is not None and isinstance(rule.title, m.Bilingual), rule.id
    for category in policy.categories:
        assert category.confidence, f"{path.stem}: category {category.id}"
        assert all(isinstance(v.label, m.Bilingual) for v in category.values), category.id


def test_cpns_affirmation_is_declared_and_printed() -> None:
    path = REPO / "policies" / "seleksi-cpns.yaml"
    loaded = load_policy(path)
    fairness = loaded.policy.fairness
    assert fairness.protected_use == "allow_with_justification"
    assert "KepmenPANRB 321/2024" in (fairness.justification or "")
    infos = {d.message.split("'")[1] for d in loaded.warnings
             if d.code == "lint.protected-affirmation"}
    assert infos == {"disabilitas", "tgl_lahir"}
    # without the declared affirmation the same policy is refused where it reads disability
    text = path.read_text(encoding="utf-8").replace(
        "protected_use: allow_with_justification", "protected_use: forbid")
    with pytest.raises(PolicyError) as caught:
        load_text(text, "cpns.yaml")
    refused = [d for d in caught.value.diagnostics if d.code == "lint.protected-in-scoring"]
    lines = text.splitlines()
    assert {d.span.line for d in refused} == {
        next(i for i, line in enumerate(lines, 1) if 'field: disabilitas, op: "=="' in line),
        next(i for i, line in enumerate(lines, 1) if "field: tgl_lahir, direction" in line)}


def test_new_keys_stay_out_of_the_canonical_form_until_used() -> None:
    """An unchanged policy keeps its canonical hash, so recorded runs and the ledger's
    id+version check survive the language's additions."""
    plain = load_text(MINI_POLICY).policy.model_dump(mode="json", by_alias=True)
    assert "categories" not in plain
    assert not {"criterion", "target", "factor", "aspect"} & set(plain["rules"][1])
    assert not {"normalisation", "ahp", "profile_matching"} & set(plain["scoring"])
    assert not {"quota_field", "category"} & set(plain["ranking"]["selection"])
    used = load_text(MINI_POLICY.replace("weight: 1.0", "weight: 1.0\n    criterion: cost")
                     .replace("rules:", "scoring: { method: saw }\nrules:"))
    dumped = used.policy.model_dump(mode="json", by_alias=True)
    assert dumped["rules"][1]["criterion"] == "cost"
    assert dumped["scoring"]["method"] == "saw"


def test_policy_list_lines() -> None:
    lines = [e.line("en") for e in shipped_policies()]
    assert lines[0].startswith("akses-pelatihan ")
    assert any("seleksi-cpns" in line and "recruitment" in line for line in lines)
    assert all("\n" not in line for line in lines)
    assert find_template("seleksi-cpns.yaml").sample == "applicants.xlsx"
    assert find_template("kenaikan-pangkat-reguler").sample == "roster.xlsx"
    assert find_template("akses-pelatihan").sample == "roster-extended.xlsx"


def test_init_copies_a_template_with_a_new_id(tmp_path: Path) -> None:
    out = tmp_path / "kp.yaml"
    result = init_template("kenaikan-pangkat-reguler", out, "kp-kabupaten-contoh")
    assert result.path == out and result.policy_id == "kp-kabupaten-contoh"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server:")
    assert "Salinan lokal dari kenaikan-pangkat-reguler@2026.10.1" in text.splitlines()[1]
    copy, original = load_policy(out).policy, load_policy(result.template.path).policy
    assert copy.policy.id == "kp-kabupaten-contoh"
    assert copy.model_copy(update={"policy": original.policy}) == original
    source = result.template.path.read_text(encoding="utf-8")
    assert source.count("#") == text.count("#") - 2  # every comment kept, two added


def test_init_defaults_refusals_and_hints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.chdir(tmp_path)
    result = init_template("akses-pelatihan")
    assert result.path == Path("akses-pelatihan-lokal.yaml") and result.path.exists()
    with pytest.raises(InputOutputError):
        init_template("akses-pelatihan")
    with pytest.raises(UsageError, match="did you mean 'seleksi-cpns'"):
        init_template("seleksi-cpn")
    with pytest.raises(UsageError, match="not a policy id"):
        init_template("seleksi-cpns", new_id="CPNS 2025")
    with pytest.raises(UsageError, match="other than"):
        init_template("seleksi-cpns", new_id="seleksi-cpns")
