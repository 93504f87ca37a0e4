"""The project options the generated build script sets, by name: tests, examples, docs and
language bindings off;
the project's own static switch off (on with --static); its shared switch on.

One place for both sides: the build script passes these `-D` values and the CMake reader
assumes them while it reads, so what the reader finds is what the script builds.
"""

from __future__ import annotations

import re

from recipegen.generators.cxx.model import Option

# meson options are spelled with dashes as often as underscores (babl's `enable-gir`, `with-docs`)
TEST_OPTION = re.compile(
    r"(^|[_-])(BUILD[_-]?|ENABLE[_-]?|WITH[_-]?)?(TESTS?|TESTING|UNIT[_-]?TESTS?|INSTALLED[_-]TESTS)$", re.I
)
EXTRA_OPTION = re.compile(
    r"(^|[_-])(BUILD[_-]?|ENABLE[_-]?|WITH[_-]?)?(EXAMPLES?|BENCH(MARK)?S?|FUZZ(ING|ERS)?|DOCS?|DOCUMENTATION"
    r"|GTK[_-]DOC|MAN|MAN[_-]?PAGES|BASH[_-]COMPLETIONS?)$"
    r"|(^|[_-])EXAMPLES?[_-](ENABLE|INSTALL|BUILD)([_-]\w+)?$",  # sundials' EXAMPLES_ENABLE_C, EXAMPLES_INSTALL
    re.I,
)
# the examples switches among them: one on by default stays on when the examples it builds are
# installed programs (aom's aomenc and aomdec, libheif's heif-convert, libhandy's demo)
EXAMPLES_OPTION = re.compile(r"(^|[_-])EXAMPLES?($|[_-])", re.I)
# Installs conda-forge packages never hold: a macOS framework (libiio's OSX_FRAMEWORK, which also runs
# /usr/sbin/installer) and udev rules into the system's /lib/udev (libiio's INSTALL_UDEV_RULE)
SYSTEM_INSTALL_OPTION = re.compile(r"(^|_)(OSX_|APPLE_|MACOS_|BUILD_)?FRAMEWORKS?$|(^|_)INSTALL_UDEV_RULES?$", re.I)
# Language bindings: conda-forge packages them separately (python-foo), not in the C library;
# GObject introspection data and Vala bindings need g-ir-scanner / valac in the build (libnotify's
# `introspection` feature is enabled by default): off, as a recipe that builds as written.
BINDINGS_OPTION = re.compile(
    r"(^|[_-])(BUILD[_-]?|ENABLE[_-]?|WITH[_-]?)?(PYTHON|PY|PYTHON[_-]BINDINGS|BINDINGS|JAVA|JNI|RUBY|LUA|CSHARP"
    r"|INTROSPECTION|GIR|VAPI)$",
    re.I,
)
# not CMake's find-module convention <Pkg>_USE_STATIC_LIBS (srt's OPENSSL_USE_STATIC_LIBS links OpenSSL statically)
STATIC_OPTION = re.compile(r"(^(USE_)?|(?<!USE)_)(BUILD_)?STATIC(_LIBS?)?$", re.I)
SHARED_OPTION = re.compile(r"(^|_)(BUILD_)?SHARED(_LIBS?)?$", re.I)


def is_off_switch(name: str) -> bool:
    """A tests/examples/benchmarks/docs, language-bindings or system-install switch: the script turns it off."""
    return bool(
        TEST_OPTION.search(name)
        or EXTRA_OPTION.search(name)
        or BINDINGS_OPTION.search(name)
        or SYSTEM_INSTALL_OPTION.search(name)
    )


def default_on_examples_switches(options: dict[str, Option]) -> frozenset[str]:
    """The examples switches among `options` that are on by default (CMake ON, meson true/enabled/auto)."""
    return frozenset(
        o.name
        for o in options.values()
        if EXAMPLES_OPTION.search(o.name)
        and is_off_switch(o.name)
        and (o.default.strip("'\"").upper() in ("ON", "TRUE", "YES", "1", "ENABLED", "AUTO") or _meson_default_on(o))
    )


def _meson_default_on(option: Option) -> bool:
    """A meson boolean or feature option without `value:` (true, auto)."""
    return option.kind in ("boolean", "feature") and not option.default.strip("'\"")


def turned_off(option: Option) -> bool:
    """Does the build script turn this option off (and the reader read it so)?"""
    return is_off_switch(option.name) and not option.kept


def script_value(name: str, static: bool = False) -> str | None:
    """The value the build script gives a CMake option of this name (None: left at its default)."""
    if is_off_switch(name):
        return "OFF"
    if STATIC_OPTION.search(name):
        return "ON" if static else "OFF"
    if SHARED_OPTION.search(name):
        return "ON"
    return None
