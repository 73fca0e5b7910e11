"""Deleting a user deletes their interview media (résumé files, recordings and their folders).

The user model lives in ``accounts``, which must not import ``interviews``, so this crosses the app
boundary with a ``pre_delete`` receiver (the one kind of signal the house style allows). The rows go by
cascade; the file names are collected before the delete and removed once the transaction commits, so a
rolled-back account deletion keeps every file. Connected at start-up (see ``interviews/admin.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from interviews.models import Resume
from interviews.services.resumes import delete_stored_files
from interviews.services.setup import delete_media, user_media_names


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="interviews.delete_user_media")
def delete_user_media(sender, instance, **kwargs) -> None:
    resumes, paths, folders = user_media_names(user=instance)
    storage = Resume._meta.get_field("file").storage or default_storage

    def _delete() -> None:
        delete_stored_files(storage=storage, names=resumes)
        delete_media(paths=paths, folders=folders)

    transaction.on_commit(_delete)
