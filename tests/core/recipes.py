"""Small model recipes for the pipeline tests (valid: they pass the schema, lint and render)."""

from __future__ import annotations

from recipegen.recipe import About, Build, Extra, Recipe, ScriptTest, Source


def small_recipe(name: str, notes: tuple[str, ...] = ()) -> Recipe:
    """A noarch recipe `name` 1.0 that passes every check."""
    return Recipe(
        folder=name,
        name=name,
        version="1.0",
        source=[Source(url=f"https://example.org/{name}-1.0.tar.gz", sha256="a" * 64)],
        build=Build(noarch="generic"),
        tests=[ScriptTest(script=["true"])],
        about=About(homepage="https://example.org", summary="x", license="MIT", license_file="LICENSE"),
        extra=Extra(recipe_maintainers=["someone"]),
        notes=list(notes),
    )


class Generated:
    """A generator whose `generate` calls `make(spec)`."""

    def __init__(self, make) -> None:
        self.make = make

    def generate(self, spec: str) -> Recipe:
        return self.make(spec)
