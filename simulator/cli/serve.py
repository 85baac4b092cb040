"""`mockloop serve`: the practice app in a browser tab (textual-serve)."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import click

from simulator.cli.options import briefs_dir_option, effort_option, engine_option, model_option

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::"})


def is_loopback(host: str) -> bool:
    """Whether `host` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def url_for(host: str, port: int) -> str:
    return f"http://{address(host, port)}"


def urls_to_open(host: str, port: int) -> list[str]:
    """The addresses to print: for every interface, this machine's own name and loopback."""
    if host not in WILDCARD_HOSTS:
        return [url_for(host, port)]
    return [
        url_for(socket.gethostname(), port),
        url_for("::1" if ":" in host else DEFAULT_HOST, port),
    ]


def bind_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port (say, the port is taken), or None.
    Checked before serving, so the reason is one line and not a traceback from aiohttp."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"cannot listen on {host}: {exc.strerror}"
    family, kind, proto, _, sockaddr = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
        try:
            probe.bind(sockaddr)
        except OSError as exc:
            return f"cannot listen on {address(host, port)}: {exc.strerror or exc}"
    return None


@click.command()
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="The interface to listen on; any but this machine's own (127.0.0.1, ::1, localhost) "
    "needs --public.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="The port to listen on.",
)
@click.option(
    "--public",
    is_flag=True,
    help="Allow a --host that other machines can reach. There is no login: whoever reaches "
    "the port practises with your sessions and, with ANTHROPIC_API_KEY set, your API spend.",
)
@engine_option
@model_option
@effort_option("Claude: how hard the interviewer thinks (default MOCKLOOP_EFFORT, else low).")
@briefs_dir_option
def serve(
    host: str,
    port: int,
    public: bool,
    engine: str,
    model: str | None,
    effort: str | None,
    briefs_dir: Path | None,
) -> None:
    """Run the practice app in a browser tab (on this machine only, unless --public)."""
    from simulator.cli.errors import fail

    host = host.strip().strip("[]")
    if not host:
        fail("--host needs an address, such as 127.0.0.1")
    if not is_loopback(host) and not public:
        fail(
            f"--host {host} lets other machines reach the practice app; add --public to "
            f"allow it, or leave --host out to serve on {DEFAULT_HOST}"
        )
    from simulator.cli.show import show
    from simulator.engines.claude.settings import EFFORT_ENV, MODEL_ENV
    from simulator.engines.select import select_engine
    from simulator.tui.options import PracticeOptions
    from simulator.workspace import Workspace

    # Each tab's app builds its own engine: hand the choices over as the env vars would.
    if model:
        os.environ[MODEL_ENV] = model
    if effort:
        os.environ[EFFORT_ENV] = effort
    # What the home screen opens with, checked here: a problem is one line in the terminal,
    # not an app that never starts in a browser tab.
    home = PracticeOptions()
    with Workspace(briefs_dir) as ws:
        ws.library.brief(home.brief_id)
        ws.library.interviewer(home.interviewer_id)
        ws.sessions.recent(limit=1)  # opens the store (a newer mockloop's is refused)
        select_engine(engine)
    if (problem := bind_problem(host, port)) is not None:
        fail(f"{problem}; choose another port with --port")
    if not is_loopback(host):
        show(
            "Listening beyond this machine: there is no login, so whoever reaches "
            f"{address(host, port)} practises with your sessions and your engine.",
            fg="yellow",
        )
    from simulator.web.server import serve as run_server

    run_server(
        host=host, port=port, urls=urls_to_open(host, port), engine=engine, briefs_dir=briefs_dir
    )
