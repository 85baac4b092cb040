"""The bench's HTML report: one self-contained file whose charts render in headless Chromium
with no network. Chromium is required when CI=true; elsewhere its absence skips the render
checks (the file checks still run)."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from bench_helpers import SAMPLES, SYSTEM_DESIGN, RandomRater

from scoring.bench.raters import make_rater
from scoring.bench.ratings import BenchTranscript, Rating
from scoring.bench.report_html import render_report
from scoring.bench.results import BenchResult
from scoring.bench.run import BenchPlan, run_bench
from scoring.transcripts import load_transcript

CHART_IDS = ("chart-alpha", "chart-agreement", "chart-severity", "chart-length-bias")
CHROMIUM_TIMEOUT = 60


@pytest.fixture(scope="module")
def result() -> BenchResult:
    items = [BenchTranscript(t.id, t) for t in map(load_transcript, sorted(SAMPLES.iterdir()))]
    human = [Rating(items[0].key, "priya <lead>", 0, d.id, 3) for d in SYSTEM_DESIGN.dimensions]
    plan = BenchPlan(
        SYSTEM_DESIGN,
        items,
        [make_rater("offline"), make_rater("offline:plain"), RandomRater("random", 5)],
        human=human,
        perturb_sample=1,
        compare=("offline", "random"),
    )
    found, _ = run_bench(plan)
    return found


@pytest.fixture(scope="module")
def report(result: BenchResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "bench.html"
    path.write_text(render_report(result), encoding="utf-8")
    return path


def test_the_report_is_one_self_contained_file(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for chart_id in CHART_IDS:
        assert f'<svg id="{chart_id}"' in html
    # Nothing to fetch: no scripts, stylesheets, images or fonts from elsewhere.
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert "url(" not in html
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}
    # Names from the data are escaped.
    assert "priya &lt;lead&gt;" in html and "priya <lead>" not in html


def test_the_report_has_a_table_for_every_section(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    for key in ("raters", "alpha", "pairs", "robustness", "compare"):
        assert f'id="table-{key}"' in html


def chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI") == "true":
        pytest.fail("chromium is required for the report test when CI=true (make test installs it)")
    return found


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=CHROMIUM_TIMEOUT,
        check=True,
    )


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, decompressed scanlines) of a PNG, read with the standard library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, width, height, chunks = 8, 0, 0, b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            chunks += body
        offset += 12 + length
    return width, height, zlib.decompress(chunks)


def test_chromium_renders_every_chart(report: Path, tmp_path: Path) -> None:
    binary = chromium()
    if binary is None:
        pytest.skip("chromium is not installed")
    dom = run_chromium(binary, tmp_path / "profile", "--dump-dom", report.as_uri()).stdout
    for chart_id in CHART_IDS:
        assert re.search(rf'<svg[^>]*id="{chart_id}"', dom), chart_id
    assert dom.count('class="bar"') >= len(SYSTEM_DESIGN.dimensions) + 1 + 2  # alpha + severity
    assert dom.count('class="cell"') == 16  # four raters, a 4 x 4 heatmap
    assert dom.count('class="point"') >= 3

    shot = tmp_path / "report.png"
    run_chromium(
        binary,
        tmp_path / "profile",
        "--hide-scrollbars",
        "--window-size=1000,1400",
        f"--screenshot={shot}",
        report.as_uri(),
    )
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    # A blank page decompresses to a handful of byte values; charts and text to many.
    assert len(set(pixels)) > 50
