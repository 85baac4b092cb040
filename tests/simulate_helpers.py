"""Running `mockloop simulate` in tests: a round's JSON report, its printed turns, the sessions
it stored, and answers files for `--answers`."""

from __future__ import annotations

import contextlib
import functools
import json
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.cli_helpers import Run, mockloop

REPO = Path(__file__).resolve().parent.parent
BRIEF_FILES = sorted((REPO / "briefs").glob("*.yaml"))
CHURN_FILE = REPO / "briefs" / "churn-analysis.yaml"
CHURN: dict[str, Any] = yaml.safe_load(CHURN_FILE.read_text(encoding="utf-8"))
CHURN_TITLES = [area["title"] for area in CHURN["probe_areas"]]
HEADER = re.compile(
    r"^\s*(?P<n>\d+)\s+(?:\d\d:\d\d|--:--)\s+.+ \((?P<role>interviewer|candidate|other)\)"
    r"(?: \[(?P<tag>[a-z ]+)\])?$"
)


@functools.cache
def same_run(*args: str) -> Run:
    """A deterministic run shared by several tests (its session lands in one test's home)."""
    return mockloop(*args)


def simulate_json(*args: str, shared: bool = False) -> dict[str, Any]:
    run = (same_run if shared else mockloop)("simulate", *args, "--json")
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


def turns_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    turns: list[dict[str, Any]] = data["transcript"]["turns"]
    return turns


def blocks(output: str) -> list[tuple[str, str | None, str]]:
    """The printed turns as (role, [tag], text with its wrapped lines joined)."""
    found: list[tuple[str, str | None, list[str]]] = []
    for line in output.splitlines():
        header = HEADER.match(line)
        if header:
            found.append((header["role"], header["tag"], []))
        elif found and line.startswith("     ") and line.strip():
            found[-1][2].append(line.strip())
    return [(role, tag, " ".join(body)) for role, tag, body in found]


def session_count(home: Path) -> int:
    db = home / "mockloop.db"
    if not db.exists():
        return 0
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("select count(*) from sessions").fetchone()[0])


def write_answers(tmp_path: Path, content: str | bytes, name: str = "answers.txt") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def mockloop_script() -> str:
    beside = Path(sys.executable).with_name("mockloop")
    return str(beside)


def two_answers(home: Path) -> Path:
    """An answers file beside the home: a replay that stops when its two answers run out."""
    return write_answers(
        home.parent,
        "I would ask who reads the churn summary and how many accounts there are.\n\n"
        "One model call returns JSON citing ticket ids; code checks every citation.\n",
    )
