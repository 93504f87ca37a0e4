"""Reading legacy `meta.yaml` recipes (conda-build) for the linter.

For each platform (linux-64, osx-arm64, win-64, linux-aarch64, and osx-64 so that lines only
Intel macOS selects are seen too) the recipe is:

1. **selected**: a line ending in a `# [expr]` selector is kept (without the selector comment)
   when `expr` is true on that platform and blanked otherwise. Selectors are evaluated in the
   Jinja sandbox (never Python's `eval`) with conda-build's variables: `linux`, `osx`, `win`,
   `unix`, `x86_64`, `aarch64`, `arm64`, `py`, `np`, `target_platform`, ... and the first
   value of every key of conda-forge's global pinning and of the recipe's own
   `conda_build_config.yaml` (so `# [cuda_compiler_version != "None"]` works).
2. **rendered** with Jinja in `recipegen.sandbox` (no file access, no imports, bounded
   work and output), conda-build's functions stubbed the way conda-smithy stubs them, so rules
   compare the same strings conda-smithy does: `{{ compiler('c') }}` -> `c_compiler_stub`,
   `{{ stdlib('c') }}` -> `c_stdlib_stub`, `{{ pin_subpackage('x') }}` -> `subpackage_pin x`,
   `{{ pin_compatible('x') }}` -> `compatible_pin x`, `{{ cdt('a-b') }}` -> `a_b_cdt_stub`,
   `{{ python_min }}` -> `9999` unless the recipe sets it, undefined variables -> their own name.
3. **parsed** as YAML with positions, every rendered line mapped back to its line (and, where
   the text is unchanged, its column) in the original file.

Line mapping: before rendering, every line that does not start inside a Jinja tag gets an
invisible marker carrying its line number. After rendering, the output is cut at the markers,
so each rendered line knows the original line it came from, even through `{% if %}` blocks that
vanish, `{% for %}` loops that repeat lines, and `{%- -%}` whitespace control.
"""

from __future__ import annotations

import copy
import datetime as _datetime
import re
import traceback
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError
from recipegen.linters.dialect import PYTHON_MIN_STUB
from recipegen.linters.model import V0_PLATFORMS, RecipeDocument, RecipeView

from recipegen.problems import InputError
from recipegen.sandbox import LimitedSandbox, RenderLimitError, document_budget
from recipegen.yamlio import Span, key_span, locate, parse_yaml, to_plain

IGNORE_COMMENT = re.compile(r"#\s*recipegen:\s*ignore(?:\[[^\]]*\]|\([^)]*\))?", re.IGNORECASE)
SELECTOR = re.compile(r"^(?P<body>.*?)\s*#[^\[\n]*\[(?P<expr>[^\[\]]+)\][^()]*$")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# private-use characters: not whitespace (so `{%-` does not strip them), never in real recipes
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
MARK = re.compile("\ue000(\\d+)\ue001")
MAX_OUTPUT_FACTOR = 20  # rendered text may be this many times the template (+ 1 MB)
ENFORCED_COMPILE_CHARACTERS = 64_000  # real recipes are < 20 KB and compile in milliseconds

PLATFORM_FLAGS: dict[str, dict[str, bool]] = {
    "linux-64": {"linux": True, "linux64": True, "x86_64": True, "x86": True, "unix": True},
    "linux-aarch64": {"linux": True, "aarch64": True, "unix": True},
    "osx-64": {"osx": True, "x86_64": True, "x86": True, "unix": True},
    "osx-arm64": {"osx": True, "arm64": True, "unix": True},
    "win-64": {"win": True, "win64": True, "x86_64": True, "x86": True},
}
ALL_FLAGS = (
    "linux",
    "linux32",
    "linux64",
    "osx",
    "win",
    "win32",
    "win64",
    "unix",
    "x86",
    "x86_64",
    "aarch64",
    "arm64",
    "armv6l",
    "armv7l",
    "ppc64le",
    "s390x",
    "riscv64",
    "ppc64",
)


PlatformProblem = tuple[int, int, str, str | None]  # (line, column, message, the platform it is on)


class RenderError(Exception):
    def __init__(self, line: int, message: str, limit: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.limit = limit  # a work/size limit: other platforms would hit it too


# --- selectors and variants ------------------------------------------------------------------


class _Environ(dict):
    """`environ[...]` / `os.environ.get(...)`: never the real environment; missing keys are ''."""

    def __missing__(self, key: str) -> str:
        return ""


class _OsStub:
    environ = _Environ()
    sep = "/"
    linesep = "\n"
    pathsep = ":"
    name = "posix"

    class path:
        @staticmethod
        def join(*parts: str) -> str:
            return "/".join(str(p) for p in parts)

        @staticmethod
        def basename(p: str) -> str:
            return str(p).rstrip("/").rsplit("/", 1)[-1]

        @staticmethod
        def dirname(p: str) -> str:
            return str(p).rsplit("/", 1)[0] if "/" in str(p) else ""

        @staticmethod
        def exists(p: str) -> bool:  # the template never sees the disk
            return False

        isfile = isdir = exists


OS_STUB = _OsStub()


def _sandbox() -> LimitedSandbox:
    return LimitedSandbox()


_SELECTOR_ENV = _sandbox()


@lru_cache(maxsize=4096)
def _compiled_selector(expr: str) -> Callable[..., Any]:
    return _SELECTOR_ENV.compile_expression(expr, undefined_to_none=False)


class TemplateTimeout(ValueError):
    """The recipe's total Jinja budget is spent: its other selectors are not evaluated."""


def eval_selector(expr: str, namespace: dict[str, Any]) -> bool:
    """Truth of a selector expression; raises ValueError with a reason when it cannot be read.

    The expression is untrusted code run in the sandbox: whatever it raises (`"{}".format()`
    raises IndexError) is that reason, never an error of the linter.
    """
    try:
        with _SELECTOR_ENV.new_budget(seconds=0.5).enforced():
            variables = {k: v for k, v in namespace.items() if not str(k).startswith("_")}
            return bool(_compiled_selector(expr.strip())(**variables))
    except RenderLimitError as exc:
        error = TemplateTimeout if exc.document else ValueError
        raise error(f"cannot evaluate selector [{expr.strip()}]: {_one_line(exc)}") from None
    except TemplateError as exc:
        raise ValueError(f"cannot evaluate selector [{expr.strip()}]: {_one_line(exc)}") from None
    except Exception as exc:
        reason = f"{type(exc).__name__}: {_one_line(exc)}"
        raise ValueError(f"cannot evaluate selector [{expr.strip()}]: {reason}") from None


def base_namespace(platform: str) -> dict[str, Any]:
    flags = dict.fromkeys(ALL_FLAGS, False)
    flags.update(PLATFORM_FLAGS[platform])
    return {
        **flags,
        "target_platform": platform,
        "build_platform": platform,
        "subdir": platform,
        "os": OS_STUB,
        "environ": OS_STUB.environ,
        "py3k": True,
        "py2k": False,
        "py26": False,
        "py27": False,
        "py33": False,
        "py34": False,
        "py35": False,
        "py36": False,
        "nomkl": False,
        "debug": False,
    }


@lru_cache(maxsize=16)
def global_variant(platform: str) -> tuple[tuple[str, str], ...]:
    """First value of every key of conda-forge's global pinning on `platform`."""
    from recipegen.condaforge import global_pinning_lines

    namespace = base_namespace(platform)
    first: dict[str, str] = {}
    for key, value, selector in global_pinning_lines():
        if key in first:
            continue
        try:
            if selector and not eval_selector(selector, namespace):
                continue
        except ValueError:
            continue
        first[key] = value
    return tuple(first.items())


def _recipe_variant(recipe_dir: Path, platform: str) -> dict[str, Any]:
    """First value of each key of the recipe's conda_build_config.yaml on `platform` ({} if none)."""
    path = recipe_dir / "conda_build_config.yaml"
    try:
        stat = path.stat()
    except OSError:
        return {}
    if stat.st_size > 512_000:
        return {}
    return dict(_recipe_variant_cached(str(path), stat.st_mtime_ns, platform))


@lru_cache(maxsize=512)
def _recipe_variant_cached(path: str, mtime_ns: int, platform: str) -> tuple[tuple[str, Any], ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    namespace = {**base_namespace(platform), **dict(global_variant(platform))}
    data = load_selected(text.splitlines(), namespace)
    if data is None:
        return ()
    first = ((str(k), v[0] if isinstance(v, list) and v else v) for k, v in data.items())
    return tuple(
        (key, value)
        for key, value in first
        if key and key not in ("zip_keys", "pin_run_as_build") and isinstance(value, (str, int, float, type(None)))
    )


def load_selected(lines: list[str], namespace: dict[str, Any]) -> dict[str, Any] | None:
    """A variant file's lines with the selectors of `namespace` applied, read as YAML
    (None when that is not a mapping)."""
    selected, _ = apply_selectors(lines, namespace)
    data = _safe_load("\n".join(selected))
    return copy.deepcopy(data) if isinstance(data, dict) else None


@lru_cache(maxsize=256)
def _safe_load(text: str) -> Any:
    """`text` as ruamel's safe loader reads it, None when it is not YAML (cached: platforms often
    select the same lines of a variant file). Without tags, the core reader's libyaml path gives
    the same values (YAML 1.2 typing) several times faster; tags need the safe loader's refusals."""
    if "!" not in text:
        try:
            return to_plain(parse_yaml(text, "<variants>", keep_comments=False), text_keys=False)
        except InputError:
            return None
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception:
        return None


def selector_namespace(platform: str, recipe_dir: Path | None = None) -> dict[str, Any]:
    """The names selectors and the template see on `platform` (shared: do not modify)."""
    own = _recipe_variant(recipe_dir, platform) if recipe_dir is not None else {}
    return _namespace(platform, tuple(own.items()))


@lru_cache(maxsize=256)
def _namespace(platform: str, own: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    namespace = base_namespace(platform)
    variant: dict[str, Any] = dict(global_variant(platform))
    variant.update(own)
    python = str(variant.get("python", "3.10")).split()[0].rstrip(".*")
    numpy = str(variant.get("numpy", "2")).split()[0].rstrip(".*")
    namespace["py"] = _as_int(python)
    namespace["np"] = _as_int(numpy)
    for key, value in variant.items():
        namespace.setdefault(key, _variant_value(value))
    visible = dict(namespace)
    # selector results are memoised per namespace (most lines say `win` or `unix`)
    namespace["__selector_memo__"] = {}
    namespace["__template_variables__"] = {**_GLOBALS, **visible, "python_min": PYTHON_MIN_STUB}
    return namespace


def _variant_value(value: Any) -> Any:
    """A variant value as conda-build's selectors see it: an int when it reads as one (`vc` 14,
    so `[vc<14]` works), True/False for "true"/"false", else the text."""
    try:
        return int(value)
    except (TypeError, ValueError):
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value


def _as_int(version: str) -> int:
    digits = "".join(version.split(".")[:2])
    return int(digits) if digits.isdigit() else 0


def apply_selectors(lines: list[str], namespace: dict[str, Any]) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Lines with a false selector blanked, true selectors' comments cut; same line count."""
    out: list[str] = []
    problems: list[tuple[int, int, str]] = []
    memo = namespace.get("__selector_memo__")
    out_of_time = False
    with document_budget():
        for number, line in enumerate(lines, 1):
            if "[" not in line or "#" not in line or line.lstrip().startswith("#"):
                out.append(line)
                continue
            match = match_selector(IGNORE_COMMENT.sub("", line) if "recipegen" in line else line)
            if not match:
                out.append(line)
                continue
            expr = match.expr
            keep = memo.get(expr) if memo is not None else None
            if keep is None and not out_of_time:
                try:
                    keep = eval_selector(expr, namespace)
                except ValueError as exc:
                    problems.append((number, match.expr_start, str(exc)))
                    out_of_time = isinstance(exc, TemplateTimeout)  # the other selectors stay unread
                else:
                    if memo is not None:
                        memo[expr] = keep
            out.append(match.body if keep or keep is None else "")
    return out, problems


@dataclass(frozen=True)
class SelectorMatch:
    body: str  # the line before the selector comment, trailing whitespace removed
    expr: str
    expr_start: int  # index of the expression in the line


_SQUARE = re.compile(r"[\[\]]")


def match_selector(line: str) -> SelectorMatch | None:
    """What `SELECTOR.match(line)` finds (the first `#` followed by `[expr]` and no parenthesis
    up to the end), in linear time: the regex backtracks quadratically on long hostile lines."""
    last_paren = max(line.rfind("("), line.rfind(")"))
    segment = 0  # the selector's `#` lies after the previous `[` (`[^\[]*` between them)
    while (bracket := line.find("[", segment)) >= 0:
        sharp = line.find("#", segment, bracket)
        segment = bracket + 1
        if sharp < 0:
            continue
        close = _SQUARE.search(line, bracket + 1)
        if close is None:
            return None
        if line[close.start()] == "]" and close.start() > bracket + 1 and close.start() > last_paren:
            return SelectorMatch(line[:sharp].rstrip(), line[bracket + 1 : close.start()], bracket + 1)
    return None


# --- Jinja stubs (conda-smithy's forms) --------------------------------------------------------


class _StubData(dict):
    """What load_setup_py_data() & co. return: empty, missing keys render as their name."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def __missing__(self, key: Any) -> str:
        return f"{self.label}[{key!r}]"

    def get(self, key: Any, default: Any = None) -> Any:
        return default if default is not None else f"{self.label}[{key!r}]"


def _compiler(language: str = "", *args: Any, **kwargs: Any) -> str:
    return f"{language}_compiler_stub"


def _stdlib(language: str = "", *args: Any, **kwargs: Any) -> str:
    return f"{language}_stdlib_stub"


def _pin_subpackage(name: str = "", *args: Any, **kwargs: Any) -> str:
    return f"subpackage_pin {name}"


def _pin_compatible(name: str = "", *args: Any, **kwargs: Any) -> str:
    return f"compatible_pin {name}"


def _cdt(name: str = "", *args: Any, **kwargs: Any) -> str:
    return f"{str(name).replace('-', '_')}_cdt_stub"


class _DatetimeStub:
    datetime = _datetime.datetime
    date = _datetime.date
    timedelta = _datetime.timedelta


def template_globals() -> dict[str, Any]:
    return {
        "compiler": _compiler,
        "stdlib": _stdlib,
        "pin_subpackage": _pin_subpackage,
        "pin_compatible": _pin_compatible,
        "cdt": _cdt,
        "load_setup_py_data": lambda *a, **k: _StubData("load_setup_py_data()"),
        "load_setuptools": lambda *a, **k: _StubData("load_setuptools()"),
        "load_file_data": lambda *a, **k: _StubData("load_file_data()"),
        "load_str_data": lambda *a, **k: _StubData("load_str_data()"),
        "load_file_regex": lambda *a, **k: None,
        "resolved_packages": lambda *a, **k: [],
        "ccache": lambda *a, **k: "ccache_stub",
        "environ": OS_STUB.environ,
        "os": OS_STUB,
        "datetime": _DatetimeStub,
        "python_min": PYTHON_MIN_STUB,
    }


# --- rendering with line mapping ---------------------------------------------------------------


@lru_cache(maxsize=64)
def mark_lines(text: str) -> str:
    """Prefix every line that does not start inside a Jinja tag with a marker naming its number
    (cached: the platforms of a recipe often select the same lines)."""
    lines = text.split("\n")
    spans = [(m.start(), m.end()) for m in TAG.finditer(text) if "\n" in m.group(0)]
    if not spans:  # the usual case: no tag spans lines, every line gets its marker
        return "\n".join([f"{MARK_OPEN}{number}{MARK_CLOSE}{line}" for number, line in enumerate(lines, 1)])
    out: list[str] = []
    offset = 0
    tag_index = 0
    for number, line in enumerate(lines, 1):
        while tag_index < len(spans) and spans[tag_index][1] <= offset:
            tag_index += 1
        in_tag = tag_index < len(spans) and spans[tag_index][0] < offset < spans[tag_index][1]
        out.append(line if in_tag else f"{MARK_OPEN}{number}{MARK_CLOSE}{line}")
        offset += len(line) + 1
    return "\n".join(out)


def split_rendered(rendered: str) -> tuple[list[str], list[int]]:
    """Rendered lines and, for each, the 1-based line of the template it came from."""
    pieces = MARK.split(rendered)
    lines: list[str] = []
    origin: list[int] = []
    if pieces[0].strip():
        lines.extend(pieces[0].split("\n"))
        origin.extend([1] * len(lines))
    for number, chunk in zip(map(int, pieces[1::2]), pieces[2::2]):
        if chunk.endswith("\n"):
            chunk = chunk[:-1]
        if "\n" in chunk:  # a loop body or an expression that rendered several lines
            parts = chunk.split("\n")
            lines.extend(parts)
            origin.extend([number] * len(parts))
        else:
            lines.append(chunk)
            origin.append(number)
    return lines, origin


_ENV = _sandbox()
_GLOBALS = template_globals()


@lru_cache(maxsize=256)
def _compile(marked: str) -> Any:
    return _ENV.from_source(marked, name="meta.yaml")


def render(
    text: str, namespace: dict[str, Any], renders: dict[tuple, tuple[list[str], list[int]]] | None = None
) -> tuple[list[str], list[int]]:
    """Render selected meta.yaml text; raises RenderError(line, message).

    `renders` (one per document): a template already rendered with the same values of every name
    it mentions is not rendered again (platforms often differ only in names a recipe never uses).
    """
    marked = mark_lines(text)
    try:  # compiling is about linear in the size: only a large template needs the deadline hook
        with _ENV.new_budget().enforced() if len(marked) > ENFORCED_COMPILE_CHARACTERS else nullcontext():
            template = _compile(marked)
    except RenderLimitError as exc:
        raise RenderError(0, f"refused to compile the Jinja template: {exc}", limit=True) from None
    except TemplateSyntaxError as exc:
        raise RenderError(exc.lineno or 0, f"Jinja syntax error: {exc.message}") from None
    except (TemplateError, RecursionError) as exc:
        raise RenderError(0, f"cannot compile the Jinja template: {_one_line(exc)}") from None
    _ENV.new_budget()
    variables = namespace.get("__template_variables__") or {
        **_GLOBALS,
        **{k: v for k, v in namespace.items() if not str(k).startswith("_")},
        "python_min": PYTHON_MIN_STUB,
    }
    key = (marked, *(_value_key(variables.get(name, _ABSENT)) for name in sorted(template.names_used)))
    if renders is not None and key in renders:
        return renders[key]
    try:
        rendered = _ENV.render_limited(template, variables, max_output=len(text) * MAX_OUTPUT_FACTOR + 1_000_000)
    except RenderLimitError as exc:
        raise RenderError(_template_line(exc), f"refused to render: {exc}", limit=True) from None
    except RecursionError:
        raise RenderError(0, "cannot render the Jinja template: recursion too deep", limit=True) from None
    except MemoryError:
        raise RenderError(0, "cannot render the Jinja template: out of memory") from None
    except Exception as exc:
        raise RenderError(_template_line(exc), f"cannot render the Jinja template: {_one_line(exc)}") from None
    result = split_rendered(rendered)
    if renders is not None:
        renders[key] = result
    return result


_ABSENT = object()


def _value_key(value: Any) -> Any:
    """A variable's value as part of a dictionary key (objects that are not hashable: by identity)."""
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return (type(value), value)


def _template_line(exc: BaseException) -> int:
    line = 0
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "meta.yaml" and frame.lineno:
            line = frame.lineno
    return line


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


# --- positions -----------------------------------------------------------------------------------


def map_column(rendered: str, original: str, column: int) -> int:
    """Column (1-based) in the original line of a column in its rendered form."""
    if rendered == original or column <= 1:
        return column
    prefix = 0
    limit = min(len(rendered), len(original))
    while prefix < limit and rendered[prefix] == original[prefix]:
        prefix += 1
    if column <= prefix + 1:
        return column
    suffix = 0
    while suffix < limit - prefix and rendered[len(rendered) - 1 - suffix] == original[len(original) - 1 - suffix]:
        suffix += 1
    from_end = len(rendered) - column + 1  # characters from the column to the end of the line
    if from_end <= suffix:
        return len(original) - from_end + 1
    return prefix + 1


@dataclass
class LineMap:
    rendered: list[str]
    origin: list[int]
    original: list[str]

    def span(self, span: Span) -> Span:
        line, column = self.position(span.line, span.column)
        end_line, end_column = self.position(span.end_line, span.end_column)
        if (end_line, end_column) < (line, column):
            end_line, end_column = line, column + 1
        return Span(line, column, end_line, end_column)

    def position(self, line: int, column: int) -> tuple[int, int]:
        if not self.origin:
            return 1, 1
        index = min(max(line, 1), len(self.origin)) - 1
        number = self.origin[index]
        original = self.original[number - 1] if 0 < number <= len(self.original) else ""
        return number, map_column(self.rendered[index], original, column)


def _view(data: Any, line_map: LineMap, platform: str, text: str) -> RecipeView:
    """A platform's view (platforms rendering to the same text share one, see `platforms`)."""
    return RecipeView(
        data=data,
        locate=lambda path, _d=data, _m=line_map: _m.span(locate(_d, path)),
        locate_key=lambda path, _d=data, _m=line_map: _m.span(key_span(_d, path)),
        platform=platform,
        text=text,
        line_map=line_map,
        platforms=(platform,),
        format="v0",
    )


_DUPLICATE_VALUES = re.compile(r'(found duplicate key "[^"]*") with value ".*?" \(original value: ".*?"\)')


def _without_values(message: str) -> str:
    """ruamel.yaml's duplicate-key message without the values it quotes as Python reprs."""
    return _DUPLICATE_VALUES.sub(r"\1", message)


def load_v0(
    text: str, filename: str, recipe_dir: Path | None = None, platforms: tuple[str, ...] = V0_PLATFORMS
) -> RecipeDocument:
    """A meta.yaml as a RecipeDocument with one view per distinct rendering.

    Platforms whose rendered text is identical share one view (`view.platforms` lists them,
    `view.platform` is the first), so rules do not repeat identical work.

    Problems rendering or parsing (per platform, same ones reported once) are collected in
    `render_problems` as (line, column, message); never raised.
    """
    with document_budget():
        return _load_v0(text, filename, recipe_dir, platforms)


def _load_v0(text: str, filename: str, recipe_dir: Path | None, platforms: tuple[str, ...]) -> RecipeDocument:
    path = Path(filename)
    recipe_dir = recipe_dir if recipe_dir is not None else path.parent
    original = text.replace(MARK_OPEN, " ").replace(MARK_CLOSE, " ").split("\n")
    problems: dict[PlatformProblem, None] = {}  # (line, column, message, platform or None)
    views: list[RecipeView] = []
    parsed: dict[str, Any] = {}
    renders: dict[tuple, tuple[list[str], list[int]]] = {}
    for platform in platforms:
        namespace = selector_namespace(platform, recipe_dir if recipe_dir.is_dir() else None)
        selected, selector_problems = apply_selectors(original, namespace)
        for line, column, message in selector_problems:
            problems.setdefault((line, column, message, None))
        try:
            rendered, origin = render("\n".join(selected), namespace, renders)
        except RenderError as exc:
            if exc.limit:  # the same template would exhaust the budget on every platform
                problems.setdefault((exc.line, 1 if exc.line else 0, exc.message, None))
                break
            problems.setdefault((exc.line, 1 if exc.line else 0, exc.message, platform))
            continue
        rendered_text = "\n".join(rendered) + "\n"
        line_map = LineMap(rendered, origin, original)
        same = next((v for v in views if v.text == rendered_text and v.line_map.origin == origin), None)
        if same is not None:  # identical render: one view, every finding would be the same
            same.platforms = (*same.platforms, platform)
            continue
        if rendered_text not in parsed:
            try:
                parsed[rendered_text] = parse_yaml(rendered_text, filename, keep_comments=False)
            except InputError as exc:
                parsed[rendered_text] = exc
        data = parsed[rendered_text]
        if isinstance(data, InputError):
            line, column = line_map.position(data.line, data.column) if data.line else (0, 0)
            problems.setdefault((line, column, _without_values(data.message), platform))
            continue
        views.append(_view(data, line_map, platform, rendered_text))
    last_line = max(len(text.splitlines()), 1)
    clamped = [(min(line, last_line), column, message, platform) for line, column, message, platform in problems]
    doc = RecipeDocument(
        path=path,
        text=text,
        format="v0",
        views=views,
        recipe_dir=recipe_dir,
        render_problems=_merge_platform_problems(list(dict.fromkeys(clamped))),
    )
    return doc


def _merge_platform_problems(problems: list[PlatformProblem]) -> list[tuple[int, int, str]]:
    """One problem for the same failure on every platform, naming the platforms otherwise."""
    grouped: dict[tuple[int, int, str], list[str]] = {}
    for line, column, core, platform in problems:
        grouped.setdefault((line, column, core), [])
        if platform:
            grouped[(line, column, core)].append(platform)
    merged = []
    for (line, column, core), platforms in grouped.items():
        if platforms and len(platforms) < len(V0_PLATFORMS):
            core = f"{core} (on {', '.join(platforms)})"
        merged.append((line, column, core))
    return merged
