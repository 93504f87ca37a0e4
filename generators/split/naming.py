"""The base name of a split (`lib<name>`, `<name>-static`, ...), and where it came from.

In order: the package metadata (a conda package's `info/index.json` name, a Debian package's
`Source:`), the pkg-config files (the one file, or the umbrella file that requires all the
others: openssl.pc over libssl.pc and libcrypto.pc), the common prefix of the shared
libraries (libbrotlicommon, libbrotlidec, libbrotlienc → brotli), the main library, and last
the input's file or folder name. The first library alone is never the answer: it names
`ssl` for openssl, `z` for zlib and `yaml-0` for libyaml.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from recipegen.generators.split import classify as C
from recipegen.generators.split.classify import Classified
from recipegen.generators.split.inputs import InstallTree
from recipegen.generators.split.pkgconfig import parse_pc, required_modules

OUTPUT_SUFFIX = re.compile(r"-(devel|dev|static|tools|headers)$")
PC_VERSION_SUFFIX = re.compile(r"-\d+(\.\d+)*$")  # yaml-0.1, libxml-2.0, gtk+-3.0
MIN_PREFIX = 3


def choose_name(tree: InstallTree, classified: list[Classified]) -> tuple[str, str]:
    """(base name, where it came from, for the note)."""
    if tree.name:
        return _clean(OUTPUT_SUFFIX.sub("", tree.name)), f"package metadata ({tree.name})"
    libraries = sorted({c.library for c in classified if c.category in LIBRARY_KINDS and c.library})
    from_pc = _pkg_config_name(tree, classified, libraries)
    if from_pc:
        return from_pc
    prefix = _common_prefix([_bare(lib) for lib in libraries])
    if len(libraries) > 1 and len(prefix) >= MIN_PREFIX:
        return _clean(prefix), f"common prefix of the libraries {', '.join(libraries)}"
    if libraries:
        main = _main_library(classified)
        return _clean(_bare(main)), f"main library {main}"
    return _label_name(tree), "input name"


LIBRARY_KINDS = (C.SHARED_LIBRARY, C.STATIC_LIBRARY, C.IMPORT_LIBRARY)


def _bare(library: str) -> str:
    return library.lower().removeprefix("lib")


def _clean(name: str) -> str:
    return re.sub(r"[^a-z0-9_.-]", "-", name.lower()).strip("-.") or "package"


def _pkg_config_name(tree: InstallTree, classified: list[Classified], libraries: list[str]) -> tuple[str, str] | None:
    files = tree.by_path()
    pcs: dict[str, list[str]] = {}  # module -> required modules (a symlinked .pc is a module too)
    for c in classified:
        if c.category == C.PKG_CONFIG:
            entry = files[c.path]
            text = (entry.data or b"").decode("utf-8", "replace")
            pcs[PurePosixPath(c.path).stem] = required_modules(parse_pc(text)) if text else []
    if not pcs:
        return None
    umbrellas = [m for m, needs in pcs.items() if set(pcs) - {m} <= set(needs)]
    umbrellas = umbrellas or [m for m in pcs if all(other.startswith(m) for other in pcs)]  # protobuf(-lite)
    if len(pcs) > 1 and not umbrellas:
        bases = {PC_VERSION_SUFFIX.sub("", re.sub(r"\d+$", "", m)) for m in pcs}  # libpng16, libpng
        umbrellas = [m for m in pcs if m in bases] if len(bases) == 1 else []
    if len(pcs) > 1 and not umbrellas:
        return None
    module = umbrellas[0] if umbrellas else next(iter(pcs))
    name = PC_VERSION_SUFFIX.sub("", module)
    if name != module:  # a versioned module name (libxml-2.0): a library named <name><digits> is the name
        real = next((lib for lib in libraries if re.fullmatch(re.escape(name) + r"\d+", lib)), None)
        if real:
            return _clean(real), f"library {real} (pkg-config module {module})"
    return _clean(name), f"pkg-config file {module}.pc"


def _common_prefix(names: list[str]) -> str:
    """The characters every name starts with (brotlicommon, brotlidec → brotli)."""
    prefix = ""
    for chars in zip(*names):
        if len(set(chars)) != 1:
            break
        prefix += chars[0]
    return prefix.rstrip("-_.") if names else ""


def _main_library(classified: list[Classified]) -> str:
    counts: dict[str, int] = {}
    for c in classified:
        if c.category in LIBRARY_KINDS and c.library:
            counts[c.library] = counts.get(c.library, 0) + 1
    return min(counts, key=lambda k: (-counts[k], len(k), k))


def _label_name(tree: InstallTree) -> str:
    label = PurePosixPath(tree.label.replace("\\", "/")).name
    label = re.sub(r"(\.tar\.\w+|\.tgz|\.zip|\.conda|\.deb)$", "", label)
    label = re.sub(r"[-_]\d.*$", "", label)
    return _clean(label)
