"""The shipped JSON Schemas: valid Draft 2020-12, documented for editors' hover, found through
importlib.resources, each listed in the SchemaStore-format catalog under its published URL."""

import json
import re

import pytest
from jsonschema import Draft202012Validator

from recipegen.endpoints import schema_url
from recipegen.validate import available_schemas, load_schema, schema_path
from recipegen.validation.schemas import catalog_for, load_catalog

NAMES = [
    "channel-run-exports",
    "channeldata",
    "conda-forge",
    "conda-lock",
    "condarc",
    "environment",
    "package-about",
    "package-index",
    "package-link",
    "package-paths",
    "package-run-exports",
    "recipe-v1",
    "rendered-recipe",
    "repodata",
    "variants",
]


def test_available_schemas():
    assert available_schemas() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name):
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", NAMES)
def test_schema_id_is_the_published_url(monkeypatch, name):
    monkeypatch.delenv("RECIPEGEN_SCHEMA_URL", raising=False)
    assert load_schema(name)["$id"] == schema_url().replace("recipe-v1.schema.json", f"{name}.schema.json")


def test_catalog_lists_every_schema_at_its_id():
    catalog = load_catalog()
    assert catalog["$schema"] == "https://json.schemastore.org/schema-catalog.json"
    urls = [entry["url"] for entry in catalog["schemas"]]
    assert sorted(urls) == sorted(load_schema(name)["$id"] for name in NAMES)
    for entry in catalog["schemas"]:
        assert set(entry) == {"name", "description", "fileMatch", "url"}
        assert entry["fileMatch"] and all(isinstance(p, str) for p in entry["fileMatch"])


def test_catalog_for_a_mirror_and_for_the_installed_files():
    mirrored = catalog_for("https://example.org/schemas/")
    assert all(e["url"].startswith("https://example.org/schemas/") for e in mirrored["schemas"])
    local = catalog_for(local=True)
    assert all(e["url"].startswith("file://") and e["url"].endswith(".schema.json") for e in local["schemas"])
    assert load_catalog()["schemas"][0]["url"].startswith("https://raw.githubusercontent.com/")  # not modified


def _descriptions(schema):
    return [(place, node["description"]) for place, node in _nodes(schema) if isinstance(node.get("description"), str)]


@pytest.mark.parametrize("name", NAMES)
def test_descriptions_suit_hover(name):
    """Plain text or inline markdown, one or two sentences: no headings, lists, tables, HTML
    or fenced code that a hover popup would show raw or cut."""
    for where, text in _descriptions(load_schema(name)):
        assert text.count("`") % 2 == 0, where  # code spans closed
        prose = re.sub(r"`[^`]*`", "", text)
        assert "\n" not in text and not re.search(r"<[A-Za-z/!]|^#|\|", prose), where
        sentences = re.findall(r"[.!?](?:\s|$)", re.sub(r"\b(?:e\.g|i\.e|etc|vs)\.", "", prose))
        assert len(sentences) <= 2 and len(text) <= 300, (where, text)


def _patterns(schema):
    for _, node in _nodes(schema):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        yield from node.get("patternProperties", {})


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("recipe-v1", "variants")])
def test_patterns_are_anchored_and_have_no_nested_quantifiers(name):
    for pattern in _patterns(load_schema(name)):
        assert pattern.startswith("^") or pattern.endswith("$"), pattern
        assert not re.search(r"\((?:[^()\\]|\\.)*[*+]\)[*+{]", pattern), pattern


def _nodes(node, where="#"):
    """Every mapping of a schema with its JSON pointer."""
    if isinstance(node, dict):
        yield where, node
        for key, sub in node.items():
            yield from _nodes(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _nodes(sub, f"{where}/{index}")


def _undocumented(schema, where, out):
    for place, node in _nodes(schema, where):
        for group in ("properties", "$defs"):
            for name, sub in node.get(group, {}).items():
                if not (isinstance(sub, dict) and sub.get("description")):
                    out.append(f"{place}/{group}/{name}")
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
