"""Pricing Claude calls: today's dated table, the long-prompt tier per request, batches,
unknown models and rates (never $0), the user's override, and the usage lines users read."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.content import ContentError
from simulator.engines.claude.calls import UsageTotals
from simulator.engines.claude.prices import PriceTable, TokenCounts, load_prices

M = 1_000_000


@pytest.fixture
def table() -> PriceTable:
    return load_prices()


@pytest.mark.parametrize(
    ("model", "tokens", "dollars"),
    [
        # list prices per million: input, output, 5-minute cache write, cache read
        ("claude-haiku-5-5", TokenCounts(input=100_000), 0.01),  # at the tier threshold
        ("claude-haiku-5-5", TokenCounts(output=M), 0.50),
        ("claude-sonnet-5-5", TokenCounts(input=M, output=M), 12.0),
        ("claude-sonnet-5-5", TokenCounts(cache_read=M), 0.10),  # cut from 0.20 on 2026-10-07
        ("claude-sonnet-5-5", TokenCounts(cache_write=M, cache_write_1h=M), 6.5),
        ("claude-opus-5-5", TokenCounts(input=M, output=M, cache_write=M, cache_read=M), 29.2),
        ("claude-fable-5-1", TokenCounts(input=M, output=M), 60.0),
    ],
    ids=["haiku-in", "haiku-out", "sonnet", "sonnet-read", "sonnet-writes", "opus", "fable"],
)
def test_current_list_prices(
    table: PriceTable, model: str, tokens: TokenCounts, dollars: float
) -> None:
    assert table.dollars(model, tokens) == pytest.approx(dollars)


def test_a_long_haiku_prompt_pays_the_second_rates_on_every_token(table: PriceTable) -> None:
    # 100,000 prompt tokens is still the first tier; one more moves the whole request.
    at = TokenCounts(input=60_000, cache_read=30_000, cache_write=10_000, output=2_000)
    over = TokenCounts(input=60_001, cache_read=30_000, cache_write=10_000, output=2_000)
    assert at.prompt == 100_000 and over.prompt == 100_001
    first = (60_000 * 0.10 + 30_000 * 0.01 + 10_000 * 0.125 + 2_000 * 0.50) / M
    second = (60_001 * 0.50 + 30_000 * 0.05 + 10_000 * 0.625 + 2_000 * 2.50) / M
    assert table.dollars("claude-haiku-5-5", at) == pytest.approx(first)
    assert table.dollars("claude-haiku-5-5", over) == pytest.approx(second)
    # models without a long-prompt tier keep their rates however long the prompt
    big = TokenCounts(input=500_000)
    assert table.dollars("claude-sonnet-5-5", big) == pytest.approx(1.0)


def test_batches_halve_input_and_output(table: PriceTable) -> None:
    tokens = TokenCounts(input=M, output=M)
    assert table.dollars("claude-sonnet-5-5", tokens, batch=True) == pytest.approx(6.0)
    with_cache = TokenCounts(input=M, cache_read=M)
    assert table.dollars("claude-sonnet-5-5", with_cache, batch=True) == pytest.approx(1.1)


def test_an_unknown_model_or_rate_is_unknown_never_free(table: PriceTable) -> None:
    assert table.dollars("claude-unknown-9", TokenCounts(input=1, output=1)) is None
    # fable's cache rates are not published: a call that used the cache cannot be priced
    assert table.dollars("claude-fable-5-1", TokenCounts(input=10, cache_read=5)) is None
    assert table.dollars("claude-fable-5-1", TokenCounts(input=10)) is not None
    assert table.dollars("claude-opus-5-5", TokenCounts(cache_write_1h=1)) is None


def test_the_table_is_dated_and_the_user_override_replaces_models(isolated_home: Path) -> None:
    assert load_prices().date.isoformat() == "2026-12-02"
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "prices.yaml").write_text(
        "date: 2027-02-01\nmodels:\n"
        "  new-model: {input: 2, output: 4, cache_write: 2.5, cache_read: 0.2}\n"
        "  claude-haiku-5-5: {input: 1, output: 5}\n"
    )
    merged = load_prices()
    assert merged.date.isoformat() == "2027-02-01"
    assert merged.dollars("new-model", TokenCounts(input=500_000)) == 1.0
    haiku = merged.models["claude-haiku-5-5"]
    assert haiku.input == 1 and haiku.long_prompt is None, "an override replaces the whole model"
    assert "claude-sonnet-5-5" in merged.models
    (isolated_home / "prices.yaml").write_text(
        "date: 2027-02-01\nmodels:\n  m: {input: 1, output: 1, long_prompt: {input: 1}}\n"
    )
    with pytest.raises(ContentError, match=r"prices\.yaml: models\.m\.long_prompt"):
        load_prices()
    (isolated_home / "prices.yaml").write_text("date: 2027-02-01\nmodels:\n  m: {input: -1}\n")
    with pytest.raises(ContentError, match=r"prices\.yaml: models\.m\.input"):
        load_prices()


def test_usage_lines_show_tokens_thinking_and_dollars() -> None:
    totals = UsageTotals(
        calls=2,
        input_tokens=100,
        output_tokens=50,
        thinking_tokens=20,
        cache_read_tokens=900,
        dollars=0.0123,
    )
    assert totals.line() == "1,050 tokens (20 thinking) · $0.0123"
    assert round(totals.cache_read_share, 2) == 0.9
    assert totals.thinking_share == 0.4
    assert totals.to_json()["thinking_share"] == 0.4


def test_calls_that_cannot_be_priced_are_never_shown_as_free() -> None:
    unknown = UsageTotals(calls=2, input_tokens=10, output_tokens=5, unpriced_calls=2)
    assert unknown.line().endswith("· cost unknown") and "$" not in unknown.line()
    assert unknown.to_json()["dollars"] is None
    partly = UsageTotals(calls=3, input_tokens=10, dollars=0.5, unpriced_calls=1)
    assert partly.line().endswith("$0.5000 + unknown (1 call)")
