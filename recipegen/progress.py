"""Progress on a terminal, nothing elsewhere; repeated notes said once.

`Progress` draws click's progress bar on stderr (`generating [####----] 12/40 requests`), only
when stderr is a terminal: logs, pipes and CI output get nothing. `grouped_notes` turns the notes of many recipes into one line per distinct note.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, TextIO

import click

SHOWN_NAMES = 5  # recipes named on a grouped note; the rest are counted


class Progress:
    """click's progress bar (`linting [####----] 12/40 name`) on stderr when it is a terminal;
    nothing otherwise. The total may grow while the work runs (--recursive finds more)."""

    def __init__(self, what: str, total: int = 0, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.what = what
        self.total = total
        self.done = 0
        self._bar: Any = None

    def advance(self, label: str = "", total: int | None = None) -> None:
        self.done += 1
        if total is not None:
            self.total = total
        if not self.enabled:
            return
        if self._bar is None:
            self._bar = click.progressbar(
                length=max(self.total, 1),
                label=self.what,
                file=self.stream,
                show_pos=True,
                show_eta=False,
                item_show_func=lambda item: item,
            )
        self._bar.length = max(self.total, self.done)
        self._bar.update(1, label)

    def close(self) -> None:
        """Finish the bar (it stays on screen, the report follows on the next line)."""
        if self._bar is not None:
            self._bar.render_finish()
            self._bar = None


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
