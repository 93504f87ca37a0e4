"""`about.license_file` must name the license file(s) shipped with the package.

Why: most licenses (GPL, BSD, MIT, Apache, PSF...) require the license text to travel with
the binaries. v1 recipes always need it; for v0 conda-smithy requires it when the license
(family) is GPL-, BSD-, MIT-, Apache- or PSF-like.

Passing::

    about:
      license: MIT
      license_file: LICENSE

Failing::

    about:
      license: MIT
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "license-file-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("license-file-missing", "R-013")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

# conda-smithy asks a meta.yaml for a license file only for these families (a recipe.yaml always)
FAMILIES_NEEDING_FILE = {"v0": ("gpl", "bsd", "mit", "apache", "psf")}


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        if get(view.data, "about", "license_file"):
            continue
        families = FAMILIES_NEEDING_FILE.get(doc.format)
        if families is not None:
            family = get(view.data, "about", "license_family") or get(view.data, "about", "license") or ""
            if not any(word in str(family).lower() for word in families):
                continue
        about = get(view.data, "about")
        path = ("about", "license_file") if isinstance(about, dict) and "license_file" in about else ("about",)
        yield Finding(
            "`about.license_file` is missing: ship the license text with the package.",
            path=path,
            view=view,
            key=True,
            fix="add `license_file: LICENSE` (the file in the source)",
        )
