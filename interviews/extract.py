"""Résumé text extraction: PDF (pypdf), DOCX (python-docx) and plain text. No Django import.

The real type is read from the file's first bytes, never from its name or the browser's content type.
Every refusal is an ``ExtractionError`` whose ``message`` tells the candidate what is wrong with *this*
file and what to do instead.

Hostile files: ``extract_file_isolated`` runs the extraction in a child process with a wall-clock timeout
and CPU/memory limits, so a PDF bomb (a page tree of millions of pages, a content stream that takes
minutes) costs at most a few seconds of one child, never a web worker. Inside the child, pages and text
are capped as well (``MAX_PAGES``, ``MAX_TEXT_CHARS``).

Run as ``python interviews/extract.py <path> <original name>``: prints one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # documented in the README ("Green Room")
MAX_PAGES = 20
MAX_TEXT_CHARS = 50_000
MIN_TEXT_CHARS = 40  # fewer readable characters than this is not a résumé
TIMEOUT_SECONDS = 10.0
CHILD_MEMORY_BYTES = 768 * 1024 * 1024
DOCX_MAX_UNCOMPRESSED = 40 * 1024 * 1024
DOCX_MAX_ENTRIES = 2_000

Kind = Literal["pdf", "docx", "txt"]
CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}
EXTENSIONS: dict[str, str] = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "txt"}
_KIND_NAMES = {"pdf": "a PDF", "docx": "a Word document (.docx)", "txt": "plain text"}


@dataclass(frozen=True)
class Extracted:
    kind: Kind
    text: str
    page_count: int | None
    truncated: bool

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


class ExtractionError(Exception):
    """A file we will not read, with a ``code`` for tests and logs and a ``message`` for the candidate."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# ------------------------------------------------------------------------------------------------
# Sniffing
# ------------------------------------------------------------------------------------------------
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(head: bytes) -> str:
    """The type the first bytes say: pdf, zip, ole, rtf, image:<NAME>, txt or binary."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    for magic, name in _IMAGES:
        if head.startswith(magic):
            return f"image:{name}"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image:WebP"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image:HEIC"
    return "txt" if _looks_like_text(head) else "binary"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return False
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a multi-byte character cut at the end of the sample
            sample = head.decode("cp1252", errors="replace")
        else:
            sample = head[: error.start].decode("utf-8")
    if not sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(sample) < 0.02


def _extension_kind(filename: str) -> str | None:
    return EXTENSIONS.get(Path(filename).suffix.lower())


# ------------------------------------------------------------------------------------------------
# Extraction
# ------------------------------------------------------------------------------------------------
def extract_file(path: str | Path, filename: str) -> Extracted:
    """Extract the text of the file at ``path``, uploaded as ``filename``. In-process: use
    ``extract_file_isolated`` for files from the outside world."""
    path = Path(path)
    name = _display_name(filename)
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(
            "empty",
            f"“{name}” is empty (0 bytes). Choose the file again — it may not have finished saving or downloading.",
        )
    if size > MAX_UPLOAD_BYTES:
        raise ExtractionError("too_large", too_large_message(name, size))
    with path.open("rb") as handle:
        head = handle.read(4096)
    real = sniff(head)
    claimed = _extension_kind(filename)
    suffix = Path(filename).suffix.lower()
    if real.startswith("image:"):
        image = real.split(":", 1)[1]
        raise ExtractionError(
            "image",
            f"“{name}” is a {image} image{_named_as(suffix)}, not a document, so there is no text to read. "
            "Upload the PDF, Word (.docx) or text version of your résumé.",
        )
    if real == "ole":
        raise ExtractionError(
            "legacy_office",
            f"“{name}” is an old-style Office file (Word 97–2003 .doc) or a password-protected Word document. "
            "Open it in your word processor, save it as .docx or PDF without a password, and upload that.",
        )
    if real == "rtf":
        raise ExtractionError(
            "unsupported", f"“{name}” is a Rich Text (RTF) file. Save it as .docx, PDF or .txt and upload that."
        )
    if real == "binary":
        raise ExtractionError(
            "unsupported",
            f"“{name}” is not a PDF, Word (.docx) or text file{_named_as(suffix, ' despite its name')}. "
            "Upload your résumé in one of those formats.",
        )
    if real == "zip":
        real = _docx_or_zip(path, name, suffix)
    if claimed is not None and claimed != real:
        raise ExtractionError(
            "mismatch",
            f"“{name}” is named {suffix} but is really {_KIND_NAMES[real]}. Rename it to "
            f"{_suffix_for(real)}, or upload the original {suffix} file.",
        )
    if claimed is None and suffix and suffix not in EXTENSIONS:
        raise ExtractionError("unsupported", f"“{name}” has the extension {suffix}; upload a .pdf, .docx or .txt file.")
    if real == "pdf":
        extracted = _extract_pdf(path, name)
    elif real == "docx":
        extracted = _extract_docx(path, name)
    else:
        extracted = _extract_txt(path)
    readable = len("".join(extracted.text.split()))
    if readable < MIN_TEXT_CHARS:
        raise ExtractionError(
            "too_little_text",
            f"We could read only {readable} character{'s' * (readable != 1)} of text from “{name}” — too little "
            "for a résumé. Check that it is the right file, or paste your résumé into a .txt file and upload that.",
        )
    return extracted


def too_large_message(name: str, size: int) -> str:
    return (
        f"“{name}” is {size / (1024 * 1024):.1f} MB; the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. "
        "Export it again without embedded images or fonts, or upload a .docx or .txt version."
    )


def _display_name(filename: str) -> str:
    name = Path(filename or "file").name.strip() or "file"
    return name if len(name) <= 80 else name[:77] + "…"


def _named_as(suffix: str, wording: str = "") -> str:
    if suffix not in EXTENSIONS:
        return ""
    return wording or f" (despite its {suffix} name)"


def _suffix_for(kind: str) -> str:
    return {"pdf": ".pdf", "docx": ".docx", "txt": ".txt"}[kind]


def _docx_or_zip(path: Path, name: str, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        if suffix == ".docx":
            raise ExtractionError(
                "corrupt_docx",
                f"“{name}” is a damaged Word document: it cannot be opened. Open it in Word or LibreOffice, "
                "save a fresh copy (or export a PDF) and upload that.",
            ) from None
        raise ExtractionError("zip", f"“{name}” is a damaged ZIP archive, not a résumé document.") from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        odt = "content.xml" in names and "mimetype" in names
        what = "an OpenDocument file (.odt)" if odt else "a ZIP archive"
        raise ExtractionError(
            "zip",
            f"“{name}” is {what}{_named_as(suffix)}, not a Word document. "
            + ("Save it as .docx or PDF and upload that." if odt else "Unzip it and upload the résumé inside."),
        )
    if len(infos) > DOCX_MAX_ENTRIES or sum(info.file_size for info in infos) > DOCX_MAX_UNCOMPRESSED:
        raise ExtractionError(
            "too_large",
            f"“{name}” unpacks to far more data than a résumé needs (a “zip bomb” or many embedded images). "
            "Export it as PDF or save a copy without images.",
        )
    return "docx"


def _extract_pdf(path: Path, name: str) -> Extracted:

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an owner password only and open without one.
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                opened = 0
            if not opened:
                raise ExtractionError(
                    "encrypted_pdf",
                    f"“{name}” is password-protected, so its text cannot be read. Open it, print or export it to "
                    "a new PDF without a password, and upload that copy.",
                )
        page_count = len(reader.pages)
        if page_count > MAX_PAGES:
            raise ExtractionError(
                "too_many_pages",
                f"“{name}” has {page_count} pages; a résumé here may have at most {MAX_PAGES}. "
                "Upload just the pages of your résumé.",
            )
        parts: list[str] = []
        total = 0
        images = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            total += len(text)
            images += _image_count(page)
            if total >= MAX_TEXT_CHARS:
                break
    except ExtractionError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise ExtractionError(
            "encrypted_pdf",
            f"“{name}” is password-protected, so its text cannot be read. Export it to a new PDF without a "
            "password and upload that copy.",
        ) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError):
        raise ExtractionError(
            "corrupt_pdf",
            f"“{name}” starts like a PDF but is damaged and cannot be opened. Export or download it again and "
            "upload the fresh copy.",
        ) from None
    text = _clean("\n\n".join(parts))
    if not text.strip():
        if images:
            raise ExtractionError(
                "scanned_pdf",
                f"“{name}” looks like a scanned document: its {page_count} page{'s' * (page_count != 1)} hold "
                "images but no selectable text, so there is nothing to read. Export the PDF from your word "
                "processor instead, or upload a .docx or .txt version.",
            )
        raise ExtractionError(
            "no_text_pdf",
            f"“{name}” has no text in it (its pages are blank or drawn as shapes). Export the PDF from your word "
            "processor with text, or upload a .docx or .txt version.",
        )
    truncated = len(text) > MAX_TEXT_CHARS
    return Extracted("pdf", text[:MAX_TEXT_CHARS], page_count, truncated)


def _image_count(page) -> int:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get_object().get("/XObject") if resources else None
        if not xobjects:
            return 0
        xobjects = xobjects.get_object()
        return sum(1 for key in xobjects if xobjects[key].get_object().get("/Subtype") == "/Image")
    except Exception:  # a damaged resource dictionary only means "no image known"
        return 0


def _extract_docx(path: Path, name: str) -> Extracted:

    try:
        document = docx.Document(str(path))
        parts: list[str] = []
        for section in document.sections:
            parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(_docx_blocks(document))
        for section in document.sections:
            parts.extend(p.text for p in section.footer.paragraphs)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as error:
        raise ExtractionError(
            "corrupt_docx",
            f"“{name}” is a damaged Word document and cannot be opened. Open it in Word or LibreOffice, save a "
            "fresh copy (or export a PDF) and upload that.",
        ) from error
    except Exception as error:  # lxml and python-docx raise many types on broken XML
        raise ExtractionError(
            "corrupt_docx",
            f"“{name}” is a damaged Word document and cannot be read. Save a fresh copy (or export a PDF) and "
            "upload that.",
        ) from error
    text = _clean("\n".join(part for part in parts if part.strip()))
    return Extracted("docx", text[:MAX_TEXT_CHARS], None, len(text) > MAX_TEXT_CHARS)


def _docx_blocks(document):
    """Paragraphs and table cells in document order (résumés often lay out in tables)."""

    total = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            texts = [block.text]
        elif isinstance(block, Table):
            texts = [" | ".join(dict.fromkeys(cell.text for cell in row.cells)) for row in block.rows]
        else:
            continue
        for text in texts:
            total += len(text)
            yield text
        if total > MAX_TEXT_CHARS:
            return


def _extract_txt(path: Path) -> Extracted:
    with path.open("rb") as handle:
        raw = handle.read(MAX_TEXT_CHARS * 4 + 4)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # A cut multi-byte character at the read limit is fine; anything else is a legacy encoding.
            text = (
                raw[: error.start].decode("utf-8-sig")
                if error.start >= len(raw) - 4
                else raw.decode("cp1252", "replace")
            )
    text = _clean(text)
    return Extracted("txt", text[:MAX_TEXT_CHARS], None, len(text) > MAX_TEXT_CHARS)


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# ------------------------------------------------------------------------------------------------
# Isolation: a child process with a deadline
# ------------------------------------------------------------------------------------------------
def extract_file_isolated(path: str | Path, filename: str, *, timeout: float = TIMEOUT_SECONDS) -> Extracted:
    """``extract_file`` in a child process, killed after ``timeout`` seconds (wall clock) and limited in CPU
    time and memory, so a hostile file cannot hang or exhaust the web worker that received it."""
    name = _display_name(filename)
    try:
        # -I: no environment variables, no user site, nothing from the working directory on sys.path.
        completed = subprocess.run(
            [sys.executable, "-I", str(Path(__file__).resolve()), str(path), filename],
            capture_output=True,
            timeout=timeout,
            env={"PATH": os.environ.get("PATH", "")},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError(
            "timeout",
            f"Reading “{name}” took too long, so we stopped (this happens with very complex or damaged PDFs). "
            "Export it again from your word processor, or upload a .docx or .txt version.",
        ) from None
    try:
        payload = json.loads(completed.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        payload = None
    if not isinstance(payload, dict):
        raise ExtractionError(
            "crashed",
            f"“{name}” could not be read (the reader ran out of memory or crashed on it). Export it again, or "
            "upload a .docx or .txt version.",
        )
    if "error" in payload:
        raise ExtractionError(payload["error"]["code"], payload["error"]["message"])
    return Extracted(**payload["result"])


def _limit_child() -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
        cpu = int(TIMEOUT_SECONDS) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    except (ValueError, OSError):  # limits already lower, or limits already lower: the timeout still holds
        pass


def main(argv: list[str]) -> int:
    _limit_child()
    sys.setrecursionlimit(5_000)
    try:
        result = extract_file(argv[0], argv[1])
    except ExtractionError as error:
        payload: dict = {"error": {"code": error.code, "message": error.message}}
    else:
        payload = {"result": asdict(result)}
    sys.stdout.write(json.dumps(payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
