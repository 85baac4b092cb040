"""Structured outputs: a pydantic model's JSON schema as an `output_config.format`.

Constrained decoding takes a subset of JSON Schema (every object closed with
`additionalProperties: false`; no numeric or length bounds). The SDK's `transform_schema`
rewrites a schema into that subset and moves the bounds it drops into the descriptions; the
answer is still validated against the full pydantic model afterwards, so nothing is lost.
"""

from __future__ import annotations

from typing import Any


def json_format(schema: dict[str, Any]) -> dict[str, Any]:
    """The `output_config.format` value that binds the answer to `schema`."""
    from anthropic import transform_schema

    return {"type": "json_schema", "schema": transform_schema(schema)}
