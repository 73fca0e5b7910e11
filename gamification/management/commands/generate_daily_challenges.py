import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from gamification.services import challenges_expire, challenges_generate, local_day

ACTIVE_DAYS = 30


class Command(BaseCommand):
    help = (
        "Create three daily challenges for every active user (signed in or joined within the last 30 days) "
        "for their own local day, personalised to their weakest measured areas, and expire unfinished "
        "challenges past their user's midnight. Idempotent: running it twice, or two copies at once, creates "
        "no duplicates (rows are unique per user, day and kind). Run it from cron, e.g. every hour so each "
        "time zone gets its day early: `7 * * * * cd /srv/arena && .venv/bin/python manage.py "
        "generate_daily_challenges`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Generate for this date (YYYY-MM-DD) instead of each user's today.")

    def handle(self, *args, **options):
        day = None
        if options["date"]:
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date must be YYYY-MM-DD, got {options['date']!r}") from None
        expired = challenges_expire()
        since = timezone.now() - datetime.timedelta(days=ACTIVE_DAYS)
        users = (
            get_user_model().objects.filter(is_active=True).filter(Q(last_login__gte=since) | Q(date_joined__gte=since))
        )
        created = users_seen = 0
        for user in users.iterator():
            users_seen += 1
            created += challenges_generate(user=user, day=day or local_day(user=user))
        self.stdout.write(f"users: {users_seen}, challenges created: {created}, expired: {expired}")
