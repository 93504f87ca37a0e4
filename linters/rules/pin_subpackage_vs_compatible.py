"""`pin_subpackage` for outputs of this recipe, `pin_compatible` for other packages.

Why: `pin_compatible('x')` pins against the version of `x` installed in host, which for an
output of the same recipe is not yet built; `pin_subpackage('x')` pins the exact output built
alongside. Conversely `pin_subpackage` of a package this recipe does not build fails. v0:
`build.run_exports`, run and host of the recipe and every output; v1: `run_exports`.

Passing::

    package:
      name: libfoo
      version: "1.0"
    requirements:
      run_exports:
        - ${{ pin_subpackage('libfoo', upper_bound='x.x') }}

Failing::

    package:
      name: libfoo
      version: "1.0"
    requirements:
      run_exports:
        - ${{ pin_compatible('libfoo', upper_bound='x.x') }}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from recipegen.linters.facts import RecipeFacts
from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, line_text, replace_in_line
from recipegen.linters.walk import get, is_conditional, strings

from recipegen.problems import Severity

ID = "pin-subpackage-vs-compatible"
SEVERITY = Severity.ERROR
EQUIVALENT = ("pin-subpackage-vs-compatible", "R-027")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

_V1_PIN = re.compile(
    r"pin_(subpackage|compatible)\(\s*(?:(['\"])(?P<quoted>[^'\"]+)\2|(?P<var>[A-Za-z_]\w*))\s*(?=[,)])"
)
_V0_PIN = re.compile(r"^(subpackage|compatible)_pin\s+(\S+)")


def _v1_pins(facts: RecipeFacts) -> Iterator[tuple[str, str, tuple]]:
    data = facts.data
    for base in facts.scopes:
        exports = (*base, "requirements", "run_exports")
        node = get(data, *exports)
        paths = (
            [(*exports, kind) for kind in node] if isinstance(node, dict) and not is_conditional(node) else [exports]
        )
        for list_path in paths:
            for spec, path in strings(data, list_path):
                for match in _V1_PIN.finditer(spec):
                    name = match.group("quoted")
                    if name is None:
                        name = facts.render("${{ " + match.group("var") + " }}")
                        if "${{" in name:
                            continue
                    yield match.group(1), facts.render(name).strip(), path


def _v0_pins(facts: RecipeFacts) -> Iterator[tuple[str, str, tuple]]:
    data = facts.data
    for base in facts.scopes:
        lists = [(*base, "build", "run_exports"), (*base, "requirements", "run"), (*base, "requirements", "host")]
        if base:
            lists.append((*base, "run_exports"))
        for list_path in lists:
            node = get(data, *list_path)
            sub = [(*list_path, k) for k in node] if isinstance(node, dict) else [list_path]
            for item_path in sub:
                for spec, path in strings(data, item_path):
                    match = _V0_PIN.match(spec.strip())
                    if match:
                        yield match.group(1), match.group(2), path


PIN_READERS: dict[str, Callable[[RecipeFacts], Iterator[tuple[str, str, tuple]]]] = {"v1": _v1_pins, "v0": _v0_pins}


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        facts = view.facts
        known = {facts.name} | {o.name for o in facts.outputs if not o.top_level}
        known.discard("")
        for kind, name, path in PIN_READERS[doc.format](facts):
            if kind == "compatible" and name in known:
                yield Finding(
                    f"Use `pin_subpackage('{name}')` instead of `pin_compatible('{name}')`: "
                    f"`{name}` is built by this recipe.",
                    path=path,
                    view=view,
                    fix=f"pin_subpackage('{name}', upper_bound='x.x')",
                )
            elif kind == "subpackage" and name not in known:
                yield Finding(
                    f"`pin_subpackage('{name}')` names a package this recipe does not build "
                    f"(outputs: {', '.join(sorted(known)) or 'none'}); use `pin_compatible` "
                    "for other packages.",
                    path=path,
                    view=view,
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Swap `pin_compatible` and `pin_subpackage` (the arguments stay)."""
    text = line_text(doc, problem.line)
    compatible, subpackage = "pin_compatible(" in text, "pin_subpackage(" in text
    if compatible == subpackage:
        return None
    old, new = ("pin_compatible(", "pin_subpackage(") if compatible else ("pin_subpackage(", "pin_compatible(")
    return replace_in_line(doc.text, problem.line, old, new, f"Use `{new[:-1]}`")
