"""The libyaml fast path of parse_yaml (keep_comments=False), which validate_text uses, gives
exactly what the round-trip path gives: same scalar types, same problems, same refusals."""

import datetime

import pytest

from recipegen import fastyaml
from recipegen.problems import InputError
from recipegen.validate import validate_document, validate_file, validate_text
from recipegen.yamlio import parse_yaml

from .conftest import BROKEN, FIXTURES

needs_libyaml = pytest.mark.skipif(not fastyaml.available(), reason="PyYAML with libyaml is not installed")

SCALARS = [
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "true",
    "True",
    "TRUE",
    "tRue",
    "false",
    "FALSE",
    "1.10",
    "1e3",
    "1E3",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    ".inf",
    "-.inf",
    ".nan",
    "~",
    "null",
    "Null",
    "NULL",
    "2024-01-01",
    "2024-01-01T10:00:00",
    "2024-1-1",
    "12:30:00",
    "12:30",
    "+1",
    "-5",
    "-.5",
    "1.",
    ".5",
    "0b101",
    "abc",
    "3.12.1",
    "1.2.3a",
    "v1",
    "0",
    "00",
    "-0",
    "+0.0",
    "1e",
    "1e+3",
    ".5e-3",
    "1_0.5",
    "2025c",
]


def kind(value):
    for name, types in (("bool", bool), ("int", int), ("float", float), ("str", str), ("date", datetime.date)):
        if isinstance(value, types):
            return name
    return "none" if value is None else type(value).__name__


@needs_libyaml
@pytest.mark.parametrize("scalar", SCALARS)
def test_plain_scalars_are_typed_like_ruamel_round_trip(scalar):
    text = f"key: {scalar}\n"
    full = parse_yaml(text)["key"]
    fast = parse_yaml(text, keep_comments=False)["key"]
    assert kind(fast) == kind(full)
    if kind(full) in ("int", "bool") or (kind(full) == "float" and full == full):
        assert fast == full


ALL_YAML = sorted(p for p in FIXTURES.rglob("*.yaml") if "recipes" in p.parts or "broken" in p.parts)


def _problems_or_error(read, path):
    try:
        return validate_document(read(), str(path))
    except InputError as exc:
        return str(exc)


@needs_libyaml
@pytest.mark.parametrize("path", ALL_YAML, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fast_verdict_never_contradicts_the_full_path(path):
    text = path.read_text()
    full = _problems_or_error(lambda: parse_yaml(text, str(path)), path)
    full_ok = full == []
    fast = _problems_or_error(lambda: parse_yaml(text, str(path), keep_comments=False), path)
    if fast == []:
        assert full_ok
    assert fast == full


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "base: &b {name: x}\npackage:\n  <<: *b\n  version: '1'\n",  # merge key
        "package: !custom {name: x, version: '1'}\n",  # custom tag
        "%YAML 1.1\n---\npackage: {name: x, version: '1'}\n",
        "a: [1\n",  # syntax error
    ],
)
def test_unusual_input_takes_the_full_path(text):
    with pytest.raises(fastyaml.Fallback):
        fastyaml.build(text)


@needs_libyaml
@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a:\n  - x: [1, {b: c}]\na: 2\n", "a: 1\na: {b: 1.10, c: 0x1F}\n"])
def test_duplicate_key_same_message_on_both_paths(text):
    with pytest.raises(InputError) as full:
        parse_yaml(text, "recipe.yaml")
    with pytest.raises(InputError) as fast:
        parse_yaml(text, "recipe.yaml", keep_comments=False)
    assert str(fast.value) == str(full.value)


def test_alias_bomb_refused_on_both_paths():
    text = (BROKEN / "unusable" / "alias-bomb.yaml").read_text()
    for keep_comments in (True, False):
        with pytest.raises(InputError, match="alias"):
            parse_yaml(text, "recipe.yaml", keep_comments=keep_comments)


def test_same_results_without_libyaml(monkeypatch):
    paths = sorted((FIXTURES / "recipes" / "v1").rglob("*.yaml")) + sorted(BROKEN.glob("*.yaml"))
    with_fast = [validate_file(p) for p in paths]
    monkeypatch.setenv("RECIPEGEN_NO_LIBYAML", "1")
    assert not fastyaml.available()
    assert [validate_file(p) for p in paths] == with_fast


def test_deep_nesting_refused_quickly_without_libyaml(monkeypatch):
    monkeypatch.setenv("RECIPEGEN_NO_LIBYAML", "1")
    with pytest.raises(InputError, match="nesting deeper"):
        validate_text("a: " + "[" * 5000 + "]" * 5000 + "\n", "recipe.yaml")


TAGGED_OR_NOT = [
    ("a: !!str 12\n", True),
    ("- !!binary aGk=\n", True),
    ("a: [!!int '1']\n", True),
    ("a: {b: !t c}\n", True),
    ("? !t k\n: v\n", True),
    ("a: '>=2.2.0,!=3.5.0'\n", False),  # a lockfile's constraint
    ("- python >=3.8,!=3.9\n", False),
    ("- pkg !=1.0\n", False),
    ("a: b!c\n", False),
]


@needs_libyaml
@pytest.mark.parametrize(("text", "tagged"), TAGGED_OR_NOT)
def test_the_tag_scan_sees_every_tag_and_no_version_constraint(text, tagged):
    """Texts with `!=` constraints (every large lockfile) are composed without PyYAML's typing
    (a third faster); a real tag anywhere keeps it. Both give the full reader's data."""
    assert fastyaml._may_have_tags(text) is tagged
    try:
        fast = parse_yaml(text, keep_comments=False)
    except InputError as exc:
        fast = str(exc)
    try:
        full = parse_yaml(text)
    except InputError as exc:
        full = str(exc)
    assert repr(fast) == repr(full)  # ruamel's TaggedScalar has no equality of its own
