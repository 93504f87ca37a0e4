"""Every network endpoint recipegen talks to, in one place.

Each can be overridden by an environment variable (shown next to it) or by the command's own
option (`--index-url`, `--cran-url`, `--registry`), so mirrors and proxies work.
"""

from __future__ import annotations

import os

_DEFAULTS = {
    # PyPI: JSON API (https://docs.pypi.org/api/json/) and the simple index.
    "RECIPEGEN_PYPI_URL": "https://pypi.org/pypi",
    "RECIPEGEN_PYPI_SIMPLE_URL": "https://pypi.org/simple",
    # Canonical sdist URL form used in generated recipes (conda-forge 2026: the file host, R-050).
    "RECIPEGEN_PYPI_FILES_URL": "https://files.pythonhosted.org/packages/source",
    # CRAN: any CRAN-like repository root (src/contrib/PACKAGES lives below it).
    "RECIPEGEN_CRAN_URL": "https://cran.r-project.org",
    # Julia's General registry (repository and the Pkg server's registry tarballs).
    "RECIPEGEN_JULIA_REGISTRY_URL": "https://github.com/JuliaRegistries/General",
    "RECIPEGEN_JULIA_PKG_SERVER": "https://pkg.julialang.org",
    # GitHub archives (Julia package sources, C/C++ sources).
    "RECIPEGEN_GITHUB_URL": "https://github.com",
    # GitHub's REST API (maintainer checks with a GH_TOKEN, `recipegen lint --conda-forge --online`).
    "RECIPEGEN_GITHUB_API_URL": "https://api.github.com",
    # Raw files of GitHub repositories (a license file missing from an sdist).
    "RECIPEGEN_GITHUB_RAW_URL": "https://raw.githubusercontent.com",
    # conda-forge channel data (what exists on conda-forge).
    "RECIPEGEN_CONDA_FORGE_CHANNEL_URL": "https://conda.anaconda.org/conda-forge",
    # Name map refresh source (prefix-dev/parselmouth).
    "RECIPEGEN_PARSELMOUTH_URL": (
        "https://raw.githubusercontent.com/prefix-dev/parselmouth/main/files/compressed_mapping.json"
    ),
    # The published JSON Schema referenced from the first line of generated recipes.
    "RECIPEGEN_SCHEMA_URL": (
        "https://raw.githubusercontent.com/recipegen/recipegen/main/schemas/recipe-v1.schema.json"
    ),
}


def endpoint(name: str) -> str:
    """The URL for `name` (one of the RECIPEGEN_* keys above), honouring the environment."""
    return os.environ.get(name, _DEFAULTS[name]).rstrip("/")


def pypi_url() -> str:
    return endpoint("RECIPEGEN_PYPI_URL")


def cran_url() -> str:
    return endpoint("RECIPEGEN_CRAN_URL")


def schema_url() -> str:
    return endpoint("RECIPEGEN_SCHEMA_URL")


def github_url() -> str:
    """GitHub's web site (user pages, archives)."""
    return endpoint("RECIPEGEN_GITHUB_URL")


def github_api_url() -> str:
    return endpoint("RECIPEGEN_GITHUB_API_URL")
