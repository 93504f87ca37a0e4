"""Render a v1 recipe with rattler-build itself (py-rattler-build), as the builder will.

The check every generator and `recipegen lint` (rule `render-fails`) share: parse the recipe with
rattler-build's own parser, then render it for each of conda-forge's main platforms with the
variant values of the shipped conda-forge global pinning (`conda_build_config.yaml`, selectors
evaluated per target) merged with the recipe folder's variant files. A failure names the
platform, rattler-build's message and the position in the recipe.

rattler-build puts no bound on the work a recipe asks for, so two guards come first, each a
failure marked `refused`: expressions that would build huge values (recipegen.render_guard)
and more than MAX_COMBINATIONS variant combinations on one platform.

`rattler_build` is imported lazily (it is a large extension module): `validate` and `lint` start
without it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recipegen.condaforge import data_text
from recipegen.render_guard import over_limit

if TYPE_CHECKING:  # pragma: no cover
    from rattler_build import VariantConfig

VARIANT_FILE_NAMES = ("conda_build_config.yaml", "variants.yaml")  # merged in this order, last wins
# rattler-build renders every combination of the variant values a recipe uses (about 1 ms each):
# above this many on one platform the render is refused rather than run for minutes.
MAX_COMBINATIONS = 1000


@dataclass(frozen=True)
class Platform:
    """A target platform and the platform the build runs on (they differ when cross-compiling)."""

    target: str
    build: str

    @property
    def label(self) -> str:
        return self.target if self.target == self.build else f"{self.target} (cross-compiled from {self.build})"


# conda-forge's main platforms, with the two cross-compiled ones built where conda-forge builds them.
PLATFORMS: tuple[Platform, ...] = (
    Platform("linux-64", "linux-64"),
    Platform("win-64", "win-64"),
    Platform("osx-arm64", "osx-64"),
    Platform("linux-aarch64", "linux-64"),
)


@dataclass(frozen=True)
class VariantFile:
    """A variant file's name (`variants.yaml` or `conda_build_config.yaml`) and text."""

    name: str
    text: str


@dataclass(frozen=True)
class RenderFailure:
    """rattler-build refused the recipe; `platform` is None when parsing failed (every platform)."""

    message: str
    line: int = 1
    column: int = 1
    platform: Platform | None = None
    file: str = ""  # set when the failure is in a variant file, not the recipe
    refused: bool = False  # recipegen did not hand it to rattler-build (work beyond its limits)
    located: bool = True  # False: nothing in the message or the text said where (line 1, column 1)

    def describe(self, platforms: Sequence[Platform] = ()) -> str:
        """One line: where rattler-build fails (`platforms`, default this failure's) and its message."""
        platforms = platforms or ([self.platform] if self.platform else [])
        where = f"on {_platform_list(platforms)}" if platforms else "when parsing"
        source = f" (in {self.file})" if self.file else ""
        lead = "recipegen does not render it" if self.refused else "rattler-build fails"
        return f"{lead} {where}{source}: {self.message}"


def _platform_list(platforms: Sequence[Platform]) -> str:
    if set(platforms) == set(PLATFORMS):
        return "every platform (" + ", ".join(p.target for p in PLATFORMS) + ")"
    labels = [p.label for p in platforms]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def grouped_failures(failures: Iterable[RenderFailure]) -> list[tuple[RenderFailure, list[Platform]]]:
    """Failures with the same message at the same place, once, with every platform they occur on."""
    groups: dict[tuple[str, int, int, str], tuple[RenderFailure, list[Platform]]] = {}
    for failure in failures:
        key = (failure.message, failure.line, failure.column, failure.file)
        _, platforms = groups.setdefault(key, (failure, []))
        if failure.platform:
            platforms.append(failure.platform)
    return list(groups.values())


@dataclass(frozen=True)
class RenderedVariant:
    """One rendered variant: the platform, the variant values used and the stage-1 recipe as data."""

    platform: Platform
    variant: dict[str, Any]
    recipe: dict[str, Any]


@dataclass
class RenderResult:
    failures: list[RenderFailure] = field(default_factory=list)
    variants: list[RenderedVariant] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def render_recipe(
    text: str,
    recipe_path: str | Path,
    *,
    variant_files: Sequence[VariantFile] = (),
    platforms: Iterable[Platform] = PLATFORMS,
    v3: bool = False,
    variants: bool = True,
) -> RenderResult:
    """Parse `text` (the recipe at `recipe_path`) with rattler-build and render it per platform.

    `v3` parses with the V3 repodata revision (needed for CEP 44 `requirements.extras`). The
    recipe file is not read or written: `recipe_path` only anchors relative paths. `variants=False`
    leaves the rendered variants out of the result (only the failures are wanted: converting
    each stage-1 recipe to data is about 5 % of the render).
    """
    result = RenderResult()
    limit = over_limit(text)
    if limit:
        message, expression = limit
        line, column = _find_value(text, expression.strip().removeprefix("${{ ").removesuffix(" }}").splitlines()[0])
        result.failures.append(RenderFailure(f"{message}: {expression[:80]}", line, column, refused=True))
        return result
    try:
        recipe = _parsed(text, str(recipe_path), v3)
    except Exception as exc:  # rattler-build's parse errors are all PyRattlerBuildError
        result.failures.append(_failure(exc, text))
        return result
    for platform in platforms:
        try:
            config = _variant_config(platform, tuple(variant_files))
        except _VariantFileError as exc:
            result.failures.append(_failure(exc, exc.text, platform, exc.file))
            continue
        rendered = _render_platform(recipe, text, platform, config, v3, result, variant_files)
        if variants:
            for variant in rendered:
                result.variants.append(RenderedVariant(platform, dict(variant.variant), variant.recipe.to_dict()))
    return result


@lru_cache(maxsize=8)
def _parsed(text: str, recipe_path: str, v3: bool) -> Any:
    """rattler-build's parsed recipe, kept for the next call: `render-fails` parses a recipe alone
    first, then renders it (rendering leaves the parsed recipe as it is)."""
    return _parse(text, Path(recipe_path), v3)


@lru_cache(maxsize=64)
def _variant_config(platform: Platform, files: tuple[VariantFile, ...]) -> VariantConfig:
    """`variant_config` for `files` (by content), loaded once: a recipe is rendered again with
    `--v3` or after a parse failure is set aside, and a feedstock's recipes share their files
    (rendering leaves the config as it is). A variant file's failure is raised every time."""
    if not files:
        return _global_pinning(platform)
    with tempfile.TemporaryDirectory(prefix="recipegen-render-") as scratch:
        return variant_config(platform, files, Path(scratch))


V3_FLAG = "--v3"  # named in rattler-build's message when a recipe needs the V3 parser (CEP 44 extras)


def v3_failure(result: RenderResult) -> RenderFailure | None:
    """The failure by which rattler-build asks for its V3 parser (`requirements.extras`), if any."""
    return next((f for f in result.failures if V3_FLAG in f.message), None)


def variant_files_among(files: Mapping[str, str]) -> list[VariantFile]:
    """The variant files among files written next to a recipe (name -> text), in merge order."""
    return [VariantFile(name, files[name]) for name in VARIANT_FILE_NAMES if name in files]


def recipe_folder_variant_files(folder: Path) -> list[VariantFile]:
    """The variant files next to a recipe, in the order they are merged."""
    found = []
    for name in VARIANT_FILE_NAMES:
        path = folder / name
        if path.is_file():
            found.append(VariantFile(name, path.read_text(encoding="utf-8", errors="replace")))
    return found


def _parse(text: str, recipe_path: Path, v3: bool) -> Any:
    from rattler_build import MultiOutputRecipe, RepodataRevision, SingleOutputRecipe
    from rattler_build._rattler_build import stage0 as _stage0

    revision = RepodataRevision.V3 if v3 else RepodataRevision.LEGACY
    wrapper = _stage0.Stage0Recipe.from_yaml(text, repodata_revision=revision)
    if wrapper.is_single_output():
        return SingleOutputRecipe(wrapper.as_single_output(), wrapper, recipe_path, repodata_revision=revision)
    return MultiOutputRecipe(wrapper.as_multi_output(), wrapper, recipe_path, repodata_revision=revision)


def _render_platform(
    recipe: Any,
    text: str,
    platform: Platform,
    config: Any,
    v3: bool,
    result: RenderResult,
    files: Sequence[VariantFile] = (),
) -> list[Any]:
    """rattler-build's rendered variants of `recipe` on `platform`; a failure goes to `result`."""
    from rattler_build import PlatformConfig, RenderConfig, RepodataRevision

    settings = PlatformConfig(
        target_platform=platform.target, build_platform=platform.build, host_platform=platform.target
    )
    revision = RepodataRevision.V3 if v3 else RepodataRevision.LEGACY
    bound = combinations_bound(config, text)
    if bound > MAX_COMBINATIONS:
        message = f"up to {bound} variant combinations, more than the {MAX_COMBINATIONS} it renders"
        result.failures.append(RenderFailure(message, platform=platform, refused=True))
        return []
    try:
        return recipe.render(config, RenderConfig(settings, repodata_revision=revision))
    except Exception as exc:
        zipped = _ZIP_KEY_LENGTH.search(str(exc))
        failure = _zip_failure(zipped.group(1), config, files, platform) if zipped else None
        result.failures.append(failure or _failure(exc, text, platform))
        return []


def combinations_bound(config: VariantConfig, text: str) -> int:
    """At most how many variants rattler-build renders: the product of the value counts of the
    variant keys whose name occurs in `text` (zipped keys count once)."""
    words = set(re.findall(r"[A-Za-z_][\w.-]*", text))
    words |= {word.replace("-", "_") for word in words}
    used = [key for key in config if key in words]
    groups = [set(group) for group in (config.zip_keys or [])]
    bound, counted = 1, set()
    for key in used:
        if key in counted:
            continue
        group = next((g for g in groups if key in g), {key})
        counted |= group
        bound *= max(len(config.get_values(k) or [None]) for k in group)
    return bound


class _VariantFileError(Exception):
    def __init__(self, file: VariantFile, message: str) -> None:
        super().__init__(message)
        self.file = file.name
        self.text = file.text
        self.message = message


def variant_config(platform: Platform, files: Sequence[VariantFile], scratch: Path) -> VariantConfig:
    """conda-forge's global pinning for `platform`, merged with `files` (later files win)."""
    config = _global_pinning(platform)
    for index, file in enumerate(files):
        config = config.merge(_load_variant_file(platform, file, scratch / f"{index}-{file.name}"))
    return config


@cache
def _global_pinning(platform: Platform) -> VariantConfig:
    with tempfile.TemporaryDirectory(prefix="recipegen-pinning-") as scratch:
        path = Path(scratch) / "conda_build_config.yaml"
        path.write_text(data_text("conda-forge-pinning.yaml"), encoding="utf-8")
        return _load_conda_build_config(platform, path)


def _load_conda_build_config(platform: Platform, path: Path) -> VariantConfig:
    from rattler_build import JinjaConfig, PlatformConfig, VariantConfig

    settings = PlatformConfig(
        target_platform=platform.target, build_platform=platform.build, host_platform=platform.target
    )
    return VariantConfig.from_conda_build_config(path, JinjaConfig(platform=settings))


def _load_variant_file(platform: Platform, file: VariantFile, path: Path) -> VariantConfig:
    from rattler_build import JinjaConfig, PlatformConfig, VariantConfig

    path.write_text(file.text, encoding="utf-8")
    try:
        if file.name == "conda_build_config.yaml":
            return _load_conda_build_config(platform, path)
        settings = PlatformConfig(
            target_platform=platform.target, build_platform=platform.build, host_platform=platform.target
        )
        return VariantConfig.from_file_with_context(path, JinjaConfig(platform=settings))
    except Exception as exc:
        raise _VariantFileError(file, " ".join(str(exc).split()).replace(str(path), file.name)) from None


# --- messages and positions ----------------------------------------------------------------------

_SPAN = re.compile(r"line: (\d+), column: (\d+)")
_DUPLICATE_KEY = re.compile(r"Duplicate key .*? at \d+:\d+ and (\d+):(\d+)")
_YAML_POSITION = re.compile(r"(?:Failed to parse YAML: |message: \")(\d+):(\d+):")
_FIELD = re.compile(r'field: "(?P<field>[^"]+)"')
_UNKNOWN_FIELD = re.compile(r"unknown (?:top-level )?field [`'](?P<key>[^`']+)[`']")
_INVALID_VALUE = re.compile(r"invalid value for '(?P<key>[^']+)'(?::.*?: (?P<value>\S+)\s*$)?")
_MATCH_SPEC = re.compile(r"[Ii]nvalid match spec '(?P<spec>[^']+)'")
_RANGE_SPEC = re.compile(r"missing range specifier for '(?P<spec>[^']+)'")
_AT_LINE = re.compile(r"at line (\d+) column (\d+)")
_INVALID_TYPE = re.compile(r'invalid type: \w+ \\?"([^"\\]+)\\?"')
_LIST_ITEM = re.compile(r"^\s*-\s+(?:then:\s+|else:\s+)?(?P<body>\S.*)$")
_IF_EXPRESSION = re.compile(r"^(\s*(?:-\s+)?)if:\s*(?P<expr>.*?)\s*(?:#.*)?$")


_ZIP_KEY_LENGTH = re.compile(r'InvalidZipKeyLength\("([^"]+)"\)')


def _zip_failure(key: str, config: Any, files: Sequence[VariantFile], platform: Platform) -> RenderFailure | None:
    """rattler-build's `InvalidZipKeyLength("key")` said in words, placed at the variant file's key
    whose list has another length than the rest of its zip group (the shipped pinning otherwise)."""
    group = next((list(g) for g in (config.zip_keys or []) if key in g), [key])
    lengths = {k: len(config.get_values(k) or []) for k in group}
    said = ", ".join(f"`{k}` {n}" for k, n in lengths.items())
    message = f"the variant keys zipped together ({said} value(s)) need lists of the same length"
    counts = list(lengths.values())
    odd_first = sorted(group, key=lambda k: counts.count(lengths[k]))  # the rarest length first
    for file in reversed(files):  # the last file given wins the merge
        for name in odd_first:
            found = re.search(rf"^{re.escape(name)}\s*:", file.text, re.MULTILINE)
            if found:
                line, column = _position(file.text, found.start())
                return RenderFailure(message, line, column, platform, file.name)
    return RenderFailure(message, platform=platform, located=False)


def _failure(exc: BaseException, text: str, platform: Platform | None = None, file: str = "") -> RenderFailure:
    """rattler-build's exception as a failure placed in `text` (the recipe, or the variant file `file`)."""
    raw = " ".join(str(exc).split())
    found = find_position(raw, text)
    line, column = found or (1, 1)
    return RenderFailure(clean_message(raw), line, column, platform, file, located=found is not None)


def _quoted(message: str, name: str) -> str | None:
    found = re.search(rf'{name}: "((?:[^"\\]|\\.)*)"', message)
    return re.sub(r"\\(.)", r"\1", found.group(1)) if found else None


def clean_message(message: str) -> str:
    """rattler-build's message on one line, without the Rust debug dump around it (spans, paths)."""
    message = re.sub(r" \^+(?= |$)", "", " ".join(message.split()))  # the `^^^^` under a value
    reason = _quoted(message, "reason")
    if reason is not None:
        field_name = _FIELD.search(message)
        suggestion = re.search(r'suggestion: Some\("((?:[^"\\]|\\.)*)"\)', message)
        prefix = f"invalid {field_name.group('field')}: " if field_name else ""
        return prefix + reason + (f" ({suggestion.group(1)})" if suggestion else "")
    inner = _quoted(message, "message")
    if inner is not None:
        return re.sub(r"^\d+:\d+: ", "", inner)  # the position is the failure's line and column
    return _without_rust_debug(message)


_TYPE_MISMATCH = re.compile(r'TypeMismatch \{ expected: "(?P<expected>[^"]+)", actual: "(?P<actual>[^"]+)"')
_DEBUG_CALL = re.compile(r"\b(?P<name>[A-Z][A-Za-z]+)\(")
_SPAN_FIELD = re.compile(r",? span: Span \{")
_ARTICLE = {"list": "a list", "mapping": "a mapping", "map": "a mapping", "scalar": "a scalar"}


def _without_rust_debug(message: str) -> str:
    """rattler-build errors that reach Python as Rust debug text (`ParseError { path: .., source:
    TypeMismatch { .. span: Span { .. } } }`, `VariantExpand(InvalidZipKeyLength("k"))`) in words."""
    mismatch = _TYPE_MISMATCH.search(message)
    if mismatch:
        expected, actual = mismatch.group("expected"), mismatch.group("actual")
        wanted = _ARTICLE.get(expected, expected)
        return f"expected {wanted}" + (f", got {_ARTICLE.get(actual, actual)}" if actual != "other" else "")
    zipped = _ZIP_KEY_LENGTH.search(message)
    if zipped:
        return f"the variant keys zipped with `{zipped.group(1)}` need lists of the same length"
    message = re.sub(r"^Render error: ", "", message)
    message = _drop_spans(message)
    called = _DEBUG_CALL.match(message)
    while called and message.endswith(")"):  # `InvalidConfig("text")` -> text
        inner = message[called.end() : -1]
        message = re.sub(r"\\(.)", r"\1", inner[1:-1]) if inner.startswith('"') and inner.endswith('"') else inner
        called = _DEBUG_CALL.match(message)
    return message


def _drop_spans(message: str) -> str:
    """`, span: Span { ... }` (with nested braces) removed from Rust debug text."""
    while True:
        found = _SPAN_FIELD.search(message)
        if not found:
            return message
        depth, end = 1, found.end()
        while end < len(message) and depth:
            depth += {"{": 1, "}": -1}.get(message[end], 0)
            end += 1
        message = message[: found.start()] + message[end:]


def locate_message(message: str, text: str) -> tuple[int, int]:
    """The (line, column), 1-based, in `text` that rattler-build's `message` is about (line 1,
    column 1 when nothing points anywhere; `find_position` says None then)."""
    return find_position(message, text) or (1, 1)


def find_position(message: str, text: str) -> tuple[int, int] | None:
    """The (line, column), 1-based, in `text` that rattler-build's `message` is about, or None.

    Render errors carry a span; parse errors name a YAML position, a field or a value, which
    is looked up in the text (a requirement's version: the list item that holds it).
    """
    for pattern in (_SPAN, _DUPLICATE_KEY, _YAML_POSITION, _AT_LINE):
        found = pattern.search(message)
        if found:
            return int(found.group(1)), max(1, int(found.group(2)))
    for pattern in (_MATCH_SPEC, _RANGE_SPEC):
        spec = pattern.search(message)
        if spec:
            return _find_item(text, spec.group("spec")) or _found(_find_value(text, spec.group("spec").split()[0]))
    for pattern, group in ((_UNKNOWN_FIELD, "key"), (_FIELD, "field")):
        found = pattern.search(message)
        if found:
            return _found(_find_field(text, found.group(group)))
    invalid = _INVALID_VALUE.search(message)
    if invalid:
        if invalid.group("value"):
            position = _find_value(text, invalid.group("value"))
            if position != (1, 1):
                return position
        return _found(_find_field(text, invalid.group("key")))
    if "Failed to parse if" in message:
        return _found(_find_broken_condition(text))
    if "Jinja" in message or "template" in message:
        return _found(_find_broken_expression(text))
    quoted = _INVALID_TYPE.search(message)
    return _found(_find_value(text, quoted.group(1))) if quoted else None


def _found(position: tuple[int, int]) -> tuple[int, int] | None:
    """(1, 1) is what the finders answer when they find nothing."""
    return None if position == (1, 1) else position


def _find_item(text: str, spec: str) -> tuple[int, int] | None:
    """The list item (`- numpy 1.26`) whose spec is or contains `spec` (a version or a whole spec)."""
    token = re.compile(rf"(?<![\w.*]){re.escape(spec.strip())}(?![\w.*])")
    for number, line in enumerate(text.splitlines(), 1):
        item = _LIST_ITEM.match(line)
        if item and token.search(item.group("body").split(" #", 1)[0]):
            return number, item.start("body") + 1
    return None


def _find_field(text: str, field_name: str) -> tuple[int, int]:
    """A field rattler-build names (`number`, `build.number`): the key itself, else its last part."""
    for key in dict.fromkeys((field_name, field_name.rsplit(".", 1)[-1])):
        position = _find_key(text, key)
        if position != (1, 1):
            return position
    return 1, 1


def _find_key(text: str, key: str) -> tuple[int, int]:
    pattern = re.compile(rf"^(\s*(?:-\s+)?)({re.escape(key)})\s*:", re.MULTILINE | re.IGNORECASE)
    found = pattern.search(text)
    return _position(text, found.start(2)) if found else (1, 1)


def _find_value(text: str, value: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), 1):
        body = line.split(" #", 1)[0]
        index = body.find(value)
        if index >= 0 and not body.lstrip().startswith("#"):
            return number, index + 1
    return 1, 1


def _jinja_fails(expression: str) -> bool:
    import jinja2

    try:
        jinja2.Environment().parse("{{" + expression + "}}")
    except jinja2.TemplateSyntaxError:
        return True
    return False


def _find_broken_expression(text: str) -> tuple[int, int]:
    """The first `${{ }}` expression Jinja cannot parse (rattler-build's Jinja errors carry no line)."""
    for number, line in enumerate(text.splitlines(), 1):
        for found in re.finditer(r"\$\{\{(.*?)(\}\}|$)", line):
            if _jinja_fails(found.group(1)):
                return number, found.start() + 1
    return 1, 1


def _find_broken_condition(text: str) -> tuple[int, int]:
    """The first `if:` condition Jinja cannot parse."""
    for number, line in enumerate(text.splitlines(), 1):
        found = _IF_EXPRESSION.match(line)
        if found and _jinja_fails(found.group("expr")):
            return number, found.start("expr") + 1
    return 1, 1


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
