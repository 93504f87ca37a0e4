"""Which kind of file a path is, from its name and place, as editors decide it.

The kinds and their file patterns are the shipped catalog (`schemas/catalog.json`, SchemaStore's
format), so `recipegen validate` and an editor agree on every file. Patterns follow VS Code's
`fileMatch`: a pattern without `/` matches the file name, `**/info/index.json` matches that file
under an `info/` folder at any depth, a leading `!` excludes, and the last pattern that matches
decides. A file no pattern matches is no kind: the command says so instead of guessing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from recipegen.validation.schemas import SUFFIX, load_catalog

ARCHIVE_SUFFIXES = (".conda", ".tar.bz2")
JSON_MAX_BYTES = 32 * 1024 * 1024  # a self-hosted channel's repodata, a big package's paths.json
YAML_MAX_BYTES = 2 * 1024 * 1024  # recipegen.yamlio's limit for YAML text
LOCK_MAX_BYTES = 4 * 1024 * 1024  # a lockfile of several platforms (~10,000 packages; reading 4 MiB: ~300 MB)
LOCK_MAX_NODES = 250_000  # what 4 MiB of lockfile holds (about 40 nodes a KiB; the real ones: 5,000-15,000)


ALIASES = {"recipe": "recipe-v1", "v1": "recipe-v1", "variant": "variants"}


@dataclass(frozen=True)
class Kind:
    name: str  # the schema's name: `recipegen schema NAME`, `--kind NAME`
    title: str  # the catalog entry's name (shown by `recipegen schema --list`)
    patterns: tuple[str, ...]

    @property
    def syntax(self) -> str:
        return "json" if any(p.endswith(".json") for p in self.patterns) else "yaml"

    @property
    def max_bytes(self) -> int:
        if self.syntax == "json":
            return JSON_MAX_BYTES
        return LOCK_MAX_BYTES if self.name == "conda-lock" else YAML_MAX_BYTES

    @property
    def max_nodes(self) -> int:
        from recipegen.yamlio import MAX_EXPANDED_NODES

        return LOCK_MAX_NODES if self.name == "conda-lock" else MAX_EXPANDED_NODES

    def matches(self, path: str) -> bool:
        return matches(self.patterns, path)


@functools.cache
def all_kinds() -> tuple[Kind, ...]:
    """Every kind of the catalog, in its order."""
    kinds = []
    for entry in load_catalog()["schemas"]:
        name = entry["url"].rsplit("/", 1)[-1][: -len(SUFFIX)]
        kinds.append(Kind(name, entry["name"], tuple(entry["fileMatch"])))
    return tuple(kinds)


def kind_named(name: str) -> Kind | None:
    """The kind called `name`, or the kind of a file called `name` (`conda-forge.yml`, `info/index.json`)."""
    wanted = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    wanted = ALIASES.get(wanted, wanted)
    for kind in all_kinds():
        if kind.name == wanted:
            return kind
    return kind_for_path(name)


def kind_for_path(path: str) -> Kind | None:
    """The kind of the file at `path` from its name and folders, or None when no kind's patterns
    match (then the caller must be told, not guessed for)."""
    posix = str(path).replace("\\", "/")
    for kind in all_kinds():
        if kind.matches(posix):
            return kind
    return None


def is_archive(path: str) -> bool:
    return str(path).endswith(ARCHIVE_SUFFIXES)


def matches(patterns: tuple[str, ...], path: str) -> bool:
    """VS Code's rule: at least one pattern matches and the last one that does is no exclusion."""
    verdict = False
    for pattern in patterns:
        excluded = pattern.startswith("!")
        if _matches(pattern[1:] if excluded else pattern, path):
            verdict = not excluded
    return verdict


def _matches(pattern: str, path: str) -> bool:
    parts = PurePosixPath(path).parts
    wanted = pattern.split("/")
    if wanted[0] == "**":
        wanted = wanted[1:]
    elif len(wanted) > 1:
        return len(parts) == len(wanted) and all(fnmatchcase(p, w) for p, w in zip(parts, wanted))
    if len(parts) < len(wanted):
        return False
    return all(fnmatchcase(p, w) for p, w in zip(parts[-len(wanted) :], wanted))


def suggested_kind(path: str) -> str:
    """A hint for a file of no known kind: the kind whose file names its name is closest to, or
    for a JSON file inside a package's `info/` that no schema covers, that."""
    import difflib

    pure = PurePosixPath(str(path).replace("\\", "/"))
    syntax = "json" if pure.name.endswith(".json") else "yaml"
    if "info" in pure.parts[:-1] and syntax == "json":
        return f"`info/{pure.name}` is a package file no schema covers (`recipegen schema --list` shows those that are)"
    names: dict[str, Kind] = {}
    for kind in all_kinds():
        if kind.syntax == syntax:
            for pattern in kind.patterns:
                name = pattern.rsplit("/", 1)[-1]
                if not pattern.startswith("!") and "*" not in name:
                    names.setdefault(name, kind)
    close = difflib.get_close_matches(pure.name, list(names), n=1, cutoff=0.75)
    if close:
        return f"name its kind with --kind (e.g. --kind {names[close[0]].name}, whose files are named like {close[0]})"
    if syntax == "yaml":
        return "name its kind with --kind (e.g. --kind environment)"
    return "name its kind with --kind (`recipegen schema --list` shows the kinds)"
