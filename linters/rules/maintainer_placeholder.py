"""`extra.recipe-maintainers` still holds a placeholder instead of a GitHub user.

Why: generators (recipegen's, when no `--maintainer` is given, and recipe templates) write a
placeholder such as `your-github-handle`; conda-forge would give that name commit rights to
the feedstock. Replace it with real GitHub user names before submitting. A warning, so a
generated recipe can still be written and then completed.

Passing::

    extra:
      recipe-maintainers:
        - octocat

Failing::

    extra:
      recipe-maintainers:
        - your-github-handle
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._github import maintainer_entries

from recipegen.problems import Severity

ID = "maintainer-placeholder"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

PLACEHOLDER = re.compile(
    r"^(<.*>|\[.*\]|todo|tbd|fixme|x+|me|maintainer|username|user|github[-_]?(handle|user(name)?)"
    r"|your[-_ ]?(github[-_ ]?)?(handle|user(name)?|name|login))$",
    re.IGNORECASE,
)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, name, path in maintainer_entries(doc):
        if PLACEHOLDER.match(name):
            yield Finding(
                f"`{name}` is a placeholder, not a GitHub user: list the real maintainers.",
                path=path,
                view=view,
                fix="recipegen ... --maintainer YOUR_GITHUB_HANDLE",
            )
