"""Whether a candidate's eval sets a threshold: a pass rate or score compared with a number
(rules in `scoring.evaldesign.analysis`; words in vocabulary.yaml)."""

from __future__ import annotations

import ast

from scoring.evaldesign.report import Threshold
from scoring.evaldesign.vocabulary import (
    dotted_name,
    matches_name,
    matches_stem,
    matches_word,
    vocabulary,
)

COMPARE_TEXT = 80  # characters of the comparison shown

_ORDER_OPS = (ast.Gt, ast.GtE, ast.Lt, ast.LtE, ast.Eq)
_LIMIT_STEMS = ["threshold", "min", "max", "target", "floor", "tolerance", "limit", "bar"]


def find_threshold(tree: ast.Module) -> Threshold | None:
    """The first comparison of a pass rate or score with a number, in source order."""
    constants = _numeric_constants(tree)
    compares = sorted(
        (n for n in ast.walk(tree) if isinstance(n, ast.Compare)),
        key=lambda n: (n.lineno, n.col_offset),
    )
    for node in compares:
        sides = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, sides[:-1], sides[1:], strict=True):
            if not isinstance(op, _ORDER_OPS):
                continue
            for number, other in ((left, right), (right, left)):
                value = _number(number, constants)
                if value is not None and _rate_like(other):
                    text = ast.unparse(node)
                    if isinstance(number, ast.Name):
                        text += f" ({number.id} = {value:g})"
                    return Threshold(text=clip(text), value=value, line=node.lineno)
    return None


def _numeric_constants(tree: ast.Module) -> dict[str, float]:
    found: dict[str, float] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = _literal(node.value)
            if value is not None:
                found.update({t.id: value for t in targets if isinstance(t, ast.Name)})
    return found


def _literal(node: ast.AST) -> float | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand)
        return None if inner is None else -inner
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return float(node.value)
    return None


def _number(node: ast.AST, constants: dict[str, float]) -> float | None:
    """A literal, or a name assigned one that reads as a limit (`MIN_ACCURACY`, `threshold`),
    not a measured value that happens to be assigned a number somewhere."""
    if isinstance(node, ast.Name):
        limit = node.id.isupper() or matches_stem(node.id, _LIMIT_STEMS)
        return constants.get(node.id) if limit else None
    return _literal(node)


def _rate_like(node: ast.AST) -> bool:
    words = vocabulary().threshold
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ast.Div | ast.FloorDiv) or (
            isinstance(node.op, ast.Mult) and (_rate_like(node.left) or _rate_like(node.right))
        )
    if isinstance(node, ast.Call):
        name = dotted_name(node.func)
        if name == "len":
            return bool(node.args) and _rate_name(dotted_name(node.args[0]))
        if name in ("round", "float", "abs") and node.args:
            return _rate_like(node.args[0])
        return matches_name(name, words.aggregate_calls) or _rate_name(name)
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and _rate_name(key.value):
            return True
        return _rate_name(dotted_name(node.value))
    if isinstance(node, ast.Name | ast.Attribute):
        return _rate_name(dotted_name(node))
    return False


def _rate_name(name: str) -> bool:
    words = vocabulary().threshold
    last = name.rsplit(".", 1)[-1]
    return bool(last) and (matches_word(last, words.words) or matches_stem(last, words.stems))


def clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= COMPARE_TEXT else text[: COMPARE_TEXT - 1] + "…"
