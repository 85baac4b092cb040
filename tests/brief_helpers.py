"""Filling in the `mockloop briefs new` template as a user does (shared by the brief tests)."""

from __future__ import annotations

from typing import Any


def placeholders(data: Any, path: str = "") -> list[str]:
    """Field paths still holding the template's ~ placeholder."""
    if data is None:
        return [path]
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in placeholders(v, f"{path}.{k}".lstrip("."))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in placeholders(v, f"{path}.{i}")]
    return []


def fill(template: Any, answers: Any, path: str = "") -> Any:
    """What a user does: replace every ~ with their own value, keep what the template set.

    A list of placeholders is replaced whole (the user writes as many items as they like)."""
    if template is None or (isinstance(template, list) and all(v is None for v in template)):
        assert answers is not None, f"no answer for {path}"
        return answers
    if isinstance(template, dict):
        extra = set(answers or {}) - set(template)
        assert not extra, f"answers for fields the template does not have: {extra}"
        return {k: fill(v, (answers or {}).get(k), f"{path}.{k}") for k, v in template.items()}
    if isinstance(template, list) and answers is None and not placeholders(template):
        return template  # a list the template fills in (slot ids) and the user keeps
    if isinstance(template, list):
        # Items beyond the template's are blocks the user copied to add one more.
        assert len(answers) >= len(template), path
        given, added = answers[: len(template)], answers[len(template) :]
        filled = [
            fill(v, a, f"{path}.{i}") for i, (v, a) in enumerate(zip(template, given, strict=True))
        ]
        return filled + added
    assert answers is None, f"{path} is set by the template"
    return template
