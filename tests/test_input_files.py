"""Every file a user names, or leaves in MOCKLOOP_HOME, is read only if it is a regular file
within its size limit: a named pipe once hung `score`, `briefs validate /dev/zero` ate all
memory, and a folder gave a traceback. Each kind of input, each way it can be wrong: one line
naming the path, exit code 2, at once.

Named pipes and /dev/zero are rows of the bad-input table (tests/bad_input_special.py, SPECIAL),
run in a child process with a timeout; the kinds of input are that table's INPUTS.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from scoring.content import ContentError
from scoring.input_files import MB, InputFileError, read_input, size_text
from scoring.judge.prompt_file import MAX_PROMPT_BYTES, read_prompt_file
from scoring.transcripts import MAX_TRANSCRIPT_BYTES
from tests.bad_input_special import INPUTS, Input
from tests.cli_helpers import mockloop, one_line_error

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "transcripts" / "samples"
SAMPLE = SAMPLES / "churn-analysis-vibes-only.md"
# A well-formed key and an address where nothing listens: no call can leave the machine.
CLAUDE_ENV = {"ANTHROPIC_API_KEY": "sk-ant-test-key", "ANTHROPIC_BASE_URL": "http://127.0.0.1:9"}


def input_path(kind: Input, home: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "inputs" if kind.folder is None else home / kind.folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder / kind.name


def command(kind: Input, path: Path) -> list[str]:
    values = {"file": str(path), "sample": str(SAMPLE), "samples": str(SAMPLES)}
    return [arg.format(**values) for arg in kind.args]


@pytest.mark.parametrize("name", [n for n, k in INPUTS.items() if not k.folder_ok])
def test_a_folder_is_refused_in_one_line(
    name: str, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind = INPUTS[name]
    path = input_path(kind, isolated_home, tmp_path)
    path.mkdir()
    for key, value in (CLAUDE_ENV if kind.api else {}).items():
        monkeypatch.setenv(key, value)

    line = one_line_error(mockloop(*command(kind, path)))

    assert f"{path}: is a folder, not a" in line


@pytest.mark.parametrize("name", INPUTS)
def test_a_file_over_its_limit_is_refused_naming_the_limit(
    name: str, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind = INPUTS[name]
    path = input_path(kind, isolated_home, tmp_path)
    with path.open("wb") as handle:
        handle.truncate(kind.limit + 1)  # sparse: the size is checked before a byte is read
    for key, value in (CLAUDE_ENV if kind.api else {}).items():
        monkeypatch.setenv(key, value)

    line = one_line_error(mockloop(*command(kind, path)))

    assert f"{path}: file is larger than the {size_text(kind.limit)} limit" in line


# --- the reader itself --------------------------------------------------------------------------


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_bytes(b"x" * 1024)

    assert read_input(path, limit=1024, kind="transcript") == b"x" * 1024
    path.write_bytes(b"x" * 1025)
    with pytest.raises(InputFileError, match="larger than the 1 KB limit for a transcript"):
        read_input(path, limit=1024, kind="transcript")


def test_a_file_larger_than_its_size_said_is_still_refused_by_the_bounded_read() -> None:
    # /proc files say they are empty and then give pages: like a file growing while read.
    maps = Path("/proc/self/maps")
    if not maps.exists() or maps.stat().st_size != 0:
        pytest.skip("needs a /proc file whose size says 0")

    with pytest.raises(InputFileError, match="larger than the 64 bytes limit"):
        read_input(maps, limit=64, kind="transcript")


def test_a_file_whose_size_said_less_is_read_whole_within_the_limit() -> None:
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs a /proc file whose size says 0")

    assert b"\nPid:" in read_input(status, limit=MB, kind="transcript")


def test_a_small_file_is_read_without_a_buffer_the_size_of_its_limit(tmp_path: Path) -> None:
    # Reading up to the limit made a 5 MB buffer for each small transcript scored.
    path = tmp_path / "call.txt"
    path.write_bytes(b"Q: Why?\nA: Because.\n")

    tracemalloc.start()
    try:
        data = read_input(path, limit=MAX_TRANSCRIPT_BYTES, kind="transcript")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert data == b"Q: Why?\nA: Because.\n"
    assert peak < 64 * 1024


def test_a_broken_link_says_where_it_points(tmp_path: Path) -> None:
    link = tmp_path / "call.vtt"
    link.symlink_to(tmp_path / "gone.vtt")

    with pytest.raises(InputFileError) as caught:
        read_input(link, limit=1024, kind="transcript")

    assert caught.value.problem == f"links to {tmp_path / 'gone.vtt'}, which does not exist"


def test_a_link_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_bytes(b"transcript,rater,dimension,level\n")
    (tmp_path / "ratings.csv").symlink_to(tmp_path / "real.csv")

    data = read_input(tmp_path / "ratings.csv", limit=1024, kind="ratings CSV file")

    assert data.startswith(b"transcript,")


def test_limits_are_said_as_people_say_them() -> None:
    assert [size_text(n) for n in (5 * 2**20, 256 * 1024, 1000)] == [
        "5 MB",
        "256 KB",
        "1,000 bytes",
    ]


@pytest.mark.parametrize("make", ["pipe", "dev-zero", "folder", "oversize"])
def test_a_prompt_file_that_is_not_a_small_regular_file_is_a_content_error(
    tmp_path: Path, make: str
) -> None:
    path = tmp_path / f"{make}.md"
    if make == "pipe":
        os.mkfifo(path)
    elif make == "dev-zero":
        path.symlink_to("/dev/zero")
    elif make == "folder":
        path.mkdir()
    else:
        with path.open("wb") as handle:
            handle.truncate(MAX_PROMPT_BYTES + 1)

    with pytest.raises(ContentError, match=f"^{path}: "):
        read_prompt_file(path)
