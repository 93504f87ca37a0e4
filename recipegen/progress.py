"""Progress on a terminal, nothing elsewhere; repeated notes said once.

`Progress` draws one status line on stderr (`generating 12/40: requests`), redrawn in place and
erased when the work is done, only when stderr is a terminal: logs, pipes and CI output get
nothing. `grouped_notes` turns the notes of many recipes into one line per distinct note.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterable
from typing import TextIO

REDRAW_SECONDS = 0.1  # at most ten redraws a second
SHOWN_NAMES = 5  # recipes named on a grouped note; the rest are counted


class Progress:
    """`what done/total: label` on one terminal line (total may grow, e.g. with --recursive)."""

    def __init__(self, what: str, total: int = 0, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.what = what
        self.total = total
        self.done = 0
        self._drawn = 0.0
        self._shown = False

    def advance(self, label: str = "", total: int | None = None) -> None:
        self.done += 1
        if total is not None:
            self.total = total
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn < REDRAW_SECONDS and self.done < self.total:
            return
        self._drawn = now
        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        count = f"{self.done}/{self.total}" if self.total else str(self.done)
        line = f"{self.what} {count}" + (f": {label}" if label else "")
        self.stream.write("\r\x1b[2K" + line[:width])
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """Erase the status line (before the summary is printed)."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False


def grouped_notes(notes: Iterable[tuple[str, str]]) -> list[str]:
    """`name: note` lines, one per distinct note in first-seen order: a note several recipes share
    is printed once with their names (`note (3 recipes: a, b, c)`)."""
    by_note: dict[str, list[str]] = {}
    for name, note in notes:
        names = by_note.setdefault(note, [])
        if name not in names:
            names.append(name)
    lines = []
    for note, names in by_note.items():
        if len(names) == 1:
            lines.append(f"{names[0]}: {note}")
            continue
        shown = ", ".join(names[:SHOWN_NAMES])
        more = f", and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else ""
        lines.append(f"{note} ({len(names)} recipes: {shown}{more})")
    return lines
