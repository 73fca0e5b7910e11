"""Game Tape as a PDF: scores, metrics, feedback per answer and drills (fpdf2, pure Python, no system binary).

``report_pdf`` takes a plain ``ReportDocument`` and returns the bytes; ``document_from_review`` builds one from
the review page's data. Text is Unicode when DejaVu Sans is installed (Debian's fonts-dejavu-core), else the
PDF core font with characters outside Latin-1 replaced, so a missing font never breaks the export.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

# fontTools logs every glyph subset at INFO: one PDF would write dozens of lines to the server log.
logging.getLogger("fontTools").setLevel(logging.WARNING)
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
INK = (24, 24, 60)
MUTED = (90, 95, 130)
ACCENT = (40, 90, 220)


@dataclass
class ReportDocument:
    title: str
    subtitle: str = ""
    overall: int | None = None
    dimensions: list[tuple[str, int | None, str]] = field(default_factory=list)  # label, score, summary
    metrics: list[tuple[str, str, str]] = field(default_factory=list)  # label, value, target
    answers: list[dict] = field(default_factory=list)  # question, score, strengths, gaps, rewrite
    drills: list[tuple[str, str]] = field(default_factory=list)  # title, why


def plain(text: str) -> str:
    """Markdown written by a model, as plain text for print (tags, emphasis, code and heading marks dropped)."""
    text = re.sub(r"<[^>]{1,200}>", "", text or "")
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`]{1,3}", "", text)
    return text.strip()


def document_from_review(review) -> ReportDocument:
    session = review.session
    when = session.finished_at or session.created_at
    answers = []
    for turn in review.turns:
        note = turn.feedback_raw or {}
        if not (turn.answered or note):
            continue
        answers.append(
            {
                "question": turn.question,
                "score": note.get("score"),
                "strengths": [plain(str(s)) for s in note.get("strengths") or []],
                "gaps": [plain(str(g)) for g in note.get("gaps") or []],
                "rewrite": plain(str(note.get("rewrite") or "")),
            }
        )
    return ReportDocument(
        title=f"Game Tape — interview {session.pk}",
        subtitle=f"{session.get_interview_type_display()} interview, {when:%d %B %Y}"
        + (f" · {session.target_role}" if session.target_role else ""),
        overall=review.overall,
        dimensions=[(d.label, d.score, d.summary) for d in review.dimensions],
        metrics=[
            (t.label, f"{t.value} {t.unit}".strip() if t.value != "—" else "not measured", t.target)
            for t in review.tiles
        ],
        answers=answers,
        drills=[(str(d.get("title") or ""), str(d.get("why") or "")) for d in review.drills],
    )


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family_name, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"Interview Arena · page {self.page_no()}", align="C")


class _Writer:
    """Small helpers over one FPDF document (text is passed through ``clean`` for the font in use)."""

    def __init__(self) -> None:
        self.pdf = _Pdf(format="A4")
        self.pdf.family_name, unicode_ok = _fonts(self.pdf)
        self.clean = (lambda s: s) if unicode_ok else _latin1
        self.pdf.set_auto_page_break(auto=True, margin=16)

    def heading(self, label: str, size: int = 14) -> None:
        self.pdf.ln(3)
        self.para(label, size=size, style="B", height=8)

    def para(self, body: str, *, size: int = 10, colour=INK, style: str = "", height: float = 5.5) -> None:
        self.pdf.set_font(self.pdf.family_name, style, size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(0, height, self.clean(body), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def row(self, label: str, value: str, note: str, value_width: float) -> None:
        pdf = self.pdf
        pdf.set_font(pdf.family_name, "B", 10)
        pdf.set_text_color(*INK)
        pdf.cell(45, 6, self.clean(label))
        pdf.set_font(pdf.family_name, "", 10)
        pdf.cell(value_width, 6, self.clean(value))
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 6, self.clean(note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def report_pdf(doc: ReportDocument) -> bytes:
    out = _Writer()
    out.pdf.set_title(out.clean(doc.title))
    out.pdf.set_creator("Interview Arena")
    out.pdf.add_page()
    out.heading(doc.title, 18)
    if doc.subtitle:
        out.para(doc.subtitle, colour=MUTED)
    out.pdf.ln(2)
    overall = "not measured" if doc.overall is None else f"{doc.overall} / 100"
    out.para(f"Overall score: {overall}", size=13, colour=ACCENT, style="B")
    out.heading("Scores")
    for label, score, summary in doc.dimensions:
        out.row(label, "not measured" if score is None else f"{score} / 100", summary, 28)
    if doc.metrics:
        out.heading("Delivery metrics")
        for label, value, target in doc.metrics:
            out.row(label, value, f"target: {target}", 40)
    if doc.answers:
        out.heading("Feedback per answer")
        for number, answer in enumerate(doc.answers, start=1):
            _answer(out, number, answer)
    if doc.drills:
        out.heading("Next drills")
        for number, (title, why) in enumerate(doc.drills, start=1):
            out.para(f"{number}. {title}", style="B")
            if why:
                out.para(why, colour=MUTED)
    return bytes(out.pdf.output())


def _answer(out: _Writer, number: int, answer: dict) -> None:
    score = answer.get("score")
    suffix = f"  ({score} / 100)" if score is not None else ""
    out.para(f"{number}. {answer['question']}{suffix}", size=11, style="B")
    for label, items in (("Strengths", answer["strengths"]), ("Gaps", answer["gaps"])):
        if items:
            out.para(label, colour=ACCENT, style="B")
            for item in items:
                out.para(f"• {item}")
    if answer["rewrite"]:
        out.para("A stronger version", colour=ACCENT, style="B")
        out.para(answer["rewrite"], colour=MUTED)
    out.pdf.ln(2)


def _fonts(pdf: FPDF) -> tuple[str, bool]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


def _latin1(value: str) -> str:
    value = value.replace("—", "-").replace("–", "-").replace("•", "-").replace("“", '"').replace("”", '"')
    value = value.replace("‘", "'").replace("’", "'").replace("…", "...").replace("·", "-")
    return value.encode("latin-1", "replace").decode("latin-1")
