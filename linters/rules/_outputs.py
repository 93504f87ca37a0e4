"""Outputs as packages: static-library outputs (CFEP-18) and the --artifact packages of a recipe."""

from __future__ import annotations

import re
from typing import Any

from recipegen.linters.model import RecipeDocument

_CONTEXT_REF = re.compile(r"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_STATIC_GLOB = re.compile(r"(?<!\.dll)\.a\*?$|[_-]static\.lib\*?$|_a\.lib$", re.IGNORECASE)
STATIC_ARCHIVE_FILE = re.compile(r"(?<!\.dll)\.a$|[_-]static\.lib$", re.IGNORECASE)


def ships_static_archive(pattern: str) -> bool:
    """A `files`/`package_contents` entry that names a static archive (`.a`, `*_static.lib`)."""
    text = pattern.strip().rstrip("/")
    if "{{" in text:
        text = _CONTEXT_REF.sub("x", text)
    return bool(_STATIC_GLOB.search(text))


def is_static_output_name(name: str) -> bool:
    return name.endswith("-static") or name.endswith("_static")


def is_static_archive_file(path: str) -> bool:
    return bool(STATIC_ARCHIVE_FILE.search(path))


def output_names(doc: RecipeDocument) -> set[str]:
    """The package names the recipe builds, on any platform it was rendered for."""
    return doc.memo("output_names", lambda: {name for view in doc.views for name in view.facts.output_names})


def recipe_artifacts(doc: RecipeDocument) -> dict[str, Any]:
    """The `--artifact` packages that are outputs of this recipe (matched by index.json name).

    Packages of other recipes are left out: the artifact rules must never attribute their files
    to this recipe (`artifact-not-in-recipe` reports them once).
    """
    if not doc.artifacts:
        return {}
    names = output_names(doc)
    return {name: artifact for name, artifact in doc.artifacts.items() if name in names}
