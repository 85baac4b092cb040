"""The one error every transcript importer raises for bad input."""

from __future__ import annotations

from pydantic import ValidationError


class TranscriptError(ValueError):
    """A transcript that cannot be read, explained in one line that starts with the file.

    The message is always ``"<origin>: <problem>"`` on a single line, so a CLI can print it
    as is and a user knows which file to fix and how.
    """

    def __init__(self, origin: str, problem: str) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(_one_line(f"{origin}: {problem}"))


def validation_problem(exc: ValidationError) -> str:
    """The first pydantic error as ``field.path: message`` (plus how many more there are)."""
    errors = exc.errors()
    if not errors:
        return "invalid transcript"
    first = errors[0]
    path = _field_path(first["loc"])
    problem = f"{path}: {first['msg']}" if path else str(first["msg"])
    if len(errors) > 1:
        problem += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return problem


def _field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def _one_line(text: str) -> str:
    # Paths, speaker names and parser messages can all carry line breaks; a CLI error may not.
    return " ".join(part.strip() for part in text.splitlines() if part.strip())
