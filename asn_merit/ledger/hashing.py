"""SHA-256 helpers and the canonical JSON form that every recorded hash is computed over.

Canonical JSON is a documented subset of RFC 8785, sufficient because asn-merit writes every
number it hashes itself: keys sorted, `,`/`:` separators, UTF-8 without ASCII escaping, no
NaN/Infinity, and `Decimal` rendered as a fixed-point string (never exponent notation), so the
same data always yields the same bytes regardless of dict insertion order.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from os import PathLike
from typing import Any

from asn_merit.errors import InputOutputError

CHUNK_SIZE = 1024 * 1024


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | PathLike[str]) -> str:
    """Hash a file in 1 MiB chunks so large rosters and reports never load whole into memory."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK_SIZE):
                digest.update(chunk)
    except OSError as exc:
        raise InputOutputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return digest.hexdigest()


def _encode_extra(value: object) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"non-finite Decimal {value!r} has no canonical JSON form")
        return format(value, "f")
    raise TypeError(f"{type(value).__name__} is not allowed in canonical JSON")


def canonical_json_bytes(obj: Any) -> bytes:
    """Serialise deterministically; raises ValueError for NaN/Infinity, TypeError for sets etc."""
    text = json.dumps(
        obj,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_encode_extra,
    )
    return text.encode("utf-8")


def canonical_sha256(obj: Any) -> str:
    return sha256_bytes(canonical_json_bytes(obj))
