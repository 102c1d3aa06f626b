"""Give matplotlib a writable config/cache directory before it is imported.

matplotlib keeps its font list in ``~/.cache/matplotlib`` and reads ``~/.config/matplotlib``.
A service user often has no writable home (systemd ``ProtectHome``, a container's read-only
root filesystem, ``--home-dir /nonexistent``); matplotlib then rebuilds its font list in a new
temporary directory on every start and prints two warnings. When ``MPLCONFIGDIR`` is not set
and the default directories cannot be written, we point it at one private directory under the
system's temporary directory instead (``deploy/`` sets ``MPLCONFIGDIR`` explicitly).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

ENV_NAME = "MPLCONFIGDIR"


def _writable_dir(path: Path) -> bool:
    """Create ``path`` if needed; True when it is a directory we can write to."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def default_dirs(environ: MutableMapping[str, str]) -> list[Path]:
    """The config and cache directories matplotlib uses when ``MPLCONFIGDIR`` is unset."""
    home = Path(environ.get("HOME") or os.path.expanduser("~"))
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    cache = Path(environ.get("XDG_CACHE_HOME") or home / ".cache")
    return [config / "matplotlib", cache / "matplotlib"]


def fallback_dir() -> Path:
    """A per-user directory under the temporary directory (``$TMPDIR`` or /tmp)."""
    return Path(tempfile.gettempdir()) / f"prisbot-matplotlib-{os.getuid()}"


def _private(path: Path) -> bool:
    """True when ``path`` is a real directory owned by us (not a planted symlink)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def ensure_config_dir(environ: MutableMapping[str, str] | None = None) -> Path | None:
    """Set ``MPLCONFIGDIR`` to a writable private directory when the defaults are unusable.

    Returns the directory chosen, or None when nothing had to change (``MPLCONFIGDIR`` already
    set, or the home directories are writable) or no fallback could be made (matplotlib's own
    temporary-directory fallback then applies).
    """
    env = os.environ if environ is None else environ
    if env.get("MPLCONFIGDIR"):
        return None
    if all(_writable_dir(path) for path in default_dirs(env)):
        return None
    fallback = fallback_dir()
    try:
        fallback.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not _private(fallback) or not os.access(fallback, os.W_OK | os.X_OK):
        return None
    env["MPLCONFIGDIR"] = str(fallback)
    return fallback
