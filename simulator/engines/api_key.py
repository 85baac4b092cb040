"""Reading ANTHROPIC_API_KEY: surrounding whitespace (a trailing newline from `cat key.txt`)
is dropped; a key that cannot be sent in a header is refused in one line that never shows it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

ENV = "ANTHROPIC_API_KEY"
_QUOTES = "\"'`"


class ApiKeyError(ValueError):
    """The key is set but cannot be right; the message says why without showing it."""


def api_key(environ: Mapping[str, str] | None = None) -> str | None:
    """The key, stripped; None when unset or blank; ApiKeyError when malformed."""
    raw = (os.environ if environ is None else environ).get(ENV)
    key = (raw or "").strip()
    if not key:
        return None
    if key[0] in _QUOTES or key[-1] in _QUOTES:
        raise ApiKeyError(f"{ENV} is wrapped in quotes; set it to the key alone")
    for position, char in enumerate(key, start=1):
        if not (33 <= ord(char) <= 126):
            what = "a space" if char.isspace() else f"the character U+{ord(char):04X}"
            raise ApiKeyError(
                f"{ENV} is malformed: it has {what} at position {position} "
                "(a key is one word of printable ASCII)"
            )
    return key


def has_api_key(environ: Mapping[str, str] | None = None) -> bool:
    """Set and not blank (a malformed key counts as set: using it reports the problem)."""
    return bool(((os.environ if environ is None else environ).get(ENV) or "").strip())
