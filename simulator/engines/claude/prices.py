"""Pricing model calls from a dated table (shipped prices.yaml, overridable per model by
$MOCKLOOP_HOME/prices.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from scoring.content import load_model
from simulator import paths

SHIPPED = Path(__file__).with_name("prices.yaml")
PER = 1_000_000


class ModelPrice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: float = Field(ge=0)
    output: float = Field(ge=0)
    cache_write: float = Field(ge=0)
    cache_read: float = Field(ge=0)


class PriceTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: dt.date
    currency: str = "USD"
    batch_discount: float = Field(default=0.5, gt=0, le=1)
    models: dict[str, ModelPrice]

    def dollars(
        self,
        model: str,
        *,
        input_tokens: int,
        output_tokens: int,
        cache_write_tokens: int = 0,
        cache_read_tokens: int = 0,
        batch: bool = False,
    ) -> float | None:
        """The price of one call; None for a model the table does not know."""
        price = self.models.get(model)
        if price is None:
            return None
        total = (
            input_tokens * price.input
            + output_tokens * price.output
            + cache_write_tokens * price.cache_write
            + cache_read_tokens * price.cache_read
        ) / PER
        return round(total * (self.batch_discount if batch else 1.0), 8)


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
    if not path.is_file():
        return table
    extra = load_model(path, PriceOverride)
    return PriceTable(
        date=extra.date,
        currency=extra.currency or table.currency,
        batch_discount=extra.batch_discount or table.batch_discount,
        models={**table.models, **extra.models},
    )
