"""Reading what `mockloop bench` is given: transcript files and folders, and raters.

Every check here runs before anything is rated; a problem is a one-line BenchInputError (or
RaterError, TranscriptError) that the command turns into exit code 2.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from scoring.bench.raters import Rater, RaterError, RaterOptions, make_rater, registered_prefixes
from scoring.bench.raters import split_spec as split_rater_spec
from scoring.bench.ratings import BenchTranscript
from scoring.bench.run import BenchInputError
from scoring.transcripts import load_transcript
from scoring.transcripts.formats import transcript_extensions

# Raters provided by an engine module that registers itself when imported.
PLUGGABLE_RATERS = {"claude": "simulator.engines.claude.rater"}


def transcript_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every transcript file under each folder (hidden ones skipped)."""
    files: list[Path] = []
    extensions = transcript_extensions()
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in extensions
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise BenchInputError(
                    f"{path}: no transcript files in this folder ({', '.join(extensions)})"
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise BenchInputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))


def load_items(
    files: Sequence[Path], *, candidate_label: str | None = None, fmt: str | None = None
) -> list[BenchTranscript]:
    """Every file read and checked; transcript ids must be unique across the bench."""
    items: list[BenchTranscript] = []
    where: dict[str, Path] = {}
    for path in files:
        transcript = load_transcript(path, candidate_label=candidate_label, fmt=fmt)
        if transcript.id in where:
            raise BenchInputError(
                f"{path}: has the same transcript id {transcript.id!r} as {where[transcript.id]}; "
                "rename one of the files"
            )
        where[transcript.id] = path
        items.append(
            BenchTranscript(key=transcript.id, transcript=transcript, names=(path.name, path.stem))
        )
    return items


def build_raters(specs: Sequence[str], options: RaterOptions) -> list[Rater]:
    """A rater for each spec; an engine's rater module is imported on first use."""
    raters: list[Rater] = []
    for spec in specs:
        prefix, _ = split_rater_spec(spec)
        module = PLUGGABLE_RATERS.get(prefix)
        if module and prefix not in registered_prefixes():
            try:
                importlib.import_module(module)
            except ImportError:
                raise RaterError(f"the {prefix} rater is not available in this version") from None
        raters.append(make_rater(spec, options))
    return raters
