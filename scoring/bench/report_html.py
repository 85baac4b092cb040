"""The bench report: one self-contained HTML file (inline CSS and SVG, nothing fetched)."""

from __future__ import annotations

import datetime as dt
from html import escape

from scoring.bench import charts
from scoring.bench.results import BenchResult
from scoring.bench.tables import Section, headline, is_numeric_column, sections

ALPHA_REFERENCE = 0.8  # a common bar for "reliable enough to decide on"
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #111827;
       padding: 0 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #e5e7eb; padding: .25rem .6rem; text-align: right; }
th.text, td.text { text-align: left; }
th { background: #f3f4f6; }
.charts { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
figure { margin: 0; } figcaption { font-size: .85rem; color: #4b5563; }
.note { color: #4b5563; font-size: .9rem; }
.missed { color: #b91c1c; font-weight: 600; }
"""


def _table(section: Section) -> str:
    columns = list(zip(section.header, *section.rows, strict=True))
    words = [i == 0 or not is_numeric_column(c[1:]) for i, c in enumerate(columns)]

    def cell(tag: str, text: str, index: int) -> str:
        classes = " ".join(
            name for name, on in (("text", words[index]), ("missed", text == "MISSED")) if on
        )
        attribute = f' class="{classes}"' if classes else ""
        return f"<{tag}{attribute}>{escape(text)}</{tag}>"

    head = "".join(cell("th", h, i) for i, h in enumerate(section.header))
    body = "".join(
        "<tr>" + "".join(cell("td", c, i) for i, c in enumerate(row)) + "</tr>"
        for row in section.rows
    )
    return (
        f'<section id="table-{section.key}"><h2>{escape(section.title)}</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>"
    )


def _figure(title: str, svg: str, caption: str) -> str:
    return (
        f"<figure><h2>{escape(title)}</h2>{svg}<figcaption>{escape(caption)}</figcaption></figure>"
    )


def alpha_chart(result: BenchResult) -> str:
    bars = [*result.alpha_by_dimension.items()]
    if bars:
        bars.append(("overall", result.alpha))
    defined = [v for _, v in bars if v is not None]
    low = min([0.0, *defined])
    return charts.bar_chart(
        "chart-alpha",
        "Krippendorff's alpha per dimension",
        bars,
        low=round(low - 0.05, 1) if low < 0 else 0.0,
        high=1.0,
        reference=ALPHA_REFERENCE,
    )


def agreement_chart(result: BenchResult) -> str:
    names = [r.name for r in result.raters]
    cells = {(p.a, p.b): p.kappa for p in result.pairs}
    return charts.heatmap("chart-agreement", "Pairwise quadratic-weighted kappa", names, cells)


def severity_chart(result: BenchResult) -> str:
    bars = [(r.name, r.severity) for r in result.raters if r.severity is not None]
    reach = max([0.5, *(abs(v) for _, v in bars if v is not None)])
    reach = round(reach + 0.05, 1)
    return charts.bar_chart(
        "chart-severity",
        "Severity: mean offset from the consensus",
        bars,
        low=-reach,
        high=reach,
        color=charts.PALETTE[1],
    )


def length_chart(result: BenchResult) -> str:
    return charts.scatter(
        "chart-length-bias",
        "Weighted level against the candidate's word count",
        result.length_points,
        x_label="candidate words",
        y_label="weighted level",
    )


def render_report(result: BenchResult, *, created_at: str | None = None) -> str:
    """The whole report as one HTML document."""
    created = created_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rho = ", ".join(
        f"{r.name} ρ = {'—' if r.length_bias is None else f'{r.length_bias:.2f}'}"
        for r in result.raters
    )
    figures = [
        _figure(
            "Krippendorff's alpha per dimension",
            alpha_chart(result),
            f"Ordinal alpha across all raters; dashed line at {ALPHA_REFERENCE:g}.",
        ),
        _figure(
            "Pairwise agreement",
            agreement_chart(result),
            "Quadratic-weighted Cohen's kappa for each pair of raters.",
        ),
        _figure(
            "Severity",
            severity_chart(result),
            "Mean offset from the consensus (median rater): positive is more lenient, "
            "negative is harsher.",
        ),
        _figure(
            "Length bias",
            length_chart(result),
            f"Weighted level against the candidate's word count; Spearman {rho}.",
        ),
    ]
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in result.notes)
    tables = "".join(_table(s) for s in sections(result))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>mockloop bench · {escape(result.rubric_id)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{STYLE}</style></head><body>"
        f"<h1>mockloop bench</h1><p>{escape(headline(result))}</p>"
        f'<p class="note">Created {escape(created)}.</p>'
        f'<div class="charts">{"".join(figures)}</div>{tables}{notes}'
        "</body></html>\n"
    )
