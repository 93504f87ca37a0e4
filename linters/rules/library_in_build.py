"""A library listed in build but not in host: move it to host.

Why: build is for tools that run on the build machine. A library there (a) gives the package
no run dependency (weak run_exports only apply from host), (b) has the wrong architecture when
cross-compiling, and (c) is not what the linker finds first. Libraries are recognised by
name (`lib*`, `*-devel`, `*-headers`) and a table of known libraries (zlib, openssl, hdf5,
boost...); tools such as cmake, pkg-config, libtool or `*-tools` are not. Listing it in both
build and host (the cross-compilation pattern) is fine.

Passing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}
        - cmake
      host:
        - zlib

Failing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}
        - cmake
        - zlib
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, move_item
from recipegen.linters.rules._requirements import is_library_name, requirement_entries
from recipegen.linters.walk import package_of

from recipegen.problems import Severity

ID = "library-in-build"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, base, _, spec, path in requirement_entries(doc, "build"):
        name = package_of(spec)
        if not is_library_name(name) or name in view.facts.related_host_names(base):
            continue
        if view.facts.cross_only(path):
            continue
        yield Finding(
            f"`{name}` is a library but is only in build: move it to host (libraries in build "
            "add no run dependency and break cross-compilation).",
            path=path,
            view=view,
            fix="move it to `requirements.host`",
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Move the library from build to host."""
    return move_item(doc, problem, "host")
