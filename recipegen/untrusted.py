"""Reading untrusted bytes (index answers, files inside packages) without letting them crash us."""

from __future__ import annotations

import json
from typing import Any


class BadJSON(ValueError):
    """The bytes are not usable JSON; the message is one short line."""


def loads_json(data: bytes | str) -> Any:
    """`json.loads` where every failure is BadJSON: invalid text or UTF-8, an integer of more
    than 4,300 digits (ValueError), arrays nested thousands deep (RecursionError)."""
    try:
        return json.loads(data)
    except RecursionError:
        raise BadJSON("JSON nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise BadJSON(f"not UTF-8 (byte {exc.start})") from None
    except ValueError as exc:  # JSONDecodeError, and int() of a number too long
        raise BadJSON(" ".join(str(exc).split())[:160]) from None
