"""Dates written out the way a reader expects: "1 Oktober 2026" in Indonesian, "1 October 2026"
in English. Month names are spelled here rather than taken from the C locale, which is rarely
installed for Indonesian and would make the report depend on the machine that wrote it.
"""

from __future__ import annotations

from datetime import date

MONTHS: dict[str, tuple[str, ...]] = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def long_date(value: date | str, lang: str) -> str:
    """`value` (a date or an ISO "YYYY-MM-DD" string) as day, month name, year in `lang`."""
    day = value if isinstance(value, date) else date.fromisoformat(value)
    months = MONTHS.get(lang, MONTHS["id"])
    return f"{day.day} {months[day.month - 1]} {day.year}"
