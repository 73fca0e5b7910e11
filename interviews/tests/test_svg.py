"""The Game Tape charts: pure builders, no database."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from interviews.svg import Series, _label_indexes, radar_svg, trend_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
AXES = [("Confidence", 62), ("Clarity", 74), ("Structure", 58), ("Engagement", 70), ("Pace", 80), ("Presence", None)]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 — our own output, parsed to check it is well-formed


def test_the_radar_is_an_accessible_image_with_every_value_in_its_description():
    root = parse(radar_svg(AXES, title="Scores for interview 7", id_prefix="r7"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "r7-title r7-desc"
    assert root.find("svg:title", NS).text == "Scores for interview 7"
    desc = root.find("svg:desc", NS).text
    assert "Confidence: 62" in desc
    assert "Presence: not measured" in desc
    labels = "".join(root.itertext())
    assert "Pace" in labels
    assert "80" in labels
    assert "n/a" in labels  # the unmeasured axis says so instead of drawing a zero


def test_the_radar_draws_a_point_per_measured_axis_and_the_comparison_outline():
    root = parse(radar_svg(AXES, title="t", compare=[50, 50, 50, 50, 50, 50], compare_label="your own rating"))
    assert len(root.findall("svg:circle", NS)) == 5
    compare = root.find("svg:polygon[@class='chart__compare']", NS)
    assert compare is not None
    assert len(compare.get("points").split()) == 6
    assert "Dashed outline, your own rating: Confidence: 50;" in root.find("svg:desc", NS).text


def test_the_radar_clamps_values_and_escapes_labels():
    markup = radar_svg([("<b>A</b>", 250), ("B & C", -5), ("C", 50)], title='Say "hi"')
    root = parse(markup)
    assert "<b>" not in markup
    assert "&lt;b&gt;A&lt;/b&gt;" in markup
    area = root.find("svg:polygon[@class='chart__area']", NS).get("points").split()
    first_x, first_y = (float(v) for v in area[0].split(","))
    assert (first_x, first_y) == (180.0, 68.0)  # clamped to the outer ring, straight up


def test_a_radar_needs_three_axes():
    with pytest.raises(ValueError, match="three axes"):
        radar_svg([("A", 1), ("B", 2)], title="t")


def test_the_trend_labels_every_point_and_breaks_the_line_at_gaps():
    markup = trend_svg(
        ["1 Mar", "8 Mar", "15 Mar", "22 Mar"], [Series("Overall score", [55, None, 61, 70])], title="Overall", unit=""
    )
    root = parse(markup)
    assert root.get("role") == "img"
    desc = root.find("svg:desc", NS).text
    assert desc == "Overall score: 1 Mar 55, 8 Mar —, 15 Mar 61, 22 Mar 70."
    assert len(root.findall("svg:polyline", NS)) == 1  # 55 stands alone; 61 → 70 is one line
    point_titles = [c.find("svg:title", NS).text for c in root.findall("svg:circle", NS)]
    assert point_titles == ["Overall score, 1 Mar: 55", "Overall score, 15 Mar: 61", "Overall score, 22 Mar: 70"]


def test_a_single_point_is_still_a_chart():
    root = parse(trend_svg(["today"], [Series("Gap", [12.5])], title="Gap", y_max=20, unit=" pts"))
    assert len(root.findall("svg:circle", NS)) == 1
    assert "today 12.5 pts" in root.find("svg:desc", NS).text


def test_series_must_match_the_labels():
    with pytest.raises(ValueError, match="one value per label"):
        trend_svg(["a", "b"], [Series("x", [1])], title="t")
    with pytest.raises(ValueError, match="at least one point"):
        trend_svg([], [], title="t")


def test_x_labels_are_thinned_but_keep_both_ends():
    assert _label_indexes(4) == [0, 1, 2, 3]
    shown = _label_indexes(10)
    assert shown[0] == 0
    assert shown[-1] == 9
    assert len(shown) <= 6
