"""Render a meta.yaml for one platform and variant, as the proof needs it.

The linter's renderer (`recipegen.linters.v0`: selectors, then Jinja in the hardened sandbox,
conda-build's namespace) with two changes: the variant values are the ones rattler-build chose
for the v1 variant being compared, and conda-build's functions return what rattler-build's do,
so both sides can be compared as text (`compiler('c')` -> `gcc_linux-64 15.*`, pins ->
a marker the proof reads back).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

PIN = "\ue020"
# an anchor or alias starts a node (`key: *a`, `- &b`, `[*c]`); `foo 1.* *_cpu` in a spec is text
ALIAS = re.compile(r"(?:^[ \t]*(?:-[ \t]+)*|:[ \t]+|[\[{,][ \t]*)[&*][A-Za-z0-9_-]", re.MULTILINE)
CDT_ARCH = {"linux-64": "x86_64", "linux-aarch64": "aarch64", "linux-ppc64le": "ppc64le"}


def _version_spec(version: Any) -> str:
    text = str(version).strip()
    if not text:
        return ""
    if text.endswith("*") or any(c in text for c in "<>=!~,|"):
        return text.lower()
    return f"{text}.*".lower()


def conda_functions(platform: str, variant: dict[str, Any]) -> dict[str, Any]:
    """compiler/stdlib/cdt/pin_* giving rattler-build's results for `variant` on `platform`."""

    def compiler(language: str = "c", *args: Any, **kwargs: Any) -> str:
        name = variant.get(f"{language}_compiler") or language
        version = _version_spec(variant.get(f"{language}_compiler_version", ""))
        return f"{name}_{platform}" + (f" {version}" if version else "")

    def stdlib(language: str = "c", *args: Any, **kwargs: Any) -> str:
        name = variant.get(f"{language}_stdlib") or language
        version = _version_spec(variant.get(f"{language}_stdlib_version", ""))
        return f"{name}_{platform}" + (f" {version}" if version else "")

    def cdt(name: str = "", *args: Any, **kwargs: Any) -> str:
        return f"{name}-{variant.get('cdt_name', 'cos6')}-{CDT_ARCH.get(platform, 'x86_64')}"

    def pin(kind: str) -> Any:
        def function(
            name: str = "", min_pin: Any = "x.x.x.x.x.x", max_pin: Any = "x", exact: bool = False, **kwargs: Any
        ) -> str:
            lower = kwargs.get("lower_bound", min_pin)
            upper = kwargs.get("upper_bound", max_pin)
            args: dict[str, Any] = {"name": name}
            if exact:
                args["exact"] = True
            else:
                args.update(lower_bound=lower, upper_bound=upper)
            if kwargs.get("build"):
                args["build"] = kwargs["build"]
            return PIN + json.dumps({kind: args}, separators=(",", ":")) + PIN

        return function

    return {
        "compiler": compiler,
        "stdlib": stdlib,
        "cdt": cdt,
        "pin_subpackage": pin("pin_subpackage"),
        "pin_compatible": pin("pin_compatible"),
    }


def namespace(
    platform: str, recipe_dir: Path | None, values: dict[str, str], build_platform: str = ""
) -> dict[str, Any]:
    """The linter's namespace for `platform` with `values` (rattler-build's variant) put in;
    `build_platform` differs when conda-forge cross-compiles (osx-arm64 on osx-64)."""
    from recipegen.linters.v0 import base_namespace, global_variant, selector_namespace, template_globals

    base = selector_namespace(platform, recipe_dir if recipe_dir is not None and recipe_dir.is_dir() else None)
    result = {k: v for k, v in base.items() if not k.startswith("__")}
    result.update({k: v for k, v in values.items() if k not in ("target_platform", "build_platform")})
    result["build_platform"] = build_platform or platform
    for key in set(result) - set(base_namespace(platform)):  # conda-build's get_selectors typing
        result[key] = _typed(result[key])
    result["py"] = _as_int(str(result.get("python", "3.10")))
    result["np"] = _as_int(str(result.get("numpy", "2")))
    python_min = values.get("python_min") or dict(global_variant(platform)).get("python_min", "3.10")
    variables = {**template_globals(), **result, **conda_functions(platform, result), "python_min": python_min}
    variables["environ"] = _environ_with(values)
    result["__selector_memo__"] = {}
    result["__template_variables__"] = variables
    return result


def _environ_with(values: dict[str, str]) -> Any:
    """conda-build's `environ` while rendering: the variant's values are in it
    (`conda_build.environ.get_dict`), the build machine's variables are not (missing keys are '')."""
    from recipegen.linters.v0 import OS_STUB

    return type(OS_STUB.environ)({k: str(v) for k, v in values.items()})


def _typed(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return int(value)
    except ValueError:
        return value.lower() == "true" if value.lower() in ("true", "false") else value


def _as_int(version: str) -> int:
    digits = "".join(version.split()[0].rstrip(".*").split(".")[:2])
    return int(digits) if digits.isdigit() else 0


def render_v0(
    text: str, platform: str, recipe_dir: Path | None, values: dict[str, str], build_platform: str = ""
) -> Any:
    """The rendered meta.yaml as data, or a one-line reason it does not render."""
    from recipegen.linters.v0 import RenderError, apply_selectors, render
    from recipegen.problems import InputError
    from recipegen.yamlio import parse_yaml

    names = namespace(platform, recipe_dir, values, build_platform)
    lines, problems = apply_selectors(text.split("\n"), names)
    if problems:
        return f"line {problems[0][0]}: {problems[0][2]}"
    data: Any = None
    for _ in range(2 if "PKG_" in text else 1):  # conda-build knows PKG_VERSION & co. on its second pass
        if isinstance(data, dict):
            names["__template_variables__"].update(_package_variables(data))
        try:
            rendered, _ = render("\n".join(lines), names)
        except RenderError as exc:
            return f"line {exc.line}: {exc.message}"
        text_out = "\n".join(rendered) + "\n"
        try:
            parse_yaml(text_out, "meta.yaml", keep_comments=False)  # the size, depth and alias limits
        except InputError as exc:
            # conda-build's reader keeps the last of duplicate keys; take that unless aliases are
            # about (the limits that found the duplicate have not looked at them yet)
            if "duplicate key" not in exc.message or ALIAS.search(text_out):
                return exc.message
        data = conda_build_yaml(text_out)
    return data


def conda_build_yaml(text: str) -> Any:
    """Rendered meta.yaml read as conda-build reads it: numbers stay text (`version: 4.10` is
    "4.10"; conda-build's StringifyNumbersLoader), booleans are booleans."""
    import yaml

    class StringifyNumbers(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
        pass

    StringifyNumbers.yaml_implicit_resolvers = {
        first: [
            (tag, regexp)
            for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=StringifyNumbers)


def _package_variables(data: dict[str, Any]) -> dict[str, str]:
    package = data.get("package") or {}
    build = data.get("build") or {}
    return {
        "PKG_NAME": str(package.get("name", "")),
        "PKG_VERSION": str(package.get("version", "")),
        "PKG_BUILDNUM": str(build.get("number", 0)),
    }
