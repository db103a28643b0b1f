"""The hash-chained run ledger: append, chain walk, tamper evidence, policy rule, concurrency."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from asn_merit.errors import InputOutputError, LockBusyError, VerificationError
from asn_merit.exit_codes import ExitCode
from asn_merit.ledger import (
    GENESIS_HASH,
    Ledger,
    LedgerEntry,
    NewEntry,
    PolicyVersionConflict,
    default_ledger_path,
    store,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
HASH_A = hashlib.sha256(b"policy A").hexdigest()
HASH_B = hashlib.sha256(b"policy B").hexdigest()


def _entry(run_id: str, **overrides: object) -> NewEntry:
    fields: dict[str, object] = {
        "run_id": run_id,
        "kind": "score",
        "manifest_sha256": hashlib.sha256(run_id.encode()).hexdigest(),
        "summary": {"evaluated": 388, "eligible": 141, "findings": {"warning": 7}},
    }
    fields.update(overrides)
    return NewEntry(**fields)  # type: ignore[arg-type]


def _policy(sha: str, version: str = "2026.10.0") -> dict[str, str]:
    return {"policy_id": "kp-reguler", "policy_version": version, "policy_sha256": sha}


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "ledger.sqlite"


@pytest.fixture
def ledger(ledger_path: Path) -> Iterator[Ledger]:
    with Ledger.open(ledger_path) as opened:
        yield opened


@contextmanager
def _raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection, as a tamperer with write access to the file would use."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        yield conn


def test_append_builds_chain(ledger: Ledger, ledger_path: Path) -> None:
    first = ledger.append(_entry("r1", **_policy(HASH_A)))
    second = ledger.append(_entry("r2", fingerprint=HASH_B))
    third = ledger.append(_entry("r3", kind="audit"))

    assert (first.seq, second.seq, third.seq) == (1, 2, 3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.entry_hash
    assert third.prev_hash == second.entry_hash
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first.recorded_at)
    assert ledger.head() == (3, third.entry_hash)
    assert ledger.find_run("r2") == second
    assert ledger.find_run("nope") is None
    assert second.summary_data == {"evaluated": 388, "eligible": 141, "findings": {"warning": 7}}

    report = ledger.verify_chain()
    assert report.ok and report.triggers_intact
    assert report.entries_checked == 3
    assert report.head == (3, third.entry_hash)
    assert report.broken_seq is None and report.reason is None

    with _raw(ledger_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_entry_hash_covers_every_other_column(ledger: Ledger) -> None:
    entry = ledger.append(_entry("r1", **_policy(HASH_A), input_sha256=HASH_B))
    columns = {k: v for k, v in vars(entry).items() if k != "entry_hash"}
    canonical = json.dumps(columns, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert entry.entry_hash == hashlib.sha256(canonical.encode()).hexdigest()
    assert set(columns) == set(LedgerEntry.__dataclass_fields__) - {"entry_hash"}


def test_empty_ledger(ledger: Ledger) -> None:
    assert ledger.head() is None
    assert ledger.history() == []
    report = ledger.verify_chain()
    assert report.ok and report.entries_checked == 0 and report.head is None


def test_update_and_delete_refused_by_triggers(ledger: Ledger, ledger_path: Path) -> None:
    ledger.append(_entry("r1"))
    with _raw(ledger_path) as raw:
        with pytest.raises(sqlite3.IntegrityError, match="ledger is append-only"):
            raw.execute("UPDATE entries SET kind = 'audit' WHERE seq = 1")
        with pytest.raises(sqlite3.IntegrityError, match="ledger is append-only"):
            raw.execute("DELETE FROM entries WHERE seq = 1")
    assert ledger.verify_chain().ok


def _drop_triggers(raw: sqlite3.Connection) -> None:
    raw.execute("DROP TRIGGER entries_no_update")
    raw.execute("DROP TRIGGER entries_no_delete")


def test_edit_after_dropping_triggers_is_evident(ledger: Ledger, ledger_path: Path) -> None:
    for run in ("r1", "r2", "r3"):
        ledger.append(_entry(run))
    with _raw(ledger_path) as raw:
        _drop_triggers(raw)
        raw.execute("""UPDATE entries SET summary = '{"eligible":140}' WHERE seq = 2""")

    report = ledger.verify_chain()
    assert not report.ok
    assert (report.broken_seq, report.reason) == (2, "entry_hash mismatch")
    assert report.entries_checked == 1
    assert report.head == (1, ledger.find_run("r1").entry_hash)  # type: ignore[union-attr]
    assert not report.triggers_intact


def test_edit_with_rehash_breaks_the_next_link(ledger: Ledger, ledger_path: Path) -> None:
    for run in ("r1", "r2", "r3"):
        ledger.append(_entry(run))
    forged = ledger.find_run("r2")
    assert forged is not None
    forged = LedgerEntry(**{**vars(forged), "summary": '{"eligible":140}'})
    with _raw(ledger_path) as raw:
        _drop_triggers(raw)
        raw.execute(
            "UPDATE entries SET summary = ?, entry_hash = ? WHERE seq = 2",
            (forged.summary, forged.computed_hash()),
        )
    report = ledger.verify_chain()
    assert (report.broken_seq, report.reason) == (3, "prev_hash does not match previous entry")


def test_deleted_row_is_a_seq_gap(ledger: Ledger, ledger_path: Path) -> None:
    for run in ("r1", "r2", "r3"):
        ledger.append(_entry(run))
    with _raw(ledger_path) as raw:
        _drop_triggers(raw)
        raw.execute("DELETE FROM entries WHERE seq = 2")
    report = ledger.verify_chain()
    assert (report.broken_seq, report.reason) == (3, "seq gap")


def test_policy_version_reuse_with_other_hash_refused(ledger: Ledger) -> None:
    first = ledger.append(_entry("r1", **_policy(HASH_A)))
    ledger.check_policy("kp-reguler", "2026.10.0", HASH_A)
    ledger.append(_entry("r2", **_policy(HASH_A)))  # same content: fine
    ledger.append(_entry("r3", **_policy(HASH_B, version="2026.10.1")))  # new version: fine

    with pytest.raises(PolicyVersionConflict) as caught:
        ledger.check_policy("kp-reguler", "2026.10.0", HASH_B)
    message = str(caught.value)
    for part in ("kp-reguler", "2026.10.0", HASH_A, HASH_B, first.run_id):
        assert part in message
    assert caught.value.exit_code == ExitCode.VERIFY_FAILED
    assert isinstance(caught.value, VerificationError)

    with pytest.raises(PolicyVersionConflict):
        ledger.append(_entry("r4", **_policy(HASH_B)))
    assert ledger.find_run("r4") is None
    assert ledger.head() is not None and ledger.head()[0] == 3  # type: ignore[index]
    assert ledger.verify_chain().ok


def test_anchor(ledger: Ledger, ledger_path: Path) -> None:
    ledger.append(_entry("r1"))
    anchored = ledger.append(_entry("r2"))
    ledger.append(_entry("r3"))

    assert ledger.verify_anchor(anchored.seq, anchored.entry_hash)
    assert ledger.verify_anchor(anchored.seq, anchored.entry_hash.upper())
    assert not ledger.verify_anchor(anchored.seq, "f" * 64)
    assert not ledger.verify_anchor(99, anchored.entry_hash)

    with _raw(ledger_path) as raw:
        _drop_triggers(raw)
        raw.execute("""UPDATE entries SET summary = '{}' WHERE seq = 1""")
    assert not ledger.verify_anchor(anchored.seq, anchored.entry_hash)


def test_anchor_catches_a_fully_rewritten_chain(tmp_path: Path) -> None:
    """Rebuilding the whole file passes the chain walk; only the external anchor notices."""
    original, forged = tmp_path / "original.sqlite", tmp_path / "forged.sqlite"
    with Ledger.open(original) as ledger:
        anchored = ledger.append(_entry("r1"))
    with Ledger.open(forged) as ledger:
        ledger.append(_entry("r1", summary={"eligible": 1}))
        assert ledger.verify_chain().ok
        assert not ledger.verify_anchor(anchored.seq, anchored.entry_hash)


@pytest.mark.parametrize(
    "summary",
    [
        {"top": "198503152010121001"},
        {"nested": {"list": [1, "198503152010121001"]}},
        {"as_int": 198503152010121001},
        {"198503152010121001": 1},
    ],
)
def test_nip_like_summary_rejected(ledger: Ledger, summary: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="NIP") as caught:
        ledger.append(_entry("r1", summary=summary))
    assert "198503152010121001" not in str(caught.value)  # the refusal must not leak it
    assert ledger.head() is None


def test_summary_accepts_counts_and_hashes(ledger: Ledger) -> None:
    summary = {"evaluated": 12, "result_sha256": HASH_A, "nip_count": "17-digit 12345678901234567"}
    assert ledger.append(_entry("r1", summary=summary)).summary_data == summary


def test_find_fingerprint_returns_latest_and_history_filters(ledger: Ledger) -> None:
    ledger.append(_entry("r1", fingerprint=HASH_A, **_policy(HASH_A)))
    ledger.append(_entry("r2", fingerprint=HASH_B))
    latest = ledger.append(_entry("r3", fingerprint=HASH_A, **_policy(HASH_A)))
    assert ledger.find_fingerprint(HASH_A) == latest
    assert ledger.find_fingerprint("0" * 64) is None
    assert [e.run_id for e in ledger.history()] == ["r1", "r2", "r3"]
    assert [e.run_id for e in ledger.history("kp-reguler")] == ["r1", "r3"]
    assert ledger.history("other") == []


def test_duplicate_run_id_refused(ledger: Ledger) -> None:
    ledger.append(_entry("r1"))
    with pytest.raises(VerificationError, match="already recorded at seq 1"):
        ledger.append(_entry("r1"))


@pytest.mark.parametrize(
    ("run_id", "overrides"),
    [
        ("r1", {"kind": "rescore"}),
        ("", {}),
        ("r1", {"manifest_sha256": "A" * 64}),
        ("r1", {"fingerprint": "abc"}),
        ("r1", {"policy_id": "kp-reguler"}),
    ],
)
def test_new_entry_validation(run_id: str, overrides: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        _entry(run_id, **overrides)


def test_reopen_keeps_entries(ledger_path: Path) -> None:
    with Ledger.open(ledger_path) as ledger:
        first = ledger.append(_entry("r1"))
    with Ledger.open(ledger_path, create=False) as ledger:
        assert ledger.append(_entry("r2")).prev_hash == first.entry_hash
        assert ledger.verify_chain().entries_checked == 2


def test_open_without_create(tmp_path: Path) -> None:
    with pytest.raises(InputOutputError, match="does not exist"):
        Ledger.open(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()
    other = tmp_path / "other.sqlite"
    with _raw(other) as raw:
        raw.execute("CREATE TABLE t(x)")
    for create in (False, True):
        with pytest.raises(InputOutputError, match="not an asn-merit ledger"):
            Ledger.open(other, create=create)
    with _raw(other) as raw:  # someone else's database is left untouched
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in raw.execute("SELECT name FROM sqlite_master")] == ["t"]


def test_writer_waiting_too_long_is_lock_busy(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "BUSY_TIMEOUT_SECONDS", 0.1)
    with Ledger.open(ledger_path) as ledger, _raw(ledger_path) as other:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(LockBusyError) as caught:
            ledger.append(_entry("r1"))
        other.execute("ROLLBACK")
        assert caught.value.exit_code == ExitCode.LOCKED
        assert ledger.append(_entry("r1")).seq == 1


def test_default_ledger_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASN_MERIT_LEDGER", str(tmp_path / "explicit.sqlite"))
    assert default_ledger_path() == tmp_path / "explicit.sqlite"
    monkeypatch.delenv("ASN_MERIT_LEDGER")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_ledger_path() == tmp_path / "xdg" / "asn-merit" / "ledger.sqlite"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "asn-merit" / "ledger.sqlite"
    assert default_ledger_path() == expected


WORKER = """
import sys, time
from pathlib import Path
from asn_merit.ledger import Ledger, NewEntry

path, worker, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
while not go.exists():
    time.sleep(0.005)
for i in range(20):
    with Ledger.open(path) as ledger:  # reopen each time, as separate CLI runs would
        ledger.append(NewEntry(run_id=f"{worker}-{i:02d}", kind="score",
                               manifest_sha256="ab" * 32, summary={"i": i}))
"""


def test_two_processes_append_concurrently(tmp_path: Path) -> None:
    path, go = tmp_path / "shared" / "ledger.sqlite", tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), name, str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    time.sleep(0.3)  # let both interpreters start, so the fresh file is created under contention
    go.touch()
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err

    with Ledger.open(path, create=False) as ledger:
        entries = ledger.history()
        report = ledger.verify_chain()
    assert report.ok and report.entries_checked == 40
    assert [e.seq for e in entries] == list(range(1, 41))
    for name in ("a", "b"):
        mine = [e.run_id for e in entries if e.run_id.startswith(f"{name}-")]
        assert mine == [f"{name}-{i:02d}" for i in range(20)]
