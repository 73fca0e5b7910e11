"""Small server-rendered SVG charts (line chart, bar chart). Pure: no Django import.

The charts return an SVG string with every piece of text escaped; colours come from CSS classes
(``chart__line--<key>``), never inline styles (the CSP blocks them). Each chart carries an ``aria-label``
summary; pages put the numbers in a table beside it for screen readers and CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Series:
    key: str  # a CSS-safe key: the line's class is chart__line--<key>
    label: str
    values: Sequence[float | None]  # one per x position; None leaves a gap


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def line_chart(
    series: Sequence[Series],
    x_labels: Sequence[str],
    *,
    width: int = 640,
    height: int = 240,
    y_max: float = 100.0,
    label: str = "Line chart",
) -> str:
    """Lines over shared x positions, y from 0 to ``y_max`` with gridlines at quarters."""
    left, right, top, bottom = 34, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(len(x_labels), 1)

    def x_at(i: int) -> float:
        return left + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return top + plot_h * (1 - min(max(v, 0.0), y_max) / y_max)

    out = [
        f'<svg class="chart chart--line" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for q in range(5):
        value = y_max * q / 4
        y = y_at(value)
        out.append(f'<line class="chart__grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="chart__tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(value)}</text>')
    step = max(1, count // 8)  # at most ~8 x labels
    for i, text in enumerate(x_labels):
        if i % step == 0 or i == count - 1:
            out.append(
                f'<text class="chart__tick" x="{x_at(i):.1f}" y="{height - 8}" text-anchor="middle">'
                f"{escape(text)}</text>"
            )
    for s in series:
        key = escape(s.key)
        runs: list[list[tuple[float, float]]] = [[]]
        for i, value in enumerate(s.values):
            if value is None:
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append((x_at(i), y_at(value)))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                out.append(f'<polyline class="chart__line chart__line--{key}" points="{points}"/>')
        for i, value in enumerate(s.values):
            if value is not None:
                out.append(
                    f'<circle class="chart__dot chart__line--{key}" cx="{x_at(i):.1f}" cy="{y_at(value):.1f}" r="3">'
                    f"<title>{escape(s.label)} {escape(x_labels[i] if i < len(x_labels) else '')}: "
                    f"{_fmt(value)}</title></circle>"
                )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    width: int = 640,
    height: int = 220,
    y_max: float | None = None,
    label: str = "Bar chart",
    key: str = "primary",
    suffix: str = "",
) -> str:
    """Vertical bars with their value on top and their label below."""
    left, right, top, bottom = 12, 12, 20, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = y_max if y_max else max([v for _, v in bars] or [0]) or 1.0
    slot = plot_w / max(len(bars), 1)
    bar_w = max(2.0, slot * 0.7)
    out = [
        f'<svg class="chart chart--bar" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<line class="chart__grid" x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}"/>',
    ]
    step = max(1, len(bars) // 14)
    for i, (text, value) in enumerate(bars):
        h = plot_h * min(max(value, 0), peak) / peak
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h - h
        out.append(
            f'<rect class="chart__bar chart__bar--{escape(key)}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}" rx="2"><title>{escape(text)}: {_fmt(value)}{escape(suffix)}</title></rect>'
        )
        if len(bars) <= 16:
            out.append(
                f'<text class="chart__value" x="{x + bar_w / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle">'
                f"{_fmt(value)}{escape(suffix)}</text>"
            )
        if i % step == 0:
            out.append(
                f'<text class="chart__tick" x="{x + bar_w / 2:.1f}" y="{height - 10}" text-anchor="middle">'
                f"{escape(text)}</text>"
            )
    out.append("</svg>")
    return "".join(out)
