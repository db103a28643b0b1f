"""Tamper evidence for runs: canonical hashes, `SHA256SUMS` and the hash-chained run ledger."""

from asn_merit.ledger.hashing import (
    canonical_json_bytes,
    canonical_sha256,
    sha256_bytes,
    sha256_file,
)
from asn_merit.ledger.store import (
    GENESIS_HASH,
    ChainReport,
    Ledger,
    LedgerEntry,
    NewEntry,
    PolicyVersionConflict,
    default_ledger_path,
)
from asn_merit.ledger.sums import (
    SUMS_FILENAME,
    SumMismatch,
    check_sha256sums,
    read_sha256sums,
    write_sha256sums,
)

__all__ = [
    "GENESIS_HASH",
    "SUMS_FILENAME",
    "ChainReport",
    "Ledger",
    "LedgerEntry",
    "NewEntry",
    "PolicyVersionConflict",
    "SumMismatch",
    "canonical_json_bytes",
    "canonical_sha256",
    "check_sha256sums",
    "default_ledger_path",
    "read_sha256sums",
    "sha256_bytes",
    "sha256_file",
    "write_sha256sums",
]
