"""A Go package must bundle its modules' licenses (`go-licenses` in build).

Why: Go links every dependency statically into the binary, so their licenses must ship with
the package. conda-smithy's condition (the top-level build of a v1 recipe, single quotes) is
an error, as there; beyond it this rule checks every output, both quote styles and v0
recipes, as a warning, and stays quiet when `license_file` lists a folder of license files or
a third-party license file (the licenses are shipped another way).

Passing::

    requirements:
      build:
        - ${{ compiler('go') }}
        - go-licenses

Failing::

    requirements:
      build:
        - ${{ compiler('go') }}
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._licenses import bundled_licenses_findings

from recipegen.problems import Severity

ID = "go-licenses-not-bundled"
SEVERITY = Severity.ERROR
EQUIVALENT = ("go-licenses-not-bundled", "R-032")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for language in ("go", "go-cgo", "go-nocgo"):
        for view, path, severity in bundled_licenses_findings(doc, language, "go-licenses"):
            yield Finding(
                "Go packages must ship the licenses of their Go dependencies: add "
                "`go-licenses` to build and run `go-licenses save` in the build script.",
                path=path,
                view=view,
                fix="see https://conda-forge.org/docs/maintainer/adding_pkgs/#go",
                severity=severity,
            )
