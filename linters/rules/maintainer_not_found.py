"""Every `extra.recipe-maintainers` entry must be an existing GitHub user (or `org/team`).

Why: conda-forge gives the listed accounts commit rights to the feedstock and pings them; a
misspelt, renamed or deleted account, or an organization (which cannot be a maintainer), leaves
the feedstock without the maintainer the recipe names. Runs only with `--conda-forge --online`:
with `GH_TOKEN` (or `GITHUB_TOKEN`) through the GitHub API, which also checks `org/team`
entries; without a token through github.com pages (`org/team` entries are then not checked).

Passing::

    extra:
      recipe-maintainers:
        - octocat

Failing::

    extra:
      recipe-maintainers:
        - no-such-user-0x1f
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._github import entries_with_status

from recipegen.problems import Severity

ID = "maintainer-not-found"
SEVERITY = Severity.ERROR
EQUIVALENT = ("maintainer-not-found", "CF-001")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
NEEDS_NETWORK = True  # asks GitHub; runs only with --online


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, name, path, verdict in entries_with_status(doc, options, "missing"):
        kind = "team" if "/" in name else "maintainer"
        yield Finding(
            f'Recipe {kind} "{name}" {verdict.reason}: list the GitHub user name of each '
            "maintainer (or an `org/team`).",
            path=path,
            view=view,
            fix="check the spelling on github.com and use the account's current name",
        )
