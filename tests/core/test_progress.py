"""Progress only on a terminal; a note many recipes share is said once."""

from __future__ import annotations

import io

from recipegen.generate import Target, run_pipeline
from recipegen.progress import Progress, grouped_notes


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_a_bar_on_a_terminal():
    stream = Terminal()
    progress = Progress("linting", total=3, stream=stream)
    for name in ("a", "b", "c"):
        progress.advance(name)
    progress.advance("d", total=5)  # --recursive found more
    progress.close()
    text = stream.getvalue()
    assert "linting" in text and "3/3  c" in text and "4/5  d" in text


def test_progress_writes_nothing_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress("linting", total=3, stream=stream)
    progress.advance("a")
    progress.close()
    assert stream.getvalue() == ""


def test_repeated_notes_are_grouped():
    notes = [(f"julia-p{i}", "warning: license not set") for i in range(7)] + [("julia-p0", "GR_jll has no match")]
    assert grouped_notes(notes) == [
        "warning: license not set (7 recipes: julia-p0, julia-p1, julia-p2, julia-p3, julia-p4, and 2 more)",
        "julia-p0: GR_jll has no match",
    ]


def test_generators_group_notes_and_show_no_progress_in_a_pipe(tmp_path, capsys):
    from tests.core.recipes import Generated, small_recipe

    def make(name: str):
        return small_recipe(name, notes=("warning: the source was not downloaded", f"{name} is special"))

    code = run_pipeline(Generated(make), ["a", "b", "c"], Target(tmp_path))
    stderr = capsys.readouterr().err
    assert code == 0
    lines = stderr.splitlines()
    assert lines.count("warning: the source was not downloaded (3 recipes: a, b, c)") == 1
    assert {"a: a is special", "b: b is special", "c: c is special"} <= set(lines)
    assert "\r" not in stderr and "generating" not in stderr


def test_lint_shows_progress_on_a_terminal_only(monkeypatch):
    import sys
    from pathlib import Path

    from recipegen.linters.api import lint_paths

    folder = Path(__file__).resolve().parents[2] / "fixtures" / "recipes" / "v1"
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    lint_paths([folder / "zstd-feedstock", folder / "snappy-feedstock"], jobs=1, progress=True)
    assert "2/2" in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    lint_paths([folder / "zstd-feedstock", folder / "snappy-feedstock"], jobs=1, progress=True)
    assert pipe.getvalue() == ""
