"""Ids and paths the user cannot have meant (traversal in ids and session prefixes, outputs
in missing folders or onto folders, unknown raters and gates): one line on stderr, exit code 2,
and nothing written; and an output path the user did choose is written where it points. The
cases are in tests/bad_input_cases.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.bad_input_cases import PATHS, params
from tests.bad_input_helpers import Template, check_bad_input
from tests.cli_helpers import mockloop


@pytest.mark.parametrize("name", params(PATHS))
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    name: str,
    template: Template,
    isolated_home: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    check_bad_input(PATHS[name], template, isolated_home, tmp_path, request)


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
