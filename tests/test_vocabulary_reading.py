"""Reading a candidate's turns: sentences keep their turn and exact span, near-repeats are
found exactly as the word-overlap rule says, and noise is told from talk."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.heuristic.reading import read_candidate
from scoring.transcripts.model import Transcript, Turn
from scoring.vocabulary import default_matcher
from scoring.vocabulary.language import (
    REPEAT_MIN_OVERLAP,
    RepeatDetector,
    is_gibberish,
    is_off_topic,
    is_repeat,
)
from scoring.vocabulary.matcher import words
from scoring.vocabulary.text_index import split_sentences

WORDS = ["cache", "the", "prompt", "eval", "golden", "set", "we", "p95", "latency", "cost"]
turn_text = st.lists(
    st.tuples(
        st.sampled_from(WORDS),
        st.sampled_from([" ", ". ", "? ", "\n", "\n\n", "\n- ", "\n2) ", "e.g. ", "  \t"]),
    ),
    max_size=30,
).map(lambda pairs: "".join(w + sep for w, sep in pairs))


@settings(max_examples=200, deadline=None)
@given(turns=st.lists(turn_text, min_size=1, max_size=6))
def test_sentences_keep_their_turn_and_span(turns: list[str]) -> None:
    transcript = Transcript(
        id="t",
        turns=[
            t
            for text in turns
            for t in (Turn(role="interviewer", text="Go on."), Turn(role="candidate", text=text))
        ],
    )
    reading = read_candidate(transcript, default_matcher())
    expected = [
        (number, s.start, s.end, s.text, i)
        for number, turn in transcript.candidate_turns()
        for i, s in enumerate(split_sentences(turn.text))
    ]
    got = [(s.turn, s.start, s.end, s.text, s.index_in_turn) for s in reading.sentences]
    assert got == expected
    for s in reading.sentences:
        assert transcript.turns[s.turn - 1].text[s.start : s.end] == s.text


def jaccard_repeat(text: str, earlier: list[str]) -> bool:
    """The rule, spelled out: at least five words, and a word-set overlap of 80% with an
    earlier answer."""
    current = set(words(text))
    if len(words(text)) < 5:
        return False
    for other in earlier:
        seen = set(words(other))
        if seen and len(current & seen) / len(current | seen) >= REPEAT_MIN_OVERLAP:
            return True
    return False


answer = st.lists(st.sampled_from([*WORDS, "reps", "tickets", "json", "schema"]), max_size=14).map(
    " ".join
)


@settings(max_examples=300, deadline=None)
@given(answers=st.lists(answer, min_size=1, max_size=12))
def test_repeats_follow_the_overlap_rule(answers: list[str]) -> None:
    detector = RepeatDetector()
    for i, text in enumerate(answers):
        repeated, count = detector.observe(text)
        assert repeated == jaccard_repeat(text, answers[:i])
        assert count == len(words(text))


def test_a_near_repeat_is_caught_and_a_new_answer_is_not() -> None:
    first = "I would cache the static prompt prefix and measure the p95 latency every week"
    again = "I would cache the static prompt prefix and measure p95 latency every week"
    fresh = "For evaluation a golden set of 200 labelled cases runs in CI on every change"
    assert is_repeat(again, [first])
    assert not is_repeat(fresh, [first])
    assert not is_repeat("cache the prompt", ["cache the prompt"])  # too short to judge


def test_noise_is_told_from_talk() -> None:
    matcher = default_matcher()
    assert is_gibberish("asdf qwerty zxcv bnm plok", matcher)
    assert not is_gibberish("We cache the prompt prefix to cut cost", matcher)
    weather = "The weather this weekend looks lovely and I might go hiking with friends"
    assert is_off_topic(weather, matcher, frozenset())
    assert not is_off_topic(
        "The model reads the tickets and the prompt asks for a summary", matcher, frozenset()
    )
