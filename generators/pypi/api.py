"""What other parts of recipegen use of the PyPI generator (`recipegen update` reads upstream
requirements the way the generator does): a stable, public set of names.

Everything else in `recipegen.generators.pypi` may change with the generator.
"""

from __future__ import annotations

from recipegen.generators.pypi.generator import Options, PypiGenerator, metadata_wheel, wheel_facts
from recipegen.generators.pypi.requirements import (
    DROP_BUILD_REQUIRES,
    HOST_UNVERSIONED,
    RENAMED_BUILD_REQUIRES,
    DepContext,
    collect_requirements,
    is_dev_extra,
    marker_anywhere,
    normalize_extra,
)

__all__ = [
    "DROP_BUILD_REQUIRES",
    "HOST_UNVERSIONED",
    "RENAMED_BUILD_REQUIRES",
    "DepContext",
    "Options",
    "PypiGenerator",
    "collect_requirements",
    "is_dev_extra",
    "marker_anywhere",
    "metadata_wheel",
    "normalize_extra",
    "wheel_facts",
]
