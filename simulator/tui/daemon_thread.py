"""Slow blocking work that the app awaits but never waits for when it quits."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from functools import partial
from typing import TypeVar

T = TypeVar("T")


async def run_in_daemon_thread(work: Callable[[], T], *, name: str) -> T:
    """`work()` in a daemon thread; its result (or exception) is awaited on the running loop.

    Not `asyncio.to_thread` nor a Textual thread worker: both run in the event loop's default
    executor, whose threads `asyncio.run` (so `App.run`) and the interpreter join on the way
    out, so quitting would wait for the work (Textual issue #3966). A daemon thread ends with
    the process. Cancelling the await (Textual cancels the app's workers when it exits)
    leaves the thread to finish on its own; its outcome then goes nowhere.
    """
    loop = asyncio.get_running_loop()
    outcome: asyncio.Future[T] = loop.create_future()

    def deliver(settle: Callable[[], None]) -> None:
        def on_loop() -> None:
            if not outcome.done():  # nobody waits any more after a cancel
                settle()

        with contextlib.suppress(RuntimeError):  # the loop has closed: the app is gone
            loop.call_soon_threadsafe(on_loop)

    def run() -> None:
        try:
            result = work()
        except Exception as exc:
            deliver(partial(outcome.set_exception, exc))
        else:
            deliver(partial(outcome.set_result, result))

    threading.Thread(target=run, name=name, daemon=True).start()
    return await outcome
