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


DEEP_TEXTS = [
    "a: " + "[" * 5000 + "]" * 5000 + "\n",  # flow
    "".join(" " * (2 * level) + f"k{level}:\n" for level in range(5000)) + " " * 10000 + "v: 1\n",  # block
]


@pytest.mark.parametrize("keep_comments", [True, False])
@pytest.mark.parametrize("text", DEEP_TEXTS, ids=["flow", "block"])
def test_deep_nesting_refused_at_once(text, keep_comments, monkeypatch):
    import time

    for no_libyaml in ("", "1"):
        monkeypatch.setenv("RECIPEGEN_NO_LIBYAML", no_libyaml)
        start = time.perf_counter()
        with pytest.raises(InputError, match="nesting deeper than 100 levels") as info:
            parse_yaml(text, "deep.yaml", keep_comments=keep_comments)
        assert info.value.file == "deep.yaml"
        assert time.perf_counter() - start < 1.0  # ruamel alone takes seconds to give up


def test_nesting_a_recipe_uses_is_accepted():
    text = "a: " + "[" * 60 + "1" + "]" * 60 + "\nb: {c: {d: [x, y]}}\n"
    for keep_comments in (True, False):
        data = parse_yaml(text, keep_comments=keep_comments)
        assert data["b"]["c"]["d"] == ["x", "y"]


def test_fast_path_keeps_positions_and_drops_only_comments(monkeypatch):
    full = parse_yaml(DOC)
    fast = parse_yaml(DOC, keep_comments=False)
    assert fast == full
    for path in (["package", "name"], ["requirements", "run", 1, "then"]):
        assert locate(fast, path) == locate(full, path)
