from django.core.management.base import BaseCommand, CommandError

from copilot.data.bank import QUESTIONS_DIR, BankError, read_bank
from copilot.services import question_bank_sync


class Command(BaseCommand):
    help = (
        "Load the curated interview questions from copilot/data/questions/*.jsonl into the question bank. "
        "Idempotent: matches on `key`, creates new questions, updates changed ones, leaves questions edited "
        "by staff in admin untouched. Every file is validated before anything is written. --prune "
        "deactivates questions whose key is no longer in the files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--prune", action="store_true", help="Deactivate questions missing from the files.")
        parser.add_argument("--path", default=str(QUESTIONS_DIR), help="Folder of *.jsonl files (default: bundled).")

    def handle(self, *args, **options):
        try:
            rows = read_bank(options["path"])
        except BankError as exc:
            raise CommandError(f"Question bank not loaded: {exc}") from exc
        counts = question_bank_sync(rows=rows, prune=options["prune"])
        self.stdout.write(self.style.SUCCESS(f"Question bank: {len(rows)} questions in the files."))
        self.stdout.write(
            "  created: {created}, updated: {updated}, unchanged: {unchanged}, "
            "skipped (edited by staff): {skipped}, deactivated: {deactivated}".format(**counts)
        )
