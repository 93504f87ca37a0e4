"""Proof, not trust: render the v0 and the v1 recipe per platform and list every difference.

For each platform the v1 recipe is rendered by rattler-build (`recipegen.render`, conda-forge's
global pinning plus the converted `variants.yaml`), which gives one stage-1 recipe per output
and variant. The meta.yaml is rendered by recipegen's Jinja sandbox (`recipegen.linters.v0`:
selectors, then Jinja) with the same variant values, and read the way conda-build reads outputs.
Both sides are reduced to the same facts and compared:

package name and version, sources (url + sha256), build number, noarch, skip (an output built
on one side only), every requirement list, run_exports, ignore_run_exports, the tests' imports
and commands (`pip_check` counts as the command `pip check`, a `run_test.*` file as running it),
the top-level build's requirements (the staging output), and the `about` fields.

The sandbox's stand-ins for conda-build's functions give what rattler-build gives (a compiler is
`<name>_<target_platform> <version>.*` from the variant), so a requirement compares as text;
pins compare by their arguments.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recipegen.convert.expressions import BUILD_TIME_EXPRESSION, PIP_CHECK
from recipegen.convert.render_v0 import PIN
from recipegen.convert.specs import comparable_spec
from recipegen.render import PLATFORMS, Platform, VariantFile, render_recipe

PROOF_PLATFORMS: tuple[Platform, ...] = (*PLATFORMS[:1], Platform("osx-64", "osx-64"), *PLATFORMS[1:])
REQUIREMENT_KINDS = ("build", "host", "run", "run_constraints")
ABOUT_FIELDS = ("homepage", "repository", "documentation", "summary", "description", "license", "license_file")
V0_ABOUT = {"home": "homepage", "dev_url": "repository", "doc_url": "documentation"}


@dataclass(frozen=True)
class Difference:
    platform: str
    output: str
    field: str
    v0: Any
    v1: Any

    def describe(self) -> str:
        return f"{self.platform} {self.output}: {self.field}: meta.yaml {_show(self.v0)}, recipe.yaml {_show(self.v1)}"

    def to_dict(self) -> dict[str, Any]:
        return {"platform": self.platform, "output": self.output, "field": self.field, "v0": self.v0, "v1": self.v1}


def _show(value: Any) -> str:
    if value is None:
        return "has none"
    text = json.dumps(value, sort_keys=True, default=str)
    return "has " + (text if len(text) < 300 else text[:297] + "...")


@dataclass
class Proof:
    differences: list[Difference] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # the v1 recipe does not render
    unproven: list[str] = field(default_factory=list)  # the v0 recipe does not render: nothing to compare
    compared: int = 0  # outputs x variants x platforms compared

    @property
    def equivalent(self) -> bool:
        return not (self.differences or self.failures or self.unproven)


def prove(
    meta_text: str,
    recipe_text: str,
    *,
    recipe_dir: Path,
    variants_text: str | None,
    folder_files: frozenset[str] = frozenset(),
    platforms: tuple[Platform, ...] = PROOF_PLATFORMS,
) -> Proof:
    """Compare the meta.yaml in `recipe_dir` (its conda_build_config.yaml applies) with the v1 text."""
    proof = Proof()
    files = [VariantFile("variants.yaml", variants_text)] if variants_text else []
    result = render_recipe(recipe_text, recipe_dir / "recipe.yaml", variant_files=files, platforms=platforms)
    proof.failures += [f.describe() + (f" (line {f.line})" if f.line > 1 else "") for f in result.failures]
    if result.failures:
        return proof
    probe = skip_probe(recipe_text)
    expressions: dict[str, str] = {}
    if probe is not None:  # the same recipe, its `skip` conditions also evaluated into the context
        probe_text, expressions = probe
        if not probe_text:
            proof.failures.append(expressions[""])
            return proof
        probed = render_recipe(probe_text, recipe_dir / "recipe.yaml", variant_files=files, platforms=platforms)
        if probed.failures or len(probed.variants) != len(result.variants):
            message = "; ".join(f.message for f in probed.failures) or "the variants differ"
            proof.failures.append(f"rattler-build cannot evaluate the `skip` conditions: {message}")
            return proof
        result = probed
    for platform in platforms:
        rendered = [v for v in result.variants if v.platform == platform]
        _compare_platform(meta_text, recipe_dir, folder_files, platform, rendered, proof, expressions)
    if not proof.compared and not proof.differences and not proof.unproven:
        proof.unproven.append(
            "both recipes skip every output on all five platforms with conda-forge's pinning and the "
            "recipe's conda_build_config.yaml: nothing could be compared (give the variant values the "
            "recipe is built with, e.g. `cuda_compiler_version`, in conda_build_config.yaml)"
        )
    return proof


def _compare_platform(
    meta_text: str,
    recipe_dir: Path,
    folder_files: frozenset[str],
    platform: Platform,
    rendered: list[Any],
    proof: Proof,
    expressions: dict[str, str],
) -> None:
    from recipegen.convert.render_v0 import render_v0

    label = platform.target
    seen_v1: set[str] = set()
    v0_names: set[str] = set()
    renders: dict[str, Any] = {}
    every: list[dict[str, str]] = [{}, *(_values(v.variant) for v in rendered)]
    for values in every:
        key = json.dumps(values, sort_keys=True)
        if key not in renders:
            renders[key] = render_v0(meta_text, platform.target, recipe_dir, values, platform.build)
    for data in renders.values():
        if isinstance(data, str):
            proof.unproven.append(f"meta.yaml does not render on {label}: {data}")
            return
        v0_names |= {name for name, facts in v0_packages(data, folder_files, label).items() if not facts["skip"]}
    for variant in rendered:
        facts_v1 = v1_facts(variant.recipe, expressions)
        name = facts_v1["name"]
        if skipped(variant.recipe):
            continue
        seen_v1.add(name)
        data = renders[json.dumps(_values(variant.variant), sort_keys=True)]
        facts_v0 = v0_packages(data, folder_files, label).get(name)
        if facts_v0 is None or facts_v0["skip"]:
            proof.differences.append(
                Difference(label, name, "built", "skipped" if facts_v0 else "no such output", "built")
            )
            continue
        proof.compared += 1
        if facts_v1["staging"]:
            facts_v0 = {**facts_v0, "staging": _staging(facts_v0.get("staging_source"))}
        for difference in compare_facts(facts_v0, facts_v1):
            proof.differences.append(Difference(label, name, *difference))
    for name in sorted(v0_names - seen_v1):
        proof.differences.append(Difference(label, name, "built", "built", "skipped"))


SKIP_KEY = "recipegen_skip_"
NAME_KEY = "recipegen_name_"
EXPR_KEY = "recipegen_expression_"
PLATFORM_NAMES = frozenset({"win", "unix", "linux", "osx", "target_platform", "build_platform", "host_platform"})


def skip_probe(recipe_text: str) -> tuple[str, dict[str, str]] | None:
    """The recipe with each output's skip condition (and name), and the expressions of its test
    scripts, as context values rattler-build evaluates per variant (its stage-1 recipe does not
    say whether a variant is skipped, and leaves test scripts to test time). Also returns
    {expression: context key}."""
    from recipegen.convert.tree import as_expression
    from recipegen.problems import InputError
    from recipegen.yamlio import dump_yaml, parse_yaml, to_plain

    try:
        data = to_plain(parse_yaml(recipe_text, "recipe.yaml", keep_comments=False))
    except InputError as exc:
        return "", {"": str(exc)}
    if not isinstance(data, dict):
        return None
    top = _skip_conditions((data.get("build") or {}).get("skip"))
    outputs = data.get("outputs") or [data]
    probes: dict[str, str] = {}
    for index, output in enumerate(outputs):
        if not isinstance(output, dict) or "package" not in output:
            continue
        conditions = top + _skip_conditions((output.get("build") or {}).get("skip") if output is not data else [])
        probes[f"{NAME_KEY}{index}"] = "${{ " + as_expression((output.get("package") or {}).get("name", "")) + " }}"
        probes[f"{SKIP_KEY}{index}"] = "${{ " + (" or ".join(f"({c})" for c in conditions) or "false") + " }}"
    context = data.get("context") or {}
    probed: dict[str, str] = {}
    for number, expression in enumerate(_test_expressions(data, set(context))):
        probes[f"{EXPR_KEY}{number}"] = "${{ " + expression + " }}"
        probed[expression] = f"{EXPR_KEY}{number}"
    data["context"] = {**context, **probes}
    return dump_yaml(data), probed


def _test_expressions(data: dict[str, Any], context: set[str]) -> list[str]:
    """`${{ }}` expressions in test scripts that only read context variables: rattler-build
    renders them when the test runs, the probe has it render them now."""
    from recipegen.convert.expressions import Untranslatable, names_in

    found: list[str] = []
    for text in _strings_in(
        [data.get("tests"), *[(o or {}).get("tests") for o in data.get("outputs") or [] if isinstance(o, dict)]]
    ):
        for expression in re.findall(r"\$\{\{(.*?)\}\}", text):
            expression = expression.strip()
            try:
                readable = names_in(expression) <= context | PLATFORM_NAMES
            except Untranslatable:
                readable = False
            if readable and expression not in found:
                found.append(expression)
    return found


def _strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in(v)]
    return []


def _skip_conditions(value: Any) -> list[str]:
    if value is None or value is False:
        return []
    items = value if isinstance(value, list) else [value]
    return [("true" if item is True else str(item)) for item in items if not isinstance(item, dict)]


def skipped(recipe: dict[str, Any]) -> bool:
    """Whether rattler-build skips this rendered output (from the probe's context values)."""
    context = recipe.get("context") or {}
    name = str((recipe.get("package") or {}).get("name"))
    for key, value in context.items():
        if key.startswith(NAME_KEY) and str(value) == name:
            return context.get(SKIP_KEY + key[len(NAME_KEY) :]) in (True, "true", "True")
    return False


def _values(variant: dict[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in variant.items()}


def compare_facts(v0: dict[str, Any], v1: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    found: list[tuple[str, Any, Any]] = []
    for key in (
        "version",
        "sources",
        "number",
        "noarch",
        "run_exports",
        "ignore_run_exports",
        "imports",
        "commands",
        "staging",
    ):
        if v0[key] != v1[key]:
            found.append((key, v0[key], v1[key]))
    for kind in REQUIREMENT_KINDS:
        if v0["requirements"].get(kind, []) != v1["requirements"].get(kind, []):
            found.append((f"requirements.{kind}", v0["requirements"].get(kind), v1["requirements"].get(kind)))
    for name in ABOUT_FIELDS:
        ours, theirs = v0["about"].get(name), v1["about"].get(name)
        if isinstance(ours, list) and isinstance(theirs, str) and theirs in ours:
            continue  # one of the URLs meta.yaml's text listed
        if ours is not None and ours != theirs:  # v1 merges the top-level about into outputs
            found.append((f"about.{name}", ours, theirs))
    return found


# --- normalising -----------------------------------------------------------------------------------


def spec(text: Any) -> str | None:
    """A requirement as comparable text (None when conda-build would drop it)."""
    if isinstance(text, dict):
        return _pin_text(text)
    if text is None:
        return None
    value = " ".join(str(text).split())
    if not value or value in ("None", "NoneType"):
        return None
    if PIN in value:
        return _v0_pin(value)
    return comparable_spec(value)  # the same reading of `python 3.10` & co. on both sides


def _pin_text(pin: dict[str, Any]) -> str:
    kind = next(iter(pin))
    args = pin[kind] or {}
    if args.get("exact"):
        return f"{kind}({args.get('name')}, exact)"
    parts = [str(args.get("name")), f"lower={args.get('lower_bound')}", f"upper={args.get('upper_bound')}"]
    if args.get("build"):
        parts.append(f"build={args['build']}")
    return f"{kind}({', '.join(parts)})"


def _v0_pin(value: str) -> str:
    match = re.search(PIN + r"(.*?)" + PIN, value)
    if not match:
        return value
    pin = json.loads(match.group(1))
    rest = (value[: match.start()] + value[match.end() :]).strip()
    if rest:  # `{{ pin_subpackage(...) }} {{ build }}`: conda-build appends the text to the spec
        pin[next(iter(pin))]["build"] = rest
    return _pin_text(pin)


def specs(items: Any) -> list[str]:
    if items is None:
        return []
    if not isinstance(items, list):
        items = [items]
    return [s for s in (spec(i) for i in items) if s is not None]


def run_exports(value: Any) -> dict[str, list[str]]:
    if value is None:
        return {}
    if isinstance(value, list):
        value = {"weak": value}
    if not isinstance(value, dict):
        return {"weak": specs(value)}
    return {k: specs(v) for k, v in sorted(value.items()) if specs(v)}


def sources(value: Any) -> list[tuple[Any, str]]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        if not isinstance(item, dict):
            continue
        location = item.get("url") or item.get("git") or item.get("git_url") or item.get("path")
        if isinstance(location, list):
            location = [str(u) for u in location]
            location = location[0] if len(location) == 1 else location
        result.append(
            (
                location if not isinstance(location, (int, float)) else str(location),
                str(item.get("sha256") or "").lower(),
            )
        )
    return result


def about(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {}
    result: dict[str, Any] = {}
    for key, item in value.items():
        name = V0_ABOUT.get(key, key)
        if name not in ABOUT_FIELDS or item in (None, ""):
            continue
        if name == "license_file":
            result[name] = [str(i) for i in item] if isinstance(item, list) else [str(item)]
        elif name in ("homepage", "repository", "documentation"):
            urls = [u.rstrip("/") for u in re.findall(r"https?://[^\s,]+", str(item))]
            if len(set(urls)) > 1:  # conda-build took `home: url1, url2`: v1 keeps one of them
                result[name] = sorted(set(urls))
            else:
                result[name] = (urls[0] if urls else str(item)).strip().rstrip("/")
        else:
            result[name] = " ".join(str(item).split()) if name == "description" else str(item).strip()
    return result


def commands(items: Any) -> list[str]:
    if items is None:
        return []
    if isinstance(items, dict):
        if items.get("file"):
            return [f"file:{items['file']}"]
        items = items.get("content")
    if isinstance(items, str):
        if re.fullmatch(r"run_test\.(py|sh|bat|pl|r)", items.strip()):
            return [f"file:{items.strip()}"]
        if re.fullmatch(r"lua run_test\.lua", items.strip()):  # rattler-build has no lua interpreter
            return ["file:run_test.lua"]
        items = [items]
    return [" ".join(str(c).split()) for c in items or [] if c is not None and str(c).strip()]


def _noarch(value: Any) -> str | None:
    return str(value) if value not in (None, False, "") else None


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- the two sides as facts --------------------------------------------------------------------


def _late(value: Any, context: dict[str, Any], probed: dict[str, str]) -> Any:
    """What rattler-build leaves for build or test time, as the v0 sandbox renders it: test
    script expressions take the value the probe had rattler-build compute (`probed`: expression
    -> context key), build-time paths are empty."""
    if isinstance(value, list):
        return [_late(v, context, probed) for v in value]
    if isinstance(value, dict):
        return {k: _late(v, context, probed) for k, v in value.items()}
    if not isinstance(value, str) or "${{" not in value:
        return value
    value = BUILD_TIME_EXPRESSION.sub("", value)

    def value_of(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        key = probed.get(inner, inner)
        return _jinja_text(context[key]) if key in context else match.group(0)

    return re.sub(r"\$\{\{(.*?)\}\}", value_of, value)


def _jinja_text(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    return "" if value is None else str(value)


def v1_facts(recipe: dict[str, Any], probed: dict[str, str] | None = None) -> dict[str, Any]:
    context = recipe.get("context") or {}
    recipe = {
        **recipe,
        "tests": _late(recipe.get("tests"), context, probed or {}),
        "about": _late(recipe.get("about"), {}, {}),
    }
    build = recipe.get("build") or {}
    requirements = recipe.get("requirements") or {}
    imports: list[str] = []
    ran: list[str] = []
    for test in recipe.get("tests") or []:
        if "python" in test:
            imports += [str(i) for i in (test["python"].get("imports") or [])]
            if test["python"].get("pip_check", True):
                ran.append("pip check")
        elif "perl" in test or "r" in test:  # conda-build tested `imports` in the package's language
            imports += [
                str(i) for i in (test.get("perl") or {}).get("uses") or (test.get("r") or {}).get("libraries") or []
            ]
        elif "script" in test:
            ran += commands(test["script"])
    staging = recipe.get("staging_caches") or []
    source = recipe.get("source") or (staging[0].get("source") if staging else None)  # inherited
    return {
        "name": str((recipe.get("package") or {}).get("name")),
        "version": str((recipe.get("package") or {}).get("version")),
        "sources": sources(source),
        "number": _number(build.get("number", 0)),
        "noarch": _noarch(build.get("noarch")),
        "requirements": {k: specs(requirements.get(k)) for k in REQUIREMENT_KINDS if specs(requirements.get(k))},
        "run_exports": run_exports(requirements.get("run_exports")),
        "ignore_run_exports": _ignored(requirements.get("ignore_run_exports")),
        "imports": sorted(set(imports)),
        "commands": _tests_ran(ran),
        "staging": _staging(staging[0].get("requirements") if staging else None),
        "about": about(recipe.get("about")),
        "skip": False,
    }


def _ignored(value: Any) -> dict[str, list[str]]:
    """Ignored run exports by package name (both tools match names; a compiler's version goes)."""
    if not isinstance(value, dict):
        return {}
    return {k: sorted(str(i).split()[0] for i in v if str(i).strip()) for k, v in sorted(value.items()) if v}


def _tests_ran(ran: list[str]) -> list[str]:
    """Commands in order; `pip check` counted once wherever it runs."""
    checks = [c for c in ran if PIP_CHECK.match(c)]
    files = sorted(c for c in ran if c.startswith("file:"))  # each its own test: order is no matter
    others = [c for c in ran if not PIP_CHECK.match(c) and not c.startswith("file:")]
    return others + files + (["pip check"] if checks else [])


def _staging(requirements: Any) -> dict[str, list[str]]:
    if not isinstance(requirements, dict):
        return {}
    return {k: specs(requirements.get(k)) for k in ("build", "host") if specs(requirements.get(k))}


def run_test_files(folder_files: frozenset[str], platform: str) -> list[str]:
    """The `run_test.*` files of the recipe folder conda-build runs when testing on `platform`
    (`conda_build.create_test`): .pl, .py, .r and .lua everywhere, the shell script of the
    platform only (.bat on Windows, .sh elsewhere)."""
    shell = "run_test.bat" if platform.startswith("win") else "run_test.sh"
    names = ("run_test.pl", "run_test.py", "run_test.r", "run_test.lua", shell)
    return [f"file:{n}" for n in names if n in folder_files]


def v0_packages(data: Any, folder_files: frozenset[str], platform: str = "linux-64") -> dict[str, dict[str, Any]]:
    """The packages conda-build makes of rendered meta.yaml data on `platform`, by name."""
    if not isinstance(data, dict):
        return {}
    top_build = data.get("build") or {}
    top_skip = _truthy(top_build.get("skip"))
    run_tests = run_test_files(folder_files, platform)
    outputs = [o for o in (data.get("outputs") or []) if isinstance(o, dict)]
    package = data.get("package") or {}
    if not outputs:
        facts = _v0_facts(
            package.get("name"),
            package.get("version"),
            data,
            top_build,
            data.get("requirements"),
            data.get("test"),
            data.get("about"),
            run_tests,
        )
        facts["skip"] = top_skip
        return {facts["name"]: facts}
    result = {}
    top_requirements = data.get("requirements") if isinstance(data.get("requirements"), dict) else {}
    for output in outputs:
        facts = _v0_output(output, data, top_build, run_tests)
        facts["skip"] = facts["skip"] or top_skip
        facts["staging_source"] = top_requirements
        result[facts["name"]] = facts
    return result


def _v0_output(
    output: dict[str, Any], data: dict[str, Any], top_build: dict[str, Any], run_tests: list[str]
) -> dict[str, Any]:
    package = data.get("package") or {}
    name = output.get("name")
    if "build" in output:
        build = dict(output.get("build") or {})
        build.setdefault("number", top_build.get("number", 0))
    else:
        build = {k: v for k, v in top_build.items() if k not in ("entry_points", "run_exports", "script")}
    for key in ("number", "string", "noarch", "run_exports"):
        if output.get(key) is not None:
            build[key] = output[key]
    same_name = name == package.get("name")
    test = output.get("test") if "test" in output else (data.get("test") if same_name else None)
    requirements = output.get("requirements")
    if isinstance(requirements, list):
        requirements = {"run": requirements}
    return _v0_facts(
        name,
        output.get("version") or package.get("version"),
        output if output.get("source") else data,
        build,
        requirements,
        test,
        output.get("about") or data.get("about"),
        run_tests if same_name else [],
    )


def _v0_facts(
    name: Any,
    version: Any,
    holder: dict[str, Any],
    build: dict[str, Any],
    requirements: Any,
    test: Any,
    about_value: Any,
    run_tests: list[str],
) -> dict[str, Any]:
    requirements = requirements if isinstance(requirements, dict) else {}
    test = test if isinstance(test, dict) else {}
    ran = list(commands(test.get("commands"))) + run_tests
    return {
        "name": str(name),
        "version": str(version),
        "sources": sources(holder.get("source")),
        "number": _number(build.get("number", 0)),
        "noarch": _noarch(build.get("noarch")),
        "requirements": {
            k: specs(requirements.get("run_constrained" if k == "run_constraints" else k))
            for k in REQUIREMENT_KINDS
            if specs(requirements.get("run_constrained" if k == "run_constraints" else k))
        },
        "run_exports": run_exports(build.get("run_exports")),
        "ignore_run_exports": _ignored(
            {
                "by_name": build.get("ignore_run_exports") or [],
                "from_package": build.get("ignore_run_exports_from") or [],
            }
        ),
        "imports": sorted({str(i) for i in _list(test.get("imports"))}),
        "commands": _tests_ran(ran),
        "staging": {},
        "about": about(about_value),
        "skip": _truthy(build.get("skip")),
    }


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return bool(value)
