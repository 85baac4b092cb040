"""Run every benchmark script and print one table of figures against their targets.

Each script prints JSON lines {"figure", "value", "target"} (with "higher_is_better" when the
target is a floor, e.g. a cache-hit share); the scripts take medians of several runs
themselves. Scripts run one at a time (timings are not shared with each other). A script that
fails, times out or prints a line that is not JSON shows as a FAILED row with its last error
line, and the others still run. The exit code is 0 even when a figure misses its target: the
table is the measurement (docs/performance.md quotes it); only a broken run_all.py exits non-zero.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# The table's order: start-up, the live round, scoring, the bench, bad input, then the Claude
# engine.
ORDER = (
    "tui_startup.py",
    "offline_turn.py",
    "score_transcript.py",
    "reading_heldout.py",
    "scoring_heldout.py",
    "bench_1000.py",
    "bad_inputs.py",
    "claude_cost.py",
    "claude_faults.py",
)
SCRIPT_TIMEOUT = 20 * 60
UNITS = {"ms": "ms", "s": "s", "MB": "MB", "%": "%", "$": "$"}
_UNIT_IN_PARENS = re.compile(r"\s*\((ms|s|MB|%|\$)\)\s*$")
_DOLLARS_AT_END = re.compile(r"[:\s]+\$\s*$")


@dataclass
class Row:
    figure: str
    value: Any
    unit: str = ""
    target: int | float | None = None
    higher_is_better: bool = False
    failed: str = ""  # why the script failed

    @property
    def status(self) -> str:
        if self.failed:
            return f"FAILED: {self.failed[:100]}"
        if self.target is None:
            return ""
        met = isinstance(self.value, int | float) and (
            self.value >= self.target if self.higher_is_better else self.value <= self.target
        )
        return "ok" if met else "MISSED"

    def target_text(self) -> str:
        if self.target is None:
            return ""
        return f"{'≥' if self.higher_is_better else '≤'} {_number(self.target)}"


def _number(value: Any) -> str:
    """As the script rounded it, with thousands separated."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int) or abs(value) >= 1000:
        return f"{value:,.0f}"
    return str(value)


def split_unit(figure: str) -> tuple[str, str]:
    """'offline turn p95 (ms)' -> ('offline turn p95', 'ms'); '...: $' -> ('...', '$')."""
    found = _UNIT_IN_PARENS.search(figure)
    if found:
        return figure[: found.start()], UNITS[found.group(1)]
    found = _DOLLARS_AT_END.search(figure)
    if found:
        return figure[: found.start()], "$"
    return figure, ""


def scripts() -> list[Path]:
    found = [p for p in HERE.glob("*.py") if not p.name.startswith("_") and p.name != "run_all.py"]
    rank = {name: n for n, name in enumerate(ORDER)}
    return sorted(found, key=lambda p: (rank.get(p.name, len(ORDER)), p.name))


def run_script(script: Path) -> list[Row]:
    try:
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=SCRIPT_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return [Row(script.name, "", failed=f"timed out after {SCRIPT_TIMEOUT} s")]
    rows: list[Row] = []
    for line in done.stdout.splitlines():
        if not line.startswith("{"):
            continue
        try:
            data = json.loads(line)
            name, unit = split_unit(str(data["figure"]))
            target = data.get("target")
            rows.append(
                Row(
                    name,
                    data["value"],
                    unit,
                    target if isinstance(target, int | float) else None,
                    bool(data.get("higher_is_better")),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            rows.append(Row(script.name, "", failed=f"unreadable output line ({exc}): {line}"))
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        rows.append(Row(script.name, "", failed=last))
    return rows


def table(rows: list[Row]) -> str:
    cells = [(r.figure, _number(r.value), r.unit, r.target_text(), r.status) for r in rows]
    head = ("figure", "value", "unit", "target", "status")
    widths = [max(len(c[i]) for c in [head, *cells]) for i in range(5)]
    lines = []
    for n, c in enumerate([head, *cells]):
        line = (
            f"{c[0]:<{widths[0]}}  {c[1]:>{widths[1]}}  {c[2]:<{widths[2]}}  "
            f"{c[3]:<{widths[3]}}  {c[4]}"
        )
        lines.append(line.rstrip())
        if n == 0:
            lines.append("-" * len(line.rstrip()))
    return "\n".join(lines)


def summary(rows: list[Row], failed_scripts: list[str]) -> str:
    targeted = [r for r in rows if r.target is not None and not r.failed]
    met = sum(1 for r in targeted if r.status == "ok")
    line = f"{met} of {len(targeted)} figures meet their targets"
    if failed_scripts:
        line += f"; {len(failed_scripts)} script(s) FAILED: {', '.join(failed_scripts)}"
    return line


def main() -> int:
    rows: list[Row] = []
    failed: list[str] = []
    for script in scripts():
        print(f"running {script.name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        found = run_script(script)
        if any(r.failed for r in found):
            failed.append(script.name)
        rows.extend(found)
        print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(table(rows))
    print()
    print(summary(rows, failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
