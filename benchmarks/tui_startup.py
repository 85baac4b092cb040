"""The practice app: time from launch to the home screen being ready (target <= 1.0 s median),
`mockloop --help` (target <= 0.3 s median), and the app's peak memory over a short round."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import isolated_home

RUNS = 7
MOCKLOOP = Path(sys.executable).with_name("mockloop")

READY = """
import time
started = time.perf_counter()
from simulator.tui.app import MockloopApp
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.home import HomeScreen

class Timed(MockloopApp):
    async def on_mount(self) -> None:
        await super().on_mount()
        assert isinstance(self.screen, HomeScreen)
        self.call_after_refresh(self.exit)

Timed(PracticeOptions(engine="offline")).run(headless=True, size=(100, 32))
print("ready", flush=True)
"""

ROUND = """
import asyncio, resource
from simulator.tui.app import MockloopApp
from simulator.tui.options import PracticeOptions
from textual.widgets import TextArea

async def main() -> None:
    app = MockloopApp(PracticeOptions(engine="offline", seed=1))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        for text in [
            "How many tickets per account?",
            "I'd stream it to the rep, because waiting loses trust.",
            "A JSON schema in the system prompt.",
        ]:
            app.screen.query_one(TextArea).text = text
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)

asyncio.run(main())
"""


def script(code: str) -> str:
    """Child code in a file of its own (Textual resolves CSS paths from the source file)."""
    path = Path(tempfile.mkdtemp(prefix="mockloop-bench-")) / "child.py"
    path.write_text(code, encoding="utf-8")
    return str(path)


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    isolated_home()
    ready_script, round_script = script(READY), script(ROUND)
    subprocess.run([sys.executable, ready_script], check=True, capture_output=True)  # warm caches
    ready = [wall([sys.executable, ready_script]) for _ in range(RUNS)]
    helps = [wall([str(MOCKLOOP), "--help"]) for _ in range(RUNS)]
    done = subprocess.run(
        [sys.executable, round_script], check=True, capture_output=True, text=True
    )
    peak_mb = int(done.stdout.strip().splitlines()[-1]) / 1024
    print(
        json.dumps(
            {
                "figure": "TUI launch to home ready, median (s)",
                "value": round(statistics.median(ready), 3),
                "target": 1.0,
            }
        )
    )
    print(
        json.dumps(
            {
                "figure": "mockloop --help, median (s)",
                "value": round(statistics.median(helps), 3),
                "target": 0.3,
            }
        )
    )
    print(
        json.dumps(
            {
                "figure": "TUI peak memory over a short round (MB)",
                "value": round(peak_mb, 1),
                "target": None,
            }
        )
    )


if __name__ == "__main__":
    main()
