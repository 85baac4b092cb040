"""A behavioural story read in plain speech, on any topic: what the speaker did ("I rebuilt the
eval", "I pushed for two weeks"), what "we" did, the decisions they own, how it turned out
(with a figure or not) and what they took from it ("in hindsight", "I should have").

The behavioural rubric names its dimensions by what they look for (`story:` in the rubric):
ownership, structure, specifics (figures and dates), collaboration (with product, design,
support: a standing loop at best), reflection. A level read here is a floor under the level the
vocabulary's concepts give; red-flag caps still apply after. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.heuristic.story_lessons import (
    APPLIED_SINCE,
    TOOK_FROM_IT,
    WOULD,
    a_lesson,
    deflects,
    generic_lesson,
)
from scoring.reading.dismissal import negated_before

_PAST = (
    r"(?:(?!(?:need|proceed|embed|feed|speed|bleed|breed|seed|shed|exceed|indeed)\b)[a-z]+ed|"
    r"built|wrote|rewrote|rebuilt|took|made|ran|led|set|sat|went|found|got|gave|"
    r"told|put|kept|chose|drove|spent|brought|caught|thought|knew|saw|began|broke|did|said|"
    r"met|sent|held|split|cut|owned|had|was|stood|understood|fought|paid|sold|shut|let|dug|"
    r"won|lost|felt|left|meant|heard|taught|threw)"
)
_FILLER = (
    r"(?:(?:then|also|just|actually|first|finally|eventually|basically|personally|"
    r"immediately|quickly|originally|still|even|only|really|um|uh|kind of|sort of),? )*"
)
_I_DID = re.compile(rf"\bI {_FILLER}{_PAST}\b")
_WE_DID = re.compile(rf"\b[Ww]e {_FILLER}{_PAST}\b")
_DECIDED = re.compile(
    r"\bI (?:\w+ )?(?:decided|chose|picked|pushed (?:back|for)|argued|proposed|insisted|"
    r"recommended|rejected|went with|made the call|made the case|held (?:the|it|back)|"
    r"blocked|paused|delayed|stopped the|said no|refused|disagreed|objected|convinced|"
    r"persuaded|overruled|vetoed|made the argument|made the decision|took the (?:call|decision)|"
    # plain verbs of a call made: "I signed it off", "I moved everyone back that afternoon",
    # "I accepted that trade-off", "I rolled it back"
    r"signed (?:it |that |this |the \w+ )?off|approved|"
    r"accepted (?:the|that|this) (?:trade-?off|risk|drop|cost|delay)|"
    r"(?:moved|switched) (?:us|everyone|everybody|the team|it|them|all \w+) (?:back|over)|"
    r"rolled (?:it|that|this|them|the \w+) back|pulled the plug|drew the line|"
    r"set the (?:bar|threshold|deadline|date|cutoff))\b|"
    r"\b(?:my|that was my) (?:call|decision)\b",
    re.I,
)
_TURNED_OUT = re.compile(
    r"\b(?:went from|dropped|rose|fell|down to|up to|in the end|ended up|result|outcome|"
    r"since then|afterwards|after that|by the end|rolled (?:it )?out|shipped|launched|"
    r"stayed (?:under|below|above)|improved|(?:gone|going|goes|went|came|come|got|gets) (?:back )?"
    r"(?:up|down)|(?:gone|going|goes) from|turned out|where we landed|we finished|"
    # "the flags went back to roughly zero", "it scored slightly better", "it cost three days"
    r"(?:went|came|was|were|is|are) back to|back to (?:normal|zero)|halved|doubled|tripled|"
    r"(?:scored|landed|came in) (?:at|slightly|about|around|higher|lower|better|worse)|"
    r"cost (?:us |them )?(?:about |roughly |around )?\w+ (?:days|weeks|hours|months))\b"
    # a figure reached: "the new model got to ninety-seven percent"
    r"|\b(?:got|gets|get) (?:it )?(?:to|down to|up to)\b(?=[^.?!]{0,30}(?:\d|percent))",
    re.I,
)
# The speaker's own mistake, owned in so many words ("that was on me", "my first draft had a
# hole", "I hadn't checked", "I should have asked support first").
_OWN_MISTAKE = re.compile(
    r"\b(?:my (?:own )?(?:mistake|fault|error)|(?:that|it) was (?:all )?(?:on )?me\b|on me\b"
    r"|I (?:got|had) (?:it|that|this) wrong|I was wrong|I missed|I should(?:n\W?t)? have"
    r"|I hadn\W?t|I didn\W?t (?:check|test|think (?:about|of|to|through)|catch|ask|look|notice|"
    r"consider|reali[sz]e)"
    r"|my (?:first|original|own) \w+ (?:had|was|missed)|I lost (?:the|that)"
    r"|I owned (?:it|that|up)|I (?:screwed|messed) up|I underestimated|I overlooked)",
    re.I,
)
_MEASURED = re.compile(r"\d|\b(?:percent|half|twice|double[ds]?|tripled?)\b", re.I)

_ROLE = (
    r"(?:pm|pms|product(?: manager| lead| team)?|designers?|design|support(?: lead| team| agents?|"
    r" ops)?|agents?|ops|operations|sales|customer success|legal|finance|marketing|"
    r"account managers?|head of \w+|researchers?|stakeholders?|(?:claims |case )?handlers?|reps?|"
    r"csms?|customer service|(?:claims|billing|operations|customer) (?:team|teams|lead|leads)|"
    # the people who use the output in their own work: "six paralegals", "two senior specialists"
    r"paralegals?|adjusters?|specialists?|coordinators?|dispatchers?|underwriters?|recruiters?|"
    r"nurses?|clinicians?|accountants?|lawyers?|operators?|team leads?)"
)
_WITH_OTHERS = re.compile(
    r"\b(?:I|we) (?:\w+ )?(?:asked|sat (?:down )?with|worked with|met with|paired with|showed|"
    r"went to|agreed with|talked (?:to|with)|brought in|looped in|went through|reviewed|"
    rf"compromised|convinced|walked|said|explained|wrote|emailed|called)\b.{{0,60}}\b{_ROLE}\b"
    rf"|\b{_ROLE}\b.{{0,40}}\b(?:flagged|came to (?:me|us)|asked|pointed|found|caught|reported|"
    r"labell?ed|reviewed|argued|wanted|suggested|pushed|picked|agreed|helped|tested|pinged|"
    r"noticed|messaged|sent|told|joined|said|decided|spotted|posted|approved|signed off|marked|"
    r"proposed|insisted|objected|confirmed)\b"
    # "the support lead and I set up ...", "me and the PM", "me plus two support leads": the two
    # of them, together; "after talking to the PM"
    rf"|\b{_ROLE},? (?:and I|and me|with me|plus me)\b"
    rf"|\b(?:I|me) (?:and|plus) (?:the |our |my |a |two |three )?{_ROLE}\b"
    rf"|\b(?:talking|speaking|checking|working) (?:to|with) (?:the |our |their |my )?{_ROLE}\b"
    # a thing done with them: "we'd built a golden set with the customer success team"
    rf"|\b(?:I|we)\b[^.?!]{{0,50}}\b(?:together )?with (?:the |our |their |my |a |an |two |three )?"
    rf"(?:\w+ )?{_ROLE}\b",
    re.I,
)
# "the PM was Daniel", "Priya, our support lead", "our PM, Tom": a name that stands for a
# role from then on
_NAMED = re.compile(
    rf"(?i:\b{_ROLE}\b)[^.]{{0,25}}?\b(?:was|is|called|named)\s+([A-Z][a-zà-öø-ÿ]+)\b"
    rf"|\b([A-Z][a-zà-öø-ÿ]+), (?:the|our|my|a|who was (?:the|our)) (?i:{_ROLE})\b"
    rf"|\b(?i:the|our|my|a|an) (?i:{_ROLE}), ([A-Z][a-zà-öø-ÿ]+)\b"
    # "Marek, he's the team lead for the phone agents"
    rf"|\b([A-Z][a-zà-öø-ÿ]+), (?:he|she|they)(?:\W?s| is| was| were) (?:the|our|a|one of the) "
    rf"(?:\w+ ){{0,5}}?(?i:{_ROLE})\b"
    # "Marta, who leads one of the claims handling teams": someone who runs a team outside
    # engineering
    r"|\b([A-Z][a-zà-öø-ÿ]+), who (?:leads|led|runs|ran|manages|managed|heads|headed) "
    r"(?!(?:\w+ ){0,3}?(?:engineering|platform|infra\w*|backend|frontend|ml|data science)\b)"
    r"(?:\w+ ){0,6}?(?i:teams?|group|desk|queue|department|org|function|ops|operations|"
    r"support|sales|success)\b"
)
_TOGETHER_WORDS = re.compile(
    r"\b(?:asked|sat (?:down )?with|worked with|met with|paired with|showed|agreed|argued|"
    r"talked|went through|reviewed|compromised|convinced|flagged|came to (?:me|us)|pushed|"
    r"suggested|wanted|picked|labell?ed|helped|with|pinged|messaged|went to|"
    r"gave (?:her|him|them)|set up|told|sent|called|said|decided|spotted|signed off|owned|"
    r"together)\b",
    re.I,
)
_NUMBER_WORD = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|hundred|thousand|million|half|dozen)"
)
# A figure with what it counts, a percentage, money, or a date: the specifics of a story.
_FIGURE = re.compile(
    rf"\b{_NUMBER_WORD}(?:[ -]{_NUMBER_WORD})*\s*(?:percent|%|tickets?|drafts?|agents?|people|"
    r"engineers?|weeks?|days?|months?|years?|hours?|minutes?|seconds?|dollars?|customers?|users?|"
    r"examples?|cases?|emails?|calls?|points?|times|k)\b|\$\s?\d|\d+\s?%"
    r"|\b(?:last (?:year|month|quarter|spring|summer|autumn|fall|winter)|this (?:spring|summer|"
    r"autumn|fall|winter|year)|in (?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december))\b",
    re.I,
)
_STANDING_LOOP = re.compile(
    r"\b(?:every (?:week|day|monday|tuesday|wednesday|thursday|friday|sprint)|weekly|"
    r"standing|flag (?:this|button)|feedback (?:loop|button|channel|form|queue)|review queue|"
    r"office hours)\b",
    re.I,
)

# A loop held with the people who use the output, told as built or held (not as what one would
# do): a button in the product to flag a bad output, or a review on a regular day ("every
# Thursday, half an hour, we look at the twenty most rewritten drafts"). Who takes part is
# often a first name, so the people need not be in the same sentence.
_FLAG_IN_PRODUCT = re.compile(
    r"\b(?:(?:flag|feedback|report|wrong|thumbs)[\w -]{0,20}?(?:button|link)|"
    r"thumbs[- ]?down|(?:a|the) \W?flag this \w+)",
    re.I,
)
_HELD_REVIEW = re.compile(
    r"\b(?:every (?:other )?(?:week|monday|tuesday|wednesday|thursday|friday|sprint|fortnight)|"
    r"weekly|fortnightly|each week|once a week)\b"
    r"(?![ -](?:update|metric|report|sync|dashboard|status|number|check|audit|sample))"
    r"(?=.*\b(?:review|call|session|meeting|sit|spend|go(?:es)? through|went through|"
    r"look(?:ed)? at|half[- ]hour|\d+[- ]minutes?|(?:thirty|forty|forty[- ]five|fifteen)[- ]"
    r"minutes?)\b)"
    r"|\b(?:review|call|session|meeting|half[- ]hour)\b(?=.*\b(?:every (?:other )?(?:week|monday|"
    r"tuesday|wednesday|thursday|friday|fortnight)|weekly|fortnightly|each week|once a week)\b)",
    re.I,
)


def _holds_a_loop(sentence: str, with_others: bool) -> bool:
    """A loop held with the people who use the output, told as held (a wish for one, "next time
    I'd set up a weekly review with support", is none)."""
    if WOULD.search(sentence):
        return False
    held = _FLAG_IN_PRODUCT.search(sentence) or _HELD_REVIEW.search(sentence)
    return bool(held) or (with_others and _STANDING_LOOP.search(sentence) is not None)


OWNED_ACTIONS = 8  # "I" did this many things, at least as often as "we" did: level 3
OWNED_ANYWAY = 10  # ... or this many, however often "we" did
OWNED_DECISIONS = 2  # ... and made this many decisions out loud: level 4
OWNED_MISTAKES = 2  # ... or owned this many mistakes of their own: level 4
STORY_ACTIONS = 5  # a story has at least this many things done
STORY_OUTCOMES = 2  # ... and says how it turned out this many times: level 3
MEASURED_OUTCOMES = 4  # ... this many times, one of them with a figure: level 4
FIGURES_3 = 3  # sentences with figures or dates in the story
FIGURES_4 = 12
TOGETHER_3 = 3  # sentences where the speaker works with someone outside engineering
REFLECTIONS_3 = 2  # sentences that take something from the story
REFLECTIONS_4 = 4


@dataclass(frozen=True)
class Story:
    """What the candidate's answers tell, counted."""

    own_actions: int
    team_actions: int
    decisions: int
    outcomes: int
    measured_outcomes: int
    reflections: int
    figures: int  # sentences with a counted figure, a percentage, money or a date
    together: int  # sentences that work with product, design, support and the like
    loops: int  # ... that describe a standing loop with them (a weekly review, a flag button)
    sentences: tuple[str, ...]  # the sentences that carry any of it, in order
    names: frozenset[str] = frozenset()  # first names given for roles ("the PM was Daniel")
    lessons: frozenset[str] = frozenset()  # sentences answering the question about the lesson
    mistakes: int = 0  # sentences where the speaker owns a mistake of their own
    applied: int = 0  # sentences that tell the lesson applied since
    generic: int = 0  # lessons any story would give ("communication is important")


def read_story(
    sentences: Sequence[str], lessons: Sequence[str] = (), applied_since: Sequence[str] = ()
) -> Story:
    """Each sentence counted once however often it is said; what the speaker and the team
    did counted by distinct verbs ("I built it. I built it again." is one thing done).
    `lessons`: the sentences that answer a question about what they took from the story;
    `applied_since`: for each yes to "have you applied it since?", the sentence that tells how."""
    outcomes = measured = reflections = together = loops = figures = decisions = 0
    mistakes = applied = generic = 0
    answered = {" ".join(s.split()) for s in lessons if a_lesson(s)}
    told_applied = {" ".join(s.split()) for s in applied_since}
    answered |= told_applied
    own_verbs: set[str] = set()
    team_verbs: set[str] = set()
    carrying: list[str] = []
    sentences = list(dict.fromkeys(" ".join(s.split()) for s in sentences))
    names = _role_names(sentences)
    for sentence in sentences:
        with_others = bool(_WITH_OTHERS.search(sentence)) or _with_named(sentence, names)
        together += with_others
        loops += _holds_a_loop(sentence, with_others)
        mistakes += bool(_OWN_MISTAKE.search(sentence))
        applied_here = sentence in told_applied or (
            bool(APPLIED_SINCE.search(sentence)) and not WOULD.search(sentence)
        )
        applied += applied_here
        figures += bool(_FIGURE.search(sentence))
        mine = {m.split()[-1].lower() for m in _I_DID.findall(sentence)}
        own_verbs |= mine
        team_verbs |= {m.split()[-1].lower() for m in _WE_DID.findall(sentence)}
        # a decision said not to be the speaker's ("it wasn't really my call") is none
        lowered = sentence.lower()
        decided = sum(not negated_before(lowered, m.start()) for m in _DECIDED.finditer(sentence))
        turned_out = bool(_TURNED_OUT.search(sentence))
        # What others should do is no lesson of the speaker's, whatever it is called ("the
        # lesson is product needs to listen to engineering").
        took = (
            sentence in answered
            or applied_here
            or (bool(TOOK_FROM_IT.search(sentence)) and not deflects(sentence))
        )
        said_generic = took and generic_lesson(sentence)  # a lesson any story would give
        generic += said_generic
        took = took and not said_generic
        decisions += decided
        outcomes += turned_out
        measured += turned_out and bool(_MEASURED.search(sentence))
        reflections += took
        if (
            mine
            or decided
            or turned_out
            or took
            or said_generic
            or with_others
            or _FIGURE.search(sentence)
        ):
            carrying.append(sentence)
    return Story(
        len(own_verbs),
        len(team_verbs),
        decisions,
        outcomes,
        measured,
        reflections,
        figures,
        together,
        loops,
        tuple(carrying),
        names,
        frozenset(answered),
        mistakes,
        applied,
        generic,
    )


_NOT_NAMES = frozenset(
    {
        "The", "Our", "My", "And", "But", "So", "We", "They", "She", "He", "Then", "Also",
        "Just", "Now", "Later", "First", "Next", "After", "Before", "When", "While", "Because",
        "Yes", "No", "Well", "Honestly", "Actually", "Basically", "Anyway", "Still", "Even",
    }
)  # fmt: skip


def _role_names(sentences: Sequence[str]) -> frozenset[str]:
    """The first names the speaker gave people outside engineering ("the PM was Daniel")."""
    found = {name for s in sentences for m in _NAMED.finditer(s) for name in m.groups() if name}
    return frozenset(found - _NOT_NAMES)


def _with_named(sentence: str, names: frozenset[str]) -> bool:
    """A sentence where someone named for a role works with the speaker."""
    if not names or not any(re.search(rf"\b{name}\b", sentence) for name in names):
        return False
    if _TOGETHER_WORDS.search(sentence):
        return True
    # "Marta and I went through them", "me and Daniel"
    return any(
        re.search(rf"\b{name} and (?:I|me)\b|\b(?:I|me) and {name}\b", sentence, re.I)
        for name in names
    )


def story_level(story: Story, aspect: str) -> int:
    """The level a story shows on one aspect (1 when it shows nothing of it)."""
    if aspect == "ownership":
        own = story.own_actions
        if own >= OWNED_ANYWAY or (own >= OWNED_ACTIONS and own >= story.team_actions):
            # a decision said out loud beside a mistake of their own owned, or two decisions
            # ... or two mistakes of their own owned in so many words ("this part is on me", "if I
            # hadn't sat there we wouldn't have caught it")
            owns_it = (
                story.decisions >= OWNED_DECISIONS
                or bool(story.decisions and story.mistakes)
                or story.mistakes >= OWNED_MISTAKES
            )
            return 4 if owns_it else 3
        return 2 if story.own_actions else 1
    if aspect == "structure":
        if story.own_actions + story.team_actions < STORY_ACTIONS:
            return 1
        if story.outcomes >= MEASURED_OUTCOMES and story.measured_outcomes:
            return 4
        return 3 if story.outcomes >= STORY_OUTCOMES else 2
    if aspect == "reflection":
        if story.reflections >= REFLECTIONS_4 or (
            story.reflections >= REFLECTIONS_3 and story.applied
        ):
            return 4
        if story.reflections >= REFLECTIONS_3:
            return 3
        return 2 if story.reflections or story.generic else 1
    if aspect == "specifics":
        if story.figures >= FIGURES_4:
            return 4
        return 3 if story.figures >= FIGURES_3 else 1 + bool(story.figures)
    if aspect == "collaboration":
        if story.together >= TOGETHER_3:
            return 4 if story.loops else 3
        return 2 if story.together else 1
    raise ValueError(f"unknown story aspect {aspect!r}")


def carriers(story: Story, aspect: str) -> list[str]:
    """The sentences that show the aspect, for quoting."""
    if aspect == "collaboration":
        return [s for s in story.sentences if _WITH_OTHERS.search(s) or _with_named(s, story.names)]
    if aspect == "reflection":
        return [s for s in story.sentences if s in story.lessons or TOOK_FROM_IT.search(s)]
    pattern = {"ownership": _I_DID, "structure": _TURNED_OUT, "specifics": _FIGURE}
    return [s for s in story.sentences if pattern[aspect].search(s)]


def describe_story(story: Story, aspect: str) -> str:
    if aspect == "ownership":
        return (
            f"{story.own_actions} things the speaker did themselves against {story.team_actions}"
            f" the team did, {story.decisions} decisions owned"
        )
    if aspect == "structure":
        return (
            f"{story.own_actions + story.team_actions} things done and {story.outcomes} "
            f"statements of how it turned out, {story.measured_outcomes} with a figure"
        )
    if aspect == "specifics":
        return f"{story.figures} sentences with a figure or a date"
    if aspect == "collaboration":
        return (
            f"{story.together} sentences working with people outside engineering, "
            f"{story.loops} of them a standing loop"
        )
    return f"{story.reflections} sentences on what the speaker took from it"
