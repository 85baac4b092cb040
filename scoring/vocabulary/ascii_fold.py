"""One character for another across an ASCII text, fast.

`str.translate` looks each distinct character up in its table again on every call, which
costs more than the text itself for a sentence; `bytes.translate` reads a 256-byte table.
An ASCII text maps character by character, so a table built from the same per-character rule
gives exactly what the `str` methods give (callers keep their own path for other texts).
"""

from __future__ import annotations

from collections.abc import Callable


def ascii_table(fold: Callable[[str], str]) -> bytes:
    """A `bytes.translate` table taking each ASCII character c to `fold(c)`, which must be one
    ASCII character."""
    folded = [fold(chr(code)) for code in range(128)]
    if any(len(c) != 1 or not c.isascii() for c in folded):
        raise ValueError("an ASCII character must fold to one ASCII character")
    return "".join(folded).encode("ascii") + bytes(range(128, 256))


def fold_ascii(text: str, table: bytes) -> str:
    """`text` (ASCII) with every character mapped through `table` (from `ascii_table`)."""
    return text.encode("ascii").translate(table).decode("ascii")
