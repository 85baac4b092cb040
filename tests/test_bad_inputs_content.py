"""Bad briefs, personas, rubrics and price tables, given to `validate` or put in
MOCKLOOP_HOME where every command that reads them stops on them: one line on stderr, exit code
2, nothing written and no model call. The cases are in tests/bad_input_cases.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_input_cases import CONTENT, params
from tests.bad_input_helpers import Template, check_bad_input


@pytest.mark.parametrize("name", params(CONTENT))
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    name: str,
    template: Template,
    isolated_home: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    check_bad_input(CONTENT[name], template, isolated_home, tmp_path, request)
