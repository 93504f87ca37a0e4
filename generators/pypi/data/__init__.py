"""Data files of the PyPI generator (a package so that setuptools ships its *.json)."""
