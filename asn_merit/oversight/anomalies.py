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
        "Pegawai bukan pejabat struktural yang pangkatnya lebih tinggi dari pangkat tertinggi "
        "yang dapat dicapai dengan pendidikan terakhir yang tercatat (misalnya SLTA paling "
        "tinggi III/b, S-1/D-IV III/d, S-2 IV/a). Bisa berarti pendidikan di roster belum "
        "diperbarui setelah KP penyesuaian ijazah, kenaikan lewat jalur lain, atau kesalahan "
        "data; bila tidak ada dasar, kenaikan pangkat itu perlu diperiksa.",
        "Staff outside structural posts whose rank is above the highest rank their recorded "
        "education allows (e.g. SLTA up to III/b, S-1/D-IV up to III/d, S-2 up to IV/a). It may "
        "mean the roster's education was not updated after a KP penyesuaian ijazah, a "
        "promotion by another route, or a data error; without a basis the promotion needs "
        "review."),
    legal_basis=("PP 99/2000 jo. PP 12/2002 (batas pangkat menurut ijazah, KP reguler)",),
    confidence="C (kp-ropeg.kemkes.go.id; bkpsdm.karangasemkab.go.id)",
    needs=("gol", "education"),
)

ABOVE_SUPERIOR = CheckInfo(
    id="rank-above-superior",
    severity="warning",
    title=text("Pangkat di atas pangkat atasan langsung", "Rank above the direct superior's"),
    explanation=text(
        "Pegawai yang pangkatnya lebih tinggi dari pangkat atasan langsungnya. KP reguler tidak "
        "boleh menghasilkan pangkat di atas atasan langsung, jadi keadaan ini perlu dasar "
        "(misalnya jabatan fungsional dengan angka kredit, atau atasan yang baru dilantik) atau "
        "menunjukkan data atasan yang keliru.",
        "Staff whose rank is above their direct superior's. A KP reguler may not raise anyone "
        "above the direct superior, so this needs a basis (e.g. a functional post promoted on "
        "credit points, or a newly appointed superior) or points to wrong superior data."),
    legal_basis=("PP 99/2000 jo. PP 12/2002 (pangkat tidak melampaui atasan langsung)",),
    confidence="C (kemkes; karangasem; malakakab)",
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
        "atau jenjang yang tidak sah. Jenjang diambil dari kolom jenjang, atau dari akhir nama "
        "jabatan fungsional.",
        "Functional-post holders whose rank lies outside their level's rank range (Ahli "
        "Pertama III/a–III/b, Ahli Muda III/c–III/d, Ahli Madya IV/a–IV/c, Ahli Utama "
        "IV/d–IV/e; Pemula II/a, Terampil II/b–II/d, Mahir III/a–III/b, Penyelia III/c–III/d). "
        "Level and rank are set together, so a mismatch is a data error or an irregular rank "
        "or level promotion. The level comes from the level column, or from the end of the "
        "functional post's name."),
    legal_basis=("UU 5/2014 Pasal 18 (jenjang JF)",
                 "PermenPANRB 1/2023 dan Peraturan BKN 3/2023 (rentang pangkat per jenjang)"),
    confidence="S (BKN Direktorat Jabatan ASN deck 2023; levels C)",
    needs=("gol", "jf_level|jabatan"),
)

RETIREMENT = CheckInfo(
    id="retirement-age",
    severity="error",
    title=text("Pegawai melewati batas usia pensiun", "Staff past the retirement age"),
    explanation=text(
        "Pegawai aktif yang telah melewati batas usia pensiun (BUP) jabatannya: JPT 60; "
        "Administrator, Pengawas dan Pelaksana 58; JF Ahli Pertama, Ahli Muda dan keterampilan "
        "58; Ahli Madya 60; Ahli Utama 65; guru 60. Pensiun berlaku awal bulan berikutnya "
        "setelah mencapai BUP. Bila roster tidak menunjukkan BUP mana yang berlaku (struktural "
        "tanpa eselon, JF tanpa jenjang), dipakai BUP tertinggi yang mungkin, sehingga tidak "
        "ada yang dilaporkan karena tebakan.",
        "Active staff past the retirement age (BUP) of their post: JPT 60; Administrator, "
        "Pengawas and Pelaksana 58; JF Ahli Pertama, Ahli Muda and skill levels 58; Ahli Madya "
        "60; Ahli Utama 65; teachers 60. Retirement takes effect on the first of the month "
        "after reaching the BUP. Where the roster does not show which limit applies "
        "(structural without eselon, JF without level) the highest possible one is used, so "
        "nobody is reported on a guess."),
    legal_basis=("UU 20/2023 Pasal 55; UU 5/2014 Pasal 90",
                 "Surat BKN K.26-30/V.119-2/99 (2017) untuk BUP JF",
                 "UU 14/2005 (guru)"),
    confidence="C/S (JPT, administrasi); S (JF levels); N (guru, first-of-next-month rule)",
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
    hit = _career(ctx) & ~ctx.structural() & (gol > ceiling).fillna(False).astype(bool)
    rows = person_rows(ctx, hit, education=ctx.col("education"), gol=rank(gol),
                       ceiling=rank(ceiling))
    n = int(hit.sum())
    return Outcome(records(rows, ["unit", "nip"]), {"people": n}, text(
        f"{n} pegawai berpangkat di atas batas pendidikannya",
        f"{n} staff ranked above their education ceiling"))


def rank_above_superior(ctx: Context) -> Outcome:
    gol = ctx.col("gol").astype("Int64")
    superior = ctx.col("gol_superior").astype("Int64")
    hit = _career(ctx) & (gol > superior).fillna(False).astype(bool)
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
    hit = _career(ctx) & ((gol < low) | (gol > high)).fillna(False).astype(bool)
    rows = person_rows(ctx, hit, jf_level=level, gol=rank(gol),
                       allowed=rank(low) + "–" + rank(high))
    n = int(hit.sum())
    return Outcome(records(rows, ["unit", "nip"]),
                   {"people": n, "with_level": int((level.notna() & gol.notna()).sum())},
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
    for name, age in r.BUP_SPECIAL_JF.items():
        special = special.mask(ctx.jabatan_key.str.match(rf"{name}\b").fillna(False)
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
