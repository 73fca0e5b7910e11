"""Server-rendered, accessible SVG charts for Game Tape: a radar of the six dimensions and trend lines.

Pure: plain data in, an SVG string out, no Django import. Every chart is ``role="img"`` labelled by its own
``<title>`` and ``<desc>`` (the desc lists every value, so a screen reader hears the numbers, not a shape), and
the values are also drawn as text. Colours come from classes (``chart__*`` in app.css) with presentation
attributes as a fallback, so the SVG stays readable in a PDF viewer or a feed reader; never a ``style``
attribute (the CSP blocks inline styles).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _fmt_value(value: float | None) -> str:
    return "not measured" if value is None else f"{round(value)}"


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


# ------------------------------------------------------------------------------------------------ radar
def radar_svg(
    axes: Sequence[tuple[str, float | None]],
    *,
    title: str,
    compare: Sequence[float | None] | None = None,
    compare_label: str = "",
    id_prefix: str = "radar",
    maximum: float = 100.0,
) -> str:
    """A radar (spider) chart of ``axes`` — ``(label, value or None)`` pairs on a 0..``maximum`` scale.

    ``compare`` (same order) draws a second, dashed outline, e.g. the previous session or the candidate's own
    ratings. ``None`` values sit at the centre and read "not measured".
    """
    count = len(axes)
    if count < 3:
        raise ValueError("A radar chart needs at least three axes.")
    size, centre, radius = 360, 180.0, 112.0
    tid, did = f"{id_prefix}-title", f"{id_prefix}-desc"

    def point(index: int, value: float | None) -> tuple[float, float]:
        share = _clamp((value or 0.0) / maximum, 0.0, 1.0)
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return centre + radius * share * math.cos(angle), centre + radius * share * math.sin(angle)

    def polygon(values: Sequence[float | None]) -> str:
        return " ".join(f"{_num(x)},{_num(y)}" for x, y in (point(i, v) for i, v in enumerate(values)))

    parts: list[str] = []
    for ring in (0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<polygon class="chart__grid" points="{polygon([maximum * ring] * count)}" fill="none" '
            'stroke="#8a8fd0" stroke-opacity="0.35" stroke-width="1"/>'
        )
    for index in range(count):
        x, y = point(index, maximum)
        parts.append(
            f'<line class="chart__grid" x1="{_num(centre)}" y1="{_num(centre)}" x2="{_num(x)}" y2="{_num(y)}" '
            'stroke="#8a8fd0" stroke-opacity="0.35" stroke-width="1"/>'
        )
    if compare is not None:
        parts.append(
            f'<polygon class="chart__compare" points="{polygon(compare)}" fill="none" stroke="#ffc857" '
            'stroke-width="2" stroke-dasharray="5 4"/>'
        )
    values = [value for _label, value in axes]
    parts.append(
        f'<polygon class="chart__area" points="{polygon(values)}" fill="#5fd4ff" fill-opacity="0.25" '
        'stroke="#5fd4ff" stroke-width="2.5" stroke-linejoin="round"/>'
    )
    for index, value in enumerate(values):
        if value is not None:
            x, y = point(index, value)
            parts.append(f'<circle class="chart__dot" cx="{_num(x)}" cy="{_num(y)}" r="3.5" fill="#5fd4ff"/>')
    for index, (label, value) in enumerate(axes):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        lx, ly = centre + (radius + 30) * math.cos(angle), centre + (radius + 22) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        shown = "n/a" if value is None else f"{round(value)}"
        parts.append(
            f'<text class="chart__label" x="{_num(lx)}" y="{_num(ly)}" text-anchor="{anchor}" fill="#f1f2ff" '
            f'font-size="13">{escape(label)}'
            f'<tspan class="chart__value" x="{_num(lx)}" dy="15" font-weight="700" fill="#5fd4ff">{shown}</tspan>'
            "</text>"
        )
    described = "; ".join(f"{label}: {_fmt_value(value)}" for label, value in axes)
    desc = f"Scores out of {round(maximum)}. {described}."
    if compare is not None:
        compared = "; ".join(f"{label}: {_fmt_value(value)}" for (label, _), value in zip(axes, compare, strict=True))
        desc += f" Dashed outline, {compare_label or 'comparison'}: {compared}."
    return (
        f'<svg class="chart chart--radar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + 10}" '
        f'role="img" aria-labelledby="{tid} {did}"><title id="{tid}">{escape(title)}</title>'
        f'<desc id="{did}">{escape(desc)}</desc>{"".join(parts)}</svg>'
    )


# ------------------------------------------------------------------------------------------------ trend
@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    css: str = "primary"  # chart__line--<css>


_SERIES_COLOURS = {"primary": "#5fd4ff", "accent": "#ffc857", "success": "#5ee39a", "muted": "#b8bce6"}


def trend_svg(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    id_prefix: str = "trend",
    y_min: float = 0.0,
    y_max: float = 100.0,
    unit: str = "",
) -> str:
    """Lines over time: one x position per label (oldest first), one polyline per series. A ``None`` breaks
    the line. With a single point the chart is still drawn (a dot), never an empty box."""
    if not labels:
        raise ValueError("A trend needs at least one point.")
    if any(len(s.values) != len(labels) for s in series):
        raise ValueError("Every series needs one value per label.")
    width, height = 520, 200
    left, right, top, bottom = 40, 16, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    span = (y_max - y_min) or 1.0
    tid, did = f"{id_prefix}-title", f"{id_prefix}-desc"

    def x_at(index: int) -> float:
        return left + (plot_w / 2 if len(labels) == 1 else plot_w * index / (len(labels) - 1))

    def y_at(value: float) -> float:
        return top + plot_h * (1 - (_clamp(value, y_min, y_max) - y_min) / span)

    parts: list[str] = []
    for step in range(5):
        value = y_min + span * step / 4
        y = y_at(value)
        parts.append(
            f'<line class="chart__grid" x1="{left}" y1="{_num(y)}" x2="{width - right}" y2="{_num(y)}" '
            'stroke="#8a8fd0" stroke-opacity="0.3" stroke-width="1"/>'
            f'<text class="chart__axis" x="{left - 6}" y="{_num(y + 4)}" text-anchor="end" font-size="11" '
            f'fill="#b8bce6">{_num(value)}</text>'
        )
    shown = _label_indexes(len(labels))
    for index in shown:
        parts.append(
            f'<text class="chart__axis" x="{_num(x_at(index))}" y="{height - 12}" text-anchor="middle" '
            f'font-size="11" fill="#b8bce6">{escape(labels[index])}</text>'
        )
    for line in series:
        colour = _SERIES_COLOURS.get(line.css, "#5fd4ff")
        for run in _runs(line.values):
            if len(run) > 1:
                points = " ".join(f"{_num(x_at(i))},{_num(y_at(v))}" for i, v in run)
                parts.append(
                    f'<polyline class="chart__line chart__line--{_attr(line.css)}" points="{points}" fill="none" '
                    f'stroke="{colour}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>'
                )
        for index, value in enumerate(line.values):
            if value is None:
                continue
            parts.append(
                f'<circle class="chart__dot chart__dot--{_attr(line.css)}" cx="{_num(x_at(index))}" '
                f'cy="{_num(y_at(value))}" r="4" fill="{colour}"><title>{escape(line.name)}, '
                f"{escape(labels[index])}: {_num(value)}{escape(unit)}</title></circle>"
            )
        last = next(((i, v) for i, v in reversed(list(enumerate(line.values))) if v is not None), None)
        if last is not None:
            parts.append(
                f'<text class="chart__value" x="{_num(x_at(last[0]))}" y="{_num(y_at(last[1]) - 9)}" '
                f'text-anchor="middle" font-size="12" font-weight="700" fill="{colour}">{_num(last[1])}</text>'
            )
    described = " ".join(
        f"{s.name}: "
        + ", ".join(
            f"{label} {'—' if v is None else _num(v) + unit}" for label, v in zip(labels, s.values, strict=True)
        )
        + "."
        for s in series
    )
    return (
        f'<svg class="chart chart--trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{tid} {did}"><title id="{tid}">{escape(title)}</title>'
        f'<desc id="{did}">{escape(described)}</desc>{"".join(parts)}</svg>'
    )


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    runs: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if run]


def _label_indexes(count: int, most: int = 6) -> list[int]:
    """At most ``most`` x labels, always the first and the last, so they never overlap."""
    if count <= most:
        return list(range(count))
    step = (count - 1) / (most - 1)
    return sorted({round(step * i) for i in range(most)})
