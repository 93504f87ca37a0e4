"""A maintainer's GitHub account could not be checked (GitHub unreachable, rate limited or failing).

Why: conda-forge's linter fails rather than pass a maintainer it could not verify; re-run the
lint later (on a staged-recipes or feedstock pull request: `@conda-forge-admin, please lint`).
Runs only with `--conda-forge --online`, for the entries `maintainer-not-found` checks.
Network errors, HTTP 429 and 5xx are retried (4 attempts) before this is reported.

Passing::

    extra:
      recipe-maintainers:
        - octocat    # GitHub answered

Failing::

    extra:
      recipe-maintainers:
        - octocat    # GitHub answered HTTP 503 four times
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._github import entries_with_status

from recipegen.problems import Severity

ID = "maintainer-check-inconclusive"
SEVERITY = Severity.ERROR
EQUIVALENT = ("maintainer-check-inconclusive", "CF-008")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
NEEDS_NETWORK = True  # asks GitHub; runs only with --online


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, name, path, verdict in entries_with_status(doc, options, "inconclusive"):
        kind = "team" if "/" in name else "maintainer"
        yield Finding(
            f'Could not verify that recipe {kind} "{name}" exists on GitHub: {verdict.reason}. '
            "Re-run the lint later (on a conda-forge pull request: "
            "`@conda-forge-admin, please lint`).",
            path=path,
            view=view,
            fix="re-run later; set GH_TOKEN to use the GitHub API's higher rate limit",
        )
