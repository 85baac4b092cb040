"""A lone surrogate ("\\ud800", which `json.loads` accepts) or a file name that is not UTF-8
once crashed `score` when saving and in table and Markdown output. Such text becomes U+FFFD
when the transcript is read, so every format and the store work.

The command runs in a child process: only a real standard output refuses to encode a
surrogate, an in-memory one takes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoring.transcripts import load_transcript
from scoring.transcripts.encodable import REPLACEMENT, encodable
from tests.cli_helpers import Run
from tests.warm_mockloop import WarmServer, warm_server
from tests.warm_mockloop import run as warm_run

REPO = Path(__file__).resolve().parent.parent
# Written with JSON escapes, as an exporter that splits an emoji in half would write them.
ANSWER = (
    r"I would build a golden set of 60 past accounts \ud83d with known renewal outcomes "
    r"and run it on every prompt change, failing below 90 percent."
)
LONE_SURROGATES = (
    r'{"id": "round-\ud800-7", "turns": ['
    r'{"role": "interviewer", "speaker": "Priya \udc00", "text": "How would you test it?"}, '
    f'{{"role": "candidate", "text": "{ANSWER}"}}]}}\n'
)


UTF8 = {"PYTHONIOENCODING": "utf-8"}  # standard streams in UTF-8 that refuse a surrogate


@pytest.fixture(scope="module")
def utf8_mockloop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmServer]:
    """mockloop processes started with UTF8 (forked warm, tests/warm_mockloop.py)."""
    with warm_server(tmp_path_factory.mktemp("utf8"), {**os.environ, **UTF8}) as server:
        yield server


def score(server: WarmServer, path: Path, home: Path, *args: str) -> Run:
    env = {**os.environ, "MOCKLOOP_HOME": str(home), **UTF8}
    return Run(*warm_run(server, ["score", str(path), *args], 120, env=env, cwd=REPO))


def stored_ids(home: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(home / "mockloop.db")) as conn:
        return [row[0] for row in conn.execute("select transcript_id from scorecards")]


@pytest.fixture
def transcript_file(tmp_path: Path) -> Path:
    path = tmp_path / "round-7.json"
    path.write_text(LONE_SURROGATES, encoding="utf-8")
    return path


@pytest.mark.parametrize("save", [True, False], ids=["saved", "no-save"])
@pytest.mark.parametrize("fmt", ["table", "md", "json"])
def test_lone_surrogates_are_scored_shown_and_stored_as_replacement_characters(
    utf8_mockloop: WarmServer, transcript_file: Path, isolated_home: Path, fmt: str, save: bool
) -> None:
    options = ["--format", fmt, *([] if save else ["--no-save"])]

    done = score(utf8_mockloop, transcript_file, isolated_home, *options)

    assert done.code == 0, done.err
    assert "Traceback" not in done.err
    shown = json.loads(done.out)["transcript_id"] if fmt == "json" else done.out
    assert "round-\ufffd-7" in shown
    if save:
        assert stored_ids(isolated_home) == ["round-\ufffd-7"]
    else:
        assert not (isolated_home / "mockloop.db").exists() or stored_ids(isolated_home) == []


def test_every_text_of_the_transcript_is_encodable_after_import(transcript_file: Path) -> None:
    transcript = load_transcript(transcript_file)

    assert transcript.id == "round-\ufffd-7"
    assert transcript.turns[0].speaker == "Priya \ufffd"
    assert "accounts \ufffd with" in transcript.turns[1].text
    transcript.model_dump_json().encode("utf-8")  # raises if a surrogate were left


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes only on Linux")
def test_a_file_name_that_is_not_utf8_is_recorded_encodable(tmp_path: Path) -> None:
    name = os.fsdecode(b"round-\xff.txt")  # a surrogate escape in Python
    path = tmp_path / name
    path.write_text("Interviewer: How?\nCandidate: I would cache the prompt.\n", encoding="utf-8")

    transcript = load_transcript(path)

    assert transcript.id == "round-\ufffd"
    assert transcript.source["file"] == "round-\ufffd.txt"


def test_only_surrogates_are_replaced() -> None:
    text = "naïve 😀 \ud800 \udfff done"

    assert encodable(text) == f"naïve 😀 {REPLACEMENT} {REPLACEMENT} done"
    assert encodable("plain") == "plain"
