"""Upstream's requirements of one release, in conda terms, and the delta between two releases.

Every reader (PyPI, CRAN, Julia) fills the same `UpstreamRequirements`: names already mapped
to conda-forge the way the generators map them, constraints in conda syntax. `delta(old, new)`
then lists only what upstream changed between the two releases — the updater never compares
the recipe with a fresh generation, so the maintainers' own choices are not touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recipegen.update.model import canonical

RUN = "run"
BUILD = "build"  # build-system requirements: host of the output that builds the package
TOOLS = "tools"  # executables the build runs (cmake, ninja): the build section


@dataclass(frozen=True)
class Req:
    name: str  # conda name
    spec: str = ""  # conda constraint
    upstream: str = ""  # upstream's own spelling (`jaraco-context`, `Rcpp (>= 1.0)`)
    marker: str = ""  # upstream's environment marker (without `extra ==`)
    platforms: frozenset[str] = frozenset()  # OS groups it applies on (empty: everywhere)
    pythons: tuple[str, ...] = ()  # Pythons it applies on (empty: every supported one)
    never: bool = False  # its marker excludes every supported Python (kept to see it dropped)

    @property
    def key(self) -> str:
        return canonical(self.name)

    @property
    def conditional(self) -> bool:
        return bool(self.platforms or self.pythons)

    def text(self) -> str:
        shown = f"{self.upstream or self.name} {self.spec}".strip()
        return f"{shown}; {self.marker}" if self.marker else shown


@dataclass
class UpstreamRequirements:
    version: str
    groups: dict[str, dict[str, Req]] = field(default_factory=dict)  # RUN, BUILD, TOOLS, "extra:<name>"
    interpreter: Req | None = None  # python (Requires-Python), r-base (Depends: R) or julia (compat)
    backend: str = ""
    license: str = ""
    native: dict[str, str] = field(default_factory=dict)  # conda library -> where it was seen
    source: str = ""  # where the metadata came from, for reports

    def group(self, name: str) -> dict[str, Req]:
        return self.groups.setdefault(name, {})

    @property
    def extras(self) -> list[str]:
        return [g.split(":", 1)[1] for g in self.groups if g.startswith("extra:")]


@dataclass(frozen=True)
class Change:
    """One thing upstream changed between two releases."""

    kind: str  # "add", "remove", "constraint", "marker", "interpreter", "backend", "extra-added",
    #            "extra-removed", "license", "native-added", "native-removed"
    group: str  # RUN, BUILD, TOOLS, "extra:<name>", "" (for license/backend)
    name: str  # conda name ("" for license/backend)
    old: Req | None = None
    new: Req | None = None
    old_text: str = ""  # license / backend values
    new_text: str = ""

    @property
    def key(self) -> str:
        return canonical(self.name)

    def why(self, old_version: str, new_version: str) -> str:
        where = _group_label(self.group)
        if self.kind == "add":
            return f"upstream {new_version} adds {self.new.text() if self.new else self.name}{where}"
        if self.kind == "remove":
            return f"upstream {new_version} drops {self.old.text() if self.old else self.name}{where}"
        if self.kind in ("constraint", "marker", "interpreter"):
            new = self.new.text() if self.new else self.name
            if self.kind == "marker":
                old = self.old.marker if self.old else ""
            else:
                old = (self.old.spec if self.old else "") or "any version"
            label = "Requires-Python" if self.name == "python" and self.kind == "interpreter" else ""
            return (
                f"upstream {new_version} requires {label or new}{' ' + self.new.spec if label and self.new else ''}"
                f"{where} ({old_version}: {old or 'always'})"
            )
        if self.kind in ("extra-added", "extra-removed"):
            verb = "adds" if self.kind == "extra-added" else "drops"
            return f"upstream {new_version} {verb} the extra [{self.name}]"
        if self.kind.startswith("native"):
            verb = "now link" if self.kind == "native-added" else "no longer link"
            return f"upstream {new_version}'s build files {verb} {self.name}"
        return f"{self.kind}: {self.old_text} ({old_version}) → {self.new_text} ({new_version})"


def same_license(a: str, b: str) -> bool:
    """The same licenses, however the expression is spelled or ordered."""
    from recipegen.licenses import expression_ids

    ids_a, ids_b = set(expression_ids(a)), set(expression_ids(b))
    return ids_a == ids_b if ids_a and ids_b else canonical(a) == canonical(b)


def _group_label(group: str) -> str:
    """ "" for the base requirements, else where upstream lists it."""
    if group.startswith("extra:"):
        return f" in its [{group.split(':', 1)[1]}] extra"
    return {BUILD: " in [build-system] requires", TOOLS: " in [build-system] requires"}.get(group, "")


def _same(a: Req, b: Req) -> bool:
    return a.spec.replace(" ", "") == b.spec.replace(" ", "")


def _changed(group: str, a: Req, b: Req) -> list[Change]:
    """What changed for a requirement both releases list: it now applies to no supported Python
    (dropped) or to some where it did not before (added: `; python_version < "3.15"` where the
    old release said `< "3.8"`), its constraint, where it applies (its marker), or both."""
    if b.never:
        return [] if a.never else [Change("remove", group, a.name, a, None)]
    if a.never:  # `old` kept: a recipe that lists it anyway follows its constraint
        return [Change("add", group, b.name, a, b)]
    found = [] if _same(a, b) else [Change("constraint", group, b.name, a, b)]
    if (a.platforms, a.pythons) != (b.platforms, b.pythons):
        found.append(Change("marker", group, b.name, a, b))
    return found


def delta(old: UpstreamRequirements, new: UpstreamRequirements) -> list[Change]:
    """What upstream changed from `old` to `new`, group by group."""
    changes: list[Change] = []
    for group in dict.fromkeys([*old.groups, *new.groups]):
        before, after = old.groups.get(group, {}), new.groups.get(group, {})
        if group.startswith("extra:") and (not before) != (not after):
            kind = "extra-added" if after else "extra-removed"
            changes.append(Change(kind, group, group.split(":", 1)[1]))
        for key in dict.fromkeys([*before, *after]):
            a, b = before.get(key), after.get(key)
            if a is None and b is not None:
                if not b.never:
                    changes.append(Change("add", group, b.name, None, b))
            elif b is None and a is not None:
                changes.append(Change("remove", group, a.name, a, None))
            elif a is not None and b is not None:
                changes += _changed(group, a, b)
    if old.interpreter and new.interpreter and not _same(old.interpreter, new.interpreter):
        changes.append(Change("interpreter", RUN, new.interpreter.name, old.interpreter, new.interpreter))
    if old.backend != new.backend and old.backend and new.backend:
        changes.append(Change("backend", BUILD, "", old_text=old.backend, new_text=new.backend))
    if old.license and new.license and not same_license(old.license, new.license):
        changes.append(Change("license", "", "", old_text=old.license, new_text=new.license))
    for library in dict.fromkeys([*old.native, *new.native]):
        if (library in old.native) != (library in new.native):
            kind = "native-added" if library in new.native else "native-removed"
            changes.append(Change(kind, BUILD, library))
    return changes
