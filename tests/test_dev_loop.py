"""The list of tests kept out of `make test-fast` names tests that exist: a renamed module would
otherwise slip back into the dev loop unnoticed."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import KIND_OF, OUTSIDE_THE_DEV_LOOP

TESTS = Path(__file__).resolve().parent


def test_every_module_kept_out_of_the_dev_loop_exists() -> None:
    modules = {entry.partition("::")[0] for entry in KIND_OF}
    assert sorted(m for m in modules if not (TESTS / m).is_file()) == []


def test_every_single_test_kept_out_of_the_dev_loop_exists() -> None:
    tests = [entry.partition("::") for entry in KIND_OF if "::" in entry]
    missing = [
        f"{module}::{name}"
        for module, _, name in tests
        if f"def {name}(" not in (TESTS / module).read_text(encoding="utf-8")
    ]
    assert tests and missing == []


def test_a_test_is_kept_out_for_one_reason() -> None:
    entries = [entry for entries in OUTSIDE_THE_DEV_LOOP.values() for entry in entries]
    assert len(entries) == len(set(entries)) == len(KIND_OF)
