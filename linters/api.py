"""Linting entry points: recipe text, files or whole trees in, Problems out.

- `load_document(path)` / `load_v1(text, filename)`: a RecipeDocument (v1 as written; v0
  `meta.yaml` rendered per platform by `recipegen.linters.v0`).
- `lint_document(doc, options, select=, ignore=)`: schema problems (v1, rule `schema`; and
  of the variant files in the recipe folder, reported in those files), render problems (v0,
  rule `recipe-not-renderable`), then every applicable rule;
  `# recipegen: ignore[rule-id]` comments applied; same finding on several views reported once.
- `lint_text(text, filename)`: what the generators call before writing.
- `lint_file(path, request)` / `lint_paths(paths, request)`: files with their configuration
  (linters.config), many in parallel.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recipegen.linters.dialect import V1_TOP_LEVEL_KEYS
from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView, RuleModule
from recipegen.linters.registry import (
    NOT_RENDERABLE_ID,
    SCHEMA_ID,
    all_rules,
    rule_skip_keys,
    rule_url,
)

from recipegen.guard import INTERNAL_ERROR_EXIT, internal_error_message, notify
from recipegen.problems import InputError, Problem, Severity
from recipegen.yamlio import Span, key_span, locate, parse_yaml, read_text

V0_NAMES = ("meta.yaml",)
VARIANT_NAMES = ("variants.yaml", "conda_build_config.yaml")
RECIPE_NAMES = ("recipe.yaml", "meta.yaml")
# `[ids]`, or `(ids)` for meta.yaml where conda-build reads a trailing `[...]` as a selector
IGNORE_COMMENT = re.compile(r"#\s*recipegen:\s*ignore(?:\[(?P<ids>[^\]]*)\]|\((?P<ids2>[^)]*)\))?", re.IGNORECASE)
INTERNAL_ERROR_ID = "internal-error"  # the rule id of a file recipegen failed on (a bug)
PARALLEL_MIN_FILES = 16  # below this, a process pool costs more than it saves


# --- reading ---------------------------------------------------------------------------------


def load_v1(text: str, filename: str, recipe_dir: Path | None = None) -> RecipeDocument:
    duplicate_keys: list[tuple[int, int, str]] = []
    try:
        data = parse_yaml(text, filename, keep_comments=False)  # rules read comments from the text
    except InputError as exc:
        from recipegen.linters.duplicates import read_repeated_keys

        found = read_repeated_keys(text, filename, exc)
        if found is None:  # not a repeated key that made the recipe unreadable
            raise exc from None
        data, duplicate_keys = found  # `duplicate-key` reports them
    view = RecipeView(
        data=data,
        locate=lambda path, _d=data: locate(_d, path),
        locate_key=lambda path, _d=data: key_span(_d, path),
        text=text,
    )
    path = Path(filename)
    recipe_dir = recipe_dir or path.parent
    return RecipeDocument(
        path=path,
        text=text,
        format="v1",
        views=[view],
        recipe_dir=recipe_dir,
        feedstock_dir=_feedstock_dir(recipe_dir),
        duplicate_keys=duplicate_keys,
    )


def _feedstock_dir(recipe_dir: Path) -> Path | None:
    """The feedstock root when the recipe folder is literally `recipe` (conda-smithy's test)."""
    return recipe_dir.parent if recipe_dir.name == "recipe" else None


def is_v0(filename: str | Path) -> bool:
    return Path(filename).name in V0_NAMES


RECIPE_KINDS = {"recipe-v1", "variants"}


def _other_kind(path: Path) -> str:
    """The title of a known non-recipe file kind the name says `path` is (conda-forge.yml, an
    environment file, package metadata, ...), or "" (a recipe, or a name no kind claims)."""
    if is_v0(path):
        return ""
    from recipegen.validation.kinds import kind_for_path

    kind = kind_for_path(str(path))
    return kind.title if kind is not None and kind.name not in RECIPE_KINDS else ""


def load_document(path: str | Path, text: str | None = None) -> RecipeDocument:
    """Read a recipe file; InputError when it cannot be used at all (missing, binary, not YAML)."""
    path = Path(path)
    if path.name in VARIANT_NAMES:
        raise InputError(
            str(path),
            "a variant configuration file, not a recipe: lint the recipe next to it "
            "(its rules read this file); `recipegen validate` checks it against the schema",
        )
    other = _other_kind(path)
    if other:
        raise InputError(str(path), f"{other}, not a recipe: `recipegen validate` checks it against its schema")
    if text is None:
        text = read_text(path)
    if is_v0(path):
        from recipegen.linters.v0 import load_v0

        doc = load_v0(text, str(path), recipe_dir=path.parent)
        doc.feedstock_dir = _feedstock_dir(path.parent)
        return doc
    return load_v1(text, str(path), recipe_dir=path.parent)


# --- linting one document ----------------------------------------------------------------------


def _rule_enabled(
    rule: RuleModule, doc: RecipeDocument, options: LintOptions, selected: set[str], ignored: set[str]
) -> bool:
    if doc.format not in rule.FORMATS or (rule.CONDA_FORGE_ONLY and not options.conda_forge):
        return False
    if (selected and rule.ID not in selected) or rule.ID in ignored:
        return False
    return not (options.skip and (rule.ID in options.skip or rule_skip_keys(rule) & options.skip))


def _builtin_problem(
    doc: RecipeDocument, rule_id: str, line: int, column: int, message: str, end_column: int = 0
) -> Problem:
    return Problem(
        file=str(doc.path),
        line=line,
        column=column,
        message=message,
        rule_id=rule_id,
        severity=Severity.ERROR,
        end_line=line,
        end_column=end_column or (column + 1 if column else 0),
        url=rule_url(rule_id),
    )


def schema_problems(doc: RecipeDocument) -> list[Problem]:
    """v1 schema problems as lint problems; those at a top-level key that conda-smithy does not
    know carry its R-000 equivalent (the `unexpected-top-level-key` rule leaves them to the schema)."""
    try:
        problems = document_schema_problems(doc)
    except ImportError:  # the schema module is optional for the framework
        return []
    from recipegen.linters.rules import unexpected_top_level_key as top_level

    data = doc.views[0].data
    spots = {(span.line, span.column) for span in _unknown_top_level_key_spans(data, V1_TOP_LEVEL_KEYS).values()}
    return [
        replace(
            p,
            rule_id=SCHEMA_ID,
            url=rule_url(SCHEMA_ID),
            severity=Severity.ERROR,
            equivalent=tuple(top_level.EQUIVALENT) if (p.line, p.column) in spots else p.equivalent,
        )
        for p in problems
    ]


def document_schema_problems(doc: RecipeDocument) -> list[Problem]:
    """`recipegen validate`'s problems of the (v1) recipe itself, computed once per document (the
    `schema` rule reports them, `render-fails` leaves their places to it)."""
    from recipegen.validate import validate_document

    return doc.memo("schema_problems", lambda: validate_document(doc.views[0].data, str(doc.path), doc.text))


def _unknown_top_level_key_spans(data: Any, known: Iterable[str]) -> dict[str, Span]:
    if not isinstance(data, dict):
        return {}
    return {key: key_span(data, [key]) for key in data if key not in known}


def _top_level_keys_reported(doc: RecipeDocument, problems: list[Problem]) -> frozenset[str]:
    """The top-level keys at whose position the schema reports a problem."""
    spots = {(p.line, p.column) for p in problems}
    spans = _unknown_top_level_key_spans(doc.views[0].data, V1_TOP_LEVEL_KEYS)
    return frozenset(key for key, span in spans.items() if (span.line, span.column) in spots)


def lint_document(
    doc: RecipeDocument,
    options: LintOptions | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    schema: bool = True,
) -> list[Problem]:
    """Every problem of one document, sorted; `schema=False` leaves out the v1 schema check."""
    return lint_document_with_subjects(doc, options, select, ignore, schema)[0]


def lint_document_with_subjects(
    doc: RecipeDocument,
    options: LintOptions | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    schema: bool = True,
) -> tuple[list[Problem], dict[Problem, str]]:
    """`lint_document`, and the `Finding.subject` of each problem that has one (an --artifact path).
    `schema=False` with `schema` selected: the schema is checked elsewhere (rules still leave its
    problems to it)."""
    options = options or LintOptions()
    selected, ignored = set(select), set(ignore)
    found = _Found()

    def builtin_on(rule_id: str) -> bool:
        return (not selected or rule_id in selected) and rule_id not in ignored

    if schema and doc.format == "v1" and builtin_on(SCHEMA_ID):
        problems = schema_problems(doc)
        found.add_all(problems)
        options = replace(options, schema_keys=_top_level_keys_reported(doc, problems))
    if schema and builtin_on(SCHEMA_ID):
        found.add_all(variant_schema_problems(doc))
    if builtin_on(NOT_RENDERABLE_ID):
        found.add_all(_builtin_problem(doc, NOT_RENDERABLE_ID, *problem) for problem in doc.render_problems)
    enabled = [rule for rule in all_rules() if _rule_enabled(rule, doc, options, selected, ignored)]
    reporting = {rule.ID for rule in enabled} | ({SCHEMA_ID} if builtin_on(SCHEMA_ID) else set())
    options = replace(options, reporting=frozenset(reporting))
    if doc.views:
        for rule in enabled:
            for problem, subject in _run_rule(rule, doc, options):
                found.add(problem, subject)
    kept = sorted(_apply_ignore_comments_per_file(doc, _once_per_place(found.problems.values())))
    return kept, {p: found.subjects[p] for p in kept if p in found.subjects}


RENDER_ID = "render-fails"


def _once_per_place(problems: Iterable[Problem]) -> list[Problem]:
    """rattler-build's failure at a line where another rule reports an error already says it
    there (`schema`, `duplicate-key`, `unexpected-top-level-key`, ...): that one is kept."""
    problems = list(problems)
    errors = {(p.file, p.line) for p in problems if p.rule_id != RENDER_ID and p.severity is Severity.ERROR}
    return [p for p in problems if p.rule_id != RENDER_ID or p.line <= 1 or (p.file, p.line) not in errors]


class _Found:
    """Problems found once each (the same finding on several views of a v0 recipe is one)."""

    def __init__(self) -> None:
        self.problems: dict[tuple, Problem] = {}
        self.subjects: dict[Problem, str] = {}

    def add(self, problem: Problem, subject: str = "") -> None:
        key = (problem.file, problem.rule_id, problem.line, problem.column, problem.message)
        if key not in self.problems:
            self.problems[key] = problem
            if subject:
                self.subjects[problem] = subject

    def add_all(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)


def variant_schema_problems(doc: RecipeDocument) -> list[Problem]:
    """Schema problems of the variant files in the recipe folder (variants.yaml,
    conda_build_config.yaml), reported in those files as `recipegen validate` reports them."""
    from recipegen.linters.rules._variants import recipe_variant_files, variant_file_problems

    found = []
    for path in recipe_variant_files(doc):
        for problem in variant_file_problems(path):
            if problem.rule_id in (SCHEMA_ID, "unusable-input"):
                found.append(
                    replace(
                        problem,
                        rule_id=SCHEMA_ID,
                        url=rule_url(SCHEMA_ID),
                        severity=Severity.ERROR,
                        line=problem.line or 1,
                        column=problem.column or 1,
                    )
                )
    return found


def _apply_ignore_comments_per_file(doc: RecipeDocument, problems: Iterable[Problem]) -> list[Problem]:
    """`# recipegen: ignore[...]` comments of the file each problem is in."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    kept = apply_ignore_comments(doc.text, by_file.pop(str(doc.path), []))
    for file, found in by_file.items():
        try:
            text = read_text(file)
        except InputError:
            text = ""
        kept += apply_ignore_comments(text, found)
    return kept


def _run_rule(rule: RuleModule, doc: RecipeDocument, options: LintOptions) -> list[tuple[Problem, str]]:
    """The rule's findings as Problems, each with its subject; a rule that breaks is one warning."""
    found: list[tuple[Problem, str]] = []
    try:
        for finding in rule.check(doc, options):
            found.append((_problem_of(rule, doc, finding), finding.subject))
    except Exception as exc:  # one broken rule must not cost the others (the test suite fails on it)
        notify(f"{doc.path} (rule {rule.ID})", exc)
        problem = Problem(
            file=str(doc.path),
            line=0,
            column=0,
            rule_id=rule.ID,
            severity=Severity.WARNING,
            message=f"rule {rule.ID}: {internal_error_message(exc)}",
            url=rule_url(rule.ID),
        )
        found.append((problem, ""))
    return found


def _problem_of(rule: RuleModule, doc: RecipeDocument, finding: Finding) -> Problem:
    view = finding.view or doc.views[0]
    span = finding.span or (view.locate_key(finding.path) if finding.key else view.locate(finding.path))
    return Problem(
        file=str(finding.file or doc.path),
        line=span.line,
        column=span.column,
        message=finding.message,
        rule_id=rule.ID,
        severity=finding.severity or rule.SEVERITY,
        end_line=span.end_line,
        end_column=span.end_column,
        url=rule_url(rule.ID),
        fix=finding.fix,
        equivalent=tuple(rule.EQUIVALENT),
    )


def ignored_on_lines(text: str) -> dict[int, frozenset[str] | None]:
    """Line -> rule ids silenced there by `# recipegen: ignore[a, b]` (None: every rule)."""
    found: dict[int, frozenset[str] | None] = {}
    if "recipegen" not in text:
        return found
    for number, line in enumerate(text.splitlines(), 1):
        match = IGNORE_COMMENT.search(line)
        if match:
            ids = match.group("ids") if match.group("ids") is not None else match.group("ids2")
            found[number] = None if ids is None else frozenset(i.strip() for i in ids.split(",") if i.strip())
    return found


def apply_ignore_comments(text: str, problems: Iterable[Problem]) -> list[Problem]:
    silenced = ignored_on_lines(text)
    if not silenced:
        return list(problems)
    kept = []
    for problem in problems:
        ids = silenced.get(problem.line, frozenset())
        if ids is None or problem.rule_id in ids:
            continue
        kept.append(problem)
    return kept


def lint_text(text: str, filename: str, options: LintOptions | None = None, schema: bool = True) -> list[Problem]:
    """Lint a recipe given as text (v1, or v0 when the name is meta.yaml); InputError if unusable.

    Includes the schema problems (rule `schema`) unless `schema=False` (for callers that run
    `recipegen.validate` themselves). No configuration files are read.
    """
    return lint_document(load_document(filename, text), options, schema=schema)


def lint_generated_recipe(path: Path, text: str, *, ignore: tuple[str, ...] = ()) -> list[Problem]:
    """The lint problems of a generated recipe `text` standing at `path` (schema left out, as the
    generators validate it themselves): the lint step of `recipegen.generate.check_recipe_text`."""
    return lint_document(load_document(path, text), schema=False, ignore=ignore)


# --- linting files and trees --------------------------------------------------------------------


@dataclass(frozen=True)
class LintRequest:
    """What the command line asked for; per-file configuration is merged in `lint_file`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity_threshold: Severity | None = None
    license_policy: Path | None = None
    conda_forge: bool = False
    fetch_sources: bool = False
    artifacts: tuple[Path, ...] = ()
    use_config: bool = True
    online: bool = False  # network checks (GitHub maintainers), with conda_forge only
    cache_dir: Path | None = None  # the on-disk result cache (linters.cache); None: no cache

    @property
    def cacheable(self) -> bool:
        """Results may come from (and go to) the cache: nothing read from packages or the network."""
        return self.cache_dir is not None and not (self.artifacts or self.fetch_sources or self.online)


@dataclass
class FileResult:
    path: str
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False  # a problem at or above the threshold (or unusable input)
    unusable: bool = False
    internal: bool = False  # recipegen failed on it (a bug): exit status 3
    subjects: dict[Problem, str] = field(default_factory=dict)  # Finding.subject of the problems that have one
    from_cache: bool = False  # read from the result cache, not linted in this run


@dataclass
class RunResult:
    files: list[FileResult]

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def unusable(self) -> bool:
        return any(f.unusable for f in self.files)

    @property
    def failed(self) -> bool:
        return any(f.failed for f in self.files)

    @property
    def exit_code(self) -> int:
        if any(f.internal for f in self.files):
            return INTERNAL_ERROR_EXIT
        return 2 if self.unusable else 1 if self.failed else 0


def fails(problem: Problem, threshold: Severity) -> bool:
    """Hints never fail a run; otherwise at or above the threshold fails."""
    return problem.severity is not Severity.HINT and problem.severity.at_least(threshold)


def _options_for(path: Path, request: LintRequest) -> tuple[LintOptions, tuple[str, ...], tuple[str, ...], Severity]:
    from recipegen.linters.config import LintSettings, settings_for_recipe

    settings = settings_for_recipe(path) if request.use_config else LintSettings()
    if settings.config_file is not None and (settings.select or settings.ignore):
        from recipegen.linters.registry import known_ids

        unknown = sorted((set(settings.select) | set(settings.ignore)) - known_ids())
        if unknown:
            raise InputError(str(settings.config_file), f"unknown rule id(s): {', '.join(unknown)}")
    settings = settings.merged_with_cli(
        select=request.select,
        ignore=request.ignore,
        severity_threshold=request.severity_threshold,
        license_policy=request.license_policy,
        conda_forge=request.conda_forge,
    )
    policy = None
    if settings.license_policy is not None:
        from recipegen.linters.policy import load_policy

        policy = _cached_policy(str(settings.license_policy), load_policy)
    options = LintOptions(
        conda_forge=bool(settings.conda_forge),
        license_policy=policy,
        fetch_sources=request.fetch_sources,
        artifacts=tuple(request.artifacts),
        skip=settings.skip,
        online=request.online,
    )
    return options, settings.select, settings.ignore, settings.threshold


_POLICIES: dict[str, object] = {}


def _cached_policy(path: str, loader) -> object:
    if path not in _POLICIES:
        _POLICIES[path] = loader(path)
    return _POLICIES[path]


def lint_file(path: str | Path, request: LintRequest = LintRequest()) -> FileResult:
    """Lint one recipe file with its configuration; never raises for bad input."""
    name = str(path)
    try:
        options, select, ignore, threshold = _options_for(Path(path), request)
        text, key = _cache_key(Path(path), request, options, select, ignore, threshold)
        cached = _from_cache(request, key, threshold)
        if cached is not None:
            return replace(cached, path=name)
        doc = load_document(path, text)
        if options.artifacts:
            from recipegen.linters.artifacts import read_artifacts

            doc.artifacts = read_artifacts(options.artifacts)
        problems, subjects = lint_document_with_subjects(doc, options, select=select, ignore=ignore)
        if key is not None and request.cache_dir is not None:
            from recipegen.linters.cache import store

            store(request.cache_dir, key, problems, subjects)
    except InputError as exc:
        return FileResult(name, [exc.as_problem()], failed=True, unusable=True)
    except RecursionError:
        problem = Problem(name, 0, 0, "recipe nested too deeply to read", rule_id="unusable-input")
        return FileResult(name, [problem], failed=True, unusable=True)
    except Exception as exc:  # a bug: this file gets one line, the others are still linted
        notify(name, exc)
        problem = Problem(name, 0, 0, internal_error_message(exc), rule_id=INTERNAL_ERROR_ID)
        return FileResult(name, [problem], failed=True, internal=True)
    return FileResult(name, problems, failed=any(fails(p, threshold) for p in problems), subjects=subjects)


def _cache_key(
    path: Path, request: LintRequest, options: LintOptions, select: tuple, ignore: tuple, threshold: Severity
) -> tuple[str | None, str | None]:
    """(the recipe's text, its result cache key) when results are cached, else (None, None)."""
    if not request.cacheable or path.name in VARIANT_NAMES:
        return None, None
    from recipegen.linters.cache import entry_key
    from recipegen.linters.config import LintSettings, settings_for_recipe

    text = read_text(path)
    settings = settings_for_recipe(path) if request.use_config else LintSettings()
    policy = request.license_policy or settings.license_policy
    plain = {
        "conda_forge": options.conda_forge,
        "skip": sorted(options.skip),
        "select": list(select),
        "ignore": list(ignore),
        "threshold": threshold.value,
        "policy": str(policy),
        "use_config": request.use_config,
    }
    return text, entry_key(path, text, plain, [settings.config_file, settings.forge_yml, policy])


def cached_result(path: str | Path, request: LintRequest) -> FileResult | None:
    """The cached result of linting `path` under `request`, None when there is none (or the
    file cannot be read: linting it says why)."""
    try:
        options, select, ignore, threshold = _options_for(Path(path), request)
        _, key = _cache_key(Path(path), request, options, select, ignore, threshold)
        found = _from_cache(request, key, threshold)
    except (InputError, OSError, RecursionError):
        return None
    return replace(found, path=str(path)) if found is not None else None


def _from_cache(request: LintRequest, key: str | None, threshold: Severity) -> FileResult | None:
    if key is None or request.cache_dir is None:
        return None
    from recipegen.linters.cache import load

    found = load(request.cache_dir, key)
    if found is None:
        return None
    problems, subjects = found
    failed = any(fails(p, threshold) for p in problems)
    return FileResult("", problems, failed=failed, subjects=subjects, from_cache=True)


def _lint_file_for_pool(args: tuple[str, LintRequest]) -> FileResult:
    return lint_file(*args)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def lint_paths(
    paths: Sequence[str | Path], request: LintRequest = LintRequest(), jobs: int | None = None, progress: bool = False
) -> RunResult:
    """Find recipes under `paths` (file, recipe folder, feedstock, staged-recipes) and lint them.

    A missing path or a folder without recipes is an unusable-input result (exit 2); the other
    paths are still linted. Many files are linted in a process pool (forked after the rules are
    imported, so workers start warm). `progress`: a status line on stderr while many files are
    linted, when stderr is a terminal (recipegen.progress).
    """
    from recipegen.linters.config import settings_for

    from recipegen.discover import find_recipe_files

    settings_for.cache_clear()  # configuration files may have changed since the last run
    if request.cacheable:
        from recipegen.linters.cache import new_run

        new_run()
    files: list[str] = []
    results: list[FileResult] = []
    for raw in paths:
        try:
            files.extend(str(f) for f in find_recipe_files([raw], names=RECIPE_NAMES))
        except InputError as exc:
            results.append(FileResult(str(raw), [exc.as_problem()], failed=True, unusable=True))
    for artifact in request.artifacts:  # unusable packages fail once, not once per recipe
        try:
            from recipegen.linters.artifacts import read_artifact

            read_artifact(str(artifact))
        except InputError as exc:
            results.append(FileResult(str(artifact), [exc.as_problem()], failed=True, unusable=True))
    if any(r.unusable for r in results if r.path in {str(a) for a in request.artifacts}):
        request = replace(request, artifacts=())
    files = list(dict.fromkeys(files))
    jobs = default_jobs() if jobs is None else max(1, jobs)
    status = _progress_for(files) if progress else None
    linted = _lint_files(files, request, jobs, status)
    if status:
        status.close()
    if request.artifacts and len(linted) > 1:
        linted = _one_not_in_recipe_warning(linted, request)
    if request.cacheable and request.cache_dir is not None and not all(r.from_cache for r in linted):
        from recipegen.linters.cache import prune

        prune(request.cache_dir)
    return RunResult(results + linted)


def _lint_files(files: list[str], request: LintRequest, jobs: int, status: Any) -> list[FileResult]:
    """Each file's result, in order: from the cache where it holds one (read here: no pool is
    started for a run the cache answers), the others linted, in a pool when there are many."""
    cached: dict[int, FileResult] = {}
    if request.cacheable:
        for index, file in enumerate(files):
            found = cached_result(file, request)
            if found is not None:
                cached[index] = found
                if status:
                    status.advance(file)
    todo = [file for index, file in enumerate(files) if index not in cached]
    if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        linted = iter(_lint_in_pool(todo, request, jobs, status))
    else:
        linted = iter(_lint_serially(todo, request, status))
    return [cached[index] if index in cached else next(linted) for index in range(len(files))]


def _lint_serially(files: list[str], request: LintRequest, status: Any) -> Iterator[FileResult]:
    for file in files:
        result = lint_file(file, request)
        if status:
            status.advance(file)
        yield result


NOT_IN_RECIPE_ID = "artifact-not-in-recipe"


def _one_not_in_recipe_warning(results: list[FileResult], request: LintRequest) -> list[FileResult]:
    """With many recipes, a package one of them builds is no other recipe's warning, and a
    package none of them builds is one warning (at the first recipe), not one per recipe."""
    linted = [r for r in results if not r.unusable]
    keep: dict[str, str | None] = {}  # artifact -> the one result path that keeps its warning
    for artifact in (str(a) for a in request.artifacts):
        reporting = [r.path for r in linted if artifact in _not_in_recipe(r)]
        keep[artifact] = sorted(reporting)[0] if reporting and len(reporting) == len(linted) else None
    out = []
    for result in results:
        kept = [
            p
            for p in result.problems
            if p.rule_id != NOT_IN_RECIPE_ID or keep.get(result.subjects.get(p, "")) == result.path
        ]
        if len(kept) != len(result.problems) and not result.unusable:
            threshold = _options_for(Path(result.path), request)[3]
            result = FileResult(
                result.path, kept, failed=any(fails(p, threshold) for p in kept), subjects=result.subjects
            )
        out.append(result)
    return out


def _not_in_recipe(result: FileResult) -> set[str]:
    """The --artifact packages the result's `artifact-not-in-recipe` warnings are about."""
    return {result.subjects.get(p, "") for p in result.problems if p.rule_id == NOT_IN_RECIPE_ID}


def _progress_for(files: list[str]) -> Any:
    """A terminal status line for a run of several files (None for one file)."""
    from recipegen.progress import Progress

    return Progress("linting", total=len(files)) if len(files) > 1 else None


def _lint_in_pool(files: list[str], request: LintRequest, jobs: int, status: Any = None) -> list[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    all_rules()  # import the rules once, before forking
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows, some macOS setups): plain serial is as fast for few files
        return [lint_file(f, request) for f in files]
    # the first recipe of each format is linted here: what every worker would import and build
    # once (the schema validator, the Jinja sandbox, conda-forge's pinning) is ready when they fork
    first = sorted({is_v0(f): index for index, f in reversed(list(enumerate(files)))}.values())
    warm = {index: lint_file(files[index], request) for index in first}
    rest = [(f, request) for index, f in enumerate(files) if index not in warm]
    chunk = max(1, len(rest) // (jobs * 16))  # small chunks: no worker idles while another ends a long one
    results = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        linted = pool.map(_lint_file_for_pool, rest, chunksize=chunk)
        for index in range(len(files)):
            result = warm[index] if index in warm else next(linted)
            results.append(result)
            if status:
                status.advance(result.path)
    return results
