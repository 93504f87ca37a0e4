"""The faster `if` keyword decides exactly as jsonschema does."""

import pytest
from jsonschema import Draft202012Validator

from recipegen.validation.check import _compile_condition
from recipegen.validation.schemas import available_schemas, load_schema

SHAPES = [
    {"type": "array"},
    {"type": "object"},
    {"type": "object", "required": ["url"]},
    {"type": "object", "anyOf": [{"required": ["if"]}, {"required": ["then"]}, {"required": ["else"]}]},
    {"required": ["a"]},
    {"type": "object", "properties": {"a": {"const": "x"}}, "required": ["a"]},
    {"type": "object", "properties": {"a": {"const": 1, "description": "one"}}},
    {"properties": {"a": {"pattern": "^x"}}},
    {"anyOf": [{"required": ["a"]}, {"required": ["b"]}]},
    {"required": ["a"], "properties": {"a": {"pattern": "y$", "description": "ends in y"}}},
]
INSTANCES = [None, 1, 1.5, True, "x", [], [1], {}, {"url": 1}, {"if": 1}, {"then": 1}, {"else": 1}, {"a": 1}, {"b": 1}]
INSTANCES += [{"a": "x"}, {"a": "y"}, {"a": True}, {"a": 1.0}, {"a": [1]}, {"a": "xy"}, {"a": "zz"}]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_compiled_condition_matches_jsonschema(shape):
    predicate = _compile_condition(shape)
    assert predicate is not None
    reference = Draft202012Validator(shape)
    for instance in INSTANCES:
        assert predicate(instance) == reference.is_valid(instance), instance


@pytest.mark.parametrize(
    "shape",
    [
        {"type": "string"},
        {"enum": [1]},
        {"type": "object", "properties": {"a": {"type": "string"}}},
        {"type": "object", "properties": {"a": {"const": [1]}}},
        {"anyOf": [{"type": "string"}]},
        {"type": "object", "anyOf": [{"type": "x"}]},
    ],
)
def test_other_conditions_use_jsonschema(shape):
    assert _compile_condition(shape) is None


def test_every_if_in_the_shipped_schemas_compiles():
    def conditions(node):
        if isinstance(node, dict):
            if isinstance(node.get("if"), dict):
                yield node["if"]
            for key, value in node.items():
                if key in ("properties", "$defs"):  # mappings of names to schemas
                    for sub in value.values():
                        yield from conditions(sub)
                else:
                    yield from conditions(value)
        elif isinstance(node, list):
            for value in node:
                yield from conditions(value)

    found = [c for name in available_schemas() for c in conditions(load_schema(name))]
    assert len(found) > 30
    assert all(_compile_condition(c) is not None for c in found)
