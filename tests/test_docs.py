"""The README stays a front door and the docs stay true to the repository.

The paths written in README.md and docs/ARCHITECTURE.md ("where a change goes") must exist,
every page and anchor they link to must exist, and the quickstart keeps its two commands.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
ARCHITECTURE = DOCS / "ARCHITECTURE.md"
README_MAX_LINES = 150

_FENCED = re.compile(r"^```.*?^```", re.S | re.M)
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)
PATH_ENDINGS = (".py", ".yaml", ".md", ".tcss")
# Written in backticks but not in the repository: the user's folder, system paths, options,
# URLs and the virtual environment `make` creates.
NOT_IN_REPO = ("$", "~", "/", "-", "http", ".venv")


def prose(path: Path) -> str:
    """The page without its fenced code blocks (command lines, sample output)."""
    return _FENCED.sub("", path.read_text(encoding="utf-8"))


def repo_paths(path: Path) -> list[str]:
    """What the page writes in backticks that looks like a path in the repository."""
    found = []
    for span in _CODE_SPAN.findall(prose(path)):
        span = span.strip()
        if any(c.isspace() for c in span) or span.startswith(NOT_IN_REPO):
            continue
        if "/" in span or span.endswith(PATH_ENDINGS):
            found.append(span)
    return found


def exists_in_repo(written: str) -> bool:
    if any(c in written for c in "*?["):
        return any(ROOT.glob(written))
    return (ROOT / written).exists()


def relative_links(path: Path) -> list[str]:
    return [
        link
        for link in _LINK.findall(prose(path))
        if not link.startswith(("http://", "https://", "mailto:"))
    ]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]|\[|\]|\(.*?\)", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(h) for h in _HEADING.findall(prose(path))}


def markdown_pages() -> list[Path]:
    return [README, *sorted(DOCS.rglob("*.md"))]


def test_readme_is_a_front_door_of_at_most_150_lines() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES


def test_architecture_page_exists_and_says_where_a_change_goes() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    for change in ("A new move", "A new transcript format", "A new dimension", "A new judge"):
        assert f"### {change}" in text


@pytest.mark.parametrize("page", [README, ARCHITECTURE], ids=["README", "ARCHITECTURE"])
def test_every_path_the_page_names_exists(page: Path) -> None:
    written = repo_paths(page)
    assert written, "the page names no paths: the pattern no longer finds them"
    missing = [p for p in dict.fromkeys(written) if not exists_in_repo(p)]
    assert missing == []


def test_every_docs_page_the_readme_links_exists() -> None:
    linked = [link.split("#")[0] for link in relative_links(README)]
    pages = [link for link in linked if link.startswith("docs/") and link.endswith(".md")]
    assert "docs/ARCHITECTURE.md" in pages
    assert [p for p in pages if not (ROOT / p).is_file()] == []


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_between_pages_lands_on_a_file_and_heading(page: Path) -> None:
    broken = []
    for link in relative_links(page):
        target, _, anchor = link.partition("#")
        file = (page.parent / target).resolve() if target else page
        lands = file.is_file() and (not anchor or file.suffix != ".md" or anchor in anchors(file))
        if not lands:
            broken.append(link)
    assert broken == []


def test_quickstart_gives_make_practice_and_make_test() -> None:
    text = README.read_text(encoding="utf-8")
    quickstart = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = {line.strip() for line in quickstart.splitlines()}
    assert {"make practice", "make test"} <= commands


def test_the_picture_of_the_app_is_in_docs_images() -> None:
    images = [link for link in relative_links(README) if link.startswith("docs/images/")]
    assert images and all((ROOT / image).is_file() for image in images)
