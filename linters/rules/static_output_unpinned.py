"""A `-static` output must pin its shared/devel output exactly in run.

Why: the static archive is only usable with the headers and CMake/pkg-config files of the
same build; `pin_subpackage('<devel or main>', exact=True)` in run guarantees that.

Passing::

    outputs:
      - package:
          name: libfoo
      - package:
          name: libfoo-static
        requirements:
          run:
            - ${{ pin_subpackage('libfoo', exact=True) }}

Failing::

    outputs:
      - package:
          name: libfoo
      - package:
          name: libfoo-static
        requirements:
          run:
            - libfoo
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._outputs import is_static_output_name
from recipegen.linters.walk import first_token, get

from recipegen.problems import Severity

ID = "static-output-unpinned"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

_EXACT_PIN = re.compile(r"""pin_subpackage\(\s*['"]([^'"]+)['"][^)]*exact\s*=\s*True""")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        facts = view.facts
        outs = facts.outputs
        names = {o.name for o in outs if not o.top_level and not o.staging}
        for out in outs:
            if out.top_level or not is_static_output_name(out.name):
                continue
            pinned = False
            for spec, path in facts.requirements(out.path, "run"):
                match = _EXACT_PIN.search(facts.written(spec, path))
                if match and match.group(1) in names - {out.name}:
                    pinned = True
                parts = spec.split()
                if first_token(spec) in names - {out.name} and len(parts) > 1 and parts[1].startswith(("==", "=")):
                    pinned = True
            if not pinned:
                where = (*out.path, "requirements", "run")
                if get(view.data, *where) is None:
                    where = out.name_path
                yield Finding(
                    f"`{out.name}` should pin its shared/devel output exactly in run, e.g. "
                    "`pin_subpackage('<name>', exact=True)`.",
                    path=where,
                    view=view,
                    key=True,
                )
