"""File-system helpers the store shares: safe SQLite URIs, private files, durable renames, leftovers.

They exist so that every place that touches a database file does it the same careful way: a path
with ``#``, ``?`` or ``%`` in it still names that file, a rename survives a power cut, a temporary
file never collides with another process's, and a read-only file is recognised as read-only.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

STALE_AFTER_SECONDS = 3600


def sqlite_uri(path: Path, mode: str = "ro") -> str:
    """An SQLite URI for ``path``: percent-encoded by ``as_uri`` so no character can cut it short."""
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def create_private(path: Path) -> None:
    """An empty file readable by its owner only; fails if the name is taken."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def private_temp(folder: Path, prefix: str, suffix: str = ".partial") -> Path:
    """A new, unique, owner-only file in ``folder`` (mkstemp), so two processes never share a name."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; a no-op where directories cannot be opened (Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def link_into_place(temp: Path, final: Path) -> None:
    """Give the complete ``temp`` the name ``final`` without ever replacing a file already there.

    ``os.link`` fails with FileExistsError when ``final`` exists, so two processes cannot both claim
    one name. Where hard links are not supported, a rename is used after checking the name is free.
    """
    try:
        os.link(temp, final)
    except FileExistsError:
        raise
    except OSError:
        if final.exists():
            raise FileExistsError(str(final)) from None
        os.replace(temp, final)
        return
    temp.unlink(missing_ok=True)


def remove_stale(folder: Path, prefix: str, suffix: str, *, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Delete leftovers of killed runs (``prefix*suffix``) older than ``older_than`` seconds."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    cutoff = time.time() - older_than
    for item in folder.iterdir():
        if item.name.startswith(prefix) and item.name.endswith(suffix):
            try:
                if item.is_file() and item.stat().st_mtime < cutoff:
                    item.unlink()
                    removed.append(item)
            except OSError:
                continue
    return removed


def is_read_only(path: Path) -> bool:
    """True when ``path`` cannot or must not be written: no access, or no write bit in its mode.

    The mode bits are checked as well as ``os.access`` because root may write anywhere, yet a file
    the user made read-only (chmod a-w) should still be treated as read-only.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not (stat.S_IMODE(mode) & 0o222)
