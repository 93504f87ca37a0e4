"""In a feedstock checkout, the recipe's feedstock name must match the repository's name.

Why: conda-forge names a feedstock's repository `<name>-feedstock`, where name is
`extra.feedstock-name` or else the recipe's name; when they differ, its bots and admin
commands look for the wrong repository. Read from the checkout holding the recipe: the URL of
its `upstream` remote (else `origin`) in `.git/config`, when it is
`github.com/<owner>/<name>-feedstock` (https or ssh form). No network.

Passing::

    # in a clone of github.com/conda-forge/foo-feedstock
    package:
      name: foo

Failing::

    # in a clone of github.com/conda-forge/foo-feedstock
    package:
      name: bar
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._git import feedstock_remote
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "feedstock-name-mismatch"
SEVERITY = Severity.ERROR
EQUIVALENT = ("feedstock-name-mismatch", "CF-013")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    remote = feedstock_remote(doc.recipe_dir)
    if remote is None:
        return
    remote_name, owner, expected = remote
    for view in doc.views:
        explicit = get(view.data, "extra", "feedstock-name")
        if explicit is not None:
            name = view.facts.render(explicit).strip()
            path: tuple = ("extra", "feedstock-name")
        else:
            name, path = view.facts.name, view.facts.name_path
        if not name or "{{" in name or name == expected:
            continue
        where = "`extra.feedstock-name`" if explicit is not None else "the recipe name"
        yield Finding(
            f"Feedstock name mismatch: {where} is `{name}` but this checkout's `{remote_name}` "
            f"remote is `{owner}/{expected}-feedstock`; set `extra.feedstock-name: {expected}`.",
            path=path,
            view=view,
            fix=f"set `extra.feedstock-name: {expected}`",
        )
