"""`mockloop --help`: every command listed, and no heavy library imported to print it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

MOCKLOOP = str(Path(sys.executable).with_name("mockloop"))
COMMANDS = ["practice", "resume", "simulate", "history", "briefs", "transcripts"]
HEAVY = ["langgraph", "anthropic", "textual"]
WATCHED = {"langgraph", "anthropic", "textual", "sqlite_utils", "pydantic", "yaml"}


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv), capture_output=True, text=True, env=os.environ.copy(), timeout=60
    )


def modules_imported_by(args: list[str]) -> list[str]:
    """The watched top-level packages imported while click renders `mockloop <args>`."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from simulator.cli.main import cli\n"
        f"result = CliRunner().invoke(cli, {args!r})\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(WATCHED)!r}))\n"
    )
    done = run(sys.executable, "-c", code)
    assert done.returncode == 0, done.stderr
    modules: list[str] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return modules


def test_help_lists_every_command() -> None:
    done = run(MOCKLOOP, "--help")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: mockloop")
    listed = done.stdout[done.stdout.index("Commands:") :]
    for command in COMMANDS:
        assert f"\n  {command} " in listed, command
    assert done.stderr == ""


def test_help_imports_no_heavy_library() -> None:
    modules = modules_imported_by(["--help"])

    assert not [m for m in modules if m.split(".")[0] in HEAVY], modules
    assert modules == []


def test_simulate_help_imports_no_heavy_library() -> None:
    modules = modules_imported_by(["simulate", "--help"])

    assert not [m for m in modules if m.split(".")[0] in HEAVY], modules


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("simulate", ["--brief", "--candidate", "--answers", "--seed", "--json", "--pace"]),
        ("briefs", ["list", "show", "validate"]),
        ("transcripts", ["list", "show", "export"]),
        ("resume", ["SESSION", "--json"]),
    ],
)
def test_command_help_exits_zero_and_shows_its_options(command: str, expected: list[str]) -> None:
    done = run(MOCKLOOP, command, "--help")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Usage: mockloop {command}")
    for word in expected:
        assert word in done.stdout


def test_an_unknown_command_is_a_usage_error() -> None:
    done = run(MOCKLOOP, "no-such-command")

    assert done.returncode == 2
    assert "No such command" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_dash_m_runs_the_cli() -> None:
    done = run(sys.executable, "-m", "simulator.cli.main", "--help")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage:")
