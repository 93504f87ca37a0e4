"""The package's license is denied (or not allowed) by the `--license-policy` file.

Why: organisations that mirror or redistribute conda packages keep allow/deny lists of
licenses (SPDX ids or families such as `copyleft`, `non-osi`; see recipegen.linters.policy).
For `A OR B` one acceptable alternative is enough; for `A AND B` every id must pass. Only
active with `--license-policy FILE` (or `license-policy` in the lint configuration).

Passing::

    # with a policy `deny = ["copyleft"]`
    about:
      license: MIT

Failing::

    # with a policy `deny = ["copyleft"]`
    about:
      license: GPL-3.0-only
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "license-policy"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    policy = options.license_policy
    if policy is None:
        return
    for view in doc.views:
        for about in view.facts.abouts:
            value = get(view.data, *about, "license")
            if not isinstance(value, str) or not value.strip():
                continue
            expression = view.facts.render(value).strip()
            if "{{" in expression:
                continue
            verdict = policy.evaluate(expression)
            if verdict.allowed:
                continue
            source = f" ({policy.source})" if getattr(policy, "source", "") else ""
            extra = f" {policy.message}" if getattr(policy, "message", "") else ""
            yield Finding(
                f"License `{expression}` is refused by the license policy{source}: {verdict.reason}.{extra}",
                path=(*about, "license"),
                view=view,
            )
