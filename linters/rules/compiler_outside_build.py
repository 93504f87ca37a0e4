"""Compilers and `stdlib('c')` belong in build, never in host or run.

Why: build holds what runs on the build machine; a compiler in host is built for the target
(wrong when cross-compiling) and in run it drags a whole toolchain into users'
environments. The compiler's run_exports already add the runtime libraries. In run the
finding is a warning (a few packages, such as model compilers, do compile at run time);
compiler metapackages (`c-compiler`, `compilers`...) are exempt there.

Passing::

    requirements:
      build:
        - ${{ compiler('cxx') }}
        - ${{ stdlib('c') }}

Failing::

    requirements:
      host:
        - ${{ compiler('cxx') }}
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import compiler_language, is_any_stdlib, output_name_at, requirement_entries

from recipegen.problems import Severity

ID = "compiler-outside-build"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    fmt = doc.format
    for view, base, section, spec, path in requirement_entries(doc, "host", "run"):
        if section == "run" and output_name_at(view.data, base, fmt).endswith(("compiler", "compilers")):
            continue
        language = compiler_language(spec, fmt)
        what = f"compiler('{language}')" if language else ("stdlib('c')" if is_any_stdlib(spec, fmt) else "")
        if what:
            yield Finding(
                f"`{what}` in {section}: compilers and the stdlib belong in build.",
                path=path,
                view=view,
                fix="move it to `requirements.build`",
                severity=Severity.WARNING if section == "run" else None,
            )
