"""The outputs of a split C/C++ library, shared by `recipegen split` and `recipegen cxx`.

One function per concern: the relations between outputs (run, run exports) and the assembled
package output; the staging output is `recipegen.recipe.staging_output`.
"""

from __future__ import annotations

from typing import Any

from recipegen.generators.split.outputs import DEVEL, HEADERS, RUNTIME, STATIC, TOOLS

from recipegen.recipe import About, Build, Output, Requirements, Test, pin_subpackage


def relations(role: str, names: dict[str, str], roles: list[str], width: str) -> Requirements:
    """`requirements` of an output: run pins between outputs and run_exports.

    runtime exports itself; devel pins the runtime exactly and exports it (never itself);
    static pins the devel (or headers) output exactly and exports nothing; tools pin the
    runtime exactly; headers need nothing.
    """
    reqs = Requirements()
    if role == RUNTIME:
        reqs.run_exports = [pin_subpackage(names[RUNTIME], upper_bound=width)]
    elif role == DEVEL:
        reqs.run = [pin_subpackage(names[RUNTIME], exact=True)]
        if HEADERS in roles:
            reqs.run.append(pin_subpackage(names[HEADERS], exact=True))
        reqs.run_exports = [pin_subpackage(names[RUNTIME], upper_bound=width)]
    elif role == STATIC:
        base = DEVEL if DEVEL in roles else HEADERS if HEADERS in roles else RUNTIME if RUNTIME in roles else ""
        if base:
            reqs.run = [pin_subpackage(names[base], exact=True)]
    elif role == TOOLS and RUNTIME in roles:
        reqs.run = [pin_subpackage(names[RUNTIME], exact=True)]
    return reqs


def package_output(
    name: str,
    role: str,
    *,
    staging: str,
    files: Any,
    requirements: Requirements,
    tests: list[Test],
    summary: str = "",
) -> Output:
    # Header-only and static outputs must not inherit the compilers' run_exports
    # (libgcc / libstdcxx / vc): nothing in them is linked at run time.
    inherit: Any = staging if role in (RUNTIME, DEVEL, TOOLS) else {"from": staging, "run_exports": False}
    return Output(
        name,
        inherit=inherit,
        build=Build(number=None, files=files),
        requirements=requirements,
        tests=tests,
        about=About(summary=summary) if summary else None,
    )


SUMMARIES = {
    RUNTIME: "{name} shared library (run-time files only)",
    DEVEL: "{name} development files: headers, link library, pkg-config and CMake metadata",
    HEADERS: "{name} headers",
    STATIC: "{name} static libraries (CFEP-18: only for static linking)",
    TOOLS: "{name} command-line programs",
}
