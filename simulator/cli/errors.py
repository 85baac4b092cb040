"""User mistakes become one line on stderr and exit code 2; no tracebacks."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from simulator.cli.show import show
from simulator.terminal import terminal_safe

USER_ERROR = 2


def printable(text: str) -> str:
    """An error line: control characters (say, from a binary file quoted in a message) and
    line breaks shown as escapes, so the line stays one line and never drives the terminal."""
    return terminal_safe(text, one_line=True)


def fail(message: str, code: int = USER_ERROR) -> NoReturn:
    show(f"mockloop: {printable(message)}", err=True)
    sys.exit(code)


def _user_error_types() -> tuple[type[BaseException], ...]:
    from scoring.content import ContentError
    from simulator.answers_file import AnswersFileError
    from simulator.content.loader import UnknownIdError
    from simulator.engines.claude.settings import EffortError
    from simulator.engines.select import EngineUnavailableError
    from simulator.home_folder import HomeError
    from simulator.store.integrity import StoreError
    from simulator.store.sessions import SessionNotFoundError

    types: list[type[BaseException]] = [
        ContentError,
        UnknownIdError,
        SessionNotFoundError,
        AnswersFileError,
        EngineUnavailableError,
        EffortError,
        HomeError,
        StoreError,
    ]
    try:
        from scoring.transcripts.errors import TranscriptError

        types.append(TranscriptError)
    except ImportError:  # pragma: no cover - the scoring package always ships it
        pass
    return tuple(types)


def run_guarded(command: click.Command, argv: list[str]) -> None:
    try:
        command.main(args=argv, prog_name="mockloop", standalone_mode=False)
    except click.exceptions.Abort:  # Ctrl+C: click turns KeyboardInterrupt into Abort
        show("\nmockloop: interrupted; every committed turn is saved (`mockloop resume`)", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        show(f"mockloop: {printable(' '.join(exc.format_message().split()))}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        show("\nmockloop: interrupted; the session is saved (see `mockloop history`)", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        if isinstance(exc, _user_error_types()):
            fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        from simulator.home_folder import disk_problem

        if (problem := disk_problem(exc)) is not None:
            fail(str(problem))
        raise
