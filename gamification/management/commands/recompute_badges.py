from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from gamification.services import badges_evaluate


class Command(BaseCommand):
    help = (
        "Re-evaluate every badge rule for every active user and award the badges they have earned but lack "
        "(e.g. after a new badge ships). Idempotent: earned badges are never duplicated or removed."
    )

    def handle(self, *args, **options):
        users = awarded = 0
        for user in get_user_model().objects.filter(is_active=True).iterator():
            users += 1
            awarded += len(badges_evaluate(user=user))
        self.stdout.write(f"users: {users}, badges awarded: {awarded}")
