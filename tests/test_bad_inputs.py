"""Bad input, everywhere a user can hand mockloop a file, an id or a path.

One table: (command, input file, expected message fragment), in tests/bad_input_cases.py. The
files live in tests/data/bad/ (transcripts in every format, briefs, personas, rubrics, human
ratings for the bench, a price table override, answers files); files over a size limit are
generated at test time. Every case must give exactly one line on stderr starting with
"mockloop: ", exit code 2, no traceback, nothing on stdout, and no partial write: the database
rows are unchanged, no output file appears, no `*.part` file is left behind, and no model call
is made. An output path the user did choose is written where it points.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.bad_input_cases import BAD, HUGE
from tests.bad_input_helpers import Template, check_bad_input
from tests.bad_input_table import CASES, params
from tests.cli_helpers import mockloop


@pytest.mark.parametrize("name", params(CASES))
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    name: str,
    template: Template,
    isolated_home: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    check_bad_input(CASES[name], template, isolated_home, tmp_path, request)


def test_the_corpus_has_a_file_for_every_kind_of_input() -> None:
    corpus = [p for p in BAD.rglob("*") if p.is_file()]
    kinds = {p.relative_to(BAD).parts[0] for p in corpus}
    assert len(corpus) >= 30
    assert kinds == {"transcripts", "briefs", "personas", "rubrics", "ratings", "config", "answers"}
    suffixes = {p.suffix for p in (BAD / "transcripts").rglob("*") if p.is_file()}
    assert {".json", ".md", ".txt", ".vtt"} <= suffixes
    used = {c.file for c in CASES.values() if c.file and c.file not in HUGE}
    unused = [
        str(p.relative_to(BAD))
        for p in corpus
        if str(p.relative_to(BAD)) not in used and p.parent.name != "same-id"
    ]
    assert unused == [], "every corpus file is in the table"


# --- what is allowed: an output path the user chose ---------------------------------------------


def test_export_writes_exactly_where_the_user_points_even_up_the_tree(
    template: Template,
    isolated_home: Path,
    tmp_path: Path,
) -> None:
    shutil.copytree(template.home, isolated_home, dirs_exist_ok=True)
    (tmp_path / "a" / "b").mkdir(parents=True)
    chosen = tmp_path / "a" / "b" / ".." / ".." / "round.md"

    run = mockloop("transcripts", "export", template.session_id, "--out", str(chosen))

    assert run.code == 0, run.err
    assert (tmp_path / "round.md").read_text(encoding="utf-8").startswith("<!-- mockloop:")
    assert not list(tmp_path.rglob("*.part"))


def test_briefs_new_writes_only_inside_the_briefs_folder_by_default(isolated_home: Path) -> None:
    run = mockloop("briefs", "new", "my-brief")

    assert run.code == 0, run.err
    written = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert written == [isolated_home / "briefs" / "my-brief.yaml"]
