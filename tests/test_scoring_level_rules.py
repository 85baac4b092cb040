"""How explained concepts become a level (scoring/heuristic/levels.py, pure): breadth stands in
for a second kind of depth at level 3; level 4 needs an answer that explains two ways at once,
not depth gathered from scattered fragments, and four sentences that explain; and a dimension
whose level 4 is framed by numbers and a success metric (not trade-offs) reaches it that way.
What a level's anchor asks beyond the level under it (a success measure for framing's 3, an
estimate for cost's 4) must be named (framing's targeted questions, three with an assumption or
a success measure, are its level 3), and where a level 4 works figures through, enough
sentences must say them. A terse answer's reason, said in the sentences after the one that names
the mechanism, or in the next answer when the interviewer asks why, explains it."""

from __future__ import annotations

from scoring.heuristic import score_transcript
from scoring.heuristic.levels import LevelRules, read_dimension
from scoring.heuristic.reading import ReadSentence
from scoring.rubrics import load_rubrics
from tests.scoring_helpers import interview, levels

FRAMING_DEEP = frozenset({"tradeoff", "failure_mode", "question", "reason"})


def said(turn: int, concepts: set[str], *depth: str) -> ReadSentence:
    text = f"Sentence about {', '.join(sorted(concepts))} in answer {turn}."
    return ReadSentence(turn, 0, len(text), text, 0, concepts=set(concepts), depth=set(depth))


def test_two_concepts_explained_one_way_stay_generic() -> None:
    sentences = [said(2, {"a"}, "reason"), said(4, {"b"}, "reason")]

    assert read_dimension({"a", "b"}, sentences).level == 2


def test_four_concepts_explained_one_way_are_a_solid_answer() -> None:
    sentences = [said(2 * i, {c}, "reason") for i, c in enumerate("abcd", start=1)]

    assert read_dimension(set("abcd"), sentences).level == 3


def test_level_4_needs_an_answer_that_explains_two_ways_at_once() -> None:
    # The same kinds of depth, each in an answer of its own: fragments, not a deep answer.
    scattered = [
        said(2, {"a"}, "quantity"),
        said(4, {"b"}, "tradeoff"),
        said(6, {"c"}, "reason"),
    ]
    # One answer gives a number with what it costs; others a reason.
    together = [
        said(2, {"a"}, "quantity", "tradeoff"),
        said(4, {"b"}, "reason"),
        said(6, {"c"}, "reason"),
        said(8, {"c"}, "reason"),
    ]

    assert read_dimension(set("abc"), [*scattered, said(8, {"c"}, "reason")]).level == 3
    assert read_dimension(set("abc"), together).level == 4


def test_level_4_needs_four_sentences_that_explain() -> None:
    """Three explaining sentences rarely carry the several specifics a level-4 anchor adds (a
    set's size, its pass bar, the judge's calibration): they are a solid answer."""
    three = [
        said(2, {"a"}, "quantity", "tradeoff"),
        said(4, {"b"}, "reason"),
        said(6, {"c"}, "reason"),
    ]

    assert read_dimension(set("abc"), three).level == 3
    assert read_dimension(set("abc"), [*three, said(8, {"a"}, "quantity")]).level == 4


def test_a_reason_beside_the_numbers_is_deep_enough_for_level_4() -> None:
    """A strong terse answer gives its figures and why ("Batch API, 50 percent off, fine since
    it's overnight"), seldom the word for a trade-off: a reason beside the numbers is as deep as
    a trade-off or a failure mode. An exact rule beside them is not."""
    reasoned = [
        said(2, {"a"}, "quantity", "reason"),
        said(4, {"b"}, "quantity", "rule"),
        said(6, {"c"}, "rule"),
        said(8, {"a"}, "quantity"),
    ]
    ruled = [said(2, {"a"}, "quantity", "rule"), *reasoned[1:]]

    assert read_dimension(set("abc"), reasoned).level == 4
    assert read_dimension(set("abc"), ruled).level == 3


def test_framing_reaches_4_with_numbers_questions_and_a_success_metric() -> None:
    framed = [
        said(2, {"clarifying_requirements"}, "question", "quantity"),
        said(4, {"volume_estimate"}, "quantity", "rule"),
        said(6, {"success_metric"}, "rule"),
        said(8, {"volume_estimate"}, "quantity"),
    ]
    concepts = {"clarifying_requirements", "volume_estimate", "success_metric"}

    # Without trade-offs, failure modes or reasons beside its numbers it is 3 by the default
    # rule ...
    assert read_dimension(concepts, framed).level == 3
    # ... and 4 read as framing is read, with a success metric among what it names,
    needs = frozenset({"success_metric", "scope_definition"})
    assert read_dimension(concepts, framed, None, LevelRules(FRAMING_DEEP, needs)).level == 4
    # but not without a success metric or a scope.
    unmeasured = [*framed[:2], said(6, {"assumption_stated"}, "reason"), framed[3]]
    concepts = {"clarifying_requirements", "volume_estimate", "assumption_stated"}
    assert read_dimension(concepts, unmeasured, None, LevelRules(FRAMING_DEEP, needs)).level == 3


def test_level_3_needs_what_its_anchor_asks_beyond_level_2() -> None:
    """Framing's level 2 asks questions and never turns the answers into a success measure or
    a scope; however well explained, questions and volumes alone stay there."""
    asked = [
        said(2, {"clarifying_requirements"}, "question", "quantity"),
        said(4, {"volume_estimate"}, "quantity", "reason"),
        said(6, {"clarifying_requirements"}, "question", "reason"),
    ]
    concepts = {"clarifying_requirements", "volume_estimate", "success_metric"}
    beyond_2 = LevelRules(
        FRAMING_DEEP,
        needs_for_3=frozenset({"success_metric", "scope_definition", "assumption_stated"}),
    )

    assert read_dimension(concepts, asked).level >= 3
    assert read_dimension(concepts, asked, None, beyond_2).level == 2
    scoped = [*asked, said(8, {"success_metric"}, "reason")]
    assert read_dimension(concepts, scoped, None, beyond_2).level >= 3


def test_level_4_may_need_fewer_kinds_of_depth_where_its_anchor_asks_for_fewer() -> None:
    """Framing's level 4 is numbers, a success metric and a scope: numbers with targeted
    questions are two kinds of depth, and enough for it."""
    framed = [
        said(2, {"clarifying_requirements"}, "question", "quantity"),
        said(4, {"volume_estimate"}, "quantity", "question"),
        said(6, {"scope_definition"}, "quantity"),
        said(8, {"volume_estimate"}, "quantity"),
    ]
    concepts = {"clarifying_requirements", "volume_estimate", "scope_definition"}
    needs = frozenset({"success_metric", "scope_definition"})

    assert read_dimension(concepts, framed, None, LevelRules(FRAMING_DEEP, needs)).level == 3
    two_kinds = LevelRules(FRAMING_DEEP, needs, kinds_for_4=2)
    assert read_dimension(concepts, framed, None, two_kinds).level == 4


SCALE_WITHOUT_AN_ESTIMATE = [
    "We publish one message per workspace onto a queue and a pool of 40 consumers picks them "
    "up, because the Monday batch has to finish by 8 am.",
    "The batch API is about 50% cheaper, at the cost of up to 24 hours of waiting, so we start "
    "on Saturday.",
    "We stream the real-time path, because a rep waiting 10 seconds for a blank screen gives "
    "up, and if the stream drops we fall back to the whole answer.",
    "A smaller model is cheaper but misses tone, so we'd try it on 300 labelled emails first "
    "and keep it only if it loses less than 2 points.",
]


# The estimate worked through, a figure a sentence.
AN_ESTIMATE = [
    "Each email is about 1,500 tokens in and 200 out.",
    "On the small tier that is about a tenth of a cent per email.",
    "At 2,000 emails a day the bill is about 60 dollars a month.",
    "For the real-time path I'd hold the p95 latency to 4 seconds.",
]


def test_cost_level_4_needs_an_estimate_of_tokens_or_dollars() -> None:
    """Its anchor estimates tokens and dollars per analysis and the monthly bill: numbers about
    scale, batching and tiers without one are a solid answer, and so is the estimate said in
    one breath; worked through, it is a strong one."""
    rubric = load_rubrics()["system-design"]
    in_one_breath = (
        "Each email is about 1,500 tokens in and 200 out, so about a tenth of a cent each, or "
        "60 dollars a month at 2,000 a day."
    )

    without = score_transcript(interview(*SCALE_WITHOUT_AN_ESTIMATE), rubric)
    said_once = score_transcript(interview(*SCALE_WITHOUT_AN_ESTIMATE, in_one_breath), rubric)
    with_it = score_transcript(interview(*SCALE_WITHOUT_AN_ESTIMATE, *AN_ESTIMATE), rubric)
    assert levels(without)["cost_latency"] == 3
    assert levels(said_once)["cost_latency"] == 3
    assert levels(with_it)["cost_latency"] == 4


def test_three_targeted_questions_are_more_than_level_2s_one_or_two_generic_ones() -> None:
    """Framing's level 2 "asks one or two generic questions": a candidate who asks three
    targeted ones and explains them is past it, whatever else they name."""
    asking = [
        said(2, {"clarifying_requirements"}, "question", "quantity"),
        said(4, {"clarifying_requirements", "volume_estimate"}, "question", "reason"),
        said(6, {"clarifying_requirements"}, "question"),
    ]
    concepts = {"clarifying_requirements", "volume_estimate", "success_metric"}
    needs = frozenset({"success_metric", "scope_definition"})

    assert read_dimension(concepts, asking[:2], None, LevelRules(needs_for_3=needs)).level == 2
    rules = LevelRules(needs_for_3=needs, questions_for_3=3)
    assert read_dimension(concepts, asking[:2], None, rules).level == 2
    assert read_dimension(concepts, asking, None, rules).level == 3


def test_three_targeted_questions_and_an_assumption_are_framings_level_3() -> None:
    """Framing's level 3 "asks targeted questions ... states assumptions": the questions are
    how it explains itself, so three of them and an assumption said plainly are level 3 even
    when nothing else is explained; without anything made of the answers, still level 2."""
    questions = [said(2 * i, {"clarifying_requirements"}, "question") for i in (1, 2, 3)]
    assumes = said(8, {"assumption_stated"})
    concepts = {"clarifying_requirements", "assumption_stated"}
    rules = LevelRules(needs_for_3=frozenset({"assumption_stated"}), questions_for_3=3)

    assert read_dimension(concepts, [*questions, assumes], None, rules).level == 3
    assert read_dimension(concepts, questions, None, rules).level == 2
    assert read_dimension(concepts, [*questions[:2], assumes], None, rules).level == 2


def test_a_terse_answer_explains_in_the_sentences_that_follow_the_mechanism() -> None:
    """ "The customer's email goes last, fenced off." "It's text from a customer." "Not
    instructions, so a line in it can't change the fields.": the reason two sentences on, in
    the same answer, with nothing new named between, explains the fence."""
    fence = said(2, {"a"})
    went_on = [said(2, set()), said(2, set(), "reason")]
    assert read_dimension({"a"}, [fence, *went_on]).explained == ["a"]
    # Past the next sentence, not from one that names something of its own, nor from the next
    # answer,
    other = [fence, said(2, set()), said(2, {"b"}, "reason")]
    assert read_dimension({"a", "b"}, other).explained == ["b"]
    assert read_dimension({"a"}, [fence, said(2, set()), said(4, set(), "reason")]).explained == []
    # and no further than three sentences on.
    far = [fence, said(2, set()), said(2, set()), said(2, set()), said(2, set(), "reason")]
    assert read_dimension({"a"}, far).explained == []
    assert read_dimension({"a"}, [fence, *far[2:]]).explained == ["a"]


def test_a_reason_given_when_the_interviewer_asks_why_explains_what_was_asked_about() -> None:
    """ "It returns JSON: a subject, three to five sentences, each with the fact IDs it relies
    on." - "Why the IDs?" - "Because I need to check every sentence against its facts.": the
    answer that opens with its reason explains the last mechanism of the answer before."""
    ids = said(2, {"b"})
    because = ReadSentence(4, 0, 60, "Because I need to check every sentence against it.", 0,
                           depth={"reason"})  # fmt: skip
    assert read_dimension({"a", "b"}, [said(2, {"a"}), ids, because]).explained == ["b"]
    # An answer that says something else first explains nothing of the one before.
    other = ReadSentence(4, 0, 40, "We keep them for a month.", 0, depth={"reason"})
    assert read_dimension({"a", "b"}, [said(2, {"a"}), ids, other]).explained == []
    # nor one that goes on with the story ("Since then, ..." is when, not why)
    later = ReadSentence(4, 0, 50, "Since then we keep them because audits ask.", 0,
                         depth={"reason"})  # fmt: skip
    assert read_dimension({"a", "b"}, [said(2, {"a"}), ids, later]).explained == []


def test_level_4_needs_the_figures_its_anchor_works_through() -> None:
    """Where a dimension's level 4 is an estimate worked through (cost: tokens, dollars per
    analysis, the monthly bill, a p95), the mechanisms explained with a figure or two said in
    passing are its level 3; enough sentences that say a figure make it 4."""
    rules = LevelRules(figures_for_4=3)

    def figured(turn: int, concept: str, text: str, *depth: str) -> ReadSentence:
        return ReadSentence(turn, 0, len(text), text, 0, concepts={concept}, depth=set(depth))

    strong_otherwise = [
        figured(2, "a", "About 1,500 tokens in and 200 out per email.", "quantity", "tradeoff"),
        figured(4, "b", "A smaller tier is fine because the fields are short.", "reason"),
        figured(6, "c", "Batch the nightly run since nobody waits on it.", "reason"),
        figured(8, "a", "Roughly a tenth of a cent each.", "quantity"),
    ]
    bill = figured(10, "c", "At 2,000 emails a day that is about 60 dollars a month.", "quantity")

    assert read_dimension(set("abc"), strong_otherwise).level == 4  # no figures asked
    assert read_dimension(set("abc"), strong_otherwise, rules=rules).level == 3
    assert read_dimension(set("abc"), [*strong_otherwise, bill], rules=rules).level == 4
