"""Loading YAML content files into pydantic models with one-line, file-and-field errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from scoring.input_files import MB, InputFileError, read_input

M = TypeVar("M", bound=BaseModel)
_NAMED_FIELD = re.compile(r"^([A-Za-z_][\w]*(?:\.[\w]+)*): (.+)$", re.S)

# The largest shipped content file (the vocabulary) is well under 100 KB.
MAX_CONTENT_BYTES = 1 * MB
# libyaml's safe loader when it is installed: several times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(Exception):
    """A content file (brief, persona, rubric, vocabulary) is missing or invalid.

    The message is one line that names the file and, where it applies, the field path.
    """


def _field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def describe_validation_error(path: Path | str, error: ValidationError) -> str:
    """One line naming the file, the first failing field path and what is wrong with it."""
    first = error.errors()[0]
    more = error.error_count() - 1
    suffix = f" (and {more} more)" if more > 0 else ""
    where = _field_path(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    # Whole-model checks name the field themselves: "probe_areas.3.id: duplicate id ...".
    named = _NAMED_FIELD.match(message)
    if named:
        prefix = "" if where == "(top level)" else f"{where}."
        where, message = prefix + named.group(1), named.group(2)
    return f"{path}: {where}: {message}{suffix}"


def read_yaml(path: Path) -> object:
    """Parse a YAML file, turning every way it can fail into a ContentError."""
    try:
        raw = read_input(path, limit=MAX_CONTENT_BYTES, kind="content file")
    except InputFileError as exc:
        raise ContentError(str(exc)) from None
    if not raw.strip():
        raise ContentError(f"{path}: file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(f"{path}: not valid UTF-8 text") from None
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ContentError(f"{path}: invalid YAML{where}: {problem}") from None


def load_model(path: Path, model: type[M]) -> M:
    """Read `path` as YAML and validate it as `model`."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: (top level): expected a mapping, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(describe_validation_error(path, exc)) from None
