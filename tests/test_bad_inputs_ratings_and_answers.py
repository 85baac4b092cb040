"""Bad human-ratings CSVs for `bench --human` and bad answers files for `simulate --answers`:
one line on stderr, exit code 2, and nothing written. The cases are in
tests/bad_input_cases.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_input_cases import RATINGS_AND_ANSWERS, params
from tests.bad_input_helpers import Template, check_bad_input


@pytest.mark.parametrize("name", params(RATINGS_AND_ANSWERS))
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    name: str,
    template: Template,
    isolated_home: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    check_bad_input(RATINGS_AND_ANSWERS[name], template, isolated_home, tmp_path, request)
