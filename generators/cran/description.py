"""R's DCF format (DESCRIPTION files, PACKAGES indexes) and the dependency fields in it.

DCF ("Debian control file") as R writes it: `Field: value` lines, continuation lines start
with whitespace, records are separated by blank lines. Dependency fields (`Depends`,
`Imports`, `LinkingTo`, `Suggests`) are comma-separated `name (op version)` items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FIELD = re.compile(r"^(?P<key>[^\s:][^:]*?):(?P<value>.*)$")
_DEPENDENCY = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9.]*)\s*(?:\((?P<spec>[^()]*)\))?$")
_CONSTRAINT = re.compile(r"^(?P<op>>=|<=|==|!=|>|<)\s*(?P<version>[0-9]+(?:[.-][0-9]+)*)$")
DEPENDENCY_FIELDS = ("Depends", "Imports", "LinkingTo", "Suggests", "Enhances")


class DescriptionError(Exception):
    """A DESCRIPTION or PACKAGES text that cannot be read; the message is one line."""


def decode_dcf(data: bytes) -> str:
    """DESCRIPTION bytes as text: UTF-8, or Latin-1 when the file says `Encoding: latin1`."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        head = data.decode("latin-1")
        if re.search(r"^Encoding:\s*(latin1|latin-1|ISO-8859-1)\s*$", head, re.M | re.I):
            return head
        raise DescriptionError("is not UTF-8 and declares no Latin-1 `Encoding:`") from None


def parse_dcf(text: str) -> list[dict[str, str]]:
    """Every record of a DCF text as {field: value}; continuation lines are joined with '\\n'."""
    records: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            if current:
                records.append(current)
            current, key = {}, ""
            continue
        if line[0] in " \t":
            if not key:
                raise DescriptionError(f"line {number}: continuation line before any field")
            current[key] += "\n" + line.strip()
            continue
        match = _FIELD.match(line)
        if not match:
            raise DescriptionError(f"line {number}: expected 'Field: value', got {line[:60]!r}")
        key = match["key"].strip()
        if key in current:
            raise DescriptionError(f"line {number}: field {key!r} appears twice")
        current[key] = match["value"].strip()
    if current:
        records.append(current)
    return records


def collapse(text: str) -> str:
    """Whitespace runs (including line breaks) to one space, as R prints Title/Description."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Dependency:
    name: str
    constraints: tuple[tuple[str, str], ...] = ()  # (operator, R version), e.g. (">=", "1.2-3")


def parse_dependencies(value: str, field_name: str) -> list[Dependency]:
    """`Imports:` style text → dependencies in order; the same name twice is merged."""
    merged: dict[str, list[tuple[str, str]]] = {}
    for raw in value.split(","):
        item = collapse(raw)
        if not item:
            continue
        match = _DEPENDENCY.match(item)
        if not match:
            raise DescriptionError(f"field {field_name}: cannot read dependency {item!r}")
        constraints = merged.setdefault(match["name"], [])
        if match["spec"] is not None:
            for part in match["spec"].split(","):
                constraint = _CONSTRAINT.match(collapse(part))
                if not constraint:
                    raise DescriptionError(
                        f"field {field_name}: cannot read version constraint {match['spec']!r} of {match['name']}"
                    )
                pair = (constraint["op"], constraint["version"])
                if pair not in constraints:
                    constraints.append(pair)
    return [Dependency(name, tuple(pairs)) for name, pairs in merged.items()]


@dataclass
class Description:
    """A package's DESCRIPTION (or its PACKAGES index record)."""

    fields: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        return self.fields.get(key, default)

    @property
    def package(self) -> str:
        return self.get("Package")

    @property
    def version(self) -> str:
        return self.get("Version")

    @property
    def title(self) -> str:
        return collapse(self.get("Title"))

    @property
    def text(self) -> str:
        return collapse(self.get("Description"))

    @property
    def license(self) -> str:
        return collapse(self.get("License"))

    @property
    def needs_compilation(self) -> bool | None:
        value = self.get("NeedsCompilation").strip().lower()
        return {"yes": True, "no": False}.get(value)

    @property
    def system_requirements(self) -> str:
        return self.get("SystemRequirements")

    @property
    def urls(self) -> list[str]:
        return [u.rstrip(",") for u in re.split(r"[\s,]+", self.get("URL")) if u.startswith(("http://", "https://"))]

    @property
    def bug_reports(self) -> str:
        value = self.get("BugReports").strip()
        return value if value.startswith(("http://", "https://")) else ""

    def dependencies(self, field_name: str) -> list[Dependency]:
        return parse_dependencies(self.get(field_name), field_name)


def parse_description(data: bytes | str) -> Description:
    """One DESCRIPTION file; checks the fields a recipe cannot do without."""
    text = decode_dcf(data) if isinstance(data, bytes) else data
    records = parse_dcf(text)
    if len(records) != 1:
        raise DescriptionError(f"expected one record, found {len(records)}")
    description = Description(records[0])
    for required in ("Package", "Version", "License"):
        if not description.get(required).strip():
            raise DescriptionError(f"field {required} is missing or empty")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]", description.package):
        raise DescriptionError(f"field Package: {description.package!r} is not a valid R package name")
    if not re.fullmatch(r"[0-9]+(?:[.-][0-9]+)+", description.version):
        raise DescriptionError(f"field Version: {description.version!r} is not a valid R package version")
    for name in DEPENDENCY_FIELDS:
        description.dependencies(name)  # raises on unreadable dependency fields
    return description
