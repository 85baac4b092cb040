"""Bad transcripts for `score` and `bench`, in every format (empty, binary, wrong encoding,
broken JSON, no speakers, over the size limit, missing): one line on stderr, exit code 2, and
nothing written. The cases are in tests/bad_input_cases.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_input_cases import TRANSCRIPTS, params
from tests.bad_input_helpers import Template, check_bad_input


@pytest.mark.parametrize("name", params(TRANSCRIPTS))
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    name: str,
    template: Template,
    isolated_home: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    check_bad_input(TRANSCRIPTS[name], template, isolated_home, tmp_path, request)
