"""Model-backed judging: the prompt, the output schema, k-sample aggregation and the small
client protocol a model engine implements (scoring never imports the engine)."""

from scoring.judge.protocol import (
    BatchJudgeClient,
    BatchStatus,
    JudgeCall,
    JudgeClient,
    JudgeReply,
    JudgeStoppedError,
    JudgeUnavailableError,
)
from scoring.judge.run import (
    DEFAULT_SAMPLES,
    add_usage,
    batch_calls,
    collect_batch,
    judge_transcript,
)

__all__ = [
    "DEFAULT_SAMPLES",
    "BatchJudgeClient",
    "BatchStatus",
    "JudgeCall",
    "JudgeClient",
    "JudgeReply",
    "JudgeStoppedError",
    "JudgeUnavailableError",
    "add_usage",
    "batch_calls",
    "collect_batch",
    "judge_transcript",
]
