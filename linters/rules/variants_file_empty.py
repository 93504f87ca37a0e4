"""The recipe's `conda_build_config.yaml` is empty.

Why: an empty variant file does nothing but confuses readers and tools; delete it.

Passing::

    # recipe/ holds meta.yaml only
    package:
      name: foo

Failing::

    # recipe/ holds meta.yaml and an empty conda_build_config.yaml
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "variants-file-empty"
SEVERITY = Severity.ERROR
EQUIVALENT = ("variants-file-empty", "CF-004")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    path = doc.recipe_dir / "conda_build_config.yaml"
    try:
        if not path.is_file() or path.stat().st_size > 65_536:
            return
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    if not text.strip():
        yield Finding(
            "The recipe's `conda_build_config.yaml` is empty: delete it.",
            span=whole_document_span(doc),
            fix="git rm recipe/conda_build_config.yaml",
        )
