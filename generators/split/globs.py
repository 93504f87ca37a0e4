"""Glob patterns for `build.files`: derive compact ones from file lists, match them, check a partition.

rattler-build matches `build.files` with globset; whether `*` may cross `/` depends on how
the matcher is built, so every check here runs under both readings and generated globs are
only kept when they select the same files either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import PurePosixPath

_META = re.compile(r"([*?\[\]{}])")


def escape(path: str) -> str:
    """A glob that matches exactly `path` (metacharacters wrapped in a class)."""
    return _META.sub(lambda m: f"[{m.group(1)}]", path)


@lru_cache(maxsize=4096)
def _regex(glob: str, star_crosses_slash: bool) -> re.Pattern:
    out, i = [], 0
    star = ".*" if star_crosses_slash else "[^/]*"
    while i < len(glob):
        ch = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append(star)
        elif ch == "?":
            out.append("." if star_crosses_slash else "[^/]")
        elif ch == "[":
            close = glob.find("]", i + 2)
            if close == -1:
                out.append(re.escape(ch))
            else:
                body = glob[i + 1 : close]
                negate = body.startswith("!")
                body = (body[1:] if negate else body).replace("\\", "\\\\").replace("[", "\\[")
                out.append("[" + ("^" if negate else "") + body + "]")
                i = close + 1
                continue
        elif ch == "{":
            close = glob.find("}", i)
            if close == -1:
                out.append(re.escape(ch))
            else:
                alternatives = glob[i + 1 : close].split(",")
                out.append("(?:" + "|".join(re.escape(a) for a in alternatives) + ")")
                i = close + 1
                continue
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z")


def matches(glob: str, path: str, star_crosses_slash: bool = False) -> bool:
    return _regex(glob, star_crosses_slash).match(path) is not None


@lru_cache(maxsize=1024)
def _any_regex(globs: tuple[str, ...], star_crosses_slash: bool) -> re.Pattern:
    """One pattern matching a path selected by any of `globs` (one regex run per path)."""
    if not globs:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{_regex(g, star_crosses_slash).pattern})" for g in globs))


def selected(globs: Iterable[str], paths: Iterable[str], star_crosses_slash: bool = False) -> set[str]:
    pattern = _any_regex(tuple(globs), star_crosses_slash)
    return {p for p in paths if pattern.match(p)}


def file_pattern(path: str) -> str:
    """The natural glob for one file: versioned shared objects by stem, otherwise the path."""
    p = PurePosixPath(path)
    folder = "" if str(p.parent) == "." else str(p.parent) + "/"
    so = re.match(r"^(.+?)\.so\.\d+(?:\.\d+)*$", p.name)
    if so:
        return escape(folder + so.group(1)) + ".so.*"
    dylib = re.match(r"^([^.]+?)\.\d+(?:\.\d+)*\.dylib$", p.name)
    if dylib:
        return escape(folder + dylib.group(1)) + ".*.dylib"
    return escape(path)


# Folders that are never collapsed into `folder/**` (too broad to read as one output's).
_NEVER_COLLAPSE = {
    "",
    "lib",
    "lib64",
    "bin",
    "share",
    "etc",
    "Library",
    "Library/lib",
    "Library/bin",
    "Library/share",
    "Library/etc",
    "sbin",
    "libexec",
    "Scripts",
}


def _parents(path: str) -> list[str]:
    """'a/b/c' -> ['a/b', 'a'] (nearest first; no '.')."""
    out = []
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        out.append(path)
    return out


def compact_globs(mine: Iterable[str], everything: Iterable[str]) -> list[str]:
    """Few globs that select exactly `mine` out of `everything` (under both glob readings)."""
    mine_set = set(mine)
    all_paths = set(everything)
    others = all_paths - mine_set
    owned_dirs: set[str] = set()
    dirs_of_others = {parent for p in others for parent in _parents(p)}
    for path in mine_set:
        for folder in _parents(path):
            if folder in dirs_of_others:
                break
            owned_dirs.add(folder)
    # Keep the outermost owned folders that are allowed to collapse.
    collapsed = sorted(
        d
        for d in owned_dirs
        if d not in _NEVER_COLLAPSE and not any(a in owned_dirs and a not in _NEVER_COLLAPSE for a in _parents(d))
    )
    globs: list[str] = [escape(d) + "/**" for d in collapsed]
    covered = selected(globs, mine_set)
    for path in sorted(mine_set - covered):
        pattern = file_pattern(path)
        if pattern not in globs:
            globs.append(pattern)
    # Replace any glob that reaches files of other outputs by the exact paths it was meant for.
    result: list[str] = []
    for glob in globs:
        if not _META.search(glob.replace("[[]", "").replace("[]]", "")) and "[" not in glob:
            result.append(glob)  # an exact path selects only itself
            continue
        if selected([glob], others) or selected([glob], others, True):
            result += [escape(p) for p in sorted(selected([glob], mine_set) | selected([glob], mine_set, True))]
        else:
            result.append(glob)
    return sorted(dict.fromkeys(result), key=lambda g: (g.count("/"), g))


def partition_problems(
    paths: Iterable[str], outputs: Mapping[str, list[str]], omitted: Iterable[str] = ()
) -> list[str]:
    """Why the outputs' globs do not partition `paths` (empty when they do).

    Every path must be selected by exactly one output, except `omitted` paths, which no
    output may select. Checked with `*` stopping at `/` and with `*` crossing it.
    """
    omitted_set = set(omitted)
    problems: list[str] = []
    for crosses in (False, True):
        patterns = {name: _any_regex(tuple(globs), crosses) for name, globs in outputs.items()}
        for path in sorted(set(paths)):
            owners = [name for name, pattern in patterns.items() if pattern.match(path)]
            if path in omitted_set and owners:
                problems.append(f"{path}: left out, but selected by {', '.join(owners)}")
            elif path not in omitted_set and len(owners) != 1:
                problems.append(f"{path}: selected by {len(owners)} outputs ({', '.join(owners) or 'none'})")
        if problems:
            break
    return problems
