"""A source checksum that YAML reads as a number (`sha256: 0000…0`, `md5: 1e10…`): quote it.

Why: an unquoted checksum made only of digits (or looking like `1e5`) is a number after YAML
reads it, not the checksum text: `0000…0` becomes `0` and conda-build compares the download
with a wrong value (or treats the source as having none). In a v1 recipe the schema reports
the same mistake (`schema`), so this rule checks meta.yaml.

Passing::

    source:
      url: https://example.org/foo-1.0.tar.gz
      sha256: "0000000000000000000000000000000000000000000000000000000000000000"

Failing::

    source:
      url: https://example.org/foo-1.0.tar.gz
      sha256: 0000000000000000000000000000000000000000000000000000000000000000
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, quote_number
from recipegen.linters.rules.source_hash_missing import CHECKSUM_KEYS

from recipegen.problems import Severity

ID = "source-hash-not-text"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:  # the same finding on several platforms is reported once
        for source, path in view.facts.sources:
            for key in CHECKSUM_KEYS:
                value = source.get(key)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    yield Finding(
                        f"`{key}` is read by YAML as the number {value!r}, not as checksum text: quote it.",
                        path=(*path, key),
                        view=view,
                        fix=f'{key}: "<the checksum>"',
                    )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Quote the checksum."""
    return quote_number(doc.text, problem.line, problem.column, "Quote the checksum")
