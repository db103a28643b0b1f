"""Vectorised parsers turning roster text cells into typed pandas Series.

The roster reader hands every column over as text (dtype "string", ``pd.NA`` for blanks), so
that the typing rules live in one place and every cell that fails them can be reported, rather
than being silently coerced by a spreadsheet engine. Each parser returns the typed values
together with a mask of the non-blank cells it rejected; a blank cell is never invalid here
(whether a blank is allowed is the caller's business).

All parsers work column-at-a-time with pandas string methods and regex extraction; none loops
over rows in Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "GOLONGAN_LABELS",
    "PANGKAT_NAMES",
    "PARSERS",
    "Parsed",
    "golongan_label",
    "months_between",
    "nip_birth_date",
    "nip_kind",
    "nip_sex",
    "nip_tmt_cpns",
    "normalise_key",
    "normalise_key_text",
    "parse_bool",
    "parse_category",
    "parse_date",
    "parse_golongan",
    "parse_golongan_cell",
    "parse_integer",
    "parse_nip18",
    "parse_number",
    "parse_text",
    "pppk_golongan",
    "years_between",
]


@dataclass(frozen=True)
class Parsed:
    """Result of parsing one column.

    ``values`` and ``invalid`` share the input's index and name. ``values`` is NA wherever the
    cell was blank or invalid; ``invalid`` is a plain bool Series, True only for non-blank cells
    that could not be parsed, so blanks and bad cells can be reported differently.
    """

    values: pd.Series
    invalid: pd.Series
    expected: str


# --- shared helpers ---------------------------------------------------------------------------


def _clean(s: pd.Series) -> pd.Series:
    """NFKC-normalise, collapse inner whitespace and strip; empty text counts as blank.

    NFKC folds full-width digits, non-breaking spaces and similar copy-paste debris into their
    plain forms, so later regexes only need to know ASCII. Done once per distinct value.
    """
    return _by_unique(s, _clean_ascii, _clean_text)


def _flag(cond: pd.Series) -> pd.Series:
    """Nullable boolean -> plain bool with NA as False, safe to use in ``where``/indexing."""
    return cond.fillna(False).astype(bool)


def _result(text: pd.Series, values: pd.Series, expected: str) -> Parsed:
    """Package parsed values; a cell is invalid iff it had text but yielded no value."""
    values = values.rename(text.name)
    invalid = (text.notna() & values.isna()).astype(bool).rename(text.name)
    return Parsed(values=values, invalid=invalid, expected=expected)


def _to_float(parts: pd.Series) -> pd.Series:
    """Digit-only text -> float64 with NaN for NA (the form ``pd.to_datetime`` assembles)."""
    if parts.dtype == "string":  # regex groups of ASCII digits: Arrow's cast is exact
        values = pc.cast(_to_arrow(parts), pa.float64()).to_numpy(zero_copy_only=False)
        return pd.Series(values, index=parts.index, dtype="float64")
    return pd.to_numeric(parts, errors="coerce").astype("float64")


def _assemble_date(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    """Build datetime64[s] from numeric parts; impossible dates (31 Feb, month 13) become NaT."""
    dates = pd.to_datetime(
        {"year": _to_float(year), "month": _to_float(month), "day": _to_float(day)},
        errors="coerce",
    )
    return dates.astype("datetime64[s]")


# --- normalisation ----------------------------------------------------------------------------


_GROUP = re.compile(r"(?<!\\)\((?!\?)")


def _extract(s: pd.Series, pattern: str) -> pd.DataFrame:
    """`Series.str.extract` done by Arrow's regex engine: pandas runs extract row by row in
    Python even on Arrow strings, which made date parsing the slowest step of reading."""
    counter = iter(range(1_000))
    named = _GROUP.sub(lambda _: f"(?P<g{next(counter)}>", pattern)
    array = pa.array(s.astype("string").to_numpy(dtype=object, na_value=None), pa.string())
    groups = pc.extract_regex(array, named)
    frame = pd.DataFrame({i: pd.Series(groups.field(i).to_pandas(), dtype="string")
                          for i in range(groups.type.num_fields)}, index=s.index)
    # no match gives null structs whose fields still read as ""; blank them like pandas does
    return frame.where(pd.Series(groups.is_valid().to_numpy(zero_copy_only=False),
                                 index=s.index), pd.NA)


def normalise_key(s: pd.Series) -> pd.Series:
    """Matching key: NFKC, casefolded, whitespace collapsed, no spaces around "-" and "/".

    Used wherever roster text is compared against a fixed vocabulary (categories, booleans,
    headers), so "SANGAT  BAIK", "sangat baik" and "s - 1" / "S-1" compare equal.
    Blank cells stay NA; empty text stays "". Computed once per distinct value.
    """
    return _by_unique(s, _key_ascii, normalise_key_text)


# --- per distinct value, in Arrow -------------------------------------------------------------
# ASCII text is handled by Arrow kernels (NFKC is the identity on ASCII, casefold is lower);
# the few distinct non-ASCII values go through the scalar Python functions, which are the
# reference definitions. The class is Python's `\s` restricted to ASCII (RE2's `\s` lacks \v
# and the \x1c-\x1f separators that Python counts as whitespace).
_ASCII_SPACE_RUN = r"[\t\n\x0b\x0c\r\x1c-\x1f ]+"


def _to_arrow(s: pd.Series) -> pa.Array:
    """A string Series as one contiguous Arrow array (no copy for Arrow-backed strings)."""
    values = s.astype("string").array.__arrow_array__()
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _from_arrow(values: pa.Array, like: pd.Series) -> pd.Series:
    return pd.Series(pd.arrays.ArrowStringArray(values.cast(pa.large_string())),
                     index=like.index, name=like.name)


def _by_unique(s: pd.Series, ascii_fn: Callable[[pa.Array], pa.Array],
               text_fn: Callable[[str], str | None]) -> pd.Series:
    """Apply a string transformation to each distinct value once, then take by index."""
    encoded = pc.dictionary_encode(_to_arrow(s))
    uniques = encoded.dictionary
    out = ascii_fn(uniques)
    is_ascii = pc.string_is_ascii(uniques)
    if len(uniques) and not pc.all(is_ascii).as_py():
        other = pc.invert(is_ascii)
        replaced = [text_fn(v) for v in pc.filter(uniques, other).to_pylist()]
        out = pc.replace_with_mask(out, other, pa.array(replaced, out.type))
    return _from_arrow(pc.take(out, encoded.indices), s)


def _clean_ascii(values: pa.Array) -> pa.Array:
    text = pc.utf8_trim(pc.replace_substring_regex(values, _ASCII_SPACE_RUN, " "), " ")
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)


def _clean_text(value: str) -> str | None:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip() or None


def _key_ascii(values: pa.Array) -> pa.Array:
    key = pc.utf8_trim(pc.replace_substring_regex(pc.ascii_lower(values), _ASCII_SPACE_RUN, " "),
                       " ")
    key = pc.replace_substring_regex(key, " ?- ?", "-")
    return pc.replace_substring_regex(key, " ?/ ?", "/")


_SPACES = re.compile(r"\s+")
_DASH = re.compile(r" ?- ?")
_SLASH = re.compile(r" ?/ ?")


def normalise_key_text(text: str) -> str:
    """Scalar :func:`normalise_key` in plain Python (headers, policy literals): same steps,
    checked against the vectorised form by a property test."""
    key = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return _SLASH.sub("/", _DASH.sub("-", key))


# --- simple types -----------------------------------------------------------------------------


def parse_text(s: pd.Series) -> Parsed:
    """Free text: NFKC-normalised with inner whitespace collapsed; never invalid."""
    text = _clean(s)
    return _result(text, text, "text")


# At most one dot, optional exponent; commas are turned into dots before matching.
_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"


def _number_values(text: pd.Series) -> pd.Series:
    """Float64 from cleaned text.

    Replacing every comma by a dot handles the Indonesian decimal comma ("12,5") while anything
    mixing separators ("1,234.5", "1.2,3") ends up with two dots and fails the pattern, which
    is the safe outcome for ambiguous thousands separators.
    """
    dotted = text.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(dotted.where(_flag(dotted.str.fullmatch(_NUMBER))), errors="coerce")
    numbers = numbers.astype("Float64")
    return numbers.where(_flag(np.isfinite(numbers)))


def parse_number(s: pd.Series) -> Parsed:
    """Decimal number -> Float64; accepts "12", "-3", "12.5", "12,5" and "1e3"."""
    text = _clean(s)
    return _result(text, _number_values(text), "a number (e.g. 12 or 12,5)")


# Floats represent every integer exactly up to 2**53; beyond that "whole" is meaningless.
_MAX_EXACT_INT = 2**53


def parse_integer(s: pd.Series) -> Parsed:
    """Whole number -> Int64; "12" and "12.0" are fine, "12.5" is invalid."""
    text = _clean(s)
    numbers = _number_values(text)
    whole = _flag((numbers == numbers.round()) & (numbers.abs() <= _MAX_EXACT_INT))
    return _result(text, numbers.where(whole).astype("Int64"), "a whole number")


_TRUE_WORDS = ("true", "ya", "y", "yes", "1", "benar")
_FALSE_WORDS = ("false", "tidak", "t", "no", "n", "0", "salah")
_BOOL_WORDS: dict[str, bool] = {
    **dict.fromkeys(_TRUE_WORDS, True),
    **dict.fromkeys(_FALSE_WORDS, False),
}


def parse_bool(s: pd.Series) -> Parsed:
    """Yes/no -> boolean. Note "t" means *tidak* (False), following Indonesian forms."""
    text = _clean(s)
    values = normalise_key(text).map(_BOOL_WORDS).astype("boolean")
    return _result(text, values, "yes/no (ya/tidak, true/false, 1/0)")


# --- dates ------------------------------------------------------------------------------------

_ISO_DATE = (
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?$"
)
# Separators are captured separately (RE2, used for Arrow strings, has no backreferences).
_DMY_DATE = r"^([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4})$"

_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_EXCEL_FAKE_LEAP_DAY = 60  # Excel's nonexistent 1900-02-29
_EXCEL_UNIX_EPOCH = 25569  # serial of 1970-01-01 (origin 1899-12-30)


def _excel_serial_dates(text: pd.Series) -> pd.Series:
    """Excel 1900-system serials -> datetime64[s]; any fraction (time of day) is dropped.

    Excel counts a 29 February 1900 that never existed: serials from 61 on use origin
    1899-12-30, serials 1..59 use 1899-12-31, and serial 60 itself is rejected.
    """
    serial = np.floor(_number_values(text))
    ok = _flag((serial >= 1) & (serial <= _EXCEL_MAX_SERIAL) & (serial != _EXCEL_FAKE_LEAP_DAY))
    days = serial - _EXCEL_UNIX_EPOCH + (serial < _EXCEL_FAKE_LEAP_DAY).astype("Float64")
    days_since_epoch = days.where(ok, 0).to_numpy(dtype="int64", na_value=0)
    dates = pd.Series(
        days_since_epoch.astype("datetime64[D]").astype("datetime64[s]"), index=text.index
    )
    return dates.where(ok)


# Month names as SIMPEG/SIASN exports and hand-kept sheets write them, Indonesian and English,
# full and abbreviated ("12 Maret 1985", "1 Agt 2018", "12-Jan-2020", "5 Sept 2019").
_MONTHS: dict[str, int] = {
    **{name: n for n, names in enumerate((
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "aug", "agust"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "december", "des", "dec"),
    ), start=1) for name in names},
}
# day, month name (an abbreviation may end in a dot), four-digit year; separators space . / -
_NAMED_DATE = r"^([0-9]{1,2})[ ./-]*([a-z]+)\.?[ ./-]*([0-9]{4})$"


def _named_month_dates(text: pd.Series) -> pd.Series:
    """Day-month name-year text -> datetime64[s]; an unknown month word gives NaT."""
    parts = _extract(normalise_key(text), _NAMED_DATE)
    month = parts[1].map(_MONTHS).astype("Int64").astype("string")
    return _assemble_date(parts[2], month, parts[0])


def parse_date(s: pd.Series) -> Parsed:
    """Calendar date -> datetime64[s] at midnight.

    Accepts ISO "YYYY-MM-DD" (a trailing time is ignored), day-first "DD/MM/YYYY",
    "DD-MM-YYYY" and "DD.MM.YYYY" (never month-first: Indonesian rosters are day-first), a
    month written as an Indonesian or English name or abbreviation ("12 Maret 1985",
    "1 Agt 2018", "12-Jan-2020") and Excel serial numbers 1..2958465. A two-digit year is
    refused: its century would be a guess. Seconds resolution covers Excel's full range up to
    9999-12-31, which nanoseconds (max 2262) would not.
    """
    text = _clean(s)
    iso = _extract(text, _ISO_DATE)
    dmy = _extract(text, _DMY_DATE)
    dmy = dmy.where(_flag(dmy[1] == dmy[3]), axis=0)  # both separators must agree
    from_parts = _assemble_date(iso[0].fillna(dmy[4]), iso[1].fillna(dmy[2]), iso[2].fillna(dmy[0]))
    values = from_parts.fillna(_named_month_dates(text)).fillna(_excel_serial_dates(text))
    return _result(text, values, "a date (DD/MM/YYYY, YYYY-MM-DD, 12 Maret 1985 or Excel "
                   "serial)")


# --- golongan (civil-service grade) -----------------------------------------------------------

GOLONGAN_LABELS: tuple[str, ...] = (
    *(f"I/{x}" for x in "abcd"),
    *(f"II/{x}" for x in "abcd"),
    *(f"III/{x}" for x in "abcd"),
    *(f"IV/{x}" for x in "abcde"),
)

PANGKAT_NAMES: dict[str, str] = dict(
    zip(
        GOLONGAN_LABELS,
        (
            "Juru Muda",
            "Juru Muda Tingkat I",
            "Juru",
            "Juru Tingkat I",
            "Pengatur Muda",
            "Pengatur Muda Tingkat I",
            "Pengatur",
            "Pengatur Tingkat I",
            "Penata Muda",
            "Penata Muda Tingkat I",
            "Penata",
            "Penata Tingkat I",
            "Pembina",
            "Pembina Tingkat I",
            "Pembina Utama Muda",
            "Pembina Utama Madya",
            "Pembina Utama",
        ),
        strict=True,
    )
)

# Searched inside a normalise_key()'d cell, so "Penata Muda (III/a)" and "Penata Muda, III/a"
# match too. The boundaries keep roman numerals inside words ("pembina") from matching.
_GOLONGAN_CODE = r"(?:^|[^a-z0-9])(iv|iii|ii|i|[1-4])[ /-]?([a-e])(?:[^a-z0-9]|$)"
_GOLONGAN_GROUP = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_GOLONGAN_STEP = {letter: n for n, letter in enumerate("abcde", start=1)}
_PANGKAT_ORDINAL = {
    normalise_key_text(name): n for n, name in enumerate(PANGKAT_NAMES.values(), start=1)
}


def parse_golongan(s: pd.Series) -> Parsed:
    """Golongan/ruang -> Int64 ordinal 1 (I/a) .. 17 (IV/e), so grades compare and subtract.

    Accepts "III/a", "III-a", "III a", "IIIa", "3a", "3/a" in any case, the code embedded in
    longer text ("Penata Muda (III/a)"), and a bare pangkat name ("Penata Muda"). Only group
    IV has a step "e".
    """
    text = _clean(s)
    key = normalise_key(text)
    code = _extract(key, _GOLONGAN_CODE)
    group = code[0].map(_GOLONGAN_GROUP).astype("Int64")
    step = code[1].map(_GOLONGAN_STEP).astype("Int64")
    ordinal = ((group - 1) * 4 + step).where(_flag((step <= 4) | (group == 4)))
    by_name = key.where(code[0].isna()).map(_PANGKAT_ORDINAL).astype("Int64")
    return _result(text, ordinal.fillna(by_name), "a golongan I/a..IV/e (e.g. III/a)")


# PPPK grades (Perpres 98/2020) run I..XVII with no ruang letter. V..XVII cannot be a PNS
# golongan; a bare I..IV could be a PNS golongan with its ruang missing, so it counts as PPPK
# only when the cell says so ("IV (PPPK)", "P3K IV").
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii")
_PPPK_GOLONGAN = r"^(?:gol(?:ongan)?\.? ?)?(?:(?:pppk|p3k) ?)?([ivx]+)(?: ?[(]?(?:pppk|p3k)[)]?)?$"


def pppk_golongan(s: pd.Series) -> pd.Series:
    """PPPK golongan -> Int64 1 (I) .. 17 (XVII); NA for anything else."""
    key = normalise_key(_clean(s))
    grade = _extract(key, _PPPK_GOLONGAN)[0].map(
        {r: n for n, r in enumerate(_ROMAN, start=1)}).astype("Int64")
    return grade.where(_flag(grade >= 5) | _flag(key.str.contains("pppk|p3k", regex=True)))


def parse_golongan_cell(s: pd.Series) -> Parsed:
    """A roster's golongan column: a PNS golongan as :func:`parse_golongan` reads it; a PPPK
    grade (I..XVII) is recognised as its own kind, not on the PNS scale, so it reads as blank
    rather than invalid (PPPK rows are outside every PNS rank rule). Policy literals keep
    :func:`parse_golongan`, where a PPPK grade is an error."""
    parsed = parse_golongan(s)
    pppk = _flag(pppk_golongan(s).notna())
    return Parsed(parsed.values, parsed.invalid & ~pppk,
                  "a golongan I/a..IV/e (e.g. III/a) or a PPPK golongan V..XVII "
                  "(I..IV written as 'IV (PPPK)')")


def golongan_label(ordinal: pd.Series) -> pd.Series:
    """Ordinal 1..17 -> label "I/a".."IV/e" (dtype "string"); anything else -> NA."""
    labels = dict(enumerate(GOLONGAN_LABELS, start=1))
    return ordinal.map(labels).astype("string")


# --- NIP (18-digit civil-servant number) ------------------------------------------------------


def parse_nip18(s: pd.Series) -> Parsed:
    """NIP -> "string" of exactly 18 digits.

    Spaces, dots and a leading apostrophe (Excel's force-text marker) are removed first, so
    "19860926 201505 1 001" is valid. Legacy 9-digit NIPs are invalid.
    """
    text = _clean(s)
    digits = pc.replace_substring_regex(pc.replace_substring_regex(
        _to_arrow(text), "^['’]", ""), "[ .]", "")
    digits = pc.if_else(pc.match_substring_regex(digits, "^[0-9]{18}$"), digits,
                        pa.scalar(None, digits.type))
    values = _from_arrow(digits, text)
    return _result(text, values, "18 digits (NIP or NI PPPK)")


# YYYYMMDD birth, YYYYMM TMT CPNS, sex digit, 3-digit sequence.
_NIP_PARTS = r"^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{4})([0-9]{2})([0-9])[0-9]{3}$"


_NIP_SLICES = ((0, 4), (4, 6), (6, 8), (8, 12), (12, 14), (14, 15))


def _nip_parts(nip: pd.Series) -> pd.DataFrame:
    """The groups of `_NIP_PARTS` by fixed positions: one regex test instead of a capturing
    regex per part (three times faster on a million NIPs)."""
    array = _to_arrow(nip)
    whole = pc.match_substring_regex(array, "^[0-9]{18}$")
    blank = pa.scalar(None, array.type)
    return pd.DataFrame({
        i: _from_arrow(pc.if_else(whole, pc.utf8_slice_codeunits(array, a, b), blank), nip)
        for i, (a, b) in enumerate(_NIP_SLICES)}, index=nip.index)


def nip_birth_date(nip: pd.Series) -> pd.Series:
    """Birth date encoded in NIP digits 1-8 (datetime64[s]); NaT if not a real date."""
    parts = _nip_parts(nip)
    return _assemble_date(parts[0], parts[1], parts[2])


def nip_tmt_cpns(nip: pd.Series) -> pd.Series:
    """First of the TMT CPNS month from NIP digits 9-14 (datetime64[s]).

    NaT for an NI PPPK (:func:`nip_kind`): its digits 13-14 are a code, not a month.
    """
    parts = _nip_parts(nip)
    first = pd.Series("1", index=nip.index, dtype="string")
    return _assemble_date(parts[3], parts[4], first)


def nip_kind(nip: pd.Series) -> pd.Series:
    """"PNS" or "PPPK" for each 18-digit number (NA otherwise), by layout.

    A PNS NIP is birth date (8), TMT CPNS year-month (6), sex (1), sequence (3) (Perka BKN
    22/2007). An NI PPPK is birth date (8), year of first appointment (4), a two-digit code
    (the number of contracts or the intake, e.g. 21, 24), sex (1), sequence (3) (BKN
    administrasi teknis NI PPPK 2022; reference/domain-indonesia.md §8, confidence S): where
    digits 13-14 are not a month 01-12, the number can only be an NI PPPK. An NI PPPK whose
    code is 01-12 looks like a NIP and is read as one; the row's status column tells them
    apart, not the digits.
    """
    parts = _nip_parts(nip)
    month = _to_float(parts[4])
    kind = pd.Series(np.where(month.between(1, 12), "PNS", "PPPK"), index=nip.index,
                     dtype="string")
    return kind.where(month.notna()).rename(None)


def nip_sex(nip: pd.Series) -> pd.Series:
    """Sex from NIP digit 15: "L" for 1, "P" for 2, NA otherwise (dtype "string")."""
    return _nip_parts(nip)[5].map({"1": "L", "2": "P"}).astype("string").rename(None)


# --- categories -------------------------------------------------------------------------------

_EXPECTED_SHOWN = 10


def _category_lookup(allowed: Sequence[str], aliases: Mapping[str, str]) -> dict[str, str]:
    """Normalised key -> canonical value; raises ValueError on a misconfigured vocabulary."""
    if not allowed:
        raise ValueError("category needs at least one allowed value")
    lookup: dict[str, str] = {}
    for value in allowed:
        key = normalise_key_text(value)
        if lookup.setdefault(key, value) != value:
            raise ValueError(f"allowed values {lookup[key]!r} and {value!r} are indistinguishable")
    canonical_by_key = dict(lookup)
    for alias, target in aliases.items():
        canonical = canonical_by_key.get(normalise_key_text(target))
        if canonical is None:
            raise ValueError(f"alias {alias!r} points to {target!r}, which is not allowed")
        key = normalise_key_text(alias)
        if lookup.setdefault(key, canonical) != canonical:
            raise ValueError(f"alias {alias!r} conflicts with {lookup[key]!r}")
    return lookup


def parse_category(
    s: pd.Series, allowed: Sequence[str], aliases: Mapping[str, str] | None = None
) -> Parsed:
    """One of a fixed vocabulary -> "string" holding the canonical spelling from ``allowed``.

    Cells, allowed values and alias keys are all compared via :func:`normalise_key`; an alias
    target may be written in any spelling that matches an allowed value. Raises ValueError for
    an empty vocabulary, two allowed values with the same key, or an alias to an unknown value.
    """
    lookup = _category_lookup(allowed, aliases or {})
    text = _clean(s)
    values = normalise_key(text).map(lookup).astype("string")
    shown = ", ".join(allowed[:_EXPECTED_SHOWN])
    more = len(allowed) - _EXPECTED_SHOWN
    expected = f"one of: {shown}" + (f", … ({more} more)" if more > 0 else "")
    return _result(text, values, expected)


# --- date arithmetic --------------------------------------------------------------------------


def months_between(start: pd.Series, end: pd.Series | pd.Timestamp) -> pd.Series:
    """Completed calendar months from ``start`` to ``end`` (Int64), for age and tenure.

    A month counts once the end's day of month reaches the start's (time of day is ignored),
    so 15 Apr -> 14 Oct is 5 months and 31 Jan -> 28 Feb is 0. Negative when ``end`` precedes
    ``start``; NA where either side is NaT. ``start`` must be datetime64; a scalar ``end``
    (anything ``pd.Timestamp`` accepts) applies to every row.
    """
    if not isinstance(end, pd.Series):
        end = pd.Series(pd.Timestamp(end), index=start.index)
    s_dt, e_dt = start.dt, end.dt
    years = e_dt.year.astype("Int64") - s_dt.year.astype("Int64")
    months = e_dt.month.astype("Int64") - s_dt.month.astype("Int64")
    short = (e_dt.day.astype("Int64") < s_dt.day.astype("Int64")).astype("Int64")
    return years * 12 + months - short


def years_between(start: pd.Series, end: pd.Series | pd.Timestamp) -> pd.Series:
    """Completed years (Int64): ``months_between // 12``, floored, so -1 month is -1 year."""
    return months_between(start, end) // 12


PARSERS: dict[str, Callable[[pd.Series], Parsed]] = {
    "text": parse_text,
    "number": parse_number,
    "integer": parse_integer,
    "bool": parse_bool,
    "date": parse_date,
    "golongan": parse_golongan_cell,
    "nip18": parse_nip18,
}
