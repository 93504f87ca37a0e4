"""A Jinja sandbox for untrusted recipe templates: no file or module access, bounded work.

jinja2's `ImmutableSandboxedEnvironment` already refuses unsafe attributes (`__class__`,
`mro`, ...) and in-place changes of lists and dicts. On top of it this module bounds the
*work* a template can make the linter do, so a hostile or broken `meta.yaml` can never hang
or exhaust memory:

- every `for` loop iterates through a guard counting iterations (the template AST is
  rewritten before compiling), `range()` is capped;
- every call, attribute/item lookup, filter and `~` concatenation ticks a shared budget
  (operation count and wall time) and checks the size of what it builds;
- `*`, `**`, `%` and `+` are intercepted and refuse results beyond the size cap;
- the rendered output is streamed and refused beyond the output cap;
- a real wall-clock deadline: while a call or filter of a template runs, a profile hook checks
  the time on the Python calls it makes, so one call that works long (`wordwrap` or `urlize`
  of a huge string, `pprint` of a long list) cannot outlive its budget;
- every budget of one recipe also counts against a total (`document_budget`), so a recipe with
  thousands of slow selectors still costs seconds, not hours.

Breaking a limit raises `RenderLimitError`; callers report it as one problem.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from jinja2 import nodes
from jinja2.environment import Template
from jinja2.runtime import Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_STRING = 1_000_000  # longest string/list a template may build
MAX_INT_ARGUMENT = 1_000_000  # largest size (width, repeat count) passed to a call or filter
MAX_INT_BITS = 100_000  # largest integer a template may compute (about 30,000 digits)
MAX_RANGE = 10_000
MAX_OPERATIONS = 1_000_000  # loop iterations + calls + lookups per render
TIME_BUDGET_SECONDS = 2.0
DOCUMENT_BUDGET_SECONDS = 5.0  # every selector and render of one recipe together
MAX_LIPSUM_PARAGRAPHS = 20
MAX_LIPSUM_WORDS = 200


class RenderLimitError(Exception):
    """The template asked for more work or output than any real recipe needs."""

    def __init__(self, message: str, document: bool = False) -> None:
        super().__init__(message)
        self.document = document  # the recipe's total budget is spent: stop evaluating its templates


_DOCUMENT = threading.local()  # the deadline of the recipe being read in this thread


@contextlib.contextmanager
def document_budget(seconds: float | None = None) -> Iterator[None]:
    """Every budget opened inside ends by this deadline too (an enclosing one wins); by default
    DOCUMENT_BUDGET_SECONDS, read when the budget opens."""
    if getattr(_DOCUMENT, "deadline", None) is not None:
        yield
        return
    seconds = DOCUMENT_BUDGET_SECONDS if seconds is None else seconds
    _DOCUMENT.deadline = time.monotonic() + seconds
    _DOCUMENT.seconds = seconds
    try:
        yield
    finally:
        _DOCUMENT.deadline = None


class Budget:
    """Work counter and deadline shared by the hooks of one render."""

    def __init__(self, operations: int = MAX_OPERATIONS, seconds: float = TIME_BUDGET_SECONDS) -> None:
        self.left = operations
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.message = f"template takes longer than {seconds:g} s to render"
        self.document = False
        document = getattr(_DOCUMENT, "deadline", None)
        if document is not None and document <= self.deadline:
            self.deadline = document
            self.message = f"the recipe's templates take longer than {_DOCUMENT.seconds:g} s in total"
            self.document = True

    def tick(self, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            raise RenderLimitError(f"template does more than {MAX_OPERATIONS} operations (endless loop?)")
        if self.left % 1024 == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise RenderLimitError(self.message, document=self.document)

    @contextlib.contextmanager
    def enforced(self) -> Iterator[None]:
        """Check the deadline on the Python calls made inside too (a profile hook of this
        thread), so a single slow call cannot outlive the budget."""
        self.check_time()
        previous = sys.getprofile()
        if previous is not None and getattr(previous, "budget", None) is self:
            yield  # already enforced by an enclosing call
            return
        calls = 0

        def profile(frame: Any, event: str, arg: Any) -> None:
            nonlocal calls
            calls += 1
            if not calls & 255:
                self.check_time()  # raising unsets the hook and unwinds the evaluation

        profile.budget = self  # type: ignore[attr-defined]
        sys.setprofile(profile)
        try:
            yield
        finally:
            sys.setprofile(previous)


def _size(value: Any) -> int:
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        return len(value)
    return 0


def check_size(value: Any) -> Any:
    if _size(value) > MAX_STRING:
        raise RenderLimitError(f"template builds a value longer than {MAX_STRING} items")
    return value


# callables whose integer arguments are sizes (widths, repeats): those are capped; elsewhere
# a big number (a date-like version 20260107) is just a value
SIZED_FILTERS = frozenset(
    {"do_center", "do_indent", "do_wordwrap", "do_truncate", "do_batch", "do_slice", "do_format", "do_filesizeformat"}
)
SIZED_METHODS = frozenset(
    {"ljust", "rjust", "center", "zfill", "expandtabs", "__mul__", "__rmul__", "__imul__", "__pow__", "__lshift__"}
)
NESTED_FORMAT_FIELD = re.compile(r"\{[^{}]*\{")


def _check_arguments(args: Iterable[Any], kwargs: dict[str, Any], sized: bool = False) -> None:
    for value in (*args, *kwargs.values()):
        if sized and isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT_ARGUMENT:
            raise RenderLimitError(f"template passes the number {value} as a size (limit {MAX_INT_ARGUMENT})")
        check_size(value)


class NameUndefined(Undefined):
    """Undefined variables render as their own name, as conda-smithy's stub renderer does.

    `foo.bar` renders `foo.bar`, `foo["x"]` renders `foo["x"]`, calling one returns itself; it is
    falsy, so `{% if cuda_enabled %}` takes the else branch.
    """

    __slots__ = ()

    def _label(self) -> str:
        if self._undefined_name is not None:
            return str(self._undefined_name)
        return "undefined"

    def __str__(self) -> str:
        return self._label()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return NameUndefined(name=f"{self._label()}.{name}")

    def __getitem__(self, key: Any) -> Any:
        return NameUndefined(name=f'{self._label()}["{key}"]')

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, NameUndefined) and str(other) == str(self)

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(str(self))


_BINOP_NAMES = {"*": "mul", "**": "pow", "%": "mod", "+": "add"}


class GuardedTemplate(Template):
    """A template compiled by `LimitedSandbox.from_source`."""

    names_used: frozenset[str] = frozenset()  # every variable name it mentions (a superset of what it reads)


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox every recipe template (and selector) is evaluated in."""

    intercepted_binops = frozenset(_BINOP_NAMES)
    template_class = GuardedTemplate

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            undefined=NameUndefined,
            autoescape=False,
            trim_blocks=False,
            lstrip_blocks=False,
            keep_trailing_newline=True,
            **kwargs,
        )
        self._local = threading.local()  # one budget per thread rendering with this sandbox
        self.globals.pop("namespace", None)  # mutable attribute holder: a way round the size checks
        self.globals.pop("cycler", None)
        self.globals.pop("joiner", None)
        self.globals["range"] = self._range
        self.globals["lipsum"] = self._lipsum
        self.filters = {name: self._guard_filter(fn) for name, fn in self.filters.items()}

    # --- budget hooks -------------------------------------------------------------------
    @property
    def budget(self) -> Budget:
        budget = getattr(self._local, "budget", None)
        if budget is None:
            budget = self._local.budget = Budget()
        return budget

    def new_budget(self, seconds: float = TIME_BUDGET_SECONDS) -> Budget:
        self._local.budget = Budget(seconds=seconds)
        return self._local.budget

    def _range(self, *args: int) -> range:
        self.budget.tick()
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise RenderLimitError(f"range() of {len(rng)} items (limit {MAX_RANGE})")
        return rng

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        from jinja2.utils import generate_lorem_ipsum

        self.budget.tick()
        for value, cap in ((n, MAX_LIPSUM_PARAGRAPHS), (min, MAX_LIPSUM_WORDS), (max, MAX_LIPSUM_WORDS)):
            if not isinstance(value, int) or abs(value) > cap:
                raise RenderLimitError(f"lipsum() with {value!r} (limit {cap})")
        return generate_lorem_ipsum(n, html, min, max)

    def loop_guard(self, iterable: Any) -> Iterator[Any]:
        budget = self.budget
        for item in iterable:
            budget.tick()
            yield item

    def guarded_concat(self, *parts: Any) -> str:
        self.budget.tick()
        if sum(len(str(p)) for p in parts) > MAX_STRING:
            raise RenderLimitError(f"template builds a string longer than {MAX_STRING} characters")
        return "".join(str(p) for p in parts)

    def _guard_filter(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            budget = self.budget
            budget.tick()
            _check_arguments(args, kwargs, sized=fn.__name__ in SIZED_FILTERS)
            if fn.__name__ == "do_replace" and len(args) >= 3:
                text, old, new = args[-3:]
                _check_replace(text, old, new, count=kwargs.get("count"))
            with budget.enforced():
                return check_size(fn(*args, **kwargs))

        return guarded

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = __self.budget
        budget.tick()
        name = getattr(__obj, "__name__", "")
        _check_arguments(args, kwargs, sized=name in SIZED_METHODS)
        if name == "replace" and isinstance(getattr(__obj, "__self__", None), str):
            _check_replace(__obj.__self__, *args[:2])
        with budget.enforced():
            return check_size(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.budget.tick()
        if (
            operator == "**"
            and isinstance(right, int)
            and isinstance(left, int)
            and right > 0
            and max(abs(left).bit_length(), 1) * right > MAX_INT_BITS
        ):
            raise RenderLimitError(f"a power with more than {MAX_INT_BITS} bits")
        if (
            operator == "*"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS
        ):
            raise RenderLimitError("template multiplies numbers too large")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _size(seq) and isinstance(times, int) and _size(seq) * times > MAX_STRING:
                    raise RenderLimitError(f"template builds a value longer than {MAX_STRING} items")
        if operator == "+" and _size(left) + _size(right) > MAX_STRING:
            raise RenderLimitError(f"template builds a value longer than {MAX_STRING} items")
        if operator == "%" and isinstance(left, str):
            _check_arguments(right if isinstance(right, tuple) else (right,), {}, sized="*" in left)
            _check_format_widths(left)
        return check_size(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`"...".format(...)` / `format_map`: refuse huge widths and arguments."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            self.budget.tick()
            _check_format_widths(template)
            _check_arguments(args, kwargs, sized=bool(NESTED_FORMAT_FIELD.search(template)))
            return check_size(wrapped(*args, **kwargs))

        return checked

    # --- compiling ------------------------------------------------------------------------
    def from_source(self, source: str, name: str | None = None) -> Any:
        """Compile a template with every loop and `~` routed through the guards."""
        ast = self.parse(source, name=name)
        names = frozenset(node.name for node in ast.find_all(nodes.Name))
        guard_ast(ast)
        code = self.compile(ast, name=name, filename=name)
        template_globals = {"__loop_guard__": self.loop_guard, "__concat__": self.guarded_concat}
        template = cast(GuardedTemplate, self.template_class.from_code(self, code, self.make_globals(template_globals)))
        template.names_used = names
        return template

    def render_limited(self, template: Any, variables: dict[str, Any], max_output: int) -> str:
        pieces: list[str] = []
        total = 0
        for piece in template.generate(variables):
            total += len(piece)
            if total > max_output:
                raise RenderLimitError(f"template renders to more than {max_output} characters")
            pieces.append(piece)
            self.budget.tick()
        self.budget.check_time()
        return "".join(pieces)


def _check_replace(text: Any, old: Any, new: Any, count: Any = None) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        hits = len(text) + 1 if old == "" else text.count(old)
        if len(text) + hits * len(new) > MAX_STRING:
            raise RenderLimitError(f"template builds a string longer than {MAX_STRING} characters")


def _check_format_widths(fmt: str) -> None:
    digits = 0
    for char in fmt:
        digits = digits + 1 if char.isdigit() else 0
        if digits > 6:
            raise RenderLimitError("format width too large")


def guard_ast(ast: nodes.Node) -> None:
    """Route every `for` loop through `__loop_guard__` and every `~` through `__concat__`."""
    for loop in ast.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.Name("__loop_guard__", "load"), [loop.iter], [], None, None)
    for parent in list(ast.find_all(nodes.Node)):
        for field in parent.fields:
            value = getattr(parent, field, None)
            if isinstance(value, nodes.Concat):
                setattr(parent, field, _concat_call(value))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, nodes.Concat):
                        value[index] = _concat_call(item)


def _concat_call(node: nodes.Concat) -> nodes.Call:
    return nodes.Call(nodes.Name("__concat__", "load"), node.nodes, [], None, None)
