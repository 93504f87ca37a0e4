"""Upstream's requirement delta → proposals on the maintainers' recipe (edits and hints).

Only what upstream changed between the two releases is looked at. A change lands where the
dependency lives: the output that packages that part of upstream (recipegen.update.associate),
the section(s) the recipe has it in (host too when the output mirrors run in host), under the
selector or `if:` it is written under. An item is edited only when the recipe followed
upstream's old requirement; a deliberate difference stays, and a contradiction is a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from packaging.version import Version

from recipegen.textedit import LineIndex, TextEdit
from recipegen.update import edits
from recipegen.update.associate import Associations, aliases, associate, host_mirrors_run
from recipegen.update.constraints import follow, lower_bound, version_key
from recipegen.update.model import TOP, Entry, Output, Recipe, canonical
from recipegen.update.requirements import BUILD, RUN, TOOLS, Change, Req, UpstreamRequirements

NOARCH_OS_HINT = "a noarch recipe cannot select platforms (conda-forge's noarch_platforms + __{os} virtual packages)"


@dataclass
class Proposal:
    kind: str  # add, remove, constraint, python_min, hint
    name: str
    section: str
    output: str
    old: str  # as the recipe has it ("" when absent)
    new: str  # what upstream asks for ("" when removed)
    why: str
    edit: TextEdit | None = None  # None: a hint
    reason: str = ""  # why it is a hint
    applied: bool = False


@dataclass
class Settings:
    mode: str = "apply"  # "apply" or "hint"
    global_python_min: str = "3.10"
    pythons: list[str] = field(default_factory=list)  # Pythons markers are evaluated over


@dataclass
class Planner:
    recipe: Recipe
    index: LineIndex
    old: UpstreamRequirements
    new: UpstreamRequirements
    assoc: Associations
    settings: Settings
    proposals: list[Proposal] = field(default_factory=list)
    touched: set[tuple[int, int]] = field(default_factory=set)
    added: set[tuple[str, str, str]] = field(default_factory=set)  # (output, section, name) inserted

    def why(self, change: Change) -> str:
        return change.why(self.old.version, self.new.version)

    def propose(self, proposal: Proposal, edit: TextEdit | str | None) -> None:
        if isinstance(edit, TextEdit):
            proposal.edit = edit
            proposal.applied = self.settings.mode == "apply"
            if not proposal.applied:
                proposal.reason = "--deps hint"
        elif edit:
            proposal.reason = edit
        self.proposals.append(proposal)


def plan(
    recipe: Recipe,
    index: LineIndex,
    old: UpstreamRequirements,
    new: UpstreamRequirements,
    changes: list[Change],
    upstream_name: str,
    settings: Settings,
) -> list[Proposal]:
    planner = Planner(recipe, index, old, new, associate(recipe, old, new, upstream_name), settings)
    ordered = sorted(changes, key=lambda c: (c.group != BUILD, c.group != TOOLS))  # build first: host items
    for change in ordered:
        handler = HANDLERS.get(change.kind)
        if handler is not None:
            handler(planner, change)
    return planner.proposals


# --- sections --------------------------------------------------------------------------------


def _sections(planner: Planner, group: str, output: Output) -> list[str]:
    if group == BUILD:
        return ["host"]
    if group == TOOLS:
        return ["build"]
    return ["run", "host"] if host_mirrors_run(output, planner.old) else ["run"]


def _find(output: Output, section: str, req: Req) -> list[Entry]:
    lst = output.lists.get(section)
    if lst is None:
        return []
    keys = aliases(req.name, req.upstream)
    return [e for e in lst.entries if e.key in keys and not e.templated]


# --- additions -------------------------------------------------------------------------------


def _add(planner: Planner, change: Change) -> None:
    req = change.new
    assert req is not None
    for output in planner.assoc.outputs_for(change.group):
        for section in _sections(planner, change.group, output):
            lst = output.lists.get(section)
            if lst is None:
                continue
            present = _find(output, section, req)
            if (output.key, section, req.key) in planner.added:
                continue
            if present or _elsewhere(planner, output, section, req):
                before = change.old or _packaged_before(planner, output, req)
                if before is not None:  # it followed upstream's old requirement: follow the new one
                    for entry in present:
                        if (entry.line, entry.start) not in planner.touched:
                            _follow_entry(planner, change, entry, before.spec, req.spec)
                else:
                    _conflicting_floor(planner, change, present)
                continue
            planner.added.add((output.key, section, req.key))
            spec = _spec(req) if _copies_pins(planner, lst, change.group) else req.name
            proposal = Proposal("add", req.name, section, output.key, "", spec, planner.why(change))
            condition = _condition(planner, output, req)
            if condition is None:
                planner.propose(proposal, NOARCH_OS_HINT.format(os="/".join(sorted(req.platforms))))
                continue
            label = f"add {req.name} to {output.key} {section}"
            related = frozenset(_keys_of(planner.old.groups.get(change.group, {})))
            insert = edits.insertion(planner.recipe, planner.index, lst, spec, condition, label, related)
            planner.propose(proposal, insert)
            if change.group == BUILD and section == "host" and isinstance(insert, TextEdit):
                _add_cross(planner, change, output, spec)


CROSS = re.compile(r"build_platform!=(target|host)_platform")


def _is_cross(entry: Entry) -> bool:
    """Under conda-forge's cross-compilation condition: the build section's copy of host's
    build-system requirements (`# [build_platform != target_platform]`, v1 `if:`)."""
    return bool(CROSS.search(entry.condition.replace(" ", "")))


def _add_cross(planner: Planner, change: Change, output: Output, spec: str) -> None:
    """A build-system requirement added to host goes to the cross-compilation copy too, when the
    recipe keeps one (it holds some of upstream's build-system requirements)."""
    req = change.new
    lst = output.lists.get("build")
    if req is None or lst is None or (output.key, "build", req.key) in planner.added:
        return
    cross = [e for e in lst.entries if _is_cross(e) and e.own_line and not e.block]
    keys = _keys_of(planner.old.groups.get(BUILD, {})) - {"python", "pip"}
    if not any(e.key in keys for e in cross):
        return
    planner.added.add((output.key, "build", req.key))
    proposal = Proposal("add", req.name, "build", output.key, "", spec, planner.why(change) + " (cross-compilation)")
    label = f"add {req.name} to {output.key} build (cross-compilation)"
    planner.propose(
        proposal, edits.insertion(planner.recipe, planner.index, lst, spec, "", label, among=cross[0].condition)
    )


def _packaged_before(planner: Planner, output: Output, req: Req) -> Req | None:
    """Upstream's old requirement of the same name in another group this output packages
    (typer's [all] extra, bundled in its base output, whose `rich` became a base requirement)."""
    keys = aliases(req.name, req.upstream)
    for group in planner.assoc.groups_of(output):
        found = [r for r in planner.old.groups.get(group, {}).values() if r.key in keys and not r.never]
        if found:
            return found[0]
    return None


def _keys_of(reqs: dict[str, Req]) -> set[str]:
    return {k for r in reqs.values() for k in aliases(r.name, r.upstream)}


def _copies_pins(planner: Planner, lst, group: str) -> bool:
    """Whether the maintainers write upstream's constraints into this list (most do; some
    leave host build tools unpinned): judged from the items upstream constrained before."""
    pinned = [
        bool(entry.constraint)
        for req in planner.old.groups.get(group, {}).values()
        if req.spec
        for entry in lst.entries
        if entry.key in aliases(req.name, req.upstream) and not entry.templated
    ]
    return not pinned or sum(pinned) > 0.5 * len(pinned)


def _elsewhere(planner: Planner, output: Output, section: str, req: Req) -> bool:
    """The recipe already lists it in this section of another output that packages upstream."""
    others = [o for o in planner.recipe.outputs if o is not output and o.key != TOP]
    return any(_find(o, section, req) for o in others if o in planner.assoc.bundles or o is planner.assoc.base)


def _conflicting_floor(planner: Planner, change: Change, present: list[Entry]) -> None:
    req = change.new
    assert req is not None
    wanted = lower_bound(req.spec)
    for entry in present:
        have = lower_bound(entry.constraint)
        if wanted is not None and have is not None and wanted > have:
            proposal = Proposal(
                "hint", entry.name, entry.section, entry.output, entry.constraint, req.spec, planner.why(change)
            )
            planner.propose(proposal, f"the recipe already lists {entry.name} {entry.constraint}")


def _spec(req: Req) -> str:
    return f"{req.name} {req.spec}".strip()


def _condition(planner: Planner, output: Output, req: Req) -> str | None:
    """The selector a new item goes under ("" = none); None when the recipe cannot express it."""
    noarch = bool(output.noarch)
    if req.platforms:
        if noarch:
            return None
        return os_selector(req.platforms)
    if req.pythons and not noarch and planner.settings.pythons:
        from recipegen.generators.pypi.markers import python_selector

        if set(req.pythons) == set(planner.settings.pythons):
            return ""
        selector = python_selector(req.pythons, planner.settings.pythons)
        return v0_python_selector(selector) if planner.recipe.format == "v0" else selector
    return ""


def os_selector(groups: frozenset[str]) -> str:
    names = {frozenset({"linux", "osx"}): "unix", frozenset({"osx", "win"}): "not linux"}
    names[frozenset({"linux", "win"})] = "not osx"
    return names.get(groups) or " or ".join(sorted(groups))


def v0_python_selector(selector: str) -> str:
    """`match(python, ">=3.11,<3.13")` → `py>=311 and py<313` (conda-build's selector form)."""
    bounds = re.findall(r"(>=|<=|<|>|==)(\d+)\.(\d+)", selector)
    return " and ".join(f"py{op}{major}{minor}" for op, major, minor in bounds)


# --- removals --------------------------------------------------------------------------------


def _remove(planner: Planner, change: Change) -> None:
    req = change.old
    assert req is not None
    candidates = list(planner.assoc.outputs_for(change.group))
    if change.group == RUN or change.group.startswith("extra:"):
        candidates += [
            o for o in planner.assoc.bundles if o not in candidates and planner.assoc.follows(o, change.group)
        ]
    for output in candidates:
        if change.group == BUILD and _pinned_compatible(planner, output, req):
            _pin_compatible_hint(planner, change, output)
            continue
        sections = (
            ["host", "build"] if change.group == BUILD else ["build"] if change.group == TOOLS else ["run", "host"]
        )
        for section in sections:
            for entry in _find(output, section, req):
                if change.group == BUILD and section == "build" and not _is_cross(entry):
                    continue
                if _still_needed(planner, output, section, entry) or (entry.line, entry.start) in planner.touched:
                    continue
                moved = _moved_to_extra(planner, entry)
                if moved and change.group == RUN:
                    planner.touched.add((entry.line, entry.start))
                    proposal = Proposal(
                        "hint", entry.name, section, output.key, entry.constraint, "", planner.why(change)
                    )
                    planner.propose(proposal, f"upstream moved it to the [{moved}] extra, which no output packages")
                    continue
                if section == "host" and change.group not in (BUILD,) and not host_mirrors_run(output, planner.old):
                    continue
                planner.touched.add((entry.line, entry.start))
                lst = output.lists[section]
                proposal = Proposal(
                    "remove", entry.name, section, output.key, entry.constraint or "(any)", "", planner.why(change)
                )
                label = f"remove {entry.name} from {output.key} {section}"
                planner.propose(proposal, edits.removal(planner.index, entry, lst, label))


_PIN_COMPATIBLE = re.compile(r"""pin_compatible\(\s*['"]([^'"]+)['"]""")


def _pinned_compatible(planner: Planner, output: Output, req: Req) -> bool:
    """The output pins this build input with `pin_compatible('numpy')`: without it in host the
    pin has nothing to pin (conda-build: "Is it one of your host dependencies?")."""
    keys = aliases(req.name, req.upstream)
    text = planner.index.text
    for entry in (e for lst in output.lists.values() for e in lst.entries if e.templated):
        line = text[planner.index.offset(entry.line) : planner.index.line_end(entry.line)]
        if any(canonical(name) in keys for name in _PIN_COMPATIBLE.findall(line)):
            return True
    return False


def _pin_compatible_hint(planner: Planner, change: Change, output: Output) -> None:
    req = change.old
    assert req is not None
    for entry in _find(output, "host", req):
        if (entry.line, entry.start) in planner.touched:
            continue
        planner.touched.add((entry.line, entry.start))
        proposal = Proposal(
            "remove", entry.name, "host", output.key, entry.constraint or "(any)", "", planner.why(change)
        )
        reason = f"the recipe pins it with pin_compatible('{entry.name}'): remove both if the build no longer needs it"
        planner.propose(proposal, reason)


def _moved_to_extra(planner: Planner, entry: Entry) -> str:
    for group, reqs in planner.new.groups.items():
        if group.startswith("extra:") and any(entry.key in aliases(r.name, r.upstream) for r in reqs.values()):
            return group.split(":", 1)[1]
    return ""


def _still_needed(planner: Planner, output: Output, section: str, entry: Entry) -> bool:
    """Upstream still asks for it where this output or section takes it from (moved, not dropped;
    an extra's output keeps what the base package now needs anyway)."""
    groups = planner.assoc.groups_of(output)
    if output is not planner.assoc.base and any(g.startswith("extra:") for g in groups):
        base_keys = {k for r in planner.new.groups.get(RUN, {}).values() for k in aliases(r.name, r.upstream)}
        if entry.key in base_keys:
            return True
    if output in planner.assoc.bundles:
        groups = [g for g in planner.new.groups if g not in (BUILD, TOOLS)]
    if section == "host":  # a build input that is still a run requirement (numpy) stays in host
        groups = [*groups, BUILD, RUN]
    if section == "build":
        groups = [*groups, TOOLS, BUILD]
    return any(entry.key in aliases(r.name, r.upstream) for g in groups for r in planner.new.groups.get(g, {}).values())


# --- constraints -----------------------------------------------------------------------------


def _constraint(planner: Planner, change: Change) -> None:
    old, new = change.old, change.new
    assert old is not None and new is not None
    sections = {BUILD: ("host", "build"), TOOLS: ("build",)}.get(change.group, ("run", "host", "build"))
    outputs = [o for o in planner.recipe.outputs if _takes(planner, o, change.group)]
    for output in outputs:
        for section in sections:
            for entry in _find(output, section, new):
                if (entry.line, entry.start) in planner.touched:
                    continue
                _follow_entry(planner, change, entry, old.spec, new.spec)


def _takes(planner: Planner, output: Output, group: str) -> bool:
    if output.key == TOP:
        return False
    if group in (BUILD, TOOLS):
        return output in planner.assoc.builders or (output.installs and not output.subproject)
    if output in planner.assoc.outputs_for(group):
        return True
    return output in planner.assoc.bundles and planner.assoc.follows(output, group)


def _follow_entry(planner: Planner, change: Change, entry: Entry, old: str, new: str) -> None:
    followed = follow(entry.constraint, old, new)
    planner.touched.add((entry.line, entry.start))
    if followed.changed and change.group in (BUILD, TOOLS):
        proposal = Proposal("hint", entry.name, entry.section, entry.output, entry.constraint or "(any)",
                            followed.constraint or "(any)", planner.why(change))  # fmt: skip
        planner.propose(proposal, "a build tool's bound: conda-forge's is recent; raise it if the build needs it")
    elif followed.changed:
        proposal = Proposal(
            "constraint", entry.name, entry.section, entry.output, entry.constraint or "(any)",
            followed.constraint or "(any)", planner.why(change),
        )  # fmt: skip
        label = f"{entry.name} {entry.constraint} → {followed.constraint}"
        planner.propose(proposal, edits.constraint_edit(planner.index, entry, followed.constraint, label))
    elif followed.conflict:
        proposal = Proposal("hint", entry.name, entry.section, entry.output, entry.constraint or "(any)",
                            followed.suggestion or new, planner.why(change))  # fmt: skip
        planner.propose(proposal, followed.conflict)


# --- the interpreter (python / r-base / julia) --------------------------------------------------


def _interpreter(planner: Planner, change: Change) -> None:
    old, new = change.old, change.new
    assert old is not None and new is not None
    for output in planner.recipe.outputs:
        for section in ("host", "run"):
            for entry in _find(output, section, new):
                if not entry.constraint and new.name == "python" and output.noarch != "python":
                    continue  # compiled: python stays unpinned
                if (entry.line, entry.start) not in planner.touched:
                    _follow_entry(planner, change, entry, old.spec, new.spec)
    if new.name == "python":
        _python_floor(planner, change)


def _floor(spec: str) -> Version | None:
    return lower_bound(spec)


def _python_floor(planner: Planner, change: Change) -> None:
    recipe = planner.recipe
    new_floor = _floor(change.new.spec if change.new else "")
    if new_floor is None or new_floor == _floor(change.old.spec if change.old else ""):
        return
    floor_text = ".".join(str(p) for p in new_floor.release[:2])
    noarch = any(o.noarch == "python" for o in recipe.outputs)
    if noarch and recipe.uses_python_min:
        current = recipe.python_min.value if recipe.python_min else planner.settings.global_python_min
        if new_floor.release[:2] > version_key(current).release[:2]:
            proposal = Proposal("python_min", "python_min", "context", "", current, floor_text, planner.why(change))
            planner.propose(proposal, edits.python_min_edit(recipe, planner.index, floor_text))
    elif (
        not noarch
        and new_floor.release[:2] > version_key(planner.settings.global_python_min).release[:2]
        and (
            f'match(python, "<{floor_text}")' not in recipe.text
            and f"py<{floor_text.replace('.', '')}" not in recipe.text
        )
    ):
        proposal = Proposal("hint", "python", "build", "", "", f">={floor_text}", planner.why(change))
        v1_skip = 'skip: match(python, "<' + floor_text + '")'
        skip = f"skip: true  # [py<{floor_text.replace('.', '')}]" if recipe.format == "v0" else v1_skip
        planner.propose(proposal, f"skip older Pythons: {skip}")


# --- extras, native libraries, markers ------------------------------------------------------------


def _extra(planner: Planner, change: Change) -> None:
    from recipegen.generators.pypi.api import is_dev_extra as _is_dev_extra

    packaged = planner.assoc.extras
    if change.kind == "extra-removed" and change.name in packaged:
        outputs = ", ".join(o.key for o in packaged[change.name])
        proposal = Proposal("hint", f"[{change.name}]", "outputs", outputs, change.name, "", planner.why(change))
        planner.propose(proposal, f"{outputs} packages an extra upstream no longer has")
    elif change.kind == "extra-added" and packaged and not _is_dev_extra(change.name):
        deps = ", ".join(r.text() for r in planner.new.groups.get(change.group, {}).values()) or "no requirements"
        proposal = Proposal("hint", f"[{change.name}]", "outputs", "", "", change.name, planner.why(change))
        planner.propose(proposal, f"no output packages it yet ({deps})")


def _native(planner: Planner, change: Change) -> None:
    builder = next(iter(planner.assoc.builders), None)
    if builder is None or builder.noarch:
        return
    present = bool(_find(builder, "host", Req(change.name)))
    if (change.kind == "native-added") == present:
        return
    old, new = ("", change.name) if change.kind == "native-added" else (change.name, "")
    proposal = Proposal("hint", change.name, "host", builder.key, old, new, planner.why(change))
    planner.propose(proposal, "native libraries are read from build files: check and edit by hand")


def _marker(planner: Planner, change: Change) -> None:
    """Upstream changed where a requirement applies (`; python_version < "3.11"` added): an
    unconditional item goes under the selector the new marker gives; a selector the maintainers
    wrote, or one the recipe cannot express (noarch), is a hint."""
    old, new = change.old, change.new
    assert old is not None and new is not None
    for output in planner.assoc.outputs_for(change.group):
        before, after = _condition(planner, output, old), _condition(planner, output, new)
        if before == after or after == "":
            continue  # nothing the recipe says changes
        for section in _sections(planner, change.group, output):
            for entry in _find(output, section, new):
                if after and _same_condition(entry.condition, after):
                    continue
                proposal = Proposal("marker", entry.name, section, output.key, entry.condition or "(always)",
                                    after or new.marker, planner.why(change))  # fmt: skip
                if after is None:
                    planner.propose(proposal, NOARCH_OS_HINT.format(os="/".join(sorted(new.platforms))))
                elif entry.condition:
                    planner.propose(proposal, f"the recipe has it under its own condition ({entry.condition})")
                else:
                    label = f"{entry.name} only where {after}"
                    planner.propose(proposal, edits.condition_edit(planner.recipe, planner.index, entry, after, label))


def _same_condition(a: str, b: str) -> bool:
    return a.replace(" ", "").replace("'", '"') == b.replace(" ", "").replace("'", '"')


HANDLERS = {
    "add": _add,
    "remove": _remove,
    "constraint": _constraint,
    "interpreter": _interpreter,
    "extra-added": _extra,
    "extra-removed": _extra,
    "native-added": _native,
    "native-removed": _native,
    "marker": _marker,
}
