"""Human ratings from a long-format CSV: ``transcript,rater,dimension,level``.

``transcript`` is a file name, file stem or transcript id of a transcript on the bench;
``level`` is 1-4 or a level name (no signal, generic, solid, strong); a blank level means the
rater gave none. Every problem is a ``HumanRatingsError`` whose one-line message starts with
the file (and the line, where there is one).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from scoring.bench.ratings import LEVELS, BenchTranscript, Rating
from scoring.input_files import MB, InputFileError, read_input
from scoring.render import LEVEL_NAMES
from scoring.rubrics.models import Rubric

COLUMNS = ("transcript", "rater", "dimension", "level")
# A row is some 50 bytes: 20 MB is hundreds of thousands of ratings.
MAX_CSV_BYTES = 20 * MB
_BY_NAME = {name.replace(" ", ""): level for level, name in LEVEL_NAMES.items()}


class HumanRatingsError(ValueError):
    """A ratings file that cannot be used, in one line naming the file."""


def parse_level(text: str) -> int | None:
    """1-4 or a level name ("no signal", "generic", "solid", "strong"); blank is None.

    Raises ValueError for anything else.
    """
    value = text.strip().lower()
    if not value:
        return None
    if value.lstrip("+-").isdigit():
        level = int(value)
        if level not in LEVELS:
            raise ValueError(f"level {text.strip()!r} is outside the rubric's levels 1-4")
        return level
    squeezed = value.replace(" ", "").replace("_", "").replace("-", "")
    if squeezed in _BY_NAME:
        return _BY_NAME[squeezed]
    names = ", ".join(LEVEL_NAMES.values())
    raise ValueError(f"level {text.strip()!r} is not 1-4 or a level name ({names})")


def transcript_names(
    items: Sequence[BenchTranscript], keys: Sequence[str] = ()
) -> dict[str, set[str]]:
    """Every name a CSV may use for a transcript → the keys of the transcripts it names.

    ``keys`` adds transcripts known only by their key (simulated ones not played yet).
    """
    names: dict[str, set[str]] = {}
    for item in items:
        for name in {item.key, item.transcript.id, *item.names}:
            names.setdefault(name, set()).add(item.key)
    for key in keys:
        names.setdefault(key, set()).add(key)
    return names


def read_human_ratings(path: Path, rubric: Rubric, names: Mapping[str, set[str]]) -> list[Rating]:
    """Every rating in the file, checked against the rubric and the transcripts on the bench.

    ``names`` maps every name a row may use to the keys of the transcripts it names (see
    ``transcript_names``), so the file can be checked before simulated transcripts exist.
    """
    rows = _rows(path)
    dimensions = [d.id for d in rubric.dimensions]
    missing: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    ratings: list[Rating] = []
    for line, row in rows:
        where = f"{path} line {line}"
        name, rater, dimension, level_text = (row[c] for c in COLUMNS)
        if not rater:
            raise HumanRatingsError(f"{where}: the rater column is empty")
        if dimension not in dimensions:
            raise HumanRatingsError(
                f"{where}: unknown dimension {dimension!r} for rubric {rubric.id} "
                f"(known: {', '.join(dimensions)})"
            )
        try:
            level = parse_level(level_text)
        except ValueError as exc:
            raise HumanRatingsError(f"{where}: {exc}") from None
        keys = names.get(name, set())
        if not keys:
            if name not in missing:
                missing.append(name)
            continue
        if len(keys) > 1:
            raise HumanRatingsError(
                f"{where}: transcript {name!r} names several transcripts on the bench "
                f"({', '.join(sorted(keys))}); use the transcript id"
            )
        key = next(iter(keys))
        if (key, rater, dimension) in seen:
            raise HumanRatingsError(
                f"{where}: {rater} already rated {dimension} of {name!r} "
                f"on line {seen[(key, rater, dimension)]}"
            )
        seen[(key, rater, dimension)] = line
        ratings.append(Rating(key, rater, 0, dimension, level))
    if missing:
        shown = ", ".join(repr(m) for m in missing[:5]) + (" …" if len(missing) > 5 else "")
        raise HumanRatingsError(
            f"{path}: {len(missing)} transcript{'s' * (len(missing) > 1)} named in the file "
            f"{'are' if len(missing) > 1 else 'is'} not on the bench: {shown} "
            "(give their files as PATH)"
        )
    if not ratings:
        raise HumanRatingsError(f"{path}: no ratings (only a header)")
    return ratings


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    text = _read(path)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise HumanRatingsError(f"{path}: empty file; expected the header {','.join(COLUMNS)}")
        columns = [cell.strip().lower() for cell in header]
        if sorted(columns) != sorted(COLUMNS):
            raise HumanRatingsError(
                f"{path}: the header must be {','.join(COLUMNS)} (got {','.join(header)})"
            )
        rows: list[tuple[int, dict[str, str]]] = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                raise HumanRatingsError(
                    f"{path} line {reader.line_num}: expected {len(columns)} fields, "
                    f"got {len(cells)}"
                )
            rows.append(
                (reader.line_num, dict(zip(columns, (c.strip() for c in cells), strict=True)))
            )
    except csv.Error as exc:
        raise HumanRatingsError(f"{path} line {reader.line_num}: not valid CSV ({exc})") from None
    return rows


def _read(path: Path) -> str:
    try:
        data = read_input(path, limit=MAX_CSV_BYTES, kind="ratings CSV file")
    except InputFileError as exc:
        raise HumanRatingsError(str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HumanRatingsError(
            f"{path}: not valid UTF-8 (byte at offset {exc.start}); save it as UTF-8 CSV"
        ) from None
