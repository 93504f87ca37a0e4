"""A v0 `meta.yaml` template -> plain YAML lines, each with the condition under which it exists.

conda-build first drops lines whose `# [selector]` is false, then renders the rest with Jinja.
Here nothing is rendered: every line is kept with the condition that decides it,

- a `# [selector]` adds its (translated) expression to its line's condition;
- `{% if %}`/`{% elif %}`/`{% else %}` add their test (or its negation) to every line inside,
  unless the test is static (only literals, `{% set %}` constants and loop variables) and is
  decided here;
- `{% for %}` over a static list repeats its lines once per item, loop variables substituted;
  over a list that depends on a condition, once per item of each branch under that branch's
  condition; over anything else: a problem at the line;
- `{% set %}` becomes a `context` variable (reassignments under conditions are folded into one
  expression, or renamed when earlier lines read the old value);
- `{{ expr }}` becomes `${{ expr }}` with the expression translated for rattler-build.

Each output line keeps the number of the meta.yaml line it came from (for problems and comments).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from recipegen.convert.conditions import Condition, contradicts, join_condition, negate
from recipegen.convert.expressions import Scope, Untranslatable, canonical, names_in, translate

# conda-build's selector: a trailing `# ... [expr]` (same pattern as recipegen.linters.v0)
SELECTOR = re.compile(r"^(?P<body>.*?)\s*#(?P<comment>[^\[\n]*)\[(?P<expr>[^\[\]]+)\][^()]*$")
TOKEN = re.compile(r"\{\{(?P<expr>.*?)\}\}|\{%(?P<stmt>.*?)%\}|\{#.*?#\}", re.DOTALL)
STATEMENT = re.compile(r"^\s*-?\s*(?P<keyword>[a-z_]+)\b(?P<rest>.*?)\s*-?\s*$", re.DOTALL)
SET_STATEMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=(?P<value>.*)$", re.DOTALL)
FOR_STATEMENT = re.compile(r"^(?P<target>[A-Za-z_][\w\s,]*?)\s+in\s+(?P<iter>.*)$", re.DOTALL)
MAX_LOOP_BRANCHES = 16
JINJA_FUNCTIONS = frozenset({"range", "dict", "lipsum"})
MAX_OUTPUT_LINES = 20_000  # abseil-cpp, the most looping recipe of the corpus, expands to 663


@dataclass
class Line:
    """One line of the converted YAML text."""

    text: str
    origin: int  # 1-based line of meta.yaml
    condition: Condition = ()
    statement: bool = False  # the line held a Jinja statement (dropped when nothing else is left)


@dataclass
class ContextVar:
    key: str  # the v1 context key
    value: Any  # a literal (str, int, bool, list) or None when `expression` is set
    expression: str = ""  # v1 expression without ${{ }}
    line: int = 0
    lines: tuple[int, ...] = ()  # every `{% set %}` line of it
    before: str = ""  # the comment lines above its `{% set %}`
    eol: str = ""


@dataclass
class Issue:
    """Something the conversion cannot carry over (line 0: the whole recipe)."""

    line: int
    message: str


@dataclass
class TemplateResult:
    lines: list[Line]
    context: list[ContextVar]
    issues: list[Issue]
    notes: list[Issue]
    used_names: set[str]  # context keys the converted text reads


# --- tokens and blocks --------------------------------------------------------------------------


@dataclass
class _Text:
    text: str
    line: int  # line of its first character


@dataclass
class _Expr:
    source: str
    line: int


@dataclass
class _Set:
    name: str
    value: str
    line: int


@dataclass
class _If:
    branches: list[tuple[str | None, list[Any]]]  # (test or None for else, body)
    line: int


@dataclass
class _For:
    targets: list[str]
    iterable: str
    body: list[Any]
    line: int


@dataclass
class _Marker:
    """A statement that leaves nothing (a comment, `{% endif %}`): marks its line."""

    line: int


def split_selectors(text: str) -> tuple[list[str], dict[int, str], dict[int, str]]:
    """Lines without their selectors, {line: selector expression}, {line: comment kept}."""
    lines = text.split("\n")
    selectors: dict[int, str] = {}
    comments: dict[int, str] = {}
    for index, line in enumerate(lines):
        if "[" not in line or "#" not in line or line.lstrip().startswith("#"):
            continue
        match = SELECTOR.match(line)
        if not match:
            continue
        selectors[index + 1] = match.group("expr").strip()
        comment = match.group("comment").strip()
        lines[index] = match.group("body") + (f"  # {comment}" if comment else "")
        if comment:
            comments[index + 1] = comment
    return lines, selectors, comments


class TemplateError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _tokens(text: str) -> Iterator[Any]:
    position, line = 0, 1
    for match in TOKEN.finditer(text):
        if match.start() > position:
            yield _Text(text[position : match.start()], line)
            line += text.count("\n", position, match.start())
        if match.group("expr") is not None:
            yield _Expr(match.group("expr").strip("-").strip(), line)
        elif match.group("stmt") is not None:
            yield ("stmt", match.group("stmt"), line)
        else:
            yield _Marker(line)
        line += match.group(0).count("\n")
        position = match.end()
    if position < len(text):
        yield _Text(text[position:], line)


def parse_blocks(text: str) -> list[Any]:
    """The template as nested blocks; TemplateError on unbalanced or unsupported statements."""
    stream = list(_tokens(text))
    body, _index, end = _parse_body(stream, 0, ())
    if end is not None:
        raise TemplateError(end[1], f"`{{% {end[0]} %}}` without its opening statement")
    return body


def _statement(token: tuple[str, str, int]) -> tuple[str, str, int]:
    match = STATEMENT.match(token[1])
    if not match:
        raise TemplateError(token[2], f"cannot read the Jinja statement `{{%{token[1]}%}}`")
    return match.group("keyword"), match.group("rest").strip(), token[2]


def _parse_body(stream: list[Any], index: int, closers: tuple[str, ...]) -> tuple[list[Any], int, Any]:
    body: list[Any] = []
    while index < len(stream):
        token = stream[index]
        index += 1
        if not isinstance(token, tuple):
            body.append(token)
            continue
        keyword, rest, line = _statement(token)
        if keyword in closers:
            return body, index, (keyword, line, rest)
        if keyword == "set":
            body.append(_parse_set(rest, line))
        elif keyword == "if":
            conditional, index = _parse_if(stream, index, rest, line)
            body.append(conditional)
        elif keyword == "for":
            loop, index = _parse_for(stream, index, rest, line)
            body.append(loop)
        elif keyword in ("endif", "endfor", "else", "elif", "endset", "endraw", "endmacro"):
            return body, index, (keyword, line, rest)
        else:
            raise TemplateError(line, f"`{{% {keyword} %}}` has no v1 form (v1 recipes are plain YAML)")
    return body, index, None


def _parse_set(rest: str, line: int) -> _Set:
    match = SET_STATEMENT.match(rest)
    if not match:
        raise TemplateError(line, f"only `{{% set name = value %}}` has a v1 form, not `{{% set {rest} %}}`")
    return _Set(match.group("name"), match.group("value").strip(), line)


def _parse_if(stream: list[Any], index: int, test: str, line: int) -> tuple[_If, int]:
    branches: list[tuple[str | None, list[Any]]] = []
    current: str | None = test
    while True:
        body, index, end = _parse_body(stream, index, ("elif", "else", "endif"))
        branches.append((current, body))
        if end is None:
            raise TemplateError(line, "`{% if %}` without `{% endif %}`")
        keyword, _, rest = end
        if keyword == "endif":
            return _If(branches, line), index
        if keyword not in ("elif", "else") or (current is None):
            raise TemplateError(end[1], f"unexpected `{{% {keyword} %}}` inside `{{% if %}}`")
        current = rest if keyword == "elif" else None


def _parse_for(stream: list[Any], index: int, rest: str, line: int) -> tuple[_For, int]:
    match = FOR_STATEMENT.match(rest)
    if not match:
        raise TemplateError(line, f"cannot read `{{% for {rest} %}}`")
    iterable = match.group("iter").strip()
    if re.search(r"\s(if|recursive)\s|\s(recursive)$", f" {iterable} "):
        raise TemplateError(line, "`{% for %}` with `if` or `recursive` has no v1 form")
    body, index, end = _parse_body(stream, index, ("endfor",))
    if end is None or end[0] != "endfor":
        raise TemplateError(line, "`{% for %}` without `{% endfor %}`")
    targets = [t.strip() for t in match.group("target").split(",")]
    return _For(targets, iterable, body, line), index


# --- walking ------------------------------------------------------------------------------------


@dataclass
class _Fragment:
    text: str
    condition: Condition
    origin: int


@dataclass
class _Assignment:
    condition: str  # "" = unconditional
    expression: str  # v1 expression text


@dataclass
class _Variable:
    key: str  # its v1 context key
    line: int
    branches: list[_Assignment] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # its `{% set %}` lines
    literal: Any = None  # the value when the only assignment is an unconditional literal
    has_literal: bool = False
    options: list[tuple[Condition, Any]] | None = None  # values known here, each with its condition
    unknown: set[str] = field(default_factory=set)  # why `options` is None: names only the variant knows


class Walker:
    """Walks the blocks once, producing lines, context variables and issues."""

    def __init__(self, selectors: dict[int, str], variant_keys: frozenset[str], build_number: str) -> None:
        self.selector_conditions: dict[int, Condition] = {}
        self.issues: list[Issue] = []
        self.notes: list[Issue] = []
        for line, expression in selectors.items():
            try:
                self.selector_conditions[line] = (canonical(translate(expression, selector=True)),)
            except Untranslatable as exc:
                self.issues.append(Issue(line, f"selector [{expression}]: {exc}"))
        self.variant_keys = variant_keys
        self.build_number = build_number
        self.package_version = ""
        self.package_name = ""
        self.lines: list[Line] = []
        self.current: list[_Fragment] = []
        self.current_statement = False
        self.variables: dict[str, _Variable] = {}  # v0 name -> its v1 variable
        self.order: list[str] = []  # v1 keys in definition order
        self.retired: list[_Variable] = []  # variables a later `{% set %}` renamed
        self.dropped_sets: list[int] = []  # lines of `{% set %}`s left out (their comments go too)
        self.read_since: dict[str, bool] = {}  # v0 name -> read since its last assignment
        self.used: set[str] = set()  # v1 keys the output reads
        self.loop_depth = 0
        self.current_line = 0  # the statement being evaluated (for problems raised deep inside)
        self.produced = 0

    # output -----------------------------------------------------------------------------------
    def end_line(self) -> None:
        fragments, self.current = self.current, []
        statement, self.current_statement = self.current_statement, False
        self.produced += 1  # every line, in loops too (their lines are collected apart)
        if self.produced > MAX_OUTPUT_LINES:
            raise TemplateError(self.current_line, f"the template expands to more than {MAX_OUTPUT_LINES} lines")
        if not fragments:
            if not statement:
                self.lines.append(Line("", self.lines[-1].origin if self.lines else 1))
            return
        solid = [f for f in fragments if f.text.strip()]
        if not solid:
            if not statement:
                self.lines.append(Line("", fragments[0].origin))
            return
        line = _assemble(fragments, solid, statement, self.issues)
        if contradicts(line.condition):  # `# [False]`, `# [py2k]`: conda-build never reads the line
            self.dropped_sets.append(line.origin)  # its comment lines go with it
            self.notes.append(Issue(line.origin, "line dropped: its selector or `{% if %}` is never true"))
            return
        self.lines.append(line)

    # blocks -----------------------------------------------------------------------------------
    def walk(self, body: Iterable[Any], condition: Condition, constants: dict[str, Any]) -> None:
        for node in body:
            if isinstance(node, _Text):
                self._text(node, condition)
            elif isinstance(node, _Expr):
                self._expression(node, condition, constants)
            elif isinstance(node, _Set):
                self.current_statement = True
                self._set(node, condition + self.selector_conditions.get(node.line, ()), constants)
            elif isinstance(node, _If):
                self.current_statement = True
                self._if(node, condition, constants)
                self.current_statement = True
            elif isinstance(node, _For):
                self.current_statement = True
                self._for(node, condition, constants)
                self.current_statement = True
            elif isinstance(node, _Marker):
                self.current_statement = True

    def _text(self, node: _Text, condition: Condition) -> None:
        for offset, part in enumerate(node.text.split("\n")):
            if offset:
                self.end_line()
            if part:
                line = node.line + offset
                self.current.append(_Fragment(part, condition + self.selector_conditions.get(line, ()), line))

    def _expression(self, node: _Expr, condition: Condition, constants: dict[str, Any]) -> None:
        line_condition = condition + self.selector_conditions.get(node.line, ())
        try:
            names = names_in(node.source)
            if constants and names & set(constants) and names <= set(constants) | set(self.static):
                value = self.evaluate(node.source, constants)
                self.current.append(_Fragment(_as_text(value), line_condition, node.line))
                return
            text = translate(node.source, self.scope(constants))
        except (Untranslatable, TemplateError) as exc:
            self.issues.append(Issue(node.line, str(exc)))
            text = node.source
        self.note_reads(node.source, constants)
        constant = _constant(text)
        piece = _as_text(constant) if constant is not _NOT_CONSTANT else "${{ " + text + " }}"
        self.current.append(_Fragment(piece, line_condition, node.line))

    def _if(self, node: _If, condition: Condition, constants: dict[str, Any]) -> None:
        if node.line in self.selector_conditions:
            raise TemplateError(node.line, "a `# [selector]` on an `{% if %}` line has no v1 form")
        negated: Condition = ()
        for test, body in node.branches:
            if test is None:
                self.walk(body, condition + negated, constants)
                return
            decided = self.static_truth(test, constants)
            if decided is True:
                self.walk(body, condition + negated, constants)
                return
            if decided is False:
                continue
            self.note_reads(test, constants)
            atom = self.translate_condition(test, constants, node.line)
            self.walk(body, condition + negated + (atom,), constants)
            negated += (negate(atom),)

    def _for(self, node: _For, condition: Condition, constants: dict[str, Any]) -> None:
        if node.line in self.selector_conditions:
            raise TemplateError(node.line, "a `# [selector]` on a `{% for %}` line has no v1 form")
        self.current_line = node.line
        options = self.static_options(node.iterable, constants)
        if options is None:
            raise TemplateError(node.line, self._unknown_loop(node.iterable, constants))
        self.current_statement = True
        self.end_line()
        outer, expansions = self.lines, []
        self.loop_depth += 1
        try:
            for _, items in options:
                self.lines = []
                for item in _iterate(items, node.line):
                    bound = dict(constants)
                    bound.update(_bind(node.targets, item, node.line))
                    self.current_statement = True
                    self.walk(node.body, condition, bound)
                    self.current_statement = True
                self.end_line()
                expansions.append(self.lines)
        finally:
            self.loop_depth -= 1
            self.lines = outer
        for line, option_indexes in merge_expansions(expansions):
            extra = covering_condition([options[i][0] for i in option_indexes], [o[0] for o in options])
            self.lines.append(Line(line.text, line.origin, _dedupe(line.condition + extra), line.statement))
        self.current_statement = True

    def _unknown_loop(self, iterable: str, constants: dict[str, Any]) -> str:
        try:
            names = sorted(names_in(iterable) - set(constants))
        except Untranslatable:
            names = []
        unknown = sorted(self.unknown_names(set(names)))
        because = f" (it depends on {', '.join(f'`{n}`' for n in unknown)})" if unknown else ""
        return (
            f"`{{% for %}}` over `{iterable}` has values only conda-build knows when it renders{because}: "
            "v1 has no loops; write the items out"
        )

    def unknown_names(self, names: set[str]) -> set[str]:
        """The names behind `names` that only conda-build knows when it renders."""
        found: set[str] = set()
        for name in names:
            variable = self.variables.get(name)
            if variable is None:
                found.add(name)
            elif variable.options is None:
                found |= variable.unknown or {name}
        return found

    # values -----------------------------------------------------------------------------------
    def scope(self, constants: dict[str, Any]) -> Scope:
        renames = {name: v.key for name, v in self.variables.items() if v.key != name}
        return Scope(
            constants=constants,
            renames=renames,
            build_number=self.build_number,
            package_version=self.package_version,
            package_name=self.package_name,
            variant_keys=self.variant_keys,
        )

    def note_reads(self, source: str, constants: dict[str, Any]) -> None:
        try:
            names = names_in(source) - set(constants)
        except Untranslatable:
            return
        for name in names:
            if name in self.variables:
                self.read_since[name] = True
                self.used.add(self.variables[name].key)

    def translate_condition(self, test: str, constants: dict[str, Any], line: int) -> str:
        try:
            return canonical(translate(test, self.scope(constants)))
        except Untranslatable as exc:
            raise TemplateError(line, str(exc)) from None

    @property
    def static(self) -> dict[str, Any]:
        """v0 names whose value is known here on every platform."""
        return {
            name: v.options[0][1]
            for name, v in self.variables.items()
            if v.options is not None and len(v.options) == 1 and not v.options[0][0]
        }

    def evaluate(self, source: str, constants: dict[str, Any]) -> Any:
        from recipegen.convert.static import evaluate

        return evaluate(source, {**self.static, **constants})

    def static_truth(self, test: str, constants: dict[str, Any]) -> bool | None:
        try:
            names = names_in(test)
        except Untranslatable:
            return None
        if not names <= set(constants) | set(self.static):
            return None
        try:
            return bool(self.evaluate(test, constants))
        except TemplateError:
            return None

    def static_options(self, source: str, constants: dict[str, Any]) -> list[tuple[Condition, Any]] | None:
        """The values `source` can take, each with its condition; None when not known here.

        Context variables contribute their known values (each under its condition); a comparison
        of names only the variant knows (`cuda_compiler_version != "None"`) is tried both ways.
        """
        try:
            names = names_in(source)
        except Untranslatable:
            return None
        unknown = {n for n in names - set(constants) if n not in self.variables and n not in JINJA_FUNCTIONS}
        if unknown:
            return self._branch_on_tests(source, unknown, constants)
        choices: list[list[tuple[Condition, str, Any]]] = []
        for name in sorted(names - set(constants) - JINJA_FUNCTIONS):
            variable = self.variables[name]
            if variable.options is None:
                return None
            choices.append([(c, name, value) for c, value in variable.options])
        options: list[tuple[Condition, Any]] = []
        for combination in product(*choices):
            condition: Condition = tuple(a for c, _, _ in combination for a in c)
            if contradicts(condition):
                continue
            values = {name: value for _, name, value in combination}
            try:
                options.append((condition, self.evaluate(source, {**values, **constants})))
            except TemplateError as exc:
                if type(exc).__name__ == "LimitError":
                    raise TemplateError(self.current_line, exc.message) from None
                return None
            if len(options) > MAX_LOOP_BRANCHES:
                return None
        return options

    def _branch_on_tests(
        self, source: str, unknown: set[str], constants: dict[str, Any]
    ) -> list[tuple[Condition, Any]] | None:
        from recipegen.convert.static import boolean_tests, substitute_tests

        tests = boolean_tests(source, unknown)
        if not tests or len(tests) > 3:
            return None
        try:
            atoms = [self.translate_condition(test, constants, 0) for test in tests]
        except TemplateError:
            return None
        options: list[tuple[Condition, Any]] = []
        for truths in product((True, False), repeat=len(tests)):
            fixed = substitute_tests(source, dict(zip(tests, truths)))
            condition = tuple(a if t else negate(a) for a, t in zip(atoms, truths))
            inner = self.static_options(fixed, constants)
            if inner is None:
                return None
            options += [(condition + inner_condition, value) for inner_condition, value in inner]
        return options

    def _set(self, node: _Set, condition: Condition, constants: dict[str, Any]) -> None:
        from recipegen.convert.context import assign

        if self.loop_depth:
            self.issues.append(Issue(node.line, f"`{{% set {node.name} %}}` inside `{{% for %}}` has no v1 form"))
            return
        assign(self, node, condition)

    # results ----------------------------------------------------------------------------------
    def context(self) -> list[ContextVar]:
        from recipegen.convert.context import context_entries

        return context_entries(self)


def _dedupe(condition: Condition) -> Condition:
    return tuple(dict.fromkeys(condition))


def merge_expansions(expansions: list[list[Line]]) -> list[tuple[Line, set[int]]]:
    """The lines of each branch's expansion merged in order, each with the branches it is in."""
    from difflib import SequenceMatcher

    merged: list[tuple[Line, set[int]]] = []
    for index, lines in enumerate(expansions):
        if not merged:
            merged = [(line, {index}) for line in lines]
            continue
        keys = [(line.text, line.origin, line.condition) for line, _ in merged]
        new_keys = [(line.text, line.origin, line.condition) for line in lines]
        result: list[tuple[Line, set[int]]] = []
        matcher = SequenceMatcher(a=keys, b=new_keys, autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal":
                result += [(line, branches | {index}) for line, branches in merged[a1:a2]]
                continue
            result += merged[a1:a2]
            result += [(line, {index}) for line in lines[b1:b2]]
        merged = result
    return merged


def covering_condition(chosen: list[Condition], every: list[Condition]) -> Condition:
    """One condition that holds exactly for the `chosen` branches (of `every`)."""
    if len(chosen) == len(every):
        return ()
    terms = [_dedupe(c) for c in chosen]
    changed = True
    while changed and len(terms) > 1:
        changed = False
        for i, first in enumerate(terms):
            for second in terms[i + 1 :]:
                merged = _merge_terms(first, second)
                if merged is not None:
                    terms = [t for t in terms if t not in (first, second)] + [merged]
                    changed = True
                    break
            if changed:
                break
    if len(terms) == 1:
        return terms[0]
    return (" or ".join(f"({join_condition(t)})" if len(t) > 1 else join_condition(t) for t in terms),)


def _merge_terms(first: Condition, second: Condition) -> Condition | None:
    """`a and x` + `a and not x` -> `a`; None when they differ otherwise."""
    only_first = [a for a in first if a not in second]
    only_second = [a for a in second if a not in first]
    if len(only_first) == 1 and len(only_second) == 1 and negate(only_first[0]) == only_second[0]:
        return tuple(a for a in first if a in second)
    if not only_first:
        return first
    if not only_second:
        return second
    return None


_NOT_CONSTANT = object()


def _constant(expression: str) -> Any:
    """The value of an expression that is a plain number (`${{ 3 }}` is just `3`)."""
    return int(expression) if expression.isdigit() else _NOT_CONSTANT


def _as_text(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def _iterate(items: Any, line: int) -> list[Any]:
    if isinstance(items, (str, bytes)) or not hasattr(items, "__iter__"):
        raise TemplateError(line, f"`{{% for %}}` over {type(items).__name__} {items!r}, not a list")
    return list(items)


def _bind(targets: list[str], item: Any, line: int) -> dict[str, Any]:
    if len(targets) == 1:
        return {targets[0]: item}
    if not isinstance(item, (list, tuple)) or len(item) != len(targets):
        raise TemplateError(line, f"cannot unpack {item!r} into {', '.join(targets)}")
    return dict(zip(targets, item))


def _assemble(fragments: list[_Fragment], solid: list[_Fragment], statement: bool, issues: list[Issue]) -> Line:
    """One line from fragments; fragments under a narrower condition become inline `if`s."""
    common = solid[0].condition
    for fragment in solid[1:]:
        common = tuple(a for a in common if a in fragment.condition)
    pieces: list[str] = []
    for fragment in fragments:
        extra = tuple(a for a in fragment.condition if a not in common)
        if not extra or not fragment.text.strip():
            pieces.append(fragment.text)
            continue
        if "${{" in fragment.text:
            issues.append(Issue(fragment.origin, "a `{% if %}` around part of a line with an expression in it"))
        pieces.append("${{ " + _quote(fragment.text) + " if " + join_condition(extra) + " }}")
    return Line("".join(pieces), solid[0].origin, common, statement)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def convert_template(text: str, variant_keys: frozenset[str] = frozenset()) -> TemplateResult:
    """Run the whole template stage on meta.yaml text."""
    lines, selectors, _ = split_selectors(text)
    walker = Walker(selectors, variant_keys, build_number="")
    try:
        blocks = parse_blocks("\n".join(lines))
        walker.build_number = _template_value(blocks, "build", "number")
        number_line = _literal_build_number(lines) if walker.build_number.isdigit() else 0
        if number_line and not re.search(r"\{%-?\s*set\s+build_number\b", text):
            walker.build_number = BUILD_NUMBER_KEY  # PKG_BUILDNUM stays tied to the number
        walker.package_version = _template_value(blocks, "package", "version")
        if not re.search(r"^outputs:", text, re.MULTILINE):
            walker.package_name = _template_value(blocks, "package", "name")
        walker.walk(blocks, (), {})
        walker.end_line()
    except TemplateError as exc:
        walker.issues.append(Issue(exc.line, exc.message))
        return TemplateResult([], [], walker.issues, walker.notes, set())
    walker.issues += _selectors_reading_the_template(selectors, set(walker.variables) - variant_keys)
    context = walker.context()
    if walker.build_number == BUILD_NUMBER_KEY:
        _context_build_number(walker.lines, context, number_line)
    output = _move_context_comments(text.split("\n"), walker.lines, context, walker.dropped_sets)
    return TemplateResult(output, context, walker.issues, walker.notes, walker.used)


def _selectors_reading_the_template(selectors: dict[int, str], template_names: set[str]) -> list[Issue]:
    """conda-build evaluates `# [selectors]` with the platform and variant names only (`ns_cfg`),
    so a `{% set %}` name in one is unknown there and counts as False; v1 would read the context
    variable. Refused at the line."""
    issues = []
    for line, expression in sorted(selectors.items()):
        try:
            names = sorted(names_in(expression) & template_names)
        except Untranslatable:
            continue
        if names:
            issues.append(
                Issue(
                    line,
                    f"selector [{expression}] reads `{names[0]}`, a `{{% set %}}` variable: conda-build "
                    "evaluates selectors with the platform and variant names only, so it is always "
                    f"false there; write `{{% if {names[0]} %}}` or test the variant value instead",
                )
            )
    return issues


BUILD_NUMBER_KEY = "build_number"
BUILD_NUMBER_LINE = re.compile(r"^(?P<key>[ \t]+number:\s*)(?P<value>\d+)(?P<rest>\s*(?:#.*)?)$")


def _literal_build_number(lines: list[str]) -> int:
    """The line (1-based) of a literal top-level `build: number: N`, or 0."""
    in_build = False
    for number, line in enumerate(lines, 1):
        if line and not line[0].isspace() and not line.startswith("#"):
            in_build = line.split("#")[0].strip() == "build:"
        elif in_build and BUILD_NUMBER_LINE.match(line):
            return number
    return 0


def _context_build_number(lines: list[Line], context: list[ContextVar], number_line: int) -> None:
    """`PKG_BUILDNUM` read `build_number`: the literal number becomes that context entry (rattler-build
    has no PKG_BUILDNUM; conda-forge's v1 recipes write `build_number` in the context)."""
    if not any(re.search(r"\$\{\{[^}]*\bbuild_number\b", line.text) for line in lines):
        return
    for line in lines:
        match = BUILD_NUMBER_LINE.match(line.text) if line.origin == number_line else None
        if match:
            line.text = f"{match.group('key')}${{{{ {BUILD_NUMBER_KEY} }}}}{match.group('rest')}"
            context.append(ContextVar(BUILD_NUMBER_KEY, int(match.group("value")), line=number_line))
            return


def _comment_text(line: str) -> str:
    return line.strip().lstrip("#").strip()


def _move_context_comments(
    raw: list[str], lines: list[Line], context: list[ContextVar], dropped: list[int]
) -> list[Line]:
    """Comments written above or after a `{% set %}` go with its context entry (or away with it)."""
    consumed: set[int] = set()
    owners: list[tuple[ContextVar | None, int]] = [(v, n) for v in context for n in v.lines] + [
        (None, n) for n in dropped
    ]
    for variable, number in sorted(owners, key=lambda pair: pair[1]):
        above = number - 1
        block: list[str] = []
        while above >= 1 and raw[above - 1].strip().startswith("#") and "{%" not in raw[above - 1]:
            block.insert(0, _comment_text(raw[above - 1]))
            consumed.add(above)
            above -= 1
        after = raw[number - 1].split("%}", 1)[-1] if 0 < number <= len(raw) else ""
        if after.strip().startswith("#") and "[" not in after:
            consumed.add(number)
            if variable is not None:
                variable.eol = variable.eol or _comment_text(after)
        if variable is not None and block:
            variable.before = "\n".join(filter(None, [variable.before, *block]))
    return [line for line in lines if not (line.origin in consumed and line.text.strip().startswith("#"))]


def _template_value(blocks: list[Any], section: str, key: str) -> str:
    """The v1 expression of a top-level `section: key:` value of the text (`PKG_BUILDNUM` & co.)."""
    text = "".join(
        b.text if isinstance(b, _Text) else "{{" + b.source + "}}" for b in blocks if isinstance(b, (_Text, _Expr))
    )
    match = re.search(rf"^{section}:\s*\n(?:[ \t]+.*\n)*?[ \t]+{key}:\s*(?P<value>\S.*?)\s*$", text, re.MULTILINE)
    if not match:
        return ""
    value = match.group("value").split(" #")[0].strip().strip("'\"")
    if value.startswith("{{") and value.endswith("}}") and value.count("{{") == 1:
        return value[2:-2].strip()
    if "{{" in value:
        return ""
    return value if value.isdigit() else repr(value)
