"""Where a result comes from: code version and data checksum, shown on every output."""

from __future__ import annotations

import subprocess
from pathlib import Path

from werkdruk_utils import __version__, paths


def code_version(root: Path | None = None) -> str:
    """Package version plus the git commit of the working tree ('+dirty' when it has uncommitted
    changes).

    Outside a git checkout only the package version is returned.
    """
    root = paths.ROOT if root is None else root
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "describe", "--always", "--dirty=+dirty", "--abbrev=12"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return __version__
    return f"{__version__} ({commit})" if commit else __version__
