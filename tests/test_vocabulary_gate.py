"""Literal gates and case folding: the scorer skips a sentence for a pattern only when the
pattern cannot match it, and the fast case-sensitive path finds exactly what the
case-insensitive pattern finds. Checked over every pattern the product ships."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.rubrics import load_rubrics
from scoring.rubrics.claims import claim_patterns
from scoring.vocabulary import default_matcher
from scoring.vocabulary.gate import DIGIT, WORD, case_free, required_literals
from scoring.vocabulary.matcher import Gated, Matcher, gated, normalize
from scoring.vocabulary.text_index import split_sentences


def shipped_patterns() -> list[str]:
    matcher = default_matcher()
    vocabulary = matcher.vocabulary
    found = [p for concept in vocabulary.concepts for p in concept.patterns]
    signals = vocabulary.signals
    for kind in ("quantity", "reason", "tradeoff", "failure_mode", "vague"):
        found += getattr(signals, kind).patterns
    found += signals.grader_injection.patterns + signals.clarifying_question.patterns
    for rubric in load_rubrics().values():
        found += [p for flag in rubric.red_flags for p in flag.patterns]
        found += [p for flag in rubric.red_flags for p in claim_patterns(flag.claims)]
    return sorted(set(found))


PATTERNS = shipped_patterns()

# Pieces of text that the shipped patterns care about, in several cases, plus the characters
# a case-insensitive regex treats specially (dotless i, long s, the Kelvin sign).
FRAGMENTS = sorted(
    {
        literal
        for pattern in PATTERNS
        for group in required_literals(pattern) or ()
        for literal in group
        if literal != DIGIT
    }
    | {"Is there", "SO THAT WE", "p95", "P99 ", "Q3", "<System>", "vs.", "versus", "made up"}
    | {"ı", "ſ", "\u212a", "É", "İ", "—", "’", "$", "%", "12", "3.5", "?", "! ", ". ", ", "}
)
ODD_LETTERS = str.maketrans({"i": "ı", "s": "ſ", "k": "\u212a"})


def odd_letters(text: str) -> str:
    """Letters a case-insensitive regex reads as i, s and k."""
    return text.translate(ODD_LETTERS)


SEPARATORS = [" ", "  ", "\n", "\n\n", ". ", "? ", "\n- ", "\n1. ", "-", ""]


@st.composite
def texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25))
    out: list[str] = []
    for piece in pieces:
        case = draw(st.sampled_from([str.lower, str.upper, str.title, str, odd_letters]))
        out += [case(piece), draw(st.sampled_from(SEPARATORS))]
    return "".join(out)


def naive(text: str, pattern: Gated) -> list[tuple[int, int]]:
    """The definition: every non-empty case-insensitive match within one sentence."""
    spans = []
    for sentence in split_sentences(normalize(text)):
        for m in pattern.regex.finditer(sentence.text):
            if m.end() > m.start():
                spans.append((sentence.start + m.start(), sentence.start + m.end()))
    return spans


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    found = default_matcher()
    found.register(gated(p) for p in PATTERNS)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts())
def test_a_gate_never_skips_a_sentence_the_pattern_matches(text: str) -> None:
    for sentence in split_sentences(normalize(text)):
        folded = sentence.text.lower()
        folded = folded.replace("ı", "i").replace("ſ", "s")
        for pattern in PATTERNS:
            groups = required_literals(pattern)
            if not groups or not re.search(pattern, sentence.text, re.I):
                continue
            for group in groups:
                assert any(_holds(folded, lit) for lit in group), (pattern, sentence.text, group)


def _holds(folded: str, literal: str) -> bool:
    if literal == DIGIT:
        return re.search(r"\d", folded) is not None
    if literal.startswith(WORD):  # a whole word, looked for in ASCII text only
        word = re.escape(literal[len(WORD) :])
        return not folded.isascii() or re.search(rf"(?<![a-z0-9]){word}(?![a-z0-9])", folded)
    return literal in folded


def test_gated_scans_find_every_match_in_a_long_text(matcher: Matcher) -> None:
    """Every shipped pattern (gated, folded) against the definition, over shipped answers."""
    from simulator.content.loader import load_library

    library = load_library()
    text = "\n\n".join(
        answer.format(**brief.context.model_dump())
        for brief in library.briefs.values()
        for candidate in library.candidates.values()
        for answers in candidate.answers.values()
        for answer in answers
    )
    assert len(text.split()) > 2000
    for source in PATTERNS:
        pattern = gated(source)
        assert sorted(matcher.find(text, pattern)) == naive(text, pattern), source


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts())
def test_scanning_finds_what_the_case_insensitive_pattern_finds(text: str) -> None:
    matcher = default_matcher()
    matcher.register(gated(p) for p in PATTERNS)
    for source in PATTERNS:
        pattern = gated(source)
        assert sorted(matcher.find(text, pattern)) == naive(text, pattern), source


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (r"\bp\s?(50|90|95|99)\b", [{DIGIT}]),
        (r"\b(is|are) (there|it)\b", [{"is there", "is it", "are there", "are it"}]),
        (
            r"\b(make|made) (up|things up)\b",
            [{"make up", "made up", "make things up", "made things up"}],
        ),
        (
            r"\b(in|by) (may|q[1-4])\b",
            [{"in may", "by may", "in q", "by q"}, {"may", DIGIT}],
        ),
        (r"<\s*/?\s*[a-z_]+\s*>", [{"<"}, {">"}]),
        (
            r"\bso (that )?(we|the \w+) can\b",
            [{"so we", "so the", "so that we", "so that the"}, {"can"}],
        ),
        (r"\b(the )?prompts?\b", [{"prompt"}]),  # "the prompt" holds "prompt": one suffices
        (r" do (it|so)\b", [{"do it", "do so"}]),  # spaces trimmed while selective
        (r"\bverif(y|ied)\b", [{"verify", "verified"}]),
        (r"\b(ci|prs?)\b", [{WORD + "ci", WORD + "pr", WORD + "prs"}]),  # whole words
        (r"\b(versus|vs\.?)\b", [{WORD + "versus", WORD + "vs"}]),
        (r"\b(x_|y)\b", None),  # "_" is a word character: "x" is not a whole word there
        (r"\b(a|b)\b", None),  # too short to tell sentences apart
        (r"\bthe\b", None),  # in nearly every sentence
        (r"(", None),  # not a pattern at all
    ],
)
def test_required_literals(pattern: str, gate: list[set[str]] | None) -> None:
    found = required_literals(pattern)
    assert (None if found is None else [set(group) for group in found]) == gate


@pytest.mark.parametrize(
    ("pattern", "free"),
    [
        (r"\bcache[sd]?\b", True),
        (r"\b[a-z]+ \d+ms\b", True),
        (r"[^a-z]\W\S", True),
        (r"\bAPI\b", False),  # an upper-case literal needs the case-insensitive pattern
        (r"[A-Z]{2,}", False),
        (r"café", False),  # a non-ASCII letter with case
        (r"(", False),
    ],
)
def test_case_free(pattern: str, free: bool) -> None:
    assert case_free(pattern) is free


def test_every_shipped_pattern_runs_on_the_fast_path() -> None:
    slow = [p for p in PATTERNS if not case_free(p)]
    assert slow == []


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"m²", "The price per m² is fine."),  # a superscript is a digit but not \d
        (r"\bper [²³]\b", "Charged per ² unit."),
        (r"\bin µs\b", "The latency in μs is fine."),  # micro sign matches Greek mu with re.I
        (r"(?-i:API) calls", "The api calls and the API calls."),  # case-sensitive inside
        (r"(?a:s)low", "A ſlow start."),  # (?a) turns off the long-s fold
        (r"\bſo that\b", "So that it works."),
        (r"\bkelvin\b", "Measured in \u212aelvin."),
        (r"\bso\b.*?\bit\b", "We do so. Then so we ship it."),  # no gate: every sentence
    ],
)
def test_user_patterns_find_what_the_case_insensitive_pattern_finds(
    pattern: str, text: str
) -> None:
    """Rubric red flags are user data: their gates and folding must hold for any pattern."""
    matcher = default_matcher()
    gate = gated(pattern)
    matcher.register([gate])

    assert sorted(matcher.find(text, gate)) == naive(text, gate)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts(), picks=st.lists(st.integers(min_value=0, max_value=40), max_size=8))
def test_sentences_with_reads_only_the_sentences_asked_for(text: str, picks: list[int]) -> None:
    matcher = default_matcher()
    sentences = split_sentences(normalize(text))
    among = {i for i in picks if i < len(sentences)}
    patterns = [gated(p) for p in matcher.vocabulary.signals.clarifying_question.patterns]
    expected = {i for i in among if any(p.regex.search(sentences[i].text) for p in patterns)}

    assert matcher.sentences_with(text, "clarifying_question", among) == expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=texts(),
    extra=st.lists(st.sampled_from(["CI", "ci_x", "PRs", "pr.", "(vs", "VS.", "prsx", "ıci"])),
)
def test_a_whole_word_gate_finds_every_sentence_the_pattern_matches(
    text: str, extra: list[str]
) -> None:
    text = " ".join([text, *extra])
    matcher = default_matcher()
    for source in (r"\b(ci|prs?)\b", r"\b(versus|vs\.?)\b"):
        pattern = gated(source)
        matcher.register([pattern])
        assert sorted(matcher.find(text, pattern)) == naive(text, pattern), source
