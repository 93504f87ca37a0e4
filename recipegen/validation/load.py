"""Loading: a file (or a conda package's metadata members) into documents with positions.

YAML goes through `recipegen.yamlio.parse_yaml` (libyaml fast path, round-trip containers with
positions, duplicate keys and alias bombs refused); JSON through `json.loads`, with positions
found by scanning the text only when a problem needs one. A `.conda` or `.tar.bz2` artifact is
read in memory with the limits of `recipegen.archives`: every `info/*.json` member with a
schema and `info/recipe/rendered_recipe.yaml` become documents named `ARTIFACT!info/...`.
Anything that cannot be read is an `InputError` (one line, exit 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recipegen.problems import InputError, Problem
from recipegen.validation.kinds import Kind, kind_for_path
from recipegen.validation.positions import JsonTextPositions, Positions, YamlPositions

REQUIRED_MEMBERS = ("info/index.json", "info/paths.json")  # CEP 34


@dataclass
class Document:
    filename: str  # as problems name it (`pkg.conda!info/index.json` for an artifact's member)
    kind: Kind
    data: Any
    text: str
    positions: Positions


def read_file_text(path: str | Path, kind: Kind) -> str:
    """The text of a file, within the kind's size limit (`recipegen.yamlio.read_text`'s checks)."""
    from recipegen.yamlio import read_text

    try:
        return read_text(path, max_bytes=kind.max_bytes)
    except InputError as exc:  # yamlio speaks of YAML recipes: say what was expected of this kind
        if "more than the" in exc.message:
            size = exc.message.split()[2]
            raise InputError(
                exc.file, f"file is {size} bytes, more than the {kind.max_bytes} read for {kind.name}"
            ) from None
        raise InputError(exc.file, exc.message.replace("YAML", kind.syntax.upper()), exc.line, exc.column) from None


def load_text(text: str, filename: str, kind: Kind) -> list[Document]:
    """The documents of one file's text: one, or one per selector group of a
    conda_build_config.yaml that repeats keys under `# [selector]` comments."""
    if kind.syntax == "json":
        data = parse_json(text, filename)
        return [Document(filename, kind, data, text, JsonTextPositions(text))]
    from recipegen.yamlio import parse_yaml

    try:
        data = parse_yaml(
            text, filename, keep_comments=False, timestamps_as_text=kind.name != "recipe-v1", max_nodes=kind.max_nodes
        )
    except InputError as exc:
        passes = selector_passes(text) if _may_select_duplicates(filename, kind, exc) else None
        if not passes:
            raise
        return [_yaml_document(each, filename, kind, positions_text=text) for each in passes]
    return [Document(filename, kind, data, text, YamlPositions(data, text))]


def _yaml_document(text: str, filename: str, kind: Kind, positions_text: str) -> Document:
    from recipegen.yamlio import parse_yaml

    data = parse_yaml(text, filename, keep_comments=False, timestamps_as_text=True, max_nodes=kind.max_nodes)
    return Document(filename, kind, data, positions_text, YamlPositions(data, positions_text))


def parse_json(text: str, filename: str) -> Any:
    """JSON text to data (an empty text is an empty document); errors as one-line InputErrors."""
    import json

    if not text.strip():
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(filename, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise InputError(filename, "invalid JSON: nesting too deep") from None
    except ValueError as exc:  # int() of a number of more than 4,300 digits
        from recipegen.yamlio import long_number_position

        line, column = long_number_position(text)
        detail = "an integer with more than 4300 digits" if "digits" in str(exc) else " ".join(str(exc).split())[:120]
        raise InputError(filename, f"invalid JSON: {detail}", line, column) from None


# ---------------------------------------------------------------------------- selectors

_TOP_LEVEL_KEY = re.compile(r"([A-Za-z_][\w.\-]*)\s*:(?:\s|$)")
_SELECTOR = re.compile(r"#\s*\[[^\]]*\]")


def _may_select_duplicates(filename: str, kind: Kind, error: InputError) -> bool:
    return (
        kind.name == "variants"
        and Path(filename).name.startswith("conda_build_config.")
        and "duplicate key" in error.message
    )


def selector_passes(text: str) -> list[str] | None:
    """A conda_build_config.yaml that repeats top-level keys, each occurrence under a
    `# [selector]` comment (valid for conda-build, which applies selectors before reading YAML):
    one text per occurrence number, the other occurrences' lines blanked (line numbers kept), so
    every occurrence is checked. None when a repeated key has an occurrence without a selector
    (that file is invalid YAML for conda-build too)."""
    lines = text.splitlines()
    blocks: dict[str, list[tuple[int, int]]] = {}
    starts = [i for i, line in enumerate(lines) if _TOP_LEVEL_KEY.match(line)]
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        key = _TOP_LEVEL_KEY.match(lines[start]).group(1)  # type: ignore[union-attr]
        blocks.setdefault(key, []).append((start, end))
    repeated = {key: spans for key, spans in blocks.items() if len(spans) > 1}
    if not repeated or any(not _SELECTOR.search(lines[start]) for spans in repeated.values() for start, _ in spans):
        return None
    passes = []
    for number in range(max(len(spans) for spans in repeated.values())):
        kept = list(lines)
        for spans in repeated.values():
            keep = min(number, len(spans) - 1)
            for index, (start, end) in enumerate(spans):
                if index != keep:
                    kept[start:end] = [""] * (end - start)
        passes.append("\n".join(kept) + "\n")
    return passes


# ---------------------------------------------------------------------------- artifacts


def is_artifact_member(name: str) -> bool:
    """The members of a package validated in place: `info/*.json` and the rendered recipe (and
    `info/files`, whose presence tells an old package)."""
    parts = name.split("/")
    return (len(parts) == 2 and parts[0] == "info" and name.endswith(".json")) or name in (
        "info/recipe/rendered_recipe.yaml",
        OLD_FILE_LIST,
    )


# conda-build wrote `info/paths.json` from 2017 (conda 4.3); older packages list their files in
# `info/files`, and conda still installs them from it: such a package is not missing paths.json
OLD_FILE_LIST = "info/files"


def load_artifact(path: str) -> tuple[list[Document], list[Problem]]:
    """The documents of a `.conda` / `.tar.bz2` package's metadata, read in memory, and the
    problems of the package as a whole (a required member missing)."""
    members = artifact_members(path)
    documents = []
    for name, raw in sorted(members.items()):
        kind = kind_for_path(name)
        if kind is None:
            continue
        label = f"{path}!{name}"
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(label, f"not UTF-8 text (byte {exc.start})") from None
        documents.extend(load_text(text, label, kind))
    required = [n for n in REQUIRED_MEMBERS if not (n == "info/paths.json" and OLD_FILE_LIST in members)]
    missing = [
        Problem(path, 1, 1, f"not a conda package: {name} is missing (CEP 34 requires it)", end_line=1, end_column=2)
        for name in required
        if name not in members
    ]
    return documents, missing


def artifact_members(path: str) -> dict[str, bytes]:
    """The metadata members of a package (`info-*.tar.zst` inside a `.conda`, `info/` of a
    `.tar.bz2`), with the archive limits; ArchiveError becomes InputError."""
    from recipegen.archives import ArchiveError, Limits, read_members
    from recipegen.validation.kinds import JSON_MAX_BYTES

    _check_magic(path)
    limits = Limits(member_bytes=JSON_MAX_BYTES)
    try:
        if path.endswith(".conda"):
            outer = read_members(path, _startswith("info-"), label=path)
            found: dict[str, bytes] = {}
            for name, data in outer.items():
                found.update(read_members(data, is_artifact_member, limits=limits, label=f"{path}!{name}"))
            return found
        return read_members(path, is_artifact_member, limits=limits, label=path)
    except ArchiveError as exc:
        message = str(exc)
        raise InputError(path, message.split(": ", 1)[1] if message.startswith(path) else message) from None


# what a package file starts with: a `.conda` is a zip, a `.tar.bz2` a bzip2 stream (CEP 34)
PACKAGE_MAGIC = {".conda": (b"PK\x03\x04", "a zip archive"), ".tar.bz2": (b"BZh", "a bzip2-compressed tar archive")}


def _check_magic(path: str) -> None:
    """A file named like a package that is not an archive of that kind at all: InputError (libarchive
    reads a few bytes of anything as an empty archive)."""
    suffix = ".conda" if path.endswith(".conda") else ".tar.bz2"
    magic, what = PACKAGE_MAGIC[suffix]
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(magic))
    except OSError as exc:
        raise InputError(path, f"cannot read archive ({exc.strerror or exc})") from None
    if head != magic:
        found = "an empty file" if not head else f"not {what}"
        raise InputError(path, f"cannot read archive ({found})")


def _startswith(prefix: str) -> Callable[[str], bool]:
    return lambda name: name.startswith(prefix)
