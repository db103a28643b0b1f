"""Planted data errors for the small "roster with errors" sample.

Each problem sits on its own data row, so one finding never hides another, and every column
stays present. The descriptions name the Excel row and column header, as a user would look
them up; they go into sample_data/README.md.
"""

from __future__ import annotations

import pandas as pd

from asn_merit.sample.xlsx import CellValue, excel_row

# Data row (0-based position in the frame) carrying each planted problem.
NUMERIC_NIP_ROW = 2
SHORT_NIP_ROW = 4
DUPLICATE_SOURCE_ROW = 6
DUPLICATE_ROW = 7
IMPOSSIBLE_DATE_ROW = 9
UNKNOWN_GOLONGAN_ROW = 11
UNKNOWN_PREDIKAT_ROW = 13
BIRTH_DATE_MISMATCH_ROW = 15
SEX_MISMATCH_ROW = 17
MIN_ROWS = SEX_MISMATCH_ROW + 1

IMPOSSIBLE_DATE = "31/02/2019"
UNKNOWN_GOLONGAN = "V/a"
UNKNOWN_PREDIKAT = "Luar Biasa"


def plant_errors(
    frame: pd.DataFrame,
) -> tuple[pd.DataFrame, dict[tuple[int, str], CellValue], list[str]]:
    """Return a broken copy of ``frame``, cell overrides for values its dtypes cannot hold
    (a numeric NIP, a text date), and one description per planted problem."""
    if len(frame) < MIN_ROWS:
        raise ValueError(f"need at least {MIN_ROWS} rows to plant the errors, got {len(frame)}")
    broken = frame.copy()
    predikat = next(c for c in frame.columns if str(c).startswith("Predikat Kinerja"))
    overrides: dict[tuple[int, str], CellValue] = {}
    problems: list[str] = []

    def nip(position: int) -> str:
        return str(frame.at[position, "NIP"])

    # Excel keeps 15 significant digits, so a NIP typed as a number loses its tail.
    typed = round(int(nip(NUMERIC_NIP_ROW)), -3)
    overrides[(NUMERIC_NIP_ROW, "NIP")] = float(typed)
    problems.append(
        f"Excel row {excel_row(NUMERIC_NIP_ROW)}, column 'NIP': NIP {nip(NUMERIC_NIP_ROW)} is "
        f"stored as a NUMBER cell ({float(typed):.14E}, i.e. {typed}); Excel keeps only 15 "
        "significant digits, so the last digits are lost and cannot be recovered from the file."
    )

    short = nip(SHORT_NIP_ROW)[:-1]
    broken.at[SHORT_NIP_ROW, "NIP"] = short
    problems.append(
        f"Excel row {excel_row(SHORT_NIP_ROW)}, column 'NIP': '{short}' has 17 digits "
        f"(the last digit of {nip(SHORT_NIP_ROW)} is missing)."
    )

    for column in frame.columns.drop("No"):
        broken.at[DUPLICATE_ROW, column] = frame.at[DUPLICATE_SOURCE_ROW, column]
    problems.append(
        f"Excel rows {excel_row(DUPLICATE_SOURCE_ROW)} and {excel_row(DUPLICATE_ROW)}, column "
        f"'NIP': duplicate NIP {nip(DUPLICATE_SOURCE_ROW)}; row {excel_row(DUPLICATE_ROW)} "
        f"repeats the employee of row {excel_row(DUPLICATE_SOURCE_ROW)}."
    )

    overrides[(IMPOSSIBLE_DATE_ROW, "TMT Golongan")] = IMPOSSIBLE_DATE
    problems.append(
        f"Excel row {excel_row(IMPOSSIBLE_DATE_ROW)}, column 'TMT Golongan': text "
        f"'{IMPOSSIBLE_DATE}', a date that does not exist (February has no 31st)."
    )

    broken.at[UNKNOWN_GOLONGAN_ROW, "Gol/Ruang"] = UNKNOWN_GOLONGAN
    problems.append(
        f"Excel row {excel_row(UNKNOWN_GOLONGAN_ROW)}, column 'Gol/Ruang': unknown golongan "
        f"'{UNKNOWN_GOLONGAN}' (ranks run from I/a to IV/e)."
    )

    broken.at[UNKNOWN_PREDIKAT_ROW, predikat] = UNKNOWN_PREDIKAT
    problems.append(
        f"Excel row {excel_row(UNKNOWN_PREDIKAT_ROW)}, column '{predikat}': '{UNKNOWN_PREDIKAT}' "
        "is not a predikat kinerja (Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang)."
    )

    born = frame.at[BIRTH_DATE_MISMATCH_ROW, "Tanggal Lahir"]
    typo = born - pd.DateOffset(years=1)
    broken.at[BIRTH_DATE_MISMATCH_ROW, "Tanggal Lahir"] = typo
    problems.append(
        f"Excel row {excel_row(BIRTH_DATE_MISMATCH_ROW)}, column 'Tanggal Lahir': "
        f"{typo:%d/%m/%Y}, but digits 1-8 of NIP {nip(BIRTH_DATE_MISMATCH_ROW)} give "
        f"{born:%d/%m/%Y}."
    )

    sex = str(frame.at[SEX_MISMATCH_ROW, "Jenis Kelamin"])
    flipped = "P" if sex == "L" else "L"
    broken.at[SEX_MISMATCH_ROW, "Jenis Kelamin"] = flipped
    problems.append(
        f"Excel row {excel_row(SEX_MISMATCH_ROW)}, column 'Jenis Kelamin': '{flipped}', but "
        f"digit 15 of NIP {nip(SEX_MISMATCH_ROW)} is {nip(SEX_MISMATCH_ROW)[14]} "
        f"({'male (L)' if sex == 'L' else 'female (P)'})."
    )
    return broken, overrides, problems
