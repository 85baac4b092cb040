"""A candidate opens `mockloop serve` in a browser (headless Chromium, no network): the home
screen renders, Ctrl+S starts a round and the interviewer's first question shows."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.workspace import Workspace
from tests.browser_helpers import chromium, open_page, stop_group, wait_until

MOCKLOOP = str(Path(sys.executable).with_name("mockloop"))


@dataclass(frozen=True)
class Served:
    url: str  # as `mockloop serve` printed it
    server: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def answers(url: str) -> bool:
    with (
        contextlib.suppress(urllib.error.URLError, OSError),
        urllib.request.urlopen(url, timeout=2) as response,
    ):
        return bool(response.status == 200)
    return False


@pytest.fixture
def browser() -> str:
    binary = chromium()
    if binary is None:
        pytest.skip("chromium is not installed")
    return binary


def printed_url(server: subprocess.Popen[bytes], printed: Path) -> str | None:
    """The URL the server printed; "taken" if it exited because its port was taken."""
    said = printed.read_text()
    if server.poll() is not None:
        assert "cannot listen" in said, said
        return "taken"
    return next((w for w in said.split() if w.startswith("http")), None)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`mockloop serve` on a free port with the offline engine (the home and the API key are
    the test's: see conftest), once the page answers at the URL it printed. The port is free
    when it is chosen; should another process take it before the server listens (the other
    test process opens loopback servers too), the server says so and exits, and is started
    again on another port."""
    for attempt in range(3):
        printed = tmp_path / f"serve-{attempt}.out"
        with printed.open("w") as out:
            server = subprocess.Popen(
                [MOCKLOOP, "serve", "--port", str(free_port()), "--engine", "offline"],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=os.environ.copy(),
                start_new_session=True,  # the server and the app it runs per tab: one group
            )
        url = functools.partial(printed_url, server, printed)
        try:
            where = wait_until(url, 20, "mockloop serve printed no URL")
        except BaseException:
            stop_group(server)
            raise
        if where != "taken":
            break
        stop_group(server)
    else:
        pytest.fail("three free ports were taken before mockloop serve could listen")
    try:
        wait_until(lambda: answers(where), 10, f"nothing answered at {where}")
        yield Served(where, server)
    finally:
        stop_group(server)


def test_the_practice_app_runs_in_a_browser_to_the_first_question(
    browser: str, served: Served, tmp_path: Path
) -> None:
    assert served.url.startswith("http://127.0.0.1:")
    with open_page(browser, tmp_path / "profile") as page:
        page.call("Page.navigate", url=served.url)
        home = page.wait_for_text("Start round (Ctrl+S)")
        assert "Churn-risk analysis from support tickets" in home
        assert "Engine: offline" in home
        assert page.evaluate("document.body.classList.contains('-first-byte')")  # drawn

        page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        page.press_ctrl("s")
        page.wait_for_text("Your turn")

        with Workspace() as ws:
            (session,) = ws.sessions.recent()
            first = ws.sessions.turns(session.id)[0]
        assert (session.candidate, session.engine, first.role) == ("you", "offline", "interviewer")
        shown = page.wait_for_text(" ".join(first.text.split()))
        assert session.id in shown

        # Offline, the page needs nothing but the server: no web font, no CDN, no failure.
        server = served.url.removeprefix("http://").rstrip("/") + "/"
        outside = [
            u for u in page.requests.values() if u.split("//", 1)[-1][: len(server)] != server
        ]
        assert outside == [], outside
        assert page.failures == []
        assert page.evaluate(
            "[...document.fonts].some(f => f.family.includes('Roboto Mono') && "
            "f.status === 'loaded')"
        ), "the terminal's font comes from the server"

        # Ctrl+C stops the server at once, the open tab's app with it.
        served.server.send_signal(signal.SIGINT)
        assert served.server.wait(timeout=10) == 0
