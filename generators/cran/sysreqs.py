"""`SystemRequirements` (free text) → conda-forge packages, from data/sysreqs.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

DATA_PACKAGE = "recipegen.generators.cran.data"
# "libxml2-dev (deb)": distribution package names, which would match the wrong rules.
_DISTRO_NAME = re.compile(r"[\w.+-]+\s*\((?:deb|rpm|brew|csw|apt|yum|dnf|pacman|apk|Debian|Fedora)\)", re.I)


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    host: tuple = ()  # names, or {"if": ..., "then": name} items
    build: tuple[str, ...] = ()
    run: tuple[str, ...] = ()
    note: str = ""
    quiet: bool = False


@dataclass
class SystemDependencies:
    host: list = field(default_factory=list)
    build: list[str] = field(default_factory=list)
    run: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # items understood but deliberately not added
    unmapped: list[str] = field(default_factory=list)  # items no rule matched


def _load_rules(file_name: str) -> tuple[Rule, ...]:
    from recipegen.tomlread import tomllib

    raw = tomllib.loads(resources.files(DATA_PACKAGE).joinpath(file_name).read_text("utf-8"))
    return tuple(
        Rule(
            re.compile(row["match"], re.IGNORECASE),
            tuple(row.get("host", ())),
            tuple(row.get("build", ())),
            tuple(row.get("run", ())),
            row.get("note", ""),
            row.get("quiet", False),
        )
        for row in raw["rule"]
    )


@cache
def rules() -> tuple[Rule, ...]:
    """SystemRequirements rules (data/sysreqs.toml)."""
    return _load_rules("sysreqs.toml")


@cache
def makevars_rules() -> tuple[Rule, ...]:
    """Rules for libraries linked in src/Makevars(.in) (data/makevars.toml)."""
    return _load_rules("makevars.toml")


@cache
def configure_rules() -> tuple[Rule, ...]:
    """Rules for tools a `configure` script calls (data/configure.toml)."""
    return _load_rules("configure.toml")


def _apply(rule: Rule, result: SystemDependencies) -> None:
    for target, names in ((result.host, rule.host), (result.build, rule.build), (result.run, rule.run)):
        target.extend(n for n in names if n not in target)


def split_items(text: str) -> list[str]:
    """Top-level items of the field: split at `,`, `;` and sentence ends outside parentheses.

    Line breaks are only DCF formatting, so they do not separate items.
    """
    flat = " ".join(text.split())
    items, depth, start = [], 0, 0
    for index, char in enumerate(flat):
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        sentence_end = (
            char == "." and flat[index + 1 : index + 3].strip()[:1].isupper() and flat[index + 1 : index + 2] == " "
        )
        if depth == 0 and (char in ",;" or sentence_end):
            items.append(flat[start:index])
            start = index + 1
    items.append(flat[start:])
    return [item.strip().rstrip(".") for item in items if item.strip().rstrip(".")]


def map_system_requirements(text: str) -> SystemDependencies:
    result = SystemDependencies()
    for item in split_items(text):
        text_to_match = _DISTRO_NAME.sub("", item)
        if not re.sub(r"\W|\b(?:or|and)\b", "", text_to_match):
            continue  # only distribution package names
        matched = [rule for rule in rules() if rule.pattern.search(text_to_match)]
        if not matched:
            result.unmapped.append(item)
            continue
        for rule in matched:
            _apply(rule, result)
            if rule.note and not rule.quiet and not (rule.host or rule.build or rule.run):
                result.notes.append(f"{shorten(item)}: {rule.note}")
    return result


def shorten(item: str, width: int = 72) -> str:
    return item if len(item) <= width else item[: width - 3].rstrip() + "..."


def map_makevars(text: str) -> SystemDependencies:
    """Libraries that src/Makevars(.in) links (OpenMP, zlib, BLAS/LAPACK, -l flags)."""
    result = SystemDependencies()
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())  # drop make comments
    for rule in makevars_rules():
        if rule.pattern.search(code):
            _apply(rule, result)
    return result


def map_configure(text: str) -> SystemDependencies:
    """Tools the `configure` script calls (pkg-config); shell comments are ignored."""
    result = SystemDependencies()
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for rule in configure_rules():
        if rule.pattern.search(code):
            _apply(rule, result)
    return result
