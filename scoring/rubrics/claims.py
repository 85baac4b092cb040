"""A false belief read as a claim: something said of one thing (temperature zero, an
idempotency key, a quick look at the outputs) that it does another (removes hallucinations,
returns the same answer, is enough to ship), in either order within one sentence.

One claim stands for the many ways people say it: "at temperature zero it can't invent a ticket
number", "the most likely tokens are the ones in the input, so temperature zero removes
hallucination", "it won't make things up at zero temperature". A sentence does not make the
claim when a negation comes before what it says (or a contrast between the two: "temperature
zero makes it repeatable, but it can still invent"), when it is a question or put to the test
("see if it gives the same answer"), or when it reports the belief as someone else's or as
wrong ("a common myth is that ...")."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from scoring.vocabulary.models import check_patterns

_NEGATION = (
    r"not|never|no|nothing|cannot|without|instead of|rather than|"
    r"(?:don|doesn|didn|won|wouldn|can|couldn|shouldn|isn|aren|wasn|weren|haven|hasn)\W?t"
)
_CONTRAST = r"but|although|though|however|unless|whereas|except|even if|even with|even at"
# A belief put to the test is not held: "ask the same ticket a few times and see if it gives
# the same answer".
_TESTED = r"(?:see|check|test|find out|measure|look)\w* (?:if|whether)|whether"
_DENIED = (
    r"myths?|misconceptions?|people (?:think|assume|believe|expect)|contrary to|"
    r"(?:it|that)\W?s (?:tempting|a common)|doesn\W?t mean|not true|isn\W?t true|false|"
    r"used to (?:think|believe)"
)


class Claim(BaseModel):
    """What a false belief says, as its two halves; see the module's docstring."""

    model_config = ConfigDict(extra="forbid")

    of: list[str] = Field(min_length=1, description="patterns of what the claim is about")
    that: list[str] = Field(min_length=1, description="patterns of what it says of it")
    not_with: list[str] = Field(
        default_factory=list,
        description=(
            "patterns that put the sentence about something else (an idempotency key that "
            "stops a second email is no claim about the model's answer)"
        ),
    )

    @field_validator("of", "that", "not_with")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        return check_patterns(value)

    def patterns(self) -> list[str]:
        """The claim as sentence patterns: said of it then what, and what then said of it."""
        of, that = _either(self.of), _either(self.that)
        guard = rf"^(?!.*\b(?:{_DENIED})\b)(?!.*\?\s*$)"
        if self.not_with:
            guard += rf"(?!.*{_either(self.not_with)})"
        unnegated = rf"(?:(?!\b(?:{_NEGATION}|{_TESTED})\b).)*?"
        between = rf"(?:(?!\b(?:{_NEGATION}|{_CONTRAST}|{_TESTED})\b).)*?"
        # taken back after it in the same sentence: "..., but you can't assume that", "..., but
        # you still check"
        doubt = rf"(?:{_NEGATION}|still|check\w*|test\w*|verify)"
        kept = rf"(?![^.?!]*\b(?:{_CONTRAST})\b[^.?!]*\b{doubt}\b)"
        return [
            rf"{guard}{unnegated}\b{of}{between}{that}{kept}",
            rf"{guard}{unnegated}{that}{between}\b{of}\b{kept}",
        ]


def _either(patterns: list[str]) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"


def claim_patterns(claims: list[Claim]) -> list[str]:
    return [p for claim in claims for p in claim.patterns()]
