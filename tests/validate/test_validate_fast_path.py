"""The libyaml fast path only ever answers "valid" when the full round-trip path agrees."""

import datetime

import pytest

from recipegen import validate
from recipegen.validate import _FastBuilder, _libyaml, _quickly_valid, validate_document, validate_file
from recipegen.yamlio import parse_yaml

from .conftest import BROKEN, FIXTURES

pytestmark = pytest.mark.skipif(_libyaml() is None, reason="PyYAML with libyaml is not installed")

SCALARS = ("yes no on off y n true True TRUE tRue false FALSE 1.10 1e3 1E3 0x1F 0o17 017 1_000 .inf -.inf "
           ".nan ~ null Null NULL 2024-01-01 2024-01-01T10:00:00 2024-1-1 12:30:00 12:30 +1 -5 -.5 1. .5 "
           "0b101 abc 3.12.1 1.2.3a v1 0 00 -0 +0.0 1e 1e+3 .5e-3 1_0.5 2025c").split()


def kind(value):
    for name, types in (("bool", bool), ("int", int), ("float", float), ("str", str),
                        ("date", datetime.date)):
        if isinstance(value, types):
            return name
    return "none" if value is None else type(value).__name__


@pytest.mark.parametrize("scalar", SCALARS)
def test_plain_scalars_are_typed_like_ruamel_round_trip(scalar):
    text = f"key: {scalar}\n"
    full = parse_yaml(text)["key"]
    fast = _FastBuilder(_libyaml()).build(text)["key"]
    assert kind(fast) == kind(full)
    if kind(full) in ("int", "bool") or (kind(full) == "float" and full == full):
        assert fast == full


ALL_YAML = sorted(p for p in FIXTURES.rglob("*.yaml") if "recipes" in p.parts or "broken" in p.parts)


@pytest.mark.parametrize("path", ALL_YAML, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fast_verdict_never_contradicts_the_full_path(path):
    text = path.read_text()
    try:
        full_ok = validate_document(parse_yaml(text, str(path)), str(path)) == []
    except Exception:
        full_ok = False
    if _quickly_valid(text, str(path)):
        assert full_ok


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                                     # duplicate key
    "base: &b {name: x}\npackage:\n  <<: *b\n  version: '1'\n",   # merge key
    "package: !custom {name: x, version: '1'}\n",      # custom tag
    "%YAML 1.1\n---\npackage: {name: x, version: '1'}\n",
    "a: [1\n",                                          # syntax error
])
def test_unusual_input_takes_the_full_path(text):
    assert not _quickly_valid(text, "recipe.yaml")


def test_alias_bomb_takes_the_full_path():
    assert not _quickly_valid((BROKEN / "unusable" / "alias-bomb.yaml").read_text(), "recipe.yaml")


def test_same_results_without_libyaml(monkeypatch):
    paths = sorted((FIXTURES / "recipes" / "v1").rglob("*.yaml")) + sorted(BROKEN.glob("*.yaml"))
    with_fast = [validate_file(p) for p in paths]
    monkeypatch.setenv("RECIPEGEN_NO_LIBYAML", "1")
    validate._libyaml.cache_clear()
    try:
        assert validate._libyaml() is None
        assert [validate_file(p) for p in paths] == with_fast
    finally:
        monkeypatch.delenv("RECIPEGEN_NO_LIBYAML")
        validate._libyaml.cache_clear()
