"""The guard at each edge: an unexpected exception becomes one line and exit status 3.

Bad input has its own one-line errors (`InputError`, `GenerationError`, `FetchError`, ...) and
exit statuses 1 and 2. Anything else that escapes a command, a file being linted or
validated, a package being generated or a lint rule is a bug of recipegen: it is reported as
`<input>: internal error, please report (<Type>: <message> at <file>:<line>)`, the other inputs
are still handled, and the command exits with INTERNAL_ERROR_EXIT.

Observers (`watch`) are told of every such error; the test suite registers one and fails the
test that caused it, so a contained crash never passes unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable

OK_EXIT = 0
FAILED_EXIT = 1  # problems found, a package failed, a download refused
UNUSABLE_EXIT = 2  # unusable input or wrong usage
INTERNAL_ERROR_EXIT = 3  # a bug of recipegen, contained
INTERNAL_ERROR = "internal error, please report"

_observers: list[Callable[[str, BaseException], None]] = []


def where(exc: BaseException) -> str:
    """`file.py:line` of the innermost frame that raised `exc` ("" when unknown)."""
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    if frame is None:
        return ""
    return f"{frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}"


def describe(exc: BaseException) -> str:
    """`Type: message at file.py:line`, one line of at most about 300 characters."""
    message = " ".join(str(exc).split())[:240]
    location = where(exc)
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return f"{text} at {location}" if location else text


def internal_error_message(exc: BaseException) -> str:
    """`internal error, please report (...)`: the text after the input's name."""
    return f"{INTERNAL_ERROR} ({safe_text(describe(exc))})"


def internal_error_line(subject: str, exc: BaseException) -> str:
    """The one line shown for an unexpected exception while handling `subject`; observers are told."""
    notify(subject, exc)
    return f"{safe_text(subject)}: {internal_error_message(exc)}"


def notify(subject: str, exc: BaseException) -> None:
    for observer in list(_observers):
        observer(subject, exc)


def watch(observer: Callable[[str, BaseException], None]) -> Callable[[], None]:
    """Call `observer(subject, exc)` for every contained internal error; returns the undo."""
    _observers.append(observer)
    return lambda: _observers.remove(observer) if observer in _observers else None


def safe_text(text: str) -> str:
    """`text` with lone surrogates (from `"\\ud800"` in YAML, or undecodable file names) written
    as backslash escapes, so it can be encoded as UTF-8 anywhere."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text
