"""JSON schemas as the fake API sees them: the structured-outputs subset check, `$ref`
resolution, a minimal instance of a schema, and a small validator for that subset.

The subset is what `anthropic.transform_schema` produces (anthropic/lib/_parse/_transform.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "enum",
        "const",
        "anyOf",
        "allOf",
        "description",
        "title",
        "$defs",
        "$ref",
        "format",
        "minItems",
    }
)
TYPES = frozenset({"object", "array", "string", "integer", "number", "boolean", "null"})
# The SDK's SupportedStringFormats (copied: that module is private).
STRING_FORMATS = frozenset(
    {"date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"}
)
REF_PREFIX = "#/$defs/"


# -- the supported subset ------------------------------------------------------------------------


def schema_problem(schema: object, path: str, root: dict[str, Any] | None = None) -> str | None:
    """The first way `schema` leaves the supported subset, as "<path>: <problem>", else None."""
    if not isinstance(schema, dict):
        return f"{path}: a schema must be a JSON object"
    root = schema if root is None else root
    for key in schema:
        if key not in KEYWORDS:
            return f"{path}: unsupported keyword '{key}'"
    problem = _node_problem(schema, root)
    if problem is not None:
        return f"{path}: {problem}"
    for child_path, child in _children(schema, path):
        problem = schema_problem(child, child_path, root)
        if problem is not None:
            return problem
    return None


def _types(schema: dict[str, Any]) -> list[object]:
    kind = schema.get("type")
    if kind is None:
        return []
    return list(kind) if isinstance(kind, list) else [kind]


def _node_problem(schema: dict[str, Any], root: dict[str, Any]) -> str | None:
    types = _types(schema)
    for kind in types:
        if kind not in TYPES:
            return f"unsupported type {kind!r}"
    is_object = "object" in types or ("properties" in schema and not types)
    if (is_object or "additionalProperties" in schema) and schema.get(
        "additionalProperties"
    ) is not False:
        return "object schemas must set 'additionalProperties': false"
    if "format" in schema and schema["format"] not in STRING_FORMATS:
        return f"unsupported format {schema['format']!r}"
    if "minItems" in schema and schema["minItems"] not in (0, 1):
        return f"minItems must be 0 or 1 (got {schema['minItems']!r})"
    if "$ref" in schema:
        ref = schema["$ref"]
        if not isinstance(ref, str) or not ref.startswith(REF_PREFIX):
            return f"$ref must point into {REF_PREFIX} (got {ref!r})"
        if ref.removeprefix(REF_PREFIX) not in (root.get("$defs") or {}):
            return f"$ref {ref!r} does not resolve"
    return None


def _children(schema: dict[str, Any], path: str) -> Iterator[tuple[str, object]]:
    for name, child in (schema.get("properties") or {}).items():
        yield f"{path}.properties.{name}", child
    if "items" in schema:
        yield f"{path}.items", schema["items"]
    for keyword in ("anyOf", "allOf"):
        for index, child in enumerate(schema.get(keyword) or []):
            yield f"{path}.{keyword}[{index}]", child
    for name, child in (schema.get("$defs") or {}).items():
        yield f"{path}.$defs.{name}", child


# -- reading a schema ----------------------------------------------------------------------------


def resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """`schema` with its `$ref`s (into the root's `$defs`) followed."""
    seen = 0
    while "$ref" in schema and seen < 64:
        schema = root["$defs"][str(schema["$ref"]).removeprefix(REF_PREFIX)]
        seen += 1
    return schema


def example_instance(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """A minimal valid instance: every required property, the first enum value, "" for strings,
    0 for numbers, False for booleans, [] for arrays (one item when minItems is 1)."""
    root = schema if root is None else root
    schema = resolve(schema, root)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if schema.get("anyOf"):
        return example_instance(schema["anyOf"][0], root)
    if schema.get("allOf"):
        parts = [example_instance(part, root) for part in schema["allOf"]]
        if all(isinstance(part, dict) for part in parts):
            return {k: v for part in parts for k, v in part.items()}
        return parts[0]
    types = _types(schema)
    kind = next((t for t in types if t != "null"), types[0] if types else None)
    if kind == "object" or (kind is None and "properties" in schema):
        props = schema.get("properties") or {}
        return {name: example_instance(props[name], root) for name in schema.get("required") or []}
    if kind == "array":
        wanted = schema.get("minItems", 0) >= 1 and "items" in schema
        return [example_instance(schema["items"], root)] if wanted else []
    return {"string": "", "integer": 0, "number": 0, "boolean": False}.get(str(kind))


# -- validating an instance ----------------------------------------------------------------------


def instance_problems(
    instance: object, schema: dict[str, Any], root: dict[str, Any] | None = None, path: str = "$"
) -> list[str]:
    """Where `instance` breaks `schema` (the supported subset only); [] when it conforms."""
    root = schema if root is None else root
    schema = resolve(schema, root)
    found: list[str] = []
    if "const" in schema and instance != schema["const"]:
        found.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        found.append(f"{path}: {instance!r} is not one of {schema['enum']!r}")
    variants = schema.get("anyOf") or []
    if variants and all(instance_problems(instance, v, root, path) for v in variants):
        found.append(f"{path}: matches no anyOf variant")
    for part in schema.get("allOf") or []:
        found += instance_problems(instance, part, root, path)
    types = _types(schema)
    if types and not any(_is_type(instance, str(kind)) for kind in types):
        return [*found, f"{path}: expected {'/'.join(map(str, types))}"]
    if isinstance(instance, dict):
        props = schema.get("properties") or {}
        for name in schema.get("required") or []:
            if name not in instance:
                found.append(f"{path}: missing {name!r}")
        for name, value in instance.items():
            if name in props:
                found += instance_problems(value, props[name], root, f"{path}.{name}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: unexpected property {name!r}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            found.append(f"{path}: fewer than {schema['minItems']} items")
        for index, item in enumerate(instance):
            if "items" in schema:
                found += instance_problems(item, schema["items"], root, f"{path}[{index}]")
    return found


def _is_type(value: object, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    expected = {"object": dict, "array": list, "string": str, "boolean": bool}.get(kind)
    return value is None if kind == "null" else expected is not None and isinstance(value, expected)
