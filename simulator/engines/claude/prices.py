"""Pricing model calls from a dated table (shipped prices.yaml, overridable per model by
$MOCKLOOP_HOME/prices.yaml), with a model's long-prompt tier applied per request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from scoring.content import load_model
from simulator import paths

SHIPPED = Path(__file__).with_name("prices.yaml")
PER = 1_000_000


@dataclass(frozen=True)
class TokenCounts:
    """What one request used, as its response's usage reports it."""

    input: int = 0
    output: int = 0
    cache_write: int = 0  # 5-minute cache writes
    cache_write_1h: int = 0
    cache_read: int = 0

    @property
    def prompt(self) -> int:
        """The request's prompt length, which picks the price tier."""
        return self.input + self.cache_write + self.cache_write_1h + self.cache_read


class Rates(BaseModel):
    """Dollars per million tokens; None is a rate the table does not know."""

    model_config = ConfigDict(extra="forbid")

    input: float = Field(ge=0)
    output: float = Field(ge=0)
    cache_write: float | None = Field(default=None, ge=0)
    cache_write_1h: float | None = Field(default=None, ge=0)
    cache_read: float | None = Field(default=None, ge=0)

    def cost(self, tokens: TokenCounts, *, discount: float = 1.0) -> float | None:
        """The request's dollars; None when it used a kind of token this table cannot price.
        `discount` applies to input and output (Message Batches)."""
        total = (tokens.input * self.input + tokens.output * self.output) * discount
        for count, rate in (
            (tokens.cache_write, self.cache_write),
            (tokens.cache_write_1h, self.cache_write_1h),
            (tokens.cache_read, self.cache_read),
        ):
            if count:
                if rate is None:
                    return None
                total += count * rate
        return round(total / PER, 8)


class LongPrompt(Rates):
    threshold: int = Field(gt=0)  # prompt tokens above which every token pays these rates


class ModelPrice(Rates):
    long_prompt: LongPrompt | None = None

    def rates_for(self, prompt_tokens: int) -> Rates:
        tier = self.long_prompt
        return tier if tier is not None and prompt_tokens > tier.threshold else self


class PriceTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: dt.date
    currency: str = "USD"
    batch_discount: float = Field(default=0.5, gt=0, le=1)
    models: dict[str, ModelPrice]

    def dollars(self, model: str, tokens: TokenCounts, *, batch: bool = False) -> float | None:
        """The price of one request; None for a model (or a rate) the table does not know."""
        price = self.models.get(model)
        if price is None:
            return None
        discount = self.batch_discount if batch else 1.0
        return price.rates_for(tokens.prompt).cost(tokens, discount=discount)


class PriceOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: dt.date
    currency: str | None = None
    batch_discount: float | None = Field(default=None, gt=0, le=1)
    models: dict[str, ModelPrice] = {}


def override_path() -> Path:
    return paths.home() / "prices.yaml"


def load_prices() -> PriceTable:
    """The shipped table with the user's override applied (a bad override is a ContentError)."""
    table = load_model(SHIPPED, PriceTable)
    path = override_path()
    if not path.exists() and not path.is_symlink():
        return table  # a pipe, a device or a broken link there is reported, not ignored
    extra = load_model(path, PriceOverride)
    return PriceTable(
        date=extra.date,
        currency=extra.currency or table.currency,
        batch_discount=extra.batch_discount or table.batch_discount,
        models={**table.models, **extra.models},
    )
