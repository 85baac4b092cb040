"""A file of a real candidate's answers: one answer per paragraph."""

from __future__ import annotations

import re
from pathlib import Path

MAX_ANSWERS_BYTES = 1_000_000


class AnswersFileError(ValueError):
    """The answers file cannot be used; the message is one line naming it."""


def read_answers(path: Path) -> list[str]:
    """Answers from a file: one per paragraph, separated by blank lines."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnswersFileError(f"{path}: cannot read answers file ({exc.strerror})") from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise AnswersFileError(f"{path}: answers file is larger than {MAX_ANSWERS_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersFileError(f"{path}: answers file is not valid UTF-8 text") from None
    if "\x00" in text:
        raise AnswersFileError(f"{path}: answers file looks binary")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))]
    answers = [p for p in paragraphs if p]
    if not answers:
        raise AnswersFileError(f"{path}: answers file has no answers (one per paragraph)")
    return answers
