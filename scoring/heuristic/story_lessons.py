"""What a speaker took from a behavioural story: a lesson tied to it ("in hindsight", "I
should have asked support first"), one applied since ("on every feature since, I ..."), and
what is only wished for or asked of others, which is no lesson of theirs. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from scoring.transcripts.model import Transcript

TOOK_FROM_IT = re.compile(
    r"\b(?:i learn(?:ed|t)|lesson|in hindsight|looking back|differently|next time|"
    r"i should(?:n\W?t)? have|i wish|if i did it again|my mistake|i got (?:it )?wrong|"
    r"the wrong (?:one|call)|not proud|taught me|what i took away|these days i|since then i|"
    r"i now|i always|i never|in retrospect|takeaway|i reali[sz]ed|it made me|what i\W?d change|"
    r"i\W?d (?:have )?(?:\w+ )?(?:earlier|sooner|first)|now i (?:\w+ )?(?:always|never|start|"
    r"make|ask|insist|check|add|write|run)|i(?:\W?ve| have) (?:since )?(?:started|stopped|changed)|"
    r"i changed how|(?:on|in) every (?:project|feature|design)|do it again)\b",
    re.I,
)
# What one would, should or might do, or is told to do, rather than what was done.
WOULD = re.compile(
    r"\b(?:would|should|could|might|maybe|probably|next time)\b|\b(?:i|we|you)\W?d\b"
    r"|^\W*(?:and |so )?(?:have|add|start|set up|build|get)\b",
    re.I,
)

# The lesson applied since, told as done (not as what one would do): "since then, on every
# feature I work on, I ...", "on the next feature the first document was ...", "the readiness
# sheet is now a template".
APPLIED_SINCE = re.compile(
    r"\b(?:(?:checklist|template|playbook|runbook) now|(?:what|which) (?:i|we) do now|"
    r"since then|ever since|on (?:every|each|the next|my next|a later|the following) "
    r"(?:[\w-]+ ){0,2}(?:feature|project|launch|team|job|model|change|release|thing)s?|these days|"
    r"(?:features?|projects?|launch(?:es)?|releases?|models?|changes?|times) since|"
    r"(?:is|are) now (?:a |the |part of |in )?(?:the )?(?:template|checklist|standard|default|"
    r"rule))\b"
    r"|^\W*(?:(?:so|and),? )?now,? (?:on|with|for|whenever|before|every|any)\b"
    # "I do that now on everything", "we run it now before any switch"
    r"|\b(?:i|we) \w+ (?:that|this|it|them|one|these|those)(?: \w+)? now,? (?:on|for|with|before)"
    r" (?:every|each|any)\w*\b",
    re.I,
)


# The interviewer asking for the lesson: the answer to it is what the speaker took from the
# story, however it is worded ("Two things. One, never point production at a floating alias").
_ASKS_FOR_THE_LESSON = re.compile(
    r"\b(?:lessons?|learn\w*|differently|take away|took away|takeaway|looking back|hindsight|"
    r"applied (?:it|that|this)|change (?:anything|something)|do again)\b",
    re.I,
)
LESSON_WORDS = 8  # a sentence of the answer shorter than this is no lesson ("Two things.")

# The interviewer asking whether the lesson was applied since ("Have you done that since?",
# "Have you changed anything in how you work since then?"), and an answer that says it was:
# what follows the yes is the lesson applied ("Yes. In my current role, prices live in a table
# and numbers in outputs are checked against it").
_ASKS_IF_APPLIED = re.compile(
    r"\b(?:have|did) you (?:\w+ )?(?:done|applied|used|changed|carried|kept|tried)"
    r"\b[^?]*\bsince\b|\bapplied (?:it|that|this)\b|\bdid (?:that|it) (?:stick|carry on)\b",
    re.I,
)
_SAYS_IT_WAS = re.compile(
    r"^\W*(?:(?:um|uh|so|well|oh),?\s+)*(?:yes|yeah|yep|yup|i have|we have|absolutely|"
    r"definitely|on (?:my|the|our|every) (?:current|next|last|later|new)?\s?(?:project|role|job|"
    r"team|feature)|every (?:project|feature|time)|since then)\b",
    re.I,
)


def applied_since(transcript: Transcript) -> set[int]:
    """The candidate turns (numbers) that say yes when asked whether the lesson was applied
    since."""
    answers: set[int] = set()
    asked = False
    for number, turn in enumerate(transcript.turns, start=1):
        if turn.role == "interviewer":
            asked = bool(_ASKS_IF_APPLIED.search(turn.text))
        elif asked and _SAYS_IT_WAS.search(turn.text):
            answers.add(number)
    return answers


def the_lesson_applied(sentences: Sequence[str]) -> str | None:
    """The first sentence of a yes to "have you applied it since?" that tells how (not the
    "Yes." itself, nor a question back)."""
    for sentence in sentences:
        if len(sentence.split()) >= LESSON_WORDS and not sentence.rstrip().endswith("?"):
            return sentence
    return None


def answers_to_the_lesson(transcript: Transcript) -> set[int]:
    """The candidate turns (numbers) that answer a question about what they took from it."""
    answers: set[int] = set()
    asked = False
    for number, turn in enumerate(transcript.turns, start=1):
        if turn.role == "interviewer":
            asked = bool(_ASKS_FOR_THE_LESSON.search(turn.text))
        elif asked:
            answers.add(number)
    return answers


# A lesson is a practice the speaker takes from the story, said as what they do or would do
# ("we should test with real invoices first", "I try to have a check that is not the model",
# "never point production at a floating alias", "I wouldn't make a field required unless the
# answer always exists"); an excuse ("we did what we could") or what others should do
# ("product needs to know what they want") is none.
_PRACTICE = re.compile(
    r"\b(?:I|we)(?:\W?d| would| will| should| now| always| never| try to| make sure| still"
    r"|\W?ve (?:applied|used|started|kept)| wouldn\W?t| won\W?t| don\W?t| no longer)\b"
    # said as an instruction, after a word or two that leads in ("And, um, talk to support
    # before, not after", "Like, ask the support leads", "Stratify the eval set by ...")
    r"|^\W*(?:(?:and|so|one|two|three|first|second|third|also|then|plus|like|um|uh|"
    r"finally|on the \w+ side),?\s+){0,3}(?:not |never |always |don\W?t )?(?:never|always|"
    r"don\W?t|test|build|ask|involve|start|check|keep|pin|measure|write|treat|talk|put|run|"
    r"read|ship|sample|stratify|label|include|add|bring|share|show|stop|split|log|track|"
    r"make|set|define|agree|document|plan|budget|spend|push|review|compare|loop|design|"
    r"prototype|validate|verify|monitor|watch|own|estimate|scope|cut|avoid|assume|look|sit|"
    r"pair|use|try|gate|slow|wait|go|give|take|tell|find)\b"
    r"|\b(?:has|have) to be\b",
    re.I,
)
_OTHERS = r"(?:they|them|product|support|the pm|pms|management|the business|sales|design|\w+ team)"
_DEFLECTS = re.compile(
    rf"\b{_OTHERS}\b[^.?!]{{0,25}}\b(?:needs?|should|has to|have to|must)\b"
    r"|\bnot (?:really )?up to (?:me|us)\b"
    rf"|\b(?:want|expect)\s+(?:the\s+)?{_OTHERS}\b[^.?!]{{0,25}}\bto\b"
    # others made to do it: "get product to freeze the scope", "get the data team to sign off"
    rf"|\bget\s+(?:the\s+)?(?:{_OTHERS}|\w+ team|\w+ lead)\b[^.?!]{{0,25}}\bto\b",
    re.I,
)
# The speaker doing something themselves ("so now I write down who owns each step", "I have to
# push back with data"), beside wanting, saying or thinking something of others.
_SPEAKER_ACTS = re.compile(
    r"\b(?:i|we)(?:\W?d| would| will| now| always| never| try to| make sure| still|\W?ve| have to"
    r"| need to)?\s+(?:always\s+|now\s+|never\s+|also\s+)?(?!(?:want|wanted|wish|wished|say|said|"
    r"think|thought|tell|told|feel|felt|guess|mean|meant|believe|hope|was|were|am|are|is)\b)[a-z]+",
    re.I,
)


def deflects(sentence: str) -> bool:
    """What others should do, with nothing the speaker does about it ("the lesson is product
    needs to listen to engineering"; not "the team needs clear ownership, so now I write down
    who owns each step")."""
    return bool(_DEFLECTS.search(sentence)) and not _SPEAKER_ACTS.search(sentence)


def a_lesson(sentence: str) -> bool:
    return (
        len(sentence.split()) >= LESSON_WORDS
        and bool(_PRACTICE.search(sentence))
        and not deflects(sentence)
        and not sentence.rstrip().endswith("?")
    )


# A lesson anyone could draw from any story, the reflection anchor's level 2: "communication is
# really important", "test more before launch", "push back harder on the timeline", "a good
# learning experience".
_GENERIC_LESSON = re.compile(
    r"\b(?:communication is|communicate (?:more|better|earlier)|(?:on|getting) the same page|"
    r"test (?:more|better|it (?:more|properly|better))|more testing|(?:push|pushed) (?:back )?"
    r"harder|learning experience|learned a lot|lock(?:ed)? down the requirements|"
    r"(?:more|better) documentation|write (?:more|things) down|requirements (?:are |were )?"
    r"(?:clear|clearer|stable|locked)|(?:clear|clearer|stable) requirements)\b",
    re.I,
)


def generic_lesson(sentence: str) -> bool:
    return bool(_GENERIC_LESSON.search(sentence))
