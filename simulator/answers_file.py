"""A file of a real candidate's answers: one answer per paragraph."""

from __future__ import annotations

import re
from pathlib import Path

from scoring.input_files import MB, InputFileError, read_input

# A whole round of long answers is some tens of KB.
MAX_ANSWERS_BYTES = 1 * MB


class AnswersFileError(ValueError):
    """The answers file cannot be used; the message is one line naming it."""


def read_answers(path: Path) -> list[str]:
    """Answers from a file: one per paragraph, separated by blank lines."""
    try:
        raw = read_input(path, limit=MAX_ANSWERS_BYTES, kind="answers file")
    except InputFileError as exc:
        raise AnswersFileError(str(exc)) from None
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
