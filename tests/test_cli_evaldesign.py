"""`mockloop evaldesign check TASK EVAL.py [--format table|json]` (simulator/cli/evaldesign.py):
exit 0 with the report whenever the check ran, one line and exit 2 for a task or an eval file
that cannot be used. The fixture work sample is installed as the user's own
(MOCKLOOP_HOME/worksamples), which is also how a user adds one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from simulator.cli.evaldesign import evaldesign

SAMPLE = Path(__file__).resolve().parent / "data" / "worksample" / "order-email-fields"
TASK = "order-email-fields"

CATCHING_EVAL = """
def test_dates_and_refunds_match(cases):
    wrong = [
        c["id"] for c in cases
        if not isinstance(c["output"], dict)
        or c["output"]["order_date"] != c["expected"]["order_date"]
        or c["output"]["wants_refund"] != c["expected"]["wants_refund"]
    ]
    assert len(wrong) <= 1, wrong
"""


@pytest.fixture(autouse=True)
def user_sample(isolated_home: Path) -> Path:
    target = isolated_home / "worksamples" / TASK
    shutil.copytree(SAMPLE, target)
    return target


def run(*args: str) -> Result:
    return CliRunner().invoke(evaldesign, list(args))


def eval_file(tmp_path: Path, text: str, name: str = "my_eval.py") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def one_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mockloop: ")
    return lines[0]


def test_check_prints_the_table_and_exits_0(tmp_path: Path) -> None:
    result = run("check", TASK, str(eval_file(tmp_path, CATCHING_EVAL)))

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Eval design check · {TASK} · my_eval.py"
    assert lines[1].startswith("Catches the regression")
    assert "items read   positive 24/24, edge 10/10, adversarial 6/6" in result.stdout
    assert "threshold    len(wrong) <= 1 (line 9)" in result.stdout


def test_check_json_says_caught_regression(tmp_path: Path) -> None:
    happy = "def test_one(cases):\n    assert cases[0]['output'] == cases[0]['expected']\n"
    caught = run("check", TASK, str(eval_file(tmp_path, CATCHING_EVAL)), "--format", "json")
    missed = run("check", TASK, str(eval_file(tmp_path, happy, "happy.py")), "--format", "json")

    assert (caught.exit_code, missed.exit_code) == (0, 0)
    assert json.loads(caught.stdout)["caught_regression"] is True
    assert json.loads(missed.stdout)["caught_regression"] is False
    assert json.loads(missed.stdout)["eval_file"] == "happy.py"


def test_a_hostile_eval_is_one_line_with_the_sandboxs_verdict_and_exit_0(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    source = f"def test_x(cases):\n    open({str(outside)!r}, 'w').write('x')\n"
    result = run("check", TASK, str(eval_file(tmp_path, source)))

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{TASK} · my_eval.py: the sandbox stopped the eval: refused on the good version: "
        f"writing {str(outside)!r} outside the sandbox folder\n"
    )
    assert not outside.exists()


def test_a_syntax_error_is_one_line_and_exit_0(tmp_path: Path) -> None:
    result = run("check", TASK, str(eval_file(tmp_path, "def test_x(cases)\n    pass\n")))

    assert result.exit_code == 0
    assert result.stdout == (
        f"{TASK} · my_eval.py: the eval did not run: error on the good version: "
        "SyntaxError: expected ':' (line 1)\n"
    )


def test_an_unknown_task_names_the_known_ones(tmp_path: Path) -> None:
    line = one_line(run("check", "no-such-task", str(eval_file(tmp_path, CATCHING_EVAL))))

    assert line.startswith("mockloop: unknown work-sample task 'no-such-task' (known: ")
    assert TASK in line


@pytest.mark.parametrize("task", ["../worksamples/order-email-fields", "Order-Email-Fields", ""])
def test_a_task_that_is_not_an_id_is_unknown(tmp_path: Path, task: str) -> None:
    line = one_line(run("check", task, str(eval_file(tmp_path, CATCHING_EVAL))))

    assert line.startswith(f"mockloop: unknown work-sample task {task!r}")


def test_an_overlong_task_id_is_one_line(tmp_path: Path) -> None:
    line = one_line(run("check", "x" * 300, str(eval_file(tmp_path, CATCHING_EVAL))))

    assert "an id has at most 64" in line


def test_a_broken_work_sample_is_one_line_naming_its_file(
    tmp_path: Path, user_sample: Path
) -> None:
    (user_sample / "outputs" / "broken.jsonl").write_text('{"id": "oe-01"}\n', encoding="utf-8")

    line = one_line(run("check", TASK, str(eval_file(tmp_path, CATCHING_EVAL))))

    assert "broken.jsonl" in line


def test_a_missing_eval_file_is_one_line(tmp_path: Path) -> None:
    line = one_line(run("check", TASK, str(tmp_path / "nope.py")))

    assert line == f"mockloop: {tmp_path / 'nope.py'}: no such file"


def test_a_folder_is_not_an_eval(tmp_path: Path) -> None:
    line = one_line(run("check", TASK, str(tmp_path)))

    assert line == f"mockloop: {tmp_path}: is a folder, not a pytest eval"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "a binary file"),
        ("def test_x(cases): pass  # café\n".encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_a_binary_or_non_utf8_file_is_not_an_eval(
    tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "eval.bin"
    path.write_bytes(data)

    line = one_line(run("check", TASK, str(path)))

    assert line.startswith(f"mockloop: {path}: {problem}")


def test_an_eval_over_the_size_limit_is_one_line(tmp_path: Path) -> None:
    path = eval_file(tmp_path, "# padding\n" * 30_000)

    line = one_line(run("check", TASK, str(path)))

    assert "larger than the 256 KB limit" in line


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", TASK, str(eval_file(tmp_path, CATCHING_EVAL)), "--format", "xml")

    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'json'" in result.stderr


def test_help_explains_the_cases_fixture() -> None:
    result = run("check", "--help")

    assert result.exit_code == 0
    assert "`cases`" in result.stdout
    assert "EVAL.py" in result.stdout
