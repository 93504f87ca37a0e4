"""PEP 508 requirements → conda dependencies (name mapping, conda version syntax, markers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from recipegen.generators.pypi.markers import Applies, evaluate
from recipegen.generators.pypi.names import NameMapper

_ORDER = {">=": 0, ">": 0, "<": 1, "<=": 1, "==": 2, "===": 2, "!=": 3, "~=": 0}


@dataclass
class Dependency:
    pypi: str  # canonical PyPI name
    conda: str
    spec: str = ""  # conda version constraint ("" = any)
    applies: Applies = field(default_factory=lambda: Applies(always=True))
    marker: str = ""  # the upstream marker (without extra == ...), for comments
    extras: tuple[str, ...] = ()  # extras requested on the dependency (`foo[bar]`)
    map_source: str = ""  # where a non-identity name came from
    per_python: bool = False  # merged from constraints that differ per Python: `marker` lists them

    def matchspec(self) -> str:
        return f"{self.conda} {self.spec}" if self.spec else self.conda


def _bump(release: tuple[int, ...], index: int) -> str:
    parts = list(release[: index + 1])
    parts[index] += 1
    return ".".join(str(p) for p in parts)


def conda_constraint(specifier: SpecifierSet | str) -> str:
    """A PEP 440 specifier set in conda syntax: `>=1.2,<2`, `~=1.4.2` → `>=1.4.2,<1.5`, `==2.*` → `2.*`."""
    specs = SpecifierSet(str(specifier)) if not isinstance(specifier, SpecifierSet) else specifier
    items: list[tuple[int, str]] = []
    for spec in specs:
        op, version = spec.operator, spec.version
        if op == "~=":
            from packaging.version import Version

            release = Version(version).release
            upper = _bump(release, max(0, len(release) - 2))
            items += [(0, f">={version}"), (1, f"<{upper}")]
        elif op == "===":
            items.append((2, f"=={version}"))
        elif op == "==" and version.endswith(".*"):
            items.append((2, version))
        else:
            items.append((_ORDER.get(op, 4), f"{op}{version}"))
    items.sort(key=lambda item: item[0])
    return ",".join(text for _, text in dict.fromkeys(items))


def parse_requirement(text: str, label: str = "") -> Requirement | None:
    try:
        return Requirement(text)
    except InvalidRequirement:
        return None


def strip_extra_marker(marker: Marker | None) -> str:
    """The marker text without its `extra == "..."` clauses (for comments)."""
    if marker is None:
        return ""
    text = str(marker)
    import re

    text = re.sub(r'\s*(and|or)\s+extra\s*==\s*["\'][^"\']*["\']', "", text)
    text = re.sub(r'extra\s*==\s*["\'][^"\']*["\']\s*(and|or)\s*', "", text)
    text = re.sub(r'^\(?\s*extra\s*==\s*["\'][^"\']*["\']\s*\)?$', "", text.strip())
    return text.strip()


def extras_of(requirement: Requirement, provided: list[str]) -> list[str]:
    """Which extras a requirement belongs to ([] = the base requirements)."""
    if requirement.marker is None or "extra" not in str(requirement.marker):
        return []
    base = _safe_eval(requirement.marker, "")
    if base:
        return []
    return [e for e in provided if _safe_eval(requirement.marker, e)]


def _safe_eval(marker: Marker, extra: str) -> bool:
    """True when the marker holds for `extra` on at least one common environment."""
    from recipegen.generators.pypi.markers import PLATFORMS, _environment

    for python in ("3.10", "3.12", "3.14"):
        for _, _, _, env in PLATFORMS:
            try:
                if marker.evaluate(_environment(python, env, extra)):
                    return True
            except Exception:
                continue
    return False


def to_dependency(requirement: Requirement, mapper: NameMapper, pythons: list[str], extra: str = "") -> Dependency:
    mapped = mapper.map(requirement.name)
    spec = conda_constraint(requirement.specifier) if requirement.specifier else ""
    if spec and not is_valid_matchspec(f"{mapped.conda} {spec}"):
        spec = ""  # conda cannot express it (e.g. arbitrary `===` strings): keep the name only
    return Dependency(
        pypi=canonicalize_name(requirement.name),
        conda=mapped.conda,
        spec=spec,
        applies=evaluate(requirement.marker, pythons, extra),
        marker=strip_extra_marker(requirement.marker),
        extras=tuple(sorted(requirement.extras)),
        map_source=mapped.source,
    )


def python_constraint(requires_python: str) -> tuple[str, str]:
    """(floor "3.x" or "", upper-bound conda constraint or "") from Requires-Python."""
    floor, upper = "", []
    try:
        specs = SpecifierSet(requires_python or "")
    except Exception:
        return "", ""
    for spec in specs:
        version = spec.version.rstrip(".*")
        parts = version.split(".")
        if spec.operator in (">=", "~=", "==") and len(parts) >= 2 and parts[0] == "3":
            candidate = f"3.{parts[1]}"
            floor = max(floor, candidate, key=_minor) if floor else candidate
        elif spec.operator == ">" and len(parts) >= 2 and parts[0] == "3":
            minor = int(parts[1]) + (1 if len(parts) == 2 else 0)
            candidate = f"3.{minor}"
            floor = max(floor, candidate, key=_minor) if floor else candidate
        elif spec.operator in ("<", "<=") and parts[0] == "3":
            upper.append(f"{spec.operator}{spec.version}")  # `<4` (Poetry's ^3.x) says nothing
    return floor, ",".join(upper)


def _minor(version: str) -> int:
    try:
        return int(version.split(".")[1])
    except (IndexError, ValueError):
        return 0


def is_valid_matchspec(text: str) -> bool:
    """Whether conda (rattler) parses `text` as a MatchSpec; True when py-rattler is absent."""
    try:
        from rattler import MatchSpec
    except ImportError:
        return True
    try:
        MatchSpec(text)
    except Exception:
        return False
    return True
