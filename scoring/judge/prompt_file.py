"""Prompt files: YAML front matter (a `version`, optional named snippets) and the text.

The text is used byte for byte, so a prompt only changes when its file does, and the version
recorded with every session and scorecard says which text was sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from scoring.content import ContentError
from scoring.input_files import MB, InputFileError, read_input

# A prompt is sent whole with every call; the shipped ones are a few KB.
MAX_PROMPT_BYTES = 1 * MB


@dataclass(frozen=True)
class PromptFile:
    name: str
    version: str
    text: str
    snippets: dict[str, str] = field(default_factory=dict)


@cache
def read_prompt_file(path: Path) -> PromptFile:
    """Parse `---\\nversion: …\\n---\\n<text>`; a missing version is a ContentError."""
    try:
        raw = read_input(path, limit=MAX_PROMPT_BYTES, kind="prompt file").decode("utf-8")
    except InputFileError as exc:
        raise ContentError(str(exc)) from None
    except UnicodeDecodeError:
        raise ContentError(f"{path}: not valid UTF-8 text") from None
    if not raw.startswith("---\n") or "\n---\n" not in raw[3:]:
        raise ContentError(f"{path}: a prompt file starts with a '---' front matter block")
    head, text = raw[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head) or {}
    if not isinstance(meta, dict) or not str(meta.get("version", "")).strip():
        raise ContentError(f"{path}: version: a prompt file needs a version")
    snippets = {str(k): " ".join(str(v).split()) for k, v in meta.items() if k != "version"}
    return PromptFile(path.stem, str(meta["version"]), text.strip() + "\n", snippets)
