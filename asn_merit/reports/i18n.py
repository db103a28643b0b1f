"""Every user-facing label in Indonesian and English (decision 10: two languages)."""

from __future__ import annotations

LANGUAGES = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # sheets
    "sheet.summary": {"id": "Ringkasan", "en": "Summary"},
    "sheet.ranking": {"id": "Peringkat", "en": "Ranking"},
    "sheet.points": {"id": "Rincian Poin", "en": "Points detail"},
    "sheet.gates": {"id": "Matriks Syarat", "en": "Gate matrix"},
    "sheet.findings": {"id": "Temuan Data", "en": "Data findings"},
    # columns
    "col.rank": {"id": "Peringkat", "en": "Rank"},
    "col.id": {"id": "NIP", "en": "NIP"},
    "col.name": {"id": "Nama", "en": "Name"},
    "col.status": {"id": "Status", "en": "Status"},
    "col.total": {"id": "Total", "en": "Total"},
    "col.selected": {"id": "Terpilih", "en": "Selected"},
    "col.decided_by": {"id": "Penentu urutan", "en": "Decided by"},
    "col.failed": {"id": "Syarat tidak terpenuhi", "en": "Failed gates"},
    "col.rule": {"id": "Aturan", "en": "Rule"},
    "col.inputs": {"id": "Masukan", "en": "Inputs"},
    "col.method": {"id": "Metode", "en": "Method"},
    "col.raw": {"id": "Nilai asal", "en": "Raw"},
    "col.normalised": {"id": "Nilai ternormalisasi", "en": "Normalised"},
    "col.weight": {"id": "Bobot", "en": "Weight"},
    "col.points": {"id": "Poin", "en": "Points"},
    "col.row": {"id": "Baris", "en": "Row"},
    "col.column": {"id": "Kolom", "en": "Column"},
    "col.value": {"id": "Nilai", "en": "Value"},
    "col.code": {"id": "Kode", "en": "Code"},
    "col.severity": {"id": "Tingkat", "en": "Severity"},
    "col.message": {"id": "Keterangan", "en": "Message"},
    "col.item": {"id": "Butir", "en": "Item"},
    # statuses
    "status.eligible": {"id": "memenuhi syarat", "en": "eligible"},
    "status.ineligible": {"id": "tidak memenuhi syarat", "en": "ineligible"},
    "status.not_evaluated": {"id": "tidak dinilai (data tidak sah)",
                             "en": "not evaluated (invalid data)"},
    "status.out_of_scope": {"id": "di luar cakupan", "en": "out of scope"},
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "pass": {"id": "lulus", "en": "pass"},
    "fail": {"id": "gagal", "en": "fail"},
    # summary
    "summary.policy": {"id": "Kebijakan", "en": "Policy"},
    "summary.as_of": {"id": "Tanggal acuan", "en": "Reference date"},
    "summary.rows": {"id": "Baris dibaca", "en": "Rows read"},
    "summary.evaluated": {"id": "Dinilai", "en": "Evaluated"},
    "summary.eligible": {"id": "Memenuhi syarat", "en": "Eligible"},
    "summary.ineligible": {"id": "Tidak memenuhi syarat", "en": "Ineligible"},
    "summary.not_evaluated": {"id": "Tidak dinilai", "en": "Not evaluated"},
    "summary.out_of_scope": {"id": "Di luar cakupan", "en": "Out of scope"},
    "summary.selected": {"id": "Terpilih (kuota)", "en": "Selected (quota)"},
    "summary.quota": {"id": "Kuota", "en": "Quota"},
    "summary.cut_line": {"id": "Nilai batas terpilih", "en": "Cut-line score"},
    "summary.result_sha256": {"id": "SHA-256 hasil", "en": "Result SHA-256"},
    "summary.top": {"id": "Peringkat teratas", "en": "Top of the ranking"},
    "summary.out_dir": {"id": "Hasil ditulis ke", "en": "Results written to"},
    # explain
    "explain.header": {"id": "Penjelasan untuk NIP {id}{name}",
                       "en": "Explanation for NIP {id}{name}"},
    "explain.policy": {"id": "Kebijakan {policy} versi {version}, tanggal acuan {as_of}.",
                       "en": "Policy {policy} version {version}, reference date {as_of}."},
    "explain.status": {"id": "Status: {status}.", "en": "Status: {status}."},
    "explain.out_of_scope": {"id": "Pegawai ini di luar cakupan kebijakan (filter populasi).",
                             "en": "This person is outside the policy's population filter."},
    "explain.not_evaluated": {"id": "Data pegawai ini tidak sah sehingga tidak dinilai: {why}.",
                              "en": "This person's data is invalid, so they were not scored: "
                                    "{why}."},
    "explain.gates": {"id": "Syarat:", "en": "Gates:"},
    "explain.gate_pass": {"id": "  [lulus] {title} — {test}", "en": "  [pass] {title} — {test}"},
    "explain.gate_fail": {"id": "  [GAGAL] {title} — {test}", "en": "  [FAIL] {title} — {test}"},
    "explain.failed_count": {"id": "Syarat yang tidak terpenuhi ({n}): {rules}.",
                             "en": "Failed gates ({n}): {rules}."},
    "explain.points": {"id": "Perolehan poin:", "en": "How the points were earned:"},
    "explain.point_line": {
        "id": "  {title}: nilai {raw} → {normalised} (metode {method}) × bobot {weight} = "
              "{points} poin",
        "en": "  {title}: value {raw} → {normalised} (method {method}) × weight {weight} = "
              "{points} points"},
    "explain.rounding": {"id": "    pembulatan: {text}", "en": "    rounding: {text}"},
    "explain.total": {"id": "Total: {total} poin, peringkat {rank} dari {n}.",
                      "en": "Total: {total} points, rank {rank} of {n}."},
    "explain.selected": {"id": "Masuk kuota usulan.", "en": "Within the selection quota."},
    "explain.not_selected": {"id": "Tidak masuk kuota usulan (nilai batas {cut}).",
                             "en": "Not within the selection quota (cut line {cut})."},
    "explain.decided_by": {"id": "Urutan terhadap peringkat di atasnya ditentukan oleh: {key}.",
                           "en": "Order against the person ranked above decided by: {key}."},
    "explain.not_found": {"id": "NIP {id} tidak ada dalam hasil ini.",
                          "en": "NIP {id} is not in this result."},
    # cli
    "cli.policy_default": {"id": "Memakai kebijakan {path} ({why}).",
                           "en": "Using policy {path} ({why})."},
    "cli.as_of_today": {"id": "Tanggal acuan tidak diberikan; memakai hari ini {date}.",
                        "en": "No reference date given; using today {date}."},
    "cli.nothing_scored": {"id": "Tidak ada yang dinilai.", "en": "Nothing was scored."},
}


def t(key: str, lang: str, **values: object) -> str:
    """The message for `key` in `lang`, formatted; a missing key is a bug, so it raises."""
    template = MESSAGES[key][lang if lang in LANGUAGES else "id"]
    return template.format(**values) if values else template
