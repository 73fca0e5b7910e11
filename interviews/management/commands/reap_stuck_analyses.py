"""Re-queue or fail interviews stuck in analysis (the Celery beat task does the same every 10 minutes)."""

from django.core.management.base import BaseCommand

from interviews.services.analysis import analysis_reap


class Command(BaseCommand):
    help = (
        "Interviews left 'uploaded' or 'analyzing' for longer than the analysis hard time limit + 5 minutes: "
        "never started → queued again; started and silent → failed with '<step>: …'. Safe to run twice or "
        "overlapping (conditional transitions)."
    )

    def handle(self, *args, **options):
        counts = analysis_reap()
        self.stdout.write(f"requeued {counts['requeued']}, failed {counts['failed']}")
