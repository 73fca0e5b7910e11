"""Real résumé files for tests, built in code: PDFs with a text layer (pypdf writer + a content stream in
Helvetica), image-only "scans", encrypted PDFs, DOCX (python-docx), and mislabelled or broken files."""

from __future__ import annotations

import io
import zipfile

import docx
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

RESUME_LINES = [
    "Ada Lovelace - Senior Backend Engineer",
    "Six years of Python and Django; PostgreSQL, Redis and Celery in production.",
    "Led the migration of 40 services to Kubernetes on AWS; cut deploy time from 40 to 6 minutes.",
    "Mentored four engineers; introduced code review guidelines and on-call runbooks.",
]
RESUME_TEXT = "\n".join(RESUME_LINES)
JOB_TEXT = (
    "We are hiring a backend engineer: Python, Django, PostgreSQL, Redis, Kubernetes, AWS, Terraform, GraphQL. "
    "You will design APIs, own reliability and mentor others."
)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(lines: list[str] | None = None, *, pages: int = 1, encrypt_with: str = "") -> bytes:
    lines = RESUME_LINES if lines is None else lines
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        body = "".join(f"({_escape(line)}) Tj T* " for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 11 Tf 14 TL 72 720 Td {body}ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if encrypt_with:
        writer.encrypt(user_password=encrypt_with, owner_password="owner-" + encrypt_with, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """Pages that hold only an image (what a scanner produces): no text layer at all."""
    writer = PdfWriter()
    pixels = bytes([200, 200, 200]) * 64 * 64
    image = DecodedStreamObject()
    image.set_data(pixels)
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(64),
            NameObject("/Height"): NumberObject(64),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    image_ref = writer._add_object(image)
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): image_ref})}
        )
        stream = DecodedStreamObject()
        stream.set_data(b"q 540 0 0 720 36 36 cm /Im1 Do Q")
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(lines: list[str] | None = None, *, table: bool = True) -> bytes:
    lines = RESUME_LINES if lines is None else lines
    document = docx.Document()
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=1, cols=2)
        grid.rows[0].cells[0].text = "Skills"
        grid.rows[0].cells[1].text = "Terraform, GraphQL"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png_bytes() -> bytes:
    # A valid 1x1 PNG.
    return bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes/readme.txt", "hello")
    return out.getvalue()


def txt_bytes() -> bytes:
    return RESUME_TEXT.encode("utf-8")


# -- objects for the permission sweep (tests/test_permission_sweep.py) ---------------------------------
def sweep_resume(owner):
    from django.core.files.base import ContentFile

    from interviews.models import Resume

    resume = Resume(
        user=owner,
        name="Sweep CV",
        original_filename="cv.txt",
        content_type="text/plain",
        size_bytes=len(RESUME_TEXT),
        text=RESUME_TEXT,
    )
    resume.file.save("cv.txt", ContentFile(RESUME_TEXT.encode()), save=False)
    resume.save()
    return resume


def sweep_job(owner):
    from interviews.models import JobDescription

    return JobDescription.objects.create(user=owner, title="Backend engineer", text=JOB_TEXT)


def sweep_session(owner):
    from interviews.models import InterviewSession, SessionStatus

    return InterviewSession.objects.create(user=owner, status=SessionStatus.READY)
