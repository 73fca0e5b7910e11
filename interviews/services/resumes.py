"""Résumés: upload (extract first, store second), rename, delete.

A file that cannot be read is never stored, and a failed upload leaves every saved résumé as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from interviews.extract import Extracted, extract_file_isolated
from interviews.models import Resume

logger = logging.getLogger(__name__)
NAME_MAX = 120


def resume_create(*, user, upload: UploadedFile, name: str = "") -> Resume:
    """Read ``upload`` in an isolated child (``interviews.extract``), then store file and text together.

    Raises ``ExtractionError`` (with the message for the candidate) before anything is written. The upload
    must be on disk (``TemporaryUploadedFile``; the setup view installs only disk-backed upload handlers).
    """
    extracted = extract_file_isolated(upload.temporary_file_path(), upload.name or "resume")
    return _store(user=user, upload=upload, extracted=extracted, name=name)


def _store(*, user, upload: UploadedFile, extracted: Extracted, name: str) -> Resume:
    original = Path(upload.name or "resume").name[:255]
    resume = Resume(
        user=user,
        name=(name.strip() or Path(original).stem or "Résumé")[:NAME_MAX],
        original_filename=original,
        content_type=extracted.content_type,
        size_bytes=upload.size,
        text=extracted.text,
        page_count=extracted.page_count,
    )
    # The stored name's extension is the real type's, whatever the upload was called.
    resume.file.save(f"resume.{'txt' if extracted.kind == 'txt' else extracted.kind}", File(upload), save=False)
    try:
        with transaction.atomic():
            resume.save()
    except Exception:
        resume.file.storage.delete(resume.file.name)
        raise
    return resume


def resume_rename(*, resume: Resume, name: str) -> Resume:
    resume.name = name.strip()[:NAME_MAX] or resume.name
    resume.save(update_fields=["name", "updated_at"])
    return resume


def resume_delete(*, resume: Resume) -> None:
    """Delete the row; its file goes once the transaction commits (a rollback keeps both)."""
    storage, file_name = resume.file.storage, resume.file.name
    with transaction.atomic():
        resume.delete()
        transaction.on_commit(lambda: delete_stored_files(storage=storage, names=[file_name]))


def delete_stored_files(*, storage, names: list[str]) -> None:
    for file_name in names:
        if not file_name:
            continue
        try:
            storage.delete(file_name)
        except (OSError, SuspiciousFileOperation):  # gone, refused or outside the storage: log and move on
            logger.warning("could not delete stored file %s", file_name, exc_info=True)
