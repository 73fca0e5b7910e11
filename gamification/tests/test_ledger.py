import datetime
import threading

import pytest
from django.db import close_old_connections, connection

from gamification.models import Progress, XPEvent
from gamification.services import local_day, practice_record, xp_award

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(y, m, d, h=12):
    return datetime.datetime(y, m, d, h, tzinfo=UTC)


def test_an_award_is_counted_once_per_source(candidate):
    first = xp_award(user=candidate, source="interview", source_key="session:1", amount=50, reason="Interview")
    again = xp_award(user=candidate, source="interview", source_key="session:1", amount=50, reason="Interview")
    assert first is not None
    assert again is None
    progress = Progress.objects.get(user=candidate)
    assert progress.xp == 50
    assert XPEvent.objects.filter(user=candidate).count() == 1


def test_crossing_a_threshold_levels_up(candidate):
    xp_award(user=candidate, source="interview", source_key="s1", amount=90, reason="r")
    award = xp_award(user=candidate, source="interview", source_key="s2", amount=20, reason="r")
    assert award.levelled_up
    assert (award.level_before, award.level_after) == (1, 2)


def test_practice_days_follow_the_users_time_zone(candidate):
    candidate.time_zone = "America/Los_Angeles"
    candidate.save()
    # 02:00 UTC on the 2nd is still the 1st in Los Angeles.
    assert local_day(user=candidate, moment=at(2026, 3, 2, 2)) == datetime.date(2026, 3, 1)
    practice_record(user=candidate, practiced_at=at(2026, 3, 2, 2))
    practice_record(user=candidate, practiced_at=at(2026, 3, 2, 20))  # the 2nd, local
    practice_record(user=candidate, practiced_at=at(2026, 3, 3, 20))  # the 3rd, local
    progress = Progress.objects.get(user=candidate)
    assert (progress.current_streak, progress.longest_streak) == (3, 3)


@pytest.mark.django_db(transaction=True)
def test_parallel_awards_lose_no_update(candidate):
    if connection.vendor == "sqlite":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises whole-database writes")
    writers, each = 8, 10
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def award(worker: int) -> None:
        try:
            barrier.wait()
            for n in range(each):
                xp_award(
                    user=candidate,
                    source="answer",
                    source_key=f"{worker}:{n}",
                    amount=5,
                    reason="r",
                    practiced_at=at(2026, 3, 1),
                )
                # and a duplicate of someone else's, which must be refused
                xp_award(user=candidate, source="answer", source_key=f"0:{n}", amount=5, reason="dup")
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=award, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:2]
    progress = Progress.objects.get(user=candidate)
    assert progress.xp == writers * each * 5
    assert XPEvent.objects.filter(user=candidate).count() == writers * each
    assert progress.current_streak == 1
