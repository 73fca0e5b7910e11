"""The embedded default must take 20 concurrent writers without "database is locked"."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from accounts.models import User

WRITERS = 20
TRANSACTIONS_EACH = 15


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-specific locking behaviour")
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_writers_never_see_database_is_locked(candidate):
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(index: int) -> None:
        try:
            start.wait()
            for step in range(TRANSACTIONS_EACH):
                # Read-then-write inside one transaction: the pattern that fails with deferred
                # transactions when two connections try to upgrade their read lock at once.
                with transaction.atomic():
                    user = User.objects.get(pk=candidate.pk)
                    User.objects.filter(pk=user.pk).update(target_role=f"writer {index} step {step}")
                    User.objects.create(email=f"w{index}-{step}@example.com", password="!")
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors[:3]
    assert User.objects.filter(email__startswith="w").count() == WRITERS * TRANSACTIONS_EACH
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
