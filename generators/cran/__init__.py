"""`recipegen cran`: v1 recipes for CRAN packages following conda-forge's R conventions.

repository (CRAN-like index and tarballs) → package (tarball contents) → description
(DESCRIPTION fields) → licenses / sysreqs (data-file mappings, optionally R itself) →
recipe (the Recipe model) → generate (one name → Recipe).
"""
