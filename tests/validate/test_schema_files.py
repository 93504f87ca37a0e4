"""The shipped JSON Schemas: valid Draft 2020-12, documented, found through importlib.resources."""

import json

import pytest
from jsonschema import Draft202012Validator

from recipegen.endpoints import schema_url
from recipegen.validate import available_schemas, load_schema, schema_path

NAMES = ["recipe-v1", "variants"]


def test_available_schemas():
    assert available_schemas() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name):
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_recipe_schema_id_is_the_published_url(monkeypatch):
    monkeypatch.delenv("RECIPEGEN_SCHEMA_URL", raising=False)
    assert load_schema("recipe-v1")["$id"] == schema_url()
    assert load_schema("variants")["$id"] == schema_url().replace("recipe-v1.schema.json", "variants.schema.json")


def _undocumented(node, where, out):
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if not (isinstance(sub, dict) and sub.get("description")):
                out.append(f"{where}/properties/{name}")
        for name, sub in node.get("$defs", {}).items():
            if not (isinstance(sub, dict) and sub.get("description")):
                out.append(f"{where}/$defs/{name}")
        for key, sub in node.items():
            _undocumented(sub, f"{where}/{key}", out)
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            _undocumented(sub, f"{where}/{index}", out)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_every_property_and_definition_has_a_description(name):
    schema = load_schema(name)
    assert schema.get("description")
    assert _undocumented(schema, "#", []) == []


def test_description_check_catches_a_missing_description():
    assert _undocumented({"$defs": {"a": {"type": "string"}}, "properties": {"b": {}}}, "#", []) == [
        "#/properties/b",
        "#/$defs/a",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_every_ref_resolves(name):
    schema = load_schema(name)
    text = json.dumps(schema)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        assert ref.startswith("#/$defs/") and ref[len("#/$defs/") :] in schema["$defs"], ref


def test_load_schema_is_cached_and_path_points_at_the_shipped_file():
    assert load_schema() is load_schema("recipe-v1")
    assert json.loads(schema_path("variants").read_text()) == load_schema("variants")


def test_unknown_schema_name():
    with pytest.raises(KeyError):
        load_schema("nope")
