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
    "sheet.policy": {"id": "Kebijakan", "en": "Policy"},
    "sheet.manifest": {"id": "Manifes", "en": "Manifest"},
    "sheet.charts": {"id": "Grafik", "en": "Charts"},
    "sheet.scores": {"id": "Skor", "en": "Scores"},
    "sheet.cmh": {"id": "CMH", "en": "CMH"},
    "sheet.method": {"id": "Metode", "en": "Method"},
    # manual overrides (scoring/overrides.py): sheet, html section, columns, actions
    "sheet.overrides": {"id": "Koreksi Manual", "en": "Manual overrides"},
    "html.section.overrides": {"id": "Koreksi manual", "en": "Manual overrides"},
    "overrides.intro": {
        "id": "Hasil berikut diubah dengan tangan berdasarkan keputusan (SK) yang disebut; semua "
              "angka lain dalam laporan ini (total, peringkat, kuota, audit) sudah "
              "memperhitungkannya.",
        "en": "These outcomes were changed by hand under the decree named; every other figure "
              "in this report (totals, ranks, quota, audit) already takes them into account."},
    "audit.section.overrides": {"id": "Koreksi manual per kelompok",
                                "en": "Manual overrides by group"},
    "audit.overrides_intro": {
        "id": "{people} pegawai mendapat koreksi manual (overrides). Berapa orang di setiap "
              "kelompok yang hasilnya diubah dengan tangan, per tindakan; kelompok dengan n < "
              "{min_n} disembunyikan.",
        "en": "{people} people had an outcome changed by hand (overrides). How many people in "
              "each group were overridden, by action; groups with n < {min_n} are "
              "suppressed."},
    "audit.col.overridden": {"id": "Dikoreksi", "en": "Overridden"},
    "col.action": {"id": "Tindakan", "en": "Action"},
    "col.from": {"id": "Semula", "en": "From"},
    "col.to": {"id": "Menjadi", "en": "To"},
    "col.reason": {"id": "Alasan", "en": "Reason"},
    "col.approved_by": {"id": "Disetujui oleh", "en": "Approved by"},
    "col.decree_ref": {"id": "Nomor SK", "en": "Decree (SK) number"},
    "override.force_pass": {"id": "dinyatakan lulus", "en": "forced pass"},
    "override.force_fail": {"id": "dinyatakan gagal", "en": "forced fail"},
    "override.set_points": {"id": "poin ditetapkan", "en": "points set"},
    "override.exclude": {"id": "dikeluarkan dari penilaian", "en": "excluded"},
    "override.all_rules": {"id": "(semua aturan)", "en": "(all rules)"},
    "override.not_evaluated": {"id": "tidak dinilai (koreksi manual)",
                               "en": "not evaluated (manual override)"},
    "explain.override": {
        "id": "Koreksi manual ({action}, {rule}): {before} → {after}; alasan: {reason}; "
              "disetujui oleh {approved_by}, SK {decree_ref}.",
        "en": "Manual override ({action}, {rule}): {before} → {after}; reason: {reason}; "
              "approved by {approved_by}, decree {decree_ref}."},
    "manifest.stable_only": {
        "id": "Bagian manifest.json yang tetap untuk hasil yang sama (ID proses, waktu dan hash "
              "berkas keluaran ada di manifest.json)",
        "en": "The part of manifest.json that is the same for the same result (run ID, times "
              "and output hashes are in manifest.json)"},
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
    # columns used (roster/binding.py): field <- header, where, how matched
    "columns.title": {"id": "Kolom yang dipakai", "en": "Columns used"},
    "sheet.columns": {"id": "Kolom Dipakai", "en": "Columns used"},
    "columns.intro": {
        "id": "Setiap field kebijakan dan kolom roster yang dibacanya. Periksa sebelum "
              "mempercayai peringkat.",
        "en": "Each policy field and the roster column it was read from. Check it before "
              "trusting the ranking."},
    "columns.col.field": {"id": "Field", "en": "Field"},
    "columns.col.header": {"id": "Judul kolom", "en": "Header"},
    "columns.col.sheet": {"id": "Sheet", "en": "Sheet"},
    "columns.col.column": {"id": "Kolom", "en": "Column"},
    "columns.col.how": {"id": "Cara dicocokkan", "en": "How matched"},
    "columns.col.note": {"id": "Catatan", "en": "Note"},
    "columns.how.exact": {"id": "sama persis", "en": "exact"},
    "columns.how.alias": {"id": "ejaan lain di kebijakan", "en": "alias"},
    "columns.how.preset": {"id": "preset {preset}", "en": "preset {preset}"},
    "columns.how.folded": {"id": "dilipat (huruf besar/kecil, spasi, tanda baca)",
                           "en": "folded (case, spacing, punctuation)"},
    "columns.how.from_nip": {"id": "diturunkan dari NIP", "en": "derived from the NIP"},
    "columns.how.absent": {"id": "tidak ada", "en": "absent"},
    "columns.none": {"id": "(tidak ada kolom)", "en": "(no column)"},
    "columns.shown_only": {"id": "hanya ditampilkan; laporan membiarkannya kosong",
                           "en": "display only; reports leave it empty"},
    "columns.ran_without": {"id": "berjalan tanpa kolom ini (nilai kosong): {readers}",
                            "en": "ran without this column (blank values): {readers}"},
    "columns.reader": {"id": "{kind} {id}{via}{effect}", "en": "{kind} {id}{via}{effect}"},
    "columns.via": {"id": " lewat {fields}", "en": " via {fields}"},
    "columns.effect": {"id": " (jika kosong: {effect})", "en": " (when blank: {effect})"},
    "columns.kind.population": {"id": "cakupan", "en": "population"},
    "columns.kind.gate": {"id": "syarat", "en": "gate"},
    "columns.kind.points": {"id": "poin", "en": "points"},
    "columns.kind.category": {"id": "kategori", "en": "category"},
    "columns.kind.ranking": {"id": "urutan", "en": "ranking"},
    "columns.kind.selection": {"id": "seleksi", "en": "selection"},
    "columns.kind.fairness": {"id": "audit keadilan", "en": "fairness audit"},
    "columns.effect.fail": {"id": "gagal", "en": "fails"},
    "columns.effect.pass": {"id": "lolos tanpa diuji", "en": "passes untested"},
    "columns.effect.error": {"id": "galat data", "en": "data error"},
    "columns.effect.zero": {"id": "0 poin", "en": "0 points"},
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
    "explain.derived": {"id": "Nilai yang dihitung:", "en": "Computed values:"},
    "explain.derived_line": {"id": "  {name} = {value}   ({how})",
                             "en": "  {name} = {value}   ({how})"},
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
    "explain.method_line": {"id": "  {title}: nilai {raw} (metode {method}, bobot {weight})",
                            "en": "  {title}: value {raw} (method {method}, weight {weight})"},
    "explain.rounding": {"id": "    pembulatan: {text}", "en": "    rounding: {text}"},
    "explain.total": {"id": "Total: {total} poin, peringkat {rank} dari {n}.",
                      "en": "Total: {total} points, rank {rank} of {n}."},
    "explain.decided_by": {"id": "Urutan terhadap peringkat di atasnya ditentukan oleh: {key}.",
                           "en": "Order against the person ranked above decided by: {key}."},
    "explain.not_found": {"id": "NIP {id} tidak ada dalam hasil ini.",
                          "en": "NIP {id} is not in this result."},
    # selection as the policy defines it, and category views (issue 18): the words follow the
    # policy's kind, so "usulan" (a promotion proposal) appears only for promotions
    "sel.selected.promotion": {"id": "Masuk kuota usulan kenaikan pangkat.",
                               "en": "Within the promotion proposal quota."},
    "sel.selected.recruitment": {"id": "Lulus: masuk jumlah kebutuhan formasi.",
                                 "en": "Passed: within the formation's number of places."},
    "sel.selected.reward": {"id": "Terpilih sebagai penerima penghargaan.",
                            "en": "Selected for the award."},
    "sel.selected.training": {"id": "Terpilih sebagai peserta pelatihan.",
                              "en": "Selected for the training."},
    "sel.selected.talent": {"id": "Masuk kelompok rencana suksesi (talent pool).",
                            "en": "In the talent pool (succession planning)."},
    "sel.selected.index": {"id": "Terpilih.", "en": "Selected."},
    "sel.not_selected.promotion": {"id": "Tidak masuk kuota usulan kenaikan pangkat.",
                                   "en": "Not within the promotion proposal quota."},
    "sel.not_selected.recruitment": {"id": "Tidak lulus: di luar jumlah kebutuhan formasi.",
                                     "en": "Not passed: outside the formation's number of "
                                           "places."},
    "sel.not_selected.reward": {"id": "Tidak terpilih sebagai penerima penghargaan.",
                                "en": "Not selected for the award."},
    "sel.not_selected.training": {"id": "Tidak terpilih sebagai peserta pelatihan.",
                                  "en": "Not selected for the training."},
    "sel.not_selected.talent": {"id": "Tidak masuk kelompok rencana suksesi (talent pool).",
                                "en": "Not in the talent pool (succession planning)."},
    "sel.not_selected.index": {"id": "Tidak terpilih.", "en": "Not selected."},
    "sel.category.selected.promotion": {"id": "Diusulkan untuk kenaikan pangkat.",
                                        "en": "Proposed for promotion."},
    "sel.category.not_selected.promotion": {"id": "Tidak diusulkan untuk kenaikan pangkat.",
                                            "en": "Not proposed for promotion."},
    "sel.word.promotion": {"id": "Diusulkan", "en": "Proposed"},
    "sel.word.recruitment": {"id": "Lulus", "en": "Passed"},
    "sel.word.reward": {"id": "Penerima", "en": "Awarded"},
    "sel.word.training": {"id": "Peserta", "en": "Selected"},
    "sel.word.talent": {"id": "Talent pool", "en": "Talent pool"},
    "sel.word.index": {"id": "Terpilih", "en": "Selected"},
    "sel.quota_place": {
        "id": "Peringkat {rank} dari {n} yang memenuhi syarat; kuota {quota} tempat, nilai batas "
              "{cut}.",
        "en": "Ranked {rank} of {n} eligible; {quota} place(s), cut line {cut}."},
    "sel.group_place": {
        "id": "Peringkat {place} dari {n} pesaing di {noun} {group} ({quota} tempat); nilai "
              "batas {noun} ini {cut}.",
        "en": "Ranked {place} of {n} competing in {noun} {group} ({quota} place(s)); this "
              "{noun}'s cut line is {cut}."},
    "sel.group_above": {"id": "Di atasnya menurut total, terpilih: {people}.",
                        "en": "Ranked above by total and selected: {people}."},
    "sel.group_more": {"id": "dan {n} lainnya", "en": "and {n} more"},
    "sel.no_cut": {"id": "– (belum ada yang terpilih)", "en": "– (nobody selected)"},
    "sel.no_selection": {
        "id": "Kebijakan ini tidak memilih siapa pun: hasilnya peringkat dan kategori.",
        "en": "This policy selects nobody: its result is a ranking and categories."},
    "sel.by_category": {"id": "Dipilih menurut {title}: {values}.",
                        "en": "Selected by {title}: {values}."},
    "sel.summary.selected": {"id": "Terpilih", "en": "Selected"},
    "sel.summary.quota": {"id": "{selected} dari kuota {quota}",
                          "en": "{selected} of a quota of {quota}"},
    "sel.summary.groups": {"id": "{selected} dari {places} tempat di {groups} {noun}",
                           "en": "{selected} of {places} places in {groups} {noun}(s)"},
    "sel.summary.group_head": {"id": "Per {noun} (kuota / pesaing / terpilih / nilai batas):",
                               "en": "Per {noun} (places / competing / selected / cut line):"},
    "sel.summary.group_row": {"id": "  {group}: {quota} / {n} / {selected} / {cut}",
                              "en": "  {group}: {quota} / {n} / {selected} / {cut}"},
    "sel.summary.groups_more": {"id": "  … {n} {noun} lainnya di report.html dan ranking.xlsx",
                                "en": "  … {n} more in report.html and ranking.xlsx"},
    "sel.summary.category": {"id": "Terpilih ({title}: {values})",
                             "en": "Selected ({title}: {values})"},
    "sel.summary.none": {"id": "Seleksi", "en": "Selection"},
    "sel.summary.none_value": {"id": "tidak ada (memeringkat dan mengelompokkan saja)",
                               "en": "none (ranks and categorises only)"},
    "sel.col.group": {"id": "Kelompok", "en": "Group"},
    "sel.col.quota": {"id": "Kuota", "en": "Places"},
    "sel.col.competing": {"id": "Pesaing", "en": "Competing"},
    "sel.col.selected": {"id": "Terpilih", "en": "Selected"},
    "sel.col.cut_line": {"id": "Nilai batas", "en": "Cut line"},
    "sel.col.place": {"id": "Peringkat di kelompok", "en": "Place in group"},
    "sel.col.category": {"id": "Kategori", "en": "Category"},
    "sel.col.count": {"id": "Jumlah", "en": "Count"},
    "sel.col.people": {"id": "Pegawai", "en": "People"},
    "cat.band": {"id": "{title}: {label} ({bounds}).", "en": "{title}: {label} ({bounds})."},
    "cat.next": {"id": "Kurang {gap} untuk mencapai {label} (mulai {bound}).",
                 "en": "{gap} short of {label} (from {bound})."},
    "cat.top": {"id": "Ini kategori tertinggi.", "en": "This is the highest category."},
    "cat.grid": {"id": "{title}: kotak {label} ({rows} × {columns}).",
                 "en": "{title}: box {label} ({rows} × {columns})."},
    "cat.favourable": {"id": "{label} termasuk {values}.", "en": "{label} is among {values}."},
    "cat.not_favourable": {"id": "{label} tidak termasuk {values}.",
                           "en": "{label} is not among {values}."},
    "cat.no_value": {"id": "{title}: tidak ada pita yang cocok.",
                     "en": "{title}: no band matches."},
    "cat.counts_intro": {"id": "Jumlah pegawai per {title}; daftar lengkap di ranking.xlsx.",
                         "en": "People per {title}; the full lists are in ranking.xlsx."},
    "cat.grid_intro": {
        "id": "Baris: {rows} (atas = tertinggi); kolom: {columns}. Setiap kotak: nomor, jumlah "
              "pegawai dan beberapa NIP pertama menurut total.",
        "en": "Rows: {rows} (top = highest); columns: {columns}. Each box: its number, the "
              "count of people and the first NIPs by total."},
    "cat.shown": {"id": "{shown} dari {n} ditampilkan", "en": "{shown} of {n} shown"},
    "html.section.selection_groups": {"id": "Seleksi per {noun}", "en": "Selection per {noun}"},
    "html.selection_groups_intro": {
        "id": "Setiap {noun} bersaing untuk kuotanya sendiri: nilai batas berbeda per {noun}.",
        "en": "Each {noun} competes for its own places: the cut line differs per {noun}."},
    "html.section.categories": {"id": "Kategori", "en": "Categories"},
    "sheet.selection_groups": {"id": "Kuota per Kelompok", "en": "Places per group"},
    "sheet.selection_people": {"id": "Peringkat per Kelompok", "en": "Ranking per group"},
    "sheet.category_counts": {"id": "Jumlah per Kategori", "en": "Counts per category"},
    "sheet.category_people": {"id": "Kategori per Pegawai", "en": "Category per person"},
    "chart.selected_each": {"id": "Terpilih (satu garis = satu orang)",
                            "en": "Selected (one tick = one person)"},
    # cli
    "cli.policy_default": {"id": "Memakai kebijakan {path} ({why}).",
                           "en": "Using policy {path} ({why})."},
    "cli.as_of_today": {"id": "Tanggal acuan tidak diberikan; memakai hari ini {date}.",
                        "en": "No reference date given; using today {date}."},
    "cli.nothing_scored": {"id": "Tidak ada yang dinilai.", "en": "Nothing was scored."},
    "cli.repeat": {"id": "Masukan sama dengan run {run_id} (ledger seq {seq}) di {where}; "
                          "dinilai ulang ke {out} dan dicatat sebagai pengulangan.",
                   "en": "Same inputs as run {run_id} (ledger seq {seq}) in {where}; scored "
                         "again into {out} and recorded as a repeat."},
    "cli.repeat_missing": {"id": "folder {where} (sudah tidak ada)",
                           "en": "{where} (that folder is missing)"},
    "cli.repeat_unknown": {"id": "folder yang tidak tercatat", "en": "a folder not recorded"},
    # html report
    "html.title": {"id": "Laporan Hasil Penilaian", "en": "Scoring Report"},
    "html.subtitle": {"id": "Kebijakan {policy} versi {version} · tanggal acuan {as_of}",
                      "en": "Policy {policy} version {version} · reference date {as_of}"},
    "html.contents": {"id": "Daftar isi", "en": "Contents"},
    "html.section.summary": {"id": "Ringkasan", "en": "Summary"},
    "html.section.ranking": {"id": "Peringkat", "en": "Ranking"},
    "html.section.explanations": {"id": "Lampiran: penjelasan per pegawai",
                                  "en": "Appendix: explanation per person"},
    "html.section.fairness": {"id": "Audit keadilan", "en": "Fairness audit"},
    "html.section.findings": {"id": "Temuan data", "en": "Data findings"},
    "html.section.rules": {"id": "Aturan kebijakan", "en": "Policy rules"},
    "html.section.verification": {"id": "Verifikasi", "en": "Verification"},
    "html.per_group": {"id": "Kuota per kelompok", "en": "Quota per group"},
    "html.selected_people": {"id": "Pegawai terpilih", "en": "Selected people"},
    "html.nobody_selected": {"id": "Tidak ada pegawai yang terpilih.",
                             "en": "Nobody was selected."},
    "html.nobody_eligible": {"id": "Tidak ada pegawai yang memenuhi syarat.",
                             "en": "Nobody is eligible."},
    "html.distribution": {"id": "Sebaran nilai total pegawai yang memenuhi syarat",
                          "en": "Distribution of the total scores of eligible people"},
    "html.gate_failures": {"id": "Syarat yang tidak terpenuhi", "en": "Gates not met"},
    "html.gate_failures_intro": {
        "id": "Satu pegawai dapat gagal pada lebih dari satu syarat.",
        "en": "One person can fail more than one gate."},
    "html.col.count": {"id": "Jumlah pegawai", "en": "People"},
    "html.ranking_intro": {
        "id": "{n} pegawai memenuhi syarat, diurutkan menurut nilai total. Baris berwarna masuk "
              "kuota; klik NIP untuk membuka penjelasannya.",
        "en": "{n} people are eligible, ordered by total score. Shaded rows are within the "
              "quota; click a NIP to open its explanation."},
    "html.truncated": {
        "id": "Ditampilkan {shown} dari {total}; selebihnya ada di ranking.xlsx dan result.json.",
        "en": "Showing {shown} of {total}; the rest are in ranking.xlsx and result.json."},
    "html.cut_row": {"id": "Nilai batas {cut} — baris di atas garis ini masuk kuota",
                     "en": "Cut line {cut} — rows above this line are within the quota"},
    "html.explanations_intro": {
        "id": "Buka satu entri untuk melihat setiap syarat dan perolehan poin. Entri yang "
              "terbuka ikut tercetak.",
        "en": "Open an entry to see every gate and how each point was earned. Open entries are "
              "printed as shown."},
    "html.ranked_people": {"id": "Pegawai dalam peringkat", "en": "Ranked people"},
    "html.ineligible_people": {"id": "Pegawai yang tidak memenuhi syarat",
                               "en": "Ineligible people"},
    "html.gates": {"id": "Syarat", "en": "Gates"},
    "html.points": {"id": "Perolehan poin", "en": "Points"},
    "html.derived": {"id": "Nilai turunan", "en": "Derived values"},
    "html.col.test": {"id": "Uji", "en": "Test"},
    "html.col.result": {"id": "Hasil", "en": "Result"},
    "html.col.how": {"id": "Cara menghitung", "en": "How it is computed"},
    "html.col.field": {"id": "Isian", "en": "Field"},
    "html.col.kind": {"id": "Jenis", "en": "Kind"},
    "html.col.title": {"id": "Uraian", "en": "Description"},
    "html.col.reason": {"id": "Alasan", "en": "Reason"},
    "html.missing": {"id": "data kosong: {fields}", "en": "blank: {fields}"},
    "html.rounding": {"id": "pembulatan {text}", "en": "rounding {text}"},
    "html.failed_gates": {"id": "{n} syarat tidak terpenuhi", "en": "{n} gate(s) not met"},
    "html.back": {"id": "kembali ke peringkat", "en": "back to the ranking"},
    "html.findings_intro": {"id": "{n} temuan pada data masukan.",
                            "en": "{n} finding(s) in the input data."},
    "html.no_findings": {"id": "Tidak ada temuan data.", "en": "No data findings."},
    "html.not_evaluated_people": {"id": "Pegawai yang tidak dinilai",
                                  "en": "People not evaluated"},
    "html.rules_intro": {
        "id": "Semua syarat harus terpenuhi. Poin setiap aturan dikalikan bobotnya dan "
              "dijumlahkan pada skala {scale}, dibulatkan ({rounding}) sampai {places} angka "
              "di belakang koma.",
        "en": "Every gate must be met. Each rule's points are multiplied by its weight and "
              "summed on a scale of {scale}, rounded ({rounding}) to {places} decimal places."},
    "html.ranking_keys": {"id": "Urutan peringkat dan pemecah nilai sama",
                          "en": "Ranking order and tie-breakers"},
    "html.col.direction": {"id": "Arah", "en": "Direction"},
    "html.col.note": {"id": "Catatan", "en": "Note"},
    "html.direction.desc": {"id": "menurun (terbesar dahulu)", "en": "descending (highest first)"},
    "html.direction.asc": {"id": "menaik (terkecil dahulu)", "en": "ascending (lowest first)"},
    "html.proxy": {"id": "mewakili atribut yang dilindungi",
                   "en": "stands in for a protected attribute"},
    "html.population_statistics": {"id": "Statistik populasi untuk normalisasi",
                                   "en": "Population statistics used for normalisation"},
    "html.redacted": {"id": "Data pribadi disamarkan: {fields}.",
                      "en": "Personal data redacted: {fields}."},
    "html.run_id": {"id": "ID proses", "en": "Run ID"},
    "html.policy_sha256": {"id": "SHA-256 kebijakan (kanonik)",
                           "en": "Policy SHA-256 (canonical)"},
    "html.input_sha256": {"id": "SHA-256 berkas masukan", "en": "Input file SHA-256"},
    "html.verify": {
        "id": "Cara memeriksa, di direktori proses: Linux {sums}; Windows PowerShell {powershell} "
              "(setiap baris harus OK); Windows cmd {certutil} untuk setiap berkas, bandingkan "
              "dengan barisnya di SHA256SUMS; atau {verify}.",
        "en": "How to verify, in the run directory: Linux {sums}; Windows PowerShell "
              "{powershell} (every line must say OK); Windows cmd {certutil} for each file, "
              "compared with its line in SHA256SUMS; or {verify}."},
    "html.run_dir": {"id": "DIREKTORI_PROSES", "en": "RUN_DIR"},
    "html.no_timestamp": {
        "id": "Laporan ini dibuat oleh asn-merit dari result.json dan tidak memuat stempel "
              "waktu: hasil yang sama selalu menghasilkan berkas yang sama.",
        "en": "This report was produced by asn-merit from result.json and carries no "
              "timestamp: the same result always gives the same file."},
    "kind.gate": {"id": "syarat", "en": "gate"},
    "kind.points_table": {"id": "tabel poin", "en": "points table"},
    "kind.weighted": {"id": "nilai berbobot", "en": "weighted value"},
    "kind.formula": {"id": "rumus", "en": "formula"},
    "severity.error": {"id": "galat", "en": "error"},
    "severity.warning": {"id": "peringatan", "en": "warning"},
    "severity.info": {"id": "info", "en": "info"},
    # fairness section of the html report
    "fair.intro": {
        "id": "Tingkat keterpilihan setiap kelompok dibandingkan dengan kelompok acuan (tingkat "
              "tertinggi). Aturan 4/5 adalah aturan praktis, bukan putusan hukum.",
        "en": "Each group's selection rate is compared with the reference group (the highest "
              "rate). The 4/5 rule is a rule of thumb, not a legal finding."},
    "fair.summary": {"id": "{findings} temuan, {watch} butir pantauan.",
                     "en": "{findings} finding(s), {watch} watch item(s)."},
    "fair.none": {"id": "Tidak ada atribut yang diaudit.", "en": "No attribute was audited."},
    "fair.block": {"id": "{attribute} — tahap {stage}", "en": "{attribute} — stage {stage}"},
    "fair.stage_heading": {"id": "Tahap {stage}", "en": "Stage: {stage}"},
    "fair.reference": {"id": "Kelompok acuan", "en": "Reference group"},
    "fair.population": {"id": "Baris pada tahap", "en": "Rows in stage"},
    "fair.unknown": {"id": "Kategori tidak diketahui", "en": "Unknown category"},
    "fair.col.group": {"id": "Kelompok", "en": "Group"},
    "fair.col.n": {"id": "n", "en": "n"},
    "fair.col.selected": {"id": "Terpilih", "en": "Selected"},
    "fair.col.rate": {"id": "Tingkat", "en": "Rate"},
    "fair.col.ci": {"id": "Selang kepercayaan", "en": "Confidence interval"},
    "fair.col.impact_ratio": {"id": "Rasio dampak", "en": "Impact ratio"},
    "fair.col.four_fifths": {"id": "Di bawah 4/5", "en": "Below 4/5"},
    "fair.col.z": {"id": "z", "en": "z"},
    "fair.col.fisher_p": {"id": "p Fisher mentah", "en": "Fisher p, raw"},
    "fair.method": {"id": "Catatan metode", "en": "Method notes"},
    "fair.stage.gate_pass": {"id": "lolos syarat", "en": "passed the gates"},
    "fair.stage_gate": {"id": "lolos syarat “{title}”", "en": "passed the gate “{title}”"},
    "fair.per_gate": {"id": "Per syarat ({n} tabel)", "en": "Per gate ({n} tables)"},
    "fair.overview": {"id": "Ikhtisar", "en": "Overview"},
    "fair.col.attribute": {"id": "Atribut", "en": "Attribute"},
    "fair.col.stage": {"id": "Tahap", "en": "Stage"},
    "fair.col.worst_group": {"id": "Kelompok terendah", "en": "Lowest group"},
    "fair.col.worst_impact_ratio": {"id": "Rasio dampak terendah", "en": "Lowest impact ratio"},
    "fair.stage.eligible": {"id": "memenuhi syarat", "en": "eligible"},
    "fair.stage.selected": {"id": "terpilih", "en": "selected"},
    "fair.basis.conditional": {"id": "di antara yang lolos tahap sebelumnya",
                               "en": "among those who passed the previous stage"},
    "fair.basis.cumulative": {"id": "di antara semua baris", "en": "among all rows"},
    "fair.status.finding": {"id": "temuan", "en": "finding"},
    "fair.status.watch": {"id": "pantau", "en": "watch"},
    "fair.status.clear": {"id": "aman", "en": "clear"},
    "fair.status.reference": {"id": "acuan", "en": "reference"},
    "fair.status.excluded": {"id": "tidak dinilai", "en": "not judged"},
    "fair.status.suppressed": {"id": "disembunyikan", "en": "suppressed"},
    "fair.status.n/a": {"id": "t/a", "en": "n/a"},
    # charts of the html report
    "chart.histogram_title": {"id": "Sebaran nilai total", "en": "Distribution of total scores"},
    "chart.total_score": {"id": "Nilai total", "en": "Total score"},
    "chart.people": {"id": "Jumlah pegawai", "en": "People"},
    "chart.selected": {"id": "Terpilih", "en": "Selected"},
    "chart.not_selected": {"id": "Tidak terpilih", "en": "Not selected"},
    "chart.cut_line": {"id": "Nilai batas {value}", "en": "Cut line {value}"},
    "chart.selection_rate": {"id": "Tingkat keterpilihan", "en": "Selection rate"},
    "chart.reference_rate": {"id": "Tingkat kelompok acuan", "en": "Reference rate"},
    "chart.four_fifths": {"id": "{ratio} × tingkat acuan (aturan 4/5)",
                          "en": "{ratio} × reference rate (4/5 rule)"},
    "chart.withheld": {"id": "disembunyikan (n = {n})", "en": "withheld (n = {n})"},
    "chart.share_through": {"id": "Bagian kelompok yang lolos sampai tahap ini",
                            "en": "Share of the group through this stage"},
    "chart.mean_sd": {"id": "Rata-rata ± simpangan baku", "en": "Mean ± standard deviation"},
    "chart.median": {"id": "Median kelompok", "en": "Group median"},
    "chart.median_all": {"id": "Median seluruh sampel {value}", "en": "Full-sample median {value}"},
    "chart.score": {"id": "Skor", "en": "Score"},
    # fairness tables shared by report.html and audit.html
    "fair.overall_rate": {"id": "Tingkat keseluruhan", "en": "Overall rate"},
    "fair.col.share": {"id": "Porsi", "en": "Share"},
    "fair.col.holm_p": {"id": "p Fisher disesuaikan Holm", "en": "Fisher p, Holm-adjusted"},
    "fair.col.shortfall": {"id": "Kekurangan", "en": "Shortfall"},
    "fair.col.findings": {"id": "Temuan", "en": "Findings"},
    "fair.col.watch": {"id": "Pantauan", "en": "Watch"},
    "fair.col.evidence": {"id": "Dasar penilaian", "en": "Evidence"},
    "fair.col.mean": {"id": "Rata-rata", "en": "Mean"},
    "fair.col.median": {"id": "Median", "en": "Median"},
    "fair.col.sd": {"id": "Simpangan baku", "en": "SD"},
    "fair.col.above_median": {"id": "Di atas median", "en": "Above median"},
    "fair.col.mann_whitney_p": {"id": "p Mann-Whitney", "en": "Mann-Whitney p"},
    "fair.col.cohens_d": {"id": "d Cohen", "en": "Cohen's d"},
    "fair.col.strata_used": {"id": "Strata dipakai", "en": "Strata used"},
    "fair.col.mh_odds_ratio": {"id": "Rasio odds MH", "en": "MH odds ratio"},
    "fair.col.crude_odds_ratio": {"id": "Rasio odds kasar", "en": "Crude odds ratio"},
    "fair.col.mh_p": {"id": "p MH", "en": "MH p"},
    "fair.col.breslow_day_p": {"id": "p Breslow–Day", "en": "Breslow–Day p"},
    "fair.cmh": {"id": "Dibandingkan per strata {strata} (Cochran–Mantel–Haenszel), acuan "
                       "{reference}",
                 "en": "Compared within strata of {strata} (Cochran–Mantel–Haenszel), reference "
                       "{reference}"},
    "fair.heterogeneous": {"id": "tidak homogen", "en": "heterogeneous"},
    "fair.simpson": {"id": "pembalikan Simpson", "en": "Simpson reversal"},
    "fair.unknown_group": {"id": "(tidak diketahui)", "en": "(unknown)"},
    "fair.status.unknown": {"id": "tidak diketahui", "en": "unknown"},
    "fair.status.empty": {"id": "kosong", "en": "empty"},
    "fair.funnel": {"id": "Alur tahapan per kelompok", "en": "Stage funnel by group"},
    "fair.funnel_title": {"id": "{attribute} — alur tahapan", "en": "{attribute} — stage funnel"},
    "fair.funnel_caption": {
        "id": "Setiap batang: bagian dari seluruh anggota kelompok yang lolos sampai tahap itu.",
        "en": "Each bar: the share of all the group's rows that got through to that stage."},
    "fair.score_title": {"id": "{attribute} — skor {score}", "en": "{attribute} — score {score}"},
    "fair.score_caption": {
        "id": "Titik: rata-rata dengan garis ± satu simpangan baku; belah ketupat: median "
              "kelompok; garis putus-putus: median seluruh sampel.",
        "en": "Dot: mean with a ± one standard deviation line; diamond: group median; dashed "
              "line: full-sample median."},
    # audit.html
    "audit.title": {"id": "Laporan Audit Keadilan", "en": "Fairness Audit Report"},
    "audit.eyebrow": {"id": "audit dampak merugikan", "en": "adverse-impact audit"},
    "audit.subtitle_file": {"id": "Berkas keputusan · {rows} baris · tahap: {stages}",
                            "en": "Decisions file · {rows} rows · stages: {stages}"},
    "audit.section.summary": {"id": "Ringkasan", "en": "Summary"},
    "audit.section.attributes": {"id": "Hasil per atribut", "en": "Results by attribute"},
    "audit.section.scores": {"id": "Sebaran skor", "en": "Score distribution"},
    "audit.section.process": {"id": "Pemeriksaan proses", "en": "Process checks"},
    "audit.section.method": {"id": "Metode", "en": "Method"},
    "audit.section.verification": {"id": "Verifikasi", "en": "Verification"},
    "audit.rows": {"id": "Baris diaudit", "en": "Rows audited"},
    "audit.stages": {"id": "Tahap keputusan", "en": "Decision stages"},
    "audit.tables": {"id": "Tabel diuji", "en": "Tables tested"},
    "audit.stage_order": {"id": "Urutan tahap", "en": "Stages in order"},
    "audit.gate_stages": {"id": "Tahap per syarat", "en": "Per-gate stages"},
    "audit.confidence": {"id": "Tingkat kepercayaan", "en": "Confidence level"},
    "audit.verdict_findings": {
        "id": "Audit menemukan {findings} temuan dan {watch} butir pantauan. Temuan adalah "
              "kelompok dengan rasio dampak di bawah 4/5 yang juga signifikan secara statistik; "
              "setiap temuan perlu ditelaah dan dijelaskan sebelum hasil ditetapkan.",
        "en": "The audit found {findings} finding(s) and {watch} watch item(s). A finding is a "
              "group whose impact ratio is below 4/5 and statistically significant; each one "
              "needs review and an explanation before the result is adopted."},
    "audit.verdict_watch": {
        "id": "Tidak ada temuan; ada {watch} butir pantauan (rasio di bawah 4/5 atau selisih "
              "signifikan, tetapi tidak keduanya).",
        "en": "No findings; {watch} watch item(s) (an impact ratio below 4/5 or a significant "
              "difference, but not both)."},
    "audit.verdict_clear": {"id": "Tidak ada temuan maupun butir pantauan.",
                            "en": "No findings and no watch items."},
    "audit.flagged": {"id": "Temuan dan butir pantauan", "en": "Findings and watch items"},
    "audit.flagged_intro": {
        "id": "Semua kelompok berstatus temuan, lalu butir pantauan, termasuk tahap per "
              "syarat; klik atribut untuk membuka tabel lengkapnya.",
        "en": "Every group with the status finding, then the watch items, per-gate stages "
              "included; click an attribute to open its full tables."},
    "audit.watch_items": {"id": "Butir pantauan ({n})", "en": "Watch items ({n})"},
    "audit.nothing_flagged": {"id": "Tidak ada kelompok yang berstatus temuan atau pantau.",
                              "en": "No group has the status finding or watch."},
    "audit.attributes_intro": {
        "id": "Untuk setiap atribut: alur tahapan per kelompok, lalu setiap tahap keputusan "
              "dengan tabel dan grafik tingkat keterpilihan (garis tegas: tingkat kelompok "
              "acuan; garis putus-putus: 4/5 dari tingkat itu). Tabel per syarat ada di bagian "
              "yang dapat dibuka.",
        "en": "For each attribute: the stage funnel by group, then every decision stage with "
              "its table and a selection-rate chart (solid line: the reference group's rate; "
              "dashed line: 4/5 of it). Per-gate tables are in the expandable part."},
    "audit.scores_intro": {
        "id": "Skor dibandingkan melalui bagian kelompok yang berada di atas median seluruh "
              "sampel, ditambah uji Mann-Whitney dan ukuran efek d Cohen.",
        "en": "Scores are compared through the share of each group above the full-sample "
              "median, with a Mann-Whitney test and Cohen's d as the effect size."},
    "audit.median_all": {"id": "Median seluruh sampel", "en": "Full-sample median"},
    "audit.scored": {"id": "Baris berskor", "en": "Rows with a score"},
    "audit.process_intro": {
        "id": "Pemeriksaan atas proses, bukan atas kelompok: apakah ada yang dilewati, siapa "
              "yang diputus oleh pemecah nilai sama, dan data siapa yang kosong.",
        "en": "Checks of the process rather than of groups: was anyone passed over, who was "
              "decided by a tie-breaker, and whose data is missing."},
    "audit.col.check": {"id": "Pemeriksaan", "en": "Check"},
    "audit.col.meaning": {"id": "Artinya", "en": "What it means"},
    "audit.info": {"id": "informasi", "en": "information"},
    "audit.process_by_attribute": {"id": "Rincian per atribut", "en": "Breakdown by attribute"},
    "audit.settings": {"id": "Pengaturan audit", "en": "Audit settings"},
    "audit.run_id": {"id": "ID proses audit", "en": "Audit run ID"},
    "audit.source_run_id": {"id": "ID proses penilaian yang diaudit",
                            "en": "Audited scoring run ID"},
    "audit.input_sha256": {"id": "SHA-256 masukan audit", "en": "Audit input SHA-256"},
    "audit.audit_sha256": {"id": "SHA-256 audit.json", "en": "audit.json SHA-256"},
    "audit.audit_dir": {"id": "DIREKTORI_AUDIT", "en": "AUDIT_DIR"},
    "audit.no_timestamp": {
        "id": "Laporan ini dibuat oleh asn-merit dari audit.json dan tidak memuat stempel "
              "waktu: audit yang sama selalu menghasilkan berkas yang sama.",
        "en": "This report was produced by asn-merit from audit.json and carries no "
              "timestamp: the same audit always gives the same file."},
    # process checks of a run audit
    "process.selected_but_failed_gate": {"id": "Terpilih padahal gagal syarat",
                                         "en": "Selected despite a failed gate"},
    "process.selected_but_failed_gate.help": {
        "id": "Harus 0: tidak seorang pun boleh terpilih tanpa memenuhi semua syarat.",
        "en": "Must be 0: nobody may be selected without meeting every gate."},
    "process.rank_inversions": {"id": "Dilewati oleh nilai lebih rendah",
                                "en": "Passed over for a lower total"},
    "process.rank_inversions.help": {
        "id": "Pegawai yang memenuhi syarat dan tidak terpilih padahal nilainya di atas nilai "
              "terendah yang terpilih dalam persaingan yang sama (kuota yang sama: seluruhnya, "
              "atau kelompok kuotanya sendiri).",
        "en": "Eligible people not selected although their total is above the lowest selected "
              "total of the same competition (the same quota: everyone's, or their own "
              "group's)."},
    "process.at_cut_line": {"id": "Pada nilai batas", "en": "At the cut line"},
    "process.at_cut_line.help": {
        "id": "Pegawai yang memenuhi syarat dengan nilai tepat sama dengan nilai batas "
              "persaingannya (per kelompok bila kuota per kelompok).",
        "en": "Eligible people whose total equals the cut line of their competition (their "
              "group's, for a per-group quota)."},
    "process.cut_line_decided_by_tie_breaker": {"id": "Diputus oleh pemecah nilai sama",
                                                "en": "Decided by a tie-breaker"},
    "process.cut_line_decided_by_tie_breaker.help": {
        "id": "Pegawai yang tidak terpilih hanya karena pemecah nilai sama: nilainya sama "
              "dengan nilai batas, tetapi yang terpilih mendahuluinya. Seri yang seluruhnya "
              "terpilih tidak dihitung. Periksa apakah pemecahnya mewakili atribut yang "
              "dilindungi.",
        "en": "People left out only by a tie-breaker: their total equals the cut line, but "
              "the selected person was ranked first. A tie whose people are all selected is "
              "not counted. Check whether the tie-breaker stands in for a protected "
              "attribute."},
    "process.missing_data": {"id": "Baris dengan data kosong", "en": "Rows with missing data"},
    "process.missing_data.help": {
        "id": "Baris dengan masukan kosong pada syarat atau poin; bila tingkatnya berbeda antar "
              "kelompok, kekosongan data itu sendiri dapat menimbulkan dampak merugikan.",
        "en": "Rows with a blank input to a gate or a points rule; when the rate differs between "
              "groups, the missing data itself can cause adverse impact."},
    "process.missing_data_rate": {"id": "Data kosong", "en": "Missing data"},
    "process.proxy_fields_in_ranking": {"id": "Isian pewakil dalam peringkat",
                                        "en": "Proxy fields in the ranking"},
    "process.proxy_fields_in_ranking.help": {
        "id": "Isian urutan yang memuat atribut dilindungi (NIP memuat tanggal lahir dan jenis "
              "kelamin); kebijakan harus mencatat alasannya.",
        "en": "Ordering fields that encode a protected attribute (the NIP encodes birth date and "
              "sex); the policy must record why it uses them."},
    "process.protected_use": {"id": "Pemakaian atribut dilindungi",
                              "en": "Use of protected attributes"},
    "process.protected_use.help": {
        "id": "Apakah kebijakan boleh memakai atribut dilindungi dalam syarat, poin atau "
              "peringkat.",
        "en": "Whether the policy may use protected attributes in gates, points or ranking."},
    "process.protected_use.forbid": {"id": "dilarang", "en": "forbidden"},
    "process.protected_use.allow_with_justification": {"id": "diizinkan dengan alasan",
                                                       "en": "allowed with a justification"},
    # method notes, in words, with the audit's own thresholds
    "method.stages": {
        "id": "Setiap tahap dinilai di antara baris yang lolos tahap sebelumnya (bersyarat); "
              "mulai tahap kedua, blok kumulatif memberi hasil akhir di antara semua baris. "
              "Hasil yang kosong berarti belum diputus dan tidak ikut dihitung.",
        "en": "Each stage is judged among the rows that passed the previous stage "
              "(conditional); from the second stage on, a cumulative block gives the bottom "
              "line among all rows. A blank outcome means not decided and is left out."},
    "method.unknown": {
        "id": "Nilai atribut yang kosong atau 'tidak diketahui' dihitung per tabel dan tidak "
              "ikut dalam tingkat mana pun; irisan tidak diketahui bila salah satu bagiannya "
              "tidak diketahui.",
        "en": "Blank or 'not stated' attribute values are counted per table and left out of "
              "every rate; an intersection is unknown when any part of it is."},
    "method.reference": {
        "id": "Kelompok acuan: tingkat tertinggi di antara kelompok dengan n ≥ {min_n} dan porsi "
              "≥ {share}; bila sama, kelompok yang lebih besar.",
        "en": "Reference group: the highest rate among groups with n ≥ {min_n} and a share ≥ "
              "{share}; on a tie, the larger group."},
    "method.suppressed": {
        "id": "Kelompok dengan n < {min_n} disembunyikan: n ditampilkan, tingkat dan uji "
              "statistiknya tidak, demi kerahasiaan.",
        "en": "Groups with n < {min_n} are suppressed: n is shown, their rate and tests are "
              "withheld for privacy."},
    "method.not_judged": {
        "id": "Kelompok dengan porsi < {share} ditampilkan tetapi tidak dinilai.",
        "en": "Groups with a share < {share} are shown but not judged."},
    "method.intervals": {
        "id": "Selang kepercayaan {confidence}: Wilson untuk tingkat keterpilihan, Katz (log) "
              "untuk rasio dampak.",
        "en": "{confidence} confidence intervals: Wilson for selection rates, Katz (log) for "
              "impact ratios."},
    "method.four_fifths": {
        "id": "Rasio dampak = tingkat kelompok ÷ tingkat acuan; di bawah 4/5 bila 5·x·n_acuan < "
              "4·x_acuan·n, sehingga rasio tepat 0.8 lolos. Kekurangan = tambahan orang terpilih "
              "agar kelompok menyamai tingkat acuan.",
        "en": "Impact ratio = group rate ÷ reference rate; below 4/5 when 5·x·n_ref < "
              "4·x_ref·n, so a ratio of exactly 0.8 passes. Shortfall = the extra selections "
              "the group would need to match the reference rate."},
    "method.significance": {
        "id": "Status diputus dengan p mentah: signifikan bila p Fisher dua sisi < {alpha}, atau "
              "|z| > {sd} bila tidak ada kelompok kecil (n < {small_n} atau harapan terpilih < "
              "{small_expected}). Kolom p Holm hanya pembanding dan tidak memutus: p itu "
              "disesuaikan Holm atas kelompok yang dinilai dalam satu tabel (atribut dan tahap "
              "yang sama; bukan acuan, n ≥ {min_n}, porsi ≥ {share}); kelompok yang "
              "disembunyikan atau tidak dinilai tidak ikut disesuaikan.",
        "en": "Statuses are decided on the raw p: significant when the two-sided Fisher p < "
              "{alpha}, or |z| > {sd} when neither group is small (n < {small_n} or expected "
              "selections < {small_expected}). The Holm p column is for comparison only and "
              "decides nothing: it is adjusted over the groups judged in one table (the same "
              "attribute and stage; not the reference, n ≥ {min_n}, share ≥ {share}); "
              "suppressed and not-judged groups are not part of the adjustment."},
    "method.holm": {
        "id": "Status diputus dengan p yang disesuaikan Holm: signifikan bila p Fisher (Holm) < "
              "{alpha}, atau p z (Holm) < {alpha} bila tidak ada kelompok kecil (n < {small_n} "
              "atau harapan terpilih < {small_expected}). Penyesuaian Holm dilakukan atas "
              "kelompok yang dinilai dalam satu tabel (atribut dan tahap yang sama; bukan acuan, "
              "n ≥ {min_n}, porsi ≥ {share}); p mentah hanya pembanding.",
        "en": "Statuses are decided on Holm-adjusted p: significant when the Holm-adjusted "
              "Fisher p < {alpha}, or the Holm-adjusted z p < {alpha} when neither group is "
              "small (n < {small_n} or expected selections < {small_expected}). Holm adjusts "
              "over the groups judged in one table (the same attribute and stage; not the "
              "reference, n ≥ {min_n}, share ≥ {share}); the raw p is for comparison only."},
    "method.status": {
        "id": "Temuan = di bawah 4/5 dan signifikan, dan tidak berbalik bila satu orang "
              "berbeda; salah satunya saja adalah butir pantauan. Aturan 4/5 adalah aturan "
              "praktis, bukan putusan hukum.",
        "en": "Finding = below 4/5 and significant, and not reversed by one different person; "
              "either alone is a watch item. The 4/5 rule is a rule of thumb, not a legal "
              "finding."},
    "method.scores": {
        "id": "Skor: median diambil dari seluruh sampel; tingkat = bagian kelompok yang "
              "skornya di atas median itu.",
        "en": "Scores: the median is taken over the full sample; the rate is the share of the "
              "group scoring above it."},
    "method.strata": {
        "id": "Strata (bila ada): setiap kelompok dibandingkan dengan acuan di dalam setiap "
              "strata dan digabung dengan Cochran–Mantel–Haenszel; Breslow–Day menguji "
              "keseragaman antarstrata.",
        "en": "Strata (when given): each group is compared with the reference within every "
              "stratum and pooled by Cochran–Mantel–Haenszel; Breslow–Day tests homogeneity "
              "across strata."},
    # audit.xlsx column headers (keys are the field names of audit.json)
    "xl.attribute": {"id": "Atribut", "en": "Attribute"},
    "xl.kind": {"id": "Tabel", "en": "Table"},
    "xl.stage": {"id": "Tahap", "en": "Stage"},
    "xl.basis": {"id": "Dasar", "en": "Basis"},
    "xl.denominator": {"id": "Penyebut", "en": "Denominator"},
    "xl.population": {"id": "Baris pada tahap", "en": "Rows in stage"},
    "xl.undecided": {"id": "Belum diputus (NA)", "en": "Undecided (NA)"},
    "xl.unknown": {"id": "Kategori tidak diketahui", "en": "Unknown category"},
    "xl.known": {"id": "Kategori diketahui", "en": "Known category"},
    "xl.selected": {"id": "Terpilih", "en": "Selected"},
    "xl.overall_rate": {"id": "Tingkat keseluruhan", "en": "Overall rate"},
    "xl.reference": {"id": "Kelompok acuan", "en": "Reference group"},
    "xl.reference_rule": {"id": "Aturan acuan", "en": "Reference rule"},
    "xl.reference_note": {"id": "Catatan acuan", "en": "Reference note"},
    "xl.largest_group": {"id": "Kelompok terbesar", "en": "Largest group"},
    "xl.omnibus_chi2": {"id": "χ² omnibus", "en": "Omnibus χ²"},
    "xl.omnibus_df": {"id": "db", "en": "df"},
    "xl.omnibus_p": {"id": "p omnibus", "en": "Omnibus p"},
    "xl.omnibus_p_mc": {"id": "p omnibus (Monte-Carlo)", "en": "Omnibus p (Monte-Carlo)"},
    "xl.omnibus_note": {"id": "Catatan omnibus", "en": "Omnibus note"},
    "xl.worst_group": {"id": "Kelompok terburuk", "en": "Worst group"},
    "xl.worst_impact_ratio": {"id": "IR terburuk", "en": "Worst IR"},
    "xl.dp_ratio": {"id": "Rasio DP (min/maks)", "en": "DP ratio (min/max)"},
    "xl.four_fifths_count": {"id": "Di bawah 4/5", "en": "4/5 adverse"},
    "xl.significant_count": {"id": "Signifikan", "en": "Significant"},
    "xl.both_count": {"id": "4/5 dan signifikan", "en": "4/5 and significant"},
    "xl.findings": {"id": "Temuan", "en": "Findings"},
    "xl.watch": {"id": "Pantau", "en": "Watch"},
    "xl.suppressed_count": {"id": "Disembunyikan", "en": "Suppressed"},
    "xl.excluded_count": {"id": "Dikecualikan (porsi kecil)", "en": "Excluded (small share)"},
    "xl.status": {"id": "Status", "en": "Status"},
    "xl.group": {"id": "Kelompok", "en": "Group"},
    "xl.n": {"id": "n", "en": "n"},
    "xl.share": {"id": "Porsi", "en": "Share"},
    "xl.rate": {"id": "Tingkat", "en": "Rate"},
    "xl.rate_ci_low": {"id": "Batas bawah CI", "en": "Rate CI low"},
    "xl.rate_ci_high": {"id": "Batas atas CI", "en": "Rate CI high"},
    "xl.eligible_for_ir": {"id": "Layak IR", "en": "Eligible for IR"},
    "xl.small_sample": {"id": "Sampel kecil", "en": "Small sample"},
    "xl.suppressed": {"id": "Disembunyikan", "en": "Suppressed"},
    "xl.suppressed_reason": {"id": "Alasan disembunyikan", "en": "Suppression reason"},
    "xl.is_reference": {"id": "Acuan", "en": "Reference"},
    "xl.impact_ratio": {"id": "Rasio dampak", "en": "Impact ratio"},
    "xl.impact_ratio_ci_low": {"id": "Batas bawah CI IR", "en": "IR CI low"},
    "xl.impact_ratio_ci_high": {"id": "Batas atas CI IR", "en": "IR CI high"},
    "xl.four_fifths_adverse": {"id": "Di bawah 4/5", "en": "4/5 adverse"},
    "xl.rate_difference": {"id": "Selisih tingkat", "en": "Rate difference"},
    "xl.odds_ratio": {"id": "Rasio odds", "en": "Odds ratio"},
    "xl.cohens_h": {"id": "h Cohen", "en": "Cohen's h"},
    "xl.z": {"id": "z", "en": "z"},
    "xl.z_p_two_sided": {"id": "p z (dua sisi)", "en": "z p (two-sided)"},
    "xl.fisher_p_two_sided": {"id": "p Fisher (dua sisi)", "en": "Fisher p (two-sided)"},
    "xl.fisher_p_one_sided": {"id": "p Fisher (satu sisi)", "en": "Fisher p (one-sided)"},
    "xl.fisher_mid_p": {"id": "mid-p Fisher", "en": "Fisher mid-p"},
    "xl.fisher_p_holm": {"id": "p Fisher (Holm)", "en": "Fisher p (Holm)"},
    "xl.primary_test": {"id": "Uji utama", "en": "Primary test"},
    "xl.significant": {"id": "Signifikan", "en": "Significant"},
    "xl.shortfall": {"id": "Kekurangan", "en": "Shortfall"},
    "xl.shortfall_vs_overall": {"id": "Kekurangan thd keseluruhan", "en": "Shortfall vs overall"},
    "xl.selections_to_pass": {"id": "Tambahan agar lolos 4/5", "en": "Selections to pass 4/5"},
    "xl.flip_flop": {"id": "Flip-flop", "en": "Flip-flop"},
    "xl.one_more_impact_ratio": {"id": "IR jika tambah satu", "en": "IR with one more"},
    "xl.one_more_passes": {"id": "Tambah satu lolos 4/5", "en": "One more passes 4/5"},
    "xl.impact_ratio_vs_highest_all": {"id": "IR thd tertinggi (semua)",
                                      "en": "IR vs highest (no exclusion)"},
    "xl.four_fifths_adverse_vs_highest_all": {"id": "4/5 thd tertinggi (semua)",
                                             "en": "4/5 vs highest (no exclusion)"},
    "xl.impact_ratio_vs_largest": {"id": "IR thd terbesar", "en": "IR vs largest"},
    "xl.four_fifths_adverse_vs_largest": {"id": "4/5 thd terbesar", "en": "4/5 vs largest"},
    "xl.ratio_to_overall": {"id": "Rasio thd keseluruhan", "en": "Ratio to overall"},
    "xl.evidence": {"id": "Bukti", "en": "Evidence"},
    "xl.score": {"id": "Skor", "en": "Score"},
    "xl.median_all": {"id": "Median seluruh sampel", "en": "Full-sample median"},
    "xl.ties_at_median": {"id": "Sama dengan median", "en": "Ties at median"},
    "xl.at_or_above": {"id": "Di atas atau sama median", "en": "At or above median"},
    "xl.rate_at_or_above": {"id": "Tingkat ≥ median", "en": "Rate ≥ median"},
    "xl.impact_ratio_at_or_above": {"id": "IR (≥ median)", "en": "IR (≥ median)"},
    "xl.mean": {"id": "Rata-rata", "en": "Mean"},
    "xl.median": {"id": "Median", "en": "Median"},
    "xl.sd": {"id": "SB", "en": "SD"},
    "xl.mean_ratio": {"id": "Rasio rata-rata", "en": "Mean ratio"},
    "xl.median_ratio": {"id": "Rasio median", "en": "Median ratio"},
    "xl.mann_whitney_u": {"id": "U Mann-Whitney", "en": "Mann-Whitney U"},
    "xl.mann_whitney_p": {"id": "p Mann-Whitney", "en": "Mann-Whitney p"},
    "xl.cohens_d": {"id": "d Cohen", "en": "Cohen's d"},
    "xl.strata": {"id": "Kolom strata", "en": "Strata column"},
    "xl.strata_used": {"id": "Strata dipakai", "en": "Strata used"},
    "xl.common_odds_ratio": {"id": "Rasio odds MH", "en": "MH odds ratio"},
    "xl.crude_odds_ratio": {"id": "Rasio odds kasar", "en": "Crude odds ratio"},
    "xl.chi2": {"id": "χ² MH", "en": "MH χ²"},
    "xl.p": {"id": "p MH", "en": "MH p"},
    "xl.chi2_corrected": {"id": "χ² MH (koreksi)", "en": "MH χ² (continuity)"},
    "xl.p_corrected": {"id": "p MH (koreksi)", "en": "MH p (continuity)"},
    "xl.breslow_day_chi2": {"id": "χ² Breslow–Day (Tarone)", "en": "Breslow–Day χ² (Tarone)"},
    "xl.breslow_day_df": {"id": "db BD", "en": "BD df"},
    "xl.breslow_day_p": {"id": "p Breslow–Day", "en": "Breslow–Day p"},
    "xl.heterogeneous": {"id": "Heterogen", "en": "Heterogeneous"},
    "xl.simpson": {"id": "Pembalikan Simpson", "en": "Simpson reversal"},
    "xl.warning": {"id": "Peringatan", "en": "Warning"},
    "xl.item": {"id": "Butir", "en": "Item"},
    "xl.value": {"id": "Nilai", "en": "Value"},
    "xl.kind.selection": {"id": "seleksi", "en": "selection"},
    "xl.kind.scoring": {"id": "skor > median", "en": "score > median"},
    "xl.basis.conditional": {"id": "bersyarat", "en": "conditional"},
    "xl.basis.cumulative": {"id": "kumulatif", "en": "cumulative"},
    "xl.method": {"id": "Metode", "en": "Method"},
    "xl.setting": {"id": "Pengaturan", "en": "Setting"},
    "xl.threshold": {"id": "4/5 × tingkat acuan", "en": "4/5 × reference rate"},
    "xl.chart_title": {"id": "{attribute} — {stage}", "en": "{attribute} — {stage}"},
    # policy document (policy show) and the policy sheet of ranking.xlsx
    "policy.eyebrow": {"id": "dokumen kebijakan untuk ditetapkan",
                       "en": "policy document for approval"},
    "policy.subtitle": {"id": "Kebijakan {id} versi {version}",
                        "en": "Policy {id} version {version}"},
    "policy.signature": {"id": "Pengesahan", "en": "Approval"},
    "policy.section.identity": {"id": "Identitas kebijakan", "en": "About this policy"},
    "policy.section.population": {"id": "Cakupan pegawai", "en": "Who is in scope"},
    "policy.section.columns": {"id": "Kolom data yang dipakai", "en": "Data columns used"},
    "policy.section.derived": {"id": "Nilai turunan", "en": "Derived values"},
    "policy.section.gates": {"id": "Syarat", "en": "Requirements (gates)"},
    "policy.section.criteria": {"id": "Kriteria penilaian", "en": "Scored criteria"},
    "policy.section.rules": {"id": "Aturan", "en": "Rules"},
    "policy.section.scoring": {"id": "Bobot dan penjumlahan nilai", "en": "Weights and scoring"},
    "policy.section.categories": {"id": "Kategori hasil", "en": "Result categories"},
    "policy.section.ranking": {"id": "Urutan peringkat dan pemecah nilai sama",
                               "en": "Ranking order and tie-breakers"},
    "policy.section.quota": {"id": "Kuota", "en": "Quota"},
    "policy.section.fairness": {"id": "Audit keadilan", "en": "Fairness audit"},
    "policy.section.confidence": {"id": "Dasar hukum dan tingkat keyakinan",
                                  "en": "Legal basis and confidence"},
    "policy.section.reporting": {"id": "Pelaporan", "en": "Reporting"},
    "policy.section.other": {"id": "Ketentuan lain: {key}", "en": "Other settings: {key}"},
    "policy.section.approval": {"id": "Versi yang ditetapkan", "en": "The version approved"},
    "policy.title": {"id": "Judul", "en": "Title"},
    "policy.id": {"id": "Kode kebijakan", "en": "Policy id"},
    "policy.version": {"id": "Versi", "en": "Version"},
    "policy.kind": {"id": "Jenis", "en": "Kind"},
    "policy.owner": {"id": "Penanggung jawab", "en": "Owner"},
    "policy.effective_from": {"id": "Berlaku mulai", "en": "Effective from"},
    "policy.as_of": {"id": "Tanggal acuan", "en": "Reference date"},
    "policy.schema_version": {"id": "Versi format berkas", "en": "File format version"},
    "policy.legal_basis": {"id": "Dasar hukum:", "en": "Legal basis:"},
    "policy.kind.promotion": {"id": "kenaikan pangkat / promosi", "en": "promotion"},
    "policy.kind.recruitment": {"id": "rekrutmen", "en": "recruitment"},
    "policy.kind.reward": {"id": "penghargaan", "en": "reward"},
    "policy.kind.training": {"id": "pengembangan kompetensi", "en": "training"},
    "policy.kind.talent": {"id": "manajemen talenta", "en": "talent management"},
    "policy.kind.index": {"id": "indeks", "en": "index"},
    "policy.population_when": {"id": "Kebijakan ini berlaku bagi pegawai yang:",
                               "en": "This policy applies to people who:"},
    "policy.population_all": {"id": "Kebijakan ini berlaku bagi semua baris dalam berkas.",
                              "en": "This policy applies to every row of the file."},
    "policy.columns_intro": {
        "id": "Setiap isian dicari di berkas menurut judul kolomnya; ejaan lain yang tercantum "
              "juga diterima.",
        "en": "Each field is found in the file by its column header; the other spellings "
              "listed are accepted too."},
    "policy.col.header": {"id": "Judul kolom", "en": "Column header"},
    "policy.col.type": {"id": "Jenis data", "en": "Type"},
    "policy.col.role": {"id": "Peran", "en": "Role"},
    "policy.col.required": {"id": "Wajib diisi", "en": "Required"},
    "policy.col.range": {"id": "Rentang", "en": "Range"},
    "policy.col.label": {"id": "Label", "en": "Label"},
    "policy.col.max_points": {"id": "Poin maksimum", "en": "Maximum points"},
    "policy.type.text": {"id": "teks", "en": "text"},
    "policy.type.number": {"id": "angka", "en": "number"},
    "policy.type.integer": {"id": "bilangan bulat", "en": "whole number"},
    "policy.type.date": {"id": "tanggal", "en": "date"},
    "policy.type.bool": {"id": "ya/tidak", "en": "yes/no"},
    "policy.type.category": {"id": "pilihan", "en": "category"},
    "policy.type.golongan": {"id": "golongan ruang (I/a–IV/e)",
                             "en": "civil-service grade (I/a–IV/e)"},
    "policy.type.nip18": {"id": "NIP 18 digit", "en": "18-digit NIP"},
    "policy.role.id": {"id": "pengenal", "en": "identifier"},
    "policy.role.display": {"id": "nama tampilan", "en": "display name"},
    "policy.role.protected": {"id": "atribut dilindungi", "en": "protected attribute"},
    "policy.role.group": {"id": "kelompok", "en": "group"},
    "policy.allowed": {"id": "nilai yang sah: {values}", "en": "valid values: {values}"},
    "policy.aliases": {"id": "ejaan lain: {values}", "en": "other spellings: {values}"},
    "policy.limits.min_max": {"id": "antara {low} dan {high}", "en": "between {low} and {high}"},
    "policy.limits.min": {"id": "sekurang-kurangnya {low}", "en": "at least {low}"},
    "policy.limits.max": {"id": "paling banyak {high}", "en": "at most {high}"},
    "policy.pii": {"id": "data pribadi", "en": "personal data"},
    "policy.nip_part": {"id": "dicocokkan dengan {part} pada NIP",
                        "en": "checked against the {part} in the NIP"},
    "policy.nip_part.birth_date": {"id": "tanggal lahir", "en": "birth date"},
    "policy.nip_part.sex": {"id": "jenis kelamin", "en": "sex"},
    "policy.nip_part.tmt_cpns": {"id": "TMT CPNS", "en": "TMT CPNS"},
    "policy.derived.expr": {"id": "Dihitung dengan rumus {expr}",
                            "en": "Computed by the formula {expr}"},
    "policy.derived.elapsed": {"id": "Jumlah {unit} penuh sejak {field} sampai tanggal acuan",
                               "en": "Completed {unit} from {field} to the reference date"},
    "policy.derived.lookup": {"id": "Dicari dari {field} menurut tabel: {table}",
                              "en": "Looked up from {field} in the table: {table}"},
    "policy.derived.otherwise": {"id": "; nilai lain → {value}",
                                 "en": "; any other value → {value}"},
    "policy.derived.bins": {"id": "{field} dikelompokkan: {bins}", "en": "{field} banded: {bins}"},
    "policy.derived.bins_age": {"id": "Usia (tahun) pada tanggal acuan menurut {field}, "
                                      "dikelompokkan: {bins}",
                                "en": "Age in years at the reference date from {field}, banded: "
                                      "{bins}"},
    "policy.derived.join": {"id": "Gabungan {fields} (pemisah “{separator}”)",
                            "en": "{fields} joined (separator “{separator}”)"},
    "policy.unit.months": {"id": "bulan", "en": "months"},
    "policy.unit.years": {"id": "tahun", "en": "years"},
    "policy.field.total": {"id": "Nilai total", "en": "Total score"},
    "policy.gates_intro": {
        "id": "Pegawai memenuhi syarat hanya bila semua syarat berikut terpenuhi; setiap syarat "
              "diuji untuk setiap pegawai dan setiap kegagalan dicatat.",
        "en": "A person is eligible only when every requirement below is met; each one is "
              "tested for every person and every failure is recorded."},
    "policy.technical": {"id": "Rumusan teknis:", "en": "Technical form:"},
    "policy.if_blank": {"id": "Bila datanya kosong", "en": "If the data is blank"},
    "policy.on_missing.gate.fail": {"id": "dianggap tidak memenuhi", "en": "treated as not met"},
    "policy.on_missing.gate.pass": {"id": "dianggap memenuhi (dicatat sebagai temuan data)",
                                    "en": "treated as met (recorded as a data finding)"},
    "policy.on_missing.gate.error": {"id": "pegawai tidak dinilai (galat data)",
                                     "en": "the person is not scored (data error)"},
    "policy.missing_finding": {"id": "Data kosong dicatat sebagai", "en": "Blank data recorded as"},
    "policy.legal_ref": {"id": "Dasar hukum", "en": "Legal basis"},
    "policy.confidence": {"id": "Tingkat keyakinan", "en": "Confidence"},
    "policy.cond.all": {"id": "semua ketentuan berikut terpenuhi:",
                        "en": "all of the following hold:"},
    "policy.cond.any": {"id": "sekurang-kurangnya satu ketentuan berikut terpenuhi:",
                        "en": "at least one of the following holds:"},
    "policy.cond.not": {"id": "ketentuan berikut tidak terpenuhi:",
                        "en": "the following does not hold:"},
    "policy.and": {"id": "{low} dan {high}", "en": "{low} and {high}"},
    "policy.op.==": {"id": "{field} adalah {value}", "en": "{field} is {value}"},
    "policy.op.!=": {"id": "{field} bukan {value}", "en": "{field} is not {value}"},
    "policy.op.<": {"id": "{field} kurang dari {value}", "en": "{field} is less than {value}"},
    "policy.op.<=": {"id": "{field} paling banyak {value}", "en": "{field} is at most {value}"},
    "policy.op.>": {"id": "{field} lebih dari {value}", "en": "{field} is more than {value}"},
    "policy.op.>=": {"id": "{field} sekurang-kurangnya {value}",
                     "en": "{field} is at least {value}"},
    "policy.op.in": {"id": "{field} salah satu dari: {value}",
                     "en": "{field} is one of: {value}"},
    "policy.op.not_in": {"id": "{field} bukan salah satu dari: {value}",
                         "en": "{field} is none of: {value}"},
    "policy.op.between": {"id": "{field} antara {value}", "en": "{field} is between {value}"},
    "policy.op.is_blank": {"id": "{field} kosong", "en": "{field} is blank"},
    "policy.op.not_blank": {"id": "{field} terisi", "en": "{field} is filled in"},
    "policy.op.<.golongan": {"id": "{field} lebih rendah dari {value}",
                             "en": "{field} is below {value}"},
    "policy.op.<=.golongan": {"id": "{field} setinggi-tingginya {value}",
                              "en": "{field} is at most {value}"},
    "policy.op.>.golongan": {"id": "{field} lebih tinggi dari {value}",
                             "en": "{field} is above {value}"},
    "policy.op.>=.golongan": {"id": "{field} serendah-rendahnya {value}",
                              "en": "{field} is at least {value}"},
    "policy.op.<.date": {"id": "{field} sebelum {value}", "en": "{field} is before {value}"},
    "policy.op.<=.date": {"id": "{field} paling lambat {value}",
                          "en": "{field} is on or before {value}"},
    "policy.op.>.date": {"id": "{field} sesudah {value}", "en": "{field} is after {value}"},
    "policy.op.>=.date": {"id": "{field} paling cepat {value}",
                          "en": "{field} is on or after {value}"},
    "policy.criteria_intro": {
        "id": "Pegawai yang memenuhi syarat dinilai dengan kriteria berikut; poin setiap kriteria "
              "(0 sampai {scale}) dikalikan bobotnya lalu dijumlahkan.",
        "en": "Eligible people are scored on the criteria below; each criterion's points (0 to "
              "{scale}) are multiplied by its weight and added up."},
    "kind.criterion": {"id": "kriteria (nilai mentah)", "en": "criterion (raw value)"},
    "policy.weight_line": {"id": "{weight} (paling banyak {most} dari {scale} poin)",
                           "en": "{weight} (at most {most} of {scale} points)"},
    "policy.other_values": {"id": "nilai lain", "en": "any other value"},
    "policy.range_both": {"id": "{low} sampai kurang dari {high}",
                          "en": "{low} to less than {high}"},
    "policy.range_from": {"id": "{low} atau lebih", "en": "{low} or more"},
    "policy.range_below": {"id": "kurang dari {high}", "en": "less than {high}"},
    "policy.range_any": {"id": "semua nilai", "en": "any value"},
    "policy.normalise.fixed_range": {
        "id": "Nilai {low} atau kurang mendapat 0 poin, {high} atau lebih mendapat {scale}, di "
              "antaranya sebanding",
        "en": "A value of {low} or less gets 0 points, {high} or more gets {scale}, in between "
              "in proportion"},
    "policy.normalise.inverse_fixed_range": {
        "id": "Nilai {low} atau kurang mendapat {scale} poin, {high} atau lebih mendapat 0, di "
              "antaranya sebanding (makin kecil makin baik)",
        "en": "A value of {low} or less gets {scale} points, {high} or more gets 0, in between "
              "in proportion (smaller is better)"},
    "policy.normalise.population_min_max": {
        "id": "Nilai terendah di antara pegawai yang dinilai mendapat 0 poin, tertinggi "
              "mendapat {scale}, di antaranya sebanding",
        "en": "The lowest value among the people scored gets 0 points, the highest {scale}, in "
              "between in proportion"},
    "policy.normalise.rank_percentile": {
        "id": "Poin menurut peringkat persentil nilai di antara pegawai yang dinilai (0 sampai "
              "{scale})",
        "en": "Points by the value's percentile rank among the people scored (0 to {scale})"},
    "policy.normalise.clip": {"id": "; nilai di luar rentang dibatasi",
                              "en": "; values outside the range are clipped"},
    "policy.formula": {"id": "Rumus:", "en": "Formula:"},
    "policy.on_missing.points.error": {"id": "pegawai tidak dinilai (galat data)",
                                       "en": "the person is not scored (data error)"},
    "policy.on_missing.points.zero": {"id": "0 poin", "en": "0 points"},
    "policy.on_missing.points.given": {"id": "{points} poin (dicatat sebagai temuan data)",
                                       "en": "{points} points (recorded as a data finding)"},
    "policy.ahp": {
        "id": "Bobot dihitung dari matriks perbandingan berpasangan (AHP, Saaty) berikut; rasio "
              "konsistensi {cr} (batas {max_cr}, tabel indeks acak {table}).",
        "en": "The weights are derived from the pairwise comparison matrix below (AHP, Saaty); "
              "consistency ratio {cr} (limit {max_cr}, random index table {table})."},
    "policy.favourable": {"id": "Nilai yang dihitung sebagai hasil baik",
                          "en": "Values counted as the favourable outcome"},
    "policy.scale": {"id": "Skala nilai total", "en": "Total score scale"},
    "policy.method": {"id": "Metode penggabungan", "en": "How criteria are combined"},
    "policy.method.weighted_sum": {"id": "jumlah berbobot", "en": "weighted sum"},
    "policy.method.saw": {"id": "SAW (simple additive weighting)",
                          "en": "SAW (simple additive weighting)"},
    "policy.method.weighted_product": {"id": "perkalian berbobot (WP)",
                                       "en": "weighted product (WP)"},
    "policy.method.topsis": {"id": "TOPSIS", "en": "TOPSIS"},
    "policy.method.profile_matching": {"id": "profile matching (analisis GAP)",
                                       "en": "profile matching (GAP analysis)"},
    "policy.weights": {"id": "Aturan bobot", "en": "Weights"},
    "policy.weights.must_sum_to_one": {"id": "jumlah bobot harus 1", "en": "must add up to 1"},
    "policy.weights.free": {"id": "bebas", "en": "free"},
    "policy.rounding": {"id": "Pembulatan", "en": "Rounding"},
    "policy.rounding_line": {
        "id": "setiap poin dibulatkan ({mode}) sampai {places} angka di belakang koma",
        "en": "each rule's points rounded ({mode}) to {places} decimal places"},
    "policy.rounding_mode.half_up": {"id": "setengah ke atas", "en": "half up"},
    "policy.on_missing_points": {"id": "Bila data kriteria kosong",
                                 "en": "If a criterion's data is blank"},
    "policy.on_invalid_row": {"id": "Baris dengan data tidak sah", "en": "Rows with invalid data"},
    "policy.on_invalid_row.fail": {"id": "seluruh penilaian dihentikan",
                                   "en": "the whole run stops"},
    "policy.on_invalid_row.exclude": {"id": "baris itu tidak dinilai dan dicatat",
                                      "en": "that row is not scored and is listed"},
    "policy.ranking_intro": {
        "id": "Pegawai yang memenuhi syarat diurutkan menurut kunci pertama; bila sama, kunci "
              "berikutnya menentukan, dan seterusnya.",
        "en": "Eligible people are ordered by the first key; on a tie the next key decides, "
              "and so on."},
    "policy.quota_none": {"id": "Tidak ada kuota: semua yang memenuhi syarat diurutkan.",
                          "en": "No quota: everyone eligible is ranked."},
    "policy.quota_total": {"id": "{n} tempat", "en": "{n} places"},
    "policy.quota_each": {"id": "{n} tempat per kelompok", "en": "{n} places per group"},
    "policy.fair.intro": {
        "id": "Setiap hasil diaudit untuk dampak merugikan terhadap kelompok berikut.",
        "en": "Every result is audited for adverse impact on the groups below."},
    "policy.fair.intersections": {"id": "Irisan kelompok", "en": "Intersections"},
    "policy.fair.outcomes": {"id": "Tahap yang diaudit", "en": "Stages audited"},
    "policy.fair.impact_ratio_alert": {"id": "Batas rasio dampak", "en": "Impact ratio threshold"},
    "policy.fair.min_group_size": {"id": "Ukuran kelompok minimum",
                                   "en": "Minimum group size"},
    "policy.fair.justification": {"id": "Alasan pemakaian atribut dilindungi",
                                  "en": "Justification for using protected attributes"},
    "fair.stage.total": {"id": "nilai total", "en": "total score"},
    "policy.confidence_intro": {
        "id": "Sebagaimana dicatat penyusun kebijakan; periksa setiap ketentuan terhadap "
              "peraturan yang berlaku pada tanggal acuan sebelum hasilnya dipakai.",
        "en": "As recorded by the policy's authors; check each rule against the regulations in "
              "force on the reference date before the result is used."},
    "policy.col.verified": {"id": "Status", "en": "Status"},
    "policy.verified.confirmed": {"id": "terkonfirmasi (C)", "en": "confirmed (C)"},
    "policy.verified.secondary": {"id": "sumber sekunder (S)", "en": "secondary source (S)"},
    "policy.verified.unverified": {"id": "BELUM TERVERIFIKASI (N)", "en": "UNVERIFIED (N)"},
    "policy.verified.unstated": {"id": "tidak dinyatakan", "en": "not stated"},
    "policy.unverified_count": {
        "id": "{n} ketentuan memuat angka yang BELUM TERVERIFIKASI terhadap sumber hukum (N): "
              "periksa sebelum dipakai untuk keputusan.",
        "en": "{n} rules hold a number NOT VERIFIED against a legal source (N): check them "
              "before a decision rests on them."},
    "policy.case.intro": {"id": "Setiap pegawai mendapat nilai dari ketentuan pertama yang "
                                "terpenuhi, diperiksa berurutan:",
                          "en": "Each person gets the value of the first case that holds, "
                                "checked in order:"},
    "policy.case.when": {"id": "{value}, jika", "en": "{value}, when"},
    "policy.case.otherwise": {"id": "{value}, selain itu", "en": "{value}, otherwise"},
    "policy.report.language": {"id": "Bahasa laporan", "en": "Report language"},
    "policy.report.show_columns": {"id": "Kolom yang ditampilkan", "en": "Columns shown"},
    "policy.report.redact": {"id": "Data pribadi yang disamarkan", "en": "Personal data redacted"},
    "policy.language.id": {"id": "Bahasa Indonesia", "en": "Indonesian"},
    "policy.language.en": {"id": "Bahasa Inggris", "en": "English"},
    "policy.redact.initials": {"id": "inisial", "en": "initials"},
    "policy.redact.hide": {"id": "disembunyikan", "en": "hidden"},
    "policy.approval_intro": {
        "id": "Dokumen ini menggambarkan tepat satu versi kebijakan. SHA-256 kanonik di bawah "
              "dicatat pada setiap hasil penilaian; perubahan sekecil apa pun pada kebijakan "
              "menghasilkan SHA-256 yang lain, sehingga hasil dapat dicocokkan dengan versi "
              "yang ditetapkan ini.",
        "en": "This document describes exactly one version of the policy. The canonical "
              "SHA-256 below is recorded in every scoring result; any change to the policy, "
              "however small, gives another SHA-256, so a result can be matched to the version "
              "approved here."},
    "policy.file_sha256": {"id": "SHA-256 berkas", "en": "File SHA-256"},
    "policy.file": {"id": "Berkas", "en": "File"},
    "policy.sign.place": {"id": "Ditetapkan di ……………………………………",
                          "en": "Adopted at ……………………………………"},
    "policy.sign.date": {"id": "pada tanggal ……………………………………", "en": "on ……………………………………"},
    "policy.sign.official": {"id": "Pejabat yang menetapkan,", "en": "Approving official,"},
    "policy.sign.name": {"id": "(nama lengkap, tanda tangan dan cap)",
                         "en": "(full name, signature and stamp)"},
    "policy.sign.nip": {"id": "NIP ……………………………………", "en": "NIP ……………………………………"},
    # policy diff page (policy diff --format html)
    "diff.title": {"id": "Dampak Perubahan Kebijakan", "en": "Impact of a Policy Change"},
    "diff.eyebrow": {"id": "perbandingan kebijakan", "en": "policy comparison"},
    "diff.subtitle": {"id": "{old} → {new} · tanggal acuan {as_of}",
                      "en": "{old} → {new} · reference date {as_of}"},
    "diff.section.summary": {"id": "Ringkasan", "en": "Summary"},
    "diff.section.rules": {"id": "Aturan yang berubah", "en": "Rules changed"},
    "diff.section.eligibility": {"id": "Perubahan status memenuhi syarat",
                                 "en": "Eligibility changes"},
    "diff.section.selection": {"id": "Melintasi nilai batas terpilih",
                               "en": "Crossing the cut line"},
    "diff.section.fairness": {"id": "Keadilan sebelum dan sesudah",
                              "en": "Fairness before and after"},
    "diff.section.approval": {"id": "Persetujuan", "en": "Approval"},
    "diff.rules_changed": {"id": "Aturan berubah", "en": "Rules changed"},
    "diff.old_policy": {"id": "Kebijakan yang berlaku", "en": "Policy in force"},
    "diff.new_policy": {"id": "Kebijakan yang diusulkan", "en": "Proposed policy"},
    "diff.roster": {"id": "Data pegawai", "en": "Roster"},
    "diff.sheet_rows": {"id": "lembar {sheet}, {rows} baris", "en": "sheet {sheet}, {rows} rows"},
    "diff.summary_intro": {
        "id": "Data pegawai yang sama dinilai dengan kedua kebijakan pada tanggal acuan yang "
              "sama; selisih di bawah hanya berasal dari perubahan kebijakan.",
        "en": "The same roster was scored under both policies on the same reference date; "
              "every difference below comes from the policy change alone."},
    "diff.col.before": {"id": "Sebelum", "en": "Before"},
    "diff.col.after": {"id": "Sesudah", "en": "After"},
    "diff.col.delta": {"id": "Selisih", "en": "Change"},
    "diff.col.change": {"id": "Perubahan", "en": "Change"},
    "diff.col.field": {"id": "Isian", "en": "Field"},
    "diff.col.direction": {"id": "Arah", "en": "Direction"},
    "diff.change.added": {"id": "ditambahkan", "en": "added"},
    "diff.change.removed": {"id": "dihapus", "en": "removed"},
    "diff.change.changed": {"id": "diubah", "en": "changed"},
    "diff.change.renamed": {"id": "berganti nama", "en": "renamed"},
    "diff.renamed_from": {"id": "sebelumnya", "en": "formerly"},
    "diff.rules_intro": {
        "id": "Aturan dicocokkan menurut ID (dan alias yang dinyatakan, sehingga penggantian "
              "nama tercatat sebagai satu perubahan); setiap nilai yang berubah ditampilkan "
              "sebelum → sesudah.",
        "en": "Rules are matched by ID (and declared aliases, so a rename is one change); "
              "every value that changed is shown before → after."},
    "diff.no_rules": {"id": "Tidak ada aturan yang ditambahkan, dihapus atau diubah.",
                      "en": "No rule was added, removed or changed."},
    "diff.settings": {"id": "Bagian kebijakan lain yang berubah",
                      "en": "Other policy sections changed"},
    "diff.eligibility_intro": {
        "id": "{n} pegawai berubah status memenuhi syarat, dengan aturan penyebabnya.",
        "en": "{n} people change eligibility, with the rule responsible."},
    "diff.selection_intro": {
        "id": "{n} pegawai masuk atau keluar dari kuota (nilai batas {a} → {b}).",
        "en": "{n} people enter or leave the selection (cut line {a} → {b})."},
    "diff.nobody": {"id": "Tidak ada.", "en": "Nobody."},
    "diff.truncated": {"id": "Ditampilkan {shown} dari {total}; daftar lengkap ada pada "
                             "keluaran --format json.",
                       "en": "Showing {shown} of {total}; the full list is in --format json."},
    "diff.absent": {"id": "tidak ada dalam hasil", "en": "not in the result"},
    "diff.rank_total": {"id": "peringkat {rank} · total {total}",
                        "en": "rank {rank} · total {total}"},
    "diff.enters": {"id": "masuk kuota", "en": "enters the selection"},
    "diff.leaves": {"id": "keluar dari kuota", "en": "leaves the selection"},
    "diff.why.fails": {"id": "kini tidak memenuhi {rule} ({title})",
                       "en": "now fails {rule} ({title})"},
    "diff.why.passes": {"id": "kini memenuhi {rule} ({title})",
                        "en": "now passes {rule} ({title})"},
    "diff.why.total": {"id": "nilai total {a} → {b}", "en": "total {a} → {b}"},
    "diff.why.out_of_scope": {"id": "kini di luar cakupan (populasi kebijakan berubah)",
                              "en": "now outside the population (the policy's scope changed)"},
    "diff.why.in_scope": {"id": "kini dalam cakupan (populasi kebijakan berubah)",
                          "en": "now inside the population (the policy's scope changed)"},
    "diff.why.status": {"id": "{a} → {b}", "en": "{a} → {b}"},
    "diff.why.displaced": {
        "id": "syarat dan nilai totalnya sendiri tidak berubah; melintas karena nilai batas "
              "bergeser ({a} → {b}) oleh perubahan kuota atau peringkat pegawai lain",
        "en": "own gates and total unchanged; crossed because the cut line moved ({a} → {b}) "
              "with the quota or other people's ranks"},
    "diff.fairness_intro": {
        "id": "Rasio dampak terendah per atribut pada tahap terpilih; di bawah 0.8 melanggar "
              "aturan empat-perlima (four-fifths).",
        "en": "Lowest impact ratio per attribute at the selection stage; below 0.8 breaches "
              "the four-fifths rule."},
    "diff.below_four_fifths": {"id": "di bawah 0.8", "en": "below 0.8"},
    "diff.worse": {"id": "memburuk", "en": "worse"},
    "diff.no_fairness": {"id": "Kebijakan ini tidak mengaudit atribut apa pun.",
                         "en": "This policy audits no attribute."},
    "diff.approval_intro": {
        "id": "Persetujuan ini berlaku untuk kedua versi kebijakan dengan SHA-256 kanonik di "
              "bawah, diukur pada data pegawai dengan SHA-256 di bawah.",
        "en": "This approval covers the two policy versions with the canonical SHA-256 below, "
              "measured on the roster with the SHA-256 below."},
    "diff.reproduce": {"id": "Cara mengulang: {command}", "en": "To reproduce: {command}"},
    "diff.no_timestamp": {
        "id": "Halaman ini dibuat oleh asn-merit dan tidak memuat stempel waktu: masukan yang "
              "sama selalu menghasilkan berkas yang sama.",
        "en": "This page was produced by asn-merit and carries no timestamp: the same inputs "
              "always give the same file."},
    # vocabulary.py: the policy's words in the reports
    "vocab.and": {"id": " dan ", "en": " and "},
    "vocab.or": {"id": " atau ", "en": " or "},
    "vocab.not": {"id": "tidak benar bahwa {text}", "en": "not: {text}"},
    "vocab.blank": {"id": "(kosong)", "en": "(blank)"},
    "vocab.gate_test": {"id": "{rule} (nilai: {values})", "en": "{rule} (values: {values})"},
    "vocab.method.table": {"id": "menurut tabel poin", "en": "from the points table"},
    "vocab.method.bands": {"id": "menurut rentang nilai", "en": "from the value bands"},
    "vocab.method.value": {"id": "nilai apa adanya", "en": "the value as it is"},
    "vocab.method.formula": {"id": "rumus {expr}", "en": "formula {expr}"},
    "vocab.method.fixed_range": {
        "id": "sebanding: {low} atau kurang = 0, {high} atau lebih = penuh",
        "en": "in proportion: {low} or less = 0, {high} or more = full"},
    "vocab.method.inverse_fixed_range": {
        "id": "sebanding terbalik: {low} atau kurang = penuh, {high} atau lebih = 0",
        "en": "inversely in proportion: {low} or less = full, {high} or more = 0"},
    "vocab.method.population_min_max": {
        "id": "sebanding antara nilai terendah {low} dan tertinggi {high} dari {n} pegawai",
        "en": "in proportion between the lowest {low} and the highest {high} of {n} people"},
    "vocab.method.rank_percentile": {"id": "persentil peringkat", "en": "percentile rank"},
    "vocab.method.saw": {"id": "SAW (pembobotan aditif sederhana)",
                         "en": "SAW (simple additive weighting)"},
    "vocab.method.topsis": {"id": "TOPSIS", "en": "TOPSIS"},
    "vocab.method.weighted_product": {"id": "produk berbobot (WP)",
                                      "en": "weighted product (WP)"},
    "vocab.method.profile_matching": {"id": "profile matching (pencocokan profil)",
                                      "en": "profile matching"},
    "vocab.norm.ratio": {"id": "dibagi nilai terbaik", "en": "divided by the best value"},
    "vocab.norm.min_max": {"id": "skala terendah–tertinggi", "en": "min–max scaled"},
    "vocab.norm.vector": {"id": "normalisasi vektor", "en": "vector normalised"},
    "vocab.norm.max": {"id": "dibagi nilai tertinggi", "en": "divided by the maximum"},
    "vocab.criterion.benefit": {"id": "makin besar makin baik", "en": "larger is better"},
    "vocab.criterion.cost": {"id": "makin kecil makin baik", "en": "smaller is better"},
    "vocab.factor.core": {"id": "faktor inti", "en": "core factor"},
    "vocab.factor.secondary": {"id": "faktor pendukung", "en": "secondary factor"},
    "vocab.fact.max": {"id": "tertinggi {value}", "en": "maximum {value}"},
    "vocab.fact.min": {"id": "terendah {value}", "en": "minimum {value}"},
    "vocab.fact.n": {"id": "dari {value} pegawai", "en": "of {value} people"},
    "vocab.fact.exponent": {"id": "pangkat {value}", "en": "exponent {value}"},
    "vocab.fact.target": {"id": "target {value}", "en": "target {value}"},
    "vocab.fact.aspect": {"id": "aspek {value}", "en": "aspect {value}"},
    "vocab.people": {"id": "{n} pegawai: {text}", "en": "{n} people: {text}"},
    "vocab.times": {"id": "{n} kali: {text}", "en": "{n} times: {text}"},
    "vocab.finding.gate_missing": {
        "id": "syarat «{rule}» tidak dapat diuji karena {fields} kosong",
        "en": "gate «{rule}» could not be tested because {fields} is blank"},
    "vocab.finding.points.missing-input": {
        "id": "kriteria «{rule}» tidak memiliki nilai untuk dinilai",
        "en": "criterion «{rule}» has no value to score"},
    "vocab.finding.points.no-entry": {
        "id": "nilai untuk kriteria «{rule}» tidak ada pada tabel atau rentang; poin bawaan "
              "dipakai",
        "en": "the value for criterion «{rule}» has no table entry or band; the default "
              "points were used"},
    "vocab.finding.points.method-domain": {
        "id": "nilai untuk kriteria «{rule}» di luar daerah asal metode penilaian",
        "en": "the value for criterion «{rule}» is outside the scoring method's domain"},
    "vocab.finding.roster.blank-required": {"id": "kolom {column} wajib diisi tetapi kosong",
                                            "en": "column {column} is required but blank"},
    "vocab.finding.roster.bad-value": {"id": "isi kolom {column} tidak sah ({message})",
                                       "en": "column {column} holds an invalid value "
                                             "({message})"},
    "vocab.finding.roster.out-of-range": {"id": "isi kolom {column} di luar rentang yang sah",
                                          "en": "column {column} is out of range"},
    "vocab.finding.roster.nip-mismatch": {
        "id": "kolom {column} tidak cocok dengan digit NIP",
        "en": "column {column} does not match the NIP digits"},
    "vocab.finding.roster.numeric-id-cell": {
        "id": "sel {column} berupa angka, bukan teks; digit bisa sudah hilang",
        "en": "cell {column} is a number, not text; digits may already be lost"},
    "vocab.finding.roster.cell-too-long": {"id": "isi kolom {column} terlalu panjang",
                                           "en": "column {column} holds too long a value"},
    "vocab.finding.roster.duplicate-id": {"id": "pengenal (NIP) muncul lebih dari sekali",
                                          "en": "the id (NIP) appears more than once"},
    "vocab.finding.roster.duplicate-header": {
        "id": "judul kolom {column} muncul lebih dari sekali",
        "en": "the header {column} appears more than once"},
    "vocab.finding.roster.encoding": {
        "id": "berkas bukan UTF-8; dibaca sebagai Windows-1252",
        "en": "the file is not UTF-8; read as Windows-1252"},
    "vocab.finding.roster.macros": {
        "id": "buku kerja berisi makro; makro tidak dijalankan",
        "en": "the workbook contains macros; they were not run"},
    "vocab.finding.roster.columns-differ": {
        "id": "kolom berkas ini berbeda dengan berkas pertama ({message})",
        "en": "this file's columns differ from the first file's ({message})"},
    "cli.findings_summary": {
        "id": "{n} temuan data ({kinds} jenis); rincian per pegawai ada di lembar '{sheet}'.",
        "en": "{n} data finding(s) ({kinds} kind(s)); each person is listed on the '{sheet}' "
              "sheet."},
    "html.findings_grouped_intro": {
        "id": "{n} temuan data dalam {kinds} jenis; temuan yang sama dikelompokkan. Setiap "
              "pegawai dengan baris Excel-nya ada di lembar Temuan Data pada ranking.xlsx.",
        "en": "{n} data findings of {kinds} kinds; identical findings are grouped. Each person "
              "with their Excel row is on the Data findings sheet of ranking.xlsx."},
    "html.col.people": {"id": "Pegawai", "en": "People"},
    "html.col.examples": {"id": "Contoh NIP", "en": "Example NIPs"},
    "html.note_in_policy_language": {"id": "Catatan kebijakan:", "en": "Policy note (Indonesian):"},
    "html.proxy_note": {
        "id": "NIP memuat tanggal lahir dan jenis kelamin; mengurutkan menurut NIP berarti "
              "mengurutkan menurut usia.",
        "en": "The NIP encodes the birth date and sex; ordering by NIP orders by age."},
    # report.html's first page: what a head of agency signs
    "cover.version": {"id": "versi {version}", "en": "version {version}"},
    "cover.legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "cover.group": {"id": "Kelompok", "en": "Group"},
    "cover.all": {"id": "Semua pegawai yang memenuhi syarat", "en": "Everyone eligible"},
    "cover.ledger": {"id": "Buku besar (ledger)", "en": "Ledger"},
    "cover.ledger_after": {"id": "dicatat sesudah entri nomor {seq}, hash",
                           "en": "recorded after entry {seq}, hash"},
    "cover.ledger_none": {"id": "tidak dicatat pada buku besar", "en": "not recorded in a ledger"},
    "cover.intro": {
        "id": "Halaman ini merangkum hasil yang ditandatangani; daftar, audit keadilan, temuan "
              "data dan aturan menyusul, penjelasan per pegawai ada pada lampiran. SHA-256 hasil "
              "di atas mengikat tanda tangan pada berkas result.json yang sama.",
        "en": "This page summarises the result being signed; the lists, the fairness audit, "
              "data findings and rules follow, with each person's explanation in the appendix. "
              "The result SHA-256 above ties the signature to the same result.json."},
    "cover.prepared": {"id": "Disusun oleh,", "en": "Prepared by,"},
    "cover.approved": {"id": "Disetujui oleh,", "en": "Approved by,"},
    "cover.name": {"id": "Nama ……………………………………………", "en": "Name ……………………………………………"},
    "cover.nip": {"id": "NIP ……………………………………………", "en": "NIP ……………………………………………"},
    "cover.position": {"id": "Jabatan ……………………………………………",
                       "en": "Position ……………………………………………"},
    "html.appendix": {"id": "Lampiran", "en": "Appendix"},
    # cli: audit, check, history, ledger show
    "cli.audit_no_out": {
        "id": "Tidak ada berkas yang ditulis; tambahkan --out FOLDER untuk menyimpan audit.json, "
              "audit.xlsx dan audit.html (dicatat pada buku besar).",
        "en": "Nothing was written; add --out FOLDER to keep audit.json, audit.xlsx and "
              "audit.html (recorded in the ledger)."},
    "cli.check_no_out": {
        "id": "Tidak ada berkas yang ditulis; tambahkan --out FOLDER untuk menyimpan checks.json "
              "dan checks.xlsx (kertas kerja dengan nama pegawai yang bersangkutan).",
        "en": "Nothing was written; add --out FOLDER to keep checks.json and checks.xlsx (the "
              "working paper naming the people concerned)."},
    "cli.ledger_no_run": {"id": "Proses {run_id} tidak ada pada buku besar; lihat "
                                "'asn-merit history'.",
                          "en": "Run {run_id} is not in the ledger; see 'asn-merit history'."},
    "history.kind.score": {"id": "penilaian", "en": "score"},
    "history.kind.audit": {"id": "audit", "en": "audit"},
    "history.kind.check": {"id": "pemeriksaan", "en": "check"},
    "history.kind.verify": {"id": "verifikasi", "en": "verify"},
    "history.kind.anchor": {"id": "jangkar", "en": "anchor"},
    "history.no_policy": {"id": "(tanpa kebijakan)", "en": "(no policy)"},
    "history.score": {"id": "dinilai {evaluated}, memenuhi syarat {eligible}, terpilih "
                            "{selected}",
                      "en": "evaluated {evaluated}, eligible {eligible}, selected {selected}"},
    "history.audit": {"id": "{findings} temuan, {watch} perlu dipantau",
                      "en": "{findings} findings, {watch} to watch"},
    "history.check": {"id": "terpicu: {errors} kesalahan, {warnings} peringatan, {info} "
                            "informasi",
                      "en": "fired: {errors} errors, {warnings} warnings, {info} info"},
    "history.worst": {"id": "rasio dampak terendah {ratios}",
                      "en": "worst impact ratio {ratios}"},
    "history.empty": {"id": "Belum ada proses yang dicatat.", "en": "No run recorded yet."},
    "ledger.seq": {"id": "Nomor entri", "en": "Entry"},
    "ledger.run_id": {"id": "ID proses", "en": "Run ID"},
    "ledger.kind": {"id": "Jenis", "en": "Kind"},
    "ledger.recorded_at": {"id": "Dicatat (UTC)", "en": "Recorded (UTC)"},
    "ledger.policy": {"id": "Kebijakan", "en": "Policy"},
    "ledger.policy_sha256": {"id": "SHA-256 kebijakan", "en": "Policy SHA-256"},
    "ledger.input_sha256": {"id": "SHA-256 data masukan", "en": "Input SHA-256"},
    "ledger.result_sha256": {"id": "SHA-256 hasil", "en": "Result SHA-256"},
    "ledger.manifest_sha256": {"id": "SHA-256 manifes", "en": "Manifest SHA-256"},
    "ledger.prev_hash": {"id": "Hash entri sebelumnya", "en": "Previous entry hash"},
    "ledger.entry_hash": {"id": "Hash entri", "en": "Entry hash"},
    "ledger.summary": {"id": "Ringkasan", "en": "Summary"},
    "explain.population": {
        "id": "Kebijakan ini hanya berlaku bagi: {condition}. Data pegawai ini tidak memenuhi "
              "ketentuan tersebut.",
        "en": "This policy applies only to: {condition}. This person's data does not meet "
              "that condition."},
    "cli.starting.score": {"id": "asn-merit: menilai … (memuat modul, beberapa detik)",
                           "en": "asn-merit: scoring … (loading, a few seconds)"},
    "cli.starting.audit": {"id": "asn-merit: mengaudit … (memuat modul, beberapa detik)",
                           "en": "asn-merit: auditing … (loading, a few seconds)"},
    "cli.starting.check": {"id": "asn-merit: memeriksa … (memuat modul, beberapa detik)",
                           "en": "asn-merit: checking … (loading, a few seconds)"},
    "cli.starting.verify": {"id": "asn-merit: memverifikasi … (memuat modul, beberapa detik)",
                            "en": "asn-merit: verifying … (loading, a few seconds)"},
    # oversight (check): labels of the working paper's figures and columns
    "check.id": {"id": "ID", "en": "ID"},
    "check.title": {"id": "Judul", "en": "Title"},
    "check.severity": {"id": "Tingkat", "en": "Severity"},
    "check.status": {"id": "Status", "en": "Status"},
    "check.reason": {"id": "Temuan", "en": "Finding"},
    "check.count": {"id": "Jumlah baris", "en": "Rows"},
    "check.legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "check.confidence": {"id": "Keyakinan sumber", "en": "Confidence"},
    "check.explanation": {"id": "Aturan", "en": "Rule"},
    "check.needs": {"id": "Kolom yang dibutuhkan", "en": "Columns needed"},
    "check.nip": {"id": "NIP", "en": "NIP"},
    "check.unit": {"id": "Unit kerja", "en": "Work unit"},
    "check.row": {"id": "Baris Excel", "en": "Excel row"},
    "check.gol": {"id": "Gol/Ruang", "en": "Rank"},
    "check.tmt_gol": {"id": "TMT Golongan", "en": "TMT Golongan"},
    "check.eligible_from": {"id": "Memenuhi syarat sejak", "en": "Eligible from"},
    "check.periods_missed": {"id": "Periode terlewat", "en": "Periods missed"},
    "check.education": {"id": "Pendidikan", "en": "Education"},
    "check.ceiling": {"id": "Batas pangkat", "en": "Ceiling"},
    "check.gol_superior": {"id": "Gol/Ruang atasan", "en": "Superior's rank"},
    "check.jenis_jabatan": {"id": "Jenis jabatan", "en": "Post type"},
    "check.jf_level": {"id": "Jenjang JF", "en": "JF level"},
    "check.allowed": {"id": "Rentang pangkat", "en": "Rank range"},
    "check.age": {"id": "Usia", "en": "Age"},
    "check.bup": {"id": "BUP", "en": "BUP"},
    "check.retire_on": {"id": "Seharusnya pensiun", "en": "Retirement due"},
    "check.event": {"id": "Peristiwa", "en": "Event"},
    "check.event_date": {"id": "Tanggal peristiwa", "en": "Event date"},
    "check.sanction": {"id": "Hukdis", "en": "Sanction"},
    "check.sanction_start": {"id": "Mulai hukdis", "en": "Sanction start"},
    "check.sanction_end": {"id": "Akhir hukdis", "en": "Sanction end"},
    "check.field": {"id": "Bagian", "en": "Field"},
    "check.in_nip": {"id": "Menurut NIP", "en": "In the NIP"},
    "check.in_column": {"id": "Menurut kolom", "en": "In the column"},
    "check.decision": {"id": "Keputusan", "en": "Decision"},
    "check.assessor": {"id": "NIP penilai", "en": "Assessor NIP"},
    "check.candidate": {"id": "NIP kandidat", "en": "Candidate NIP"},
    "check.relation": {"id": "Hubungan", "en": "Relation"},
    "check.role": {"id": "Peran", "en": "Role"},
    "check.score": {"id": "Nilai", "en": "Score"},
    "check.outcome": {"id": "Hasil", "en": "Outcome"},
    "check.years_counted": {"id": "Tahun dihitung", "en": "Years counted"},
    "check.rated": {"id": "Dinilai", "en": "Rated"},
    "check.sangat_baik": {"id": "Sangat Baik", "en": "Sangat Baik"},
    "check.share_sangat_baik": {"id": "Porsi Sangat Baik", "en": "Sangat Baik share"},
    "check.unit_predikat": {"id": "Predikat unit", "en": "Unit rating"},
    "check.expected": {"id": "Pedoman", "en": "Guidance"},
    "check.share": {"id": "Porsi", "en": "Share"},
    "check.group": {"id": "Kelompok", "en": "Group"},
    "check.n": {"id": "n", "en": "n"},
    "check.flagged": {"id": "Terkena", "en": "Concerned"},
    "check.rate": {"id": "Tingkat", "en": "Rate"},
    "check.as_of": {"id": "Tanggal acuan", "en": "Reference date"},
    "check.roster": {"id": "Roster", "en": "Roster"},
    "check.sha256": {"id": "SHA-256", "en": "SHA-256"},
    "check.sheet": {"id": "Lembar", "en": "Sheet"},
    "check.rows": {"id": "Baris dibaca", "en": "Rows read"},
    "check.logical": {"id": "Nama logis", "en": "Logical name"},
    "check.header": {"id": "Judul kolom", "en": "Header"},
    "check.invalid": {"id": "Sel tidak terbaca", "en": "Unreadable cells"},
    "check.people": {"id": "Pegawai", "en": "People"},
    "check.in_scope": {"id": "Dalam cakupan", "en": "In scope"},
    "check.overdue": {"id": "Tertunggak", "en": "Overdue"},
    "check.one_rank_above_no_vacancy": {
        "id": "Satu pangkat di atas jenjang (sah bila tanpa lowongan)",
        "en": "One rank above the level (lawful without a vacancy)"},
    "check.failing_requirement": {"id": "Tidak memenuhi syarat", "en": "Failing requirement"},
    "check.superior_rank_not_recorded": {"id": "Pangkat atasan tidak tercatat",
                                         "en": "Superior's rank not recorded"},
    "check.by_unit": {"id": "Menurut unit kerja", "en": "By work unit"},
    "check.by_group": {"id": "Menurut kelompok", "en": "By group"},
    "check.by_region": {"id": "Menurut wilayah", "en": "By region"},
    "check.birth_date_from_nip": {"id": "Tanggal lahir dari NIP",
                                  "en": "Birth date taken from NIP"},
    "check.year": {"id": "Tahun penilaian", "en": "Rating year"},
    "check.cap": {"id": "Batas Sangat Baik", "en": "Sangat Baik cap"},
    "check.min_rated": {"id": "Minimum dinilai per unit", "en": "Minimum rated per unit"},
    "check.units_judged": {"id": "Unit dinilai", "en": "Units judged"},
    "check.units_too_small": {"id": "Unit terlalu kecil", "en": "Units too small"},
    "check.units_without_rating": {"id": "Unit tanpa predikat unit",
                                   "en": "Units without a unit rating"},
    "check.units_conflicting_rating": {"id": "Unit dengan predikat unit tidak seragam",
                                       "en": "Units with conflicting unit ratings"},
    "check.shares_by_unit": {"id": "Porsi predikat per unit", "en": "Rating shares by unit"},
    "check.with_level": {"id": "Dengan jenjang diketahui", "en": "With a known level"},
    "check.sanctions_dated": {"id": "Hukdis bertanggal", "en": "Dated sanctions"},
    "check.decisions": {"id": "Keputusan", "en": "Decisions"},
    "check.pairs": {"id": "Pasangan", "en": "Pairs"},
    "check.related": {"id": "Kandidat berhubungan", "en": "Related candidates"},
    "check.unrelated": {"id": "Kandidat lain", "en": "Other candidates"},
    "check.selected": {"id": "Berhasil", "en": "Selected"},
    "check.fisher_p_one_sided": {"id": "p Fisher (satu sisi)", "en": "Fisher p (one-sided)"},
    "check.alpha": {"id": "α", "en": "α"},
    "check.score_uplift_mean": {"id": "Rata-rata selisih nilai", "en": "Mean score uplift"},
    "check.score_uplift_pairs": {"id": "Pasangan bernilai", "en": "Scored pairs"},
    "check.years": {"id": "Tahun", "en": "Years"},
    "check.min_jp_per_year": {"id": "JP minimum setahun", "en": "Minimum JP a year"},
    "check.none": {"id": "Tanpa JP", "en": "No JP"},
    "check.below_min": {"id": "Di bawah minimum", "en": "Below the minimum"},
    "check.mean_jp_per_year": {"id": "Rata-rata JP setahun", "en": "Mean JP a year"},
    "check.median_jp_per_year": {"id": "Median JP setahun", "en": "Median JP a year"},
    "check.none_rate": {"id": "Porsi tanpa JP", "en": "Share with no JP"},
    "check.below_min_rate": {"id": "Porsi di bawah minimum", "en": "Share below the minimum"},
    "check.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "check.age_band": {"id": "Kelompok usia", "en": "Age band"},
    "check.religion": {"id": "Agama", "en": "Religion"},
    "check.marital": {"id": "Status perkawinan", "en": "Marital status"},
    "check.ratings": {"id": "Predikat", "en": "Ratings"},
    "check.education_ceiling": {"id": "Melampaui batas pendidikan",
                                "en": "Above the education ceiling"},
    "check.no_sanction": {"id": "Tidak sedang dihukum disiplin", "en": "Not under a sanction"},
    "check.not_top_rank": {"id": "Belum di pangkat puncak", "en": "Not at the top rank"},
    "check.superior_not_recorded": {"id": "Pangkat atasan tidak tercatat",
                                    "en": "Superior's rank not recorded"},
    "check.superior_rank": {"id": "Melampaui pangkat atasan", "en": "Above the superior's rank"},
    "check.time_in_rank": {"id": "Masa dalam pangkat cukup", "en": "Enough time in rank"},
    "check.ujian_dinas": {"id": "Perlu ujian dinas", "en": "Needs the service exam"},
    "check.region": {"id": "Wilayah", "en": "Region"},
    "check.examples": {"id": "Contoh NIP", "en": "Example NIPs"},
    "check.word.error": {"id": "kesalahan", "en": "error"},
    "check.word.warning": {"id": "peringatan", "en": "warning"},
    "check.word.info": {"id": "informasi", "en": "info"},
    "check.word.fired": {"id": "terpicu", "en": "fired"},
    "check.word.clear": {"id": "bersih", "en": "clear"},
    "check.word.skipped": {"id": "dilewati", "en": "skipped"},
    "check.word.yes": {"id": "ya", "en": "yes"},
    "check.word.no": {"id": "tidak", "en": "no"},
    "check.word.sheet.summary": {"id": "Ringkasan", "en": "Summary"},
    "check.word.sheet.rules": {"id": "Aturan", "en": "Rules"},
    "check.word.sheet.columns": {"id": "Kolom", "en": "Columns"},
    "check.word.heading": {"id": "Kertas kerja pemeriksaan sistem merit",
                           "en": "Merit-system audit working paper"},
    "check.word.people": {"id": "Pegawai atau unit yang bersangkutan",
                          "en": "People or units concerned"},
    "check.word.figures": {"id": "Angka", "en": "Figures"},
    "check.outcome.fired": {"id": "TEMUAN ({severity})", "en": "FIRED ({severity})"},
    "check.more": {"id": " dan {n} lainnya", "en": " and {n} more"},
    "fair.legal": {
        "id": "Dasar hukum: UU 20/2023 tentang ASN menetapkan sistem merit — manajemen ASN "
              "berdasarkan kualifikasi, kompetensi, potensi dan kinerja, secara adil dan wajar "
              "tanpa membedakan suku, ras, warna kulit, agama, asal-usul, jenis kelamin, status "
              "pernikahan, umur atau kebutuhan khusus; PP 11/2017 tentang Manajemen PNS (Pasal "
              "134 ayat 2) menuntut promosi terbuka dan penilaian yang objektif; PermenPANRB "
              "19/2025 (pengganti PermenPANRB 40/2018) mengatur penyelenggaraan sistem merit. "
              "Peraturan tersebut tidak menetapkan ambang statistik; audit ini memakai ukuran "
              "praktis yang dijelaskan pada bagian Metode.",
        "en": "Legal basis: UU 20/2023 on the civil service (ASN) sets the merit system — ASN "
              "management by qualification, competence, potential and performance, fairly and "
              "without distinguishing ethnicity, race, skin colour, religion, origin, sex, "
              "marital status, age or special needs; PP 11/2017 on PNS management (Art. 134(2)) "
              "requires open promotion and objective appraisal; PermenPANRB 19/2025 (replacing "
              "PermenPANRB 40/2018) governs how the merit system is run. These rules set no "
              "statistical threshold; this audit uses the practical measures described under "
              "Method."},
    "method.origin": {
        "id": "Asal ukuran: aturan empat-perlima (4/5) berasal dari pedoman seleksi pegawai "
              "Amerika Serikat (Uniform Guidelines on Employee Selection Procedures 1978, 29 CFR "
              "1607.4(D)); kelompok dengan porsi kecil tidak dinilai mengikuti UGESP Q&A 12 dan "
              "NYC Local Law 144 §5-301(d); uji \"satu orang berbeda\" (flip-flop) memeriksa "
              "apakah memindahkan satu orang membalik perbandingan. Ukuran ini dipakai sebagai "
              "alat bantu, bukan sebagai hukum yang berlaku di Indonesia.",
        "en": "Origin of the measures: the four-fifths (4/5) rule comes from the United States' "
              "Uniform Guidelines on Employee Selection Procedures (1978, 29 CFR 1607.4(D)); "
              "small groups are not judged following UGESP Q&A 12 and NYC Local Law 144 "
              "§5-301(d); the \"one different person\" (flip-flop) test checks whether moving "
              "one person reverses the comparison. They are used as tools, not as Indonesian "
              "law."},
    "fair.see_method": {"id": "lihat Metode", "en": "see Method"},
}


def t(key: str, lang: str, /, **values: object) -> str:
    """The message for `key` in `lang`, formatted; a missing key is a bug, so it raises."""
    template = MESSAGES[key][lang if lang in LANGUAGES else "id"]
    return template.format(**values) if values else template
