"""`mockloop briefs`: the shipped briefs listed, shown and validated, and briefs users add
(listed, simulated, and one line naming the file and field when they are broken). The sessions
users read (`transcripts`, `history`) are in tests/test_cli_sessions.py."""

from __future__ import annotations

import contextlib
import copy
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_helpers import mockloop, one_line_error
from tests.simulate_helpers import (
    BRIEF_FILES,
    CHURN,
    session_count,
    simulate_json,
    two_answers,
)


def flat(text: str) -> str:
    return " ".join(text.split())


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
    assert len(BRIEF_FILES) == 4
    for path in BRIEF_FILES:
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
    for path in BRIEF_FILES:
        assert path.stem in line


def test_briefs_validate_passes_every_shipped_brief() -> None:
    run = mockloop("briefs", "validate")

    assert run.code == 0, run.err
    for path in BRIEF_FILES:
        assert re.search(rf"^ok\s+\S*{re.escape(path.name)} \({path.stem}\)$", run.out, re.M)


def test_a_user_brief_is_listed_and_can_be_simulated(isolated_home: Path) -> None:
    user_brief(isolated_home, churn_copy("my-churn"), "my-churn.yaml")

    listed = mockloop("briefs", "list")
    data = simulate_json("--brief", "my-churn", "--candidate", "strong-shipper")

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


def _unknown_dimension(data: dict[str, Any]) -> None:
    data["probe_areas"][2]["dimension"] = "charisma"


def _duplicate_area(data: dict[str, Any]) -> None:
    data["probe_areas"][3]["id"] = data["probe_areas"][0]["id"]


INVALID: dict[str, tuple[Callable[[dict[str, Any]], None], list[str]]] = {
    "missing-field": (_drop_main_probe, ["probe_areas.0.main_probe", "required"]),
    "wrong-type": (_weight_as_text, ["probe_areas.1.weight", "number"]),
    "wrong-type-list": (_constraints_as_text, ["constraints", "list"]),
    "unknown-key": (_unknown_key, ["probe_areas.2.colour", "not permitted"]),
    "duplicate-area": (_duplicate_area, ["probe_areas.3.id", "duplicate", "prompt_structure"]),
    "unknown-dimension": (
        _unknown_dimension,
        ["probe_areas.2.dimension", "unknown dimension 'charisma'", "rubrics define", "evaluation"],
    ),
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
    simulate_json("--brief", "churn-analysis", "--answers", str(two_answers(isolated_home)))
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


def test_briefs_slots_lists_every_slot_with_what_filling_it_means() -> None:
    from scoring.reading.catalogue import slot_catalogue

    run = mockloop("briefs", "slots")
    assert run.code == 0, run.err
    for slot in slot_catalogue().slots:
        assert re.search(rf"^  {slot.id}\s+\S", run.out, re.M), slot.id


def test_briefs_show_all_lists_the_slots_of_each_area() -> None:
    run = mockloop("briefs", "show", "churn-analysis", "--all")
    assert run.code == 0, run.err
    assert "cost_latency: token_estimate, dollar_estimate, latency_target" in run.out
