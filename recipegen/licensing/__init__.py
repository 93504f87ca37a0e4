"""SPDX licence handling; the public API is re-exported by `recipegen.licenses`."""
