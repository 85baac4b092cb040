"""The screens' way to reach the app that shows them, typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from simulator.tui.app import MockloopApp


class AppScreen(Screen[None]):
    """A full screen of the practice app. It reads the app's workspace and engine through
    `mockloop_app`; what it has to tell the app (a round to start, a session picked, a round
    over) goes up as a message (`simulator.tui.messages`)."""

    @property
    def mockloop_app(self) -> MockloopApp:
        return cast("MockloopApp", self.app)
