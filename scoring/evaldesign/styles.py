"""Which eval style(s) a candidate's eval uses, read from its syntax tree (rules in
`scoring.evaldesign.analysis`; words in vocabulary.yaml)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from scoring.evaldesign.report import StyleFinding, StyleId
from scoring.evaldesign.vocabulary import (
    StyleWords,
    dotted_name,
    matches_module,
    matches_name,
    matches_stem,
    matches_word,
    vocabulary,
)

STYLE_ORDER: tuple[StyleId, ...] = ("exact_match", "pattern", "similarity", "model_graded")
MAX_LINES = 5  # line numbers kept per finding


def find_styles(tree: ast.Module) -> list[StyleFinding]:
    """Every style recognised, in the order exact match, pattern, similarity, model-graded."""
    styles = vocabulary().styles
    uses = list(identifiers(tree))
    found: list[StyleFinding] = []
    for style in STYLE_ORDER:
        words = styles[style]
        if style == "exact_match":
            hits = _exact_match(tree, words, uses)
        elif style == "pattern":
            hits = _pattern(words, uses)
        else:
            hits = _named(words, uses)
            if style == "model_graded":
                hits += _rubric_text(tree, words)
        if hits:
            hits.sort(key=lambda hit: hit[0])
            lines = sorted({line for line, _ in hits})[:MAX_LINES]
            what = list(dict.fromkeys(reason for _, reason in hits))[:3]
            found.append(
                StyleFinding(style=style, label=words.label, lines=lines, reason=", ".join(what))
            )
    return found


def identifiers(tree: ast.Module) -> Iterator[tuple[str, int, str]]:
    """(dotted name, line, kind) for every import, call and function definition."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, "import"
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, node.lineno, "import"
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno, "import"
        elif isinstance(node, ast.Call):
            name = dotted_name(node.func)
            if name:
                yield name, node.lineno, "call"
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node.lineno, "def"


def _named(words: StyleWords, uses: list[tuple[str, int, str]]) -> list[tuple[int, str]]:
    hits = []
    for name, line, kind in uses:
        if kind == "import" and matches_module(name, words.modules):
            hits.append((line, f"imports {name}"))
        elif kind != "import" and (
            matches_name(name, words.names)
            or matches_stem(name, words.stems)
            or any(name == call or name.endswith("." + call) for call in words.calls)
        ):
            hits.append((line, f"{'calls' if kind == 'call' else 'defines'} {name}"))
        elif kind == "import" and (
            matches_name(name, words.names) or matches_stem(name.split(".")[-1], words.stems)
        ):
            hits.append((line, f"imports {name}"))
    return hits


def _pattern(words: StyleWords, uses: list[tuple[str, int, str]]) -> list[tuple[int, str]]:
    if not any(kind == "import" and matches_module(n, words.modules) for n, _, kind in uses):
        return []
    return [
        (line, "regular expressions")
        for name, line, kind in uses
        if kind == "call" and "." in name and matches_name(name, words.names)
    ]


def _rubric_text(tree: ast.Module, words: StyleWords) -> list[tuple[int, str]]:
    phrases = [phrase.lower() for phrase in words.text]
    return [
        (node.lineno, "a grading rubric in a string")
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(phrase in node.value.lower() for phrase in phrases)
    ]


def _exact_match(
    tree: ast.Module, words: StyleWords, uses: list[tuple[str, int, str]]
) -> list[tuple[int, str]]:
    expected = _expected_names(tree, words.expected_names)
    hits = [
        (node.lineno, "== against the expected answer")
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops)
        and _one_side_expected(node, expected, words.expected_names)
    ]
    hits += [
        (line, f"calls {name}")
        for name, line, kind in uses
        if kind == "call" and matches_name(name, words.names)
    ]
    return hits


def _one_side_expected(node: ast.Compare, tainted: set[str], words: list[str]) -> bool:
    sides = [node.left, *node.comparators]
    marked = [_mentions_expected(side, tainted, words) for side in sides]
    return any(marked) and not all(marked)


def _mentions_expected(node: ast.AST, tainted: set[str], words: list[str]) -> bool:
    wanted = {w.lower() for w in words}
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and (sub.id in tainted or matches_word(sub.id, words)):
            return True
        if isinstance(sub, ast.Attribute) and matches_word(sub.attr, words):
            return True
        if (
            isinstance(sub, ast.Subscript)
            and isinstance(sub.slice, ast.Constant)
            and isinstance(sub.slice.value, str)
            and sub.slice.value.lower() in wanted
        ):
            return True
    return False


def _expected_names(tree: ast.Module, words: list[str]) -> set[str]:
    """Names that hold (part of) the expected answer: assigned, looped over or bound in a
    comprehension from something that mentions it. Flow-insensitive; a few rounds reach a
    fixed point for the short chains an eval has."""
    tainted: set[str] = set()
    bindings = [(names, value) for names, value in _bindings(tree) if _carries_value(value)]
    for _ in range(4):
        before = len(tainted)
        for targets, value in bindings:
            if _mentions_expected(value, tainted, words):
                tainted.update(targets)
        if len(tainted) == before:
            break
    return tainted


def _bindings(tree: ast.Module) -> Iterator[tuple[list[str], ast.AST]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            yield [n for t in node.targets for n in _target_names(t)], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            yield _target_names(node.target), node.value
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            yield _loop_names(node.target, node.iter), node.iter
        elif isinstance(node, ast.NamedExpr):
            yield _target_names(node.target), node.value


_COUNTING_CALLS = frozenset({"any", "all", "sum", "len", "bool", "int", "float", "max", "min"})


def _carries_value(node: ast.AST) -> bool:
    """Whether a name bound to `node` holds the value itself, not a verdict or a count made
    from it (`ok = out == want`, `missing = sum(...)`); a running count (`hits += ...`) is
    never bound here."""
    if isinstance(node, ast.Compare | ast.BoolOp):
        return False
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return False
    return not (isinstance(node, ast.Call) and dotted_name(node.func) in _COUNTING_CALLS)


def _loop_names(target: ast.AST, iterated: ast.AST) -> list[str]:
    """The names a loop binds to values: in `for key, value in d.items()` the value alone
    (a field name is not the expected answer); none for `.keys()`."""
    method = dotted_name(iterated.func).split(".")[-1] if isinstance(iterated, ast.Call) else ""
    if method == "keys":
        return []
    if method == "items" and isinstance(target, ast.Tuple) and len(target.elts) == 2:
        return _target_names(target.elts[1])
    return _target_names(target)


def _target_names(target: ast.AST) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
