"""MatchSpec strings are read by py-rattler's parser (loaded without importing all of rattler)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from recipegen.validation import matchspec


@pytest.mark.parametrize(
    "spec",
    [
        "numpy",
        "numpy >=1.21,<2",
        "python=3.12",
        "conda-forge::numpy",
        "zlib 1.2.11 h7b6447c_3",
        "python 3.12.* *_cpython",
        "pkg[extras=[test, docs]]",
        "__glibc >=2.17",
        "numpy ~=1.2",
        "libzlib >=1.2.13,<1.3.0a0",
    ],
)
def test_valid_specs(spec):
    assert matchspec.parse_error(spec) is None


@pytest.mark.parametrize(
    "spec, reason",
    [("numpy >=", "version spec"), ("numpy <<1", "version spec"), ("", "empty"), ("-e .", "version spec")],
)
def test_invalid_specs(spec, reason):
    error = matchspec.parse_error(spec)
    assert error and reason in error


def test_constraints_of_a_lockfile():
    assert matchspec.constraint_error(">=3.8") is None and matchspec.constraint_error("") is None
    assert matchspec.constraint_error("3.11.* *_cp311") is None
    assert "version spec" in matchspec.constraint_error(">=1,<")


def test_the_parser_loads_without_importing_rattler():
    code = (
        "import sys; from recipegen.validation.matchspec import parse_error; "
        "print(parse_error('numpy >='), 'rattler.install' in sys.modules, 'rattler.rattler' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[-2:] == ["False", "True"]


def test_public_api_fallback(monkeypatch):
    monkeypatch.setattr(matchspec, "_load_native", lambda: None)
    monkeypatch.delitem(sys.modules, "rattler.rattler", raising=False)
    matchspec._parser.cache_clear()
    matchspec.parse_error.cache_clear()
    try:
        assert matchspec.parse_error("numpy >=1") is None
        assert "version spec" in matchspec.parse_error("numpy >=")
    finally:
        matchspec._parser.cache_clear()
        matchspec.parse_error.cache_clear()
