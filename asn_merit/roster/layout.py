"""Where the people are in a roster sheet: the header block, and the rows that are not people.

DAFTAR NOMINATIF, DUK and SIMPEG exports put a title above the header, a header over two or
three rows with merged cells (PANGKAT over GOL/RUANG | TMT), a row of column numbers under it,
unit section rows between blocks of people, JUMLAH rows and a signature block at the bottom.
The header is found from the first rows only; rows are classified only where the id cell does
not hold an id, with vectorised masks, so a large sheet costs one pass over its id column.
Every rule is conservative: a row it cannot name stays a row, and the contract then refuses it
with its file, sheet, row and column.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MAX_HEADER_DEPTH = 3
# first row, first column, last row, last column: 0-based and inclusive
Merge = tuple[int, int, int, int]


@dataclass(frozen=True)
class HeaderBlock:
    """The header: its rows (0-based, inclusive), one combined name per column (A = 0), and
    the rows right below it that are not people (a row of column numbers)."""

    first: int
    last: int
    names: list[str | None]
    column_numbers: int | None = None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def header_names(scan: Sequence[Sequence[object]], first: int, depth: int,
                 merges: Sequence[Merge] | None, width: int) -> list[str | None]:
    """One name per column from `depth` header rows: the texts from top to bottom joined by a
    space ("PANGKAT GOL/RUANG", "PREDIKAT KINERJA 2025"), a merged cell counting in every cell
    it covers. Without merge information (CSV) a group label typed once over several
    sub-headers is carried right while the sub-headers go on."""
    rows = range(first, first + depth)
    grid = [[_text(scan[r][c]) if r < len(scan) and c < len(scan[r]) else None
             for c in range(width)] for r in rows]
    for r0, c0, r1, c1 in merges or ():
        if r0 < first or r0 > rows[-1]:
            continue
        top = grid[r0 - first][c0] if c0 < width else None
        for r in range(r0, min(r1, rows[-1]) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                grid[r - first][c] = top
    if merges is None:
        for level in range(depth - 1):
            below = [any(grid[k][c] for k in range(level + 1, depth)) for c in range(width)]
            for c in range(1, width):
                if (grid[level][c] is None and grid[level][c - 1] is not None and below[c]
                        and below[c - 1]):
                    grid[level][c] = grid[level][c - 1]
    names: list[str | None] = []
    for c in range(width):
        parts: list[str] = []
        for level in range(depth):
            part = grid[level][c]
            if part is not None and (not parts or parts[-1] != part):
                parts.append(part)
        names.append(" ".join(parts) or None)
    return names


def _depth(first: int, merges: Sequence[Merge]) -> int | None:
    """Rows spanned by the merged cells that start on `first`; None if `first` lies inside a
    cell merged down from a row above (it cannot start a header)."""
    depth = 1
    for r0, _c0, r1, _c1 in merges:
        if r0 < first <= r1:
            return None
        if r0 == first:
            depth = max(depth, min(r1 - r0 + 1, MAX_HEADER_DEPTH))
    return depth


_COLUMN_NUMBER = re.compile(r"^\(?([0-9]{1,3})\)?\.?$")


def _column_numbers(row: Sequence[object]) -> bool:
    """A row of column numbers 1, 2, 3 … (or (1), (2) …) printed under the header."""
    numbers = []
    for value in row:
        text = _text(value)
        if text is None:
            continue
        match = _COLUMN_NUMBER.match(text)
        if match is None:
            return False
        numbers.append(int(match.group(1)))
    return (len(numbers) >= 3 and numbers[0] == 1
            and all(b > a for a, b in itertools.pairwise(numbers)))


def find_header(scan: Sequence[Sequence[object]], wanted: set[str], key: Callable[[str], str],
                merges: Sequence[Merge] | None, header_row: int | None = None) -> HeaderBlock:
    """The header block naming the most wanted columns (title rows sit above it).

    With merge information (xlsx) the block is as deep as the merged cells on its first row;
    without it (CSV) the depth (1 to 3 rows) naming the most wanted columns wins, the
    shallower on a tie. `header_row` (1-based) fixes the first row.
    """
    width = max((len(r) for r in scan), default=0)
    firsts = [header_row - 1] if header_row else range(len(scan))
    best: tuple[int, int, int, list[str | None]] | None = None  # hits, first, depth, names
    for first in firsts:
        if merges is None:
            depths = range(1, min(MAX_HEADER_DEPTH, max(len(scan) - first, 1)) + 1)
        else:
            depth = _depth(first, merges)
            if depth is None and header_row is None:
                continue
            depths = range(depth or 1, (depth or 1) + 1)
        for depth in depths:
            names = header_names(scan, first, depth, merges, width)
            hits = sum(1 for n in names if n is not None and key(n) in wanted)
            if best is None or hits > best[0]:
                best = (hits, first, depth, names)
    if best is None:
        return HeaderBlock(0, 0, [None] * width)
    _hits, first, depth, names = best
    last = first + depth - 1
    numbers = last + 1 if last + 1 < len(scan) and _column_numbers(scan[last + 1]) else None
    return HeaderBlock(first, last, names, numbers)


def header_hits(block: HeaderBlock, wanted: set[str], key: Callable[[str], str]) -> set[str]:
    """The wanted header keys this block names (how sheets are compared)."""
    return {key(n) for n in block.names if n is not None and key(n) in wanted}


# --- rows that are not people ------------------------------------------------------------------

# An id cell holds an id when it starts with a digit (an apostrophe forces text in Excel).
_ID_LIKE = r"^['’]?[0-9]"
_TOTAL = r"^(jumlah|total|sub ?total|grand ?total|jml\.?)([^a-z]|$)"
_SIGNATURE = (
    r"^(mengetahui|menyetujui|diketahui|disetujui|kepala([^a-z]|$)|plt[. ]|plh[. ]|pj[. ]"
    r"|a\.? ?n\.? |sekretaris|ttd|tertanda|dto|nip([^a-z]|$)|pembina|penata|pengatur|juru"
    r"|bupati|wali ?kota|gubernur|camat|an\. )"
    # place and date: "Sumedang, 1 Oktober 2026", "Bandung, 01-10-2026"
    r"|^[a-z][a-z .'-]+, *[0-9]{1,2}[ ./-]*([a-z]+|[0-9]{1,2})\.?[ ./-]*[0-9]{4}$"
)
# a numbered heading in one cell, or (in the row's cells joined) a word naming a unit
_NUMBERED = r"^([ivxlc]+|[a-z]|[0-9]{1,2})[.)] +[a-z]"
_UNIT_WORD = (
    r"(^|[^a-z])(dinas|badan|bagian|bidang|sekretariat|kecamatan|kelurahan|upt|uptd|puskesmas"
    r"|sekolah|rsud|kantor|satuan|inspektorat|seksi|subbagian|unit|opd|biro|direktorat)"
    r"([^a-z]|$)"
)
SPARSE_CELLS = 3  # a signature line rarely fills more cells than this


def id_like(ids: pa.Array) -> np.ndarray:
    """Which id cells hold something that could be an id (a blank or a word cannot)."""
    found = pc.match_substring_regex(ids, _ID_LIKE)
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def classify_rows(candidates: np.ndarray, cells: Sequence[pa.Array], last_person: int
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str | None]]:
    """Sections, totals and signature lines among `candidates` (body positions whose id cell
    holds no id), and each candidate's cells joined (its label). `cells`: every column's text
    at the candidate positions (blank = null).

    A total row starts with JUMLAH/TOTAL; a section row has at most two cells and its first
    reads like a numbered heading ("A. SEKRETARIAT") or its cells name a unit ("I" | "DINAS
    PENDIDIKAN"); a number and a name alone ("5" | "Budi") are not a section; below the last
    person the signature block starts at its first keyword or place-and-date line, and from
    there every sparse row belongs to it. Anything else is left to be read (and refused).
    """
    empty = np.array([], dtype=np.int64)
    if len(candidates) == 0:
        return empty, empty, empty, []
    count = np.zeros(len(candidates), dtype=np.int64)
    first: pa.Array = pa.nulls(len(candidates), pa.large_string())
    for column in cells:
        count += column.is_valid().to_numpy(zero_copy_only=False)
        first = pc.coalesce(first, column.cast(pa.large_string()))
    lower = pc.utf8_lower(first)
    text = pc.binary_join_element_wise(*[c.cast(pa.large_string()) for c in cells],
                                       pa.scalar(" ", pa.large_string()),
                                       null_handling="skip")
    joined = pc.utf8_lower(text)

    def matches(pattern: str, text: pa.Array = lower) -> np.ndarray:
        return pc.fill_null(pc.match_substring_regex(text, pattern), False).to_numpy(
            zero_copy_only=False)

    total = matches(_TOTAL)
    signature_word = matches(_SIGNATURE) & ~total
    section = ((matches(_NUMBERED) | matches(_UNIT_WORD, joined)) & (count <= 2) & ~total
               & ~signature_word)
    below = candidates > last_person
    starts = np.flatnonzero(below & (signature_word | total))
    signature = np.zeros(len(candidates), dtype=bool)
    if len(starts):
        trailer = np.arange(len(candidates)) >= starts[0]
        signature = trailer & (signature_word | (count <= SPARSE_CELLS)) & ~total
        section &= ~signature
    return (candidates[section], candidates[total], candidates[signature], text.to_pylist())


# --- merged cells of an xlsx sheet --------------------------------------------------------------

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell [^>]*?ref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def xlsx_merges(archive: zipfile.ZipFile, sheet: str) -> list[Merge] | None:
    """The merged ranges of one sheet, read from the sheet's XML (mergeCell elements follow
    the cell data); None when the workbook is not an xlsx that says where the sheet is."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    rid = next((s.get(_REL_NS) for s in book.iter() if s.tag.endswith("}sheet")
                and s.get("name") == sheet), None)
    target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
    if target is None:
        return None
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    try:
        with archive.open(path) as stream:
            merges = []
            tail = b""
            while chunk := stream.read(1 << 20):
                block = tail + chunk
                cut = block.rfind(b"<")
                merges += _MERGE.findall(block[:cut])
                tail = block[cut:]
            merges += _MERGE.findall(tail)
    except KeyError:
        return None
    return [(int(r0) - 1, _column_index(c0), int(r1 or r0) - 1, _column_index(c1 or c0))
            for c0, r0, c1, r1 in merges]
