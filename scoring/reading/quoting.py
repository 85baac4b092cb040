"""Quoted material in an answer (a prompt the candidate would write, a planted test input):
found, kept apart, and blanked out of the text the slots and claims are read from."""

from __future__ import annotations

import re

from scoring.reading.models import Span

# Straight or curly double quotes around two or more words; single quotes only around three
# or more words and not inside a word (so "don't" and "reps' notes" are not quotes). Inside
# single quotes a word may hold an apostrophe ("don't"); words and the spaces between them
# are read one way only, and a quote runs at most a hundred words, so quote marks that never
# close cost time in proportion to the answer's length.
_DOUBLE = re.compile(r"[\"“”]([^\"“”\n]{3,}?)[\"“”]")
_WORD = r"(?:[^'’\s]|['’]\w)+"
_SINGLE = re.compile(rf"(?<![\w])['‘]((?:{_WORD}[ \t]+){{2,100}}{_WORD})['’](?![\w])")
_MIN_WORDS = 2
# A one-word quote is a scare quote ("smart") unless it is input text: after "says",
# "contains", "the word", or in a list of quotes ("GDPR" or "delete my data").
_INPUT_CUE = re.compile(
    r"\b(says?|said|contains?|containing|mentions?|words?|keywords?|like|such as|or|and)\s*[\"“”]?$"
    r"|[\"“”],?\s*$",
    re.I,
)
# A quote the candidate introduces as words they would give the model ("the prompt would
# say: ...") is their design; a quote of input data ("a ticket that says ...") is not.
_PROMPT_CUE = re.compile(
    r"(prompt|instruction|instructions|system message|tell (it|the model)|we\W?d (say|write)|"
    r"would (say|read|open|start) (with|like)?|something like|in the prompt)[^.!?\n]{0,40}$",
    re.I,
)


def is_prompt_text(text: str, span: Span) -> bool:
    """Whether a quoted span is a prompt the candidate would write (not input or test data)."""
    return bool(_PROMPT_CUE.search(text[max(0, span.start - 80) : span.start]))


def find_quoted(text: str) -> list[Span]:
    spans: list[Span] = []
    for pattern in (_DOUBLE, _SINGLE):
        for match in pattern.finditer(text):
            inner = match.group(1)
            if len(inner.split()) < _MIN_WORDS and not _INPUT_CUE.search(
                text[max(0, match.start() - 30) : match.start()]
            ):
                continue
            if any(s.start <= match.start() < s.end for s in spans):
                continue
            spans.append(Span(match.group(0), match.start(), match.end()))
    return sorted(spans, key=lambda s: s.start)


def blank_out(text: str, spans: list[Span]) -> str:
    """The text with each quoted span's inside replaced by spaces (offsets unchanged)."""
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        for i in range(span.start + 1, span.end - 1):
            chars[i] = " "
    return "".join(chars)
