import pytest

from recipegen.problems import InputError
from recipegen.yamlio import key_span, load_yaml, locate, parse_yaml, read_text

DOC = """\
package:
  name: foo
  version: "1.0"
requirements:
  run:
    - python
    - if: win
      then: pywin32
"""


def test_locate_points_at_values_and_items():
    data = parse_yaml(DOC)
    assert (locate(data, ["package", "name"]).line, locate(data, ["package", "name"]).column) == (2, 9)
    span = locate(data, ["requirements", "run", 1, "then"])
    assert (span.line, span.column) == (8, 13)
    assert key_span(data, ["requirements", "run"]).line == 5


def test_locate_missing_key_points_at_deepest_parent():
    data = parse_yaml(DOC)
    assert locate(data, ["package", "nope"]).line == 1  # the parent key


def test_duplicate_key_is_input_error_with_position():
    with pytest.raises(InputError) as info:
        parse_yaml("a: 1\nb: 2\na: 3\n", "r.yaml")
    assert info.value.line == 3
    assert "duplicate key" in str(info.value)


def test_syntax_error_one_line():
    with pytest.raises(InputError) as info:
        parse_yaml("a: [1, 2\nb: 3\n", "r.yaml")
    message = str(info.value)
    assert message.startswith("r.yaml:") and "\n" not in message


def test_alias_bomb_refused():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(InputError, match="alias"):
        parse_yaml("\n".join(lines) + "\n", "bomb.yaml")


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / "recipe.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary"):
        read_text(binary)
    with pytest.raises(InputError, match="no such file"):
        load_yaml(tmp_path / "missing.yaml")


def test_huge_file_refused(tmp_path):
    big = tmp_path / "recipe.yaml"
    big.write_text("a: " + "x" * 100 + "\n")
    with pytest.raises(InputError, match="more than"):
        read_text(big, max_bytes=50)
