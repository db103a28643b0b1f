"""asn-merit.toml: settings from the platform's config folder, then the current directory.

The current directory's file wins key by key, so an office can set the ledger once per user and
the policy per folder. Every key is checked: a misspelt key (`polcy`) is an error with "did you
mean", never a silent fall back to the shipped policy. Paths are relative to their file.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from asn_merit.errors import UsageError
from asn_merit.folders import config_folder
from asn_merit.ledger.location import default_ledger_path

CONFIG_FILE = "asn-merit.toml"
# section.key -> what it holds; every key is a path to a file.
KNOWN_KEYS = {
    "score.policy": "the policy YAML used when --policy is not given",
    "ledger.path": "the ledger file when neither --ledger nor ASN_MERIT_LEDGER is given",
}


@dataclass(frozen=True)
class Config:
    """The merged settings: each key's value already resolved, with the file it came from."""

    paths: dict[str, Path] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    def path(self, key: str) -> Path | None:
        return self.paths.get(key)


def config_files(cwd: Path, folder: Path | None = None) -> list[Path]:
    """The files read, lowest precedence first: the user's config folder, then `cwd`."""
    candidates = [(folder or config_folder()) / CONFIG_FILE, cwd / CONFIG_FILE]
    found: list[Path] = []
    for path in candidates:
        if path.is_file() and all(not path.samefile(seen) for seen in found):
            found.append(path)
    return found


def load_config(cwd: Path, folder: Path | None = None) -> Config:
    paths: dict[str, Path] = {}
    sources: dict[str, Path] = {}
    files = config_files(cwd, folder)
    for file in files:
        for key, value in _read(file).items():
            paths[key] = (file.parent / value).resolve()
            sources[key] = file
    return Config(paths, sources, tuple(files))


def _read(file: Path) -> dict[str, str]:
    """One file's keys as section.key -> text; BOM and CRLF (Notepad) are accepted."""
    try:
        document = tomllib.loads(file.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{file}: {exc}") from None
    problems: list[str] = []
    values: dict[str, str] = {}
    for section, body in document.items():
        if not isinstance(body, dict):
            under = [k for k in KNOWN_KEYS if k.split(".")[1] == section]
            problems.append(f"unknown key '{section}' outside a section; " + (
                f"did you mean '{under[0]}' (under [{under[0].split('.')[0]}])?" if under
                else "known keys: " + ", ".join(sorted(KNOWN_KEYS))))
            continue
        for key, value in body.items():
            dotted = f"{section}.{key}"
            if dotted not in KNOWN_KEYS:
                problems.append(_unknown(dotted))
            elif not isinstance(value, str) or not value.strip():
                problems.append(f"'{dotted}' must be a file path in quotes, "
                                f"not {value!r} ({KNOWN_KEYS[dotted]})")
            else:
                values[dotted] = value
    if problems:
        raise UsageError(f"{file}: " + "; ".join(problems))
    return values


def _unknown(name: str) -> str:
    close = difflib.get_close_matches(name, sorted(KNOWN_KEYS), n=1)
    return f"unknown key '{name}'; " + (f"did you mean '{close[0]}'?" if close else
                                        "known keys: " + ", ".join(sorted(KNOWN_KEYS)))


def ledger_path(explicit: Path | None, cwd: Path) -> Path:
    """--ledger, else $ASN_MERIT_LEDGER, else [ledger] path, else the platform's data folder."""
    if explicit is not None:
        return explicit
    if os.environ.get("ASN_MERIT_LEDGER"):
        return default_ledger_path()
    return load_config(cwd).path("ledger.path") or default_ledger_path()
