"""Every `url` source needs a checksum (`sha256` preferred).

Why: the checksum guarantees that the bytes built are the bytes reviewed; without it a
changed or hijacked download goes unnoticed.

Passing::

    source:
      url: https://example.org/foo-1.0.tar.gz
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

Failing::

    source:
      url: https://example.org/foo-1.0.tar.gz
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import sources

from recipegen.problems import Severity

ID = "source-hash-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("source-hash-missing", "R-019")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

CHECKSUM_KEYS = ("sha256", "sha1", "md5")


def _given(value: object) -> bool:
    """A checksum is there even when YAML read it as a number (`source-hash-not-text` says so)."""
    return value is not None and value != ""


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for source, path in sources(view.data, doc.format):
            if "url" in source and not any(_given(source.get(h)) for h in CHECKSUM_KEYS):
                yield Finding(
                    "This source has a `url` but no checksum: add its `sha256`.",
                    path=(*path, "url"),
                    view=view,
                    key=True,
                )
