"""The web server: textual-serve runs one practice app per browser tab, each in its own
process (`python -m simulator.web.app_process`) sharing the user's mockloop folder."""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from simulator.cli.show import show
from simulator.web.page import write_templates


def app_command(engine: str, briefs_dir: Path | None) -> str:
    """The shell command textual-serve starts for each tab (it runs it with the shell)."""
    argv = [sys.executable, "-m", "simulator.web.app_process", "--engine", engine]
    if briefs_dir is not None:
        argv += ["--briefs-dir", str(briefs_dir.resolve())]
    return shlex.join(argv)


class PracticeServer(Server):
    """textual-serve's server with mockloop's page (no network needed), its own start-up lines
    and quiet request logs."""

    def __init__(self, command: str, *, host: str, port: int, urls: list[str], templates: Path):
        super().__init__(command, host=host, port=port, title="mockloop", templates_path=templates)
        self.urls = urls
        self._tabs: set[asyncio.Task[Any]] = set()  # one per open browser tab

    def initialize_logging(self) -> None:
        # textual-serve logs every request at INFO; keep the terminal for what goes wrong.
        logging.basicConfig(level=logging.WARNING, format="mockloop serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        show(f"Serving the practice app at {self.urls[0]}", fg="green")
        for url in self.urls[1:]:
            show(f"                        and at {url}")
        show("Open it in your browser; each tab is a practice app of its own. Ctrl+C stops.")
        sys.stdout.flush()

    async def on_shutdown(self, app: web.Application) -> None:
        # aiohttp lets open websockets run on after Ctrl+C until its shutdown timeout (60 s):
        # ending them here closes each tab's app at once (textual-serve tells it to quit).
        for tab in self._tabs:
            tab.cancel()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        tab = asyncio.current_task()
        assert tab is not None
        self._tabs.add(tab)
        try:
            return await super().handle_websocket(request)
        finally:
            self._tabs.discard(tab)

    async def handle_index(self, request: web.Request) -> Any:
        # The page names its websocket and static files by absolute URL: build them from the
        # address the browser used, which is right behind any interface (0.0.0.0 included).
        # Nothing awaits between this and the page's rendering, so tabs cannot mix them up.
        self.public_url = str(request.url.origin())
        return await super().handle_index(request)


def serve(*, host: str, port: int, urls: list[str], engine: str, briefs_dir: Path | None) -> None:
    """Serve the practice app until Ctrl+C (or SIGTERM)."""
    with tempfile.TemporaryDirectory(prefix="mockloop-serve-") as folder:
        server = PracticeServer(
            app_command(engine, briefs_dir),
            host=host,
            port=port,
            urls=urls,
            templates=write_templates(Path(folder)),
        )
        server.serve()
