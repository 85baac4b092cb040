"""Running a candidate's eval in a sandbox: a separate process in a fresh temporary folder.

One run is `python -I -B -c BOOTSTRAP` (isolated mode: no user site, no PYTHON* variables,
no bytecode written) in a folder made for it, holding only the eval (as EVAL_MODULE), the
records of one version (CASES), the two child modules (`child_guard`, `child_plugin`), an
empty pytest.ini and SETTINGS (the limits the child applies to itself). Its output goes to
files in the same folder; the folder is removed afterwards, whatever the eval did to it.

Limits, and what enforces each:

- wall clock: the parent kills the child's whole process group (`start_new_session`) once
  `Limits.wall_seconds` have passed, or when the run ends (no leftover process survives it);
- CPU seconds, address space, file size, open files, no core file: `resource.setrlimit` in
  the child before pytest or the eval is imported (no `preexec_fn`, which is unsafe in a
  threaded parent such as the app); the guard then refuses raising them. RLIMIT_NPROC is set
  to 0 too, but the kernel ignores it for root;
- no network, no processes, nothing written outside the folder: the audit hook of
  `child_guard`, installed before the eval is imported;
- environment: built from nothing (PATH, HOME and TMPDIR in the folder, C.UTF-8, no proxies,
  no API key, pytest's plugin autoload off); pytest runs with `-p no:cacheprovider`, its
  rootdir, config and conftest search cut at the folder and its temporary files under it.

Both versions run at the same time, each in its own process and folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.evaldesign import child_guard, child_plugin

MB = 1024 * 1024
EVAL_MODULE = "test_candidate_eval.py"
STDOUT = "stdout.txt"
STDERR = "stderr.txt"
TAIL_BYTES = 64 * 1024
RESULTS_LIMIT = 8 * MB
POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Limits:
    """What one run of an eval may use. The defaults leave a plain eval of a 40-item dataset
    (about a second) far inside them."""

    wall_seconds: float = 30.0
    cpu_seconds: int = 20
    memory_bytes: int = 1024 * MB  # address space; Python with pytest maps about 100 MB
    file_bytes: int = 8 * MB  # per file; the guard allows 500 new files
    open_files: int = 256


@dataclass(frozen=True)
class SandboxRun:
    """What the parent saw of one run: the raw facts a verdict is judged from."""

    version: str
    returncode: int | None
    timed_out: bool
    seconds: float
    results: dict[str, Any] | None
    refusals: list[str] = field(default_factory=list)
    stderr_tail: str = ""
    stdout_tail: str = ""


def run_versions(
    source: str,
    cases: dict[str, list[dict[str, Any]]],
    *,
    limits: Limits | None = None,
    parent: Path | None = None,
) -> dict[str, SandboxRun]:
    """Run the eval `source` once per version in `cases` (version -> records), side by side,
    each in a new folder under `parent` (the system's temporary folder by default)."""
    limits = limits or Limits()
    started: list[tuple[str, Path, subprocess.Popen[bytes], float]] = []
    try:
        for version, records in cases.items():
            folder = _prepare(source, records, limits, parent)
            started.append((version, folder, _start(folder), time.monotonic()))
        return {
            version: _finish(version, folder, proc, t0, limits)
            for version, folder, proc, t0 in started
        }
    finally:
        for _, folder, proc, _ in started:
            _kill_group(proc)
            with contextlib.suppress(OSError):
                proc.wait(timeout=5)
            remove_folder(folder)


def _prepare(
    source: str, records: list[dict[str, Any]], limits: Limits, parent: Path | None
) -> Path:
    folder = Path(os.path.realpath(tempfile.mkdtemp(prefix="mockloop-eval-", dir=parent)))
    files = {
        EVAL_MODULE: source,
        f"{child_plugin.PLUGIN_MODULE}.py": Path(child_plugin.__file__).read_text("utf-8"),
        f"{child_plugin.GUARD_MODULE}.py": Path(child_guard.__file__).read_text("utf-8"),
        child_plugin.CASES: json.dumps(records, ensure_ascii=False),
        child_plugin.SETTINGS: json.dumps(
            {
                "cpu_seconds": limits.cpu_seconds,
                "memory_bytes": limits.memory_bytes,
                "file_bytes": limits.file_bytes,
                "open_files": limits.open_files,
            }
        ),
        "pytest.ini": "[pytest]\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "tmp").mkdir()
    return folder


def pytest_arguments(folder: Path) -> list[str]:
    """pytest's command line: the eval alone, nothing cached, nothing found above the folder."""
    return [
        EVAL_MODULE,
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:pastebin",
        "-p",
        "no:tmpdir",
        "--noconftest",
        "-c",
        str(folder / "pytest.ini"),
        "--rootdir",
        str(folder),
        "--confcutdir",
        str(folder),
        "--basetemp",
        str(folder / "tmp" / "pytest"),
        "--color=no",
        "-o",
        "console_output_style=classic",
    ]


def sandbox_environment(folder: Path) -> dict[str, str]:
    """The child's whole environment: nothing of the parent's but where Python lives."""
    temporary = str(folder / "tmp")
    return {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
        "HOME": str(folder),
        "TMPDIR": temporary,
        "TEMP": temporary,
        "TMP": temporary,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        # Numeric libraries start a thread per core unless told otherwise.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def _start(folder: Path) -> subprocess.Popen[bytes]:
    with open(folder / STDOUT, "wb") as out, open(folder / STDERR, "wb") as err:
        return subprocess.Popen(
            [sys.executable, "-I", "-B", "-c", child_plugin.BOOTSTRAP, *pytest_arguments(folder)],
            cwd=folder,
            env=sandbox_environment(folder),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
            close_fds=True,
        )


def _finish(
    version: str, folder: Path, proc: subprocess.Popen[bytes], t0: float, limits: Limits
) -> SandboxRun:
    deadline = t0 + limits.wall_seconds
    timed_out = False
    while proc.poll() is None:
        if time.monotonic() >= deadline:
            timed_out = True
            _kill_group(proc)
            proc.wait()
            break
        time.sleep(POLL_SECONDS)
    seconds = time.monotonic() - t0
    _kill_group(proc)  # anything the eval left behind in its group
    stderr = _tail(folder / STDERR)
    return SandboxRun(
        version=version,
        returncode=proc.returncode,
        timed_out=timed_out,
        seconds=round(seconds, 2),
        results=_results(folder / child_plugin.RESULTS),
        refusals=[
            line[len(child_guard.REFUSED_MARK) :].strip()
            for line in stderr.splitlines()
            if line.startswith(child_guard.REFUSED_MARK)
        ],
        stderr_tail=stderr,
        stdout_tail=_tail(folder / STDOUT),
    )


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _tail(path: Path) -> str:
    data = _read_own(path, TAIL_BYTES, tail=True)
    return "" if data is None else data.decode("utf-8", "replace")


def _results(path: Path) -> dict[str, Any] | None:
    """The child's RESULTS, or None when it wrote none (it ended early) or they are not ours."""
    data = _read_own(path, RESULTS_LIMIT)
    if data is None:
        return None
    try:
        results = json.loads(data)
    except ValueError:
        return None
    if not isinstance(results, dict) or not isinstance(results.get("tests"), dict):
        return None
    return results


def _read_own(path: Path, limit: int, *, tail: bool = False) -> bytes | None:
    """At most `limit` bytes of a regular file the child left (its last ones with `tail`);
    None for anything else. Never follows a link and never blocks on a pipe the eval may
    have put in the file's place."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (info.st_size > limit and not tail):
            return None
        handle.seek(max(0, info.st_size - limit))
        return handle.read(limit)


def remove_folder(folder: Path) -> None:
    """Remove a sandbox folder whatever the eval did to its permissions."""

    def retry(function: Any, path: str, _exc: Any) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(path), stat.S_IRWXU)
            if os.path.isdir(path) and not os.path.islink(path):
                os.chmod(path, stat.S_IRWXU)
            function(path)

    shutil.rmtree(folder, onerror=retry)
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
