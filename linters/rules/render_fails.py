"""rattler-build cannot parse or render the recipe on one of conda-forge's main platforms.

Why: rattler-build is the tool that builds a v1 recipe, so its parser and renderer are the judges.
The recipe is rendered as the builder will (recipegen.render): for linux-64, win-64, osx-arm64
cross-compiled from osx-64 and linux-aarch64 cross-compiled from linux-64, with conda-forge's
global pinning merged with the recipe folder's own `conda_build_config.yaml` and
`variants.yaml`. A failure is reported at rattler-build's position, in the variant file when
the problem is there. A recipe with CEP 44 `requirements.extras` is rendered with `--v3`, and a
warning says it needs a builder run with that flag. rattler-build bounds no work, so a recipe
with more than 1000 variant combinations on a platform, or an expression that would build a huge
value, is reported as not rendered instead of being handed to it. When rattler-build cannot even
parse the recipe and the `schema` rule reports a problem in it, the problem is left to `schema`
(one report, at the key, with a did-you-mean), not repeated here.

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

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._text import line_span

from recipegen.problems import Severity

ID = "render-fails"
SEVERITY = Severity.ERROR
EQUIVALENT = ()  # beyond conda-smithy: its linter does not render v1 recipes
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    from recipegen.render import grouped_failures, recipe_folder_variant_files, render_recipe, v3_failure

    variant_files = recipe_folder_variant_files(doc.recipe_dir) if on_disk(doc) else []
    result = render_recipe(doc.text, doc.path, variant_files=variant_files)
    asks_v3 = v3_failure(result)
    if asks_v3:
        yield Finding(
            f"rattler-build needs --v3 for this recipe ({asks_v3.message}): build it with a v3-capable builder.",
            span=line_span(doc, asks_v3.line, asks_v3.column - 1),
            severity=Severity.WARNING,
        )
        result = render_recipe(doc.text, doc.path, variant_files=variant_files, v3=True)
    for failure, platforms in grouped_failures(result.failures):
        if failure.platform is None and not failure.refused and _schema_reports(doc):
            continue  # the same structural problem, reported once by the `schema` rule at its key
        if failure.file:
            from recipegen.yamlio import Span

            span = Span(failure.line, failure.column, failure.line, failure.column + 1)
            yield Finding(failure.describe(platforms), span=span, file=doc.recipe_dir / failure.file)
        else:
            yield Finding(failure.describe(platforms), span=line_span(doc, failure.line, failure.column - 1))


def _schema_reports(doc: RecipeDocument) -> bool:
    """recipegen's schema (the same recipe format) finds a problem in the recipe."""
    from recipegen.validate import validate_document

    return bool(validate_document(doc.views[0].data, str(doc.path), doc.text))
