from django.core.management.base import BaseCommand, CommandError

from coding.problem_bank import PROBLEMS_DIR, ProblemBankError, read_bank
from coding.services_bank import problem_bank_sync


class Command(BaseCommand):
    help = (
        "Load the coding problems from coding/data/problems/<slug>/ (format: coding/data/README.md). "
        "Idempotent: matches on the slug, creates new problems, updates changed ones, replaces a problem's "
        "test cases only when they changed, and leaves problems edited by staff in admin untouched. Every "
        "problem is validated before anything is written. --prune deactivates problems no longer in the files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--prune", action="store_true", help="Deactivate problems missing from the files.")
        parser.add_argument("--path", default=str(PROBLEMS_DIR), help="Folder of problem folders (default: bundled).")

    def handle(self, *args, **options):
        try:
            problems = read_bank(options["path"])
        except ProblemBankError as exc:
            raise CommandError(f"Problems not loaded: {exc}") from exc
        counts = problem_bank_sync(problems=problems, prune=options["prune"])
        tests = sum(len(p["tests"]) for p in problems)
        self.stdout.write(self.style.SUCCESS(f"Problem bank: {len(problems)} problems, {tests} tests in the files."))
        self.stdout.write(
            "  created: {created}, updated: {updated} (tests replaced: {tests_replaced}), unchanged: {unchanged}, "
            "skipped (edited by staff): {skipped}, deactivated: {deactivated}".format(**counts)
        )
