"""A meta.yaml section of the wrong type (`build: []`, `source: url`, `outputs:` not a list).

Why: conda-build refuses the recipe ("The build field should be a dict"). `source` may be a
mapping or a list of mappings, `outputs` a list; every other section a mapping. An empty
section is fine (conda-build reads it as `{}`).

Passing::

    build:
      number: 0

Failing::

    build:
      - number: 0
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument

from recipegen.problems import Severity

ID = "section-wrong-type"
SEVERITY = Severity.ERROR
EQUIVALENT = ("section-wrong-type",)
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False

MAPPING_SECTIONS = ("package", "build", "requirements", "test", "app", "about", "extra")


TYPE_NAMES: dict[type, str] = {dict: "a mapping", list: "a list", str: "a string"}


def _type_name(value: object) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        if not isinstance(view.data, dict):
            continue
        for section, value in view.data.items():
            if not value:
                continue
            if section in MAPPING_SECTIONS and not isinstance(value, dict):
                expected = "a mapping"
            elif section == "source" and not isinstance(value, (dict, list)):
                expected = "a mapping or a list of mappings"
            elif section == "outputs" and not isinstance(value, list):
                expected = "a list"
            else:
                continue
            yield Finding(
                f"The `{section}` section must be {expected}, not {_type_name(value)}.",
                path=(section,),
                view=view,
                key=True,
            )
