"""The whole v0 tree -> the v1 tree: single-output recipes, and multi-output ones with outputs.

Multi-output recipes follow what conda-build does with outputs (its
`MetaData.get_output_metadata`): an output's `requirements`, `test` and `about` are its own; an
output without a `build:` section takes the top-level one except `entry_points`, `run_exports` and
`script`; the build number and `skip` apply to all outputs (v1's top-level `build`). The
top-level build (the top-level `requirements` with `build.sh`/`bld.bat` or `build.script`)
becomes a `staging` output that the outputs with a `script` or `files` inherit, as CEP 41
intends; an output listed under a condition is skipped where the condition is false.
"""

from __future__ import annotations

from typing import Any

from recipegen.convert.sections import (
    Conversion,
    as_list,
    as_map,
    convert_about,
    convert_build,
    convert_requirements,
    convert_skip,
    convert_source,
    entries_of,
    integer_value,
    merge_platform_scripts,
    negated_condition,
)
from recipegen.convert.template import Issue
from recipegen.convert.tests import convert_tests, test_language
from recipegen.convert.tree import CList, CMap, Entry, merge_conditional

TOP_KEYS = ("package", "source", "build", "requirements", "test", "outputs", "about", "extra")
OUTPUT_KEYS = (
    "name",
    "version",
    "script",
    "files",
    "requirements",
    "build",
    "test",
    "about",
    "extra",
    "type",
    "target",
)
OUTPUT_LEGACY_BUILD = ("number", "string", "noarch", "run_exports", "entry_points", "track_features")
NOT_INHERITED = ("number", "skip", "entry_points", "run_exports", "script", "script_env")
BUILD_SCRIPTS = ("build.sh", "bld.bat", "build.bat")


def section(node: CMap, key: str) -> Entry | None:
    """The entry of `key` (several conditional ones merged into one)."""
    entries = node.get(key)
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0]
    merged = merge_conditional(entries, [e.condition for e in entries], ())
    return Entry(key, merged, (), entries[0].origin, entries[0].index, entries[0].before, entries[0].eol)


def convert_root(root: CMap, conversion: Conversion) -> CMap:
    for entry in root.entries:
        if entry.key not in TOP_KEYS:
            if entry.key == "app":
                conversion.drop(entry, "app", "v1 has no `app` section")
            else:
                conversion.issue(entry, f"`{entry.key}` is not a conda-build section")
    outputs = section(root, "outputs")
    if outputs is not None and isinstance(outputs.value, CList) and outputs.value.items:
        return _multi_output(root, outputs, conversion)
    return _single_output(root, conversion)


def _package(root: CMap, conversion: Conversion, keys: tuple[str, ...] = ("name", "version")) -> CMap:
    entry = section(root, "package")
    result = CMap()
    if entry is None:
        conversion.issues.append(Issue(0, "no `package:` section"))
        return result
    for child in entries_of(as_map(entry, conversion, "package")):
        if child.key in keys:
            result.add(child.key, _version_text(child.value) if child.key == "version" else child.value, like=child)
        else:
            conversion.issue(child, f"`package.{child.key}` is not a conda-build package key")
    return result


def _version_text(value: Any) -> Any:
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _single_output(root: CMap, conversion: Conversion) -> CMap:
    result = CMap([Entry("schema_version", 1), Entry("package", _package(root, conversion))])
    _common_sections(root, result, conversion)
    requirements = CMap()
    build_entry = section(root, "build")
    build = convert_build(as_map(build_entry, conversion, "build") if build_entry else CMap(), conversion, requirements)
    _default_script_note(build, conversion)
    convert_requirements(section(root, "requirements"), conversion, requirements)
    _add(result, "build", build, build_entry)
    _add(result, "requirements", requirements, section(root, "requirements"))
    tests = convert_tests(section(root, "test"), conversion, language=test_language(requirements))
    _add(result, "tests", tests, section(root, "test"))
    _about_extra(root, result, conversion)
    return result


def _add(target: CMap, key: str, value: CMap | CList, like: Entry | None) -> None:
    empty = not (value.entries if isinstance(value, CMap) else value.items)
    if empty:
        return
    entry = target.add(key, value)
    if like is not None:
        entry.origin, entry.index, entry.before, entry.eol = like.origin, like.index, like.before, like.eol


def _common_sections(root: CMap, result: CMap, conversion: Conversion) -> None:
    source = section(root, "source")
    if source is not None:
        entry = result.add("source", convert_source(source, conversion), like=source)
        entry.condition = ()


def _about_extra(root: CMap, result: CMap, conversion: Conversion) -> None:
    about = section(root, "about")
    if about is not None:
        _add(result, "about", convert_about(about, conversion), about)
    extra = section(root, "extra")
    if extra is not None and isinstance(extra.value, CMap):
        _add(result, "extra", extra.value, extra)


def _default_script_note(build: CMap, conversion: Conversion) -> None:
    if not build.get("script") and conversion.folder.has("bld.bat") and not conversion.folder.has("build.bat"):
        conversion.notes.append(Issue(0, "rattler-build runs build.bat, not bld.bat: rename bld.bat to build.bat"))


# --- multi-output -------------------------------------------------------------------------------


def _multi_output(root: CMap, outputs: Entry, conversion: Conversion) -> CMap:
    package = _package(root, conversion)
    result = CMap([Entry("schema_version", 1), Entry("recipe", package)])
    _common_sections(root, result, conversion)
    build_entry = section(root, "build")
    top_build = as_map(build_entry, conversion, "build") if build_entry else CMap()
    shared = CMap()
    for entry in top_build.get("number"):
        shared.add("number", integer_value(entry.value), like=entry)
    skip = convert_skip(top_build.get("skip"))
    if skip is not None:
        shared.entries.insert(0, skip)
    _add(result, "build", shared, build_entry)
    staging = _staging(root, top_build, outputs, package, conversion)
    items = CList()
    if staging is not None:
        items.items.append(Entry(None, staging))
    inherited = CMap([e for e in top_build.entries if e.key not in NOT_INHERITED])
    top_test = section(root, "test")
    top_name = package.value("name")
    for item in outputs.value.items:
        output = _output(item, inherited, staging, conversion, top_test if _named(item, top_name) else None)
        items.items.append(Entry(None, output, (), item.origin, item.index, item.before, item.eol))
    if top_test is not None and not any(_named(i, top_name) for i in outputs.value.items):
        conversion.drop(top_test, "test", "conda-build runs the top-level test of a multi-output recipe for no output")
    result.add("outputs", items, like=outputs).condition = ()
    _about_extra(root, result, conversion)
    return result


def _named(item: Entry, name: Any) -> bool:
    return isinstance(item.value, CMap) and name is not None and item.value.value("name") == name


def _staging(root: CMap, top_build: CMap, outputs: Entry, package: CMap, conversion: Conversion) -> CMap | None:
    requirements_entry = section(root, "requirements")
    requirements = CMap()
    convert_requirements(requirements_entry, conversion, requirements)
    for key in ("run", "run_constraints"):
        for entry in requirements.pop(key):
            conversion.drop(
                entry,
                f"requirements.{'run_constrained' if key == 'run_constraints' else key}",
                "conda-build gives top-level run requirements to no output",
            )
    script = top_build.get("script")
    files_only = any(
        isinstance(i.value, CMap) and i.value.get("files") and not i.value.get("script") for i in outputs.value.items
    )
    has_script = bool(script) or any(conversion.folder.has(n) for n in BUILD_SCRIPTS)
    if not (script or (requirements.entries and (has_script or files_only))):
        for entry in requirements.entries:
            conversion.drop(
                entry, f"requirements.{entry.key}", "no top-level build script uses the top-level requirements"
            )
        return None
    name = package.value("name") or "recipe"
    staging = CMap([Entry("staging", CMap([Entry("name", f"{name}-build")]))])
    build = CMap()
    staging_requirements = CMap([e for e in requirements.entries if e.key in ("build", "host")])
    scratch = convert_build(
        CMap(
            [
                e
                for e in top_build.entries
                if e.key in ("script", "script_env", "ignore_run_exports", "ignore_run_exports_from")
            ]
        ),
        conversion,
        staging_requirements,
    )
    build.entries += scratch.get("script")
    _default_script_note(build, conversion)
    if staging_requirements.entries:
        staging.add("requirements", staging_requirements, like=requirements_entry)
    if build.entries:
        staging.add("build", build)
    return staging


def _output(item: Entry, inherited: CMap, staging: CMap | None, conversion: Conversion, top_test: Entry | None) -> CMap:
    output = as_map(item, conversion, "outputs item")
    for entry in output.entries:
        if entry.key not in OUTPUT_KEYS and entry.key not in OUTPUT_LEGACY_BUILD:
            conversion.issue(entry, f"`{entry.key}` is not a conda-build output key")
        elif entry.key in ("type", "target") and str(entry.value) not in ("conda", "conda_v2"):
            conversion.issue(entry, f"outputs with `{entry.key}: {entry.value}` have no v1 form")
    result = CMap([Entry("package", CMap([e for e in output.entries if e.key in ("name", "version")]))])
    for entry in result.entries[0].value.entries:
        entry.value = _version_text(entry.value) if entry.key == "version" else entry.value
    requirements = CMap()
    build_entry = section(output, "build")
    source_build = as_map(build_entry, conversion, "build") if build_entry else inherited
    legacy = CMap([e for e in output.entries if e.key in OUTPUT_LEGACY_BUILD])
    build = convert_build(CMap(source_build.entries + legacy.entries), conversion, requirements)
    for entry in output.get("script"):
        build.add("script", entry.value, like=entry)
    merge_platform_scripts(build)
    for entry in output.get("files"):
        build.add("files", entry.value if isinstance(entry.value, CMap) else as_list(entry.value, entry), like=entry)
    if item.condition:  # v1 cannot put an output under `if:`; it skips it instead
        _skip_unless(build, item)
    if staging is not None and (output.get("script") or output.get("files")):
        result.add("inherit", staging.entries[0].value.value("name"))
    _add(result, "build", build, build_entry)
    convert_requirements(section(output, "requirements"), conversion, requirements)
    _add(result, "requirements", requirements, section(output, "requirements"))
    test = section(output, "test") or top_test
    language = test_language(requirements)
    _add(result, "tests", convert_tests(test, conversion, run_test_files=top_test is not None, language=language), test)
    about = section(output, "about")
    if about is not None:
        _add(result, "about", convert_about(about, conversion), about)
    for entry in output.get("extra"):
        conversion.drop(entry, "outputs[].extra", "rattler-build takes `extra` only at the top level")
    return result


def _skip_unless(build: CMap, item: Entry) -> None:
    skips = build.pop("skip")
    condition = negated_condition(item.condition)
    if skips and skips[0].value is True:
        build.entries.insert(0, skips[0])
        return
    existing = list(skips[0].value.items) if skips and isinstance(skips[0].value, CList) else []
    existing.append(Entry(None, condition, (), item.origin))
    build.entries.insert(0, Entry("skip", CList(existing), (), item.origin))
    item.condition = ()
