"""DESCRIPTION `License:` → SPDX expression and license files.

Two ways to standardise the R license string, with the same result:

- R itself (when rpy2 and R are installed): `tools:::analyze_license()` splits the string
  into alternatives, verifies each against R's license data base and expands version
  ranges (`GPL (>= 2)` → GPL-2, GPL-3).
- without R: the same analysis done here from `data/licenses.toml`, a snapshot of R's
  license data base with the SPDX id of every row.

Either analysis then becomes SPDX in one place (`to_spdx`). A string without a sure SPDX
form (`file LICENSE`, `Unlimited`, an unknown name, a version R does not know) gets
`spdx=None` and a problem message: it is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from recipegen.generators.cran.rsession import R_LOCK, r_available, r_session, r_strings

DATA_PACKAGE = "recipegen.generators.cran.data"
_OPERATOR = re.compile(r"\(\s*(>=|>|<=|<|==)\s*([0-9][0-9.]*)\s*(?:,[^)]*)?\)")
_POINTER = re.compile(r"(?:^|\+\s*)file\s+(\S+)\s*$")


@dataclass(frozen=True)
class LicenseEntry:
    """One row of R's license data base (see data/licenses.toml)."""

    label: str
    name: str
    abbrev: str
    version: str
    spdx: str
    or_later: str = ""
    r_file: str = ""
    template: bool = False
    spaced_abbrev: bool = False

    @property
    def family(self) -> str:
        return self.abbrev or self.name


@dataclass
class Component:
    """One `|` alternative of a License field, after standardisation."""

    text: str
    entries: tuple[LicenseEntry, ...] = ()  # R's expansion: the license versions meant
    operator: str = ""  # ">=", ">", "<=", "<", "==" or "" (no version range)
    range_version: str = ""  # the version in the range, e.g. "2" in "GPL (>= 2)"
    pointer: str = ""  # file named by `file X` or `+ file X`
    special: str = ""  # "Unlimited"
    recognised: bool = True


@dataclass
class LicenseAnalysis:
    components: list[Component]
    backend: str  # "R" or "data"


@dataclass
class LicenseResult:
    spdx: str | None
    r_files: list[str] = field(default_factory=list)  # names in $PREFIX/lib/R/share/licenses/
    package_files: list[str] = field(default_factory=list)  # files named by the DESCRIPTION
    problems: list[str] = field(default_factory=list)


@cache
def license_entries() -> tuple[LicenseEntry, ...]:
    from recipegen.tomlread import tomllib

    raw = tomllib.loads(resources.files(DATA_PACKAGE).joinpath("licenses.toml").read_text("utf-8"))
    return tuple(LicenseEntry(**row) for row in raw["license"])


def _by_label() -> dict[str, LicenseEntry]:
    return {entry.label: entry for entry in license_entries()}


def _version_key(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", text)]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _satisfies(version: str, operator: str, bound: str) -> bool:
    a, b = _version_key(version), _version_key(bound)
    return {">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b, "==": a == b}[operator]


def split_alternatives(text: str) -> list[str]:
    return [part.strip() for part in " ".join(text.split()).split("|") if part.strip()]


# -- the analysis without R -----------------------------------------------------------------
def _match_entries(base: str) -> tuple[tuple[LicenseEntry, ...], str, str]:
    """Entries meant by one license name (no file part) → (entries, operator, range version)."""
    entries = license_entries()
    ranged = re.fullmatch(r"(?P<family>.+?)\s*\((?P<spec>[^()]*)\)", base)
    if ranged:
        family = ranged["family"].strip()
        members = [e for e in entries if family in (e.name, e.abbrev) and e.version]
        constraints = []
        for part in ranged["spec"].split(","):
            found = re.fullmatch(r"\s*(>=|>|<=|<|==)\s*([0-9][0-9.]*)\s*", part)
            if not found:
                return (), "", ""
            constraints.append((found[1], found[2]))
        chosen = [e for e in members if all(_satisfies(e.version, op, v) for op, v in constraints)]
        return tuple(chosen), constraints[0][0], constraints[0][1]
    for entry in entries:
        spelled = {entry.label, entry.name if not entry.version else ""}
        if entry.version:
            spelled |= {f"{entry.name} {entry.version}", f"{entry.name} version {entry.version}"}
            if entry.abbrev:
                spelled.add(f"{entry.abbrev}-{entry.version}")
            if entry.spaced_abbrev:
                spelled.add(f"{entry.abbrev} {entry.version}")
        if base in spelled - {""}:
            return (entry,), "", ""
    by_name = [e for e in entries if e.name == base]
    if by_name:
        return tuple(by_name), "", ""
    by_abbrev = [e for e in entries if e.abbrev and e.abbrev == base]
    return tuple(by_abbrev), "", ""


def analyze_without_r(text: str) -> LicenseAnalysis:
    components = []
    for part in split_alternatives(text):
        pointer_match = _POINTER.search(part)
        pointer = pointer_match.group(1) if pointer_match else ""
        base = part[: pointer_match.start()].strip() if pointer_match else part
        if not base:
            components.append(Component(part, pointer=pointer))
            continue
        if base == "Unlimited":
            components.append(Component(part, pointer=pointer, special="Unlimited"))
            continue
        entries, operator, bound = _match_entries(base)
        components.append(Component(part, entries, operator, bound, pointer, recognised=bool(entries)))
    return LicenseAnalysis(components, "data")


# -- the analysis by R ------------------------------------------------------------------
def analyze_with_r(text: str) -> LicenseAnalysis:
    """`tools:::analyze_license()` in an embedded R (rinterface: no conversion rules, thread-safe under a lock)."""
    ri = r_session()
    if ri is None:
        raise RuntimeError("R is not available (install R and recipegen[r])")
    with R_LOCK:
        result = ri.evalr("tools:::analyze_license")(ri.StrSexpVector([text]))
        values = dict(zip(result.names, result))
        texts = r_strings(values["components"], ri)
        expansions = [] if values["expansions"] is ri.NULL else [r_strings(e, ri) for e in values["expansions"]]
    labels = _by_label()
    components = []
    for index, part in enumerate(texts):
        expanded = expansions[index] if index < len(expansions) else []
        pointer_match = _POINTER.search(part)
        pointer = pointer_match.group(1) if pointer_match else ""
        operator = _OPERATOR.search(part)
        entries, special, recognised = [], "", bool(expanded)
        for label in expanded:
            bare = re.sub(r"\s*\+\s*file\s+\S+$", "", label)
            if label.startswith("file "):
                continue
            if bare == "Unlimited":
                special = "Unlimited"
            elif bare in labels:
                entries.append(labels[bare])
            else:
                recognised = False  # a row our data file lacks: reported, like an unknown name
        components.append(
            Component(
                part,
                tuple(entries),
                operator[1] if operator else "",
                operator[2] if operator else "",
                pointer,
                special,
                recognised,
            )
        )
    return LicenseAnalysis(components, "R")


def analyze(text: str, use_r: bool | None = None) -> LicenseAnalysis:
    """R's analysis when `use_r` (None: when R is available), else the data-file analysis."""
    if use_r is None:
        use_r = r_available()
    return analyze_with_r(text) if use_r else analyze_without_r(text)


# -- analysis → SPDX ------------------------------------------------------------------------
def _component_spdx(component: Component) -> tuple[str | None, str]:
    """(SPDX for one alternative, problem) — problem is '' when the SPDX form is sure."""
    entries = sorted(component.entries, key=lambda e: _version_key(e.version))
    if component.special:
        return None, f"{component.special!r} has no SPDX id"
    if not component.recognised or not entries:
        return None, f"{component.text!r} is not a license R knows"
    missing = [e.label for e in entries if not e.spdx]
    if missing:
        return None, f"{', '.join(missing)} has no SPDX id"
    families = {e.family for e in entries}
    if len(families) > 1:
        return None, f"{component.text!r} names several license families"
    if component.operator in (">=", ">"):
        versions = {_version_key(e.version) for e in license_entries() if e.family in families and e.version}
        if _version_key(component.range_version) not in versions:
            return None, f"{component.text!r}: version {component.range_version} of this license does not exist"
        if entries[0].or_later:
            return entries[0].or_later, ""
    elif not component.operator and len(entries) > 1 and entries[0].or_later:
        # A bare GNU name means every version R knows from the lowest on (R: GPL = GPL-2, GPL-3).
        return entries[0].or_later, ""
    ids = list(dict.fromkeys(e.spdx for e in entries))
    return (ids[0] if len(ids) == 1 else "(" + " OR ".join(ids) + ")"), ""


def to_spdx(analysis: LicenseAnalysis, original: str) -> LicenseResult:
    """SPDX expression and license files for an analysed License field."""
    result = LicenseResult(spdx=None)
    alternatives: list[str] = []
    unsure: list[str] = []
    for component in analysis.components:
        if component.pointer and component.pointer not in result.package_files:
            result.package_files.append(component.pointer)
        if not component.entries and not component.special and component.recognised:
            continue  # `file LICENSE` alone: an alternative under the package's own terms
        spdx, problem = _component_spdx(component)
        if problem:
            unsure.append(problem)
            continue
        assert spdx is not None
        alternatives.append(spdx.strip("()"))  # only ever "(a OR b)": OR inside OR needs no parentheses
        for entry in component.entries:
            if entry.r_file and entry.r_file not in result.r_files:
                result.r_files.append(entry.r_file)
        if component.pointer and not any(e.template for e in component.entries):
            result.problems.append(
                f"License {original!r}: `+ file {component.pointer}` adds terms to {spdx}; check the file"
            )
    if unsure or not alternatives:
        reason = "; ".join(unsure) or "it names only a license file"
        result.problems.insert(0, f"License {original!r} has no sure SPDX form ({reason}); set about.license by hand")
        return result  # R's texts of the alternatives it knows stay listed
    result.spdx = " OR ".join(dict.fromkeys(alternatives))
    return result


def license_from_description(text: str, use_r: bool | None = None) -> LicenseResult:
    if not text.strip():
        return LicenseResult(spdx=None, problems=["the DESCRIPTION has no License field"])
    return to_spdx(analyze(text, use_r), text)
