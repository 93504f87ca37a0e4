"""What the language server checks in a document, as `Problem`s (never an exception).

A recipe (`recipe.yaml` v1, `meta.yaml` v0) is linted exactly as `recipegen lint` lints the file
(the recipe folder's configuration, `conda-forge.yml`'s `linter: skip:`, ignore comments; the
schema problems included), from the editor's text and never with network checks. The rules in
`SLOW_RULES` (rattler-build rendering every platform) run in a second phase so the others show at
once; the server runs that phase in a process of its own (rattler-build holds the GIL while it
renders, which would stall the quick checks of the next keystrokes). Variant files and conda-forge.yml are validated against their schemas; the recipe next to
them reports the problems its rules find in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from recipegen.linters.registry import SLOW_RULES
from recipegen.problems import InputError, Problem

RECIPE_KINDS = ("recipe-v1", "recipe-v0")
SERVED_KINDS = (*RECIPE_KINDS, "variants", "conda-forge")
# `# yaml-language-server: $schema=<url>` naming one of these schemas makes any file that kind
SCHEMA_HEADER = re.compile(r"#\s*yaml-language-server:\s*\$schema=(?P<url>\S+)")
HEADER_KINDS = (
    ("recipe-v1.schema.json", "recipe-v1"),
    ("prefix-dev/recipe-format", "recipe-v1"),
    ("variants.schema.json", "variants"),
    ("conda-forge.schema.json", "conda-forge"),
)


@dataclass(frozen=True)
class CheckSettings:
    conda_forge: bool = False  # also the conda-forge-only rules (a config file may turn them on too)
    slow_rules: bool = True  # run SLOW_RULES (in the second phase)


def kind_of(path: str, text: str = "") -> str | None:
    """What the server serves a file as: by its name, else by its schema header line."""
    name = Path(path).name
    if name == "meta.yaml":
        return "recipe-v0"
    from recipegen.validation.kinds import kind_for_path

    found = kind_for_path(name)
    if found is not None and found.name in SERVED_KINDS:
        return found.name
    for line in text.splitlines()[:5]:
        header = SCHEMA_HEADER.search(line)
        if header:
            for marker, kind in HEADER_KINDS:
                if marker in header.group("url"):
                    return kind
    return None


def check_recipe(path: Path, text: str, settings: CheckSettings, phase: str = "fast") -> list[Problem]:
    """Lint problems of the recipe `text` at `path`: phase `fast` (all but SLOW_RULES), `slow`
    (only those) or `all`."""
    from recipegen.linters.api import LintRequest, _options_for, lint_document, load_document
    from recipegen.linters.config import settings_for

    if phase != "slow":
        settings_for.cache_clear()  # configuration files may have changed since the last check
    try:
        request = LintRequest(conda_forge=settings.conda_forge)
        options, select, ignore, _ = _options_for(path, request)
        if phase == "fast" or not settings.slow_rules:  # the slow rules run in their own phase, if at all
            ignore = (*ignore, *sorted(SLOW_RULES))
        if phase == "slow":
            select = tuple(sorted(r for r in SLOW_RULES if (not select or r in select) and r not in ignore))
            if not select:
                return []
            # the quick phase reports these: the slow rules leave to them what they say
            select += tuple(r for r in ("schema", "duplicate-key") if r not in ignore)
        doc = load_document(path, text)
        if phase == "slow" and doc.format != "v1":
            return []
        return lint_document(doc, options, select=select, ignore=ignore, schema=phase != "slow")
    except InputError as exc:
        return [_input_problem(exc, path)] if phase != "slow" else []
    except RecursionError:
        return [Problem(str(path), 1, 1, "recipe nested too deeply to read", rule_id="unusable-input")]


def too_large(text: str) -> str | None:
    """Why the editor's text is too large to check (the limit `recipegen lint` reads files
    with), or None."""
    from recipegen.yamlio import MAX_FILE_BYTES

    if len(text) <= MAX_FILE_BYTES // 4:
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return f"file is {size} bytes, more than the {MAX_FILE_BYTES} a recipe may have" if size > MAX_FILE_BYTES else None


def run_check(kind: str, path: Path, text: str, settings: CheckSettings, phase: str) -> list[Problem]:
    """The check of one document for a phase (what the server's lanes run; picklable)."""
    refused = too_large(text)
    if refused:
        return [Problem(str(path), 1, 1, refused, rule_id="unusable-input", end_line=1)] if phase == "fast" else []
    if kind in RECIPE_KINDS:
        return check_recipe(path, text, settings, phase)
    return check_other(path, text) if phase == "fast" else []


def start_worker() -> None:
    """In the process that runs the slow phase: nothing it prints may reach the protocol's
    stdout, and the rules and rattler-build are imported before the first document asks."""
    import os
    import sys

    os.dup2(2, 1)
    sys.stdout = sys.stderr
    warm_up("slow")


def warm_up(phase: str) -> None:
    """Import the rules and schemas (and rattler-build for the slow phase)."""
    from recipegen.linters.registry import all_rules
    from recipegen.validate import load_schema

    all_rules()
    for name in ("recipe-v1", "variants", "conda-forge"):
        load_schema(name)
    if phase == "slow":
        import rattler_build  # noqa: F401


def check_other(path: Path, text: str) -> list[Problem]:
    """Schema problems of a variants file or conda-forge.yml."""
    from recipegen.validate import validate_text

    try:
        return validate_text(text, str(path))
    except InputError as exc:
        return [_input_problem(exc, path)]
    except RecursionError:
        return [Problem(str(path), 1, 1, "nested too deeply to read", rule_id="unusable-input")]


def _input_problem(exc: InputError, path: Path) -> Problem:
    """A file that cannot be read at all is one error at its line (the first line if unknown)."""
    if exc.file and Path(exc.file).resolve() != path.resolve():  # a bad configuration file
        return Problem(str(path), 1, 1, str(exc), rule_id="unusable-input", end_line=1, end_column=2)
    line = exc.line or 1
    return Problem(str(path), line, exc.column or 1, exc.message, rule_id="unusable-input", end_line=line)
