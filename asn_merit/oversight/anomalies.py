"""Roster anomalies that suggest a data error or favouritism (§4, §8, §9, §10 and the loader
checks at the end of the domain reference)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from asn_merit.oversight import rules as r
from asn_merit.oversight.context import Context, add_months, person_rows, rank, records
from asn_merit.oversight.model import CheckInfo, Outcome, text
from asn_merit.oversight.promotion import sanction_window
from asn_merit.roster.types import years_between

CEILING = CheckInfo(
    id="education-ceiling",
    severity="warning",
    title=text("Pangkat melampaui batas pendidikan", "Rank above the education ceiling"),
    explanation=text(
        "Pelaksana (PNS atau CPNS yang tidak menduduki jabatan struktural maupun fungsional) "
        "yang pangkatnya lebih tinggi dari pangkat tertinggi yang dapat dicapai dengan "
        "pendidikan terakhir yang tercatat (misalnya SLTA paling tinggi III/b, S-1/D-IV III/d, "
        "S-2 IV/a). Batas ini hanya berlaku untuk KP reguler; pemangku jabatan fungsional naik "
        "pangkat menurut jenjang dan angka kredit (PermenPANRB 1/2023), jadi tidak diperiksa. "
        "Bisa berarti pendidikan di roster belum diperbarui setelah KP penyesuaian ijazah, "
        "kenaikan lewat jalur lain, atau kesalahan data; bila tidak ada dasar, kenaikan pangkat "
        "itu perlu diperiksa.",
        "Pelaksana staff (PNS or CPNS holding neither a structural nor a functional post) whose "
        "rank is above the highest rank their recorded education allows (e.g. SLTA up to "
        "III/b, S-1/D-IV up to III/d, S-2 up to IV/a). The ceiling limits KP reguler only; "
        "functional-post holders are promoted by level and credit points (PermenPANRB 1/2023), "
        "so they are not checked. It may mean the roster's education was not updated after a "
        "KP penyesuaian ijazah, a promotion by another route, or a data error; without a basis "
        "the promotion needs review."),
    legal_basis=("PP 99/2000 jo. PP 12/2002 Pasal 7 (batas pangkat menurut ijazah, KP reguler)",
                 "PermenPANRB 1/2023 (jabatan fungsional: pangkat menurut jenjang)"),
    confidence="C (bkpsdm.karangasemkab.go.id; scribd 704543330)",
    needs=("gol", "education", "jenis_jabatan"),
)

ABOVE_SUPERIOR = CheckInfo(
    id="rank-above-superior",
    severity="info",
    title=text("Pangkat di atas pangkat atasan langsung (pemantauan)",
               "Rank above the direct superior's (watch list)"),
    explanation=text(
        "Bukan pelanggaran: sejak Peraturan BKN 2/2025 (20 Mei 2025) KP reguler boleh melampaui "
        "pangkat atasan langsung sampai batas pendidikan, dan pemangku jabatan fungsional sejak "
        "dulu boleh berpangkat lebih tinggi dari atasannya (PP 99/2000 Pasal 33), jadi mereka "
        "tidak didaftar. Daftar ini hanya untuk pemantauan: rincian syarat Pasal 2 ayat (2) "
        "belum terlihat dalam sumber resmi, dan selisih yang besar dapat menunjukkan data "
        "pangkat atasan yang keliru.",
        "Not a violation: since Peraturan BKN 2/2025 (20 May 2025) a KP reguler may exceed the "
        "direct superior's rank up to the education ceiling, and functional-post holders were "
        "always allowed to outrank their superior (PP 99/2000 Pasal 33), so they are not "
        "listed. The list is a watch list only: the exact conditions of Pasal 2(2) were not "
        "seen in an official text, and a large gap can point to wrong superior data."),
    legal_basis=("Peraturan BKN 2/2025 Pasal 2 ayat (2) (KP reguler dapat melampaui pangkat "
                 "atasan langsung)", "PP 99/2000 Pasal 33 (jabatan fungsional)"),
    confidence="S (jenepontokab.go.id; pa-mentok.go.id; BKN release; Pasal 2(2) text not seen)",
    needs=("gol", "gol_superior"),
)

JF_RANGE = CheckInfo(
    id="jf-level-rank",
    severity="error",
    title=text("Pangkat di luar rentang jenjang jabatan fungsional",
               "Rank outside the functional post's level range"),
    explanation=text(
        "Pemangku jabatan fungsional yang pangkatnya di luar rentang pangkat jenjangnya (Ahli "
        "Pertama III/a–III/b, Ahli Muda III/c–III/d, Ahli Madya IV/a–IV/c, Ahli Utama IV/d–IV/e; "
        "Pemula II/a, Terampil II/b–II/d, Mahir III/a–III/b, Penyelia III/c–III/d). Jenjang dan "
        "pangkat ditetapkan bersama, jadi selisih berarti kesalahan data atau kenaikan pangkat "
        "atau jenjang yang tidak sah. Satu pangkat di atas rentang tidak dilaporkan sebagai "
        "kesalahan: bila jenjang berikutnya tidak ada lowongan, pemangku JF yang angka "
        "kreditnya cukup dapat naik satu pangkat dalam jenjangnya (PermenPANRB 1/2023); "
        "jumlahnya dicatat di ringkasan. Jenjang diambil dari kolom jenjang, atau dari akhir "
        "nama jabatan fungsional.",
        "Functional-post holders whose rank lies outside their level's rank range (Ahli "
        "Pertama III/a–III/b, Ahli Muda III/c–III/d, Ahli Madya IV/a–IV/c, Ahli Utama "
        "IV/d–IV/e; Pemula II/a, Terampil II/b–II/d, Mahir III/a–III/b, Penyelia III/c–III/d). "
        "Level and rank are set together, so a mismatch is a data error or an irregular rank "
        "or level promotion. One rank above the range is not reported as an error: when the "
        "next level has no vacancy, a JF holder with enough credit points may be promoted one "
        "rank within the level (PermenPANRB 1/2023); their number is in the summary. The level "
        "comes from the level column, or from the end of the functional post's name."),
    legal_basis=("UU 5/2014 Pasal 18 (jenjang JF)",
                 "PermenPANRB 1/2023 dan Peraturan BKN 3/2023 (rentang pangkat per jenjang)"),
    confidence="S (BKN Direktorat Jabatan ASN deck 2023; scribd 704543330; levels C)",
    needs=("gol", "jf_level|jabatan"),
)

RETIREMENT = CheckInfo(
    id="retirement-age",
    severity="error",
    title=text("Pegawai melewati batas usia pensiun", "Staff past the retirement age"),
    explanation=text(
        "Pegawai aktif yang telah melewati batas usia pensiun (BUP) jabatannya: JPT 60; "
        "Administrator, Pengawas dan Pelaksana 58; JF Ahli Pertama, Ahli Muda dan keterampilan "
        "58; Ahli Madya 60; Ahli Utama 65; guru 60; dosen 65; profesor (Guru Besar) 70. "
        "Pensiun berlaku awal bulan berikutnya setelah mencapai BUP. Bila roster tidak "
        "menunjukkan BUP mana yang berlaku (struktural tanpa eselon, JF tanpa jenjang), dipakai "
        "BUP tertinggi yang mungkin, sehingga tidak ada yang dilaporkan karena tebakan.",
        "Active staff past the retirement age (BUP) of their post: JPT 60; Administrator, "
        "Pengawas and Pelaksana 58; JF Ahli Pertama, Ahli Muda and skill levels 58; Ahli Madya "
        "60; Ahli Utama 65; teachers 60; lecturers 65; professors (Guru Besar) 70. Retirement "
        "takes effect on the first of the month "
        "after reaching the BUP. Where the roster does not show which limit applies "
        "(structural without eselon, JF without level) the highest possible one is used, so "
        "nobody is reported on a guess."),
    legal_basis=("UU 20/2023 Pasal 55; UU 5/2014 Pasal 90",
                 "Surat BKN K.26-30/V.119-2/99 (2017) untuk BUP JF",
                 "PP 11/2017 Pasal 239-240 (BUP jabatan fungsional)",
                 "UU 14/2005 Pasal 30(4) (guru 60), Pasal 67(4)-(5) (dosen 65, profesor 70)"),
    confidence="C/S (JPT, administrasi); C (JF levels, guru, dosen); S (profesor 70); "
               "N (first-of-next-month rule)",
    needs=("birth_date|nip", "jenis_jabatan"),
)

SANCTION_OVERLAP = CheckInfo(
    id="sanction-overlap",
    severity="error",
    title=text("Kenaikan pangkat atau penghargaan saat menjalani hukuman disiplin",
               "Promotion or reward while a disciplinary sanction was running"),
    explanation=text(
        "Kenaikan pangkat (TMT golongan setelah TMT CPNS) atau penghargaan yang tanggalnya "
        "jatuh dalam masa hukuman disiplin pegawai itu. Pegawai yang sedang menjalani hukuman "
        "disiplin tidak dapat naik pangkat, dan penghargaan pada masa itu bertentangan dengan "
        "asas penghargaan berdasarkan penilaian objektif. Masa hukuman diambil dari tanggal "
        "mulai dan akhir, atau tanggal mulai ditambah lamanya dalam bulan.",
        "A promotion (a TMT Golongan after TMT CPNS) or a reward dated inside the person's "
        "disciplinary sanction. Nobody may be promoted while serving a sanction, and a reward "
        "then goes against rewards based on objective appraisal. The sanction runs from its "
        "start to its end date, or to its start plus its length in months."),
    legal_basis=("PP 94/2021 tentang Disiplin PNS", "PP 99/2000 jo. PP 12/2002",
                 "PP 11/2017 Pasal 134 (penghargaan dan sanksi berdasarkan penilaian objektif)"),
    confidence="S (BKN Kanreg I rejection causes; suara.com 2025)",
    needs=("sanction_start", "sanction_end|sanction_months", "tmt_gol|reward_date"),
)

NIP_IDENTITY = CheckInfo(
    id="nip-identity",
    severity="error",
    title=text("NIP tidak sesuai tanggal lahir atau jenis kelamin",
               "NIP disagrees with birth date or sex"),
    explanation=text(
        "Digit 1–8 NIP adalah tanggal lahir (TTTTBBHH) dan digit 15 jenis kelamin (1 laki-laki, "
        "2 perempuan). NIP yang tidak 18 digit, atau yang digitnya berbeda dari kolom tanggal "
        "lahir atau jenis kelamin, menunjukkan salah ketik, data yang tertukar antarpegawai, "
        "atau identitas yang diubah; semua keputusan yang memakai umur atau NIP ikut salah.",
        "NIP digits 1–8 are the birth date (YYYYMMDD) and digit 15 the sex (1 male, 2 female). "
        "A NIP that is not 18 digits, or whose digits disagree with the birth-date or sex "
        "column, points to a typing error, records swapped between people, or an altered "
        "identity; every decision using age or the NIP inherits the error."),
    legal_basis=("Peraturan Kepala BKN 22/2007 (susunan NIP)",),
    confidence="C",
    needs=("nip", "birth_date|sex"),
)

NIP_TMT = CheckInfo(
    id="nip-tmt-cpns",
    severity="warning",
    title=text("NIP tidak sesuai TMT CPNS", "NIP disagrees with TMT CPNS"),
    explanation=text(
        "Digit 9–14 NIP PNS adalah tahun dan bulan TMT CPNS. Selisih dengan kolom TMT CPNS "
        "biasanya salah ketik, tetapi dapat sah untuk pegawai pindahan; NI PPPK memakai susunan "
        "lain dan tidak diperiksa.",
        "NIP digits 9–14 of a PNS are the year and month of TMT CPNS. A difference from the TMT "
        "CPNS column is usually a typing error but can be legitimate for transferred staff; "
        "PPPK numbers are built differently and are not checked."),
    legal_basis=("Peraturan Kepala BKN 22/2007 (susunan NIP)",),
    confidence="C (PNS); S (PPPK NI layout)",
    needs=("nip", "tmt_cpns"),
)


def _career(ctx: Context) -> pd.Series:
    """PNS and CPNS (PPPK ranks and numbers follow other rules)."""
    return ctx.status_is("PNS", "CPNS")


def education_ceiling(ctx: Context) -> Outcome:
    gol = ctx.col("gol").astype("Int64")
    ceiling = ctx.col("education").map(r.EDUCATION_CEILING).astype("Int64")
    hit = _career(ctx) & ctx.pelaksana() & (gol > ceiling).fillna(False).astype(bool)
    rows = person_rows(ctx, hit, education=ctx.col("education"), gol=rank(gol),
                       ceiling=rank(ceiling))
    n = int(hit.sum())
    return Outcome(records(rows, ["unit", "nip"]), {"people": n}, text(
        f"{n} pegawai berpangkat di atas batas pendidikannya",
        f"{n} staff ranked above their education ceiling"))


def rank_above_superior(ctx: Context) -> Outcome:
    gol = ctx.col("gol").astype("Int64")
    superior = ctx.col("gol_superior").astype("Int64")
    functional = ctx.col("jenis_jabatan").eq("Fungsional").fillna(False).astype(bool)
    hit = _career(ctx) & ~functional & (gol > superior).fillna(False).astype(bool)
    rows = person_rows(ctx, hit, jenis_jabatan=ctx.col("jenis_jabatan"), gol=rank(gol),
                       gol_superior=rank(superior))
    n = int(hit.sum())
    return Outcome(records(rows, ["unit", "nip"]),
                   {"people": n, "superior_not_recorded": int(superior.isna().sum())},
                   text(f"{n} pegawai berpangkat di atas atasan langsungnya",
                        f"{n} staff ranked above their direct superior"))


def jf_level_rank(ctx: Context) -> Outcome:
    gol = ctx.col("gol").astype("Int64")
    level = ctx.jf_level
    low = level.map({k: v[0] for k, v in r.JF_LEVEL_RANKS.items()}).astype("Int64")
    high = level.map({k: v[1] for k, v in r.JF_LEVEL_RANKS.items()}).astype("Int64")
    outside = _career(ctx) & ((gol < low) | (gol > high)).fillna(False).astype(bool)
    lawful_above = (gol - high).between(1, r.JF_RANKS_ABOVE_LAWFUL).fillna(False).astype(bool)
    hit = outside & ~lawful_above
    rows = person_rows(ctx, hit, jf_level=level, gol=rank(gol),
                       allowed=rank(low) + "–" + rank(high))
    n = int(hit.sum())
    return Outcome(records(rows, ["unit", "nip"]),
                   {"people": n, "with_level": int((level.notna() & gol.notna()).sum()),
                    "one_rank_above_no_vacancy": int((outside & lawful_above).sum())},
                   text(f"{n} pemangku JF berpangkat di luar rentang jenjangnya",
                        f"{n} functional-post holders ranked outside their level's range"))


def _bup(ctx: Context) -> pd.Series:
    """Retirement age per person; the highest possible where the roster cannot tell."""
    jenis = ctx.col("jenis_jabatan")
    structural = pd.Series(float(r.BUP_STRUKTURAL_UNKNOWN), index=jenis.index)
    if ctx.has("eselon"):
        eselon = ctx.col("eselon").astype("string").str.upper().str.strip()
        by_eselon = eselon.str.extract(r"^(IV|III|II|I)\b")[0].map(r.BUP_BY_ESELON)
        structural = by_eselon.astype("float64").fillna(structural)
    special = pd.Series(np.nan, index=jenis.index)
    for pattern, age in r.BUP_SPECIAL_JF:
        special = special.mask(ctx.jabatan_key.str.contains(pattern).fillna(False)
                               .astype(bool), age)
    functional = special.fillna(ctx.jf_level.map(r.BUP_BY_JF_LEVEL).astype("float64"))
    bup = jenis.map(r.BUP_BY_JENIS).astype("float64")
    bup = bup.mask(jenis.eq("Struktural").fillna(False).astype(bool), structural)
    bup = bup.mask(jenis.eq("Fungsional").fillna(False).astype(bool), functional)
    return bup.fillna(r.BUP_JF_UNKNOWN).astype("Int64")


def retirement_age(ctx: Context) -> Outcome:
    birth, from_nip = ctx.birth_date()
    bup = _bup(ctx)
    reached = add_months(birth, bup * 12)
    retire_on = (reached.dt.to_period("M") + 1).dt.to_timestamp().astype("datetime64[s]")
    hit = _career(ctx) & (retire_on <= ctx.as_of).fillna(False).astype(bool)
    rows = person_rows(ctx, hit, jenis_jabatan=ctx.col("jenis_jabatan"), jf_level=ctx.jf_level,
                       age=years_between(birth, ctx.as_of), bup=bup, retire_on=retire_on)
    n = int(hit.sum())
    return Outcome(records(rows, ["unit", "nip"]),
                   {"people": n, "birth_date_from_nip": from_nip},
                   text(f"{n} pegawai aktif melewati BUP", f"{n} active staff past their BUP"))


def sanction_overlap(ctx: Context) -> Outcome:
    start, end = sanction_window(ctx)
    tmt = ctx.col("tmt_gol").astype("datetime64[s]")
    cpns = ctx.col("tmt_cpns").astype("datetime64[s]")
    promoted = tmt.dt.to_period("M") > cpns.dt.to_period("M")
    promoted = promoted.where(cpns.notna(), tmt.notna())  # no TMT CPNS: take it as a promotion
    events = {"promotion": tmt.where(promoted.fillna(False).astype(bool)),
              "reward": ctx.col("reward_date").astype("datetime64[s]")}
    found = []
    for event, day in events.items():
        hit = (start <= day) & (day <= end)
        found.append(person_rows(ctx, hit, event=pd.Series(event, index=day.index),
                                 event_date=day, sanction=ctx.col("sanction"),
                                 sanction_start=start, sanction_end=end))
    rows = pd.concat(found)
    n = rows["nip"].nunique()
    return Outcome(records(rows, ["unit", "nip", "event"]),
                   {"people": n, "sanctions_dated": int((start.notna() & end.notna()).sum())},
                   text(f"{n} pegawai naik pangkat atau diberi penghargaan saat menjalani "
                        "hukuman disiplin",
                        f"{n} staff promoted or rewarded while serving a sanction"))


def nip_identity(ctx: Context) -> Outcome:
    nip = ctx.col("nip").astype("string")
    written = ctx.nip()
    birth = ctx.col("birth_date").astype("datetime64[s]")
    sex = ctx.col("sex").astype("string")
    nip_birth, nip_sex = ctx.nip_birth, ctx.nip_sex
    checks = {
        "format": (written.notna() & nip.isna(), written, pd.Series(pd.NA, index=nip.index)),
        "birth_date": (nip.notna() & birth.notna() & (nip_birth != birth).fillna(True),
                       nip.str[:8], birth.dt.strftime("%Y%m%d")),
        "sex": (nip.notna() & sex.notna() & (nip_sex != sex).fillna(True), nip.str[14],
                sex.map({"L": "1", "P": "2"})),
    }
    rows = pd.concat([person_rows(ctx, hit, field=pd.Series(name, index=nip.index),
                                  in_nip=in_nip, in_column=in_column)
                      for name, (hit, in_nip, in_column) in checks.items()])
    n = rows["row"].nunique()
    return Outcome(records(rows, ["unit", "nip", "field"]), {"people": n}, text(
        f"{n} NIP tidak sah atau tidak sesuai tanggal lahir/jenis kelamin",
        f"{n} NIPs invalid or disagreeing with birth date/sex"))


def nip_tmt_cpns(ctx: Context) -> Outcome:
    nip = ctx.col("nip").astype("string")
    tmt = ctx.col("tmt_cpns").astype("datetime64[s]")
    from_nip = ctx.nip_tmt_cpns.dt.to_period("M")
    scope = ~ctx.status_is("PPPK") & nip.notna() & tmt.notna()
    hit = scope & (from_nip != tmt.dt.to_period("M")).fillna(True).astype(bool)
    rows = person_rows(ctx, hit, in_nip=nip.str[8:14], in_column=tmt.dt.strftime("%Y%m"))
    n = int(hit.sum())
    return Outcome(records(rows, ["unit", "nip"]), {"people": n}, text(
        f"{n} NIP tidak sesuai TMT CPNS", f"{n} NIPs disagreeing with TMT CPNS"))
