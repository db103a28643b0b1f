"""Several roster files (one per regency or unit) read as one roster.

Each file is read on its own, held to the same columns, and concatenated; every row remembers
its file, so findings name the file they come from and a NIP found in two files names both.

Files are read one after the other by default. A thread pool (`parallel=True`) was measured on
the 2-core benchmark machine with two 100,000-row workbooks: 9.2-10.7 s against 7.5-8.4 s
one after the other (process CPU time equal to one core either way), so it is off.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from asn_merit.diagnostics import RosterFinding
from asn_merit.errors import RosterError
from asn_merit.roster.reader import RawRoster
from asn_merit.roster.types import normalise_key_text

Reader = Callable[[Path], RawRoster]


def read_many(paths: Sequence[Path], read: Reader, parallel: bool = False) -> list[RawRoster]:
    """Read every file (in a thread pool if `parallel`); the contract errors of all files are
    collected into one RosterError (other errors propagate from the first failing file)."""
    if len(paths) == 1:
        return [read(paths[0])]
    if not parallel:
        results: list[RawRoster] = []
        problems: list[RosterFinding] = []
        for path in paths:
            try:
                results.append(read(path))
            except RosterError as exc:
                problems.extend(exc.findings)
        if problems:
            raise RosterError(problems)
        return results
    workers = min(len(paths), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(read, p) for p in paths]
        results = []
        problems = []
        for future in futures:
            try:
                results.append(future.result())
            except RosterError as exc:
                problems.extend(exc.findings)
    if problems:
        raise RosterError(problems)
    return results


def field_headers(raw: RawRoster, spellings: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Logical field -> the header this file uses for it (first matching spelling)."""
    by_key: dict[str, str] = {}
    for header in raw.headers:
        by_key.setdefault(normalise_key_text(header), header)
    found: dict[str, str] = {}
    for name, accepted in spellings.items():
        match = next((by_key[k] for k in map(normalise_key_text, accepted) if k in by_key), None)
        if match is not None:
            found[name] = match
    return found


def combine(raws: Sequence[RawRoster], spellings: Mapping[str, Sequence[str]]) -> RawRoster:
    """One RawRoster from several with the same columns after header mapping.

    Headers follow the first file; a file whose mapped columns differ is refused with a
    finding naming it and the columns that differ.
    """
    if len(raws) == 1:
        return raws[0]
    first = raws[0]
    reference = field_headers(first, spellings)
    problems = []
    mapped = []
    for raw in raws:
        found = field_headers(raw, spellings)
        missing = sorted(set(reference) - set(found))
        extra = sorted(set(found) - set(reference))
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(f"'{reference[n]}'" for n in missing))
            if extra:
                parts.append("extra " + ", ".join(f"'{found[n]}'" for n in extra))
            problems.append(RosterFinding(
                "roster.columns-differ", f"columns differ from {first.source.path}: "
                f"{'; '.join(parts)} (every file must have the same columns)",
                file=raw.source.path, sheet=raw.source.sheet))
        mapped.append({reference[n]: h for n, h in found.items()})
    if problems:
        raise RosterError(problems)
    cells: dict[str, pd.Series] = {}
    numeric: dict[str, pd.Series] = {}
    for header in first.cells:
        cells[header] = pd.concat([_column(raw.cells, m.get(header, header), len(raw.rows),
                                           "string") for raw, m in zip(raws, mapped, strict=True)],
                                  ignore_index=True)
        numeric[header] = pd.concat([_column(raw.numeric, m.get(header, header), len(raw.rows),
                                             bool) for raw, m in zip(raws, mapped, strict=True)],
                                    ignore_index=True)
    rows = pd.concat([raw.rows for raw in raws], ignore_index=True)
    # a file read from several sheets is several sources already: keep each sheet its own
    sources, files, offset = [], [], 0
    for raw in raws:
        inner = raw.sources or [raw.source]
        own = (np.zeros(len(raw.rows), dtype=np.int64) if raw.file_of_row is None
               else np.asarray(raw.file_of_row, dtype=np.int64))
        sources += inner
        files.append(own + offset)
        offset += len(inner)
    findings = [f for raw in raws for f in raw.findings]
    repeated = list(dict.fromkeys(h for raw in raws for h in raw.repeated_headers))
    combined = RawRoster(first.source, list(first.headers), cells, numeric, rows, findings,
                         repeated)
    combined.sources = sources
    combined.file_of_row = np.concatenate(files)
    return combined


def _column(columns: Mapping[str, pd.Series], header: str, length: int, dtype: object
            ) -> pd.Series:
    if header in columns:
        return columns[header].reset_index(drop=True)
    return pd.Series(pd.NA if dtype == "string" else False, index=pd.RangeIndex(length),
                     dtype=dtype)
