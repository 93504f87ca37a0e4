"""The project's version, weighed from every place that states it.

Evidence: the build files (CMake `project(VERSION)` or a `<PROJECT>_VERSION` variable, configure's
`AC_INIT`, meson's `project(version:)`), the project's version header (`FOO_VERSION "1.2.3"`,
`FOO_VERSION_MAJOR/MINOR/PATCH`), a top-level VERSION file, and the archive or folder name
(Debian's `+dfsg`/`.orig` decorations removed). Headers in vendored, test, example and
platform-port trees (`third_party/`, `tests/catch.hpp`, `lib/config-plan9.h`) are not evidence;
a header whose macro prefix is not the project's counts less. Agreeing values add up (`1.2` backs
`1.2.3`); the heaviest value wins when it outweighs every other, otherwise `VersionConflict` names
the candidates and `--version` decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from recipegen.generators.cxx.cmake_interp import TEST_DIRS, VENDORED_DIRS

STRONG, WEAK = 2, 1  # a build file or header; a computed CMake variable
# The archive name is the release's name, and the recipe's URL is built from it: it outweighs one
# stale build file (double-conversion's project(VERSION 3.2.0) in 3.2.1), not two sources agreeing.
ARCHIVE = 3
# Upstream's spelling of the release, from the archive's top folder (OpenMesh-9.0.0 inside
# Debian's openmesh_9.0.orig.tar.gz): it never votes, it only keeps that spelling.
SPELLING = 0
# Ports and platform configuration headers carry placeholder or other products' versions.
PLATFORM_HEADER = re.compile(
    r"(^|[-_/])(config[-_]\w+|\w*(win32|win64|wince|msvc|vms|os2|amiga\w*|riscos|plan9|dos|symbian|vxworks|"
    r"android|mac|macos|tpf|netware|watcom|borland|mingw|cygwin))\.h$",
    re.I,
)
SKIP_DIRS = (
    TEST_DIRS | VENDORED_DIRS | {"win32", "windows", "vms", "os2", "amiga", "packages", "projects", "build", "m4"}
)
_DEFINE = re.compile(r'#\s*define\s+(\w*?)_?(?:VERSION|VER)(?:_STRING|_STR|_TEXT)?\s+"v?(\d+(?:\.\d+)+)"')
_PART = r"#\s*define\s+(\w*?)_?(?:VERSION|VER)_{key}\s+\(?(\d+)\)?"


class VersionConflict(Exception):
    """The evidence disagrees with no clear winner; the message lists the candidates."""


@dataclass(frozen=True)
class Evidence:
    value: str
    source: str
    weight: int


def archive_version(label: str) -> tuple[str, str]:
    """(name, version) of an archive or folder name: zlib-1.3.1.tar.gz, curl_7.88.1.orig.tar.gz,
    libxml2_2.9.14+dfsg.orig.tar.xz, libevent-2.1.12-stable, re2_20220601, v1.2.3.zip."""
    label = re.sub(r"\.(tar\.\w+|tgz|tbz2?|txz|zip)$", "", label)
    debian = re.search(r"\.orig(-\w+)?$", label)
    label = re.sub(r"\.orig(-\w+)?$", "", label)
    if debian and re.search(r"_\d", label):
        # Debian's <source>_<upstream version>.orig: a source name has no "_" (libusb-1.0_1.0.26, libinih_59).
        name, _, version = label.rpartition("_")
        return name, clean_version(version)
    m = re.match(r"^(?P<name>.+?)[-_]v?(?P<version>\d+(?:\.\d+)+[\w.+~-]*|\d{8}[\w.+~-]*)$", label)
    if not m:
        m2 = re.match(r"^v?(?P<version>\d+(?:\.\d+)+)$", label)
        return (label if not m2 else ""), (m2.group("version") if m2 else "")
    return m.group("name"), clean_version(m.group("version"))


def clean_version(value: str) -> str:
    """Drop distribution decorations: 2.9.14+dfsg, 1.10.0+ds, 3.2.4+debian, 1.2.13.dfsg, 2.1.12-stable;
    Debian's `~` before a pre-release tag goes (2.0~rc1 → 2.0rc1, a version conda can hold);
    Debian's `0~` before a dated snapshot that has no release number (argon2's 0~20190702) goes,
    and a `-` before digits, which a conda version cannot hold, is a `.` (libedit's 3.1-20221030)."""
    # Debian's downgrade spellings carry the upstream version after the marker: 1.0+really0.9,
    # voro++'s 0.5+revert-to-0.4.6+dfsg1 (upstream 0.4.6)
    value = re.sub(r"^.*?\+(?:really|revert-to-?)(?=\d)", "", value, flags=re.I)
    value = re.sub(r"([.+~]|^)(dfsg|ds|repack|really|debian)\d*.*$", "", value, flags=re.I)  # xerces-c's 3.2.4+debian
    value = re.sub(r"-(stable|release|final|src|source)$", "", value, flags=re.I)
    value = re.sub(r"^0~(?=\d{8}\b)", "", value)
    value = re.sub(r"~(?=(rc|alpha|beta|pre|a|b)\d*$)", "", value, flags=re.I)  # Debian's 2.0~rc1 is upstream's 2.0rc1
    # Debian's snapshot before any release: farmhash's 0~git20190513.0d859a8, a conda-valid 0+git20190513.0d859a8
    # ... and of a release's later commits: sfsexp's 1.3.1+18~git20210718 (18 commits on), 1.3.1+18.git20210718
    value = re.sub(r"(\+\d+)~(?=(?:git|svn|hg|bzr|cvs|darcs|snapshot)\w)", r"\1.", value, flags=re.I)
    value = re.sub(r"~(?=(?:git|svn|hg|bzr|cvs|darcs|snapshot)\w)", "+", value, flags=re.I)
    # a dated development snapshot before a release (epr-api's 2.3~dev20150708): conda's `.dev`, which sorts first
    value = re.sub(r"~(?=dev\d{6})", ".", value, flags=re.I)
    # git describe's commits since the tag and abbreviated hash: libicns' 0.8.1.83.g921f972 (0.8.1),
    # edac-utils' 0.18+git16-g8fdc1d4 (0.18)
    value = re.sub(r"(?:[.+-]|\+git)\d+[.-]g[0-9a-f]{7,40}$", "", value)
    # a Debian revision-like `~N` a conda version cannot hold: libsrm's 0.8.0~2
    value = re.sub(r"~\d+$", "", value)
    return re.sub(r"-(?=\d)", ".", value.rstrip(".+~-"))


PLATFORM_DIR = re.compile(
    r"^(msvc|vs\d{2,4}|vc\d+|win(32|64|dows)?|vms|os2|amiga\w*|mac(os)?|dos|watcom|borland)$", re.I
)


def _skipped(path: str) -> bool:
    parts = PurePosixPath(path).parts[:-1]
    return (
        any(p.lower() in SKIP_DIRS or PLATFORM_DIR.match(p) for p in parts) or PLATFORM_HEADER.search(path) is not None
    )


def _related(prefix: str, name: str) -> bool:
    """Is a macro prefix the project's own (LIBCURL, CURL for curl; ARES for c-ares; SPDLOG), not
    another product's (XXH in zstd) or another number's (SODIUM_LIBRARY, FRIBIDI_UNICODE)?"""
    a = re.sub(r"[^a-z0-9]", "", prefix.lower()).removeprefix("lib")
    b = re.sub(r"[^a-z0-9]", "", name.lower()).removeprefix("lib")
    return bool(a and b) and a in b


def header_evidence(texts: dict[str, str], name: str) -> list[Evidence]:
    """Version defines in the project's headers (one piece of evidence per distinct value)."""
    found: dict[str, Evidence] = {}
    for path in sorted(texts, key=lambda p: (p.count("/"), p)):
        if not path.endswith((".h", ".hpp", ".hh", ".hxx")) or _skipped(path):
            continue
        for value, prefix in _header_versions(texts[path]):
            if not _related(prefix, name):
                continue
            weight = STRONG
            source = f"{path} {prefix + '_' if prefix else ''}VERSION"
            if value not in found or found[value].weight < weight:
                found[value] = Evidence(value, source, weight)
    return list(found.values())


def _header_versions(text: str) -> list[tuple[str, str]]:
    out = [(m.group(2), m.group(1)) for m in _DEFINE.finditer(text)]
    parts: list[tuple[str, str]] = []
    for key in ("MAJOR", "MINOR", ("PATCH", "RELEASE", "MICRO", "REVISION", "SUBMINOR")):
        keys = key if isinstance(key, tuple) else (key,)
        m = None
        for k in keys:
            m = re.search(_PART.format(key=k), text)
            if m:
                break
        if not m:
            break
        parts.append((m.group(2), m.group(1)))
    if len(parts) >= 2:
        out.append((".".join(p for p, _ in parts), parts[0][1]))
    return out


def file_evidence(texts: dict[str, str]) -> list[Evidence]:
    for path in ("VERSION", "version.txt", "VERSION.txt", ".version"):
        value = (texts.get(path) or "").strip()
        if re.fullmatch(r"v?\d+(\.\d+)+", value):
            return [Evidence(value.lstrip("v"), f"{path} file", STRONG)]
    return []


NEWS_HEAD_LINES = 15
_NEWS_VERSION = re.compile(r"(?<![\w.])v?(\d+\.\d+(?:\.\d+)*)(?![\w.])")


def news_evidence(texts: dict[str, str], archive_version: str) -> list[Evidence]:
    """The release notes' newest entry when it names the archive's version: it backs the archive
    against build files a release forgot to bump (wreport 3.35's NEWS.md "# New in version 3.35"
    over meson.build's and AC_INIT's 3.34); it never brings a version of its own."""
    from recipegen.generators.cxx.source import NEWS_FILES

    wanted = clean_version(archive_version)
    for path in NEWS_FILES:
        head = "\n".join((texts.get(path) or "").splitlines()[:NEWS_HEAD_LINES])
        first = _NEWS_VERSION.search(head)
        if first and first.group(1) == wanted:
            return [Evidence(wanted, f"{path}'s newest entry", STRONG)]
        if first:
            return []
    return []


def _compatible(short: str, long: str) -> bool:
    """`short` is `long` with fewer parts (1.23 of 1.23.0), or `long` without its dots (cddlib's
    archive `094m` of AC_INIT's `0.94m`)."""
    a, b = short.split("."), long.split(".")
    undotted = len(a) == 1 < len(b) and short == long.replace(".", "")
    return (len(a) < len(b) and b[: len(a)] == a) or undotted


def _release_spelling(chosen: Evidence, evidence: list[Evidence], upstream: set[str]) -> Evidence:
    """The archive name's spelling of the same version (`1.23` for a `project(VERSION 1.23.0)`):
    the recipe's version goes into the release URL, which uses the archive's; unless upstream's
    own folder inside spells it as the build files do (`upstream`: Debian's openmesh_9.0 of
    OpenMesh-9.0.0)."""
    if chosen.value in upstream:
        return chosen
    for item in evidence:
        zeros = set(chosen.value.split(".")[len(item.value.split(".")) :]) == {"0"}
        if item.weight == ARCHIVE and item.value != chosen.value and _compatible(item.value, chosen.value) and zeros:
            return Evidence(item.value, chosen.source, chosen.weight)
    return chosen


# Debian's snapshot of a release's later state: libao's 1.2.2+20180113, sord's 0.16.14+git221008,
# Ubuntu's dee 1.2.7+17.10.20170616, opengv's 1.0+1git91f4b1 (one commit on), minidjvu's 0.8.svn.2010.05.06
SNAPSHOT = re.compile(
    r"^(?P<release>\d[\w.]*?)(?:\+(?:\d{1,4}\.?){0,2}(?:(?:git|svn|hg|bzr|cvs|darcs|snapshot)[\w.]*|\d{8}[\w.]*)"
    r"|\.(?:git|svn|hg|bzr|cvs|darcs|snapshot|dev(?=\d{6}))\.?\d[\w.]*|\.r\d{2,})$",  # agg's 2.7.0.r145: an svn revision
    re.I,
)
# a snapshot of a version control system's state (not a date alone: Ubuntu's 0.9.3+16.04.20160218)
VCS_SNAPSHOT = re.compile(r"git|svn|hg|bzr|cvs|darcs|\.r\d{2,}$", re.I)


def _without_snapshot_suffix(evidence: list[Evidence]) -> list[Evidence]:
    """An archive named for a snapshot after a release the build files name (libao's AC_INIT 1.2.2
    in 1.2.2+20180113): the build files' version, which is upstream's."""
    values = {e.value for e in evidence if e.weight != ARCHIVE}
    out = []
    for item in evidence:
        m = SNAPSHOT.match(item.value) if item.weight == ARCHIVE else None
        if m and values and re.fullmatch(r"0(\.0)*", m.group("release")):
            continue  # farmhash's 0+git20190513...: no release number; the build files' version (AC_INIT 1.1.0) says
        if m and any(_development(v) == m.group("release") or _compatible(v, m.group("release")) for v in values):
            # libg15render's 1.3.0~svn316 beside AC_INIT's 1.3: the release the build files name
            item = Evidence(m.group("release"), item.source, item.weight)
        elif m and _release_key(m.group("release")) and any(_newer(v, m.group("release")) for v in values):
            continue  # oaknut's 1.2.2+git20240301...: a snapshot past the release its project(VERSION 2.0.2) names
        elif (
            m
            and VCS_SNAPSHOT.search(item.value[m.end("release") :])
            and not re.fullmatch(r"0(\.0)*", m.group("release"))
        ):
            # libusb3380's 0.0.1+git20190125.c83d1e9, nothing in the build files: upstream's release is 0.0.1,
            # the one a recipe's release URL names
            item = Evidence(m.group("release"), item.source, item.weight)
        out.append(item)
    return out


def _development(version: str) -> str:
    """A build file's development version without its marker (libncl's AC_INIT `2.1.21-dev` in a
    Debian snapshot named 2.1.21+git20210811...): the release it is written around."""
    return re.sub(r"[-.~_]?(?:dev|devel|pre|git|snapshot)\d*$", "", version, flags=re.I)


def _archive_spelling(evidence: list[Evidence]) -> list[Evidence]:
    """A build file's version numerically the archive's, written with leading zeros (hepmc3's
    `3.01.02` for 3.1.2), counts as the archive's spelling of it."""
    spelled = {_release_key(e.value): e.value for e in evidence if e.weight == ARCHIVE and _release_key(e.value)}
    out = []
    for item in evidence:
        key = _release_key(item.value)
        out.append(Evidence(spelled[key], item.source, item.weight) if key in spelled else item)
    return out


def _without_invalid_archive_version(evidence: list[Evidence]) -> tuple[list[Evidence], str]:
    """The evidence without an archive version conda cannot hold, when the build files say one
    (pocketsphinx's Debian `0.8+5prealpha+1` beside AC_INIT's 5prealpha); and that version."""
    from recipegen.recipe import conda_version_problem

    invalid = [e for e in evidence if e.weight == ARCHIVE and conda_version_problem(e.value)]
    if not invalid or not any(e.weight != ARCHIVE for e in evidence):
        return evidence, ""
    return [e for e in evidence if e not in invalid], invalid[0].value


def _newer(value: str, than: str) -> bool:
    a, b = _release_key(value), _release_key(than)
    return bool(a and b and a > b)


def _release_key(value: str) -> tuple[int, ...] | None:
    return tuple(int(p) for p in value.split(".")) if re.fullmatch(r"\d+(\.\d+){1,3}", value) else None


def _newer_release(chosen: str, evidence: list[Evidence]) -> Evidence | None:
    """The archive's version when it is a later release of the same major version than the one the
    build files name (a release whose build files were not bumped); None otherwise."""
    base = _release_key(chosen)
    for item in evidence:
        key = _release_key(item.value) if item.weight == ARCHIVE else None
        if base and key and key[0] == base[0] and key > base and not _compatible(chosen, item.value):
            return item
    return None


def decide(evidence: list[Evidence]) -> tuple[str, str, list[str]]:
    """(version, where from, notes) from the weighed evidence; VersionConflict when undecided."""
    if not evidence:
        return "", "", []
    groups: dict[str, list[Evidence]] = {}
    upstream = {clean_version(e.value) for e in evidence if e.weight == SPELLING}  # it never votes
    evidence = [Evidence(clean_version(e.value), e.source, e.weight) for e in evidence if e.weight != SPELLING]
    evidence, dropped = _without_invalid_archive_version(_archive_spelling(_without_snapshot_suffix(evidence)))
    for item in evidence:
        if not re.search(r"[1-9]", item.value):
            continue  # 0.0.0 placeholders (brotli's AC_INIT)
        groups.setdefault(item.value, []).append(item)
    scores = {key: sum(e.weight for e in items) for key, items in groups.items()}
    for short in groups:
        for long in groups:
            if _compatible(short, long):
                scores[long] += scores[short]
    ranked = sorted(scores, key=lambda k: (-scores[k], -len(k.split(".")), k))
    best = ranked[0]
    rivals = [k for k in ranked[1:] if not _compatible(k, best)]
    if rivals and scores[rivals[0]] >= scores[best]:
        listing = "; ".join(f"{k} ({', '.join(e.source for e in groups[k])})" for k in ranked)
        raise VersionConflict(f"the sources disagree on the version: {listing}; pass --version")
    chosen = max(groups[best], key=lambda e: (len(e.value.split(".")), e.weight))
    chosen = _release_spelling(chosen, evidence, upstream)
    newer = _newer_release(chosen.value, evidence)
    if newer is not None:  # osmpbf 1.5.1's and args 6.4.1's build files still say 1.5.0 and 6.3.0
        note = (
            f"version {newer.value} ({newer.source}) chosen over {chosen.value} "
            f"({', '.join(e.source for e in groups[best])}): the release's build files were not bumped; check it"
        )
        return newer.value, newer.source, [note]
    notes = [f"the archive name's {dropped} is no conda version: the build files' is used"] if dropped else []
    if rivals:
        others = "; ".join(f"{k} ({', '.join(e.source for e in groups[k])})" for k in rivals)
        backing = ", ".join(e.source for e in groups[best])
        notes.append(f"version {chosen.value} ({backing}) chosen over {others}: check it")
    return chosen.value, ", ".join(e.source for e in groups[best]), notes
