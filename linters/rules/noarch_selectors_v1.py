"""A v1 `noarch` recipe cannot use `if:` selectors in its requirements or `build.skip`.

Why: a noarch package is built once, on one platform; an `if: win` there is evaluated on the
build machine only. With several `noarch_platforms` in conda-forge.yml, platform-only
conditions (`win`, `linux`, `osx`, `unix`) are allowed in host and run.

Passing::

    build:
      noarch: python
    requirements:
      run:
        - python >=${{ python_min }}

Failing::

    build:
      noarch: python
    requirements:
      run:
        - python >=${{ python_min }}
        - if: win
          then: pywin32
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import noarch_platforms
from recipegen.linters.walk import get, has_key, is_conditional

from recipegen.problems import Severity

ID = "noarch-selectors-v1"
SEVERITY = Severity.ERROR
EQUIVALENT = ("noarch-selectors (v1)", "R1-002")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False
SKIP_KEY = "lint_noarch_selectors"

_PLATFORM_WORDS = {"win", "linux", "osx", "unix"}


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    view = doc.views[0]
    data = view.data
    value = view.facts.noarch
    if not value:
        return
    platforms = noarch_platforms(doc)
    reqs = get(data, "requirements")
    for section, items in reqs.items() if isinstance(reqs, dict) else ():
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not is_conditional(item):
                continue
            words = {w for w in str(item.get("if", "")).split() if w not in ("not", "and", "or")}
            if platforms and (section not in ("host", "run") or words <= _PLATFORM_WORDS):
                continue
            yield Finding(
                f"`noarch: {value}` packages cannot have selectors; remove the `if:` or `noarch: {value}`.",
                path=("requirements", section, index, "if"),
                view=view,
                key=True,
            )
            break
        else:
            continue
        break
    if has_key(data, "build", "skip"):
        yield Finding(
            f"`noarch: {value}` packages cannot have `build.skip`; remove it or `noarch: {value}`.",
            path=("build", "skip"),
            view=view,
            key=True,
        )
