"""A license file's text contradicts `about.license` (the file is Apache-2.0, the recipe says MIT).

Why: the recipe's license is what users and compliance tools rely on; when the shipped text
is a different license, one of them is wrong. Each `license_file` found in the source (see
`license-file-not-found` for when the source is available) or the recipe folder is identified
with `recipegen.licenses.identify_license_text` (only confident, unambiguous matches count),
and must be one of the ids of `about.license`, `-only`/`-or-later` variants of the same
license being equivalent. An error when no license file of the package matches the
expression; a warning for an extra file whose license the expression does not name.

Passing::

    source:
      path: ../src   # ships LICENSE with the MIT text
    about:
      license: MIT
      license_file: LICENSE

Failing::

    source:
      path: ../src   # ships LICENSE with the Apache-2.0 text
    about:
      license: MIT
      license_file: LICENSE
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._sources import license_files, resolve_license_entry

from recipegen.problems import Severity

ID = "license-text-mismatch"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

MAX_FILES_PER_ENTRY = 8
_VARIANT_SUFFIX = re.compile(r"(-only|-or-later|\+)$")


def base_id(license_id: str) -> str:
    return _VARIANT_SUFFIX.sub("", license_id.strip()).lower()


@lru_cache(maxsize=64)
def identified(data: bytes) -> tuple[str, frozenset[str]] | None:
    """(best id, ids as good as the best) of a license text, None when not recognised."""
    from recipegen.licenses import identify_license_text

    text = data.decode("utf-8", errors="replace")
    match = identify_license_text(text)
    if match is None:
        return None
    tied = {cid for cid, score in match.candidates if score >= match.score - 1e-6}
    return match.spdx_id, frozenset(tied | {match.spdx_id})


@lru_cache(maxsize=256)
def expression_ids(expression: str) -> tuple[str, ...]:
    from recipegen.licenses import expression_ids as ids

    return tuple(ids(expression))


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for files in license_files(doc, options):
        view = files.view
        by_about: dict[tuple, list[tuple[str, tuple, str, str]]] = {}
        for entry, path, about in files.entries:
            resolved = resolve_license_entry(entry)
            if resolved is None:
                continue
            relative, in_recipe = resolved
            trees = [files.recipe] if in_recipe else [t for t in (files.source, files.recipe) if t is not None]
            for candidate_tree in trees:
                names = candidate_tree.matches(relative)[:MAX_FILES_PER_ENTRY]
                if not names:
                    continue
                expression = view.facts.about_license(about)
                ids = expression_ids(expression) if expression else ()
                wanted = {base_id(i) for i in ids}
                for name in names if wanted else ():
                    data = candidate_tree.read(name)
                    found = identified(data) if data else None
                    if found is None:
                        continue
                    best, tied = found
                    verdict = "match" if {base_id(i) for i in tied} & wanted else best
                    by_about.setdefault(about, []).append((name, path, verdict, expression))
                break
        for about, results in by_about.items():
            any_match = any(verdict == "match" for *_, verdict, _ in results)
            for name, path, verdict, expression in results:
                if verdict == "match":
                    continue
                if any_match:
                    yield Finding(
                        f"`{name}` is the {verdict} license, which `{'.'.join(map(str, about))}.license` "
                        f"(`{expression}`) does not name: add it to the expression if that code ships.",
                        path=path,
                        view=view,
                        severity=Severity.WARNING,
                        fix=f"license: {expression} AND {verdict}",
                    )
                else:
                    yield Finding(
                        f"`{name}` is the {verdict} license text, but the recipe says `{expression}`.",
                        path=path,
                        view=view,
                        fix=f"license: {verdict} (if the text is right)",
                    )
