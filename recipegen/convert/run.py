"""One PATH through `recipegen convert`: read, convert, check, prove, then write or report.

Outcomes, in order of precedence:
- `unusable`: the PATH has no readable meta.yaml (exit 2);
- `refused`: the recipe uses something v1 cannot say (problems at their lines; nothing written);
- `broken`: the result fails the schema, the linter or rattler-build (never written);
- `different`: it renders, but not to what meta.yaml says (the differences; not written);
- `converted` / `checked`: equivalent on every platform (written unless --check / --stdout).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recipegen.convert import ConvertedRecipe, Folder, convert_text
from recipegen.convert.check import Verdict, check_conversion
from recipegen.convert.files import RecipeSource, read_source, variant_keys
from recipegen.problems import InputError


@dataclass
class Outcome:
    path: str
    status: str = "converted"
    meta_path: Path | None = None
    recipe_text: str = ""
    variants_text: str | None = None
    problems: list[str] = field(default_factory=list)  # refusals and broken checks, as `file:line: message`
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    compared: int = 0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("converted", "checked")

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "recipe": str(self.meta_path) if self.meta_path else None,
            "problems": self.problems,
            "differences": self.differences,
            "notes": self.notes,
            "compared": self.compared,
            "written": self.written,
            "removed": self.removed,
        }


def convert_source(source: RecipeSource) -> ConvertedRecipe:
    return convert_text(
        source.text,
        str(source.meta_path),
        folder=Folder(source.folder_files),
        variants_source=source.variants_source,
        variant_keys=variant_keys(source.variants_source),
    )


def convert_path(path: str, meta_path: Path) -> Outcome:
    """Convert and check one recipe; nothing is written here."""
    outcome = Outcome(path, meta_path=meta_path)
    try:
        source = read_source(meta_path)
    except InputError as exc:
        outcome.status, outcome.problems = "unusable", [str(exc)]
        return outcome
    converted = convert_source(source)
    where = str(meta_path)
    outcome.notes = [f"{where}:{n.line}: {n.message}" if n.line else f"{where}: {n.message}" for n in converted.notes]
    if converted.issues:
        outcome.status = "refused"
        outcome.problems = [
            f"{where}:{i.line}: {i.message}" if i.line else f"{where}: {i.message}" for i in converted.issues
        ]
        return outcome
    outcome.recipe_text, outcome.variants_text = converted.text, converted.variants_text
    verdict = check_conversion(source.text, meta_path, converted.text, converted.variants_text, source.folder_files)
    _record(outcome, verdict)
    return outcome


def _record(outcome: Outcome, verdict: Verdict) -> None:
    outcome.notes += verdict.inherited
    outcome.compared = verdict.proof.compared
    if verdict.broken:
        outcome.status = "broken"
        outcome.problems = list(verdict.broken)
        return
    outcome.differences = [d.describe() for d in verdict.proof.differences] + verdict.proof.unproven
    if outcome.differences:
        outcome.status = "different"
