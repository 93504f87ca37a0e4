"""How each recipe format spells the same things: the one place rules ask instead of `if fmt == ...`.

v1 (`recipe.yaml`, rattler-build) writes `${{ compiler('c') }}`, `about.homepage`, `tests`,
`run_constraints`; v0 (`meta.yaml`, conda-build) is read rendered, where conda-smithy's stubs
stand for the Jinja functions (`c_compiler_stub`, `c_stdlib_stub`), and says `about.home`,
`test`, `run_constrained`. `RecipeDocument.dialect` and `RecipeView.dialect` give the right one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMPILER_LANGS = ("c", "cxx", "fortran", "rust", "go-cgo")
PYTHON_MIN_STUB = "9999"  # v0: `{{ python_min }}` when the recipe does not set it (conda-smithy's stub)
# v0 stub: `c_compiler_stub`, `m2w64_cxx_compiler_stub`, `go-cgo_compiler_stub`
_V0_COMPILER = re.compile(r"^(m2w64_)?(c|cxx|fortran|rust|go-cgo)_compiler_stub")
_V0_ANY_COMPILER = re.compile(r"^\S+_compiler_stub\b")
_V0_STDLIB = re.compile(r"^(m2w64_)?c_stdlib_stub$")
_V1_COMPILER_PREFIXES = tuple(
    f"${{{{ compiler({quote}{m2w64}{lang}"
    for quote in ("'", '"')
    for m2w64 in ("", "m2w64_")
    for lang in COMPILER_LANGS
)
_V1_ANY_COMPILER = re.compile(r"\$\{\{\s*compiler\(\s*['\"]([\w-]+)['\"]")
_V1_STDLIB = re.compile(r"\$\{\{\s*stdlib\(\s*['\"](m2w64_)?c['\"]")
_V1_ANY_STDLIB = re.compile(r"\$\{\{\s*stdlib\(")

# conda-forge's order of the top-level sections (conda-smithy R-001): single-output, multi-output
V0_ORDER = ("package", "source", "build", "requirements", "test", "app", "outputs", "about", "extra")
V1_SINGLE_ORDER = ("schema_version", "context", "package", "source", "build", "requirements", "tests", "about", "extra")
V1_MULTI_ORDER = ("schema_version", "context", "recipe", "source", "build", "outputs", "about", "extra")
V0_TOP_LEVEL_KEYS = ("package", "source", "build", "requirements", "test", "app", "outputs", "about", "extra")
V1_TOP_LEVEL_KEYS = (
    "schema_version",
    "context",
    "package",
    "recipe",
    "source",
    "build",
    "requirements",
    "tests",
    "outputs",
    "about",
    "extra",
)


@dataclass(frozen=True)
class Dialect:
    """The spellings of one format (see the module docstring); subclasses read requirement specs."""

    format: str
    recipe_file: str  # the file name of a recipe in this format
    other_recipe_file: str  # the other format's
    expression_open: str  # `${{` or `{{`
    home_key: str  # about.<home_key>
    tests_key: str  # the top-level tests section
    run_constraints: str  # the requirements section of run constraints
    requirement_sections: tuple[str, ...]  # build, host, run and run constraints
    top_level_keys: tuple[str, ...]  # the top-level keys conda-smithy knows
    run_exports: tuple[str, ...]  # where an output's run_exports live, below the output
    source_folder_key: str  # the key of a source entry that names its folder in the work dir
    output_script_keys: tuple[tuple[str, ...], ...]  # where an output's build script lives, below it
    cross_only_advice: str  # how to make a requirement apply only when cross-compiling
    rendered: bool  # the linter reads the data after rendering its Jinja (values may come from `{{ var }}`)
    schema_checked: bool  # the `schema` rule checks the structure (required keys) of this format
    python_min_stub: str  # what `python_min` reads as when the recipe does not set it ('' if unrendered)
    line_selectors: bool  # lines carry `# [selector]` comments (conda-build), not `if:` items
    single_output_order: tuple[str, ...]  # the top-level sections of a single-output recipe, in order
    multi_output_order: tuple[str, ...]  # ... of a multi-output recipe

    def top_level_order(self, multi_output: bool) -> tuple[str, ...]:
        return self.multi_output_order if multi_output else self.single_output_order

    def expression(self, inner: str) -> str:
        """`inner` as a Jinja expression of this format: `${{ inner }}` or `{{ inner }}`."""
        return f"{self.expression_open} {inner} }}}}"

    def expression_pattern(self, name: str) -> str:
        """A regular expression of `name` as this format's Jinja expression, spaces optional."""
        return re.escape(self.expression_open) + r"\s*" + re.escape(name) + r"\s*\}\}"

    def compiler_language(self, spec: str) -> str | None:
        """The language of a compiler requirement (`c`, `cxx`, `cuda`...), None for other specs."""
        raise NotImplementedError

    def needs_stdlib_compiler(self, spec: str) -> bool:
        """conda-smithy's R-033 compiler test (v1: prefix match, v0: the stub at the start)."""
        raise NotImplementedError

    def is_stdlib(self, spec: str) -> bool:
        """`stdlib('c')` (or its v0 stub)."""
        raise NotImplementedError

    def is_any_stdlib(self, spec: str) -> bool:
        """`stdlib(...)` of any language."""
        raise NotImplementedError


class V1Dialect(Dialect):
    def compiler_language(self, spec: str) -> str | None:
        found = _V1_ANY_COMPILER.search(spec)
        return found.group(1).removeprefix("m2w64_") if found else None

    def needs_stdlib_compiler(self, spec: str) -> bool:
        return spec.strip().startswith(_V1_COMPILER_PREFIXES)

    def is_stdlib(self, spec: str) -> bool:
        return bool(_V1_STDLIB.search(spec))

    def is_any_stdlib(self, spec: str) -> bool:
        return bool(_V1_ANY_STDLIB.search(spec))


class V0Dialect(Dialect):
    def compiler_language(self, spec: str) -> str | None:
        found = _V0_ANY_COMPILER.match(spec.strip())
        if not found:
            return None
        return found.group(0)[: -len("_compiler_stub")].removeprefix("m2w64_")

    def needs_stdlib_compiler(self, spec: str) -> bool:
        return bool(_V0_COMPILER.match(spec.strip()))

    def is_stdlib(self, spec: str) -> bool:
        return bool(_V0_STDLIB.match(spec.strip()))

    def is_any_stdlib(self, spec: str) -> bool:
        return spec.strip().endswith("_stdlib_stub")


V1 = V1Dialect(
    format="v1",
    recipe_file="recipe.yaml",
    other_recipe_file="meta.yaml",
    expression_open="${{",
    home_key="homepage",
    tests_key="tests",
    run_constraints="run_constraints",
    requirement_sections=("build", "host", "run", "run_constraints"),
    top_level_keys=V1_TOP_LEVEL_KEYS,
    run_exports=("requirements", "run_exports"),
    source_folder_key="target_directory",
    output_script_keys=(("build", "script"),),
    cross_only_advice="put it under `if: build_platform != host_platform`",
    rendered=False,
    schema_checked=True,
    python_min_stub="",
    line_selectors=False,
    single_output_order=V1_SINGLE_ORDER,
    multi_output_order=V1_MULTI_ORDER,
)
V0 = V0Dialect(
    format="v0",
    recipe_file="meta.yaml",
    other_recipe_file="recipe.yaml",
    expression_open="{{",
    home_key="home",
    tests_key="test",
    run_constraints="run_constrained",
    requirement_sections=("build", "host", "run", "run_constrained"),
    top_level_keys=V0_TOP_LEVEL_KEYS,
    run_exports=("build", "run_exports"),
    source_folder_key="folder",
    output_script_keys=(("build", "script"), ("script",)),
    cross_only_advice="add the selector `# [build_platform != target_platform]`",
    rendered=True,
    schema_checked=False,
    python_min_stub=PYTHON_MIN_STUB,
    line_selectors=True,
    single_output_order=V0_ORDER,
    multi_output_order=V0_ORDER,
)
DIALECTS: dict[str, Dialect] = {"v1": V1, "v0": V0}
