"""A persistent cache of `recipegen lint` results, one entry per recipe file (as ruff keeps one).

An entry is found by a key (sha256) of everything its findings depend on:

* recipegen: the cache format, its version, and the size and modification time of every file of
  the package (rules, data, schemas); the installed rattler-build, py-rattler, jsonschema, Jinja2,
  ruamel.yaml and PyYAML (size and modification time of their package files);
* the recipe: its path (as given and absolute) and its text (by content);
* the options: the command line's and those of the configuration files (merged), with each
  configuration file's (and the license policy's) path, size and modification time;
* the files around it that rules read: every file of the recipe folder (name, size, modification
  time; the variant files by content), the NEARBY_FILES of its three parent folders (size and
  modification time) and staged-recipes' example folders, the feedstock's `.ci_support/` and
  `.github/workflows/`, the git config that names the remotes (with --conda-forge), and the
  shellcheck on PATH. A rule that reads another file around the recipe adds it to the key.

Not cached: runs with --artifact, --fetch-sources or --online (they read packages or the network),
unusable files and internal errors. Entries are small JSON files written atomically (a temporary
file renamed into place), so concurrent runs never read half an entry; an entry that does not
read back as one is a miss and is removed. When a run adds entries to a cache holding more than
MAX_ENTRIES, the least recently used go.

Where: `$RECIPEGEN_CACHE_DIR/lint`, else `$XDG_CACHE_HOME/recipegen/lint`, else
`~/.cache/recipegen/lint` (the HTTP cache's folder, recipegen.http). `recipegen lint --no-cache`
or RECIPEGEN_NO_CACHE=1 bypasses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from recipegen.linters.rules._folder import STAGED_RECIPES_EXAMPLES

from recipegen.problems import Problem, Severity

CACHE_FORMAT = "1"
MAX_ENTRIES = 5_000  # a few KB each on disk
MAX_ENTRY_BYTES = 4_000_000
MAX_FOLDER_ENTRIES = 2_000  # a recipe folder with more (a whole source tree) is not cached
PARENT_LEVELS = 3  # rules look at the feedstock, `..`, `../..` and staged-recipes' `recipes/`
VARIANT_NAMES = ("conda_build_config.yaml", "variants.yaml")
# the files rules read in the folders above the recipe's (linters/rules/_folder.py, _variants.py,
# _forge_yml.py, linters/config.py): a rule that reads another one adds it here
NEARBY_FILES = (
    "conda-forge.yml",
    "conda_build_config.yaml",
    "conda_build_config.yml",
    "variants.yaml",
    "variants.yml",
    "recipegen.toml",
    "pyproject.toml",
    ".git",
)
DEPENDENCIES = ("rattler_build", "rattler", "jsonschema", "jinja2", "ruamel.yaml", "yaml")
NO_CACHE_VARIABLE = "RECIPEGEN_NO_CACHE"

# folder -> its state, for one run (lint_paths clears it): recipes of one tree share parents
_FOLDERS: dict[str, Any] = {}
_STATIC: dict[str, str] = {}


def default_cache_dir() -> Path | None:
    """The lint cache folder, None when RECIPEGEN_NO_CACHE is set."""
    if os.environ.get(NO_CACHE_VARIABLE, "").strip() not in ("", "0"):
        return None
    from recipegen.http import default_cache_dir as recipegen_cache_dir

    return recipegen_cache_dir() / "lint"


def new_run() -> None:
    """Forget what the previous run saw of the files (they may have changed since)."""
    _FOLDERS.clear()
    _STATIC.clear()


# --- the key -------------------------------------------------------------------------------------


def _stat(path: str | Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_size, found.st_mtime_ns


def _tree(folder: Path, limit: int = MAX_FOLDER_ENTRIES) -> list[tuple] | None:
    """(relative path, size, mtime) of every file under `folder`; None when more than `limit`."""
    found: list[tuple] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if len(found) >= limit:
                return None
            relative = os.path.relpath(entry.path, folder)
            try:
                if entry.is_dir(follow_symlinks=False):
                    found.append((relative, "dir"))
                    pending.append(Path(entry.path))
                    continue
                info = entry.stat()
            except OSError:
                continue
            if entry.name in VARIANT_NAMES and info.st_size < MAX_ENTRY_BYTES:
                found.append((relative, _digest_file(entry.path)))
            else:
                found.append((relative, info.st_size, info.st_mtime_ns))
    return sorted(found)


def _digest_file(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _listing(folder: Path) -> Any:
    """A folder's files with size and modification time (`.ci_support/`), once per run."""
    key = f"list:{folder}"
    if key not in _FOLDERS:
        found: list[tuple] = []
        try:
            for entry in os.scandir(folder):
                try:
                    info = entry.stat()
                    found.append((entry.name, entry.is_dir(), info.st_size, info.st_mtime_ns))
                except OSError:
                    found.append((entry.name, "?"))
        except OSError:
            pass
        _FOLDERS[key] = sorted(found)
    return _FOLDERS[key]


def _nearby(folder: Path) -> Any:
    """What rules read of a parent folder of the recipe, once per run: the NEARBY files (size and
    modification time), `.git`, and staged-recipes' example recipes in a `recipes` folder."""
    key = f"near:{folder}"
    if key not in _FOLDERS:
        names = NEARBY_FILES + (STAGED_RECIPES_EXAMPLES if folder.name == "recipes" else ())
        _FOLDERS[key] = [(name, _stat(folder / name)) for name in names]
    return _FOLDERS[key]


def _code_state() -> str:
    """recipegen's files and its dependencies' package files, once per run."""
    if "code" not in _STATIC:
        import importlib.util

        import recipegen.linters
        import recipegen.schemas

        import recipegen

        digest = hashlib.sha256(f"{CACHE_FORMAT} {recipegen.__version__}".encode())
        for package in (recipegen, recipegen.linters, recipegen.schemas):
            for folder in package.__path__:
                _add_files(digest, Path(folder), recursive=True)
        for name in DEPENDENCIES:
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin:
                _add_files(digest, Path(spec.origin).parent, recursive=False)
        shellcheck = shutil.which("shellcheck")
        digest.update(repr((shellcheck, shellcheck and _stat(shellcheck))).encode())
        _STATIC["code"] = digest.hexdigest()
    return _STATIC["code"]


def _add_files(digest: Any, folder: Path, recursive: bool) -> None:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f != "__pycache__") if recursive else []
        for name in sorted(files):
            if not name.endswith((".pyc", ".pyo")):
                path = os.path.join(root, name)
                digest.update(repr((path, _stat(path))).encode())


def entry_key(path: Path, text: str, options: dict[str, Any], config_files: list[Path | None]) -> str | None:
    """The key of `path`'s lint result under `options` (the merged linter options and rule
    selection, as plain data) given by `config_files` (configuration, conda-forge.yml, license
    policy); None when the result is not cached (too many files around the recipe)."""
    absolute = Path(os.path.abspath(path))
    folder = absolute.parent
    tree = _tree(folder)
    if tree is None:
        return None
    parts: list[Any] = [
        _code_state(),
        str(path),
        str(absolute),
        hashlib.sha256(text.encode(errors="replace")).hexdigest(),
    ]
    parts += [options, tree]
    parts += [(str(parent), _nearby(parent)) for parent in folder.parents[:PARENT_LEVELS]]
    for sub in (".ci_support", ".github/workflows"):  # conda-smithy's files of the feedstock
        parts.append((sub, _listing(folder.parent / sub)))
    parts += [(str(file), _stat(file)) for file in config_files if file is not None]
    if options.get("conda_forge"):
        parts.append(_git_config_state(folder))
    material = json.dumps(parts, default=str, separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8", errors="replace")).hexdigest()


def _git_config_state(folder: Path) -> Any:
    """The git config naming the remotes (feedstock-name-mismatch reads it), once per folder."""
    key = f"git:{folder}"
    if key not in _FOLDERS:
        from recipegen.linters.rules._git import config_file, git_dir

        found = git_dir(folder)
        config = config_file(found) if found is not None else None
        _FOLDERS[key] = (str(config), _stat(config)) if config is not None else None
    return _FOLDERS[key]


# --- reading and writing entries ----------------------------------------------------------------


def _entry_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"v{CACHE_FORMAT}" / key[:2] / f"{key}.json"


def load(cache_dir: Path, key: str) -> tuple[list[Problem], dict[Problem, str]] | None:
    """The problems (and their subjects) stored under `key`; None when there is no usable entry
    (an unreadable one is removed)."""
    path = _entry_path(cache_dir, key)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        data = json.loads(raw)
        if data.get("key") != key:
            raise ValueError("another key")
        problems = [_problem(item) for item in data["problems"]]
        subjects = {problems[index]: str(subject) for index, subject in data["subjects"]}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        _remove(path)
        return None
    try:
        os.utime(path)  # recently used: pruned last
    except OSError:
        pass
    return problems, subjects


def _problem(item: dict[str, Any]) -> Problem:
    fields = dict(item)
    fields["severity"] = Severity(fields["severity"])
    fields["equivalent"] = tuple(str(e) for e in fields["equivalent"])
    problem = Problem(**fields)
    if not isinstance(problem.line, int) or not isinstance(problem.file, str):
        raise TypeError("not a problem")
    return problem


def store(cache_dir: Path, key: str, problems: list[Problem], subjects: dict[Problem, str]) -> None:
    """Write the entry atomically; a cache that cannot be written is no cache (nothing raised)."""
    index = {problem: number for number, problem in enumerate(problems)}
    entry = {
        "key": key,
        "problems": [{**asdict(p), "severity": p.severity.value, "equivalent": list(p.equivalent)} for p in problems],
        "subjects": [[index[p], subject] for p, subject in subjects.items() if p in index],
    }
    text = json.dumps(entry, ensure_ascii=True, separators=(",", ":"))
    if len(text) > MAX_ENTRY_BYTES:
        return
    path = _entry_path(cache_dir, key)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="ascii") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            _remove(Path(temporary))


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def prune(cache_dir: Path, limit: int = MAX_ENTRIES) -> int:
    """Remove the least recently used entries beyond `limit` (and stale temporary files); the
    number removed."""
    entries: list[tuple[int, str]] = []
    root = cache_dir / f"v{CACHE_FORMAT}"
    try:
        buckets = list(os.scandir(root))
    except OSError:
        return 0
    for bucket in buckets:
        try:
            for entry in os.scandir(bucket.path):
                entries.append((entry.stat().st_mtime_ns, entry.path))
        except OSError:
            continue
    if len(entries) <= limit:
        return 0
    entries.sort()
    doomed = entries[: len(entries) - limit * 9 // 10]  # room for the next runs
    for _, path in doomed:
        _remove(Path(path))
    return len(doomed)
