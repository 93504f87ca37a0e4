"""The shipped data files stay consistent with conda-forge, SPDX and R."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.generators.cran.licenses import license_entries
from recipegen.generators.cran.rsession import r_available
from recipegen.generators.cran.sysreqs import (
    configure_rules,
    makevars_rules,
    map_makevars,
    map_system_requirements,
    rules,
)

from recipegen.condaforge import exists_on_conda_forge


def test_mapped_packages_exist_on_conda_forge():
    items = [
        n for rule in (*rules(), *makevars_rules(), *configure_rules()) for n in (*rule.host, *rule.build, *rule.run)
    ]
    names = {item["then"] if isinstance(item, dict) else item for item in items}
    assert names and not {n for n in names if not exists_on_conda_forge(n)}


def test_makevars_libraries():
    text = (
        "PKG_CFLAGS = $(SHLIB_OPENMP_CFLAGS)\nPKG_LIBS = $(SHLIB_OPENMP_CFLAGS) -lz $(LAPACK_LIBS) "
        "$(BLAS_LIBS) $(FLIBS)\n# PKG_LIBS += -lssl\n"
    )
    assert map_makevars(text).host == [
        {"if": "linux", "then": "libgomp"},
        {"if": "osx", "then": "llvm-openmp"},
        "zlib",
        "liblapack",
        "libblas",
    ]
    assert map_makevars("PKG_LIBS = @openmp_cflags@ @zlib_libs@ -lgzip").host[-1] == "zlib"
    assert map_makevars("PKG_LIBS = -lzstd -lpng16").host == ["zstd", "libpng"]


def test_every_sysreqs_rule_adds_something_or_says_why():
    for rule in (*rules(), *makevars_rules(), *configure_rules()):
        assert rule.host or rule.build or rule.run or rule.note, rule.pattern.pattern


@pytest.mark.parametrize(
    "text, host, unmapped",
    [
        ("libcurl (>= 7.73): libcurl-devel (rpm) or libcurl4-openssl-dev (deb)", ["libcurl"], []),
        ("libxml2: libxml2-dev (deb), libxml2-devel (rpm)", ["libxml2"], []),
        ("OpenSSL >= 1.0.2", ["openssl"], []),
        (
            "GDAL (>= 2.0.1), GEOS (>= 3.4.0), PROJ (>= 4.8.0), sqlite3",
            ["libgdal-core", "geos", "proj", "libsqlite"],
            [],
        ),
        ("ICU4C (>= 61, optional)", ["icu"], []),
        ("libgit2 (>= 1.0): libgit2-devel (rpm) or libgit2-dev (deb)", ["libgit2", "libssh2", "openssl", "zlib"], []),
        ("udunits-2", ["udunits2", {"if": "win", "then": "expat"}], []),
        ("GNU make, C++17", [], []),
        ("Python (>= 2.7.0)", [], []),
        ("a flux capacitor", [], ["a flux capacitor"]),
        # free-text OpenMP maps as the Makevars rule does
        ("OpenMP (optional)", [{"if": "linux", "then": "libgomp"}, {"if": "osx", "then": "llvm-openmp"}], []),
        ("Tcl/Tk", ["tk"], []),
        ("librsvg2", ["librsvg"], []),
        ("hiredis (>= 0.9)", ["hiredis"], []),
        ("X11, GLU", ["xorg-libx11", "libglu"], []),
        ("libjq: jq-devel (rpm) or libjq-dev (deb)", ["jq"], []),
        ("PCRE2", ["pcre2"], []),
        (
            "fftw3 (>= 3.1.2), GNU GSL, GMP (>= 4.2.3), MPFR (>= 3.0.0), glpk (>= 4.42)",
            ["fftw", "gsl", "gmp", "mpfr", "glpk"],
            [],
        ),
        ("netCDF, HDF5", ["libnetcdf", "hdf5"], []),
        ("poppler-glib (>= 0.18)", ["poppler"], []),
        ("freetype2, harfbuzz, fribidi", ["freetype", "harfbuzz", "fribidi"], []),
        ("libpng, libjpeg, libtiff, libwebp", ["libpng", "zlib", "libjpeg-turbo", "libtiff", "libwebp"], []),
        ("zstd, bzip2, xz, lzma", ["zstd", "bzip2", "liblzma-devel"], []),
        ("libuv, libsodium, protobuf (>= 3.0), V8", ["libuv", "libsodium", "libprotobuf", "libv8"], []),
        ("tesseract, leptonica, cfitsio, glib-2.0", ["tesseract", "leptonica", "cfitsio", "glib"], []),
    ],
)
def test_system_requirements(text, host, unmapped):
    result = map_system_requirements(text)
    assert (result.host, result.unmapped) == (host, unmapped)


def test_license_table_ids_are_valid_spdx():
    from recipegen.licenses import check_expression

    for entry in license_entries():
        for spdx in filter(None, (entry.spdx, entry.or_later)):
            check = check_expression(spdx)
            assert check.valid and not check.deprecated, (entry.label, check)
    labels = [e.label for e in license_entries()]
    assert len(labels) == len(set(labels))


@pytest.mark.skipif(not r_available(), reason="R and rpy2 (recipegen[r]) are not installed")
@pytest.mark.needs_r
def test_license_table_matches_r_license_db():
    from recipegen.generators.cran.rsession import R_LOCK, r_session, r_strings

    ri = r_session()
    with R_LOCK:
        db = ri.evalr("tools:::R_license_db()")
        columns = dict(zip(db.names, db))
        names, versions = r_strings(columns["Name"], ri), r_strings(columns["Version"], ri)
        files = r_strings(columns["File"], ri)
    ours = {(e.name, e.version): e for e in license_entries()}
    assert set(ours) == {(n, "" if v == "NA" else v) for n, v in zip(names, versions)}
    shipped = {Path(f).name for f in files if f not in ("", "NA")}
    assert {e.r_file for e in license_entries() if e.r_file} == shipped
