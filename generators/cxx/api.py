"""`recipegen cxx` as one generator: source spec → SourceTree → Project → Recipe."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from recipegen.generators.cxx.detect import DetectError, NotAProject, read_project
from recipegen.generators.cxx.recipe import build_cxx_recipe, conda_name
from recipegen.generators.cxx.source import DownloadError, SourceError, SourceTree, load_source

from recipegen.generate import GenerationError, UnusableInput
from recipegen.recipe import Recipe


@dataclass
class CxxGenerator:
    """A recipe with conda-forge split outputs for the C/C++ library in a source (URL, archive,
    folder). `recipe_root`: the folder the recipe goes into, so a local source's path is relative
    to the recipe (None: printed, the path as given)."""

    version: str = ""
    name: str = ""
    static: bool = False
    maintainers: tuple[str, ...] = ()
    recipe_root: str | None = None
    about: dict[str, str] = field(default_factory=dict)
    fetcher: Any = None
    offline: bool = False

    def generate(self, spec: str) -> Recipe:
        try:
            if self.fetcher is None and self.offline:
                from recipegen.http import Fetcher

                self.fetcher = Fetcher(offline=True)
            tree = load_source(spec, self.fetcher)
        except DownloadError as exc:
            raise GenerationError(str(exc)) from None
        except SourceError as exc:
            raise UnusableInput(str(exc)) from None
        return self.from_tree(tree)

    def from_tree(self, tree: SourceTree) -> Recipe:
        try:
            project = read_project(tree, self.version)
        except NotAProject as exc:
            raise UnusableInput(str(exc)) from None
        except DetectError as exc:
            raise GenerationError(str(exc)) from None
        if self.name:
            project.name = self.name
        if not project.name:
            raise GenerationError(f"{tree.label}: cannot tell the project name; pass --name")
        options = {"static": self.static, "maintainers": self.maintainers, "about_overrides": self.about}
        recipe_dir = None
        if self.recipe_root is not None:
            # Written to <root>/<name>-split/ (or <root>/lib<name>-headers/): relative source paths start there.
            recipe_dir = os.path.join(self.recipe_root, conda_name(project.name) + "-split")
        recipe = build_cxx_recipe(tree, project, recipe_dir=recipe_dir, **options)
        if self.recipe_root is not None and recipe.folder != conda_name(project.name) + "-split":
            recipe = build_cxx_recipe(
                tree, project, recipe_dir=os.path.join(self.recipe_root, recipe.folder), **options
            )
        return recipe


def recipe_from_tree(tree: SourceTree, **options: Any) -> Recipe:
    """`CxxGenerator(**options).from_tree(tree)`."""
    return CxxGenerator(**options).from_tree(tree)
