"""The skill tree: four branches levelled 0–5 from measured data, and its SVG. Pure: no Django import.

- **Communication**: the average of clarity, pace and confidence over the recent analysed interviews.
- **Structure**: the average structure score, and from level 4 interviews where every answer covered STAR.
- **Presence**: the average of presence and engagement (presence needs a camera; engagement does not).
- **Technical**: accepted coding problems, by difficulty.

Each level is a rung with a written requirement, so every node can say what unlocks the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

MAX_LEVEL = 5


@dataclass(frozen=True)
class SkillInputs:
    interviews: int = 0  # analysed interviews in the window the averages come from
    communication: float | None = None  # 0–100 averages, None when never measured
    structure: float | None = None
    presence: float | None = None
    full_star_interviews: int = 0
    easy: int = 0  # distinct accepted problems by difficulty
    medium: int = 0
    hard: int = 0


@dataclass(frozen=True)
class SkillNode:
    key: str
    name: str
    level: int
    measured: str  # what the level is based on, e.g. "avg 64 over 5 interviews"
    next_step: str  # what unlocks the next level ("" at the top)

    @property
    def maxed(self) -> bool:
        return self.level >= MAX_LEVEL


# (interviews needed, average needed) for levels 1..5 of the interview branches.
INTERVIEW_RUNGS = ((1, 0), (2, 55), (3, 65), (5, 75), (5, 85))
# Full-STAR interviews the structure branch also needs for levels 4 and 5.
STAR_RUNGS = {4: 1, 5: 3}
# (problems in total, medium-or-harder, hard) for levels 1..5 of the technical branch.
TECH_RUNGS = ((1, 0, 0), (3, 1, 0), (5, 2, 0), (8, 3, 1), (12, 5, 3))


def _interview_branch(key: str, name: str, what: str, average: float | None, inputs: SkillInputs) -> SkillNode:
    count = inputs.interviews if average is not None else 0
    level = 0
    for rung, (needed, minimum) in enumerate(INTERVIEW_RUNGS, start=1):
        star_needed = STAR_RUNGS.get(rung, 0) if key == "structure" else 0
        if count >= needed and (average or 0) >= minimum and inputs.full_star_interviews >= star_needed:
            level = rung
        else:
            break
    measured = "not measured yet"
    if average is not None:
        measured = f"avg {average:.0f} over {count} interview{'s' * (count != 1)}"
    if level >= MAX_LEVEL:
        return SkillNode(key, name, level, measured, "")
    needed, minimum = INTERVIEW_RUNGS[level]
    parts = [f"Finish {needed} analysed interview{'s' * (needed != 1)}"] if level == 0 else []
    if minimum:
        parts.append(f"average {minimum}+ {what} over {needed}+ interviews")
    star_needed = STAR_RUNGS.get(level + 1, 0) if key == "structure" else 0
    if star_needed > inputs.full_star_interviews:
        parts.append(f"{star_needed} interview{'s' * (star_needed != 1)} with full STAR in every answer")
    text = "; ".join(parts)
    return SkillNode(key, name, level, measured, text[0].upper() + text[1:])


def _technical(inputs: SkillInputs) -> SkillNode:
    total = inputs.easy + inputs.medium + inputs.hard
    medium_up = inputs.medium + inputs.hard
    level = 0
    for rung, (need_total, need_medium, need_hard) in enumerate(TECH_RUNGS, start=1):
        if total >= need_total and medium_up >= need_medium and inputs.hard >= need_hard:
            level = rung
        else:
            break
    measured = f"{total} solved ({inputs.easy} easy, {inputs.medium} medium, {inputs.hard} hard)"
    if level >= MAX_LEVEL:
        return SkillNode("technical", "Technical", level, measured, "")
    need_total, need_medium, need_hard = TECH_RUNGS[level]
    parts = [f"Solve {need_total} problem{'s' * (need_total != 1)}"]
    if need_medium:
        parts.append(f"{need_medium} medium or harder")
    if need_hard:
        parts.append(f"{need_hard} hard")
    return SkillNode("technical", "Technical", level, measured, ", ".join(parts))


def skill_tree(inputs: SkillInputs) -> list[SkillNode]:
    return [
        _interview_branch(
            "communication", "Communication", "in clarity, pace and confidence", inputs.communication, inputs
        ),
        _interview_branch("structure", "Structure", "in structure", inputs.structure, inputs),
        _interview_branch("presence", "Presence", "in presence and engagement", inputs.presence, inputs),
        _technical(inputs),
    ]


# --------------------------------------------------------------------------------------------------
# SVG: a root ("You") with four branches; each node a card with five level pips and its next step.
# "wide" lays the branches side by side (desktop); "tall" stacks them on a rail (phones), so the text
# stays legible instead of shrinking with the viewBox.
# --------------------------------------------------------------------------------------------------
NODE_H = 150


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


def _node(node: SkillNode, x: float, y: float, width: int, chars: int) -> list[str]:
    state = "is-max" if node.maxed else ("is-active" if node.level else "is-locked")
    pip_w = (width - 28 - 4 * 5) / MAX_LEVEL
    out = [
        f'<g class="skilltree__node skilltree__node--{escape(node.key)} {state}">',
        f'<rect class="skilltree__card" x="{x:.0f}" y="{y:.0f}" width="{width}" height="{NODE_H}" rx="14"/>',
        f'<text class="skilltree__name" x="{x + 14:.0f}" y="{y + 26:.0f}">{escape(node.name)}</text>',
        f'<text class="skilltree__level" x="{x + width - 14:.0f}" y="{y + 26:.0f}" text-anchor="end">'
        f"Lv {node.level}</text>",
    ]
    for pip in range(MAX_LEVEL):
        filled = " is-filled" * (pip < node.level)
        out.append(
            f'<rect class="skilltree__pip{filled}" x="{x + 14 + pip * (pip_w + 5):.1f}" y="{y + 38:.0f}" '
            f'width="{pip_w:.1f}" height="7" rx="3.5"/>'
        )
    out.append(f'<text class="skilltree__measured" x="{x + 14:.0f}" y="{y + 66:.0f}">{escape(node.measured)}</text>')
    lines = _wrap(f"Next: {node.next_step}" if node.next_step else "Maxed out — keep it sharp.", chars)[:4]
    for n, line in enumerate(lines):
        out.append(f'<text class="skilltree__next" x="{x + 14:.0f}" y="{y + 90 + n * 16:.0f}">{escape(line)}</text>')
    out.append("</g>")
    return out


def render_svg(nodes: list[SkillNode], *, layout: str = "wide") -> str:
    """The tree as an inline SVG string (all text escaped). Colours come from CSS classes."""
    title = escape("; ".join(f"{n.name} level {n.level} of {MAX_LEVEL}" for n in nodes))
    if layout == "tall":
        width, node_w, height = 360, 318, 56 + len(nodes) * (NODE_H + 14)
        root_x, root_y = 20, 24
    else:
        width, node_w, height = 960, 210, 330
        root_x, root_y = width / 2, 34
    out = [
        f'<svg class="skilltree skilltree--{"tall" if layout == "tall" else "wide"}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="Skill tree: {title}" xmlns="http://www.w3.org/2000/svg">',
    ]
    boxes: list[tuple[float, float]] = []
    for i, node in enumerate(nodes):
        if layout == "tall":
            x, y = 38.0, 56.0 + i * (NODE_H + 14)
            edge = f"M{root_x} {root_y + 16} L{root_x} {y + NODE_H / 2:.0f} L{x:.0f} {y + NODE_H / 2:.0f}"
        else:
            gap = (width - len(nodes) * node_w) / (len(nodes) + 1)
            x, y = gap + i * (node_w + gap), float(height - NODE_H - 16)
            cx = x + node_w / 2
            edge = f"M{root_x:.0f} {root_y + 18} C{root_x:.0f} 100 {cx:.0f} 70 {cx:.0f} {y:.0f}"
        boxes.append((x, y))
        out.append(f'<path class="skilltree__edge{" is-active" * (node.level > 0)}" d="{edge}"/>')
    radius = 14 if layout == "tall" else 20
    out.append(f'<circle class="skilltree__root" cx="{root_x:.0f}" cy="{root_y}" r="{radius}"/>')
    if layout != "tall":
        out.append(
            f'<text class="skilltree__root-label" x="{root_x:.0f}" y="{root_y + 5}" text-anchor="middle">You</text>'
        )
    for node, (x, y) in zip(nodes, boxes, strict=True):
        out.extend(_node(node, x, y, node_w, 30 if layout != "tall" else 44))
    out.append("</svg>")
    return "".join(out)
