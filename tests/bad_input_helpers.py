"""Running one bad-input case: a home with something to lose (a finished session, its
scorecard, a scored file and a bench run), the case's command on its input, and the checks
that it gave one line on stderr, exit code 2, and wrote nothing.

A case whose input is a named pipe or a device runs in a child process with a timeout, so a
regression fails the test instead of hanging it or filling the machine's memory."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.bad_input_cases import BAD, HUGE, SIMULATE, Case
from tests.cli_helpers import Run, mockloop
from tests.warm_mockloop import run as warm_run

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "transcripts" / "samples"
SAMPLE = SAMPLES / "churn-analysis-vibes-only.md"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
CHILD_SECONDS = 60  # far more than any refusal takes; a hang or an endless read runs into it
LONG_NAME = "a" * 300  # over the 255 bytes a file system takes for one name
DEEP_PATH = "d/" * 2100  # short names, but over the 4,096 characters a path may have


# --- a home with something to lose --------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    home: Path
    session_id: str


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A MOCKLOOP_HOME with a finished session, its scorecard, a scored file and a bench run."""
    home = tmp_path_factory.mktemp("bad-inputs") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOCKLOOP_HOME", str(home))
        patch.delenv("ANTHROPIC_API_KEY", raising=False)
        run = mockloop(*SIMULATE, "--minutes", "10", "--json")
        assert run.code == 0, run.err
        assert mockloop("score", str(SAMPLE)).code == 0
        assert mockloop("bench", str(SAMPLES), "--perturb", "0").code == 0
    for db in ("mockloop.db", "checkpoints.db"):
        with contextlib.closing(sqlite3.connect(home / db)) as conn:
            conn.execute("pragma wal_checkpoint(truncate)")
    session_id = run.out.split('"id": "', 1)[1].split('"', 1)[0]
    return Template(home, session_id)


def database_rows(db: Path) -> dict[str, str]:
    """A digest of every table's rows; of the file's bytes when it is no database."""
    if not db.exists():
        return {}
    try:
        with contextlib.closing(sqlite3.connect(db)) as conn:
            query = "select name from sqlite_master where type='table'"
            tables = [r[0] for r in conn.execute(query)]
            digests = {}
            for table in tables:
                rows = sorted(repr(r) for r in conn.execute(f'select * from "{table}"'))
                digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            return digests
    except sqlite3.DatabaseError:
        return {"(bytes)": hashlib.sha256(db.read_bytes()).hexdigest()}


def files(root: Path) -> set[str]:
    """Every file under root, but the databases (their -wal and -shm come and go)."""
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(("mockloop.db", "checkpoints.db"))
    }


def entry(path: Path) -> str:
    """What is at `path`, links not followed: a link's target and whether it exists, a file's
    digest, or the kind of thing it is (or why it cannot be looked at)."""
    try:
        path.lstat()
    except OSError as exc:  # not there, or a name too long for the file system
        return f"nothing ({exc.strerror})"
    if path.is_symlink():
        return f"link to {os.readlink(path)} ({'there' if path.exists() else 'missing'})"
    if path.is_file():
        return "file " + hashlib.sha256(path.read_bytes()).hexdigest()
    return "folder" if path.is_dir() else f"mode {path.stat().st_mode:o}"


@dataclass(frozen=True)
class State:
    rows: dict[str, str]
    checkpoints: dict[str, str]
    files: set[str]
    home: str


def state(template_copy: Path, root: Path, home: Path) -> State:
    return State(
        database_rows(template_copy / "mockloop.db"),
        database_rows(template_copy / "checkpoints.db"),
        files(root),
        entry(home),
    )


@contextlib.contextmanager
def api_if(needed: bool, request: pytest.FixtureRequest) -> Iterator[Any]:
    if not needed:
        yield None
        return
    yield request.getfixturevalue("fake_api")


def prepare(case: Case, tmp_path: Path, home: Path) -> Path | None:
    """The input file where the command will find it."""
    if case.file is None:
        return None
    if case.made_as != "copy":
        made = home / case.place if case.place is not None else tmp_path / "inputs" / case.file
        made.parent.mkdir(parents=True, exist_ok=True)
        if case.made_as == "named-pipe":
            os.mkfifo(made)
        else:
            made.symlink_to("/dev/zero")
        return made
    if case.file in HUGE:
        source = tmp_path / "inputs" / case.file
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(HUGE[case.file]())
    else:
        source = BAD / case.file
    if case.place is None:
        return source
    target = home / case.place
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def prepare_home(case: Case, tmp_path: Path, home: Path, request: pytest.FixtureRequest) -> Path:
    """MOCKLOOP_HOME for the run: the copy of the template, or the broken one the case asks
    for (its database random bytes, or MOCKLOOP_HOME pointed at something that is no folder)."""
    if case.home is None:
        return home
    if case.home == "junk-database":
        for name in ("mockloop.db", "mockloop.db-wal", "mockloop.db-shm"):
            (home / name).unlink(missing_ok=True)
        (home / "mockloop.db").write_bytes(random.Random(15).randbytes(4096))
        return home
    broken = tmp_path / "broken-home"
    if case.home == "file":
        broken.write_text("not a folder\n", encoding="utf-8")
    elif case.home == "dangling-link":
        broken.symlink_to(tmp_path / "gone")
    elif case.home == "name-too-long":
        broken = tmp_path / LONG_NAME
    else:
        broken = Path(os.devnull)
    request.getfixturevalue("monkeypatch").setenv("MOCKLOOP_HOME", str(broken))
    return broken


def run_child(args: list[str], request: pytest.FixtureRequest) -> Run:
    """The real entry point in a child process, forked warm (tests/warm_mockloop.py); it
    inherits MOCKLOOP_HOME and the fake API."""
    server = request.getfixturevalue("warm_mockloop")
    return Run(*warm_run(server, args, CHILD_SECONDS, cwd=REPO))


def check_bad_input(
    case: Case,
    template: Template,
    isolated_home: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    """Run the case in a copy of the template home: one line on stderr starting with
    "mockloop: ", exit code 2, no traceback, nothing on stdout, and no partial write (database
    rows unchanged, no output file, no `*.part` file, no model call, a broken home left as it
    was)."""
    shutil.copytree(template.home, isolated_home, dirs_exist_ok=True)
    out = tmp_path / "out"
    out.mkdir()
    home = prepare_home(case, tmp_path, isolated_home, request)
    path = prepare(case, tmp_path, isolated_home)
    values = {
        "file": str(path),
        "out": str(out),
        "samples": str(SAMPLES),
        "sample": str(SAMPLE),
        "session": template.session_id,
        "home": str(home),
        "tmp": str(tmp_path),
        "long": LONG_NAME,
        "deep": DEEP_PATH,
    }
    args = [arg.format(**values) for arg in case.args]
    with api_if(case.api, request) as api:
        before = state(isolated_home, tmp_path, home)

        run = run_child(args, request) if case.child else mockloop(*args)

        after = state(isolated_home, tmp_path, home)
    assert run.code == 2, (run.code, run.out, run.err)
    assert "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    line = lines[0]
    assert line.startswith("mockloop: "), line
    assert case.expected.format(**values) in line, line
    assert not CONTROL.search(line), f"control characters in {line!r}"
    assert run.out == ""
    assert after.rows == before.rows, "database rows changed"
    assert after.checkpoints == before.checkpoints, "checkpoints changed"
    assert after.files == before.files, "files appeared or vanished"
    assert after.home == before.home, "mockloop's folder changed"
    assert not list(tmp_path.rglob("*.part")) and not list(BAD.rglob("*.part"))
    if api is not None:
        assert api.requests == [], "a model call was made before the input was checked"
