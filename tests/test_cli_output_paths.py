"""Every output-path option (`bench --json/--report`, `probes --out`, `transcripts export
--out`, `briefs new --out`) leaves the name it writes to what it was, and `-` is standard
output. Run as root, `bench --json /dev/null` once replaced /dev/null with a regular file."""

from __future__ import annotations

import json
import os
import re
import stat
import threading
from pathlib import Path

import pytest

from tests.cli_helpers import mockloop, one_line_error

BENCH = ("bench", "--synthetic", "3", "--perturb", "0", "--no-save")


def is_bench_json(text: str) -> bool:
    data = json.loads(text)
    return data["rubric_id"] == "system-design" and data["synthetic"] == 3


def simulated_session() -> str:
    run = mockloop(
        "simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper", "--json"
    )
    assert run.code == 0, run.err
    session_id: str = json.loads(run.out)["session"]["id"]
    return session_id


def test_bench_json_onto_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "results" / "bench.json"
    target.parent.mkdir()
    target.write_text("stale\n", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)

    run = mockloop(*BENCH, "--json", link)

    assert run.code == 0, run.err
    assert link.is_symlink() and link.readlink() == target
    assert is_bench_json(target.read_text(encoding="utf-8"))
    assert not list(tmp_path.rglob("*.part"))


def test_bench_json_onto_a_named_pipe_reaches_its_reader_and_the_pipe_stays(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "bench.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read_pipe() -> None:
        with fifo.open("rb") as pipe:  # waits for the writer, as `cat pipe` would
            received.append(pipe.read())

    reader = threading.Thread(target=read_pipe, daemon=True)
    reader.start()

    run = mockloop(*BENCH, "--json", fifo)

    reader.join(timeout=30)
    assert run.code == 0, run.err
    assert not reader.is_alive(), "the reader never saw the writer"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert is_bench_json(received[0].decode("utf-8"))


def test_bench_json_onto_dev_null_leaves_it_a_character_device() -> None:
    run = mockloop(*BENCH, "--json", "/dev/null")

    assert run.code == 0, run.err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_bench_json_dash_prints_the_json_alone_and_the_tables_aside() -> None:
    run = mockloop(*BENCH, "--json", "-")

    assert run.code == 0, run.err
    assert is_bench_json(run.out)
    assert "Raters" in run.err


def test_bench_json_and_report_cannot_both_be_standard_output() -> None:
    line = one_line_error(mockloop(*BENCH, "--json", "-", "--report", "-"))

    assert "--json and --report both name standard output" in line


def test_probes_out_dash_prints_the_guide_as_without_out() -> None:
    plain = mockloop("probes", "churn-analysis")
    dashed = mockloop("probes", "churn-analysis", "--out", "-")

    assert dashed.code == 0, dashed.err
    assert dashed.out == plain.out and dashed.out


def test_briefs_new_out_dash_prints_the_template_and_writes_no_file(
    isolated_home: Path,
) -> None:
    run = mockloop("briefs", "new", "my-brief", "--out", "-")

    assert run.code == 0, run.err
    assert "id: my-brief" in run.out and "briefs validate my-brief.yaml" in run.out
    assert not (isolated_home / "briefs" / "my-brief.yaml").exists()
    assert not Path("-").exists()


def test_transcripts_export_out_dash_prints_the_transcript(isolated_home: Path) -> None:
    session = simulated_session()

    run = mockloop("transcripts", "export", session, "--format", "json", "--out", "-")

    assert run.code == 0, run.err
    assert json.loads(run.out)["turns"]
    assert "wrote" not in run.err


def test_export_onto_a_full_device_is_one_line_not_success(isolated_home: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("only Linux has a device that is always full")
    session = simulated_session()

    line = one_line_error(mockloop("transcripts", "export", session, "--out", "/dev/full"))

    assert "/dev/full: cannot write" in line
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


# Every output-path option that takes `-`, and whether what it writes may be JSON.
DASH_OPTIONS = {
    "bench --json": (("bench",), "--json", True),
    "bench --report": (("bench",), "--report", False),
    "probes --out": (("probes",), "--out", True),
    "transcripts export --out": (("transcripts", "export"), "--out", True),
    "briefs new --out": (("briefs", "new"), "--out", False),
    "briefs draft --out": (("briefs", "draft"), "--out", False),
}


@pytest.mark.parametrize("name", DASH_OPTIONS)
def test_the_help_of_an_output_option_says_standard_output_shows_escapes_as_text(
    name: str,
) -> None:
    command, option, may_be_json = DASH_OPTIONS[name]

    run = mockloop(*command, "--help")

    assert run.code == 0, run.err
    words = " ".join(run.out.split())
    entry = re.split(r" (?=-h, |--[a-z])", words.split(f" {option} ", 1)[1])[0]
    assert (
        "- for standard output, where control characters but newline and tab are written as "
        "escapes such as \\u001b for ESC, so escape sequences show as inert text"
    ) in entry
    assert entry.endswith("; a file gets the exact text).")
    assert ("JSON stays valid with the same data" in entry) == may_be_json
