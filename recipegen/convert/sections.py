"""v0 sections -> v1 sections, on trees whose entries keep their conditions (recipegen.convert.tree).

The key map follows CEP 14 and conda-forge's v1 conventions (docs/convert.md lists every key):
`source.fn` -> `file_name`, `build.entry_points` -> `build.python.entry_points`,
`build.run_exports` -> `requirements.run_exports`, `run_constrained` -> `run_constraints`,
`about.home` -> `homepage`, ... Keys v1 dropped become notes; keys with no v1 form become issues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from recipegen.convert.conditions import Condition, join_condition, negate
from recipegen.convert.expressions import BUILD_TIME_EXPRESSION
from recipegen.convert.template import Issue
from recipegen.convert.tree import CList, CMap, Entry

SOURCE_KEYS = {
    "url": "url",
    "sha256": "sha256",
    "md5": "md5",
    "fn": "file_name",
    "folder": "target_directory",
    "patches": "patches",
    "git_url": "git",
    "git_rev": "rev",
    "git_tag": "tag",
    "git_branch": "branch",
    "git_depth": "depth",
    "path": "path",
}
SOURCE_REFUSED = {
    "hg_url": "Mercurial sources",
    "hg_tag": "Mercurial sources",
    "svn_url": "Subversion sources",
    "svn_rev": "Subversion sources",
    "sha1": "`sha1` checksums",
}
ARCHIVE = re.compile(r"\.(tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tar|zip|7z)$", re.IGNORECASE)
SOURCE_DROPPED = ("no_hoist", "path_via_symlink", "svn_ignore_externals")
BUILD_KEYS = {
    "number": ("number",),
    "string": ("string",),
    "noarch": ("noarch",),
    "entry_points": ("python", "entry_points"),
    "osx_is_app": ("python", "use_python_app_entrypoint"),
    "skip_compile_pyc": ("python", "skip_pyc_compilation"),
    "python_site_packages_path": ("python", "site_packages_path"),
    "merge_build_host": ("merge_build_and_host_envs",),
    "no_link": ("always_copy_files",),
    "always_include_files": ("always_include_files",),
    "rpaths": ("dynamic_linking", "rpaths"),
    "binary_relocation": ("dynamic_linking", "binary_relocation"),
    "missing_dso_whitelist": ("dynamic_linking", "missing_dso_allowlist"),
    "runpath_whitelist": ("dynamic_linking", "rpath_allowlist"),
    "ignore_prefix_files": ("prefix_detection", "ignore"),
    "has_prefix_files": ("prefix_detection", "force_file_type", "text"),
    "binary_has_prefix_files": ("prefix_detection", "force_file_type", "binary"),
    "force_use_keys": ("variant", "use_keys"),
    "force_ignore_keys": ("variant", "ignore_keys"),
    "ignore_version": ("variant", "ignore_keys"),
}
BUILD_TO_REQUIREMENTS = {
    "run_exports": ("run_exports",),
    "ignore_run_exports": ("ignore_run_exports", "by_name"),
    "ignore_run_exports_from": ("ignore_run_exports", "from_package"),
}
BUILD_DROPPED = {
    "activate_in_script": "v1 always activates the build environment",
    "include_recipe": "v1 always includes the rendered recipe",
    "preserve_egg_dir": "rattler-build does not read it",
    "disable_pip": "rattler-build does not read it",
    "overlinking_ignore_patterns": "removed in v1 (CEP 14)",
    "pin_depends": "removed in v1 (CEP 14)",
}
BUILD_REFUSED = {
    "features": "`features` were removed in v1 (use a variant with `down_prioritize_variant`)",
    "requires_features": "`requires_features` were removed in v1",
    "provides_features": "`provides_features` were removed in v1",
    "noarch_python": "`noarch_python` was removed in v1 (use `noarch: python`)",
    "pre-link": "link scripts in the recipe were removed in v1",
    "post-link": "link scripts in the recipe were removed in v1",
    "pre-unlink": "link scripts in the recipe were removed in v1",
}
REQUIREMENT_KEYS = {"build": "build", "host": "host", "run": "run", "run_constrained": "run_constraints"}
ABOUT_KEYS = {
    "home": "homepage",
    "dev_url": "repository",
    "doc_url": "documentation",
    "summary": "summary",
    "description": "description",
    "license": "license",
    "license_file": "license_file",
}
ABOUT_DROPPED = (
    "license_family",
    "license_url",
    "doc_source_url",
    "tags",
    "keywords",
    "identifiers",
    "prelink_message",
    "readme",
)


PIN_WITH_BUILD = re.compile(r"^\$\{\{\s*(?P<call>pin_(?:subpackage|compatible)\(.*\))\s*\}\}\s+(?P<build>\S.*)$")


def fix_spec(value: Any) -> Any:
    """A requirement in the form rattler-build accepts (recipegen.convert.specs); a pin followed
    by a build string (`{{ pin_subpackage('x') }} {{ build }}`) takes it as `build=`."""
    from recipegen.convert.specs import canonical_spec

    if not isinstance(value, str):
        return value
    pinned = PIN_WITH_BUILD.match(value.strip())
    if pinned:
        return _pin_with_build(pinned.group("call"), pinned.group("build"), value)
    return canonical_spec(value)


def _pin_with_build(call: str, build: str, original: str) -> str:
    from jinja2 import nodes

    from recipegen.convert.expressions import Untranslatable, parse_expression, print_expression

    try:
        tree = parse_expression(call)
        suffix = template_expression(build)
    except Untranslatable:
        return original
    if not isinstance(tree, nodes.Call) or any(k.key == "build" for k in tree.kwargs):
        return original
    tree = nodes.Call(tree.node, tree.args, [*tree.kwargs, nodes.Keyword("build", suffix)], None, None)
    return "${{ " + print_expression(tree) + " }}"


def template_expression(text: str) -> Any:
    """Text with `${{ expr }}` parts as one expression: `${{ mpi_prefix }}_*` -> `mpi_prefix ~ "_*"`
    (an expression cannot hold a template)."""
    from jinja2 import nodes

    from recipegen.convert.expressions import parse_expression

    parts: list[nodes.Expr] = []
    for index, piece in enumerate(re.split(r"\$\{\{(.*?)\}\}", text)):
        if index % 2:
            parts.append(parse_expression(piece.strip()))
        elif piece:
            parts.append(nodes.Const(piece))
    if len(parts) == 1:
        return parts[0]
    return nodes.Concat(parts)


@dataclass
class Folder:
    """What the recipe folder holds that the conversion needs (read at the edge)."""

    files: frozenset[str] = frozenset()

    def has(self, name: str) -> bool:
        return name in self.files


@dataclass
class Conversion:
    issues: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)
    folder: Folder = field(default_factory=Folder)
    dropped: set[str] = field(default_factory=set)  # notes already given once

    def issue(self, entry: Entry | None, message: str) -> None:
        self.issues.append(Issue(entry.origin if entry else 0, message))

    def drop(self, entry: Entry, what: str, why: str) -> None:
        if what not in self.dropped:
            self.dropped.add(what)
            self.notes.append(Issue(entry.origin, f"`{what}` dropped: {why}"))


# --- small tree helpers ------------------------------------------------------------------------


def as_map(entry: Entry, conversion: Conversion, what: str) -> CMap:
    if isinstance(entry.value, CMap):
        return entry.value
    if entry.value is None:
        return CMap()
    conversion.issue(entry, f"`{what}` should be a mapping")
    return CMap()


def as_list(value: Any, like: Entry) -> CList:
    """A list value; a scalar becomes a one-item list (v1 wants lists)."""
    if isinstance(value, CList):
        return value
    if value is None:
        return CList()
    return CList([Entry(None, value, (), like.origin, like.index)])


def put(target: CMap, path: tuple[str, ...], entry: Entry, value: Any) -> None:
    """Add `value` at `path` under `target`, nested maps created unconditional, `entry`'s condition kept."""
    node = target
    for key in path[:-1]:
        existing = [e for e in node.get(key) if isinstance(e.value, CMap) and not e.condition]
        if existing:
            node = existing[-1].value
        else:
            child = CMap()
            node.entries.append(Entry(key, child))
            node = child
    node.add(path[-1], value, like=entry)


def entries_of(node: CMap | None) -> list[Entry]:
    return list(node.entries) if node else []


def with_condition(entry: Entry, condition: Condition) -> Entry:
    return Entry(
        entry.key, entry.value, condition + entry.condition, entry.origin, entry.index, entry.before, entry.eol
    )


# --- source ---------------------------------------------------------------------------------------


def convert_source(entry: Entry, conversion: Conversion) -> Any:
    if isinstance(entry.value, CList):
        return CList(
            [
                Entry(None, _source_item(i, conversion), i.condition, i.origin, i.index, i.before, i.eol)
                for i in entry.value.items
            ]
        )
    return _source_item(entry, conversion)


def _source_item(entry: Entry, conversion: Conversion) -> CMap:
    result = CMap()
    for child in entries_of(as_map(entry, conversion, "source")):
        key = child.key or ""
        if key in SOURCE_REFUSED:
            conversion.issue(child, f"`source.{key}`: {SOURCE_REFUSED[key]} have no v1 form")
        elif key in SOURCE_DROPPED:
            conversion.drop(child, f"source.{key}", "rattler-build does not read it")
        elif key == "fn" and isinstance(child.value, str) and ARCHIVE.search(child.value):
            conversion.drop(
                child,
                "source.fn",
                "rattler-build names the download itself, and `file_name` would stop it unpacking the archive",
            )
        elif key in SOURCE_KEYS:
            value = as_list(child.value, child) if key == "patches" else child.value
            value = integer_value(value) if key == "git_depth" else value
            result.add(SOURCE_KEYS[key], value, like=child)
        else:
            conversion.issue(child, f"`source.{key}` is not a conda-build source key")
    return result


# --- build ------------------------------------------------------------------------------------


def convert_build(build: CMap, conversion: Conversion, requirements: CMap) -> CMap:
    """v1 `build` from a v0 `build`; run-exports keys go into `requirements`."""
    result = CMap()
    script_env: list[Entry] = []
    for child in entries_of(build):
        key = child.key or ""
        if key == "skip":
            continue
        if key in BUILD_KEYS:
            value = integer_value(child.value) if key == "number" else child.value
            if key in ("entry_points", "rpaths", "missing_dso_whitelist", "runpath_whitelist", "always_include_files"):
                value = as_list(value, child)
            put(result, BUILD_KEYS[key], child, value)
        elif key in BUILD_TO_REQUIREMENTS:
            value = child.value if isinstance(child.value, CMap) else as_list(child.value, child)
            if key == "run_exports":
                for kind in value.entries if isinstance(value, CMap) else [Entry(None, value)]:
                    if isinstance(kind.value, CList):
                        fix_specs(kind.value)
            put(requirements, BUILD_TO_REQUIREMENTS[key], child, value)
        elif key == "track_features":
            count = len(as_list(child.value, child).items)
            put(result, ("variant", "down_prioritize_variant"), child, count)
        elif key == "detect_binary_files_with_prefix":
            if child.value in (False, "false", "False"):
                put(result, ("prefix_detection", "ignore_binary_files"), child, True)
        elif key in ("error_overlinking", "error_overdepending"):
            if child.value in (True, "true", "True"):
                name = "overlinking_behavior" if key == "error_overlinking" else "overdepending_behavior"
                put(result, ("dynamic_linking", name), child, "error")
        elif key == "script":
            result.add("script", child.value, like=child)
        elif key == "script_env":
            script_env.append(child)
        elif key in BUILD_DROPPED:
            conversion.drop(child, f"build.{key}", BUILD_DROPPED[key])
        elif key in BUILD_REFUSED and _empty(child.value):
            conversion.drop(child, f"build.{key}", "empty")
        elif key in BUILD_REFUSED:
            conversion.issue(child, BUILD_REFUSED[key])
        else:
            conversion.issue(child, f"`build.{key}` is not a conda-build build key")
    skip = convert_skip(build.get("skip") if build else [])
    if skip is not None:
        result.entries.insert(0, skip)
    merge_conditional_commands(result)
    if script_env:
        _script_environment(result, script_env, conversion)
    merge_platform_scripts(result)
    return result


def merge_conditional_commands(build: CMap) -> None:
    """`script: a  # [unix]` + `script: b  # [win]` (commands, not files) -> one list of commands,
    each under its condition (`if:`/`then:`/`else:` items instead of an expression holding both)."""
    scripts = build.get("script")
    if len(scripts) < 2 or not all(e.condition for e in scripts) or any(_is_file(e.value) for e in scripts):
        return
    if not all(isinstance(e.value, (str, CList)) for e in scripts):
        return
    commands = CList()
    for entry in scripts:
        items = entry.value.items if isinstance(entry.value, CList) else [Entry(None, entry.value, (), entry.origin)]
        for item in items:
            commands.items.append(
                Entry(
                    None, item.value, entry.condition + item.condition, item.origin, item.index, item.before, item.eol
                )
            )
    first = scripts[0]
    position = build.entries.index(first)
    build.pop("script")
    build.entries.insert(position, Entry("script", commands, (), first.origin, first.index, first.before))


def convert_skip(entries: list[Entry], extra: list[str] | None = None) -> Entry | None:
    """`skip: true  # [win]` entries -> one `skip:` list of conditions (any true skips)."""
    conditions: list[str] = []
    origin = entries[0].origin if entries else 0
    for entry in entries:
        value = entry.value
        text = value.strip() if isinstance(value, str) else value
        if text in (False, None, "false", "False", "no", "0", 0, ""):
            continue
        if isinstance(text, str) and text.startswith("${{") and text.endswith("}}"):
            atoms = (*entry.condition, text[3:-2].strip())
        else:
            atoms = entry.condition
        conditions.append(join_condition(atoms) if atoms else "true")
    conditions += extra or []
    if not conditions:
        return None
    unique = list(dict.fromkeys(conditions))
    skip: Any = True if "true" in unique else CList([Entry(None, c, (), origin) for c in unique])
    first = entries[0] if entries else None
    return Entry(
        "skip",
        skip,
        (),
        origin,
        first.index if first else -1,
        first.before if first else "",
        first.eol if first else "",
    )


# a variable passed through from the build machine that holds a credential: v1 `script.secrets`
CREDENTIAL = re.compile(r"TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL", re.IGNORECASE)


def _script_environment(build: CMap, script_env: list[Entry], conversion: Conversion) -> None:
    """`script_env: [NAME=value, NAME]` -> `script: {env: {...}, content|file: ...}`; a passed
    through credential (`GITHUB_TOKEN`) -> `script.secrets` (rattler-build masks it in the logs and
    keeps it out of the rendered recipe, where `env.get` would write its value).

    A value naming a build-time path (`{{ PREFIX }}`) cannot be an `env` value in v1 (it is
    rendered before the build): it becomes an `export`/`set` line at the top of the commands."""
    env = CMap()
    secrets = CList()
    late: list[Entry] = []
    for holder in script_env:
        for item in as_list(holder.value, holder).items:
            name, sep, value = str(item.value).partition("=")
            if not sep and CREDENTIAL.search(name):  # passed through, never written into the recipe
                secrets.items.append(Entry(None, name.strip(), holder.condition + item.condition, item.origin))
                continue
            if not sep:
                value = '${{ env.get("' + name.strip() + '", default="") }}'
            entry = Entry(
                name.strip(), value, holder.condition + item.condition, item.origin, item.index, item.before, item.eol
            )
            (late if BUILD_TIME_EXPRESSION.search(value) else env.entries).append(entry)
    late_names = {e.key for e in late}
    late += [e for e in env.entries if e.key in late_names]  # one name: all its values as lines
    env.entries = [e for e in env.entries if e.key not in late_names]
    scripts = build.pop("script")
    script = CMap([Entry("env", env)] if env.entries else [])
    if secrets.items:
        script.entries.append(Entry("secrets", secrets))
    if late:
        _export_lines(scripts, late, build, conversion)
    if not scripts:
        script.entries.append(Entry("file", "build", (), script_env[0].origin))
        conversion.notes.append(
            Issue(script_env[0].origin, "`script_env` needs the script named: `file: build` runs build.sh / build.bat")
        )
    for entry in scripts:
        key = (
            "content"
            if isinstance(entry.value, CList) or "\n" in str(entry.value) or not _is_file(entry.value)
            else "file"
        )
        script.entries.append(
            Entry(key, entry.value, entry.condition, entry.origin, entry.index, entry.before, entry.eol)
        )
    if not env.entries and not secrets.items and len(script.entries) == 1 and script.entries[0].key == "content":
        build.entries.append(Entry("script", script.entries[0].value, (), script_env[0].origin))  # plain commands
        return
    build.entries.append(Entry("script", script, (), script_env[0].origin))


def _export_lines(scripts: list[Entry], late: list[Entry], build: CMap, conversion: Conversion) -> None:
    """Put `export NAME="value"` (unix) / `set "NAME=value"` (win) in front of the commands."""
    if len(scripts) != 1 or scripts[0].condition or _is_file(scripts[0].value):
        conversion.issue(late[0], f"`script_env: {late[0].key}=...` uses a build-time path: set it in the build script")
        return
    lines: list[Entry] = []
    for entry in late:
        for platform, form in (
            ("unix", f'export {entry.key}="{entry.value}"'),
            ("win", f'set "{entry.key}={entry.value}"'),
        ):
            if negate(platform) not in entry.condition and not _excludes(entry.condition, platform):
                lines.append(Entry(None, form, (*entry.condition, platform), entry.origin, -1, entry.before, entry.eol))
    commands = (
        scripts[0].value
        if isinstance(scripts[0].value, CList)
        else CList([Entry(None, scripts[0].value, (), scripts[0].origin)])
    )
    scripts[0].value = CList(lines + commands.items)


def _excludes(condition: tuple[str, ...], platform: str) -> bool:
    """`win` excludes unix, `unix`/`linux`/`osx` exclude win."""
    unix_only = {"unix", "linux", "osx", "not win"}
    return (platform == "unix" and "win" in condition) or (platform == "win" and bool(unix_only & set(condition)))


def integer_value(value: Any) -> Any:
    """conda-build reads numbers as text; v1 wants a build number or a depth as an integer."""
    return int(value) if isinstance(value, str) and value.strip().lstrip("-").isdigit() else value


def _empty(value: Any) -> bool:
    return value in (None, "", False) or (isinstance(value, CList) and not value.items)


def _is_file(value: Any) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"[\w./-]+\.(sh|bat|py|pl|ps1)", value.strip()))


def merge_platform_scripts(build: CMap) -> None:
    """`script: x.sh  # [unix]` + `script: x.bat  # [win]` -> `script: x` (rattler-build adds the extension)."""
    scripts = build.get("script")
    if len(scripts) != 2 or not all(isinstance(e.value, str) for e in scripts):
        return
    by_suffix = {str(e.value).rsplit(".", 1)[-1]: e for e in scripts if "." in str(e.value)}
    unix, win = by_suffix.get("sh"), by_suffix.get("bat")
    if not unix or not win or str(unix.value)[:-3] != str(win.value)[:-4]:
        return
    if unix.condition not in (("unix",), ("not win",)) or win.condition not in (("win",), ("not unix",)):
        return
    build.pop("script")
    build.add("script", str(unix.value)[:-3], like=unix).condition = ()


# --- requirements -------------------------------------------------------------------------------


def convert_requirements(entry: Entry | None, conversion: Conversion, target: CMap) -> CMap:
    if entry is None:
        return target
    node = entry.value
    if isinstance(node, CList):  # an output's `requirements: [a, b]` is its run requirements
        node = CMap([Entry("run", node, (), entry.origin, entry.index)])
    for child in entries_of(node if isinstance(node, CMap) else None):
        key = child.key or ""
        if key not in REQUIREMENT_KEYS:
            conversion.issue(child, f"`requirements.{key}` is not a conda-build requirements key")
            continue
        items = as_list(child.value, child)
        fix_specs(items)
        if items.items or child.condition:
            target.add(REQUIREMENT_KEYS[key], items, like=child)
    return target


def fix_specs(items: CList) -> None:
    for item in items.items:
        if isinstance(item.value, str):
            item.value = fix_spec(item.value)
        elif isinstance(item.value, CList):
            fix_specs(item.value)


# --- about / extra ----------------------------------------------------------------------------


URL_LIST = re.compile(r"^\s*(?P<first>https?://[^\s,]+)(?:\s*[,\s]\s*https?://[^\s,]+)+\s*$")


def convert_about(entry: Entry, conversion: Conversion) -> CMap:
    result = CMap()
    about = as_map(entry, conversion, "about")
    for child in entries_of(about):
        key = child.key or ""
        if key == "home" and isinstance(child.value, str) and URL_LIST.match(child.value):
            _split_home(child, about, result, conversion)
        elif key in ABOUT_KEYS:
            result.add(ABOUT_KEYS[key], child.value, like=child)
        elif key in ABOUT_DROPPED:
            conversion.drop(child, f"about.{key}", "v1 has no such field")
        else:
            conversion.drop(child, f"about.{key}", "not a v1 about field")
    return result


CODE_HOSTS = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.|bitbucket\.org|codeberg\.org|git\.sr\.ht)")


def _split_home(child: Entry, about: CMap, result: CMap, conversion: Conversion) -> None:
    """`home: https://a, https://github.com/b` (conda-build takes any text; CRAN's URL field) ->
    one URL each: the project's site as homepage, the code host as repository, another URL as
    documentation (where the recipe has none of its own); a URL left over is named in a note."""
    urls = list(dict.fromkeys(re.findall(r"https?://[^\s,]+", str(child.value))))
    hosted = [u for u in urls if CODE_HOSTS.match(u)]
    placed = {"homepage": next((u for u in urls if u not in hosted), urls[0])}
    repository = next((u for u in hosted if u != placed["homepage"]), None)
    if repository and not about.get("dev_url"):
        placed["repository"] = repository
    documentation = next((u for u in urls if u not in placed.values() and u not in hosted), None)
    if documentation and not about.get("doc_url"):
        placed["documentation"] = documentation
    for key, url in placed.items():
        added = result.add(key, url, like=child)
        if key != "homepage":
            added.before = added.eol = ""
    left = [u for u in urls if u not in placed.values()]
    conversion.notes.append(
        Issue(
            child.origin,
            "`about.home` lists several URLs: "
            + ", ".join(f"{key} {url}" for key, url in placed.items())
            + (f"; not kept: {', '.join(left)}" if left else ""),
        )
    )


def negated_condition(condition: Condition) -> str:
    return negate(join_condition(condition))
