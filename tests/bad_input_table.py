"""The whole bad-input table: every kind of input (tests/bad_input_cases.py) and the special
inputs (tests/bad_input_special.py), run by tests/test_bad_inputs.py and counted by
benchmarks/bad_inputs.py."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bad_input_cases import CONTENT, PATHS, RATINGS_AND_ANSWERS, TRANSCRIPTS, Case
from tests.bad_input_special import LONG_NAMES, SPECIAL

CASES: dict[str, Case] = {
    **TRANSCRIPTS,
    **CONTENT,
    **RATINGS_AND_ANSWERS,
    **PATHS,
    **SPECIAL,
    **LONG_NAMES,
}
KNOWN_BUGS: dict[str, str] = {}  # case name -> the open product bug it shows


def params(cases: dict[str, Case]) -> list[Any]:
    """The case names, as parameters; a known bug's case is expected to fail."""
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
        if name in KNOWN_BUGS
        else name
        for name in cases
    ]
