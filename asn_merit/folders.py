"""The platform's own per-user folders, through platformdirs.

Linux: $XDG_DATA_HOME/asn-merit and $XDG_CONFIG_HOME/asn-merit (~/.local/share, ~/.config);
Windows: %LOCALAPPDATA%\\asn-merit for both (local, never the roaming profile: a roaming profile
may be synchronised to a server, and the ledger must stay on a local disk); macOS:
~/Library/Application Support/asn-merit.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs
from platformdirs.api import PlatformDirsABC

APP = "asn-merit"


def platform_dirs() -> PlatformDirsABC:
    return PlatformDirs(APP, appauthor=False, roaming=False)


def data_folder(dirs: PlatformDirsABC | None = None) -> Path:
    return Path((dirs or platform_dirs()).user_data_dir)


def config_folder(dirs: PlatformDirsABC | None = None) -> Path:
    return Path((dirs or platform_dirs()).user_config_dir)
