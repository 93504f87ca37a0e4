"""With `--fetch-sources`, a `url` source's checksum must be that of the bytes it downloads.

Why: a wrong `sha256` fails the build at its first step (after a version bump that forgot the
hash, or a release re-uploaded upstream); a reviewer cannot see it in the text. The download is
hashed and compared, and nothing is read from bytes the recipe does not name (the license-file
rules then treat the source as unavailable). Without `--fetch-sources` nothing is downloaded and
the rule is silent.

Passing::

    source:
      url: https://example.org/foo-1.0.tar.gz
      sha256: <the sha256 of that file>

Failing::

    source:
      url: https://example.org/foo-1.0.tar.gz
      sha256: <the sha256 of foo-0.9.tar.gz>
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._sources import digest_mismatch, fetched_archive

from recipegen.problems import Severity

ID = "source-hash-mismatch"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not options.fetch_sources or not on_disk(doc):
        return
    for view in doc.views:
        facts = view.facts
        for source, path in facts.sources:
            url = source.get("url")
            if not url:
                continue
            fetched = fetched_archive(str(facts.render(url[0] if isinstance(url, list) else url)))
            found = digest_mismatch(source, fetched, facts.render) if fetched is not None else None
            if found is not None:
                key, expected, actual = found
                yield Finding(
                    f"The `{key}` is not that of the downloaded file: the recipe says {expected}, "
                    f"the download has {actual}.",
                    path=(*path, key),
                    view=view,
                )
