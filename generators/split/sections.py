"""Recipe data for split outputs, shared by `recipegen split` and `recipegen cxx`.

One function per concern: the staging output, the relations between outputs (run, run
exports), and the assembled package output. Everything is plain data for recipegen.emit.
"""

from __future__ import annotations

from typing import Any

from recipegen.generators.split.outputs import DEVEL, HEADERS, RUNTIME, STATIC, TOOLS


def pin(name: str, *, exact: bool = False, upper_bound: str = "") -> str:
    if exact:
        return f"${{{{ pin_subpackage('{name}', exact=True) }}}}"
    return f"${{{{ pin_subpackage('{name}', upper_bound='{upper_bound}') }}}}"


def staging_output(name: str, requirements: dict[str, list], script: Any) -> dict:
    output: dict[str, Any] = {"staging": {"name": name}}
    reqs = {k: v for k, v in requirements.items() if v}
    if reqs:
        output["requirements"] = reqs
    output["build"] = {"script": script}
    return output


def relations(role: str, names: dict[str, str], roles: list[str], width: str) -> dict[str, list]:
    """`requirements` of an output: run pins between outputs and run_exports.

    runtime exports itself; devel pins the runtime exactly and exports it (never itself);
    static pins the devel (or headers) output exactly and exports nothing; tools pin the
    runtime exactly; headers need nothing.
    """
    reqs: dict[str, list] = {}
    if role == RUNTIME:
        reqs["run_exports"] = [pin(names[RUNTIME], upper_bound=width)]
    elif role == DEVEL:
        run = [pin(names[RUNTIME], exact=True)]
        if HEADERS in roles:
            run.append(pin(names[HEADERS], exact=True))
        reqs["run"] = run
        reqs["run_exports"] = [pin(names[RUNTIME], upper_bound=width)]
    elif role == STATIC:
        base = DEVEL if DEVEL in roles else HEADERS if HEADERS in roles else RUNTIME if RUNTIME in roles else ""
        if base:
            reqs["run"] = [pin(names[base], exact=True)]
    elif role == TOOLS and RUNTIME in roles:
        reqs["run"] = [pin(names[RUNTIME], exact=True)]
    return reqs


def package_output(
    name: str,
    role: str,
    *,
    staging: str,
    files: Any,
    requirements: dict[str, list],
    tests: list[dict],
    summary: str = "",
) -> dict:
    # Header-only and static outputs must not inherit the compilers' run_exports
    # (libgcc / libstdcxx / vc): nothing in them is linked at run time.
    inherit: Any = staging if role in (RUNTIME, DEVEL, TOOLS) else {"from": staging, "run_exports": False}
    output: dict[str, Any] = {"package": {"name": name}, "inherit": inherit, "build": {"files": files}}
    if requirements:
        output["requirements"] = requirements
    if tests:
        output["tests"] = tests
    if summary:
        output["about"] = {"summary": summary}
    return output


SUMMARIES = {
    RUNTIME: "{name} shared library (run-time files only)",
    DEVEL: "{name} development files: headers, link library, pkg-config and CMake metadata",
    HEADERS: "{name} headers",
    STATIC: "{name} static libraries (CFEP-18: only for static linking)",
    TOOLS: "{name} command-line programs",
}
