"""rattler-build cannot parse or render the recipe on one of conda-forge's main platforms.

Why: rattler-build is the tool that builds a v1 recipe, so its parser and renderer are the judges.
The recipe is rendered as the builder will (recipegen.render): for linux-64, win-64, osx-arm64
cross-compiled from osx-64 and linux-aarch64 cross-compiled from linux-64, with conda-forge's
global pinning merged with the recipe folder's own `conda_build_config.yaml` and
`variants.yaml`. A failure is reported at rattler-build's position, in the variant file when
the problem is there. A recipe with CEP 44 `requirements.extras` is rendered with `--v3`, and a
warning says it needs a builder run with that flag. rattler-build bounds no work, so a recipe
with more than 1000 variant combinations on a platform, or an expression that would build a huge
value, is reported as not rendered instead of being handed to it. A failure at a place where the
`schema` rule (or `duplicate-key`) already reports a problem, in the recipe or a variant file, is
left to that rule (one report, with its did-you-mean), not repeated here. rattler-build stops
parsing at the first problem, so the block of a parse failure is set aside and the rest is parsed
again: every parse failure shows at once, whatever comes first. A parse failure rattler-build
gives no place for is left to `schema` when the schema finds the recipe's structure wrong.

Passing::

    requirements:
      build:
        - if: build_platform != target_platform
          then:
            - cross-r-base ${{ r_base }}.*

Failing::

    requirements:
      build:
        - if: build_platform != target_platform
          then:
            - cross-r-base ${{ r_base }}  # renders as `cross-r-base 4.4`: missing range specifier
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._text import line_span

from recipegen.problems import Severity
from recipegen.yamlio import Span

ID = "render-fails"
SEVERITY = Severity.ERROR
EQUIVALENT = ()  # beyond conda-smithy: its linter does not render v1 recipes
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False
MAX_SET_ASIDE = 10  # parse failures shown at once (rattler-build stops at the first)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    from recipegen.render import recipe_folder_variant_files, v3_failure

    variant_files = recipe_folder_variant_files(doc.recipe_dir) if on_disk(doc) else []
    reported = _reported_places(doc, options)
    result = _render(doc, variant_files, v3=False)
    asks_v3 = v3_failure(result)
    if asks_v3:
        yield Finding(
            f"rattler-build needs --v3 for this recipe ({asks_v3.message}): build it with a v3-capable builder.",
            span=line_span(doc, asks_v3.line, asks_v3.column - 1),
            severity=Severity.WARNING,
        )
        result = _render(doc, variant_files, v3=True)
    yield from _findings(doc, result, reported)


def _findings(doc: RecipeDocument, result: Any, reported: set[tuple[str, int]]) -> Iterator[Finding]:
    from recipegen.render import grouped_failures

    structure_wrong = any(file == _key(doc.path) for file, _ in reported)
    for failure, platforms in grouped_failures(result.failures):
        file = doc.recipe_dir / failure.file if failure.file else doc.path
        if (_key(file), failure.line) in reported and failure.located:
            continue  # the schema (or duplicate-key) reports it there, with its own words
        if not failure.located and failure.platform is None and not failure.refused and structure_wrong:
            continue  # a parse failure with no place, where the schema finds the structure wrong
        if failure.file:
            span = Span(failure.line, failure.column, failure.line, failure.column + 1)
            yield Finding(failure.describe(platforms), span=span, file=file)
        else:
            yield Finding(failure.describe(platforms), span=line_span(doc, failure.line, failure.column - 1))


def _render(doc: RecipeDocument, variant_files: list, v3: bool) -> Any:
    """rattler-build's result for the recipe. It stops parsing at the first problem, so the block of
    a parse failure at a known line is set aside (blank lines: every line keeps its number) and the
    rest is parsed again, then rendered per platform: every failure shows at once, and a fix never
    seems to add the one it only uncovered."""
    from recipegen.render import V3_FLAG, RenderFailure, render_recipe

    text = doc.text
    failures: list[RenderFailure] = []
    for _ in range(MAX_SET_ASIDE):
        parsed = render_recipe(text, doc.path, variant_files=variant_files, v3=v3, platforms=())
        failure = next(iter(parsed.failures), None)
        if failure is None:
            break
        if text != doc.text and not failure.located:
            return replace(parsed, failures=failures)  # likely what setting aside broke
        failures.append(failure)
        shorter = _set_aside(text, failure.line) if failure.located and not failure.refused else text
        if shorter == text or V3_FLAG in failure.message:
            return replace(parsed, failures=failures)
        text = shorter
    result = render_recipe(text, doc.path, variant_files=variant_files, v3=v3, variants=False)
    more = [f for f in result.failures if f.located or text == doc.text]
    return replace(result, failures=failures + more)


def _set_aside(text: str, number: int) -> str:
    """`text` with the block that line `number` opens blanked (a key with its value, an item), and
    the blocks holding it that it leaves empty."""
    from recipegen.yamlblocks import Block

    lines = Block(text)
    if not 1 <= number <= lines.count or lines[number].blank:
        return text
    kept = text.split("\n")
    while True:
        for index in range(number - 1, lines.block_end(number)):
            kept[index] = ""
        parent = lines[number].parent
        if not parent or any(kept[n - 1].strip() for n in range(parent + 1, lines.block_end(parent) + 1)):
            return "\n".join(kept)
        number = parent


def _reported_places(doc: RecipeDocument, options: LintOptions) -> set[tuple[str, int]]:
    """(file, line) of every problem `schema` and `duplicate-key` report for this recipe (when
    they are on)."""
    from recipegen.linters.api import document_schema_problems
    from recipegen.linters.rules._variants import recipe_variant_files, variant_file_problems

    places: set[tuple[str, int]] = set()
    if "schema" in options.reporting:
        places |= {(_key(doc.path), p.line) for p in document_schema_problems(doc)}
        for path in recipe_variant_files(doc):
            places |= {(_key(path), p.line) for p in variant_file_problems(path)}
    if "duplicate-key" in options.reporting:
        places |= {(_key(doc.path), line) for line, _, _ in doc.duplicate_keys}
    return places


def _key(path: Path | str) -> str:
    import os

    return os.path.abspath(path)
