"""Append-only, hash-chained SQLite run ledger.

Each entry's `entry_hash` is the SHA-256 of the canonical JSON of all its other columns,
including `prev_hash` (the previous entry's `entry_hash`; 64 zeros for the first entry), so
editing, inserting or deleting any row breaks the chain from that point on.

The BEFORE UPDATE/DELETE triggers only *resist* tampering: anyone with write access to the file
can drop them. The chain makes tampering *evident*, and rewriting the whole chain (or truncating
its tail) is only caught by comparing against a head that was anchored outside the file
(`head()` → signed paperwork → `verify_anchor()`).

The ledger holds no personal data: hashes, policy identity and a `summary` of counts and
headline figures. Callers must never put names, NIPs or roster rows in `summary`; a guard
rejects anything NIP-shaped, but it cannot recognise every kind of personal data.

Keep the file on a local disk: WAL mode and SQLite locking do not work reliably over
SMB/NFS, so a ledger on a network path is refused (`location.refuse_network_path`).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from asn_merit.errors import InputOutputError, LockBusyError, VerificationError
from asn_merit.ledger.hashing import canonical_json_bytes, canonical_sha256
from asn_merit.ledger.location import default_ledger_path, refuse_network_path

GENESIS_HASH = "0" * 64
SCHEMA_VERSION = 1
BUSY_TIMEOUT_SECONDS = 30.0
KINDS = frozenset({"score", "audit", "verify", "anchor"})
APPEND_ONLY = "ledger is append-only"
_TRIGGERS = frozenset({"entries_no_update", "entries_no_delete"})

_HEX64 = re.compile(r"[0-9a-f]{64}")
_NIP = re.compile(r"[0-9]{18}")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS entries(
        seq             INTEGER PRIMARY KEY,
        run_id          TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL CHECK (kind IN ('score', 'audit', 'verify', 'anchor')),
        recorded_at     TEXT NOT NULL,
        policy_id       TEXT,
        policy_version  TEXT,
        policy_sha256   TEXT,
        input_sha256    TEXT,
        result_sha256   TEXT,
        manifest_sha256 TEXT NOT NULL,
        fingerprint     TEXT,
        summary         TEXT NOT NULL,  -- canonical JSON of counts and headline figures only
        prev_hash       TEXT NOT NULL,
        entry_hash      TEXT NOT NULL UNIQUE
    )""",
    "CREATE INDEX IF NOT EXISTS entries_policy ON entries(policy_id, policy_version, seq)",
    "CREATE INDEX IF NOT EXISTS entries_fingerprint ON entries(fingerprint, seq)",
    f"""CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
        BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
        BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
)


class PolicyVersionConflict(VerificationError):
    """A policy id+version was already recorded with different content: bump the version."""

    def __init__(
        self,
        policy_id: str,
        policy_version: str,
        recorded_sha256: str,
        new_sha256: str,
        first_run_id: str,
    ):
        self.policy_id = policy_id
        self.policy_version = policy_version
        self.recorded_sha256 = recorded_sha256
        self.new_sha256 = new_sha256
        self.first_run_id = first_run_id
        super().__init__(
            f"policy {policy_id!r} version {policy_version!r} was first recorded by run "
            f"{first_run_id} with sha256 {recorded_sha256}, but this policy has sha256 "
            f"{new_sha256}; changed content needs a new version"
        )


@dataclass(frozen=True)
class NewEntry:
    """What a caller records; the ledger adds seq, recorded_at and the chain hashes.

    All hash fields are lowercase hex SHA-256. `policy_sha256` should be the policy's
    canonical hash, so reformatting the YAML is not a content change. `summary` holds counts
    and headline figures only — never names, NIPs or roster rows.
    """

    run_id: str
    kind: str
    manifest_sha256: str
    summary: Mapping[str, Any] = field(default_factory=dict)
    policy_id: str | None = None
    policy_version: str | None = None
    policy_sha256: str | None = None
    input_sha256: str | None = None
    result_sha256: str | None = None
    fingerprint: str | None = None

    def __post_init__(self) -> None:
        if not self.run_id:
            raise ValueError("run_id must not be empty")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {self.kind!r}")
        for name in (
            "manifest_sha256",
            "policy_sha256",
            "input_sha256",
            "result_sha256",
            "fingerprint",
        ):
            value = getattr(self, name)
            if value is not None and not _HEX64.fullmatch(value):
                raise ValueError(f"{name} must be 64 lowercase hex digits")
        policy = (self.policy_id, self.policy_version, self.policy_sha256)
        if any(part is None for part in policy) and any(part is not None for part in policy):
            raise ValueError("policy_id, policy_version and policy_sha256 go together")


@dataclass(frozen=True)
class LedgerEntry:
    """One stored row, exactly as hashed; field order is the column order."""

    seq: int
    run_id: str
    kind: str
    recorded_at: str
    policy_id: str | None
    policy_version: str | None
    policy_sha256: str | None
    input_sha256: str | None
    result_sha256: str | None
    manifest_sha256: str
    fingerprint: str | None
    summary: str
    prev_hash: str
    entry_hash: str

    @property
    def summary_data(self) -> dict[str, Any]:
        return json.loads(self.summary)

    def computed_hash(self) -> str:
        """The entry_hash this row should carry; differs from `entry_hash` if it was edited."""
        return _entry_hash({name: getattr(self, name) for name in _HASHED_COLUMNS})


_COLUMNS = tuple(f.name for f in fields(LedgerEntry))
_HASHED_COLUMNS = _COLUMNS[:-1]
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM entries"
_INSERT = f"INSERT INTO entries({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})"


def _entry_hash(values: Mapping[str, Any]) -> str:
    return canonical_sha256(dict(values))


@dataclass(frozen=True)
class ChainReport:
    """Result of a chain walk; `broken_seq`/`reason` name the first failure only.

    `entries_checked` counts the entries verified before that failure; `head` is the last of them.

    `triggers_intact` is False when the append-only triggers were dropped; the chain may still
    verify, but someone has had write access beyond what asn-merit does.
    """

    ok: bool
    entries_checked: int
    head: tuple[int, str] | None
    broken_seq: int | None = None
    reason: str | None = None
    triggers_intact: bool = True


def _guard_summary(value: Any, where: str = "summary") -> None:
    """Refuse NIP-shaped values (18 digits); the message names the key, never the value."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            _guard_summary(key, f"{where} key")
            _guard_summary(item, f"{where}[{key!r}]")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _guard_summary(item, f"{where}[{index}]")
    elif (isinstance(value, str) and _NIP.fullmatch(value)) or (
        isinstance(value, int) and not isinstance(value, bool) and _NIP.fullmatch(str(value))
    ):
        raise ValueError(f"{where} looks like an NIP; the ledger must not hold personal data")


def _summary_text(summary: Mapping[str, Any]) -> str:
    if not isinstance(summary, Mapping):
        raise TypeError("summary must be a mapping of counts and headline figures")
    _guard_summary(summary)
    return canonical_json_bytes(dict(summary)).decode("utf-8")


def _is_busy(exc: sqlite3.Error) -> bool:
    primary_code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # strip extended-code bits
    return primary_code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying by hand: this pragma fails at once instead of calling the busy
    handler when another process holds a lock, e.g. two first runs creating the same ledger."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@contextmanager
def _sqlite_errors(path: Path, action: str) -> Iterator[None]:
    """Map SQLite failures onto asn-merit exit codes: busy → locked (75), the rest → I/O (6)."""
    try:
        yield
    except sqlite3.Error as exc:
        if _is_busy(exc):
            raise LockBusyError(f"ledger {path} stayed locked while trying to {action}") from exc
        raise InputOutputError(f"cannot {action} ledger {path}: {exc}") from exc


class Ledger:
    """A connection to one ledger file; use `Ledger.open(...)` as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self._conn = connection
        self.path = path

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, create: bool = True) -> Ledger:
        """Open (and with `create`, initialise) the ledger at `path` or the default location.

        `create=False` is for verification: a mistyped path must fail (exit 6), not silently
        verify a fresh, empty ledger.
        """
        target = Path(path) if path is not None else default_ledger_path()
        if not create and not target.is_file():
            raise InputOutputError(f"ledger {target} does not exist")
        refuse_network_path(target)
        if create:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputOutputError(f"cannot create {target.parent}: {exc.strerror}") from exc
        with _sqlite_errors(target, "open"):
            conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        ledger = cls(conn, target)
        try:
            with _sqlite_errors(target, "open"):
                ledger._prepare(create)
        except BaseException:
            conn.close()
            raise
        return ledger

    def _prepare(self, create: bool) -> None:
        conn = self._conn
        if create and self._user_version() == 0:
            with self._immediate():
                # Re-read under the write lock: another process may have just initialised it,
                # and a non-empty database without our version is someone else's file.
                empty = conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None
                if self._user_version() == 0 and empty:
                    for statement in _SCHEMA:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        version = self._user_version()
        if version != SCHEMA_VERSION:
            raise InputOutputError(
                f"{self.path} is not an asn-merit ledger of schema version {SCHEMA_VERSION} "
                f"(found user_version {version})"
            )
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _enable_wal(conn)
        # WAL's usual synchronous=NORMAL can lose the last commits on power loss; not here.
        conn.execute("PRAGMA synchronous = FULL")

    def _user_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _immediate(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front, so concurrent writers queue."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _one(self, where: str, params: tuple[Any, ...]) -> LedgerEntry | None:
        row = self._conn.execute(f"{_SELECT} {where}", params).fetchone()
        return LedgerEntry(*row) if row else None

    def _check_policy(self, policy_id: str, policy_version: str, policy_sha256: str) -> None:
        first = self._one(
            "WHERE policy_id = ? AND policy_version = ? ORDER BY seq LIMIT 1",
            (policy_id, policy_version),
        )
        if first is not None and first.policy_sha256 != policy_sha256:
            raise PolicyVersionConflict(
                policy_id,
                policy_version,
                recorded_sha256=str(first.policy_sha256),
                new_sha256=policy_sha256,
                first_run_id=first.run_id,
            )

    def check_policy(self, policy_id: str, policy_version: str, policy_sha256: str) -> None:
        """Raise PolicyVersionConflict before scoring; `append` re-checks under the lock."""
        with _sqlite_errors(self.path, "read"):
            self._check_policy(policy_id, policy_version, policy_sha256)

    def append(self, entry: NewEntry) -> LedgerEntry:
        """Record `entry` at the head of the chain and return it with seq and hashes.

        Raises PolicyVersionConflict, or VerificationError if the run_id is already recorded.
        """
        with self.appending(entry) as record:
            return record

    @contextmanager
    def appending(self, entry: NewEntry) -> Iterator[LedgerEntry]:
        """Yield the entry as it will be recorded, holding the write lock; it is committed
        when the block ends and rolled back if the block raises, so a caller can put its
        run directory in place first and never leave an entry without its run."""
        summary = _summary_text(entry.summary)
        with _sqlite_errors(self.path, "append to"):
            self._conn.execute("BEGIN IMMEDIATE")
        try:
            with _sqlite_errors(self.path, "append to"):
                record = self._insert(entry, summary)
            yield record
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        with _sqlite_errors(self.path, "append to"):
            self._conn.execute("COMMIT")

    def _insert(self, entry: NewEntry, summary: str) -> LedgerEntry:
        conn = self._conn
        existing = self._one("WHERE run_id = ?", (entry.run_id,))
        if existing is not None:
            raise VerificationError(
                f"run {entry.run_id} is already recorded at seq {existing.seq}"
            )
        if entry.policy_id is not None:
            self._check_policy(
                entry.policy_id, str(entry.policy_version), str(entry.policy_sha256)
            )
        head = conn.execute(
            "SELECT seq, entry_hash FROM entries ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
        values: dict[str, Any] = {
            "seq": seq,
            "run_id": entry.run_id,
            "kind": entry.kind,
            "recorded_at": _utc_now(),
            "policy_id": entry.policy_id,
            "policy_version": entry.policy_version,
            "policy_sha256": entry.policy_sha256,
            "input_sha256": entry.input_sha256,
            "result_sha256": entry.result_sha256,
            "manifest_sha256": entry.manifest_sha256,
            "fingerprint": entry.fingerprint,
            "summary": summary,
            "prev_hash": prev_hash,
        }
        record = LedgerEntry(**values, entry_hash=_entry_hash(values))
        conn.execute(_INSERT, tuple(getattr(record, name) for name in _COLUMNS))
        return record

    def find_run(self, run_id: str) -> LedgerEntry | None:
        with _sqlite_errors(self.path, "read"):
            return self._one("WHERE run_id = ?", (run_id,))

    def find_fingerprint(self, fingerprint: str) -> LedgerEntry | None:
        """The most recent entry with this fingerprint, for "already recorded as run X"."""
        with _sqlite_errors(self.path, "read"):
            return self._one("WHERE fingerprint = ? ORDER BY seq DESC LIMIT 1", (fingerprint,))

    def head(self) -> tuple[int, str] | None:
        """(seq, entry_hash) of the newest entry: the value to anchor outside the file."""
        with _sqlite_errors(self.path, "read"):
            row = self._conn.execute(
                "SELECT seq, entry_hash FROM entries ORDER BY seq DESC LIMIT 1"
            ).fetchone()
        return (row[0], row[1]) if row else None

    def history(self, policy_id: str | None = None) -> list[LedgerEntry]:
        where, params = ("WHERE policy_id = ?", (policy_id,)) if policy_id is not None else ("", ())
        with _sqlite_errors(self.path, "read"):
            rows = self._conn.execute(f"{_SELECT} {where} ORDER BY seq", params).fetchall()
        return [LedgerEntry(*row) for row in rows]

    def verify_chain(self, upto: int | None = None) -> ChainReport:
        """Walk from genesis (to `upto` if given) and report the first broken entry.

        Detects edited, inserted and deleted rows, but not a truncated tail or a fully
        rewritten chain; those need `verify_anchor`.
        """
        with _sqlite_errors(self.path, "verify"):
            triggers = {
                name
                for (name,) in self._conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'"
                )
            }
            where, params = ("WHERE seq <= ?", (upto,)) if upto is not None else ("", ())
            rows = self._conn.execute(f"{_SELECT} {where} ORDER BY seq", params)
            checked = 0
            head: tuple[int, str] | None = None
            prev_hash = GENESIS_HASH
            problem: str | None = None
            broken_seq: int | None = None
            for row in rows:
                entry = LedgerEntry(*row)
                problem = _chain_problem(entry, checked + 1, prev_hash)
                if problem is not None:
                    broken_seq = entry.seq
                    break
                checked += 1
                head = (entry.seq, entry.entry_hash)
                prev_hash = entry.entry_hash
        return ChainReport(
            ok=problem is None,
            entries_checked=checked,
            head=head,
            broken_seq=broken_seq,
            reason=problem,
            triggers_intact=_TRIGGERS.issubset(triggers),
        )

    def verify_anchor(self, seq: int, entry_hash: str) -> bool:
        """True if the externally anchored head is still on the chain and the chain to it holds."""
        with _sqlite_errors(self.path, "verify"):
            row = self._conn.execute(
                "SELECT entry_hash FROM entries WHERE seq = ?", (seq,)
            ).fetchone()
        if row is None or row[0] != entry_hash.lower():
            return False
        return self.verify_chain(upto=seq).ok


def _chain_problem(entry: LedgerEntry, expected_seq: int, prev_hash: str) -> str | None:
    if entry.seq != expected_seq:
        return "seq gap"
    if entry.prev_hash != prev_hash:
        return "prev_hash does not match previous entry"
    try:
        computed = entry.computed_hash()
    except (TypeError, ValueError):  # a tampered row may hold values JSON cannot encode
        return "entry_hash mismatch"
    return None if computed == entry.entry_hash else "entry_hash mismatch"
