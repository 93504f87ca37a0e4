"""`cross-python` goes in build, only when cross-compiling, with `python` also in host.

Why: `cross-python_${{ host_platform }}` sets up a build-machine Python that builds for the
target; outside `build_platform != host_platform` it breaks native builds, and without
`python` in host there is no target Python to build for.

Passing::

    requirements:
      build:
        - if: build_platform != host_platform
          then:
            - python
            - cross-python_${{ host_platform }}
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}
      host:
        - python
        - pip
        - setuptools

Failing::

    requirements:
      build:
        - cross-python_${{ host_platform }}
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}
      host:
        - python
        - pip
        - setuptools
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import spec_name

from recipegen.problems import Severity

ID = "cross-python-placement"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def _is_cross_python(spec: str) -> bool:
    return spec_name(spec).startswith("cross-python")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        facts = view.facts
        for base in facts.scopes:
            for section in ("host", "run"):
                for spec, path in facts.requirements(base, section):
                    if _is_cross_python(spec):
                        yield Finding(
                            f"`cross-python` in {section}: it belongs in build, under "
                            "`if: build_platform != host_platform`.",
                            path=path,
                            view=view,
                        )
            for spec, path in facts.requirements(base, "build"):
                if not _is_cross_python(spec):
                    continue
                if not facts.cross_only(path):
                    yield Finding(
                        f"`cross-python` is only for cross-compilation: {doc.dialect.cross_only_advice}.",
                        path=path,
                        view=view,
                    )
                if "python" not in facts.related_host_names(base):
                    yield Finding(
                        "`cross-python` without `python` in host: list the target `python` in host.",
                        path=path,
                        view=view,
                    )
