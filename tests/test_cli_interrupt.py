"""Ctrl+C ends any command with one line and exit code 130; only a command that plays a round
promises that its turns are kept for `mockloop resume`."""

from __future__ import annotations

import click
import pytest

from simulator.cli.errors import run_guarded


def interrupted_group() -> click.Group:
    @click.group()
    def cli() -> None: ...

    for name in ("practice", "worksample"):

        @cli.command(name)
        def stop() -> None:
            raise KeyboardInterrupt

    return cli


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["practice"], "mockloop: interrupted; every committed turn is saved (`mockloop resume`)"),
        (["worksample"], "mockloop: interrupted"),
    ],
)
def test_ctrl_c_says_what_is_kept(
    argv: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run_guarded(interrupted_group(), argv)
    assert exited.value.code == 130
    assert capsys.readouterr().err.strip() == line
