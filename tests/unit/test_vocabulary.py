"""The reports speak the policy's words: labels for field ids, gate tests and methods as
sentences, repeated findings grouped, and numbers the Indonesian way ("1.000", "82,25")."""

from __future__ import annotations

from datetime import date

from helpers import load_text, nip, roster_from_rows

from asn_merit.pipeline import score, scored_document
from asn_merit.reports.numbers import in_text, number, percent
from asn_merit.reports.vocabulary import Vocabulary

POLICY = """\
schema_version: 1
policy:
  id: kp-kecil
  version: "1"
  title: { id: "KP kecil", en: "Small KP" }
  kind: promotion
  owner: "BKPSDM Kabupaten Contoh"
  legal_basis: ["PP 99/2000 jo. PP 12/2002"]
  as_of: 2026-10-01
columns:
  nip: { header: "NIP Baru", type: nip18, role: id }
  nama: { header: "Nama", type: text, role: display }
  gol: { header: "Gol/Ruang", type: golongan }
  gol_atasan: { header: "Gol/Ruang Atasan", type: golongan, required: false }
  predikat:
    header: "Predikat Kinerja 2025"
    type: category
    allowed: ["Sangat Baik", "Baik", "Kurang"]
  jp:
    header: "JP Pengembangan"
    type: number
    min: 0
    label: { id: "Jam pelajaran", en: "Training hours" }
rules:
  - id: syarat-atasan
    kind: gate
    title: { id: "Tidak melampaui atasan", en: "Not above the superior" }
    when: { field: gol, op: "<", value_field: gol_atasan }
    on_missing: pass
    missing_finding: warning
  - id: syarat-kinerja
    kind: gate
    title: { id: "Kinerja baik", en: "Good performance" }
    when: { field: predikat, op: in, value: ["Sangat Baik", "Baik"] }
  - id: poin-jp
    kind: weighted
    title: { id: "Pengembangan", en: "Development" }
    field: jp
    normalise: { method: fixed_range, min: 0, max: 40 }
    weight: 1.0
ranking:
  tie_breakers:
    - { field: nip, direction: asc, note: "urutan NIP" }
  selection: { quota: 2 }
"""
HEADERS = ["NIP Baru", "Nama", "Gol/Ruang", "Gol/Ruang Atasan", "Predikat Kinerja 2025",
           "JP Pengembangan"]


def _scored() -> tuple[Vocabulary, dict]:
    loaded = load_text(POLICY)
    rows = [[nip(i), f"Pegawai {i}", "III/a", None if i < 4 else "IV/a",
             "Baik" if i != 5 else "Kurang", str(10 * i)] for i in range(1, 7)]
    result = score(loaded, roster_from_rows(loaded, HEADERS, rows), date(2026, 10, 1))
    document = scored_document(result, None)
    return Vocabulary("id", loaded, document["rules"]), document


def test_gate_test_is_a_sentence_with_the_policys_labels() -> None:
    vocab, document = _scored()
    person = next(p for p in document["people"] if p["status"] == "ineligible")
    gate = next(g for g in person["gates"] if g["rule"] == "syarat-kinerja")
    text = vocab.gate_test(gate)
    assert text == ("Predikat Kinerja 2025 salah satu dari: Sangat Baik, Baik "
                    "(nilai: Predikat Kinerja 2025 = Kurang)")
    atasan = next(g for g in person["gates"] if g["rule"] == "syarat-atasan")
    assert vocab.gate_test(atasan).startswith("Gol/Ruang lebih rendah dari Gol/Ruang Atasan")
    assert "predikat=" not in text and " in [" not in text


def test_repeated_findings_are_one_line_naming_the_blank_column() -> None:
    vocab, document = _scored()
    people = {p["id"]: p for p in document["people"]}
    groups = vocab.group_findings(document["findings"], people)
    assert len(groups) == 1
    assert vocab.group_line(groups[0]) == (
        "3 pegawai: syarat «Tidak melampaui atasan» tidak dapat diuji karena Gol/Ruang Atasan "
        "kosong")
    assert groups[0].ids == [nip(1), nip(2), nip(3)]


def test_methods_are_words_not_labels() -> None:
    vocab = Vocabulary("id", load_text(POLICY))
    assert vocab.method("fixed_range[48,96]") == ("sebanding: 48 atau kurang = 0, 96 atau "
                                                   "lebih = penuh")
    assert vocab.method("saw.ratio[benefit; max=5; n=818]") == (
        "SAW (pembobotan aditif sederhana) (dibagi nilai terbaik; makin besar makin baik; "
        "tertinggi 5; dari 818 pegawai)")
    assert vocab.method("population_min_max[1.5,1200; n=1000]") == (
        "sebanding antara nilai terendah 1,5 dan tertinggi 1.200 dari 1.000 pegawai")
    english = Vocabulary("en", load_text(POLICY))
    assert english.method("topsis.vector[cost]") == "TOPSIS (vector normalised; smaller is better)"
    assert english.method("something-new[x]") == "something-new[x]"


def test_labels_come_from_label_then_header_then_id() -> None:
    vocab = Vocabulary("en", load_text(POLICY))
    assert vocab.field("jp") == "Training hours"
    assert vocab.field("gol_atasan") == "Gol/Ruang Atasan"
    assert vocab.field_with_id("gol") == "Gol/Ruang (gol)"
    assert Vocabulary("id").field("gol") == "gol"  # no policy at hand: the id, never blank


def test_numbers_in_indonesian_and_english() -> None:
    assert number(1000, "id") == "1.000"
    assert number("82.25", "id") == "82,25"
    assert number("1234567.5", "en") == "1,234,567.5"
    assert number("-12.00", "id") == "-12,00"
    assert number("III/a", "id") == "III/a"
    assert number(0.5, "id", 2) == "0,50"
    assert percent(0.125, "id") == "12,5%"
    assert in_text("IR 0.762 < 0.8; versi 2026.10.0; 2026-10-01", "id") == \
        "IR 0,762 < 0,8; versi 2026.10.0; 2026-10-01"
