"""An `about.license_file` entry names a file that is neither in the source nor in the recipe folder.

Why: the build fails (rattler-build and conda-build stop when a license file is missing), or
worse, the wrong file ships. Checked when the source is available locally: `--source-dir`
(LintOptions.source_dir), `path:` sources, or url sources with `--fetch-sources`; entries may
be files, folders or globs (v1). Files the build writes (their name appears in the build script,
e.g. `cargo-bundle-licenses --output THIRDPARTY.yml`) are not expected in the source. Without
the source only the recipe folder is known, and nothing is reported.

Passing::

    source:
      path: ../src
    about:
      license: MIT
      license_file: LICENSE

Failing::

    source:
      path: ../src
    about:
      license: MIT
      license_file: LICENSE.txt
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._sources import license_files, resolve_license_entry

from recipegen.problems import Severity

ID = "license-file-not-found"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def generated_by_build(doc: RecipeDocument, entry: str, entries: list[str]) -> bool:
    """The build writes this file (`cargo-bundle-licenses --output THIRDPARTY.yml`, `go-licenses save
    --save_path=library_licenses`, ...): its name appears in the recipe or its scripts beyond `license_file`."""
    from recipegen.linters.rules.vendored_licenses_missing import script_text

    name = entry.rstrip("/").rsplit("/", 1)[-1]
    if not name or any(ch in name for ch in "*?["):
        return False
    return script_text(doc).count(name) > sum(e.count(name) for e in entries)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for files in license_files(doc, options):
        for entry, path, _ in files.entries:
            resolved = resolve_license_entry(entry)
            if resolved is None:
                continue
            relative, in_recipe = resolved
            if in_recipe:
                if not files.recipe.matches(relative):
                    yield Finding(f"license file `{relative}` is not in the recipe folder.", path=path, view=files.view)
                continue
            if files.source is None:
                continue
            if (
                not files.source.matches(relative)
                and not files.recipe.matches(relative)
                and not generated_by_build(doc, relative, [e for e, _, _ in files.entries])
            ):
                yield Finding(
                    f"license file `{relative}` is neither in the source nor in the recipe folder.",
                    path=path,
                    view=files.view,
                    fix="use the name the source ships (LICENSE, COPYING, ...) or add the file to the recipe folder",
                )
