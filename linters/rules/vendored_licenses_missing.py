"""Bundled dependencies (node_modules, Rust crates, Go modules) shipped without their licenses.

Why: an npm/pnpm install copies every dependency into the package, and Rust and Go link their
dependencies statically, so those licenses must ship too (conda-forge asks for
`pnpm-licenses`, `cargo-bundle-licenses`, `go-licenses`). `rust-licenses-not-bundled` and
`go-licenses-not-bundled` cover recipes with `compiler('rust')`/`compiler('go')`; this rule
covers the rest: Node.js packages that install dependencies, and Rust/Go builds that use a
plain `rust`/`cargo`/`maturin`/`go` requirement. Evidence of bundling is an install command in
the *build* scripts (`build.script` of the recipe and its outputs, and the recipe folder's
`*.sh`/`*.bat` files except test scripts, `run_test*`/`test*`): `nodejs` in build or host only
to run the tests bundles nothing. Evidence that the licenses are shipped is a license tool in
build or host, or its name in those scripts. When the source is available (see
`license-file-not-found`), dependencies vendored in it (`node_modules/*/package.json`,
`vendor/**/.cargo-checksum.json`, `vendor/modules.txt`) need a license tool too, or a
`license_file` entry pointing into the vendored folder or at a third-party license file.
Statically linked Rust and Go dependencies are an error; a Node.js install in the build and
dependencies vendored in the source are warnings, as they may only build assets or tests and
never ship. The facts are in linters/data/vendored_licenses.toml.

Passing::

    requirements:
      build:
        - nodejs
        - pnpm
        - pnpm-licenses
    build:
      script:
        - npm install -g .
        - pnpm install
        - pnpm-licenses generate-disclaimer --prod --output-file=third-party-licenses.txt

Failing::

    requirements:
      build:
        - nodejs
    build:
      script:
        - npm install -g .
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView
from recipegen.linters.rules._data import data_toml
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.walk import first_token, get, script_lines

from recipegen.problems import Severity

ID = "vendored-licenses-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

SCRIPT_SUFFIXES = (".sh", ".bat")
MAX_SCRIPT_BYTES = 256_000
COMPILER_OF = {"rust": ("rust",), "go": ("go", "go-cgo", "go-nocgo")}


TEST_SCRIPT_PREFIXES = ("run_test", "test")


def _script_files(doc: RecipeDocument, build_only: bool) -> list[str]:
    """Texts of the recipe folder's `*.sh`/`*.bat` files (without test scripts when `build_only`)."""
    if not on_disk(doc):
        return []
    try:
        files = sorted(p for p in doc.recipe_dir.iterdir() if p.suffix in SCRIPT_SUFFIXES and p.is_file())
    except OSError:
        files = []
    texts = []
    for path in files:
        if build_only and path.name.lower().startswith(TEST_SCRIPT_PREFIXES):
            continue
        try:
            if path.stat().st_size <= MAX_SCRIPT_BYTES:
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
    return texts


def script_text(doc: RecipeDocument) -> str:
    """The recipe text plus its folder's scripts (every place a file name may be written)."""
    return "\n".join([doc.text, *_script_files(doc, build_only=False)])


def build_script_text(doc: RecipeDocument, view: RecipeView) -> str:
    """What the build runs: `build.script` of the recipe and its outputs, and the folder's build
    scripts (test scripts left out)."""
    lines = [line for base in view.facts.scopes for line in script_lines(get(view.data, *base, "build", "script"))]
    return "\n".join([*lines, *_script_files(doc, build_only=True)])


@cache
def _marker_names() -> tuple[str, ...]:
    return tuple(sorted({n for fact in data_toml("vendored_licenses.toml").values() for n in fact["requirements"]}))


@cache
def _mentions() -> re.Pattern[str]:
    """Requirement lines naming any ecosystem marker (a cheap test before reading the data)."""
    return re.compile(r"(?m)(^\s*-\s*|(then|else):\s*)(" + "|".join(map(re.escape, _marker_names())) + r")(\s|$)")


def _mentioned(text: str) -> bool:
    """Some requirement line names an ecosystem marker (the names' text first: most recipes name none)."""
    return any(name in text for name in _marker_names()) and _mentions().search(text) is not None


def _vendored(tree: object, marker: list[str]) -> list[str]:
    """Files of the source tree that show vendored dependencies (e.g. node_modules/x/package.json)."""
    folder, name = marker
    return sorted(f for f in getattr(tree, "files", ()) if f.endswith("/" + name) and folder in f)


THIRD_PARTY_WORDS = ("third", "vendor", "node_modules", "library_licenses", "licenses/", "dependencies")


def _covered_by_license_files(view: RecipeView, vendored: list[str], folder: str) -> bool:
    """Some license_file entry points into the vendored folder or at a third-party license file."""
    roots = {f[: f.find(folder) + len(folder)] for f in vendored}
    for entry, _, _ in view.facts.license_file_entries:
        if any(word in entry.lower() for word in THIRD_PARTY_WORDS) or entry.startswith(tuple(roots)):
            return True
    return False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not _mentioned(doc.text):
        return
    table = data_toml("vendored_licenses.toml")
    text = None
    reported: set[str] = set()
    for view in doc.views:
        name = view.facts.name
        entries = [
            (spec, path)
            for base in view.facts.scopes
            for section in ("build", "host")
            for spec, path in view.facts.requirements(base, section)
        ]
        names = {first_token(spec) for spec, _ in entries}
        tree = None
        for ecosystem, fact in table.items():
            if ecosystem in reported or name in fact["tools"] or not names & set(fact["requirements"]):
                continue
            if names & set(fact["tools"]):
                continue
            compilers = {doc.dialect.compiler_language(spec) for spec, _ in entries} - {None}
            if any(lang in compilers for lang in COMPILER_OF.get(ecosystem, ())):
                continue  # rust-/go-licenses-not-bundled report these
            marker = next((spec, path) for spec, path in entries if first_token(spec) in fact["requirements"])
            text = script_text(doc) if text is None else text
            if any(tool in text for tool in fact["tools"]):
                continue
            build_text = build_script_text(doc, view)
            if any(re.search(pattern, build_text) for pattern in fact["installs"]):
                reported.add(ecosystem)
                yield Finding(
                    f"This {ecosystem} build bundles its dependencies but does not ship their licenses.",
                    path=marker[1],
                    view=view,
                    fix=fact["fix"],
                    severity=None if fact.get("links_statically") else Severity.WARNING,
                )
                continue
            if tree is None:
                from recipegen.linters.rules._sources import source_tree

                tree = source_tree(doc, view, options) or False
            vendored = _vendored(tree, fact["vendored"]) if tree else []
            if vendored and not _covered_by_license_files(view, vendored, fact["vendored"][0]):
                reported.add(ecosystem)
                example = vendored[0].rsplit("/", 1)[0]
                yield Finding(
                    f"The source vendors {len(vendored)} {ecosystem} dependencies (e.g. `{example}/`) but "
                    "no license file covers them.",
                    path=marker[1],
                    view=view,
                    fix=fact["fix"],
                    severity=Severity.WARNING,
                )
