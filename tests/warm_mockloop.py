"""Real `mockloop` processes without the cold start: forked from a server that has already
imported mockloop and played one round (so the vocabulary's patterns are compiled).

A cold `mockloop` spends about five seconds of CPU importing LangGraph and compiling patterns
before its first turn, and the crash, concurrency and bad-input suites start dozens of
processes whose start-up is not what they test. Each forked child is a process of its own (its
own pid, SIGKILLed like any other): it gets the environment, working folder, standard streams
and arguments it is given, runs `simulator.cli.main.main` as the console script does, and
leaves through the interpreter's ordinary exit. The server reaps it and reports its exit code,
negative for a signal, as `subprocess` does.

The tests about start-up itself (a kill while a process is still importing, `--help`'s speed,
the hash seed) still start cold processes.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SERVE = "from tests.warm_mockloop import serve; serve()"
# What the server runs before it takes requests: the imports and pattern caches every child
# would otherwise build again.
WARM_UP = ["simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper", "--seed",
           "1", "--minutes", "20"]  # fmt: skip
WARM_MODULES = ("simulator.cli.practice", "simulator.cli.bench", "simulator.cli.score")
# What Python reads once, at start-up or on its first use, and keeps: every PYTHON* variable (the
# standard streams, hashing, sys.path, warnings, ...), the locale, the time zone and the
# temporary folder (tempfile keeps the first it finds). A child asked for other values than the
# server started with needs a cold process of its own.
AT_START_UP = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR")
STARTED_WITHIN = 120.0  # seconds for the server to fork a child, its warm-up included

# --- the server: runs in its own process, forks one child per request -------------------------


def serve() -> None:
    """Warm up, then answer requests (one JSON object a line on stdin) until stdin closes."""
    warm_up()
    # What the warm-up built stays for good: the children's collections (and their exit) need
    # not walk it, and their pages stay shared with the server's.
    gc.freeze()
    sys.stdout.flush()
    sys.stderr.flush()
    children: dict[int, int] = {}  # pidfd -> pid
    with selectors.DefaultSelector() as selector:
        selector.register(0, selectors.EVENT_READ)
        pending = b""
        while True:
            for key, _ in selector.select():
                if key.fd != 0:
                    pid = children.pop(key.fd)
                    selector.unregister(key.fd)
                    os.close(key.fd)
                    _, status = os.waitpid(pid, 0)
                    _reply({"exited": pid, "code": os.waitstatus_to_exitcode(status)})
                    continue
                chunk = os.read(0, 1 << 16)
                if not chunk:  # the tests are done (or gone): take the children with us
                    for pidfd, pid in children.items():
                        with contextlib.suppress(OSError):
                            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
                        with contextlib.suppress(ChildProcessError):
                            os.waitpid(pid, 0)  # reaped here: none is left behind
                    return
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    _handle(json.loads(line), selector, children)


def warm_up() -> None:
    import importlib

    from simulator.cli.main import main

    for module in WARM_MODULES:
        importlib.import_module(module)
    with tempfile.TemporaryDirectory() as home, open(os.devnull, "w") as quiet:
        os.environ["MOCKLOOP_HOME"] = home
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            main(WARM_UP)


def _handle(
    request: dict[str, Any], selector: selectors.BaseSelector, children: dict[int, int]
) -> None:
    if "signal" in request:  # through the pidfd: never a recycled pid
        for pidfd, pid in children.items():
            if pid == request["pid"]:
                signal.pidfd_send_signal(pidfd, request["signal"])
        return
    pid = os.fork()
    if pid == 0:
        # None of the server's descriptors stays open in the child: a cold process has none.
        for pidfd in children:
            os.close(pidfd)
        selector.close()
        _become_mockloop(request)  # never returns: leaves through SystemExit
    pidfd = os.pidfd_open(pid)
    children[pidfd] = pid
    selector.register(pidfd, selectors.EVENT_READ)
    _reply({"started": pid})


def _become_mockloop(request: dict[str, Any]) -> None:
    """In the child: the process a shell would start as `mockloop ARGS`, then run it."""
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl+C as in a fresh Python
    os.environ.clear()
    os.environ.update(request["env"])
    writing = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    streams = [(os.open(request["stdin"] or os.devnull, os.O_RDONLY), 0)]
    streams.append((os.open(request["stdout"], writing, 0o644), 1))
    if request["stderr"] is not None:
        streams.append((os.open(request["stderr"], writing, 0o644), 2))
    for fd, target in streams:
        os.dup2(fd, target)
        os.close(fd)
    if request["stderr"] is None:  # one file, one offset: as stderr=subprocess.STDOUT
        os.dup2(1, 2)
    os.chdir(request["cwd"])  # after the streams: a folder that is gone shows in the child's
    args = list(request["args"])
    sys.argv = ["mockloop", *args]
    if request.get("kill_inside"):
        from tests.kill_inside import arm

        arm(request["kill_inside"])
    from simulator.cli.main import main

    sys.exit(main(args))  # unwinds to the interpreter's ordinary exit


def _reply(message: dict[str, Any]) -> None:
    os.write(1, (json.dumps(message) + "\n").encode())


# --- the tests' side ---------------------------------------------------------------------------


class WarmServer:
    """The forking server, started once per test process (see the `warm_mockloop` fixture)."""

    def __init__(self, log: Path, env: Mapping[str, str] | None = None) -> None:
        self.log = log
        self.environment = dict(os.environ if env is None else env)
        with log.open("w", encoding="utf-8") as errors:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", SERVE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=self.environment,
                cwd=REPO,
            )
        self.lock = threading.Lock()
        self.changed = threading.Condition()
        self.started: list[int] = []
        self.exits: dict[int, int] = {}
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            message = json.loads(line)
            with self.changed:
                if "started" in message:
                    self.started.append(int(message["started"]))
                else:
                    self.exits[int(message["exited"])] = int(message["code"])
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def _send(self, request: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        self.proc.stdin.flush()

    def start(
        self,
        args: list[str],
        *,
        stdout: Path,
        stderr: Path | None = None,
        stdin: Path | None = None,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        kill_inside: str | None = None,
    ) -> Forked:
        """`mockloop ARGS` in a new process, its stdout (and stderr, unless given apart)
        written to `stdout`; the environment is the caller's unless given."""
        environment = dict(os.environ if env is None else env)
        names = sorted(n for n in {*environment, *self.environment} if _at_start_up(n))
        differ = [n for n in names if environment.get(n) != self.environment.get(n)]
        if differ:
            raise ValueError(f"{differ} differ from the server's: start a cold process")
        request = {
            "args": [str(a) for a in args],
            "env": environment,
            "cwd": str(cwd or Path.cwd()),
            # Named from the caller's folder, as a file handed to subprocess.Popen is.
            "stdin": str(stdin.absolute()) if stdin else None,
            "stdout": str(stdout.absolute()),
            "stderr": str(stderr.absolute()) if stderr else None,
            "kill_inside": kill_inside,
        }
        deadline = time.monotonic() + STARTED_WITHIN
        with self.lock, self.changed:
            self._send(request)
            while not self.started:
                self._check_alive()
                if time.monotonic() > deadline:
                    waited = f"{STARTED_WITHIN:.0f} s"
                    raise RuntimeError(f"the mockloop fork server forked nothing in {waited}")
                self.changed.wait(1)
            pid = self.started.pop(0)
        return Forked(self, pid)

    def _check_alive(self) -> None:
        if self.proc.poll() is not None:
            raise RuntimeError(f"the mockloop fork server died: {self.log.read_text()}")
        if not self.reader.is_alive():  # its replies can no longer be read
            raise RuntimeError(f"the mockloop fork server's replies stopped: {self.log}")

    def signal(self, pid: int, sig: int) -> None:
        with self.lock:
            self._send({"signal": int(sig), "pid": pid})

    def wait(self, pid: int, timeout: float | None) -> int | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self.changed:
            while pid not in self.exits:
                self._check_alive()
                left = 1.0 if deadline is None else min(1.0, deadline - time.monotonic())
                if left <= 0:
                    return None
                self.changed.wait(left)
            return self.exits[pid]

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


class Forked:
    """A forked `mockloop`, used like a `subprocess.Popen`: pid, poll, wait, send_signal."""

    def __init__(self, server: WarmServer, pid: int) -> None:
        self.server = server
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.server.wait(self.pid, 0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = self.server.wait(self.pid, timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired(f"mockloop (pid {self.pid})", timeout or 0)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            self.server.signal(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


@contextlib.contextmanager
def warm_server(folder: Path, env: Mapping[str, str] | None = None) -> Iterator[WarmServer]:
    """A server started in `env` (the caller's environment unless given)."""
    server = WarmServer(folder / "warm-mockloop.log", env)
    try:
        yield server
    finally:
        server.close()


_RUNS = itertools.count(1)


def run(
    server: WarmServer,
    args: list[str],
    timeout: float,
    folder: Path | None = None,
    **options: Any,
) -> tuple[int, str, str]:
    """A forked `mockloop ARGS` run to its end: exit code, stdout, stderr (kept in `folder`,
    else beside the server's log). One still running after `timeout` seconds is SIGKILLed
    (subprocess.TimeoutExpired)."""
    folder = folder or server.log.parent
    folder.mkdir(parents=True, exist_ok=True)
    n = next(_RUNS)
    out, err = folder / f"mockloop-{n}.out", folder / f"mockloop-{n}.err"
    child = server.start(args, stdout=out, stderr=err, **options)
    try:
        code = child.wait(timeout)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
    return code, _text(out), _text(err)


def _at_start_up(name: str) -> bool:
    return name.startswith("PYTHON") or name in AT_START_UP


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")  # strict, as subprocess's text mode decodes


@pytest.fixture(scope="session")
def warm_mockloop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmServer]:
    """The forking server of this test process, warmed up once and shared by its tests."""
    with warm_server(tmp_path_factory.mktemp("warm-mockloop")) as server:
        yield server
