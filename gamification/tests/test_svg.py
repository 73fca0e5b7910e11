"""The skill tree and charts are pure: plain data in, escaped SVG out."""

from gamification import charts, skilltree
from gamification.skilltree import SkillInputs, skill_tree


def test_an_empty_tree_is_level_zero_and_says_how_to_start():
    nodes = {n.key: n for n in skill_tree(SkillInputs())}
    assert all(n.level == 0 for n in nodes.values())
    assert nodes["communication"].next_step == "Finish 1 analysed interview"
    assert nodes["technical"].next_step == "Solve 1 problem"


def test_levels_follow_the_measured_averages_and_structure_needs_full_star():
    inputs = SkillInputs(interviews=6, communication=80, structure=90, presence=50, full_star_interviews=0)
    nodes = {n.key: n for n in skill_tree(inputs)}
    assert nodes["communication"].level == 4
    assert nodes["structure"].level == 3  # level 4 also needs an interview with full STAR
    assert "1 interview with full STAR in every answer" in nodes["structure"].next_step
    assert nodes["presence"].level == 1


def test_technical_levels_by_difficulty():
    assert skill_tree(SkillInputs(easy=20))[3].level == 1  # level 2 needs a medium one
    assert skill_tree(SkillInputs(easy=20, medium=2))[3].level == 3  # level 4 needs 3 medium+ and a hard one
    top = skill_tree(SkillInputs(easy=4, medium=5, hard=3))[3]
    assert top.level == 5
    assert top.maxed
    assert top.next_step == ""


def test_svg_escapes_text_and_has_both_layouts():
    node = skilltree.SkillNode("x", "<script>", 1, "a & b", "go")
    for layout in ("wide", "tall"):
        svg = skilltree.render_svg([node], layout=layout)
        assert "<script>" not in svg
        assert "&lt;script&gt;" in svg
        assert "a &amp; b" in svg


def test_line_chart_skips_gaps_and_labels_points():
    svg = charts.line_chart([charts.Series("overall", "Overall", [50, None, 70, 80])], ["a", "b", "c", "d"])
    assert svg.count("<polyline") == 1  # the gap splits the line; a single point draws only a dot
    assert svg.count("<circle") == 3
    assert "Overall c: 70" in svg


def test_bar_chart_escapes_labels():
    svg = charts.bar_chart([("<b>", 3), ("ok", 0)], suffix="%")
    assert "&lt;b&gt;: 3%" in svg
    assert "<b>" not in svg
