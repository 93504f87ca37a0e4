"""Everything a converted recipe must pass before it may be written.

1. the JSON Schema and the linter (errors only), run on the recipe alone in a scratch folder as
   every generator does (`recipegen.generate.check_recipe_text`), but read as it will stand in
   its feedstock: the feedstock's files (conda-forge.yml's `noarch_platforms`, .ci_support) count
   as they do for the meta.yaml; a lint error the meta.yaml already has (same rule, v0 and v1
   flavours counted as one) is inherited, not caused by the conversion, and reported as a note;
2. rattler-build renders it on every platform and it says what the meta.yaml says
   (`recipegen.convert.proof`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recipegen.convert.proof import Proof, prove
from recipegen.problems import Problem, Severity


@dataclass
class Verdict:
    """`broken` problems forbid writing; `differences` mean not equivalent; `inherited` are notes."""

    broken: list[str] = field(default_factory=list)
    inherited: list[str] = field(default_factory=list)
    proof: Proof = field(default_factory=Proof)

    @property
    def equivalent(self) -> bool:
        return not self.broken and self.proof.equivalent


def _family(rule_id: str) -> str:
    return re.sub(r"-v[01]$", "", rule_id)


def v0_lint_errors(meta_text: str, meta_path: Path) -> set[str]:
    """The rule families the meta.yaml itself fails (errors only)."""
    from recipegen.linters.api import lint_text

    problems = lint_text(meta_text, str(meta_path), schema=False)
    return {_family(p.rule_id) for p in problems if p.severity is Severity.ERROR}


def feedstock_of(meta_path: Path) -> Path | None:
    """The folder holding the conda-forge.yml the linter reads for `meta_path` (conda-smithy's
    feedstock root `recipe/..`, else the nearest of the recipe folder's parents), or None."""
    folder = meta_path.parent
    if folder.name == "recipe":
        return folder.parent
    for candidate in (folder, folder.parent, folder.parent.parent):
        if (candidate / "conda-forge.yml").is_file():
            return candidate
    return None


def feedstock_linter(meta_path: Path) -> Any:
    """The lint step of the checks: the result linted in the scratch folder, with the feedstock
    the meta.yaml stands in (the recipe.yaml will stand there)."""
    from recipegen.linters.api import lint_document, load_document

    feedstock = feedstock_of(meta_path)

    def lint(path: Path, text: str, *, ignore: tuple[str, ...] = ()) -> list[Problem]:
        doc = load_document(path, text)
        if feedstock is not None:
            doc.feedstock_dir = feedstock
        return lint_document(doc, schema=False, ignore=ignore)

    return lint


def _too_much_work(meta_text: str, meta_path: Path) -> str:
    """The sandbox's refusal when meta.yaml asks for more work or memory than any recipe needs."""
    from recipegen.linters.v0 import RenderError, render, selector_namespace

    try:
        render(meta_text, selector_namespace("linux-64", meta_path.parent if meta_path.parent.is_dir() else None))
    except RenderError as exc:
        if exc.limit:
            return f"{meta_path}:{exc.line}: {exc.message}"
    return ""


def check_conversion(
    meta_text: str,
    meta_path: Path,
    recipe_text: str,
    variants_text: str | None,
    folder_files: frozenset[str],
) -> Verdict:
    from recipegen.generate import check_recipe_text

    verdict = Verdict()
    refused = _too_much_work(meta_text, meta_path)
    if refused:  # never hand rattler-build what the hardened sandbox refuses to compute
        verdict.broken.append(refused)
        return verdict
    extra = {"variants.yaml": variants_text} if variants_text else {}
    problems: list[Problem] = check_recipe_text(
        recipe_text, f"{meta_path.parent.name}/recipe.yaml", extra, lint=feedstock_linter(meta_path)
    )
    if problems:
        known = v0_lint_errors(meta_text, meta_path)
        for problem in problems:
            line = f"the converted recipe.yaml (not written), {problem.line}:{problem.column}: {problem.message} [{problem.rule_id}]"
            if problem.rule_id != "schema" and _family(problem.rule_id) in known:
                verdict.inherited.append(line + " (meta.yaml has it too)")
            else:
                verdict.broken.append(line)
    verdict.proof = prove(
        meta_text, recipe_text, recipe_dir=meta_path.parent, variants_text=variants_text, folder_files=folder_files
    )
    verdict.broken += verdict.proof.failures
    return verdict
