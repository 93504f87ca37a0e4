"""The one record every checker (schema validation, lint rules) reports: a Problem with a position."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field


class Severity(str, enum.Enum):
    """Ordered from most to least severe. Hints never fail a run."""

    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "hint": 1}[self.value]

    def at_least(self, threshold: Severity) -> bool:
        return self.rank >= threshold.rank


@dataclass(frozen=True, order=True)
class Problem:
    """A finding at a place in a file. Lines and columns are 1-based; 0 means "whole file"."""

    file: str
    line: int
    column: int
    message: str
    rule_id: str = "schema"
    severity: Severity = Severity.ERROR
    end_line: int = 0
    end_column: int = 0
    url: str = ""
    fix: str = ""
    equivalent: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["equivalent"] = list(self.equivalent)
        data["end_line"] = self.end_line or self.line
        data["end_column"] = self.end_column or self.column
        return data

    def one_line(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class InputError(Exception):
    """Input recipegen cannot use at all (missing file, not YAML, duplicate keys, alias bomb).

    Commands turn it into one line `path:line:col: message` and exit code 2.
    """

    def __init__(self, file: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{self.file}: {self.message}"

    def as_problem(self) -> Problem:
        return Problem(self.file, self.line, self.column, self.message, rule_id="unusable-input")
