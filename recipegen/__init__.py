"""recipegen: conda v1 recipes from PyPI, CRAN and Julia packages; validation and linting."""

__version__ = "0.1.0"
