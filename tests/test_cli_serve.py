"""`mockloop serve` on the command line: this machine only unless --public, the port as
asked, one-line errors, a fast --help, and a page that needs no network.
(tests/test_serve_browser.py drives the served app in Chromium.)"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from simulator.web.page import TEMPLATE, offline_page, textual_serve_dir
from tests.cli_helpers import mockloop, one_line_error


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port something else is listening on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_a_host_other_machines_reach_is_refused_without_public(host: str) -> None:
    line = one_line_error(mockloop("serve", "--host", host))

    assert f"--host {host} lets other machines reach the practice app" in line
    assert "add --public" in line


def test_an_empty_host_is_refused() -> None:
    assert "--host needs an address" in one_line_error(mockloop("serve", "--host", " "))


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_a_port_out_of_range_is_refused(port: str) -> None:
    assert "--port" in one_line_error(mockloop("serve", "--port", port))


@pytest.mark.parametrize(
    ("args", "where"),
    [
        ([], "127.0.0.1"),
        (["--host", "localhost"], "localhost"),
        (["--host", "0.0.0.0", "--public"], "0.0.0.0"),  # --public lets it through to binding
    ],
)
def test_the_server_listens_on_the_port_asked_for(
    taken_port: int, args: list[str], where: str
) -> None:
    line = one_line_error(mockloop("serve", "--port", str(taken_port), *args))

    assert line.startswith(f"mockloop: cannot listen on {where}:{taken_port}: ")
    assert line.endswith("choose another port with --port")


def test_serve_help_shows_its_options_and_loads_no_web_server() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from simulator.cli.main import cli\n"
        "result = CliRunner().invoke(cli, ['serve', '--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(result.output)\n"
        "heavy = ('textual', 'textual_serve', 'aiohttp', 'langgraph', 'anthropic')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    for option in ("--host", "--port", "--public", "[default: 127.0.0.1]", "--engine"):
        assert option in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_served_page_loads_nothing_from_outside_the_server() -> None:
    upstream = (textual_serve_dir() / "templates" / TEMPLATE).read_text(encoding="utf-8")
    page = offline_page(upstream)

    assert "fonts.googleapis.com" in upstream  # what offline_page is there for
    outside = set(re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"'<>]*", page))
    assert outside == {"http://www.w3.org/2000/svg"}  # an SVG namespace, never fetched
    fonts = re.findall(r"\{\{ config\.static\.url \}\}(fonts/[\w.-]+)", page)
    assert fonts, "the terminal's font is served by the server itself"
    for font in fonts:
        assert (textual_serve_dir() / "static" / font).is_file(), font


def test_a_page_without_a_web_font_is_left_as_it_is() -> None:
    page = "<html><head><script src='{{ config.static.url }}js/textual.js'></script></head></html>"

    assert offline_page(page) == page
