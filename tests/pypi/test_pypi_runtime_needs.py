"""Shared libraries a package's modules load with ctypes or cffi's ABI mode go to run.

Inputs are verbatim extracts of the named releases (upstream packages under their own
licenses: psycopg 3.3.9 LGPL-3.0, cairocffi 1.7.1 BSD-3-Clause, sounddevice 0.5.6 MIT,
multidict Apache-2.0) or psycopg's recording in benchmarks/pypi_heldout."""

from __future__ import annotations

from recipegen.generators.pypi.layout import detect_build
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.runtime_libraries import library_name, loads_in_module, runtime_loads, runtime_needs
from recipegen.generators.pypi.sources import SourceTree

# psycopg 3.3.9, psycopg/pq/misc.py (extract)
PSYCOPG_MISC = """import sys
import ctypes.util


def find_libpq_full_path() -> str | None:
    if sys.platform == "win32":
        if (libname := ctypes.util.find_library("libpq.dll")) is None:
            return None
        libname = str(Path(libname).resolve())
    elif sys.platform == "darwin":
        libname = ctypes.util.find_library("libpq.dylib")
    else:
        libname = ctypes.util.find_library("pq")

    return libname
"""

# cairocffi 1.7.1, cairocffi/__init__.py (extract): a project helper named dlopen, names in a tuple
CAIROCFFI_INIT = """from ctypes.util import find_library

from . import constants
from .ffi import ffi


cairo = dlopen(
    ffi, ('cairo-2', 'cairo', 'libcairo-2'),
    ('libcairo.so.2', 'libcairo.2.dylib', 'libcairo-2.dll'))
"""

# cairocffi 1.7.1, cairocffi/pixbuf.py (extract): a submodule `import cairocffi` does not run
CAIROCFFI_PIXBUF = """from . import Context, ImageSurface, constants, dlopen
from .ffi import ffi_pixbuf as ffi

gdk_pixbuf = dlopen(
    ffi, ('gdk_pixbuf-2.0', 'libgdk_pixbuf-2.0-0'),
    ('libgdk_pixbuf-2.0.so.0', 'libgdk_pixbuf-2.0.0.dylib', 'libgdk_pixbuf-2.0-0.dll'))
gobject = dlopen(
    ffi, ('gobject-2.0', 'libgobject-2.0-0'),
    ('libgobject-2.0.so.0', 'libgobject-2.0.dylib', 'libgobject-2.0-0.dll'))
"""

# sounddevice 0.5.6, src/sounddevice.py (extract): an aliased find_library in a loop, in a try
SOUNDDEVICE = """from ctypes.util import find_library as _find_library
from _sounddevice import ffi as _ffi


try:
    for _libname in (
            'portaudio',  # Default name on POSIX systems
            'bin\\\\libportaudio-2.dll',  # DLL from conda-forge
            'lib/libportaudio.dylib',  # dylib from anaconda
            ):
        _libname = _find_library(_libname)
        if _libname is not None:
            break
    else:
        raise OSError('PortAudio library not found')
    _lib: ... = _ffi.dlopen(_libname)
except OSError:
    raise
"""


def test_library_file_names_are_normalised():
    assert library_name("libpq.so.5") == "pq"
    assert library_name("libcairo.2.dylib") == "cairo"
    assert library_name("bin\\libportaudio-2.dll") == "portaudio-2"
    assert library_name("magic") == "magic"


def test_a_load_in_another_operating_systems_branch_is_left_out():
    loads = loads_in_module(PSYCOPG_MISC, "psycopg/pq/misc.py")
    # only the `else:` branch conda-forge's Linux/macOS builds take first; win32 and darwin bodies are not read
    assert [(load.names, load.line, load.optional) for load in loads] == [(("pq",), 13, False)]


def test_libpq_loaded_with_ctypes_goes_to_run():
    needs = runtime_needs(loads_in_module(PSYCOPG_MISC, "psycopg/pq/misc.py"))
    assert needs.run == [("libpq", "psycopg/pq/misc.py:13")]
    assert needs.notes == []


def test_the_first_name_the_library_map_knows_is_taken():
    needs = runtime_needs(loads_in_module(CAIROCFFI_INIT, "cairocffi/__init__.py"))
    # 'cairo-2' is not a conda-forge library name, 'cairo' is
    assert needs.run == [("cairo", "cairocffi/__init__.py:7")]


def test_a_load_in_a_try_that_catches_its_failure_is_a_note():
    loads = loads_in_module(SOUNDDEVICE, "src/sounddevice.py")
    assert loads and all(load.optional for load in loads)
    assert loads[0].names[0] == "portaudio"  # the aliased find_library, over the loop's literal names
    needs = runtime_needs(loads)
    assert needs.run == []
    assert any(note.startswith("portaudio is loaded at run time by an optional part") for note in needs.notes)


def test_a_submodule_the_package_does_not_import_is_optional():
    texts = {"cairocffi/__init__.py": CAIROCFFI_INIT, "cairocffi/pixbuf.py": CAIROCFFI_PIXBUF}
    tree = SourceTree("cairocffi-1.7.1", sorted(texts), dict(texts))
    needs = runtime_needs(runtime_loads(tree, [""], {"cairocffi"}))
    assert needs.run == [("cairo", "cairocffi/__init__.py:7")]
    assert any(note.startswith("libglib is loaded at run time by an optional part") for note in needs.notes)


def test_a_module_in_another_operating_systems_folder_is_not_read():
    texts = {
        "pkg/__init__.py": "from .libs.darwin import cocoa\n",
        "pkg/libs/darwin/cocoa.py": "cdll.LoadLibrary('objc')\n",
    }
    tree = SourceTree("pkg-1.0", sorted(texts), dict(texts))
    assert runtime_loads(tree, [""], {"pkg"}) == []


def test_psycopg_recipe_runs_with_libpq(heldout_generator):
    recipe = heldout_generator("psycopg").generate("psycopg==3.3.9")
    data = recipe.data["outputs"][0] if "outputs" in recipe.data else recipe.data
    # before: run had no libpq, and `import psycopg` fails without it ("no pq wrapper available")
    assert "libpq" in data["requirements"]["run"]
    assert "- libpq  # loaded at run time (psycopg/pq/misc.py:74)" in recipe.text()


# multidict 6.x setup.py (extract, Apache-2.0): Cython only for a test-only module, when present
MULTIDICT_SETUP = """from setuptools import Extension, setup

NO_EXTENSIONS = bool(os.environ.get("MULTIDICT_NO_EXTENSIONS"))
extensions = [Extension("multidict._multidict", ["multidict/_multidict.c"])]

if not NO_EXTENSIONS:
    try:
        from Cython.Build import cythonize
    except ImportError:
        cythonize = None

    if cythonize is not None:
        extensions += cythonize(
            [Extension("multidict._testcyapi", ["multidict/_testcyapi.pyx"])],
            language_level=3,
        )
    setup(ext_modules=extensions)
"""
MULTIDICT_PATHS = ["setup.py", "multidict/__init__.py", "multidict/_multidict.c", "multidict/_testcyapi.pyx"]


def test_cython_for_a_test_only_module_behind_an_import_fallback_stays_out_of_host():
    tree = SourceTree("multidict-6.7.1", MULTIDICT_PATHS, {"setup.py": MULTIDICT_SETUP})
    build = detect_build(UpstreamMetadata(name="multidict", build_requires=["setuptools"]), tree, [])
    assert build.compiled
    # before: cython in host (the .pyx has no generated C file, and setup.py imports Cython)
    assert not build.cython and "cython" not in build.setup_imports


def test_a_real_pyx_without_its_c_file_still_needs_cython():
    paths = [*MULTIDICT_PATHS, "multidict/_speedups.pyx"]
    tree = SourceTree("multidict-6.7.1", paths, {"setup.py": MULTIDICT_SETUP})
    build = detect_build(UpstreamMetadata(name="multidict", build_requires=["setuptools"]), tree, [])
    assert build.cython and "cython" in build.setup_imports
