"""The shipped JSON Schemas (package `recipegen.schemas`) and their SchemaStore-style catalog."""

from __future__ import annotations

import functools
import json
from pathlib import Path

SUFFIX = ".schema.json"
CATALOG = "catalog.json"


@functools.cache
def _folder() -> Path:
    """The installed `recipegen/schemas/` folder (package data next to its `__init__.py`; found
    without importlib.resources, whose readers cost start-up time)."""
    import recipegen.schemas

    return Path(recipegen.schemas.__file__).parent


def available_schemas() -> list[str]:
    """Names of the shipped schemas (file names without `.schema.json`), sorted."""
    return list(_names())


@functools.cache
def _names() -> tuple[str, ...]:
    return tuple(sorted(entry.name[: -len(SUFFIX)] for entry in _folder().iterdir() if entry.name.endswith(SUFFIX)))


def schema_path(name: str = "recipe-v1") -> Path:
    """File-system path of a shipped schema (for editor set-up)."""
    return _folder() / f"{name}{SUFFIX}"


def catalog_path() -> Path:
    return _folder() / CATALOG


@functools.cache
def schema_text(name: str) -> str:
    if name not in _names():
        raise KeyError(name)
    return (_folder() / f"{name}{SUFFIX}").read_text(encoding="utf-8")


def load_schema(name: str = "recipe-v1") -> dict:
    """The parsed schema `name`. Cached; callers must not modify it."""
    return _load_schema(name)


@functools.cache
def _load_schema(name: str) -> dict:
    return json.loads(schema_text(name))


@functools.cache
def load_catalog() -> dict:
    """The catalog (SchemaStore's `schema-catalog.json` format) mapping file patterns to schemas."""
    return json.loads((_folder() / CATALOG).read_text(encoding="utf-8"))


def catalog_for(base_url: str | None = None, local: bool = False) -> dict:
    """The catalog with each `url` under `base_url` (the folder of the published schemas), or
    pointing at the installed files (`local`)."""
    catalog = json.loads(json.dumps(load_catalog()))
    for entry in catalog["schemas"]:
        file_name = entry["url"].rsplit("/", 1)[-1]
        if local:
            entry["url"] = schema_path(file_name[: -len(SUFFIX)]).as_uri()
        elif base_url:
            entry["url"] = f"{base_url.rstrip('/')}/{file_name}"
    return catalog
