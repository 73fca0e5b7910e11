from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import ExperienceLevel, Tier
from accounts.services import user_create_verified

DEMO_CANDIDATE = {"email": "demo@interview-arena.local", "password": "practice-makes-perfect"}
DEMO_STAFF = {"email": "staff@interview-arena.local", "password": "run-the-arena-2026"}


class Command(BaseCommand):
    help = (
        "Create the demo candidate and a demo staff account, with verified emails. Idempotent: "
        "running it again resets their passwords and profile and creates nothing twice. Refused when "
        "PRODUCTION=1 (the passwords are public)."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo publishes its passwords and is refused when PRODUCTION=1")
        user_create_verified(
            **DEMO_CANDIDATE,
            display_name="Demo Candidate",
            time_zone="UTC",
            target_role="Backend engineer",
            experience_level=ExperienceLevel.MID,
            tier=Tier.PRO,
        )
        user_create_verified(**DEMO_STAFF, display_name="Arena Staff", is_staff=True, is_superuser=True)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  Candidate: {DEMO_CANDIDATE['email']} / {DEMO_CANDIDATE['password']}")
        self.stdout.write(f"  Staff (admin at /admin/): {DEMO_STAFF['email']} / {DEMO_STAFF['password']}")
