"""User mistakes become one line on stderr and exit code 2; no tracebacks."""

from __future__ import annotations

import errno
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
    from scoring.ids import IdError
    from simulator.answers_file import AnswersFileError
    from simulator.content.loader import UnknownIdError
    from simulator.engines.claude.settings import EffortError
    from simulator.engines.select import EngineUnavailableError
    from simulator.home_folder import HomeError
    from simulator.store.integrity import StoreError
    from simulator.store.sessions import SessionNotFoundError

    types: list[type[BaseException]] = [
        ContentError,
        IdError,
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
        show(f"\nmockloop: interrupted{_what_is_kept(argv)}", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        show(f"mockloop: {printable(' '.join(exc.format_message().split()))}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        show(f"\nmockloop: interrupted{_what_is_kept(argv)}", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        if isinstance(exc, _user_error_types()):
            fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        from simulator.home_folder import disk_problem

        if (problem := disk_problem(exc)) is not None:
            fail(str(problem))
        if (too_long := name_too_long(exc)) is not None:
            fail(too_long)
        raise


# Commands that play a round: every committed turn is kept, and `mockloop resume` continues.
ROUND_COMMANDS = frozenset({"practice", "resume", "simulate"})


def _what_is_kept(argv: list[str]) -> str:
    """What a Ctrl+C leaves, for the command that was interrupted ("" when nothing to say)."""
    command = next((arg for arg in argv if not arg.startswith("-")), "")
    if command in ROUND_COMMANDS:
        return "; every committed turn is saved (`mockloop resume`)"
    return ""


def name_too_long(exc: BaseException) -> str | None:
    """One line for a path the user named that the file system cannot take (a name over 255
    bytes, a path over 4,096), wherever a command first looks at it; None for other errors.

    Found before anything is written: the first look at a path (a stat) is what fails."""
    if not isinstance(exc, OSError) or exc.errno != errno.ENAMETOOLONG:
        return None
    path = exc.filename if exc.filename is not None else "a path"
    return f"{path}: the name is too long for the file system; use a shorter one"
