"""Reading TOML: the standard library's `tomllib`, `tomli` on Python 3.10 (the one place that chooses).

from recipegen.tomlread import tomllib
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

__all__ = ["tomllib"]
