"""Schema validation of the conda ecosystem's files, with positions and precise messages.

The entry point callers use; the steps live in `recipegen.validation` (load → check →
messages, as check-jsonschema splits them) and the output in `recipegen.reporters`.

    validate_file(path, kind=None)       a file or a .conda/.tar.bz2 package, kind from its name
    validate_text(text, filename, kind)  YAML or JSON text
    validate_document(data, filename, text=None, kind=None)  a parsed round-trip YAML document

`kind` is a schema name (`recipegen schema --list`); without it the file name decides
(`recipegen.validation.kinds`), and a name no kind claims is validated as a v1 recipe here (the
CLI refuses such a file instead of guessing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recipegen.problems import Problem
from recipegen.validation.kinds import Kind, is_archive, kind_for_path, kind_named
from recipegen.validation.schemas import available_schemas, load_schema, schema_path

__all__ = [
    "RULE_ID",
    "available_schemas",
    "load_schema",
    "resolve_kind",
    "schema_name_for",
    "schema_path",
    "validate_document",
    "validate_file",
    "validate_text",
]

RULE_ID = "schema"
DEFAULT_KIND = "recipe-v1"
EMPTY_RECIPE = "empty document: expected a mapping of recipe keys (package or recipe/outputs, source, build, ...)"


def resolve_kind(filename: str, kind: str | Kind | None = None) -> Kind:
    """The kind named `kind`, else the kind of `filename`, else a v1 recipe."""
    if isinstance(kind, Kind):
        return kind
    found = kind_named(kind) if kind else kind_for_path(filename)
    if found is None and kind:
        raise KeyError(kind)
    return found or kind_named(DEFAULT_KIND)  # type: ignore[return-value]


def schema_name_for(filename: str) -> str:
    """The schema a file of this name is validated against (`recipe-v1` for unknown names)."""
    return resolve_kind(filename).name


def validate_document(
    data: Any, filename: str, text: str | None = None, kind: str | Kind | None = None
) -> list[Problem]:
    """Validate a round-trip YAML document (from `recipegen.yamlio.parse_yaml`). With the
    document's `text`, numbers are quoted in messages as the file writes them."""
    from recipegen.validation.load import Document
    from recipegen.validation.positions import YamlPositions

    found = resolve_kind(filename, kind)
    return check(Document(filename, found, data, text or "", YamlPositions(data, text)))


def validate_text(text: str, filename: str, kind: str | Kind | None = None) -> list[Problem]:
    """Parse and validate YAML or JSON text. Raises InputError when the text is unusable."""
    from recipegen.validation.load import load_text

    return check_all(load_text(text, filename, resolve_kind(filename, kind)))


def validate_file(path: str | Path, kind: str | Kind | None = None) -> list[Problem]:
    """Read, parse and validate a file, or the metadata of a `.conda` / `.tar.bz2` package.
    Raises InputError for a missing, binary, oversized or unparsable file."""
    from recipegen.validation.load import load_artifact, load_text, read_file_text

    name = str(path)
    if is_archive(name):  # a package whatever kind was asked for: its members have theirs
        documents, problems = load_artifact(name)
        return sorted([*problems, *check_all(documents)], key=_order)
    found = resolve_kind(name, kind)
    return check_all(load_text(read_file_text(path, found), name, found))


def check_all(documents: list) -> list[Problem]:
    """The problems of several documents (a file read once per selector group), each once."""
    problems: dict[tuple, Problem] = {}
    for document in documents:
        for problem in check(document):
            problems.setdefault((problem.file, problem.line, problem.column, problem.message), problem)
    return sorted(problems.values(), key=_order)


def check(document: Any) -> list[Problem]:
    """The problems of one loaded document, sorted by position."""
    from recipegen.validation.check import errors

    if document.data is None and document.kind.name == DEFAULT_KIND:
        return [Problem(document.filename, 1, 1, EMPTY_RECIPE, rule_id=RULE_ID, end_line=1, end_column=2)]
    leaves = errors(document.data, document.kind.name)
    if not leaves:
        return []
    from recipegen.validation.messages import Formatter  # wording and positions: only for problems

    schema = load_schema(document.kind.name)
    formatter = Formatter(document.data, document.filename, schema, document.positions)
    problems: dict[tuple, Problem] = {}
    for leaf in leaves:
        for problem in formatter.problems(leaf):
            problems.setdefault((problem.line, problem.column, problem.message), problem)
    return sorted(problems.values(), key=_order)


def _order(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.column, problem.message)
