"""The one gate between mockloop's text and a terminal: nothing shown can drive it.

Transcripts, answers files, ratings CSVs, user content and model replies are other
people's text. An escape sequence in them (`ESC ]0;title BEL` sets the window title,
`ESC [2J` clears the screen, `ESC [31m` colours it, the C1 control U+009B opens a CSI on
many terminals, a bidi override reverses the words that follow) would act on the user's
terminal if printed as it is. Every line the CLI prints and every text the app renders
passes through `terminal_safe` first; data files (`--out FILE`, `--json FILE`) keep the
original text.
"""

from __future__ import annotations

import re

# C0 controls but newline and tab, DEL, C1 controls; the bidi embeddings, overrides,
# isolates and marks; the Unicode line and paragraph separators.
_DRIVES_TERMINAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_DRIVES_ONE_LINE = re.compile(f"[\n\t{_DRIVES_TERMINAL.pattern[1:-1]}]")


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """`text` with every character that could drive a terminal made visible, never dropped.

    Control characters other than newline and tab (so ESC, BEL, CR, C1 controls such as
    U+009B) and bidi controls are written as their JSON escape, e.g. ESC as the six
    characters `\\u001b`: the words around them still show, the reader sees that something
    was there, and the sequence that followed is inert text. The JSON escape keeps JSON
    shown on a terminal valid JSON with the same text, since json.dumps only leaves such
    characters inside strings. `one_line` also escapes newline and tab (`\\n`, `\\t`), for
    a message that must stay on one line.
    """
    pattern = _DRIVES_ONE_LINE if one_line else _DRIVES_TERMINAL
    return pattern.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    return f"\\u{ord(char):04x}"
