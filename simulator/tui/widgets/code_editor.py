"""The exercise's code editor: Textual's TextArea that records every change it makes to its
text, with the time on the exercise's clock, so the keystroke timeline replays to the code."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from simulator.services.exercises import text_change
from simulator.store.exercises import TimelineEvent


def python_highlighting() -> str | None:
    """ "python" when Textual can highlight it (its tree-sitter extras are installed), else
    None: the editor then shows plain text rather than warn about a missing language."""
    found = importlib.util.find_spec
    if found("tree_sitter") is None or found("tree_sitter_python") is None:
        return None
    return "python"


class RecordingEditor(TextArea):
    """A code editor whose changes are kept in `recorded` until the screen has saved them.

    Every edit passes through `edit()` (typing, pasting, cutting, deleting, `insert` and
    `replace`): it is recorded as it is, with the text it replaced. Undo and redo change the
    text without `edit()`, as does loading a new text: those are recorded as one replacement
    of the part that changed."""

    def __init__(self, text: str, *, clock: Callable[[], float], id: str | None = None) -> None:
        super().__init__(
            text,
            language=python_highlighting(),
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            id=id,
        )
        self.clock = clock
        self.recorded: list[TimelineEvent] = []

    def edit(self, edit: Edit) -> EditResult:
        deleted = self.document.get_text_range(edit.top, edit.bottom)
        result = super().edit(edit)
        self.recorded.append(
            TimelineEvent(self.clock(), "edit", edit.top, edit.bottom, edit.text, deleted)
        )
        return result

    def undo(self) -> None:
        self._record_change(super().undo)

    def redo(self) -> None:
        self._record_change(super().redo)

    def load_text(self, text: str) -> None:
        self._record_change(lambda: super(RecordingEditor, self).load_text(text))

    def _record_change(self, change: Callable[[], None]) -> None:
        before = self.text
        change()
        event = text_change(before, self.text, self.clock())
        if event is not None:
            self.recorded.append(event)

    def forget_saved(self, count: int) -> None:
        """The first `count` recorded events are stored: keep only those after them."""
        del self.recorded[:count]
