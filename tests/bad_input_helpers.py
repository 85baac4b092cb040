"""Running one bad-input case: a home with something to lose (a finished session, its
scorecard, a scored file and a bench run), the case's command on its input, and the checks
that it gave one line on stderr, exit code 2, and wrote nothing."""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.bad_input_cases import BAD, HUGE, SIMULATE, Case
from tests.cli_helpers import mockloop

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "transcripts" / "samples"
SAMPLE = SAMPLES / "churn-analysis-vibes-only.md"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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
    """A digest of every table's rows."""
    if not db.exists():
        return {}
    with contextlib.closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        digests = {}
        for table in tables:
            rows = sorted(repr(r) for r in conn.execute(f'select * from "{table}"'))
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return digests


def files(root: Path) -> set[str]:
    """Every file under root, but the databases (their -wal and -shm come and go)."""
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(("mockloop.db", "checkpoints.db"))
    }


@dataclass(frozen=True)
class State:
    rows: dict[str, str]
    checkpoints: dict[str, str]
    files: set[str]


def state(home: Path, root: Path) -> State:
    return State(
        database_rows(home / "mockloop.db"), database_rows(home / "checkpoints.db"), files(root)
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


def check_bad_input(
    case: Case,
    template: Template,
    isolated_home: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    """Run the case in a copy of the template home: one line on stderr starting with
    "mockloop: ", exit code 2, no traceback, nothing on stdout, and no partial write (database
    rows unchanged, no output file, no `*.part` file, no model call)."""
    shutil.copytree(template.home, isolated_home, dirs_exist_ok=True)
    out = tmp_path / "out"
    out.mkdir()
    path = prepare(case, tmp_path, isolated_home)
    values = {
        "file": str(path),
        "out": str(out),
        "samples": str(SAMPLES),
        "sample": str(SAMPLE),
        "session": template.session_id,
    }
    args = [arg.format(**values) for arg in case.args]
    with api_if(case.api, request) as api:
        before = state(isolated_home, tmp_path)

        run = mockloop(*args)

        after = state(isolated_home, tmp_path)
    assert run.code == 2, (run.code, run.out, run.err)
    assert "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    line = lines[0]
    assert line.startswith("mockloop: "), line
    assert case.expected in line, line
    assert not CONTROL.search(line), f"control characters in {line!r}"
    assert run.out == ""
    assert after.rows == before.rows, "database rows changed"
    assert after.checkpoints == before.checkpoints, "checkpoints changed"
    assert after.files == before.files, "files appeared or vanished"
    assert not list(tmp_path.rglob("*.part")) and not list(BAD.rglob("*.part"))
    if api is not None:
        assert api.requests == [], "a model call was made before the input was checked"
