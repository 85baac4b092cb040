"""Interviewer guides (`mockloop probes`): a probe script for a brief, built from content."""

from simulator.guide.build import GuideMismatchError, GuideSources, build_guide, default_sources
from simulator.guide.markdown import render_markdown
from simulator.guide.model import InterviewerGuide

__all__ = [
    "GuideMismatchError",
    "GuideSources",
    "InterviewerGuide",
    "build_guide",
    "default_sources",
    "render_markdown",
]
