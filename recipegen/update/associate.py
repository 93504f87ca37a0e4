"""Which output of the recipe packages which part of upstream.

- the base output: the one whose run requirements hold most of upstream's base requirements
  (the only output of a single-output recipe);
- the builder: the output whose host holds upstream's build-system requirements (it runs the
  package's build);
- an extra's output: named `<name>-with-<extra>` or `<anything>-<extra>`, else an output whose
  run holds most of the extra's requirements (a "batteries included" bundle such as
  python-lsp-server's full package);
- bundles: other outputs that pin the base output (they may carry upstream's optional
  requirements, as geopandas' full package does).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recipegen.update.model import TOP, Output, Recipe, canonical
from recipegen.update.requirements import BUILD, RUN, UpstreamRequirements


def aliases(name: str, upstream: str = "") -> set[str]:
    """Spellings a recipe may use for one dependency (conda-forge's `python-` prefixes, `-base`)."""
    keys = {canonical(name)}
    if upstream:
        keys.add(canonical(upstream))
    for key in list(keys):
        keys |= {f"python-{key}", f"{key}-python", key.removeprefix("python-"), key.removesuffix("-base")}
    return keys


@dataclass
class Associations:
    base: Output | None = None
    builders: list[Output] = field(default_factory=list)
    extras: dict[str, list[Output]] = field(default_factory=dict)
    bundles: list[Output] = field(default_factory=list)

    def outputs_for(self, group: str) -> list[Output]:
        if group == RUN:
            return [self.base] if self.base else []
        if group.startswith("extra:"):
            return self.extras.get(group.split(":", 1)[1], [])
        return list(self.builders)

    def follows(self, output: Output, group: str) -> bool:
        """Whether a bundle follows changes of `group`: every group, except another extra's when
        the bundle is itself an extra's output (`-with-format` does not follow [format-nongpl])."""
        own = [e for e, outs in self.extras.items() if output in outs]
        return not (own and group.startswith("extra:") and group.split(":", 1)[1] not in own)

    def groups_of(self, output: Output) -> list[str]:
        found = [RUN] if output is self.base else []
        found += [f"extra:{e}" for e, outs in self.extras.items() if output in outs]
        return found


def _overlap(output: Output, section: str, keys: set[str]) -> int:
    lst = output.lists.get(section)
    return len(lst.names() & keys) if lst else 0


def _keys(reqs: dict) -> set[str]:
    return {k for r in reqs.values() for k in aliases(r.name, r.upstream)}


def associate(recipe: Recipe, old: UpstreamRequirements, new: UpstreamRequirements, upstream_name: str) -> Associations:
    outputs = [o for o in recipe.outputs if o.key != TOP] or list(recipe.outputs)
    if not outputs:
        return Associations()
    own = {canonical(upstream_name), canonical(recipe.name), canonical(recipe.name.removesuffix("-split"))}
    run_keys = _keys(old.groups.get(RUN, {}))

    def base_rank(o: Output) -> tuple:
        return (_overlap(o, "run", run_keys), o.installs, canonical(o.key) in own, -outputs.index(o))

    base = max(outputs, key=base_rank)
    build_keys = _keys(old.groups.get(BUILD, {}))
    builders = [o for o in outputs if o.installs and not o.subproject and _overlap(o, "host", build_keys)]
    if not builders:
        builders = [max(outputs, key=lambda o: (_overlap(o, "host", build_keys), o.installs, o is base))]
    top = recipe.output(TOP)  # v0: the top-level build shared by the outputs
    if top is not None and _overlap(top, "host", build_keys - {"python", "pip"}):
        builders.insert(0, top)
    result = Associations(base, builders)
    for extra in dict.fromkeys([*old.extras, *new.extras]):
        named = [o for o in outputs if o is not base and _names_extra(o.key, extra)]
        if not named:
            keys = _keys(old.groups.get(f"extra:{extra}", {}))
            named = [
                o for o in outputs if o is not base and len(keys) >= 2 and _overlap(o, "run", keys) >= 0.6 * len(keys)
            ]
        if not named and _bundles_extra(base, old, extra):
            named = [base]
        if named:
            result.extras[extra] = named
    base_key = canonical(base.key)
    result.bundles = [
        o for o in outputs if o is not base and any(base_key in canonical(f"{e.name} {e.constraint}") for e in _pins(o))
    ]
    return result


def _bundles_extra(base: Output, old: UpstreamRequirements, extra: str) -> bool:
    """The base output lists an extra's own requirements (those not already base requirements) in
    its run: the recipe packages that extra with the package (scikit-build-core's [pyproject])."""
    from recipegen.generators.pypi.api import is_dev_extra as _is_dev_extra

    own = {r.key for r in old.groups.get(f"extra:{extra}", {}).values()} - {
        r.key for r in old.groups.get(RUN, {}).values()
    }
    run = base.lists.get("run")
    if not own or run is None or _is_dev_extra(extra):
        return False
    present = {k for k in own if run.names() & aliases(k)}
    return len(present) >= max(1, 0.5 * len(own))


def _pins(output: Output) -> list:
    run = output.lists.get("run")
    return [e for e in run.entries if e.templated] if run else []


def _names_extra(output: str, extra: str) -> bool:
    key, wanted = canonical(output), canonical(extra)
    return key.endswith(f"-with-{wanted}") or key.endswith(f"-{wanted}")


def host_mirrors_run(output: Output, old: UpstreamRequirements) -> bool:
    """The output lists its run requirements in host too (R packages, mypyc-compiled ones),
    judged from the run requirements that are not also build-system requirements."""
    keys = _keys(old.groups.get(RUN, {})) - _keys(old.groups.get(BUILD, {}))  # build inputs are in host anyway
    run = output.lists.get("run")
    host = output.lists.get("host")
    if run is None or host is None:
        return False
    present = run.names() & keys
    return bool(present) and len(present & host.names()) >= 0.75 * len(present)
