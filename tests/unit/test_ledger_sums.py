"""Canonical hashing and SHA256SUMS: the hashes every run and the ledger are checked against."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_merit.errors import InputOutputError, VerificationError
from asn_merit.ledger import (
    SUMS_FILENAME,
    SumMismatch,
    canonical_json_bytes,
    canonical_sha256,
    check_sha256sums,
    read_sha256sums,
    sha256_bytes,
    sha256_file,
    write_sha256sums,
)

SHA256SUM = shutil.which("sha256sum")


def test_canonical_json_exact_bytes() -> None:
    obj = {"b": 1, "a": "é", "c": Decimal("9.380"), "d": [True, None, Decimal("1E+2")]}
    assert canonical_json_bytes(obj) == '{"a":"é","b":1,"c":"9.380","d":[true,null,"100"]}'.encode()


def test_canonical_json_stable_under_key_order() -> None:
    forward = {"x": {"p": 1, "q": 2}, "y": "z"}
    backward = {"y": "z", "x": {"q": 2, "p": 1}}
    assert canonical_json_bytes(forward) == canonical_json_bytes(backward)
    assert canonical_sha256(forward) == canonical_sha256(backward)


@given(st.dictionaries(st.text(), st.integers() | st.text() | st.booleans(), max_size=12))
def test_canonical_json_ignores_insertion_order(mapping: dict[str, object]) -> None:
    reordered = dict(reversed(list(mapping.items())))
    assert canonical_json_bytes(reordered) == canonical_json_bytes(mapping)


@pytest.mark.parametrize(
    "bad", [float("nan"), float("inf"), -float("inf"), Decimal("NaN"), Decimal("Infinity")]
)
def test_canonical_json_rejects_non_finite(bad: object) -> None:
    with pytest.raises(ValueError):
        canonical_json_bytes({"v": bad})


def test_canonical_json_rejects_unordered_types() -> None:
    with pytest.raises(TypeError):
        canonical_json_bytes({"v": {1, 2}})


def test_sha256_file_streams_large_file(tmp_path: Path) -> None:
    data = bytes(range(256)) * (5 * 4096 + 7)  # > 1 MiB, not a chunk multiple
    file = tmp_path / "big.bin"
    file.write_bytes(data)
    assert sha256_file(file) == hashlib.sha256(data).hexdigest() == sha256_bytes(data)


def test_sha256_file_missing_is_io_error(tmp_path: Path) -> None:
    with pytest.raises(InputOutputError):
        sha256_file(tmp_path / "absent")


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    (tmp_path / "result.json").write_text('{"people":[]}', encoding="utf-8")
    (tmp_path / "report file.html").write_text("<p>laporan</p>", encoding="utf-8")
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "rincian.csv").write_bytes(b"a,b\r\n1,2\r\n")
    return tmp_path


NAMES = ["result.json", "report file.html", "parts/rincian.csv"]


def test_sums_exact_coreutils_format(run_dir: Path) -> None:
    path = write_sha256sums(run_dir, NAMES)
    assert path == run_dir / SUMS_FILENAME
    expected = "".join(
        f"{hashlib.sha256((run_dir / name).read_bytes()).hexdigest()}  {name}\n"
        for name in sorted(NAMES)
    )
    assert path.read_bytes() == expected.encode()
    assert check_sha256sums(run_dir) == []
    assert read_sha256sums(run_dir) == {name: sha256_file(run_dir / name) for name in NAMES}


@pytest.mark.skipif(SHA256SUM is None, reason="coreutils sha256sum not installed")
def test_sums_pass_real_sha256sum(run_dir: Path) -> None:
    write_sha256sums(run_dir, NAMES)
    done = subprocess.run(
        [str(SHA256SUM), "-c", "--strict", SUMS_FILENAME],
        cwd=run_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (run_dir / "result.json").write_text('{"people":[1]}', encoding="utf-8")
    tampered = subprocess.run(
        [str(SHA256SUM), "-c", SUMS_FILENAME], cwd=run_dir, capture_output=True, check=False
    )
    assert tampered.returncode != 0


def test_check_reports_changed_and_missing(run_dir: Path) -> None:
    write_sha256sums(run_dir, NAMES)
    recorded = read_sha256sums(run_dir)
    (run_dir / "result.json").write_text("{}", encoding="utf-8")
    (run_dir / "parts" / "rincian.csv").unlink()
    assert check_sha256sums(run_dir) == [
        SumMismatch("parts/rincian.csv", recorded["parts/rincian.csv"], "missing"),
        SumMismatch("result.json", recorded["result.json"], sha256_bytes(b"{}")),
    ]


def test_check_accepts_binary_mode_lines(run_dir: Path) -> None:
    digest = sha256_file(run_dir / "result.json")
    (run_dir / SUMS_FILENAME).write_text(f"{digest} *result.json\n", encoding="utf-8")
    assert check_sha256sums(run_dir) == []


@pytest.mark.parametrize(
    "name", ["../escape", "/etc/passwd", "a//b", "./a", "a/", "back\\slash", "new\nline", "."]
)
def test_unsafe_names_refused(run_dir: Path, name: str) -> None:
    with pytest.raises(ValueError):
        write_sha256sums(run_dir, [name])


def test_sums_file_cannot_list_itself(run_dir: Path) -> None:
    with pytest.raises(ValueError):
        write_sha256sums(run_dir, [SUMS_FILENAME])


def test_missing_or_malformed_sums_fail_verification(run_dir: Path) -> None:
    with pytest.raises(VerificationError, match="missing"):
        check_sha256sums(run_dir)
    (run_dir / SUMS_FILENAME).write_text("not a hash  result.json\n", encoding="utf-8")
    with pytest.raises(VerificationError, match=":1:"):
        check_sha256sums(run_dir)
    (run_dir / SUMS_FILENAME).write_text(f"{'0' * 64}  ../outside\n", encoding="utf-8")
    with pytest.raises(VerificationError, match="unsafe"):
        check_sha256sums(run_dir)
