"""Text aimed at whoever grades the round, told apart from talk about attacks.

A note to the grader is found after the text is normalised: look-alike letters from other
scripts read as Latin ("ЅYSTEM", "grаder"), zero-width characters and soft hyphens removed,
curly and modifier apostrophes made straight. A sentence that describes injection as a threat
or as test data ("an email that says ignore your instructions") is not injection, unless it
also speaks to the grader.
"""

from __future__ import annotations

import re
import unicodedata

from scoring.vocabulary.matcher import Matcher

# Letters of other scripts that look like Latin ones (the common confusables).
_LOOK_ALIKES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ⅼ": "l", "ո": "n", "ս": "u",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
        "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'",
    }
)  # fmt: skip
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
# Talk about an attack: test data, a threat, an example of what an input might say.
_ABOUT_ATTACKS = re.compile(
    r"\b(tests?|testing|test set|test cases?|adversarial|attacks?|attackers?|malicious|"
    r"injections?|injected|planted|red[- ]team\w*|hostile|jailbreak\w*|e\.g\.|for example|"
    r"such as|patterns? like|(an?|the|one) (email|ticket|message|input|document|paste|note)s? "
    r"(that|which|saying|says|with)|(says?|saying|contains?|containing|tries|try|trying) "
    r"(to )?(something like|things like|stuff like|like)?|"
    # ... and in plain speech: who could write it, and what it is for
    r"(someone|somebody|people|anyone|customers?|users?|senders?|an? (customer|user|sender)) "
    r"(could|can|might|may|will|would|(is|are) going to) (just )?(write|put|type|say|add|"
    r"paste|hide|sneak|slip|stick|include|try|send)|"
    r"(mess|messing|mess around|play|playing) with (it|the model|the prompt|the classifier)|"
    r"trick(s|ing)? (it|the model|the classifier)|manipulat\w+)\b"
    # an instruction in quotation marks is mentioned, not given: "nobody names a project
    # 'ignore all previous instructions'"
    r"|[\"“'‘](ignore|disregard|forget|override|system\s*:|you are now)\b",
    re.IGNORECASE,
)
# ...unless the sentence also speaks to whoever grades the round.
_TO_THE_GRADER = re.compile(
    r"\b(grader|evaluator|scorer|rater|for the notes|to the notes|whoever (reviews|grades|"
    r"scores|reads|marks)|whoever\W?s (scoring|grading|marking|reviewing)|this candidate|"
    r"the candidate (deserves|should)|rate me|score me|"
    r"strong[ _-]hire|rubric|level (4|four)|full marks)\b",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """The text as a reader sees it: look-alike letters as Latin, invisible characters gone,
    every apostrophe straight."""
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", text).translate(_LOOK_ALIKES))


def about_attacks(sentence: str) -> bool:
    """The sentence describes injection as a threat or as test data, to the interviewer."""
    return _describes_attacks(normalise(sentence))


def _describes_attacks(text: str) -> bool:
    return bool(_ABOUT_ATTACKS.search(text)) and not _TO_THE_GRADER.search(text)


_DISGUISES = frozenset(
    ch for ch, latin in ((chr(k), v) for k, v in _LOOK_ALIKES.items()) if latin != "'"
)


def disguised(sentence: str) -> bool:
    """Whether the sentence hides letters or characters (only these need a second look;
    curly apostrophes and dashes are ordinary typing)."""
    if sentence.isascii():
        return False
    return bool(_INVISIBLE.search(sentence)) or not _DISGUISES.isdisjoint(sentence)


def aimed_at_grader(sentence: str, matcher: Matcher) -> bool:
    """One sentence, on its own: text aimed at whoever grades the round."""
    text = normalise(sentence)
    return matcher.has(text, "grader_injection") and not _describes_attacks(text)
