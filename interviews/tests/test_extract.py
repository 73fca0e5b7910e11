"""Text extraction on real files, each refusal with its own message. No database."""

from __future__ import annotations

import time

import pytest

from interviews import extract
from interviews.extract import ExtractionError, extract_file, extract_file_isolated, sniff
from interviews.tests import resume_files as files


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(tmp_path, name: str, data: bytes, *, isolated: bool = False) -> ExtractionError:
    path = write(tmp_path, name, data)
    with pytest.raises(ExtractionError) as caught:
        (extract_file_isolated if isolated else extract_file)(path, name)
    return caught.value


def test_it_reads_a_pdf_with_a_text_layer(tmp_path):
    result = extract_file(write(tmp_path, "cv.pdf", files.pdf_bytes(pages=2)), "cv.pdf")
    assert result.kind == "pdf"
    assert result.page_count == 2
    assert "Kubernetes on AWS" in result.text
    assert result.content_type == "application/pdf"
    assert not result.truncated


def test_it_reads_a_docx_with_its_tables(tmp_path):
    result = extract_file(write(tmp_path, "cv.docx", files.docx_bytes()), "cv.docx")
    assert result.kind == "docx"
    assert "Senior Backend Engineer" in result.text
    assert "Skills | Terraform, GraphQL" in result.text


def test_it_reads_plain_text_in_utf8_and_legacy_encodings(tmp_path):
    assert "Celery" in extract_file(write(tmp_path, "cv.txt", files.txt_bytes()), "cv.txt").text
    legacy = ("Résumé — " + files.RESUME_TEXT).encode("cp1252")
    assert extract_file(write(tmp_path, "old.txt", legacy), "old.txt").text.startswith("Résumé")


def test_the_type_comes_from_the_bytes_not_the_name():
    assert sniff(files.pdf_bytes()[:64]) == "pdf"
    assert sniff(files.docx_bytes()[:64]) == "zip"
    assert sniff(files.png_bytes()) == "image:PNG"
    assert sniff(b"plain words") == "txt"
    assert sniff(b"\x00\x01\x02binary") == "binary"


def test_a_scanned_pdf_is_explained(tmp_path):
    error = refused(tmp_path, "scan.pdf", files.scanned_pdf_bytes(pages=2))
    assert error.code == "scanned_pdf"
    assert "scanned" in error.message
    assert "2 pages" in error.message


def test_a_pdf_without_any_text_or_image_is_explained(tmp_path):
    error = refused(tmp_path, "blank.pdf", files.blank_pdf_bytes())
    assert error.code == "no_text_pdf"


def test_an_encrypted_pdf_is_explained(tmp_path):
    error = refused(tmp_path, "locked.pdf", files.pdf_bytes(encrypt_with="secret"))
    assert error.code == "encrypted_pdf"
    assert "password-protected" in error.message


def test_a_pdf_with_an_owner_password_only_is_read(tmp_path):
    # Encrypted with an empty user password: it opens without one, like in any viewer.
    result = extract_file(write(tmp_path, "owner.pdf", files.pdf_bytes(encrypt_with="")), "owner.pdf")
    assert "Kubernetes" in result.text


def test_an_empty_file_is_explained(tmp_path):
    error = refused(tmp_path, "cv.pdf", b"")
    assert error.code == "empty"
    assert "empty (0 bytes)" in error.message


def test_a_one_byte_file_is_explained(tmp_path):
    error = refused(tmp_path, "cv.txt", b"x")
    assert error.code == "too_little_text"
    assert "only 1 character " in error.message


def test_a_png_named_pdf_is_called_an_image(tmp_path):
    error = refused(tmp_path, "cv.pdf", files.png_bytes())
    assert error.code == "image"
    assert "PNG image (despite its .pdf name)" in error.message


def test_a_zip_named_docx_is_called_a_zip(tmp_path):
    error = refused(tmp_path, "cv.docx", files.zip_bytes())
    assert error.code == "zip"
    assert "ZIP archive (despite its .docx name), not a Word document" in error.message


def test_text_named_docx_is_called_text(tmp_path):
    error = refused(tmp_path, "cv.docx", files.txt_bytes())
    assert error.code == "mismatch"
    assert "named .docx but is really plain text" in error.message


def test_a_pdf_named_txt_is_a_mismatch(tmp_path):
    error = refused(tmp_path, "cv.txt", files.pdf_bytes())
    assert error.code == "mismatch"
    assert "really a PDF" in error.message


def test_a_truncated_pdf_is_called_damaged(tmp_path):
    data = files.pdf_bytes()
    error = refused(tmp_path, "cut.pdf", data[:200])
    assert error.code in {"corrupt_pdf", "no_text_pdf"}
    assert "damaged" in error.message or "no text" in error.message


def test_garbage_after_a_pdf_header_is_called_damaged(tmp_path):
    error = refused(tmp_path, "bad.pdf", b"%PDF-1.7\n" + bytes(range(1, 256)) * 40)
    assert error.code == "corrupt_pdf"
    assert "damaged" in error.message


def test_a_broken_docx_is_called_damaged(tmp_path):
    data = files.docx_bytes()
    error = refused(tmp_path, "cv.docx", data[: len(data) // 2])
    assert error.code == "corrupt_docx"


def test_an_old_word_file_is_explained(tmp_path):
    error = refused(tmp_path, "cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert error.code == "legacy_office"


def test_an_unknown_binary_is_refused(tmp_path):
    error = refused(tmp_path, "cv.pdf", bytes(range(256)) * 4)
    assert error.code == "unsupported"


def test_too_many_pages_is_refused_quickly(tmp_path):
    started = time.monotonic()
    error = refused(tmp_path, "book.pdf", files.blank_pdf_bytes(pages=3000))
    assert error.code == "too_many_pages"
    assert "3000 pages" in error.message
    assert time.monotonic() - started < 5


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "MAX_UPLOAD_BYTES", 1000)
    error = refused(tmp_path, "cv.txt", b"a " * 1000)
    assert error.code == "too_large"
    assert "the limit is" in error.message


def test_long_text_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "MAX_TEXT_CHARS", 500)
    result = extract_file(write(tmp_path, "long.txt", ("word " * 2000).encode()), "long.txt")
    assert len(result.text) == 500
    assert result.truncated


def test_isolated_extraction_gives_the_same_results(tmp_path):
    result = extract_file_isolated(write(tmp_path, "cv.pdf", files.pdf_bytes()), "cv.pdf")
    assert "Kubernetes" in result.text
    assert refused(tmp_path, "scan.pdf", files.scanned_pdf_bytes(), isolated=True).code == "scanned_pdf"


def test_isolated_extraction_stops_a_slow_file_at_its_deadline(tmp_path):
    path = write(tmp_path, "cv.pdf", files.pdf_bytes())
    started = time.monotonic()
    with pytest.raises(ExtractionError) as caught:
        extract_file_isolated(path, "cv.pdf", timeout=0.01)
    assert caught.value.code == "timeout"
    assert "took too long" in caught.value.message
    assert time.monotonic() - started < 3
