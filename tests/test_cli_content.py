"""`mockloop briefs`, `transcripts` and `history`: content users add, sessions they read."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scoring.transcripts import load_transcript
from tests.cli_helpers import mockloop, one_line_error

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted((REPO / "briefs").glob("*.yaml"))
CHURN_FILE = REPO / "briefs" / "churn-analysis.yaml"
CHURN: dict[str, Any] = yaml.safe_load(CHURN_FILE.read_text(encoding="utf-8"))


def flat(text: str) -> str:
    return " ".join(text.split())


def simulate(*args: str) -> dict[str, Any]:
    run = mockloop("simulate", *args, "--json")
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


def session_count(home: Path) -> int:
    db = home / "mockloop.db"
    if not db.exists():
        return 0
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("select count(*) from sessions").fetchone()[0])


def user_brief(home: Path, data: dict[str, Any] | str | bytes, name: str) -> Path:
    folder = home / "briefs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def churn_copy(new_id: str) -> dict[str, Any]:
    data = copy.deepcopy(CHURN)
    data["id"] = new_id
    return data


# --- briefs -----------------------------------------------------------------------------------


def test_briefs_list_shows_the_four_shipped_briefs() -> None:
    run = mockloop("briefs", "list")

    assert run.code == 0, run.err
    assert len(SHIPPED) == 4
    for path in SHIPPED:
        title = yaml.safe_load(path.read_text(encoding="utf-8"))["title"]
        assert re.search(rf"^{re.escape(path.stem)}\s+{re.escape(title)}$", run.out, re.M)


def test_briefs_show_prints_the_brief_and_its_probe_areas_but_not_the_hidden_facts() -> None:
    run = mockloop("briefs", "show", "churn-analysis")

    assert run.code == 0, run.err
    assert run.out.startswith(CHURN["title"])
    assert flat(CHURN["brief"]) in flat(run.out)
    for constraint in CHURN["constraints"]:
        assert constraint in run.out
    for n, area in enumerate(CHURN["probe_areas"], start=1):
        assert f"  {n}. {area['title']} ({area['dimension']}): " in run.out
    for fact in CHURN["facts"]:
        assert flat(fact["answer"]) not in flat(run.out)
    assert "Hidden facts" not in run.out


def test_briefs_show_all_adds_hidden_facts_and_curveballs() -> None:
    run = mockloop("briefs", "show", "churn-analysis", "--all")

    assert run.code == 0, run.err
    assert "Hidden facts" in run.out
    for fact in CHURN["facts"]:
        assert f"{fact['id']}: {flat(fact['answer'])}" in flat(run.out)
    for curveball in CHURN["curveballs"]:
        assert flat(curveball["text"]) in flat(run.out)
    for note in CHURN["strong_answer_notes"]:
        assert note in run.out


def test_briefs_show_of_an_unknown_brief_names_the_known_ones() -> None:
    line = one_line_error(mockloop("briefs", "show", "no-such-brief"))

    assert "no-such-brief" in line
    for path in SHIPPED:
        assert path.stem in line


def test_briefs_validate_passes_every_shipped_brief() -> None:
    run = mockloop("briefs", "validate")

    assert run.code == 0, run.err
    for path in SHIPPED:
        assert re.search(rf"^ok\s+\S*{re.escape(path.name)} \({path.stem}\)$", run.out, re.M)


def test_a_user_brief_is_listed_and_can_be_simulated(isolated_home: Path) -> None:
    user_brief(isolated_home, churn_copy("my-churn"), "my-churn.yaml")

    listed = mockloop("briefs", "list")
    data = simulate("--brief", "my-churn", "--candidate", "strong-shipper")

    assert listed.code == 0, listed.err
    assert re.search(r"^my-churn\s", listed.out, re.M)
    assert data["session"]["brief"] == "my-churn"
    assert data["session"]["status"] == "finished"
    assert {entry["status"] for entry in data["coverage"]["areas"].values()} == {"covered"}


def _drop_main_probe(data: dict[str, Any]) -> None:
    del data["probe_areas"][0]["main_probe"]


def _weight_as_text(data: dict[str, Any]) -> None:
    data["probe_areas"][1]["weight"] = "heavy"


def _constraints_as_text(data: dict[str, Any]) -> None:
    data["constraints"] = "just one constraint"


def _unknown_key(data: dict[str, Any]) -> None:
    data["probe_areas"][2]["colour"] = "red"


def _duplicate_area(data: dict[str, Any]) -> None:
    data["probe_areas"][3]["id"] = data["probe_areas"][0]["id"]


INVALID: dict[str, tuple[Callable[[dict[str, Any]], None], list[str]]] = {
    "missing-field": (_drop_main_probe, ["probe_areas.0.main_probe", "required"]),
    "wrong-type": (_weight_as_text, ["probe_areas.1.weight", "number"]),
    "wrong-type-list": (_constraints_as_text, ["constraints", "list"]),
    "unknown-key": (_unknown_key, ["probe_areas.2.colour", "not permitted"]),
    "duplicate-area": (_duplicate_area, ["probe_areas.3.id", "duplicate", "prompt_structure"]),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_an_invalid_user_brief_is_one_line_naming_the_file_and_field(
    isolated_home: Path, case: str
) -> None:
    spoil, expected = INVALID[case]
    data = churn_copy(case)
    spoil(data)
    path = user_brief(isolated_home, data, f"{case}.yaml")

    line = one_line_error(mockloop("briefs", "list"))

    assert line.startswith(f"mockloop: {path}: ")
    for fragment in expected:
        assert fragment in line


@pytest.mark.parametrize("case", list(INVALID))
def test_briefs_validate_file_reports_the_same_line(tmp_path: Path, case: str) -> None:
    spoil, expected = INVALID[case]
    data = churn_copy(case)
    spoil(data)
    path = tmp_path / f"{case}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    line = one_line_error(mockloop("briefs", "validate", str(path)))

    assert line.startswith(f"mockloop: {path}: ")
    for fragment in expected:
        assert fragment in line


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad-yaml.yaml", "id: bad-yaml\ntitle: [unclosed\n", ["invalid YAML", "line"]),
        ("not-utf8.yaml", "id: not-utf8\ntitle: café\n".encode("latin-1"), ["UTF-8"]),
        ("empty.yaml", "", []),
    ],
)
def test_an_unreadable_user_brief_is_one_line_naming_the_file(
    isolated_home: Path, tmp_path: Path, name: str, content: str | bytes, expected: list[str]
) -> None:
    path = user_brief(isolated_home, content, name)
    elsewhere = tmp_path / name
    elsewhere.write_bytes(path.read_bytes())

    listed = one_line_error(mockloop("briefs", "list"))
    validated = one_line_error(mockloop("briefs", "validate", str(elsewhere)))

    assert listed.startswith(f"mockloop: {path}: ")
    assert validated.startswith(f"mockloop: {elsewhere}: ")
    for fragment in expected:
        assert fragment in listed
        assert fragment in validated


def test_a_user_brief_whose_file_name_differs_from_its_id_is_refused(isolated_home: Path) -> None:
    path = user_brief(isolated_home, churn_copy("other-id"), "my-brief.yaml")

    line = one_line_error(mockloop("briefs", "list"))

    assert line.startswith(f"mockloop: {path}: id: ")
    assert "other-id" in line
    assert "file name" in line


def test_briefs_validate_file_refuses_a_file_name_that_differs_from_the_id(
    tmp_path: Path,
) -> None:
    path = tmp_path / "my-brief.yaml"
    path.write_text(yaml.safe_dump(churn_copy("other-id"), sort_keys=False), encoding="utf-8")

    line = one_line_error(mockloop("briefs", "validate", str(path)))

    assert "file name" in line


def test_an_empty_brief_file_is_reported_as_empty(isolated_home: Path) -> None:
    user_brief(isolated_home, "", "empty.yaml")

    line = one_line_error(mockloop("briefs", "list"))

    assert "empty" in line.split(": ", 2)[2]
    assert "NoneType" not in line


def test_a_duplicate_probe_area_is_reported_at_its_field(isolated_home: Path) -> None:
    data = churn_copy("duplicate-area")
    _duplicate_area(data)
    path = user_brief(isolated_home, data, "duplicate-area.yaml")

    line = one_line_error(mockloop("briefs", "list"))

    assert line.startswith(f"mockloop: {path}: probe_areas.3.id: ")


def test_a_broken_user_brief_stops_simulate_before_anything_is_written(
    isolated_home: Path,
) -> None:
    simulate("--brief", "churn-analysis", "--answers", str(_answers(isolated_home)))
    with contextlib.closing(sqlite3.connect(isolated_home / "mockloop.db")) as conn:
        turns_before = conn.execute("select count(*) from turns").fetchone()[0]
    data = churn_copy("broken")
    _drop_main_probe(data)
    path = user_brief(isolated_home, data, "broken.yaml")

    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")

    line = one_line_error(run)
    assert str(path) in line and "probe_areas.0.main_probe" in line
    assert run.out == ""
    assert session_count(isolated_home) == 1
    with contextlib.closing(sqlite3.connect(isolated_home / "mockloop.db")) as conn:
        assert conn.execute("select count(*) from turns").fetchone()[0] == turns_before


def test_a_broken_user_brief_in_a_fresh_home_creates_no_session(isolated_home: Path) -> None:
    user_brief(isolated_home, "id: [broken\n", "broken.yaml")

    line = one_line_error(
        mockloop("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")
    )

    assert "broken.yaml" in line
    assert session_count(isolated_home) == 0
    assert not (isolated_home / "checkpoints.db").exists()


def _answers(home: Path) -> Path:
    path = home.parent / "answers.txt"
    path.write_text(
        "I would ask who reads the churn summary and how many accounts there are.\n\n"
        "One model call returns JSON citing ticket ids; code checks every citation.\n",
        encoding="utf-8",
    )
    return path


# --- transcripts ------------------------------------------------------------------------------


@pytest.fixture
def session() -> dict[str, Any]:
    """A finished simulated session, as `simulate --json` printed it."""
    return simulate("--brief", "churn-analysis", "--candidate", "strong-shipper", "--seed", "2")


def roles_and_texts(turns: list[Any]) -> list[tuple[str, str]]:
    return [(t["role"], t["text"]) if isinstance(t, dict) else (t.role, t.text) for t in turns]


def test_transcripts_list_shows_the_session_and_its_turn_count(session: dict[str, Any]) -> None:
    run = mockloop("transcripts", "list")

    assert run.code == 0, run.err
    turns = len(session["transcript"]["turns"])
    assert re.search(
        rf"^{session['session']['id']}\s+churn-analysis\s+{turns} turns\s+finished$", run.out, re.M
    )


def test_transcripts_show_prints_every_turn_by_id_prefix(session: dict[str, Any]) -> None:
    session_id = session["session"]["id"]

    run = mockloop("transcripts", "show", session_id[:-2])

    assert run.code == 0, run.err
    numbers = [int(m) for m in re.findall(r"^\s*(\d+)\s+\d\d:\d\d\s", run.out, re.M)]
    assert numbers == list(range(1, len(session["transcript"]["turns"]) + 1))
    first_words = " ".join(session["transcript"]["turns"][1]["text"].split()[:5])
    assert first_words in run.out


def test_exported_json_reloads_with_the_same_turns(session: dict[str, Any], tmp_path: Path) -> None:
    run = mockloop("transcripts", "export", session["session"]["id"], "--format", "json")
    path = tmp_path / "export.json"
    path.write_text(run.out, encoding="utf-8")

    transcript = load_transcript(path)

    assert run.code == 0, run.err
    assert transcript.id == session["session"]["id"]
    assert roles_and_texts(transcript.turns) == roles_and_texts(session["transcript"]["turns"])


def test_exported_markdown_reloads_with_the_same_turns(
    session: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "round.md"

    run = mockloop("transcripts", "export", session["session"]["id"], "--out", str(out))

    assert run.code == 0, run.err
    assert run.out == ""
    assert f"wrote {out}" in run.err
    transcript = load_transcript(out)
    assert roles_and_texts(transcript.turns) == roles_and_texts(session["transcript"]["turns"])


def test_export_out_writes_the_json_file(session: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "round.json"

    run = mockloop(
        "transcripts", "export", session["session"]["id"], "--format", "json", "--out", str(out)
    )

    assert run.code == 0, run.err
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == session["session"]["id"]
    assert not out.with_name("round.json.part").exists()


def test_export_of_an_unknown_session_is_one_line_error() -> None:
    line = one_line_error(mockloop("transcripts", "export", "19990101-000000-dead"))

    assert "19990101-000000-dead" in line
    assert "mockloop history" in line


# --- history ----------------------------------------------------------------------------------


def test_history_with_no_sessions_says_how_to_start() -> None:
    run = mockloop("history")

    assert run.code == 0, run.err
    assert "No sessions yet" in run.out


def test_history_lists_sessions_and_unfinished_leaves_out_finished_and_stopped_ones(
    isolated_home: Path, session: dict[str, Any]
) -> None:
    stopped = simulate("--brief", "churn-analysis", "--answers", str(_answers(isolated_home)))

    everything = mockloop("history")
    unfinished = mockloop("history", "--unfinished")

    finished_id = session["session"]["id"]
    stopped_id = stopped["session"]["id"]
    assert re.search(
        rf"^{finished_id}\s+churn-analysis\s+strong-shipper\s+finished\s", everything.out, re.M
    )
    assert re.search(
        rf"^{stopped_id}\s+churn-analysis\s+answers\.txt\s+stopped\s", everything.out, re.M
    )
    assert stopped_id not in unfinished.out, "a replay whose answers ran out cannot go on"
    assert finished_id not in unfinished.out
