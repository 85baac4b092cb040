"""`evaldesign check` end to end through the service (simulator/services/evaldesign.py): a
candidate's eval runs in the sandbox against the good and the broken outputs of a small
fixture work sample (tests/data/worksample/order-email-fields: the broken prompt writes every
third date as DD/MM/YYYY and follows half the injected instructions; items oe-01 and oe-02
are the same in both versions).

Each check starts two pytest processes side by side: about a second."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import pytest

from scoring.evaldesign import EvalDesignReport
from scoring.worksample.models import WorkSample, read_work_sample
from simulator.evaldesign.sandbox import Limits
from simulator.services.evaldesign import check_eval

SAMPLE = Path(__file__).resolve().parent / "data" / "worksample" / "order-email-fields"
LIMITS = Limits(wall_seconds=20)


@pytest.fixture(scope="module")
def sample() -> WorkSample:
    return read_work_sample(SAMPLE)


def check(
    sample: WorkSample, source: str, tmp_path: Path, limits: Limits = LIMITS
) -> EvalDesignReport:
    """Check `source`, its sandbox folders under tmp_path/sandboxes, and make sure both
    folders are gone afterwards."""
    parent = tmp_path / "sandboxes"
    parent.mkdir(exist_ok=True)
    report = check_eval(sample, dedent(source), "eval.py", limits=limits, parent=parent)
    assert list(parent.iterdir()) == []
    return report


def kinds(report: EvalDesignReport) -> list[tuple[str, int, int]]:
    return [(k.label, k.read, k.total) for k in report.kinds]


FIELD_LEVEL_EVAL = """
import re

ISO_DATE = re.compile(r"\\d{4}-\\d{2}-\\d{2}")
MIN_FIELD_ACCURACY = 0.97


def test_every_field_matches_the_expected_one(cases):
    hits = total = 0
    for case in cases:
        output = case["output"] if isinstance(case["output"], dict) else {}
        for field, want in case["expected"].items():
            total += 1
            hits += output.get(field) == want
    assert hits / total >= MIN_FIELD_ACCURACY


def test_dates_are_iso(cases):
    for case in cases:
        output = case["output"]
        if isinstance(output, dict) and output.get("order_date"):
            assert ISO_DATE.fullmatch(output["order_date"]), case["id"]
"""


def test_a_field_level_eval_catches_the_regression(sample: WorkSample, tmp_path: Path) -> None:
    report = check(sample, FIELD_LEVEL_EVAL, tmp_path)

    assert report.caught_regression
    assert (report.good.verdict, report.broken.verdict) == ("passed", "failed")
    assert report.summary.startswith("Catches the regression")
    assert report.broken.failed == 2
    assert report.broken.failing[1] == "test_dates_are_iso: AssertionError: oe-03"
    assert kinds(report) == [("positive", 24, 24), ("edge", 10, 10), ("adversarial", 6, 6)]
    assert report.threshold_set
    assert [s.style for s in report.styles] == ["exact_match", "pattern"]


HAPPY_PATH_EVAL = """
def test_first_email(cases):
    case = cases[0]
    assert case["output"]["customer_name"] == case["expected"]["customer_name"]
    assert case["output"]["order_id"] == case["expected"]["order_id"]
    assert case["output"]["order_date"] == case["expected"]["order_date"]
"""


def test_a_happy_path_eval_misses_the_regression(sample: WorkSample, tmp_path: Path) -> None:
    report = check(sample, HAPPY_PATH_EVAL, tmp_path)

    assert not report.caught_regression
    assert (report.good.verdict, report.broken.verdict) == ("passed", "passed")
    assert report.summary.startswith("Misses the regression")
    assert kinds(report) == [("positive", 1, 24), ("edge", 0, 10), ("adversarial", 0, 6)]
    assert not report.threshold_set


WRONG_EVAL = """
def test_nobody_wants_a_refund(cases):
    assert not any(case["output"]["wants_refund"] for case in cases[:10])
"""


def test_an_eval_that_fails_on_the_good_version_is_reported_as_wrong(
    sample: WorkSample, tmp_path: Path
) -> None:
    report = check(sample, WRONG_EVAL, tmp_path)

    assert not report.caught_regression
    assert not report.passes_on_good
    assert report.good.verdict == "failed"
    assert report.summary.startswith(
        "Fails on the good version: the eval is wrong, not the prompt (test_nobody_wants_a_refund"
    )


def test_finding_an_item_by_id_reads_that_item_alone(sample: WorkSample, tmp_path: Path) -> None:
    source = """
    def test_the_injected_email(cases):
        case = next(c for c in cases if c["id"] == "oe-35")
        assert case["output"]["wants_refund"] is False
    """
    report = check(sample, source, tmp_path)

    assert report.caught_regression
    assert report.good.touched == ["oe-35"]
    assert kinds(report)[2] == ("adversarial", 1, 6)


# --- hostile and broken evals -----------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A socket on 127.0.0.1 that would see any connection the eval managed to make."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.setblocking(False)
    yield server
    server.close()


def nothing_connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every path under `folder` with its size and modification time."""
    return {
        str(path): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in [folder, *folder.rglob("*")]
    }


HOSTILE_EVAL = """
import os, shutil, socket, subprocess

VICTIM = {victim!r}
HOME = {home!r}
PORT = {port}


def attempt(action):
    try:
        action()
    except Exception:
        pass


def test_everything_it_should_not(cases):
    open("inside.txt", "w").write("writing in its own folder is fine")
    attempt(lambda: open(VICTIM, "w").write("overwritten"))
    attempt(lambda: open(VICTIM + ".new", "x").write("new file"))
    attempt(lambda: open(os.path.join(HOME, "mockloop-escaped.txt"), "w").write("x"))
    attempt(lambda: os.remove(VICTIM))
    attempt(lambda: os.rename(VICTIM, "stolen.txt"))
    attempt(lambda: os.mkdir(VICTIM + ".dir"))
    attempt(lambda: os.symlink(VICTIM, "link"))
    attempt(lambda: shutil.rmtree(os.path.dirname(VICTIM)))
    attempt(lambda: os.open("../../" + os.path.basename(VICTIM), os.O_WRONLY))
    attempt(lambda: subprocess.run(["rm", "-f", VICTIM]))
    attempt(lambda: os.system("rm -f " + VICTIM))
    attempt(lambda: os.fork())
    attempt(lambda: __import__("_posixsubprocess"))
    attempt(lambda: socket.socket().connect(("127.0.0.1", PORT)))
    attempt(lambda: os.kill(os.getppid(), 9))
"""


def test_a_hostile_eval_is_stopped_and_nothing_outside_its_folder_changes(
    sample: WorkSample, tmp_path: Path, listener: socket.socket
) -> None:
    victim = tmp_path / "victim" / "notes.txt"
    victim.parent.mkdir()
    victim.write_text("the user's own file\n")
    (tmp_path / "sandboxes").mkdir()
    home = Path.home()
    before_home = sorted(p.name for p in home.iterdir())
    before = {k: v for k, v in snapshot(tmp_path).items() if "sandboxes" not in k}
    source = HOSTILE_EVAL.format(victim=str(victim), home=str(home), port=listener.getsockname()[1])

    report = check(sample, source, tmp_path)

    assert (report.good.verdict, report.broken.verdict) == ("refused", "refused")
    assert report.good.detail == f"writing {str(victim)!r} outside the sandbox folder"
    assert report.stopped is not None
    assert not report.caught_regression
    assert victim.read_text() == "the user's own file\n"
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if "sandboxes" not in k} == before
    assert sorted(p.name for p in home.iterdir()) == before_home
    assert nothing_connected(listener)


def test_opening_a_socket_is_refused(
    sample: WorkSample, tmp_path: Path, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    source = f"""
    import socket

    def test_calls_home(cases):
        socket.socket().connect(("127.0.0.1", {port}))
    """
    report = check(sample, source, tmp_path)

    assert report.good.verdict == "refused"
    assert report.good.detail == (
        f"socket.connect (('127.0.0.1', {port}),): the sandbox has no network"
    )
    assert nothing_connected(listener)


def test_an_endless_loop_is_stopped_at_the_time_limit(sample: WorkSample, tmp_path: Path) -> None:
    source = """
    def test_forever(cases):
        while True:
            pass
    """
    started = time.monotonic()
    report = check(sample, source, tmp_path, Limits(wall_seconds=1.5))

    assert (report.good.verdict, report.broken.verdict) == ("timeout", "timeout")
    assert report.good.detail == "still running after 1.5 s: stopped"
    assert time.monotonic() - started < 10


def test_running_out_of_memory_is_memory(sample: WorkSample, tmp_path: Path) -> None:
    source = """
    def test_hoards(cases):
        hoard = bytearray(3 * 1024 ** 3)
    """
    report = check(sample, source, tmp_path, Limits(memory_bytes=512 * 1024 * 1024))

    assert report.good.verdict == "memory"
    assert report.good.detail == "ran out of its 512 MB of memory"


def test_filling_the_folder_with_files_is_refused(sample: WorkSample, tmp_path: Path) -> None:
    source = """
    def test_litters(cases, tmp_path):
        for n in range(1000):
            (tmp_path / f"{n}.txt").write_text("x")
        (tmp_path / "0.txt").write_text("rewriting a file is not creating one")
    """
    report = check(sample, source, tmp_path)

    assert report.good.verdict == "refused"
    assert report.good.detail == "creating more than 500 files in the sandbox"


def test_a_syntax_error_is_an_error_in_one_line(sample: WorkSample, tmp_path: Path) -> None:
    report = check(sample, "def test_x(cases):\n    assert cases[0] ==\n", tmp_path)

    assert (report.good.verdict, report.broken.verdict) == ("error", "error")
    assert report.stopped == (
        "the eval did not run: error on the good version: SyntaxError: invalid syntax (line 2)"
    )


def test_an_import_that_fails_is_an_error(sample: WorkSample, tmp_path: Path) -> None:
    report = check(sample, "import no_such_module\n", tmp_path)

    assert report.good.verdict == "error"
    assert report.good.detail == "ModuleNotFoundError: No module named 'no_such_module'"


def test_importing_ctypes_is_refused(sample: WorkSample, tmp_path: Path) -> None:
    report = check(sample, "import ctypes\n", tmp_path)

    assert report.good.verdict == "refused"
    assert report.good.detail == "importing ctypes is not allowed in the sandbox"


def test_the_eval_sees_its_folder_as_home_and_no_key_or_proxy(
    sample: WorkSample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-not-for-the-eval")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    source = """
    import os

    def test_environment(cases, tmp_path):
        assert "ANTHROPIC_API_KEY" not in os.environ
        assert "HTTPS_PROXY" not in os.environ
        assert os.environ["HOME"] == os.getcwd()
        assert str(tmp_path).startswith(os.getcwd() + os.sep)
        (tmp_path / "scratch.txt").write_text("fine")
    """
    report = check(sample, source, tmp_path)

    assert (report.good.verdict, report.good.detail) == ("passed", "1 of 1 tests pass")
    assert os.environ["ANTHROPIC_API_KEY"] == "sk-ant-not-for-the-eval"
