"""The report PDF: a real document that pypdf can read, with or without a Unicode font installed."""

from __future__ import annotations

import io

from pypdf import PdfReader

from interviews import pdf

DOC = pdf.ReportDocument(
    title="Game Tape — interview 7",
    subtitle="Behavioral interview, 3 March 2026",
    overall=68,
    dimensions=[("Confidence", 62, "Few fillers."), ("Presence", None, "No video.")],
    metrics=[("Speaking pace", "141 wpm", "120–160 wpm")],
    answers=[
        {
            "question": "Tell me about a conflict.",
            "score": 71,
            "strengths": ["A measurable result."],
            "gaps": ["Say what your task was."],
            "rewrite": "When our team split over a migration…",
        }
    ],
    drills=[("Practise a STAR answer on conflict", "No clear task.")],
)


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_it_is_a_pdf_with_scores_metrics_feedback_and_drills():
    data = pdf.report_pdf(DOC)
    assert data.startswith(b"%PDF-")
    text = text_of(data)
    for expected in (
        "Overall score: 68 / 100",
        "Confidence",
        "not measured",
        "141 wpm",
        "Tell me about a conflict.",
        "Say what your task was.",
        "Practise a STAR answer on conflict",
    ):
        assert expected in text, expected


def test_without_dejavu_it_falls_back_to_the_core_font(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "FONT_DIRS", (tmp_path,))
    data = pdf.report_pdf(pdf.ReportDocument(title="Résumé — “quoted” ✓", answers=[], drills=[("Drill • one", "")]))
    text = text_of(data)
    assert 'Résumé - "quoted" ?' in text
    assert "Drill - one" in text


def test_model_markdown_is_printed_as_plain_text():
    assert pdf.plain("**Bold** and _em_ with `code` and [a link](https://x.test)\n## Head") == (
        "Bold and em with code and a link\nHead"
    )


def test_a_long_report_runs_over_several_pages():
    long = pdf.ReportDocument(
        title="Long",
        answers=[
            {"question": f"Question {n}", "score": 50, "strengths": ["s"] * 5, "gaps": ["g"] * 5, "rewrite": "r " * 200}
            for n in range(12)
        ],
    )
    reader = PdfReader(io.BytesIO(pdf.report_pdf(long)))
    assert len(reader.pages) > 2
    assert "page 2" in reader.pages[1].extract_text()
