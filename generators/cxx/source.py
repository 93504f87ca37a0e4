"""Getting a C/C++ project's build files: from a URL, a local tarball/zip, or a folder.

Archives are read in memory through `recipegen.archives` (never unpacked); only the files
the build-system readers need (CMakeLists.txt, *.cmake, meson.build, configure.ac,
Makefile*, license files, headers that carry a version) are kept as text. The sha256 is
of exactly the bytes that were fetched or read.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from recipegen.archives import ArchiveError, iter_members

MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_FOLDER_FILES = 100_000
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tar", ".zip")
# aclocal's copies of other packages' macros: libtool's, gettext's, pkg-config's (huge, and
# nothing a project's configure.ac looks for by name).
M4_SKIPPED = re.compile(
    r"^(libtool|lt~obsolete|ltoptions|ltsugar|ltversion|pkg|gettext|po|nls|progtest|intl\w*|lib-\w+|gtk-doc|ax_code_coverage|valgrind\w*|ax_valgrind_check|ax_prog_doxygen|gnulib-comp|\w*warnings)\.m4$"
)
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__"}


class SourceError(Exception):
    """The source cannot be fetched or read; one line naming it and the problem."""


class DownloadError(SourceError):
    """A source URL that cannot be downloaded, or whose download is not a readable archive."""


@dataclass
class SourceTree:
    label: str
    paths: list[str]  # every file, relative to the project root
    texts: dict[str, str]  # the build files and license files, by path
    url: str = ""
    sha256: str = ""
    local_path: str = ""
    archive_name: str = ""
    extra: dict = field(default_factory=dict)
    # the opening comment of C/C++ sources near the top (their licence notices), and which of them
    # are programs (define main): a licence only programs declare is not a library's
    source_heads: dict[str, str] = field(default_factory=dict)
    programs: set[str] = field(default_factory=set)
    # what the C/C++ sources and headers near the top include: header -> "path:line" of its first
    # few #includes (a header-only library Debian's +dfsg tarballs unbundle: rlottie's rapidjson/)
    includes: dict[str, list[str]] = field(default_factory=dict)
    top_folder: str = ""  # the one folder an archive holds everything in (OpenMesh-9.0.0)

    def text(self, path: str) -> str | None:
        return self.texts.get(path)


# a licence's own name, as files the sources point at are called (htmlcxx's LGPL_V2 and ASF-2.0,
# libfreenect's APACHE20 and GPL2, paho.mqtt.cpp's epl-v10 and edl-v10)
PART_LICENCE_NAME = re.compile(
    r"(?:copying|licen[cs]e|copyright|[A-Z]*COPYRIGHT|(?:L|A)?GPL(?:v?\d)?|BSD|MIT|APACHE(?:\d+)?|ASF|MPL|EPL|EDL)"
    r"(?:[._-][\w.-]*)?",
    re.I,
)


NEWS_FILES = ("NEWS", "NEWS.md", "CHANGES", "CHANGES.md", "CHANGELOG", "CHANGELOG.md", "ChangeLog")
SOURCE_SUFFIXES = (".c", ".cc", ".cpp", ".cxx")


def is_automake_fragment(path: str) -> bool:
    """A file a Makefile.am includes by a name of its own (libgphoto2's camlibs/ax203/Makefile-files,
    xapian-core's bin/Makefile.mk)."""
    name = PurePosixPath(path).name.lower()
    return name.startswith("makefile-") or name in (
        "makefile.inc",
        "makefile.common",
        "makefile.sources",
        "makefile.mk",
        "makefile.am.inc",  # atf's atf-c/Makefile.am.inc
    )


def wanted(path: str) -> bool:
    name = PurePosixPath(path).name
    lower = name.lower()
    if lower in (
        "cmakelists.txt",
        "meson.build",
        "meson_options.txt",
        "meson.options",
        "configure.ac",
        "configure.in",
        "configure.ac.in",
        "makefile.am",
        "makefile",
        "gnumakefile",
        "version",
        "version.txt",
    ):
        return True
    if lower in (".tarball-version", ".version") and path.count("/") <= 1:
        return True  # git-version-gen's file in a release archive (libosmo-cc's AC_INIT version)
    if lower.startswith("cmakelists") and lower.endswith(".txt"):
        return True  # include(CMakeLists-implied-options.txt): libwebsockets' options that imply others
    if lower.startswith("cmake") and lower.endswith(".txt") and path.count("/") <= 2:
        return True  # include(CMakeOptions.txt): nghttp2's options
    if "/" not in path and name in NEWS_FILES:
        return True  # the release notes' newest entry (versions.news_evidence)
    if lower == "configure" and "/" not in path:
        return True  # a hand-written configure script writes Makefile variables (libspnav's `xlib = -lX11`)
    if lower == "makefile.in" and path.count("/") <= 1:
        return True  # a hand-written Makefile.in next to configure (Nettle's): libraries, install rules
    if lower.endswith((".cmake", ".cmake.in")) and path.count("/") <= 2:
        return True
    if lower.endswith((".h", ".hpp", ".hh", ".hxx")) and path.count("/") <= 2:
        return True  # version defines (FOO_VERSION_MAJOR ...) live in the main header
    if lower in ("setup.py", "setup.cfg") and path.count("/") <= 1:
        return True  # Python bindings' packaging names the project's URL (graphite2)
    if path.count("/") <= 1 and (
        lower.endswith(".doap")
        or lower.endswith(".lsm")  # a Linux Software Map entry's Primary-site
        or lower in ("package.json", "library.json", "vcpkg.json", "conanfile.py", "package.xml")
    ):
        return True  # packaging metadata with a "homepage" (harfbuzz.doap, package.json)
    if path.count("/") <= 2 and re.fullmatch(r"build(?:ing)?\.(?:md|txt|rst|adoc)", lower):
        return True  # what upstream says about its build systems (harfbuzz's BUILD.md)
    if path.count("/") <= 2 and lower.startswith(("readme", "install", "building")) and not lower.endswith(".h"):
        return True  # a summary, a home page, and what upstream says about its build systems
    if path.count("/") <= 2 and lower.startswith("install") and path.split("/", 1)[0].lower() in ("doc", "docs"):
        return True
    if (lower.endswith(".am") or lower in ("makefile.gnulib", "gnulib.mk")) and path.count("/") <= 3:
        return True  # automake fragments (include.am): which programs link what
    if is_automake_fragment(path) and path.count("/") <= 3:
        return True  # automake fragments a Makefile.am includes (libgphoto2's camlibs/*/Makefile-files)
    if lower.endswith(".m4") and path.count("/") <= 3 and not M4_SKIPPED.match(lower):
        return True  # the project's own autoconf macros (acinclude.m4, m4/*.m4; deeper ones aclocal.m4 includes)
    if path.count("/") <= 2 and (lower.startswith(("makefile.", "gnumakefile.")) or lower.endswith(".mk")):
        return True  # fragments a Makefile includes (libntru's Makefile.linux, libcleri's objects.mk)
    if lower.endswith((".spec", ".spec.in")) and path.count("/") <= 1:
        return True  # an RPM spec's URL: is the home page
    if lower.endswith((".pc.in", ".pc.cmakein")) and path.count("/") <= 2:
        return True  # pkg-config templates carry a Description
    if lower.endswith(".texi") and path.count("/") <= 1:
        return True  # a Texinfo manual links the project's page under its name (lzlib)
    from recipegen.licenses import is_license_file_name

    if path.count("/") <= 2 and is_license_file_name(path):
        return True  # a project two folders down (lmdb)
    # the parts' licence files a top-level overview may point at (libdwarf's src/lib/libdwarf/LGPL.txt)
    return path.count("/") <= 4 and bool(PART_LICENCE_NAME.fullmatch(name))


HEAD_CHARS = 4000
PROGRAM_MAIN = re.compile(rb"^[ \t]*(?:(?:static\s+)?int\s+)?main\s*\(", re.M)
_CONDITIONAL = re.compile(rb"^[ \t]*#[ \t]*(ifdef|ifndef|if|elif|else|endif)\b[ \t]*([^\r\n]*)", re.M)
_INCLUDE = re.compile(rb'^[ \t]*#[ \t]*include[ \t]*[<"]([\w./+-]{1,200})[>"]', re.M)
# macros a default build defines: a single-header library's implementation switch (tinygltf's
# TINYGLTF_IMPLEMENTATION), C++, what the build found (HAVE_*, libecpint's HAS_PUGIXML), the compiler and Linux
_DEFINED_BY_DEFAULT = re.compile(
    rb"\w*IMPLEMENTATION\w*|__cplusplus|(?:HAVE|HAS)_\w+|__GNUC__|__linux__?|__unix__?|_GNU_SOURCE"
)
MAX_INCLUDE_PLACES = 8


def _compiled_spans(data: bytes, left_out: Callable[[bytes, bytes], bool]) -> list[tuple[int, int]]:
    """The stretches of a C/C++ file outside the conditionals' branches `left_out(kind,
    condition)` says a default build leaves out (their `#else` is kept, nesting followed)."""
    off: list[bool] = []  # per open conditional: is the current branch left out?
    spans, start = [], 0
    for m in _CONDITIONAL.finditer(data):
        if not any(off):
            spans.append((start, m.start()))
        kind, rest = m.group(1), m.group(2).strip()
        if kind in (b"if", b"ifdef", b"ifndef"):
            off.append(left_out(kind, rest))
        elif kind == b"elif" and off:  # quickfix's `#elif ENABLE_BOOST_FAST_POOL_ALLOCATOR`: a branch of its own
            off[-1] = left_out(b"if", rest)
        elif kind == b"else" and off:
            off[-1] = not off[-1]
        elif kind == b"endif" and off:
            off.pop()
        start = m.end()
    if not any(off):
        spans.append((start, len(data)))
    return spans


def _if_zero(kind: bytes, condition: bytes) -> bool:
    return kind == b"if" and condition.split(b"/")[0].strip() == b"0"


def defines_main(data: bytes) -> bool:
    """Does a C/C++ file define main() outside `#if 0` blocks (libvolatilestream's example
    program at the end of its library source)?"""
    return any(PROGRAM_MAIN.search(data, s, e) for s, e in _compiled_spans(data, _if_zero))


def _off_by_default(kind: bytes, condition: bytes) -> bool:
    """Is a conditional's first branch left out of a default build: `#ifdef SPNG_USE_MINIZ`,
    `#if defined(_WIN32)`, `#if 0`; not `#ifndef`, include guards and conditions of values."""
    macro = re.fullmatch(rb"(?:defined\s*\(?\s*)?(\w+)\s*\)?", condition.split(b"//")[0].split(b"/*")[0].strip())
    if kind == b"ifndef" or (kind == b"if" and macro is None):
        return False
    name = macro.group(1) if macro else condition.strip()
    return name == b"0" or (not name.isdigit() and not _DEFINED_BY_DEFAULT.fullmatch(name))


_NUMBER_DEFINE = re.compile(rb"^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+(\d+)[ \t]*(?:/[/*].*)?$", re.M)
_VALUE_TEST = re.compile(rb"(\w+)\s*(==|!=|>=|<=|>|<)\s*(\d+)")
_COMPARISONS: dict[bytes, Callable[[int, int], bool]] = {
    b"==": int.__eq__,
    b"!=": int.__ne__,
    b">=": int.__ge__,
    b"<=": int.__le__,
    b">": int.__gt__,
    b"<": int.__lt__,
}


def _left_out_in(data: bytes) -> Callable[[bytes, bytes], bool]:
    """`_off_by_default`, and a test of a number the file defines one way (GeographicLib's Math.hpp:
    `#define GEOGRAPHICLIB_PRECISION 2` unless defined, then `#if GEOGRAPHICLIB_PRECISION == 4`
    around its Boost includes)."""
    values: dict[bytes, set[int]] = {}
    for m in _NUMBER_DEFINE.finditer(data):
        values.setdefault(m.group(1), set()).add(int(m.group(2)))

    def left_out(kind: bytes, condition: bytes) -> bool:
        test = _VALUE_TEST.fullmatch(condition.split(b"//")[0].split(b"/*")[0].strip())
        if kind == b"if" and test and len(values.get(test.group(1), ())) == 1:
            (value,) = values[test.group(1)]
            return not _COMPARISONS[test.group(2)](value, int(test.group(3)))
        return _off_by_default(kind, condition)

    return left_out


def _record_includes(includes: dict[str, list[str]], path: str, data: bytes) -> None:
    """The headers a source or header file includes where a default build compiles the line
    (a few places per header); one a default-off conditional guards is left out."""
    for s, e in _compiled_spans(data, _left_out_in(data)):
        for m in _INCLUDE.finditer(data, s, e):
            places = includes.setdefault(m.group(1).decode("ascii", "replace"), [])
            if len(places) < MAX_INCLUDE_PLACES:
                line = data.count(b"\n", 0, m.start()) + 1
                places.append(f"{path}:{line}")


HEADER_SUFFIXES = (".h", ".hpp", ".hh", ".hxx")


def _scans_includes(path: str) -> bool:
    return is_source_file(path) or (path.count("/") <= 2 and path.lower().endswith(HEADER_SUFFIXES))


def is_source_file(path: str) -> bool:
    return path.count("/") <= 2 and path.lower().endswith(SOURCE_SUFFIXES)


def _strip_top(paths: list[str]) -> str:
    """The single top-level folder every path sits in ('' when there is none)."""
    tops = {p.split("/", 1)[0] for p in paths}
    if len(tops) == 1 and all("/" in p for p in paths):
        return tops.pop() + "/"
    return ""


def from_archive_bytes(data: bytes, label: str) -> SourceTree:
    names: list[str] = []
    texts: dict[str, bytes] = {}
    heads: dict[str, tuple[bytes, bool]] = {}  # C/C++ sources: (opening bytes, defines main)
    links: dict[str, str] = {}  # symbolic links among the wanted files: name -> target
    includes: dict[str, list[str]] = {}
    try:
        for member in iter_members(data, want=lambda n: _wanted_member(n), label=label):
            if member.is_dir:
                continue
            names.append(member.name)
            if member.is_symlink and wanted(member.name.split("/", 1)[-1]):
                links[member.name] = member.link_target
            if member.data is None or len(member.data) > MAX_TEXT_BYTES:
                continue
            if _scans_includes(member.name) or _scans_includes(member.name.split("/", 1)[-1]):
                _record_includes(includes, member.name, member.data)
            if _is_source_member(member.name):
                heads[member.name] = (member.data[:HEAD_CHARS], defines_main(member.data))
            else:
                texts[member.name] = member.data
    except ArchiveError as exc:
        raise SourceError(str(exc)) from None
    if not names:
        raise SourceError(f"{label}: the archive holds no files")
    _follow_links(texts, links)
    top = _strip_top(names)
    strip = len(top)
    tree = SourceTree(
        label=label,
        paths=sorted(n[strip:] for n in names),
        texts={n[strip:]: b.decode("utf-8", "replace") for n, b in texts.items() if wanted(n[strip:])},
        sha256=hashlib.sha256(data).hexdigest(),
        includes={header: [where[strip:] for where in places] for header, places in includes.items()},
        top_folder=top.rstrip("/"),
    )
    _add_heads(tree, heads, strip)
    return tree


def _add_heads(tree: SourceTree, heads: dict[str, tuple[bytes, bool]], strip: int) -> None:
    for name, (head, program) in heads.items():
        if is_source_file(name[strip:]):
            tree.source_heads[name[strip:]] = head.decode("utf-8", "replace")
            if program:
                tree.programs.add(name[strip:])


def _follow_links(texts: dict[str, bytes], links: dict[str, str]) -> None:
    """A wanted file that is a symbolic link to another file of the archive reads as that file
    (glib 2.74's COPYING -> LICENSES/LGPL-2.1-or-later.txt); links out of the archive are not followed."""
    for name, target in links.items():
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
        if not target.startswith("/") and resolved in texts:
            texts.setdefault(name, texts[resolved])


def _is_source_member(name: str) -> bool:
    return is_source_file(name) or is_source_file(name.split("/", 1)[-1])


def _wanted_member(name: str) -> bool:
    return wanted(name) or wanted(name.split("/", 1)[-1]) or _is_source_member(name)


def from_folder(root: Path) -> SourceTree:
    paths: list[str] = []
    texts: dict[str, str] = {}
    heads: dict[str, tuple[bytes, bool]] = {}
    includes: dict[str, list[str]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            rel = (Path(folder) / name).relative_to(root).as_posix()
            paths.append(rel)
            if len(paths) > MAX_FOLDER_FILES:
                raise SourceError(f"{root}: more than {MAX_FOLDER_FILES} files")
            full = Path(folder) / name
            if full.is_symlink() or full.stat().st_size > MAX_TEXT_BYTES:
                continue
            if not (wanted(rel) or is_source_file(rel)):
                continue
            data = full.read_bytes()
            if _scans_includes(rel):
                _record_includes(includes, rel, data)
            if wanted(rel):
                texts[rel] = data.decode("utf-8", "replace")
            else:
                heads[rel] = (data[:HEAD_CHARS], defines_main(data))
    if not paths:
        raise SourceError(f"{root}: folder holds no files")
    tree = SourceTree(label=str(root), paths=sorted(paths), texts=texts, local_path=str(root), includes=includes)
    _add_heads(tree, heads, 0)
    remote = _git_remote(root)
    if remote:
        tree.extra["git_remote"] = remote
    return tree


def _git_remote(root: Path) -> str:
    """The https URL of a checkout's remote (`.git/config`; read as text, git is never run)."""
    from recipegen.generators.cxx.about import git_remote_url

    config = root / ".git" / "config"
    try:
        if not config.is_file() or config.stat().st_size > MAX_TEXT_BYTES:
            return ""
        return git_remote_url(config.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return ""


def load_source(spec: str, fetcher=None) -> SourceTree:
    """A URL (downloaded through recipegen.http), an archive file, or a folder."""
    if re.match(r"^https?://", spec):
        from recipegen.http import Fetcher, FetchError

        fetcher = fetcher or Fetcher()
        try:
            response = fetcher.get(spec)
            tree = from_archive_bytes(response.content, spec)
        except (FetchError, SourceError) as exc:
            raise DownloadError(str(exc)) from None
        tree.url = spec
        tree.archive_name = PurePosixPath(spec.split("?", 1)[0]).name
        return tree
    path = Path(spec)
    if path.is_dir():
        return from_folder(path)
    if not path.exists():
        raise SourceError(f"{spec}: no such file or folder")
    if not path.name.lower().endswith(ARCHIVE_SUFFIXES):
        raise SourceError(f"{spec}: not a source archive (.tar.gz, .tar.bz2, .tar.xz, .zip ...) or folder")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{spec}: cannot read ({exc.strerror or exc})") from None
    tree = from_archive_bytes(data, spec)
    tree.local_path = str(path)
    tree.archive_name = path.name
    return tree
