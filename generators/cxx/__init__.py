"""`recipegen cxx`: a v1 recipe with split outputs from a C/C++ project's build files (docs/cxx.md)."""
