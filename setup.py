"""Maps the repository's top-level folders onto the one import package `recipegen`.

generators/ -> recipegen.generators, linters/ -> recipegen.linters, schemas/ -> recipegen.schemas.
Everything else is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup

ROOTS = {
    "recipegen": "recipegen",
    "recipegen.generators": "generators",
    "recipegen.linters": "linters",
    "recipegen.schemas": "schemas",
}


def _packages() -> list[str]:
    found = []
    for package, folder in ROOTS.items():
        base = Path(folder)
        for init in sorted(base.rglob("__init__.py")):
            rel = init.parent.relative_to(base)
            if "__pycache__" in rel.parts:
                continue
            found.append(".".join([package, *rel.parts]) if rel.parts else package)
    return found


setup(packages=_packages())
