"""Compilers and `stdlib('c')` belong in build, never in host or run.

Why: build holds what runs on the build machine; a compiler in host is built for the target
(wrong when cross-compiling) and in run it drags a whole toolchain into users'
environments. The compiler's run_exports already add the runtime libraries. In run the
finding is a warning (a few packages, such as model compilers, do compile at run time);
compiler metapackages (`c-compiler`, `compilers`...) are exempt there. Compiler and
toolchain packages sometimes put them in host on purpose: an entry with a comment on its
line or the line above (saying why) is left alone, and in a package whose name says it is a
toolchain (linters/data/toolchain_names.txt) the finding is a warning.

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

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_lines
from recipegen.linters.rules._fixes import Fix, Problem, move_item
from recipegen.linters.rules._requirements import requirement_entries

from recipegen.problems import Severity

ID = "compiler-outside-build"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


SELECTOR_OR_IGNORE = re.compile(r"\[[^\]]*\]|recipegen:\s*ignore\S*", re.IGNORECASE)


def _explained(doc: RecipeDocument, line: int) -> bool:
    """A comment with words on the entry's line or on a comment line right above it (selectors
    such as `# [win]` and ignore comments are not explanations)."""
    lines = doc.lines
    candidates = []
    if 0 < line <= len(lines) and "#" in lines[line - 1]:
        candidates.append(lines[line - 1].split("#", 1)[1])
    if 1 < line <= len(lines) + 1 and lines[line - 2].lstrip().startswith("#"):
        candidates.append(lines[line - 2].lstrip()[1:])
    return any(re.search(r"[A-Za-z]{2,}", SELECTOR_OR_IGNORE.sub("", text)) for text in candidates)


def _toolchain(name: str) -> bool:
    return any(word in name.lower() for word in data_lines("toolchain_names.txt"))


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    dialect = doc.dialect
    for view, base, section, spec, path in requirement_entries(doc, "host", "run"):
        name = view.facts.output_name_at(base)
        if section == "run" and name.endswith(("compiler", "compilers")):
            continue
        language = dialect.compiler_language(spec)
        what = f"compiler('{language}')" if language else ("stdlib('c')" if dialect.is_any_stdlib(spec) else "")
        if not what or _explained(doc, view.locate(path).line):
            continue
        toolchain = _toolchain(name) or _toolchain(view.facts.name)
        yield Finding(
            f"`{what}` in {section}: compilers and the stdlib belong in build"
            + (" (if this toolchain package needs it there, say why in a comment)." if toolchain else "."),
            path=path,
            view=view,
            fix="move it to `requirements.build`",
            severity=Severity.WARNING if section == "run" or toolchain else None,
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Move the compiler (or stdlib) to build."""
    return move_item(doc, problem, "build")
