"""The ledger's folder per platform, and the refusal of a network share (simulated here)."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import platformdirs.windows
import pytest
from platformdirs.unix import Unix
from platformdirs.windows import Windows
from typer.testing import CliRunner

from asn_merit import folders
from asn_merit.cli import app
from asn_merit.errors import InputOutputError
from asn_merit.ledger import Ledger, location
from asn_merit.ledger.location import DRIVE_REMOTE, network_reason

LOCAL = r"C:\Users\ani\AppData\Local"
MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
//fileserver/kepegawaian /mnt/kepeg cifs rw,relatime,vers=3.1.1 0 0
nas:/export/bkpsdm /srv/nas nfs4 rw,relatime 0 0
/dev/sdb1 /srv/nas/local\\040copy ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_windows_folders_are_local_appdata_never_roaming(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    known = {"CSIDL_LOCAL_APPDATA": LOCAL, "CSIDL_APPDATA": r"C:\Users\ani\AppData\Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", known.__getitem__)
    dirs = Windows(folders.APP, appauthor=False, roaming=False)
    assert PureWindowsPath(folders.data_folder(dirs)) == PureWindowsPath(LOCAL, "asn-merit")
    assert PureWindowsPath(folders.config_folder(dirs)) == PureWindowsPath(LOCAL, "asn-merit")
    # and the app uses these settings, not the roaming profile a server may hold
    made = folders.platform_dirs()
    assert (made.appname, made.appauthor, made.roaming) == ("asn-merit", False, False)


def test_linux_folders_follow_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dirs = Unix(folders.APP, appauthor=False)
    assert folders.data_folder(dirs) == tmp_path / "data" / "asn-merit"
    assert folders.config_folder(dirs) == tmp_path / "config" / "asn-merit"


@pytest.mark.parametrize(("path", "reason"), [
    (r"\\fileserver\kepegawaian\ledger.sqlite", r"UNC path \\fileserver\kepegawaian"),
    ("//fileserver/kepegawaian/ledger.sqlite", r"UNC path \\fileserver\kepegawaian"),
    (r"\\?\UNC\fileserver\kepegawaian\ledger.sqlite", "UNC path"),
    (r"Z:\asn-merit\ledger.sqlite", "drive Z: is a mapped network drive"),
    (r"C:\Users\ani\AppData\Local\asn-merit\ledger.sqlite", None),
    (r"\\?\C:\very\long\ledger.sqlite", None),
    (r"\\?\Z:\very\long\ledger.sqlite", "drive Z: is a mapped network drive"),
])
def test_windows_network_paths(path: str, reason: str | None) -> None:
    def drive_type(root: str) -> int:
        return DRIVE_REMOTE if root.upper() == "Z:\\" else 3  # 3: DRIVE_FIXED

    found = network_reason(Path(path), platform="win32", drive_type=drive_type)
    if reason is None:
        assert found is None
    else:
        assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(("path", "kind"), [
    ("/mnt/kepeg/asn-merit/ledger.sqlite", "cifs"),
    ("/srv/nas/ledger.sqlite", "nfs4"),
    ("/srv/nas/local copy/ledger.sqlite", None),  # a local disk mounted inside the share
    ("/mnt/kepegawaian-lokal/ledger.sqlite", None),  # a prefix of the name is not the mount
    ("/home/ani/.local/share/asn-merit/ledger.sqlite", None),
])
def test_linux_network_mounts(path: str, kind: str | None) -> None:
    found = network_reason(Path(path), platform="linux", mounts=MOUNTS)
    assert (found is None) if kind is None else (found is not None and found.endswith(kind))


def test_a_ledger_on_a_network_mount_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    share = tmp_path / "share"
    kept = share / "kept" / "ledger.sqlite"
    with Ledger.open(kept):  # written while the folder was still a local disk
        pass
    monkeypatch.setattr(location, "_read_mounts",
                        lambda: f"/dev/sda1 / ext4 rw 0 0\n//srv/kepeg {share} cifs rw 0 0\n")
    fresh = share / "asn-merit" / "ledger.sqlite"
    with pytest.raises(InputOutputError, match=r"network share .*cifs.*local disk"):
        Ledger.open(fresh)
    assert not fresh.parent.exists()  # refused before anything is created
    result = CliRunner().invoke(app, ["ledger", "verify", "--ledger", str(kept)])
    assert result.exit_code == 6, result.output
    assert "is mounted as cifs" in result.stderr and "disk lokal" in result.stderr


def test_default_ledger_is_in_the_data_folder(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.delenv("ASN_MERIT_LEDGER")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert location.default_ledger_path() == folders.data_folder() / "ledger.sqlite"
