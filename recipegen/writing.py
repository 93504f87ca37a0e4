"""Writing generated recipes: atomically, never over an existing recipe unless asked."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path


def _mode_for(target: Path) -> int:
    """The permissions the file would get from a plain open(): the existing file's, else 0666 minus umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_process_umask()


@functools.lru_cache(maxsize=1)
def _process_umask() -> int:
    """The umask, read once (reading it means setting it; do that before threads write files)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


class RefusedOverwrite(Exception):
    """The target exists and --force was not given."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: already exists; pass --force to overwrite it")
        self.path = path


class FolderInUse(RefusedOverwrite):
    """A recipe's folder exists and holds files recipegen did not write (a project, notes):
    nothing is added to it without --force."""

    def __init__(self, folder: Path, others: list[str]) -> None:
        Exception.__init__(
            self,
            f"{folder}: the folder exists and holds {', '.join(others[:3])}{', ...' if len(others) > 3 else ''}; "
            "pass --force to write the recipe into it (nothing else in it is touched) or --output DIR",
        )
        self.path = folder


def write_atomically(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write `text` to `path` via a temporary file in the same folder and a rename.

    Raises RefusedOverwrite when `path` exists and `force` is false; the existing file is
    never touched in that case, and a failure half-way leaves no partial file behind.
    """
    target = Path(path)
    if target.exists() and not force:
        raise RefusedOverwrite(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and target.exists():
            raise RefusedOverwrite(target)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target
