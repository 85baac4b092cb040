"""The one rule for the ids a user types or writes: brief, persona, rubric and session ids.

An id is typed on the command line and names a file (MOCKLOOP_HOME/briefs/ID.yaml), so it is
short: a file system takes at most 255 bytes for one name, and an id of 300 characters is a
mistake, never a name someone meant. Every kind of id has the same limit and the same
message, so `briefs new`, a brief file and `transcripts show` never disagree on it.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

MAX_ID_LENGTH = 64  # well past the longest id shipped (24) and a session id (22)
# The ids of content a user adds: briefs and personas (a file named ID.yaml).
NEW_ID_PATTERN = r"^[a-z][a-z0-9-]*$"
# How much of an over-long id a message quotes: enough to recognise it.
_QUOTED = 20

ContentId = Annotated[str, Field(pattern=NEW_ID_PATTERN, max_length=MAX_ID_LENGTH)]


class IdError(ValueError):
    """An id the user gave cannot be one; the message is one line."""


def overlong_id(value: str, kind: str) -> str | None:
    """The one-line refusal of an id longer than MAX_ID_LENGTH characters, else None.

    A lookup (an unknown brief, a session prefix) raises its own error with this message, so
    the callers that catch that error still do."""
    if len(value) <= MAX_ID_LENGTH:
        return None
    return (
        f"{kind} id {value[:_QUOTED] + '…'!r} is {len(value):,} characters long; "
        f"an id has at most {MAX_ID_LENGTH}"
    )


def check_new_id(value: str, kind: str) -> str:
    """`value` when it can name new content of `kind` (a brief): lower-case letters, digits
    and hyphens, starting with a letter, at most MAX_ID_LENGTH characters; else IdError."""
    if (problem := overlong_id(value, kind)) is not None:
        raise IdError(problem)
    if not re.fullmatch(NEW_ID_PATTERN, value):
        raise IdError(
            f"invalid {kind} id {value!r}: use lower-case letters, digits and hyphens, "
            "starting with a letter"
        )
    return value
