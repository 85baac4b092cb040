"""Headless Chromium driven over the DevTools protocol, and the app's screen as a page shows it.

The practice app reaches the browser as a terminal drawn on a canvas (xterm.js under
textual-serve), so its text is not in the page's DOM. What the page's terminal draws is the
byte stream its websocket receives: `TerminalScreen` plays that stream on a VT emulator (pyte)
sized as the page sized its terminal, which gives the screen's text. The DevTools protocol
is spoken directly over a websocket: Chromium ships it, so no browser download or driver
binary is needed, and it also reports every request the page makes.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pyte
import pytest
from websockets.sync.client import ClientConnection, connect

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--window-size=1200,800",
]
CTRL = 2  # the DevTools protocol's modifier bit for Ctrl


def chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI") == "true":
        pytest.fail(
            "chromium is required for the browser test when CI=true (make test installs it)"
        )
    return found


def wait_until(done: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll `done` until it returns something true; fail saying `what` did not happen."""
    deadline = time.monotonic() + timeout
    while not (result := done()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout:.0f} s")
        time.sleep(0.05)
    return result


def stop_group(process: subprocess.Popen[Any]) -> None:
    """Stop a process started with start_new_session, then anything it left in its group."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=5)


class TerminalScreen:
    """The app's screen, from the bytes the page's terminal is given."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def resize(self, columns: int, lines: int) -> None:
        self.screen.resize(lines, columns)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def words(self) -> str:
        """The screen's words in one line, without box borders (wrapped text reads on)."""
        return " ".join(self.text().replace("│", " ").split())


@dataclass
class Page:
    """One Chromium tab over the DevTools protocol."""

    socket: ClientConnection
    terminal: TerminalScreen = field(default_factory=TerminalScreen)
    requests: dict[str, str] = field(default_factory=dict)  # request id: URL
    failures: list[str] = field(default_factory=list)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self._ids)
        self.socket.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=10))
            if message.get("id") == call_id:
                assert "error" not in message, (method, message["error"])
                result: dict[str, Any] = message.get("result", {})
                return result
            self._event(message)

    def evaluate(self, expression: str) -> Any:
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)[
            "result"
        ].get("value")

    def wait_for(self, done: Callable[[], Any], timeout: float, what: str) -> Any:
        """Take the page's events (network, terminal output) until `done` returns true."""
        deadline = time.monotonic() + timeout
        while not (result := done()):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{what} within {timeout:.0f} s; the page shows:\n{self.screen}"
                )
            with contextlib.suppress(TimeoutError):
                self._event(json.loads(self.socket.recv(timeout=0.1)))
        return result

    def wait_for_text(self, text: str, timeout: float = 20.0) -> str:
        self.wait_for(lambda: text in self.terminal.words(), timeout, f"{text!r} never showed")
        return self.terminal.words()

    @property
    def screen(self) -> str:
        return self.terminal.text()

    def press_ctrl(self, letter: str) -> None:
        """Ctrl+letter as a person types it: key events on the page's focused terminal."""
        key = {
            "key": letter,
            "code": f"Key{letter.upper()}",
            "windowsVirtualKeyCode": ord(letter.upper()),
            "modifiers": CTRL,
        }
        self.call("Input.dispatchKeyEvent", type="rawKeyDown", **key)
        self.call("Input.dispatchKeyEvent", type="keyUp", **key)

    def _event(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests[params["requestId"]] = params["request"]["url"]
        elif method == "Network.loadingFailed":
            url = self.requests.get(params["requestId"], "?")
            self.failures.append(f"{url}: {params.get('errorText')}")
        elif method == "Network.webSocketCreated":
            self.requests[params["requestId"]] = params["url"]
            size = parse_qs(urlparse(params["url"]).query)
            self.terminal.resize(int(size["width"][0]), int(size["height"][0]))
        elif method == "Network.webSocketFrameSent":
            sent = params["response"]["payloadData"]
            if sent.startswith('["resize"'):
                size = json.loads(sent)[1]
                self.terminal.resize(size["width"], size["height"])
        elif method == "Network.webSocketFrameReceived":
            frame = params["response"]
            if frame["opcode"] == 2:  # binary frames are the app's output; text ones are control
                self.terminal.feed(base64.b64decode(frame["payloadData"]))


@contextlib.contextmanager
def open_page(binary: str, profile: Path) -> Iterator[Page]:
    """A headless Chromium with one blank tab, its network and page events switched on."""
    browser = subprocess.Popen(
        [
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        active = profile / "DevToolsActivePort"  # Chromium writes the port it chose here

        def port() -> str | None:
            lines = active.read_text().split() if active.exists() else []
            return lines[0] if len(lines) >= 2 else None

        debug_port = wait_until(port, 15, "Chromium opened no DevTools port")
        with urllib.request.urlopen(f"http://127.0.0.1:{debug_port}/json/list", timeout=5) as r:
            tab = next(t for t in json.load(r) if t["type"] == "page")
        with connect(tab["webSocketDebuggerUrl"], max_size=None) as socket:
            page = Page(socket)
            page.call("Network.enable")
            page.call("Page.enable")
            page.call("Emulation.setFocusEmulationEnabled", enabled=True)  # headless has no focus
            yield page
    finally:
        stop_group(browser)
