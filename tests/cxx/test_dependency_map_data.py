"""The dependency map's conda-forge packages exist (the shipped conda-forge name snapshot):
a misspelt package fails the recipe's build, not its render check."""

from __future__ import annotations

from recipegen.generators.cxx.data import load

from recipegen.condaforge import exists_on_conda_forge


def test_every_package_the_map_names_is_on_conda_forge():
    table = load("dependencies.toml")
    named = {entry["conda"] for entry in table["dependency"] if entry["conda"]}
    named |= {package for entry in table["dependency"] for package in entry.get("includes", ())}
    named |= {entry.get("without_components") for entry in table["dependency"] if entry.get("without_components")}
    named |= {entry["conda"] for entry in table.get("header", [])}
    assert len(named) > 150
    assert sorted(n for n in named if not exists_on_conda_forge(n)) == []
