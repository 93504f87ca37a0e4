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

As conda-smithy (R-019), a checksum key counts when it is there (an empty or numeric value
is reported by the schema / `source-hash-not-text`), and a `url:` with no value downloads
nothing, so it needs no checksum (the schema reports the empty `url`).
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument

from recipegen.problems import Severity

ID = "source-hash-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("source-hash-missing", "R-019")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

CHECKSUM_KEYS = ("sha256", "sha1", "md5")


def _has_url(source: dict) -> bool:
    url = source.get("url")
    return url is not None and url != "" and url != []


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for source, path in view.facts.sources:
            if _has_url(source) and not any(key in source for key in CHECKSUM_KEYS):
                yield Finding(
                    "This source has a `url` but no checksum: add its `sha256`.",
                    path=(*path, "url"),
                    view=view,
                    key=True,
                )
