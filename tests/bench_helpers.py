"""Shared bits for the bench tests: a seeded random rater, tiny transcripts, the CLI in-process."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from scoring.bench.raters import Levels
from scoring.bench.ratings import BenchTranscript
from scoring.rubrics import Rubric, load_rubrics
from scoring.scorecard import Usage
from scoring.transcripts.model import Transcript, Turn
from tests.cli_helpers import Run

SYSTEM_DESIGN = load_rubrics()["system-design"]
DIMENSIONS = [d.id for d in SYSTEM_DESIGN.dimensions]
DATA = Path(__file__).parent / "data" / "transcripts"
SAMPLES = Path(__file__).resolve().parent.parent / "transcripts" / "samples"


@dataclass
class RandomRater:
    """Levels drawn at random (seeded by its seed, the transcript and the call count)."""

    name: str
    seed: int
    identity: str = "test:random"
    usage: Usage = field(default_factory=Usage)
    uses_batches: bool = False
    calls: int = 0

    def rate(self, transcript: Transcript, rubric: Rubric) -> Levels:
        rng = random.Random(f"{self.seed}:{transcript.id}:{self.calls}")
        self.calls += 1
        self.usage.input_tokens += 100
        self.usage.output_tokens += 10
        self.usage.dollars += 0.001
        return {d.id: rng.randint(1, 4) for d in rubric.dimensions}


@dataclass
class FixedRater:
    """The same levels for every transcript (or a level outside the rubric, for errors)."""

    name: str
    levels: dict[str, int | None]
    identity: str = "test:fixed"
    usage: Usage = field(default_factory=Usage)
    uses_batches: bool = False

    def rate(self, transcript: Transcript, rubric: Rubric) -> Levels:
        return dict(self.levels)


def tiny_transcript(key: str, words: int = 5) -> BenchTranscript:
    text = " ".join(["answer"] * words)
    transcript = Transcript(
        id=key,
        turns=[Turn(role="interviewer", text="Design it."), Turn(role="candidate", text=text)],
    )
    return BenchTranscript(key=key, transcript=transcript)


def stored(home: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows from the user's database (none when it or the table does not exist yet)."""
    path = home / "mockloop.db"
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path)) as conn:
        try:
            return conn.execute(sql).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise


def assert_one_line_error(run: Run, code: int = 2) -> str:
    assert run.code == code, run
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("mockloop: ")
    assert "Traceback" not in run.err
    return lines[0]
