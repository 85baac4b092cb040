"""Inline SVG charts for the bench report, drawn in Python (no JavaScript, no network)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

PALETTE = ("#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626")
WIDTH = 640
LABEL_WIDTH = 200
ROW = 26
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _svg(chart_id: str, title: str, height: int, body: Sequence[str]) -> str:
    return (
        f'<svg id="{chart_id}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" {FONT}>'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _empty(chart_id: str, title: str, message: str) -> str:
    return _svg(chart_id, title, 40, [_text(10, 24, message, fill="#6b7280")])


def bar_chart(
    chart_id: str,
    title: str,
    bars: Sequence[tuple[str, float | None]],
    *,
    low: float,
    high: float,
    reference: float | None = None,
    color: str = PALETTE[0],
) -> str:
    """Horizontal bars from zero (which may sit mid-axis for negative values)."""
    if not bars:
        return _empty(chart_id, title, "not enough ratings for this chart")
    plot = WIDTH - LABEL_WIDTH - 60
    height = ROW * len(bars) + 40

    def x(value: float) -> float:
        clipped = min(max(value, low), high)
        return LABEL_WIDTH + (clipped - low) / (high - low) * plot

    body = [
        f'<line x1="{x(0):.1f}" y1="8" x2="{x(0):.1f}" y2="{height - 24}" stroke="#9ca3af"/>',
        _text(x(low), height - 8, f"{low:g}", "middle", fill="#6b7280"),
        _text(x(high), height - 8, f"{high:g}", "middle", fill="#6b7280"),
    ]
    if reference is not None:
        rx = x(reference)
        body.append(
            f'<line x1="{rx:.1f}" y1="8" x2="{rx:.1f}" y2="{height - 24}" stroke="#111827" '
            'stroke-dasharray="4 3"/>'
        )
        body.append(_text(rx, height - 8, f"{reference:g}", "middle"))
    for i, (label, value) in enumerate(bars):
        y = 12 + i * ROW
        body.append(_text(LABEL_WIDTH - 8, y + 14, label, "end"))
        if value is None:
            body.append(_text(x(0) + 4, y + 14, "undefined", fill="#6b7280"))
            continue
        left, right = sorted((x(0), x(value)))
        body.append(
            f'<rect class="bar" x="{left:.1f}" y="{y + 2}" width="{max(right - left, 1):.1f}" '
            f'height="{ROW - 8}" fill="{color}"><title>{escape(label)}: {value:.3f}</title></rect>'
        )
        body.append(_text(right + 4, y + 14, f"{value:+.2f}" if low < 0 else f"{value:.2f}"))
    return _svg(chart_id, title, height, body)


def _heat(value: float | None) -> str:
    if value is None:
        return "#e5e7eb"
    v = min(max(value, 0.0), 1.0)
    # white at 0 agreement to green at 1
    red, green, blue = int(255 - 200 * v), int(255 - 90 * v), int(255 - 170 * v)
    return f"rgb({red},{green},{blue})"


def heatmap(
    chart_id: str, title: str, names: Sequence[str], cells: dict[tuple[str, str], float | None]
) -> str:
    """A square matrix of pairwise values (the diagonal is 1: a rater agrees with itself)."""
    if len(names) < 2:
        return _empty(chart_id, title, "agreement needs two or more raters")
    size = min(80, (WIDTH - LABEL_WIDTH - 20) // len(names))
    height = LABEL_WIDTH // 2 + size * len(names) + 20
    top = LABEL_WIDTH // 2
    body: list[str] = []
    for j, name in enumerate(names):
        cx = LABEL_WIDTH + j * size + size / 2
        body.append(_text(cx, top - 8, name, "start", transform=f"rotate(-30 {cx:.1f} {top - 8})"))
    for i, row in enumerate(names):
        y = top + i * size
        body.append(_text(LABEL_WIDTH - 8, y + size / 2 + 4, row, "end"))
        for j, column in enumerate(names):
            value = 1.0 if i == j else cells.get((row, column), cells.get((column, row)))
            x = LABEL_WIDTH + j * size
            label = "—" if value is None else f"{value:.2f}"
            body.append(
                f'<rect class="cell" x="{x}" y="{y}" width="{size - 2}" height="{size - 2}" '
                f'fill="{_heat(value)}"><title>{escape(row)} · {escape(column)}: {label}'
                "</title></rect>"
            )
            body.append(_text(x + size / 2 - 1, y + size / 2 + 4, label, "middle"))
    return _svg(chart_id, title, height, body)


def scatter(
    chart_id: str,
    title: str,
    series: Mapping[str, Sequence[tuple[int, float]]],
    *,
    x_label: str,
    y_label: str,
) -> str:
    """One colour per series; y on the rubric's 1-4 scale, x from zero to the largest value."""
    points = [p for values in series.values() for p in values]
    if not points:
        return _empty(chart_id, title, "no rated transcripts")
    left, top, plot_w, plot_h = 60, 16, WIDTH - 90, 240
    height = top + plot_h + 50 + 18 * len(series)
    x_max = max(max(w for w, _ in points), 1)

    def px(w: float) -> float:
        return left + w / x_max * plot_w

    def py(level: float) -> float:
        return top + (4 - level) / 3 * plot_h

    body = [
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#9ca3af"/>',
        _text(left + plot_w / 2, top + plot_h + 32, x_label, "middle"),
        _text(
            14, top + plot_h / 2, y_label, "middle", transform=f"rotate(-90 14 {top + plot_h / 2})"
        ),
        _text(left, top + plot_h + 16, "0", "middle", fill="#6b7280"),
        _text(left + plot_w, top + plot_h + 16, f"{x_max:,}", "middle", fill="#6b7280"),
    ]
    for tick in (1, 2, 3, 4):
        body.append(_text(left - 6, py(tick) + 4, str(tick), "end", fill="#6b7280"))
    for k, (name, values) in enumerate(series.items()):
        color = PALETTE[k % len(PALETTE)]
        for words, level in values:
            body.append(
                f'<circle class="point" cx="{px(words):.1f}" cy="{py(level):.1f}" r="3.5" '
                f'fill="{color}" fill-opacity="0.7"><title>{escape(name)}: {words} words, '
                f"level {level:.2f}</title></circle>"
            )
        ly = top + plot_h + 50 + 18 * k
        body.append(f'<circle cx="{left + 6}" cy="{ly - 4}" r="5" fill="{color}"/>')
        body.append(_text(left + 16, ly, name))
    return _svg(chart_id, title, height, body)
