# ruff: noqa: E501  (a catalogue: one English key per line reads better than wrapped keys)
"""Indonesian for every description in the policy model, keyed by the English text.

The model's docstrings and `description=` stay the single English source; the schema shows
"Indonesian / English". A new description without an entry here fails the schema test.
"""

INDONESIAN = {
    "A category (or category field) giving the column": "Kategori (atau field kategori) yang menentukan kolom",
    "A category (or category field) giving the row": "Kategori (atau field kategori) yang menentukan baris",
    "A label for each eligible person (a band of the total, a box, the first case that\n"
    "holds), reported and audited.":
        "Label untuk setiap orang yang memenuhi syarat (rentang total, kotak, kasus pertama yang "
        "berlaku), dilaporkan dan diaudit.",
    "Decision table: each person gets the first case whose 'when' holds":
        "Tabel keputusan: setiap orang mendapat kasus pertama yang 'when'-nya berlaku",
    "How sure the legal fact is: C, S or N (N is shown as unverified)":
        "Tingkat kepastian fakta hukumnya: C, S atau N (N ditampilkan sebagai belum diverifikasi)",
    "Leave out on the last case: otherwise": "Kosongkan pada kasus terakhir: selain itu",
    "One row of a decision table: the value when `when` holds; no `when` = otherwise.":
        "Satu baris tabel keputusan: nilai bila `when` berlaku; tanpa `when` = selain itu.",
    "Where a table or formula comes from": "Asal tabel atau rumus",
    "Accepted header spellings; {tahun-1} stands for the year before as_of":
        "Ejaan judul kolom yang diterima; {tahun-1} berarti tahun sebelum as_of",
    "Also accept the SIASN/SIMPEG spellings of this field's header and values":
        "Terima juga ejaan SIASN/SIMPEG untuk judul dan nilai field ini",
    "When no header matches: refuse the roster (default), allow it (every rule reading the field "
    "sees blanks, and the reports say so), or from_nip (derive it from the NIP digits named by "
    "nip_part)":
        "Bila tidak ada judul yang cocok: tolak roster (bawaan), izinkan (setiap aturan yang membaca "
        "field ini melihat sel kosong, dan laporan menyebutkannya), atau from_nip (diturunkan dari "
        "digit NIP yang disebut nip_part)",
    "false allows blank cells (the column itself must still be there unless if_absent says "
    "otherwise)":
        "false mengizinkan sel kosong (kolomnya sendiri tetap harus ada kecuali if_absent "
        "menyatakan lain)",
    "How rows that are not people are read (roster/layout.py).":
        "Cara membaca baris yang bukan data pegawai (roster/layout.py).",
    "Unit section rows between blocks of people ('I. DINAS PENDIDIKAN') give their text to this "
    "column field for the people below them; without it they are skipped and listed":
        "Baris judul unit di antara blok pegawai ('I. DINAS PENDIDIKAN') memberi teksnya ke field "
        "kolom ini untuk pegawai di bawahnya; tanpa ini baris tersebut dilewati dan dicatat",
    "A label in Indonesian and English; reports pick one by `--lang`.":
        "Label dalam bahasa Indonesia dan Inggris; laporan memilih sesuai `--lang`.",
    "A raw numeric value handed to saw, weighted_product, topsis or profile_matching, which\n"
    "normalise it themselves (weighted_sum needs values on 0..scale: use 'weighted').":
        "Nilai angka mentah untuk saw, weighted_product, topsis atau profile_matching, yang "
        "menormalkannya sendiri (weighted_sum memerlukan nilai 0..skala: gunakan 'weighted').",
    "A whole policy file.": "Satu berkas kebijakan utuh.",
    "Accepted header spellings": "Ejaan judul kolom yang diterima",
    "Bin the age in years at as_of instead of the field itself":
        "Kelompokkan usia (tahun) pada as_of, bukan nilai field itu sendiri",
    "Completed months or years from a date field to `as_of` (tenure, age).":
        "Bulan atau tahun penuh dari field tanggal sampai `as_of` (masa kerja, usia).",
    "Content version; bump on any change": "Versi isi; naikkan pada setiap perubahan",
    "Core factors' share; secondary = 1 - it": "Porsi core factor; secondary factor = 1 - porsi ini",
    "Criterion weights from a pairwise comparison matrix (Saaty), instead of `weight:`.":
        "Bobot kriteria dari matriks perbandingan berpasangan (Saaty), sebagai ganti `weight:`.",
    "Cross-check this column against the matching digits of the NIP":
        "Cocokkan kolom ini dengan digit NIP yang bersesuaian",
    "File format version understood by the tool": "Versi format berkas yang dipahami alat ini",
    "GAP -> weight; default: the standard table, 0 -> 5.0 ... -4 -> 1.0":
        "GAP -> bobot; bawaan: tabel standar, 0 -> 5.0 ... -4 -> 1.0",
    "Gap to a target profile (Kusrini 2007): GAP = value - target, weighted through the table.":
        "Selisih terhadap profil target (Kusrini 2007): GAP = nilai - target, dibobot melalui tabel.",
    "How one logical field is found in the spreadsheet and typed.":
        "Cara satu field logis ditemukan di spreadsheet dan diberi tipe.",
    "How reports show it": "Cara laporan menampilkannya",
    "How sure the legal fact is": "Tingkat kepastian fakta hukumnya",
    "How the criteria are combined": "Cara kriteria digabungkan",
    "Immutable kebab-case id": "Id kebab-case yang tidak boleh diubah",
    "Immutable policy id": "Id kebijakan yang tidak boleh diubah",
    "Largest consistency ratio accepted": "Rasio konsistensi terbesar yang diterima",
    "Numeric band [gte, lt) that maps a value to a category.":
        "Rentang angka [gte, lt) yang memetakan nilai ke kategori.",
    "Numeric band [gte, lt): lower bound included, upper excluded.":
        "Rentang angka [gte, lt): batas bawah termasuk, batas atas tidak.",
    "Places for each group": "Jumlah tempat untuk setiap kelompok",
    "Places for each group read from this column (e.g. the formation's need)":
        "Jumlah tempat per kelompok dibaca dari kolom ini (mis. kebutuhan formasi)",
    "Places overall, or per group": "Jumlah tempat keseluruhan, atau per kelompok",
    "Points for a value not in the table": "Poin untuk nilai yang tidak ada di tabel",
    "Random index table for the consistency ratio": "Tabel indeks acak untuk rasio konsistensi",
    "Reference date for ages and tenures": "Tanggal acuan untuk usia dan masa kerja",
    "Rule ids in the order of the matrix rows and columns":
        "Id aturan sesuai urutan baris dan kolom matriks",
    "Saaty 1-9 judgements, row i compared with column j; write 1/3 as \"1/3\"":
        "Penilaian Saaty 1-9, baris i dibandingkan kolom j; tulis 1/3 sebagai \"1/3\"",
    "Select everyone whose label in this category is 'favourable'":
        "Pilih semua orang yang labelnya dalam kategori ini 'favourable'",
    "Several fields as one text key, e.g. a CPNS formation = position + unit + route.":
        "Beberapa field sebagai satu kunci teks, mis. formasi CPNS = jabatan + unit + jalur.",
    "Share of core factors in this aspect (default: the policy's)":
        "Porsi core factor dalam aspek ini (bawaan: porsi kebijakan)",
    "Share of the total (aspect weight)": "Porsi dari total (bobot aspek)",
    "Share of the total; leave out when scoring.ahp gives the weights":
        "Porsi dari total; kosongkan bila bobot diberikan scoring.ahp",
    "The resulting values, in order": "Nilai hasil, berurutan",
    "The value the bands cut (default: total)": "Nilai yang dibagi rentang (bawaan: total)",
    "Two categories crossed into one, e.g. performance x potential -> talent box 1..9.":
        "Dua kategori disilangkan menjadi satu, mis. kinerja x potensial -> kotak talenta 1..9.",
    "Value used for a blank input: the points on 0..scale, or for saw/weighted_product/topsis/"
    "profile_matching the criterion value":
        "Nilai untuk masukan kosong: poin 0..skala, atau untuk saw/weighted_product/topsis/"
        "profile_matching nilai kriterianya",
    "Values the fairness audit counts as the good outcome":
        "Nilai yang dihitung audit keadilan sebagai hasil baik",
    "What the result records, e.g. 'Sangat Tinggi' or '9'":
        "Yang dicatat di hasil, mis. 'Sangat Tinggi' atau '9'",
    "Whitelisted expression giving a value on 0..scale":
        "Ekspresi yang diizinkan, menghasilkan nilai 0..skala",
    "Why this key; acknowledges a proxy": "Alasan kunci ini; mengakui adanya proksi",
    "false allows blank cells": "false mengizinkan sel kosong",
    "profile_matching: core factor or secondary factor":
        "profile_matching: core factor atau secondary factor",
    "profile_matching: the aspect's id": "profile_matching: id aspek",
    "profile_matching: the required level": "profile_matching: tingkat yang dipersyaratkan",
    "row value -> column value -> resulting value": "nilai baris -> nilai kolom -> nilai hasil",
    "saw, weighted_product, topsis: cost = smaller is better":
        "saw, weighted_product, topsis: cost = makin kecil makin baik",
    "saw: ratio (default), minmax, sum; topsis: vector (default), minmax":
        "saw: ratio (bawaan), minmax, sum; topsis: vector (bawaan), minmax",
}
