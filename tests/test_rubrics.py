"""Rubrics: the shipped ones load and agree with the vocabulary; a team can add its own;
a broken rubric file is refused with one line that names the file and the field."""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scoring.rubrics import SHIPPED_RUBRICS, known_dimension_ids, load_rubrics
from scoring.vocabulary import default_vocabulary
from simulator.content.loader import load_library
from tests.cli_helpers import mockloop

DATA = Path(__file__).parent / "data"
TEAM_RUBRIC = DATA / "scoring" / "team-support-rubric.yaml"
TRANSCRIPT = DATA / "transcripts" / "interviewer_candidate_labels.txt"
SYSTEM_DESIGN_FILE = SHIPPED_RUBRICS / "system-design.yaml"


def test_both_shipped_rubrics_load() -> None:
    rubrics = load_rubrics()

    assert {"system-design", "behavioral"} <= set(rubrics)
    for rubric in rubrics.values():
        assert rubric.dimensions
        assert {"hire", "no_hire", "strong_hire"} <= set(rubric.recommendation)


def test_system_design_scores_every_dimension_a_shipped_brief_or_persona_names() -> None:
    dimensions = {d.id for d in load_rubrics()["system-design"].dimensions}
    library = load_library()

    probed = {a.dimension for b in library.briefs.values() for a in b.probe_areas}
    probed |= {c.dimension for b in library.briefs.values() for c in b.curveballs}
    expected = {d for persona in library.candidates.values() for d in persona.expected_levels}

    assert probed <= dimensions
    assert expected <= dimensions


def test_every_vocabulary_dimension_is_a_dimension_of_a_shipped_rubric() -> None:
    dimensions = {d.id for rubric in load_rubrics().values() for d in rubric.dimensions}

    named = {d for concept in default_vocabulary().concepts for d in concept.dimensions}

    assert named == dimensions == set(known_dimension_ids())


def test_every_signal_concept_exists_in_the_vocabulary() -> None:
    known = {c.id for c in default_vocabulary().concepts}

    unknown = {
        f"{rubric.id}/{dimension.id}: {concept}"
        for rubric in load_rubrics().values()
        for dimension in rubric.dimensions
        for concept in dimension.signals.concepts
        if concept not in known
    }

    assert not unknown


def test_every_red_flag_pattern_compiles() -> None:
    patterns = [
        (rubric.id, flag.id, pattern)
        for rubric in load_rubrics().values()
        for flag in rubric.red_flags
        for pattern in flag.patterns
    ]

    assert patterns, "the shipped rubrics carry red flags"
    for _, _, pattern in patterns:
        re.compile(pattern, re.I)


def test_every_red_flag_caps_a_dimension_of_its_own_rubric() -> None:
    for rubric in load_rubrics().values():
        ids = {d.id for d in rubric.dimensions}
        for flag in rubric.red_flags:
            assert set(flag.dimensions) <= ids, flag.id


def test_rubrics_show_prints_every_anchor_of_system_design() -> None:
    rubric = load_rubrics()["system-design"]

    run = mockloop("rubrics", "show", "system-design")

    assert run.code == 0, run.err
    for dimension in rubric.dimensions:
        assert dimension.title in run.out
        for level in (1, 2, 3, 4):
            anchor = " ".join(dimension.anchors.for_level(level).split())
            assert f"{level}: {anchor}" in run.out
    assert "Red flags:" in run.out


def test_a_teams_own_rubric_is_listed_and_scores_transcripts(isolated_home: Path) -> None:
    (isolated_home / "rubrics").mkdir(parents=True)
    shutil.copy(TEAM_RUBRIC, isolated_home / "rubrics" / TEAM_RUBRIC.name)

    listed = mockloop("rubrics", "list")
    scored = mockloop("score", "--rubric", "team-support", "--format", "json", str(TRANSCRIPT))

    assert listed.code == 0, listed.err
    assert re.search(r"^team-support\s", listed.out, re.M)
    assert re.search(r"^system-design\s", listed.out, re.M), "shipped rubrics are still listed"
    assert scored.code == 0, scored.err
    card = json.loads(scored.out)
    assert card["rubric_id"] == "team-support"
    assert [d["dimension"] for d in card["dimensions"]] == ["evaluation", "cost_latency"]


def test_a_team_rubric_is_not_found_without_its_file() -> None:
    run = mockloop("score", "--rubric", "team-support", "--no-save", str(TRANSCRIPT))

    assert run.code == 2
    assert run.err.startswith("mockloop: unknown rubric 'team-support'")


# -- invalid rubric files -------------------------------------------------------------------


def _unknown_concept(rubric: dict[str, Any]) -> str:
    concepts = rubric["dimensions"][3]["signals"]["concepts"]
    concepts.append("no_such_concept")
    return f"dimensions.3.signals.concepts.{len(concepts) - 1}"


def _unknown_slot(rubric: dict[str, Any]) -> str:
    rubric["dimensions"][0]["signals"]["slots"] = ["assumption_stated", "no_such_slot"]
    return "dimensions.0.signals.slots.1"


def _missing_anchor_3(rubric: dict[str, Any]) -> str:
    del rubric["dimensions"][0]["anchors"]["3"]
    return "dimensions.0.anchors.3"


def _duplicate_dimension(rubric: dict[str, Any]) -> str:
    rubric["dimensions"][1]["id"] = rubric["dimensions"][0]["id"]
    return "dimensions.1.id"


def _flag_on_unknown_dimension(rubric: dict[str, Any]) -> str:
    rubric["red_flags"][0]["dimensions"] = ["no_such_dimension"]
    return "red_flags.0.dimensions"


def _bad_regex(rubric: dict[str, Any]) -> str:
    rubric["red_flags"][0]["patterns"].append("(unclosed")
    return "red_flags.0.patterns"


BREAKAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "unknown concept": _unknown_concept,
    "unknown slot": _unknown_slot,
    "missing anchor 3": _missing_anchor_3,
    "duplicate dimension id": _duplicate_dimension,
    "red flag on an unknown dimension": _flag_on_unknown_dimension,
    "bad regex": _bad_regex,
}


@pytest.fixture(scope="module")
def system_design_data() -> dict[str, Any]:
    data = yaml.safe_load(SYSTEM_DESIGN_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_shipped_rubric_file_validates() -> None:
    run = mockloop("rubrics", "validate", str(SYSTEM_DESIGN_FILE))

    assert run.code == 0, run.err
    assert run.out.startswith("ok  ")


@pytest.mark.parametrize("breakage", list(BREAKAGES), ids=list(BREAKAGES))
def test_invalid_rubric_file_is_refused_in_one_line_naming_file_and_field(
    breakage: str, system_design_data: dict[str, Any], tmp_path: Path
) -> None:
    rubric = copy.deepcopy(system_design_data)
    field_path = BREAKAGES[breakage](rubric)
    path = tmp_path / "broken-rubric.yaml"
    path.write_text(yaml.safe_dump(rubric, sort_keys=False), encoding="utf-8")

    run = mockloop("rubrics", "validate", str(path))

    assert run.code == 2
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("mockloop: ")
    assert f"{path}: {field_path}: " in lines[0]
    assert "Traceback" not in run.err


def test_a_broken_team_rubric_is_named_when_listing(
    system_design_data: dict[str, Any], isolated_home: Path
) -> None:
    rubric = copy.deepcopy(system_design_data)
    rubric["id"] = "team-broken"
    field_path = _missing_anchor_3(rubric)
    folder = isolated_home / "rubrics"
    folder.mkdir(parents=True)
    (folder / "team-broken.yaml").write_text(yaml.safe_dump(rubric), encoding="utf-8")

    run = mockloop("rubrics", "list")

    assert run.code == 2
    assert len(run.err.splitlines()) == 1
    assert "team-broken.yaml" in run.err and field_path in run.err
