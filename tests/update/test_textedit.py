"""recipegen.textedit: position-based edits keep every other byte."""

from __future__ import annotations

import pytest

from recipegen.textedit import (
    LineIndex,
    TextEdit,
    TextEditError,
    apply_edits,
    delete_lines,
    insert_lines_after,
    replace_span,
    scalar_extent,
    unified_diff,
)

TEXT = "a: 1  # one\nb:\n  - x\n  - y\n"


def test_positions_round_trip():
    index = LineIndex(TEXT)
    assert index.line_count == 4
    assert index.line_text(3) == "  - x"
    assert index.position(index.offset(3, 5)) == (3, 5)


def test_replace_keeps_the_rest_of_the_line():
    index = LineIndex(TEXT)
    assert apply_edits(TEXT, [replace_span(index, 1, 4, 5, "2")]) == "a: 2  # one\nb:\n  - x\n  - y\n"


def test_insert_and_delete_lines_in_one_pass():
    index = LineIndex(TEXT)
    edits = [insert_lines_after(index, 3, ["  - w"]), delete_lines(index, 4)]
    assert apply_edits(TEXT, edits) == "a: 1  # one\nb:\n  - x\n  - w\n"


def test_crlf_files_stay_crlf():
    text = TEXT.replace("\n", "\r\n")
    index = LineIndex(text)
    assert index.line_text(3) == "  - x"
    out = apply_edits(text, [insert_lines_after(index, 3, ["  - w"])])
    assert out == "a: 1  # one\r\nb:\r\n  - x\r\n  - w\r\n  - y\r\n"


def test_insert_after_a_last_line_without_newline():
    text = "a:\n  - x"
    index = LineIndex(text)
    assert apply_edits(text, [insert_lines_after(index, 2, ["  - y"])]) == "a:\n  - x\n  - y"


def test_overlapping_edits_are_refused():
    with pytest.raises(TextEditError):
        apply_edits(TEXT, [TextEdit(0, 4, "x"), TextEdit(2, 6, "y")])


def test_insertions_at_one_offset_keep_their_order():
    assert apply_edits("ab", [TextEdit(1, 1, "1"), TextEdit(1, 1, "2")]) == "a12b"


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("  sha256: abc  # note", 11, (11, 14)),
        ('  version: "1.2"  # x', 12, (12, 17)),
        ("  version: 'it''s' # x", 12, (12, 19)),
        ("  - numpy >=1.2   ", 5, (5, 16)),
        ("  url: https://x/#frag", 8, (8, 23)),
    ],
)
def test_scalar_extent(line, column, expected):
    assert scalar_extent(line, column) == expected


def test_unified_diff_names_the_file():
    diff = unified_diff("a\n", "b\n", "/abs/recipe.yaml")
    assert diff.splitlines()[:2] == ["--- a/abs/recipe.yaml", "+++ b/abs/recipe.yaml"]
    assert "-a" in diff and "+b" in diff
