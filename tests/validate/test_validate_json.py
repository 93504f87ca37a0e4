"""JSON files: positions of values and keys found by scanning the text, parse errors as one line."""

from __future__ import annotations

import pytest

from recipegen.problems import InputError
from recipegen.validate import validate_text
from recipegen.validation.jsonpos import JsonPositions

TEXT = '{\n  "a": [1, {"b": "x\\"y"}],\n  "é": {"c": null, "d": [ ]},\n  "e": 12.50\n}\n'


@pytest.mark.parametrize(
    "path, span",
    [
        ((), (1, 1, 1, 2)),
        (("a",), (2, 8, 2, 9)),
        (("a", 0), (2, 9, 2, 10)),
        (("a", 1, "b"), (2, 18, 2, 24)),
        (("é", "c"), (3, 14, 3, 18)),
        (("é", "d"), (3, 25, 3, 26)),
        (("e",), (4, 8, 4, 13)),
        (("a", 5), (2, 8, 2, 9)),  # a missing item: its list
        (("nope",), (1, 1, 1, 2)),
    ],
)
def test_value_spans(path, span):
    found = JsonPositions(TEXT).value_span(path)
    assert (found.line, found.column, found.end_line, found.end_column) == span


def test_key_spans():
    positions = JsonPositions(TEXT)
    span = positions.key_span(("é", "d"))
    assert (span.line, span.column, span.end_column) == (3, 20, 23)
    span = positions.key_span(("a", 1, "b"))
    assert (span.line, span.column) == (2, 13)


def test_any_depth_without_recursion():
    deep = "[" * 5000 + "1" + "]" * 5000
    span = JsonPositions(deep).value_span((0,) * 5000)
    assert (span.line, span.column) == (1, 5001)


def test_number_written_as_in_the_file_and_positions_in_messages():
    [problem] = validate_text(
        '{"paths_version": 1, "paths": [{"_path": "a", "sha256": 1.50, "size_in_bytes": 0}]}', "info/paths.json"
    )
    assert (problem.line, problem.column, problem.end_column) == (1, 57, 61)
    assert problem.message == 'paths[0].sha256: expected a string, got the number 1.5 (quote it: "1.50")'


def test_invalid_json_is_one_line_with_its_position():
    with pytest.raises(InputError) as info:
        validate_text('{\n  "a": 1,\n}\n', "channeldata.json")
    assert (info.value.line, info.value.column) == (3, 1)
    assert info.value.message.startswith("invalid JSON: Expecting property name")


def test_empty_repodata_is_an_empty_channel_but_empty_index_is_not():
    assert validate_text("", "noarch/repodata.json") == []
    [problem] = validate_text("  \n", "info/index.json")
    assert problem.message == "top level: expected a mapping, got an empty value"
