"""Reading a candidate's eval (a pytest module) with `ast`, never running it: its style(s), its
threshold, what it says about CI, how many tests and asserts it has.

The words come from vocabulary.yaml; the rules, decided here:

- **exact match**: a `==` or `!=` whose one side is the expected answer (a name such as
  `expected` or `want`, a subscript `["expected"]`, or a name assigned or looped over from one:
  `for field, want in case["expected"].items()`), or a call such as `accuracy_score`;
- **pattern match**: a regular-expression call (`search`, `match`, ...) with `re` or `regex`
  imported;
- **similarity**: an import, call or function whose name says similarity (difflib, rapidfuzz,
  jaccard, cosine, embeddings, BLEU, ROUGE ...);
- **rubric or model-graded**: an LLM client or judge (anthropic, openai, `llm_judge`,
  `.messages.create`), or a string that reads as a grading rubric;
- **threshold**: a number (a literal, or a name assigned one) compared (`>=`, `>`, `<=`, `<`,
  `==`) with a pass rate or score: a division, an aggregate call (`mean`, `sum`,
  `accuracy_score`) or a name made of rate words (`accuracy`, `pass_rate`, `failures`). A
  count of the dataset itself (`len(cases) == 40`) is not one. The first in the file is shown;
- **CI**: the team's own pytest markers (`@pytest.mark.eval`, `pytestmark`), whether tests are
  parametrized, and comments or strings that say where the eval runs ("nightly in CI").
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

from scoring.evaldesign.report import CiHints, EvalAnalysis
from scoring.evaldesign.styles import find_styles
from scoring.evaldesign.threshold import clip, find_threshold
from scoring.evaldesign.vocabulary import dotted_name, vocabulary

MAX_NOTES = 3


def analyse_eval(source: str) -> EvalAnalysis:
    """What the eval's source shows; a syntax error is reported, never raised."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte in the source
        return EvalAnalysis(
            tests=0,
            asserts=0,
            styles=[],
            threshold=None,
            ci=CiHints(),
            syntax_error=syntax_error_text(exc),
        )
    return EvalAnalysis(
        tests=count_tests(tree),
        asserts=count_asserts(tree),
        styles=find_styles(tree),
        threshold=find_threshold(tree),
        ci=find_ci_hints(tree, source),
    )


def syntax_error_text(exc: Exception) -> str:
    if isinstance(exc, SyntaxError):
        where = f" (line {exc.lineno})" if exc.lineno else ""
        return f"{type(exc).__name__}: {exc.msg}{where}"
    return f"the file cannot be parsed: {exc}"


def count_tests(tree: ast.Module) -> int:
    """Test functions pytest would collect by name: test* at the top, and in Test* classes."""
    count = 0
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            count += node.name.startswith("test")
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            count += sum(
                1
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                and item.name.startswith("test")
            )
    return count


def count_asserts(tree: ast.Module) -> int:
    """`assert` statements and unittest-style `self.assert...(...)` calls."""
    count = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) or (
            isinstance(node, ast.Call)
            and dotted_name(node.func).split(".")[-1].startswith("assert")
        ):
            count += 1
    return count


# --- CI ---------------------------------------------------------------------------------------


def find_ci_hints(tree: ast.Module, source: str) -> CiHints:
    words = vocabulary().ci
    builtin = set(words.builtin_markers)
    markers: list[str] = []
    parametrized = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            name = dotted_name(node)
            if name.startswith("pytest.mark.") and name.count(".") == 2:
                marker = name.split(".")[2]
                parametrized = parametrized or marker == "parametrize"
                if marker not in builtin and marker not in markers:
                    markers.append(marker)
        elif isinstance(node, ast.FunctionDef) and node.name == "pytest_generate_tests":
            parametrized = True
    return CiHints(markers=markers, parametrized=parametrized, notes=_ci_notes(source))


def _ci_notes(source: str) -> list[str]:
    """Comments and strings that say where or when the eval runs: "line 3: nightly in CI"."""
    words = vocabulary().ci.words
    # An all-capitals word ("CI") is matched as written; the others in any case.
    pattern = re.compile(
        "|".join(
            rf"\b{re.escape(w)}\b" if w.isupper() else rf"(?i:\b{re.escape(w)}\b)" for w in words
        )
    )
    notes: list[str] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in (tokenize.COMMENT, tokenize.STRING):
                continue
            for offset, line in enumerate(token.string.splitlines()):
                if pattern.search(line) and len(notes) < MAX_NOTES:
                    text = line.strip().strip("#\"'").strip()
                    notes.append(f"line {token.start[0] + offset}: {clip(text)}")
    except (tokenize.TokenError, SyntaxError):
        pass
    return notes
