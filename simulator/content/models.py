"""Content models: briefs, interviewer personas and simulated-candidate personas (YAML files)."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.ids import ContentId

MoveKind = Literal[
    "open",
    "answer_fact",
    "assume",
    "depth_follow_up",
    "failure_probe",
    "numbers_check",
    "next_area",
    "curveball",
    "redirect",
    "move_on",
    "hint",
    "wrap_up",
    "answer_question",
    "close",
]
MOVE_KINDS: tuple[str, ...] = get_args(MoveKind)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def known_dimensions() -> frozenset[str]:
    """The dimension ids content may name: those the rubrics define, the shipped ones and the
    user's own (MOCKLOOP_HOME/rubrics). The rubric files are the one source of them."""
    from scoring.rubrics.dimensions import known_dimension_ids
    from simulator.paths import home_path

    return known_dimension_ids([home_path() / "rubrics"])


def _dimension_choices(schema: dict[str, Any]) -> None:
    """A dimension's JSON schema lists the known ids (a drafted brief is held to them)."""
    schema["enum"] = sorted(known_dimensions())


class CandidateContext(Strict):
    """Brief-specific words that simulated candidates weave into their answers."""

    user: str = Field(description="who uses the feature, e.g. 'sales rep'")
    audience: str = Field(description="who reads the output, e.g. 'account manager'")
    input: str = Field(description="what goes in, e.g. 'the last 90 days of support tickets'")
    output: str = Field(description="what comes out, e.g. 'a one-paragraph churn-risk summary'")
    key_fact: str = Field(description="what must be right, e.g. 'the account name'")
    risk: str = Field(description="the specific failure to fear")
    source_of_truth: str = Field(description="what to check the output against")
    volume: str = Field(description="an assumed load, e.g. 'about 2,000 analyses a day'")
    latency_budget: str = Field(description="e.g. 'under 10 seconds to the first words'")
    golden_set: str = Field(description="e.g. '50 real ticket histories labelled by AMs'")
    metric: str = Field(description="how quality is measured")
    edge_case: str = Field(description="a hard input, e.g. 'an account with 400 tickets'")


class Fact(Strict):
    """A fact the interviewer reveals only when the candidate asks about it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    keywords: list[str] = Field(min_length=1, description="words in a question that ask for it")
    answer: str = Field(min_length=1)


SlotIds = list[str]
DEFAULT_DESIGN_SLOTS = [
    "model_step",
    "input_path",
    "output_check",
    "delivery_mode",
    "data_handling",
]


class ProbeArea(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    dimension: str = Field(
        description="the rubric dimension the area is scored on",
        json_schema_extra=_dimension_choices,
    )
    weight: float = Field(default=1.0, gt=0, description="share of the deep-dive time")
    slots: SlotIds = Field(
        default=[], description="what a complete answer fills, most important first"
    )
    slot_asks: dict[str, str] = Field(default={}, description="this area's wording of an ask")
    main_probe: str = Field(min_length=1)
    follow_ups: list[str] = Field(min_length=2, description="depth probes for shallow answers")
    hint: str = Field(min_length=1, description="a nudge for coach mode")
    strong_answer: str = Field(min_length=1)


class Curveball(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: str = Field(min_length=1)
    dimension: str = Field(
        description="the rubric dimension the change tests most",
        json_schema_extra=_dimension_choices,
    )
    slots: SlotIds = Field(default=[], description="what an answer to the change fills")
    strong_answer: str = Field(min_length=1)


class BriefNumbers(Strict):
    """Figures the facts state, for checking a candidate's arithmetic."""

    input_tokens: tuple[float, float] | None = Field(
        default=None, description="one request's input, typical to largest"
    )
    requests_per_day: tuple[float, float] | None = None


class Brief(Strict):
    id: ContentId
    title: str
    summary: str = Field(description="one line for lists")
    brief: str = Field(min_length=1, description="what the candidate reads")
    context: CandidateContext
    entities: list[str] = Field(min_length=3, description="the brief's nouns; ties to the brief")
    facts: list[Fact] = Field(min_length=3)
    constraints: list[str] = Field(min_length=1)
    probe_areas: list[ProbeArea] = Field(min_length=3)
    curveballs: list[Curveball] = Field(min_length=2)
    strong_answer_notes: list[str] = Field(min_length=1)
    numbers: BriefNumbers = BriefNumbers()
    design_slots: SlotIds = Field(default=DEFAULT_DESIGN_SLOTS, min_length=1)
    slot_forms: dict[str, list[str]] = Field(
        default={}, description="this brief's own words for filling a slot (regular expressions)"
    )

    @model_validator(mode="after")
    def _known_dimensions(self) -> Brief:
        from scoring.rubrics.dimensions import unknown_dimension

        known = known_dimensions()
        named = [(f"probe_areas.{n}", a.dimension) for n, a in enumerate(self.probe_areas)]
        named += [(f"curveballs.{n}", c.dimension) for n, c in enumerate(self.curveballs)]
        for where, dimension_id in named:
            if dimension_id not in known:
                raise ValueError(unknown_dimension(f"{where}.dimension", dimension_id, known))
        return self

    @model_validator(mode="after")
    def _known_slots(self) -> Brief:
        from scoring.reading.catalogue import slot_catalogue
        from scoring.vocabulary.models import check_patterns

        catalogue = slot_catalogue()
        known = catalogue.ids
        items: list[ProbeArea | Curveball] = [*self.probe_areas, *self.curveballs]
        for item in items:
            if not item.slots:  # a brief written before slots: its dimension's slots
                item.slots = [c.id for c in catalogue.slots if c.dimension == item.dimension]
        named = [("design_slots", self.design_slots), ("slot_forms", list(self.slot_forms))]
        named += [(f"probe_areas.{n}.slots", a.slots) for n, a in enumerate(self.probe_areas)]
        named += [
            (f"probe_areas.{n}.slot_asks", list(a.slot_asks))
            for n, a in enumerate(self.probe_areas)
        ]
        named += [(f"curveballs.{n}.slots", c.slots) for n, c in enumerate(self.curveballs)]
        for where, ids in named:
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise ValueError(f"{where}: unknown slot {unknown[0]!r}")
        for slot, forms in self.slot_forms.items():
            try:
                check_patterns(forms)
            except ValueError as exc:
                raise ValueError(f"slot_forms.{slot}: {exc}") from None
        return self

    @model_validator(mode="after")
    def _unique_ids(self) -> Brief:
        for field in ("facts", "probe_areas", "curveballs"):
            ids = [item.id for item in getattr(self, field)]
            for index, item_id in enumerate(ids):
                if ids.index(item_id) != index:
                    raise ValueError(f"{field}.{index}.id: duplicate id {item_id!r}")
        return self

    def area(self, area_id: str) -> ProbeArea:
        for area in self.probe_areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)


class InterviewerPersona(Strict):
    """How an interviewer sounds. Style only: the policy is the same for every persona."""

    id: ContentId
    title: str
    description: str
    gives_hints: bool = False
    phrases: dict[MoveKind, list[str]]
    acknowledgements: list[str] = Field(min_length=1, description="neutral: after any answer")
    praise: list[str] = Field(default=[], description="only after an answer with specifics")

    @model_validator(mode="after")
    def _every_move_phrased(self) -> InterviewerPersona:
        missing = [kind for kind in MOVE_KINDS if not self.phrases.get(kind)]  # type: ignore[call-overload]
        if missing:
            raise ValueError(f"phrases: missing templates for {', '.join(missing)}")
        return self


CandidateMode = Literal["normal", "empty", "gibberish", "off_topic", "repeat", "injection"]
Group = Literal["strong", "average", "weak", "test"]
# What every round asks besides its probe areas: the design walk-through, a curveball and the
# wrap-up summary. A persona's other answers are keyed by the dimension a probe area scores.
RoundSlot = Literal["design", "curveball", "wrap_up"]
ROUND_SLOTS: tuple[str, ...] = get_args(RoundSlot)


class CandidatePersona(Strict):
    """A simulated candidate: what they say, and the level a fair rater should give them.

    Dimensions come from the rubrics. A dimension the persona says nothing about may be left
    out: with no expected level the bench passes over it, and with no answers for a probe area
    of that dimension the candidate gives its stock "nothing more to add" replies.
    """

    id: ContentId
    title: str
    description: str
    group: Group
    mode: CandidateMode = "normal"
    aliases: list[str] = Field(default=[], description="other ids that name this persona")
    expected_levels: dict[str, int] = Field(
        default={}, description="by dimension id: the level (1-4) a fair rater gives"
    )
    clarifying_questions: list[str] = []
    answers: dict[str, list[str]] = Field(
        default={}, description="by round slot (design, curveball, wrap_up) or dimension id"
    )
    follow_ups: dict[str, list[str]] = Field(
        default={}, description="answers to depth probes, keyed like answers"
    )
    questions_for_interviewer: list[str] = []
    lines: list[str] = Field(default=[], description="fixed lines for the test modes")

    @model_validator(mode="after")
    def _complete(self) -> CandidatePersona:
        from scoring.rubrics.dimensions import unknown_dimension

        known = known_dimensions()
        for dim, level in self.expected_levels.items():
            if dim not in known:
                raise ValueError(unknown_dimension(f"expected_levels.{dim}", dim, known))
            if not 1 <= level <= 4:
                raise ValueError(f"expected_levels.{dim}: level must be 1-4, got {level}")
        for field in ("answers", "follow_ups"):
            for slot in getattr(self, field):
                if slot not in known and slot not in ROUND_SLOTS:
                    raise ValueError(
                        f"{field}.{slot}: unknown answer slot {slot!r} (a round slot: "
                        f"{', '.join(ROUND_SLOTS)}; or a dimension: {', '.join(sorted(known))})"
                    )
        if self.mode == "normal":
            slots = [s for s in ROUND_SLOTS if not self.answers.get(s)]
            if slots:
                raise ValueError(f"answers: missing {', '.join(slots)}")
        elif self.mode in ("off_topic", "injection", "repeat") and not self.lines:
            raise ValueError(f"lines: a {self.mode} persona needs at least one line")
        return self
