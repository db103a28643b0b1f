"""Hold a raw roster to the policy's column contract and type every cell.

All problems are collected; each names the file, sheet, row, column and value, so an analyst
can fix the spreadsheet in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from asn_merit.diagnostics import RosterFinding, Severity
from asn_merit.roster.binding import Binding, bind_columns, preset_aliases
from asn_merit.roster.reader import InputFile, RawRoster
from asn_merit.roster.types import (
    PARSERS,
    Parsed,
    nip_birth_date,
    nip_sex,
    nip_tmt_cpns,
    parse_category,
)
from asn_merit.rules.model import ColumnSpec, Policy

ROW = "_row"
MAX_FINDINGS_PER_COLUMN = 200
MAX_CELL_CHARS = 32_767  # Excel's own limit; longer text was not typed into a spreadsheet


@dataclass
class Roster:
    """Typed roster: one column per logical field, plus the spreadsheet row in `_row`."""

    frame: pd.DataFrame
    source: InputFile
    findings: list[RosterFinding]
    header_map: dict[str, str]  # logical field -> header found
    columns_ignored: list[str]
    invalid_rows: dict[int, list[str]] = field(default_factory=dict)  # frame index -> reasons
    sources: list[InputFile] = field(default_factory=list)  # every file read, in order
    file_of_row: np.ndarray | None = None  # several files: index into `sources` per row
    bindings: list[Binding] = field(default_factory=list)  # every field: header, how matched

    @property
    def errors(self) -> list[RosterFinding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]


class _Contract:
    def __init__(self, raw: RawRoster, policy: Policy, as_of: date):
        self.raw = raw
        self.policy = policy
        self.as_of = as_of
        self.bindings: dict[str, Binding] = {}
        self.findings: list[RosterFinding] = list(raw.findings)
        self.bad_rows: dict[int, list[str]] = {}
        self.id_values: pd.Series | None = None

    def finding(self, code: str, message: str, *, severity: Severity = Severity.ERROR,
                index: int | None = None, column: str | None = None,
                value: str | None = None) -> None:
        row = int(self.raw.rows.iloc[index]) if index is not None else None
        employee = None
        if index is not None and self.id_values is not None:
            ident = self.id_values.iloc[index]
            employee = None if pd.isna(ident) else str(ident)
        source = self.raw.source
        if index is not None and self.raw.file_of_row is not None:
            source = self.raw.sources[int(self.raw.file_of_row[index])]
        self.findings.append(RosterFinding(
            code, message, severity, source.path, source.sheet, row, column, value, employee))
        if index is not None and severity == Severity.ERROR:
            self.bad_rows.setdefault(index, []).append(f"{code}: {column}")

    def cell_findings(self, mask: pd.Series, code: str, message: str, header: str,
                      text: pd.Series, severity: Severity = Severity.ERROR) -> None:
        positions = mask.to_numpy().nonzero()[0]
        for shown, pos in enumerate(positions):
            if shown == MAX_FINDINGS_PER_COLUMN:
                self.finding(code, f"… and {len(positions) - shown} more rows in this column",
                             severity=severity, column=header)
                break
            value = text.iloc[pos]
            self.finding(code, message, severity=severity, index=int(pos), column=header,
                         value=None if pd.isna(value) else str(value))

    def map_headers(self) -> dict[str, str]:
        source = self.raw.source
        bound = bind_columns(self.raw.headers, self.policy, self.as_of, source.path,
                             source.sheet, self.raw.repeated_headers)
        self.findings += bound.findings
        self.bindings = bound.bindings
        return bound.header_map

    def parse(self, spec: ColumnSpec, text: pd.Series) -> Parsed:
        """Parse each distinct cell text once, then spread the results back by position."""
        codes, uniques = pd.factorize(text)
        distinct = pd.Series(uniques, dtype="string", name=text.name)
        if spec.type == "category":
            parsed = parse_category(distinct, spec.allowed or [], preset_aliases(spec))
        else:
            parsed = PARSERS[spec.type](distinct)
        values = pd.Series(parsed.values.array.take(codes, allow_fill=True), index=text.index,
                           name=text.name)
        # codes -1 (empty cell) read the appended False, also when every cell is empty
        invalid = np.append(parsed.invalid.to_numpy(dtype=bool), False)[codes]
        return Parsed(values, pd.Series(invalid, index=text.index, name=text.name),
                      parsed.expected)

    def column(self, name: str, spec: ColumnSpec, header: str) -> pd.Series:
        text = self.raw.cells[header]
        if header in self.raw.repeated_headers:
            self.finding("roster.duplicate-header", f"header '{header}' appears more than once; "
                         f"which one holds '{name}' is ambiguous", column=header)
        too_long = (text.str.len() > MAX_CELL_CHARS).fillna(False).astype(bool)
        self.cell_findings(too_long, "roster.cell-too-long", f"cell longer than "
                           f"{MAX_CELL_CHARS:,} characters", header, text.str.slice(0, 40))
        if spec.role == "id":
            numeric = self.raw.numeric[header]
            self.cell_findings(numeric, "roster.numeric-id-cell", "id cell is a number, so "
                               "Excel has already rounded its digits; format the column as Text "
                               "and re-enter the value", header, text)
        parsed = self.parse(spec, text)
        invalid = parsed.invalid
        if spec.role == "id":
            invalid = invalid & ~self.raw.numeric[header]
        self.cell_findings(invalid, "roster.bad-value", f"expected {parsed.expected}", header,
                           text)
        if spec.required:
            self.cell_findings(text.isna(), "roster.blank-required", "required cell is blank",
                               header, text)
        values = parsed.values
        if spec.type in ("number", "integer"):
            low = values < spec.min if spec.min is not None else None
            high = values > spec.max if spec.max is not None else None
            for mask, bound in ((low, f">= {spec.min:g}" if spec.min is not None else ""),
                                (high, f"<= {spec.max:g}" if spec.max is not None else "")):
                if mask is not None:
                    self.cell_findings(mask.fillna(False).astype(bool), "roster.out-of-range",
                                       f"value must be {bound}", header, text)
        return values

    def nip_checks(self, frame: pd.DataFrame, headers: dict[str, str]) -> None:
        id_field = self.policy.id_field
        nip = frame[id_field]
        if self.policy.columns[id_field].type != "nip18":
            return
        checks = {"birth_date": nip_birth_date, "sex": nip_sex, "tmt_cpns": nip_tmt_cpns}
        for name, spec in self.policy.columns.items():
            if spec.nip_part is None or name not in headers:
                continue  # an absent column is empty in the frame: nothing to cross-check
            from_nip = checks[spec.nip_part](nip)
            value = frame[name]
            if spec.nip_part == "sex":
                value = value.astype("string").str.upper().str[:1]
            # a PPPK NI or a transfer can legitimately differ in the TMT digits
            severity = Severity.WARNING if spec.nip_part == "tmt_cpns" else Severity.ERROR
            if spec.nip_part == "tmt_cpns":
                value = value.dt.to_period("M").dt.to_timestamp()
                from_nip = from_nip.dt.to_period("M").dt.to_timestamp()
            differs = ((from_nip != value) & from_nip.notna() & value.notna()).fillna(False)
            differs = differs.astype(bool)
            self.cell_findings(differs, "roster.nip-mismatch", f"NIP digits for {spec.nip_part}"
                               f" disagree with column '{headers[name]}'", headers[id_field],
                               self.raw.cells[headers[id_field]], severity)

    def from_nip(self, frame: pd.DataFrame, name: str, spec: ColumnSpec) -> pd.Series:
        """Birth date, sex or TMT CPNS from NIP digits 1-8, 15 and 9-14, only for NIPs whose
        three parts are all valid: a PPPK number (NI PPPK) has another layout, so it stays
        blank."""
        nip = frame[self.policy.id_field]
        parts = {"birth_date": nip_birth_date(nip), "tmt_cpns": nip_tmt_cpns(nip),
                 "sex": nip_sex(nip)}
        pns = parts["birth_date"].notna() & parts["tmt_cpns"].notna() & parts["sex"].notna()
        value = parts[spec.nip_part or "sex"].where(pns)
        skipped = int((nip.notna() & ~pns).sum())
        if skipped:
            self.finding("roster.nip-not-derivable", f"{skipped} id(s) are not PNS NIPs (for "
                         f"example NI PPPK), so their '{name}' stays blank",
                         severity=Severity.WARNING)
        if spec.type == "category":
            return parse_category(value.astype("string"), spec.allowed or [],
                                  preset_aliases(spec)).values
        return value if spec.type == "date" else value.astype("string")

    def duplicates(self, frame: pd.DataFrame, header: str) -> None:
        ids = frame[self.policy.id_field]
        dup = ids.duplicated(keep=False) & ids.notna()
        if not dup.any():
            return
        rows = self.raw.rows
        positions = dup.to_numpy().nonzero()[0]
        if self.raw.file_of_row is not None:  # several files: name the file of the first too
            order = pd.Series(range(len(ids)), index=ids.index)
            first = order.groupby(ids.where(dup)).transform("min")
            for pos in positions:
                at = int(first.iloc[pos])
                where = self.raw.sources[int(self.raw.file_of_row[at])].path
                self.finding("roster.duplicate-id", f"id appears more than once (first at "
                             f"{where} row {int(rows.iloc[at])})", index=int(pos),
                             column=header, value=str(ids.iloc[pos]))
            return
        first_row = rows.groupby(ids.where(dup)).transform("min")
        for pos in positions:
            self.finding("roster.duplicate-id", f"id appears more than once (first at row "
                         f"{int(first_row.iloc[pos])})", index=int(pos), column=header,
                         value=str(ids.iloc[pos]))

    def run(self) -> Roster:
        if len(self.raw.rows) == 0:
            self.finding("roster.no-rows", f"no data rows below the header (row "
                         f"{self.raw.source.header_row})")
        headers = self.map_headers()
        frame = pd.DataFrame(index=pd.RangeIndex(len(self.raw.rows)))
        id_field = self.policy.id_field
        order = sorted(self.policy.columns, key=lambda n: n != id_field)  # id first, for findings
        for name in order:
            spec = self.policy.columns[name]
            if name in headers:
                frame[name] = self.column(name, spec, headers[name])
                if name == id_field:
                    self.id_values = frame[name]
            else:
                frame[name] = pd.Series(pd.NA, index=frame.index, dtype=_empty_dtype(spec))
        for name, binding in self.bindings.items():
            if binding.how == "from_nip" and id_field in headers:
                frame[name] = self.from_nip(frame, name, self.policy.columns[name])
        frame[ROW] = self.raw.rows.to_numpy()
        if id_field in headers:
            self.nip_checks(frame, headers)
            self.duplicates(frame, headers[id_field])
        ignored = [h for h in self.raw.headers if h not in set(headers.values())]
        return Roster(frame, self.raw.source, self.findings, headers, ignored, self.bad_rows,
                      self.raw.sources or [self.raw.source], self.raw.file_of_row,
                      list(self.bindings.values()))


def _empty_dtype(spec: ColumnSpec) -> str:
    return {"number": "Float64", "integer": "Int64", "golongan": "Int64", "bool": "boolean",
            "date": "datetime64[s]"}.get(spec.type, "string")


def apply_contract(raw: RawRoster, policy: Policy, as_of: date | None = None) -> Roster:
    """Bind and type `raw`; `as_of` fills calendar-relative headers (default: the policy's
    as_of, else today)."""
    return _Contract(raw, policy, as_of or policy.policy.as_of or date.today()).run()
