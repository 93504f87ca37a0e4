"""`recipegen split`: classify a built C/C++ library's files into conda-forge split outputs (docs/split.md)."""
