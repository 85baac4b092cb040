"""Judging with a model: k samples of one request (the first writes the prompt cache, the rest
read it), each malformed answer retried once with the validation errors, then aggregated."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from scoring.judge.aggregate import Rater, aggregate
from scoring.judge.parse import Sample, parse_sample
from scoring.judge.prompt import build_call, judge_prompt_version, retry_call
from scoring.judge.protocol import (
    JudgeCall,
    JudgeClient,
    JudgeReply,
    JudgeStoppedError,
    JudgeUnavailableError,
)
from scoring.rubrics.models import Rubric
from scoring.scorecard import Evidence, FlagHit, Scorecard, Usage
from scoring.transcripts.model import Transcript
from scoring.vocabulary.matcher import Matcher

DEFAULT_SAMPLES = 3


@dataclass
class _Outcome:
    sample: Sample | None = None
    usage: list[Usage] = field(default_factory=list)
    failure: str = ""


def add_usage(usages: list[Usage]) -> Usage:
    """The sum; dollars are unknown (None) when any part's are."""
    dollars = [u.dollars for u in usages]
    known = [d for d in dollars if d is not None]
    return Usage(
        input_tokens=sum(u.input_tokens for u in usages),
        output_tokens=sum(u.output_tokens for u in usages),
        thinking_tokens=sum(u.thinking_tokens for u in usages),
        cache_read_tokens=sum(u.cache_read_tokens for u in usages),
        cache_write_tokens=sum(u.cache_write_tokens for u in usages),
        dollars=round(sum(known), 6) if len(known) == len(dollars) else None,
    )


def read_reply(
    reply: JudgeReply, call: JudgeCall, rubric: Rubric, client: JudgeClient | None
) -> _Outcome:
    """Parse a reply; when anything is wrong, ask once more (with what was wrong) via `client`."""
    outcome = _Outcome(usage=[reply.usage])
    sample = parse_sample(reply, rubric)
    if sample.problems and not sample.refused and client is not None:
        retry = retry_call(call, reply, sample.problem_text())
        try:
            second = client.complete(retry)
        except JudgeStoppedError:
            raise
        except JudgeUnavailableError:
            outcome.sample = sample
            return outcome
        outcome.usage.append(second.usage)
        again = parse_sample(second, rubric)
        sample = again.merged_over(sample)
    outcome.sample = sample
    return outcome


def _one(client: JudgeClient, call: JudgeCall, rubric: Rubric) -> _Outcome:
    try:
        reply = client.complete(call)
    except JudgeStoppedError:
        raise
    except JudgeUnavailableError as exc:
        return _Outcome(failure=str(exc))
    return read_reply(reply, call, rubric, client)


def detected_injection(transcript: Transcript, matcher: Matcher | None) -> list[FlagHit]:
    """Grader-aimed sentences the offline reading finds: a backstop the model cannot talk away."""
    if matcher is None:
        return []
    from scoring.heuristic.reading import read_candidate

    return [
        FlagHit(
            id="grader_injection",
            description="text aimed at the grader, not the interviewer: ignored",
            evidence=Evidence(turn=s.turn, start=s.start, end=s.end, quote=s.text),
        )
        for s in read_candidate(transcript, matcher).sentences
        if s.injection
    ]


def judge_transcript(
    transcript: Transcript,
    rubric: Rubric,
    client: JudgeClient,
    *,
    samples: int = DEFAULT_SAMPLES,
    matcher: Matcher | None = None,
) -> Scorecard:
    """Score with k samples; raises JudgeUnavailableError only when no sample came back."""
    call = build_call(transcript, rubric)
    outcomes = [_one(client, call, rubric)]
    if samples > 1:
        with ThreadPoolExecutor(max_workers=min(4, samples - 1)) as pool:
            outcomes += list(pool.map(lambda _: _one(client, call, rubric), range(samples - 1)))
    return finish(transcript, rubric, client, outcomes, matcher)


def finish(
    transcript: Transcript,
    rubric: Rubric,
    client: JudgeClient,
    outcomes: list[_Outcome],
    matcher: Matcher | None,
) -> Scorecard:
    got = [o.sample for o in outcomes if o.sample is not None]
    failures = [o.failure for o in outcomes if o.failure]
    if not got:
        raise JudgeUnavailableError(failures[0] if failures else "the judge returned nothing")
    return aggregate(
        transcript,
        rubric,
        got,
        rater=Rater(client.rater, client.engine, judge_prompt_version()),
        usage=add_usage([u for o in outcomes for u in o.usage]),
        failures=failures,
        detected_injection=detected_injection(transcript, matcher),
    )


def batch_calls(
    transcripts: Mapping[str, Transcript], rubric: Rubric, samples: int = DEFAULT_SAMPLES
) -> dict[str, JudgeCall]:
    """One request per (transcript key, sample): custom ids `<key>-s<n>`."""
    calls: dict[str, JudgeCall] = {}
    for key, transcript in transcripts.items():
        call = build_call(transcript, rubric)
        for n in range(samples):
            calls[f"{key}-s{n}"] = call
    return calls


def collect_batch(
    replies: Mapping[str, JudgeReply | str],
    transcripts: Mapping[str, Transcript],
    rubric: Rubric,
    client: JudgeClient,
    *,
    samples: int = DEFAULT_SAMPLES,
    matcher: Matcher | None = None,
) -> dict[str, Scorecard | str]:
    """Scorecards from a finished batch (a malformed answer is retried once, directly).

    A transcript none of whose samples came back maps to the reason instead of a card.
    """
    cards: dict[str, Scorecard | str] = {}
    for key, transcript in transcripts.items():
        call = build_call(transcript, rubric)
        outcomes: list[_Outcome] = []
        for n in range(samples):
            reply = replies.get(f"{key}-s{n}", "no result for this request")
            if isinstance(reply, str):
                outcomes.append(_Outcome(failure=reply))
            else:
                outcomes.append(read_reply(reply, call, rubric, client))
        try:
            cards[key] = finish(transcript, rubric, client, outcomes, matcher)
        except JudgeUnavailableError as exc:
            cards[key] = str(exc)
    return cards
