"""Header folding, presets and binding rules (roster/binding.py)."""

from __future__ import annotations

from datetime import date
from typing import get_args

import pytest
from helpers import MINI_HEADERS, MINI_POLICY, load_text
from hypothesis import given
from hypothesis import strategies as st

from asn_merit.roster.binding import (
    HeaderKeys,
    bind_columns,
    column_letter,
    fold,
    preset_aliases,
    vocabularies,
)
from asn_merit.roster.types import normalise_key_text
from asn_merit.rules.model import ColumnSpec, PresetName

AS_OF = date(2026, 10, 1)


@pytest.mark.parametrize(("header", "folded"), [
    ("N I P", "nip"), ("N.I.P.", "nip"), ("NIP", "nip"), ("TGL. LAHIR", "tgl lahir"),
    ("GOL. RUANG", "gol ruang"), ("Gol/Ruang", "gol ruang"), ("Gol - Ruang", "gol ruang"),
    ("TMT GOL.", "tmt gol"), ("L/P", "lp"), ("Predikat Kinerja 2025", "predikat kinerja 2025"),
    ("  Unit   Kerja ", "unit kerja"), ("GOL_AKHIR_NAMA", "gol akhir nama")])
def test_fold(header: str, folded: str) -> None:
    assert fold(header) == folded


@given(st.text(max_size=30))
def test_fold_is_stable_over_the_readers_normalisation(text: str) -> None:
    """The reader tests `normalise_key_text(header) in wanted`; HeaderKeys folds again, which
    must give the same key as folding the raw header."""
    assert fold(normalise_key_text(text)) == fold(text) == fold(fold(text))


def test_header_keys_match_by_folded_form() -> None:
    keys = HeaderKeys(["Gol/Ruang", "NIP"])
    assert normalise_key_text("GOL. RUANG") in keys and "n i p" in keys
    assert "Gol/Ruang Atasan" not in keys and 3 not in keys


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_every_preset_name_has_data_and_nothing_else() -> None:
    names = set(get_args(PresetName))
    for vocabulary in vocabularies():
        assert set(vocabulary.headers) <= names, vocabulary.id
    assert names == {n for v in vocabularies() for n in v.headers}
    assert {v.id for v in vocabularies()} == {"siasn-data-utama", "simpeg-nominatif"}


def test_no_preset_spelling_folds_into_another_presets_spelling() -> None:
    """Presets are chosen per field; a header that two presets both accept would bind one
    column to two fields."""
    owner: dict[str, str] = {}
    for vocabulary in vocabularies():
        for name, headers in vocabulary.headers.items():
            for header in headers:
                assert owner.setdefault(fold(header), name) == name, (header, name)


def test_preset_labels_map_only_to_values_the_policy_allows() -> None:
    spec = ColumnSpec(header="Jenis Jabatan", type="category",
                      allowed=["Struktural", "Fungsional"], preset="jenis_jabatan",
                      aliases={"Jabatan Struktural": "Fungsional"})
    aliases = preset_aliases(spec)
    assert aliases is not None
    assert aliases["Jabatan Fungsional Tertentu"] == "Fungsional"
    assert "Jabatan Fungsional Umum" not in aliases  # Pelaksana is not allowed here
    assert aliases["Jabatan Struktural"] == "Fungsional"  # the policy's own alias wins


def _bind(headers: list[str], policy: str = MINI_POLICY):
    return bind_columns(headers, load_text(policy).policy, AS_OF, "r.xlsx", "Data")


def test_exact_alias_folded_and_letters() -> None:
    bound = _bind(["No", "N I P", "Nama", "SKOR", "Gol", "Unit", "JK"])
    assert not bound.findings
    assert {n: (b.header, b.how, b.column) for n, b in bound.bindings.items()} == {
        "nip": ("N I P", "folded", "B"), "nama": ("Nama", "exact", "C"),
        "skor": ("SKOR", "exact", "D"), "gol": ("Gol", "exact", "E"),
        "unit": ("Unit", "exact", "F"), "jk": ("JK", "exact", "G")}


def test_one_header_for_two_fields_is_refused() -> None:
    policy = MINI_POLICY.replace('unit: { header: "Unit"', 'unit: { header: "GOL."')
    bound = _bind(MINI_HEADERS, policy)
    assert [f.message for f in bound.findings] == [
        "'Gol' (column D) matches fields 'gol' and 'unit'; give each field its own header in "
        "the policy"]


def test_unread_display_column_may_be_absent_but_a_read_one_may_not() -> None:
    bound = _bind(["NIP", "Skor", "Gol", "Unit", "JK"])
    assert [(f.code, f.severity) for f in bound.findings] == [("roster.column-absent",
                                                              "warning")]
    assert bound.bindings["nama"].how == "absent"
    refused = _bind(["NIP", "Nama", "Gol", "Unit", "JK", "Skr"])
    assert [f.code for f in refused.findings] == ["roster.missing-column"]
    assert "no column for 'skor'" in refused.findings[0].message
    assert "closest header: 'Skr'" in refused.findings[0].message
    assert "gate syarat-skor (on_missing: fail), points poin-skor" in refused.findings[0].message
