"""Reading a candidate's eval without running it (scoring/evaldesign/analysis.py): its style(s),
threshold and CI hints; the report's rule (catches the regression only when it passes on the
good version and fails on the broken one) and its table and JSON."""

from __future__ import annotations

from textwrap import dedent

import pytest

from scoring.evaldesign import analyse_eval
from scoring.evaldesign.vocabulary import words_of


def styles_of(source: str) -> list[str]:
    return [s.style for s in analyse_eval(dedent(source)).styles]


def threshold_of(source: str) -> str | None:
    threshold = analyse_eval(dedent(source)).threshold
    return None if threshold is None else threshold.text


# --- styles -----------------------------------------------------------------------------------


def test_comparing_an_output_field_with_the_expected_one_is_exact_match() -> None:
    source = """
    def test_name(cases):
        for case in cases:
            assert case["output"]["name"] == case["expected"]["name"]
    """
    finding = analyse_eval(dedent(source)).styles[0]

    assert finding.style == "exact_match"
    assert finding.label == "exact match"
    assert finding.lines == [4]


def test_a_value_looped_out_of_the_expected_fields_counts_as_expected() -> None:
    source = """
    def test_fields(cases):
        hits = 0
        for case in cases:
            for field, want in case["expected"].items():
                hits += case["output"].get(field) == want
    """
    assert styles_of(source) == ["exact_match"]


def test_a_name_assigned_from_the_expected_answer_counts_as_expected() -> None:
    source = """
    def test_category(cases):
        for case in cases:
            gold = case["expected"]
            label = gold["category"]
            assert case["output"]["category"] == label
    """
    assert styles_of(source) == ["exact_match"]


def test_a_count_or_verdict_made_from_expected_values_is_not_the_expected_answer() -> None:
    # Summary facts checked with their patterns: `invented == 0` is a threshold on a count,
    # not a comparison with the expected answer.
    source = """
    import re

    def test_facts(cases):
        missing = invented = 0
        for case in cases:
            facts = case["expected"]["required_facts"]
            ok = all(re.search(f["patterns"][0], case["output"]) for f in facts)
            missing += not ok
            invented += sum(bool(re.search(p, case["output"])) for p in ["refund"])
        assert invented == 0
        assert missing <= 2
    """
    analysis = analyse_eval(dedent(source))

    assert [s.style for s in analysis.styles] == ["pattern"]
    assert analysis.threshold is not None
    assert analysis.threshold.text == "invented == 0"


def test_sklearn_metrics_are_exact_match() -> None:
    source = """
    from sklearn.metrics import accuracy_score
    def test_accuracy(cases):
        assert accuracy_score([c["expected"] for c in cases], [c["output"] for c in cases]) > 0.9
    """
    assert styles_of(source) == ["exact_match"]


def test_comparing_two_outputs_or_counting_cases_is_no_style() -> None:
    source = """
    def test_shape(cases):
        assert len(cases) == 40
        assert cases[0]["output"] == cases[0]["output"]
    """
    assert styles_of(source) == []


def test_a_regular_expression_call_is_pattern_match_only_with_re_imported() -> None:
    with_re = """
    import re
    ISO = re.compile(r"\\d{4}-\\d{2}-\\d{2}")
    def test_dates(cases):
        assert all(ISO.fullmatch(c["output"]["date"]) for c in cases)
    """
    without = """
    def test_dates(cases):
        assert all(c["output"].match("x") for c in cases)
    """
    assert styles_of(with_re) == ["pattern"]
    assert styles_of(without) == []


@pytest.mark.parametrize(
    "source",
    [
        "import difflib\ndef test_s(cases):\n    difflib.SequenceMatcher(None, 'a', 'b').ratio()\n",
        "from rapidfuzz import fuzz\ndef test_s(cases):\n    fuzz.token_set_ratio('a', 'b')\n",
        "def jaccard(a, b):\n    return len(a & b) / len(a | b)\n",
        "def test_s(cases):\n    cosine_sim(embed('a'), embed('b'))\n",
        "from rouge_score import rouge_scorer\n",
    ],
    ids=["difflib", "rapidfuzz", "jaccard", "embedding-cosine", "rouge"],
)
def test_similarity_libraries_and_measures_are_similarity(source: str) -> None:
    assert "similarity" in styles_of(source)


@pytest.mark.parametrize(
    "source",
    [
        "import anthropic\nclient = anthropic.Anthropic()\n",
        "def test_j(cases):\n    client.messages.create(model='m', messages=[])\n",
        "def test_j(cases):\n    assert llm_judge(cases[0]['output']) >= 4\n",
        "RUBRIC = 'Score the summary from 1 to 5 for faithfulness.'\n",
    ],
    ids=["anthropic-import", "messages-create", "judge-function", "rubric-text"],
)
def test_llm_clients_judges_and_rubrics_are_model_graded(source: str) -> None:
    assert styles_of(source) == ["model_graded"]


def test_several_styles_come_in_a_fixed_order_with_their_lines() -> None:
    source = """
    import re
    from difflib import SequenceMatcher

    JUDGE_PROMPT = "You are a grader. Use this rubric: ..."

    def test_all(cases):
        for case in cases:
            assert case["output"]["id"] == case["expected"]["id"]
            assert re.search("refund", case["output"]["summary"])
            assert SequenceMatcher(None, "a", "b").ratio() > 0.8
    """
    analysis = analyse_eval(dedent(source))

    assert [s.style for s in analysis.styles] == [
        "exact_match",
        "pattern",
        "similarity",
        "model_graded",
    ]
    assert analysis.styles[2].lines == [3, 11]
    assert analysis.styles[3].reason == "a grading rubric in a string"


def test_words_of_splits_snake_camel_and_dotted_names() -> None:
    assert words_of("llm_judge") == ["llm", "judge"]
    assert words_of("cosineSim") == ["cosine", "sim"]
    assert words_of("rapidfuzz.fuzz.partial_ratio") == ["rapidfuzz", "fuzz", "partial", "ratio"]


def test_a_word_inside_another_word_is_not_a_style() -> None:
    # "allmatch" holds "llm", "fill" holds nothing: only the start of a word counts.
    source = "def test_x(cases):\n    allmatch(cases)\n    backfill(cases)\n"
    assert styles_of(source) == []


# --- threshold --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("assert accuracy >= 0.9", "accuracy >= 0.9"),
        ("assert 0.9 <= accuracy", "0.9 <= accuracy"),
        ("assert hits / total >= 0.98", "hits / total >= 0.98"),
        ("assert sum(ok) / len(ok) > 0.95", "sum(ok) / len(ok) > 0.95"),
        ("assert mean(scores) >= 4", "mean(scores) >= 4"),
        ("assert failures <= 2", "failures <= 2"),
        ("assert len(mismatches) == 0", "len(mismatches) == 0"),
        ("assert report['f1'] > 0.8", "report['f1'] > 0.8"),
        (
            "assert SequenceMatcher(None, a, b).ratio() > 0.8",
            "SequenceMatcher(None, a, b).ratio() > 0.8",
        ),
        ("assert 0.8 <= pass_rate <= 1.0", "0.8 <= pass_rate <= 1.0"),
    ],
)
def test_a_rate_or_score_compared_with_a_number_is_a_threshold(source: str, text: str) -> None:
    assert threshold_of(source) == text


@pytest.mark.parametrize(
    "source",
    [
        "assert len(cases) == 40",
        "assert case['output']['confidence'] <= 1.0",
        "assert accuracy >= baseline",
        "assert hits == total",
        "assert accuracy is not None",
        "assert account_count >= 1",
    ],
)
def test_counts_validity_checks_and_relative_comparisons_are_not_thresholds(source: str) -> None:
    assert threshold_of(source) is None


def test_a_named_constant_threshold_shows_its_value() -> None:
    source = """
    MIN_ACCURACY = 0.92

    def test_accuracy(cases):
        accuracy = 0.95
        assert accuracy >= MIN_ACCURACY
    """
    threshold = analyse_eval(dedent(source)).threshold

    assert threshold is not None
    assert threshold.text == "accuracy >= MIN_ACCURACY (MIN_ACCURACY = 0.92)"
    assert threshold.value == pytest.approx(0.92)
    assert threshold.line == 6


def test_the_first_threshold_in_the_file_is_reported() -> None:
    source = "assert recall >= 0.7\nassert precision >= 0.9\n"
    threshold = analyse_eval(source).threshold

    assert threshold is not None
    assert (threshold.text, threshold.value, threshold.line) == ("recall >= 0.7", 0.7, 1)


# --- CI, counts, syntax -----------------------------------------------------------------------


def test_custom_markers_parametrize_and_ci_comments_are_ci_hints() -> None:
    source = '''
    """Regression suite for the triage prompt.

    Runs on every PR in GitHub Actions; a nightly job reruns it.
    """
    import pytest

    pytestmark = pytest.mark.eval

    @pytest.mark.slow
    @pytest.mark.parametrize("field", ["name", "date"])
    @pytest.mark.skipif(False, reason="")
    def test_field(cases, field):  # gate: blocks the merge below 0.95
        ci = 3
    '''
    ci = analyse_eval(dedent(source)).ci

    assert ci.markers == ["eval", "slow"]
    assert ci.parametrized
    assert ci.notes == [
        "line 2: Regression suite for the triage prompt.",
        "line 4: Runs on every PR in GitHub Actions; a nightly job reruns it.",
        "line 13: gate: blocks the merge below 0.95",
    ]


def test_a_bare_eval_has_no_ci_hints() -> None:
    ci = analyse_eval("def test_x(cases):\n    ci = 1\n    assert cases\n").ci

    assert (ci.markers, ci.parametrized, ci.notes) == ([], False, [])


def test_tests_and_asserts_are_counted_at_the_top_and_in_test_classes() -> None:
    source = """
    def helper(): assert True
    def test_a(cases): assert cases
    class TestFields:
        def test_b(self, cases): self.assertEqual(1, 1)
        def check(self): pass
    class Helpers:
        def test_not_collected(self): pass
    """
    analysis = analyse_eval(dedent(source))

    assert (analysis.tests, analysis.asserts) == (2, 3)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("def test_x(cases):\n    assert x ==\n", "SyntaxError: invalid syntax (line 2)"),
        ("def test_x(cases):\nassert 1\n", "IndentationError: expected an indented block"),
        ("x = 1\0\n", "cannot"),
    ],
    ids=["syntax", "indentation", "nul-byte"],
)
def test_a_source_that_does_not_parse_is_reported_not_raised(source: str, error: str) -> None:
    analysis = analyse_eval(source)

    assert analysis.syntax_error is not None
    assert error in analysis.syntax_error
    assert (analysis.styles, analysis.threshold, analysis.tests) == ([], None, 0)
