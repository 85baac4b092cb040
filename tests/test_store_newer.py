"""A store from a newer mockloop (it records a migration this version does not know): the
commands that only read it still work, after a one-line warning, and leave it as it was; the
commands that write to it are refused in one line and write nothing."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.bad_input_helpers import SAMPLE, SAMPLES, Template
from tests.cli_helpers import mockloop, one_line_error

FUTURE = "m999_from_the_future"
SIMULATE = ("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")


def newer_store(template: Template, home: Path, *changes: str) -> Path:
    """The template home, its store marked as made by a newer mockloop (with its `changes`)."""
    shutil.copytree(template.home, home, dirs_exist_ok=True)
    store = home / "mockloop.db"
    with contextlib.closing(sqlite3.connect(store)) as conn:
        conn.execute("insert into _migrations values (?, '2030-01-01')", (FUTURE,))
        for change in changes:
            conn.execute(change)
        conn.commit()
    return store


def files(home: Path) -> dict[str, bytes]:
    """Every file in the home but SQLite's -wal and -shm, which readers make and leave."""
    return {
        p.name: p.read_bytes()
        for p in home.rglob("*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


# command -> what its output shows of the template's finished session
READS = {
    "history": (("history",), "{session}"),
    "transcripts-list": (("transcripts", "list"), "{session}"),
    "transcripts-show": (("transcripts", "show", "{session}"), "Neutral (interviewer)"),
    "transcripts-export": (("transcripts", "export", "{session}", "--format", "json"), "{session}"),
}


@pytest.mark.parametrize("name", READS)
def test_a_command_that_only_reads_reads_a_newer_store_after_a_one_line_warning(
    name: str, template: Template, isolated_home: Path
) -> None:
    store = newer_store(template, isolated_home)
    before = files(isolated_home)
    args, shown = READS[name]

    run = mockloop(*(arg.format(session=template.session_id) for arg in args))

    assert run.code == 0, run.err
    assert shown.format(session=template.session_id) in run.out
    assert run.err.splitlines() == [
        f"mockloop: {store}: made by a newer mockloop (migration {FUTURE} is unknown to this "
        "version); reading it without changing it, upgrade mockloop to add to it"
    ]
    assert files(isolated_home) == before, "the store is left as it was"


WRITES = {
    "simulate": (*SIMULATE, "--minutes", "10"),
    "score": ("score", str(SAMPLE)),
    "bench": ("bench", str(SAMPLES), "--perturb", "0"),
}


@pytest.mark.parametrize("name", WRITES)
def test_a_command_that_writes_refuses_a_newer_store_in_one_line_and_writes_nothing(
    name: str, template: Template, isolated_home: Path
) -> None:
    store = newer_store(template, isolated_home)
    before = files(isolated_home)

    run = mockloop(*WRITES[name])

    line = one_line_error(run)
    assert line == (
        f"mockloop: {store}: made by a newer mockloop (migration {FUTURE} is unknown to this "
        "version), so it is left untouched; upgrade mockloop, or move it aside (rename it) and "
        "mockloop starts a new one"
    )
    assert run.out == ""
    assert files(isolated_home) == before, "nothing is written"


def test_a_newer_store_whose_tables_this_version_reads_changed_is_refused_in_one_line(
    template: Template, isolated_home: Path
) -> None:
    store = newer_store(
        template, isolated_home, "alter table sessions rename column status to state"
    )
    before = files(isolated_home)

    line = one_line_error(mockloop("history"))

    assert line.startswith(
        f"mockloop: {store}: made by a newer mockloop that changed its tables (table sessions "
        "lacks column status), so this version cannot read it; upgrade mockloop"
    )
    assert files(isolated_home) == before
